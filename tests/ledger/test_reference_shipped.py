"""The reference data every database gets from migration 0002: regions and NBS industries."""

from __future__ import annotations

import pycountry
import pytest

from taizhang.ledger.models import STRATEGIC_EMERGING_SCHEME, Category, Region
from taizhang.ledger.reference.shipped import load_shipped
from taizhang.ledger.regions import RegionLookup

pytestmark = pytest.mark.django_db

PROVINCES = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
    "710000": "台湾省",
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
}

CHONGQING_DISTRICTS = {
    "500101": "万州区",
    "500102": "涪陵区",
    "500103": "渝中区",
    "500104": "大渡口区",
    "500105": "江北区",
    "500106": "沙坪坝区",
    "500107": "九龙坡区",
    "500108": "南岸区",
    "500109": "北碚区",
    "500110": "綦江区",
    "500111": "大足区",
    "500112": "渝北区",
    "500113": "巴南区",
    "500114": "黔江区",
    "500115": "长寿区",
    "500116": "江津区",
    "500117": "合川区",
    "500118": "永川区",
    "500119": "南川区",
    "500120": "璧山区",
    "500151": "铜梁区",
    "500152": "潼南区",
    "500153": "荣昌区",
    "500154": "开州区",
    "500155": "梁平区",
    "500156": "武隆区",
}

CHONGQING_COUNTIES = {
    "500229": "城口县",
    "500230": "丰都县",
    "500231": "垫江县",
    "500233": "忠县",
    "500235": "云阳县",
    "500236": "奉节县",
    "500237": "巫山县",
    "500238": "巫溪县",
    "500240": "石柱土家族自治县",
    "500241": "秀山土家族苗族自治县",
    "500242": "酉阳土家族苗族自治县",
    "500243": "彭水苗族土家族自治县",
}

FUNCTIONAL_AREAS = {
    "CQ-LJ": ("两江新区", "Liangjiang New Area"),
    "CQ-KXC": ("西部（重庆）科学城", "Western (Chongqing) Science City"),
    "CQ-JKQ": ("重庆经济技术开发区", "Chongqing Economic and Technological Development Zone"),
    "CQ-GXQ": ("重庆高新技术产业开发区", "Chongqing High-tech Industrial Development Zone"),
    "CQ-WS": ("万盛经济技术开发区", "Wansheng Economic and Technological Development Zone"),
}


def names_by_code(regions) -> dict[str, str]:
    return {region.code: region.name_zh for region in regions}


def test_china_is_a_country_with_no_parent() -> None:
    china = Region.objects.get(code="CN")
    assert (china.name_zh, china.name_en, china.level) == ("中国", "China", "country")
    assert china.parent is None
    assert china.path == "/CN/"


def test_china_has_its_34_province_level_divisions_with_gb_t_2260_codes() -> None:
    provinces = Region.objects.filter(level=Region.Level.PROVINCE)
    assert names_by_code(provinces) == PROVINCES
    assert {province.parent.code for province in provinces} == {"CN"}


def test_hong_kong_macao_and_taiwan_are_provinces_of_china_never_countries() -> None:
    for code, english in (("810000", "Hong Kong"), ("820000", "Macao"), ("710000", "Taiwan")):
        region = Region.objects.get(code=code)
        assert region.level == Region.Level.PROVINCE
        assert region.name_en == english
        assert region.is_within(Region.objects.get(code="CN"))
    assert not Region.objects.filter(code__in=["HK", "MO", "TW"]).exists()
    countries = Region.objects.filter(level=Region.Level.COUNTRY)
    assert not countries.filter(name_zh__contains="香港").exists()
    assert not countries.filter(name_zh__contains="台湾").exists()
    assert not countries.filter(name_en__icontains="taiwan").exists()


def test_every_other_iso_country_is_a_top_level_country() -> None:
    countries = Region.objects.filter(level=Region.Level.COUNTRY)
    assert countries.count() == len(pycountry.countries) - 3  # less HK, MO and TW
    assert not countries.filter(parent__isnull=False).exists()
    usa = Region.objects.get(code="US")
    assert (usa.name_zh, usa.name_en, usa.path) == ("美国", "United States", "/US/")


def test_country_names_are_those_a_chinese_government_document_uses() -> None:
    names = names_by_code(Region.objects.filter(code__in=["KR", "KP", "KH", "GT", "MN", "CD"]))
    assert names == {
        "KR": "韩国",
        "KP": "朝鲜",
        "KH": "柬埔寨",
        "GT": "危地马拉",
        "MN": "蒙古国",
        "CD": "刚果（金）",
    }


def test_chongqing_has_exactly_its_38_districts_and_counties_directly_under_it() -> None:
    chongqing = Region.objects.get(code="500000")
    children = chongqing.children.exclude(level=Region.Level.FUNCTIONAL_AREA)
    assert names_by_code(children.filter(level=Region.Level.DISTRICT)) == CHONGQING_DISTRICTS
    assert names_by_code(children.filter(level=Region.Level.COUNTY)) == CHONGQING_COUNTIES
    assert children.count() == 38


def test_kaizhou_liangping_and_wulong_are_districts_since_2016() -> None:
    for code, name, old_name in (
        ("500154", "开州区", "开县"),
        ("500155", "梁平区", "梁平县"),
        ("500156", "武隆区", "武隆县"),
    ):
        region = Region.objects.get(code=code)
        assert (region.name_zh, region.level) == (name, Region.Level.DISTRICT)
        assert old_name in region.aliases


def test_no_gb_t_2260_grouping_code_is_shipped() -> None:
    assert not Region.objects.filter(code__in=["500100", "500200"]).exists()


def test_chongqing_s_five_functional_areas_have_the_system_s_own_codes() -> None:
    areas = Region.objects.filter(level=Region.Level.FUNCTIONAL_AREA)
    assert {area.code: (area.name_zh, area.name_en) for area in areas} == FUNCTIONAL_AREAS
    assert {area.parent.code for area in areas} == {"500000"}
    assert Region.objects.get(code="CQ-LJ").path == "/CN/500000/CQ-LJ/"


def test_within_chongqing_holds_chongqing_its_districts_counties_and_areas() -> None:
    chongqing = Region.objects.get(code="500000")
    expected = {"500000", *CHONGQING_DISTRICTS, *CHONGQING_COUNTIES, *FUNCTIONAL_AREAS}
    assert set(Region.objects.within(chongqing).values_list("code", flat=True)) == expected


def test_within_liangjiang_is_liangjiang_alone() -> None:
    liangjiang = Region.objects.get(code="CQ-LJ")
    assert list(Region.objects.within(liangjiang)) == [liangjiang]


def test_is_within_follows_the_parents() -> None:
    yubei = Region.objects.get(code="500112")
    chongqing = Region.objects.get(code="500000")
    china = Region.objects.get(code="CN")
    assert yubei.is_within(chongqing)
    assert yubei.is_within(china)
    assert yubei.is_within(yubei)
    assert not chongqing.is_within(yubei)
    assert not yubei.is_within(Region.objects.get(code="510000"))
    assert not yubei.is_within(Region.objects.get(code="CQ-LJ"))


def test_the_nine_nbs_strategic_emerging_industries_are_there_in_order() -> None:
    categories = Category.objects.filter(scheme__code=STRATEGIC_EMERGING_SCHEME)
    assert [(c.code, c.position, c.name_zh, c.name_en) for c in categories] == [
        ("1", 1, "新一代信息技术产业", "Next-generation information technology"),
        ("2", 2, "高端装备制造产业", "High-end equipment manufacturing"),
        ("3", 3, "新材料产业", "New materials"),
        ("4", 4, "生物产业", "Biotechnology"),
        ("5", 5, "新能源汽车产业", "New energy vehicles"),
        ("6", 6, "新能源产业", "New energy"),
        ("7", 7, "节能环保产业", "Energy conservation and environmental protection"),
        ("8", 8, "数字创意产业", "Digital creativity"),
        ("9", 9, "相关服务业", "Related services"),
    ]
    assert not categories.filter(is_other=True).exists()


def test_every_shipped_name_and_alias_names_exactly_one_region() -> None:
    lookup = RegionLookup.from_database()
    for region in lookup.regions:
        for name in (region.code, region.name_zh, region.name_en, *region.aliases):
            assert lookup.resolve(name) == region, name


def test_loading_the_shipped_data_again_changes_nothing() -> None:
    before = list(Region.objects.values_list("code", "path", "name_zh", "aliases"))
    result = load_shipped()
    assert (result.created, result.updated, result.moved) == (0, 0, 0)
    assert result.unchanged == len(before)
    assert list(Region.objects.values_list("code", "path", "name_zh", "aliases")) == before
    assert Category.objects.filter(scheme__code=STRATEGIC_EMERGING_SCHEME).count() == 9

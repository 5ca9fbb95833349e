"""RegionLookup: what a ledger cell's region column says, resolved without a query per row."""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.ledger.models import Region
from taizhang.ledger.reference.csvfile import parse_region_csv
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.regions import AmbiguousRegion, RegionLookup, RegionNotFound

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def lookup() -> RegionLookup:
    return RegionLookup.from_database()


@pytest.fixture
def with_chengdu_high_tech_zone() -> None:
    """Chengdu's high-tech zone, which shares the alias 高新区 with Chongqing's."""
    load_regions(
        parse_region_csv(
            "code,name_zh,name_en,level,parent_code,aliases\n"
            "510100,成都市,Chengdu,prefecture,510000,成都\n"
            "510104,锦江区,Jinjiang District,district,510100,锦江\n"
            "CD-GXQ,成都高新技术产业开发区,Chengdu Hi-tech Zone,area,510100,成都高新区|高新区\n"
        )
    )


def code_of(lookup: RegionLookup, text: str) -> str:
    return lookup.resolve(text).code


def test_it_is_built_with_one_query(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        lookup = RegionLookup.from_database()
        for _ in range(1000):
            lookup.resolve("渝北区")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("500112", "500112"),
        ("渝北区", "500112"),
        ("Yubei District", "500112"),
        ("渝北", "500112"),
        ("Yubei", "500112"),
        ("CQ-LJ", "CQ-LJ"),
        ("两江新区", "CQ-LJ"),
        ("两江", "CQ-LJ"),
        ("Liangjiang New Area", "CQ-LJ"),
        ("重庆经开区", "CQ-JKQ"),
        ("西部（重庆）科学城", "CQ-KXC"),
        ("西部(重庆)科学城", "CQ-KXC"),
        ("石柱", "500240"),
        ("Shizhu Tujia Autonomous County", "500240"),
        ("开县", "500154"),
        ("Hong Kong SAR", "810000"),
        ("Macau", "820000"),
        ("HK", "810000"),
        ("中国台湾", "710000"),
        ("美国", "US"),
        ("United States of America", "US"),
    ],
)
def test_a_region_is_found_by_code_name_english_name_or_alias(
    lookup: RegionLookup, text: str, code: str
) -> None:
    assert code_of(lookup, text) == code


@pytest.mark.parametrize(
    "text",
    ["  渝北区 ", "ＹＵＢＥＩ　ＤＩＳＴＲＩＣＴ", "yubei district", "５００１１２", "渝 北 区"],
)
def test_case_full_width_characters_and_spaces_do_not_matter(
    lookup: RegionLookup, text: str
) -> None:
    assert code_of(lookup, text) == "500112"


def test_a_name_written_after_its_city_and_province_is_found(lookup: RegionLookup) -> None:
    assert code_of(lookup, "重庆市渝北区") == "500112"
    assert code_of(lookup, "中国重庆市两江新区") == "CQ-LJ"
    assert lookup.get("四川省渝北区") is None  # 渝北区 is not in Sichuan


def test_an_unknown_name_is_not_found_with_close_names_suggested(lookup: RegionLookup) -> None:
    with pytest.raises(RegionNotFound) as raised:
        lookup.resolve("渝北去")
    assert [region.code for region in raised.value.suggestions] == ["500112"]
    assert raised.value.message.startswith(
        "“渝北去” is not a known region; did you mean 渝北区 (500112)?"
    )


def test_a_name_like_nothing_known_is_not_found_without_suggestions(
    lookup: RegionLookup,
) -> None:
    with pytest.raises(RegionNotFound) as raised:
        lookup.resolve("Mars Colony")
    assert raised.value.suggestions == []
    assert "“Mars Colony” is not a known region" in raised.value.message


def test_an_empty_cell_is_not_found(lookup: RegionLookup) -> None:
    with pytest.raises(RegionNotFound) as raised:
        lookup.resolve("  ")
    assert raised.value.message == "no region is given; write a region's code or name."


@pytest.mark.usefixtures("with_chengdu_high_tech_zone")
def test_a_name_two_regions_share_is_ambiguous_and_names_both() -> None:
    lookup = RegionLookup.from_database()
    with pytest.raises(AmbiguousRegion) as raised:
        lookup.resolve("高新区")
    assert {region.code for region in raised.value.candidates} == {"CQ-GXQ", "CD-GXQ"}
    assert "(CQ-GXQ)" in raised.value.message
    assert "(CD-GXQ)" in raised.value.message
    assert code_of(lookup, "成都高新区") == "CD-GXQ"
    assert lookup.get("高新区") is None


@pytest.mark.usefixtures("with_chengdu_high_tech_zone")
def test_a_shared_name_resolves_to_the_one_within_the_preferred_region() -> None:
    lookup = RegionLookup.from_database()
    chongqing = Region.objects.get(code="500000")
    chengdu = Region.objects.get(code="510100")
    assert lookup.resolve("高新区", prefer=chongqing).code == "CQ-GXQ"
    assert lookup.resolve("高新区", prefer=chengdu).code == "CD-GXQ"


@pytest.mark.usefixtures("with_chengdu_high_tech_zone")
def test_a_lookup_within_a_region_knows_only_that_region_and_those_under_it() -> None:
    lookup = RegionLookup.from_database()
    chongqing = lookup.within(Region.objects.get(code="500000"))
    assert code_of(chongqing, "高新区") == "CQ-GXQ"
    assert code_of(chongqing, "重庆") == "500000"
    assert chongqing.get("锦江区") is None
    assert chongqing.get("美国") is None
    assert len(chongqing) == 44


def test_a_lookup_of_countries_and_provinces_finds_investor_origins(
    lookup: RegionLookup,
) -> None:
    origins = lookup.of_levels(Region.Level.COUNTRY, Region.Level.PROVINCE)
    assert code_of(origins, "香港") == "810000"
    assert code_of(origins, "Germany") == "DE"
    assert origins.get("渝北区") is None

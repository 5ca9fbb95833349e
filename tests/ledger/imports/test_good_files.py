"""Good ledgers import whole: both languages, every file kind, every way of writing an amount."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from taizhang.ledger.models import Announcement, Category, Investor, Project, ProjectInvestor

from .conftest import CHINESE, ENGLISH, SIGNED, project, run, write_csv, write_xls, write_xlsx

pytestmark = pytest.mark.django_db


def test_an_english_workbook_creates_each_project_with_its_investors_and_announcement(
    tmp_path, sce2021
):
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        [
            ENGLISH,
            project("Imaging chip packaging base", "Chongqing Xinghe Semiconductor Co., Ltd."),
            project(
                "AI operations centre",
                "Chongqing Zhiyuan AI Co., Ltd.; Huaxia Capital",
                "state",
                "300 million",
                "online",
                "2021-08-23",
                "Liangjiang New Area",
                "Digital economy",
            ),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert (report.rows_read, report.created, report.written) == (2, 2, True)
    chip = Project.objects.get(name="Imaging chip packaging base")
    assert chip.event == sce2021
    assert chip.value == Decimal("120000000.00")
    assert (chip.mode, chip.signing_date, chip.region.code) == ("offline", SIGNED, "500112")
    assert chip.lead_investor.name_en == "Chongqing Xinghe Semiconductor Co., Ltd."
    assert chip.lead_investor.type == "private"
    assert list(chip.announcements.values_list("event__code", flat=True)) == ["SCE2021"]
    centre = Project.objects.get(name="AI operations centre")
    assert centre.value == Decimal("300000000.00")
    assert centre.region.code == "CQ-LJ"
    assert [link.investor.name for link in centre.investor_links.all()] == [
        "Chongqing Zhiyuan AI Co., Ltd.",
        "Huaxia Capital",
    ]
    assert centre.lead_investor.type == "state"
    assert Investor.objects.get(name_en="Huaxia Capital").type == "other"


def test_a_chinese_workbook_with_the_unit_in_the_header_reads_every_amount_in_it(tmp_path, sce2021):
    headers = [*CHINESE[:3], "合同投资额（亿元）", *CHINESE[4:]]
    path = write_xlsx(
        tmp_path / "台账.xlsx",
        [
            headers,
            project(
                "影像芯片封测项目", "重庆星河半导体有限公司", "民营", Decimal("1.2"), "线下签约"
            ),
            project("智能停车平台", "重庆泊车科技有限公司", "国企", Decimal("12.5"), "云签约"),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    values = dict(Project.objects.values_list("name", "value"))
    assert values == {
        "影像芯片封测项目": Decimal("120000000.00"),
        "智能停车平台": Decimal("1250000000.00"),
    }
    parking = Project.objects.get(name="智能停车平台")
    assert (parking.mode, parking.lead_investor.type) == ("online", "state")


def test_amounts_in_wan_yuan_and_units_in_cells_that_override_the_header(tmp_path, sce2021):
    headers = [*CHINESE[:3], "合同投资额(万元)", *CHINESE[4:]]
    path = write_xlsx(
        tmp_path / "wan.xlsx",
        [
            headers,
            project("万元项目", value=Decimal("12000")),
            project("亿元写在单元格", value="3亿元"),
            project("英文单位", value="46.3 billion"),
            project("人民币符号", value="¥2,680 million"),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert dict(Project.objects.values_list("name", "value")) == {
        "万元项目": Decimal("120000000.00"),
        "亿元写在单元格": Decimal("300000000.00"),
        "英文单位": Decimal("46300000000.00"),
        "人民币符号": Decimal("2680000000.00"),
    }


def test_a_us_dollar_amount_is_converted_at_the_events_rate_keeping_the_original(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "usd.xlsx",
        [ENGLISH, project("Light guide plate base", value="US$100 million")],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    plate = Project.objects.get()
    assert plate.value == Decimal("647680000.00")
    assert (plate.original_value, plate.currency) == (Decimal("100000000.00"), "USD")


def test_an_xls_workbook_written_by_xlwt_imports_like_an_xlsx(tmp_path, sce2021):
    path = write_xls(
        tmp_path / "ledger.xls",
        [
            [*CHINESE[:3], "合同投资额（亿元）", *CHINESE[4:]],
            project("老格式项目", value=Decimal("2.5"), date=datetime.date(2021, 8, 23)),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    old = Project.objects.get()
    assert (old.value, old.signing_date) == (Decimal("250000000.00"), SIGNED)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_in_each_encoding_a_clerk_saves_imports_the_same(tmp_path, sce2021, encoding):
    path = write_csv(
        tmp_path / "ledger.csv",
        [
            CHINESE,
            project("重庆两江智能工厂", "重庆两江机器人有限公司；华夏投资", "民营", "12亿元"),
        ],
        encoding,
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    factory = Project.objects.get()
    assert factory.name == "重庆两江智能工厂"
    assert factory.value == Decimal("1200000000.00")
    assert [link.investor.name_zh for link in factory.investor_links.all()] == [
        "重庆两江机器人有限公司",
        "华夏投资",
    ]


def test_optional_columns_fill_the_project(tmp_path, sce2021):
    headers = [
        *ENGLISH,
        "Project code",
        "Responsible unit",
        "Responsible person",
        "Planned start",
        "Project type",
        "Strategic emerging industry",
        "Investor origin",
        "Description",
    ]
    path = write_xlsx(
        tmp_path / "full.xlsx",
        [
            headers,
            project(
                "New energy vehicle park",
                "Changan Automobile",
                "state",
                "10.2 billion",
                "offline",
                SIGNED,
                "两江新区",
                "Intelligent manufacturing",
                "2018-500000-36-03-000001",
                "两江新区管委会",
                "王主任",
                datetime.date(2019, 3, 1),
                "new",
                "新能源汽车产业",
                "广东省",
                "新能源汽车产业园",
            ),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    park = Project.objects.get()
    assert park.project_code == "2018-500000-36-03-000001"
    assert (park.responsible_unit, park.responsible_person) == ("两江新区管委会", "王主任")
    assert park.planned_start == datetime.date(2019, 3, 1)
    assert park.project_type == "new"
    assert park.strategic_emerging is True
    assert park.strategic_emerging_category.code == "5"
    assert park.lead_investor.origin.code == "440000"
    assert park.description == "新能源汽车产业园"


def test_sectors_are_created_on_first_use_and_listed_in_the_summary(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "sectors.xlsx",
        [
            CHINESE,
            project("甲项目", sector="智能制造"),
            project("乙项目", sector="数字经济"),
            project("丙项目", sector="智能制造"),
            project("丁项目", sector="其他"),
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert report.categories == ["智能制造", "数字经济", "其他"]
    assert "3 sector categories created (智能制造, 数字经济, 其他)" in report.as_text()
    with translation.override("zh-hans"):
        assert "新建行业领域类别3个（智能制造、数字经济、其他）" in report.as_text()
    scheme = sce2021.sector_scheme
    assert sorted(Category.objects.filter(scheme=scheme).values_list("name_zh", flat=True)) == [
        "其他",
        "数字经济",
        "智能制造",
    ]
    assert Category.objects.get(scheme=scheme, name_zh="其他").is_other


def test_a_new_sector_close_to_an_existing_one_is_created_with_a_warning(tmp_path, sce2021):
    Category.objects.create(scheme=sce2021.sector_scheme, code="IM", name_zh="智能制造")
    path = write_xlsx(tmp_path / "close.xlsx", [CHINESE, project("甲项目", sector="智能制造业")])

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert report.categories == ["智能制造业"]
    assert any("close to the existing “智能制造”" in text for text in map(str, report.warnings))


def test_the_event_column_names_each_rows_event_when_no_event_is_given(tmp_path, sce2021, lj2021):
    path = write_xlsx(
        tmp_path / "events.xlsx",
        [
            [*ENGLISH, "Event"],
            [*project("City project"), "SCE2021"],
            [*project("District project", region="两江新区"), "lj2021"],
        ],
    )

    report = run(path)

    assert report.ok, report.as_text()
    assert Project.objects.get(name="City project").event == sce2021
    assert Project.objects.get(name="District project").event == lj2021


def test_a_sheet_is_chosen_by_name_and_data_may_start_below_and_right_of_a1(tmp_path, sce2021):
    from .conftest import Sheet

    other = Sheet([["说明"], ["这是说明页"]], name="说明")
    ledger = Sheet([[], [], [None, *CHINESE], [None, *project("偏移项目")]], name="台账")
    path = write_xlsx(tmp_path / "two.xlsx", other, ledger)

    report = run(path, event="SCE2021", sheet="台账")

    assert report.ok, report.as_text()
    assert Project.objects.get().name == "偏移项目"


def test_blank_rows_between_projects_are_skipped(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "gaps.xlsx", [CHINESE, project("甲项目"), [], ["  "], project("乙项目")]
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert report.rows_read == 2
    assert Project.objects.count() == 2
    assert ProjectInvestor.objects.count() == 2
    assert Announcement.objects.count() == 2


def test_an_exported_row_in_yuan_with_its_original_amount_and_currency_keeps_both(
    tmp_path, sce2021
):
    headers = [*ENGLISH, "Original amount", "Currency"]
    path = write_csv(
        tmp_path / "exported.csv",
        [headers, [*project("Light guide plate base", value="647680000"), "100000000", "USD"]],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    plate = Project.objects.get()
    assert plate.value == Decimal("647680000.00")
    assert (plate.original_value, plate.currency) == (Decimal("100000000.00"), "USD")


def test_a_currency_without_its_original_amount_is_an_error(tmp_path, sce2021):
    headers = [*ENGLISH, "Original amount", "Currency"]
    path = write_csv(
        tmp_path / "half.csv", [headers, [*project("Plate", value="647680000"), "", "USD"]]
    )

    report = run(path, event="SCE2021")

    assert [problem.field for problem in report.errors] == ["currency"]
    assert "original amount is missing" in str(report.errors[0].message)

"""An .xlsx export: every column, numbers as exact numbers, dates as dates, the words the
importer reads, and text that never runs as a formula."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from taizhang.ledger.exporting import export_ledger
from taizhang.ledger.importing.headers import COLUMNS
from tests.ledger.exports.conftest import Ledger, by_header, exact, read_xlsx, sheet_xml

pytestmark = pytest.mark.django_db

PARTS_PLANT_ZH = {
    "项目名称": "智能网联汽车零部件生产基地项目",
    "投资方": "重庆某某汽车零部件有限公司；某某投资集团有限公司",
    "投资主体类型": "民营",
    "签约方式": "线上签约",
    "签约日期": datetime.date(2021, 8, 23),
    "落地区县": "两江新区",
    "行业领域": "智能制造",
    "签约活动": "SCE2021",
    "投资方来源地": "广东省",
    "战略性新兴产业": "新能源汽车产业",
    "产业链": "智能网联新能源汽车",
    "所在园区": "鱼复工业园",
    "项目类型": "研发",
    "项目代码": "2108-500112-04-01-123456",
    "责任单位": "两江新区管委会",
    "责任人": "张三",
    "计划开工时间": datetime.date(2021, 12, 1),
    "计划投产时间": datetime.date(2023, 6, 30),
    "建设内容": "建设生产线20条\n年产零部件100万套",
    "原币金额": "",
    "币种": "",
}
PARTS_PLANT_EN = {
    "Project name": "智能网联汽车零部件生产基地项目",
    "Investor": "重庆某某汽车零部件有限公司; 某某投资集团有限公司",
    "Investor type": "private",
    "Signing mode": "online",
    "Signing date": datetime.date(2021, 8, 23),
    "Region": "Liangjiang New Area",
    "Sector": "Intelligent manufacturing",
    "Event": "SCE2021",
    "Investor origin": "Guangdong",
    "Strategic emerging industry": "New energy vehicles",
    "Industry chain": "Smart connected new-energy vehicles",
    "Park": "Yufu Industrial Park",
    "Project type": "r&d",
    "Project code": "2108-500112-04-01-123456",
    "Responsible unit": "两江新区管委会",
    "Responsible person": "张三",
    "Planned start": datetime.date(2021, 12, 1),
    "Planned production": datetime.date(2023, 6, 30),
    "Description": "建设生产线20条\n年产零部件100万套",
    "Original amount": "",
    "Currency": "",
}
VALUE_HEADERS = {
    ("zh", "yuan"): "合同投资额（元）",
    ("zh", "wan"): "合同投资额（万元）",
    ("zh", "yi"): "合同投资额（亿元）",
    ("en", "yuan"): "Contract value (CNY)",
    ("en", "wan"): "Contract value (CNY 10 thousand)",
    ("en", "yi"): "Contract value (CNY 100 million)",
}
#: The parts plant's 123,456,789.01 yuan in each unit, exactly.
PARTS_PLANT_VALUE = {
    "yuan": Decimal("123456789.01"),
    "wan": Decimal("12345.678901"),
    "yi": Decimal("1.2345678901"),
}


def export(tmp_path: Path, source, language: str, unit: str = "yuan") -> list[list]:
    path = tmp_path / f"ledger-{language}-{unit}.xlsx"
    export_ledger(source, path, file_format="xlsx", language=language, unit=unit)
    return read_xlsx(path)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("unit", ["yuan", "wan", "yi"])
def test_headers_are_every_column_in_order_with_the_unit_on_the_contract_value(
    ledger: Ledger, tmp_path: Path, language: str, unit: str
):
    header = export(tmp_path, ledger.sce, language, unit)[0]
    expected = [column.zh if language == "zh" else column.en for column in COLUMNS]
    expected[3] = VALUE_HEADERS[language, unit]
    assert header == expected


@pytest.mark.parametrize("unit", ["yuan", "wan", "yi"])
def test_a_chinese_row_says_everything_in_chinese_words_and_the_value_exactly(
    ledger: Ledger, tmp_path: Path, unit: str
):
    row = by_header(export(tmp_path, ledger.sce, "zh", unit))[0]
    value = row.pop(VALUE_HEADERS["zh", unit])
    assert row == PARTS_PLANT_ZH
    assert isinstance(value, float)  # a number, not text
    assert exact(value) == PARTS_PLANT_VALUE[unit]


@pytest.mark.parametrize("unit", ["yuan", "wan", "yi"])
def test_an_english_row_uses_the_stored_keys_and_english_names(
    ledger: Ledger, tmp_path: Path, unit: str
):
    row = by_header(export(tmp_path, ledger.sce, "en", unit))[0]
    value = row.pop(VALUE_HEADERS["en", unit])
    assert row == PARTS_PLANT_EN
    assert exact(value) == PARTS_PLANT_VALUE[unit]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", ["外资", "场外签约", "沙坪坝区", "数字经济", "美国", "否", "新建", "USD"]),
        ("en", ["foreign", "offsite", "Shapingba District", "Digital economy", "United States",
                "no", "new", "USD"]),
    ],
)  # fmt: skip
def test_a_dollar_contract_keeps_its_original_amount_and_currency(
    ledger: Ledger, tmp_path: Path, language: str, expected: list[str]
):
    row = export(tmp_path, ledger.sce, language, "yi")[2]
    keys = [column.key for column in COLUMNS]
    cell = dict(zip(keys, row, strict=True))
    assert exact(cell["value"]) == Decimal("6.4768")
    assert exact(cell["original_value"]) == Decimal("100000000")
    words = ["investor_type", "mode", "region", "sector", "investor_origin"]
    words += ["strategic_emerging", "project_type", "currency"]
    assert [cell[key] for key in words] == expected


def test_the_investor_column_names_investors_by_the_name_that_identifies_them(
    ledger: Ledger, tmp_path: Path
):
    # The English name is a translation: the importer would take it for another investor.
    row = export(tmp_path, ledger.sce, "en")[2]
    assert row[1] == "美国某某半导体公司"


def test_numbers_are_number_cells_in_a_format_showing_the_units_decimals(
    ledger: Ledger, tmp_path: Path
):
    path = tmp_path / "ledger.xlsx"
    export_ledger(ledger.sce, path, language="zh", unit="yi")
    styles = sheet_xml(path, "xl/styles.xml")
    assert 'formatCode="#,##0.00########"' in styles  # up to ten decimals in 亿元
    assert 'formatCode="yyyy-mm-dd"' in styles
    sheet = sheet_xml(path, "xl/worksheets/sheet1.xml")
    assert re.search(r'<c r="D2" s="\d+"><v>1\.2345678901</v></c>', sheet)


def test_dates_are_excel_dates_not_text(ledger: Ledger, tmp_path: Path):
    rows = export(tmp_path, ledger.sce, "en")
    assert all(isinstance(row[5], datetime.date) for row in rows[1:])


def test_the_header_is_bold_frozen_and_filtered(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "ledger.xlsx"
    export_ledger(ledger.sce, path, language="en")
    sheet = sheet_xml(path)
    assert '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' in sheet
    assert '<autoFilter ref="A1:V5"/>' in sheet
    assert re.search(r'<cols><col min="1" max="\d+" width="40\.\d+" customWidth="1"/>', sheet)
    assert "<b/>" in sheet_xml(path, "xl/styles.xml")


def test_formula_like_text_is_a_string_cell_with_a_quote_prefix_never_a_formula(
    ledger: Ledger, tmp_path: Path
):
    path = tmp_path / "ledger.xlsx"
    export_ledger(ledger.sce, path, language="zh")
    rows = read_xlsx(path)
    assert rows[4][:2] == [
        '=HYPERLINK("http://example.com","点击")',
        "@某某科技有限公司；-某某合伙企业",
    ]
    sheet = sheet_xml(path)
    assert "<f>" not in sheet
    name_cell = re.search(r'<c r="A5" s="(\d+)" t="inlineStr">', sheet)
    assert name_cell is not None
    styles = sheet_xml(path, "xl/styles.xml")
    cell_formats = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", styles.split("<cellXfs")[1])
    assert 'quotePrefix="1"' in cell_formats[int(name_cell.group(1))]

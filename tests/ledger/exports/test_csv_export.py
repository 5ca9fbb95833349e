"""A CSV export: UTF-8 with a byte-order mark, exact amounts, ISO dates, quoted formulas."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from taizhang.ledger.exporting import export_ledger
from taizhang.ledger.importing.headers import COLUMNS
from tests.ledger.exports.conftest import Ledger, by_header, read_csv

pytestmark = pytest.mark.django_db


def export(tmp_path: Path, source, language: str, unit: str = "yuan") -> Path:
    path = tmp_path / f"ledger-{language}-{unit}.csv"
    export_ledger(source, path, file_format="csv", language=language, unit=unit)
    return path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_file_starts_with_a_byte_order_mark_so_excel_and_wps_read_utf8(
    ledger: Ledger, tmp_path: Path, language: str
):
    raw = export(tmp_path, ledger.sce, language).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert "项目名称".encode() in raw or b"Project name" in raw


@pytest.mark.parametrize(
    ("unit", "header", "values"),
    [
        ("yuan", "合同投资额（元）", ["123456789.01", "647680000", "1200000000", "500000000"]),
        ("wan", "合同投资额（万元）", ["12345.678901", "64768", "120000", "50000"]),
        ("yi", "合同投资额（亿元）", ["1.2345678901", "6.4768", "12", "5"]),
    ],
)
def test_amounts_are_exact_decimals_in_the_chosen_unit(
    ledger: Ledger, tmp_path: Path, unit: str, header: str, values: list[str]
):
    rows = by_header(read_csv(export(tmp_path, ledger.sce, "zh", unit)))
    assert [row[header] for row in rows] == values
    multiplier = {"yuan": 1, "wan": 10**4, "yi": 10**8}[unit]
    assert Decimal(rows[0][header]) * multiplier == Decimal("123456789.01")


def test_a_chinese_row_has_every_column_in_chinese_words_and_iso_dates(
    ledger: Ledger, tmp_path: Path
):
    rows = read_csv(export(tmp_path, ledger.sce, "zh", "yi"))
    assert rows[0] == [column.zh for column in COLUMNS[:3]] + ["合同投资额（亿元）"] + [
        column.zh for column in COLUMNS[4:]
    ]
    assert rows[1] == [
        "智能网联汽车零部件生产基地项目",
        "重庆某某汽车零部件有限公司；某某投资集团有限公司",
        "民营",
        "1.2345678901",
        "线上签约",
        "2021-08-23",
        "两江新区",
        "智能制造",
        "SCE2021",
        "广东省",
        "新能源汽车产业",
        "智能网联新能源汽车",
        "鱼复工业园",
        "研发",
        "2108-500112-04-01-123456",
        "两江新区管委会",
        "张三",
        "2021-12-01",
        "2023-06-30",
        "建设生产线20条\n年产零部件100万套",
        "",
        "",
    ]


def test_an_english_dollar_contract_row(ledger: Ledger, tmp_path: Path):
    rows = by_header(read_csv(export(tmp_path, ledger.sce, "en", "wan")))
    dollar = rows[1]
    assert dollar["Contract value (CNY 10 thousand)"] == "64768"
    assert (dollar["Original amount"], dollar["Currency"]) == ("100000000", "USD")
    assert (dollar["Investor type"], dollar["Signing mode"], dollar["Region"]) == (
        "foreign",
        "offsite",
        "Shapingba District",
    )
    assert (dollar["Investor origin"], dollar["Strategic emerging industry"]) == (
        "United States",
        "no",
    )


def test_formula_like_text_gets_a_leading_quote_and_nothing_else_does(
    ledger: Ledger, tmp_path: Path
):
    rows = read_csv(export(tmp_path, ledger.sce, "en"))
    formula_row = rows[4]
    assert formula_row[0] == '\'=HYPERLINK("http://example.com","点击")'
    assert formula_row[1] == "'@某某科技有限公司; -某某合伙企业"
    untouched = [cell for row in rows for cell in row if not cell.startswith("'")]
    assert len(untouched) == len(rows) * len(COLUMNS) - 2


def test_an_export_can_go_to_an_open_binary_stream(ledger: Ledger):
    stream = io.BytesIO()
    summary = export_ledger(ledger.sce, stream, file_format="csv", language="en")
    assert summary.rows == 4
    text = stream.getvalue().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Project name,Investor,Investor type,")

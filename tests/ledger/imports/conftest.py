"""Events to import into, and real ledger files written at test time by real libraries.

``write_xlsx`` uses XlsxWriter, ``write_xls`` xlwt (a real Excel 97–2003 file), ``write_csv``
the csv module in UTF-8, UTF-8 with a BOM, or GB18030. A row is a list of cell values;
numbers are Decimals (the libraries write them as numbers), dates ``datetime.date`` (written as
date cells), :class:`Formula` a formula cell with its cached value, :class:`Merge` a merged
range.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from taizhang.ledger.importing.pipeline import ImportOptions
from taizhang.ledger.importing.report import ImportReport
from taizhang.ledger.models import Event
from taizhang.ledger.services.events import EventSpec, create_event
from taizhang.ledger.services.imports import import_ledger

#: The required columns, in English and in Chinese.
ENGLISH = [
    "Project name",
    "Investor",
    "Investor type",
    "Contract value",
    "Signing mode",
    "Signing date",
    "Region",
    "Sector",
]
CHINESE = [
    "项目名称",
    "投资方",
    "投资主体类型",
    "合同投资额",
    "签约方式",
    "签约日期",
    "落地区县",
    "行业领域",
]
SIGNED = datetime.date(2021, 8, 23)


@dataclass(frozen=True)
class Formula:
    """A formula cell and the value Excel calculated for it last."""

    text: str
    value: Any


@dataclass(frozen=True)
class Merge:
    """Cells merged from (row, column) to (last row, last column), 0-based, showing ``value``."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int
    value: Any


@dataclass
class Sheet:
    """What a test writes into a workbook: rows, merges, and the sheet's name."""

    rows: list[list[Any]]
    merges: list[Merge] = field(default_factory=list)
    name: str = "台账"


def project(
    name: str,
    investor: str = "重庆星辰科技有限公司",
    investor_type: Any = "private",
    value: Any = "1.2亿元",
    mode: Any = "offline",
    date: Any = SIGNED,
    region: Any = "渝北区",
    sector: Any = "智能制造",
    *more: Any,
) -> list[Any]:
    """A data row for the required columns (ENGLISH or CHINESE order), then ``more`` cells."""
    return [name, investor, investor_type, value, mode, date, region, sector, *more]


def write_xlsx(path: Path, *sheets: Sheet | list[list[Any]]) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for number, sheet in enumerate(sheets):
        sheet = sheet if isinstance(sheet, Sheet) else Sheet(sheet, name=f"Sheet{number + 1}")
        worksheet = workbook.add_worksheet(sheet.name)
        for r, cells in enumerate(sheet.rows):
            for c, value in enumerate(cells):
                if value is None:
                    continue
                if isinstance(value, Formula):
                    worksheet.write_formula(r, c, value.text, None, value.value)
                elif isinstance(value, datetime.date):
                    worksheet.write_datetime(
                        r, c, datetime.datetime.combine(value, datetime.time()), date_format
                    )
                elif isinstance(value, Decimal | int):
                    worksheet.write_number(r, c, value)
                else:
                    worksheet.write_string(r, c, str(value))
        for merge in sheet.merges:
            worksheet.merge_range(
                merge.first_row,
                merge.first_column,
                merge.last_row,
                merge.last_column,
                merge.value,
            )
    workbook.close()
    return path


def write_xls(path: Path, sheet: Sheet | list[list[Any]]) -> Path:
    import xlwt

    sheet = sheet if isinstance(sheet, Sheet) else Sheet(sheet)
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet(sheet.name)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    merged = {(m.first_row, m.first_column) for m in sheet.merges}
    for r, cells in enumerate(sheet.rows):
        for c, value in enumerate(cells):
            if value is None or (r, c) in merged:
                continue
            if isinstance(value, datetime.date):
                worksheet.write(r, c, value, date_style)
            else:
                worksheet.write(r, c, value)
    for merge in sheet.merges:
        worksheet.write_merge(
            merge.first_row, merge.last_row, merge.first_column, merge.last_column, merge.value
        )
    workbook.save(str(path))
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as stream:
        writer = csv.writer(stream)
        for cells in rows:
            writer.writerow(
                [
                    value.isoformat() if isinstance(value, datetime.date) else value
                    for value in cells
                ]
            )
    return path


def run(path: Path, **options: Any) -> ImportReport:
    """Import ``path`` through the service every import goes through."""
    return import_ledger(path, ImportOptions(**options))


def messages(report: ImportReport) -> list[str]:
    return [str(problem.message) for problem in report.errors]


def warnings(report: ImportReport) -> list[str]:
    return [str(problem.message) for problem in report.warnings]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def sce2021(db) -> Event:
    """The city's ceremony, hosted by Chongqing, stating a US dollar rate."""
    return create_event(
        EventSpec(
            code="SCE2021",
            name_en="Smart China Expo 2021 Key Projects Signing Ceremony",
            name_zh="2021智博会重大项目签约仪式",
            series="SCE",
            edition=2021,
            date="2021-08-23",
            host="重庆市",
            rates={"USD": "6.4768"},
        )
    )


@pytest.fixture
def lj2021(db) -> Event:
    """Liangjiang New Area's cloud signing, days before the city's ceremony."""
    return create_event(
        EventSpec(
            code="LJ2021",
            name_en="Liangjiang New Area cloud signing 2021",
            name_zh="两江新区2021云签约",
            series="LJCLOUD",
            edition=2021,
            date="2021-08-18",
            host="两江新区",
        )
    )

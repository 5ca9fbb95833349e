"""Writing a bulletin workbook: typed cells, their formats, tables, and where a chart's data is.

Numbers are numbers: counts as integers, amounts as the double nearest the exact Decimal (the
Decimal itself for any amount of 15 significant digits or fewer), shares as fractions shown as
percentages. Text is always a string cell: nothing a name says becomes a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from taizhang.bulletin.amounts import BILLION, HUNDRED_MILLION, as_number, in_unit
from taizhang.bulletin.wording import label, language_of
from taizhang.ledger.exporting.xlsx import WORKBOOK_OPTIONS, display_width

Output = str | IO[bytes]
#: A cell: its kind (how it is written and shown) and its value; None leaves it blank.
Cell = tuple[str, Any]

#: The kinds of cell a bulletin workbook writes, and how each is shown.
FORMATS: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14},
    "header": {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1},
    "text": {},
    "wrap": {"text_wrap": True, "valign": "top"},
    "count": {"num_format": "#,##0"},
    "year": {"num_format": "0"},
    "change": {"num_format": "+#,##0;-#,##0;0"},
    "unit": {"num_format": "#,##0.0"},
    "usd": {"num_format": "#,##0.00"},
    "yuan": {"num_format": "#,##0.00"},
    "share": {"num_format": "0.00%"},
    "date": {"num_format": "yyyy-mm-dd"},
}
#: Column widths (characters) each kind of number needs, e.g. "252,400,000,000.00".
WIDTHS = {
    "year": 8,
    "count": 10,
    "change": 10,
    "unit": 12,
    "usd": 12,
    "yuan": 20,
    "share": 10,
    "date": 12,
}
#: How big a chart is (pixels), and how many rows it spans on a sheet.
CHART_SIZE = {"width": 640, "height": 340}
CHART_ROWS = 18


class Book:
    """A workbook being written: its formats, and tables written as typed cells."""

    def __init__(self, output: Output, language: str) -> None:
        self.language = language_of(language)
        self.workbook: Workbook = xlsxwriter.Workbook(output, dict(WORKBOOK_OPTIONS))
        self.formats = {kind: self.workbook.add_format(spec) for kind, spec in FORMATS.items()}
        self.unit = HUNDRED_MILLION if self.language == "zh" else BILLION

    def label(self, key: str, **fields: object) -> str:
        return label(key, self.language, **fields)

    def sheet(self, key: str) -> Worksheet:
        """A new worksheet named by the label ``key``, printed landscape, one page wide."""
        sheet = self.workbook.add_worksheet(self.label(key))
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        return sheet

    def amount(self, value: Decimal) -> list[Cell]:
        """An amount as two cells: in the reader's unit, and in yuan."""
        return [("unit", in_unit(value, self.unit)), ("yuan", value)]

    def amount_headers(self) -> list[str]:
        return [self.label("value"), self.label("value_yuan")]

    def write(self, sheet: Worksheet, row: int, column: int, cell: Cell) -> None:
        kind, value = cell
        if value is None:
            sheet.write_blank(row, column, None, self.formats[kind])
        elif kind in ("text", "wrap", "title", "header"):
            sheet.write_string(row, column, str(value), self.formats[kind])
        elif kind == "date":
            sheet.write_datetime(row, column, value, self.formats[kind])
        elif kind in ("count", "change", "year"):
            sheet.write_number(row, column, int(value), self.formats[kind])
        else:
            sheet.write_number(row, column, as_number(value), self.formats[kind])

    def table(
        self,
        sheet: Worksheet,
        top: int,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        freeze: bool = True,
    ) -> int:
        """Write ``header`` at row ``top`` and ``rows`` under it; size the columns; keep the
        header in view (``freeze``); return the row after the table."""
        for column, text in enumerate(header):
            self.write(sheet, top, column, ("header", text))
            widths = [display_width(text) + 2] + [
                display_width(str(value)) + 2 if kind == "text" else WIDTHS.get(kind, 10)
                for kind, value in (row[column] for row in rows)
            ]
            sheet.set_column(column, column, min(max(widths), 50))
        for offset, row in enumerate(rows, start=1):
            for column, cell in enumerate(row):
                self.write(sheet, top + offset, column, cell)
        if freeze:
            sheet.freeze_panes(top + 1, 1)
        return top + 1 + len(rows)

    def close(self) -> None:
        self.workbook.close()


@dataclass(frozen=True)
class Area:
    """Where a table's data rows are on a sheet (first and last row), for a chart to refer to."""

    sheet: str
    first: int
    last: int

"""Writing a ledger export as an .xlsx workbook, streamed row by row.

XlsxWriter's ``constant_memory`` mode writes each row to disk as soon as the next one starts,
so memory stays flat however many projects there are. Amounts are numbers (in the unit's
number format), dates are dates, and every text cell is a string cell: nothing a project's
name says is ever turned into a formula, a number or a link (:mod:`.safety`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _
from xlsxwriter.worksheet import Worksheet

from taizhang.ledger.exporting.errors import ExportError
from taizhang.ledger.exporting.numbers import amount_format, as_double
from taizhang.ledger.exporting.rows import KEYS, Cell, Kind, kind_of
from taizhang.ledger.exporting.safety import is_formula_like
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.numbers import plain_decimal

#: Rows a worksheet holds, the header included.
MAX_ROWS = 1_048_576
#: UTF-16 code units a cell holds.
MAX_TEXT = 32_767
DATE_FORMAT = "yyyy-mm-dd"
SHEET_NAMES = {"en": "Ledger", "zh": "台账"}

#: Options every workbook is made with: text stays text. ``strings_to_formulas`` is what would
#: turn "=…" into a formula through ``write()``; the writers never call ``write()``, and these
#: keep it so should one ever do.
WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

#: Column widths in characters (a Chinese character counts two) for typical content; a longer
#: header widens its column.
WIDTHS: dict[str, int] = {
    "name": 40,
    "investor": 40,
    "investor_type": 10,
    "value": 18,
    "mode": 10,
    "signing_date": 12,
    "region": 16,
    "sector": 18,
    "event": 12,
    "investor_origin": 12,
    "strategic_emerging": 22,
    "industry_chain": 18,
    "park": 20,
    "project_type": 12,
    "project_code": 26,
    "responsible_unit": 22,
    "responsible_person": 12,
    "planned_start": 12,
    "planned_production": 12,
    "description": 50,
    "original_value": 16,
    "currency": 8,
}


def display_width(text: str) -> int:
    """How many character widths ``text`` takes: two for each Chinese (wide) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def column_width(key: str, header: str) -> int:
    """A sensible width for column ``key``: its content's, or its header's and the filter
    button's if wider."""
    return max(WIDTHS.get(key, 12), display_width(header) + 4)


def decimals_of(unit: str) -> int:
    """Decimals an amount in ``unit`` may have: 2 in yuan, 6 in 万元, 10 in 亿元."""
    return 2 + len(str(int(EXPORT_UNITS[unit].multiplier))) - 1


class Formats:
    """The cell formats of a ledger sheet."""

    def __init__(self, workbook: xlsxwriter.Workbook, unit: str) -> None:
        self.header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.value = workbook.add_format({"num_format": amount_format(decimals_of(unit))})
        self.original_value = workbook.add_format({"num_format": amount_format(2)})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        # Excel's quote prefix: the cell stays text when someone edits it.
        self.literal = workbook.add_format({"quote_prefix": True})


def write_xlsx(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], unit: str, language: str
) -> int:
    """Write ``header`` and ``rows`` to the workbook at ``path``; returns the rows written.

    Raises :class:`ExportError` when the rows do not fit a worksheet or a text does not fit a
    cell; the caller discards the partial file.
    """
    options = {**WORKBOOK_OPTIONS, "constant_memory": True, "tmpdir": str(path.parent)}
    workbook = xlsxwriter.Workbook(str(path), options)
    try:
        sheet = workbook.add_worksheet(SHEET_NAMES[language])
        formats = Formats(workbook, unit)
        write_header(sheet, header, formats.header)
        count = 0
        for count, row in enumerate(rows, start=1):
            if count >= MAX_ROWS:
                raise ExportError(
                    _(
                        "The export has more than %(limit)s projects, more than an .xlsx "
                        "worksheet holds: export as CSV (--format csv), or one event at a time "
                        "(--event)."
                    )
                    % {"limit": f"{MAX_ROWS - 1:,}"}
                )
            write_row(sheet, count, row, formats, header)
        sheet.autofilter(0, 0, max(count, 1), len(header) - 1)
    finally:
        workbook.close()
    return count


def write_header(sheet: Worksheet, header: Sequence[str], header_format: Any) -> None:
    """The bold, frozen header row with an appropriate width for each column."""
    for index, (key, text) in enumerate(zip(KEYS, header, strict=True)):
        sheet.set_column(index, index, column_width(key, text))
        sheet.write_string(0, index, text, header_format)
    sheet.freeze_panes(1, 0)


_KINDS = tuple(kind_of(key) for key in KEYS)


def write_row(
    sheet: Worksheet, row_index: int, row: Sequence[Cell], formats: Formats, header: Sequence[str]
) -> None:
    """One project's cells, each as its kind: text, a number in the right format, a date."""
    for index, (key, kind, value) in enumerate(zip(KEYS, _KINDS, row, strict=True)):
        if value is None or value == "":
            continue
        if kind is Kind.AMOUNT:
            assert isinstance(value, Decimal)
            number_format = formats.value if key == "value" else formats.original_value
            number = as_double(value)
            if number is None:  # beyond a double's exact digits: text, which reads back exactly
                sheet.write_string(row_index, index, plain_decimal(value), number_format)
            else:
                sheet.write_number(row_index, index, number, number_format)
        elif kind is Kind.DATE:
            sheet.write_datetime(row_index, index, value, formats.date)
        else:
            text = str(value)
            if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le")) // 2 > MAX_TEXT:
                raise ExportError(
                    _(
                        "Row %(row)s (%(name)s), column “%(header)s”, is longer than a "
                        "spreadsheet cell holds (%(limit)s characters): export as CSV "
                        "(--format csv), which has no such limit."
                    )
                    % {
                        "row": row_index + 1,
                        "name": row[0],
                        "header": header[index],
                        "limit": f"{MAX_TEXT:,}",
                    }
                )
            sheet.write_string(
                row_index, index, text, formats.literal if is_formula_like(text) else None
            )

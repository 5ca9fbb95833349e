"""Reading an .xlsx or .xls sheet with python-calamine, row by row.

python-calamine holds the sheet's cells itself (in Rust, compactly) and hands Python one row
at a time, so the importer's memory is that of one batch of rows beside calamine's own. Its
``iter_rows`` starts at the sheet's first row and at the first column holding anything, which
is why every row is numbered from 1 and columns are offset by ``first_column``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.i18n import join_list
from taizhang.ledger.importing.cells import is_blank
from taizhang.ledger.importing.formulas import FormulaScan, formula_cells
from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.merged import MergedCells
from taizhang.ledger.importing.problems import Problem, Severity, column_letter
from taizhang.ledger.importing.reader import LedgerFileError


class WorkbookSource:
    """A sheet of an .xlsx (``kind="xlsx"``) or .xls (``kind="xls"``) workbook."""

    def __init__(self, path: Path, kind: str, sheet: str | None) -> None:
        import python_calamine

        self.path = path
        self.kind = kind
        try:
            self._workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as error:  # python-calamine raises several kinds for damaged files
            raise LedgerFileError(_unreadable(path, kind, error)) from None
        names = list(self._workbook.sheet_names)
        if not names:
            raise LedgerFileError(_("%(file)s has no sheets.") % {"file": path.name})
        self.sheet_name = _choose_sheet(path, names, sheet)
        # Looked for while calamine loads the sheet (both leave the GIL): see .formulas.
        self._formula_scan = FormulaScan(path, self.sheet_name) if kind == "xlsx" else None
        try:
            self._sheet = self._workbook.get_sheet_by_name(self.sheet_name)
        except Exception as error:
            raise LedgerFileError(_unreadable(path, kind, error)) from None
        start = self._sheet.start
        if start is None:
            raise LedgerFileError(
                _(
                    "The sheet “%(sheet)s” of %(file)s is empty: a ledger has a header row and "
                    "a row for each project."
                )
                % {"sheet": self.sheet_name, "file": path.name}
            )
        self.first_column = start[1]
        self.total_rows = self._sheet.height + start[0]
        self._rows = enumerate(self._sheet.iter_rows(), start=1)
        self.header: Sequence[object] = ()
        self.header_row = 0
        for number, cells in self._rows:
            if any(not is_blank(cell) for cell in cells):
                self.header, self.header_row = cells, number
                break
        self._merged = MergedCells(
            self._sheet.merged_cell_ranges or [], self.header_row - 1, self.first_column
        )

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        """The rows after the header, each with its number as the spreadsheet shows it."""
        return self._rows

    def structure_problems(self, header_map: HeaderMap) -> list[Problem]:
        """Merged header and data cells, and (in an .xlsx) formula cells in ledger columns."""
        problems = self._merged.header_problems()
        problems.extend(self._merged.prepare(header_map))
        if self.kind == "xlsx":
            problems.extend(self._formula_warnings(header_map))
        return problems

    def merged_header_columns(self) -> set[str]:
        """Letters of header cells that are empty because they are merged into another."""
        return self._merged.header_columns()

    @property
    def fills_merged(self) -> bool:
        return self._merged.fills

    def fill_merged(self, number: int, cells: list[object]) -> list[Problem]:
        return self._merged.fill(number, cells)

    def close(self) -> None:
        self._workbook.close()

    def _formula_warnings(self, header_map: HeaderMap) -> list[Problem]:
        columns = {self.first_column + index: key for key, index in header_map.columns.items()}
        found = formula_cells(self.path, self.sheet_name, columns, scan=self._formula_scan)
        problems = []
        for column in sorted(found):
            count, references = found[column]
            index = column - self.first_column
            more = "…" if count > len(references) else ""
            # The value is for programs reading the JSON report, the same in every language.
            value = ", ".join(references) + more
            problems.append(
                Problem(
                    Severity.WARNING,
                    ngettext(
                        "Column %(column)s “%(header)s” has %(count)d formula cell (%(cells)s): "
                        "it is imported as the value Excel or WPS last calculated. If it reads "
                        "empty or wrong, open the file, let it recalculate, and save it; or paste "
                        "the column as values.",
                        "Column %(column)s “%(header)s” has %(count)d formula cells (%(cells)s): "
                        "each is imported as the value Excel or WPS last calculated. If one reads "
                        "empty or wrong, open the file, let it recalculate, and save it; or paste "
                        "the column as values.",
                        count,
                    )
                    % {
                        "column": column_letter(column),
                        "header": header_map.headers[index],
                        "count": count,
                        "cells": join_list(references) + more,
                    },
                    value=value,
                    column=column_letter(column),
                    header=header_map.headers[index],
                    field=columns[column],
                )
            )
        return problems


def _choose_sheet(path: Path, names: list[str], wanted: str | None) -> str:
    if wanted is None:
        return names[0]
    if wanted in names:
        return wanted
    folded = {name.strip().casefold(): name for name in names}
    if wanted.strip().casefold() in folded:
        return folded[wanted.strip().casefold()]
    raise LedgerFileError(
        _("%(file)s has no sheet named “%(sheet)s”; its sheets are: %(names)s.")
        % {"file": path.name, "sheet": wanted, "names": join_list(names)}
    )


def _unreadable(path: Path, kind: str, error: Exception) -> str:
    if kind == "xls":
        return _(
            "%(file)s cannot be read as an Excel 97–2003 workbook (.xls): it may be "
            "password-protected, damaged, or another kind of Office file (%(reason)s). Open it "
            "in Excel or WPS, remove any password, and save it as .xlsx."
        ) % {"file": path.name, "reason": error}
    return _(
        "%(file)s cannot be read as an Excel workbook (.xlsx): it may be damaged or "
        "password-protected (%(reason)s). Open it in Excel or WPS and save it again as .xlsx."
    ) % {"file": path.name, "reason": error}

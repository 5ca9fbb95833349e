"""Merged cells: an error in the header, a shared value (or an error) in the data.

A merged header cell leaves the columns after its first one without a header, so it is an
error naming the cells. In the data, clerks merge a column's cells over the rows that share a
value — a district, a signing date, a responsible unit. A reader sees the value in the first
row only; here each row takes it, with a warning naming the cells. Merged cells of what each
project has on its own (its name, investors, amounts, code, description), and merges across
columns, are errors: a value written once for several projects cannot be split between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from taizhang.ledger.importing.cells import cell_text, is_blank, quote
from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.problems import Problem, Severity, column_letter

#: Columns whose merged cells each row may take the value of.
SHAREABLE = frozenset(
    {
        "event",
        "investor_type",
        "mode",
        "signing_date",
        "region",
        "sector",
        "investor_origin",
        "strategic_emerging",
        "industry_chain",
        "park",
        "project_type",
        "responsible_unit",
        "responsible_person",
        "planned_start",
        "planned_production",
        "currency",
    }
)

#: ((first row, first column), (last row, last column)), 0-based, as python-calamine gives them.
CellRange = tuple[tuple[int, int], tuple[int, int]]


def range_name(cell_range: CellRange) -> str:
    """``((4, 0), (8, 0))`` → ``"A5:A9"``."""
    (top, left), (bottom, right) = cell_range
    return f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"


class MergedCells:
    """The merged ranges of a sheet, judged against its header row (0-based ``header_index``)."""

    def __init__(self, ranges: Sequence[CellRange], header_index: int, first_column: int) -> None:
        self.header_index = header_index
        self.first_column = first_column
        self.header_ranges = [r for r in ranges if r[0][0] <= header_index <= r[1][0]]
        self.data_ranges = sorted((r for r in ranges if r[0][0] > header_index), key=lambda r: r[0])
        self._filling: list[tuple[CellRange, int, object]] = []  # (range, cell index, value)
        self._next = 0

    def header_problems(self) -> list[Problem]:
        """One error for each merged range in the header row."""
        problems = []
        for cell_range in self.header_ranges:
            left = cell_range[0][1]
            problems.append(
                Problem(
                    Severity.ERROR,
                    _(
                        "Header cells %(cells)s are merged: each column needs a header cell of "
                        "its own. Unmerge them and give every column its header."
                    )
                    % {"cells": range_name(cell_range)},
                    column=column_letter(left),
                    row=self.header_index + 1,
                )
            )
        return problems

    def header_columns(self) -> set[str]:
        """The letters of the header cells merged into another (whose emptiness is explained)."""
        letters = set()
        for (_top, left), (_bottom, right) in self.header_ranges:
            letters.update(column_letter(column) for column in range(left + 1, right + 1))
        return letters

    def prepare(self, header_map: HeaderMap) -> list[Problem]:
        """Decide, once the columns are known, which data ranges fill and which are errors."""
        keys = {index: key for key, index in header_map.columns.items()}
        problems: list[Problem] = []
        kept: list[CellRange] = []
        self._plans: dict[CellRange, int] = {}
        for cell_range in self.data_ranges:
            (top, left), (_bottom, right) = cell_range
            covered = [
                keys[column - self.first_column]
                for column in range(left, right + 1)
                if column - self.first_column in keys
            ]
            if not covered:
                continue  # merged cells in ignored columns do not matter
            where = range_name(cell_range)
            index = left - self.first_column
            if left == right and covered[0] in SHAREABLE:
                kept.append(cell_range)
                self._plans[cell_range] = index
                continue
            if left != right:
                message = _(
                    "Cells %(cells)s are merged across columns: each column of a project needs "
                    "its own cell. Unmerge them and fill each cell."
                )
            else:
                message = _(
                    "Cells %(cells)s are merged, but each project has its own %(header)s: unmerge "
                    "them and write each row's value in its own row."
                )
            header = header_map.headers[index] if 0 <= index < len(header_map.headers) else ""
            problems.append(
                Problem(
                    Severity.ERROR,
                    message % {"cells": where, "header": header},
                    column=column_letter(left),
                    row=top + 1,
                    header=header,
                    field=covered[0],
                )
            )
        self.data_ranges = kept
        return problems

    @property
    def fills(self) -> bool:
        """Whether any data rows take a merged value (else :meth:`fill` need not be called)."""
        return bool(self.data_ranges)

    def fill(self, number: int, cells: list[object]) -> list[Problem]:
        """Give row ``number`` (as the spreadsheet shows it) the merged values covering it."""
        index = number - 1
        problems: list[Problem] = []
        while self._next < len(self.data_ranges) and self.data_ranges[self._next][0][0] <= index:
            cell_range = self.data_ranges[self._next]
            self._next += 1
            column = self._plans[cell_range]
            value = cells[column] if column < len(cells) else None
            if cell_range[0][0] == index and not is_blank(value):
                self._filling.append((cell_range, column, value))
                (top, left), (bottom, _right) = cell_range
                problems.append(
                    Problem(
                        Severity.WARNING,
                        _(
                            "Cells %(cells)s are merged: rows %(first)d–%(last)d each take its "
                            "value “%(value)s”."
                        )
                        % {
                            "cells": range_name(cell_range),
                            "first": top + 1,
                            "last": bottom + 1,
                            "value": quote(value),
                        },
                        value=cell_text(value),
                        column=column_letter(left),
                        row=top + 1,
                    )
                )
        if self._filling:
            still = []
            for cell_range, column, value in self._filling:
                if cell_range[1][0] < index:
                    continue
                still.append((cell_range, column, value))
                if column < len(cells) and is_blank(cells[column]):
                    cells[column] = value
                elif column >= len(cells):
                    cells.extend([None] * (column + 1 - len(cells)))
                    cells[column] = value
            self._filling = still
        return problems

"""Problems found in a ledger file: what was wrong, where, with which value, and how bad it is.

A cell parser raises :class:`CellError` (or returns a warning :class:`Problem`) knowing only the
value; the row validator adds the row, the column letter, the header and the field with
:meth:`Problem.at`. Messages are lazy translations, so the same problems can be reported in
Chinese on the terminal and in English in a JSON file: they are rendered when shown.
"""

from __future__ import annotations

import dataclasses
import functools
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise

from taizhang.ledger.importing.cells import cell_text


class Severity(StrEnum):
    """An error stops the import (nothing is written); a warning is reported and imported."""

    ERROR = "error"
    WARNING = "warning"


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a ledger file.

    ``message`` is a lazy translation (``str(problem.message)`` renders it in the active
    language); ``value`` is the cell's value as read. ``row`` is the row number as the
    spreadsheet shows it (the header is row 1), ``column`` the spreadsheet's column letter,
    ``header`` the header text as written and ``field`` the column's key (``value``, ``region``…).
    """

    severity: Severity
    message: Promise | str
    value: Any = None
    field: str = ""
    row: int | None = None
    column: str = ""
    header: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(
        self,
        *,
        row: int | None = None,
        column: str | None = None,
        header: str | None = None,
        field: str | None = None,
    ) -> Problem:
        """This problem placed in the file; what is not given stays as it was."""
        changes: dict[str, Any] = {}
        if row is not None:
            changes["row"] = row
        if column is not None:
            changes["column"] = column
        if header is not None:
            changes["header"] = header
        if field is not None:
            changes["field"] = field
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the import report: row, column, header, field, value, message."""
        return {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "field": self.field,
            "value": cell_text(self.value),
            "message": str(self.message),
        }

    def __str__(self) -> str:
        return str(self.message)


class CellError(ValueError):
    """A cell's value cannot be used; ``problem`` says why, in words a clerk can act on."""

    def __init__(self, message: Promise | str, value: Any = None, field: str = "") -> None:
        self.problem = Problem(Severity.ERROR, message, value, field)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.problem.message)


def warning(message: Promise | str, value: Any = None) -> Problem:
    """A warning about ``value``: imported, and reported."""
    return Problem(Severity.WARNING, message, value)


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """The spreadsheet's letters for the column at ``index`` (0 is A, 25 is Z, 26 is AA)."""
    if index < 0:
        raise ValueError(f"a column index is 0 or more, not {index}")
    letters = ""
    number = index + 1  # bijective base 26: there is no zero digit, Z is followed by AA
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters

"""The shapes reference data travels in: one region row, one problem found in it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

#: The columns of a region file, in the order the shipped files use.
REGION_COLUMNS = ("code", "name_zh", "name_en", "level", "parent_code", "aliases")
#: Columns a region file cannot do without; the others may be left out of the header.
REQUIRED_REGION_COLUMNS = ("code", "name_zh", "level", "parent_code")
#: What separates a region's aliases inside the aliases cell.
ALIAS_SEPARATOR = "|"


@dataclass(frozen=True)
class RegionRow:
    """One region as a file (or pycountry) states it, before it is checked against anything.

    ``row`` is the row number a spreadsheet would show (the header is row 1), or ``None`` for
    rows that come from no file, such as the countries generated from pycountry.
    """

    code: str
    name_zh: str
    name_en: str
    level: str
    parent_code: str
    aliases: tuple[str, ...] = ()
    row: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Problem:
    """Something wrong with reference data: where it is, what the value was, what to do."""

    message: str
    source: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    def __str__(self) -> str:
        # One whole message per combination of what is known, so that a translator can order
        # the place and the message as the language wants. The column is a letter (A) for a
        # problem in the header, else the name of the column (parent_code).
        values = {
            "source": self.source,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }
        if self.source and self.row is not None and self.column:
            return _("%(source)s, row %(row)d, column %(column)s: %(message)s") % values
        if self.source and self.row is not None:
            return _("%(source)s, row %(row)d: %(message)s") % values
        if self.source and self.column:
            return _("%(source)s, column %(column)s: %(message)s") % values
        if self.source:
            return _("%(source)s: %(message)s") % values
        if self.row is not None and self.column:
            return _("row %(row)d, column %(column)s: %(message)s") % values
        if self.row is not None:
            return _("row %(row)d: %(message)s") % values
        if self.column:
            return _("column %(column)s: %(message)s") % values
        return self.message


class ReferenceDataError(Exception):
    """Reference data with problems; nothing was written. ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

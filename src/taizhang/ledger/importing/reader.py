"""Opening a ledger file: deciding from its first bytes what it is, and reading it as a stream.

A file is judged by what it holds, not by its name: a zip holding ``xl/workbook.xml`` is an
.xlsx workbook, an OLE compound file an .xls workbook, and a text file named .csv (or .txt) a
CSV. Anything else — an empty file, random bytes, a Word document renamed .xlsx — is refused
with one :class:`LedgerFileError` saying what the file seems to be and what to do, never a
traceback.

Every reader yields the same thing, a :class:`LedgerSource`: the header row, then the data
rows one at a time with the row number the spreadsheet shows. What the reader cannot see in
the cells (merged header cells, formula cells) it reports on request, once the columns are
known.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from django.utils.translation import gettext as _

from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.problems import Problem

#: The extensions a ledger file may have, for messages.
SUPPORTED = ".xlsx, .xls, .csv"

_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".et"})


class LedgerFileError(Exception):
    """The file cannot be read as a ledger at all; ``message`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class LedgerSource(Protocol):
    """A ledger file opened for reading.

    ``header`` holds the header row's cells (the first row with anything in it), starting at
    the sheet's column ``first_column`` (0 is A), and ``header_row`` its number as the
    spreadsheet shows it. :meth:`rows` yields each later row as ``(number, cells)``, cells
    aligned with the header's. ``total_rows`` is how many rows the file has, when known
    without reading it (a progress bar's total).
    """

    kind: str
    header: Sequence[object]
    header_row: int
    first_column: int
    total_rows: int | None

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]: ...

    def structure_problems(self, header_map: HeaderMap) -> list[Problem]:
        """What the cells alone do not show: merged cells, formula cells (warnings)."""
        ...

    def fill_merged(self, number: int, cells: list[object]) -> list[Problem]:
        """Give a row the values of data cells merged into it; problems where that is wrong."""
        ...

    def close(self) -> None: ...


def open_ledger(path: str | Path, *, sheet: str | None = None) -> LedgerSource:
    """Open the ledger file at ``path`` (and its sheet ``sheet``, or the first one).

    Raises :class:`LedgerFileError` when the file is missing, empty, or not a workbook or CSV.
    """
    path = Path(path)
    shown = path.name
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise LedgerFileError(_("There is no file %(path)s.") % {"path": path}) from None
    except IsADirectoryError:
        raise LedgerFileError(
            _("%(path)s is a folder, not a ledger file (%(kinds)s).")
            % {"path": path, "kinds": SUPPORTED}
        ) from None
    except OSError as error:
        raise LedgerFileError(
            _("%(path)s cannot be read: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
    if not head:
        raise LedgerFileError(
            _("%(file)s is empty: a ledger file has a header row and a row for each project.")
            % {"file": shown}
        )
    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        _check_zip(path)
        from taizhang.ledger.importing.workbook import WorkbookSource

        return WorkbookSource(path, "xlsx", sheet)
    if head.startswith(_OLE):
        from taizhang.ledger.importing.workbook import WorkbookSource

        return WorkbookSource(path, "xls", sheet)
    if suffix in _WORKBOOK_SUFFIXES:
        raise LedgerFileError(
            _(
                "%(file)s is named like a workbook but is not one: it is neither an .xlsx nor an "
                ".xls file. Open it in Excel or WPS and save it as .xlsx; if it is a CSV file, "
                "name it .csv."
            )
            % {"file": shown}
        )
    if suffix in _CSV_SUFFIXES:
        from taizhang.ledger.importing.csvsource import CsvSource

        if sheet:
            # A CSV has one table; naming a sheet is a slip worth saying, not worth failing on.
            return CsvSource(path, sheet_ignored=sheet)
        return CsvSource(path)
    raise LedgerFileError(
        _("%(file)s is not a ledger file: use an .xlsx, .xls or .csv file.") % {"file": shown}
    )


def _check_zip(path: Path) -> None:
    """Refuse zips that are not .xlsx workbooks, naming what they are."""
    shown = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise LedgerFileError(
            _(
                "%(file)s is damaged: it starts like an .xlsx workbook but cannot be opened. "
                "Open it in Excel or WPS and save it again."
            )
            % {"file": shown}
        ) from None
    if "xl/workbook.xml" in names:
        return
    if "word/document.xml" in names:
        what = _("a Word document")
    elif any(name.startswith("ppt/") for name in names):
        what = _("a PowerPoint presentation")
    elif "xl/workbook.bin" in names:
        what = _("an Excel binary workbook (.xlsb)")
    elif "content.xml" in names:
        what = _("an OpenDocument file")
    else:
        what = _("a zip archive")
    raise LedgerFileError(
        _(
            "%(file)s is %(what)s, not an Excel workbook: open the ledger in Excel or WPS and "
            "save it as .xlsx."
        )
        % {"file": shown, "what": what}
    )

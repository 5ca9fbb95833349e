"""Reading a CSV ledger as a stream, in UTF-8, UTF-8 with a byte-order mark, or GB18030.

The encoding is detected, not guessed: a byte-order mark says UTF-8 (or UTF-16, which is
refused with what to do); otherwise the first bytes that are not ASCII decide, since Chinese
text in GB18030 is almost never valid UTF-8 and the reverse never happens. A file of nothing
but ASCII is read as UTF-8, which it also is. A byte that does not fit the detected encoding
later in the file stops the import with the row it is in, rather than importing mangled
names. The separator is a comma, or a tab when the header row has tabs and no comma (a
"CSV" saved as Unicode text). A cell that export-ledger wrote as ``'=…`` so that a spreadsheet
shows it as text is read back without that quote.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from django.utils.translation import gettext as _

from taizhang.ledger.exporting.safety import CSV_QUOTE, unquote_csv_text
from taizhang.ledger.importing.cells import is_blank
from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.problems import Problem, Severity
from taizhang.ledger.importing.reader import LedgerFileError

_SAMPLE = 1 << 16
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030``; raises :class:`LedgerFileError` otherwise."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith(_UTF16_BOMS):
            raise LedgerFileError(
                _(
                    "%(file)s is in UTF-16 (Excel's “Unicode text”), which a ledger CSV is not: "
                    "save it from Excel or WPS as “CSV UTF-8 (comma delimited)”."
                )
                % {"file": path.name}
            )
        stream.seek(0)
        while chunk := stream.read(_SAMPLE):
            if b"\x00" in chunk:
                raise _binary(path)
            start = next((i for i, byte in enumerate(chunk) if byte > 0x7F), None)
            if start is None:
                continue
            # Decide on the text from the first non-ASCII byte on (a little more if needed to
            # finish the last character), so a file that turns Chinese late is still judged.
            sample = chunk[start:] + stream.read(16)
            for encoding in ("utf-8", "gb18030"):
                decoder = codecs.getincrementaldecoder(encoding)()
                try:
                    decoder.decode(sample, final=False)
                except UnicodeDecodeError:
                    continue
                return encoding
            raise LedgerFileError(
                _(
                    "%(file)s is neither UTF-8 nor GB18030 text: it may not be a CSV file at "
                    "all. Save the ledger from Excel or WPS as “CSV UTF-8 (comma delimited)”, "
                    "or import the workbook itself."
                )
                % {"file": path.name}
            )
    return "utf-8"


class CsvSource:
    """A CSV ledger, read one record at a time."""

    kind = "csv"
    first_column = 0

    def __init__(self, path: Path, *, sheet_ignored: str | None = None) -> None:
        self.path = path
        self.encoding = detect_encoding(path)
        self.sheet_ignored = sheet_ignored
        self.total_rows: int | None = None
        self._binary = path.open("rb")
        self._text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="")
        first = self._text.readline()
        delimiter = "\t" if "\t" in first and "," not in first else ","
        self._text.seek(0)
        self._reader = csv.reader(self._text, delimiter=delimiter)
        self.header: Sequence[object] = ()
        self.header_row = 0
        self._number = 0
        for number, cells in self._records():
            if any(not is_blank(cell) for cell in cells):
                self.header, self.header_row = cells, number
                break

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise LedgerFileError(
                    _(
                        "%(file)s is read as %(encoding)s, but after row %(row)d it has bytes "
                        "that are not %(encoding)s: the file mixes encodings. Save it from "
                        "Excel or WPS as “CSV UTF-8 (comma delimited)”."
                    )
                    % {"file": self.path.name, "encoding": self.encoding, "row": self._number}
                ) from None
            except csv.Error as error:
                raise LedgerFileError(
                    _("Row %(row)d of %(file)s cannot be read as CSV: %(reason)s.")
                    % {"row": self._number + 1, "file": self.path.name, "reason": error}
                ) from None
            self._number += 1
            for index, cell in enumerate(cells):
                if cell[:1] == CSV_QUOTE:
                    cells[index] = unquote_csv_text(cell)
            yield self._number, cells

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        """The records after the header; a record's number is its row in a spreadsheet."""
        return self._records()

    def structure_problems(self, header_map: HeaderMap) -> list[Problem]:
        if not self.sheet_ignored:
            return []
        return [
            Problem(
                Severity.WARNING,
                _("A CSV file has no sheets: --sheet %(sheet)s is ignored.")
                % {"sheet": self.sheet_ignored},
            )
        ]

    def merged_header_columns(self) -> set[str]:
        return set()

    fills_merged = False

    def fill_merged(self, number: int, cells: list[object]) -> list[Problem]:
        return []

    def close(self) -> None:
        self._text.close()


def _binary(path: Path) -> LedgerFileError:
    return LedgerFileError(
        _(
            "%(file)s holds binary data, not text: it is not a CSV file. Import the workbook "
            "itself (.xlsx or .xls), or save it from Excel or WPS as “CSV UTF-8”."
        )
        % {"file": path.name}
    )

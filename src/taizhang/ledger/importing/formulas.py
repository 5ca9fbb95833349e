"""Finding the formula cells of an .xlsx sheet, which python-calamine reads by cached value only.

python-calamine gives a formula cell's last calculated value and no sign that it was a
formula, so the sheet's XML is read here: first a cheap scan of the raw bytes for a formula
element at all (most ledgers have none), and only if one is there a streaming parse that
names the cells. An .xls file keeps its formulas in binary records this cannot read: there
formula cells are imported by their cached value without a warning (documented).

The cheap scan reads the whole sheet's XML once more, so :class:`FormulaScan` runs it in a
thread while python-calamine loads the sheet: calamine releases the GIL while it parses, and
so does zlib while it inflates, so on a machine with a second core the scan costs no time.
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree.ElementTree import iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# <f>, <f t="shared" .../>, <x:f>: a formula element, not <filterColumn> or <firstHeader>.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
# Every formula element contains one of these; a chunk without either needs no regex.
_FORMULA_HINTS = (b"<f", b":f")
_CHUNK = 1 << 20
_CELL_REFERENCE = re.compile(r"([A-Z]+)(\d+)")


def sheet_member(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the worksheet named ``sheet_name``, or None when not found."""
    try:
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    relation_id = None
    for _event, element in iterparse(io.BytesIO(workbook)):  # noqa: S314
        if element.tag == f"{_MAIN}sheet" and element.get("name") == sheet_name:
            relation_id = element.get(f"{_OFFICE_RELS}id")
            break
    if relation_id is None:
        return None
    for _event, element in iterparse(io.BytesIO(relations)):  # noqa: S314
        if element.tag == f"{_RELS}Relationship" and element.get("Id") == relation_id:
            target = element.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


class FormulaScan:
    """Whether a sheet has any formula element, found in a background thread.

    Start it before loading the sheet with python-calamine; :meth:`has_formula` waits for the
    answer. A sheet whose XML cannot be read counts as having none (see :func:`formula_cells`).
    """

    def __init__(self, path: Path, sheet_name: str) -> None:
        self._path = path
        self._sheet_name = sheet_name
        self._answer = False
        self._thread = threading.Thread(target=self._scan, name="formula-scan", daemon=True)
        self._thread.start()

    def _scan(self) -> None:
        try:
            with zipfile.ZipFile(self._path) as archive:
                member = sheet_member(archive, self._sheet_name)
                self._answer = member is not None and _has_formula(archive, member)
        except (zipfile.BadZipFile, KeyError, OSError, SyntaxError):
            self._answer = False

    def has_formula(self) -> bool:
        self._thread.join()
        return self._answer


def formula_cells(
    path: Path,
    sheet_name: str,
    columns: Iterable[int],
    *,
    limit: int = 20,
    scan: FormulaScan | None = None,
) -> dict[int, tuple[int, list[str]]]:
    """Formula cells of ``sheet_name`` in the 0-based ``columns``: for each column with any,
    how many there are and the references of the first ``limit`` (``["E5", "E6"]``).

    ``scan``, when given, has already looked for any formula at all (see :class:`FormulaScan`).
    """
    wanted = set(columns)
    found: dict[int, tuple[int, list[str]]] = {}
    if scan is not None and not scan.has_formula():
        return found
    try:
        with zipfile.ZipFile(path) as archive:
            member = sheet_member(archive, sheet_name)
            if member is None or (scan is None and not _has_formula(archive, member)):
                return found
            with archive.open(member) as stream:
                for column, reference in _formula_references(stream):
                    if column not in wanted:
                        continue
                    count, references = found.get(column, (0, []))
                    if len(references) < limit:
                        references.append(reference)
                    found[column] = (count + 1, references)
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        # The cells were read already; a sheet whose XML cannot be parsed again only loses
        # the formula warning, which is no reason to refuse the import.
        return found
    return found


def _has_formula(archive: zipfile.ZipFile, member: str) -> bool:
    """A fast look through the raw XML for any formula element."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            if any(hint in text for hint in _FORMULA_HINTS) and _FORMULA_TAG.search(text):
                return True
            tail = chunk[-64:]
    return False


def _formula_references(stream) -> Iterable[tuple[int, str]]:
    """(0-based column, reference) of every cell with a formula, streaming, in sheet order."""
    context = iterparse(stream, events=("start", "end"))  # noqa: S314
    reference = ""
    has_formula = False
    sheet_data = None
    for event, element in context:
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN}c":
                reference = element.get("r", "")
                has_formula = False
            elif tag == f"{_MAIN}f":
                has_formula = True
            elif tag == f"{_MAIN}sheetData":
                sheet_data = element
            continue
        if tag == f"{_MAIN}c":
            if has_formula and reference:
                match = _CELL_REFERENCE.fullmatch(reference)
                if match:
                    yield _column_index(match[1]), reference
        elif tag == f"{_MAIN}row" and sheet_data is not None:
            sheet_data.clear()  # drops the rows read so far: memory stays flat


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - ord("A") + 1)
    return index - 1

"""Reading a region file (``code,name_zh,name_en,level,parent_code,aliases``) into rows."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from django.utils.translation import gettext as _

from taizhang.i18n import join_list
from taizhang.ledger.reference.rows import (
    ALIAS_SEPARATOR,
    REGION_COLUMNS,
    REQUIRED_REGION_COLUMNS,
    Problem,
    ReferenceDataError,
    RegionRow,
)


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM), else GB18030 as Excel saves it in China."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_region_file(path: Path | str) -> list[RegionRow]:
    """The rows of a region file on disk; raises :class:`ReferenceDataError` for a bad file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReferenceDataError(
            [
                Problem(
                    _("the file cannot be read (%(reason)s). Check the path and try again.")
                    % {"reason": error.strerror or error},
                    source=str(path),
                )
            ]
        ) from None
    try:
        text = decode(data)
    except UnicodeDecodeError:
        raise ReferenceDataError(
            [
                Problem(
                    _("the file is neither UTF-8 nor GB18030 text. Save it as CSV UTF-8."),
                    source=str(path),
                )
            ]
        ) from None
    return parse_region_csv(text, source=path.name)


def parse_region_csv(text: str, source: str = "") -> list[RegionRow]:
    """The rows of a region file's text, checked for shape only (header, cell count).

    Whether codes, levels and parents make sense is the loader's job, which sees the database;
    this step only refuses a file it cannot read as the documented format, listing every
    malformed row.
    """
    records = list(csv.reader(io.StringIO(text)))
    problems: list[Problem] = []
    if not records or not any(cell.strip() for cell in records[0]):
        raise ReferenceDataError(
            [
                Problem(
                    _("the file is empty; the first row must be the header %(header)s.")
                    % {"header": ",".join(REGION_COLUMNS)},
                    source=source,
                    row=1,
                )
            ]
        )
    header = [_clean(cell).lower() for cell in records[0]]
    for index, name in enumerate(header):
        if name not in REGION_COLUMNS:
            problems.append(
                Problem(
                    _("“%(name)s” is not a column of a region file; the columns are %(columns)s.")
                    % {"name": name, "columns": join_list(REGION_COLUMNS)},
                    source=source,
                    row=1,
                    column=_column_letter(index),
                    value=name,
                )
            )
        elif header.index(name) != index:
            problems.append(
                Problem(
                    _("the column “%(name)s” appears twice in the header; keep one.")
                    % {"name": name},
                    source=source,
                    row=1,
                    column=_column_letter(index),
                    value=name,
                )
            )
    for name in REQUIRED_REGION_COLUMNS:
        if name not in header:
            problems.append(
                Problem(
                    _("the header has no “%(name)s” column; the header must be %(header)s.")
                    % {"name": name, "header": ",".join(REGION_COLUMNS)},
                    source=source,
                    row=1,
                )
            )
    if problems:
        raise ReferenceDataError(problems)

    rows: list[RegionRow] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines between groups are common in hand-kept files
        if len(record) > len(header):
            problems.append(
                Problem(
                    _(
                        "the row has %(found)d cells but the header has %(expected)d; "
                        "quote a cell that contains a comma."
                    )
                    % {"found": len(record), "expected": len(header)},
                    source=source,
                    row=number,
                )
            )
            continue
        cells = dict(zip(header, (_clean(cell) for cell in record), strict=False))
        rows.append(
            RegionRow(
                code=cells.get("code", "").upper(),
                name_zh=cells.get("name_zh", ""),
                name_en=cells.get("name_en", ""),
                level=cells.get("level", ""),
                parent_code=cells.get("parent_code", "").upper(),
                aliases=split_aliases(cells.get("aliases", "")),
                row=number,
                source=source,
            )
        )
    if problems:
        raise ReferenceDataError(problems)
    return rows


def split_aliases(cell: str) -> tuple[str, ...]:
    """The aliases in a cell, split at ``|`` (or full-width ``｜``), blanks and repeats dropped."""
    aliases: list[str] = []
    for alias in cell.replace("｜", ALIAS_SEPARATOR).split(ALIAS_SEPARATOR):
        alias = alias.strip()
        if alias and alias not in aliases:
            aliases.append(alias)
    return tuple(aliases)


def _clean(cell: str) -> str:
    # Codes typed with a Chinese input method arrive as full-width digits; NFKC folds them.
    # Names keep their full-width brackets: 西部（重庆）科学城 is the official spelling.
    stripped = cell.strip()
    if stripped.isascii():
        return stripped
    folded = unicodedata.normalize("NFKC", stripped)
    return folded if folded.isascii() else stripped


def _column_letter(index: int) -> str:
    """The spreadsheet's letter for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters

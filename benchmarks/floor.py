"""The floor of an import: reading a ledger file and doing nothing else, in a process of its own.

``python -m benchmarks.floor FILE`` opens the file, walks every cell of every row of its first
sheet, and prints how many rows it read. A workbook is read with python-calamine, the reader
the importer uses (``CalamineWorkbook.from_path``, ``iter_rows``); a CSV with the standard
library's ``csv`` module. No import can be faster than this on the same machine, so an import's
time divided by this one says how much the import adds to merely reading the file.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def read_rows(path: Path) -> int:
    """Read every row of the ledger file at ``path`` and return how many there are."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    return _read_workbook(path)


def reader_name(path: Path) -> str:
    """What :func:`read_rows` reads ``path`` with, for the table."""
    return "csv module" if path.suffix.lower() == ".csv" else "python-calamine"


def _read_workbook(path: Path) -> int:
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    count = 0
    for row in sheet.iter_rows():
        # Touch every cell, as an importer must: iterating a row converts its cells.
        for _cell in row:
            pass
        count += 1
    return count


def _read_csv(path: Path) -> int:
    count = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            for _cell in row:
                pass
            count += 1
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m benchmarks.floor FILE", file=sys.stderr)
        return 2
    print(read_rows(Path(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

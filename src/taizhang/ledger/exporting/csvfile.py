"""Writing a ledger export as CSV: UTF-8 with a byte-order mark, one row at a time.

The byte-order mark is what makes Excel and WPS open a UTF-8 file as UTF-8 instead of the
system's code page (GBK on a Chinese Windows), where every Chinese character would come out
garbled. Amounts are written exactly, without thousands separators, dates as ISO text
(2021-08-23), and formula-like text with a leading quote (:mod:`.safety`).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from taizhang.ledger.exporting.rows import Cell
from taizhang.ledger.exporting.safety import csv_text
from taizhang.ledger.numbers import plain_decimal

ENCODING = "utf-8-sig"


def csv_cell(value: Cell) -> str:
    """What a CSV file says for one cell."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_text(value)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write ``header`` and ``rows`` to the CSV file at ``path``; returns the rows written."""
    count = 0
    with path.open("w", encoding=ENCODING, newline="") as file:
        writer = csv.writer(file)
        writer.writerow([csv_text(text) for text in header])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
            count += 1
    return count

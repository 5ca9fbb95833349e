"""The database floor of an import: the rows it wrote, inserted alone, in a process of its own.

    python -m benchmarks.write_floor ROWS.pickle RESULT.json

``ROWS.pickle`` holds every row one import added (``benchmarks.added_rows``); this inserts
exactly those rows, ids included, into the database the ``TAIZHANG_*`` variables name — a
fresh copy of the template the import started from — and nothing else: no reading of a file,
no parsing, no lookups, no audit hashing. The database does all the work the import's writes
cost it (every index, constraint and trigger of the schema, the foreign keys checked at the
commit, the commit), so no import of the same rows can take less; what an import takes beyond
this and beyond reading its file is taizhang's own.

The connection is taizhang's, opened from its settings as the import's is (on SQLite WAL,
``synchronous=NORMAL``, foreign keys on, ``BEGIN IMMEDIATE``; on PostgreSQL its connection
options), and tuned by the importer's own ``bulk_session`` (SQLite's page cache). All rows go
in one transaction, each table's after the tables it refers to: on SQLite with
``executemany`` in batches of 2,000 rows, as the importer writes them; on PostgreSQL with one
``COPY … FROM STDIN`` per table, fed the rows' COPY text as the server wrote it (the least
work a client can do).

Only the inserts and the commit are timed: starting Python and Django, loading the file and
unpickling each SQLite batch before its ``executemany`` are not the database's work (the
benchmark reports the whole process's time beside it). Closing the connection afterwards,
which on SQLite checkpoints the write-ahead log into the database file, is timed on its own.
``RESULT.json`` gets those times and the commit's share of the first; the CPU time of this
process during the inserts and the commit (on SQLite all of the database's work; on
PostgreSQL only the client's share); and the rows inserted into each table, checked against
the tables' counts.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO


@dataclass
class Table:
    """One table's rows from the file: batches of (rows, payload), see ``benchmarks.added_rows``."""

    name: str
    columns: list[str]
    batches: list[tuple[int, bytes]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(rows for rows, _payload in self.batches)


class Stopwatch:
    """Wall and CPU time while running, less the stretches it was paused for."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    @contextmanager
    def running(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - wall
            self.cpu_seconds += time.process_time() - cpu

    @contextmanager
    def paused(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds -= time.perf_counter() - wall
            self.cpu_seconds -= time.process_time() - cpu


def load(source: BinaryIO) -> tuple[str, list[Table]]:
    """The vendor the rows were read from, and the rows of each table, in batches."""
    # Only ever a file benchmarks.added_rows wrote moments before, in the run's own directory.
    tables: list[Table] = []
    kind, vendor = pickle.load(source)  # noqa: S301
    if kind != "vendor":
        raise ValueError(f"{source.name}: not a file of benchmarks.added_rows")
    while (record := pickle.load(source))[0] != "end":  # noqa: S301
        if record[0] == "table":
            tables.append(Table(record[1], record[2]))
        else:
            tables[-1].batches.append((record[1], record[2]))
    return vendor, tables


def insert_all(connection: Any, tables: list[Table], stopwatch: Stopwatch) -> None:
    """Insert every table's rows through ``connection``'s own driver connection."""
    quote = connection.ops.quote_name
    raw = connection.connection
    for table in tables:
        names = ", ".join(quote(column) for column in table.columns)
        if connection.vendor == "postgresql":
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy,
            ):
                for _rows, payload in table.batches:
                    copy.write(payload)
            continue
        marks = ", ".join("?" * len(table.columns))
        statement = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"  # noqa: S608
        cursor = raw.cursor()
        try:
            for _rows, payload in table.batches:
                with stopwatch.paused():
                    batch = pickle.loads(payload)  # noqa: S301 (see load)
                cursor.executemany(statement, batch)
        finally:
            cursor.close()


def _counts(connection: Any, tables: list[Table]) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table.name)}")  # noqa: S608
            counts[table.name] = cursor.fetchone()[0]
    return counts


def measure(tables: list[Table]) -> dict[str, Any]:
    """Insert ``tables`` in one transaction, timed, and check that every row is there."""
    from django.db import connection, transaction

    from taizhang.ledger.importing.bulk import bulk_session

    before = _counts(connection, tables)
    stopwatch = Stopwatch()
    with bulk_session(), stopwatch.running():
        with transaction.atomic():
            insert_all(connection, tables, stopwatch)
            inserted = time.perf_counter()
        commit_seconds = time.perf_counter() - inserted
    closing = time.perf_counter()
    connection.close()
    close_seconds = time.perf_counter() - closing

    inserted_rows = {table.name: table.rows for table in tables}
    after = _counts(connection, tables)
    missing = {
        name: (after[name] - before[name], rows)
        for name, rows in inserted_rows.items()
        if after[name] - before[name] != rows
    }
    if missing:
        raise SystemExit(f"Rows missing after the commit (table: (found, inserted)): {missing}")
    return {
        "seconds": stopwatch.seconds,
        "cpu_seconds": stopwatch.cpu_seconds,
        "commit_seconds": commit_seconds,
        "close_seconds": close_seconds,
        "tables": inserted_rows,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m benchmarks.write_floor ROWS.pickle RESULT.json", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    import django

    django.setup()
    from django.db import connection

    with Path(argv[0]).open("rb") as source:
        vendor, tables = load(source)
    if vendor != connection.vendor:
        print(f"{argv[0]} holds rows read from {vendor}, not {connection.vendor}", file=sys.stderr)
        return 2
    result = measure(tables)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    print(
        f"{sum(result['tables'].values()):,} rows inserted and committed in "
        f"{result['seconds']:.3f} s (the commit {result['commit_seconds']:.3f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

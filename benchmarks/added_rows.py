"""The rows an import added, found against the template it started from and kept in a file.

    python -m benchmarks.added_rows ids IDS.json              # the template's highest id per table
    python -m benchmarks.added_rows dump IDS.json ROWS.pickle  # every row above them

Run with the ``TAIZHANG_*`` variables of one database (``benchmarks.databases``): it is found
through taizhang's settings, as the import found it. Every table whose primary key is ``id``
takes part, and a row is the import's when its id is above the template's highest: each run
imports into a fresh copy of the template, and the importer gives new rows ids above the
highest ever given. ``benchmarks.write_floor`` inserts the rows again, alone, to measure the
database's own share of the import.

Rows are kept as the database stores them and never interpreted, so that inserting them again
writes the same values: SQLite's as its C library returns them (no Django converters, which
would turn stored text into dates and back), PostgreSQL's as ``COPY … TO STDOUT`` writes them,
which ``COPY … FROM STDIN`` reads back.

The file is a stream of pickles: ``("vendor", name)``, then for each table that gained rows,
parents before the tables that refer to them, ``("table", name, columns)`` followed by
``("batch", rows, payload)`` records of up to 2,000 rows each, and ``("end",)`` last. A
payload is bytes — on SQLite the pickled list of row tuples, on PostgreSQL the rows' COPY
text — so that the writer holds the rows as compactly as the file does (a million rows as
Python tuples take gigabytes) and turns a batch into rows only as it inserts it.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import sys
from collections.abc import Iterator
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any, BinaryIO

#: Rows per record of the file: SQLite's batches in ``benchmarks.write_floor`` (the
#: importer's ``BATCH_SIZE``).
BATCH_ROWS = 2_000


def _setup() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    import django

    django.setup()
    from django.db import connection

    return connection


def highest_ids(connection: Any) -> dict[str, int]:
    """The highest id of every table whose primary key is ``id`` (0 when it is empty)."""
    highest = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if connection.introspection.get_primary_key_column(cursor, table) != "id":
                continue
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT max(id) FROM {name}")  # noqa: S608
            highest[table] = cursor.fetchone()[0] or 0
    return highest


def dump(connection: Any, template_ids: dict[str, int], output: BinaryIO) -> dict[str, int]:
    """Write every row above ``template_ids`` to ``output``; return the rows of each table."""
    written = {}
    pickle.dump(("vendor", connection.vendor), output)
    for table in _parents_first(connection, list(template_ids)):
        columns = _columns(connection, table)
        count = 0
        for rows, payload in _batches(connection, table, columns, template_ids[table]):
            if not count:
                pickle.dump(("table", table, columns), output)
            pickle.dump(("batch", rows, payload), output)
            count += rows
        if count:
            written[table] = count
    pickle.dump(("end",), output)
    return written


def _parents_first(connection: Any, tables: list[str]) -> list[str]:
    # Foreign keys are checked at commit, so any order would be valid; but SQLite finds a
    # deferred violation's resolution by searching the referring table, so a child inserted
    # before its parent costs a search per row. The importer writes parents first too.
    graph: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            relations = connection.introspection.get_relations(cursor, table)
            graph[table] = {
                other for _column, other in relations.values() if other in tables and other != table
            }
    return list(TopologicalSorter(graph).static_order())


def _columns(connection: Any, table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


def _batches(
    connection: Any, table: str, columns: list[str], above: int
) -> Iterator[tuple[int, bytes]]:
    """The rows of ``table`` above the id ``above``, as (rows, payload) of a batch each."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    select = f"SELECT {names} FROM {quote(table)} WHERE id > {int(above)} ORDER BY id"  # noqa: S608
    if connection.vendor == "sqlite":
        yield from _sqlite_batches(connection.settings_dict["NAME"], select)
    else:
        yield from _copy_batches(connection, select)


def _sqlite_batches(path: str, select: str) -> Iterator[tuple[int, bytes]]:
    # A plain connection: Django's declares column types to the driver, which would hand
    # back dates, booleans and JSON as Python objects instead of what is stored.
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = reader.execute(select)
        while batch := cursor.fetchmany(BATCH_ROWS):
            yield len(batch), pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        reader.close()


def _copy_batches(connection: Any, select: str) -> Iterator[tuple[int, bytes]]:
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY ({select}) TO STDOUT") as copy,
    ):
        # Every row ends in a newline, and a newline inside a value is written as \n: so
        # the rows are counted by their newlines, whatever pieces libpq hands them over in.
        pieces: list[bytes] = []
        rows = 0
        for data in copy:
            piece = bytes(data)
            pieces.append(piece)
            rows += piece.count(b"\n")
            if rows >= BATCH_ROWS:
                yield rows, b"".join(pieces)
                pieces, rows = [], 0
        if pieces:
            yield rows, b"".join(pieces)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "ids":
        connection = _setup()
        Path(argv[1]).write_text(json.dumps(highest_ids(connection)), encoding="utf-8")
        return 0
    if len(argv) == 3 and argv[0] == "dump":
        connection = _setup()
        template_ids = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        with Path(argv[2]).open("wb") as output:
            written = dump(connection, template_ids, output)
        print(json.dumps(written))
        return 0
    print(
        "usage: python -m benchmarks.added_rows ids IDS.json\n"
        "       python -m benchmarks.added_rows dump IDS.json ROWS.pickle",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

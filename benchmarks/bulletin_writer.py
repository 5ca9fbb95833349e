"""Writing millions of rows fast: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

The bulletin benchmark's ledger (``benchmarks.bulletin_ledger``) is written through here, not
through the ORM row by row: rows are tuples of ints, ``None`` and text both databases read as
Django writes them (:func:`text`), the tables' plain indexes are built once at the end instead
of updated a million times, and PostgreSQL's identity sequences are moved past the explicit ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection

#: Rows written per executemany call.
BATCH = 20_000


class BulkWriter:
    """Rows into a table in big batches: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

    Values are ints, ``None`` and text in the form both databases read as Django writes them
    (see :func:`text`), so the same rows go to either without converting each value.
    """

    def __init__(self) -> None:
        self.postgresql = connection.vendor == "postgresql"
        self.written: dict[str, int] = {}
        if not self.postgresql:
            with connection.cursor() as cursor:
                # A million rows update a dozen indexes: 256 MB of page cache instead of 2 MB
                # keeps their pages in memory (for this connection only).
                cursor.execute("PRAGMA cache_size = -262144")

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None:
        names = ", ".join(columns)
        with connection.cursor() as cursor:
            if self.postgresql:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(sql, rows[start : start + BATCH])
        self.written[table] = self.written.get(table, 0) + len(rows)

    @contextmanager
    def indexes_deferred(self, tables: Sequence[str]) -> Iterator[None]:
        """Drop the tables' plain indexes, and build them again at the end from their own SQL.

        Building an index once over a million rows is much faster than updating it a million
        times. Primary keys and unique constraints stay, as they keep the rows valid.
        """
        with connection.cursor() as cursor:
            if self.postgresql:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                    [list(tables)],
                )
            else:
                placeholders = ", ".join(["%s"] * len(tables))
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "  # noqa: S608
                    f"AND sql IS NOT NULL AND tbl_name IN ({placeholders})",
                    list(tables),
                )
            indexes = cursor.fetchall()
            for name, _sql in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        yield
        with connection.cursor() as cursor:
            if self.postgresql:
                # Check the deferred foreign keys now: PostgreSQL builds no index on a table
                # with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, sql in indexes:
                cursor.execute(sql)

    def move_sequences_past(self, tables: Iterable[str]) -> None:
        """Let the next id PostgreSQL gives be above the ids written here (SQLite keeps track)."""
        if not self.postgresql:
            return
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                )


def text(value: Decimal | datetime.date | datetime.datetime | bool | None) -> str | int | None:
    """A value as text both databases read as Django writes it.

    Decimals and dates as ISO text; booleans as 1 or 0 (PostgreSQL's ``boolean`` takes both);
    aware datetimes as naive UTC text, which SQLite stores as Django does and PostgreSQL reads
    in the UTC time zone Django gives its connections.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)

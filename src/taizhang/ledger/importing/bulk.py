"""Set-based writes for the importer: ids in one go, rows by COPY or executemany.

On PostgreSQL, rows go in with ``COPY … FROM STDIN`` through psycopg 3, ids are taken from
the table's sequence with one ``nextval`` over ``generate_series``, and updates are copied
into a temporary table and applied with one ``UPDATE … FROM``. On SQLite, where a write
transaction holds the database's only write lock, ids follow the highest ever given (the
AUTOINCREMENT counter included, so a deleted project's id is never reused) and rows go in
with ``executemany``, which SQLite runs as one prepared statement.

These functions write exactly what they are given: the callers (the import's write service)
decide what, and keep every write inside the import's one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Model

#: SQLite's page cache during an import, in KiB: the ledger's indexes of a 100,000-row import
#: fit, so inserting does not re-read pages from the file; bounded, so memory stays flat.
SQLITE_CACHE_KIB = 65536
SQLITE_TEMP_CACHE_KIB = 16384
#: PostgreSQL's memory for the import's temporary (staging) tables. Debian's default, 8 MB,
#: sends every batch's lookups in a large import's staging tables to disk.
POSTGRES_TEMP_BUFFERS = "256MB"


@contextmanager
def bulk_session() -> Iterator[None]:
    """Tune the connection for a bulk import, and put it back as it was afterwards.

    On PostgreSQL, the session's ``temp_buffers`` is raised instead and stays raised: it can
    only be set before the session's first temporary table, and is a ceiling, not an
    allocation.
    """
    if connection.vendor != "sqlite":
        if is_postgres():
            _raise_temp_buffers()
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        main = cursor.fetchone()[0]
        cursor.execute("PRAGMA temp.cache_size")
        temp = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA temp.cache_size = -{SQLITE_TEMP_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(main)}")
            cursor.execute(f"PRAGMA temp.cache_size = {int(temp)}")


def _raise_temp_buffers() -> None:
    # In a savepoint when inside a transaction, so that a refusal does not abort it.
    savepoint = connection.savepoint() if connection.in_atomic_block else None
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SET temp_buffers = '{POSTGRES_TEMP_BUFFERS}'")
    except DatabaseError:
        # This session has used temporary tables already: PostgreSQL keeps their size.
        if savepoint:
            connection.savepoint_rollback(savepoint)
        return
    if savepoint:
        connection.savepoint_commit(savepoint)


#: The PostgreSQL advisory lock imports take, so that two at once queue rather than collide
#: (SQLite's IMMEDIATE transactions queue writers already). A constant: chosen for taizhang.
IMPORT_LOCK = 0x5A1C_0DE1


def lock_imports() -> None:
    """Wait for any other import to finish; the lock is held until this transaction ends."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def any_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """A condition that ``column`` is one of ``values``, and its parameters.

    ``column IN (%s, …)`` on SQLite; ``column = ANY(%s)`` with one array parameter on
    PostgreSQL, which spares the server parsing thousands of parameters per batch.
    """
    if is_postgres():
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def upsert(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` into ``table``, replacing the row of the same first column (its key).

    Each key appears once in ``rows``. On PostgreSQL the rows are copied into a scratch
    table first and merged in one statement.
    """
    if not rows:
        return
    key, rest = columns[0], columns[1:]
    names = ", ".join(columns)
    updates = ", ".join(f"{column} = excluded.{column}" for column in rest)
    conflict = f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    if is_postgres():
        scratch = f"{table}_in"
        with connection.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {scratch} "
                f"(LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
            )
            with cursor.copy(f"COPY {scratch} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {scratch} {conflict}"  # noqa: S608
            )
            cursor.execute(f"TRUNCATE {scratch}")
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))}) "  # noqa: S608
            + conflict,
            rows,
        )


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """``count`` new primary keys for ``model``'s table, in ascending order."""
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        cursor.execute(f"SELECT max({quote(column)}) FROM {quote(table)}")  # noqa: S608
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0)
    return list(range(start + 1, start + count + 1))


def insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``."""
    names = ", ".join(quote(column) for column in columns)
    raw = connection.connection
    if is_postgres():
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
    finally:
        cursor.close()


def update(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    key: str = "id",
    types: dict[str, str] | None = None,
    increment: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Set ``columns`` of the rows of ``table`` whose ``key`` is each row's first value.

    ``rows`` are ``(key, value, value…)`` in the order of ``columns``. ``increment`` names a
    column raised by one in each updated row (a version). ``extra`` sets the same value in
    every row (an ``updated_at``). ``types`` gives the PostgreSQL type of each column, for the
    temporary table the rows are copied into.
    """
    if not rows:
        return
    extra = extra or {}
    assignments = [f"{quote(column)} = %(source)s.{quote(column)}" for column in columns]
    if increment:
        assignments.append(f"{quote(increment)} = {quote(table)}.{quote(increment)} + 1")
    raw = connection.connection
    if is_postgres():
        types = types or {}
        staging = f"tz_update_{table}"
        definition = ", ".join(
            f"{quote(column)} {types.get(column, 'text')}" for column in (key, *columns)
        )
        sets = [text % {"source": "s"} for text in assignments]
        sets.extend(f"{quote(column)} = %s" for column in extra)
        with raw.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {staging}")
            cursor.execute(f"CREATE TEMPORARY TABLE {staging} ({definition}) ON COMMIT DROP")
            names = ", ".join(quote(column) for column in (key, *columns))
            with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {quote(table)} SET {', '.join(sets)} FROM {staging} s "  # noqa: S608
                f"WHERE {quote(table)}.{quote(key)} = s.{quote(key)}",
                list(extra.values()),
            )
            cursor.execute(f"DROP TABLE {staging}")
        return
    sets = [f"{quote(column)} = ?" for column in (*columns, *extra)]
    if increment:
        sets.append(f"{quote(increment)} = {quote(increment)} + 1")
    statement = f"UPDATE {quote(table)} SET {', '.join(sets)} WHERE {quote(key)} = ?"  # noqa: S608
    constant = tuple(extra.values())
    cursor = raw.cursor()
    try:
        cursor.executemany(statement, ((*row[1:], *constant, row[0]) for row in rows))
    finally:
        cursor.close()


def delete_where_in(table: str, column: str, values: Sequence[Any]) -> None:
    """Delete the rows of ``table`` whose ``column`` is one of ``values``."""
    if not values:
        return
    condition, params = any_of(quote(column), values)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(table)} WHERE {condition}", params)  # noqa: S608

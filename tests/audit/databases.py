"""Fresh databases for ``taizhang`` subprocesses, and plain SQL on them from the test.

Statements go straight to the database, as someone with its password (or the SQLite file)
would send them: that is how a tampering is made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg

from tests.support.cli import clean_environment


def fresh_environment(home: Path, url: str | None = None) -> dict[str, str]:
    """A clean environment with home ``home`` (created), on the PostgreSQL database ``url``
    or, without one, on a new SQLite file in the home."""
    home.mkdir()
    if url:
        return clean_environment(home, TAIZHANG_DATABASE_URL=url, TAIZHANG_LANGUAGE="en")
    return clean_environment(home, TAIZHANG_LANGUAGE="en")


def vendor_of(env: dict[str, str]) -> str:
    return "postgresql" if "TAIZHANG_DATABASE_URL" in env else "sqlite"


@contextmanager
def cursor_on(env: dict[str, str]) -> Iterator[Any]:
    """A DB-API cursor on the database of ``env``; what it does is committed at the end."""
    url = env.get("TAIZHANG_DATABASE_URL")
    if url:
        with psycopg.connect(url, autocommit=True) as connection, connection.cursor() as cursor:
            yield cursor
        return
    path = Path(env["TAIZHANG_HOME"]) / "var" / "taizhang.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        yield connection.cursor()
        connection.commit()


def query(env: dict[str, str], statement: str) -> list[tuple[Any, ...]]:
    with cursor_on(env) as cursor:
        cursor.execute(statement)
        return list(cursor.fetchall())


def execute(env: dict[str, str], statements: Sequence[str]) -> None:
    with cursor_on(env) as cursor:
        for statement in statements:
            cursor.execute(statement)


def table_counts(env: dict[str, str]) -> dict[str, int]:
    """Every table of the database and its number of rows."""
    if vendor_of(env) == "postgresql":
        listing = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        listing = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    with cursor_on(env) as cursor:
        cursor.execute(listing)
        tables = sorted(row[0] for row in cursor.fetchall())
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


#: Raw SQL that removes a trigger, per vendor, so a test can tamper as an intruder would.
DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_entry_refuse_update",
        "DROP TRIGGER audit_entry_refuse_delete",
    ],
    "postgresql": ["DROP TRIGGER audit_entry_refuse_change ON audit_entry"],
}

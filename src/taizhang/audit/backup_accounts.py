"""Reading the accounts a backup holds, without restoring it.

Before ``taizhang restore --as NAME`` writes anything, it must know whether NAME may restore the
backup — and the database restored into is empty, so NAME is looked up among the backup's own
accounts, the ones the restored database will have. A SQLite backup is opened read-only; a
PostgreSQL one (pg_dump's custom format) is turned into a script by pg_restore, connecting
nowhere, and the COPY blocks of the account tables are read from it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.backends.base.base import BaseDatabaseWrapper

from taizhang.access.models import DemoMark, Membership
from taizhang.access.restrict import EVERYTHING, Grant
from taizhang.audit import pgtools

#: A COPY block of a pg_restore script: ``COPY public.auth_user (id, …) FROM stdin;``.
_COPY = re.compile(r'^COPY (?:\w+\.)?"?(?P<table>\w+)"? \((?P<columns>[^)]*)\) FROM stdin;$')
#: COPY's text format escapes in a value: a backslash and the character that follows it.
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


class AccountsUnreadable(Exception):
    """The backup's accounts could not be read; ``reason`` says why (the reader's error)."""

    def __init__(self, reason: Exception) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class BackupAccount:
    """An account as a backup holds it: what decides whether it may restore the backup."""

    name: str
    active: bool
    superuser: bool
    role: str | None
    #: The backup is of the demo database, where its superuser may do everything.
    demo: bool

    def grant(self) -> Grant:
        """What the account may do once the backup is restored (as ``grant_of`` will say)."""
        if self.superuser and self.demo:
            return EVERYTHING
        return Grant(role=self.role)


def account_in_backup(database: BaseDatabaseWrapper, path: Path, name: str) -> BackupAccount | None:
    """The account ``name`` as the backup at ``path``, taken of ``database``, holds it; None
    when it holds none. Raises :class:`AccountsUnreadable`; writes nothing anywhere."""
    users, memberships, marks = (
        get_user_model()._meta.db_table,
        Membership._meta.db_table,
        DemoMark._meta.db_table,
    )
    username = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).column
    member = Membership._meta.get_field("user").column
    try:
        if database.vendor == "postgresql":
            tables = _dump_tables(database, path, [users, memberships, marks])
        else:
            tables = _sqlite_tables(path, [users, memberships, marks])
    except (sqlite3.DatabaseError, pgtools.ToolError) as error:
        raise AccountsUnreadable(error) from error
    user = next((row for row in tables.get(users, []) if row[username] == name), None)
    if user is None:
        return None
    roles = [row["role"] for row in tables.get(memberships, []) if row[member] == str(user["id"])]
    return BackupAccount(
        name=name,
        active=_true(user["is_active"]),
        superuser=_true(user["is_superuser"]),
        role=roles[0] if roles else None,
        demo=bool(tables.get(marks)),
    )


def _sqlite_tables(path: Path, tables: list[str]) -> dict[str, list[dict[str, str | None]]]:
    """The rows of ``tables`` in a SQLite backup, values as text (ids compare as text)."""
    found: dict[str, list[dict[str, str | None]]] = {}
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as backup:
        present = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
        for table in tables:
            if table in present:
                rows = backup.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (a model's table)
                columns = [column[0] for column in rows.description]
                found[table] = [
                    dict(zip(columns, (None if v is None else str(v) for v in row), strict=True))
                    for row in rows
                ]
    return found


def _dump_tables(
    database: BaseDatabaseWrapper, path: Path, tables: list[str]
) -> dict[str, list[dict[str, str | None]]]:
    """The rows of ``tables`` in a PostgreSQL backup (pg_dump's custom format), as text.

    pg_restore writes the tables' data as a script to standard output, connecting nowhere.
    """
    database.ensure_connection()
    tool = pgtools.find("pg_restore", database.pg_version // 10000)
    arguments = ["--data-only", *(f"--table={table}" for table in tables), "--file=-", str(path)]
    return dict(_copy_blocks(pgtools.run(tool, arguments, dict(os.environ)).stdout))


def _copy_blocks(script: str) -> Iterator[tuple[str, list[dict[str, str | None]]]]:
    """Each COPY block of a pg_restore script: its table and its rows."""
    lines = iter(script.split("\n"))
    for line in lines:
        block = _COPY.match(line)
        if block is None:
            continue
        columns = [column.strip().strip('"') for column in block["columns"].split(",")]
        rows = []
        for data in lines:
            if data == "\\.":
                break
            values = [None if value == "\\N" else _unescape(value) for value in data.split("\t")]
            rows.append(dict(zip(columns, values, strict=True)))
        yield block["table"], rows


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda escape: _ESCAPED.get(escape[1], escape[1]), value)


def _true(value: str | None) -> bool:
    """A boolean as SQLite (``1``) or COPY (``t``) writes it."""
    return value in ("1", "t", "True")

"""``taizhang restore FILE``: restore a backup into an empty database and verify its record.

Takes ``--as NAME``. The database restored into is empty, so NAME is looked up among the
backup's own accounts — the ones the restored database will have — before anything is
written: NAME must be active there and a bureau administrator (``DATABASE_RIGHTS`` in
:mod:`.backup`), or the administrator of a backup of the demo. The restore is then recorded as
theirs. See docs/access.md.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from taizhang.access.auditing import acting_as_user
from taizhang.access.commandline import SOURCE, add_as_argument
from taizhang.access.models import DemoMark, Membership
from taizhang.access.restrict import ALL, EVERYTHING, Grant
from taizhang.access.roles import role_label
from taizhang.audit import pgtools
from taizhang.audit.backups import (
    BackupError,
    database_label,
    file_kind,
    pending_migrations,
    restore,
)
from taizhang.audit.management.commands.backup import DATABASE_RIGHTS, RESTORE
from taizhang.audit.models import Result
from taizhang.audit.recorder import record
from taizhang.audit.verify import explain, summary, verify_chain

#: A COPY block of a pg_restore script: ``COPY public.auth_user (id, …) FROM stdin;``.
_COPY = re.compile(r'^COPY (?:\w+\.)?"?(?P<table>\w+)"? \((?P<columns>[^)]*)\) FROM stdin;$')
#: COPY's text format escapes in a value: a backslash and the character that follows it.
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


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


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Restore a backup written by `taizhang backup` into an empty database, then verify "
            "its audit record. See docs/audit.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("the backup file to restore"))
        # Not an ActingCommand: the empty database has no accounts to find NAME in before the
        # restore; the backup's own accounts are read instead (_refuse_unless_may_restore).
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["as_user"]
        if name:
            _refuse_unless_may_restore(Path(options["file"]), name)
        with acting_as_user(name, SOURCE) if name else nullcontext():
            self._restore(Path(options["file"]))

    def _restore(self, path: Path) -> None:
        try:
            restored = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored %(path)s (SHA-256 %(digest)s) into the database %(name)s.")
            % {
                "path": restored.path,
                "digest": restored.sha256,
                "name": database_label(connection),
            }
        )
        pending = pending_migrations(connection)
        if pending:
            self.stdout.write(
                _(
                    "The backup comes from an older taizhang: run `taizhang migrate` before "
                    "using it (%(count)d migrations to apply)."
                )
                % {"count": len(pending)}
            )
        found = verify_chain()
        problems = explain(found)
        # Recorded after verifying, so the entry says what was found; it chains onto the
        # restored head either way.
        with transaction.atomic():
            record(
                "database.restore",
                "database",
                database_label(connection),
                None,
                {
                    "file": str(restored.path),
                    "sha256": restored.sha256,
                    "entries": found.count,
                    "head_id": found.head_id,
                    "head_hash": found.head_hash,
                    "verified": found.intact,
                    "problems": problems,
                },
                result=Result.SUCCESS if found.intact else Result.FAILURE,
            )
        if not found.intact:
            raise CommandError(
                "\n".join(
                    [
                        _(
                            "The backup was restored, but its audit record does not verify: "
                            "do not put this database into use before you know why."
                        ),
                        *problems,
                    ]
                ),
                returncode=1,
            )
        self.stdout.write(summary(found))


# --- who may restore ----------------------------------------------------------------------


def _refuse_unless_may_restore(path: Path, name: str) -> None:
    """Raise a :class:`CommandError` unless the backup at ``path`` holds an active account
    ``name`` whose role may restore it; nothing is written either way."""
    path = path.expanduser().absolute()
    if not path.is_file() or file_kind(path) != connection.vendor:
        # Not a backup this database can take: restore() refuses it, saying why, before it
        # writes anything.
        return
    account = _account_in_backup(path, name)
    if account is None:
        raise CommandError(
            _(
                "--as %(name)s: the backup %(path)s holds no user of this name; name a bureau "
                "administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    if not account.active:
        raise CommandError(
            _(
                "--as %(name)s: this user is disabled in the backup %(path)s; name an active "
                "bureau administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    grant = account.grant()
    if grant.right(DATABASE_RIGHTS, RESTORE) == ALL:
        return
    if grant.role is None:
        raise CommandError(
            _(
                "--as %(name)s: this user has no role in the backup %(path)s; name a bureau "
                "administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    raise CommandError(
        _(
            "%(name)s (%(role)s) may not restore a backup: backups and restores are the bureau "
            "administrator's. Nothing was restored."
        )
        % {"name": name, "role": role_label(grant.role)}
    )


def _account_in_backup(path: Path, name: str) -> BackupAccount | None:
    """The account ``name`` as the backup at ``path`` holds it; None when it holds none."""
    users, memberships, marks = (
        get_user_model()._meta.db_table,
        Membership._meta.db_table,
        DemoMark._meta.db_table,
    )
    username = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).column
    member = Membership._meta.get_field("user").column
    try:
        if connection.vendor == "postgresql":
            tables = _dump_tables(connection, path, [users, memberships, marks])
        else:
            tables = _sqlite_tables(path, [users, memberships, marks])
    except (sqlite3.DatabaseError, pgtools.ToolError) as error:
        raise CommandError(
            _(
                "--as %(name)s: the accounts in %(path)s could not be read to check who may "
                "restore it: %(error)s. Nothing was restored."
            )
            % {"name": name, "path": path, "error": error}
        ) from error
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

"""Backing the database up while it is in use, and restoring a backup into an empty database.

SQLite: the backup is made with SQLite's online backup API (``Connection.backup``), which
copies a consistent snapshot while others keep reading and writing; the copy is a single
database file. PostgreSQL: ``pg_dump --format=custom`` from a snapshot exported by a
read-only transaction, in which the audit head is read too, so the head the backup reports is
exactly the one in the file.

A restore goes only into an empty database, never over data: SQLite copies the file in with
the backup API, PostgreSQL runs ``pg_restore`` in one transaction. The audit chain is then
verified (:mod:`taizhang.audit.verify`).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.audit import pgtools
from taizhang.audit.chain import GENESIS
from taizhang.audit.models import TABLE
from taizhang.i18n import join_list

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Head:
    """How many audit entries a database holds, and the last one's number and hash."""

    count: int
    id: int
    hash: str


@dataclass(frozen=True)
class BackupFile:
    """A backup written (or read): where, its size and SHA-256, and the audit head it holds."""

    path: Path
    size: int
    sha256: str
    head: Head | None = None


def database_label(connection: BaseDatabaseWrapper) -> str:
    """The database's name as the record shows it: a PostgreSQL name, a SQLite file's name."""
    name = str(connection.settings_dict["NAME"])
    return Path(name).name if connection.vendor == "sqlite" else name


def file_kind(path: Path) -> str | None:
    """``"sqlite"`` or ``"postgresql"`` by the file's first bytes; ``None`` for anything else."""
    with path.open("rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start == SQLITE_MAGIC:
        return "sqlite"
    if start.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return None


def backup(path: Path, *, overwrite: bool = False, using: str = DEFAULT_DB_ALIAS) -> BackupFile:
    """Write a consistent backup of the database to ``path``; return what was written."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be taken inside a transaction."))
    path = path.expanduser().absolute()
    if path.exists() and not overwrite:
        raise BackupError(
            _("%(path)s already exists: name a new file, or add --overwrite to replace it.")
            % {"path": path}
        )
    if not path.parent.is_dir():
        raise BackupError(
            _("The folder %(folder)s does not exist: create it, or name a file in another one.")
            % {"folder": path.parent}
        )
    if TABLE not in connection.introspection.table_names():
        raise BackupError(
            _(
                "The database %(name)s holds no taizhang data (it has no audit record): run "
                "`taizhang migrate` first, or check TAIZHANG_DATABASE_URL."
            )
            % {"name": database_label(connection)}
        )
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    # Readable by its owner only, from the first byte: it holds the whole ledger, every
    # account's password hash and the audit record. SQLite and pg_dump keep the mode.
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        if connection.vendor == "postgresql":
            head = _backup_postgresql(connection, partial)
        else:
            head = _backup_sqlite(connection, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    size, digest = _digest(path)
    return BackupFile(path=path, size=size, sha256=digest, head=head)


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> BackupFile:
    """Restore the backup at ``path`` into the (empty) database; verify separately."""
    connection = connections[using]
    path = path.expanduser().absolute()
    if not path.is_file():
        raise BackupError(
            _("%(path)s is not a file: name a backup written by `taizhang backup`.")
            % {"path": path}
        )
    kind = file_kind(path)
    if kind is None:
        raise BackupError(
            _(
                "%(path)s is not a taizhang backup: it is neither a SQLite database nor a "
                "PostgreSQL dump. Name a file written by `taizhang backup`."
            )
            % {"path": path}
        )
    if kind != connection.vendor:
        raise BackupError(
            _(
                "%(path)s is a %(kind)s backup, but this database is %(vendor)s: restore it "
                "into a %(kind)s database (set TAIZHANG_DATABASE_URL to an empty one)."
            )
            % {
                "path": path,
                "kind": _vendor_name(kind),
                "vendor": _vendor_name(connection.vendor),
            }
        )
    _refuse_unless_empty(connection)
    size, digest = _digest(path)
    if connection.vendor == "postgresql":
        _restore_postgresql(connection, path)
    else:
        _restore_sqlite(connection, path)
    # A connection opened before may hold what it read of the empty database.
    connection.close()
    return BackupFile(path=path, size=size, sha256=digest, head=read_head(connection))


def read_head(connection: BaseDatabaseWrapper) -> Head:
    """The audit record's entry count and head, as the connection sees them now."""
    with connection.cursor() as cursor:
        return _head(cursor)


def pending_migrations(connection: BaseDatabaseWrapper) -> list[str]:
    """Migrations the restored database lacks (a backup of an older taizhang)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


# --- SQLite ---------------------------------------------------------------------------------


def _backup_sqlite(connection: BaseDatabaseWrapper, partial: Path) -> Head:
    connection.ensure_connection()
    with closing(sqlite3.connect(partial)) as target:
        # One step (pages=-1): the copy is one snapshot, however busy the database is.
        connection.connection.backup(target)
        # One self-contained file, without a -wal beside it.
        target.execute("PRAGMA journal_mode=DELETE")
        head = _head(target.cursor())
    return head


def _restore_sqlite(connection: BaseDatabaseWrapper, path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as source:
            checked = source.execute("PRAGMA quick_check").fetchone()[0]
            if checked != "ok":
                raise BackupError(
                    _("%(path)s is damaged: SQLite's check says “%(result)s”.")
                    % {"path": path, "result": checked}
                )
            names = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
            if TABLE not in names:
                raise BackupError(
                    _(
                        "%(path)s is a SQLite database but not a taizhang backup: it has no "
                        "audit record."
                    )
                    % {"path": path}
                )
            connection.ensure_connection()
            source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(path)s could not be restored: %(error)s") % {"path": path, "error": error}
        ) from error


# --- PostgreSQL -----------------------------------------------------------------------------


def _backup_postgresql(connection: BaseDatabaseWrapper, partial: Path) -> Head:
    connection.ensure_connection()
    tool = pgtools.find("pg_dump", _server_major(connection))
    env = pgtools.libpq_environment(connection.settings_dict, dict(os.environ))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # Read in the snapshot pg_dump copies: the head reported is the head in the file.
        head = _head(cursor)
        _run(
            tool,
            ["--format=custom", f"--snapshot={snapshot}", "--no-password", f"--file={partial}"],
            env,
        )
    return head


def _restore_postgresql(connection: BaseDatabaseWrapper, path: Path) -> None:
    tool = pgtools.find("pg_restore", _server_major(connection))
    env = pgtools.libpq_environment(connection.settings_dict, dict(os.environ))
    listing = _run(tool, ["--list", str(path)], env).stdout
    if f" {TABLE} " not in listing:
        raise BackupError(
            _("%(path)s is a PostgreSQL dump but not a taizhang backup: it has no audit record.")
            % {"path": path}
        )
    # One transaction: a restore that fails half-way leaves the database empty, not half full.
    # The triggers are created after the rows are in (pg_restore's post-data section).
    _run(
        tool,
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
        env,
    )


def _server_major(connection: BaseDatabaseWrapper) -> int:
    return connection.pg_version // 10000


def _run(
    tool: pgtools.Tool, arguments: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    try:
        return pgtools.run(tool, arguments, env)
    except pgtools.ToolError as error:
        raise BackupError(str(error)) from error


# --- Both -----------------------------------------------------------------------------------


def _refuse_unless_empty(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                "ORDER BY 1",
                [],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE %s ORDER BY name",
                ["sqlite_%"],
            )
        tables = [row[0] for row in cursor.fetchall()]
    if tables:
        shown = join_list([*tables[:3], "…"] if len(tables) > 3 else tables)
        raise BackupError(
            ngettext(
                "The database %(name)s is not empty: it has %(count)d table (%(tables)s). A "
                "backup is restored only into an empty database, so that nothing in it is "
                "overwritten or mixed with the backup. Point TAIZHANG_DATABASE_URL at a new "
                "database (PostgreSQL: createdb; SQLite: a file that does not exist yet) and "
                "run restore again.",
                "The database %(name)s is not empty: it has %(count)d tables (%(tables)s). A "
                "backup is restored only into an empty database, so that nothing in it is "
                "overwritten or mixed with the backup. Point TAIZHANG_DATABASE_URL at a new "
                "database (PostgreSQL: createdb; SQLite: a file that does not exist yet) and "
                "run restore again.",
                len(tables),
            )
            % {"name": database_label(connection), "count": len(tables), "tables": shown}
        )


def _head(cursor: object) -> Head:
    cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
    count = cursor.fetchone()[0]
    cursor.execute(f"SELECT id, entry_hash FROM {TABLE} ORDER BY id DESC LIMIT 1")  # noqa: S608
    row = cursor.fetchone()
    return Head(count=count, id=row[0], hash=row[1]) if row else Head(0, 0, GENESIS)


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _vendor_name(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)

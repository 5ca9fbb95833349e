"""Fresh databases for each measured import: SQLite files and PostgreSQL databases.

Each kind prepares one template once — migrated with ``benchmarks.settings`` (taizhang's tables
and the baseline's) and holding the benchmark's event — and gives every measured run a copy of
it: a copied SQLite file, or ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. Migrating is
therefore never part of a measurement, and no run sees what another wrote.
"""

from __future__ import annotations

import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from benchmarks.measure import child_environment, python_module, run_checked

#: The event every ledger is imported into.
EVENT_CODE = "BENCH2026"
EVENT_ARGUMENTS = (
    "add",
    "--code",
    EVENT_CODE,
    "--name",
    "Benchmark signing ceremony",
    "--name-zh",
    "基准测试签约仪式",
    "--series",
    "BENCH",
    "--edition",
    "2026",
    "--date",
    "2026-08-23",
    "--host",
    "重庆市",
)


class Database(Protocol):
    """A kind of database the benchmark imports into."""

    name: str

    def prepare(self) -> None:
        """Create the template: migrated, with the benchmark's event."""
        ...

    def fresh(self) -> AbstractContextManager[dict[str, str]]:
        """A copy of the template for one run; yields the ``TAIZHANG_*`` variables naming it."""
        ...

    def count(self, variables: dict[str, str], table: str) -> int:
        """How many rows ``table`` holds in the database ``variables`` name."""
        ...

    def close(self) -> None:
        """Remove the template."""
        ...


def _prepare_template(variables: dict[str, str]) -> None:
    run_checked(
        python_module("benchmarks.prepare", *EVENT_ARGUMENTS),
        env=child_environment(DJANGO_SETTINGS_MODULE="benchmarks.settings", **variables),
        what=f"Migrating the template database and adding the event {EVENT_CODE}",
    )


class SQLiteDatabases:
    """SQLite files under ``work``: the template's ``var/`` copied for each run."""

    name = "SQLite"

    def __init__(self, work: Path) -> None:
        self.work = work
        self.template = work / "sqlite-template"

    def prepare(self) -> None:
        self.template.mkdir(parents=True, exist_ok=True)
        _prepare_template({"TAIZHANG_HOME": str(self.template)})

    @contextmanager
    def fresh(self) -> Iterator[dict[str, str]]:
        home = self.work / f"sqlite-{secrets.token_hex(4)}"
        shutil.copytree(self.template / "var", home / "var")
        try:
            yield {"TAIZHANG_HOME": str(home)}
        finally:
            shutil.rmtree(home, ignore_errors=True)  # a million rows take hundreds of MB

    def count(self, variables: dict[str, str], table: str) -> int:
        path = Path(variables["TAIZHANG_HOME"]) / "var" / "taizhang.sqlite3"
        with sqlite3.connect(path) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    def close(self) -> None:
        shutil.rmtree(self.template, ignore_errors=True)


class PostgreSQLDatabases:
    """Databases created on the server ``admin_url`` names, and dropped after each run."""

    name = "PostgreSQL"

    def __init__(self, admin_url: str, work: Path) -> None:
        self.admin_url = admin_url
        self.home = work / "postgresql-home"  # only the secret key lives there
        self.prefix = f"taizhang_bench_{secrets.token_hex(3)}"
        self.template = f"{self.prefix}_template"

    def prepare(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self._admin(f'CREATE DATABASE "{self.template}"')
        _prepare_template(self._variables(self.template))

    @contextmanager
    def fresh(self) -> Iterator[dict[str, str]]:
        name = f"{self.prefix}_{secrets.token_hex(4)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        try:
            yield self._variables(name)
        finally:
            self._drop(name)

    def count(self, variables: dict[str, str], table: str) -> int:
        import psycopg

        with psycopg.connect(variables["TAIZHANG_DATABASE_URL"]) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    def close(self) -> None:
        self._drop(self.template)

    def _variables(self, name: str) -> dict[str, str]:
        parts = urlsplit(self.admin_url)
        url = urlunsplit(parts._replace(path=f"/{name}"))
        return {"TAIZHANG_HOME": str(self.home), "TAIZHANG_DATABASE_URL": url}

    def _drop(self, name: str) -> None:
        # FORCE: a process killed by the timeout may leave its connection behind.
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement.encode())

"""``taizhang demo`` as an operator runs it: a new process, a database of its own.

Each test runs the command on SQLite (a file in a fresh home) and on PostgreSQL (a fresh
database on the test server, when TAIZHANG_TEST_PG_ADMIN_URL names one), and reads what it
wrote straight from that database. Tests that leave the database as it is share one loaded
database per backend.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.apps import apps
from django.contrib.auth.hashers import Argon2PasswordHasher

from tests.support.cli import clean_environment, run_taizhang
from tests.support.postgres import postgres_admin_url, temporary_database

REPOSITORY = Path(__file__).resolve().parents[2]


def fresh_environment(backend: str, home: Path, stack: ExitStack) -> dict[str, str]:
    """A clean environment for ``taizhang`` whose database is new and empty."""
    home.mkdir()
    if backend == "postgresql":
        url = stack.enter_context(temporary_database(postgres_admin_url()))
        return clean_environment(home, TAIZHANG_DATABASE_URL=url, TAIZHANG_LANGUAGE="en")
    return clean_environment(home, TAIZHANG_LANGUAGE="en")


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A new, empty database, for a test that changes it."""
    with ExitStack() as stack:
        yield fresh_environment(request.param, tmp_path / "home", stack)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[dict[str, str], subprocess.CompletedProcess[str]]]:
    """A database the demo was loaded into once, shared by tests that leave it as it is."""
    with ExitStack() as stack:
        env = fresh_environment(request.param, tmp_path_factory.mktemp("demo") / "home", stack)
        yield env, run_taizhang("demo", env=env, timeout=300)


@contextmanager
def database(env: dict[str, str]) -> Iterator[Any]:
    """A DB-API cursor on the database ``taizhang`` uses in ``env``."""
    url = env.get("TAIZHANG_DATABASE_URL")
    if url:
        with psycopg.connect(url, autocommit=True) as connection, connection.cursor() as cursor:
            yield cursor
    else:
        path = Path(env["TAIZHANG_HOME"]) / "var" / "taizhang.sqlite3"
        with closing(sqlite3.connect(path)) as connection:
            yield connection.cursor()


def query(env: dict[str, str], statement: str) -> list[tuple[Any, ...]]:
    with database(env) as cursor:
        cursor.execute(statement)
        return list(cursor.fetchall())


def ledger_digest(cursor: Any) -> str:
    """A digest of every row of every ledger table, by primary key, without timestamps."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_app_config("ledger").get_models(), key=lambda m: m._meta.label):
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if field.name not in {"created_at", "updated_at"}
        ]
        listed = ", ".join(f'"{column}"' for column in columns)
        table, key = model._meta.db_table, model._meta.pk.column
        cursor.execute(f'SELECT {listed} FROM "{table}" ORDER BY "{key}"')  # noqa: S608
        digest.update(table.encode())
        for row in cursor.fetchall():
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def digest_of(env: dict[str, str]) -> str:
    with database(env) as cursor:
        return ledger_digest(cursor)


def demo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_taizhang("demo", *args, env=env, timeout=300)


def counts(env: dict[str, str]) -> tuple[int, int, int]:
    ((events, projects, announcements),) = query(
        env,
        "SELECT (SELECT COUNT(*) FROM ledger_event), (SELECT COUNT(*) FROM ledger_project), "
        "(SELECT COUNT(*) FROM ledger_announcement)",
    )
    return events, projects, announcements


def test_demo_loads_into_an_empty_database_and_says_how_to_sign_in(loaded) -> None:
    env, result = loaded
    assert result.returncode == 0, result.stderr
    assert "SCE2021 2021-08-23" in result.stdout
    assert "92 projects, ¥252.4 billion (US$38.97 billion)" in result.stdout
    assert "3 projects landing outside the host, ¥3.2 billion" in result.stdout
    assert "25 projects, ¥46.3 billion (US$6.95 billion)" in result.stdout
    assert "http://127.0.0.1:8000/admin/" in result.stdout
    assert "user: admin" in result.stdout
    assert "password: taizhang-demo" in result.stdout
    assert "Two-factor sign-in is off in the demo." in result.stdout
    events, projects, announcements = counts(env)
    assert events == 5
    assert announcements == projects + 6  # six projects announced at two events


def test_the_demo_administrator_is_the_only_superuser(loaded) -> None:
    env, _result = loaded
    rows = query(env, "SELECT username, password FROM auth_user WHERE is_superuser")
    assert [username for username, _ in rows] == ["admin"]
    assert Argon2PasswordHasher().verify("taizhang-demo", rows[0][1])


def test_demo_refuses_a_database_that_holds_ledger_data_and_changes_nothing(loaded) -> None:
    env, _result = loaded
    before = digest_of(env)
    again = demo(env)
    assert again.returncode == 1
    assert "The database is not empty: it holds 5 signing events" in again.stderr
    assert "taizhang demo --reset" in again.stderr
    assert "Traceback" not in again.stderr
    assert digest_of(env) == before


def test_if_empty_leaves_a_loaded_database_alone(loaded) -> None:
    env, _result = loaded
    before = digest_of(env)
    result = demo(env, "--if-empty")
    assert result.returncode == 0, result.stderr
    assert "the demo was not loaded" in result.stdout
    assert digest_of(env) == before


def test_if_empty_loads_an_empty_database_with_the_password_from_the_environment(
    demo_env,
) -> None:
    demo_env["TAIZHANG_DEMO_PASSWORD"] = "another-demo-secret"
    result = demo(demo_env, "--if-empty")
    assert result.returncode == 0, result.stderr
    assert "The demo ledger is loaded." in result.stdout
    assert "password: another-demo-secret" in result.stdout
    ((password,),) = query(demo_env, "SELECT password FROM auth_user WHERE username = 'admin'")
    assert Argon2PasswordHasher().verify("another-demo-secret", password)


APPEND_ONLY = {
    "sqlite": [
        "CREATE TABLE append_only_notes (id INTEGER PRIMARY KEY, what TEXT)",
        "CREATE TRIGGER append_only_no_delete BEFORE DELETE ON append_only_notes "
        "BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END",
        "INSERT INTO append_only_notes (what) VALUES ('signed')",
    ],
    "postgresql": [
        "CREATE TABLE append_only_notes (id serial PRIMARY KEY, what text)",
        "CREATE FUNCTION append_only_refuse() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the audit record is append-only'; END $$",
        "CREATE TRIGGER append_only_no_delete BEFORE DELETE OR TRUNCATE ON append_only_notes "
        "FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse()",
        "INSERT INTO append_only_notes (what) VALUES ('signed')",
    ],
}


def run_statements(env: dict[str, str], statements: Sequence[str]) -> None:
    with database(env) as cursor:
        for statement in statements:
            cursor.execute(statement)
        if hasattr(cursor, "connection") and isinstance(cursor.connection, sqlite3.Connection):
            cursor.connection.commit()


def test_reset_rebuilds_the_very_same_ledger_even_past_a_table_refusing_delete(
    demo_env,
) -> None:
    assert demo(demo_env).returncode == 0
    first = digest_of(demo_env)
    backend = "postgresql" if "TAIZHANG_DATABASE_URL" in demo_env else "sqlite"
    run_statements(demo_env, APPEND_ONLY[backend])
    with pytest.raises((sqlite3.Error, psycopg.Error), match="append-only"):
        run_statements(demo_env, ["DELETE FROM append_only_notes"])
    rebuilt = demo(demo_env, "--reset")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "The database was recreated" in rebuilt.stdout
    assert digest_of(demo_env) == first
    assert counts(demo_env)[1] > 250
    assert query(demo_env, "SELECT username FROM auth_user") == [("admin",)]
    with pytest.raises((sqlite3.Error, psycopg.Error), match="append_only_notes"):
        query(demo_env, "SELECT * FROM append_only_notes")


# An in-memory database lives as long as its process (and TAIZHANG_DATABASE_URL rightly refuses
# one), so a settings module of the test's own points at one, and one process loads the demo,
# is refused, resets and compares: the case of an in-memory test database.
IN_MEMORY_SETTINGS = """
from taizhang.settings import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
"""
IN_MEMORY_SCRIPT = """
import io, json, os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "in_memory_settings"
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from tests.ledger.test_demo_command import ledger_digest

assert connection.settings_dict["NAME"] == ":memory:"
call_command("demo", stdout=io.StringIO())
with connection.cursor() as cursor:
    first = ledger_digest(cursor)
try:
    call_command("demo", stdout=io.StringIO())
    refused = False
except CommandError:
    refused = True
call_command("demo", "--reset", stdout=io.StringIO())
with connection.cursor() as cursor:
    second = ledger_digest(cursor)
    cursor.execute("SELECT COUNT(*) FROM ledger_project")
    projects = cursor.fetchone()[0]
print(json.dumps({"first": first, "second": second, "refused": refused, "projects": projects}))
"""


def test_reset_works_on_an_in_memory_sqlite_database(tmp_path: Path) -> None:
    (tmp_path / "in_memory_settings.py").write_text(IN_MEMORY_SETTINGS, encoding="utf-8")
    env = clean_environment(tmp_path, PYTHONPATH=f"{tmp_path}{os.pathsep}{REPOSITORY}")
    result = subprocess.run(
        [sys.executable, "-c", IN_MEMORY_SCRIPT],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["refused"] is True
    assert outcome["projects"] > 250
    assert outcome["first"] == outcome["second"]


def test_the_summary_states_amounts_as_each_language_writes_them() -> None:
    from decimal import Decimal

    from django.utils import translation

    from taizhang.ledger.management.commands.demo import dollars, yuan

    with translation.override("zh-hans"):
        assert yuan(Decimal("252400000000.00")) == "2524亿元"
        assert yuan(Decimal("3200000000.00")) == "32亿元"
        assert dollars(Decimal("38.97")) == "389.7亿美元"
    with translation.override("en"):
        assert yuan(Decimal("252400000000.00")) == "¥252.4 billion"
        assert dollars(Decimal("6.95")) == "US$6.95 billion"

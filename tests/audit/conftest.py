"""Fixtures of the audit tests: fresh databases for the command line, entries in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from tests.audit.databases import fresh_environment
from tests.support.cli import run_taizhang
from tests.support.fixtures import pg_admin_url, postgres_database_url  # noqa: F401


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """A clean environment for ``taizhang`` whose database is new and empty (not migrated)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_database_url")
        return fresh_environment(tmp_path / "home", url)
    return fresh_environment(tmp_path / "home")


@pytest.fixture
def migrated_env(fresh_env: dict[str, str]) -> dict[str, str]:
    """``fresh_env`` after ``taizhang migrate``."""
    result = run_taizhang("migrate", "--no-input", "-v", "0", env=fresh_env)
    assert result.returncode == 0, result.stderr
    return fresh_env


@pytest.fixture
def on_postgresql() -> None:
    """Skips a test of PostgreSQL-only behaviour when the suite runs on SQLite."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the suite runs on SQLite (set TAIZHANG_DATABASE_URL)")

"""Pytest fixtures over :mod:`tests.support`.

A conftest makes them visible to its directory with ``from tests.support.fixtures import *``;
``pytest_plugins = ["tests.support.fixtures"]`` in tests/conftest.py would make them global.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import clean_environment
from tests.support.postgres import postgres_admin_url, temporary_database

__all__ = [
    "cli_env",
    "pg_admin_url",
    "plain_static_storage",
    "postgres_database_url",
    "taizhang_home",
]


@pytest.fixture
def taizhang_home(tmp_path: Path) -> Path:
    """An empty TAIZHANG_HOME for a subprocess; its ``var/`` appears when taizhang starts."""
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def cli_env(taizhang_home: Path) -> dict[str, str]:
    """A clean environment for ``taizhang`` subprocesses, with ``taizhang_home`` as home."""
    return clean_environment(taizhang_home)


@pytest.fixture
def pg_admin_url() -> str:
    """The admin URL of the test PostgreSQL server; see :func:`postgres_admin_url`."""
    return postgres_admin_url()


@pytest.fixture
def postgres_database_url(pg_admin_url: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    with temporary_database(pg_admin_url) as url:
        yield url


@pytest.fixture
def plain_static_storage(settings) -> None:
    """Serve static files without the manifest, for pages rendered before any collectstatic.

    The manifest storage of production refuses {% static %} names it has not collected.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

"""/healthz, asked of a real ``taizhang serve``: 200 with a reachable database, 503 without."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from django.test import Client

import taizhang
from tests.support.cli import clean_environment, run_taizhang
from tests.support.postgres import unreachable_postgres_url
from tests.support.server import serving


def test_it_reports_ok_on_sqlite(migrated_env: dict[str, str]) -> None:
    with serving(migrated_env) as server:
        response = server.get("/healthz")
    assert response.status == 200, server.output
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "sqlite",
        "version": taizhang.__version__,
    }


def test_it_reports_ok_on_postgresql(taizhang_home: Path, postgres_database_url: str) -> None:
    env = clean_environment(taizhang_home, TAIZHANG_DATABASE_URL=postgres_database_url)
    migrated = run_taizhang("migrate", "--no-input", "-v", "0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    with serving(env) as server:
        response = server.get("/healthz")
    assert response.status == 200, server.output
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "postgresql"


def test_it_answers_503_when_the_postgresql_server_is_not_there(taizhang_home: Path) -> None:
    env = clean_environment(taizhang_home, TAIZHANG_DATABASE_URL=unreachable_postgres_url())
    with serving(env) as server:
        response = server.get("/healthz")
    assert response.status == 503, server.output
    assert response.json() == {
        "status": "unavailable",
        "database": "postgresql",
        "version": taizhang.__version__,
    }
    assert "database cannot be reached" in server.output


def test_it_answers_503_when_the_postgresql_server_does_not_answer(taizhang_home: Path) -> None:
    # A listener that accepts connections and never says a word, like a hung server.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        url = f"postgresql://postgres@127.0.0.1:{port}/taizhang?connect_timeout=2"
        env = clean_environment(taizhang_home, TAIZHANG_DATABASE_URL=url)
        with serving(env) as server:
            started = time.monotonic()
            response = server.get("/healthz", timeout=20)
            waited = time.monotonic() - started
    assert response.status == 503, server.output
    assert response.json()["database"] == "postgresql"
    assert waited < 10


def test_it_answers_503_when_the_sqlite_file_cannot_be_opened(taizhang_home: Path) -> None:
    missing_directory = taizhang_home / "no-such-directory" / "taizhang.sqlite3"
    env = clean_environment(
        taizhang_home, TAIZHANG_DATABASE_URL=f"sqlite:///{missing_directory.as_posix()}"
    )
    with serving(env) as server:
        response = server.get("/healthz")
    assert response.status == 503, server.output
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "sqlite"


def test_it_recovers_once_the_database_is_back(taizhang_home: Path) -> None:
    # The file's directory appears while the server runs: the next check connects afresh.
    database = taizhang_home / "later" / "taizhang.sqlite3"
    env = clean_environment(taizhang_home, TAIZHANG_DATABASE_URL=f"sqlite:///{database.as_posix()}")
    with serving(env) as server:
        assert server.get("/healthz").status == 503
        database.parent.mkdir()
        assert server.get("/healthz").status == 200, server.output


@pytest.mark.django_db
def test_it_is_not_cached_and_only_answers_reads(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405

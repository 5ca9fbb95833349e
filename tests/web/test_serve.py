"""``taizhang serve`` as an operator runs it: a subprocess with a clean environment."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.support.cli import clean_environment, run_taizhang
from tests.support.server import http_get, serving


def test_it_prints_the_url_it_serves_on(migrated_env: dict[str, str]) -> None:
    with serving(migrated_env) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.get("/").status == 200


def test_it_serves_static_files_with_debug_off(migrated_env: dict[str, str]) -> None:
    env = {**migrated_env, "TAIZHANG_DEBUG": "0"}
    with serving(env) as server:
        response = server.get("/static/admin/css/base.css")
    assert response.status == 200, server.output
    assert response.headers["Content-Type"].startswith("text/css")
    assert b"body" in response.body


def test_it_collects_static_files_again_without_complaint(migrated_env: dict[str, str]) -> None:
    for _ in range(2):
        with serving(migrated_env) as server:
            assert server.get("/static/admin/css/base.css").status == 200, server.output
    assert "Traceback" not in server.output


def test_it_does_not_migrate_but_says_how(cli_env: dict[str, str], taizhang_home: Path) -> None:
    with serving(cli_env) as server:
        assert server.get("/healthz").status == 200
    assert "taizhang migrate" in server.output
    tables = run_taizhang("showmigrations", "ledger", env=cli_env).stdout
    assert "[X]" not in tables


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM ends a process at once on Windows")
def test_it_stops_cleanly_on_sigterm(migrated_env: dict[str, str]) -> None:
    with serving(migrated_env) as server:
        url = server.url
        server.process.send_signal(signal.SIGTERM)
        status = server.process.wait(15)
    assert status == 0, server.output
    assert "Stopped." in server.output
    assert "Traceback" not in server.output
    with pytest.raises(OSError):
        http_get(url + "healthz", timeout=5)


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGINT to send on Windows")
def test_it_stops_cleanly_on_ctrl_c(migrated_env: dict[str, str]) -> None:
    with serving(migrated_env) as server:
        server.process.send_signal(signal.SIGINT)
        status = server.process.wait(15)
    assert status == 0, server.output
    assert "Traceback" not in server.output


def test_it_refuses_to_listen_on_every_address_when_only_localhost_is_allowed(
    cli_env: dict[str, str],
) -> None:
    result = run_taizhang("serve", "--host", "0.0.0.0", "--port", "0", env=cli_env)  # noqa: S104
    assert result.returncode == 2
    assert "TAIZHANG_ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_an_address_that_is_not_allowed(cli_env: dict[str, str]) -> None:
    result = run_taizhang("serve", "--host", "10.11.12.13", env=cli_env)
    assert result.returncode == 2
    assert "10.11.12.13" in result.stderr
    assert "TAIZHANG_ALLOWED_HOSTS=" in result.stderr


def test_it_listens_on_every_address_once_other_hosts_are_allowed(
    migrated_env: dict[str, str],
) -> None:
    env = {**migrated_env, "TAIZHANG_ALLOWED_HOSTS": "taizhang.example.gov.cn,127.0.0.1"}
    with serving(env, "--host", "0.0.0.0") as server:  # noqa: S104
        port = server.url.rsplit(":", 1)[1].rstrip("/")
        response = http_get(f"http://127.0.0.1:{port}/healthz")
    assert response.status == 200, server.output


def test_it_says_when_the_port_is_taken(migrated_env: dict[str, str]) -> None:
    with serving(migrated_env) as server:
        port = server.url.rsplit(":", 1)[1].rstrip("/")
        result = run_taizhang("serve", "--port", port, env=migrated_env)
    assert result.returncode == 1
    assert f"port {port}" in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("option", [("--port", "65536"), ("--threads", "0")])
def test_it_rejects_impossible_numbers(cli_env: dict[str, str], option: tuple[str, str]) -> None:
    result = run_taizhang("serve", *option, env=cli_env)
    assert result.returncode == 2
    assert option[0] in result.stderr


def test_its_help_says_migrate_is_separate_and_how_to_allow_hosts(
    taizhang_home: Path,
) -> None:
    result = run_taizhang("help", "serve", env=clean_environment(taizhang_home))
    assert result.returncode == 0
    assert "taizhang migrate" in result.stdout
    assert "TAIZHANG_ALLOWED_HOSTS" in result.stdout

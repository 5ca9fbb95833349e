"""The ``taizhang`` console command as an operator runs it: a new process, a clean environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import taizhang
from tests.support.cli import clean_environment, run_taizhang

PACKAGE_DIR = Path(taizhang.__file__).parent


def project_commands() -> list[str]:
    """Every command the project's apps define: src/taizhang/<app>/management/commands/*.py."""
    return sorted(
        module.stem
        for module in PACKAGE_DIR.glob("*/management/commands/*.py")
        if not module.name.startswith("_")
    )


def test_the_environment_has_no_django_settings_module(tmp_path: Path) -> None:
    assert "DJANGO_SETTINGS_MODULE" not in clean_environment(tmp_path)


def test_check_works_without_django_settings_module(tmp_path: Path) -> None:
    result = run_taizhang("check", env=clean_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_help_lists_the_project_commands(tmp_path: Path) -> None:
    result = run_taizhang("help", env=clean_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    listed = {line.strip() for line in result.stdout.splitlines()}
    assert "serve" in project_commands()
    assert [name for name in project_commands() if name not in listed] == []


def test_commands_answer_to_their_hyphenated_names(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    assert run_taizhang("migrate", "--no-input", "-v", "0", env=env).returncode == 0
    result = run_taizhang("export-ledger", "--help", env=env)
    assert result.returncode == 0, result.stderr
    assert "--template" in result.stdout
    assert run_taizhang("import-ledger", "--help", env=env).returncode == 0
    unknown = run_taizhang("no-such-command", env=env)
    assert unknown.returncode != 0
    assert "no-such-command" in unknown.stderr


def test_migrate_creates_the_database_in_the_home_and_is_idempotent(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    first = run_taizhang("migrate", "--no-input", env=env)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "var" / "taizhang.sqlite3").is_file()
    again = run_taizhang("migrate", "--no-input", env=env)
    assert again.returncode == 0, again.stderr
    assert "No migrations to apply" in again.stdout


def test_python_dash_m_taizhang_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "taizhang", "help", "serve"],
        env=clean_environment(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: taizhang serve" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TAIZHANG_DEBUG", "maybe"),
        ("TAIZHANG_DATABASE_URL", "mysql://root@localhost/taizhang"),
        ("TAIZHANG_DATABASE_URL", "postgresql://postgres@127.0.0.1:port/taizhang"),
        ("TAIZHANG_TIME_ZONE", "Beijing"),
        ("TAIZHANG_SECRET_KEY", "too-short"),
        ("TAIZHANG_LOG_LEVEL", "LOUD"),
        ("TAIZHANG_DB_CONN_MAX_AGE", "a minute"),
    ],
)
def test_a_bad_variable_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    env = clean_environment(tmp_path, **{variable: value})
    if variable == "TAIZHANG_DB_CONN_MAX_AGE":  # only read for PostgreSQL
        env["TAIZHANG_DATABASE_URL"] = "postgresql://postgres@127.0.0.1:5432/taizhang"
    result = run_taizhang("check", env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_a_home_that_is_a_file_stops_start_up(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a directory", encoding="utf-8")
    result = run_taizhang("check", env=clean_environment(home))
    assert result.returncode == 2
    assert "TAIZHANG_HOME" in result.stderr
    assert "Traceback" not in result.stderr

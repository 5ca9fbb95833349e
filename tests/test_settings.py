"""Settings from TAIZHANG_* variables: the typed readers, and what a fresh process ends up with."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path

import pytest

from taizhang import conf
from taizhang.conf import ConfigurationError
from tests.support.cli import clean_environment, run_taizhang

# --- The readers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("Off", False)],
)
def test_a_yes_no_variable_reads_the_usual_spellings(monkeypatch, raw: str, expected: bool):
    monkeypatch.setenv("TAIZHANG_DEBUG", raw)
    assert conf.env_bool("TAIZHANG_DEBUG", not expected) is expected


def test_a_yes_no_variable_rejects_anything_else(monkeypatch) -> None:
    monkeypatch.setenv("TAIZHANG_DEBUG", "maybe")
    with pytest.raises(ConfigurationError, match="TAIZHANG_DEBUG='maybe'") as raised:
        conf.env_bool("TAIZHANG_DEBUG", False)
    assert raised.value.variable == "TAIZHANG_DEBUG"


def test_an_unset_variable_takes_its_default(monkeypatch) -> None:
    monkeypatch.delenv("TAIZHANG_DEBUG", raising=False)
    monkeypatch.delenv("TAIZHANG_TIME_ZONE", raising=False)
    assert conf.env_bool("TAIZHANG_DEBUG", False) is False
    assert conf.env_time_zone("TAIZHANG_TIME_ZONE", "Asia/Shanghai") == "Asia/Shanghai"


def test_a_number_variable_must_be_whole_and_large_enough(monkeypatch) -> None:
    monkeypatch.setenv("TAIZHANG_DB_CONN_MAX_AGE", "30")
    assert conf.env_int("TAIZHANG_DB_CONN_MAX_AGE", 60) == 30
    for bad in ("thirty", "-1"):
        monkeypatch.setenv("TAIZHANG_DB_CONN_MAX_AGE", bad)
        with pytest.raises(ConfigurationError, match="TAIZHANG_DB_CONN_MAX_AGE"):
            conf.env_int("TAIZHANG_DB_CONN_MAX_AGE", 60)


def test_a_list_variable_drops_blanks(monkeypatch) -> None:
    monkeypatch.setenv("TAIZHANG_ALLOWED_HOSTS", " taizhang.example.gov.cn, ,10.0.0.5,")
    assert conf.env_list("TAIZHANG_ALLOWED_HOSTS", []) == ["taizhang.example.gov.cn", "10.0.0.5"]


@pytest.mark.parametrize("raw", ["Asia/Chongqing", "UTC"])
def test_a_time_zone_is_any_iana_name(monkeypatch, raw: str) -> None:
    monkeypatch.setenv("TAIZHANG_TIME_ZONE", raw)
    assert conf.env_time_zone("TAIZHANG_TIME_ZONE", "Asia/Shanghai") == raw


@pytest.mark.parametrize("raw", ["Beijing", "Asia/Nowhere", "", "../etc/passwd"])
def test_a_time_zone_that_does_not_exist_is_refused(monkeypatch, raw: str) -> None:
    monkeypatch.setenv("TAIZHANG_TIME_ZONE", raw)
    with pytest.raises(ConfigurationError, match="TAIZHANG_TIME_ZONE"):
        conf.env_time_zone("TAIZHANG_TIME_ZONE", "Asia/Shanghai")


@pytest.mark.parametrize("raw", ["debug", "WARNING"])
def test_a_log_level_is_a_level_name_in_any_case(monkeypatch, raw: str) -> None:
    monkeypatch.setenv("TAIZHANG_LOG_LEVEL", raw)
    assert conf.env_log_level("TAIZHANG_LOG_LEVEL", "INFO") == raw.upper()


def test_a_log_level_that_logging_does_not_know_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("TAIZHANG_LOG_LEVEL", "LOUD")
    with pytest.raises(ConfigurationError, match="TAIZHANG_LOG_LEVEL='LOUD'"):
        conf.env_log_level("TAIZHANG_LOG_LEVEL", "INFO")


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////srv/taizhang/var/taizhang.sqlite3",
        "postgresql://taizhang:secret@db.example.gov.cn:5432/taizhang",
        "postgres://taizhang@127.0.0.1/taizhang?connect_timeout=5",
    ],
)
def test_a_database_url_is_sqlite_or_postgresql(monkeypatch, url: str) -> None:
    monkeypatch.setenv("TAIZHANG_DATABASE_URL", url)
    assert conf.env_database_url("TAIZHANG_DATABASE_URL", "sqlite:///default") == url


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://root@localhost/taizhang", "use sqlite:///"),
        ("postgresql://postgres@127.0.0.1:5432/", "must name a database"),
        ("postgresql://postgres@127.0.0.1:five/taizhang", "not a well-formed URL"),
        ("postgresql://postgres@[::1/taizhang", "not a well-formed URL"),
        ("sqlite://", "must name a file"),
    ],
)
def test_a_database_url_taizhang_cannot_use_is_refused(monkeypatch, url: str, problem: str):
    monkeypatch.setenv("TAIZHANG_DATABASE_URL", url)
    with pytest.raises(ConfigurationError, match="TAIZHANG_DATABASE_URL") as raised:
        conf.env_database_url("TAIZHANG_DATABASE_URL", "sqlite:///default")
    assert problem in str(raised.value)


def test_a_refused_database_url_does_not_show_its_password(monkeypatch) -> None:
    monkeypatch.setenv("TAIZHANG_DATABASE_URL", "postgresql://taizhang:s3cret@db:port/taizhang")
    with pytest.raises(ConfigurationError) as raised:
        conf.env_database_url("TAIZHANG_DATABASE_URL", "sqlite:///default")
    assert "s3cret" not in str(raised.value)
    assert "taizhang:***@db" in str(raised.value)


def test_the_home_must_be_a_directory(monkeypatch, tmp_path: Path) -> None:
    a_file = tmp_path / "home.txt"
    a_file.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("TAIZHANG_HOME", str(a_file))
    with pytest.raises(ConfigurationError, match="TAIZHANG_HOME"):
        conf.env_home()


def test_var_is_made_in_the_home_or_the_home_is_refused(tmp_path: Path) -> None:
    assert conf.var_dir(tmp_path) == tmp_path / "var"
    assert (tmp_path / "var").is_dir()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the home should be", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"TAIZHANG_HOME.*cannot create"):
        conf.var_dir(blocked)


# --- The secret key ----------------------------------------------------------------------


def test_a_secret_key_is_made_once_and_kept(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAIZHANG_SECRET_KEY", raising=False)
    first = conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path)
    assert len(first) >= 32
    assert (tmp_path / "secret_key").read_text(encoding="utf-8") == first
    assert conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX file modes")
def test_the_secret_key_file_is_readable_by_its_owner_only(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAIZHANG_SECRET_KEY", raising=False)
    conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path)
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_processes_starting_together_agree_on_one_key(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAIZHANG_SECRET_KEY", raising=False)
    keys: list[str] = []
    starts = [
        threading.Thread(
            target=lambda: keys.append(conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path))
        )
        for _ in range(8)
    ]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    assert len(keys) == 8
    assert len(set(keys)) == 1


def test_a_secret_key_given_wins_over_the_file(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TAIZHANG_SECRET_KEY", "k" * 40)
    assert conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path) == "k" * 40
    assert not (tmp_path / "secret_key").exists()


def test_a_short_secret_key_is_refused_without_being_shown(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TAIZHANG_SECRET_KEY", "tooshort")
    with pytest.raises(ConfigurationError, match="TAIZHANG_SECRET_KEY") as raised:
        conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path)
    assert "tooshort" not in str(raised.value)


def test_an_emptied_key_file_is_refused_with_what_to_do(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAIZHANG_SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="delete it") as raised:
        conf.env_secret_key("TAIZHANG_SECRET_KEY", tmp_path)
    assert str(tmp_path / "secret_key") in str(raised.value)


# --- What a fresh process ends up with ---------------------------------------------------


def settings_seen_by_taizhang(env: dict[str, str]) -> dict:
    """The settings a new ``taizhang`` process computes from ``env``."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'USE_TZ': s.USE_TZ, 'TIME_ZONE': s.TIME_ZONE, 'DEBUG': s.DEBUG, "
        "'LANGUAGE_CODE': s.LANGUAGE_CODE, 'SECRET_KEY': s.SECRET_KEY, "
        "'DATABASE': str(s.DATABASES['default']['NAME']), 'STATIC_ROOT': str(s.STATIC_ROOT), "
        "'DATABASE_OPTIONS': s.DATABASES['default'].get('OPTIONS', {})}))"
    )
    result = run_taizhang("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_times_are_stored_aware_and_shown_in_shanghai(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    del env["TAIZHANG_LANGUAGE"]  # the suite's English; the default is what this test reads
    seen = settings_seen_by_taizhang(env)
    assert seen["USE_TZ"] is True
    assert seen["TIME_ZONE"] == "Asia/Shanghai"
    assert seen["DEBUG"] is False
    assert seen["LANGUAGE_CODE"] == "zh-hans"


def test_the_time_zone_can_be_set(tmp_path: Path) -> None:
    seen = settings_seen_by_taizhang(clean_environment(tmp_path, TAIZHANG_TIME_ZONE="Asia/Urumqi"))
    assert seen["TIME_ZONE"] == "Asia/Urumqi"


def test_the_data_lives_in_var_under_the_home(tmp_path: Path) -> None:
    seen = settings_seen_by_taizhang(clean_environment(tmp_path))
    home = tmp_path.resolve()
    assert Path(seen["DATABASE"]) == home / "var" / "taizhang.sqlite3"
    assert Path(seen["STATIC_ROOT"]) == home / "var" / "static"
    assert (home / "var" / "secret_key").read_text(encoding="utf-8") == seen["SECRET_KEY"]


def test_the_generated_key_is_the_one_used_next_time(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    first = settings_seen_by_taizhang(env)["SECRET_KEY"]
    assert settings_seen_by_taizhang(env)["SECRET_KEY"] == first
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(tmp_path / "var" / "secret_key").st_mode) == 0o600


def test_postgresql_connections_give_up_after_10_seconds_unless_told(tmp_path: Path) -> None:
    url = "postgresql://taizhang@db.example.gov.cn:5432/taizhang"
    seen = settings_seen_by_taizhang(clean_environment(tmp_path, TAIZHANG_DATABASE_URL=url))
    assert seen["DATABASE_OPTIONS"]["connect_timeout"] == 10
    env = clean_environment(tmp_path, TAIZHANG_DATABASE_URL=f"{url}?connect_timeout=3")
    assert settings_seen_by_taizhang(env)["DATABASE_OPTIONS"]["connect_timeout"] == 3


def test_sqlite_runs_in_wal_mode_after_migrate(tmp_path: Path) -> None:
    result = run_taizhang("migrate", "--no-input", "-v", "0", env=clean_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    database = sqlite3.connect(tmp_path / "var" / "taizhang.sqlite3")
    try:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert database.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0
    finally:
        database.close()


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit() -> None:
    # JIT costs the bulletin of a large ledger seconds and saves nothing (docs/performance.md).
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)

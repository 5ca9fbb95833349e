"""``taizhang backup`` and ``taizhang restore``: a round trip loses nothing and verifies.

Each test runs the commands as an operator does, in their own processes, on SQLite (a file in
a fresh home) and on PostgreSQL (fresh databases on the test server).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.audit.databases import execute, fresh_environment, query, table_counts, vendor_of
from tests.audit.test_concurrency import WRITERS
from tests.support.cli import run_taizhang
from tests.support.postgres import temporary_database


@pytest.fixture
def used_env(migrated_env: dict[str, str]) -> dict[str, str]:
    """A migrated database holding a signing event and a few hundred audit entries."""
    event = run_taizhang(
        "events", "add", "--code", "SCE2021", "--name", "Smart China Expo 2021", "--series", "SCE",
        "--edition", "2021", "--date", "2021-08-23", "--host", "500000", "--rate", "USD=6.4768",
        env=migrated_env,
    )  # fmt: skip
    assert event.returncode == 0, event.stderr
    written = subprocess.run(
        [sys.executable, str(WRITERS), "3", "4", "25"],
        env=migrated_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert written.returncode == 0, written.stderr
    return migrated_env


@pytest.fixture
def target_env(request: pytest.FixtureRequest, used_env: dict[str, str], tmp_path: Path):
    """A second, empty database of the same kind, to restore into."""
    if vendor_of(used_env) == "postgresql":
        with temporary_database(request.getfixturevalue("pg_admin_url")) as url:
            yield fresh_environment(tmp_path / "target", url)
    else:
        yield fresh_environment(tmp_path / "target")


def audit_count(env: dict[str, str]) -> int:
    return query(env, "SELECT count(*) FROM audit_entry")[0][0]


def last_entry(env: dict[str, str]) -> tuple[str, str, dict]:
    ((action, result, after),) = query(
        env, "SELECT action, result, after FROM audit_entry ORDER BY id DESC LIMIT 1"
    )
    return action, result, json.loads(after) if isinstance(after, str) else after


def test_a_backup_restores_into_an_empty_database_whole_verified_and_recorded(
    used_env, target_env, tmp_path
) -> None:
    before = table_counts(used_env)
    backup = tmp_path / "taizhang.backup"
    # The writers' 300, and the event's own (the event and its sector scheme).
    held = audit_count(used_env)
    assert held == 302

    taken = run_taizhang("backup", str(backup), env=used_env)
    assert taken.returncode == 0, taken.stderr
    assert f"Backed up the database to {backup}" in taken.stdout
    assert f"It holds {held} audit entries, head #{held} " in taken.stdout
    action, result, backed_up = last_entry(used_env)
    assert (action, result) == ("database.backup", "success")
    assert (backed_up["file"], backed_up["entries"]) == (str(backup), held)

    restored = run_taizhang("restore", str(backup), env=target_env)
    assert restored.returncode == 0, restored.stderr
    assert f"The audit record is intact: {held} entries, head #{held} " in restored.stdout
    action, result, restore = last_entry(target_env)
    assert (action, result, restore["verified"]) == ("database.restore", "success", True)
    assert (restore["sha256"], restore["head_id"]) == (backed_up["sha256"], held)

    # The same tables with the same rows, and one more entry: the restore's own.
    assert table_counts(target_env) == dict(before, audit_entry=before["audit_entry"] + 1)
    assert query(target_env, "SELECT code FROM ledger_event") == [("SCE2021",)]
    verified = run_taizhang("audit", "verify", env=target_env)
    assert verified.returncode == 0, verified.stderr
    assert f"{held + 1} entries" in verified.stdout
    # The triggers came with the tables: the restored record is append-only too.
    with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match="append-only"):
        execute(target_env, ["DELETE FROM audit_entry WHERE id = 1"])


def test_a_backup_whose_record_was_tampered_with_restores_but_fails_to_verify(
    used_env, target_env, tmp_path
) -> None:
    backup = tmp_path / "taizhang.backup"
    if vendor_of(used_env) == "postgresql":
        tamper = ["DROP TRIGGER audit_entry_refuse_change ON audit_entry"]
    else:
        tamper = ["DROP TRIGGER audit_entry_refuse_update"]
    execute(used_env, [*tamper, "UPDATE audit_entry SET actor = 'cli:mallory' WHERE id = 17"])
    assert run_taizhang("backup", str(backup), env=used_env).returncode == 0

    restored = run_taizhang("restore", str(backup), env=target_env)
    assert restored.returncode == 1
    assert "its audit record does not verify" in restored.stderr
    assert "Entry 17 does not match" in restored.stderr
    action, result, after = last_entry(target_env)
    assert (action, result, after["verified"]) == ("database.restore", "failure", False)


def test_restore_refuses_a_database_that_is_not_empty(migrated_env, tmp_path) -> None:
    backup = tmp_path / "taizhang.backup"
    assert run_taizhang("backup", str(backup), env=migrated_env).returncode == 0
    before = table_counts(migrated_env)

    refused = run_taizhang("restore", str(backup), env=migrated_env)
    assert refused.returncode == 1
    assert "is not empty: it has" in refused.stderr
    assert "restored only into an empty database" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert table_counts(migrated_env) == before


def test_backup_will_not_overwrite_a_file_unless_told(migrated_env, tmp_path) -> None:
    backup = tmp_path / "taizhang.backup"
    backup.write_text("an older backup")
    refused = run_taizhang("backup", str(backup), env=migrated_env)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert backup.read_text() == "an older backup"
    assert run_taizhang("backup", str(backup), "--overwrite", env=migrated_env).returncode == 0
    assert backup.read_bytes() != b"an older backup"


def test_restore_refuses_a_file_that_is_not_a_backup(fresh_env, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    refused = run_taizhang("restore", str(notes), env=fresh_env)
    assert refused.returncode == 1
    assert "is not a taizhang backup" in refused.stderr


def test_restore_refuses_a_backup_of_the_other_kind_of_database(fresh_env, tmp_path) -> None:
    other = tmp_path / "other.backup"
    if vendor_of(fresh_env) == "postgresql":
        other.write_bytes(b"SQLite format 3\x00" + bytes(100))
        expected = "is a SQLite backup, but this database is PostgreSQL"
    else:
        other.write_bytes(b"PGDMP" + bytes(100))
        expected = "is a PostgreSQL backup, but this database is SQLite"
    refused = run_taizhang("restore", str(other), env=fresh_env)
    assert refused.returncode == 1
    assert expected in refused.stderr


def test_backup_of_a_database_never_migrated_says_so(fresh_env, tmp_path) -> None:
    refused = run_taizhang("backup", str(tmp_path / "b"), env=fresh_env)
    assert refused.returncode == 1
    assert "run `taizhang migrate` first" in refused.stderr


def test_a_backup_file_is_readable_by_its_owner_only(migrated_env, tmp_path) -> None:
    # It holds the whole ledger, every password hash and the audit record.
    backup = tmp_path / "taizhang.backup"

    done = run_taizhang("backup", str(backup), env=migrated_env)

    assert done.returncode == 0, done.stderr
    assert backup.stat().st_mode & 0o777 == 0o600

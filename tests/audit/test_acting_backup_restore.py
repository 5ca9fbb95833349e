"""``taizhang backup`` and ``taizhang restore`` run ``--as`` a user: the bureau administrator's
alone (docs/access.md, note 5), and recorded as theirs.

Each test runs the real commands in their own processes, on SQLite (a file in a fresh home) and
on PostgreSQL (fresh databases on the test server).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audit.cli_users import add_user
from tests.audit.databases import fresh_environment, query, table_counts, vendor_of
from tests.support.cli import run_taizhang
from tests.support.postgres import temporary_database

#: Who may not back up or restore, with their role as a refusal names it.
REFUSED = (
    ("staff", "bureau staff"),
    ("audit1", "auditor"),
    ("sec", "security administrator"),
)


@pytest.fixture
def staffed_env(migrated_env: dict[str, str]) -> dict[str, str]:
    """A migrated database with a security administrator, a bureau administrator, bureau staff,
    an auditor, and a bureau administrator who has been disabled."""
    add_user(migrated_env, "sec", "security_admin")
    for name, role in (
        ("boss", "bureau_admin"),
        ("staff", "bureau_staff"),
        ("audit1", "auditor"),
        ("former", "bureau_admin"),
    ):
        add_user(migrated_env, name, role, as_user="sec")
    disabled = run_taizhang("users", "disable", "former", "--as", "sec", env=migrated_env)
    assert disabled.returncode == 0, disabled.stderr
    return migrated_env


@pytest.fixture
def target_env(
    request: pytest.FixtureRequest, staffed_env: dict[str, str], tmp_path: Path
) -> Iterator[dict[str, str]]:
    """A second, empty database of the same kind, to restore into."""
    if vendor_of(staffed_env) == "postgresql":
        with temporary_database(request.getfixturevalue("pg_admin_url")) as url:
            yield fresh_environment(tmp_path / "target", url)
    else:
        yield fresh_environment(tmp_path / "target")


def last_entry(env: dict[str, str]) -> tuple[str, str, str, str]:
    """The newest audit entry's action, actor, source and result."""
    ((action, actor, source, result),) = query(
        env, "SELECT action, actor, source, result FROM audit_entry ORDER BY id DESC LIMIT 1"
    )
    return action, actor, source, result


def audit_count(env: dict[str, str]) -> int:
    return query(env, "SELECT count(*) FROM audit_entry")[0][0]


def test_a_backup_as_any_role_but_the_bureau_administrator_is_refused_and_writes_nothing(
    staffed_env, tmp_path
) -> None:
    backup = tmp_path / "taizhang.backup"
    entries = audit_count(staffed_env)
    for name, role in REFUSED:
        refused = run_taizhang("backup", str(backup), "--as", name, env=staffed_env)
        assert refused.returncode == 1
        assert f"{name} ({role}) may not take a backup" in refused.stderr
        assert "Nothing was written." in refused.stderr
        assert "Traceback" not in refused.stderr
        assert not backup.exists()
    assert audit_count(staffed_env) == entries


def test_a_backup_as_the_bureau_administrator_is_recorded_as_theirs(staffed_env, tmp_path) -> None:
    backup = tmp_path / "taizhang.backup"
    taken = run_taizhang("backup", str(backup), "--as", "boss", env=staffed_env)
    assert taken.returncode == 0, taken.stderr
    assert backup.is_file()
    assert last_entry(staffed_env) == ("database.backup", "boss", "cli", "success")


def test_a_backup_without_as_is_still_the_operators(staffed_env, tmp_path) -> None:
    taken = run_taizhang("backup", str(tmp_path / "taizhang.backup"), env=staffed_env)
    assert taken.returncode == 0, taken.stderr
    operator = f"cli:{getpass.getuser()}"
    assert last_entry(staffed_env) == ("database.backup", operator, "cli", "success")


def test_restore_as_a_user_is_decided_by_the_accounts_in_the_backup(
    staffed_env, target_env, tmp_path
) -> None:
    backup = tmp_path / "taizhang.backup"
    assert run_taizhang("backup", str(backup), "--as", "boss", env=staffed_env).returncode == 0

    # The empty database has no accounts: each name is looked up in the backup, and a refusal
    # leaves the database as empty as it was.
    for name, role in REFUSED:
        refused = run_taizhang("restore", str(backup), "--as", name, env=target_env)
        assert refused.returncode == 1
        assert f"{name} ({role}) may not restore a backup" in refused.stderr
        assert "Nothing was restored." in refused.stderr
        assert table_counts(target_env) == {}
    unknown = run_taizhang("restore", str(backup), "--as", "stranger", env=target_env)
    assert unknown.returncode == 1
    assert "--as stranger: the backup" in unknown.stderr
    assert "holds no user of this name" in unknown.stderr
    disabled = run_taizhang("restore", str(backup), "--as", "former", env=target_env)
    assert disabled.returncode == 1
    assert "--as former: this user is disabled in the backup" in disabled.stderr
    assert table_counts(target_env) == {}

    restored = run_taizhang("restore", str(backup), "--as", "boss", env=target_env)
    assert restored.returncode == 0, restored.stderr
    assert "The audit record is intact" in restored.stdout
    assert last_entry(target_env) == ("database.restore", "boss", "cli", "success")
    # The backup's accounts came with it, so the restored database's commands know boss.
    listed = run_taizhang("users", "list", "--as", "sec", env=target_env)
    assert listed.returncode == 0, listed.stderr
    assert "boss" in listed.stdout


def test_a_restore_without_as_is_still_the_operators(staffed_env, target_env, tmp_path) -> None:
    backup = tmp_path / "taizhang.backup"
    assert run_taizhang("backup", str(backup), env=staffed_env).returncode == 0
    restored = run_taizhang("restore", str(backup), env=target_env)
    assert restored.returncode == 0, restored.stderr
    operator = f"cli:{getpass.getuser()}"
    assert last_entry(target_env) == ("database.restore", operator, "cli", "success")

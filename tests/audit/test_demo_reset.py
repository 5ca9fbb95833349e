"""``taizhang demo --reset`` drops the audit table with the rest, triggers and all."""

from __future__ import annotations

from tests.audit.databases import query
from tests.support.cli import run_taizhang


def test_demo_reset_recreates_a_database_whose_audit_record_holds_entries(
    migrated_env, tmp_path
) -> None:
    # A backup is recorded: the record holds an entry the triggers protect.
    assert run_taizhang("backup", str(tmp_path / "b"), env=migrated_env).returncode == 0
    assert query(migrated_env, "SELECT count(*) FROM audit_entry") == [(1,)]

    reset = run_taizhang("demo", "--reset", "--no-input", env=migrated_env, timeout=300)
    assert reset.returncode == 0, reset.stderr
    assert "every table dropped and migrated" in reset.stdout

    verified = run_taizhang("audit", "verify", env=migrated_env)
    assert verified.returncode == 0, verified.stderr
    ((triggers,),) = query(
        migrated_env,
        "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'audit_entry_refuse_%'"
        if "TAIZHANG_DATABASE_URL" in migrated_env
        else "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE 'audit_entry_refuse_%'",
    )
    assert triggers == 2

"""Write paths run as real commands: what they record is committed, and the chain verifies."""

from __future__ import annotations

from tests.audit.databases import query
from tests.support.cli import run_taizhang


def test_demo_reset_starts_the_new_record_with_the_reset_then_the_demo(migrated_env) -> None:
    reset = run_taizhang("demo", "--reset", "--no-input", env=migrated_env, timeout=300)
    assert reset.returncode == 0, reset.stderr

    actions = [
        action for (action,) in query(migrated_env, "SELECT action FROM audit_entry ORDER BY id")
    ]
    ((projects,),) = query(migrated_env, "SELECT count(*) FROM ledger_project")
    assert actions[0] == "database.reset"
    assert actions.count("project.create") == projects > 0
    assert actions.count("demo.load") == 1
    assert ("user.create", "admin") in query(
        migrated_env, "SELECT action, object_id FROM audit_entry WHERE action = 'user.create'"
    )
    verified = run_taizhang("audit", "verify", env=migrated_env)
    assert verified.returncode == 0, verified.stderr

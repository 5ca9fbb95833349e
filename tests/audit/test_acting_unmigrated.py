"""``--as NAME`` on a database that was never migrated says so, instead of a traceback."""

from __future__ import annotations

import pytest

from tests.support.cli import run_taizhang


@pytest.mark.parametrize(
    "command", [["demo"], ["events", "list"], ["export-ledger", "--format", "csv"]]
)
def test_acting_as_a_user_on_a_database_without_accounts_asks_for_migrate(fresh_env, command):
    done = run_taizhang(*command, "--as", "admin", env=fresh_env)

    assert done.returncode == 1
    assert "--as admin: this database has no accounts yet" in done.stderr
    assert "taizhang migrate" in done.stderr
    assert "Traceback" not in done.stderr

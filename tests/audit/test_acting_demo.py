"""``taizhang demo`` run ``--as`` a user: the bureau administrator loads the demo's ledger,
recorded as theirs, and nothing more; every other role is refused, and ``--reset`` is the
operator's alone (docs/access.md, note 5).

Each test runs the real command in its own process, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import getpass

import pytest

from tests.audit.cli_users import add_user
from tests.audit.databases import query, table_counts
from tests.support.cli import run_taizhang

#: What the demo records, one entry per project and one for the load.
DEMO_ACTIONS = "('project.create', 'demo.load')"


@pytest.fixture
def staffed_env(migrated_env: dict[str, str]) -> dict[str, str]:
    """A migrated database, empty of ledger data, with a security administrator, a bureau
    administrator and bureau staff."""
    add_user(migrated_env, "sec", "security_admin")
    add_user(migrated_env, "boss", "bureau_admin", as_user="sec")
    add_user(migrated_env, "staff", "bureau_staff", as_user="sec")
    return migrated_env


def demo(env: dict[str, str], *arguments: str):
    return run_taizhang("demo", *arguments, env=env, timeout=300)


def test_the_demo_as_a_role_that_may_not_add_what_it_holds_is_refused_and_writes_nothing(
    staffed_env,
) -> None:
    before = table_counts(staffed_env)
    for name, role in (("staff", "bureau staff"), ("sec", "security administrator")):
        refused = demo(staffed_env, "--as", name)
        assert refused.returncode == 1
        assert f"{name} ({role}) may not load the demo" in refused.stderr
        assert "Nothing was written." in refused.stderr
        assert "Traceback" not in refused.stderr
    assert table_counts(staffed_env) == before


def test_demo_reset_is_refused_to_every_user_even_the_bureau_administrator(staffed_env) -> None:
    before = table_counts(staffed_env)
    refused = demo(staffed_env, "--reset", "--no-input", "--as", "boss")
    assert refused.returncode == 1
    assert "boss (bureau administrator) may not reset the database" in refused.stderr
    assert "The operator runs it, without --as." in refused.stderr
    # The accounts and the audit record are still there, untouched.
    assert table_counts(staffed_env) == before


def test_the_demo_as_the_bureau_administrator_loads_its_ledger_recorded_as_theirs(
    staffed_env,
) -> None:
    loaded = demo(staffed_env, "--as", "boss")
    assert loaded.returncode == 0, loaded.stderr
    assert "The demo ledger is loaded." in loaded.stdout
    assert "sign in at http://127.0.0.1:8000/admin/ as boss." in loaded.stdout
    assert "no demo administrator was created" in loaded.stdout
    assert query(staffed_env, "SELECT count(*) FROM ledger_event") == [(5,)]
    assert query(staffed_env, "SELECT count(*) FROM ledger_project") == [(256,)]
    actors = query(
        staffed_env,
        f"SELECT DISTINCT actor, source FROM audit_entry WHERE action IN {DEMO_ACTIONS}",  # noqa: S608
    )
    assert actors == [("boss", "cli")]
    # Accounts and sign-in rules are not the bureau administrator's: no superuser, no demo
    # mark, so two factors are still asked of whoever must have them.
    assert query(staffed_env, "SELECT count(*) FROM auth_user WHERE is_superuser") == [(0,)]
    assert query(staffed_env, "SELECT count(*) FROM access_demomark") == [(0,)]


def test_the_demo_without_as_is_still_the_operators_with_its_administrator(staffed_env) -> None:
    loaded = demo(staffed_env)
    assert loaded.returncode == 0, loaded.stderr
    assert "Two-factor sign-in is off in the demo." in loaded.stdout
    operator = f"cli:{getpass.getuser()}"
    actors = query(
        staffed_env,
        f"SELECT DISTINCT actor FROM audit_entry WHERE action IN {DEMO_ACTIONS}",  # noqa: S608
    )
    assert actors == [(operator,)]
    assert query(staffed_env, "SELECT username FROM auth_user WHERE is_superuser") == [("admin",)]
    assert query(staffed_env, "SELECT count(*) FROM access_demomark") == [(1,)]

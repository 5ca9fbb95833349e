"""Fixtures of the web tests."""

from __future__ import annotations

import pytest

from tests.support.cli import run_taizhang


@pytest.fixture
def migrated_env(cli_env: dict[str, str]) -> dict[str, str]:
    """A clean environment whose home holds a migrated SQLite database."""
    result = run_taizhang("migrate", "--no-input", "-v", "0", env=cli_env)
    assert result.returncode == 0, result.stderr
    return cli_env


@pytest.fixture
def admin_user(db):
    """The bureau administrator: the admin is theirs (pytest-django's superuser has no role)."""
    from taizhang.access.roles import Role
    from tests.support.accounts import make_user

    return make_user("admin", Role.BUREAU_ADMIN)


@pytest.fixture
def admin_client(admin_user):
    """A client signed in as the bureau administrator, with the second factor given."""
    from django.test import Client

    from tests.support.accounts import sign_in

    return sign_in(Client(), admin_user)

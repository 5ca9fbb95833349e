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

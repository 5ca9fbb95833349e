"""Accounts made as an operator makes them: ``taizhang users add`` in its own process."""

from __future__ import annotations

import subprocess

from tests.support.cli import taizhang_command

PASSWORD = "A-long-password-77"


def add_user(env: dict[str, str], name: str, role: str, *, as_user: str | None = None) -> None:
    """``taizhang users add NAME --role ROLE``, by the operator or ``--as`` ``as_user``."""
    acting = ["--as", as_user] if as_user else []
    added = subprocess.run(
        [*taizhang_command(), "users", "add", name, "--role", role, "--password-stdin", *acting],
        env=env,
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr

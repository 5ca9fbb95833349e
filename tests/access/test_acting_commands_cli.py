"""The real command line: ``events``, ``regions`` and ``audit log`` run ``--as`` a user whose
role may not do it exit with status 1 and say why; run as one who may, they succeed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.cli import clean_environment, run_taizhang, taizhang_command

PASSWORD = "A-long-password-77\n"


def taizhang(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [*taizhang_command(), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_refused_commands_exit_with_status_1_naming_the_user_and_role(tmp_path: Path) -> None:
    env = clean_environment(tmp_path / "home")
    (tmp_path / "home").mkdir()
    assert run_taizhang("migrate", "--no-input", "-v", "0", env=env).returncode == 0
    added = taizhang(env, "users", "add", "sec", "--role", "security_admin", "--password-stdin",
                     stdin=PASSWORD)  # fmt: skip
    assert added.returncode == 0, added.stderr
    for arguments in (
        ["staff", "--role", "bureau_staff"],
        ["press", "--role", "viewer"],
        ["yubei", "--role", "district_officer", "--region", "500112"],
        ["audit1", "--role", "auditor"],
    ):
        added = taizhang(env, "users", "add", *arguments, "--password-stdin", "--as", "sec",
                         stdin=PASSWORD)  # fmt: skip
        assert added.returncode == 0, added.stderr
    event = ["events", "add", "--code", "T2024", "--name", "Test", "--series", "T",
             "--edition", "2024", "--date", "2024-09-01", "--host", "500000"]  # fmt: skip

    for name, role in (("yubei", "district officer"), ("press", "viewer")):
        refused = taizhang(env, *event, "--as", name)
        assert refused.returncode == 1
        assert f"{name} ({role}) may not add signing events" in refused.stderr
    added = taizhang(env, *event, "--as", "staff")
    assert added.returncode == 0, added.stderr
    listed = taizhang(env, "events", "list", "--as", "press")
    assert listed.returncode == 0 and "T2024" in listed.stdout

    refused = taizhang(env, "regions", "list", "--as", "sec")
    assert refused.returncode == 1
    assert "sec (security administrator) may not list the regions" in refused.stderr

    refused = taizhang(env, "audit", "log", "--as", "staff")
    assert refused.returncode == 1
    assert "staff (bureau staff) may not read the audit record" in refused.stderr
    log = taizhang(env, "audit", "log", "--action", "event.create", "--as", "audit1")
    assert log.returncode == 0, log.stderr
    assert "staff (command line)  event.create" in log.stdout

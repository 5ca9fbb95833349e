"""The real command line: users added, a viewer's export refused, an officer's export scoped,
and the demo's database marked so that it needs no second factor."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest

from taizhang.access.models import DemoMark
from taizhang.access.roles import Role
from tests.support.cli import clean_environment, run_taizhang, taizhang_command


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


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = clean_environment(tmp_path / "home")
    (tmp_path / "home").mkdir()
    result = run_taizhang("migrate", "--no-input", "-v", "0", env=environment)
    assert result.returncode == 0, result.stderr
    return environment


def test_a_viewer_is_refused_an_export_and_an_officer_gets_their_district(
    env: dict[str, str], tmp_path: Path
) -> None:
    password = "A-long-password-77\n"
    added = taizhang(env, "users", "add", "sec", "--role", "security_admin", "--password-stdin",
                     stdin=password)  # fmt: skip
    assert added.returncode == 0, added.stderr
    for arguments in (
        ["press", "--role", "viewer"],
        ["yubei", "--role", "district_officer", "--region", "500112"],
    ):
        added = taizhang(env, "users", "add", *arguments, "--password-stdin", "--as", "sec",
                         stdin=password)  # fmt: skip
        assert added.returncode == 0, added.stderr

    refused = taizhang(env, "export-ledger", "--as", "press", "-o", str(tmp_path / "x.csv"))
    assert refused.returncode == 1
    assert "press (viewer) sees aggregate figures only, never a project-level export" in (
        refused.stderr
    )
    assert not (tmp_path / "x.csv").exists()

    exported = taizhang(env, "export-ledger", "--as", "yubei", "-o", str(tmp_path / "y.csv"))
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "y.csv").open(encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle))[1:] == []  # an empty ledger: the header alone

    listed = taizhang(env, "users", "list", "--as", "sec")
    assert "yubei\tdistrict officer\tregions 500112 Yubei District" in listed.stdout
    unknown = taizhang(env, "users", "list", "--as", "nobody")
    assert unknown.returncode == 1
    assert "--as nobody: no user has this name" in unknown.stderr


@pytest.mark.django_db
def test_the_demo_marks_its_database_so_two_factor_sign_in_is_off(settings) -> None:
    from django.core.management import call_command

    from taizhang.access import twofactor
    from tests.support.accounts import make_user

    settings.REQUIRE_2FA = True
    assert not DemoMark.objects.exists()
    call_command("demo", "--no-input", stdout=io.StringIO())
    assert DemoMark.objects.exists()
    assert not twofactor.required_for(make_user("boss", Role.BUREAU_ADMIN))

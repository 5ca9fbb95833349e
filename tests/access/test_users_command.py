"""``taizhang users``: accounts managed by the security administrator, every change recorded."""

from __future__ import annotations

import io
import json
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.access.models import Membership
from taizhang.access.restrict import grant_of
from taizhang.access.roles import Role
from taizhang.audit.models import AuditEntry
from tests.access.scope_ledger import ScopeLedger
from tests.support.accounts import make_user

User = get_user_model()


def users(*args: str, stdin: str = "") -> str:
    """Run ``taizhang users`` in this process, ``stdin`` as its standard input."""
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        call_command("users", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def security(db):
    return make_user("security", Role.SECURITY_ADMIN)


def test_a_district_officer_is_added_with_their_region(scope_ledger: ScopeLedger) -> None:
    output = users(
        "add", "li.na", "--role", "district_officer", "--region", "500112",
        "--password-stdin", "--as", "security_admin",
        stdin="A-long-password-77\n",
    )  # fmt: skip
    assert "Added li.na, district officer." in output
    user = User.objects.get(username="li.na")
    assert user.check_password("A-long-password-77")
    assert not user.is_superuser and not user.is_staff
    assert grant_of(user).region_paths == ("/CN/500000/500112/",)
    entry = AuditEntry.objects.get(action="user.create", object_id="li.na")
    assert entry.actor == "security_admin"
    assert entry.source == "cli"
    assert entry.after["role"] == "district_officer"
    assert entry.after["regions"] == ["500112"]


def test_every_kind_of_scope_is_given_by_name(scope_ledger: ScopeLedger) -> None:
    users(
        "add", "park1", "--role", "park_head", "--park", "仙桃数据谷",
        "--password-stdin", stdin="A-long-password-77\n",
    )  # fmt: skip
    users(
        "add", "chain1", "--role", "chain_chief", "--chain", "新能源汽车",
        "--password-stdin", stdin="A-long-password-77\n",
    )  # fmt: skip
    users(
        "add", "owner1", "--role", "project_owner", "--investor", "某某集团有限公司",
        "--password-stdin", stdin="A-long-password-77\n",
    )  # fmt: skip
    assert grant_of(User.objects.get(username="park1")).park_ids == {
        scope_ledger.parks["xiantao"].pk
    }
    assert grant_of(User.objects.get(username="chain1")).chain_ids == {
        scope_ledger.chains["NEV"].pk
    }
    assert grant_of(User.objects.get(username="owner1")).investor_id == (
        scope_ledger.investors["owner"].pk
    )


def test_without_as_the_change_is_recorded_as_the_operating_system_user(security) -> None:
    users("add", "aud", "--role", "auditor", "--password-stdin", stdin="A-long-password-77\n")
    assert AuditEntry.objects.get(action="user.create").actor.startswith("cli:")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "district_officer"], "A district officer needs at least one --region."),
        (["--role", "park_head"], "A park head needs at least one --park."),
        (["--role", "project_owner"], "A project owner needs their --investor."),
        (["--role", "viewer", "--region", "500112"], "give no --region, --park"),
        (["--role", "superuser"], "There is no role superuser"),
        (["--role", "district_officer", "--region", "火星"], "--region 火星"),
        (["--role", "chain_chief", "--chain", "造船"], "--chain 造船: no industry chain"),
    ],
)
def test_a_role_and_its_scopes_must_fit(
    scope_ledger: ScopeLedger, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        users("add", "x", *arguments, "--password-stdin", stdin="A-long-password-77\n")
    assert not User.objects.filter(username="x").exists()


def test_a_weak_password_is_refused(security) -> None:
    with pytest.raises(CommandError, match="The password is not accepted"):
        users("add", "x", "--role", "viewer", "--password-stdin", stdin="123\n")


def test_only_a_security_administrator_manages_users(scope_ledger: ScopeLedger) -> None:
    for name in ("bureau_admin", "auditor", "district_yubei"):
        with pytest.raises(CommandError, match="Only a security administrator manages users"):
            users("add", "x", "--role", "viewer", "--password-stdin", "--as", name, stdin="p\n")


def test_nobody_changes_their_own_account(security) -> None:
    with pytest.raises(CommandError, match="their own account"):
        users("change", "security", "--role", "bureau_admin", "--as", "security")
    with pytest.raises(CommandError, match="their own account"):
        users("disable", "security", "--as", "security")
    assert Membership.objects.get(user__username="security").role == Role.SECURITY_ADMIN


def test_one_role_per_user_a_change_replaces_it(scope_ledger: ScopeLedger) -> None:
    users("change", "district_yubei", "--role", "park_head", "--park", "仙桃数据谷",
          "--as", "security_admin")  # fmt: skip
    membership = Membership.objects.get(user__username="district_yubei")
    assert membership.role == Role.PARK_HEAD
    assert list(membership.regions.all()) == []
    assert Membership.objects.filter(user__username="district_yubei").count() == 1
    entry = AuditEntry.objects.get(action="user.change")
    assert (entry.before["role"], entry.after["role"]) == ("district_officer", "park_head")
    assert (entry.before["regions"], entry.after["regions"]) == (["500112"], [])


def test_a_disabled_user_can_neither_sign_in_nor_be_acted_as(scope_ledger: ScopeLedger) -> None:
    assert "Disabled district_lj." in users("disable", "district_lj", "--as", "security_admin")
    assert not User.objects.get(username="district_lj").is_active
    with pytest.raises(CommandError, match="this user is disabled"):
        call_command("export_ledger", "--as", "district_lj", "-o", "/dev/null")
    assert AuditEntry.objects.filter(action="user.disable", object_id="district_lj").exists()
    users("enable", "district_lj", "--as", "security_admin")
    assert User.objects.get(username="district_lj").is_active


def test_the_list_shows_roles_and_scopes(scope_ledger: ScopeLedger) -> None:
    rows = json.loads(users("list", "--format", "json", "--as", "security_admin"))
    by_name = {row["name"]: row for row in rows}
    assert by_name["district_yubei"]["role"] == "district_officer"
    assert by_name["district_yubei"]["scopes"]["regions"] == ["500112"]
    assert by_name["owner"]["scopes"]["investor"].endswith("某某集团有限公司")
    text = users("list", "--as", "security_admin")
    assert "district_yubei\tdistrict officer\tregions 500112 Yubei District" in text


def test_other_users_see_only_their_own_account_in_the_list(scope_ledger: ScopeLedger) -> None:
    rows = json.loads(users("list", "--format", "json", "--as", "district_yubei"))
    assert [row["name"] for row in rows] == ["district_yubei"]


def test_resetting_a_second_factor_removes_the_device(scope_ledger: ScopeLedger) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=scope_ledger.users["bureau_admin"], name="app", confirmed=True)
    users("reset-2fa", "bureau_admin", "--as", "security_admin")
    assert not TOTPDevice.objects.filter(user=scope_ledger.users["bureau_admin"]).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_reset").exists()


def test_as_names_an_existing_user(db) -> None:
    with pytest.raises(CommandError, match="--as nobody: no user has this name"):
        users("list", "--as", "nobody")

"""Signing in: argon2 passwords, lockout by user and by address, idle sessions, two factors.

These tests hash with argon2 for real (the rest of the suite uses a fast hasher).
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang import settings as project_settings
from taizhang.access.middleware import LAST_SEEN
from taizhang.access.models import DemoMark
from taizhang.access.roles import Role
from taizhang.audit.models import AuditEntry
from tests.support.accounts import PASSWORD, make_user, sign_in

SIGN_IN = "/signin/"
ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def _real_hashing_and_two_factor(settings) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    settings.REQUIRE_2FA = True
    settings.LOCKOUT_FAILURES = 5
    settings.LOCKOUT_MINUTES = 15
    settings.SESSION_IDLE_MINUTES = 30


def post_password(
    client: Client, name: str, password: str, address: str = "10.0.0.1", next_url: str = ADMIN
):
    return client.post(
        SIGN_IN,
        {"username": name, "password": password, "next": next_url},
        REMOTE_ADDR=address,
    )


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def signed_in_as(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    if user_id is None:
        return None
    return get_user_model().objects.get(pk=user_id).username


# --- passwords ---------------------------------------------------------------------------------


def test_passwords_are_hashed_with_argon2(db) -> None:
    user = make_user("zhang.wei", Role.DISTRICT_OFFICER)
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_a_user_without_a_second_factor_signs_in_with_the_password(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    response = post_password(client, "zhang.wei", PASSWORD, next_url="/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == "zhang.wei"
    entry = AuditEntry.objects.filter(action="auth.signin").last()
    assert (entry.actor, entry.result, entry.after["address"]) == (
        "zhang.wei",
        "success",
        "10.0.0.1",
    )


def test_a_wrong_password_is_refused_and_recorded(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    response = post_password(client, "zhang.wei", "not-the-password")
    assert response.status_code == 401
    assert "The user name or the password is wrong" in response.content.decode()
    assert signed_in_as(client) is None
    entry = AuditEntry.objects.filter(action="auth.signin").last()
    assert (entry.object_id, entry.result, entry.after["reason"]) == (
        "zhang.wei",
        "failure",
        "password",
    )


def test_a_disabled_user_cannot_sign_in(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER, active=False)
    assert post_password(client, "zhang.wei", PASSWORD).status_code == 401
    assert AuditEntry.objects.filter(action="auth.signin").last().after["reason"] == "disabled"


# --- lockout -------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    for attempt in range(5):
        # From five machines: the lock on the user name does not depend on the address.
        post_password(client, "zhang.wei", "wrong", address=f"10.0.0.{attempt + 1}")
    response = post_password(client, "zhang.wei", PASSWORD, address="10.0.0.99")
    assert response.status_code == 401
    assert "this account is locked for 15 more minutes" in response.content.decode()
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="auth.lockout", object_id="zhang.wei").count() == 1
    assert AuditEntry.objects.filter(action="auth.signin").last().after["reason"] == "locked"


def test_the_lock_ends_after_fifteen_minutes(db, client: Client, monkeypatch) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    for attempt in range(5):
        post_password(client, "zhang.wei", "wrong", address=f"10.0.0.{attempt + 1}")
    later = timezone.now() + datetime.timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert post_password(client, "zhang.wei", PASSWORD, next_url="/").status_code == 302
    assert signed_in_as(client) == "zhang.wei"


def test_four_wrong_passwords_do_not_lock(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    for _attempt in range(4):
        post_password(client, "zhang.wei", "wrong")
    assert post_password(client, "zhang.wei", PASSWORD, next_url="/").status_code == 302


def test_an_address_trying_many_accounts_is_locked_out(db, client: Client) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    for attempt in range(5):
        post_password(client, f"guess{attempt}", "wrong", address="192.0.2.7")
    response = post_password(client, "zhang.wei", PASSWORD, address="192.0.2.7")
    assert response.status_code == 401
    assert "Too many failed sign-ins from this address" in response.content.decode()
    # The account itself is not locked: from another address it signs in.
    other = Client()
    assert post_password(other, "zhang.wei", PASSWORD, address="192.0.2.8").status_code == 302


def test_the_number_of_failures_and_the_minutes_are_settings(db, client: Client, settings) -> None:
    settings.LOCKOUT_FAILURES = 2
    settings.LOCKOUT_MINUTES = 1
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    post_password(client, "zhang.wei", "wrong", address="10.0.0.1")
    post_password(client, "zhang.wei", "wrong", address="10.0.0.2")
    response = post_password(client, "zhang.wei", PASSWORD, address="10.0.0.3")
    assert "locked for 1 more minute" in response.content.decode()


def test_a_security_administrator_can_unlock_an_account(db, client: Client) -> None:
    from django.core.management import call_command

    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    make_user("security", Role.SECURITY_ADMIN)
    for attempt in range(5):
        post_password(client, "zhang.wei", "wrong", address=f"10.0.0.{attempt + 1}")
    call_command("users", "unlock", "zhang.wei", "--as", "security")
    assert post_password(client, "zhang.wei", PASSWORD, next_url="/").status_code == 302
    assert AuditEntry.objects.filter(action="user.unlock", actor="security").exists()


# --- idle sessions -------------------------------------------------------------------------


def _last_seen(client: Client, minutes_ago: float) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - minutes_ago * 60
    session.save()


def test_a_session_idle_for_thirty_minutes_is_signed_out(db, client: Client) -> None:
    user = make_user("admin1", Role.BUREAU_ADMIN)
    sign_in(client, user)
    assert client.get(ADMIN).status_code == 200
    _last_seen(client, 31)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="auth.session_expired", actor="admin1").exists()


def test_a_session_used_within_thirty_minutes_stays_signed_in(db, client: Client) -> None:
    user = make_user("admin1", Role.BUREAU_ADMIN)
    sign_in(client, user)
    client.get(ADMIN)
    _last_seen(client, 29)
    assert client.get(ADMIN).status_code == 200
    _last_seen(client, 29)  # each request restarts the count
    assert client.get(ADMIN).status_code == 200


def test_the_idle_limit_is_a_setting(db, client: Client, settings) -> None:
    settings.SESSION_IDLE_MINUTES = 5
    sign_in(client, make_user("admin1", Role.BUREAU_ADMIN))
    client.get(ADMIN)
    _last_seen(client, 6)
    assert client.get(ADMIN).status_code == 302


# --- two factors -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.BUREAU_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR])
def test_the_three_administrative_roles_must_set_up_a_second_factor(
    db, client: Client, role: str
) -> None:
    make_user("boss", role)
    response = post_password(client, "boss", PASSWORD, next_url="/")
    assert response["Location"] == reverse("access:enrol")
    assert signed_in_as(client) is None  # not until the code is given
    page = client.get(reverse("access:enrol"))
    device = TOTPDevice.objects.get(user__username="boss", confirmed=False)
    text = page.content.decode()
    assert "otpauth://totp/taizhang%3Aboss?secret=" in text
    assert page.context["secret"] in text
    response = client.post(reverse("access:enrol"), {"code": code_of(device)})
    assert response["Location"] == "/"
    assert signed_in_as(client) == "boss"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="user.two_factor", object_id="boss").exists()


def test_the_bureau_administrator_signs_in_with_the_code(db, client: Client) -> None:
    user = make_user("admin1", Role.BUREAU_ADMIN)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = post_password(client, "admin1", PASSWORD)
    assert response["Location"] == reverse("access:code")
    response = client.post(reverse("access:code"), {"code": code_of(device)})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    assert AuditEntry.objects.filter(action="auth.signin").last().after["second_factor"] is True


def test_a_wrong_code_is_a_failed_sign_in(db, client: Client) -> None:
    user = make_user("admin1", Role.BUREAU_ADMIN)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    post_password(client, "admin1", PASSWORD)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("access:code"), {"code": wrong}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 401
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="auth.signin").last().after["reason"] == "code"


@pytest.mark.parametrize(
    "role", [Role.BUREAU_STAFF, Role.DISTRICT_OFFICER, Role.INSPECTOR, Role.VIEWER]
)
def test_other_roles_need_no_second_factor(db, client: Client, role: str) -> None:
    make_user("someone", role)
    assert post_password(client, "someone", PASSWORD, next_url="/")["Location"] == "/"
    assert signed_in_as(client) == "someone"


def test_anyone_who_set_up_a_second_factor_is_asked_for_it(db, client: Client) -> None:
    user = make_user("someone", Role.DISTRICT_OFFICER)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert post_password(client, "someone", PASSWORD)["Location"] == reverse("access:code")


def test_anyone_signed_in_can_set_up_a_second_factor(db, client: Client) -> None:
    user = make_user("someone", Role.VIEWER)
    sign_in(client, user, verified=False)
    client.get(reverse("access:two_factor"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("access:two_factor"), {"code": code_of(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed


def test_with_the_setting_off_no_role_needs_a_second_factor(db, client: Client, settings) -> None:
    settings.REQUIRE_2FA = False
    make_user("admin1", Role.BUREAU_ADMIN)
    assert post_password(client, "admin1", PASSWORD)["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_the_demo_database_needs_no_second_factor(db, client: Client) -> None:
    DemoMark.objects.create()
    make_user("admin1", Role.BUREAU_ADMIN)
    assert post_password(client, "admin1", PASSWORD)["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_the_admin_refuses_a_bureau_administrator_without_the_code(db, client: Client) -> None:
    sign_in(client, make_user("admin1", Role.BUREAU_ADMIN), verified=False)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert "needs the code of your authenticator app" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


# --- the admin is the bureau administrator's -------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [role for role in Role.values if role != Role.BUREAU_ADMIN],
)
def test_no_other_role_may_use_the_admin(db, client: Client, role: str) -> None:
    sign_in(client, make_user("someone", role))
    assert client.get(ADMIN).status_code == 302
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert "for the bureau administrator" in response.content.decode()


def test_a_superuser_outside_the_demo_may_not_use_the_admin(db, client: Client) -> None:
    sign_in(client, make_user("root", None, superuser=True))
    assert client.get(ADMIN).status_code == 302


def test_the_demo_administrator_may_use_the_admin(db, client: Client) -> None:
    DemoMark.objects.create()
    sign_in(client, make_user("admin", None, superuser=True), verified=False)
    assert client.get(ADMIN).status_code == 200


def test_signing_out_is_recorded(db, client: Client) -> None:
    sign_in(client, make_user("someone", Role.VIEWER))
    response = client.post(reverse("access:signout"))
    assert response.status_code == 302
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="auth.signout", actor="someone").exists()

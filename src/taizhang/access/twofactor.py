"""TOTP two-factor sign-in: who must use it, setting a device up, checking a code.

Any user may set up a TOTP device (an authenticator app); once they have one, every sign-in
asks for its code. The bureau administrator, the security administrator and the auditor must
have one when TAIZHANG_REQUIRE_2FA is on (the default) — except in the demo database. Set-up
works offline: the page shows the ``otpauth://`` URI and the secret to type in, no QR code.
Devices are django-otp's TOTP devices (RFC 6238: 30-second steps, 6 digits, one step of drift
either way, each code accepted once, failures throttled).
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access.auditing import record_entry
from taizhang.access.demo import is_demo_database
from taizhang.access.restrict import grant_of
from taizhang.access.roles import TWO_FACTOR_ROLES

DEVICE_NAME = "authenticator"


def required_for(user: Any) -> bool:
    """Whether ``user`` must sign in with a second factor (whether or not they have one)."""
    if not settings.REQUIRE_2FA or is_demo_database():
        return False
    return grant_of(user).role in TWO_FACTOR_ROLES


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def needed_at_sign_in(user: Any) -> bool:
    """Whether signing ``user`` in takes a code: they have a device, or must have one."""
    return confirmed_device(user) is not None or required_for(user)


def satisfied(request: Any) -> bool:
    """Whether the request's signed-in user has given the second factor their sign-in needs."""
    user = request.user
    if not needed_at_sign_in(user):
        return True
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up for ``user``, made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The device's secret in base32, as an authenticator app takes it typed in."""
    return b32encode(device.bin_key).decode("ascii")


def uri_of(device: TOTPDevice) -> str:
    """The ``otpauth://totp/…`` URI an authenticator app takes."""
    return device.config_url


def confirm(device: TOTPDevice, code: str) -> bool:
    """Confirm a device being set up with a code from it; True when the code was right.

    The confirmation is recorded; any other device of the user's is removed.
    """
    with transaction.atomic():
        if not device.verify_token(code.strip()):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        record_entry(
            "user.two_factor",
            "user",
            device.user.get_username(),
            before=None,
            after={"device": "totp", "confirmed": True},
            actor=device.user.get_username(),
        )
    return True


def verify(user: Any, code: str) -> TOTPDevice | None:
    """The user's confirmed device when ``code`` is its current code; else None."""
    device = confirmed_device(user)
    if device is None:
        return None
    with transaction.atomic():
        if device.verify_token(code.strip()):
            return device
    return None

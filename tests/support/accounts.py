"""Users with a role for tests, and signing a test client in as one of them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access.models import Membership

PASSWORD = "Correct-horse-battery-9"


def make_user(
    name: str,
    role: str | None,
    *,
    regions: Any = (),
    parks: Any = (),
    chains: Any = (),
    investor: Any = None,
    active: bool = True,
    superuser: bool = False,
) -> Any:
    """A user ``name`` with ``role`` (None: no membership) and these scopes, written directly
    (the services that record changes are tested on their own)."""
    user = get_user_model().objects.create_user(
        username=name, password=PASSWORD, is_active=active, is_superuser=superuser
    )
    if role is not None:
        membership = Membership.objects.create(user=user, role=role, investor=investor)
        membership.regions.set(regions)
        membership.parks.set(parks)
        membership.chains.set(chains)
    return user


def totp_device(user: Any) -> TOTPDevice:
    """A confirmed authenticator device of ``user``."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(client: Client, user: Any, *, verified: bool = True) -> Client:
    """``client`` signed in as ``user``, past the second factor when ``verified``."""
    client.force_login(user, backend="taizhang.access.backends.LockoutBackend")
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client

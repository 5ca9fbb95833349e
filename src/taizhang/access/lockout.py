"""Locking out a user name, and an address, after repeated failed sign-ins.

TAIZHANG_LOCKOUT_FAILURES failures (default 5) within TAIZHANG_LOCKOUT_MINUTES (default 15)
lock the user name, and separately the address they came from, for TAIZHANG_LOCKOUT_MINUTES
from the last of them. Counting by user stops someone guessing one account's password from
many machines; counting by address stops one machine trying many accounts. Failures before
a user's last successful sign-in, or before the end of a lock, do not count again. While
locked, even the right password is refused, and the attempt is recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone

from taizhang.access.auditing import record_entry
from taizhang.access.models import Lockout, SignInFailure

Kind = Lockout.Kind


@dataclass(frozen=True)
class Locked:
    """A lock in force: on a user name or an address, until when."""

    kind: str
    until: datetime.datetime

    def minutes_left(self, now: datetime.datetime | None = None) -> int:
        """Whole minutes until the lock ends, rounded up (at least 1)."""
        seconds = (self.until - (now or timezone.now())).total_seconds()
        return max(1, int(-(-seconds // 60)))


def client_address(request: HttpRequest | None) -> str:
    """The address a request came from, as the server saw it (REMOTE_ADDR).

    Behind a reverse proxy, have the server set REMOTE_ADDR from the proxy's header (waitress:
    ``trusted_proxy``); a client's own X-Forwarded-For is never believed.
    """
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOCKOUT_MINUTES)


def locked(username: str, address: str, now: datetime.datetime | None = None) -> Locked | None:
    """The lock in force on ``username`` or ``address``, the one lasting longer; or None."""
    now = now or timezone.now()
    keys = Q(kind=Kind.USER, key=username)
    if address:
        keys |= Q(kind=Kind.ADDRESS, key=address)
    found = Lockout.objects.filter(keys, until__gt=now).order_by("-until").first()
    return Locked(found.kind, found.until) if found else None


def register_failure(
    username: str, address: str, reason: str, now: datetime.datetime | None = None
) -> Locked | None:
    """Record a failed sign-in, and lock the user name or address it completes a series for.

    ``reason`` (``password``, ``code``, ``locked``, ``disabled``) goes to the audit record.
    Returns the lock now in force, if any.
    """
    now = now or timezone.now()
    with transaction.atomic():
        SignInFailure.objects.create(username=username[:150], address=address, at=now)
        record_entry(
            "auth.signin",
            "user",
            username[:128] or "-",
            after={"address": address, "reason": reason},
            actor=username[:200] or "anonymous",
            result="failure",
        )
        if reason != "locked":
            _lock_if_due(Kind.USER, username, now)
            if address:
                _lock_if_due(Kind.ADDRESS, address, now)
    return locked(username, address, now)


def _lock_if_due(kind: str, key: str, now: datetime.datetime) -> None:
    if Lockout.objects.filter(kind=kind, key=key, until__gt=now).exists():
        return
    since = now - _window()
    last_lock = Lockout.objects.filter(kind=kind, key=key).aggregate(end=Max("until"))["end"]
    if last_lock is not None and last_lock > since:
        since = last_lock
    failures = SignInFailure.objects.filter(at__gt=since)
    if kind == Kind.USER:
        failures = failures.filter(username=key)
        last_login = (
            get_user_model()
            .objects.filter(username=key)
            .values_list("last_login", flat=True)
            .first()
        )
        if last_login is not None and last_login > since:
            failures = failures.filter(at__gt=last_login)
    else:
        failures = failures.filter(address=key)
    if failures.count() < settings.LOCKOUT_FAILURES:
        return
    until = now + _window()
    Lockout.objects.create(kind=kind, key=key, started=now, until=until)
    record_entry(
        "auth.lockout",
        kind,
        key[:128],
        after={
            "until": until,
            "failures": settings.LOCKOUT_FAILURES,
            "minutes": settings.LOCKOUT_MINUTES,
        },
        actor="system",
    )


def unlock(username: str, now: datetime.datetime | None = None) -> int:
    """End the locks on ``username`` now; the number of locks ended. The caller records it."""
    now = now or timezone.now()
    ended = 0
    for lock in Lockout.objects.filter(kind=Kind.USER, key=username, until__gt=now):
        lock.until = now
        lock.save(update_fields=["until"])
        ended += 1
    return ended

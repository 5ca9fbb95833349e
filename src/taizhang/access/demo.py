"""The demo database: marked by ``taizhang demo``, it needs no second factor at sign-in."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from taizhang.access.auditing import record_entry
from taizhang.access.models import DemoMark


def is_demo_database() -> bool:
    """Whether ``taizhang demo`` loaded this database."""
    return DemoMark.objects.exists()


def mark_demo_database() -> None:
    """Mark this database as the demo's: two-factor sign-in off, its superuser in charge.

    Recorded in the audit record as a change of settings.
    """
    with transaction.atomic():
        if DemoMark.objects.exists():
            return
        DemoMark.objects.create()
        required = bool(settings.REQUIRE_2FA)
        record_entry(
            "settings.demo",
            "setting",
            "demo",
            before={"demo": False, "two_factor_required": required},
            after={"demo": True, "two_factor_required": False},
        )

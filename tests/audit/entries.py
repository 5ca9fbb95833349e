"""Writing entries in a test, as a write service does."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.recorder import Change, record_many


def project_changes(count: int, *, start: int = 1) -> list[Change]:
    """``count`` updates of projects' values, each by one yuan."""
    return [
        Change(
            "project.update",
            "project",
            number,
            {"value": Decimal(f"{number}.00")},
            {"value": Decimal(f"{number + 1}.00")},
        )
        for number in range(start, start + count)
    ]


def write_entries(count: int) -> list[AuditEntry]:
    """Record ``count`` project updates in one transaction and return every entry, in order."""
    with transaction.atomic():
        record_many(project_changes(count))
    return list(AuditEntry.objects.order_by("id"))

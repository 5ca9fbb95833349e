"""The demo's entries in the audit record: one per project it creates, and one for the load.

Called inside the demo writer's transaction, after its rows are in: the entries commit with
the demo or roll back with it when a figure is missed.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Sum

from taizhang.audit.recorder import Change, record, record_many, values_of
from taizhang.ledger.models import Event, Investor, Project, ProjectInvestor

#: Columns the system keeps, not part of what a project says.
BOOKKEEPING = ("created_at", "updated_at", "name_key", "version")


def record_demo_load() -> int:
    """Record every project in the ledger as created by the demo, and the load itself; return
    how many projects were recorded. The ledger holds only the demo's when this runs."""
    investors: dict[int, list[int]] = {}
    for project_id, investor_id in ProjectInvestor.objects.order_by(
        "project_id", "position"
    ).values_list("project_id", "investor_id"):
        investors.setdefault(project_id, []).append(investor_id)
    count = record_many(_project_changes(investors))
    totals = Project.objects.aggregate(value=Sum("value"), projects=Count("id"))
    record(
        "demo.load",
        "ledger",
        "demo",
        None,
        {
            "events": list(Event.objects.order_by("date", "code").values_list("code", flat=True)),
            "projects": totals["projects"],
            "value": totals["value"],
            "investors": Investor.objects.count(),
        },
    )
    return count


def _project_changes(investors: dict[int, list[int]]) -> Iterator[Change]:
    for project in Project.objects.order_by("id").iterator(chunk_size=2000):
        after = values_of(project, exclude=BOOKKEEPING)
        after["investors"] = investors.get(project.pk, [])
        yield Change("project.create", "project", project.pk, None, after)

"""The demo's entries in the audit record: one per project it creates, and one for the load.

Called inside the demo writer's transaction, after its rows are in: the entries commit with
the demo or roll back with it when a figure is missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from taizhang.audit.recorder import Change, record_many, values_of
from taizhang.ledger.models import Event, Investor, Project, ProjectInvestor

#: Columns the system keeps, not part of what a project says.
BOOKKEEPING = ("created_at", "updated_at", "name_key", "version")


def record_demo_load() -> int:
    """Record every project in the ledger as created by the demo, then the load itself; return
    how many projects were recorded. The ledger holds only the demo's when this runs.

    One :func:`record_many` for all of it, so the demo's bounded number of statements grows by
    a few, not by one per project.
    """
    investors: dict[int, list[int]] = {}
    for project_id, investor_id in ProjectInvestor.objects.order_by(
        "project_id", "position"
    ).values_list("project_id", "investor_id"):
        investors.setdefault(project_id, []).append(investor_id)
    return record_many(_changes(investors)) - 1


def _changes(investors: dict[int, list[int]]) -> Iterator[Change]:
    count, value = 0, Decimal(0)
    for project in Project.objects.order_by("id").iterator(chunk_size=2000):
        after = values_of(project, exclude=BOOKKEEPING)
        after["investors"] = investors.get(project.pk, [])
        count, value = count + 1, value + project.value
        yield Change("project.create", "project", project.pk, None, after)
    summary = {
        "events": list(Event.objects.order_by("date", "code").values_list("code", flat=True)),
        "projects": count,
        "value": value,
        "investors": Investor.objects.count(),
    }
    yield Change("demo.load", "ledger", "demo", None, summary)

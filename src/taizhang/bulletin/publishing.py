"""Publishing a bulletin: freeze its figures, record what they stood on, and compare later.

:func:`publish` stores the event's figures as they are now, when and by whom, the ``[id,
version]`` of every project they counted, and a SHA-256 of those projects' counted fields
(:func:`ledger_hash`). A bulletin published once is corrected by publishing again, with a
reason. :func:`publication_status` says whether an event's bulletin is published and what has
changed in the ledger since: projects withdrawn, amended (their version moved on), added, or
no longer announced at the event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.restrict import ALL, VIEW, project_rule, restrict
from taizhang.audit.context import current
from taizhang.audit.recorder import record
from taizhang.bulletin.figures import event_figures, readable_publications
from taizhang.bulletin.models import PublishedBulletin
from taizhang.bulletin.selection import COUNTED_MODE, COUNTED_SECTOR, Selection
from taizhang.ledger.models import Event, Project

#: The first line hashed: names the serialisation, so that a future change of fields can be told.
ROWS_FORMAT = "taizhang-bulletin-rows/1"

#: What of each counted project the hash covers: every field a figure depends on. The mode and
#: sector are the event's (an announcement's own where it has them, as the figures count them);
#: for a project with none they are the project's, so the rows are those hashed before.
HASHED_FIELDS: tuple[str, ...] = (
    "id",
    "version",
    "value",
    COUNTED_MODE,
    "region_id",
    COUNTED_SECTOR,
    "strategic_emerging",
    "strategic_emerging_category_id",
    "park_id",
    "industry_chain_id",
    "lead_investor_id",
    "lead_investor__type",
    "lead_investor__origin_id",
    "fortune_global_500",
)


class PublishError(Exception):
    """A publication that cannot be made; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def publisher() -> str:
    """Who is publishing: whoever is acting for the audit record (the signed-in user, or
    ``--as NAME``), else ``cli:<OS user>`` at the command line."""
    return current().actor


def record_publication(publication: PublishedBulletin, rows: int) -> None:
    """Record ``publication`` in the audit log, inside its transaction.

    The entry (``bulletin.publish``, or ``bulletin.correct`` for a correction) names the event,
    when, by whom and why, the ledger hash, how many projects were counted, the totals, and
    the SHA-256 of the figures' JSON text, so that the stored publication can be checked
    against the chained record.
    """
    figures = publication.figures
    record(
        "bulletin.correct" if publication.corrects_id else "bulletin.publish",
        "published_bulletin",
        publication.pk,
        None,
        {
            "event": publication.event.code,
            "published_at": publication.published_at.isoformat(),
            "published_by": publication.published_by,
            "reason": publication.reason,
            "corrects": publication.corrects_id,
            "ledger_hash": publication.ledger_hash,
            "projects_counted": rows,
            "totals": figures["totals"],
            "figures_sha256": hashlib.sha256(publication.figures_json.encode()).hexdigest(),
        },
        actor=publication.published_by,
    )


@contextmanager
def snapshot() -> Iterator[None]:
    """Read every figure from one state of the ledger.

    On PostgreSQL a REPEATABLE READ, READ ONLY transaction, so that an import committing
    half-way through cannot make the figures disagree with each other or with the hash.
    Inside a transaction already (tests, a caller's), that transaction is used as it is. On
    SQLite reads run without one, so that a bulletin never waits for the write lock behind a
    long import (a publication reads and writes in one write transaction instead, which
    SQLite serialises).
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def publish(
    event: Event,
    *,
    reason: str = "",
    published_by: str | None = None,
    now: datetime | None = None,
) -> PublishedBulletin:
    """Publish ``event``'s bulletin as the ledger stands: figures, time, publisher and hash.

    A correction (the event has a publication already) needs a ``reason``. Raises
    :class:`PublishError` when one is missing.

    On PostgreSQL the figures and the counted rows are read in one snapshot first
    (:func:`snapshot`), and the publication is then written in a transaction of its own, the
    event row locked so that two clerks publishing at once come one after the other: the audit
    record chains its entries in READ COMMITTED transactions. Elsewhere (SQLite, or inside a
    caller's transaction) reading and writing share one transaction.
    """
    reason = reason.strip()
    _check_reason(event, reason)  # before the work of freezing: the usual mistake fails fast
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with snapshot():
            figures, rows = event_figures(event), counted_rows(event)
        with transaction.atomic():
            return _store(event, figures, rows, reason, published_by, now)
    with transaction.atomic():
        return _store(event, event_figures(event), counted_rows(event), reason, published_by, now)


def _check_reason(event: Event, reason: str) -> PublishedBulletin | None:
    """The publication in force, if any; raises when there is one and no ``reason``."""
    earlier = PublishedBulletin.objects.latest_for(event)
    if earlier is not None and not reason:
        raise PublishError(
            _(
                "The bulletin of %(event)s was published already, on %(when)s by %(who)s. "
                "Publishing again is a correction: say why with --reason."
            )
            % {
                "event": event.code,
                "when": _local(earlier.published_at),
                "who": earlier.published_by,
            }
        )
    return earlier


def _store(
    event: Event,
    figures: dict[str, Any],
    rows: list[tuple[Any, ...]],
    reason: str,
    published_by: str | None,
    now: datetime | None,
) -> PublishedBulletin:
    # The lock makes a second clerk wait here, then see the first one's publication.
    event = Event.objects.select_for_update().get(pk=event.pk)
    earlier = _check_reason(event, reason)
    publication = PublishedBulletin.objects.create(
        event=event,
        figures_json=json.dumps(figures, ensure_ascii=False, indent=2),
        published_at=now or timezone.now(),
        published_by=published_by or publisher(),
        reason=reason,
        corrects=earlier,
        ledger_hash=ledger_hash(rows),
        counted=[[row[0], row[1]] for row in rows],
    )
    record_publication(publication, len(rows))
    return publication


def counted_rows(event: Event) -> list[tuple[Any, ...]]:
    """The counted fields (:data:`HASHED_FIELDS`) of every project ``event``'s figures count.

    Those are the current projects announced at the event, within the host or not, by id.
    """
    return list(
        Selection.of_event(event)
        .projects()
        .annotate(fortune_global_500=F("lead_investor__fortune_global_500"))
        .order_by("pk")
        .values_list(*HASHED_FIELDS)
    )


def ledger_hash(rows: Iterable[Sequence[Any]]) -> str:
    """SHA-256 (hex) of ``rows`` serialised canonically: one compact JSON array per line.

    Amounts are written as exact decimals with two places, so the hash is the same on SQLite
    and PostgreSQL for the same ledger.
    """
    digest = hashlib.sha256(f"{ROWS_FORMAT}\n".encode())
    for row in rows:
        line = json.dumps([_canonical(value) for value in row], separators=(",", ":"))
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    return value


# --- what changed since ------------------------------------------------------------------------


@dataclass
class Differences:
    """Projects that differ between a publication and today's ledger, each list by id."""

    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    amended: list[dict[str, Any]] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.withdrawn or self.amended or self.added or self.removed)

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "withdrawn": self.withdrawn,
            "amended": self.amended,
            "added": self.added,
            "removed": self.removed,
        }


def differences(publication: PublishedBulletin) -> Differences:
    """What changed since ``publication`` among the projects announced at its event.

    ``withdrawn``: counted then, withdrawn since. ``amended``: counted then and now, at another
    version. ``added``: counted now, not then. ``removed``: counted then, no longer announced
    at the event (unlinked, or deleted from the ledger). Two queries at most. Only projects
    the acting user may see are named (a viewer, who sees figures only, is told of none).
    """
    then = {int(pk): int(version) for pk, version in publication.counted}
    found = Differences()
    seen: set[int] = set()
    user = acting_user()
    visible = restrict(Project.objects.all(), user, VIEW)
    if project_rule(user, VIEW) != ALL:
        shown = _ids(visible, then)
        then = {pk: version for pk, version in then.items() if pk in shown}
    rows = (
        visible.filter(announcements__event=publication.event_id)
        .order_by("pk")
        .values_list("pk", "version", "withdrawn_at", "name")
    )
    for pk, version, withdrawn_at, name in rows:
        seen.add(pk)
        item = {"id": pk, "name": name, "version": version, "published_version": then.get(pk)}
        if withdrawn_at is not None:
            if pk in then:
                found.withdrawn.append({**item, "withdrawn_at": withdrawn_at.isoformat()})
        elif pk not in then:
            found.added.append(item)
        elif version != then[pk]:
            found.amended.append(item)
    gone = sorted(set(then) - seen)
    if gone:
        names = dict(Project.objects.filter(pk__in=gone).values_list("pk", "name"))
        found.removed = [
            {"id": pk, "name": names.get(pk), "version": None, "published_version": then[pk]}
            for pk in gone
        ]
    return found


def publication_status(publication: PublishedBulletin) -> dict[str, Any]:
    """``publication`` described, with what differs from today's ledger.

    When, by whom, why (for a correction), the ledger hash, how many publications its event
    has had, and the differences (:func:`differences`).
    """
    found = differences(publication)
    return {
        "id": publication.pk,
        "published_at": publication.published_at.isoformat(),
        "published_by": publication.published_by,
        "reason": publication.reason,
        "corrects": publication.corrects_id,
        "publications": PublishedBulletin.objects.filter(event=publication.event_id).count(),
        "ledger_hash": publication.ledger_hash,
        "changed_since": bool(found),
        "differences": found.as_json(),
    }


def shown_figures(event: Event, *, current: bool = False) -> dict[str, Any]:
    """The figures ``taizhang bulletin`` shows for ``event``: as published, if it was.

    A published bulletin is shown as published: its frozen figures, with ``published`` saying
    when, by whom, and what has changed in the ledger since. With ``current`` (or when it was
    never published) the figures are computed from today's ledger; ``published`` is then null
    and ``latest_publication`` describes the publication in force, if any.
    """
    with snapshot():
        # A scoped user's figures are computed over their scope: the whole event's
        # publication is not theirs to read.
        latest = readable_publications().latest_for(event)
        status = publication_status(latest) if latest is not None else None
        if latest is not None and not current:
            return {**latest.figures, "published": status}
        figures = event_figures(event)
    figures["published"] = None
    if status is not None:
        figures["latest_publication"] = status
    return figures


def _ids(projects: Any, among: Iterable[int]) -> set[int]:
    """The ids of ``among`` that are in ``projects``."""
    return set(projects.filter(pk__in=list(among)).values_list("pk", flat=True))


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"

"""Which projects a figure counts: a small description turned into a ``Project`` queryset.

The counting rule (shared/spec/bulletin.md): one event's own figures count every project
announced there, the ones it owns and the ones linked to it from another event; any figure over
several events — a series, a year, a district's or the city's total — counts each project once,
at the event that owns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Expression,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from taizhang.access.acting import acting_user
from taizhang.access.restrict import AGGREGATE, restrict
from taizhang.ledger.models import (
    Announcement,
    Category,
    Event,
    IndustryChain,
    Park,
    Project,
    Region,
)


@dataclass(frozen=True)
class Selection:
    """A set of projects, described by what the ledger list can filter on.

    Every field left empty selects everything; the fields given narrow the set together.
    ``events`` with exactly one event (and no ``series``) selects what that event announced;
    several events, or a ``series``, select by owner, so no project is counted twice.
    ``region`` selects projects landing in the region or anywhere under it. Withdrawn projects
    are left out unless ``include_withdrawn``.
    """

    events: tuple[Event, ...] = ()
    series: str | None = None
    first_edition: int | None = None
    last_edition: int | None = None
    signed_from: date | None = None
    signed_to: date | None = None
    region: Region | None = None
    park: Park | None = None
    chain: IndustryChain | None = None
    responsible_unit: str | None = None
    investor_type: str | None = None
    mode: str | None = None
    sector: Category | None = None
    strategic_emerging: bool | None = None
    include_withdrawn: bool = False

    @classmethod
    def of_event(cls, event: Event, **narrowing: object) -> Selection:
        """What ``event``'s own figures count, optionally narrowed further."""
        return cls(events=(event,), **narrowing)  # type: ignore[arg-type]

    @classmethod
    def of_events(cls, events: Sequence[Event], **narrowing: object) -> Selection:
        """Projects owned by any of ``events``: each counted once."""
        return cls(events=tuple(events), **narrowing)  # type: ignore[arg-type]

    @property
    def by_owner(self) -> bool:
        """True when projects are counted at the event owning them (not by announcement)."""
        return not (len(self.events) == 1 and self.series is None and not self._editions)

    @property
    def _editions(self) -> bool:
        return self.first_edition is not None or self.last_edition is not None

    def projects(self) -> QuerySet[Project]:
        """The selected projects, as a queryset to count, break down or narrow further.

        Only those the acting user may count (:func:`taizhang.access.restrict.restrict`): every
        figure of a bulletin or a statistic stands on this, so a district officer's figures
        are their district's, and a viewer's the whole ledger's.
        """
        projects = restrict(Project.objects.all(), acting_user(), AGGREGATE)
        if not self.include_withdrawn:
            projects = projects.current()
        if not self.by_owner:
            event = self.events[0]
            projects = projects.filter(announced_at(event)).annotate(**as_announced(event))
        else:
            if self.events or self.series is not None or self._editions:
                projects = projects.owned_by(self._owning_events())
            projects = projects.annotate(**as_owned())
        return self._narrowed(projects)

    def _owning_events(self) -> QuerySet[Event]:
        events = Event.objects.all()
        if self.events:
            events = events.filter(pk__in=[event.pk for event in self.events])
        if self.series is not None:
            events = events.filter(series=self.series)
        if self.first_edition is not None:
            events = events.filter(edition__gte=self.first_edition)
        if self.last_edition is not None:
            events = events.filter(edition__lte=self.last_edition)
        return events.order_by().values("pk")

    def _narrowed(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.signed_from is not None:
            projects = projects.filter(signing_date__gte=self.signed_from)
        if self.signed_to is not None:
            projects = projects.filter(signing_date__lte=self.signed_to)
        if self.region is not None:
            projects = within(projects, self.region)
        if self.park is not None:
            projects = projects.filter(park=self.park)
        if self.chain is not None:
            projects = projects.filter(industry_chain=self.chain)
        if self.responsible_unit is not None:
            projects = projects.filter(responsible_unit=self.responsible_unit)
        if self.investor_type is not None:
            projects = projects.filter(lead_investor__type=self.investor_type)
        if self.mode is not None:
            projects = projects.filter(counted_mode=self.mode)
        if self.sector is not None:
            projects = projects.filter(counted_sector_id=self.sector.pk)
        if self.strategic_emerging is not None:
            projects = projects.filter(strategic_emerging=self.strategic_emerging)
        return projects


class InSubquery(Func):
    """``expression IN (subquery)``; on PostgreSQL ``expression = ANY(ARRAY(subquery))``.

    The array form lets PostgreSQL look the few ids up in an index (and OR them with another
    indexed condition in one bitmap scan); ``IN`` makes it hash the subquery and test every
    row of the table.
    """

    output_field = BooleanField()

    def __init__(self, expression: Any, subquery: QuerySet) -> None:
        super().__init__(expression, Subquery(subquery))

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self._compiled(compiler, "%s IN %s")

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self._compiled(compiler, "%s = ANY(ARRAY%s)")

    def _compiled(self, compiler: Any, template: str) -> tuple[str, tuple[Any, ...]]:
        left, subquery = self.get_source_expressions()
        left_sql, left_params = compiler.compile(left)
        subquery_sql, subquery_params = compiler.compile(subquery)
        return template % (left_sql, subquery_sql), (*left_params, *subquery_params)


class ByDatabase(Expression):
    """A condition written one way on PostgreSQL and another elsewhere (SQLite).

    Both forms must select the same rows and use subqueries only, no joins: both are resolved
    against the query, and a join one of them added would stay in the other's SQL.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, default: Q, *, postgresql: Q) -> None:
        super().__init__()
        self.default = default
        self.postgresql = postgresql

    def get_source_expressions(self) -> list[Any]:
        return [self.default, self.postgresql]

    def set_source_expressions(self, expressions: list[Any]) -> None:
        self.default, self.postgresql = expressions

    def resolve_expression(self, *args: Any, **kwargs: Any) -> ByDatabase:
        resolved = self.copy()
        resolved.default = self.default.resolve_expression(*args, **kwargs)
        resolved.postgresql = self.postgresql.resolve_expression(*args, **kwargs)
        return resolved

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        chosen = self.postgresql if connection.vendor == "postgresql" else self.default
        return compiler.compile(chosen)


def announced_at(event: Event) -> Q:
    """The projects announced at ``event``, as a condition: what the event's own figures count.

    The same set as ``Project.objects.announced_at(event)`` (every project has an announcement
    at its owner), found the fastest way on each database. SQLite looks the event's
    announcements up in their index and each project by its rowid. PostgreSQL would probe the
    project table once per announcement, or scan it whole; instead it reads the projects the
    event owns by the indexed ``event_id`` and those linked to it from other events — the
    event's announcements of projects it does not own, usually few — by id, in one bitmap
    scan: a fifth of the time for an event of 50,000 projects among a million.
    """
    announcements = Announcement.objects.filter(event=event).order_by()
    owned = Project.objects.filter(event=event).order_by().values("pk")
    linked = announcements.exclude(project_id__in=owned).values("project_id")
    return Q(
        ByDatabase(
            Q(pk__in=announcements.values("project_id")),
            postgresql=Q(event=event) | Q(InSubquery(F("pk"), linked)),
        )
    )


#: The names under which :meth:`Selection.projects` gives each project's sector and mode as
#: the selection counts them.
COUNTED_SECTOR = "counted_sector_id"
COUNTED_MODE = "counted_mode"


def as_owned() -> dict[str, Any]:
    """The project's own sector and mode: what a figure over several events counts."""
    return {COUNTED_SECTOR: F("sector_id"), COUNTED_MODE: F("mode")}


def as_announced(event: Event) -> dict[str, Any]:
    """The sector and mode ``event`` gave each of its projects: what its own figures count.

    A project ``event`` owns is counted with its own (its owner's announcement never differs);
    one linked from another event with the announcement's, where that has one:
    ``COALESCE(announcement.sector, project.sector)``, and the same for the mode (empty meaning
    the project's own). The announcement is looked up only for projects owned elsewhere, usually
    few, so the event's own figures stay one statement that reads its projects once.
    """
    here = Announcement.objects.filter(event=event, project=OuterRef("pk")).order_by()
    key, text = BigIntegerField(), CharField()
    sector = Coalesce(Subquery(here.values("sector_id")[:1]), F("sector_id"), output_field=key)
    mode = Coalesce(
        NullIf(Subquery(here.values("mode")[:1]), Value("")), F("mode"), output_field=text
    )
    owned = Q(event=event)
    return {
        COUNTED_SECTOR: Case(When(owned, then=F("sector_id")), default=sector, output_field=key),
        COUNTED_MODE: Case(When(owned, then=F("mode")), default=mode, output_field=text),
    }


def regions_within(region: Region) -> QuerySet[Region]:
    """The ids of ``region`` and every region under it, as a subquery."""
    return Region.objects.within(region).order_by().values("pk")


def within(projects: QuerySet[Project], region: Region) -> QuerySet[Project]:
    """The projects landing in ``region`` or under it.

    ``region_id IN (regions within)``: the prefix match runs once over the small region table,
    not once per project through a join.
    """
    return projects.filter(region_id__in=regions_within(region))


def outside(projects: QuerySet[Project], region: Region) -> QuerySet[Project]:
    """The projects landing neither in ``region`` nor under it."""
    return projects.exclude(region_id__in=regions_within(region))

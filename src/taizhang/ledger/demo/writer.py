"""Writes the generated demo ledger to the database, in one transaction, with bulk inserts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from taizhang.i18n import join_list
from taizhang.ledger.demo.auditing import record_demo_load
from taizhang.ledger.demo.checks import (
    DemoFiguresError,
    check_figures,
    check_ledger,
    usd_billions,
)
from taizhang.ledger.demo.figures import Row
from taizhang.ledger.demo.generate import generate_demo_ledger
from taizhang.ledger.demo.specs import DemoLedger
from taizhang.ledger.models import (
    STRATEGIC_EMERGING_SCHEME,
    Announcement,
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)
from taizhang.ledger.normalise import normalise_name


class DemoError(Exception):
    """The demo cannot be written into this database (e.g. its reference data is missing)."""


@dataclass(frozen=True)
class EventSummary:
    """What one event of the demo holds: its own published totals and what lands elsewhere."""

    code: str
    name: str
    date: str
    projects: int  # announced at the event and landing within its host
    value: Decimal
    usd_billions: Decimal | None
    outside_projects: int  # announced at the event, landing outside its host
    outside_value: Decimal


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote."""

    events: list[EventSummary]
    projects: int  # every project, each counted once
    value: Decimal  # their value, each counted once
    investors: int


def build_demo_ledger() -> DemoSummary:
    """Generate the demo ledger, check it, write it in one transaction and check it again.

    Raises :class:`DemoFiguresError` (and writes nothing) when the ledger would miss a
    published figure, and :class:`DemoError` when the database lacks the reference data.
    The database should be empty of ledger data: the demo's codes would collide otherwise.
    """
    ledger = generate_demo_ledger()
    problems = check_ledger(ledger)
    if problems:
        raise DemoFiguresError(problems)
    with transaction.atomic():
        _write(ledger)
        record_demo_load()  # in the same transaction: no entry for a demo that rolls back
        events = list(Event.objects.select_related("host").order_by("date", "code"))
        rows = _rows_from_database(events)
        rates = {
            rate.event.code: rate.yuan_per_unit
            for rate in ExchangeRate.objects.select_related("event").filter(currency="USD")
        }
        problems = check_figures(rows, rates)
        if problems:
            # Raising inside the atomic block undoes every row written above.
            raise DemoFiguresError(problems)
        return _summarise(events, rows, rates)


def _write(ledger: DemoLedger) -> None:
    regions = _regions(ledger)
    nbs = {
        category.code: category
        for category in Category.objects.filter(scheme__code=STRATEGIC_EMERGING_SCHEME)
    }
    if len(nbs) < 9:
        raise DemoError(
            _(
                "The classification %(scheme)s of strategic emerging industries is missing or "
                "incomplete. Run `taizhang migrate` to load the reference data, then try again."
            )
            % {"scheme": STRATEGIC_EMERGING_SCHEME}
        )

    schemes = ClassificationScheme.objects.bulk_create(
        ClassificationScheme(
            code=event.scheme_code,
            name_zh=f"{event.name_zh}行业领域",
            name_en=f"{event.name_en} reporting sectors",
        )
        for event in ledger.events
    )
    scheme_by_code = {scheme.code: scheme for scheme in schemes}
    categories = Category.objects.bulk_create(
        Category(
            scheme=scheme_by_code[event.scheme_code],
            code=sector.code,
            name_zh=sector.name_zh,
            name_en=sector.name_en,
            position=position,
            is_other=sector.is_other,
        )
        for event in ledger.events
        for position, sector in enumerate(event.sectors, start=1)
    )
    category_by_key = {(category.scheme.code, category.code): category for category in categories}
    events = Event.objects.bulk_create(
        Event(
            code=event.code,
            series=event.series,
            edition=event.edition,
            date=event.date,
            name_zh=event.name_zh,
            name_en=event.name_en,
            venue_zh=event.venue_zh,
            venue_en=event.venue_en,
            host=regions[event.host],
            sector_scheme=scheme_by_code[event.scheme_code],
        )
        for event in ledger.events
    )
    event_by_code = {event.code: event for event in events}
    ExchangeRate.objects.bulk_create(
        ExchangeRate(event=event_by_code[event.code], currency="USD", yuan_per_unit=event.usd_rate)
        for event in ledger.events
        if event.usd_rate is not None
    )
    parks = Park.objects.bulk_create(
        Park(
            region=regions[park.region],
            name_zh=park.name_zh,
            name_en=park.name_en,
            head_name=ledger.people[f"park-head:{park.key}"],
            head_title=park.head_title,
        )
        for park in ledger.parks
    )
    park_by_key = {spec.key: park for spec, park in zip(ledger.parks, parks, strict=True)}
    chains = IndustryChain.objects.bulk_create(
        IndustryChain(
            code=chain.code,
            name_zh=chain.name_zh,
            name_en=chain.name_en,
            chief_name=ledger.people[f"chain-chief:{chain.code}"],
            chief_title=chain.chief_title,
        )
        for chain in ledger.chains
    )
    chain_by_code = {chain.code: chain for chain in chains}
    investors = Investor.objects.bulk_create(
        Investor(
            name_zh=investor.name_zh,
            name_en=investor.name_en,
            # bulk_create skips save(), which is where the matching key is usually kept.
            name_key=normalise_name(investor.name_zh),
            type=investor.type,
            origin=regions[investor.origin],
            credit_code=investor.credit_code,
            fortune_global_500=investor.fortune_global_500,
            china_top_500=investor.china_top_500,
        )
        for investor in ledger.investors
    )
    investor_by_key = {
        spec.key: investor for spec, investor in zip(ledger.investors, investors, strict=True)
    }
    ChainOwner.objects.bulk_create(
        ChainOwner(
            chain=chain_by_code[owner.chain],
            name=owner.name,
            organisation=investor_by_key[owner.investor].name_zh,
            investor=investor_by_key[owner.investor],
        )
        for owner in ledger.chain_owners
    )
    projects = Project.objects.bulk_create(
        Project(
            event=event_by_code[project.event],
            name=project.name,
            name_key=normalise_name(project.name),
            project_code=project.project_code,
            lead_investor=investor_by_key[project.investors[0]],
            value=project.value,
            mode=project.mode,
            signing_date=project.signing_date,
            region=regions[project.region],
            sector=category_by_key[(project.sector_scheme, project.sector)],
            strategic_emerging=project.strategic_emerging,
            strategic_emerging_category=(
                nbs[project.strategic_category] if project.strategic_category else None
            ),
            industry_chain=chain_by_code.get(project.industry_chain or ""),
            park=park_by_key.get(project.park or ""),
            project_type=project.project_type,
            responsible_unit=project.responsible_unit,
            responsible_person=project.responsible_person,
            planned_start=project.planned_start,
            planned_production=project.planned_production,
            description=project.description,
        )
        for project in ledger.projects
    )
    pairs = list(zip(ledger.projects, projects, strict=True))
    ProjectInvestor.objects.bulk_create(
        ProjectInvestor(project=project, investor=investor_by_key[key], position=position)
        for spec, project in pairs
        for position, key in enumerate(spec.investors)
    )
    # Every project is announced at the event owning it, and at each other event it was
    # announced at: an event's own figures are its announcements. Another event's announcement
    # carries the sector (in that event's scheme) and mode it gave the project, if its own.
    schemes = {event.code: event.scheme_code for event in ledger.events}
    Announcement.objects.bulk_create(
        Announcement(
            project=project,
            event=event_by_code[code],
            sector=(
                category_by_key[(schemes[code], spec.announced_as[code][0])]
                if code in spec.announced_as
                else None
            ),
            mode=spec.announced_as[code][1] if code in spec.announced_as else "",
        )
        for spec, project in pairs
        for code in spec.events
    )


def _regions(ledger: DemoLedger) -> dict[str, Region]:
    codes = {event.host for event in ledger.events}
    codes |= {project.region for project in ledger.projects}
    codes |= {investor.origin for investor in ledger.investors}
    codes |= {park.region for park in ledger.parks}
    found = Region.objects.filter(code__in=codes).in_bulk(field_name="code")
    missing = sorted(codes - set(found))
    if missing:
        raise DemoError(
            _(
                "The demo needs regions this database does not have: %(codes)s. Run "
                "`taizhang migrate` to load the shipped reference data, then try again."
            )
            % {"codes": join_list(missing)}
        )
    return found


def _rows_from_database(events: Iterable[Event]) -> list[Row]:
    """One row per announcement, as the figures count them, from what the database holds."""
    rows = []
    for event in events:
        # As the event counts them: its announcement's sector and mode where it gave its own.
        announced = (
            Announcement.objects.filter(event=event)
            .order_by("project_id")
            .annotate(
                counted_mode=Coalesce(NullIf("mode", Value("")), "project__mode"),
                counted_sector=Coalesce("sector__code", "project__sector__code"),
            )
            .values_list(
                "project_id",
                "project__event__code",
                "project__name",
                "project__lead_investor__name_zh",
                "project__value",
                "counted_mode",
                "counted_sector",
                "project__lead_investor__type",
                "project__region__path",
                "project__strategic_emerging",
            )
        )
        for pk, owner, name, lead, value, mode, sector, kind, path, strategic in announced:
            rows.append(
                Row(
                    project=str(pk),
                    event=event.code,
                    owner=owner,
                    name=name,
                    lead_investor=lead,
                    value=value,
                    mode=mode,
                    sector=sector,
                    investor_type=kind,
                    in_host=path.startswith(event.host.path),
                    strategic_emerging=strategic,
                )
            )
    return rows


def _summarise(events: list[Event], rows: list[Row], rates: dict[str, Decimal]) -> DemoSummary:
    summaries = []
    for event in events:
        inside = [row.value for row in rows if row.event == event.code and row.in_host]
        outside = [row.value for row in rows if row.event == event.code and not row.in_host]
        value = sum(inside, Decimal(0))
        rate = rates.get(event.code)
        summaries.append(
            EventSummary(
                code=event.code,
                name=event.name,
                date=event.date.isoformat(),
                projects=len(inside),
                value=value,
                usd_billions=usd_billions(value, rate) if rate else None,
                outside_projects=len(outside),
                outside_value=sum(outside, Decimal(0)),
            )
        )
    once = {row.project: row.value for row in rows}
    return DemoSummary(
        events=summaries,
        projects=len(once),
        value=sum(once.values(), Decimal(0)),
        investors=Investor.objects.count(),
    )

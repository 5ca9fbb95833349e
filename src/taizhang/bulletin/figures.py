"""An event's and a series' figures in the bulletin's JSON form (shared/spec/bulletin.md).

Amounts are strings of exact decimal yuan (``"252400000000.00"``), shares strings of a fraction
with four decimals (``"0.4025"``), counts integers. Everything named carries ``name_zh`` and
``name_en`` beside ``name``; :func:`localise` sets ``name`` for a language, so figures computed
(or published) in one language render in the other.

Beyond the spec's keys the figures carry what renderers need to say more without asking the
database again: ``percent_of_projects`` / ``percent_of_value`` (whole percent, rounded half up
from the exact fraction, never from the rounded share), each band's value, ``min_band``,
``by_park``, ``by_chain``, ``by_origin``, ``fortune_global_500`` and the strategic emerging
projects by NBS category.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import get_language

from taizhang.access.acting import acting_user
from taizhang.access.restrict import AGGREGATE, VIEW, restrict
from taizhang.bulletin import statistics as stats
from taizhang.bulletin.exact import CENT, Fen, fraction, round_half_up, yuan
from taizhang.bulletin.models import PublishedBulletin
from taizhang.bulletin.selection import Selection, within
from taizhang.ledger.models import (
    Announcement,
    Category,
    Event,
    IndustryChain,
    InvestorType,
    Park,
    Project,
    Region,
)

Figures = dict[str, Any]


# --- formatting --------------------------------------------------------------------------------


def amount(value: Decimal) -> str:
    """Exact yuan as the JSON writes it: ``"252400000000.00"``."""
    return format(value.quantize(CENT), "f")


def share(part: Decimal | int, whole: Decimal | int) -> str | None:
    """``part / whole`` to four decimals, half up from the exact fraction; None for 0 / 0."""
    exact = fraction(part, whole)
    return None if exact is None else format(round_half_up(exact, 4), "f")


def percent(part: Decimal | int, whole: Decimal | int) -> int | None:
    """``part / whole`` in whole percent, half up from the exact fraction; None for 0 / 0."""
    exact = fraction(part, whole)
    return None if exact is None else int(round_half_up(exact * 100, 0))


def tally(t: stats.Tally) -> Figures:
    return {"projects": t.projects, "value": amount(t.value)}


def shared_tally(t: stats.Tally, whole: stats.Tally) -> Figures:
    """A tally with its shares of ``whole``: of the count and of the value."""
    return {
        **tally(t),
        "share_of_projects": share(t.projects, whole.projects),
        "share_of_value": share(t.value, whole.value),
        "percent_of_projects": percent(t.projects, whole.projects),
        "percent_of_value": percent(t.value, whole.value),
    }


def named(label: stats.Label | None) -> Figures:
    if label is None:
        return {"code": None, "name": None, "name_zh": None, "name_en": None}
    return {"code": label.code, "name": None, "name_zh": label.name_zh, "name_en": label.name_en}


def groups_json(found: Iterable[stats.Group], whole: stats.Tally | None = None) -> list[Figures]:
    """A breakdown as a JSON list: each group's code and names, its tally and shares."""
    rows = []
    for group in found:
        figures = tally(group.tally) if whole is None else shared_tally(group.tally, whole)
        rows.append({**named(group.label), **figures})
    return rows


def localise(figures: Any, language: str) -> Any:
    """``figures`` with every ``name`` (and ``venue``) in ``language`` (``en`` or ``zh``).

    Names come from ``name_zh`` / ``name_en`` beside them, the other one when one is empty.
    Returns a new structure; published figures are never changed in place.
    """
    english = language.lower().startswith("en")
    if isinstance(figures, list):
        return [localise(item, language) for item in figures]
    if not isinstance(figures, dict):
        return figures
    result = {key: localise(value, language) for key, value in figures.items()}
    for stem in ("name", "venue"):
        if f"{stem}_zh" in result and f"{stem}_en" in result:
            zh, en = result[f"{stem}_zh"], result[f"{stem}_en"]
            result[stem] = (en or zh) if english else (zh or en)
    return result


# --- one event ---------------------------------------------------------------------------------


def event_figures(event: Event) -> Figures:
    """The figures of ``event``'s bulletin, from today's ledger, in the spec's JSON form.

    Counts every current project announced at the event (its own and those linked to it);
    the host's projects make up the figures, those landing elsewhere are ``outside_host``.
    A fixed number of queries, whatever the number of projects: one statement for every
    figure (:func:`taizhang.bulletin.statistics.profile`), a few to name what it found.
    """
    found = stats.profile(Selection.of_event(event).projects(), host=event.host)
    whole = found.total
    rate = event.rate("USD")
    previous, previous_bands = previous_edition(event)
    groups = found.groups
    categories = stats.categories([*groups["sector"], *groups["strategic_category"]])
    regions = stats.labels(Region, [*groups["region"], *groups["origin"], *found.outside])
    away = stats.largest_first(found.outside, regions)
    figures: Figures = {
        "event": _event(event, rate),
        "totals": {
            **tally(whole),
            "value_usd": amount(round_half_up(fraction(whole.value, rate), 2)) if rate else None,
        },
        "by_mode": {
            **{mode: tally(found.modes[mode]) for mode in stats.MODES},
            "live": tally(found.live),
        },
        "bands": [
            {
                "min": amount(minimum),
                "projects": count.projects,
                "value": amount(count.value),
                "previous": _previous_band(previous_bands, minimum),
                "change": _change(count.projects, _previous_band(previous_bands, minimum)),
            }
            for minimum, count in found.bands
        ],
        "min_band": amount(found.min_band) if found.min_band is not None else None,
        "by_sector": [
            {**named(group.label), "is_other": group.is_other, **shared_tally(group.tally, whole)}
            for group in stats.by_sector(found, event.sector_scheme_id, categories)
        ],
        "by_investor_type": [
            {"type": group.key, **_type_names(str(group.key)), **shared_tally(group.tally, whole)}
            for group in stats.by_investor_type(found)
        ],
        "by_region": groups_json(stats.largest_first(groups["region"], regions), whole),
        "strategic_emerging": {
            **shared_tally(found.strategic_emerging, whole),
            "by_category": groups_json(stats.by_strategic_category(found, categories), whole),
        },
        "fortune_global_500": {
            **shared_tally(found.fortune_global_500, whole),
            "investors": found.fortune_global_500_investors,
        },
        "by_park": groups_json(
            stats.largest_first(groups["park"], stats.labels(Park, groups["park"])), whole
        ),
        "by_chain": groups_json(
            stats.largest_first(groups["chain"], stats.labels(IndustryChain, groups["chain"])),
            whole,
        ),
        "by_origin": groups_json(stats.largest_first(groups["origin"], regions), whole),
        "outside_host": {**tally(found.outside_total), "regions": groups_json(away)},
        "previous_edition": previous,
    }
    return localise(figures, get_language() or "zh-hans")


def previous_edition(event: Event) -> tuple[Figures | None, dict[str, int] | None]:
    """The previous edition's (edition − 1, same series) totals and band counts, or Nones.

    Its published bulletin's figures when it has one (what the city said then), otherwise its
    figures computed from today's ledger.
    """
    earlier = (
        Event.objects.filter(series=event.series, edition=event.edition - 1)
        .select_related("host")
        .first()
    )
    if earlier is None:
        return None, None
    published = readable_publications().latest_for(earlier)
    names = {"code": earlier.code, "name": None, **_names(earlier)}
    if published is not None:
        figures = published.figures
        summary = {
            **names,
            "projects": figures["totals"]["projects"],
            "value": figures["totals"]["value"],
            "published_at": published.published_at.isoformat(),
        }
        return summary, {band["min"]: band["projects"] for band in figures["bands"]}
    total, bands = stats.sizes(within(Selection.of_event(earlier).projects(), earlier.host))
    summary = {**names, **tally(total), "published_at": None}
    return summary, {amount(minimum): count.projects for minimum, count in bands}


def _previous_band(bands: dict[str, int] | None, minimum: Decimal) -> int | None:
    return None if bands is None else bands.get(amount(minimum))


def _change(now: int, before: int | None) -> int | None:
    return None if before is None else now - before


def _names(event: Event) -> Figures:
    return {"name_zh": event.name_zh, "name_en": event.name_en}


def _event(event: Event, rate: Decimal | None) -> Figures:
    host = event.host
    return {
        "code": event.code,
        "name": None,
        **_names(event),
        "date": event.date.isoformat(),
        "series": event.series,
        "edition": event.edition,
        "venue": None,
        "venue_zh": event.venue_zh,
        "venue_en": event.venue_en,
        "host": {"code": host.code, "name": None, "name_zh": host.name_zh, "name_en": host.name_en},
        "usd_rate": format(rate.normalize(), "f") if rate else None,
    }


def _type_names(kind: str) -> Figures:
    label = InvestorType(kind).label
    with translation.override("zh-hans"):
        zh = str(label)
    with translation.override("en"):
        en = str(label)
    return {"name": None, "name_zh": zh, "name_en": en}


# --- a series over its editions ----------------------------------------------------------------


def series_figures(series: str) -> Figures:
    """Every edition of ``series`` for trend charts: count, value, bands and sector mix.

    Each edition's figures are its own (announced there, landing within its host), taken from
    its published bulletin when it has one. ``total`` counts each project once, at the edition
    owning it, within that edition's host. Three statements, whatever the number of editions
    and projects: announcements grouped by edition, landing region, sector and value band,
    projects grouped by owner and region, and the regions' paths to tell which groups land
    within each host.
    """
    user = acting_user()  # every count below is of the projects they may count
    events = list(
        restrict(Event.objects.all(), user, VIEW)
        .filter(series=series)
        .select_related("host")
        .order_by("edition")
    )
    ids = [event.pk for event in events]
    bucket = Case(
        *[
            When(project__value__gte=minimum, then=Value(index + 1))
            for index, minimum in reversed(list(enumerate(stats.BAND_THRESHOLDS)))
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
    announced = (
        restrict(Announcement.objects.all(), user, AGGREGATE)
        .filter(event__in=ids, project__withdrawn_at__isnull=True)
        .order_by()
        .annotate(bucket=bucket)
        # Each edition's sector mix in its own classification: the announcement's sector
        # where it gave the project one, else the project's own.
        .annotate(counted_sector=Coalesce("sector_id", "project__sector_id"))
        .values("event_id", "project__region_id", "counted_sector", "bucket")
        .annotate(n=Count("pk"), fen=Sum(Fen("project__value")))
        .values_list("event_id", "project__region_id", "counted_sector", "bucket", "n", "fen")
    )
    owned = (
        restrict(Project.objects.all(), user, AGGREGATE)
        .current()
        .filter(event__in=ids)
        .order_by()
        .values("event_id", "region_id")
        .annotate(n=Count("pk"), fen=Sum(Fen("value")))
        .values_list("event_id", "region_id", "n", "fen")
    )
    announced, owned = list(announced), list(owned)
    paths = dict(
        Region.objects.filter(
            pk__in={row[1] for row in announced} | {row[1] for row in owned}
        ).values_list("pk", "path")
    )
    hosts = {event.pk: event.host.path for event in events}
    totals: dict[int, stats.Tally] = {}
    bands: dict[tuple[int, int], stats.Tally] = {}
    sectors: dict[int, dict[int, stats.Tally]] = {}
    for event_id, region_id, sector_id, band, count, fen in announced:
        if not paths[region_id].startswith(hosts[event_id]):
            continue  # lands outside this edition's host: not in its figures
        group = stats.Tally(count, yuan(fen))
        totals[event_id] = totals.get(event_id, stats.Tally()) + group
        for index in range(band):  # a project of band 3 is in bands 0, 1 and 2
            bands[event_id, index] = bands.get((event_id, index), stats.Tally()) + group
        mix = sectors.setdefault(event_id, {})
        mix[sector_id] = mix.get(sector_id, stats.Tally()) + group
    categories = stats.categories({sector for mix in sectors.values() for sector in mix})
    published = _latest_publications(events)
    editions = []
    for event in events:
        if event.pk in published:
            editions.append(_published_edition(event, published[event.pk]))
            continue
        whole = totals.get(event.pk, stats.Tally())
        editions.append(
            {
                **_edition_header(event),
                **tally(whole),
                "bands": [
                    {"min": amount(minimum), **tally(bands.get((event.pk, index), stats.Tally()))}
                    for index, minimum in enumerate(stats.BAND_THRESHOLDS)
                ],
                "by_sector": _sector_mix(event, sectors.get(event.pk, {}), categories, whole),
                "published_at": None,
            }
        )
    cumulative = stats.sum_tallies(
        stats.Tally(count, yuan(fen))
        for event_id, region_id, count, fen in owned
        if paths[region_id].startswith(hosts[event_id])
    )
    figures = {"series": series, "editions": editions, "total": tally(cumulative)}
    return localise(figures, get_language() or "zh-hans")


def readable_publications() -> QuerySet[PublishedBulletin]:
    """The publications the acting user may read.

    A publication states a whole event's figures: it is for the roles whose figures cover the
    whole ledger; a scoped role's figures are computed over its scope instead
    (:func:`taizhang.access.restrict.restrict`).
    """
    return restrict(PublishedBulletin.objects.all(), acting_user(), VIEW)


def _latest_publications(events: list[Event]) -> dict[int, PublishedBulletin]:
    latest = (
        readable_publications()
        .filter(event__in=[event.pk for event in events])
        .order_by()
        .values("event")
        .annotate(last=Max("id"))
        .values("last")
    )
    return {found.event_id: found for found in PublishedBulletin.objects.filter(id__in=latest)}


def _edition_header(event: Event) -> Figures:
    return {
        "code": event.code,
        "name": None,
        **_names(event),
        "edition": event.edition,
        "date": event.date.isoformat(),
    }


def _published_edition(event: Event, published: PublishedBulletin) -> Figures:
    figures = published.figures
    return {
        **_edition_header(event),
        "projects": figures["totals"]["projects"],
        "value": figures["totals"]["value"],
        "bands": [
            {"min": band["min"], "projects": band["projects"], "value": band.get("value")}
            for band in figures["bands"]
        ],
        "by_sector": [
            {
                key: sector.get(key)
                for key in (
                    "code",
                    "name",
                    "name_zh",
                    "name_en",
                    "is_other",
                    "projects",
                    "value",
                    "share_of_projects",
                    "share_of_value",
                )
            }
            for sector in figures["by_sector"]
        ],
        "published_at": published.published_at.isoformat(),
    }


def _sector_mix(
    event: Event,
    tallies: dict[int, stats.Tally],
    categories: dict[int, Category],
    whole: stats.Tally,
) -> list[Figures]:
    ordered = sorted(
        (categories[pk] for pk in tallies), key=stats.sector_order(event.sector_scheme_id)
    )
    return [
        {
            "code": c.code,
            "name": None,
            "name_zh": c.name_zh,
            "name_en": c.name_en,
            "is_other": c.is_other,
            "projects": tallies[c.pk].projects,
            "value": amount(tallies[c.pk].value),
            "share_of_projects": share(tallies[c.pk].projects, whole.projects),
            "share_of_value": share(tallies[c.pk].value, whole.value),
        }
        for c in ordered
    ]

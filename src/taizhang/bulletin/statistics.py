"""Statistics over any set of projects: counts and exact values, each breakdown one query.

Every function takes a ``Project`` queryset — an event's projects, a series, a district's, any
filter (:mod:`taizhang.bulletin.selection` builds them) — and asks the database one aggregate
query of it: ``GROUP BY`` with ``COUNT`` and an exact ``SUM``, or conditional aggregation
(``FILTER (WHERE …)``) for modes, bands and flags side by side. No project is ever loaded into
Python; what comes back is one row per group. Groups are keyed by id, without joins, and the
labels of the few groups found are read afterwards (:func:`labels`).

Values are exact ``Decimal`` yuan (:class:`taizhang.bulletin.exact.ExactSum`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet

from taizhang.bulletin.exact import ExactSum
from taizhang.ledger.models import (
    Category,
    ClassificationScheme,
    IndustryChain,
    InvestorType,
    Park,
    Project,
    ProjectInvestor,
    Region,
    SigningMode,
)

ZERO = Decimal("0.00")

#: The value bands bulletins count: projects worth at least ¥0.5, 1, 5 and 10 billion.
BAND_THRESHOLDS: tuple[Decimal, ...] = (
    Decimal("500000000.00"),
    Decimal("1000000000.00"),
    Decimal("5000000000.00"),
    Decimal("10000000000.00"),
)
MODES: tuple[str, ...] = tuple(SigningMode.values)
#: Live signing is what happened at the ceremony itself: in the hall and over the video link.
LIVE_MODES: tuple[str, ...] = (SigningMode.OFFLINE, SigningMode.ONLINE)
INVESTOR_TYPES: tuple[str, ...] = tuple(InvestorType.values)


@dataclass(frozen=True)
class Tally:
    """How many projects, worth how much (exact yuan)."""

    projects: int = 0
    value: Decimal = ZERO

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.projects + other.projects, self.value + other.value)


@dataclass(frozen=True)
class Label:
    """What a group is called: a code and its Chinese and English names."""

    code: str | None
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: the group's key (an id or a code), its label, and its tally."""

    key: int | str | None
    tally: Tally
    label: Label | None = None
    is_other: bool = False


@dataclass(frozen=True)
class Overview:
    """The figures of a set that need no grouping, from one query."""

    total: Tally
    modes: dict[str, Tally]
    bands: list[tuple[Decimal, Tally]]
    strategic_emerging: Tally

    @property
    def live(self) -> Tally:
        """Offline + online: everything signed at the ceremony itself."""
        return self.modes[SigningMode.OFFLINE] + self.modes[SigningMode.ONLINE]

    @property
    def min_band(self) -> Decimal | None:
        """The highest threshold every project meets; None when some are below ¥0.5 billion."""
        met = [minimum for minimum, tally in self.bands if tally.projects == self.total.projects]
        return max(met) if met and self.total.projects else None


@dataclass(frozen=True)
class FortuneGlobal500:
    """Projects with a Fortune Global 500 investor, and how many such investors there are."""

    tally: Tally
    investors: int


@dataclass
class _Aggregates:
    """Named COUNT and exact SUM pairs for one ``aggregate()`` call."""

    expressions: dict[str, object] = field(default_factory=dict)

    def add(self, name: str, condition: Q | None = None) -> None:
        self.expressions[f"{name}__n"] = Count("pk", filter=condition)
        self.expressions[f"{name}__v"] = ExactSum("value", filter=condition)

    @staticmethod
    def tally(row: dict[str, object], name: str) -> Tally:
        return Tally(row[f"{name}__n"] or 0, row[f"{name}__v"] or ZERO)  # type: ignore[arg-type]


def overview(projects: QuerySet[Project]) -> Overview:
    """Count and value of ``projects``, by signing mode, by value band, and strategic emerging.

    One query: each figure is a conditional aggregate of the same rows.
    """
    aggregates = _Aggregates()
    aggregates.add("all")
    for mode in MODES:
        aggregates.add(mode, Q(mode=mode))
    for index, minimum in enumerate(BAND_THRESHOLDS):
        aggregates.add(f"band{index}", Q(value__gte=minimum))
    aggregates.add("strategic", Q(strategic_emerging=True))
    row = projects.order_by().aggregate(**aggregates.expressions)
    return Overview(
        total=aggregates.tally(row, "all"),
        modes={mode: aggregates.tally(row, mode) for mode in MODES},
        bands=[
            (minimum, aggregates.tally(row, f"band{index}"))
            for index, minimum in enumerate(BAND_THRESHOLDS)
        ],
        strategic_emerging=aggregates.tally(row, "strategic"),
    )


def total(projects: QuerySet[Project]) -> Tally:
    """Count and exact value of ``projects``."""
    row = projects.order_by().aggregate(n=Count("pk"), v=ExactSum("value"))
    return Tally(row["n"] or 0, row["v"] or ZERO)


def grouped(projects: QuerySet[Project], key: str) -> dict[object, Tally]:
    """Count and value of ``projects`` for each value of ``key`` (a field or a lookup path)."""
    rows = (
        projects.order_by()
        .values(key)
        .annotate(n=Count("pk"), v=ExactSum("value"))
        .values_list(key, "n", "v")
    )
    return {group: Tally(count, value or ZERO) for group, count, value in rows}


def by_investor_type(projects: QuerySet[Project]) -> list[Group]:
    """The lead investor's type: all four types, in their order, with zeros where empty."""
    tallies = grouped(projects, "lead_investor__type")
    return [Group(kind, tallies.get(kind, Tally())) for kind in INVESTOR_TYPES]


def by_mode(projects: QuerySet[Project]) -> dict[str, Tally]:
    """Offline, online and off-site, with zeros where empty (live is their overview's)."""
    tallies = grouped(projects, "mode")
    return {mode: tallies.get(mode, Tally()) for mode in MODES}


def by_sector(projects: QuerySet[Project], scheme: ClassificationScheme | int) -> list[Group]:
    """Sectors in the order of ``scheme`` (the event's classification), "other" last.

    Only sectors with projects are listed. A project classified in another scheme (one
    announced at a second event keeps the owner's sector) is listed after ``scheme``'s own
    categories, still before "other".
    """
    scheme_id = scheme if isinstance(scheme, int) else scheme.pk
    tallies = grouped(projects, "sector_id")
    categories = Category.objects.filter(pk__in=list(tallies)).order_by()
    ordered = sorted(categories, key=sector_order(scheme_id))
    return [
        Group(c.pk, tallies[c.pk], Label(c.code, c.name_zh, c.name_en), is_other=c.is_other)
        for c in ordered
    ]


def sector_order(scheme_id: int) -> Callable[[Category], tuple[object, ...]]:
    """The sort key of an event's sectors: its own categories in order, then any others, then
    "other" last."""

    def key(category: Category) -> tuple[object, ...]:
        return (
            category.is_other,
            category.scheme_id != scheme_id,
            category.scheme_id,
            category.position,
            category.code,
        )

    return key


def by_region(projects: QuerySet[Project]) -> list[Group]:
    """The regions projects land in, largest value first."""
    return _labelled(grouped(projects, "region_id"), Region)


def by_park(projects: QuerySet[Project]) -> list[Group]:
    """Industrial parks, largest value first; projects in no park are not listed."""
    return _labelled(grouped(projects.filter(park__isnull=False), "park_id"), Park)


def by_chain(projects: QuerySet[Project]) -> list[Group]:
    """Industry chains, largest value first; projects of no chain are not listed."""
    return _labelled(
        grouped(projects.filter(industry_chain__isnull=False), "industry_chain_id"),
        IndustryChain,
    )


def by_origin(projects: QuerySet[Project]) -> list[Group]:
    """Where the lead investor comes from (a country or a province of China), largest first.

    Projects whose lead investor's origin is not recorded form one group with no label,
    listed last.
    """
    groups = _labelled(grouped(projects, "lead_investor__origin_id"), Region)
    return sorted(groups, key=lambda group: group.key is None)


def strategic_by_category(projects: QuerySet[Project]) -> list[Group]:
    """Strategic emerging projects by their NBS 2018 category, in the classification's order.

    Flagged projects without a category form one group with no label, listed last.
    """
    tallies = grouped(projects.filter(strategic_emerging=True), "strategic_emerging_category_id")
    categories = Category.objects.filter(pk__in=[key for key in tallies if key is not None])
    groups = [
        Group(c.pk, tallies[c.pk], Label(c.code, c.name_zh, c.name_en))
        for c in sorted(categories, key=lambda c: (c.position, c.code))
    ]
    if None in tallies:
        groups.append(Group(None, tallies[None]))
    return groups


def fortune_global_500(projects: QuerySet[Project]) -> FortuneGlobal500:
    """Projects with at least one Fortune Global 500 investor (lead or not), and those investors.

    Two queries: the projects' count and value (a project counts once however many such
    investors it has), and the number of distinct such investors among them.
    """
    links = ProjectInvestor.objects.filter(investor__fortune_global_500=True)
    tally = total(projects.filter(Exists(links.filter(project=OuterRef("pk")))))
    investors = (
        links.filter(project__in=projects.order_by().values("pk"))
        .order_by()
        .aggregate(n=Count("investor", distinct=True))["n"]
    )
    return FortuneGlobal500(tally, investors or 0)


def labels(model: type[Model], keys: Iterable[object]) -> dict[object, Label]:
    """The code and names of the given rows of ``model`` (a region, park or chain), one query."""
    ids = [key for key in keys if key is not None]
    if not ids:
        return {}
    rows = model._default_manager.filter(pk__in=ids).order_by()
    if any(f.name == "code" for f in model._meta.get_fields()):
        found = rows.values_list("pk", "code", "name_zh", "name_en")
        return {pk: Label(code, zh, en) for pk, code, zh, en in found}
    found = rows.values_list("pk", "name_zh", "name_en")
    return {pk: Label(None, zh, en) for pk, zh, en in found}


def _labelled(tallies: dict[object, Tally], model: type[Model]) -> list[Group]:
    names = labels(model, tallies)
    groups = [Group(key, tally, names.get(key)) for key, tally in tallies.items()]
    return sorted(groups, key=_largest_first)


def _largest_first(group: Group) -> tuple[object, ...]:
    code = group.label.code if group.label and group.label.code else ""
    return (-group.tally.value, -group.tally.projects, code, str(group.key))


def sum_tallies(tallies: Sequence[Tally]) -> Tally:
    """The sum of a few tallies (groups, not projects)."""
    result = Tally()
    for tally in tallies:
        result += tally
    return result

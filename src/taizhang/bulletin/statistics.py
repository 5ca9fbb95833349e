"""Statistics over any set of projects: counts and exact values, every breakdown in one statement.

:func:`profile` takes a ``Project`` queryset — an event's projects, a series, a district's, any
filter (:mod:`taizhang.bulletin.selection` builds them) — and asks the database one statement:
the set's rows are read once into a materialised common table expression, and each figure is
an aggregate over it, ``UNION ALL``-ed together. The overview (count and value; by signing mode;
value bands; strategic emerging; Fortune Global 500) is one row of conditional aggregates
(``FILTER (WHERE …)``); each breakdown (sector, investor type, region, park, chain, origin, NBS
category, regions outside the host) is one ``GROUP BY``. No project is ever loaded into Python;
what comes back is one row per group. Groups are keyed by id, and the labels of the few groups
found are read afterwards (:func:`labels`).

Why one statement: reading an event's 50,000 rows out of a million costs far more than
aggregating them, and each separate query would read them again. Amounts are summed as whole
fen in 64-bit integers (``CAST(value * 100 AS BIGINT)``; on SQLite after rounding the stored
float), which is exact on both databases and faster than summing ``numeric`` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from taizhang.bulletin.exact import Fen, yuan
from taizhang.bulletin.selection import COUNTED_MODE, COUNTED_SECTOR
from taizhang.ledger.models import Category, InvestorType, Project, Region, SigningMode

ZERO = Decimal("0.00")

#: The value bands bulletins count: projects worth at least ¥0.5, 1, 5 and 10 billion.
BAND_THRESHOLDS: tuple[Decimal, ...] = (
    Decimal("500000000.00"),
    Decimal("1000000000.00"),
    Decimal("5000000000.00"),
    Decimal("10000000000.00"),
)
MODES: tuple[str, ...] = tuple(SigningMode.values)
INVESTOR_TYPES: tuple[str, ...] = tuple(InvestorType.values)

#: The breakdowns :func:`profile` can make: name → the column (of the counted rows) grouped by.
DIMENSIONS: dict[str, str] = {
    "sector": "sector_id",
    "investor_type": "investor_type",
    "region": "region_id",
    "park": "park_id",
    "chain": "chain_id",
    "origin": "origin_id",
    "strategic_category": "strategic_category_id",
}
#: Breakdowns whose keys are ids (the others are codes, such as the investor type).
ID_DIMENSIONS = frozenset(DIMENSIONS) - {"investor_type"}


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
class Profile:
    """Every figure of a set of projects, from one statement (:func:`profile`).

    ``total``, ``modes``, ``bands``, ``strategic_emerging``, ``fortune_global_500`` and
    ``groups`` count the projects within the host (all of them when no host was given);
    ``outside`` holds the others by region id.
    """

    total: Tally
    modes: dict[str, Tally]
    bands: list[tuple[Decimal, Tally]]
    strategic_emerging: Tally
    fortune_global_500: Tally
    fortune_global_500_investors: int
    groups: dict[str, dict[Any, Tally]] = field(default_factory=dict)
    outside: dict[int, Tally] = field(default_factory=dict)

    @property
    def live(self) -> Tally:
        """Offline + online: everything signed at the ceremony itself."""
        return self.modes[SigningMode.OFFLINE] + self.modes[SigningMode.ONLINE]

    @property
    def min_band(self) -> Decimal | None:
        """The highest threshold every project meets; None when some are below ¥0.5 billion."""
        met = [minimum for minimum, tally in self.bands if tally.projects == self.total.projects]
        return max(met) if met and self.total.projects else None

    @property
    def outside_total(self) -> Tally:
        """All projects landing outside the host (a sum over a few regions, not projects)."""
        return sum_tallies(self.outside.values())


# --- the statement -------------------------------------------------------------------------------


def _overview_conditions() -> list[tuple[str, str, list[object]]]:
    """The overview's conditional tallies: name, condition on the counted rows, its params."""
    conditions: list[tuple[str, str, list[object]]] = [
        (mode, "mode = %s", [mode]) for mode in MODES
    ]
    conditions += [
        (f"band{index}", "fen >= %s", [int(minimum * 100)])
        for index, minimum in enumerate(BAND_THRESHOLDS)
    ]
    conditions.append(("strategic", "strategic", []))
    conditions.append(("fortune", "fortune", []))
    return conditions


def _counted_rows(projects: QuerySet[Project], host: Region | None) -> QuerySet[Project]:
    """``projects`` as the rows the statement aggregates: one per project, named columns."""
    if host is None:
        in_host: Any = Value(True)
    else:
        within_host = Region.objects.within(host).order_by().values("pk")
        in_host = ExpressionWrapper(Q(region_id__in=within_host), output_field=BooleanField())
    columns: dict[str, Any] = {
        "fen": Fen("value"),
        # As the selection counts them: the event's own where it gave the project its own.
        "mode": _counted(projects, COUNTED_MODE, "mode"),
        "sector_id": _counted(projects, COUNTED_SECTOR, "sector_id"),
        "region_id": F("region_id"),
        "park_id": F("park_id"),
        "chain_id": F("industry_chain_id"),
        "strategic": F("strategic_emerging"),
        "strategic_category_id": F("strategic_emerging_category_id"),
        "investor_id": F("lead_investor_id"),
        "investor_type": F("lead_investor__type"),
        "origin_id": F("lead_investor__origin_id"),
        "fortune": F("lead_investor__fortune_global_500"),
        "in_host": in_host,
    }
    aliases = {name: f"c_{name}" for name in columns}
    return (
        projects.order_by()
        .annotate(**{aliases[name]: expression for name, expression in columns.items()})
        .values(*aliases.values())
    )


def _counted(projects: QuerySet[Project], annotation: str, own: str) -> F:
    """The annotation :mod:`.selection` put on ``projects``, or the project's own column."""
    return F(annotation if annotation in projects.query.annotations else own)


def profile(
    projects: QuerySet[Project],
    *,
    host: Region | None = None,
    dimensions: Sequence[str] = tuple(DIMENSIONS),
) -> Profile:
    """Every figure of ``projects`` in one statement, within ``host`` if one is given.

    ``dimensions`` names the breakdowns wanted (see :data:`DIMENSIONS`); projects landing
    outside ``host`` are broken down by region. Strategic emerging projects are counted where
    ``strategic_emerging`` is true, and Fortune Global 500 ones where the lead investor is one
    (as investor types are the lead investor's).
    """
    unknown = set(dimensions) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown breakdowns: {', '.join(sorted(unknown))}")
    rows_sql, rows_params = _counted_rows(projects, host).query.sql_with_params()
    conditions = _overview_conditions()
    names = ["fen", "mode", "sector_id", "region_id", "park_id", "chain_id", "strategic"]
    names += ["strategic_category_id", "investor_id", "investor_type", "origin_id", "fortune"]
    names.append("in_host")
    # Every branch has the overview's columns; the group branches leave them NULL.
    extra = len(conditions) * 2 + 1
    padding = ", NULL" * extra
    overview = ", ".join(
        f"COUNT(*) FILTER (WHERE {sql}), SUM(fen) FILTER (WHERE {sql})"
        for _name, sql, _params in conditions
    )
    params: list[object] = list(rows_params)
    # Only this module's constants are written into the SQL text (S608 below): column and
    # breakdown names, never a value. Values travel as parameters.
    branches = [
        "SELECT 'all', NULL, COUNT(*), SUM(fen), "  # noqa: S608
        f"{overview}, COUNT(DISTINCT investor_id) FILTER (WHERE fortune) "
        "FROM bulletin_rows WHERE in_host"
    ]
    for _name, _sql, condition_params in conditions:
        params += condition_params * 2
    for name in dimensions:
        column = DIMENSIONS[name]
        where = "in_host AND strategic" if name == "strategic_category" else "in_host"
        branches.append(
            f"SELECT '{name}', CAST({column} AS TEXT), COUNT(*), SUM(fen){padding} "  # noqa: S608
            f"FROM bulletin_rows WHERE {where} GROUP BY {column}"
        )
    if host is not None:
        branches.append(
            f"SELECT 'outside', CAST(region_id AS TEXT), COUNT(*), SUM(fen){padding} "  # noqa: S608
            "FROM bulletin_rows WHERE NOT in_host GROUP BY region_id"
        )
    sql = (
        f"WITH bulletin_rows ({', '.join(names)}) AS MATERIALIZED ({rows_sql}) "
        + " UNION ALL ".join(branches)
    )
    with connections[projects.db].cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    return _read(result, conditions, dimensions)


def _read(
    rows: list[tuple[Any, ...]],
    conditions: list[tuple[str, str, list[object]]],
    dimensions: Sequence[str],
) -> Profile:
    groups: dict[str, dict[Any, Tally]] = {name: {} for name in dimensions}
    outside: dict[int, Tally] = {}
    overview: tuple[Any, ...] = ()
    for dimension, key, count, fen, *rest in rows:
        if dimension == "all":
            overview = (count, fen, *rest)
            continue
        if key is not None and dimension in ID_DIMENSIONS | {"outside"}:
            key = int(key)
        tally = Tally(int(count), yuan(fen))
        (outside if dimension == "outside" else groups[dimension])[key] = tally
    count, fen, *conditional = overview
    tallies = {
        name: Tally(int(conditional[2 * index] or 0), yuan(conditional[2 * index + 1]))
        for index, (name, _sql, _params) in enumerate(conditions)
    }
    return Profile(
        total=Tally(int(count or 0), yuan(fen)),
        modes={mode: tallies[mode] for mode in MODES},
        bands=[(minimum, tallies[f"band{index}"]) for index, minimum in enumerate(BAND_THRESHOLDS)],
        strategic_emerging=tallies["strategic"],
        fortune_global_500=tallies["fortune"],
        fortune_global_500_investors=int(conditional[-1] or 0),
        groups=groups,
        outside=outside,
    )


def sizes(projects: QuerySet[Project]) -> tuple[Tally, list[tuple[Decimal, Tally]]]:
    """Count and value of ``projects``, and of each value band: one lean aggregate query.

    What a comparison with an earlier edition needs, without the joins of :func:`profile`:
    the projects are grouped by the highest band they reach (five groups at most), and each
    band is the sum of the groups at or above it.
    """
    reached = Case(
        *[
            When(value__gte=minimum, then=Value(index + 1))
            for index, minimum in reversed(list(enumerate(BAND_THRESHOLDS)))
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
    groups = {
        band: Tally(count, yuan(fen))
        for band, count, fen in projects.order_by()
        .annotate(reached=reached)
        .values("reached")
        .annotate(n=Count("pk"), fen=Sum(Fen("value")))
        .values_list("reached", "n", "fen")
    }
    bands = [
        (minimum, sum_tallies(tally for band, tally in groups.items() if band > index))
        for index, minimum in enumerate(BAND_THRESHOLDS)
    ]
    return sum_tallies(groups.values()), bands


# --- breakdowns, labelled and ordered ------------------------------------------------------------


def by_investor_type(found: Profile) -> list[Group]:
    """The lead investor's type: all four types, in their order, with zeros where empty."""
    tallies = found.groups["investor_type"]
    return [Group(kind, tallies.get(kind, Tally())) for kind in INVESTOR_TYPES]


def sector_order(scheme_id: int) -> Callable[[Category], tuple[object, ...]]:
    """The sort key of an event's sectors: its own categories in order, then any others,
    then "other" last."""

    def key(category: Category) -> tuple[object, ...]:
        return (
            category.is_other,
            category.scheme_id != scheme_id,
            category.scheme_id,
            category.position,
            category.code,
        )

    return key


def by_sector(found: Profile, scheme_id: int, categories: dict[int, Category]) -> list[Group]:
    """Sectors in the order of the event's classification (``scheme_id``), "other" last.

    Only sectors with projects are listed. A project classified in another scheme (one linked
    from another event whose announcement here gives no sector of this event's own) comes after
    the scheme's own categories, still before "other". ``categories`` holds at least those
    found (by id).
    """
    tallies = found.groups["sector"]
    ordered = sorted((categories[pk] for pk in tallies), key=sector_order(scheme_id))
    return [
        Group(c.pk, tallies[c.pk], Label(c.code, c.name_zh, c.name_en), is_other=c.is_other)
        for c in ordered
    ]


def by_strategic_category(found: Profile, categories: dict[int, Category]) -> list[Group]:
    """Strategic emerging projects by NBS 2018 category, in the classification's order.

    Flagged projects without a category form one group with no label, listed last.
    """
    tallies = found.groups["strategic_category"]
    known = sorted(
        (categories[pk] for pk in tallies if pk is not None), key=lambda c: (c.position, c.code)
    )
    groups = [Group(c.pk, tallies[c.pk], Label(c.code, c.name_zh, c.name_en)) for c in known]
    if None in tallies:
        groups.append(Group(None, tallies[None]))
    return groups


def largest_first(tallies: dict[Any, Tally], names: dict[Any, Label]) -> list[Group]:
    """A breakdown's groups, largest value first; the group without a key (no park, no
    chain, origin unknown) is left out when ``None`` has no label."""
    groups = [
        Group(key, tally, names.get(key))
        for key, tally in tallies.items()
        if key is not None or None in names
    ]
    return sorted(groups, key=_largest_first)


def _largest_first(group: Group) -> tuple[object, ...]:
    code = group.label.code if group.label and group.label.code else ""
    return (-group.tally.value, -group.tally.projects, code, str(group.key))


def labels(model: type[Model], keys: Iterable[object]) -> dict[object, Label]:
    """The code and names of the given rows of ``model`` (a region, park or chain), one query."""
    ids = sorted({key for key in keys if key is not None})
    if not ids:
        return {}
    rows = model._default_manager.filter(pk__in=ids).order_by()
    if any(f.name == "code" for f in model._meta.get_fields()):
        found = rows.values_list("pk", "code", "name_zh", "name_en")
        return {pk: Label(code, zh, en) for pk, code, zh, en in found}
    found = rows.values_list("pk", "name_zh", "name_en")
    return {pk: Label(None, zh, en) for pk, zh, en in found}


def categories(ids: Iterable[object]) -> dict[int, Category]:
    """The categories with the given ids (sectors and NBS categories alike), one query."""
    wanted = sorted({int(pk) for pk in ids if pk is not None})  # type: ignore[call-overload]
    return {c.pk: c for c in Category.objects.filter(pk__in=wanted)} if wanted else {}


def sum_tallies(tallies: Iterable[Tally]) -> Tally:
    """The sum of a few tallies (groups, not projects)."""
    result = Tally()
    for tally in tallies:
        result += tally
    return result

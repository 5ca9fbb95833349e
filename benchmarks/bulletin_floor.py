"""The floor of the bulletin benchmark: an event's bulletin figures by hand-written SQL.

What the JSON bulletin of one event states (shared/spec/bulletin.md), computed over the same
tables with SQL written for the purpose and no ORM, in three statements: the event with its
host, US$ rate and previous edition; every figure of the event; the previous edition's count,
value and bands. The event's rows (every current project announced there, its own and those
linked to it from other events) are read once into a materialised common table expression with
their lead investor's type, origin and Fortune Global 500 flag; the overview is one row of
conditional aggregates over it, and the breakdowns are grouped over it — in one pass of
grouping sets on PostgreSQL, one ``GROUP BY`` each on SQLite, which has no grouping sets — then
labelled by joins. Amounts are summed as whole fen in 64-bit integers, exact on both databases.
Python only sorts the few groups and writes them in the bulletin's JSON form, with shares
rounded half up from exact fractions.

It is not a second implementation to ship: it is the floor the ORM's bulletin is measured
against, and checked to agree with, in the same run (``benchmarks/bulletin.py``). The previous
edition is recomputed from the ledger: the benchmark's ledger has no published bulletin.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection, transaction

BANDS = (500_000_000, 1_000_000_000, 5_000_000_000, 10_000_000_000)  # yuan
MODES = ("offline", "online", "offsite")
INVESTOR_TYPES = ("state", "private", "foreign", "other")

HEADER_SQL = """
SELECT e.id, e.code, e.name_zh, e.name_en, e.date, e.series, e.edition, e.sector_scheme_id,
       h.code, h.name_zh, h.name_en, h.path,
       (SELECT x.yuan_per_unit FROM ledger_exchangerate x
         WHERE x.event_id = e.id AND x.currency = 'USD'),
       p.id, p.code, p.name_zh, p.name_en, ph.path
  FROM ledger_event e
  JOIN ledger_region h ON h.id = e.host_id
  LEFT JOIN ledger_event p ON p.series = e.series AND p.edition = e.edition - 1
  LEFT JOIN ledger_region ph ON ph.id = p.host_id
 WHERE e.code = %(code)s
"""

#: An event's current projects: every project announced there (the owner's announcement
#: included). ``{event}`` names the parameter holding the event's id.
EVENT_PROJECTS_SQLITE = """
SELECT p.* FROM ledger_project p
 WHERE p.withdrawn_at IS NULL
   AND p.id IN (SELECT a.project_id FROM ledger_announcement a WHERE a.event_id = %({event})s)
"""
#: The same on PostgreSQL, which would hash the event's announcements against a scan of the
#: whole table: the projects it owns by their indexed owner, or by id the few announced there
#: but owned by another event, as an array so that both are bitmap index scans.
EVENT_PROJECTS_POSTGRESQL = """
SELECT p.* FROM ledger_project p
 WHERE p.withdrawn_at IS NULL
   AND (p.event_id = %({event})s OR p.id = ANY(ARRAY(
        SELECT a.project_id FROM ledger_announcement a
         WHERE a.event_id = %({event})s
           AND NOT EXISTS (SELECT 1 FROM ledger_project o
                            WHERE o.id = a.project_id AND o.event_id = %({event})s))))
"""

#: What each of the event's rows is counted by. A project is counted in the sector and mode
#: the event gave it: its announcement's where that has one (only a linked project's can; the
#: owner's are always empty), else the project's own.
COUNTED_COLUMNS = """
  {{fen}} AS fen, {mode} AS mode, {sector} AS sector_id, p.region_id, p.park_id,
  p.industry_chain_id AS chain_id, p.strategic_emerging AS strategic,
  p.strategic_emerging_category_id AS category_id, p.lead_investor_id AS investor_id,
  i.type, i.origin_id, i.fortune_global_500 AS fortune,
  p.region_id IN (SELECT r.id FROM ledger_region r WHERE r.path LIKE %(host)s) AS in_host
"""
AS_ANNOUNCED = COUNTED_COLUMNS.format(
    mode="COALESCE(NULLIF(a.mode, ''), p.mode)", sector="COALESCE(a.sector_id, p.sector_id)"
)
AS_OWNED = COUNTED_COLUMNS.format(mode="p.mode", sector="p.sector_id")
#: SQLite: the event's announcements, each with its project (a lookup by id).
COUNTED_SQLITE = f"""
WITH counted AS MATERIALIZED (
  SELECT {AS_ANNOUNCED}
    FROM ledger_announcement a
    JOIN ledger_project p ON p.id = a.project_id
    JOIN ledger_investor i ON i.id = p.lead_investor_id
   WHERE a.event_id = %(event)s AND p.withdrawn_at IS NULL
)"""  # noqa: S608
#: PostgreSQL: the projects the event owns by their owner, as they are; then the few linked to
#: it from other events (its announcements of projects it does not own) by id, with what their
#: announcement here says.
COUNTED_POSTGRESQL = f"""
WITH linked AS MATERIALIZED (
  SELECT a.project_id, a.sector_id, a.mode FROM ledger_announcement a
   WHERE a.event_id = %(event)s
     AND NOT EXISTS (SELECT 1 FROM ledger_project o
                      WHERE o.id = a.project_id AND o.event_id = %(event)s)
),
counted AS MATERIALIZED (
  SELECT {AS_OWNED}
    FROM ledger_project p
    JOIN ledger_investor i ON i.id = p.lead_investor_id
   WHERE p.event_id = %(event)s AND p.withdrawn_at IS NULL
  UNION ALL
  SELECT {AS_ANNOUNCED}
    FROM linked a
    JOIN ledger_project p ON p.id = a.project_id
    JOIN ledger_investor i ON i.id = p.lead_investor_id
   WHERE p.id = ANY(ARRAY(SELECT l.project_id FROM linked l)) AND p.withdrawn_at IS NULL
)"""  # noqa: S608

#: The overview row: count and fen of every mode, band, strategic emerging and Fortune Global
#: 500 (19 columns after the group columns).
OVERVIEW = ", ".join(
    [
        *(
            f"COUNT(*) FILTER (WHERE mode = '{mode}'), SUM(fen) FILTER (WHERE mode = '{mode}')"
            for mode in MODES
        ),
        *(
            f"COUNT(*) FILTER (WHERE fen >= {fen}), SUM(fen) FILTER (WHERE fen >= {fen})"
            for fen in (band * 100 for band in BANDS)
        ),
        "COUNT(*) FILTER (WHERE strategic), SUM(fen) FILTER (WHERE strategic)",
        "COUNT(*) FILTER (WHERE fortune), SUM(fen) FILTER (WHERE fortune)",
        "COUNT(DISTINCT investor_id) FILTER (WHERE fortune)",
    ]
)
PREVIOUS_BANDS = ", ".join(f"COUNT(*) FILTER (WHERE fen >= {band * 100})" for band in BANDS)
PAD = ", NULL" * 19
#: No label: code, names, then what sectors are sorted by. Typed, as PostgreSQL resolves the type
#: of a column of NULLs in the first branches of a UNION as text.
LABEL_PAD = "NULL, NULL, NULL, CAST(NULL AS BOOLEAN), CAST(NULL AS BIGINT), CAST(NULL AS INTEGER)"
CATEGORY_LABELS = "c.code, c.name_zh, c.name_en, c.is_other, c.scheme_id, c.position"
LABELS = {
    "ledger_category": CATEGORY_LABELS,
    "ledger_region": "c.code, c.name_zh, c.name_en, NULL, NULL, NULL",
    "ledger_industrychain": "c.code, c.name_zh, c.name_en, NULL, NULL, NULL",
    "ledger_park": "NULL, c.name_zh, c.name_en, NULL, NULL, NULL",
}


def _grouped(kind: str, column: str, label_table: str | None, where: str = "in_host") -> str:
    """One breakdown: the rows grouped by ``column``, then labelled from ``label_table``."""
    grouped = (
        f"SELECT {column} AS k, COUNT(*) AS n, SUM(fen) AS fen "  # noqa: S608
        f"FROM counted WHERE {where} GROUP BY {column}"
    )
    # Keys are ids or codes: text, so that the branches' columns have one type.
    if label_table is None:
        return f"SELECT '{kind}', g.k, {LABEL_PAD}, g.n, g.fen{PAD} FROM ({grouped}) g"  # noqa: S608
    return (
        f"SELECT '{kind}', CAST(g.k AS TEXT), {LABELS[label_table]}, g.n, g.fen{PAD} "  # noqa: S608
        f"FROM ({grouped}) g LEFT JOIN {label_table} c ON c.id = g.k"
    )


def _breakdowns_union() -> list[str]:
    """The host's breakdowns as one ``GROUP BY`` each (SQLite has no grouping sets)."""
    return [
        _grouped("sector", "sector_id", "ledger_category"),
        _grouped("investor_type", "type", None),
        _grouped("region", "region_id", "ledger_region"),
        _grouped("park", "park_id", "ledger_park", "in_host AND park_id IS NOT NULL"),
        _grouped("chain", "chain_id", "ledger_industrychain", "in_host AND chain_id IS NOT NULL"),
        _grouped("origin", "origin_id", "ledger_region", "in_host AND origin_id IS NOT NULL"),
        _grouped("category", "category_id", "ledger_category", "in_host AND strategic"),
    ]


#: The host's breakdowns in one pass on PostgreSQL: grouping sets, then labelled. The NBS
#: categories count only strategic emerging projects; the groups without a park, chain or
#: origin are left out afterwards.
BREAKDOWNS_GROUPING_SETS = f"""
SELECT g.kind,
       COALESCE(CAST(COALESCE(g.sector_id, g.region_id, g.park_id, g.chain_id, g.origin_id,
                              g.category_id) AS TEXT), g.type),
       COALESCE(c.code, r.code, ch.code), COALESCE(c.name_zh, r.name_zh, pk.name_zh, ch.name_zh),
       COALESCE(c.name_en, r.name_en, pk.name_en, ch.name_en), c.is_other, c.scheme_id,
       c.position, g.n, g.fen{PAD}
  FROM (SELECT CASE WHEN GROUPING(sector_id) = 0 THEN 'sector'
                    WHEN GROUPING(type) = 0 THEN 'investor_type'
                    WHEN GROUPING(region_id) = 0 THEN 'region'
                    WHEN GROUPING(park_id) = 0 THEN 'park'
                    WHEN GROUPING(chain_id) = 0 THEN 'chain'
                    WHEN GROUPING(origin_id) = 0 THEN 'origin'
                    ELSE 'category' END AS kind,
               sector_id, type, region_id, park_id, chain_id, origin_id, category_id,
               COUNT(*) AS n, SUM(fen) AS fen
          FROM counted WHERE in_host
         GROUP BY GROUPING SETS ((sector_id), (type), (region_id), (park_id), (chain_id),
                                 (origin_id), (strategic, category_id))
        HAVING GROUPING(category_id) = 1 OR strategic) g
  LEFT JOIN ledger_category c ON c.id = COALESCE(g.sector_id, g.category_id)
  LEFT JOIN ledger_region r ON r.id = COALESCE(g.region_id, g.origin_id)
  LEFT JOIN ledger_park pk ON pk.id = g.park_id
  LEFT JOIN ledger_industrychain ch ON ch.id = g.chain_id
"""  # noqa: S608


def _vendor_sql(vendor: str) -> tuple[str, str]:
    """How ``vendor`` turns a value into fen, and finds an event's projects."""
    if vendor == "postgresql":
        return "CAST(p.value * 100 AS BIGINT)", EVENT_PROJECTS_POSTGRESQL
    # SQLite stores decimals as binary floats: round to whole fen before summing.
    return "CAST(ROUND(p.value * 100) AS INTEGER)", EVENT_PROJECTS_SQLITE


def figures_sql(vendor: str) -> str:
    """The statement of every figure of the event, as written for ``vendor``."""
    fen, _projects = _vendor_sql(vendor)
    if vendor == "postgresql":
        counted, breakdowns = COUNTED_POSTGRESQL, [BREAKDOWNS_GROUPING_SETS]
    else:
        counted, breakdowns = COUNTED_SQLITE, _breakdowns_union()
    branches = [
        f"SELECT 'all', NULL, {LABEL_PAD}, COUNT(*), SUM(fen), {OVERVIEW} "  # noqa: S608
        "FROM counted WHERE in_host",
        *breakdowns,
        _grouped("outside", "region_id", "ledger_region", "NOT in_host"),
    ]
    return counted.replace("{fen}", fen) + "\n" + " UNION ALL ".join(branches)


def previous_sql(vendor: str) -> str:
    """The statement of the previous edition's count, value and bands within its host.

    A statement of its own: added to the other, it would make PostgreSQL's estimate of the
    whole pass ``jit_above_cost`` and spend more compiling it than running it.
    """
    fen, projects = _vendor_sql(vendor)
    return f"""
SELECT COUNT(*), SUM(fen), {PREVIOUS_BANDS}
  FROM (SELECT {fen} AS fen FROM ({projects.format(event="previous")}) p
         WHERE p.region_id IN (SELECT r.id FROM ledger_region r WHERE r.path LIKE %(host)s)
       ) edition_rows
"""  # noqa: S608


# --- the JSON form -------------------------------------------------------------------------------


def _yuan(fen: int | Decimal | None) -> str:
    return f"{Decimal(int(fen or 0)).scaleb(-2):.2f}"


def _half_up(exact: Fraction, places: int) -> str:
    whole = math.floor(exact * 10**places + Fraction(1, 2))
    return f"{Decimal(whole).scaleb(-places):.{places}f}"


def _share(part: int, whole: int) -> str | None:
    return None if not whole else _half_up(Fraction(part, whole), 4)


def _tally(count: int | None, fen: int | None) -> dict[str, Any]:
    return {"projects": int(count or 0), "value": _yuan(fen)}


def _shared(count: int | None, fen: int | None, total: tuple[int, int]) -> dict[str, Any]:
    return {
        **_tally(count, fen),
        "share_of_projects": _share(int(count or 0), total[0]),
        "share_of_value": _share(int(fen or 0), total[1]),
    }


def _largest_first(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=lambda r: (-int(r[9] or 0), -int(r[8]), r[2] or "", str(r[1])))


def event_figures_by_sql(code: str) -> dict[str, Any]:
    """The figures of event ``code``'s bulletin in its JSON form, by hand-written SQL.

    On PostgreSQL its statements run with JIT compilation off (``SET LOCAL``, for their
    transaction only): compiling a statement that runs in a fraction of a second is not work
    the figures need, and the server's default (``jit_above_cost`` 100000) would compile the
    figures' statement, whose estimated cost is about that, at every run.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(HEADER_SQL, {"code": code})
        header = cursor.fetchone()
        (event_id, code, name_zh, name_en, date, series, edition, scheme_id) = header[:8]
        host_code, host_zh, host_en, host_path, rate = header[8:13]
        previous_id, previous_code, previous_zh, previous_en, previous_path = header[13:]
        cursor.execute(figures_sql(connection.vendor), {"event": event_id, "host": f"{host_path}%"})
        rows = cursor.fetchall()
        previous: tuple[Any, ...] = ()
        if previous_id is not None:
            cursor.execute(
                previous_sql(connection.vendor),
                {"previous": previous_id, "host": f"{previous_path}%"},
            )
            previous = cursor.fetchone()
    kinds: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        if row[0] in ("park", "chain", "origin") and row[1] is None:
            continue  # no park, no chain, origin unknown: not a group the bulletin lists
        kinds.setdefault(row[0], []).append(row)
    (overview,) = kinds["all"]
    total = (int(overview[8]), int(overview[9] or 0))
    extra = overview[10:]
    usd = Decimal(str(rate)) if rate is not None else None
    value_usd = None
    if usd:
        value_usd = _half_up(Fraction(total[1], 100) / Fraction(usd), 2)
    modes = {mode: _tally(extra[2 * i], extra[2 * i + 1]) for i, mode in enumerate(MODES)}
    live = (extra[0] or 0) + (extra[2] or 0), (extra[1] or 0) + (extra[3] or 0)
    band_extra = extra[6:14]
    previous_bands = previous[2:]
    sectors = sorted(
        kinds.get("sector", []),
        key=lambda r: (bool(r[5]), r[6] != scheme_id, r[6], r[7], r[2]),
    )
    types = {row[1]: row for row in kinds.get("investor_type", [])}
    categories = sorted(
        kinds.get("category", []),
        key=lambda r: (r[1] is None, r[7] or 0, r[2] or ""),
    )

    def listed(kind: str) -> list[dict[str, Any]]:
        return [
            {"code": r[2], "name_zh": r[3], "name_en": r[4], **_shared(r[8], r[9], total)}
            for r in _largest_first(kinds.get(kind, []))
        ]

    outside = _largest_first(kinds.get("outside", []))
    return {
        "event": {
            "code": code,
            "name_zh": name_zh,
            "name_en": name_en,
            "date": str(date),
            "series": series,
            "edition": edition,
            "host": {"code": host_code, "name_zh": host_zh, "name_en": host_en},
            "usd_rate": format(usd.normalize(), "f") if usd else None,
        },
        "totals": {**_tally(*total), "value_usd": value_usd},
        "by_mode": {**modes, "live": _tally(*live)},
        "bands": [
            {
                "min": _yuan(band * 100),
                **_tally(band_extra[2 * i], band_extra[2 * i + 1]),
                "previous": int(previous_bands[i]) if previous_id else None,
                "change": int(band_extra[2 * i] or 0) - int(previous_bands[i])
                if previous_id
                else None,
            }
            for i, band in enumerate(BANDS)
        ],
        "by_sector": [
            {"code": r[2], "name_zh": r[3], "name_en": r[4], "is_other": bool(r[5])}
            | _shared(r[8], r[9], total)
            for r in sectors
        ],
        "by_investor_type": [
            {"type": kind, **_shared(*(types[kind][8:10] if kind in types else (0, 0)), total)}
            for kind in INVESTOR_TYPES
        ],
        "by_region": listed("region"),
        "strategic_emerging": {
            **_shared(extra[14], extra[15], total),
            "by_category": [
                {"code": r[2], "name_zh": r[3], "name_en": r[4], **_shared(r[8], r[9], total)}
                for r in categories
            ],
        },
        "fortune_global_500": {**_shared(extra[16], extra[17], total), "investors": extra[18]},
        "by_park": listed("park"),
        "by_chain": listed("chain"),
        "by_origin": listed("origin"),
        "outside_host": {
            **_tally(sum(r[8] for r in outside), sum(int(r[9]) for r in outside)),
            "regions": [
                {"code": r[2], "name_zh": r[3], "name_en": r[4], **_tally(r[8], r[9])}
                for r in outside
            ],
        },
        "previous_edition": {
            "code": previous_code,
            "name_zh": previous_zh,
            "name_en": previous_en,
            **_tally(previous[0], previous[1]),
        }
        if previous_id
        else None,
    }


# --- agreement -----------------------------------------------------------------------------------


def disagreements(bulletin: Any, floor: Any, path: str = "") -> list[str]:
    """Where ``floor`` (this module's figures) differs from ``bulletin`` (the ORM's).

    Every key the floor states is compared, recursively; the bulletin may state more (the
    localised ``name``, whole percents, ``min_band``). Returns one line per difference.
    """
    if isinstance(floor, dict):
        if not isinstance(bulletin, dict):
            return [f"{path}: the bulletin has {bulletin!r}, not an object"]
        found = []
        for key, value in floor.items():
            if key not in bulletin:
                found.append(f"{path}.{key}: missing from the bulletin")
            else:
                found += disagreements(bulletin[key], value, f"{path}.{key}")
        return found
    if isinstance(floor, list):
        if not isinstance(bulletin, list) or len(bulletin) != len(floor):
            size = len(bulletin) if isinstance(bulletin, list) else "no"
            return [f"{path}: the bulletin lists {size} items, the SQL {len(floor)}"]
        found = []
        for index, (theirs, ours) in enumerate(zip(bulletin, floor, strict=True)):
            found += disagreements(theirs, ours, f"{path}[{index}]")
        return found
    return [] if bulletin == floor else [f"{path}: bulletin {bulletin!r}, SQL {floor!r}"]


def compared_figures(floor: Any) -> int:
    """How many figures (leaves) ``floor`` states: what an agreement covers."""
    if isinstance(floor, dict):
        return sum(compared_figures(value) for value in floor.values())
    if isinstance(floor, list):
        return sum(compared_figures(value) for value in floor)
    return 1

"""The per-batch questions an import asks the ledger, as plain SQL over ``IN`` lists.

Each function answers one kind of question for a whole batch in one query. They are plain
SQL rather than ORM filters because building a Django filter over an ``IN`` list of two
thousand values costs more than running it; the columns asked for are few and of simple
types (ids, codes, names), so nothing is lost. Amounts, which need Django's exact decimal
conversion, are read through the ORM (:func:`project_values`), and only for the projects a
row is compared with.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.db import connection

from taizhang.ledger.importing import bulk
from taizhang.ledger.models import Announcement, Category, Investor, Project, ProjectInvestor
from taizhang.ledger.normalise import normalise_name

#: Most values one ``IN`` list holds; larger sets are asked in several queries.
CHUNK = 5000

_PROJECT = Project._meta.db_table
_ANNOUNCEMENT = Announcement._meta.db_table
_INVESTOR = Investor._meta.db_table
_PROJECT_INVESTOR = ProjectInvestor._meta.db_table
#: What a match needs to know of a project: id, owner, code, name, lead investor.
_BRIEF = "p.id, p.event_id, p.project_code, p.name, p.name_key, p.lead_investor_id"


def _select(
    sql: str, column: str, values: Collection[Any], params: Sequence[Any] = ()
) -> list[tuple]:
    """Run ``sql``, whose ``{match}`` is "``column`` is one of ``values``", in chunks.

    ``params`` are the parameters of ``sql`` before ``{match}``.
    """
    values = list(values)
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), CHUNK):
            condition, chunk = bulk.any_of(column, values[start : start + CHUNK])
            cursor.execute(sql.format(match=condition), [*params, *chunk])
            found.extend(cursor.fetchall())
    return found


def investors_by_key(keys: Collection[str]) -> dict[str, tuple[int, str, int | None]]:
    """``{name_key: (id, type, origin_id)}``; of investors sharing a key, the oldest."""
    found: dict[str, tuple[int, str, int | None]] = {}
    if not keys:
        return found
    rows = _select(
        f"SELECT id, name_key, type, origin_id FROM {_INVESTOR} "  # noqa: S608
        "WHERE {match} ORDER BY id",
        "name_key",
        keys,
    )
    for pk, key, kind, origin in rows:
        found.setdefault(key, (pk, kind, origin))
    return found


def projects_by_code(codes: Collection[str]) -> list[tuple]:
    """Brief rows of the projects with these codes."""
    if not codes:
        return []
    return _select(
        f"SELECT {_BRIEF} FROM {_PROJECT} p WHERE {{match}}",  # noqa: S608
        "p.project_code",
        codes,
    )


def projects_by_name(keys: Collection[str]) -> list[tuple]:
    """Brief rows of the projects, at any event, whose name key is in ``keys``."""
    if not keys:
        return []
    return _select(
        f"SELECT {_BRIEF} FROM {_PROJECT} p WHERE {{match}}",  # noqa: S608
        "p.name_key",
        keys,
    )


def projects_led_by(
    investor_ids: Collection[int], *, not_owned_by: int | None = None
) -> list[tuple]:
    """Brief rows of the projects whose lead investor is one of ``investor_ids`` (and whose
    owner is not the event ``not_owned_by``, when given).
    """
    if not investor_ids:
        return []
    if not_owned_by is None:
        return _select(
            f"SELECT {_BRIEF} FROM {_PROJECT} p WHERE {{match}}",  # noqa: S608
            "p.lead_investor_id",
            investor_ids,
        )
    # Two ranges, not "event <> X": an index on (lead investor, event) then seeks past the
    # projects the investor leads at X — in a large import, the ones it has just written,
    # which "<>" would read and discard again at every batch, more at each.
    return [
        *_select(
            f"SELECT {_BRIEF} FROM {_PROJECT} p WHERE p.event_id < %s AND {{match}}",  # noqa: S608
            "p.lead_investor_id",
            investor_ids,
            [not_owned_by],
        ),
        *_select(
            f"SELECT {_BRIEF} FROM {_PROJECT} p WHERE p.event_id > %s AND {{match}}",  # noqa: S608
            "p.lead_investor_id",
            investor_ids,
            [not_owned_by],
        ),
    ]


def announcements_of(project_ids: Collection[int]) -> list[tuple[int, int]]:
    """``(project, event)`` for every announcement of these projects."""
    if not project_ids:
        return []
    return _select(
        f"SELECT project_id, event_id FROM {_ANNOUNCEMENT} WHERE {{match}}",  # noqa: S608
        "project_id",
        project_ids,
    )


def announced_as(pairs: Collection[tuple[int, int]]) -> dict[tuple[int, int], tuple]:
    """``{(project, event): (announcement id, sector_id, mode)}`` for these announcements."""
    found: dict[tuple[int, int], tuple] = {}
    wanted = set(pairs)
    if not wanted:
        return found
    rows = _select(
        f"SELECT project_id, event_id, id, sector_id, mode FROM {_ANNOUNCEMENT} "  # noqa: S608
        "WHERE {match}",
        "project_id",
        {project for project, _event in wanted},
    )
    for project, event, pk, sector, mode in rows:
        if (project, event) in wanted:
            found[project, event] = (pk, sector, mode)
    return found


def category_keys(category_ids: Collection[Any]) -> dict[int, set[str]]:
    """The matching keys of each category's names and code, by id (other values ignored)."""
    ids = [pk for pk in category_ids if isinstance(pk, int)]
    found: dict[int, set[str]] = {}
    for pk, *names in Category.objects.filter(pk__in=ids).values_list(
        "pk", "name_zh", "name_en", "code"
    ):
        found[pk] = {normalise_name(name) for name in names if normalise_name(name)}
    return found


def investor_lists(project_ids: Collection[int]) -> dict[int, list[int]]:
    """Each project's investors, lead first."""
    found: dict[int, list[int]] = {}
    if not project_ids:
        return found
    rows = _select(
        f"SELECT project_id, investor_id FROM {_PROJECT_INVESTOR} "  # noqa: S608
        "WHERE {match} ORDER BY project_id, position",
        "project_id",
        project_ids,
    )
    for project, investor in rows:
        found.setdefault(project, []).append(investor)
    return found


def project_values(project_ids: Iterable[int], fields: Sequence[str]) -> dict[int, dict[str, Any]]:
    """The ``fields`` of these projects, as Django reads them (exact decimals, dates), locked
    for the rest of the import's transaction (PostgreSQL; SQLite's write lock covers it)."""
    found: dict[int, dict[str, Any]] = {}
    ids = list(project_ids)
    for start in range(0, len(ids), CHUNK):
        # Locked until the import commits: an edit made meanwhile waits, then finds the
        # version moved on, instead of being overwritten by values read before it.
        rows = Project.objects.select_for_update().filter(pk__in=ids[start : start + CHUNK])
        for values in rows.values("id", *fields):
            found[values["id"]] = values
    return found

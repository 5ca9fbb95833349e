"""The ledger's nullable foreign keys have partial indexes: a row that leaves one empty costs a
bulk import no index entry, and every query that asks for a value of the column still finds
its rows through the index, on SQLite and on PostgreSQL.

That an import writes no entry for an empty column cannot be watched; what can be read is that
the column's one index leaves NULL out (``WHERE column IS NOT NULL``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet

from taizhang.access.restrict import VIEW, restrict
from taizhang.access.roles import Role
from taizhang.ledger.models import Announcement, Category, Investor, Project, Region
from tests.access.scope_ledger import ScopeLedger, build
from tests.support.accounts import make_user

pytestmark = pytest.mark.django_db

#: The partial indexes: name → (table, column).
PARTIAL_INDEXES = {
    "project_park": ("ledger_project", "park_id"),
    "project_industry_chain": ("ledger_project", "industry_chain_id"),
    "project_strategic_category": ("ledger_project", "strategic_emerging_category_id"),
    "investor_origin": ("ledger_investor", "origin_id"),
    "investor_parent": ("ledger_investor", "parent_id"),
    "announcement_sector": ("ledger_announcement", "sector_id"),
}


#: Projects in no park, of no chain or strategic category, added to the small ledger: as in a
#: real one, most rows leave these columns empty, so a query for a value of one is selective.
UNPLACED = 2000


@pytest.fixture
def ledger() -> ScopeLedger:
    """The access tests' small ledger — two parks, two chains, a park head and a chain chief —
    among :data:`UNPLACED` projects that leave those columns empty, the projects' statistics
    fresh.

    On a table of a few rows PostgreSQL's planner may take any index for a join and filter the
    rest, whatever is forbidden it; among realistic numbers it takes the selective one.
    """
    built = build()
    model = Project.objects.filter(park__isnull=False).first()
    assert model is not None
    Project.objects.bulk_create(
        Project(
            event_id=model.event_id,
            name=f"未落园区项目{number}",
            name_key=f"未落园区项目{number}",
            lead_investor_id=model.lead_investor_id,
            value=model.value,
            currency=model.currency,
            mode=model.mode,
            signing_date=model.signing_date,
            region_id=model.region_id,
            sector_id=model.sector_id,
        )
        for number in range(UNPLACED)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Project._meta.db_table}")
    return built


def plan_of(queryset: QuerySet) -> str:
    """How the database would run ``queryset``'s own SQL, as the text of its plan.

    Sequential scans are priced out on PostgreSQL, so the plan names an index whenever one can
    answer the query at all.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())


def names_index(plan: str, index: str) -> bool:
    """Whether ``plan`` uses ``index`` (by its whole name: project_park is not
    ledger_project_park_id_…)."""
    return re.search(rf"(?<![\w\"]){re.escape(index)}(?![\w\"])", plan) is not None


def two_categories(ledger: ScopeLedger) -> list[int]:
    """The ids of the ledger's two sector categories, one of each event's scheme."""
    return sorted(
        Category.objects.filter(scheme__events__in=ledger.events.values()).values_list(
            "pk", flat=True
        )
    )


#: Queries by a value of a column with a partial index: (what, queryset of a ledger, index).
QUERIES: list[tuple[str, Callable[[ScopeLedger], QuerySet], str]] = [
    (
        "projects in a park",
        lambda ledger: Project.objects.filter(park_id=ledger.parks["xiantao"].pk),
        "project_park",
    ),
    (
        "projects in any of two parks",
        lambda ledger: Project.objects.filter(
            park_id__in=sorted(park.pk for park in ledger.parks.values())
        ),
        "project_park",
    ),
    (
        "projects of a chain",
        lambda ledger: Project.objects.filter(industry_chain_id=ledger.chains["EI"].pk),
        "project_industry_chain",
    ),
    (
        "projects of any of two chains",
        lambda ledger: Project.objects.filter(
            industry_chain_id__in=sorted(chain.pk for chain in ledger.chains.values())
        ),
        "project_industry_chain",
    ),
    (
        "projects of a strategic emerging industry category",
        lambda ledger: Project.objects.filter(
            strategic_emerging_category_id=two_categories(ledger)[0]
        ),
        "project_strategic_category",
    ),
    (
        "projects of any of two strategic emerging industry categories",
        lambda ledger: Project.objects.filter(
            strategic_emerging_category_id__in=two_categories(ledger)
        ),
        "project_strategic_category",
    ),
    (
        "investors from a region",
        lambda ledger: Investor.objects.filter(origin_id=Region.objects.get(code="500000").pk),
        "investor_origin",
    ),
    (
        "subsidiaries of a group",
        lambda ledger: Investor.objects.filter(parent_id=ledger.investors["owner"].pk),
        "investor_parent",
    ),
    (
        "announcements in a sector of their own",
        lambda ledger: Announcement.objects.filter(sector_id=two_categories(ledger)[0]),
        "announcement_sector",
    ),
]


@pytest.mark.parametrize(
    ("queryset_of", "index"),
    [(queryset_of, index) for _, queryset_of, index in QUERIES],
    ids=[what for what, _, _ in QUERIES],
)
def test_a_query_by_a_value_of_the_column_is_answered_from_its_partial_index(
    ledger: ScopeLedger, queryset_of: Callable[[ScopeLedger], QuerySet], index: str
) -> None:
    plan = plan_of(queryset_of(ledger))

    assert names_index(plan, index), plan


@pytest.mark.parametrize(
    ("role", "scopes", "index"),
    [
        (Role.PARK_HEAD, {"parks": ["xiantao"]}, "project_park"),
        (Role.PARK_HEAD, {"parks": ["xiantao", "lj_park"]}, "project_park"),
        (Role.CHAIN_CHIEF, {"chains": ["NEV"]}, "project_industry_chain"),
        (Role.CHAIN_CHIEF, {"chains": ["EI", "NEV"]}, "project_industry_chain"),
    ],
    ids=["a park head", "a head of two parks", "a chain chief", "a chief of two chains"],
)
def test_the_projects_a_park_head_or_chain_chief_sees_are_found_through_the_index(
    ledger: ScopeLedger, role: str, scopes: dict[str, list[str]], index: str
) -> None:
    user = make_user(
        "scoped",
        role,
        parks=[ledger.parks[key] for key in scopes.get("parks", ())],
        chains=[ledger.chains[code] for code in scopes.get("chains", ())],
    )
    visible = restrict(Project.objects.all(), user, VIEW)

    plan = plan_of(visible)

    assert names_index(plan, index), plan


def index_definition(name: str) -> str:
    """The database's own text of index ``name``."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name]
            )
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        row = cursor.fetchone()
    assert row is not None, f"there is no index {name}"
    return row[0]


def indexes_with(table: str, column: str) -> list[str]:
    """The indexes of ``table`` that hold ``column``: each one an entry per row it covers."""
    with connection.cursor() as cursor:
        constraints: dict[str, dict[str, Any]] = connection.introspection.get_constraints(
            cursor, table
        )
    return sorted(
        name
        for name, constraint in constraints.items()
        if constraint["index"] and column in (constraint["columns"] or ())
    )


@pytest.mark.parametrize(
    ("index", "table", "column"), [(name, *where) for name, where in PARTIAL_INDEXES.items()]
)
def test_the_one_index_of_a_nullable_foreign_key_leaves_out_rows_without_a_value(
    index: str, table: str, column: str
) -> None:
    definition = index_definition(index)

    assert indexes_with(table, column) == [index]
    if connection.vendor == "sqlite":
        assert f'WHERE "{column}" IS NOT NULL' in definition, definition
    else:
        assert f"WHERE ({column} IS NOT NULL)" in definition, definition

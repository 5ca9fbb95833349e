"""An export makes the same queries for 10 projects as for 50: no query per project."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.ledger.exporting import export_ledger
from taizhang.ledger.exporting.rows import LedgerRows
from taizhang.ledger.models import Event, Project
from tests.ledger.exports.conftest import investor, make_events, make_project

pytestmark = pytest.mark.django_db


def add_projects(event: Event, numbers: range) -> None:
    """Projects of two investors each, the lead from Guangdong, in a park-less district."""
    for number in numbers:
        make_project(
            event,
            f"项目{number}",
            [
                investor(f"投资方{number}甲", "private", "440000"),
                investor(f"投资方{number}乙", "state"),
            ],
            value=Decimal("100000000.00") + number,
        )


def queries_to_export(tmp_path: Path, source: Event | None, file_format: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        export_ledger(source, tmp_path / f"ledger.{file_format}", file_format=file_format)
    return len(queries)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("of_event", [True, False])
def test_exporting_50_projects_makes_no_more_queries_than_10(
    tmp_path: Path, file_format: str, of_event: bool
):
    sce, _liangjiang = make_events()
    source = sce if of_event else None
    add_projects(sce, range(10))
    ten = queries_to_export(tmp_path, source, file_format)
    add_projects(sce, range(10, 50))
    assert Project.objects.count() == 50
    assert queries_to_export(tmp_path, source, file_format) == ten


def test_each_chunk_of_projects_reads_its_investors_in_one_query():
    sce, _liangjiang = make_events()
    add_projects(sce, range(10))
    rows = LedgerRows(Project.objects.order_by("id"), language="zh", unit="yuan", chunk_size=4)
    with CaptureQueriesContext(connection) as queries:
        exported = list(rows)
    assert len(exported) == 10
    investor_queries = [query for query in queries if "ledger_projectinvestor" in query["sql"]]
    assert len(investor_queries) == 3  # chunks of 4, 4 and 2
    assert exported[0][1] == "投资方0甲；投资方0乙"

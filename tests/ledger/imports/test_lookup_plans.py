"""The suspected-duplicate lookup reads only the projects it needs, at every size of ledger.

An import asks, for each batch, which projects of *other* events the batch's lead investors
lead. Asked as ``event <> X``, the database reads every project the investor leads at X — in a
large import, every one it has just written — and throws them away, again at each batch. Asked
as two ranges (``event < X``, ``event > X``) on the (lead investor, event) index, it seeks past
them. These tests check the answer and that the plan seeks.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

from taizhang.ledger.importing import lookups
from taizhang.ledger.models import Investor, Project
from taizhang.ledger.services.events import EventSpec, create_event

from .conftest import CHINESE, project, run, write_xlsx

pytestmark = pytest.mark.django_db

LEADER = "重庆星辰科技有限公司"


def _event(code: str, edition: int):
    return create_event(
        EventSpec(
            code=code,
            name_en=f"Ceremony {code}",
            name_zh=f"签约仪式{code}",
            series="PLAN",
            edition=edition,
            date=f"{edition}-08-23",
            host="重庆市",
        )
    )


@pytest.fixture
def three_events(db, tmp_path):
    """Three events in id order, each with two projects led by the same investor."""
    events = [_event(code, edition) for code, edition in (("E1", 2019), ("E2", 2020), ("E3", 2021))]
    for number, event in enumerate(events):
        path = write_xlsx(
            tmp_path / f"ledger-{number}.xlsx",
            [CHINESE, *(project(f"{event.code}项目{n}", LEADER) for n in range(2))],
        )
        report = run(path, event=event.code, duplicates="new")
        assert report.ok, report.as_text()
    return events


def _leader_id() -> int:
    return Investor.objects.get(name_key__contains="星辰").pk


def test_projects_led_at_other_events_are_those_before_and_after_the_event(three_events):
    first, middle, last = three_events

    found = lookups.projects_led_by([_leader_id()], not_owned_by=middle.pk)

    assert sorted(row[1] for row in found) == sorted([first.pk] * 2 + [last.pk] * 2)
    assert all(row[5] == _leader_id() for row in found)


def test_without_an_event_left_out_every_project_the_investor_leads_is_found(three_events):
    found = lookups.projects_led_by([_leader_id()])

    assert len(found) == Project.objects.count() == 6


def test_the_lookup_seeks_by_lead_investor_and_event_range(three_events):
    _first, middle, _last = three_events
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        lookups.projects_led_by([_leader_id()], not_owned_by=middle.pk)

    led = [(sql, params) for sql, params in statements if "lead_investor_id" in sql]
    assert len(led) == 2
    for sql, params in led:
        plan = _plan(sql, params)
        assert "project_lead_event" in plan, plan
        if connection.vendor == "sqlite":
            # Both columns in the search: the event's range is sought, not filtered.
            assert re.search(r"lead_investor_id=\? AND event_id[<>]\?", plan), plan
        else:
            assert re.search(r"Index Cond: .*event_id [<>]", plan), plan


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # A table of six rows is read whole unless sequential scans are ruled out.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())

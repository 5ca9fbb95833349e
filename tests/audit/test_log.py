"""``taizhang audit log``: who did what, filtered, and an object's history as differences."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from taizhang.audit.context import acting_as
from taizhang.audit.history import differences
from taizhang.audit.models import Source
from taizhang.audit.recorder import record

pytestmark = pytest.mark.django_db


def log(*args: str) -> str:
    out = StringIO()
    call_command("audit", "log", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def history() -> None:
    """A project created by an import, corrected on the web, withdrawn at the command line;
    and another project's creation beside it."""
    with acting_as("cli:import-bot", Source.IMPORT), transaction.atomic():
        record(
            "project.create",
            "project",
            42,
            None,
            {"name": "智能终端产业园", "value": Decimal("1500000000.00"), "region_id": 7},
        )
        record("project.create", "project", 43, None, {"name": "数据中心", "value": "9.00"})
    with acting_as("zhang.wei", Source.WEB, "req-7"), transaction.atomic():
        record(
            "project.update",
            "project",
            42,
            {"value": Decimal("1500000000.00"), "region_id": 7},
            {"value": Decimal("1800000000.00"), "region_id": 9},
        )
    with transaction.atomic():
        record(
            "project.withdraw",
            "project",
            42,
            {"withdrawn_at": None},
            {
                "withdrawn_at": datetime.datetime(2024, 5, 1, 2, 0, tzinfo=datetime.UTC),
                "withdrawal_reason": "merged into 43",
            },
        )


def test_a_project_s_history_reads_as_differences(history) -> None:
    text = log("--object", "project:42")
    lines = text.splitlines()
    assert "project.create  project:42" in lines[0]
    assert "    name: — → 智能终端产业园" in lines
    assert "    value: 1500000000.00 → 1800000000.00" in lines
    assert "    region_id: 7 → 9" in lines
    assert "    withdrawn_at: null → 2024-05-01T02:00:00.000000+00:00" in lines
    assert "    withdrawal_reason: — → merged into 43" in lines
    assert "project:43" not in text


def test_a_heading_says_when_who_from_where_and_in_which_request(history) -> None:
    (heading,) = [line for line in log("--actor", "zhang.wei").splitlines() if "#" in line]
    assert heading.startswith("#3  ")
    assert "zhang.wei (web page)" in heading
    assert "project.update  project:42" in heading
    assert "request req-7" in heading


def test_times_are_shown_in_the_local_time_zone(history, settings) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
    with timezone.override("Asia/Shanghai"):
        assert "+08:00" in log("--last", "1").splitlines()[0]


def test_filters_by_actor_action_and_object_type(history) -> None:
    assert log("--actor", "nobody") == ""
    assert log("--action", "project.withdraw").count("#") == 1
    assert log("--action", "project.*").count("#") == 4
    assert log("--object", "project").count("#") == 4


def test_since_and_until_take_dates_and_times(history) -> None:
    today = timezone.localdate().isoformat()
    assert log("--since", today).count("#") == 4
    assert log("--until", today) == ""
    assert log("--since", "2999-01-01T00:00+08:00") == ""


def test_a_date_that_is_not_one_is_explained() -> None:
    with pytest.raises(CommandError, match="--since “yesterday” is not a date or time"):
        log("--since", "yesterday")


def test_last_shows_the_most_recent_entries_oldest_first(history) -> None:
    headings = [line for line in log("--last", "2").splitlines() if line.startswith("#")]
    assert [heading.split()[0] for heading in headings] == ["#3", "#4"]


def test_json_is_one_array_of_entries_with_their_changes(history) -> None:
    entries = json.loads(log("--object", "project:42", "--format", "json"))
    assert [entry["action"] for entry in entries] == [
        "project.create",
        "project.update",
        "project.withdraw",
    ]
    update = entries[1]
    assert update["actor"] == "zhang.wei"
    assert update["source"] == "web"
    assert {"field": "value", "before": "1500000000.00", "after": "1800000000.00"} in update[
        "changes"
    ]
    assert update["time"].endswith("+00:00")
    assert len(update["entry_hash"]) == 64


def test_json_of_nothing_is_an_empty_array() -> None:
    assert json.loads(log("--format", "json")) == []


def test_differences_compare_field_by_field() -> None:
    found = differences({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4})
    assert [(d.field, d.before, d.after, d.had_before) for d in found] == [
        ("b", 2, 3, True),
        ("c", None, 4, False),
    ]
    assert differences("en", "zh-hans")[0].field == "value"
    assert differences(None, None) == []

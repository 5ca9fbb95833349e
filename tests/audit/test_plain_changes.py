"""The bulk path: a PlainChange is stored and hashed exactly as the same Change, and verifies.

Every comparison writes the same change both ways at the same instant onto the same head of
the chain (the first write rolled back), and compares the rows as the database holds them.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.utils import timezone

from taizhang.audit.chain import (
    ContentTexts,
    canonical_text,
    content_text,
    entry_content,
    plain,
    plain_text,
)
from taizhang.audit.models import ENTRY_COLUMNS, TABLE, AuditEntry, Result
from taizhang.audit.recorder import AuditError, Change, PlainChange, record_many
from taizhang.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: The instant every entry of a comparison is written at.
NOW = datetime.datetime(2026, 8, 23, 2, 30, 15, 123456, tzinfo=datetime.UTC)


class Colour(enum.Enum):
    RED = "red"


class Mode(enum.StrEnum):
    OFFLINE = "offline"


#: One value of each kind a row can hold, with the text the record must keep of it.
VALUES: dict[str, Any] = {
    "decimal with scale": Decimal("1500000000.00"),
    "decimal below one": Decimal("0.10"),
    "negative decimal": Decimal("-3.5000"),
    "decimal with exponent": Decimal("1E+3"),
    "date": datetime.date(2021, 8, 23),
    "aware datetime": datetime.datetime(2021, 8, 23, 9, 30, tzinfo=SHANGHAI),
    "naive datetime": datetime.datetime(2021, 8, 23, 9, 30, 0, 5),
    "time": datetime.time(9, 30),
    "none": None,
    "true": True,
    "false": False,
    "zero": 0,
    "large integer": 2**63 + 1,
    "negative integer": -42,
    "empty text": "",
    "chinese text": "两江新区智能网联汽车项目（一期）",
    "quotes and backslashes": "the \"A\" line \\ 第二期 'B'",
    "control characters": "tab\there\nnew line\r\x01\x1f\x7f\u2028\u2029",
    "beyond the basic plane": "𠀀 😀",
    "list of ids": [3, 1, 2],
    "nested lists of ids": [[3, 1], [], [2, [5, 4]]],
    "tuple of ids": (7, 8),
    "set of ids": {9, 3, 11},
    "empty dict": {},
    "nested dict with unsorted keys": {"z": 1, "a": {"c": [1, "二"], "b": None}},
    "enumeration": Colour.RED,
    "text choices": Result.FAILURE,
    "string enumeration": Mode.OFFLINE,
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
}


def project_values(**more: Any) -> dict[str, Any]:
    """A project's 25 values as an import writes them, with ``more`` added."""
    return {
        "id": 42,
        "event_id": 3,
        "name": "两江新区智能网联汽车项目",
        "project_code": "SCE2026-000042",
        "lead_investor_id": 1042,
        "value": Decimal("1500000000.00"),
        "original_value": Decimal("210000000.00"),
        "currency": "USD",
        "mode": "offline",
        "signing_date": datetime.date(2026, 8, 23),
        "region_id": 51,
        "sector_id": 7,
        "strategic_emerging": True,
        "strategic_emerging_category_id": None,
        "industry_chain_id": 4,
        "park_id": None,
        "project_type": "new",
        "responsible_unit": "两江新区管委会",
        "responsible_person": "张伟",
        "planned_start": datetime.date(2026, 10, 1),
        "planned_production": None,
        "description": '新能源汽车整车及"三电"零部件\n第二期',
        "withdrawn_at": None,
        "withdrawal_reason": "",
        "investors": [1042, 2042],
        **more,
    }


@pytest.fixture
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries written at NOW, so two writes of the same change can be compared whole."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def stored(changes: list[Change] | list[PlainChange], *, keep: bool = False) -> list[tuple]:
    """Record ``changes`` and return their rows as the database holds them; rolled back
    unless ``keep``."""
    with transaction.atomic():
        record_many(changes)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(ENTRY_COLUMNS)} FROM {TABLE} ORDER BY id"  # noqa: S608
            )
            rows = cursor.fetchall()
        transaction.set_rollback(not keep)
    return rows


def both_ways(action: str, object_type: str, object_id: Any, before: Any, after: Any) -> tuple:
    general = stored([Change(action, object_type, object_id, before, after)])
    fast = stored([PlainChange(action, object_type, object_id, before, after)])
    return general, fast


@pytest.mark.parametrize("kind", VALUES)
def test_a_plain_change_is_stored_and_hashed_as_the_same_change(frozen_now, kind: str) -> None:
    value = VALUES[kind]
    before = project_values(changed=value)
    after = project_values(changed=value, value=Decimal("1600000000.00"))

    general, fast = both_ways("project.update", "project", 42, before, after)

    assert fast == general
    assert len(fast) == 1


@pytest.mark.parametrize("kind", VALUES)
def test_a_value_on_its_own_is_encoded_as_plain_then_canonical_text_does(kind: str) -> None:
    value = VALUES[kind]
    assert plain_text(value) == canonical_text(plain(value))
    assert plain_text([value, {"v": value}]) == canonical_text(plain([value, {"v": value}]))


def test_a_plain_change_with_nothing_before_or_after_is_stored_with_nulls(frozen_now) -> None:
    general, fast = both_ways("project.create", "project", 7, None, project_values())
    assert fast == general
    (row,) = fast
    assert row[ENTRY_COLUMNS.index("before")] is None

    general, fast = both_ways("setting.change", "setting", "TAIZHANG_LANGUAGE", "en", "zh-hans")
    assert fast == general


def test_a_value_that_is_json_null_is_stored_as_sql_null_both_ways(frozen_now) -> None:
    class Nothing(enum.Enum):
        NONE = None

    general, fast = both_ways("project.update", "project", 7, Nothing.NONE, {"a": 1})
    assert fast == general
    assert fast[0][ENTRY_COLUMNS.index("before")] is None


def test_plain_and_general_changes_mixed_chain_in_order_and_verify() -> None:
    changes: list[Change | PlainChange] = []
    for number in range(1, 31):
        values = project_values(
            id=number, name=f"项目{number}", changed=VALUES["control characters"]
        )
        kind = PlainChange if number % 3 else Change
        changes.append(kind("project.create", "project", number, None, values))
    rows = stored(changes, keep=True)

    assert [row[0] for row in rows] == list(range(1, 31))
    found = verify_chain()
    assert found.intact, found.problem
    assert found.count == 30


def test_verify_recomputes_every_kind_of_value_written_the_fast_way() -> None:
    stored(
        [
            PlainChange("project.update", "project", 42, {kind: value}, project_values(v=value))
            for kind, value in VALUES.items()
        ],
        keep=True,
    )
    found = verify_chain()
    assert found.intact, found.problem
    assert found.count == len(VALUES)


def test_the_plain_path_hashes_with_sm3_as_the_general_one(frozen_now, settings) -> None:
    settings.AUDIT_HASH = "sm3"
    general, fast = both_ways("project.create", "project", 9, None, project_values())
    assert fast == general
    assert fast[0][ENTRY_COLUMNS.index("algorithm")] == "sm3"


def test_entries_written_together_get_the_content_text_verify_computes() -> None:
    texts = ContentTexts(
        time=NOW, actor='cli:"王" \\', source="import", request_id="req-7", algorithm="sha256"
    )
    content = entry_content(
        id=12,
        time=NOW,
        actor='cli:"王" \\',
        source="import",
        request_id="req-7",
        action="project.create",
        object_type="project",
        object_id="项目\t12",
        before=None,
        after=plain(project_values()),
        result="success",
        algorithm="sha256",
        prev_hash="ab" * 32,
    )
    built = texts.text(
        12,
        '"project.create"',
        '"project"',
        "项目\t12",
        "null",
        plain_text(project_values()),
        '"success"',
        "ab" * 32,
    )
    assert built == content_text(content) == canonical_text(content)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (PlainChange("Project Update", "project", 1), "not of the form noun.verb"),
        (PlainChange("project.update", "Project", 1), "not a lower-case word"),
        (PlainChange("project.update", "project", ""), "object id"),
        (PlainChange("project.update", "project", "x" * 129), "object id"),
        (PlainChange("project.update", "project", 1, result="maybe"), "Unknown result"),
    ],
)
def test_a_malformed_plain_change_is_refused(change: PlainChange, message: str) -> None:
    with pytest.raises(AuditError, match=message), transaction.atomic():
        record_many([change])


def test_a_malformed_plain_change_is_refused_even_after_well_formed_ones_of_its_kind() -> None:
    changes = [PlainChange("project.update", "project", n, None, {"n": n}) for n in range(1, 4)]
    with pytest.raises(AuditError, match="object id"), transaction.atomic():
        record_many([*changes, PlainChange("project.update", "project", "", None, {})])
    assert not AuditEntry.objects.exists()


def test_a_value_the_record_cannot_hold_is_refused_with_where_it_is() -> None:
    nan = PlainChange("project.update", "project", 1, None, {"value": Decimal("NaN")})
    with (
        pytest.raises(TypeError, match=r"cannot hold NaN \(at after\.value\)"),
        transaction.atomic(),
    ):
        record_many([nan])
    thing = PlainChange("project.update", "project", 1, {"who": object()}, None)
    with (
        pytest.raises(TypeError, match=r"cannot hold a object \(at before\.who\)"),
        transaction.atomic(),
    ):
        record_many([thing])
    assert not AuditEntry.objects.exists()

"""A real import of a generated .xlsx recorded through the bulk path (PlainChange): every
value the import hands over encodes as the general path would, and ``audit verify`` passes.

The import's service builds PlainChanges for every entry of a batch (the test asserts so).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from taizhang.audit.chain import canonical_text, plain, plain_text
from taizhang.audit.models import AuditEntry
from taizhang.audit.recorder import PlainChange, record_many
from taizhang.ledger.models import Project
from taizhang.ledger.services import imports
from tests.ledger.imports import conftest as ledger_files
from tests.ledger.imports.conftest import ENGLISH, project, run, write_xlsx

sce2021 = ledger_files.sce2021

pytestmark = pytest.mark.django_db

HEADERS = [
    *ENGLISH,
    "Project code",
    "Planned start",
    "Responsible unit",
    "Description",
    "Original amount",
    "Currency",
]


def rows(count: int, *, value: str = "1.2亿元") -> list[list[Any]]:
    """``count`` projects with every kind of value an import writes."""
    return [
        [
            *project(
                f"智能网联汽车项目{number}",
                f'重庆"星辰"科技有限公司{number % 7}；Acme Holdings {number % 3}',
                "private" if number % 7 % 2 else "foreign",  # one type per investor
                value if number % 4 else Decimal("150000000.5"),
                "offline" if number % 3 else "online",
                datetime.date(2021, 8, 23),
                "渝北区" if number % 2 else "两江新区",
                "智能制造" if number % 5 else "大数据",
            ),
            f"CODE-{number:04d}",
            datetime.date(2022, 1 + number % 12, 1) if number % 2 else None,
            "两江新区管委会",
            f'新能源汽车整车及"三电"\\零部件，第{number}期\n二期\t待定',
            Decimal("21000000") if number % 4 == 0 else None,
            "USD" if number % 4 == 0 else None,
        ]
        for number in range(1, count + 1)
    ]


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The import records through PlainChange; what it hands the recorder is kept here."""
    changes: list[Any] = []

    def keeping(given: Iterable[Any], **options: Any) -> int:
        given = list(given)
        changes.extend(given)
        return record_many(given, **options)

    monkeypatch.setattr(imports, "record_many", keeping)
    return changes


def assert_verifies() -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "The audit record is intact" in out.getvalue()


def assert_encoded_as_the_general_path_would(changes: list[Any]) -> None:
    for change in changes:
        for values in (change.before, change.after):
            if values is not None:
                assert plain_text(values) == canonical_text(plain(values)), change


def test_an_xlsx_import_recorded_the_fast_way_verifies(tmp_path: Path, sce2021, recorded) -> None:
    path = write_xlsx(tmp_path / "ledger.xlsx", [HEADERS, *rows(60)])

    report = run(path, event="SCE2021", batch_size=25)

    assert report.ok and report.created == 60, report.as_text()
    assert all(type(change) is PlainChange for change in recorded)
    actions = Counter(change.action for change in recorded)
    assert actions["project.create"] == 60
    assert actions["investor.create"] == report.investors_created > 0
    assert_encoded_as_the_general_path_would(recorded)
    stored = AuditEntry.objects.filter(action="project.create")
    some = stored.get(object_id=str(Project.objects.get(project_code="CODE-0004").pk))
    assert some.after["value"] == "150000000.50"
    assert some.after["description"] == '新能源汽车整车及"三电"\\零部件，第4期\n二期\t待定'
    assert_verifies()


def test_an_update_import_recorded_the_fast_way_verifies(tmp_path: Path, sce2021, recorded) -> None:
    run(write_xlsx(tmp_path / "first.xlsx", [HEADERS, *rows(12)]), event="SCE2021")
    recorded.clear()

    report = run(
        write_xlsx(tmp_path / "second.xlsx", [HEADERS, *rows(12, value="2.5亿元")]),
        event="SCE2021",
        update=True,
    )

    assert report.ok and report.updated > 0, report.as_text()
    updates = [change for change in recorded if change.action == "project.update"]
    assert len(updates) == report.updated
    assert_encoded_as_the_general_path_would(recorded)
    assert AuditEntry.objects.filter(action="project.update").first().after == {
        "value": "250000000.00"
    }
    assert_verifies()

"""Every write path records what it changed, in its own transaction, and the chain verifies.

Imports, events, exports, the demo, regions loads and project withdrawals; the admin's are in
tests/web/test_admin_audit.py.
"""

from __future__ import annotations

import getpass
import hashlib
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from taizhang.access.roles import Role
from taizhang.audit.models import AuditEntry
from taizhang.ledger.demo import build_demo_ledger
from taizhang.ledger.exporting import ExportError, export_ledger
from taizhang.ledger.models import Event, Project, Region
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.reference.rows import RegionRow
from taizhang.ledger.services.events import EventSpec, create_event, set_rates
from taizhang.ledger.services.projects import (
    WithdrawalWithoutReason,
    withdraw_project,
)
from tests.ledger.imports import conftest as imports
from tests.ledger.imports.conftest import CHINESE, project, run, write_csv
from tests.support.accounts import make_user

# The import tests' events, as fixtures of this module too.
sce2021 = imports.sce2021
lj2021 = imports.lj2021

pytestmark = pytest.mark.django_db

HEADERS = [*CHINESE, "项目代码"]


def entries(action: str | None = None) -> list[AuditEntry]:
    found = AuditEntry.objects.order_by("id")
    return list(found.filter(action=action) if action else found)


def assert_verifies() -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def command_line_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli:unknown"


# --- imports ----------------------------------------------------------------------------------


def test_an_import_records_each_project_it_creates_with_its_values(tmp_path, sce2021):
    path = write_csv(
        tmp_path / "ledger.csv",
        [HEADERS, [*project("智能终端产业园", value="1.5亿元"), "C-1"], [*project("数据中心"), ""]],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    created = entries("project.create")
    assert len(created) == report.created == 2
    first = created[0]
    terminal = Project.objects.get(name="智能终端产业园")
    assert (first.object_type, first.object_id) == ("project", str(terminal.pk))
    assert (first.source, first.actor, first.before) == ("import", command_line_actor(), None)
    assert first.after["value"] == "150000000.00"
    assert first.after["project_code"] == "C-1"
    assert first.after["investors"] == [terminal.lead_investor_id]
    assert "version" not in first.after and "created_at" not in first.after
    assert [entry.action for entry in entries("investor.create")] == ["investor.create"]
    (summary,) = entries("ledger.import")
    assert summary.after["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (summary.after["created"], summary.after["rows_read"]) == (2, 2)
    assert_verifies()


def test_an_update_records_each_changed_field_before_and_after(tmp_path, sce2021):
    run(write_csv(tmp_path / "a.csv", [HEADERS, [*project("数据中心", value="1.2亿元"), "C-9"]]))
    run(
        write_csv(tmp_path / "a.csv", [HEADERS, [*project("数据中心", value="1.2亿元"), "C-9"]]),
        event="SCE2021",
    )
    before = len(entries())

    report = run(
        write_csv(tmp_path / "b.csv", [HEADERS, [*project("数据中心", value="2亿元"), "C-9"]]),
        event="SCE2021",
        update=True,
    )

    assert report.ok and report.updated == 1, report.as_text()
    (update,) = entries("project.update")
    assert update.id > before
    assert update.before == {"value": "120000000.00"}
    assert update.after == {"value": "200000000.00"}
    assert update.source == "import"
    assert_verifies()


def test_a_link_to_another_events_project_is_recorded(tmp_path, sce2021, lj2021):
    district = [HEADERS, [*project("影像芯片封测", region="两江新区"), "CODE-7"]]
    run(write_csv(tmp_path / "district.csv", district), event="LJ2021")

    report = run(
        write_csv(tmp_path / "city.csv", [HEADERS, [*project("影像芯片封测"), "CODE-7"]]),
        event="SCE2021",
    )

    assert report.linked == 1, report.as_text()
    (link,) = entries("project.link")
    assert link.object_id == str(Project.objects.get().pk)
    assert link.after["event_id"] == sce2021.pk
    assert_verifies()


def test_a_dry_run_and_a_failed_import_leave_no_entry(tmp_path, sce2021):
    good = write_csv(tmp_path / "good.csv", [HEADERS, [*project("数据中心"), ""]])
    bad = write_csv(
        tmp_path / "bad.csv",
        [HEADERS, [*project("数据中心"), ""], [*project("坏行", value="很多钱"), ""]],
    )

    before = entries()  # the event's own

    dry = run(good, event="SCE2021", dry_run=True)
    failed = run(bad, event="SCE2021")

    assert dry.ok and not dry.written
    assert not failed.ok
    assert entries() == before


def test_a_bulk_import_writes_one_entry_per_project_batch_by_batch_in_one_transaction(
    tmp_path, sce2021
):
    rows = [[*project(f"项目{n}", f"公司{n % 3}"), ""] for n in range(7)]

    report = run(write_csv(tmp_path / "many.csv", [HEADERS, *rows]), event="SCE2021", batch_size=3)

    assert report.created == 7, report.as_text()
    recorded = entries()
    projects = [entry for entry in recorded if entry.action.startswith("project.")]
    assert sorted(int(entry.object_id) for entry in projects) == sorted(
        Project.objects.values_list("pk", flat=True)
    )
    # Numbers without gaps; each batch's entries written together, as the batch was.
    assert [entry.id for entry in recorded] == list(range(1, len(recorded) + 1))
    assert len({entry.time for entry in projects}) == 3  # one record_many per batch of 3
    assert_verifies()


# --- events -----------------------------------------------------------------------------------


def spec(code: str = "SCE2024", **more) -> EventSpec:
    return EventSpec(
        code=code,
        name_en="Smart China Expo 2024",
        name_zh="2024智博会",
        series="SCE",
        edition=2024,
        date="2024-08-22",
        host="重庆市",
        rates={"USD": "7.10"},
        **more,
    )


def test_adding_an_event_records_it_with_its_rates_and_its_new_sector_scheme() -> None:
    event = create_event(spec())

    scheme, created = entries()
    assert (scheme.action, scheme.object_id) == (
        "classification_scheme.create",
        str(event.sector_scheme_id),
    )
    assert scheme.after["code"] == "SCE2024-SECTORS"
    assert (created.action, created.object_id, created.before) == (
        "event.create",
        str(event.pk),
        None,
    )
    assert created.after["code"] == "SCE2024"
    assert created.after["rates"] == {"USD": "7.10"}
    assert_verifies()


def test_changing_rates_records_the_old_and_new_rates() -> None:
    event = create_event(spec())

    set_rates("SCE2024", {"USD": "7.20", "EUR": "7.90"})

    (changed,) = entries("event.rates")
    assert changed.object_id == str(event.pk)
    assert Decimal(changed.before["rates"]["USD"]) == Decimal("7.10")
    assert changed.before["rates"]["EUR"] is None
    assert Decimal(changed.after["rates"]["USD"]) == Decimal("7.20")
    assert Decimal(changed.after["rates"]["EUR"]) == Decimal("7.90")
    assert_verifies()


# --- exports ----------------------------------------------------------------------------------


def test_an_export_is_recorded_with_its_file_form_and_rows(tmp_path, sce2021):
    run(write_csv(tmp_path / "in.csv", [HEADERS, [*project("数据中心"), ""]]), event="SCE2021")
    target = tmp_path / "out.csv"

    summary = export_ledger(sce2021, target, file_format="csv", language="en", unit="wan")

    (export,) = entries("export")
    assert export.after == {
        "file": str(target),
        "format": "csv",
        "language": "en",
        "unit": "wan",
        "rows": summary.rows,
        "event": "SCE2021",
        "user": command_line_actor(),
    }
    assert (export.result, export.object_id) == ("success", "SCE2021")
    assert_verifies()


def test_an_export_refused_to_a_viewer_is_recorded_as_a_failure(tmp_path, sce2021):
    viewer = make_user("press.office", Role.VIEWER)

    with pytest.raises(ExportError):
        export_ledger(sce2021, tmp_path / "out.csv", file_format="csv", user=viewer)

    (refused,) = entries("export")
    assert refused.result == "failure"
    assert refused.after["user"] == "press.office"
    assert not (tmp_path / "out.csv").exists()
    assert_verifies()


# --- the demo -----------------------------------------------------------------------------


def test_loading_the_demo_records_each_project_and_the_load() -> None:
    summary = build_demo_ledger()

    created = entries("project.create")
    assert len(created) == Project.objects.count() == summary.projects
    (load,) = entries("demo.load")
    assert load.after["projects"] == summary.projects
    assert load.id == created[-1].id + 1
    assert_verifies()


# --- regions ------------------------------------------------------------------------------


def test_loading_regions_records_each_region_created_or_changed() -> None:
    rows = [RegionRow("500199", "测试新区", "Test Area", "area", "500000", row=2)]
    load_regions(rows)
    (created,) = entries("region.create")
    region = Region.objects.get(code="500199")
    assert (created.object_id, created.after["name_zh"]) == (str(region.pk), "测试新区")

    load_regions([RegionRow("500199", "测试新区二", "Test Area", "area", "500000", row=2)])
    load_regions([RegionRow("500199", "测试新区二", "Test Area", "area", "500000", row=2)])

    (changed,) = entries("region.update")
    assert changed.before == {"code": "500199", "name_zh": "测试新区"}
    assert changed.after == {"code": "500199", "name_zh": "测试新区二"}
    assert_verifies()


def test_a_dry_run_load_of_regions_records_nothing() -> None:
    load_regions([RegionRow("500199", "测试新区", "", "area", "500000")], dry_run=True)
    assert entries() == []


# --- withdrawal ---------------------------------------------------------------------------


def test_withdrawing_a_project_keeps_it_and_records_who_withdrew_it_and_why(tmp_path, sce2021):
    run(write_csv(tmp_path / "in.csv", [HEADERS, [*project("数据中心"), ""]]), event="SCE2021")
    admin = make_user("bureau.admin", Role.BUREAU_ADMIN)
    chosen = Project.objects.get()

    with pytest.raises(WithdrawalWithoutReason):
        withdraw_project(chosen.pk, "  ", based_on_version=1, user=admin)
    withdrawn = withdraw_project(chosen.pk, "合并入另一项目", based_on_version=1, user=admin)

    assert withdrawn.withdrawn_at is not None and withdrawn.version == 2
    (entry,) = entries("project.withdraw")
    assert entry.actor == "bureau.admin"
    assert entry.before["withdrawn_at"] is None
    assert entry.after["withdrawal_reason"] == "合并入另一项目"
    assert (entry.before["version"], entry.after["version"]) == (1, 2)
    assert Project.objects.filter(pk=chosen.pk).exists()
    assert_verifies()


def test_no_event_is_left_unrecorded() -> None:
    create_event(spec("SCE2025", sector_scheme=None))
    assert Event.objects.count() == len(entries("event.create"))

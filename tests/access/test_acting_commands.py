"""``--as NAME`` on ``events``, ``regions`` and ``audit``: each acts exactly as that user.

What the user's role may not do is refused with a sentence naming them and their role (the
command exits with status 1) and nothing is written; what it may do is recorded in the audit
record as done by them, from the command line.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.audit.models import AuditEntry
from taizhang.ledger.models import Event, ExchangeRate, Region
from tests.access.scope_ledger import LJ, SCE, USERS, ScopeLedger


def taizhang(*arguments: str) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def refused(*arguments: str) -> str:
    with pytest.raises(CommandError) as error:
        taizhang(*arguments)
    assert error.value.returncode == 1
    return str(error.value)


def new_event(code: str, edition: int) -> list[str]:
    return ["events", "add", "--code", code, "--name", "Test ceremony", "--series", "T-NEW",
            "--edition", str(edition), "--date", f"{edition}-09-01",
            "--host", "500000"]  # fmt: skip


# --- events -------------------------------------------------------------------------------


def test_bureau_staff_add_an_event_recorded_as_theirs(scope_ledger: ScopeLedger) -> None:
    out = taizhang(*new_event("T-NEW2024", 2024), "--usd-rate", "7.1", "--as", "bureau_staff")

    assert "Added T-NEW2024" in out
    event = Event.objects.get(code="T-NEW2024")
    entries = AuditEntry.objects.filter(action__in=["event.create", "classification_scheme.create"])
    assert sorted(entry.action for entry in entries) == [
        "classification_scheme.create",
        "event.create",
    ]
    assert {(entry.actor, entry.source) for entry in entries} == {("bureau_staff", "cli")}
    assert entries.get(action="event.create").object_id == str(event.pk)


@pytest.mark.parametrize(
    "name", ["district_yubei", "park_head", "inspector", "owner", "viewer", "auditor"]
)
def test_other_roles_may_not_add_an_event(scope_ledger: ScopeLedger, name: str) -> None:
    message = refused(*new_event("T-NEW2024", 2024), "--as", name)

    assert f"{name} (" in message and "may not add signing events" in message
    assert not Event.objects.filter(code="T-NEW2024").exists()
    assert not AuditEntry.objects.filter(action="event.create").exists()


def test_only_the_bureau_sets_an_events_rates(scope_ledger: ScopeLedger) -> None:
    message = refused("events", "rate", SCE, "EUR=7.7", "--as", "district_yubei")
    assert "district_yubei (district officer) may not change the exchange rates" in message
    assert not ExchangeRate.objects.filter(currency="EUR").exists()

    out = taizhang("events", "rate", SCE, "EUR=7.7", "USD=6.5", "--as", "bureau_admin")

    assert out.strip() == f"{SCE} now converts at EUR=7.7, USD=6.5."
    (entry,) = AuditEntry.objects.filter(action="event.rates")
    assert (entry.actor, entry.source) == ("bureau_admin", "cli")


def listed(*arguments: str) -> dict[str, int]:
    rows = json.loads(taizhang("events", "list", "--format", "json", *arguments))
    return {row["code"]: row["projects"] for row in rows}


def test_events_are_listed_with_the_projects_each_user_may_count(
    scope_ledger: ScopeLedger,
) -> None:
    whole = {SCE: 6, LJ: 2}  # the city's six (one linked from the district's) and LJ's two
    assert listed() == whole
    assert listed("--as", "viewer") == whole  # aggregates of the whole ledger
    assert listed("--as", "bureau_staff") == whole
    assert listed("--as", "district_yubei") == {SCE: 3, LJ: 0}  # 渝北区's projects only
    assert listed("--as", "district_lj") == {SCE: 1, LJ: 2}

    text = taizhang("events", "list", "--as", "district_yubei")
    assert "host Chongqing, 3 projects" in text
    assert "host Liangjiang New Area, 0 projects" in text


@pytest.mark.parametrize("name", ["security_admin", "auditor"])
def test_roles_without_ledger_data_may_not_list_events(
    scope_ledger: ScopeLedger, name: str
) -> None:
    assert "may not list the signing events" in refused("events", "list", "--as", name)


def test_one_project_is_said_in_the_singular(scope_ledger: ScopeLedger) -> None:
    assert "host Chongqing, 1 project  [USD=6.4768]" in taizhang(
        "events", "list", "--as", "district_lj"
    )


# --- regions ------------------------------------------------------------------------------

AREA_FILE = (
    "code,name_zh,name_en,level,parent_code,aliases\nT-AREA,测试功能区,Test Area,area,500000,\n"
)


def test_only_the_bureau_administrator_loads_regions(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(AREA_FILE, encoding="utf-8")
    for name in ("bureau_staff", "district_yubei", "viewer", "security_admin"):
        message = refused("regions", "load", str(path), "--as", name)
        assert f"{name} (" in message and "may not load regions" in message
    assert not Region.objects.filter(code="T-AREA").exists()

    out = taizhang("regions", "load", str(path), "--as", "bureau_admin")

    assert out.strip() == "1 region created, 0 updated, 0 unchanged."
    (entry,) = AuditEntry.objects.filter(action="region.create")
    assert (entry.actor, entry.source, entry.after["code"]) == ("bureau_admin", "cli", "T-AREA")


def test_every_ledger_role_lists_regions_and_no_other(scope_ledger: ScopeLedger) -> None:
    out = taizhang("regions", "list", "--within", "500112", "--as", "viewer")
    assert "渝北区" in out and out.strip().endswith("1 region.")
    assert "may not list the regions" in refused("regions", "list", "--as", "security_admin")
    assert "may not list the regions" in refused("regions", "list", "--as", "auditor")


# --- the audit record ---------------------------------------------------------------------


def test_the_auditor_reads_the_audit_record(scope_ledger: ScopeLedger) -> None:
    taizhang("events", "rate", SCE, "EUR=7.7", "--as", "bureau_staff")

    shown = taizhang("audit", "log", "--action", "event.rates", "--as", "auditor")
    assert "bureau_staff (command line)  event.rates" in shown
    assert "intact" in taizhang("audit", "verify", "--as", "auditor")


@pytest.mark.parametrize(
    "name", [name for name, (role, _scopes) in USERS.items() if role and name != "auditor"]
)
def test_everyone_but_the_auditor_is_refused_the_audit_record(
    scope_ledger: ScopeLedger, name: str
) -> None:
    for command in ("log", "verify"):
        message = refused("audit", command, "--as", name)
        assert f"{name} (" in message
        assert "may not read the audit record: only the auditor reads it" in message


def test_protecting_the_record_is_the_operators_not_a_users(scope_ledger: ScopeLedger) -> None:
    assert "without --as" in refused("audit", "--as", "auditor", "protect")
    assert "already protected" in taizhang("audit", "protect")


def test_in_chinese_lists_take_the_enumeration_comma_and_refusals_read_whole(
    scope_ledger: ScopeLedger,
) -> None:
    from django.utils import translation

    with translation.override("zh-hans"):
        out = taizhang("events", "rate", SCE, "EUR=7.7", "USD=6.5", "--as", "bureau_staff")
        refusal = refused("events", "rate", SCE, "EUR=7.8", "--as", "viewer")
        listed = taizhang("events", "list", "--as", "district_yubei")
    assert out.strip() == f"{SCE} 现按 EUR=7.7、USD=6.5 折算。"
    assert "viewer（查阅人员）无权修改签约活动的汇率：汇率由局工作人员和局管理员设定。" in refusal
    assert "主办地重庆市，3个项目" in listed

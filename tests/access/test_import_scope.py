"""Importing as a user: a row outside their rights is a row error, and nothing is written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.ledger.importing.pipeline import ImportOptions
from taizhang.ledger.models import Investor, Project
from taizhang.ledger.services.imports import import_ledger
from tests.access.scope_ledger import SCE, ScopeLedger

HEADER = [
    "Project name",
    "Investor",
    "Investor type",
    "Contract value",
    "Signing mode",
    "Signing date",
    "Region",
    "Sector",
    "Project code",
    "Park",
    "Industry chain",
    "Responsible person",
]


def row(
    name: str,
    region: str,
    *,
    investor: str = "渝北智造有限公司",
    kind: str = "private",
    code: str = "",
    park: str = "",
    chain: str = "",
    person: str = "",
) -> list[str]:
    return [
        name,
        investor,
        kind,
        "1.5亿元",
        "线下",
        "2021-08-23",
        region,
        "智能制造",
        code,
        park,
        chain,
        person,
    ]


def ledger_file(folder: Path, *rows: list[str]) -> Path:
    path = folder / "ledger.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run(ledger: ScopeLedger, name: str, path: Path, *, update: bool = False):
    return import_ledger(path, ImportOptions(event=SCE, update=update, user=ledger.users[name]))


def errors(report) -> list[tuple[int | None, str]]:
    return [(problem.row, str(problem.message)) for problem in report.errors]


def test_a_district_officer_imports_projects_of_their_district(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    path = ledger_file(tmp_path, row("渝北新项目", "500112"), row("两江新项目", "CQ-LJ"))
    report = run(scope_ledger, "district_yubei", path)
    assert not report.ok
    assert [(number, "outside what district_yubei (district officer) may add" in message)
            for number, message in errors(report)] == [(3, True)]  # fmt: skip
    assert report.errors[0].field == "region"
    assert not Project.objects.filter(name__in=["渝北新项目", "两江新项目"]).exists()
    report = run(scope_ledger, "district_yubei", ledger_file(tmp_path, row("渝北新项目", "500112")))
    assert report.ok and report.written
    assert Project.objects.get(name="渝北新项目").region.code == "500112"


def test_an_update_of_a_project_outside_ones_scope_is_a_row_error(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    yuzhong = scope_ledger.projects["yuzhong"]
    path = ledger_file(
        tmp_path,
        row(
            yuzhong.name,
            "500103",
            investor="四川某某有限公司",
            code=yuzhong.project_code,
            person="赵六",
        ),
    )
    report = run(scope_ledger, "district_yubei", path, update=True)
    assert errors(report) and "may not change" in errors(report)[0][1]
    yuzhong.refresh_from_db()
    assert (yuzhong.responsible_person, yuzhong.version) == ("", 1)


def test_an_update_may_not_move_a_project_out_of_ones_scope(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    project = scope_ledger.projects["yubei_owner"]
    path = ledger_file(
        tmp_path,
        row(project.name, "500103", investor="某某集团有限公司;渝北智造有限公司", kind="state",
            code=project.project_code, chain="NEV"),
    )  # fmt: skip
    report = run(scope_ledger, "district_yubei", path, update=True)
    assert "would put the project outside" in errors(report)[0][1]
    project.refresh_from_db()
    assert project.region.code == "500112"


def test_a_project_owner_updates_their_project_but_adds_none(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    project = scope_ledger.projects["yubei_owner"]
    mine = row(project.name, "500112", investor="某某集团有限公司;渝北智造有限公司", kind="state",
               code=project.project_code, chain="NEV", person="钱七")  # fmt: skip
    report = run(scope_ledger, "owner", ledger_file(tmp_path, mine), update=True)
    assert report.ok, errors(report)
    project.refresh_from_db()
    assert (project.responsible_person, project.version) == ("钱七", 2)
    new = row("新项目", "500112", investor="某某集团有限公司", kind="state")
    report = run(scope_ledger, "owner", ledger_file(tmp_path, new))
    assert "may not import projects" in str(report.errors[0].message)


def test_a_chain_chief_adds_projects_of_their_chain(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    path = ledger_file(
        tmp_path,
        row("汽车零部件项目", "500103", chain="NEV"),
        row("芯片项目", "500103", chain="EI"),
    )
    report = run(scope_ledger, "chain_chief", path)
    assert [number for number, _message in errors(report)] == [3]


def test_only_the_bureau_changes_an_investors_type(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    project = scope_ledger.projects["yubei_park"]
    path = ledger_file(
        tmp_path,
        row(project.name, "500112", kind="state", code=project.project_code,
            park="仙桃数据谷", chain="EI"),
    )  # fmt: skip
    report = run(scope_ledger, "district_yubei", path, update=True)
    assert "only the bureau may do" in " ".join(message for _row, message in errors(report))
    assert Investor.objects.get(name_zh="渝北智造有限公司").type == "private"
    assert run(scope_ledger, "bureau_staff", path, update=True).ok


@pytest.mark.parametrize("name", ["viewer", "inspector", "security_admin", "auditor"])
def test_roles_that_add_no_project_may_not_import(
    scope_ledger: ScopeLedger, tmp_path: Path, name: str
) -> None:
    report = run(scope_ledger, name, ledger_file(tmp_path, row("新项目", "500112")))
    assert not report.ok
    assert "may not import projects: nothing was read" in str(report.errors[0].message)


def test_import_ledger_as_a_user_reports_the_row_and_exits_1(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    path = ledger_file(tmp_path, row("渝北新项目", "500112"), row("渝中新项目", "500103"))
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_ledger", str(path), "--event", SCE, "--as", "district_yubei", stdout=out
        )
    assert raised.value.returncode == 1
    assert "Row 3" in out.getvalue() or "row 3" in out.getvalue()
    assert "outside what district_yubei (district officer) may add" in out.getvalue()
    assert not Project.objects.filter(name="渝北新项目").exists()


def test_a_dry_run_reports_rows_outside_ones_scope_too(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    path = ledger_file(tmp_path, row("渝中新项目", "500103"))
    report = import_ledger(
        path,
        ImportOptions(event=SCE, dry_run=True, user=scope_ledger.users["district_lj"]),
    )
    assert "outside what district_lj" in errors(report)[0][1]

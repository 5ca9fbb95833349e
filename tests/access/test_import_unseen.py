"""An import run as a scoped user says nothing of the projects outside their scope.

A row whose code or name is another district's project is refused, but its message says only
that the code or name is taken by a project the user may not see: not that project's name,
code, event, region or contract value. The file is a real .xlsx written by XlsxWriter and
imported through ``taizhang import-ledger --as``.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.ledger.models import Project
from tests.access.scope_ledger import LJ, SCE, ScopeLedger, value_of
from tests.ledger.imports.conftest import write_xlsx

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
]


def row(
    name: str, code: str = "", *, investor: str = "渝北智造有限公司", kind: str = "private"
) -> list[Any]:
    """A project of 渝北区 (the officer's district) at the ceremony, worth ¥1.5 billion."""
    return [name, investor, kind, Decimal("1500000000"), "线下", "2021-08-23", "500112",
            "智能制造", code]  # fmt: skip


def import_as(user: str | None, path: Path) -> tuple[dict[str, Any], str]:
    """The command's JSON report, and its error, importing ``path`` into the ceremony."""
    out = io.StringIO()
    arguments = [str(path), "--event", SCE, "--format", "json"]
    if user:
        arguments += ["--as", user]
    with pytest.raises(CommandError) as refused:
        call_command("import_ledger", *arguments, stdout=out)
    return json.loads(out.getvalue()), str(refused.value)


def by_row(report: dict[str, Any], kind: str = "errors") -> dict[int, str]:
    return {problem["row"]: problem["message"] for problem in report[kind]}


def describes(message: str, ledger: ScopeLedger, key: str) -> list[str]:
    """What of project ``key`` — its name, code, events, region, value — ``message`` says."""
    project = ledger.projects[key]
    said = [
        project.name,
        project.project_code,
        key,
        SCE,
        LJ,
        project.region.code,
        project.region.name_zh,
        project.region.name_en,
        f"{value_of(key):,}",
    ]
    return [text for text in said if text and text in message]


def test_rows_matching_projects_outside_the_officers_district_name_nothing_of_them(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    yuzhong = scope_ledger.projects["yuzhong"]  # 渝中区, at the ceremony: not the officer's
    lj_co_owner = scope_ledger.projects["lj_co_owner"]  # 两江新区, at the district's signing
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        [
            HEADER,
            row("渝北新建项目", yuzhong.project_code),  # 2: its code
            row(yuzhong.name, "T-999"),  # 3: its name at its event, with another code
            row("渝北另一项目"),  # 4: a project of the officer's district, new to the ledger
            row(
                lj_co_owner.name + "二", investor="两江芯片有限公司", kind="foreign"
            ),  # 5: looks like it
            row("渝北链接项目", lj_co_owner.project_code),  # 6: links it, at another value
            row(scope_ledger.projects["yubei_park"].name),  # 7: the officer's own project
        ],
    )

    report, error = import_as("district_yubei", path)

    assert "The ledger was not imported" in error
    errors = by_row(report)
    assert sorted(errors) == [2, 3, 5, 6, 7]
    who = "outside what district_yubei (district officer) may see"
    assert errors[2].startswith(
        f"The project code {yuzhong.project_code} is taken by a project {who}"
    )
    assert errors[3].startswith(f"This row's project name is taken at its event by a project {who}")
    assert errors[5].startswith(f"This row looks like a project {who}")
    assert "may not change" in errors[6]  # linking is changing the project: not theirs
    for number, key in ((2, "yuzhong"), (3, "yuzhong"), (5, "lj_co_owner"), (6, "lj_co_owner")):
        assert describes(errors[number], scope_ledger, key) in ([], [yuzhong.project_code]), (
            number,
            errors[number],
        )
    # Nor is the linked project's contract value compared with the row's in a warning.
    assert 6 not in by_row(report, "warnings")
    # The officer's own project is described as ever: they may see it.
    assert "“yubei_park 项目” code T-001 of T-SCE2021" in errors[7]
    assert not Project.objects.filter(name__startswith="渝北").exists()  # all or nothing

    # Its name alone, at its event: taken, and nothing more said.
    path = write_xlsx(tmp_path / "again.xlsx", [HEADER, row(yuzhong.name)])
    report, _error = import_as("district_yubei", path)
    assert by_row(report) == {2: errors[3]}


def test_the_operator_is_told_which_project_a_row_matches(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    yuzhong = scope_ledger.projects["yuzhong"]
    path = write_xlsx(tmp_path / "ledger.xlsx", [HEADER, row("渝北新建项目", yuzhong.project_code)])

    report, _error = import_as(None, path)

    assert by_row(report)[2] == (
        f"This project is already in the ledger for {SCE}: “{yuzhong.name}” code "
        f"{yuzhong.project_code} of {SCE}. Import with --update to update it, or delete the row."
    )


def test_an_import_for_a_user_given_in_its_options_speaks_as_that_user(
    scope_ledger: ScopeLedger, tmp_path: Path
) -> None:
    # A caller (a page, later) that names the user in ImportOptions without acting as them:
    # the messages must hide what that user may not see, as the rows' rights do.
    from taizhang.ledger.importing.pipeline import ImportOptions
    from taizhang.ledger.services.imports import import_ledger

    yuzhong = scope_ledger.projects["yuzhong"]
    path = write_xlsx(tmp_path / "ledger.xlsx", [HEADER, row("渝北新建项目", yuzhong.project_code)])

    report = import_ledger(
        path, ImportOptions(event=SCE, user=scope_ledger.users["district_yubei"])
    )

    [error] = report.errors
    assert str(error.message).startswith(f"The project code {yuzhong.project_code} is taken")
    assert describes(str(error.message), scope_ledger, "yuzhong") == [yuzhong.project_code]

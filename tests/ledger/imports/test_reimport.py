"""Importing again: an error without --update, an update in place with it, never a duplicate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.ledger.models import Announcement, Investor, Project

from .conftest import CHINESE, ENGLISH, project, run, write_xlsx

pytestmark = pytest.mark.django_db

CODE_HEADERS = [*CHINESE, "项目代码", "责任单位"]


def ledger(tmp_path, *rows, name="ledger.xlsx"):
    return write_xlsx(tmp_path / name, [CODE_HEADERS, *rows])


def test_importing_the_same_file_twice_is_an_error_and_creates_no_duplicate(tmp_path, sce2021):
    path = ledger(
        tmp_path, [*project("甲项目"), "CODE-1", "渝北区"], [*project("乙项目"), None, ""]
    )
    assert run(path, event="SCE2021").ok

    again = run(path, event="SCE2021")

    assert not again.ok
    assert [(p.row, p.field) for p in again.errors] == [(2, "project_code"), (3, "name")]
    assert "already in the ledger for SCE2021" in str(again.errors[0].message)
    assert "--update" in str(again.errors[0].message)
    assert Project.objects.count() == 2
    assert Announcement.objects.count() == 2


def test_an_unchanged_file_imported_with_update_changes_nothing(tmp_path, sce2021):
    path = ledger(
        tmp_path, [*project("甲项目"), "CODE-1", "渝北区"], [*project("乙项目"), None, ""]
    )
    run(path, event="SCE2021")
    before = {p.pk: (p.version, p.updated_at) for p in Project.objects.all()}

    again = run(path, event="SCE2021", update=True)

    assert again.ok, again.as_text()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert {p.pk: (p.version, p.updated_at) for p in Project.objects.all()} == before


def test_update_changes_a_project_in_place_and_bumps_its_version(tmp_path, sce2021):
    run(ledger(tmp_path, [*project("甲项目"), "CODE-1", "渝北区"]), event="SCE2021")
    original = Project.objects.get()

    changed = ledger(
        tmp_path,
        [*project("甲项目（一期）", value="2亿元", region="江北区"), "CODE-1", "江北区招商局"],
        name="changed.xlsx",
    )
    report = run(changed, event="SCE2021", update=True)

    assert report.ok, report.as_text()
    assert (report.created, report.updated) == (0, 1)
    project_now = Project.objects.get()
    assert project_now.pk == original.pk
    assert project_now.name == "甲项目（一期）"
    assert project_now.value == Decimal("200000000.00")
    assert project_now.region.code == "500105"
    assert project_now.responsible_unit == "江北区招商局"
    assert project_now.version == original.version + 1


def test_a_row_without_a_code_updates_the_project_of_the_same_name_and_adds_its_code(
    tmp_path, sce2021
):
    run(ledger(tmp_path, [*project("重庆智能工厂"), None, ""]), event="SCE2021")

    report = run(
        ledger(tmp_path, [*project("重庆 智能 工厂"), "CODE-9", ""], name="coded.xlsx"),
        event="SCE2021",
        update=True,
    )

    assert report.ok, report.as_text()
    assert report.updated == 1
    assert Project.objects.get().project_code == "CODE-9"


def test_update_replaces_the_investors_and_the_lead(tmp_path, sce2021):
    run(ledger(tmp_path, [*project("甲项目", "甲公司"), "CODE-1", ""]), event="SCE2021")

    report = run(
        ledger(tmp_path, [*project("甲项目", "乙公司；甲公司"), "CODE-1", ""], name="new.xlsx"),
        event="SCE2021",
        update=True,
    )

    assert report.ok, report.as_text()
    updated = Project.objects.get()
    assert updated.lead_investor.name == "乙公司"
    assert [link.investor.name for link in updated.investor_links.all()] == ["乙公司", "甲公司"]
    assert updated.version == 2


def test_a_code_is_never_cleared_by_a_row_without_one(tmp_path, sce2021):
    run(ledger(tmp_path, [*project("甲项目"), "CODE-1", ""]), event="SCE2021")

    report = run(
        ledger(tmp_path, [*project("甲项目"), None, ""], name="no-code.xlsx"),
        event="SCE2021",
        update=True,
    )

    assert report.ok, report.as_text()
    assert report.unchanged == 1
    assert Project.objects.get().project_code == "CODE-1"


def test_a_row_whose_code_differs_from_the_project_of_its_name_is_an_error(tmp_path, sce2021):
    run(ledger(tmp_path, [*project("甲项目"), "CODE-1", ""]), event="SCE2021")

    report = run(
        ledger(tmp_path, [*project("甲项目"), "CODE-2", ""], name="other-code.xlsx"),
        event="SCE2021",
        update=True,
    )

    assert [p.field for p in report.errors] == ["project_code"]
    assert "CODE-1" in str(report.errors[0].message)


def test_an_investor_recorded_with_another_type_is_an_error_unless_update(tmp_path, sce2021):
    run(
        write_xlsx(tmp_path / "a.xlsx", [ENGLISH, project("First", "Acme Ltd", "private")]),
        event="SCE2021",
    )
    second = write_xlsx(tmp_path / "b.xlsx", [ENGLISH, project("Second", "Acme Ltd", "state")])

    refused = run(second, event="SCE2021")
    assert [(p.row, p.field) for p in refused.errors] == [(2, "investor_type")]
    assert "recorded in the ledger as private" in str(refused.errors[0].message)

    accepted = run(second, event="SCE2021", update=True)
    assert accepted.ok, accepted.as_text()
    assert accepted.investors_updated == 1
    assert any("is changed to state-owned" in str(w.message) for w in accepted.warnings)
    assert Investor.objects.get(name_en="Acme Ltd").type == "state"


def test_rows_giving_one_new_investor_two_types_are_an_error(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "types.xlsx",
        [ENGLISH, project("First", "Acme Ltd", "private"), project("Second", "Acme Ltd", "state")],
    )

    report = run(path, event="SCE2021", batch_size=1)

    assert [(p.row, p.field) for p in report.errors] == [(3, "investor_type")]
    assert "row 2 says private" in str(report.errors[0].message)


def test_a_co_investor_first_seen_is_other_until_a_row_names_it_lead(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "co.xlsx",
        [
            ENGLISH,
            project("First", "Lead Ltd; Partner Ltd", "private"),
            project("Second", "Partner Ltd", "foreign"),
        ],
    )

    report = run(path, event="SCE2021", batch_size=1)

    assert report.ok, report.as_text()
    assert report.investors_created == 2
    assert Investor.objects.get(name_en="Partner Ltd").type == "foreign"


def test_an_investors_origin_is_filled_in_but_not_changed_without_update(tmp_path, sce2021):
    headers = [*ENGLISH, "Investor origin"]
    run(write_xlsx(tmp_path / "a.xlsx", [ENGLISH, project("First", "Acme Ltd")]), event="SCE2021")

    filled = run(
        write_xlsx(tmp_path / "b.xlsx", [headers, [*project("Second", "Acme Ltd"), "香港"]]),
        event="SCE2021",
    )
    assert filled.ok, filled.as_text()
    assert Investor.objects.get(name_en="Acme Ltd").origin.code == "810000"

    third = write_xlsx(tmp_path / "c.xlsx", [headers, [*project("Third", "Acme Ltd"), "广东省"]])
    refused = run(third, event="SCE2021")
    assert [(p.row, p.field) for p in refused.errors] == [(2, "investor_origin")]
    assert "--update" in str(refused.errors[0].message)

    changed = run(third, event="SCE2021", update=True)
    assert changed.ok, changed.as_text()
    assert Investor.objects.get(name_en="Acme Ltd").origin.code == "440000"

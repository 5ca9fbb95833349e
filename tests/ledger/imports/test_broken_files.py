"""Broken ledgers are refused whole, each problem placed at its row and column."""

from __future__ import annotations

import os
import zipfile

import pytest

from taizhang.ledger.models import Investor, Project

from .conftest import (
    CHINESE,
    ENGLISH,
    Merge,
    Sheet,
    messages,
    project,
    run,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def only_error(report):
    assert not report.ok
    assert len(report.errors) == 1, report.as_text()
    return report.errors[0]


def test_bad_amounts_are_each_reported_at_their_cell(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "amounts.xlsx",
        [
            CHINESE,
            project("零", value="0"),
            project("负数", value="-3亿"),
            project("看不懂", value="约3亿"),
            project("空", value=None),
            project("好的"),
        ],
    )

    report = run(path, event="SCE2021")

    assert not report.ok
    assert [(p.row, p.column, p.header, p.field) for p in report.errors] == [
        (2, "D", "合同投资额", "value"),
        (3, "D", "合同投资额", "value"),
        (4, "D", "合同投资额", "value"),
        (5, "D", "合同投资额", "value"),
    ]
    assert "is zero" in str(report.errors[0].message)
    assert "is negative" in str(report.errors[1].message)
    assert report.errors[2].value == "约3亿"
    assert "empty" in str(report.errors[3].message)
    assert Project.objects.count() == 0


def test_an_unknown_region_is_an_error_offering_close_names(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "region.xlsx", [CHINESE, project("甲项目", region="渝北去")])

    problem = only_error(run(path, event="SCE2021"))

    assert (problem.row, problem.column, problem.field) == (2, "G", "region")
    assert "渝北去" in str(problem.message)
    assert "渝北区" in str(problem.message)


def test_a_country_is_no_region_for_a_project_to_land_in(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "country.xlsx", [CHINESE, project("甲项目", region="美国")])

    problem = only_error(run(path, event="SCE2021"))

    assert "is a country" in str(problem.message)


def test_a_missing_required_column_is_an_error_naming_it(tmp_path, sce2021):
    headers = [header for header in CHINESE if header != "行业领域"]
    path = write_xlsx(tmp_path / "missing.xlsx", [headers, project("甲项目")[:7]])

    problem = only_error(run(path, event="SCE2021"))

    assert problem.field == "sector"
    assert "Sector (行业领域) is missing" in str(problem.message)


def test_without_an_event_option_or_column_the_event_column_is_missing(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "no-event.xlsx", [CHINESE, project("甲项目")])

    problem = only_error(run(path))

    assert problem.field == "event"
    assert "--event" in str(problem.message)


def test_an_unknown_event_option_is_one_clear_error(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "ledger.xlsx", [CHINESE, project("甲项目")])

    problem = only_error(run(path, event="SCE2099"))

    assert "no event with the code SCE2099" in str(problem.message)
    assert "SCE2021" in str(problem.message)


def test_a_row_of_another_event_than_the_option_says_is_an_error(tmp_path, sce2021, lj2021):
    path = write_xlsx(
        tmp_path / "mixed.xlsx", [[*CHINESE, "签约活动"], [*project("甲项目"), "LJ2021"]]
    )

    problem = only_error(run(path, event="SCE2021"))

    assert (problem.row, problem.column, problem.field) == (2, "I", "event")
    assert "LJ2021" in str(problem.message)


def test_the_same_project_twice_in_one_file_names_both_rows(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "twice.xlsx",
        [CHINESE, project("重庆智能工厂"), project("其他项目"), project("重庆 智能工厂")],
    )

    problem = only_error(run(path, event="SCE2021"))

    assert problem.row == 4
    assert "Row 4 is the same project as row 2" in str(problem.message)
    assert Project.objects.count() == 0


def test_the_same_project_code_twice_at_one_event_is_a_duplicate_too(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "codes.xlsx",
        [
            [*ENGLISH, "Project code"],
            [*project("First name"), "2021-500112-39-03-000001"],
            [*project("Second name"), "2021-500112-39-03-000001"],
        ],
    )

    problem = only_error(run(path, event="SCE2021"))

    assert (problem.row, problem.field) == (3, "project_code")
    assert "row 2" in str(problem.message)


def test_merged_header_cells_are_an_error_naming_the_cells(tmp_path, sce2021):
    rows = [[*CHINESE, "备注", None], project("甲项目")]
    sheet = Sheet(rows, merges=[Merge(0, 8, 0, 9, "备注")])
    path = write_xlsx(tmp_path / "merged.xlsx", sheet)

    report = run(path, event="SCE2021")

    assert not report.ok
    assert any("Header cells I1:J1 are merged" in text for text in messages(report))
    assert not any("has no header" in text for text in messages(report))


def test_a_merged_amount_over_several_rows_is_an_error(tmp_path, sce2021):
    rows = [CHINESE, project("甲项目"), project("乙项目", value=None)]
    sheet = Sheet(rows, merges=[Merge(1, 3, 2, 3, "2亿元")])
    path = write_xlsx(tmp_path / "merged-amount.xlsx", sheet)

    report = run(path, event="SCE2021")

    assert not report.ok
    assert any("Cells D2:D3 are merged" in text for text in messages(report))


def test_a_merged_region_over_several_rows_gives_each_row_the_region(tmp_path, sce2021):
    rows = [CHINESE, project("甲项目", region="两江新区"), project("乙项目", region=None)]
    sheet = Sheet(rows, merges=[Merge(1, 6, 2, 6, "两江新区")])
    path = write_xlsx(tmp_path / "merged-region.xlsx", sheet)

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert set(Project.objects.values_list("region__code", flat=True)) == {"CQ-LJ"}
    assert any("rows 2–3 each take its value" in str(w.message) for w in report.warnings)


def test_an_empty_sheet_is_one_clear_error(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "empty-sheet.xlsx", [])

    problem = only_error(run(path, event="SCE2021"))

    assert "is empty" in str(problem.message)


def test_a_sheet_with_only_a_header_has_no_data_rows(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "header-only.xlsx", [CHINESE])

    problem = only_error(run(path, event="SCE2021"))

    assert "no data rows" in str(problem.message)


def test_a_sheet_that_is_not_there_is_named_with_the_sheets_that_are(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "ledger.xlsx", Sheet([CHINESE, project("甲项目")], name="台账"))

    problem = only_error(run(path, event="SCE2021", sheet="Sheet9"))

    assert "no sheet named “Sheet9”" in str(problem.message)
    assert "台账" in str(problem.message)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("random.xlsx", os.urandom(4096), "not one"),
        ("empty.xlsx", b"", "is empty"),
        ("ledger.csv", b"", "is empty"),
        ("random.csv", bytes(range(256)) * 8, "binary data"),
        ("table.xls", "项目名称,投资方\n".encode(), "not one"),
        ("ledger.pdf", b"%PDF-1.4 not a ledger", "not a ledger file"),
    ],
)
def test_a_file_that_is_not_a_ledger_is_one_clear_error(tmp_path, sce2021, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)

    problem = only_error(run(path, event="SCE2021"))

    assert says in str(problem.message)
    assert problem.row is None


def test_a_word_document_renamed_xlsx_is_called_what_it_is(tmp_path, sce2021):
    path = tmp_path / "ledger.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")

    problem = only_error(run(path, event="SCE2021"))

    assert "a Word document, not an Excel workbook" in str(problem.message)


def test_a_missing_file_is_one_clear_error(tmp_path, sce2021):
    problem = only_error(run(tmp_path / "nowhere.xlsx", event="SCE2021"))

    assert "There is no file" in str(problem.message)


def test_a_csv_that_is_neither_utf8_nor_gb18030_is_refused_with_what_to_do(tmp_path, sce2021):
    path = tmp_path / "utf16.csv"
    path.write_bytes("项目名称,投资方\n".encode("utf-16"))

    problem = only_error(run(path, event="SCE2021"))

    assert "UTF-16" in str(problem.message)
    assert "CSV UTF-8" in str(problem.message)


def test_an_unknown_park_and_chain_are_errors_saying_how_to_add_them(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "park.xlsx",
        [[*CHINESE, "所在园区", "产业链"], [*project("甲项目"), "不存在的园区", "不存在的链"]],
    )

    report = run(path, event="SCE2021")

    assert [problem.field for problem in report.errors] == ["park", "industry_chain"]
    assert "Ledger › Parks" in messages(report)[0]
    assert "Ledger › Industry chains" in messages(report)[1]


def test_a_park_outside_the_rows_region_is_an_error(tmp_path, sce2021):
    from taizhang.ledger.models import Park, Region

    Park.objects.create(region=Region.objects.get(code="CQ-LJ"), name_zh="两江数字经济产业园")
    path = write_xlsx(
        tmp_path / "park.xlsx",
        [[*CHINESE, "所在园区"], [*project("甲项目", region="江津区"), "两江数字经济产业园"]],
    )

    problem = only_error(run(path, event="SCE2021"))

    assert problem.field == "park"
    assert "not in Jiangjin District (500116)" in str(problem.message)


def test_an_amount_in_a_currency_the_event_has_no_rate_for_is_an_error(tmp_path, sce2021):
    path = write_csv(tmp_path / "eur.csv", [ENGLISH, project("Euro project", value="€50m")])

    problem = only_error(run(path, event="SCE2021"))

    assert problem.field == "value"
    assert "EUR" in str(problem.message)
    assert "EUR=" in str(problem.message)  # how to add the rate
    assert Investor.objects.count() == 0

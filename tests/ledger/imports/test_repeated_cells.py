"""Cells that repeat down a column are worked out once and remembered; what is remembered must
be what working them out again would give, row after row, however many values a column has.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from taizhang.ledger.importing import rows
from taizhang.ledger.importing.problems import Problem
from tests.ledger.imports.conftest import CHINESE, ENGLISH, project, run, write_xlsx

SIGNED = datetime.date(2021, 8, 23)


def write_typed_xlsx(path: Path, header: list[str], data: list[list[Any]]) -> Path:
    """A workbook whose cells keep their type: a boolean cell, a number cell, a text cell."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("台账")
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, cells in enumerate(data, start=1):
        for c, value in enumerate(cells):
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    return path


def problems(report) -> list[Problem]:
    return [*report.errors, *report.warnings]


def problems_by_row(report) -> list[tuple[int | None, str, str]]:
    return [(problem.row, problem.field, str(problem.message)) for problem in problems(report)]


def test_the_number_1_the_boolean_true_and_the_text_1_are_three_different_cells(
    tmp_path, sce2021
) -> None:
    # Equal to Python (1 == True == 1.0), so remembered by value alone they would be mixed up.
    cells = [1, True, "1", 1.0, True, 1, "1"]
    path = write_typed_xlsx(
        tmp_path / "typed.xlsx",
        ENGLISH,
        [project(f"项目{n}", date=cell) for n, cell in enumerate(cells)],
    )
    report = run(path, event="SCE2021", dry_run=True)
    found = {row: message for row, field, message in problems_by_row(report) if field}
    as_number = "1 is a number, and as an Excel date it is not between 1950-01-01 and 2100-12-31"
    assert found[2].startswith(as_number)
    assert found[3].startswith("“TRUE” is not a date")
    assert found[4].startswith("“1” is not a date")
    assert found[5].startswith(as_number)
    assert found[6].startswith("“TRUE” is not a date")
    assert found[7].startswith(as_number)
    assert found[8].startswith("“1” is not a date")


def test_every_row_repeating_a_cell_gets_its_problem_in_its_own_row_and_column(
    tmp_path, sce2021
) -> None:
    path = write_xlsx(
        tmp_path / "modes.xlsx",
        [
            CHINESE,
            project("甲项目", mode="直播"),
            project("乙项目", mode="线下签约"),
            project("丙项目", mode="直播"),
            project("丁项目", region="火星区", mode="直播"),
        ],
    )
    report = run(path, event="SCE2021", dry_run=True)
    modes = [(p.row, p.column, p.header) for p in problems(report) if p.field == "mode"]
    assert modes == [(2, "E", "签约方式"), (4, "E", "签约方式"), (5, "E", "签约方式")]
    assert [p.row for p in problems(report) if p.field == "region"] == [5]


def test_a_column_of_more_values_than_are_remembered_reads_as_one_of_few(
    tmp_path, sce2021, monkeypatch
) -> None:
    # Regions, modes, dates and types cycling through more values than the outcomes kept.
    regions = ["渝北区", "江北区", "火星区", "渝中区", "", "沙坪坝区"]
    modes = ["offline", "直播", "online", "", "offsite"]
    dates = [SIGNED, "2021-02-30", "2021年8月20日", SIGNED, "8/23/2021", 45432]
    types = ["private", "state", "混合所有制", "foreign", "", "其他", "国企"]
    data = [
        project(
            f"项目{n}",
            investor_type=types[n % len(types)],
            mode=modes[n % len(modes)],
            date=dates[n % len(dates)],
            region=regions[n % len(regions)],
        )
        for n in range(60)
    ]
    path = write_typed_xlsx(tmp_path / "many.xlsx", CHINESE, data)
    remembered = problems_by_row(run(path, event="SCE2021", dry_run=True))
    monkeypatch.setattr(rows, "CACHE_SIZE", 2)
    forgotten = problems_by_row(run(path, event="SCE2021", dry_run=True))
    assert forgotten == remembered
    assert len({row for row, _field, _message in remembered}) > 30

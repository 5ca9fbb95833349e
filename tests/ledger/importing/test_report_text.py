"""The import report's text: each problem's place and the summary are whole sentences, so that
Chinese can order them as Chinese does, and the lists in them use the language's separator."""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.ledger.importing.problems import Problem, Severity
from taizhang.ledger.importing.report import ImportReport, describe

WRONG = "“很多” is not an amount"


@pytest.mark.parametrize(
    ("problem", "english", "chinese"),
    [
        (
            Problem(Severity.ERROR, WRONG, row=5, column="D", header="合同投资额"),
            f"Row 5, column D “合同投资额”: {WRONG}",
            f"第5行第D列“合同投资额”：{WRONG}",
        ),
        (
            Problem(Severity.ERROR, WRONG, row=5, column="D"),
            f"Row 5, column D: {WRONG}",
            f"第5行第D列：{WRONG}",
        ),
        (Problem(Severity.ERROR, WRONG, row=5), f"Row 5: {WRONG}", f"第5行：{WRONG}"),
        # The header row's problems, and the whole file's, say where they are themselves.
        (Problem(Severity.ERROR, WRONG, row=1, column="D"), WRONG, WRONG),
        (Problem(Severity.ERROR, WRONG), WRONG, WRONG),
    ],
)
def test_a_problem_is_placed_by_row_column_and_header_in_either_language(
    problem: Problem, english: str, chinese: str
) -> None:
    assert describe(problem) == english
    with translation.override("zh-hans"):
        assert describe(problem) == chinese


def report(**counts: object) -> ImportReport:
    return ImportReport(rows_read=4, created=2, updated=1, linked=0, unchanged=1, **counts)


def test_a_written_import_with_every_clause_sums_up_in_one_sentence() -> None:
    done = report(written=True, investors_created=3, investors_updated=1, categories=["甲", "乙"])
    assert done.summary_line() == (
        "Summary: 4 rows read; 2 projects created, 1 updated, 0 linked to this event, "
        "1 unchanged; 3 investors created; 1 investors changed; 2 sector categories created "
        "(甲, 乙); 0 warnings, 0 errors."
    )
    with translation.override("zh-hans"):
        assert done.summary_line() == (
            "汇总：读取4行；新建项目2个，更新1个，关联到本签约活动0个，无变化1个；"
            "新建投资方3个，更新投资方1个；新建行业领域类别2个（甲、乙）；警告0条，错误0处。"
        )


def test_a_dry_run_says_what_the_file_would_do() -> None:
    dry = report(dry_run=True, investors_created=3, investors_updated=1, categories=["甲"])
    assert dry.summary_line() == (
        "Summary: 4 rows read; the file would create 2 projects, update 1, link 0 to this event "
        "and leave 1 unchanged; 3 investors would be created; 1 would be changed; 1 sector "
        "categories to create (甲); 0 warnings, 0 errors."
    )
    with translation.override("zh-hans"):
        assert dry.summary_line() == (
            "汇总：读取4行；导入该文件将新建项目2个，更新1个，关联到本签约活动0个，无变化1个；"
            "将新建投资方3个，更新投资方1个；将新建行业领域类别1个（甲）；警告0条，错误0处。"
        )


@pytest.mark.parametrize(
    ("counts", "present", "absent"),
    [
        ({}, [], ["investors changed", "would be changed", "sector categories"]),
        ({"investors_updated": 2}, ["2 investors changed"], ["sector categories"]),
        ({"categories": ["甲"]}, ["1 sector categories created (甲)"], ["investors changed"]),
    ],
)
def test_a_clause_appears_only_when_it_has_something_to_say(
    counts: dict[str, object], present: list[str], absent: list[str]
) -> None:
    line = report(written=True, **counts).summary_line()
    assert line.endswith("; 0 warnings, 0 errors.")
    assert all(text in line for text in present)
    assert not any(text in line for text in absent)

"""A problem in reference data names its place (file, row, column) in a whole sentence of the
active language, and lists inside its message use that language's separator."""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.ledger.reference.csvfile import parse_region_csv
from taizhang.ledger.reference.rows import Problem, ReferenceDataError

WRONG = "the code is empty"


@pytest.mark.parametrize(
    ("problem", "english", "chinese"),
    [
        (
            Problem(WRONG, "regions.csv", 3, "parent_code"),
            f"regions.csv, row 3, column parent_code: {WRONG}",
            f"regions.csv，第3行，parent_code列：{WRONG}",
        ),
        (
            Problem(WRONG, "regions.csv", 3),
            f"regions.csv, row 3: {WRONG}",
            f"regions.csv，第3行：{WRONG}",
        ),
        (
            Problem(WRONG, "regions.csv", column="B"),
            f"regions.csv, column B: {WRONG}",
            f"regions.csv，B列：{WRONG}",
        ),
        (Problem(WRONG, "regions.csv"), f"regions.csv: {WRONG}", f"regions.csv：{WRONG}"),
        (Problem(WRONG, row=3, column="B"), f"row 3, column B: {WRONG}", f"第3行，B列：{WRONG}"),
        (Problem(WRONG, row=3), f"row 3: {WRONG}", f"第3行：{WRONG}"),
        (Problem(WRONG, column="B"), f"column B: {WRONG}", f"B列：{WRONG}"),
        (Problem(WRONG), WRONG, WRONG),
    ],
)
def test_a_problem_names_what_is_known_of_its_place(
    problem: Problem, english: str, chinese: str
) -> None:
    with translation.override("en"):
        assert str(problem) == english
    with translation.override("zh-hans"):
        assert str(problem) == chinese


def test_the_columns_a_header_may_have_are_listed_as_the_language_lists_them() -> None:
    with translation.override("zh-hans"), pytest.raises(ReferenceDataError) as raised:
        parse_region_csv("code,name_zh,level,parent_code,colour\n", source="regions.csv")
    assert str(raised.value) == (
        "regions.csv，第1行，E列：“colour”不是地区文件的列；地区文件的列为 "
        "code、name_zh、name_en、level、parent_code、aliases。"
    )

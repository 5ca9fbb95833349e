"""Problems carry where they are, the value, and a message; columns are named by their letters."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from taizhang.ledger.importing.cells import cell_text, is_blank
from taizhang.ledger.importing.problems import CellError, Problem, Severity, column_letter
from taizhang.ledger.importing.vocabularies import parse_project_type


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"),
     (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)  # fmt: skip
def test_a_column_index_is_named_by_the_spreadsheets_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_a_negative_column_index_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        column_letter(-1)


def test_a_cell_problem_is_placed_by_the_row_validator_and_reported_as_json() -> None:
    problem = CellError("“x” is not an amount.", value=1.2).problem
    placed = problem.at(row=12, column="D", header="合同投资额（亿元）", field="value")
    assert problem.row is None  # placing makes a new problem
    assert placed.as_dict() == {
        "row": 12,
        "column": "D",
        "header": "合同投资额（亿元）",
        "field": "value",
        "value": "1.2",
        "message": "“x” is not an amount.",
    }
    assert placed.is_error
    assert placed.at(row=13).column == "D"  # what is not given stays


def test_a_warning_is_not_an_error() -> None:
    assert not Problem(Severity.WARNING, "careful").is_error


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  1.2亿 ", "  1.2亿 "),
        (1.2, "1.2"),
        (1200.0, "1200"),
        (0.30000000000000004, "0.30000000000000004"),
        (1e20, "1e+20"),
        (42, "42"),
        (True, "TRUE"),
        (Decimal("1.20"), "1.20"),
        (Decimal("1E+3"), "1000"),
        (datetime.date(2021, 8, 23), "2021-08-23"),
        (datetime.datetime(2021, 8, 23), "2021-08-23"),
        (datetime.datetime(2021, 8, 23, 9, 30), "2021-08-23 09:30:00"),
    ],
)
def test_a_value_is_shown_as_the_spreadsheet_shows_it(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("value", "blank"),
    [(None, True), ("", True), ("  \u3000\t", True), ("\u200b", True), ("0", False), (0, False)],
)
def test_a_blank_cell_is_nothing_or_spaces(value: object, blank: bool) -> None:
    assert is_blank(value) is blank


def test_a_long_value_is_cut_short_in_a_message() -> None:
    with pytest.raises(CellError) as caught:
        parse_project_type("新" * 100)
    assert "新" * 59 + "…”" in str(caught.value)
    assert caught.value.problem.value == "新" * 100  # the report keeps the whole value

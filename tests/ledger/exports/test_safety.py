"""Formula-like text: quoted in CSV so that no spreadsheet runs it, and unquoted on import."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.exporting.safety import csv_text, is_formula_like, unquote_csv_text


@pytest.mark.parametrize(
    "text", ["=1+1", "+86 123", "-2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']
)
def test_text_starting_like_a_formula_is_quoted(text: str):
    assert is_formula_like(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["项目", "A=1", "1-2", "'quoted", "'", "", " =1"])
def test_other_text_is_left_alone(text: str):
    assert csv_text(text) == text
    assert unquote_csv_text(text) == text


def test_text_already_quoted_before_a_formula_keeps_its_quote():
    assert csv_text("'=x") == "''=x"
    assert unquote_csv_text("''=x") == "'=x"


@given(st.text())
def test_unquoting_what_was_quoted_gives_the_text_back(text: str):
    assert unquote_csv_text(csv_text(text)) == text


@given(st.text())
def test_what_a_csv_export_writes_never_starts_like_a_formula(text: str):
    assert not is_formula_like(csv_text(text))

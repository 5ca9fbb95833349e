"""is_blank decides most cells from their first character; it must agree with folding the cell.

A cell is blank when folding it (:func:`~taizhang.ledger.importing.cells.fold`: invisible
characters removed, NFKC, outer spaces stripped) leaves nothing. Text starting with a visible
character is taken as not blank without folding it: these tests check that folding agrees,
for every character Python knows and for text made of the characters that are hardest on it.
"""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.importing.cells import fold, is_blank

# Characters around which blankness is decided: spaces of every kind, invisible ones, and
# compatibility characters that NFKC turns into a space and a combining mark (´ ¨ ˘).
HARD = [" ", "\t", "\n", "\u00a0", "\u3000", "\u2002", "\u200b", "\u2060", "\ufeff"]
HARD += ["\u180e", "\u00b4", "\u00a8", "\u02d8", "\u0301", "a", "中", "Ａ"]


def test_a_single_character_is_blank_exactly_when_folding_leaves_nothing() -> None:
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        assert is_blank(character) == (not fold(character)), f"U+{code:04X}"


@given(st.lists(st.sampled_from(HARD), max_size=6).map("".join))
def test_text_of_spaces_and_marks_is_blank_exactly_when_folding_leaves_nothing(text: str) -> None:
    assert is_blank(text) == (not fold(text))


@given(st.text())
def test_any_text_is_blank_exactly_when_folding_leaves_nothing(text: str) -> None:
    assert is_blank(text) == (not fold(text))


def test_a_cell_that_is_not_text_is_blank_only_when_it_is_nothing() -> None:
    assert is_blank(None)
    assert not is_blank(0)
    assert not is_blank(0.0)
    assert not is_blank(False)

"""investor_names reads a cell naming one investor without splitting it; it must read every cell
as the splitting rule says, and give each name's matching key beside it.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.importing.cells import is_blank
from taizhang.ledger.importing.problems import CellError
from taizhang.ledger.importing.vocabularies import (
    INVESTOR_NAME_LIMIT,
    investor_names,
    split_investors,
)
from taizhang.ledger.normalise import normalise_name

# The rule, written out independently of the module: split at ; ； 、 and line breaks, strip
# each name; no name may be empty, too long, or the same as another (by matching key).
_SEPARATOR = re.compile(r"[;；、]|\r?\n")


def by_the_rule(text: str) -> list[str] | None:
    """The names ``text`` gives, or None when it is an error."""
    if is_blank(text):
        return None
    names = [name.strip() for name in _SEPARATOR.split(text)]
    keys = [normalise_name(name) for name in names]
    if not all(names) or any(len(name) > INVESTOR_NAME_LIMIT for name in names):
        return None
    if len(set(keys)) != len(keys):
        return None
    return names


PIECES = ["甲公司", "乙 公司", "Acme Ltd.", "ACME LTD", " ", "\u3000", "\u200b", "\r", "\t"]
PIECES += [";", "；", "、", "\n", "\r\n", "（中国）", "甲" * 120, "", "360"]


@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_a_cell_gives_the_names_of_the_rule_and_their_keys(text: str) -> None:
    expected = by_the_rule(text)
    if expected is None:
        with pytest.raises(CellError):
            investor_names(text)
        return
    names, keys = investor_names(text)
    assert names == expected
    assert keys == [normalise_name(name) for name in expected]
    assert split_investors(text) == expected


@given(st.text())
def test_any_text_gives_the_names_of_the_rule(text: str) -> None:
    expected = by_the_rule(text)
    if expected is None:
        with pytest.raises(CellError):
            investor_names(text)
    else:
        assert investor_names(text)[0] == expected


def test_one_investor_is_read_with_its_key() -> None:
    assert investor_names("  德美工业技术（中国）有限公司\u3000") == (
        ["德美工业技术（中国）有限公司"],
        ["德美工业技术中国有限公司"],
    )


def test_a_name_too_long_to_store_is_an_error_even_alone() -> None:
    with translation.override("en"), pytest.raises(CellError) as caught:
        investor_names("甲" * (INVESTOR_NAME_LIMIT + 1))
    assert "is longer than 200 characters" in str(caught.value)


def test_a_number_cell_names_one_investor() -> None:
    assert investor_names(360) == (["360"], ["360"])

"""Whatever a cell holds, a parser returns a value or raises CellError: never anything else.

A million-row file written by hand holds every kind of slip; one unexpected exception would
stop an import with a traceback instead of a list of problems.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.importing.amounts import parse_amount
from taizhang.ledger.importing.currencies import parse_currency
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import match_header
from taizhang.ledger.importing.problems import CellError
from taizhang.ledger.importing.units import YI, parse_unit
from taizhang.ledger.importing.vocabularies import (
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
    split_investors,
)

# Text made of what ledgers are made of, so that near-misses are generated, not only noise.
ledger_text = st.text(
    alphabet=st.sampled_from(list("0123456789.,-+ ¥$€亿万千元美eEmbkKUSDusd年月日/（）()：:；、;x"))
)
cells = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.dates()
    | st.datetimes()
    | st.text()
    | ledger_text
)

PARSERS = [
    lambda cell: parse_amount(cell),
    lambda cell: parse_amount(cell, YI),
    parse_date,
    parse_currency,
    parse_investor_type,
    parse_signing_mode,
    parse_project_type,
    parse_strategic_emerging,
    split_investors,
    match_header,
]


@pytest.mark.parametrize("parse", PARSERS)
@given(cell=cells)
def test_a_parser_returns_a_value_or_raises_a_cell_error(parse, cell: object) -> None:
    try:
        parse(cell)
    except CellError as error:
        assert str(error.problem.message)


@given(st.text() | ledger_text)
def test_reading_a_unit_never_fails(text: str) -> None:
    parse_unit(text)

"""Amounts in an .xlsx file are doubles: written as numbers only where that is exact."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.exporting.numbers import amount_format, as_double
from taizhang.ledger.exporting.rows import KEYS, headers
from taizhang.ledger.exporting.xlsx import write_xlsx
from taizhang.ledger.importing.amounts import in_unit, parse_amount
from taizhang.ledger.importing.units import EXPORT_UNITS
from tests.ledger.exports.conftest import exact, read_xlsx

#: Every amount the ledger stores up to 10 trillion yuan, to the fen: 15 significant digits.
FENS = st.integers(min_value=1, max_value=10**15 - 1)


@given(fens=FENS, unit=st.sampled_from(list(EXPORT_UNITS)))
def test_every_amount_of_up_to_15_digits_in_every_unit_is_an_exact_double(fens: int, unit: str):
    yuan = Decimal(fens).scaleb(-2)
    in_the_unit = in_unit(yuan, EXPORT_UNITS[unit])
    number = as_double(in_the_unit)
    assert number is not None
    assert Decimal(repr(number)) == in_the_unit
    # and the importer, reading that number under the unit's header, gets the yuan back
    assert parse_amount(number, EXPORT_UNITS[unit]).value == yuan


@pytest.mark.parametrize(
    "amount",
    [Decimal("12345678901234567.89"), Decimal("1234567890123456"), Decimal("0.1234567890123456")],
)
def test_more_than_15_significant_digits_is_no_double(amount: Decimal):
    assert as_double(amount) is None


def test_an_amount_beyond_a_doubles_exact_digits_is_written_as_exact_text(tmp_path: Path):
    # SQLite itself keeps 15 digits; PostgreSQL keeps all 20 the model allows.
    row = [None] * len(KEYS)
    row[KEYS.index("value")] = Decimal("12345678901234567.89")
    row[KEYS.index("original_value")] = Decimal("1.25")
    path = tmp_path / "large.xlsx"
    write_xlsx(path, headers("en", "yuan"), [row], "yuan", "en")
    cells = read_xlsx(path)[1]
    assert cells[KEYS.index("value")] == "12345678901234567.89"
    assert parse_amount(cells[KEYS.index("value")]).value == Decimal("12345678901234567.89")
    assert exact(cells[KEYS.index("original_value")]) == Decimal("1.25")


def test_the_number_format_shows_two_decimals_and_up_to_the_units_last_one():
    assert amount_format(2) == "#,##0.00"
    assert amount_format(6) == "#,##0.00####"
    assert amount_format(10) == "#,##0.00########"

"""Properties of amount parsing over generated values: nothing is lost between cell and ledger."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.importing.amounts import in_unit, parse_amount
from taizhang.ledger.importing.units import YI
from taizhang.ledger.numbers import plain_decimal

HUNDRED_MILLION = Decimal(100_000_000)

# Amounts in 亿元 with up to four decimals (a 万元), up to 10^16 yuan: at most 13 significant
# digits, which a binary float holds and repr gives back.
yi_amounts = st.decimals(
    min_value=Decimal("0.0001"),
    max_value=Decimal("100000000"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@given(yi_amounts)
def test_an_amount_in_yi_written_as_text_is_read_exactly(number: Decimal) -> None:
    text = plain_decimal(number)
    expected = number * HUNDRED_MILLION
    assert parse_amount(f"{text}亿元").value == expected
    assert parse_amount(text, YI).value == expected
    assert parse_amount(f"{int(number * 10_000):,}万元").value == expected


@given(yi_amounts)
def test_an_amount_written_back_in_yi_reads_back_unchanged(number: Decimal) -> None:
    yuan = parse_amount(f"{number}亿").value
    assert parse_amount(plain_decimal(in_unit(yuan, YI)), YI).value == yuan


@given(yi_amounts)
def test_a_float_from_an_excel_cell_keeps_its_shortest_repr(number: Decimal) -> None:
    # What Excel stores for a typed 1.2345 and calamine hands over: the nearest binary float.
    cell = float(plain_decimal(number))
    assert parse_amount(cell, YI).value == number * HUNDRED_MILLION


@given(st.lists(yi_amounts, min_size=1, max_size=50))
def test_a_sum_of_float_cells_is_the_sum_of_what_was_typed(numbers: list[Decimal]) -> None:
    cells = [float(plain_decimal(number)) for number in numbers]
    total = sum(parse_amount(cell, YI).value for cell in cells)
    assert total == sum(numbers) * HUNDRED_MILLION

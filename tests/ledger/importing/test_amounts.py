"""Contract values are read exactly as the ledger format's "Amounts" section says."""

from __future__ import annotations

import datetime
import math
import re
from decimal import Decimal

import pytest

from taizhang.ledger.importing.amounts import Amount, in_unit, parse_amount, to_yuan
from taizhang.ledger.importing.headers import match_header
from taizhang.ledger.importing.problems import CellError, Severity
from taizhang.ledger.importing.units import WAN, YI, Unit


def header_unit(header: str) -> Unit | None:
    return match_header(header).unit


@pytest.mark.parametrize(
    ("cell", "yuan"),
    [
        # Every cell form of the spec, with no unit in the header.
        ("1.2亿元", Decimal("120000000.00")),
        ("1.2亿", Decimal("120000000.00")),
        ("12000万元", Decimal("120000000.00")),
        ("300万", Decimal("3000000.00")),
        ("46.3 billion", Decimal("46300000000.00")),
        ("¥46.3bn", Decimal("46300000000.00")),
        ("RMB 1.2 billion", Decimal("1200000000.00")),
        ("¥2,680 million", Decimal("2680000000.00")),
        ("680m", Decimal("680000000.00")),
        ("1,200,000,000", Decimal("1200000000.00")),
        # Full-width digits, points and commas; spaces; the yuan's names.
        ("１．２亿元", Decimal("120000000.00")),
        ("１，２００，０００，０００", Decimal("1200000000.00")),
        ("  1.2 亿 元  ", Decimal("120000000.00")),
        ("CNY 300万", Decimal("3000000.00")),
        ("人民币1.2亿元", Decimal("120000000.00")),
        ("1.2亿人民币", Decimal("120000000.00")),
        ("￥300万元", Decimal("3000000.00")),
        ("46.3 billion yuan", Decimal("46300000000.00")),
        ("2.5 mn", Decimal("2500000.00")),
        ("800k", Decimal("800000.00")),
        ("1.5 千万", Decimal("15000000.00")),
        ("5 ten thousand", Decimal("50000.00")),
        ("12,345.678元", Decimal("12345.68")),  # rounded half up to the fen
        ("1.2E+09", Decimal("1200000000.00")),  # how a CSV saved by Excel writes large numbers
        # Cells as the reader gives them: int, float (by its shortest repr), Decimal.
        (1200000000, Decimal("1200000000.00")),
        (120000000.0, Decimal("120000000.00")),
        (Decimal("3000000"), Decimal("3000000.00")),
    ],
)
def test_a_cell_is_read_in_yuan_exactly(cell: object, yuan: Decimal) -> None:
    amount = parse_amount(cell)
    assert amount == Amount(yuan, "CNY")
    assert str(amount.value) == str(yuan)  # two places, no exponent


@pytest.mark.parametrize(
    ("header", "cell", "yuan"),
    [
        ("合同投资额（亿元）", 1.2, Decimal("120000000.00")),
        ("合同投资额(万元)", 12000, Decimal("120000000.00")),
        ("Contract value (CNY 100 million)", "1.2", Decimal("120000000.00")),
        ("Contract value (billion yuan)", 46.3, Decimal("46300000000.00")),
        ("Contract value (million yuan)", "2,680", Decimal("2680000000.00")),
        ("Contract value (CNY)", 1200000000, Decimal("1200000000.00")),
        ("合同投资额/亿元", "0.5", Decimal("50000000.00")),
        ("合同投资额万元", "300", Decimal("3000000.00")),
        # The cell's unit overrides the header's.
        ("合同投资额（亿元）", "300万", Decimal("3000000.00")),
        ("合同投资额（亿元）", "12000元", Decimal("12000.00")),
        ("合同投资额（万元）", "1.2 billion", Decimal("1200000000.00")),
        # A currency symbol alone leaves the header's scale in force.
        ("合同投资额（亿元）", "¥3", Decimal("300000000.00")),
    ],
)
def test_the_headers_unit_applies_unless_the_cell_has_one(
    header: str, cell: object, yuan: Decimal
) -> None:
    assert parse_amount(cell, header_unit(header)) == Amount(yuan, "CNY")


@pytest.mark.parametrize(
    ("cell", "unit", "value", "currency"),
    [
        ("US$6.95 billion", None, Decimal("6950000000.00"), "USD"),
        ("USD 100 million", None, Decimal("100000000.00"), "USD"),
        ("€50m", None, Decimal("50000000.00"), "EUR"),
        ("$5m", None, Decimal("5000000.00"), "USD"),  # a bare $ is the US dollar
        ("HK$ 3亿", None, Decimal("300000000.00"), "HKD"),
        ("500万美元", None, Decimal("5000000.00"), "USD"),
        ("2亿港元", None, Decimal("200000000.00"), "HKD"),
        ("100万欧元", None, Decimal("1000000.00"), "EUR"),
        ("30亿日元", None, Decimal("3000000000.00"), "JPY"),
        ("JPY 3 billion", None, Decimal("3000000000.00"), "JPY"),
        ("eur 50m", None, Decimal("50000000.00"), "EUR"),
        ("1,000 usd", None, Decimal("1000.00"), "USD"),
        ("3 US dollars", None, Decimal("3.00"), "USD"),
        # The header can name the currency too; a cell's scale and currency override it.
        ("6.95", "Contract value (USD million)", Decimal("6950000.00"), "USD"),
        ("50亿", "Contract value (USD million)", Decimal("5000000000.00"), "USD"),
        ("300万元", "Contract value (USD million)", Decimal("3000000.00"), "CNY"),
        ("12", "合同投资额（万美元）", Decimal("120000.00"), "USD"),
    ],
)
def test_another_currency_keeps_its_amount_and_code(
    cell: object, unit: str | None, value: Decimal, currency: str
) -> None:
    amount = parse_amount(cell, header_unit(unit) if unit else None)
    assert (amount.value, amount.currency, amount.warning) == (value, currency, None)


def test_a_float_from_excel_is_taken_by_its_shortest_repr() -> None:
    # 1.2 is 1.1999999999999999555910790149937… as a binary float; the ledger stores 1.2 亿.
    assert parse_amount(1.2, YI).value == Decimal("120000000.00")
    assert parse_amount(0.1, WAN).value == Decimal("1000.00")
    assert parse_amount(2.675, YI).value == Decimal("267500000.00")
    # Where the binary float's error would show through the rounding to the fen.
    assert parse_amount(12345678.9012, YI).value == Decimal("1234567890120000.00")


def test_formula_noise_and_long_fractions_are_rounded_half_up_to_the_fen() -> None:
    assert parse_amount(0.30000000000000004, YI).value == Decimal("30000000.00")
    assert parse_amount("0.333333333333333", YI).value == Decimal("33333333.33")
    assert parse_amount("0.000000125", YI).value == Decimal("12.50")
    assert parse_amount("1.005元").value == Decimal("1.01")  # half up, not to even


def test_sums_of_parsed_amounts_stay_exact() -> None:
    tenths = parse_amount(0.1, YI).value + parse_amount(0.2, YI).value
    assert tenths == Decimal("30000000.00")
    assert sum(parse_amount("0.1亿").value for _ in range(10)) == Decimal("100000000.00")


@pytest.mark.parametrize(
    ("cell", "unit"),
    [(5000, None), ("9999.99", None), ("¥1.2", None), (0.5, None)],
)
def test_a_small_amount_with_no_unit_anywhere_is_imported_with_a_warning(
    cell: object, unit: Unit | None
) -> None:
    amount = parse_amount(cell, unit)
    assert amount.warning is not None
    assert amount.warning.severity is Severity.WARNING
    message = str(amount.warning.message)
    assert "less than 10,000 yuan" in message
    assert "万元 or 亿元" in message
    assert "yuan" in message


@pytest.mark.parametrize(
    ("cell", "header"),
    [
        (10000, None),
        ("5000元", None),
        ("5000 yuan", None),
        (5000, "Contract value (CNY)"),
        (5000, "合同投资额（元）"),
        ("300万", None),
    ],
)
def test_a_stated_unit_or_a_large_enough_amount_gives_no_warning(
    cell: object, header: str | None
) -> None:
    assert parse_amount(cell, header_unit(header) if header else None).warning is None


def test_an_amount_over_a_trillion_yuan_warns_that_the_unit_may_be_wrong() -> None:
    amount = parse_amount("1,200,000,000", YI)  # yuan typed under a 亿元 header
    assert amount.value == Decimal("120000000000000000.00")
    assert amount.warning is not None
    assert "more than 1 trillion yuan" in str(amount.warning.message)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("", "The contract value is empty"),
        ("   ", "The contract value is empty"),
        (None, "The contract value is empty"),
        ("0", "“0” is zero"),
        (0, "“0” is zero"),
        ("0.00亿", "“0.00亿” is zero"),
        ("-3亿", "“-3亿” is negative"),
        ("¥-300万", "“¥-300万” is negative"),
        ("−5", "“−5” is negative"),
        (-5.0, "“-5” is negative"),
        ("about 3亿", "“about 3亿” is not an amount"),
        ("约3亿", "“约3亿” is not an amount"),
        ("3亿左右", "“3亿左右” is not an amount"),
        ("1.2.3", "“1.2.3” is not an amount"),
        ("1,2", "“1,2” is not an amount"),
        ("(300)", "“(300)” is not an amount"),
        ("3-5亿", "“3-5亿” is not an amount"),
        ("一亿", "“一亿” is not an amount"),
        ("5 tenthousand", "“5 tenthousand” is not an amount"),
        ("nan", "“nan” is not an amount"),
        ("inf", "“inf” is not an amount"),
        (math.nan, "“nan” is not an amount"),
        (math.inf, "“inf” is not an amount"),
        (Decimal("NaN"), "“NaN” is not an amount"),
        (True, "“TRUE” is not an amount"),
        (datetime.date(2021, 8, 23), "“2021-08-23” is not an amount"),
        ("3亿5千万", "“3亿5千万” mixes units: write one number in one unit, e.g. 3.5亿"),
        ("3亿5000万", "“3亿5000万” mixes units"),
        ("1.2 abc", "“1.2 abc” names the currency “ABC”, which is not an ISO 4217 code"),
        ("US$5 yuan", "“US$5 yuan” names two currencies, USD and CNY"),
        ("0.001", "“0.001” is less than 0.01 CNY"),
        ("1e30", "“1e30” is more than a contract value can be"),
        ("100000000000亿", "“100000000000亿” is more than a contract value can be"),
    ],
)
def test_an_unusable_amount_is_an_error_quoting_the_value(cell: object, words: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_amount(cell)
    assert words in str(caught.value)
    assert caught.value.problem.severity is Severity.ERROR
    if cell is None or not str(cell).strip():
        assert caught.value.problem.value == ""
    else:
        assert caught.value.problem.value is cell


def test_an_unreadable_amount_shows_the_forms_that_are_read() -> None:
    with pytest.raises(CellError, match=re.escape("such as 1.2亿元, 300万元, 46.3 billion")):
        parse_amount("lots")


# --- Conversion to yuan -----------------------------------------------------------------


def test_another_currency_is_converted_at_the_events_rate_rounded_half_up() -> None:
    assert to_yuan(parse_amount("US$6.95 billion"), Decimal("6.6619")) == Decimal("46300205000.00")
    assert to_yuan(Amount(Decimal("1.00"), "USD"), Decimal("6.125")) == Decimal("6.13")
    assert to_yuan(Amount(Decimal("1.01"), "USD"), Decimal("6.4768")) == Decimal("6.54")


def test_a_yuan_amount_needs_no_rate() -> None:
    assert to_yuan(parse_amount("1.2亿"), None) == Decimal("120000000.00")


def test_another_currency_without_a_rate_is_an_error_saying_what_the_event_needs() -> None:
    with pytest.raises(CellError) as caught:
        to_yuan(parse_amount("€50m"), None, event="SCE2021")
    message = str(caught.value)
    assert "50,000,000.00 EUR" in message
    assert "the event SCE2021 states no EUR exchange rate" in message
    assert "taizhang events rate SCE2021 EUR=" in message


def test_a_conversion_that_rounds_to_nothing_is_an_error() -> None:
    with pytest.raises(CellError, match=re.escape("less than 0.01 yuan")):
        to_yuan(Amount(Decimal("0.01"), "KRW"), Decimal("0.0050000"))


# --- Writing amounts back in a unit -----------------------------------------------------


@pytest.mark.parametrize(
    ("yuan", "unit", "number"),
    [
        (Decimal("123456789.01"), YI, Decimal("1.2345678901")),
        (Decimal("120000000.00"), YI, Decimal("1.2")),
        (Decimal("3000000.00"), WAN, Decimal("300")),
    ],
)
def test_an_amount_in_a_unit_reads_back_unchanged(yuan: Decimal, unit: Unit, number: Decimal):
    assert in_unit(yuan, unit) == number
    assert parse_amount(str(in_unit(yuan, unit)), unit).value == yuan

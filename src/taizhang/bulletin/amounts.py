"""Amounts and shares as a bulletin states them: exact until the last step, then rounded half up.

The rules are shared/spec/bulletin.md's "Rounding". Every function takes exact values (Decimal
amounts in yuan, integer counts) and rounds once, at the end, half up:

- English: billions of yuan with one decimal (``¥252.4 billion``); under ¥1 billion, millions
  (``¥300 million``); US$ in billions with two decimals (``US$38.97 billion``).
- Chinese: 亿元 with at most one decimal (``2524亿元``, ``3.2亿元``, never ``3亿元`` for 3.2亿);
  under 1亿, 万元 (``3000万元``); US$ in 亿美元 (``389.7亿美元``).
- Shares: whole percent in text, four decimals as a fraction in data (as the JSON form).

Arithmetic goes through :class:`fractions.Fraction` and :func:`.exact.round_half_up`, exact
whatever the quotient, so a share of exactly x.5% rounds up and one a hair below never does.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from taizhang.bulletin.exact import fraction, round_half_up
from taizhang.ledger.exporting.numbers import as_double
from taizhang.ledger.numbers import plain_decimal

Exact = Decimal | Fraction | int

# Units as ints: exact, and they divide a Fraction as well as a Decimal.
THOUSAND = 1_000
TEN_THOUSAND = 10_000  # 万
MILLION = 1_000_000
HUNDRED_MILLION = 100_000_000  # 亿
BILLION = 1_000_000_000


def _fraction(part: Exact, whole: Exact) -> Fraction:
    # Zero of nothing is a zero share: an empty event's breakdowns read 0%, not an error.
    found = fraction(part, whole)
    return Fraction(0) if found is None else found


def share(part: Exact, whole: Exact) -> Decimal:
    """The share ``part / whole`` as a fraction with four decimals: ``Decimal("0.4025")``."""
    return round_half_up(_fraction(part, whole), 4)


def whole_percent(part: Exact, whole: Exact) -> int:
    """The share ``part / whole`` in whole percent, rounded half up: 101.6 of 252.4 → 40."""
    return int(round_half_up(_fraction(part, whole) * 100, 0))


def in_unit(value: Decimal, unit: int) -> Decimal:
    """``value`` yuan in ``unit`` (亿, billion), exactly: an amount to the fen has at most two
    decimals, so dividing it by a power of ten is exact within Decimal's 28 digits."""
    return value / unit


def _grouped(value: Decimal) -> str:
    return f"{value:,}"


def yuan_en(value: Exact) -> str:
    """An amount in yuan as English text states it: ``¥252.4 billion``, ``¥300 million``.

    ¥1 billion and more in billions with one decimal; less in millions with at most one
    decimal, so ¥50,000,000 is ``¥50 million`` (not ``¥0.1 billion``); under ¥1 million in
    whole yuan (``¥8,000``).
    """
    if value >= BILLION:
        return f"¥{_grouped(round_half_up(Fraction(value) / BILLION, 1))} billion"
    millions = round_half_up(Fraction(value) / MILLION, 1)
    if millions >= THOUSAND:  # ¥999.96 million rounds to ¥1.0 billion, not ¥1000 million
        return f"¥{round_half_up(Fraction(value) / BILLION, 1)} billion"
    if value >= MILLION:
        return f"¥{plain_decimal(millions)} million"
    return f"¥{_grouped(round_half_up(value, 0))}"


def usd_en(value: Exact) -> str:
    """An amount in US dollars as English text states it: ``US$38.97 billion``.

    US$1 billion and more in billions with two decimals; less in millions with one decimal.
    """
    if value >= BILLION:
        return f"US${_grouped(round_half_up(Fraction(value) / BILLION, 2))} billion"
    millions = round_half_up(Fraction(value) / MILLION, 1)
    if millions >= THOUSAND:
        return f"US${round_half_up(Fraction(value) / BILLION, 2)} billion"
    return f"US${_grouped(millions)} million"


def threshold_en(value: Decimal) -> str:
    """A band's threshold in English, in billions as bulletins name them: ``¥0.5 billion``,
    ``¥1 billion``, ``¥10 billion`` (exact: thresholds are round numbers)."""
    return f"¥{plain_decimal(in_unit(value, BILLION))} billion"


def _chinese(value: Exact, currency: str) -> str:
    if value >= HUNDRED_MILLION:
        return f"{plain_decimal(round_half_up(Fraction(value) / HUNDRED_MILLION, 1))}亿{currency}"
    wan = round_half_up(Fraction(value) / TEN_THOUSAND, 1)
    if wan >= TEN_THOUSAND:  # 9999.96万 rounds to 1亿, not 10000万
        return f"1亿{currency}"
    if value >= TEN_THOUSAND:
        return f"{plain_decimal(wan)}万{currency}"
    return f"{plain_decimal(round_half_up(value, 0))}{currency}"


def yuan_zh(value: Exact) -> str:
    """An amount in yuan as Chinese text states it: ``2524亿元``, ``3.2亿元``, ``3000万元``.

    1亿 and more in 亿元 with at most one decimal, no trailing ``.0``; less in 万元 the same
    way; under 1万 in whole yuan.
    """
    return _chinese(value, "元")


def usd_zh(value: Exact) -> str:
    """An amount in US dollars as Chinese text states it: ``389.7亿美元``, ``4500万美元``."""
    return _chinese(value, "美元")


def threshold_zh(value: Exact) -> str:
    """A band's threshold in Chinese: ``5亿元``, ``10亿元``, ``100亿元``."""
    return yuan_zh(value)


def amount_in(value: Exact, language: str) -> str:
    """An amount as a table cell shows it, without the unit its header states: billions of
    yuan with one decimal in English (``101.6``), 亿元 with at most one decimal in Chinese
    (``1016``, ``3.2``)."""
    if language == "zh":
        return plain_decimal(round_half_up(Fraction(value) / HUNDRED_MILLION, 1))
    return _grouped(round_half_up(Fraction(value) / BILLION, 1))


def as_number(value: Decimal) -> float:
    """``value`` as the double a spreadsheet cell or a chart holds: exactly ``value`` when a
    double can be (any amount of 15 significant digits or fewer), else the nearest one."""
    exact = as_double(value)
    if exact is not None:
        return exact
    nearest = as_double(Decimal(f"{value:.15g}"))
    return nearest if nearest is not None else 0.0

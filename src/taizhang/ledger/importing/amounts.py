"""Contract values: a cell (and its header's unit) read as an exact amount, and turned into yuan.

The rules are the ledger format's "Amounts" section:

- A number from an Excel cell is taken by its shortest representation (``repr``): the float
  1.2 is ``Decimal("1.2")``, never ``1.1999999999999999555910790149937``.
- The unit may stand in the header (:class:`~.units.Unit`) or in the cell; what the cell says
  overrides the header, part by part: ``50亿`` under ``(USD million)`` is 5,000,000,000 US
  dollars, ``¥3`` under ``(亿元)`` is 300,000,000 yuan, and ``12000元`` is 12,000 yuan under
  any header, because a currency named as a unit (元, 美元, dollars) means "this many of it".
- With no unit anywhere a number is yuan; under 10,000 yuan it is imported with a warning that
  the unit may be missing. Over 1 trillion yuan it is imported with a warning too: a number in
  yuan under a 亿元 header is the same slip the other way round.
- Amounts are rounded half up to 0.01 of their currency. Sub-fen digits only arise from scaling
  a long decimal (1/3 亿 from a formula) or from a formula's float noise (0.30000000000000004),
  and a fen is far below anything the bureau reports, so rounding is what a clerk expects;
  refusing such a cell would make her round by hand what the file already says.
- Another currency keeps its amount and ISO code; :func:`to_yuan` converts it at the event's
  rate (yuan per unit), rounded half up to 0.01.
- Empty, zero, negative and unreadable amounts are errors, and so are forms that could be
  misread: ``about 3亿``, ``1.2.3``, ``1,2``, and ``3亿5千万`` (write ``3.5亿``): a ledger
  must say one number, in one unit.
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.importing.cells import fold, quote
from taizhang.ledger.importing.currencies import CURRENCY_PATTERN, DEFAULT_CURRENCY, currency_word
from taizhang.ledger.importing.problems import CellError, Problem, warning
from taizhang.ledger.importing.units import NUMBER_PATTERN, SCALE_PATTERN, Unit, scale_of
from taizhang.ledger.numbers import plain_decimal

CENT = Decimal("0.01")
#: Below this many yuan, with no unit stated anywhere, the unit is probably missing.
SMALL_YUAN = Decimal(10_000)
#: Above this many yuan (1 trillion, 1万亿) the unit is probably wrong.
LARGE_YUAN = Decimal(10) ** 12
#: The first amount the ledger cannot store (20 digits, 2 of them after the point).
LIMIT = Decimal(10) ** 18

# Wide enough that scaling and converting any storable amount is exact before rounding,
# and independent of whatever the thread's decimal context has been set to.
_CONTEXT = decimal.Context(prec=50, rounding=ROUND_HALF_UP)

# A cell: [-] [currency] [-] number [scale] [currency], on folded, lower-case text.
_CELL = re.compile(
    rf"(?P<minus>-)?\s*(?P<before>{CURRENCY_PATTERN})?\s*(?P<minus_after>-)?\s*"
    rf"(?P<number>{NUMBER_PATTERN})\s*"
    rf"(?P<scale>{SCALE_PATTERN})?\s*"
    rf"(?P<after>{CURRENCY_PATTERN})?"
)

# "3亿5千万", "3亿5000万": a scale word followed by more digits.
_MIXED_UNITS = re.compile(r"\d\s*[千万亿]\s*\d")


class Amount(NamedTuple):
    """An amount as the cell states it: ``value`` in ``currency`` (an ISO code), to 0.01.

    ``warning`` is set when the amount is imported but looks wrong (a unit probably missing).
    """

    value: Decimal
    currency: str = DEFAULT_CURRENCY
    warning: Problem | None = None


def parse_amount(value: object, unit: Unit | None = None) -> Amount:
    """The amount a contract value cell states, under a header stating ``unit`` (or none).

    ``value`` is what the reader gives: text, an int, a float (read by its shortest ``repr``)
    or a Decimal. Raises :class:`CellError` for an empty, zero, negative or unreadable amount.
    """
    if value.__class__ is float:  # a workbook's number cell, the common case: tested first
        if not math.isfinite(value):  # type: ignore[arg-type]
            raise _unreadable(value)
        number = Decimal(repr(value))
    elif isinstance(value, str):
        return _parse_text(value, unit)
    elif isinstance(value, bool):  # a TRUE/FALSE cell; bool is an int to Python
        raise _unreadable(value)
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _unreadable(value)
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise _unreadable(value)
        number = value
    elif value is None:
        raise _empty()
    else:
        raise _unreadable(value)
    if unit is None:
        return _amount(value, number, Decimal(1), DEFAULT_CURRENCY, stated=False)
    return _amount(value, number, unit.multiplier, unit.currency or DEFAULT_CURRENCY, stated=True)


def _parse_text(value: str, unit: Unit | None) -> Amount:
    text = fold(value).lower().replace("\u2212", "-")  # U+2212 MINUS SIGN, which NFKC keeps
    if not text:
        raise _empty()
    match = _CELL.fullmatch(text)
    if match is None:
        if _MIXED_UNITS.search(text):
            raise CellError(
                format_lazy(
                    _(
                        "“{value}” mixes units: write one number in one unit, e.g. 3.5亿 "
                        "for 3亿5千万."
                    ),
                    value=quote(value),
                ),
                value,
            )
        raise _unreadable(value)
    currency = None
    is_unit = False
    for token in (match["before"], match["after"]):
        if not token:
            continue
        word = currency_word(token)
        if word is None:
            raise CellError(
                format_lazy(
                    _(
                        "“{value}” names the currency “{currency}”, which is not an ISO 4217 "
                        "code: write a code such as USD, EUR, HKD or JPY, or a name such as 美元."
                    ),
                    value=quote(value),
                    currency=token.upper(),
                ),
                value,
            )
        if currency is not None and word.code != currency:
            raise CellError(
                format_lazy(
                    _("“{value}” names two currencies, {first} and {second}: keep one."),
                    value=quote(value),
                    first=currency,
                    second=word.code,
                ),
                value,
            )
        currency = word.code
        is_unit = is_unit or word.is_unit
    number = Decimal(match["number"].replace(",", ""))
    if match["minus"] or match["minus_after"]:
        number = -number
    if currency is None:
        currency = (unit.currency if unit else None) or DEFAULT_CURRENCY
    if match["scale"]:
        return _amount(value, number, scale_of(match["scale"]), currency, stated=True)
    if is_unit:
        return _amount(value, number, Decimal(1), currency, stated=True)
    if unit is not None:
        return _amount(value, number, unit.multiplier, currency, stated=True)
    return _amount(value, number, Decimal(1), currency, stated=False)


def _amount(value: object, number: Decimal, multiplier: Decimal, currency: str, *, stated: bool):
    """The checked, rounded amount; ``stated`` says whether a unit was written anywhere."""
    if number.is_zero():
        raise CellError(
            format_lazy(
                _("“{value}” is zero: a contract value must be more than zero."),
                value=quote(value),
            ),
            value,
        )
    if number < 0:
        raise CellError(
            format_lazy(
                _("“{value}” is negative: a contract value must be more than zero."),
                value=quote(value),
            ),
            value,
        )
    scaled = _CONTEXT.multiply(number, multiplier)
    if scaled >= LIMIT:
        raise _too_large(value)
    amount = _CONTEXT.quantize(scaled, CENT)
    if amount.is_zero():
        raise CellError(
            format_lazy(
                _(
                    "“{value}” is less than 0.01 {currency} and would be stored as zero: "
                    "a contract value must be more than zero; check the unit."
                ),
                value=quote(value),
                currency=currency,
            ),
            value,
        )
    if currency != DEFAULT_CURRENCY:
        return Amount(amount, currency)
    if not stated and amount < SMALL_YUAN:
        return Amount(
            amount,
            currency,
            warning(
                format_lazy(
                    _(
                        "“{value}” is read as {yuan} yuan, less than 10,000 yuan: if the amount "
                        "is in 万元 or 亿元, say so in the header (e.g. 合同投资额（亿元）) or in "
                        "the cell (e.g. 1.2亿元)."
                    ),
                    value=quote(value),
                    yuan=f"{amount:,}",
                ),
                value,
            ),
        )
    if amount > LARGE_YUAN:
        return Amount(
            amount,
            currency,
            warning(
                format_lazy(
                    _(
                        "“{value}” is read as {yuan} yuan, more than 1 trillion yuan (1万亿元): "
                        "check the unit in the header and in the cell."
                    ),
                    value=quote(value),
                    yuan=f"{amount:,}",
                ),
                value,
            ),
        )
    return Amount(amount, currency)


def to_yuan(amount: Amount, rate: Decimal | None, *, event: str = "") -> Decimal:
    """The amount in yuan at ``rate`` (yuan per unit of its currency), rounded half up to 0.01.

    A yuan amount needs no rate. Another currency without a rate is an error saying that the
    event (code ``event``) needs one.
    """
    if amount.currency == DEFAULT_CURRENCY:
        return amount.value
    shown = f"{amount.value:,} {amount.currency}"
    if rate is None:
        raise CellError(
            format_lazy(
                _(
                    "The amount {amount} is in {currency}, and the event {event} states no "
                    "{currency} exchange rate to convert it to yuan at: the event needs one, "
                    "in yuan per unit: taizhang events rate {event} {currency}=6.48, say, "
                    "before this row can be imported."
                ),
                amount=shown,
                currency=amount.currency,
                event=event or "…",
            ),
            shown,
        )
    scaled = _CONTEXT.multiply(amount.value, rate)
    if scaled >= LIMIT:
        raise _too_large(shown)
    yuan = scaled.quantize(CENT, context=_CONTEXT)
    if yuan.is_zero():
        raise CellError(
            format_lazy(
                _(
                    "The amount {amount} at {rate} yuan per {currency} is less than 0.01 yuan: "
                    "check the amount and the event's rate."
                ),
                amount=shown,
                rate=plain_decimal(rate),
                currency=amount.currency,
            ),
            shown,
        )
    return yuan


def in_unit(yuan: Decimal, unit: Unit) -> Decimal:
    """``yuan`` expressed in ``unit``, exactly: 123456789.01 yuan in 亿元 is 1.2345678901.

    The inverse of reading a cell under that unit; write it with
    :func:`taizhang.ledger.numbers.plain_decimal` for a text cell.
    """
    return _CONTEXT.divide(yuan, unit.multiplier)


def _empty() -> CellError:
    return CellError(
        _("The contract value is empty: write the amount, e.g. 1.2亿元 or 300万元."), ""
    )


def _unreadable(value: object) -> CellError:
    return CellError(
        format_lazy(
            _(
                "“{value}” is not an amount: write one number with an optional unit, such as "
                "1.2亿元, 300万元, 46.3 billion, US$6.95 billion or 1,200,000,000."
            ),
            value=quote(value),
        ),
        value,
    )


def _too_large(value: object) -> CellError:
    return CellError(
        format_lazy(
            _(
                "“{value}” is more than a contract value can be (1,000,000,000,000,000,000 "
                "yuan): check the number and its unit."
            ),
            value=quote(value),
        ),
        value,
    )

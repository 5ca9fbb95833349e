"""Units of amounts as headers and cells write them: a scale (万, 亿, million) and a currency.

``合同投资额（亿元）`` states the unit 亿元 — a multiplier of 100,000,000 and the yuan;
``Contract value (USD million)`` states 1,000,000 and the US dollar; ``Contract value (CNY)``
states the yuan, one by one. :func:`parse_unit` reads such a unit; :mod:`.amounts` reads the
same words after a number in a cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from taizhang.ledger.importing.cells import fold
from taizhang.ledger.importing.currencies import CURRENCY_PATTERN, currency_word

_TEN = Decimal(10)

#: Scale words and what they multiply by. Lower case, as the parsers compare them.
SCALES: dict[str, Decimal] = {
    **dict.fromkeys(["千", "k", "thousand"], _TEN**3),
    **dict.fromkeys(["万", "ten thousand"], _TEN**4),
    **dict.fromkeys(["十万", "hundred thousand"], _TEN**5),
    **dict.fromkeys(["百万", "m", "mn", "mln", "million", "millions"], _TEN**6),
    "千万": _TEN**7,
    **dict.fromkeys(["亿", "hundred million"], _TEN**8),
    **dict.fromkeys(["十亿", "b", "bn", "bln", "billion", "billions"], _TEN**9),
    "百亿": _TEN**10,
    "千亿": _TEN**11,
    **dict.fromkeys(["万亿", "trillion"], _TEN**12),
}

#: A regular expression for any scale word, longest first so ``万亿`` beats ``万``.
SCALE_PATTERN = "|".join(
    re.escape(word).replace(r"\ ", r"\s+") for word in sorted(SCALES, key=len, reverse=True)
)
#: A positive decimal number, with or without thousands separators (commas in threes).
NUMBER_PATTERN = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+"

_SPACES = re.compile(r"\s+")

# The inside of a header's unit: an optional "单位：" / "unit:" / "in", then e.g.
# "CNY 100 million", "亿元", "billion yuan", "USD million", "CNY 10,000", "万美元".
_HEADER_UNIT = re.compile(
    rf"(?P<prefix>(?:单位|units?|in)\s*:?\s*)?"
    rf"(?P<before>{CURRENCY_PATTERN})?\s*"
    rf"(?P<number>{NUMBER_PATTERN})?\s*"
    rf"(?P<scale>{SCALE_PATTERN})?\s*"
    rf"(?P<after>{CURRENCY_PATTERN})?"
)


def scale_of(word: str) -> Decimal:
    """The multiplier of a lower-case scale word matched by ``SCALE_PATTERN``."""
    return SCALES[_SPACES.sub(" ", word)]


@dataclass(frozen=True, slots=True)
class Unit:
    """The unit a header states for the amounts under it.

    ``multiplier`` turns a number in this unit into one in the currency's own units;
    ``currency`` is the ISO code, or None when the unit names no currency (``(亿)``), in which
    case a cell's currency, or else the yuan, applies.
    """

    text: str
    multiplier: Decimal
    currency: str | None = None


#: The units export writes amounts in (``--unit yuan|wan|yi``).
YUAN = Unit("元", Decimal(1), "CNY")
WAN = Unit("万元", _TEN**4, "CNY")
YI = Unit("亿元", _TEN**8, "CNY")
EXPORT_UNITS: dict[str, Unit] = {"yuan": YUAN, "wan": WAN, "yi": YI}


def parse_unit(text: str) -> Unit | None:
    """The unit that the text of a header's unit states, or None when it states no unit.

    ``亿元`` → ×100,000,000 CNY; ``CNY 100 million`` → the same; ``million yuan`` →
    ×1,000,000 CNY; ``USD million`` → ×1,000,000 USD; ``CNY`` → ×1 CNY; ``万`` → ×10,000,
    no currency. A number alone (``(2021)``) or a word that is neither a scale nor a currency
    is no unit.
    """
    written = fold(text)
    match = _HEADER_UNIT.fullmatch(written.lower())
    if match is None or not (match["before"] or match["scale"] or match["after"]):
        return None
    currency: str | None = None
    for token in (match["before"], match["after"]):
        if token:
            word = currency_word(token)
            if word is None or (currency is not None and word.code != currency):
                return None
            currency = word.code
    multiplier = Decimal(1)
    if match["number"]:
        multiplier = Decimal(match["number"].replace(",", ""))
        if multiplier <= 0:
            return None
    if match["scale"]:
        multiplier *= scale_of(match["scale"])
    text = written[match.end("prefix") :] if match["prefix"] else written
    return Unit(text, multiplier, currency)

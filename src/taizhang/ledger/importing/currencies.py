"""Currencies as ledgers write them: ISO 4217 codes, symbols (¥, US$, €) and names (元, 美元).

A bare ``$`` is the US dollar and a bare ``¥`` the yuan (a Chinese ledger's yen is ``日元``,
``JPY`` or ``JP¥``). Names that are units (``元``, ``美元``, ``dollars``) say "this many of
the currency" when no scale word comes before them, so ``12000元`` is twelve thousand yuan
even in a column headed 万元; symbols and codes name the currency only.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import pycountry
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.importing.cells import fold, is_blank, quote
from taizhang.ledger.importing.problems import CellError

#: The currency of an amount that names none.
DEFAULT_CURRENCY = "CNY"


class CurrencyWord(NamedTuple):
    """What a currency word in a cell means: the ISO code, and whether it is a unit (元)."""

    code: str
    is_unit: bool


# Lower case, as the parsers compare them. Three-letter ISO codes need no entry.
_WORDS: dict[str, CurrencyWord] = {
    **dict.fromkeys(["¥", "cn¥", "rmb", "人民币"], CurrencyWord("CNY", False)),
    **dict.fromkeys(["元", "人民币元", "yuan"], CurrencyWord("CNY", True)),
    **dict.fromkeys(["$", "us$"], CurrencyWord("USD", False)),
    **dict.fromkeys(
        ["美元", "美金", "dollar", "dollars", "us dollar", "us dollars"], CurrencyWord("USD", True)
    ),
    "hk$": CurrencyWord("HKD", False),
    **dict.fromkeys(["港元", "港币", "hong kong dollars"], CurrencyWord("HKD", True)),
    "€": CurrencyWord("EUR", False),
    **dict.fromkeys(["欧元", "euro", "euros"], CurrencyWord("EUR", True)),
    "£": CurrencyWord("GBP", False),
    **dict.fromkeys(["英镑", "pound sterling"], CurrencyWord("GBP", True)),
    "jp¥": CurrencyWord("JPY", False),
    **dict.fromkeys(["日元", "yen"], CurrencyWord("JPY", True)),
    "nt$": CurrencyWord("TWD", False),
    "新台币": CurrencyWord("TWD", True),
    "₩": CurrencyWord("KRW", False),
    "韩元": CurrencyWord("KRW", True),
}

#: A regular expression for any currency word or code, longest first so ``us$`` beats ``$``.
CURRENCY_PATTERN = "|".join(
    [re.escape(word).replace(r"\ ", r"\s+") for word in sorted(_WORDS, key=len, reverse=True)]
    + ["[a-z]{3}"]
)
_SPACES = re.compile(r"\s+")


@functools.cache
def iso_codes() -> frozenset[str]:
    """Every ISO 4217 currency code (upper case)."""
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def currency_word(token: str) -> CurrencyWord | None:
    """What a lower-case currency symbol, name or code means, or None when it is none."""
    word = _WORDS.get(_SPACES.sub(" ", token))
    if word is not None:
        return word
    code = token.upper()
    if len(code) == 3 and code in iso_codes():
        return CurrencyWord(code, False)
    return None


def parse_currency(value: object) -> str:
    """The ISO code a currency cell names; an empty cell is the yuan (``CNY``).

    Accepts codes in any case (``usd``), symbols (``US$``, ``€``) and names (``美元``, ``欧元``).
    """
    if is_blank(value):
        return DEFAULT_CURRENCY
    if isinstance(value, str):
        word = currency_word(fold(value).lower())
        if word is not None:
            return word.code
    raise CellError(
        format_lazy(
            _(
                "“{value}” is not a currency: use an ISO 4217 code such as CNY, USD, EUR, "
                "HKD or JPY."
            ),
            value=quote(value),
        ),
        value,
    )

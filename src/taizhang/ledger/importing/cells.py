"""What every cell parser shares: spotting a blank cell, folding text, quoting a value."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

# Characters that copy and paste from web pages and WPS leave in cells, invisible but not spaces:
# zero-width space and joiners, word joiner, byte-order mark (a CSV's first header cell).
_INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARACTERS))
_INVISIBLE_START = frozenset(_INVISIBLE_CHARACTERS)

#: How many characters of a value a message quotes before cutting it short.
QUOTE_LIMIT = 60


def fold(text: str) -> str:
    """``text`` as the parsers compare it: full-width forms folded (NFKC), outer spaces removed.

    NFKC turns ``１．２亿`` into ``1.2亿``, ``（`` into ``(``, ``￥`` into ``¥`` and the
    ideographic space into a plain one; ASCII text, the common case, skips it.
    """
    if text.isascii():
        return text.strip()
    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).strip()


def is_blank(value: object) -> bool:
    """True for an empty cell: nothing, or text of nothing but spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        if not value:
            return True
        # Text that starts with a visible character keeps one through folding (NFKC never
        # turns one into nothing or into spaces only), so the common cell skips folding.
        first = value[0]
        if not first.isspace() and first not in _INVISIBLE_START:
            return False
        return not fold(value)
    return False


def cell_text(value: object) -> str:
    """A cell's value as the spreadsheet shows it, for messages and machine-readable reports.

    A float is shown by its shortest representation (``1.2``, not ``1.19999…``) and without a
    trailing ``.0``; a date-time at midnight as its date.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def quote(value: object) -> str:
    """A value for a message: as the spreadsheet shows it, long text cut to ``QUOTE_LIMIT``."""
    text = cell_text(value)
    if len(text) > QUOTE_LIMIT:
        return text[: QUOTE_LIMIT - 1] + "…"
    return text


# Spaces, underscores and hyphens: "off-site", "off site" and "Offsite" are one word to a clerk.
_WORD_GAPS = re.compile(r"[\s_\-]+")


def word_key(text: str) -> str:
    """A lookup key for a word or header: folded, case folded, without spaces or hyphens."""
    return _WORD_GAPS.sub("", fold(text).casefold())

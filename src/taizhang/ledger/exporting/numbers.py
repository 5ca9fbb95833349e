"""Amounts as a spreadsheet stores them: IEEE doubles, exact only within limits.

An .xlsx number is a binary double. ``taizhang import-ledger`` reads a number cell by its
shortest representation (``repr``), so a ``Decimal`` written as the double nearest to it
comes back exactly when that representation is the Decimal itself, which holds for every
amount of at most 15 significant digits (a double keeps 15 decimal digits through any round
trip, and Excel shows no more). A longer amount — 10 trillion yuan and more, to the fen — is
written as text instead, which the importer reads exactly too.
"""

from __future__ import annotations

from decimal import Decimal

#: Significant digits a double, and Excel, keep exactly.
EXACT_DIGITS = 15


def as_double(value: Decimal) -> float | None:
    """``value`` as the double a spreadsheet cell stores, or None when that would not be exact."""
    if not value.is_finite():
        return None
    digits = len(value.normalize().as_tuple().digits)
    if digits > EXACT_DIGITS:
        return None
    number = float(value)
    if Decimal(repr(number)) != value:
        return None
    return number


def amount_format(decimals: int) -> str:
    """An Excel number format with thousands separators, two decimals at least and up to
    ``decimals``: ``#,##0.00`` for yuan, ``#,##0.00########`` for 亿元 (ten decimals)."""
    return "#,##0.00" + "#" * max(decimals - 2, 0)

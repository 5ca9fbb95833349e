"""Writing exact decimals for people: no exponent, no trailing zeros."""

from __future__ import annotations

from decimal import Decimal


def plain_decimal(value: Decimal) -> str:
    """``Decimal("6.4768000000")`` → ``"6.4768"``; ``Decimal("1E+2")`` → ``"100"``."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text

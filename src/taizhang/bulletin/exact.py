"""Exact money in the database and in Python: sums that never drift, rounding half up at the end."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import BigIntegerField, Func

CENT = Decimal("0.01")


class Fen(Func):
    """A contract value in whole fen (0.01 yuan) as a 64-bit integer: exact, and fast to sum.

    PostgreSQL multiplies its exact ``numeric``, and sums 64-bit integers faster than
    ``numeric``. SQLite stores decimals as binary floats, so there the product is rounded
    first, which is exact for any amount below ¥90 trillion: 0.1 + 0.2 billion is
    300000000.00, and a million values of ¥0.01 are ¥10,000.00, not a float's approximation.
    Summing the stored floats (``SUM(value)``) would drift, and Django's SQLite backend keeps
    only 15 significant digits of a decimal result.
    """

    template = "CAST(%(expressions)s * 100 AS BIGINT)"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(%(expressions)s * 100) AS INTEGER)",
            **extra_context,
        )


def yuan(fen: int | Decimal | None) -> Decimal:
    """A sum of fen as the database returns it (an int, or a numeric on PostgreSQL) in yuan."""
    return Decimal("0.00") if fen is None else Decimal(int(fen)).scaleb(-2).quantize(CENT)


def round_half_up(quantity: Fraction | Decimal | int, places: int) -> Decimal:
    """``quantity`` rounded half up (away from zero) to ``places`` decimals, exactly.

    Works on exact fractions, so a quotient is never rounded twice (first to a float's or a
    decimal context's precision, then to ``places``).
    """
    exact = Fraction(quantity)
    scaled = abs(exact) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    if exact < 0:
        whole = -whole
    return Decimal(whole).scaleb(-places)


def fraction(part: Decimal | int, whole: Decimal | int) -> Fraction | None:
    """``part / whole`` as an exact fraction; None when ``whole`` is zero (nothing to share)."""
    if not whole:
        return None
    return Fraction(part) / Fraction(whole)

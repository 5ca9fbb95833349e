"""Exact money in the database and in Python: sums that never drift, rounding half up at the end."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import models
from django.db.models import Aggregate

CENT = Decimal("0.01")


class ExactYuanField(models.Field):
    """The output of :class:`ExactSum`: exact ``Decimal`` yuan, whatever the database returned.

    Not a ``DecimalField`` on purpose: Django's SQLite backend turns a decimal result into a
    float and keeps 15 significant digits, which a city's total over many years can exceed.
    """

    def get_internal_type(self) -> str:
        return "BigIntegerField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        if connection.vendor == "sqlite":
            return Decimal(int(value)).scaleb(-2).quantize(CENT)  # a sum of fen
        return Decimal(value).quantize(CENT)  # PostgreSQL's numeric sum, exact already


class ExactSum(Aggregate):
    """SUM of a decimal amount of yuan, exact on SQLite and PostgreSQL.

    PostgreSQL sums ``numeric`` exactly. SQLite keeps decimals as binary floats, so there every
    amount is first turned into whole fen (rounded, which is exact for any amount below
    ¥90 trillion) and the integers are summed: 0.1 + 0.2 billion is 300000000.00, and a million
    values of ¥0.01 are ¥10,000.00, not a float's approximation.
    """

    function = "SUM"
    name = "ExactSum"
    template = "%(function)s(%(expressions)s)"
    sqlite_template = "%(function)s(CAST(ROUND(%(expressions)s * 100) AS INTEGER))"

    def __init__(self, expression: Any = "value", **extra: Any) -> None:
        super().__init__(expression, output_field=ExactYuanField(), **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # A copy with SQLite's template: passing template= clashes with the FILTER clause.
        copy = self.copy()
        copy.template = self.sqlite_template
        return copy.as_sql(compiler, connection, **extra_context)


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

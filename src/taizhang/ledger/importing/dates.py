"""Dates in a ledger: Excel date cells, Excel serial numbers, and dates written as text.

Accepted: a date or date-time cell (the time is dropped); a number, read as an Excel serial
day of the 1900 date system (45432 is 2024-05-20) or, with eight digits, as ``20210823``; text
with the year first — ``2021-08-23``, ``2021-8-23``, ``2021/8/23``, ``2021.8.23``,
``2021年8月23日``, ``20210823`` — in full-width digits too, with or without a time after it.

Refused, naming the forms accepted: ``8/23/2021`` and ``23/8/2021``, since day and month
cannot be told apart in general and a ledger from Hong Kong writes them day first; years of
two digits; a year and month alone (``2022年3月``), which a ledger date cannot hold without
inventing a day; dates that do not exist (``2021-02-30``); and dates outside 1950–2100, which
in a ledger of signed projects are typing slips (and keep Excel's fictitious 1900-02-29 out).
"""

from __future__ import annotations

import datetime
import math
import re
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.importing.cells import fold, quote
from taizhang.ledger.importing.problems import CellError

#: The first and last dates a ledger cell may hold.
EARLIEST = datetime.date(1950, 1, 1)
LATEST = datetime.date(2100, 12, 31)

# Day 0 of Excel's 1900 date system, as every serial after 1900-02-28 counts from it
# (Excel counts a 29 February 1900 that never was; EARLIEST keeps those serials out).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_LAST_SERIAL = (LATEST - _EXCEL_EPOCH).days

_TIME = r"(?:(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YEAR_FIRST = re.compile(
    rf"(?P<year>\d{{4}})(?P<separator>[-/.])(?P<month>\d{{1,2}})(?P=separator)(?P<day>\d{{1,2}})"
    rf"{_TIME}"
)
_CHINESE = re.compile(
    rf"(?P<year>\d{{4}})\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号]?{_TIME}"
)
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_DAY_OR_MONTH_FIRST = re.compile(rf"\d{{1,2}}([-/.])\d{{1,2}}\1\d{{4}}{_TIME}")


def parse_date(value: object) -> datetime.date:
    """The date a cell holds; raises :class:`CellError` for anything else."""
    if isinstance(value, datetime.datetime):
        return _checked(value, value.date())
    if isinstance(value, datetime.date):
        return _checked(value, value)
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, bool):
        raise _unreadable(value)
    if isinstance(value, int | float | Decimal):
        return _parse_number(value)
    raise _unreadable(value)


def _parse_text(value: str) -> datetime.date:
    text = fold(value).lower()
    if not text:
        raise CellError(_("The date is empty: write it as 2021-08-23."), "")
    for pattern in (_YEAR_FIRST, _CHINESE, _COMPACT):
        match = pattern.fullmatch(text)
        if match:
            return _date(value, int(match["year"]), int(match["month"]), int(match["day"]))
    if _DAY_OR_MONTH_FIRST.fullmatch(text):
        raise CellError(
            format_lazy(
                _(
                    "“{value}” could be day first or month first: write the year first, "
                    "e.g. 2021-08-23 or 2021年8月23日."
                ),
                value=quote(value),
            ),
            value,
        )
    raise _unreadable(value)


def _parse_number(value: int | float | Decimal) -> datetime.date:
    if isinstance(value, float) and not math.isfinite(value):
        raise _unreadable(value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise _unreadable(value)
    whole = int(value)  # the fraction of a serial is the time of day
    if 10_000_000 <= whole <= 99_999_999:  # 20210823, which no plausible serial reaches
        return _date(value, whole // 10_000, whole // 100 % 100, whole % 100)
    if not 0 < whole <= _LAST_SERIAL:
        raise _out_of_range(value, serial=True)
    return _checked(value, _EXCEL_EPOCH + datetime.timedelta(days=whole), serial=True)


def _date(value: object, year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise CellError(
            format_lazy(
                _("“{value}” is not a real date: there is no month {month}."),
                value=quote(value),
                month=month,
            ),
            value,
        )
    try:
        found = datetime.date(year, month, day)
    except ValueError:
        raise CellError(
            format_lazy(
                _("“{value}” is not a real date: {year}-{month:02d} has no day {day}."),
                value=quote(value),
                year=year,
                month=month,
                day=day,
            ),
            value,
        ) from None
    return _checked(value, found)


def _checked(value: object, found: datetime.date, *, serial: bool = False) -> datetime.date:
    if EARLIEST <= found <= LATEST:
        return found
    raise _out_of_range(value, serial=serial)


def _out_of_range(value: object, *, serial: bool) -> CellError:
    if serial:
        message = _(
            "{value} is a number, and as an Excel date it is not between {earliest} and "
            "{latest}: write the date as 2021-08-23, or make the cell a date."
        )
    else:
        message = _("“{value}” is not between {earliest} and {latest}: check the year.")
    return CellError(
        format_lazy(
            message,
            value=quote(value),
            earliest=EARLIEST.isoformat(),
            latest=LATEST.isoformat(),
        ),
        value,
    )


def _unreadable(value: object) -> CellError:
    return CellError(
        format_lazy(
            _(
                "“{value}” is not a date: write the year, month and day, as 2021-08-23, "
                "2021/8/23, 2021.8.23, 2021年8月23日 or 20210823, or make the cell a date."
            ),
            value=quote(value),
        ),
        value,
    )

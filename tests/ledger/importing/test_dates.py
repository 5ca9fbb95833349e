"""Dates are read from Excel date cells, Excel serial numbers and year-first text."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

import pytest

from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.problems import CellError

SIGNED = datetime.date(2021, 8, 23)

FORMS_ACCEPTED = "2021-08-23, 2021/8/23, 2021.8.23, 2021年8月23日 or 20210823"


@pytest.mark.parametrize(
    "cell",
    [
        # What calamine gives for a date cell, with or without a time of day.
        datetime.date(2021, 8, 23),
        datetime.datetime(2021, 8, 23),
        datetime.datetime(2021, 8, 23, 23, 59, 59),
        # A number in a date column: an Excel serial day, or eight digits year first.
        44431,
        44431.0,
        44431.75,
        20210823,
        20210823.0,
        # Text, year first.
        "2021-08-23",
        "2021-8-23",
        "2021/8/23",
        "2021/08/23",
        "2021.8.23",
        "2021年8月23日",
        "2021年08月23日",
        "2021年8月23号",
        "2021年8月23",
        "2021 年 8 月 23 日",
        "20210823",
        "２０２１年８月２３日",
        "２０２１－０８－２３",
        " 2021-08-23 ",
        "2021-08-23 00:00:00",
        "2021-08-23T09:30",
        "2021/8/23 9:30",
        "2021年8月23日 09:30:00",
    ],
)
def test_a_date_is_read_from_every_accepted_form(cell: object) -> None:
    assert parse_date(cell) == SIGNED


def test_excel_serials_count_days_of_the_1900_date_system() -> None:
    assert parse_date(18264) == datetime.date(1950, 1, 1)
    assert parse_date(45432) == datetime.date(2024, 5, 20)
    assert parse_date(73415) == datetime.date(2100, 12, 31)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("2021-02-30", "“2021-02-30” is not a real date: 2021-02 has no day 30."),
        ("2021年2月29日", "“2021年2月29日” is not a real date: 2021-02 has no day 29."),
        ("2021-13-01", "“2021-13-01” is not a real date: there is no month 13."),
        (20211301, "“20211301” is not a real date: there is no month 13."),
        ("2021-04-31", "2021-04 has no day 31"),
        (
            "8/23/2021",
            "“8/23/2021” could be day first or month first: write the year first, e.g. 2021-08-23",
        ),
        ("23/8/2021", "“23/8/2021” could be day first or month first"),
        ("23.08.2021", "“23.08.2021” could be day first or month first"),
        ("21-8-23", f"“21-8-23” is not a date: write the year, month and day, as {FORMS_ACCEPTED}"),
        ("2022年3月", "“2022年3月” is not a date: write the year, month and day"),
        ("2021-08", "“2021-08” is not a date"),
        ("2021-8/23", "“2021-8/23” is not a date"),
        ("二〇二一年八月二十三日", "“二〇二一年八月二十三日” is not a date"),
        ("soon", "“soon” is not a date"),
        (True, "“TRUE” is not a date"),
        (datetime.timedelta(days=3), "“3 days, 0:00:00” is not a date"),
        (math.nan, "“nan” is not a date"),
        ("", "The date is empty"),
        ("1900-01-01", "“1900-01-01” is not between 1950-01-01 and 2100-12-31: check the year."),
        ("2201-08-23", "“2201-08-23” is not between 1950-01-01 and 2100-12-31"),
        (datetime.date(1899, 12, 31), "“1899-12-31” is not between 1950-01-01 and 2100-12-31"),
        (2021, "2021 is a number, and as an Excel date it is not between 1950-01-01 and"),
        (60, "60 is a number"),  # Excel's 1900-02-29, which never was
        (0, "0 is a number"),
        (-5, "-5 is a number"),
        (Decimal("99999999999"), "99999999999 is a number"),
    ],
)
def test_anything_else_is_an_error_quoting_the_value(cell: object, words: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(cell)
    assert words in str(caught.value)


def test_a_form_not_read_is_told_which_forms_are() -> None:
    with pytest.raises(CellError) as caught:
        parse_date("Aug 23, 2021")
    assert FORMS_ACCEPTED in str(caught.value)
    assert "or make the cell a date" in str(caught.value)

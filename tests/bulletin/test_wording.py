"""Amounts, shares, dates and names as a bulletin writes them: rounded once, half up, exactly."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from taizhang.bulletin.amounts import (
    amount_in,
    as_number,
    share,
    threshold_en,
    threshold_zh,
    usd_en,
    usd_zh,
    whole_percent,
    yuan_en,
    yuan_zh,
)
from taizhang.bulletin.view import read_figures
from taizhang.bulletin.wording import date_text, label, moment_text, name_of
from tests.bulletin import samples


def yuan(text: str) -> Decimal:
    return Decimal(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("252400000000.00", "¥252.4 billion"),
        ("46000000000.00", "¥46.0 billion"),  # one decimal always, as the city writes it
        ("252450000000.00", "¥252.5 billion"),  # half up at .x5
        ("252449999999.99", "¥252.4 billion"),  # a fen below the half stays down
        ("1234500000000.00", "¥1,234.5 billion"),
        ("1000000000.00", "¥1.0 billion"),
        ("999960000.00", "¥1.0 billion"),  # not "¥1000 million"
        ("950000000.00", "¥950 million"),  # under ¥1 billion: millions, not "¥1.0 billion"
        ("300000000.00", "¥300 million"),
        ("50000000.00", "¥50 million"),  # ¥0.05 billion
        ("12345678.00", "¥12.3 million"),
        ("8000.00", "¥8,000"),
    ],
)
def test_english_amounts_are_billions_with_one_decimal_or_millions_below(
    value: str, expected: str
) -> None:
    assert yuan_en(yuan(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("252400000000.00", "2524亿元"),
        ("3200000000.00", "32亿元"),
        ("320000000.00", "3.2亿元"),  # never 3亿元 when the exact value is 3.2亿
        ("325000000.00", "3.3亿元"),  # half up
        ("324999999.99", "3.2亿元"),
        ("150000000.00", "1.5亿元"),
        ("100000000.00", "1亿元"),  # no trailing .0
        ("99999999.00", "1亿元"),  # 9999.99999万 rounds to 1亿, not 10000万
        ("50000000.00", "5000万元"),  # ¥0.05 billion
        ("30000000.00", "3000万元"),
        ("12345678.00", "1234.6万元"),
        ("5000.00", "5000元"),
    ],
)
def test_chinese_amounts_are_yi_with_at_most_one_decimal_or_wan_below(
    value: str, expected: str
) -> None:
    assert yuan_zh(yuan(value)) == expected


def test_us_dollars_are_billions_with_two_decimals_in_english_and_yi_in_chinese() -> None:
    value = yuan("38969861660.08")  # ¥252.4 billion at 6.4768 yuan per US$
    assert usd_en(value) == "US$38.97 billion"
    assert usd_zh(value) == "389.7亿美元"
    assert usd_en(yuan("38965000000.00")) == "US$38.97 billion"  # half up
    assert usd_en(yuan("463200000.00")) == "US$463.2 million"
    assert usd_zh(yuan("45000000.00")) == "4500万美元"


def test_band_thresholds_are_named_as_releases_name_them() -> None:
    assert [threshold_en(yuan(v)) for v in ("5E8", "1E9", "5E9", "1E10")] == [
        "¥0.5 billion",
        "¥1 billion",
        "¥5 billion",
        "¥10 billion",
    ]
    assert [threshold_zh(yuan(v)) for v in ("5E8", "1E9", "5E9", "1E10")] == [
        "5亿元",
        "10亿元",
        "50亿元",
        "100亿元",
    ]


def test_shares_come_from_the_exact_fraction() -> None:
    assert share(Decimal("101600000000.00"), Decimal("252400000000.00")) == Decimal("0.4025")
    assert whole_percent(Decimal("101600000000.00"), Decimal("252400000000.00")) == 40
    assert whole_percent(1, 8) == 13  # 12.5% rounds up
    assert whole_percent(49, 200) == 25  # 24.5% rounds up
    assert whole_percent(0, 0) == 0  # nothing to share


def test_a_share_is_not_rounded_twice() -> None:
    # 24.496% is 0.2450 to four decimals, but 24% in whole percent: rounding the rounded
    # share would say 25%.
    part, whole = Decimal("24496"), Decimal("100000")
    assert share(part, whole) == Decimal("0.2450")
    assert whole_percent(part, whole) == 24
    figures = samples.small_event()
    figures["totals"]["value"] = "100000.00"
    figures["by_sector"][0]["value"] = "24496.00"
    figures["by_sector"][0]["share_of_value"] = "0.2450"
    assert read_figures(figures, "en").sectors[0].percent_of_value == 24


def test_sums_of_tenths_stay_exact() -> None:
    total = Decimal("100000000.00") + Decimal("200000000.00")  # 0.1 + 0.2 billion
    assert yuan_en(total) == "¥300 million"
    assert yuan_zh(total) == "3亿元"
    # The double a spreadsheet cell holds reads back (by its shortest repr) as exactly 0.3.
    assert Decimal(repr(as_number(total / 10**9))) == Decimal("0.3")


def test_table_amounts_drop_the_unit_their_header_states() -> None:
    assert amount_in(yuan("101600000000.00"), "en") == "101.6"
    assert amount_in(yuan("101600000000.00"), "zh") == "1016"
    assert amount_in(yuan("320000000.00"), "zh") == "3.2"


def test_dates_are_written_as_each_language_writes_them() -> None:
    day = datetime.date(2021, 8, 23)
    assert date_text(day, "en") == "23 August 2021"
    assert date_text(day, "zh") == "2021年8月23日"
    moment = datetime.datetime(2021, 8, 25, 10, 30)
    assert moment_text(moment, "en") == "25 August 2021, 10:30"
    assert moment_text(moment, "zh-hans") == "2021年8月25日10:30"


def test_names_prefer_the_language_s_own_key() -> None:
    both = {"name": "Other", "name_zh": "其他", "name_en": "Other"}
    assert name_of(both, "zh") == "其他"
    assert name_of(both, "en") == "Other"
    assert name_of({"name": "璧山区", "code": "500120"}, "en") == "璧山区"
    assert name_of({"name": None, "name_zh": "两江新区", "name_en": ""}, "en") == "两江新区"
    assert name_of({"code": "500120"}, "en") == "500120"


def test_labels_exist_in_both_languages() -> None:
    assert label("value", "en") == "Value (¥ billion)"
    assert label("value", "zh") == "金额（亿元）"
    assert label("title", "zh", event="X") == "X签约项目情况"
    with pytest.raises(ValueError, match="unknown language"):
        label("value", "fr")

"""`taizhang events add` and `taizhang events list`: creating the events a ledger imports into."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taizhang.ledger.models import Event

pytestmark = pytest.mark.django_db

SCE2021 = [
    "add",
    "--code",
    "SCE2021",
    "--name",
    "Smart China Expo 2021 Key Projects Signing Ceremony",
    "--name-zh",
    "2021智博会重大项目签约仪式",
    "--series",
    "SCE",
    "--edition",
    "2021",
    "--date",
    "2021-08-23",
    "--host",
    "重庆市",
    "--usd-rate",
    "6.4768",
    "--rate",
    "EUR=7.6",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("events", *args, stdout=out)
    return out.getvalue()


def test_add_creates_the_event_with_host_rates_and_its_own_sector_scheme():
    run(*SCE2021)
    event = Event.objects.get(code="SCE2021")
    assert event.host.code == "500000"
    assert (event.series, event.edition, event.date.isoformat()) == ("SCE", 2021, "2021-08-23")
    assert event.rate("USD") == Decimal("6.4768")
    assert event.rate("eur") == Decimal("7.6")
    assert event.rate("CNY") == Decimal(1)
    assert event.rate("JPY") is None
    assert event.sector_scheme.code == "SCE2021-SECTORS"


def test_host_may_be_given_by_english_name_or_code_of_a_functional_area():
    run(
        "add",
        "--code",
        "LJ2021",
        "--name",
        "Liangjiang cloud signing",
        "--series",
        "LJCLOUD",
        "--edition",
        "2021",
        "--date",
        "2021-08-18",
        "--host",
        "Liangjiang New Area",
    )
    assert Event.objects.get(code="LJ2021").host.code == "CQ-LJ"


def test_a_second_edition_can_share_the_first_ones_sector_scheme():
    run(*SCE2021)
    run(
        "add",
        "--code",
        "SCE2022",
        "--name",
        "SCE 2022",
        "--series",
        "SCE",
        "--edition",
        "2022",
        "--date",
        "2022-08-22",
        "--host",
        "500000",
        "--sectors",
        "SCE2021-SECTORS",
    )
    assert Event.objects.get(code="SCE2022").sector_scheme.code == "SCE2021-SECTORS"


def test_every_problem_is_listed_and_nothing_is_written():
    run(*SCE2021)
    with pytest.raises(CommandError) as raised:
        run(
            "add",
            "--code",
            "SCE2021",
            "--name",
            "again",
            "--series",
            "SCE",
            "--edition",
            "2021",
            "--date",
            "2021-13-01",
            "--host",
            "重亲",
            "--rate",
            "EUR=-1",
            "--rate",
            "usd=abc",
        )
    message = str(raised.value)
    assert "already exists" in message
    assert "already has its 2021 edition" in message
    assert "2021-13-01" in message
    assert "重亲" in message
    assert "EUR" in message and "USD" in message
    assert Event.objects.count() == 1


def test_a_rate_not_written_as_currency_equals_rate_is_refused():
    with pytest.raises(CommandError, match="CUR=RATE"):
        run(*SCE2021[:-2], "--rate", "USD 6.4")
    assert not Event.objects.exists()


def test_list_shows_events_in_text_and_json():
    run(*SCE2021)
    assert "SCE2021" in run("list")
    [row] = json.loads(run("list", "--format", "json"))
    assert row["code"] == "SCE2021"
    assert row["host"]["code"] == "500000"
    assert row["rates"] == {"EUR": "7.6", "USD": "6.4768"}
    assert row["projects"] == 0


def test_list_says_how_to_add_one_when_there_are_none():
    assert "taizhang events add" in run("list")


def test_rate_adds_and_changes_rates_of_an_existing_event():
    run(*SCE2021)
    assert "USD=6.5" in run("rate", "SCE2021", "USD=6.5", "HKD=0.83")
    event = Event.objects.get(code="SCE2021")
    assert event.rate("USD") == Decimal("6.5")
    assert event.rate("HKD") == Decimal("0.83")


def test_rate_on_an_unknown_event_or_with_a_bad_rate_changes_nothing():
    run(*SCE2021)
    with pytest.raises(CommandError, match="SCE1999"):
        run("rate", "SCE1999", "USD=6.5")
    with pytest.raises(CommandError, match="USD"):
        run("rate", "SCE2021", "HKD=0.83", "USD=zero")
    assert Event.objects.get(code="SCE2021").rate("HKD") is None

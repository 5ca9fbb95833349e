"""An event's figures in the JSON form, from a small hand-built ledger."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from taizhang.bulletin.figures import event_figures, localise, percent, share
from taizhang.bulletin.publishing import publish
from tests.bulletin.small_ledger import SmallLedger, bn

pytestmark = pytest.mark.django_db

SPEC_KEYS = {
    "event",
    "totals",
    "by_mode",
    "bands",
    "by_sector",
    "by_investor_type",
    "by_region",
    "strategic_emerging",
    "outside_host",
    "previous_edition",
}


@pytest.fixture
def editions(small: SmallLedger):
    """Two editions of a series: 2020 with three projects, 2021 with four and one outside."""
    earlier = small.event("T2020", edition=2020)
    later = small.event("T2021", edition=2021, usd_rate="6.4768")
    small.projects(earlier, [bn("0.6"), bn("1.5"), bn("7")])
    small.project(later, bn("0.8"), mode="offline")
    small.project(later, bn("1.2"), mode="online", sector=small.digital, investor="state")
    small.project(later, bn("6"), mode="offsite", sector=small.other, strategic=True)
    small.project(later, bn("11"), mode="online", region=small.liangjiang, investor="foreign")
    small.project(later, bn("3.2"), region=small.guizhou)
    return earlier, later


def test_the_figures_have_every_key_of_the_spec_and_are_plain_json(editions) -> None:
    figures = event_figures(editions[1])
    assert set(figures) >= SPEC_KEYS
    assert json.loads(json.dumps(figures)) == figures


def test_totals_amounts_are_exact_yuan_strings_and_us_dollars_round_half_up(editions) -> None:
    totals = event_figures(editions[1])["totals"]
    # 19,000,000,000 ÷ 6.4768 = 2,933,547,430.830...
    assert totals == {"projects": 4, "value": "19000000000.00", "value_usd": "2933547430.83"}


def test_value_usd_is_null_without_a_rate(editions) -> None:
    assert event_figures(editions[0])["totals"]["value_usd"] is None


def test_by_mode_has_all_modes_and_live(editions) -> None:
    assert event_figures(editions[1])["by_mode"] == {
        "offline": {"projects": 1, "value": "800000000.00"},
        "online": {"projects": 2, "value": "12200000000.00"},
        "offsite": {"projects": 1, "value": "6000000000.00"},
        "live": {"projects": 3, "value": "13000000000.00"},
    }


def test_bands_compare_with_the_previous_edition_computed(editions) -> None:
    figures = event_figures(editions[1])
    assert [(b["projects"], b["previous"], b["change"]) for b in figures["bands"]] == [
        (4, 3, 1),
        (3, 2, 1),
        (2, 1, 1),
        (1, 0, 1),
    ]
    assert figures["previous_edition"] == {
        "code": "T2020",
        "name": "T2020 signing ceremony",
        "name_zh": "T2020签约仪式",
        "name_en": "T2020 signing ceremony",
        "projects": 3,
        "value": "9100000000.00",
        "published_at": None,
    }


def test_bands_compare_with_the_previous_edition_as_published(small: SmallLedger, editions) -> None:
    earlier, later = editions
    published = publish(earlier, published_by="test")
    small.projects(earlier, [bn("20"), bn("30")])  # after publication: not what the city said
    figures = event_figures(later)
    assert figures["previous_edition"]["projects"] == 3
    assert figures["previous_edition"]["published_at"] == published.published_at.isoformat()
    assert [(b["previous"], b["change"]) for b in figures["bands"]] == [
        (3, 1),
        (2, 1),
        (1, 1),
        (0, 1),
    ]


def test_the_first_edition_has_no_previous_one(editions) -> None:
    figures = event_figures(editions[0])
    assert figures["previous_edition"] is None
    assert {(b["previous"], b["change"]) for b in figures["bands"]} == {(None, None)}


def test_sectors_types_and_regions_carry_both_names_and_shares(editions) -> None:
    figures = event_figures(editions[1])
    assert [
        (row["code"], row["projects"], row["share_of_value"]) for row in figures["by_sector"]
    ] == [
        ("IM", 2, "0.6211"),
        ("DE", 1, "0.0632"),
        ("OT", 1, "0.3158"),
    ]
    assert [row["type"] for row in figures["by_investor_type"]] == [
        "state",
        "private",
        "foreign",
        "other",
    ]
    assert [(row["code"], row["name_zh"]) for row in figures["by_region"]] == [
        ("CQ-LJ", "两江新区"),
        ("500112", "渝北区"),
    ]


def test_outside_host_lists_its_regions_apart(editions) -> None:
    assert event_figures(editions[1])["outside_host"] == {
        "projects": 1,
        "value": "3200000000.00",
        "regions": [
            {
                "code": "520000",
                "name": "Guizhou",
                "name_zh": "贵州省",
                "name_en": "Guizhou",
                "projects": 1,
                "value": "3200000000.00",
            }
        ],
    }


def test_strategic_emerging_states_both_shares_labelled(editions) -> None:
    strategic = event_figures(editions[1])["strategic_emerging"]
    assert strategic["projects"] == 1
    assert strategic["share_of_projects"] == "0.2500"
    assert strategic["share_of_value"] == "0.3158"


def test_names_follow_the_active_language_and_localise_switches_them(editions) -> None:
    with translation.override("zh-hans"):
        figures = event_figures(editions[1])
    assert figures["event"]["name"] == "T2021签约仪式"
    assert figures["by_investor_type"][0]["name"] == "国有"
    english = localise(figures, "en")
    assert english["event"]["name"] == "T2021 signing ceremony"
    assert english["by_investor_type"][0]["name"] == "state-owned"
    assert english["by_region"][0]["name"] == "Liangjiang New Area"
    assert figures["event"]["name"] == "T2021签约仪式"  # localise returns a copy


def test_a_project_announced_at_two_events_counts_in_each(small: SmallLedger) -> None:
    district = small.event("LJ", series="LJ", host=small.liangjiang)
    city = small.event("CITY")
    small.project(district, bn("2"), region=small.liangjiang, also_at=[city])
    small.project(city, bn("5"))
    assert event_figures(district)["totals"]["projects"] == 1
    assert event_figures(city)["totals"] == {
        "projects": 2,
        "value": "7000000000.00",
        "value_usd": None,
    }


# --- rounding ------------------------------------------------------------------------------------


def test_shares_round_half_up_from_the_exact_fraction() -> None:
    assert share(Decimal("0.01"), Decimal("200.00")) == "0.0001"  # 0.00005
    assert share(1, 8) == "0.1250"
    assert share(2, 3) == "0.6667"
    assert share(0, 5) == "0.0000"
    assert share(0, 0) is None


def test_whole_percent_is_rounded_once_from_the_exact_fraction() -> None:
    assert percent(1, 8) == 13  # 12.5 → 13, half up
    # 12.495%: the four-decimal share says 0.1250, yet the whole percent is 12, not 13.
    assert share(Decimal("24.99"), Decimal("200")) == "0.1250"
    assert percent(Decimal("24.99"), Decimal("200")) == 12
    assert percent(0, 0) is None


def test_shares_in_the_figures_round_half_up(small: SmallLedger) -> None:
    event = small.event("T2021")
    small.project(event, Decimal("0.01"), sector=small.digital)
    small.projects(event, [Decimal("24.99"), Decimal("175.00")])
    digital = event_figures(event)["by_sector"][1]
    assert (digital["code"], digital["share_of_value"]) == ("DE", "0.0001")
    manufacturing = event_figures(event)["by_sector"][0]
    assert manufacturing["value"] == "199.99"


# --- a fixed number of queries -------------------------------------------------------------------


def count_queries(small: SmallLedger, code: str, projects: int) -> int:
    event = small.event(code, edition=2000 + projects)
    small.projects(event, [bn("1")] * projects, park=small.park, chain=small.chain)
    with CaptureQueriesContext(connection) as queries:
        figures = event_figures(event)
    assert figures["totals"]["projects"] == projects
    return len(queries)


def test_event_figures_take_as_many_queries_for_100_projects_as_for_10(
    small: SmallLedger,
) -> None:
    few, many = count_queries(small, "FEW", 10), count_queries(small, "MANY", 100)
    assert few == many <= 12

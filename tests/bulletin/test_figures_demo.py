"""The demo ledger's JSON bulletins state every published figure (shared/domain/seed-facts.md).

The figures are computed once for the module from the demo, built once; each test reads one
published figure from them, written out here as the city published it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from taizhang.bulletin.figures import event_figures, localise, series_figures
from taizhang.ledger.models import Event

pytestmark = pytest.mark.django_db

BILLION = Decimal(1_000_000_000)


@pytest.fixture(scope="module")
def figures(demo_ledger, django_db_blocker) -> dict[str, Any]:
    with django_db_blocker.unblock():
        found: dict[str, Any] = {
            event.code: event_figures(event) for event in Event.objects.select_related("host").all()
        }
        found["series"] = series_figures("SCE")
    return found


def billions(amount: str, places: str = "0.1") -> Decimal:
    """An amount of the JSON in billions, rounded half up as the city states it."""
    return (Decimal(amount) / BILLION).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def tally(part: dict[str, Any]) -> tuple[int, Decimal]:
    return part["projects"], billions(part["value"])


def percent(share: str) -> int:
    return int((Decimal(share) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- SCE 2021 ------------------------------------------------------------------------------------


def test_sce2021_is_named_dated_and_in_its_series(figures) -> None:
    event = figures["SCE2021"]["event"]
    assert (event["code"], event["date"], event["series"], event["edition"]) == (
        "SCE2021",
        "2021-08-23",
        "SCE",
        2021,
    )
    assert event["name_zh"] and event["name_en"]


def test_sce2021_signed_92_projects_worth_exactly_252_4_billion(figures) -> None:
    totals = figures["SCE2021"]["totals"]
    assert (totals["projects"], totals["value"]) == (92, "252400000000.00")


def test_sce2021_is_stated_as_38_97_billion_dollars(figures) -> None:
    usd = figures["SCE2021"]["totals"]["value_usd"]
    assert usd == "38969861660.08"
    assert billions(usd, "0.01") == Decimal("38.97")


def test_sce2021_modes_50_offline_16_online_26_off_site_66_live(figures) -> None:
    modes = figures["SCE2021"]["by_mode"]
    assert tally(modes["offline"]) == (50, Decimal("167.5"))
    assert tally(modes["online"]) == (16, Decimal("39.8"))
    assert tally(modes["offsite"]) == (26, Decimal("45.1"))
    assert tally(modes["live"]) == (66, Decimal("207.3"))
    assert modes["live"]["value"] == "207300000000.00"


def test_sce2021_bands_92_81_19_with_their_change_on_2020(figures) -> None:
    bands = figures["SCE2021"]["bands"]
    assert [band["min"] for band in bands] == [
        "500000000.00",
        "1000000000.00",
        "5000000000.00",
        "10000000000.00",
    ]
    assert [(band["projects"], band["previous"], band["change"]) for band in bands[:3]] == [
        (92, 71, 21),
        (81, 58, 23),
        (19, 17, 2),
    ]


def test_every_sce2021_project_was_worth_at_least_half_a_billion(figures) -> None:
    assert figures["SCE2021"]["min_band"] == "500000000.00"


def test_sce2021_previous_edition_is_sce2020_with_71_projects_and_271_2_billion(figures) -> None:
    previous = figures["SCE2021"]["previous_edition"]
    assert (previous["code"], previous["projects"], previous["value"]) == (
        "SCE2020",
        71,
        "271200000000.00",
    )
    assert previous["published_at"] is None


def test_sce2021_sectors_in_order_with_shares_of_value(figures) -> None:
    sectors = figures["SCE2021"]["by_sector"]
    assert [
        (row["name_zh"], row["projects"], billions(row["value"]), percent(row["share_of_value"]))
        for row in sectors
    ] == [
        ("智能制造", 32, Decimal("101.6"), 40),
        ("数字经济", 20, Decimal("42.8"), 17),
        ("科技创新", 17, Decimal("46.0"), 18),
        ("其他", 23, Decimal("62.0"), 25),
    ]
    assert sectors[0]["share_of_projects"] == "0.3478"
    assert sectors[0]["share_of_value"] == "0.4025"
    assert [row["percent_of_value"] for row in sectors] == [40, 17, 18, 25]
    assert [row["is_other"] for row in sectors] == [False, False, False, True]


def test_sce2021_investor_types_with_shares_of_value(figures) -> None:
    types = figures["SCE2021"]["by_investor_type"]
    assert [
        (row["type"], row["projects"], billions(row["value"]), row["percent_of_value"])
        for row in types
    ] == [
        ("state", 10, Decimal("46.3"), 18),
        ("private", 69, Decimal("167.0"), 66),
        ("foreign", 5, Decimal("7.3"), 3),
        ("other", 8, Decimal("31.8"), 13),
    ]
    assert [row["name_zh"] for row in types] == ["国有", "民营", "外资", "其他"]


def test_sce2021_regions_add_up_to_the_host_total(figures) -> None:
    regions = figures["SCE2021"]["by_region"]
    assert sum(row["projects"] for row in regions) == 92
    assert sum(Decimal(row["value"]) for row in regions) == Decimal("252400000000.00")
    assert all(row["code"] and row["name_zh"] and row["name_en"] for row in regions)


def test_sce2021_outside_the_host_3_2_billion_in_guizhou_sichuan_and_yunnan(figures) -> None:
    outside = figures["SCE2021"]["outside_host"]
    assert (outside["projects"], outside["value"]) == (3, "3200000000.00")
    assert {row["code"] for row in outside["regions"]} == {"520000", "510000", "530000"}
    assert sum(Decimal(row["value"]) for row in outside["regions"]) == Decimal("3200000000.00")


def test_sce2021_every_share_is_a_string_of_four_decimals(figures) -> None:
    rows = [
        *figures["SCE2021"]["by_sector"],
        *figures["SCE2021"]["by_investor_type"],
        *figures["SCE2021"]["by_region"],
        figures["SCE2021"]["strategic_emerging"],
    ]
    for row in rows:
        for key in ("share_of_projects", "share_of_value"):
            assert isinstance(row[key], str)
            assert len(row[key].split(".")[1]) == 4


# --- SCE 2022 ------------------------------------------------------------------------------------


def test_sce2022_signed_70_projects_worth_212_1_billion_54_above_1_billion(figures) -> None:
    sce2022 = figures["SCE2022"]
    assert (sce2022["totals"]["projects"], sce2022["totals"]["value"]) == (70, "212100000000.00")
    assert sce2022["bands"][1]["projects"] == 54
    assert sce2022["totals"]["value_usd"] is None


def test_sce2022_sectors_as_published(figures) -> None:
    assert [
        (row["name_en"], row["projects"], billions(row["value"]))
        for row in figures["SCE2022"]["by_sector"]
    ] == [
        ("Smart and connected new-energy vehicles", 18, Decimal("83.3")),
        ("Software, information and technological innovation", 14, Decimal("33.0")),
        ("Electronics and equipment (smart manufacturing)", 13, Decimal("22.4")),
        ("Biomedicine", 6, Decimal("12.8")),
        ("Other (new energy, new materials, private equity and others)", 19, Decimal("60.6")),
    ]


def test_sce2022_strategic_emerging_is_80_percent_of_count_and_of_value(figures) -> None:
    strategic = figures["SCE2022"]["strategic_emerging"]
    assert strategic["projects"] == 56
    assert strategic["value"] == "169680000000.00"
    assert strategic["share_of_projects"] == "0.8000"
    assert strategic["share_of_value"] == "0.8000"
    assert (strategic["percent_of_projects"], strategic["percent_of_value"]) == (80, 80)
    categories = strategic["by_category"]
    assert sum(row["projects"] for row in categories) == 56
    assert all(row["code"] in set("123456789") for row in categories)


def test_sce2022_compares_with_sce2021(figures) -> None:
    assert figures["SCE2022"]["previous_edition"]["code"] == "SCE2021"
    assert figures["SCE2022"]["bands"][1]["change"] == 54 - 81


# --- Liangjiang ----------------------------------------------------------------------------------


def test_liangjiang_signed_25_projects_worth_46_3_billion_stated_as_6_95_billion_dollars(
    figures,
) -> None:
    totals = figures["LJ2021"]["totals"]
    assert (totals["projects"], totals["value"]) == (25, "46300000000.00")
    assert billions(totals["value_usd"], "0.01") == Decimal("6.95")
    assert figures["LJ2021"]["outside_host"] == {"projects": 0, "value": "0.00", "regions": []}


def test_liangjiang_has_no_previous_edition(figures) -> None:
    assert figures["LJ2021"]["previous_edition"] is None
    assert {(band["previous"], band["change"]) for band in figures["LJ2021"]["bands"]} == {
        (None, None)
    }


def test_liangjiang_lists_every_project_under_its_own_classification_only(figures) -> None:
    sectors = figures["LJ2021"]["by_sector"]
    assert sum(row["projects"] for row in sectors) == 25
    own = ["电子信息", "人工智能", "工业互联网", "新能源", "生物医药", "高端服务业"]
    assert [row["name_zh"] for row in sectors] == [
        name for name in own if name in {row["name_zh"] for row in sectors}
    ]
    assert not any(row["is_other"] for row in sectors)


def test_liangjiang_counts_the_shared_projects_as_signed_online(figures) -> None:
    modes = figures["LJ2021"]["by_mode"]
    assert (modes["online"]["projects"], modes["offsite"]["projects"]) == (25, 0)


# --- the series ----------------------------------------------------------------------------------


def test_the_sce_series_has_each_edition_s_own_figures(figures) -> None:
    editions = figures["series"]["editions"]
    assert [(row["code"], row["projects"], row["value"]) for row in editions] == [
        ("SCE2018", 1, "10200000000.00"),
        ("SCE2020", 71, "271200000000.00"),
        ("SCE2021", 92, "252400000000.00"),
        ("SCE2022", 70, "212100000000.00"),
    ]
    sce2021 = editions[2]
    assert [band["projects"] for band in sce2021["bands"]] == [92, 81, 19, 5]
    assert [(row["name_zh"], row["projects"]) for row in sce2021["by_sector"]] == [
        ("智能制造", 32),
        ("数字经济", 20),
        ("科技创新", 17),
        ("其他", 23),
    ]


def test_the_series_total_counts_each_project_once(figures) -> None:
    # SCE 2021's six projects shared with Liangjiang are Liangjiang's: not in SCE's own total.
    total = figures["series"]["total"]
    assert total["projects"] == 1 + 71 + (92 - 6) + 70


def test_the_figures_name_everything_in_either_language(figures) -> None:
    chinese, english = localise(figures["SCE2021"], "zh"), localise(figures["SCE2021"], "en")
    assert chinese["event"]["name"] == "2021中国国际智能产业博览会重大项目签约仪式"
    assert english["event"]["name"] == "Smart China Expo 2021 Key Projects Signing Ceremony"
    sectors = [row["name"] for row in chinese["by_sector"]]
    assert sectors == ["智能制造", "数字经济", "科技创新", "其他"]
    assert english["by_sector"][0]["name"] == "Intelligent manufacturing"
    assert [row["name"] for row in chinese["outside_host"]["regions"]] == [
        "贵州省",
        "四川省",
        "云南省",
    ]
    assert [row["name"] for row in chinese["by_investor_type"]] == ["国有", "民营", "外资", "其他"]

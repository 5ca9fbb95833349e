"""Statistics over a small hand-built ledger: every breakdown equals what was put in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.bulletin import statistics as stats
from taizhang.bulletin.selection import Selection
from taizhang.bulletin.statistics import Tally
from tests.bulletin.small_ledger import SmallLedger, bn

pytestmark = pytest.mark.django_db


def event_profile(small: SmallLedger, event) -> stats.Profile:
    return stats.profile(Selection.of_event(event).projects(), host=event.host)


@pytest.fixture
def ceremony(small: SmallLedger):
    """Five projects in Chongqing and one in Sichuan, of every kind the breakdowns tell apart."""
    event = small.event("T2021")
    small.project(
        event,
        bn("12"),
        mode="offline",
        investor="state",
        strategic=True,
        park=small.park,
        chain=small.chain,
    )
    small.project(event, bn("6"), mode="online", investor="foreign", region=small.liangjiang)
    small.project(event, bn("1"), mode="offline", sector=small.digital, strategic=False)
    small.project(event, bn("0.8"), mode="offsite", sector=small.other, investor="other")
    small.project(event, bn("0.3"), mode="offsite", sector=small.digital, chain=small.chain)
    small.project(event, bn("2.5"), mode="online", region=small.sichuan, investor="state")
    return event


def test_totals_count_only_projects_within_the_host(small: SmallLedger, ceremony) -> None:
    found = event_profile(small, ceremony)
    assert found.total == Tally(5, bn("20.1"))


def test_projects_outside_the_host_are_counted_apart_by_region(
    small: SmallLedger, ceremony
) -> None:
    found = event_profile(small, ceremony)
    assert found.outside == {small.sichuan.pk: Tally(1, bn("2.5"))}
    assert found.outside_total == Tally(1, bn("2.5"))


def test_modes_and_live_as_offline_plus_online(small: SmallLedger, ceremony) -> None:
    found = event_profile(small, ceremony)
    assert found.modes == {
        "offline": Tally(2, bn("13")),
        "online": Tally(1, bn("6")),
        "offsite": Tally(2, bn("1.1")),
    }
    assert found.live == Tally(3, bn("19"))


def test_bands_count_projects_worth_at_least_each_threshold(small: SmallLedger, ceremony) -> None:
    found = event_profile(small, ceremony)
    assert found.bands == [
        (bn("0.5"), Tally(4, bn("19.8"))),
        (bn("1"), Tally(3, bn("19"))),
        (bn("5"), Tally(2, bn("18"))),
        (bn("10"), Tally(1, bn("12"))),
    ]


def test_min_band_is_none_when_a_project_is_below_half_a_billion(
    small: SmallLedger, ceremony
) -> None:
    assert event_profile(small, ceremony).min_band is None


def test_min_band_is_the_highest_threshold_every_project_meets(small: SmallLedger) -> None:
    event = small.event("T2022")
    small.projects(event, [bn("1"), bn("4.99"), bn("1.2")])
    assert event_profile(small, event).min_band == bn("1")


def test_by_sector_follows_the_classification_with_other_last(small: SmallLedger, ceremony) -> None:
    found = event_profile(small, ceremony)
    categories = stats.categories(found.groups["sector"])
    groups = stats.by_sector(found, small.scheme.pk, categories)
    assert [(group.label.code, group.tally, group.is_other) for group in groups] == [
        ("IM", Tally(2, bn("18")), False),
        ("DE", Tally(2, bn("1.3")), False),
        ("OT", Tally(1, bn("0.8")), True),
    ]


def test_by_investor_type_lists_all_four_types_with_zeros(small: SmallLedger) -> None:
    event = small.event("T2022")
    small.project(event, bn("1"), investor="private")
    groups = stats.by_investor_type(event_profile(small, event))
    assert [(group.key, group.tally) for group in groups] == [
        ("state", Tally()),
        ("private", Tally(1, bn("1"))),
        ("foreign", Tally()),
        ("other", Tally()),
    ]


def test_by_investor_type_is_the_lead_investor_s(small: SmallLedger, ceremony) -> None:
    small.project(ceremony, bn("2"), investor="state", partners=["private"])
    groups = stats.by_investor_type(event_profile(small, ceremony))
    assert {group.key: group.tally for group in groups} == {
        "state": Tally(2, bn("14")),
        "private": Tally(2, bn("1.3")),
        "foreign": Tally(1, bn("6")),
        "other": Tally(1, bn("0.8")),
    }


def test_by_region_park_chain_and_origin(small: SmallLedger, ceremony) -> None:
    groups = event_profile(small, ceremony).groups
    assert groups["region"] == {
        small.yubei.pk: Tally(4, bn("14.1")),
        small.liangjiang.pk: Tally(1, bn("6")),
    }
    assert groups["park"] == {small.park.pk: Tally(1, bn("12")), None: Tally(4, bn("8.1"))}
    assert groups["chain"] == {small.chain.pk: Tally(2, bn("12.3")), None: Tally(3, bn("7.8"))}
    assert groups["origin"] == {small.germany.pk: Tally(1, bn("6")), None: Tally(4, bn("14.1"))}


def test_largest_first_names_the_groups_and_leaves_out_the_unkeyed(
    small: SmallLedger, ceremony
) -> None:
    groups = event_profile(small, ceremony).groups["region"]
    names = stats.labels(type(small.yubei), groups)
    ordered = stats.largest_first(groups, names)
    assert [(group.label.code, group.label.name_zh) for group in ordered] == [
        ("500112", "渝北区"),
        ("CQ-LJ", "两江新区"),
    ]
    parks = event_profile(small, ceremony).groups["park"]
    assert [group.key for group in stats.largest_first(parks, {})] == [small.park.pk]


def test_strategic_emerging_counts_only_flagged_projects(small: SmallLedger, ceremony) -> None:
    found = event_profile(small, ceremony)
    assert found.strategic_emerging == Tally(1, bn("12"))
    assert found.groups["strategic_category"] == {None: Tally(1, bn("12"))}


def test_fortune_global_500_counts_projects_led_by_one_and_the_investors(
    small: SmallLedger, ceremony
) -> None:
    small.project(ceremony, bn("3"), investor="foreign")
    small.project(ceremony, bn("4"), investor="private", partners=["foreign"])
    found = event_profile(small, ceremony)
    assert found.fortune_global_500 == Tally(2, bn("9"))
    assert found.fortune_global_500_investors == 1


def test_withdrawn_projects_are_not_counted(small: SmallLedger, ceremony) -> None:
    from django.utils import timezone

    gone = small.project(ceremony, bn("7"))
    gone.withdrawn_at = timezone.now()
    gone.save()
    assert event_profile(small, ceremony).total == Tally(5, bn("20.1"))


def test_an_empty_event_has_zeros_and_no_groups(small: SmallLedger) -> None:
    found = event_profile(small, small.event("T2022"))
    assert found.total == Tally()
    assert found.modes == {"offline": Tally(), "online": Tally(), "offsite": Tally()}
    assert [tally for _minimum, tally in found.bands] == [Tally()] * 4
    assert found.groups["sector"] == {}
    assert found.min_band is None


def test_a_profile_without_host_counts_every_project(small: SmallLedger, ceremony) -> None:
    found = stats.profile(Selection.of_event(ceremony).projects())
    assert found.total == Tally(6, bn("22.6"))
    assert found.outside == {}


def test_sizes_gives_the_total_and_the_bands_alone(small: SmallLedger, ceremony) -> None:
    total, bands = stats.sizes(Selection.of_event(ceremony).projects())
    assert total == Tally(6, bn("22.6"))
    assert [tally.projects for _minimum, tally in bands] == [5, 4, 2, 1]


def test_unknown_breakdowns_are_refused(small: SmallLedger, ceremony) -> None:
    with pytest.raises(ValueError, match="colour"):
        stats.profile(Selection.of_event(ceremony).projects(), dimensions=["colour"])


# --- exact sums ----------------------------------------------------------------------------------


def test_a_tenth_and_a_fifth_of_a_billion_make_exactly_0_3_billion(small: SmallLedger) -> None:
    event = small.event("T2022")
    small.projects(event, [bn("0.1"), bn("0.2")])
    assert event_profile(small, event).total == Tally(2, Decimal("300000000.00"))


def test_many_cents_add_up_to_the_cent(small: SmallLedger) -> None:
    event = small.event("T2022")
    small.projects(event, [Decimal("0.01")] * 300 + [Decimal("0.07")] * 100)
    assert event_profile(small, event).total == Tally(400, Decimal("10.00"))


def test_large_values_with_cents_sum_exactly(small: SmallLedger) -> None:
    event = small.event("T2022")
    values = [Decimal("98765432109.87"), Decimal("12345678901.23"), Decimal("0.01")] * 40
    small.projects(event, values)
    found = event_profile(small, event)
    assert found.total.value == sum(values, Decimal(0)) == Decimal("4444444440444.40")
    assert found.bands[3][1].value == Decimal("4444444440444.00")


# --- a fixed number of queries -------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_a_profile_is_one_statement_whatever_the_number_of_projects(
    small: SmallLedger, django_assert_num_queries, count: int
) -> None:
    event = small.event("T2022")
    small.projects(event, [bn("1")] * count, park=small.park, chain=small.chain)
    projects = Selection.of_event(event).projects()
    with django_assert_num_queries(1):
        found = stats.profile(projects, host=event.host)
    assert found.total == Tally(count, bn("1") * count)

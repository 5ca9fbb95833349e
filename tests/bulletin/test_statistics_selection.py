"""Which projects a figure counts: one event's announcements, several events' owners, filters."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from taizhang.bulletin import statistics as stats
from taizhang.bulletin.selection import Selection, outside, within
from taizhang.bulletin.statistics import Tally
from taizhang.ledger.models import Project
from tests.bulletin.small_ledger import SmallLedger, bn

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_ceremonies(small: SmallLedger):
    """A district's cloud signing and the city's ceremony, sharing one project.

    The district (Liangjiang) owns the shared project of ¥2 billion; the city announced it too.
    """
    district = small.event("LJ", series="LJ", host=small.liangjiang)
    city = small.event("CITY")
    small.project(district, bn("1"), region=small.liangjiang)
    small.project(district, bn("2"), region=small.liangjiang, also_at=[city])
    small.project(city, bn("5"))
    small.project(city, bn("0.5"), region=small.liangjiang)
    return district, city


def total(selection: Selection) -> Tally:
    return stats.sizes(selection.projects())[0]


def test_each_event_counts_the_projects_announced_there_its_own_and_linked(
    small: SmallLedger, two_ceremonies
) -> None:
    district, city = two_ceremonies
    assert total(Selection.of_event(district)) == Tally(2, bn("3"))
    assert total(Selection.of_event(city)) == Tally(3, bn("7.5"))


def test_several_events_count_each_project_once_at_its_owner(
    small: SmallLedger, two_ceremonies
) -> None:
    assert total(Selection.of_events(two_ceremonies)) == Tally(4, bn("8.5"))


def test_a_series_counts_by_owner_over_its_editions(small: SmallLedger) -> None:
    earlier = small.event("T2020", edition=2020)
    later = small.event("T2021", edition=2021)
    small.project(earlier, bn("1"), also_at=[later])
    small.project(later, bn("2"))
    small.project(small.event("X2021", series="X"), bn("4"))
    assert total(Selection(series="T")) == Tally(2, bn("3"))
    assert total(Selection(series="T", first_edition=2021)) == Tally(1, bn("2"))
    assert total(Selection(series="T", last_edition=2020)) == Tally(1, bn("1"))


def test_an_event_s_selection_matches_the_ledger_s_own_announced_at(
    small: SmallLedger, two_ceremonies
) -> None:
    for event in two_ceremonies:
        chosen = set(Selection.of_event(event).projects().values_list("pk", flat=True))
        ledger = set(Project.objects.announced_at(event).values_list("pk", flat=True))
        assert chosen == ledger


def test_no_event_at_all_counts_every_project_once(small: SmallLedger, two_ceremonies) -> None:
    assert total(Selection()) == Tally(4, bn("8.5"))


def test_region_selects_projects_landing_in_it_or_under_it(
    small: SmallLedger, two_ceremonies
) -> None:
    assert total(Selection(region=small.liangjiang)) == Tally(3, bn("3.5"))
    assert total(Selection(region=small.chongqing)) == Tally(4, bn("8.5"))
    assert total(Selection(region=small.sichuan)) == Tally()


def test_within_and_outside_split_a_set_by_region(small: SmallLedger, two_ceremonies) -> None:
    _district, city = two_ceremonies
    announced = Selection.of_event(city).projects()
    assert stats.sizes(within(announced, small.liangjiang))[0] == Tally(2, bn("2.5"))
    assert stats.sizes(outside(announced, small.liangjiang))[0] == Tally(1, bn("5"))


def test_filters_narrow_the_set_together(small: SmallLedger) -> None:
    event = small.event("T2021")
    first = small.project(
        event, bn("1"), investor="state", mode="online", park=small.park, chain=small.chain
    )
    first.responsible_unit = "渝北区招商局"
    first.save()
    small.project(event, bn("2"), investor="state", strategic=True, sector=small.digital)
    small.project(event, bn("4"), investor="private", mode="offsite")
    assert total(Selection(investor_type="state")) == Tally(2, bn("3"))
    assert total(Selection(mode="online")) == Tally(1, bn("1"))
    assert total(Selection(park=small.park)) == Tally(1, bn("1"))
    assert total(Selection(chain=small.chain)) == Tally(1, bn("1"))
    assert total(Selection(responsible_unit="渝北区招商局")) == Tally(1, bn("1"))
    assert total(Selection(sector=small.digital)) == Tally(1, bn("2"))
    assert total(Selection(strategic_emerging=True)) == Tally(1, bn("2"))
    assert total(Selection.of_event(event, investor_type="state", mode="offline")) == Tally(
        1, bn("2")
    )


def test_signing_dates_select_a_period(small: SmallLedger) -> None:
    event = small.event("T2021")
    early, late = small.project(event, bn("1")), small.project(event, bn("2"))
    Project.objects.filter(pk=early.pk).update(signing_date=datetime.date(2021, 3, 1))
    Project.objects.filter(pk=late.pk).update(signing_date=datetime.date(2021, 9, 1))
    june = datetime.date(2021, 6, 1)
    assert total(Selection(signed_to=june)) == Tally(1, bn("1"))
    assert total(Selection(signed_from=june)) == Tally(1, bn("2"))


def test_withdrawn_projects_are_left_out_unless_asked_for(small: SmallLedger) -> None:
    event = small.event("T2021")
    small.project(event, bn("1"))
    gone = small.project(event, bn("2"))
    gone.withdrawn_at = timezone.now()
    gone.save()
    assert total(Selection.of_event(event)) == Tally(1, bn("1"))
    assert total(Selection.of_event(event, include_withdrawn=True)) == Tally(2, bn("3"))

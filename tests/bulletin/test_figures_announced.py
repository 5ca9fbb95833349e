"""A linked project counted in each event's own terms: the sector and mode its announcement gave.

A district's cloud signing (its own classification) signed a project online; the city's ceremony
announced it again, off-site, under one of the city's sectors. Each event's own figures count it
the way that event did; a figure over several events counts it once, as its owner did.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.bulletin import statistics as stats
from taizhang.bulletin.figures import event_figures, series_figures
from taizhang.bulletin.publishing import counted_rows, ledger_hash
from taizhang.bulletin.selection import Selection
from taizhang.ledger.models import Announcement, Category, ClassificationScheme, Event, Project
from tests.bulletin.small_ledger import SmallLedger, bn

pytestmark = pytest.mark.django_db


class Signings:
    """The district's signing, the city's, and the project they share."""

    def __init__(self, small: SmallLedger) -> None:
        self.small = small
        scheme = ClassificationScheme.objects.create(
            code="LJ-SECTORS", name_zh="两江行业", name_en="Liangjiang sectors"
        )
        self.electronics = Category.objects.create(
            scheme=scheme, code="EI", name_zh="电子信息", name_en="Electronic information"
        )
        self.district = small.event("LJ", series="LJ", host=small.liangjiang)
        self.district.sector_scheme = scheme
        self.district.save()
        self.city = small.event("CITY")
        self.shared = self.shared_project(bn("2"))
        small.project(self.city, bn("5"), sector=small.manufacturing, mode="offline")

    def shared_project(self, value) -> Project:
        """A district project signed online, announced off-site under 数字经济 by the city."""
        project = self.small.project(
            self.district,
            value,
            region=self.small.liangjiang,
            sector=self.electronics,
            mode="online",
            also_at=[self.city],
        )
        at_city = Announcement.objects.get(project=project, event=self.city)
        at_city.sector, at_city.mode = self.small.digital, "offsite"
        at_city.full_clean()
        at_city.save()
        return project


@pytest.fixture
def signings(small: SmallLedger) -> Signings:
    return Signings(small)


def sectors(figures: dict) -> list[tuple[str, int]]:
    return [(row["name_zh"], row["projects"]) for row in figures["by_sector"]]


def modes(figures: dict) -> dict[str, int]:
    return {mode: figures["by_mode"][mode]["projects"] for mode in stats.MODES}


def test_the_city_counts_the_linked_project_off_site_under_its_own_sector(signings) -> None:
    figures = event_figures(signings.city)

    assert sectors(figures) == [("智能制造", 1), ("数字经济", 1)]
    assert modes(figures) == {"offline": 1, "online": 0, "offsite": 1}
    assert figures["by_mode"]["live"]["projects"] == 1


def test_the_district_counts_its_own_project_online_in_its_own_classification(signings) -> None:
    figures = event_figures(signings.district)

    assert sectors(figures) == [("电子信息", 1)]
    assert modes(figures) == {"offline": 0, "online": 1, "offsite": 0}


def test_a_total_over_both_events_counts_the_project_once_as_its_owner_did(signings) -> None:
    found = stats.profile(Selection.of_events([signings.city, signings.district]).projects())

    sector_ids = found.groups["sector"]
    assert set(sector_ids) == {signings.small.manufacturing.pk, signings.electronics.pk}
    assert (found.modes["online"].projects, found.modes["offsite"].projects) == (1, 0)


def test_narrowing_an_event_by_mode_or_sector_uses_the_event_s_own(signings) -> None:
    def count(event: Event, **narrowing: object) -> int:
        return Selection.of_event(event, **narrowing).projects().count()

    assert count(signings.city, mode="offsite") == 1
    assert count(signings.city, sector=signings.small.digital) == 1
    assert count(signings.city, sector=signings.electronics) == 0
    assert count(signings.district, mode="offsite") == 0
    assert count(signings.district, sector=signings.electronics) == 1


def test_the_series_gives_each_edition_s_sector_mix_in_its_own_terms(signings) -> None:
    (edition,) = series_figures("T")["editions"]

    assert [(row["name_zh"], row["projects"]) for row in edition["by_sector"]] == [
        ("智能制造", 1),
        ("数字经济", 1),
    ]


def test_an_event_s_figures_take_as_many_queries_however_many_projects_are_linked(
    signings,
) -> None:
    with CaptureQueriesContext(connection) as one:
        event_figures(signings.city)
    for value in ("1", "3", "4"):
        signings.shared_project(bn(value))
    with CaptureQueriesContext(connection) as four:
        figures = event_figures(signings.city)

    assert sectors(figures) == [("智能制造", 1), ("数字经济", 4)]
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_publication_hash_covers_the_sector_and_mode_the_event_gave(signings) -> None:
    city, district = (
        ledger_hash(counted_rows(signings.city)),
        ledger_hash(counted_rows(signings.district)),
    )
    at_city = Announcement.objects.get(project=signings.shared, event=signings.city)
    at_city.mode = "online"
    at_city.save()

    assert ledger_hash(counted_rows(signings.city)) != city
    assert ledger_hash(counted_rows(signings.district)) == district


def test_an_announcement_s_sector_must_be_of_its_event_s_classification(signings) -> None:
    at_city = Announcement.objects.get(project=signings.shared, event=signings.city)
    at_city.sector = signings.electronics
    with pytest.raises(ValidationError, match="not a sector of CITY"):
        at_city.full_clean()
    at_home = Announcement.objects.get(project=signings.shared, event=signings.district)
    at_home.mode = "offsite"
    with pytest.raises(ValidationError, match="LJ's own project"):
        at_home.full_clean()

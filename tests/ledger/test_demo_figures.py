"""The demo ledger reproduces every published signing figure (shared/domain/seed-facts.md).

The demo is built once for the module inside a transaction that is rolled back at the end; each
figure is then asked of the database the way a bulletin asks it: ORM aggregates over the projects
announced at an event, restricted to those landing within the event's host region. The figures
are written out here as published, not imported from the demo's own tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from taizhang.ledger.credit_code import credit_code_problem
from taizhang.ledger.demo import DemoSummary, build_demo_ledger
from taizhang.ledger.models import (
    STRATEGIC_EMERGING_SCHEME,
    Announcement,
    Category,
    ChainOwner,
    Event,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)

pytestmark = pytest.mark.django_db

BILLION = Decimal(1_000_000_000)


def bn(text: str) -> Decimal:
    """A published amount in billions of yuan, as yuan."""
    return Decimal(text) * BILLION


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker) -> Iterator[dict[str, object]]:
    """The demo, built once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        regions_before = Region.objects.count()
        summary = build_demo_ledger()
        yield {"summary": summary, "regions_before": regions_before}
        transaction.set_rollback(True)


def event(code: str) -> Event:
    return Event.objects.select_related("host").get(code=code)


def host_projects(code: str) -> QuerySet[Project]:
    """What the event's own figures count: announced there, landing within its host.

    Each with the mode and sector the event counts it under (``event_mode``, ``event_sector``):
    its announcement's where that has its own, else the project's.
    """
    signing = event(code)
    here = Announcement.objects.filter(event=signing, project=OuterRef("pk"))
    return (
        Project.objects.announced_at(signing)
        .filter(region__path__startswith=signing.host.path)
        .annotate(
            event_mode=Coalesce(NullIf(Subquery(here.values("mode")), Value("")), F("mode")),
            event_sector=Coalesce(
                Subquery(here.values("sector_id")), F("sector_id"), output_field=BigIntegerField()
            ),
        )
    )


def in_sector(**category: object) -> Q:
    """Counted by the event under a category matching ``category`` (lookups on Category)."""
    return Q(event_sector__in=Category.objects.filter(**category).values("pk"))


def totals(projects: QuerySet[Project], **groups: Q) -> dict[str, tuple[int, Decimal | None]]:
    """(count, value) for all projects and for each group, in one aggregate query."""
    aggregates = {"all_count": Count("pk"), "all_value": Sum("value")}
    for name, condition in groups.items():
        aggregates[f"{name}_count"] = Count("pk", filter=condition)
        aggregates[f"{name}_value"] = Sum("value", filter=condition)
    result = projects.aggregate(**aggregates)
    return {name: (result[f"{name}_count"], result[f"{name}_value"]) for name in ["all", *groups]}


def share(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def usd_billions(yuan: Decimal, rate: Decimal) -> Decimal:
    dollars = (yuan / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return (dollars / BILLION).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- Smart China Expo 2021 ---------------------------------------------------------------------


def test_sce2021_signed_92_projects_worth_252_4_billion() -> None:
    result = totals(host_projects("SCE2021"))
    assert result["all"] == (92, Decimal("252400000000.00"))


def test_sce2021_signed_66_live_50_offline_16_online_and_26_off_site() -> None:
    result = totals(
        host_projects("SCE2021"),
        live=Q(event_mode__in=["offline", "online"]),
        offline=Q(event_mode="offline"),
        online=Q(event_mode="online"),
        offsite=Q(event_mode="offsite"),
    )
    assert result["live"] == (66, bn("207.3"))
    assert result["offline"] == (50, bn("167.5"))
    assert result["online"] == (16, bn("39.8"))
    assert result["offsite"] == (26, bn("45.1"))


def test_every_sce2021_project_is_worth_at_least_half_a_billion() -> None:
    assert host_projects("SCE2021").aggregate(smallest=Min("value"))["smallest"] >= bn("0.5")


def test_sce2021_counts_81_projects_of_1_billion_and_19_of_5_billion_some_over_10() -> None:
    bands = host_projects("SCE2021").aggregate(
        one=Count("pk", filter=Q(value__gte=bn("1"))),
        five=Count("pk", filter=Q(value__gte=bn("5"))),
        ten=Count("pk", filter=Q(value__gte=bn("10"))),
    )
    assert bands["one"] == 81
    assert bands["five"] == 19
    assert bands["ten"] >= 1


def test_sce2020_signed_71_projects_worth_271_2_billion_58_of_1_billion_17_of_5() -> None:
    projects = host_projects("SCE2020")
    assert totals(projects)["all"] == (71, bn("271.2"))
    bands = projects.aggregate(
        smallest=Min("value"),
        one=Count("pk", filter=Q(value__gte=bn("1"))),
        five=Count("pk", filter=Q(value__gte=bn("5"))),
    )
    assert bands == {"smallest": bands["smallest"], "one": 58, "five": 17}
    assert bands["smallest"] >= bn("0.5")


def test_sce2021_had_23_more_projects_of_1_billion_and_2_more_of_5_than_2020() -> None:
    def band(code: str, amount: str) -> int:
        return host_projects(code).filter(value__gte=bn(amount)).count()

    assert band("SCE2021", "1") - band("SCE2020", "1") == 23
    assert band("SCE2021", "5") - band("SCE2020", "5") == 2


def test_sce2021_by_sector_reproduces_counts_values_and_shares() -> None:
    result = totals(
        host_projects("SCE2021"),
        manufacturing=in_sector(name_zh="智能制造"),
        digital=in_sector(name_zh="数字经济"),
        science=in_sector(name_zh="科技创新"),
        other=in_sector(name_zh="其他"),
    )
    whole = result["all"][1]
    expected = {
        "manufacturing": (32, bn("101.6"), 40),
        "digital": (20, bn("42.8"), 17),
        "science": (17, bn("46.0"), 18),
        "other": (23, bn("62.0"), 25),
    }
    for group, (count, value, percent) in expected.items():
        assert result[group] == (count, value), group
        assert share(value, whole) == percent, group


def test_sce2021_sectors_are_its_own_classification_with_other_last() -> None:
    signing = event("SCE2021")
    categories = Category.objects.filter(scheme=signing.sector_scheme)
    assert list(categories.values_list("name_zh", "is_other")) == [
        ("智能制造", False),
        ("数字经济", False),
        ("科技创新", False),
        ("其他", True),
    ]
    own = Category.objects.filter(scheme=signing.sector_scheme).values("pk")
    assert not host_projects("SCE2021").exclude(event_sector__in=own).exists()


def test_sce2021_by_lead_investor_type_reproduces_counts_values_and_shares() -> None:
    result = totals(
        host_projects("SCE2021"),
        state=Q(lead_investor__type="state"),
        private=Q(lead_investor__type="private"),
        foreign=Q(lead_investor__type="foreign"),
        other=Q(lead_investor__type="other"),
    )
    whole = result["all"][1]
    expected = {
        "state": (10, bn("46.3"), 18),
        "private": (69, bn("167.0"), 66),
        "foreign": (5, bn("7.3"), 3),
        "other": (8, bn("31.8"), 13),
    }
    for group, (count, value, percent) in expected.items():
        assert result[group] == (count, value), group
        assert share(value, whole) == percent, group


def test_sce2021_projects_all_land_in_chongqing_and_3_2_billion_lands_in_other_provinces() -> None:
    signing = event("SCE2021")
    announced = Project.objects.announced_at(signing)
    outside = announced.exclude(region__path__startswith=signing.host.path)
    assert announced.count() == 92 + outside.count()
    assert outside.aggregate(value=Sum("value"))["value"] == bn("3.2")
    assert set(outside.values_list("region__code", flat=True)) == {"520000", "510000", "530000"}


def test_sce2021_total_is_stated_as_38_97_billion_dollars() -> None:
    signing = event("SCE2021")
    rate = signing.rate("USD")
    assert rate == Decimal("6.4768")
    value = host_projects("SCE2021").aggregate(value=Sum("value"))["value"]
    assert usd_billions(value, rate) == Decimal("38.97")


def test_sce2021_is_the_2021_edition_of_the_sce_series_at_the_expo_center() -> None:
    signing = event("SCE2021")
    assert (signing.series, signing.edition, signing.date.isoformat()) == (
        "SCE",
        2021,
        "2021-08-23",
    )
    assert signing.venue_zh == "重庆国际博览中心"
    assert signing.venue_en == "Chongqing International Expo Center"
    assert signing.host.code == "500000"


# --- Smart China Expo 2022 ---------------------------------------------------------------------


def test_sce2022_signed_70_projects_worth_212_1_billion_54_over_1_billion_none_at_1() -> None:
    projects = host_projects("SCE2022")
    assert totals(projects)["all"] == (70, bn("212.1"))
    assert projects.filter(value__gt=bn("1")).count() == 54
    assert not projects.filter(value=bn("1")).exists()
    assert event("SCE2022").date.isoformat() == "2022-08-22"


def test_sce2022_by_sector_reproduces_the_published_breakdown() -> None:
    result = totals(
        host_projects("SCE2022"),
        vehicles=in_sector(name_en="Smart and connected new-energy vehicles"),
        software=in_sector(name_en="Software, information and technological innovation"),
        electronics=in_sector(name_en="Electronics and equipment (smart manufacturing)"),
        biomedicine=in_sector(name_en="Biomedicine"),
        other=in_sector(is_other=True),
    )
    assert result["vehicles"] == (18, bn("83.3"))
    assert result["software"] == (14, bn("33.0"))
    assert result["electronics"] == (13, bn("22.4"))
    assert result["biomedicine"] == (6, bn("12.8"))
    assert result["other"] == (19, bn("60.6"))


def test_sce2022_strategic_emerging_industries_are_80_percent_of_count_and_of_value() -> None:
    result = totals(host_projects("SCE2022"), strategic=Q(strategic_emerging=True))
    (count, value), (strategic_count, strategic_value) = result["all"], result["strategic"]
    assert (strategic_count, count) == (56, 70)
    assert share(Decimal(strategic_count), Decimal(count)) == 80
    assert share(strategic_value, value) == 80


def test_strategic_emerging_projects_carry_an_nbs_category_and_the_others_none() -> None:
    projects = host_projects("SCE2022")
    strategic = projects.filter(strategic_emerging=True)
    assert not strategic.exclude(
        strategic_emerging_category__scheme__code=STRATEGIC_EMERGING_SCHEME
    ).exists()
    assert not projects.filter(strategic_emerging=False, strategic_emerging_category__isnull=False)
    assert not projects.filter(strategic_emerging__isnull=True).exists()
    assert set(strategic.values_list("strategic_emerging_category__code", flat=True)) <= set(
        "123456789"
    )


# --- Liangjiang New Area cloud signing ---------------------------------------------------------


def test_liangjiang_signed_25_projects_worth_46_3_billion_all_in_liangjiang() -> None:
    signing = event("LJ2021")
    assert (signing.series, signing.edition, signing.date.isoformat()) == (
        "LJCLOUD",
        2021,
        "2021-08-18",
    )
    assert signing.host.code == "CQ-LJ"
    announced = Project.objects.announced_at(signing)
    assert totals(announced)["all"] == (25, bn("46.3"))
    assert set(announced.values_list("region__code", flat=True)) == {"CQ-LJ"}


def test_liangjiang_total_is_stated_as_6_95_billion_dollars() -> None:
    signing = event("LJ2021")
    value = host_projects("LJ2021").aggregate(value=Sum("value"))["value"]
    assert usd_billions(value, signing.rate("USD")) == Decimal("6.95")


def test_liangjiang_holds_the_named_examples() -> None:
    projects = host_projects("LJ2021")
    chips = projects.get(name__contains="影像芯片封装测试")
    assert chips.value == bn("1.2")
    assert "30条封装测试生产线" in chips.description
    assert "超过10亿颗" in chips.description
    assert projects.get(name__contains="人工智能运营及设计中心").value == bn("0.3")
    assert projects.filter(name__contains="LED", name__icontains="芯片设计").count() == 1
    assert projects.filter(name__contains="导光板生产基地").count() == 1
    assert projects.filter(name__contains="智慧停车平台").count() == 1


def test_liangjiang_sectors_are_those_it_announced() -> None:
    names = set(event("LJ2021").sector_scheme.categories.values_list("name_zh", flat=True))
    assert names == {"电子信息", "人工智能", "工业互联网", "新能源", "生物医药", "高端服务业"}


def test_liangjiang_counts_every_project_in_its_own_classification_signed_online() -> None:
    signing = event("LJ2021")
    projects = host_projects("LJ2021")
    assert not projects.exclude(event_sector__in=signing.sector_scheme.categories.all()).exists()
    assert set(projects.values_list("event_mode", flat=True)) == {"online"}


# --- A project announced at two events ---------------------------------------------------------


def shared_projects() -> QuerySet[Project]:
    return Project.objects.announced_at(event("LJ2021")).filter(
        pk__in=Project.objects.announced_at(event("SCE2021")).values("pk")
    )


def test_some_liangjiang_projects_were_announced_again_at_sce2021() -> None:
    shared = shared_projects()
    assert shared.count() == 6
    assert set(shared.values_list("event__code", flat=True)) == {"LJ2021"}
    assert set(shared.values_list("region__code", flat=True)) == {"CQ-LJ"}
    assert shared.aggregate(smallest=Min("value"))["smallest"] >= bn("0.5")


def test_a_shared_project_is_liangjiang_s_and_the_city_announced_it_in_its_own_terms() -> None:
    liangjiang, city = event("LJ2021"), event("SCE2021")
    shared = shared_projects()
    assert not shared.exclude(sector__scheme=liangjiang.sector_scheme, mode="online").exists()
    again = Announcement.objects.filter(event=city, project__in=shared)
    assert again.count() == 6
    assert not again.exclude(sector__scheme=city.sector_scheme, mode="offsite").exists()
    at_home = Announcement.objects.filter(event=liangjiang, project__in=shared)
    assert list(at_home.values_list("sector", "mode").distinct()) == [(None, "")]


def test_a_total_over_both_events_counts_each_shared_project_once() -> None:
    both = [event("SCE2021"), event("LJ2021")]
    chongqing = Region.objects.get(code="500000")
    owned = Project.objects.owned_by(both).filter(region__path__startswith=chongqing.path)
    shared = shared_projects().aggregate(count=Count("pk"), value=Sum("value"))
    assert shared["count"] > 0
    assert totals(owned)["all"] == (
        92 + 25 - shared["count"],
        bn("252.4") + bn("46.3") - shared["value"],
    )
    announced_at_either = Project.objects.filter(announcements__event__in=both).distinct()
    assert announced_at_either.filter(region__path__startswith=chongqing.path).count() == (
        owned.count()
    )


# --- Smart China Expo 2018: Changan ------------------------------------------------------------


def test_sce2018_holds_changan_s_10_2_billion_new_energy_vehicle_park_in_liangjiang() -> None:
    signing = event("SCE2018")
    assert (signing.series, signing.edition, signing.date.isoformat()) == (
        "SCE",
        2018,
        "2018-08-23",
    )
    changan = Project.objects.announced_at(signing).get()
    assert changan.value == bn("10.2")
    assert changan.region.code == "CQ-LJ"
    assert changan.lead_investor.name_zh == "重庆长安汽车股份有限公司"
    assert changan.lead_investor.type == "state"
    assert "新能源汽车产业园" in changan.name


# --- What the data model requires --------------------------------------------------------------


def test_every_project_is_announced_at_the_event_owning_it() -> None:
    owned_announcements = Announcement.objects.filter(event=F("project__event"))
    assert owned_announcements.count() == Project.objects.count()


def test_the_lead_investor_is_the_first_project_investor() -> None:
    first = ProjectInvestor.objects.filter(position=0, investor=F("project__lead_investor"))
    assert first.count() == Project.objects.count()


def test_values_are_exact_to_the_ten_million_yuan() -> None:
    values = Project.objects.values_list("value", flat=True)
    assert all(value % Decimal(10_000_000) == 0 for value in values)
    assert all(isinstance(value, Decimal) for value in values)


def test_each_event_with_other_sectors_marks_its_catch_all_category() -> None:
    for code in ("SCE2018", "SCE2020", "SCE2021", "SCE2022"):
        others = event(code).sector_scheme.categories.filter(is_other=True)
        assert others.count() == 1, code
    assert not event("LJ2021").sector_scheme.categories.filter(is_other=True).exists()
    schemes = Event.objects.values_list("sector_scheme", flat=True)
    assert len(set(schemes)) == Event.objects.count()


def test_investor_credit_codes_are_valid_and_unique() -> None:
    codes = list(Investor.objects.exclude(credit_code=None).values_list("credit_code", flat=True))
    assert len(codes) > 100
    assert [code for code in codes if credit_code_problem(code)] == []
    assert len(set(codes)) == len(codes)


def test_foreign_investors_come_from_abroad_or_hong_kong_macao_and_taiwan() -> None:
    foreign = Investor.objects.filter(type="foreign")
    assert foreign.exists()
    assert not foreign.filter(origin__isnull=True).exists()
    origins = set(foreign.values_list("origin__code", flat=True))
    mainland = {
        code for code in origins if code.isdigit() and code not in {"810000", "820000", "710000"}
    }
    assert mainland == set()
    assert origins & {"810000", "710000"}
    assert Investor.objects.filter(fortune_global_500=True).exists()
    assert Investor.objects.filter(china_top_500=True).exists()


def test_parks_have_heads_and_chains_have_chiefs_and_owners() -> None:
    assert Park.objects.count() >= 5
    assert not Park.objects.filter(head_name="").exists()
    assert not IndustryChain.objects.filter(chief_name="").exists()
    chains_with_owners = ChainOwner.objects.values("chain").distinct().count()
    assert chains_with_owners == IndustryChain.objects.count()
    assert Project.objects.filter(park__isnull=False).count() > 20
    assert Project.objects.filter(industry_chain__isnull=False).count() > 100


def test_projects_carry_responsible_unit_person_dates_and_description() -> None:
    incomplete = Project.objects.filter(
        Q(responsible_unit="")
        | Q(responsible_person="")
        | Q(description="")
        | Q(planned_start__isnull=True)
    )
    assert not incomplete.exists()
    late = Project.objects.filter(planned_production__lt=F("planned_start"))
    assert not late.exists()
    assert (
        Project.objects.aggregate(latest=Max("signing_date"))["latest"].isoformat() == "2022-08-22"
    )


def test_the_demo_creates_no_region(demo: dict[str, object]) -> None:
    assert Region.objects.count() == demo["regions_before"]


def test_the_summary_reports_each_event_s_own_figures(demo: dict[str, object]) -> None:
    summary = demo["summary"]
    assert isinstance(summary, DemoSummary)
    by_code = {item.code: item for item in summary.events}
    assert (by_code["SCE2021"].projects, by_code["SCE2021"].value) == (92, bn("252.4"))
    assert by_code["SCE2021"].usd_billions == Decimal("38.97")
    assert (by_code["SCE2021"].outside_projects, by_code["SCE2021"].outside_value) == (3, bn("3.2"))
    assert summary.projects == Project.objects.count()

"""One project announced at two events: linked by its code, or as a suspected duplicate."""

from __future__ import annotations

import pytest

from taizhang.ledger.importing.matching import near_identical
from taizhang.ledger.models import Announcement, Project
from taizhang.ledger.normalise import normalise_name

from .conftest import CHINESE, project, run, write_xlsx

pytestmark = pytest.mark.django_db

HEADERS = [*CHINESE, "项目代码"]


def district(tmp_path, *rows):
    return write_xlsx(tmp_path / "district.xlsx", [HEADERS, *rows])


def city(tmp_path, *rows):
    return write_xlsx(tmp_path / "city.xlsx", [HEADERS, *rows])


def announced(name: str) -> list[str]:
    return sorted(
        Announcement.objects.filter(project__name=name).values_list("event__code", flat=True)
    )


def test_a_code_owned_by_another_event_links_the_project_to_this_event(tmp_path, sce2021, lj2021):
    run(district(tmp_path, [*project("影像芯片封测", region="两江新区"), "CODE-7"]), event="LJ2021")

    report = run(city(tmp_path, [*project("影像芯片封测项目"), "CODE-7"]), event="SCE2021")

    assert report.ok, report.as_text()
    assert (report.created, report.linked) == (0, 1)
    chip = Project.objects.get()
    assert chip.event == lj2021  # counted once, at its owner
    assert announced("影像芯片封测") == ["LJ2021", "SCE2021"]
    assert "1 linked to this event" in report.as_text()


def test_importing_the_linking_file_again_is_an_error_and_with_update_changes_nothing(
    tmp_path, sce2021, lj2021
):
    run(district(tmp_path, [*project("影像芯片封测", region="两江新区"), "CODE-7"]), event="LJ2021")
    path = city(tmp_path, [*project("影像芯片封测"), "CODE-7"])
    run(path, event="SCE2021")

    assert not run(path, event="SCE2021").ok
    again = run(path, event="SCE2021", update=True)

    assert again.ok, again.as_text()
    assert (again.linked, again.unchanged) == (0, 1)
    assert Announcement.objects.count() == 2
    assert Project.objects.get().version == 1


def test_a_linked_project_whose_value_differs_is_linked_with_a_warning(tmp_path, sce2021, lj2021):
    run(district(tmp_path, [*project("芯片", value="12亿元"), "CODE-7"]), event="LJ2021")

    report = run(city(tmp_path, [*project("芯片", value="12.5亿元"), "CODE-7"]), event="SCE2021")

    assert report.ok, report.as_text()
    assert any("keeps its owner's figures" in str(w.message) for w in report.warnings)
    assert Project.objects.get().value == 1_200_000_000


def suspected(tmp_path, **options):
    run(
        district(tmp_path, [*project("两江智能停车平台", "重庆泊车科技有限公司"), None]),
        event="LJ2021",
    )
    return run(
        city(tmp_path, [*project("两江智能停车平台项目", "重庆泊车科技有限公司"), None]),
        event="SCE2021",
        **options,
    )


def test_a_suspected_duplicate_is_an_error_naming_the_project_it_resembles(
    tmp_path, sce2021, lj2021
):
    report = suspected(tmp_path)

    assert [(p.row, p.field) for p in report.errors] == [(2, "name")]
    message = str(report.errors[0].message)
    assert "“两江智能停车平台” of LJ2021" in message
    assert "--duplicates link" in message
    assert Project.objects.count() == 1


def test_duplicates_link_links_the_suspected_duplicate(tmp_path, sce2021, lj2021):
    report = suspected(tmp_path, duplicates="link")

    assert report.ok, report.as_text()
    assert (report.created, report.linked) == (0, 1)
    assert announced("两江智能停车平台") == ["LJ2021", "SCE2021"]


def test_duplicates_new_imports_the_suspected_duplicate_as_a_project_of_its_own(
    tmp_path, sce2021, lj2021
):
    report = suspected(tmp_path, duplicates="new")

    assert report.ok, report.as_text()
    assert report.created == 1
    assert Project.objects.count() == 2


def test_another_investor_or_a_different_phase_is_no_suspected_duplicate(tmp_path, sce2021, lj2021):
    run(
        district(tmp_path, [*project("智能终端产业基地一期", "重庆星辰科技有限公司"), None]),
        event="LJ2021",
    )

    report = run(
        city(
            tmp_path,
            [*project("智能终端产业基地二期", "重庆星辰科技有限公司"), None],
            [*project("智能终端产业基地一期", "另一家公司"), None],
        ),
        event="SCE2021",
    )

    assert report.ok, report.as_text()
    assert report.created == 2


def test_one_file_may_announce_a_project_at_two_events_by_its_code(tmp_path, sce2021, lj2021):
    path = write_xlsx(
        tmp_path / "both.xlsx",
        [
            [*HEADERS, "签约活动"],
            [*project("影像芯片封测", region="两江新区"), "CODE-7", "LJ2021"],
            [*project("影像芯片封测"), "CODE-7", "SCE2021"],
        ],
    )

    report = run(path)

    assert report.ok, report.as_text()
    assert (report.created, report.linked) == (1, 1)
    assert Project.objects.get().event == lj2021
    assert announced("影像芯片封测") == ["LJ2021", "SCE2021"]


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("两江智能停车平台", "两江智能停车平台项目", True),
        ("重庆（两江）智能工厂", "重庆两江智能工厂", True),
        ("imaging chip packaging base", "imaging chip packaging bases", True),
        ("智能终端产业基地一期", "智能终端产业基地二期", False),
        ("3号厂房", "4号厂房", False),
        ("数字经济产业园", "生物医药产业园", False),
    ],
)
def test_near_identical_names(first, second, alike):
    assert near_identical(normalise_name(first), normalise_name(second)) is alike


def test_importing_a_linked_suspected_duplicate_again_creates_nothing(tmp_path, sce2021, lj2021):
    suspected(tmp_path, duplicates="link")
    path = tmp_path / "city.xlsx"

    again = run(path, event="SCE2021")
    updated = run(path, event="SCE2021", update=True)
    as_new = run(path, event="SCE2021", update=True, duplicates="new")

    assert "already in the ledger for SCE2021" in str(again.errors[0].message)
    assert (updated.created, updated.linked, updated.unchanged) == (0, 0, 1)
    assert (as_new.created, as_new.unchanged) == (0, 1)
    assert Project.objects.count() == 1
    assert announced("两江智能停车平台") == ["LJ2021", "SCE2021"]


# --- How each event classified and signed a linked project ---------------------------------------


def chip_at_both(tmp_path, *, city_sector="数字经济", city_mode="offsite"):
    """The chip project signed online at Liangjiang, then announced at the city's ceremony."""
    run(
        district(tmp_path, [*project("影像芯片封测", mode="online", sector="电子信息"), "CODE-7"]),
        event="LJ2021",
    )
    path = city(tmp_path, [*project("影像芯片封测", mode=city_mode, sector=city_sector), "CODE-7"])
    return path, run(path, event="SCE2021")


def test_a_linked_row_s_own_sector_and_mode_are_kept_on_its_announcement(tmp_path, sce2021, lj2021):
    _path, report = chip_at_both(tmp_path)

    assert report.ok, report.as_text()
    chip = Project.objects.get()
    assert (chip.sector.name_zh, chip.sector.scheme, chip.mode) == (
        "电子信息",
        lj2021.sector_scheme,
        "online",
    )
    at_city = Announcement.objects.get(event=sce2021)
    assert (at_city.sector.name_zh, at_city.sector.scheme, at_city.mode) == (
        "数字经济",
        sce2021.sector_scheme,
        "offsite",
    )
    at_home = Announcement.objects.get(event=lj2021)
    assert (at_home.sector, at_home.mode) == (None, "")


def test_a_linked_row_signed_as_the_project_was_leaves_the_announcement_s_mode_empty(
    tmp_path, sce2021, lj2021
):
    _path, report = chip_at_both(tmp_path, city_mode="online")

    assert report.ok, report.as_text()
    at_city = Announcement.objects.get(event=sce2021)
    assert (at_city.sector.name_zh, at_city.mode) == ("数字经济", "")


def test_importing_the_linking_file_again_with_update_leaves_its_announcement_as_it_is(
    tmp_path, sce2021, lj2021
):
    path, _report = chip_at_both(tmp_path)
    before = list(Announcement.objects.order_by("pk").values_list("sector", "mode"))

    again = run(path, event="SCE2021", update=True)

    assert again.ok, again.as_text()
    assert (again.updated, again.linked, again.unchanged) == (0, 0, 1)
    assert list(Announcement.objects.order_by("pk").values_list("sector", "mode")) == before
    assert Project.objects.get().version == 1


def test_update_changes_a_linked_project_s_sector_and_mode_at_this_event_only(
    tmp_path, sce2021, lj2021
):
    chip_at_both(tmp_path)
    changed = city(
        tmp_path, [*project("影像芯片封测", mode="offline", sector="科技创新"), "CODE-7"]
    )

    report = run(changed, event="SCE2021", update=True)

    assert report.ok, report.as_text()
    assert report.updated == 1
    at_city = Announcement.objects.get(event=sce2021)
    assert (at_city.sector.name_zh, at_city.mode) == ("科技创新", "offline")
    chip = Project.objects.get()
    assert (chip.sector.name_zh, chip.mode, chip.version) == ("电子信息", "online", 1)


def test_update_back_to_the_project_s_own_mode_empties_the_announcement_s(
    tmp_path, sce2021, lj2021
):
    chip_at_both(tmp_path)
    changed = city(tmp_path, [*project("影像芯片封测", mode="online", sector="数字经济"), "CODE-7"])

    assert run(changed, event="SCE2021", update=True).ok

    at_city = Announcement.objects.get(event=sce2021)
    assert (at_city.sector.name_zh, at_city.mode) == ("数字经济", "")


def test_a_suspected_duplicate_linked_keeps_the_row_s_mode(tmp_path, sce2021, lj2021):
    run(
        district(
            tmp_path, [*project("两江智能停车平台", "重庆泊车科技有限公司", mode="online"), None]
        ),
        event="LJ2021",
    )
    report = run(
        city(
            tmp_path,
            [*project("两江智能停车平台项目", "重庆泊车科技有限公司", mode="offsite"), None],
        ),
        event="SCE2021",
        duplicates="link",
    )

    assert report.ok, report.as_text()
    assert Announcement.objects.get(event=sce2021).mode == "offsite"

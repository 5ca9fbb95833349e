"""Rows in different batches behave as if read together, and memory does not grow with the file."""

from __future__ import annotations

import tracemalloc

import pytest

from taizhang.ledger.models import Announcement, Investor, Project, ProjectInvestor

from .conftest import CHINESE, project, run, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

EVENT_HEADERS = [*CHINESE, "签约活动"]


def test_a_duplicate_in_a_later_batch_is_found_while_writing(tmp_path, sce2021):
    rows = [project(f"项目{n}", f"公司{n}") for n in range(7)] + [project("项目2", "公司2")]
    path = write_xlsx(tmp_path / "dup.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021", batch_size=3)

    assert [problem.row for problem in report.errors] == [9]
    assert "as row 4" in str(report.errors[0].message)
    assert not Project.objects.exists()


def test_an_investor_created_in_one_batch_is_the_same_investor_in_later_ones(tmp_path, sce2021):
    rows = [
        project("甲项目", "星辰科技；华夏投资"),
        project("乙项目", "其他公司"),
        project("丙项目", "其他公司二"),
        project("丁项目", "华夏投资", "state"),
        project("戊项目", "星辰科技"),
    ]
    path = write_xlsx(tmp_path / "investors.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021", batch_size=2)

    assert report.ok, report.as_text()
    assert report.investors_created == 4
    assert Investor.objects.count() == 4
    assert Investor.objects.get(name_zh="华夏投资").type == "state"
    assert ProjectInvestor.objects.filter(investor__name_zh="星辰科技").count() == 2


def test_a_code_announced_at_two_events_in_different_batches_is_one_project(
    tmp_path, sce2021, lj2021
):
    rows = [
        [*project("芯片项目", region="两江新区"), "LJ2021"],
        [*project("其他一"), "SCE2021"],
        [*project("其他二"), "SCE2021"],
        [*project("芯片项目"), "SCE2021"],
    ]
    headers = [*EVENT_HEADERS, "项目代码"]
    path = write_xlsx(
        tmp_path / "two-events.xlsx",
        [headers, *[[*row, "CODE-1" if row[0] == "芯片项目" else None] for row in rows]],
    )

    report = run(path, batch_size=1)

    assert report.ok, report.as_text()
    assert (report.created, report.linked) == (3, 1)
    chip = Project.objects.get(name="芯片项目")
    assert chip.event == lj2021
    assert Announcement.objects.filter(project=chip).count() == 2


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_suspected_duplicate_between_two_events_of_one_file_is_found(
    tmp_path, sce2021, lj2021, dry_run
):
    rows = [
        [*project("两江智能停车平台", "泊车科技", region="两江新区"), "LJ2021"],
        [*project("别的项目"), "SCE2021"],
        [*project("两江智能停车平台项目", "泊车科技"), "SCE2021"],
    ]
    path = write_xlsx(tmp_path / "suspect.xlsx", [EVENT_HEADERS, *rows])

    refused = run(path, batch_size=1, dry_run=dry_run)
    linked = run(path, batch_size=1, dry_run=dry_run, duplicates="link")

    assert [problem.row for problem in refused.errors] == [4]
    assert "(row 2 of this file)" in str(refused.errors[0].message)
    assert linked.ok, linked.as_text()
    assert (linked.created, linked.linked) == (2, 1)


def peak_memory(tmp_path, sce2021, rows: int) -> int:
    path = write_csv(
        tmp_path / f"big-{rows}.csv",
        [
            CHINESE,
            *(
                project(f"智能终端产业基地{n}号", f"重庆某某{n}科技有限公司", value=f"{n + 1}万元")
                for n in range(rows)
            ),
        ],
    )
    Project.objects.all().delete()
    tracemalloc.start()
    try:
        report = run(path, event="SCE2021", batch_size=200, dry_run=True)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok, report.as_text()
    return peak


def test_memory_stays_flat_as_the_file_grows(tmp_path, sce2021):
    small = peak_memory(tmp_path, sce2021, 600)
    large = peak_memory(tmp_path, sce2021, 3000)

    assert large < small * 1.5, (small, large)

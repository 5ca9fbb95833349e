"""One bad row and nothing is written; a dry run writes nothing; every problem is listed."""

from __future__ import annotations

import pytest

from taizhang.ledger.models import Announcement, Category, Investor, Project, ProjectInvestor

from .conftest import CHINESE, project, run, write_xlsx

pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return not (
        Project.objects.exists()
        or Investor.objects.exists()
        or ProjectInvestor.objects.exists()
        or Announcement.objects.exists()
    )


def good_rows(count: int) -> list[list]:
    return [project(f"项目{n}", f"投资方{n}有限公司", sector=f"行业{n % 3}") for n in range(count)]


def test_one_bad_row_among_good_ones_writes_nothing(tmp_path, sce2021):
    rows = good_rows(9)
    rows.insert(5, project("坏项目", value="很多钱"))
    path = write_xlsx(tmp_path / "one-bad.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021")

    assert not report.ok
    assert [problem.row for problem in report.errors] == [7]
    assert report.written is False
    assert nothing_written()
    assert not Category.objects.filter(scheme=sce2021.sector_scheme).exists()


def test_a_bad_row_after_several_written_batches_rolls_back_every_batch(tmp_path, sce2021):
    rows = [*good_rows(25), project("坏项目", region="火星")]
    path = write_xlsx(tmp_path / "late-bad.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021", batch_size=4)

    assert [problem.row for problem in report.errors] == [27]
    assert nothing_written()


def test_every_problem_is_listed_not_only_the_first(tmp_path, sce2021):
    rows = good_rows(12)
    rows[1] = project("坏一", value="0")
    rows[6] = project("坏二", date="8/23/2021")
    rows[10] = project("坏三", mode="直播")
    path = write_xlsx(tmp_path / "three-bad.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021", batch_size=4)

    assert [(p.row, p.field) for p in report.errors] == [
        (3, "value"),
        (8, "signing_date"),
        (12, "mode"),
    ]
    # Rows after the first error are still read and counted, though nothing is written.
    assert report.rows_read == 12
    assert report.created == 9


def test_a_dry_run_validates_reports_and_writes_nothing(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "dry.xlsx", [CHINESE, *good_rows(7)])

    report = run(path, event="SCE2021", dry_run=True, batch_size=3)

    assert report.ok, report.as_text()
    assert (report.created, report.investors_created, report.written) == (7, 7, False)
    assert report.categories == ["行业0", "行业1", "行业2"]
    assert "Dry run" in report.as_text()
    assert nothing_written()
    assert not Category.objects.filter(scheme=sce2021.sector_scheme).exists()


def test_a_dry_run_still_finds_duplicates_across_batches(tmp_path, sce2021):
    rows = [*good_rows(6), project("项目1", "投资方1有限公司")]
    path = write_xlsx(tmp_path / "dry-dup.xlsx", [CHINESE, *rows])

    report = run(path, event="SCE2021", dry_run=True, batch_size=2)

    assert [problem.row for problem in report.errors] == [8]
    assert "as row 3" in str(report.errors[0].message)

"""An exported ledger imports back unchanged: ``import-ledger --update`` finds nothing to do.

For every format, language and unit, the file is exported, imported with ``--update``, and
every project's fields, version, investors and announcements are compared before and after,
along with the investors, categories and regions the import could have created.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from taizhang.ledger.exporting import export_ledger
from taizhang.ledger.exporting.rows import KEYS
from taizhang.ledger.exporting.template import write_template
from taizhang.ledger.exporting.words import signing_mode_word
from taizhang.ledger.models import (
    Announcement,
    Category,
    IndustryChain,
    Investor,
    Project,
    ProjectInvestor,
    Region,
)
from tests.ledger.exports.conftest import Ledger, make_events, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

FORMATS = pytest.mark.parametrize("file_format", ["xlsx", "csv"])
LANGUAGES = pytest.mark.parametrize("language", ["zh", "en"])
UNITS = pytest.mark.parametrize("unit", ["yuan", "wan", "yi"])


def digest() -> str:
    """A fingerprint of everything an import could change, updated_at and version included."""
    state = {
        "projects": list(Project.objects.order_by("id").values()),
        "investors": list(Investor.objects.order_by("id").values()),
        "links": list(ProjectInvestor.objects.order_by("id").values()),
        "announcements": list(Announcement.objects.order_by("id").values()),
        "categories": list(Category.objects.order_by("id").values("id", "name_zh", "name_en")),
        "regions": Region.objects.count(),
    }
    return hashlib.sha256(json.dumps(state, default=str, sort_keys=True).encode()).hexdigest()


def import_ledger(path: Path, *args: str) -> dict:
    """The JSON report of ``import-ledger FILE --update ARGS``, whether it succeeded or not."""
    out = io.StringIO()
    with contextlib.suppress(CommandError):  # a failed import: its report says why
        call_command("import_ledger", str(path), "--update", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def assert_changes_nothing(report: dict, before: str) -> None:
    assert report["ok"], report["errors"]
    summary = report["summary"]
    assert (summary["created"], summary["updated"], summary["linked"]) == (0, 0, 0), summary
    assert summary["unchanged"] == summary["rows_read"], summary
    assert digest() == before


@FORMATS
@LANGUAGES
@UNITS
def test_an_events_export_imports_back_into_it_changing_nothing(
    ledger: Ledger, tmp_path: Path, file_format: str, language: str, unit: str
):
    path = tmp_path / f"sce.{file_format}"
    export_ledger(ledger.sce, path, file_format=file_format, language=language, unit=unit)
    before = digest()
    report = import_ledger(path, "--event", "SCE2021")
    assert report["summary"]["rows_read"] == 4
    # The Liangjiang project's sector is of LJ 2021's classification, not SCE 2021's: the row
    # is left to its owner, and no category is created for it.
    assert report["summary"]["categories_created"] == 0
    assert_changes_nothing(report, before)


@FORMATS
@LANGUAGES
@UNITS
def test_the_whole_ledger_imports_back_changing_nothing(
    ledger: Ledger, tmp_path: Path, file_format: str, language: str, unit: str
):
    path = tmp_path / f"all.{file_format}"
    export_ledger(None, path, file_format=file_format, language=language, unit=unit)
    before = digest()
    report = import_ledger(path)
    assert report["summary"]["rows_read"] == 4
    assert report["summary"]["categories_created"] == 0
    assert_changes_nothing(report, before)


@LANGUAGES
@UNITS
def test_the_templates_example_row_imports_without_a_problem(
    db, tmp_path: Path, language: str, unit: str
):
    _sce, liangjiang = make_events()
    IndustryChain.objects.create(code="NEV", name_zh="智能网联新能源汽车", name_en="NEVs")
    path = tmp_path / "template.xlsx"
    write_template(path, language=language, unit=unit, event=liangjiang)
    before = digest()
    report = import_ledger(path, "--dry-run")
    assert report["ok"], report["errors"]
    assert report["warnings"] == []
    assert (report["summary"]["rows_read"], report["summary"]["created"]) == (1, 1)
    assert digest() == before  # a dry run


def city_announces_the_shared_project_its_own_way(ledger: Ledger) -> Announcement:
    """SCE 2021 counted Liangjiang's chip project off-site, under its own 数字经济."""
    at_city = Announcement.objects.get(project=ledger.shared, event=ledger.sce)
    at_city.sector = Category.objects.get(scheme=ledger.sce.sector_scheme, name_zh="数字经济")
    at_city.mode = "offsite"
    at_city.full_clean()
    at_city.save()
    return at_city


@FORMATS
@LANGUAGES
def test_an_events_export_writes_the_sector_and_mode_it_gave_a_linked_project(
    ledger: Ledger, tmp_path: Path, file_format: str, language: str
):
    city_announces_the_shared_project_its_own_way(ledger)
    sce_path, lj_path = tmp_path / f"sce.{file_format}", tmp_path / f"lj.{file_format}"
    export_ledger(ledger.sce, sce_path, file_format=file_format, language=language)
    export_ledger(ledger.liangjiang, lj_path, file_format=file_format, language=language)

    def chip_row(path: Path) -> dict[str, object]:
        rows = read_xlsx(path) if file_format == "xlsx" else read_csv(path)
        found = [dict(zip(KEYS, row, strict=True)) for row in rows[1:]]
        return next(row for row in found if "影像芯片" in str(row["name"]))

    at_city, at_home = chip_row(sce_path), chip_row(lj_path)
    english = language == "en"
    assert at_city["sector"] == ("Digital economy" if english else "数字经济")
    assert at_home["sector"] == ("Electronic information" if english else "电子信息")
    assert at_city["mode"] == signing_mode_word("offsite", language)
    assert at_home["mode"] == signing_mode_word("online", language)


@FORMATS
@LANGUAGES
@UNITS
def test_an_events_export_with_a_linked_project_s_own_sector_and_mode_imports_back_unchanged(
    ledger: Ledger, tmp_path: Path, file_format: str, language: str, unit: str
):
    city_announces_the_shared_project_its_own_way(ledger)
    path = tmp_path / f"sce.{file_format}"
    export_ledger(ledger.sce, path, file_format=file_format, language=language, unit=unit)
    before = digest()
    report = import_ledger(path, "--event", "SCE2021")
    assert report["summary"]["categories_created"] == 0
    assert_changes_nothing(report, before)

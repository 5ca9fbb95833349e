"""Which projects an export holds: an event's own figures, or the whole ledger once."""

from __future__ import annotations

from pathlib import Path

import pytest

from taizhang.ledger.exporting import export_ledger
from taizhang.ledger.models import Project
from tests.ledger.exports.conftest import Ledger, read_csv

pytestmark = pytest.mark.django_db


def names_and_events(path: Path) -> list[tuple[str, str]]:
    return [(row[0], row[8]) for row in read_csv(path)[1:]]


def test_an_event_export_holds_every_project_announced_there_under_that_events_code(
    ledger: Ledger, tmp_path: Path
):
    path = tmp_path / "sce.csv"
    summary = export_ledger(ledger.sce, path, file_format="csv")
    assert summary.rows == 4
    assert summary.event == "SCE2021"
    # The Liangjiang project was announced at SCE 2021 too: it counts in SCE 2021's figures.
    assert names_and_events(path) == [
        (project.name.replace("=", "'=", 1), "SCE2021") for project in ledger.at_sce
    ]


def test_the_other_events_export_holds_the_shared_project_too(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "lj.csv"
    export_ledger(ledger.liangjiang, path, file_format="csv")
    assert names_and_events(path) == [(ledger.shared.name, "LJ2021")]


def test_the_whole_ledger_holds_each_project_once_under_the_event_that_owns_it(
    ledger: Ledger, tmp_path: Path
):
    path = tmp_path / "all.csv"
    summary = export_ledger(None, path, file_format="csv")
    assert summary.rows == 4
    assert summary.event is None
    assert names_and_events(path) == [
        (project.name.replace("=", "'=", 1), project.event.code) for project in ledger.whole_ledger
    ]
    assert names_and_events(path)[0] == (ledger.shared.name, "LJ2021")


def test_withdrawn_projects_are_never_exported(ledger: Ledger, tmp_path: Path):
    for source in (ledger.sce, None, Project.objects.all()):
        path = tmp_path / "ledger.csv"
        export_ledger(source, path, file_format="csv")
        assert ledger.withdrawn.name not in path.read_text(encoding="utf-8-sig")


def test_a_queryset_exports_just_those_projects_under_their_owners(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "some.csv"
    chosen = Project.objects.filter(region__code="CQ-LJ").order_by("name")
    summary = export_ledger(chosen, path, file_format="csv", language="en")
    assert summary.rows == 2
    assert names_and_events(path) == [
        (ledger.shared.name, "LJ2021"),
        (ledger.parts_plant.name, "SCE2021"),
    ]


def test_an_empty_ledger_exports_the_header_alone(db, tmp_path: Path):
    for file_format in ("csv", "xlsx"):
        path = tmp_path / f"empty.{file_format}"
        assert export_ledger(None, path, file_format=file_format).rows == 0
        assert path.stat().st_size > 0
    assert len(read_csv(tmp_path / "empty.csv")) == 1

"""``taizhang export-ledger``: options, file names, messages, and refusals that say what to do."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from taizhang.ledger.exporting.template import template_regions
from tests.ledger.exports.conftest import Ledger, read_csv, read_xlsx

pytestmark = pytest.mark.django_db


def export_ledger(*args: str) -> str:
    out = io.StringIO()
    call_command("export_ledger", *args, stdout=out)
    return out.getvalue()


def test_it_exports_an_event_and_says_how_many_projects_went_where(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "sce.xlsx"
    message = export_ledger("--event", "SCE2021", "--lang", "en", "--unit", "yi", "-o", str(path))
    assert message.strip() == f"Exported 4 projects to {path} (English headers, amounts in 亿元)."
    assert read_xlsx(path)[0][3] == "Contract value (CNY 100 million)"


def test_the_event_code_is_not_case_sensitive(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "lj.csv"
    export_ledger("--event", "lj2021", "-o", str(path))
    assert [row[8] for row in read_csv(path)[1:]] == ["LJ2021"]


def test_the_format_follows_the_files_ending(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "ledger.csv"
    export_ledger("-o", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_without_options_it_writes_the_whole_ledger_in_chinese_yuan_to_the_current_folder(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    with translation.override("zh-hans"):
        export_ledger()
    rows = read_xlsx(tmp_path / "ledger-all.xlsx")
    assert rows[0][3] == "合同投资额（元）"
    assert len(rows) == 5


def test_an_event_export_is_named_after_the_event(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    export_ledger("--event", "SCE2021", "--format", "csv")
    export_ledger("--template")
    assert sorted(os.listdir(tmp_path)) == ["ledger-SCE2021.csv", "ledger-template.xlsx"]


def test_a_dash_writes_the_file_to_standard_output_and_the_message_to_standard_error(
    ledger: Ledger, capsysbinary: pytest.CaptureFixture[bytes]
):
    err = io.StringIO()
    call_command("export_ledger", "--format", "csv", "--lang", "en", "-o", "-", stderr=err)
    written = capsysbinary.readouterr().out
    assert written.startswith(b"\xef\xbb\xbfProject name,")
    assert "Exported 4 projects to -" in err.getvalue()


def test_the_template_says_what_it_wrote(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "blank.xlsx"
    message = export_ledger("--template", "--lang", "zh", "--unit", "wan", "-o", str(path))
    assert message.strip() == (
        f"Wrote the blank template to {path} (Chinese headers, amounts in 万元, "
        f"{len(template_regions(ledger.sce))} regions in the drop-down list)."
    )
    assert read_xlsx(path)[0][3] == "合同投资额（万元）"


def test_an_unknown_event_is_refused_naming_the_events_there_are(ledger: Ledger):
    with pytest.raises(CommandError, match=r"No event has the code SCE2030\. The events are: "
                       r"LJ2021, SCE2021\."):  # fmt: skip
        export_ledger("--event", "SCE2030")


def test_an_unknown_event_in_an_empty_ledger_says_how_to_add_one(db):
    with pytest.raises(CommandError, match="there are no events yet"):
        export_ledger("--event", "SCE2021")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "--format", "csv"], "The template is an .xlsx workbook"),
        (["--template", "-o", "blank.csv"], "The template is an .xlsx workbook"),
        (["--format", "xlsx", "-o", "ledger.csv"], "ends in .csv, but --format is xlsx"),
        (["-o", "no/such/folder/ledger.xlsx"], "The folder no/such/folder does not exist"),
    ],
)
def test_contradictory_or_impossible_options_are_refused(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        export_ledger(*args)
    assert os.listdir(tmp_path) == []


def test_a_file_it_cannot_write_is_an_error_not_a_traceback(ledger: Ledger, tmp_path: Path):
    folder = tmp_path / "ledger.xlsx"
    folder.mkdir()  # a folder where the file should go
    with pytest.raises(CommandError, match=r"Could not write .*ledger\.xlsx"):
        export_ledger("-o", str(folder))
    assert os.listdir(tmp_path) == ["ledger.xlsx"]  # and no temporary file left behind

"""``taizhang bulletin``: the JSON it prints, the files it writes, publishing, and its errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from taizhang.bulletin.models import PublishedBulletin
from tests.bulletin.small_ledger import SmallLedger, bn
from tests.support.cli import run_taizhang

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("bulletin", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def ceremony(small: SmallLedger):
    event = small.event("T2021", usd_rate="6.4768")
    small.project(event, bn("1.2"))
    small.project(event, bn("0.8"), mode="online", region=small.liangjiang)
    small.project(event, bn("3.2"), region=small.sichuan)
    return event


def test_json_goes_to_standard_output_indented_and_in_plain_chinese(ceremony) -> None:
    out, err = run("--event", "T2021", "--format", "json", "--lang", "zh")
    figures = json.loads(out)
    assert figures["totals"] == {
        "projects": 2,
        "value": "2000000000.00",
        "value_usd": "308794466.40",
    }
    assert figures["outside_host"]["value"] == "3200000000.00"
    assert figures["published"] is None
    assert "重庆市" in out  # not \u escapes
    assert out.startswith("{\n  ")
    assert figures["event"]["name"] == "T2021签约仪式"
    assert err == ""


def test_lang_en_names_things_in_english(ceremony) -> None:
    figures = json.loads(run("--event", "t2021", "--format", "json", "--lang", "en")[0])
    assert figures["event"]["host"]["name"] == "Chongqing"


def test_json_to_a_file_says_where(ceremony, tmp_path: Path) -> None:
    target = tmp_path / "t2021.json"
    out, _err = run("--event", "T2021", "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["totals"]["projects"] == 2
    assert str(target) in out


def test_the_format_follows_the_output_file_s_ending_unless_they_disagree(
    ceremony, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="make them agree"):
        run("--event", "T2021", "--format", "text", "--output", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="does not exist"):
        run("--event", "T2021", "--output", str(tmp_path / "missing" / "x.json"))


def test_an_unknown_event_is_named_with_the_known_ones(ceremony) -> None:
    with pytest.raises(CommandError, match=r"No event has the code NOPE\. The events are: T2021"):
        run("--event", "NOPE", "--format", "json")


def test_an_unknown_event_in_an_empty_ledger_says_so(db) -> None:
    with pytest.raises(CommandError, match="there are no events yet"):
        run("--event", "NOPE", "--format", "json")


def test_event_or_series_is_required(db) -> None:
    with pytest.raises(CommandError, match="--event"):
        run("--format", "json")


# --- publishing --------------------------------------------------------------------------------


def test_publish_freezes_the_bulletin_and_says_so_on_standard_error(ceremony) -> None:
    out, err = run("--event", "T2021", "--format", "json", "--publish")
    publication = PublishedBulletin.objects.get()
    assert f"publication {publication.pk}" in err
    assert publication.ledger_hash[:12] in err
    assert publication.published_by.startswith("cli:")
    figures = json.loads(out)
    assert figures["published"]["id"] == publication.pk
    assert figures["published"]["changed_since"] is False


def test_publishing_again_without_a_reason_is_refused(ceremony) -> None:
    run("--event", "T2021", "--format", "json", "--publish")
    with pytest.raises(CommandError, match="say why with --reason"):
        run("--event", "T2021", "--format", "json", "--publish")
    _out, err = run("--event", "T2021", "--format", "json", "--publish", "--reason", "更正")
    assert "correction" in err
    assert PublishedBulletin.objects.count() == 2


def test_reason_goes_with_publish(ceremony) -> None:
    with pytest.raises(CommandError, match="--reason goes with --publish"):
        run("--event", "T2021", "--format", "json", "--reason", "更正")


def test_a_published_bulletin_is_shown_as_published_and_current_shows_today(
    small: SmallLedger, ceremony
) -> None:
    run("--event", "T2021", "--format", "json", "--publish")
    small.project(ceremony, bn("5"))
    shown = json.loads(run("--event", "T2021", "--format", "json")[0])
    assert shown["totals"]["projects"] == 2
    assert len(shown["published"]["differences"]["added"]) == 1
    today = json.loads(run("--event", "T2021", "--format", "json", "--current")[0])
    assert today["totals"]["projects"] == 3
    assert today["latest_publication"]["changed_since"] is True


def test_the_text_of_a_changed_publication_lists_what_changed(small: SmallLedger, ceremony) -> None:
    pytest.importorskip("taizhang.bulletin.text")
    run("--event", "T2021", "--format", "json", "--publish")
    added = small.project(ceremony, bn("5"))
    text = run("--event", "T2021", "--format", "text", "--lang", "en")[0]
    assert "1 project added" in text
    assert added.name in text
    assert "--current" in text


# --- series ------------------------------------------------------------------------------------


def test_series_json_lists_each_edition(small: SmallLedger) -> None:
    small.project(small.event("T2020", edition=2020), bn("1"))
    small.project(small.event("T2021", edition=2021), bn("2"))
    figures = json.loads(run("--series", "t")[0])
    assert figures["series"] == "T"
    assert [(row["code"], row["projects"]) for row in figures["editions"]] == [
        ("T2020", 1),
        ("T2021", 1),
    ]
    assert figures["total"] == {"projects": 2, "value": "3000000000.00"}


def test_an_unknown_series_is_named_with_the_known_ones(ceremony) -> None:
    with pytest.raises(CommandError, match=r"No event belongs to the series X\. The series are: T"):
        run("--series", "X")


def test_a_series_is_json_or_xlsx_only(ceremony) -> None:
    with pytest.raises(CommandError, match="json or xlsx, not text"):
        run("--series", "T", "--format", "text")
    with pytest.raises(CommandError, match="go with --event"):
        run("--series", "T", "--publish")


# --- files ---------------------------------------------------------------------------------------


def test_docx_without_output_goes_to_a_default_file_in_the_current_folder(
    ceremony, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("taizhang.bulletin.docx")
    monkeypatch.chdir(tmp_path)
    out, _err = run("--event", "T2021", "--format", "docx", "--lang", "zh")
    written = tmp_path / "bulletin-T2021-zh.docx"
    assert written.stat().st_size > 0
    assert str(written) in out


def test_binary_formats_cannot_go_to_standard_output(ceremony) -> None:
    with pytest.raises(CommandError, match="cannot go to standard output"):
        run("--event", "T2021", "--format", "xlsx", "--output", "-")


def test_the_console_command_exits_with_status_1_and_a_message(cli_env: dict[str, str]) -> None:
    assert run_taizhang("migrate", "--no-input", "-v", "0", env=cli_env).returncode == 0
    result = run_taizhang("bulletin", "--event", "SCE2099", "--format", "json", env=cli_env)
    assert result.returncode == 1
    assert "No event has the code SCE2099" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""

"""``taizhang import_ledger``: the report it prints, its JSON, and its exit status."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taizhang.ledger.models import Project
from tests.support.cli import clean_environment, run_taizhang

from .conftest import CHINESE, project, write_xlsx

pytestmark = pytest.mark.django_db

SUMMARY_KEYS = {"rows_read", "created", "updated", "linked", "categories_created", "warnings"}
PROBLEM_KEYS = {"row", "column", "header", "field", "value", "message"}


def import_ledger(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_prints_the_summary_and_succeeds(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "good.xlsx", [CHINESE, project("甲项目"), project("乙项目")])

    out, err = import_ledger(str(path), "--event", "SCE2021")

    assert "2 rows read; 2 projects created" in out
    assert "Imported." in out
    assert err == ""  # no progress bar when standard error is not a terminal
    assert Project.objects.count() == 2


def test_errors_are_listed_and_the_command_fails(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "bad.xlsx", [CHINESE, project("甲项目", value="很多")])
    out = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_ledger", str(path), "--event", "SCE2021", stdout=out)

    assert raised.value.returncode == 1
    assert str(raised.value) == "The ledger was not imported: 1 error."
    assert "Row 2, column D “合同投资额”: “很多” is not an amount" in out.getvalue()
    assert "Nothing was imported" in out.getvalue()


def test_json_has_the_shape_the_ledger_format_gives(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "mixed.xlsx",
        [["序号", *CHINESE], [1, *project("甲项目")], [2, *project("乙项目", region="火星")]],
    )
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_ledger", str(path), "--event", "SCE2021", "--format", "json", stdout=out
        )

    report = json.loads(out.getvalue())
    assert report["ok"] is False
    assert set(report["summary"]) >= SUMMARY_KEYS
    assert report["summary"]["rows_read"] == 2
    assert report["summary"]["warnings"] == 1
    (error,) = report["errors"]
    assert set(error) >= PROBLEM_KEYS
    assert {key: error[key] for key in ("row", "column", "header", "field", "value")} == {
        "row": 3,
        "column": "H",
        "header": "落地区县",
        "field": "region",
        "value": "火星",
    }
    (warning,) = report["warnings"]
    assert (warning["row"], warning["column"], warning["header"]) == (1, "A", "序号")
    assert report["written"] is False


def test_json_of_a_successful_dry_run(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "dry.xlsx", [CHINESE, project("甲项目")])

    out, _err = import_ledger(str(path), "--event", "SCE2021", "--dry-run", "--format", "json")

    report = json.loads(out)
    assert report["ok"] is True
    assert report["summary"]["created"] == 1
    assert report["summary"]["categories_created"] == 1
    assert (report["dry_run"], report["written"]) == (True, False)
    assert report["categories"] == ["智能制造"]
    assert Project.objects.count() == 0


def test_a_file_that_is_not_a_workbook_gives_json_with_one_error(tmp_path, sce2021):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_ledger", str(path), "--event", "SCE2021", "--format", "json", stdout=out
        )

    report = json.loads(out.getvalue())
    assert report["ok"] is False
    assert [error["row"] for error in report["errors"]] == [None]
    assert "damaged" in report["errors"][0]["message"]


def test_the_console_command_exits_1_on_errors_and_0_on_success(tmp_path, taizhang_home):
    env = clean_environment(taizhang_home, TAIZHANG_LANGUAGE="en")
    assert run_taizhang("migrate", "--no-input", env=env).returncode == 0
    added = run_taizhang(
        "events",
        "add",
        "--code",
        "SCE2021",
        "--name",
        "SCE 2021",
        "--series",
        "SCE",
        "--edition",
        "2021",
        "--date",
        "2021-08-23",
        "--host",
        "重庆市",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    bad = write_xlsx(tmp_path / "bad.xlsx", [CHINESE, project("甲项目", value="很多")])
    good = write_xlsx(tmp_path / "good.xlsx", [CHINESE, project("甲项目")])

    failed = run_taizhang("import_ledger", str(bad), "--event", "SCE2021", env=env)
    passed = run_taizhang("import_ledger", str(good), "--event", "SCE2021", env=env)

    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_not_a_workbook_from_the_console_is_a_message_not_a_traceback(tmp_path, taizhang_home):
    env = clean_environment(taizhang_home)
    assert run_taizhang("migrate", "--no-input", env=env).returncode == 0
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(bytes(range(256)))

    result = run_taizhang("import_ledger", str(path), env=env)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ledger.xlsx" in result.stdout


def test_a_database_that_is_not_set_up_is_a_message_saying_to_migrate(tmp_path, taizhang_home):
    env = clean_environment(taizhang_home, TAIZHANG_LANGUAGE="en")
    path = write_xlsx(tmp_path / "good.xlsx", [CHINESE, project("甲项目")])

    result = run_taizhang("import_ledger", str(path), "--event", "SCE2021", env=env)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "taizhang migrate" in result.stdout

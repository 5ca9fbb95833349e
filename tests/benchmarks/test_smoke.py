"""The import benchmark's smoke run: ``benchmarks/import_ledger.py --tiny`` measures and reports.

It runs once per pass of the suite, on the suite's own kind of database: SQLite in the SQLite
pass, PostgreSQL (through ``TAIZHANG_TEST_PG_ADMIN_URL``) in the PostgreSQL pass. Only that the
benchmark works is checked, never how fast anything was: timings are the benchmark's to report
(docs/performance.md), not a test's to assert.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "import_ledger.py"


def suite_database(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    """The kind of database this pass of the suite runs on, and the benchmark's arguments."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        admin_url = request.getfixturevalue("pg_admin_url")
        return "PostgreSQL", ["--no-sqlite", "--postgres-url", admin_url]
    return "SQLite", []


def run_benchmark(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, str(BENCHMARK), "--tiny", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_tiny_run_imports_both_formats_beside_the_floors_and_baseline_and_prints_the_targets(
    request: pytest.FixtureRequest, tmp_path: Path
):
    database, arguments = suite_database(request)
    figures_file = tmp_path / "figures.json"

    result = run_benchmark(
        "--files", str(tmp_path / "files"), "--json", str(figures_file), *arguments
    )

    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    imports = {(run["format"], run["database"]): run for run in figures["imports"]}
    assert set(imports) == {("xlsx", database), ("csv", database)}
    for run in imports.values():
        assert run["rows"] == 200
        assert run["seconds"] > 0, run["note"]
        assert run["peak_rss_mb"] > 0
    assert {(floor["format"], floor["reader"]) for floor in figures["floors"]} == {
        ("xlsx", "python-calamine"),
        ("csv", "csv module"),
    }
    baselines = {(b["format"], b["database"]): b for b in figures["baselines"]}
    assert set(baselines) == set(imports)
    assert all(baseline["seconds"] > 0 for baseline in baselines.values())
    db_floors = {(f["format"], f["database"]): f for f in figures["db_floors"]}
    assert set(db_floors) == set(imports)
    for db_floor in db_floors.values():
        assert db_floor["seconds"] > 0, db_floor["note"]
        assert db_floor["process_seconds"] >= db_floor["seconds"]
        # Exactly the import's rows went in again: a project and an announcement per row,
        # their investors and links, and the audit entries recording them.
        tables = db_floor["tables"]
        assert tables["ledger_project"] == tables["ledger_announcement"] == 200
        assert tables["ledger_projectinvestor"] >= 200
        assert tables["ledger_investor"] > 0
        assert tables["audit_entry"] >= tables["ledger_project"] + tables["ledger_investor"]

    table = result.stdout.splitlines()
    header = next(line for line in table if line.lstrip().startswith("rows"))
    for column in (
        "import s",
        "rows/s",
        "peak MB",
        "÷ floor",
        "db floor s",
        "import ÷ db floor",
        "DIE ÷ import",
    ):
        assert column in header
    assert sum(1 for line in table if line.lstrip().startswith("200 ")) == 2
    assert any("target (issue 3)" in line for line in table)
    assert any(f"{database} xlsx: ≥ 20× faster than django-import-export" in line for line in table)
    db_floor_lines = [line for line in table if "the database alone" in line]
    assert [line.split(":")[0] for line in db_floor_lines] == [
        f"{database} xlsx",
        f"{database} csv",
    ]
    assert all("200 rows: " in line and "at best" in line for line in db_floor_lines)


def test_without_the_database_floor_the_imports_are_measured_and_the_floor_is_not(
    request: pytest.FixtureRequest, tmp_path: Path
):
    database, arguments = suite_database(request)
    figures_file = tmp_path / "figures.json"

    result = run_benchmark(
        "--no-db-floor",
        "--formats",
        "csv",
        "--baseline-rows",
        "0",
        "--files",
        str(tmp_path / "files"),
        "--json",
        str(figures_file),
        *arguments,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    assert [(run["format"], run["database"]) for run in figures["imports"]] == [("csv", database)]
    assert figures["imports"][0]["seconds"] > 0
    assert figures["db_floors"] == []
    assert "database floor" not in result.stderr
    floor_line = next(line for line in result.stdout.splitlines() if "database alone" in line)
    assert floor_line.startswith(f"{database}: the database alone")
    assert "not measured (--no-db-floor)" in floor_line

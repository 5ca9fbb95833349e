"""The bulletin benchmark's smoke run: ``benchmarks/bulletin.py --tiny`` times, agrees and reports.

It runs once per pass of the suite, on the suite's own kind of database: SQLite in the SQLite
pass, PostgreSQL (through ``TAIZHANG_TEST_PG_ADMIN_URL``) in the PostgreSQL pass. What is checked
is that the generated ledger is bulletined, that taizhang's bulletin and the hand-written SQL
state the same figures, and that the table and the targets are printed — never how fast
anything was: timings are the benchmark's to report (docs/performance.md), not a test's to
assert.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.bulletin_floor import disagreements
from django.conf import settings

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "bulletin.py"


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


def test_tiny_run_times_the_bulletin_against_hand_sql_which_states_the_same_figures(
    request: pytest.FixtureRequest, tmp_path: Path
):
    database, arguments = suite_database(request)
    figures_file = tmp_path / "figures.json"

    result = run_benchmark("--json", str(figures_file), *arguments)

    assert result.returncode == 0, result.stdout + result.stderr
    (measured,) = json.loads(figures_file.read_text(encoding="utf-8"))["results"]
    assert measured["database"] == database
    assert (measured["projects"], measured["editions"], measured["event"]) == (2000, 4, "SCE2026")
    assert measured["rows"]["projects"] == 2000
    assert measured["rows"]["announcements"] > 2000  # some projects are linked to a second event
    assert measured["rows"]["project_investors"] > 2000  # some have a co-investor
    assert measured["differences"] == []
    assert measured["figures_compared"] > 500
    assert len(measured["orm_seconds"]) == len(measured["sql_seconds"]) == 3
    assert measured["orm_median"] > 0 and measured["sql_median"] > 0
    if database == "PostgreSQL":  # the bulletin again without JIT compilation, for comparison
        assert len(measured["orm_without_jit_seconds"]) == 3
    else:
        assert measured["orm_without_jit_median"] is None
    totals = measured["key_figures"]["totals"]
    assert 0 < totals["projects"] < measured["event_projects"]  # a few land outside the host


def test_tiny_run_prints_the_table_the_agreement_and_the_targets(
    request: pytest.FixtureRequest,
):
    database, arguments = suite_database(request)

    result = run_benchmark(*arguments)

    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout.splitlines()
    header = next(line for line in table if line.startswith("database"))
    for column in ("projects", "editions", "ORM bulletin s", "hand SQL s", "ratio"):
        assert column in header
    row = next(line for line in table if line.startswith(database))
    assert "2,000" in row and "SCE2026" in row and "×" in row
    assert any(
        line.startswith(f"{database}: the bulletin and the hand SQL agree on all") for line in table
    )
    target = next(line for line in table if "JSON bulletin within 2× of hand SQL" in line)
    assert target.startswith(database) and target.rstrip().endswith(("PASS", "MISS"))
    assert any(line.startswith("PostgreSQL: JSON bulletin under 1 s") for line in table)
    assert any(line.startswith("CPUs:") for line in table)


def test_a_figure_the_hand_sql_states_differently_is_a_disagreement():
    bulletin = {
        "totals": {"projects": 92, "value": "252400000000.00", "value_usd": None},
        "by_sector": [{"code": "IM", "name": "Intelligent manufacturing", "projects": 32}],
    }
    floor = {
        "totals": {"projects": 92, "value": "252400000000.01", "value_usd": None},
        "by_sector": [{"code": "IM", "projects": 32}, {"code": "OT", "projects": 1}],
    }

    assert disagreements(bulletin, floor) == [
        ".totals.value: bulletin '252400000000.00', SQL '252400000000.01'",
        ".by_sector: the bulletin lists 1 items, the SQL 2",
    ]
    assert disagreements(bulletin, {"totals": bulletin["totals"]}) == []

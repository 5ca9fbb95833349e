"""The row-parsing benchmark's smoke run: ``benchmarks/parse_rows.py`` parses and reports.

Only that it works is checked — every row parsed without a problem, the table printed — never
how fast: timings are the benchmark's to report (docs/performance.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "parse_rows.py"


def test_the_parse_benchmark_parses_every_row_and_prints_its_table():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DJANGO_"))}

    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--rows", "300", "--repeat", "1"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    [header, line] = [text for text in done.stdout.splitlines() if text.strip()][:2]
    assert header.split()[:4] == ["parser", "rows", "CPU", "µs/row"]
    assert line.split()[:2] == ["this", "tree"]
    assert line.split()[2] == "300"
    assert "0 (0 rows with errors)" in line

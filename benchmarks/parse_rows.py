"""Benchmark of reading a ledger's rows into projects (``RowParser.parse``): µs of CPU per row.

    uv run python benchmarks/parse_rows.py                        # 100k rows, this tree
    uv run python benchmarks/parse_rows.py --against 424e7b4      # and that revision's parser
    uv run python benchmarks/parse_rows.py --file ledger.xlsx     # rows of a workbook instead

The rows are the benchmark ledger's (:func:`benchmarks.ledgers.ledger_rows`: 16 columns,
Chinese headers, the value a number in 亿元, dates as date cells, one row in ten with a
co-investor), built in memory as python-calamine hands them to the importer — a number cell
as a float, a date cell as a ``datetime.date``, text as ``str`` — or, with ``--file``, read
from a workbook or CSV file once with the importer's own reader. Reading the file is not
measured; what is measured is what the import does with each row before matching it against
the ledger: the pipeline's blank-row test and :meth:`RowParser.parse`, one row after another,
the parsed rows kept a batch (2,000) at a time as the pipeline keeps them.

Each of ``--repeat`` runs starts with a fresh :class:`ImportContext` and :class:`RowParser`,
so every cache starts cold as in a real import; the best run is reported, in CPU time
(``time.process_time``) and wall time. The rows are built before the clock starts and frozen
out of the garbage collector's sight (``gc.freeze``), so that a million cells held for the
benchmark do not make the collector's passes dearer than they are in an import, where only a
batch is alive.

``--against REV`` measures the parser of another revision in the same run, on the same rows:
its ``src/`` is exported with ``git archive`` into a temporary directory and this script runs
again in a child process with that tree first on the path, in a database of its own. That is
the "before" beside the "after", on the same machine under the same load.

The database is a fresh SQLite file in a temporary ``TAIZHANG_HOME``, migrated and given the
benchmark's event (``BENCH2026``, hosted by 重庆市) before anything is timed.

Measured on 2026-11-21 on the 2-CPU virtual machine of docs/performance.md (Python 3.11.7),
shared (load average 5-7), 100,000 rows, best of 5-7 runs, CPU time per row: the parser of
424e7b4 took 19.7-25.7 µs, the one of cf30e05 8.5-9.9 µs (rows read from the workbook with
``--file``: 22.0 µs against 9.8 µs).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``benchmarks`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.databases import EVENT_ARGUMENTS, EVENT_CODE
from benchmarks.ledgers import HEADERS, ledger_rows
from benchmarks.machine import load_average
from benchmarks.measure import REPO_ROOT

#: Rows the pipeline keeps before matching and writing them; the parsed rows live that long.
BATCH = 2000


def calamine_cell(value: object) -> object:
    """``value`` as python-calamine hands the importer a cell that XlsxWriter wrote from it."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def memory_rows(count: int) -> tuple[tuple[object, ...], list[list[object]]]:
    """The header and ``count`` rows of the benchmark ledger, as cells of a workbook."""
    return HEADERS, [[calamine_cell(value) for value in row] for row in ledger_rows(count)]


def file_rows(path: Path, count: int) -> tuple[Sequence[object], list[list[object]]]:
    """The header and the first ``count`` data rows of the ledger file at ``path``."""
    from taizhang.ledger.importing.reader import open_ledger

    source = open_ledger(path)
    try:
        rows = []
        for _number, cells in source.rows():
            rows.append(list(cells))
            if len(rows) >= count:
                break
        return list(source.header), rows
    finally:
        source.close()


def setup_django(home: Path) -> None:
    """Django on a fresh SQLite database in ``home``, migrated, with the benchmark's event."""
    for name in [name for name in os.environ if name.startswith(("TAIZHANG_", "DJANGO_"))]:
        del os.environ[name]
    os.environ["TAIZHANG_HOME"] = str(home)
    os.environ["TAIZHANG_LANGUAGE"] = "en"
    os.environ["DJANGO_SETTINGS_MODULE"] = "taizhang.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("events", *EVENT_ARGUMENTS, stdout=io.StringIO())


def row_test() -> Callable[[Sequence[object]], bool]:
    """The pipeline's test of a blank row, as the measured revision has it."""
    from taizhang.ledger.importing import rows

    blank_row = getattr(rows, "blank_row", None)
    if blank_row is not None:
        return blank_row
    blank = rows.blank
    return lambda cells: all(map(blank, cells))


def measure(header: Sequence[object], rows: list[list[object]], repeat: int) -> dict[str, object]:
    """Parse ``rows`` ``repeat`` times, each with a fresh context; the best run's figures."""
    from taizhang.ledger.importing.context import ImportContext
    from taizhang.ledger.importing.headers import map_header_row
    from taizhang.ledger.importing.rows import RowParser

    header_map = map_header_row(header, event_given=True)
    if any(problem.is_error for problem in header_map.problems):
        raise SystemExit(f"the header is not a ledger's: {header_map.errors}")
    is_blank_row = row_test()
    runs: list[tuple[float, float]] = []
    problems = errors = 0
    for _run in range(repeat):
        context = ImportContext()
        event = context.event(EVENT_CODE)
        parser = RowParser(header_map, context, event)
        parse = parser.parse
        batch: list[object] = []
        found_problems = found_errors = 0
        gc.collect()
        gc.freeze()
        cpu, wall = time.process_time(), time.perf_counter()
        for number, cells in enumerate(rows, start=2):
            if is_blank_row(cells):
                continue
            row, found = parse(number, cells)
            batch.append(row)
            if found:
                found_problems += len(found)
                found_errors += not row.ok
            if len(batch) >= BATCH:
                batch.clear()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        gc.unfreeze()
        runs.append((cpu, wall))
        problems, errors = found_problems, found_errors
    cpu, wall = min(runs)
    import taizhang

    return {
        "tree": str(Path(taizhang.__file__).resolve().parent.parent),
        "rows": len(rows),
        "cpu_us": cpu / len(rows) * 1e6,
        "wall_us": wall / len(rows) * 1e6,
        "all_cpu_us": [run[0] / len(rows) * 1e6 for run in runs],
        "problems": problems,
        "rows_with_errors": errors,
    }


def run_here(args: argparse.Namespace) -> dict[str, object]:
    """Measure the parser of the tree this process imports taizhang from."""
    with tempfile.TemporaryDirectory(prefix="parse-rows-") as home:
        setup_django(Path(home))
        if args.file:
            header, rows = file_rows(Path(args.file), args.rows)
        else:
            header, rows = memory_rows(args.rows)
        return measure(header, rows, args.repeat)


def run_revision(revision: str, args: argparse.Namespace) -> dict[str, object]:
    """Measure the parser of ``revision`` in a child process, on the same rows."""
    with tempfile.TemporaryDirectory(prefix="parse-rows-src-") as tree:
        archive = subprocess.run(
            ["git", "archive", revision, "src/taizhang"],
            cwd=REPO_ROOT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(Path(tree) / "src"), str(REPO_ROOT)])
        command = [sys.executable, str(Path(__file__).resolve()), "--json-line"]
        command += ["--rows", str(args.rows), "--repeat", str(args.repeat)]
        if args.file:
            command += ["--file", str(Path(args.file).resolve())]
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["tree"] = revision
        return result


def _lines(results: Iterable[tuple[str, dict[str, object]]]) -> list[str]:
    lines = [f"{'parser':<12} {'rows':>9} {'CPU µs/row':>11} {'wall µs/row':>12}  problems"]
    for label, result in results:
        lines.append(
            f"{label:<12} {result['rows']:>9,} {result['cpu_us']:>11.2f} "
            f"{result['wall_us']:>12.2f}  {result['problems']} "
            f"({result['rows_with_errors']} rows with errors)"
        )
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows to parse (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is shown (5)")
    parser.add_argument("--file", help="read the rows from this ledger file instead")
    parser.add_argument("--against", help="also measure this git revision's parser")
    parser.add_argument("--json-line", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.json_line:
        print(json.dumps(run_here(args)))
        return 0
    print(f"load average before: {load_average()}", file=sys.stderr)
    results = []
    if args.against:
        results.append((args.against, run_revision(args.against, args)))
    results.append(("this tree", run_here(args)))
    print(f"load average after: {load_average()}", file=sys.stderr)
    print("\n".join(_lines(results)))
    if len(results) == 2:
        before, after = results[0][1]["cpu_us"], results[1][1]["cpu_us"]
        print(f"CPU per row: {before:.2f} µs → {after:.2f} µs ({before / after:.2f}× faster)")
        if results[0][1]["problems"] != results[1][1]["problems"]:
            print("the two parsers found different numbers of problems", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmark of ``taizhang import-ledger`` (issue 3): speed and memory against two yardsticks.

    uv run python benchmarks/import_ledger.py                       # 10k, 100k, 1M rows; SQLite
    uv run python benchmarks/import_ledger.py --sizes 10000,100000 \\
        --postgres-url postgresql://postgres@127.0.0.1:5432/postgres  # and PostgreSQL
    uv run python benchmarks/import_ledger.py --tiny                # 200 rows: a smoke run for CI

For each size it generates a ledger as .xlsx and .csv (``benchmarks.ledgers``; kept in
``--files`` for the next run), and imports each file with the real ``taizhang import-ledger``
into a fresh SQLite database and, given ``--postgres-url`` (a role that may create databases),
a fresh PostgreSQL database. Every import, floor and baseline runs in a process of its own,
which is timed from start to end and whose peak resident memory is its own
(``benchmarks.measure``). Against the same files, in the same run, it measures:

* the floor: python-calamine (the csv module for a CSV) reading the file and nothing else, the
  best of ``--floor-repeat`` fresh processes (``benchmarks.floor``);
* the baseline: django-import-export importing the ``--baseline-rows`` file into an equivalent
  flat model through its documented ``import_data`` (``benchmarks.baseline``), killed after
  ``--baseline-timeout`` seconds (shown as "> N");
* the SQL statements each import sent (``benchmarks.counted``), to tell a set-based write from
  one statement per row;
* the database floor (``benchmarks.db_floor``): every row the import added, read back
  (``benchmarks.added_rows``) and inserted alone into another fresh copy of the template, ids
  and all, in one transaction — ``executemany`` in batches of 2,000 on SQLite, ``COPY`` on
  PostgreSQL — with the inserts and the commit timed (``benchmarks.write_floor``), the best of
  ``--floor-repeat`` fresh processes. It is the database's own share of the import, which no
  import of those rows can go below; ``--no-db-floor`` skips it.

It prints one table of the figures and one of issue 3's targets with PASS or MISS. It exits
with status 1 if an import or the baseline failed, 0 otherwise (a MISS is a figure, not a
failure). Results and the machine they were measured on are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``benchmarks`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.databases import (
    EVENT_CODE,
    Database,
    PostgreSQLDatabases,
    SQLiteDatabases,
)
from benchmarks.db_floor import find_template_ids, keep_added_rows, measure_db_floor
from benchmarks.floor import reader_name
from benchmarks.ledgers import FORMATS, ensure_ledger
from benchmarks.machine import load_average, machine_lines
from benchmarks.measure import (
    StepFailed,
    child_environment,
    compile_bytecode,
    python_module,
    run_measured,
)
from benchmarks.report import (
    Baseline,
    Floor,
    Import,
    Results,
    import_table,
    targets,
    targets_table,
)

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
TINY_ROWS = 200


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark `taizhang import-ledger` against python-calamine alone and "
        "django-import-export (issue 3).",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated row counts (default: 10000,100000,1000000)",
    )
    parser.add_argument(
        "--tiny",
        action="store_true",
        help=f"a smoke run: {TINY_ROWS} rows only, baseline included",
    )
    parser.add_argument(
        "--formats",
        type=lambda text: tuple(_choices(text, FORMATS)),
        default=FORMATS,
        help="comma-separated: xlsx,csv (default: both)",
    )
    parser.add_argument(
        "--postgres-url",
        metavar="URL",
        help="admin URL of a PostgreSQL server whose role may create databases, e.g. "
        "postgresql://postgres@127.0.0.1:5432/postgres (without it PostgreSQL is skipped)",
    )
    parser.add_argument(
        "--no-sqlite", action="store_true", help="measure PostgreSQL only (needs --postgres-url)"
    )
    parser.add_argument(
        "--baseline-rows",
        type=int,
        default=10_000,
        help="rows of the django-import-export baseline; 0 skips it (default: 10000)",
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=900,
        help="seconds before a baseline import is stopped and shown as '> N' (default: 900)",
    )
    parser.add_argument(
        "--import-timeout",
        type=float,
        default=3 * 3600,
        help="seconds before an import is stopped (default: 10800)",
    )
    parser.add_argument(
        "--floor-repeat",
        type=int,
        default=3,
        help="runs of each floor per file (python-calamine's and the database's), the best "
        "kept (default: 3)",
    )
    parser.add_argument(
        "--no-db-floor",
        action="store_true",
        help="skip the database floor: inserting each import's rows again, alone",
    )
    parser.add_argument(
        "--files",
        type=Path,
        default=Path(tempfile.gettempdir()) / "taizhang-bench-files",
        help="where generated ledgers are kept between runs (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="measure nothing: print the tables of runs saved with --json (later files win)",
    )
    options = parser.parse_args(argv)
    if options.tiny:
        options.sizes = (TINY_ROWS,)
        options.baseline_rows = TINY_ROWS if options.baseline_rows else 0
        options.floor_repeat = 1
    if options.no_sqlite and not options.postgres_url:
        parser.error("--no-sqlite needs --postgres-url")
    return options


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: use row counts such as 10000,100000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: use row counts of at least 1")
    return sizes


def _choices(text: str, allowed: tuple[str, ...]) -> list[str]:
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"{text!r}: use one or more of {', '.join(allowed)}")
    return chosen


def say(message: str) -> None:
    """Progress, on standard error so that standard output holds only the results."""
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    if options.from_json:
        return _reprint(options)
    sizes = sorted(
        set(options.sizes) | ({options.baseline_rows} if options.baseline_rows else set())
    )
    results = Results()
    load_before = load_average()
    say("compiling the measured packages to bytecode")
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as work_dir:
        work = Path(work_dir)
        files = {
            (rows, file_format): _generate(options.files, rows, file_format)
            for rows in sizes
            for file_format in options.formats
        }
        for (rows, file_format), path in files.items():
            results.floors[(rows, file_format)] = _floor(path, rows, file_format, options, work)

        databases: list[Database] = []
        if not options.no_sqlite:
            databases.append(SQLiteDatabases(work))
        if options.postgres_url:
            databases.append(PostgreSQLDatabases(options.postgres_url, work))
        else:
            results.notes.append(
                "PostgreSQL skipped: no --postgres-url (e.g. "
                "postgresql://postgres@127.0.0.1:5432/postgres)."
            )
        failed = False
        for database in databases:
            try:
                failed |= _measure_database(database, files, sizes, options, results, work)
            finally:
                database.close()

    results.notes.append(f"load average before: {load_before}; after: {load_average()}")
    _print(
        results,
        [d.name for d in databases],
        options.baseline_rows,
        machine_lines(options.postgres_url),
    )
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "imports": [asdict(run) for run in results.imports],
                    "floors": [asdict(floor) for floor in results.floors.values()],
                    "baselines": [asdict(baseline) for baseline in results.baselines],
                    "db_floors": [asdict(db_floor) for db_floor in results.db_floors],
                    "notes": results.notes,
                    "machine": machine_lines(options.postgres_url),
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if failed else 0


def _reprint(options: argparse.Namespace) -> int:
    results = Results()
    machine: list[str] = []
    for path in options.from_json:
        saved = json.loads(path.read_text(encoding="utf-8"))
        results.merge(saved)
        machine = saved.get("machine", machine)
    kinds = {run.database for run in results.imports}
    databases = [kind for kind in ("SQLite", "PostgreSQL") if kind in kinds]
    baseline_rows = max((b.rows for b in results.baselines), default=0)
    _print(results, databases, baseline_rows, machine)
    return 0


def _generate(directory: Path, rows: int, file_format: str) -> Path:
    path = ensure_ledger(directory, rows, file_format)
    say(f"ledger of {rows:,} rows as {file_format}: {path}")
    return path


def _floor(
    path: Path, rows: int, file_format: str, options: argparse.Namespace, work: Path
) -> Floor:
    best = None
    for attempt in range(max(1, options.floor_repeat)):
        measured = run_measured(
            python_module("benchmarks.floor", str(path)),
            env=child_environment(),
            log=work / f"floor-{rows}-{file_format}-{attempt}.log",
        )
        if not measured.ok:
            raise SystemExit(f"Reading {path} alone failed:\n{measured.tail()}")
        if best is None or measured.seconds < best.seconds:
            best = measured
    say(f"  floor, {reader_name(path)}: {best.seconds:.2f} s, {best.peak_rss_mb:.0f} MB")
    return Floor(
        rows, file_format, reader_name(path), best.seconds, best.peak_rss_mb, best.cpu_seconds
    )


def _measure_database(
    database: Database,
    files: dict[tuple[int, str], Path],
    sizes: list[int],
    options: argparse.Namespace,
    results: Results,
    work: Path,
) -> bool:
    """Import every file into ``database``, then the baseline; True if something failed."""
    say(f"{database.name}: preparing the template database (migrations, event {EVENT_CODE})")
    try:
        database.prepare()
    except StepFailed as error:
        results.notes.append(f"{database.name} skipped: {error}")
        return True
    command = _import_command()
    template_ids = None
    if not options.no_db_floor and command is not None:
        template_ids = work / f"template-ids-{database.name}.json"
        try:
            find_template_ids(database, template_ids, timeout=options.import_timeout)
        except StepFailed as error:
            results.notes.append(f"{database.name}: no database floor: {error}")
            template_ids = None
    failed = False
    for rows in sizes:
        if rows not in options.sizes:
            continue  # only the baseline's size, imported below beside the baseline
        for file_format in options.formats:
            failed |= _import_and_floor(
                database,
                files[(rows, file_format)],
                rows,
                file_format,
                command,
                template_ids,
                options,
                results,
                work,
            )
    if options.baseline_rows:
        for file_format in options.formats:
            path = files[(options.baseline_rows, file_format)]
            if results.find(options.baseline_rows, file_format, database.name) is None:
                failed |= _import_and_floor(
                    database,
                    path,
                    options.baseline_rows,
                    file_format,
                    command,
                    template_ids,
                    options,
                    results,
                    work,
                )
            baseline = _baseline(database, path, options.baseline_rows, file_format, options, work)
            results.baselines.append(baseline)
            failed |= baseline.seconds is None and baseline.timed_out_after is None
    return failed


def _import_and_floor(
    database: Database,
    path: Path,
    rows: int,
    file_format: str,
    command: str | None,
    template_ids: Path | None,
    options: argparse.Namespace,
    results: Results,
    work: Path,
) -> bool:
    """Import ``path``, then its database floor when ``template_ids`` is given; True if failed."""
    added = work / f"added-{rows}-{file_format}-{database.name}.pickle"
    run = _import(
        database,
        path,
        rows,
        file_format,
        command,
        options,
        work,
        keep_added=(template_ids, added) if template_ids else None,
    )
    results.imports.append(run)
    failed = not run.measured and command is not None
    if run.measured and template_ids is not None:
        try:
            db_floor = measure_db_floor(
                database,
                added,
                rows,
                file_format,
                work,
                repeat=options.floor_repeat,
                timeout=options.import_timeout,
                say=say,
            )
        finally:
            added.unlink(missing_ok=True)  # a million rows' worth: gigabytes
        results.db_floors.append(db_floor)
        failed |= db_floor.seconds is None
    return failed


def _import_command() -> str | None:
    """The import command as users type it, or None while taizhang has none.

    Django names a command after its module, ``import_ledger``; ``taizhang`` accepts the
    documented ``import-ledger`` once its command line maps hyphens (``with_command_name``).
    """
    if importlib.util.find_spec("taizhang.ledger.management.commands.import_ledger") is None:
        return None
    from taizhang import cli

    return "import-ledger" if hasattr(cli, "with_command_name") else "import_ledger"


def _audit_entries(database: Database, variables: dict[str, str]) -> int | None:
    """How many audit entries the database holds, or None before the audit app exists."""
    try:
        return database.count(variables, "audit_entry")
    except Exception:  # no such table: the audit record is not part of this taizhang yet
        return None


def _import(
    database: Database,
    path: Path,
    rows: int,
    file_format: str,
    command: str | None,
    options: argparse.Namespace,
    work: Path,
    *,
    keep_added: tuple[Path, Path] | None = None,
) -> Import:
    """Import ``path`` into a fresh database, measured.

    ``keep_added`` (the template's highest ids, a file): read back the rows the import added,
    into that file, before the database goes.
    """
    if command is None:
        return Import(rows, file_format, database.name, note="no import-ledger command yet")
    say(f"  import-ledger, {rows:,} rows, {file_format}, {database.name}")
    stats = work / f"statements-{rows}-{file_format}-{database.name}.json"
    with database.fresh() as variables:
        measured = run_measured(
            python_module(
                "benchmarks.counted", str(stats), command, str(path), "--event", EVENT_CODE
            ),
            env=child_environment(**variables),
            log=work / f"import-{rows}-{file_format}-{database.name}.log",
            timeout=options.import_timeout,
        )
        if measured.timed_out:
            return Import(
                rows, file_format, database.name, note=f"> {options.import_timeout:.0f} s"
            )
        if not measured.ok:
            say(f"    FAILED (exit status {measured.returncode}):\n{measured.tail()}")
            return Import(rows, file_format, database.name, note=f"failed ({measured.returncode})")
        created = database.count(variables, "ledger_project")
        audit_entries = _audit_entries(database, variables)
        if keep_added is not None and created == rows:
            keep_added_rows(
                database, variables, *keep_added, timeout=options.import_timeout, say=say
            )
    if created != rows:
        say(f"    FAILED: {created:,} projects in the database after importing {rows:,} rows")
        return Import(rows, file_format, database.name, note=f"wrote {created:,} rows")
    counted = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}
    say(f"    {measured.seconds:.2f} s, {measured.peak_rss_mb:.0f} MB")
    return Import(
        rows,
        file_format,
        database.name,
        seconds=measured.seconds,
        peak_rss_mb=measured.peak_rss_mb,
        cpu_seconds=measured.cpu_seconds,
        audit_entries=audit_entries,
        statements=counted.get("statements", {}),
        writes=counted.get("writes", {}),
    )


def _baseline(
    database: Database,
    path: Path,
    rows: int,
    file_format: str,
    options: argparse.Namespace,
    work: Path,
) -> Baseline:
    say(f"  django-import-export, {rows:,} rows, {file_format}, {database.name}")
    with database.fresh() as variables:
        measured = run_measured(
            python_module("benchmarks.baseline", str(path)),
            env=child_environment(DJANGO_SETTINGS_MODULE="benchmarks.settings", **variables),
            log=work / f"baseline-{rows}-{file_format}-{database.name}.log",
            timeout=options.baseline_timeout,
        )
        if measured.timed_out:
            say(f"    stopped after {options.baseline_timeout:.0f} s")
            return Baseline(
                rows, file_format, database.name, timed_out_after=options.baseline_timeout
            )
        if not measured.ok:
            say(f"    FAILED (exit status {measured.returncode}):\n{measured.tail()}")
            return Baseline(
                rows, file_format, database.name, note=f"failed ({measured.returncode})"
            )
        created = database.count(variables, "bench_baseline_ledgerrow")
    if created != rows:
        return Baseline(rows, file_format, database.name, note=f"wrote {created:,} rows")
    say(f"    {measured.seconds:.2f} s")
    return Baseline(
        rows,
        file_format,
        database.name,
        seconds=measured.seconds,
        cpu_seconds=measured.cpu_seconds,
    )


def _print(results: Results, databases: list[str], baseline_rows: int, machine: list[str]) -> None:
    print("taizhang import-ledger: rows imported per second and peak memory of the process")
    print()
    for line in import_table(results):
        print(line)
    print()
    print(
        "import s: wall time of the whole import process; cpu s: its user + system CPU time "
        "(a busy machine stretches the first, hardly the second); peak MB: its peak resident "
        "memory; floor: the same file read by python-calamine (xlsx) or the csv module (csv) "
        "alone; db floor: the rows the import wrote, inserted alone into a fresh database "
        "(executemany in batches of 2,000 on SQLite, COPY on PostgreSQL; the inserts and the "
        "commit, in one transaction; the best of --floor-repeat runs): the database's own work; "
        "rows/write: rows per INSERT/UPDATE/COPY statement; DIE: django-import-export."
    )
    print()
    for line in targets_table(targets(results, databases, baseline_rows)):
        print(line)
    print()
    for line in machine:
        print(line)
    for note in results.notes:
        print(f"Note: {note}")


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of one event's JSON bulletin among many projects (issue 4), against hand-written SQL.

    uv run python benchmarks/bulletin.py                               # 1M projects, 20 editions
    uv run python benchmarks/bulletin.py \\
        --postgres-url postgresql://postgres@127.0.0.1:5432/postgres   # and on PostgreSQL
    uv run python benchmarks/bulletin.py --tiny                        # 2,000 projects: CI smoke
    uv run python benchmarks/bulletin.py --projects 200000 --editions 10 --keep

For each database it fills a fresh one with a generated ledger (``benchmarks.bulletin_ledger``:
``--projects`` over ``--editions`` editions of the SCE series, bulk-written, minutes for a
million), then, in the same process and the same run, times the JSON bulletin of one event —
taizhang's ``event_figures(event)`` and ``json.dumps``, what ``taizhang bulletin --format json``
does — against hand-written SQL computing the same figures over the same tables
(``benchmarks.bulletin_floor``): each warmed once, then the median of ``--runs`` runs. The two
results are compared figure by figure; a disagreement fails the run (exit status 1), as a
benchmark of two things computing different figures proves nothing. A missed target is a
figure, not a failure.

SQLite runs in a temporary ``TAIZHANG_HOME``; PostgreSQL in a database created on the server
``--postgres-url`` names (a role that may create databases) and dropped afterwards. Without
``--postgres-url`` PostgreSQL is skipped with a note. ``--keep`` keeps both databases under
names made of the ledger's size and reuses them next time, skipping the generation. Results
and the machine they were measured on are recorded in docs/performance.md, "Bulletin".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

if __package__ in (None, ""):
    # Run as a script: make ``benchmarks`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.machine import load_average, machine_lines
from benchmarks.measure import child_environment, python_module

DEFAULT_PROJECTS = 1_000_000
DEFAULT_EDITIONS = 20
TINY_PROJECTS, TINY_EDITIONS = 2_000, 4
#: Issue 4's targets: within 2× of the hand-written SQL; under 1 s on PostgreSQL.
RATIO_LIMIT = 2.0
POSTGRES_SECONDS_LIMIT = 1.0


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark one event's JSON bulletin among many projects against "
        "hand-written SQL computing the same figures (issue 4).",
    )
    parser.add_argument(
        "--projects",
        type=_positive,
        default=DEFAULT_PROJECTS,
        help="projects in the ledger (default: 1000000)",
    )
    parser.add_argument(
        "--editions",
        type=_positive,
        default=DEFAULT_EDITIONS,
        help="editions of the series they are spread over (default: 20)",
    )
    parser.add_argument(
        "--tiny",
        action="store_true",
        help=f"a smoke run: {TINY_PROJECTS:,} projects over {TINY_EDITIONS} editions, 3 runs",
    )
    parser.add_argument(
        "--runs", type=_positive, default=5, help="timed runs of each, after one warm-up (5)"
    )
    parser.add_argument("--event", help="the event whose bulletin is timed (default: the last)")
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
        "--keep",
        action="store_true",
        help="keep the generated databases (under --work, and on the server) and reuse them",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "taizhang-bench-bulletin",
        help="where kept SQLite databases live (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    options = parser.parse_args(argv)
    if options.tiny:
        options.projects, options.editions, options.runs = TINY_PROJECTS, TINY_EDITIONS, 3
    if options.no_sqlite and not options.postgres_url:
        parser.error("--no-sqlite needs --postgres-url")
    if options.projects < 10 * options.editions:
        parser.error("--projects must be at least 10 per edition")
    return options


def _positive(text: str) -> int:
    try:
        number = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number such as 1000000") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of at least 1")
    return number


def say(message: str) -> None:
    """Progress, on standard error so that standard output holds only the results."""
    print(message, file=sys.stderr, flush=True)


# --- databases -----------------------------------------------------------------------------------


def _ledger_name(options: argparse.Namespace) -> str:
    return f"{options.projects}_{options.editions}"


@contextmanager
def sqlite_database(options: argparse.Namespace) -> Iterator[dict[str, str]]:
    """A ``TAIZHANG_HOME`` whose SQLite database the benchmark fills (kept with ``--keep``)."""
    if options.keep:
        home = options.work / f"sqlite_{_ledger_name(options)}"
        home.mkdir(parents=True, exist_ok=True)
        yield {"TAIZHANG_HOME": str(home)}
        return
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-bulletin-") as home:
        yield {"TAIZHANG_HOME": home}


@contextmanager
def postgres_database(options: argparse.Namespace, home: Path) -> Iterator[dict[str, str]]:
    """A database on the server, created for the run and dropped after it (kept with --keep)."""
    import secrets

    import psycopg
    from psycopg import sql

    if options.keep:
        name = f"taizhang_bench_bulletin_{_ledger_name(options)}"
    else:
        name = f"taizhang_bench_bulletin_{secrets.token_hex(4)}"
    with psycopg.connect(options.postgres_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = urlunsplit(urlsplit(options.postgres_url)._replace(path=f"/{name}"))
    home.mkdir(parents=True, exist_ok=True)  # only the secret key lives there
    try:
        yield {"TAIZHANG_HOME": str(home), "TAIZHANG_DATABASE_URL": url}
    finally:
        if not options.keep:
            with psycopg.connect(options.postgres_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def measure(
    name: str, variables: dict[str, str], options: argparse.Namespace, work: Path
) -> dict[str, Any] | None:
    """Run ``benchmarks.bulletin_measure`` on one database; its figures, or None if it failed."""
    output = work / f"bulletin-{name}.json"
    arguments = [
        "--projects",
        str(options.projects),
        "--editions",
        str(options.editions),
        "--runs",
        str(options.runs),
        "--output",
        str(output),
    ]
    if options.event:
        arguments += ["--event", options.event]
    finished = subprocess.run(
        python_module("benchmarks.bulletin_measure", *arguments),
        env=child_environment(**variables),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if finished.returncode != 0 or not output.exists():
        say(f"{name}: the measurement failed (exit status {finished.returncode}); see above")
        return None
    return json.loads(output.read_text(encoding="utf-8"))


# --- the report ----------------------------------------------------------------------------------


def _verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def results_table(results: list[dict[str, Any]]) -> list[str]:
    header = (
        f"{'database':<11} {'projects':>10} {'editions':>8}  {'event':<8} {'its projects':>12} "
        f"{'ORM bulletin s':>14} {'hand SQL s':>10} {'ratio':>6} {'queries':>8} "
        f"{'ORM, JIT off s':>14}"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        lines.append(
            f"{result['database']:<11} {result['projects']:>10,} {result['editions']:>8}  "
            f"{result['event']:<8} {result['event_projects']:>12,} "
            f"{result['orm_median']:>14.3f} {result['sql_median']:>10.3f} "
            f"{result['orm_median'] / result['sql_median']:>5.2f}× "
            f"{result['orm_queries']:>3} / {result['sql_queries']:<2} "
            f"{_seconds(result.get('orm_without_jit_median')):>14}"
        )
    return lines


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def targets_table(results: list[dict[str, Any]]) -> list[str]:
    rows: list[tuple[str, str, str]] = []
    for result in results:
        orm, floor = result["orm_median"], result["sql_median"]
        ratio = orm / floor
        rows.append(
            (
                f"{result['database']}: JSON bulletin within {RATIO_LIMIT:g}× of hand SQL",
                f"{ratio:.2f}× ({orm:.3f} s ÷ {floor:.3f} s)",
                _verdict(ratio <= RATIO_LIMIT),
            )
        )
        if result["database"] == "PostgreSQL":
            rows.append(
                (
                    f"PostgreSQL: JSON bulletin under {POSTGRES_SECONDS_LIMIT:g} s",
                    f"{orm:.3f} s",
                    _verdict(orm < POSTGRES_SECONDS_LIMIT),
                )
            )
    if not any(result["database"] == "PostgreSQL" for result in results):
        rows.append(
            (f"PostgreSQL: JSON bulletin under {POSTGRES_SECONDS_LIMIT:g} s", "—", "not run")
        )
    width = max(len(name) for name, _figure, _verdict_text in rows)
    figure_width = max(len(figure) for _name, figure, _verdict_text in rows)
    lines = [f"{'target (issue 4)':<{width}}  {'measured':<{figure_width}}  verdict"]
    lines.append("-" * len(lines[0]))
    lines += [
        f"{name:<{width}}  {figure:<{figure_width}}  {verdict}" for name, figure, verdict in rows
    ]
    return lines


def agreement_lines(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for result in results:
        differences = result["differences"]
        if not differences:
            lines.append(
                f"{result['database']}: the bulletin and the hand SQL agree on all "
                f"{result['figures_compared']:,} figures the SQL states"
            )
            continue
        lines.append(
            f"{result['database']}: the bulletin and the hand SQL DISAGREE in "
            f"{len(differences)} places:"
        )
        lines += [f"  {difference}" for difference in differences[:20]]
    return lines


def print_report(results: list[dict[str, Any]], notes: list[str], postgres_url: str | None) -> None:
    print("JSON bulletin of one event: taizhang's event_figures + json.dumps against hand SQL")
    print()
    for line in results_table(results):
        print(line)
    print()
    print(
        "ORM bulletin s / hand SQL s: median of the timed runs after one warm-up, in one "
        "process; its projects: announced at the event (owned or linked), current, inside and "
        "outside the host; queries: SQL statements sent by the bulletin / by the hand SQL "
        "(transaction control not counted); ORM, "
        "JIT off: the bulletin again with PostgreSQL's JIT compilation off for the session "
        "(the hand SQL always runs with it off), for comparison only: the targets judge the "
        "bulletin as it runs by default."
    )
    print()
    for line in agreement_lines(results):
        print(line)
    print()
    for line in targets_table(results):
        print(line)
    print()
    for result in results:
        generated = result["generation_seconds"]
        rows = result["rows"]
        how = f"generated in {generated:.0f} s" if generated is not None else "reused (--keep)"
        print(
            f"{result['database']} {result['server_version']}: ledger {how}: "
            f"{rows['projects']:,} projects, {rows['announcements']:,} announcements, "
            f"{rows['project_investors']:,} project investors"
        )
    for line in machine_lines(postgres_url):
        print(line)
    for note in notes:
        print(f"Note: {note}")


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    notes: list[str] = []
    results: list[dict[str, Any]] = []
    failed = False
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-bulletin-run-") as work_dir:
        work = Path(work_dir)
        if not options.no_sqlite:
            with sqlite_database(options) as variables:
                result = measure("SQLite", variables, options, work)
            failed |= result is None
            results += [result] if result else []
        if options.postgres_url:
            with postgres_database(options, work / "postgresql-home") as variables:
                result = measure("PostgreSQL", variables, options, work)
            failed |= result is None
            results += [result] if result else []
        else:
            notes.append(
                "PostgreSQL skipped: no --postgres-url (e.g. "
                "postgresql://postgres@127.0.0.1:5432/postgres)."
            )
    notes.append(f"load average before: {load_before}; after: {load_average()}")
    print_report(results, notes, options.postgres_url)
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "results": results,
                    "notes": notes,
                    "machine": machine_lines(options.postgres_url),
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    disagreeing = any(result["differences"] for result in results)
    return 1 if failed or disagreeing else 0


if __name__ == "__main__":
    sys.exit(main())

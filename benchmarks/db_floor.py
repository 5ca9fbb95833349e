"""The database floor of each measured import: its rows found, kept, and inserted again alone.

Three steps, each in a process of its own with the ``TAIZHANG_*`` variables of one database:

1. once per kind of database, the template's highest id of each table, read from a fresh copy
   of it (:func:`find_template_ids`);
2. after each import, before its database goes, every row above those ids read back into a
   file in the work directory (:func:`keep_added_rows`, ``benchmarks.added_rows``);
3. those rows inserted into another fresh copy of the template by ``benchmarks.write_floor``,
   measured like an import (``benchmarks.measure``), the best of a few runs
   (:func:`measure_db_floor`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from benchmarks.databases import Database
from benchmarks.measure import (
    StepFailed,
    child_environment,
    python_module,
    run_checked,
    run_measured,
)
from benchmarks.report import DatabaseFloor


def find_template_ids(database: Database, target: Path, *, timeout: float) -> None:
    """Write the template's highest id of each table to ``target``: an import's rows are above.

    Raises :class:`StepFailed` when they cannot be read.
    """
    with database.fresh() as variables:
        run_checked(
            python_module("benchmarks.added_rows", "ids", str(target)),
            env=child_environment(**variables),
            what=f"Reading the highest ids of the {database.name} template",
            timeout=timeout,
        )


def keep_added_rows(
    database: Database,
    variables: dict[str, str],
    template_ids: Path,
    target: Path,
    *,
    timeout: float,
    say: Callable[[str], None],
) -> None:
    """Read the rows an import added to the database ``variables`` name into ``target``.

    When they cannot be read, ``target`` is not there and :func:`measure_db_floor` says so.
    """
    try:
        run_checked(
            python_module("benchmarks.added_rows", "dump", str(template_ids), str(target)),
            env=child_environment(**variables),
            what=f"Reading back the rows the import added to {database.name}",
            timeout=timeout,
        )
    except StepFailed as error:
        target.unlink(missing_ok=True)
        say(f"    {error}")


def measure_db_floor(
    database: Database,
    added: Path,
    rows: int,
    file_format: str,
    work: Path,
    *,
    repeat: int,
    timeout: float,
    say: Callable[[str], None],
) -> DatabaseFloor:
    """Insert the rows in ``added`` alone into fresh copies of the template: the best run."""
    if not added.exists():
        return DatabaseFloor(rows, file_format, database.name, note="rows not read back")
    best = None
    for attempt in range(max(1, repeat)):
        found = _write_floor(database, added, rows, file_format, work / str(attempt), timeout, say)
        if found.seconds is None:
            return found  # a failure is the figure: another attempt would hide it
        if best is None or found.seconds < best.seconds:
            best = found
    say(
        f"  database floor, {database.name}: {best.seconds:.2f} s inserting and committing "
        f"{sum(best.tables.values()):,} rows ({best.process_seconds:.2f} s the process)"
    )
    return best


def _write_floor(
    database: Database,
    added: Path,
    rows: int,
    file_format: str,
    work: Path,
    timeout: float,
    say: Callable[[str], None],
) -> DatabaseFloor:
    result_file = work / f"db-floor-{rows}-{file_format}-{database.name}.json"
    with database.fresh() as variables:
        measured = run_measured(
            python_module("benchmarks.write_floor", str(added), str(result_file)),
            env=child_environment(**variables),
            log=work / f"db-floor-{rows}-{file_format}-{database.name}.log",
            timeout=timeout,
        )
    if measured.timed_out:
        return DatabaseFloor(rows, file_format, database.name, note=f"> {timeout:.0f} s")
    if not measured.ok:
        say(f"    database floor FAILED (exit status {measured.returncode}):\n{measured.tail()}")
        return DatabaseFloor(
            rows, file_format, database.name, note=f"failed ({measured.returncode})"
        )
    result = json.loads(result_file.read_text(encoding="utf-8"))
    return DatabaseFloor(
        rows,
        file_format,
        database.name,
        seconds=result["seconds"],
        cpu_seconds=result["cpu_seconds"],
        commit_seconds=result["commit_seconds"],
        close_seconds=result["close_seconds"],
        process_seconds=measured.seconds,
        peak_rss_mb=measured.peak_rss_mb,
        tables=result["tables"],
    )

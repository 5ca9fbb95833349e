"""Benchmark of writing the audit record of a bulk import: ``record_many`` of N project-like
changes, the bulk path (``PlainChange``) against the general one (``Change``).

    uv run python benchmarks/audit_record.py                      # 100,000 entries, SQLite
    uv run python benchmarks/audit_record.py --entries 20000 --repeat 5
    uv run python benchmarks/audit_record.py --database-url postgresql://postgres@127.0.0.1:5432/x

Each change is a project's creation with the 25 values an import records of it (amounts as
Decimals, dates, ids, Chinese text, a list of investor ids). The changes are made before the
clock starts; what is timed is one ``record_many`` of all of them inside a transaction, on a
connection tuned as an import tunes it (``bulk_session``), the transaction then rolled back so
every run starts from the same empty table. The commit is not timed: an import commits once,
for everything it wrote.

It prints how fast the machine runs Python just then (a reference loop, before and after),
then, per path, the CPU time per entry (``time.process_time``: what the run itself cost,
steadier than wall time on a shared machine) with the part spent in the inserts, the wall
time, the best and median of ``--repeat`` runs, and the ratio of the two paths. The database
is a new SQLite file in a temporary home (migrated before anything is timed), or, given
``--database-url``, that database, which ``migrate`` brings up to date first.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make ``benchmarks`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.machine import load_average, machine_lines


def project_values(number: int) -> dict[str, Any]:
    """The 25 values an import records of the project it creates, for project ``number``."""
    return {
        "id": number,
        "event_id": 3,
        "name": f"两江新区智能网联汽车项目{number}",
        "project_code": f"SCE2026-{number:06d}",
        "lead_investor_id": 100_000 + number,
        "value": Decimal(f"{150_000 + number % 9_000}0000.00"),
        "original_value": Decimal("210000000.00") if number % 4 == 0 else None,
        "currency": "USD" if number % 4 == 0 else "CNY",
        "mode": ("offline", "online", "offsite")[number % 3],
        "signing_date": datetime.date(2026, 8, 23),
        "region_id": 50 + number % 40,
        "sector_id": 7 + number % 12,
        "strategic_emerging": number % 2 == 0,
        "strategic_emerging_category_id": None if number % 2 else 3,
        "industry_chain_id": 4,
        "park_id": None,
        "project_type": "new",
        "responsible_unit": "两江新区管委会",
        "responsible_person": "张伟",
        "planned_start": datetime.date(2026, 10, 1) if number % 2 else None,
        "planned_production": None,
        "description": "新能源汽车整车及零部件，年产十万辆",
        "withdrawn_at": None,
        "withdrawal_reason": "",
        "investors": [100_000 + number, 200_000 + number % 500],
    }


def reference_speed() -> float:
    """CPU µs for ``sum(range(1000))``, the best of a few: how fast this machine runs Python
    just now (a shared machine's varies by half from hour to hour), to compare runs by."""
    import timeit

    timer = timeit.Timer("sum(range(1000))", timer=time.process_time)
    return min(timer.repeat(5, 2000)) / 2000 * 1e6


@dataclass
class Runs:
    """The measurements of one path, one per run, in microseconds per entry."""

    cpu: list[float] = field(default_factory=list)
    insert_cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    make_cpu: list[float] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="changes per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each path")
    parser.add_argument("--database-url", help="a database to use instead of a new SQLite file")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="taizhang-audit-bench-") as home:
        os.environ["TAIZHANG_HOME"] = home
        if options.database_url:
            os.environ["TAIZHANG_DATABASE_URL"] = options.database_url
        else:
            os.environ.pop("TAIZHANG_DATABASE_URL", None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "taizhang.settings"
        return _run(options.entries, options.repeat, options.database_url)


def _run(entries: int, repeat: int, database_url: str | None) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from taizhang.audit import recorder
    from taizhang.audit.models import AuditEntry, Source
    from taizhang.audit.recorder import Change, PlainChange, record_many
    from taizhang.ledger.importing.bulk import bulk_session

    call_command("migrate", verbosity=0, interactive=False)
    if AuditEntry.objects.exists():
        print("The database already holds audit entries; use an empty one.", file=sys.stderr)
        return 1

    inserting = [0.0]
    insert = recorder._insert

    def timed_insert(*args: Any) -> None:
        started = time.process_time()
        insert(*args)
        inserting[0] += time.process_time() - started

    recorder._insert = timed_insert  # the inserts' share, timed around each batch's insert

    values = [project_values(number) for number in range(1, entries + 1)]
    paths: dict[str, Callable[..., Any]] = {"PlainChange": PlainChange, "Change": Change}
    runs = {name: Runs() for name in paths}

    print(*machine_lines(database_url), sep="\n")
    print(f"Database: {connection.vendor}; load average before: {load_average()}")
    speed = reference_speed()
    print(f"Reference: sum(range(1000)) takes {speed:.1f} µs of CPU")
    print(f"{entries:,} project.create entries of 25 values per run, {repeat} runs per path\n")
    with bulk_session():
        for _ in range(repeat):
            for name, kind in paths.items():
                started = time.process_time()
                changes = [
                    kind("project.create", "project", after["id"], None, after) for after in values
                ]
                made = time.process_time() - started
                with transaction.atomic():
                    inserting[0] = 0.0
                    cpu, wall = time.process_time(), time.perf_counter()
                    record_many(changes, source=Source.IMPORT)
                    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    transaction.set_rollback(True)
                per = 1e6 / entries
                runs[name].cpu.append(cpu * per)
                runs[name].insert_cpu.append(inserting[0] * per)
                runs[name].wall.append(wall * per)
                runs[name].make_cpu.append(made * per)
                del changes

    print(
        f"{'µs per entry':<14}{'CPU best':>10}{'median':>9}{'of which insert':>17}"
        f"{'wall best':>11}{'making changes':>16}"
    )
    for name, measured in runs.items():
        best = measured.cpu.index(min(measured.cpu))
        print(
            f"{name:<14}{min(measured.cpu):>10.1f}{statistics.median(measured.cpu):>9.1f}"
            f"{measured.insert_cpu[best]:>17.1f}{min(measured.wall):>11.1f}"
            f"{statistics.median(measured.make_cpu):>16.2f}"
        )
    fast, general = min(runs["PlainChange"].cpu), min(runs["Change"].cpu)
    print(f"\nChange ÷ PlainChange, CPU: {general / fast:.2f}×")
    print(f"Load average after: {load_average()}; reference after: {reference_speed():.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One database's part of the bulletin benchmark, in a process of its own.

``python -m benchmarks.bulletin_measure --projects N --editions E --runs R --output FILE``, with
the ``TAIZHANG_*`` variables naming the database (``benchmarks/bulletin.py`` sets them): migrate
it, fill it with the generated ledger (``benchmarks.bulletin_ledger``) unless it already holds
that ledger, then time one event's JSON bulletin — ``event_figures(event)`` and ``json.dumps``,
the event looked up by its code as the command does — against the hand-written SQL of
``benchmarks.bulletin_floor`` computing the same figures. Each is run once to warm the caches,
then ``R`` times, alternating which goes first; the medians are kept. The two results are
compared figure by figure. Everything measured is written to FILE as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, required=True)
    parser.add_argument("--editions", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--event", help="the event's code (default: the series' last edition)")
    parser.add_argument("--output", required=True, help="where to write the figures (JSON)")
    return parser.parse_args(argv)


def timed(function: Callable[[], str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.bulletin_floor import compared_figures, disagreements, event_figures_by_sql
    from benchmarks.bulletin_ledger import SERIES, Shape, check_sample, event_code, generate
    from taizhang.bulletin.figures import event_figures
    from taizhang.ledger.models import Announcement, Event, Project, ProjectInvestor

    shape = Shape(options.projects, options.editions)
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    say(f"{database}: migrating")
    call_command("migrate", interactive=False, verbosity=0)
    existing = Project.objects.count()
    generation: float | None = None
    if existing == 0:
        say(f"{database}: generating {shape.projects:,} projects over {shape.editions} editions")
        started = time.perf_counter()
        generate(shape, progress=say)
        check_sample()
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a large import: statistics and visibility map.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        generation = time.perf_counter() - started
        say(f"{database}: generated in {generation:.0f} s")
    elif (
        existing != shape.projects
        or not Event.objects.filter(code=event_code(SERIES, shape.years[-1])).exists()
    ):
        say(
            f"{database}: the database already holds {existing:,} projects, not the "
            f"{shape.projects:,} of this benchmark's ledger; give it an empty database."
        )
        return 2
    else:
        say(f"{database}: reusing the {existing:,} projects already there")
    code = options.event or event_code(SERIES, shape.years[-1])

    def orm_bulletin() -> str:
        return json.dumps(event_figures(Event.objects.get(code=code)), ensure_ascii=False)

    def sql_bulletin() -> str:
        return json.dumps(event_figures_by_sql(code), ensure_ascii=False)

    say(f"{database}: warming up, then {options.runs} runs of each on {code}")
    _, orm_text = timed(orm_bulletin)
    _, sql_text = timed(sql_bulletin)
    orm_times: list[float] = []
    sql_times: list[float] = []
    for run in range(options.runs):
        order = [(orm_bulletin, orm_times), (sql_bulletin, sql_times)]
        for function, times in order if run % 2 == 0 else reversed(order):
            seconds, _text = timed(function)
            times.append(seconds)
    orm_without_jit: list[float] = []
    if connection.vendor == "postgresql":
        # The same bulletin with JIT compilation off for the session: what taizhang's own
        # statements cost without it (see docs/performance.md, "Bulletin").
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        timed(orm_bulletin)
        orm_without_jit = [timed(orm_bulletin)[0] for _run in range(options.runs)]
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")
    with CaptureQueriesContext(connection) as orm_queries:
        orm_bulletin()
    with CaptureQueriesContext(connection) as sql_queries:
        sql_bulletin()
    bulletin, floor = json.loads(orm_text), json.loads(sql_text)
    differences = disagreements(bulletin, floor)
    event = Event.objects.get(code=code)
    result: dict[str, Any] = {
        "database": database,
        "server_version": _server_version(connection),
        "projects": shape.projects,
        "editions": shape.editions,
        "event": code,
        "event_projects": bulletin["totals"]["projects"] + bulletin["outside_host"]["projects"],
        "generation_seconds": generation,
        "rows": {
            "projects": Project.objects.count(),
            "announcements": Announcement.objects.count(),
            "project_investors": ProjectInvestor.objects.count(),
            "event_announcements": Announcement.objects.filter(event=event).count(),
        },
        "runs": options.runs,
        "orm_seconds": orm_times,
        "sql_seconds": sql_times,
        "orm_median": statistics.median(orm_times),
        "sql_median": statistics.median(sql_times),
        "orm_min": min(orm_times),
        "orm_without_jit_seconds": orm_without_jit,
        "orm_without_jit_median": statistics.median(orm_without_jit) if orm_without_jit else None,
        "sql_min": min(sql_times),
        "orm_queries": _statements(orm_queries.captured_queries),
        "sql_queries": _statements(sql_queries.captured_queries),
        "figures_compared": compared_figures(floor),
        "differences": differences,
        "key_figures": {
            "totals": bulletin["totals"],
            "live": bulletin["by_mode"]["live"],
            "bands": [
                (band["min"], band["projects"], band["change"]) for band in bulletin["bands"]
            ],
            "outside_host": {k: bulletin["outside_host"][k] for k in ("projects", "value")},
        },
        "python": platform.python_version(),
    }
    with open(options.output, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=2)
    verdict = "agree" if not differences else f"DISAGREE in {len(differences)} places"
    say(
        f"{database}: ORM bulletin {result['orm_median']:.3f} s, hand SQL "
        f"{result['sql_median']:.3f} s (medians); the figures {verdict}"
    )
    return 0


#: What Django's query log records that is no query of the figures: transaction control.
_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET ")


def _statements(captured: list[dict[str, Any]]) -> int:
    """The SQL statements sent, transaction control left out."""
    return sum(1 for query in captured if not query["sql"].lstrip().upper().startswith(_CONTROL))


def _server_version(connection: Any) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return str(cursor.fetchone()[0])


if __name__ == "__main__":
    sys.exit(main())

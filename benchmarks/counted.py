"""Running a ``taizhang`` command while counting the SQL statements it sends to PostgreSQL.

``python -m benchmarks.counted STATS.json import_ledger FILE --event CODE`` runs the real
command through :func:`taizhang.cli.main`, exactly as the ``taizhang`` console script does,
and writes to ``STATS.json`` how many statements of each kind (SELECT, INSERT, UPDATE, COPY...)
went through psycopg — Django's cursors and raw ones alike — and the writing statements
(INSERT, UPDATE, COPY) by the table they write to. An ``executemany`` counts once per
parameter set, as the server runs it.

That is how the benchmark tells a set-based write (COPY, or multi-row INSERTs of hundreds of
rows each) from one statement per row, without ``pg_stat_statements`` on the server. The
counting is a Python call per statement and a generator step per ``executemany`` row: nothing
next to a round trip. SQLite runs in the process and has no round trips to save, so nothing
is counted there (its ``executemany`` is one prepared statement stepped in C).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

statements: Counter[str] = Counter()
#: Writing statements by table ("INSERT ledger_project"): where a row-at-a-time path is.
writes: Counter[str] = Counter()

_TARGET = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|COPY)\s+"?([\w.]+)"?', re.IGNORECASE)


def _count(query: object, times: int) -> None:
    text = query.decode() if isinstance(query, bytes) else str(query)
    words = text.lstrip(" (\n").split(None, 1)
    kind = words[0].upper() if words else "EMPTY"
    statements[kind] += times
    target = _TARGET.match(text)
    if target:
        writes[f"{kind} {target[1]}"] += times


def install() -> None:
    """Count every statement, executemany row and COPY that psycopg sends."""
    try:
        import psycopg
    except ImportError:  # nothing to count without PostgreSQL's driver
        return
    cursor = psycopg.Cursor
    execute, executemany, copy = cursor.execute, cursor.executemany, cursor.copy

    def counting_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        _count(query, 1)
        return execute(self, query, *args, **kwargs)

    def counting_executemany(
        self: Any, query: Any, params: Iterable[Any], *args: Any, **kwargs: Any
    ) -> Any:
        sent = 0

        def each() -> Iterator[Any]:
            nonlocal sent
            for row in params:
                sent += 1
                yield row

        try:
            return executemany(self, query, each(), *args, **kwargs)
        finally:
            _count(query, sent)
            statements["executemany calls"] += 1

    def counting_copy(self: Any, statement: Any, *args: Any, **kwargs: Any) -> Any:
        _count(statement, 1)
        return copy(self, statement, *args, **kwargs)

    cursor.execute = counting_execute  # type: ignore[method-assign]
    cursor.executemany = counting_executemany  # type: ignore[method-assign]
    cursor.copy = counting_copy  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    stats_path, command = Path(argv[0]), argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    install()
    from taizhang.cli import main as taizhang

    try:
        taizhang(command)
    finally:
        stats_path.write_text(
            json.dumps({"statements": statements, "writes": writes}, sort_keys=True),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main(sys.argv[1:])

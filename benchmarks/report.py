"""What the benchmark measured, and the table and target verdicts it prints.

The targets are issue 3's ("Targets (benchmark, not tests)"); each is judged only on the figures
it names (100k rows, 1M rows, 10k rows), and says "not run" when the sizes run did not include
them rather than judging on other sizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Issue 3's targets, as numbers.
FLOOR_RATIO_LIMIT = 3.0  # 100k-row .xlsx into SQLite: at most 3× python-calamine alone
CSV_MEMORY_RATIO_LIMIT = 1.5  # 1M-row CSV peak within 1.5× the 100k-row one
XLSX_MEMORY_MARGIN_MB = 300.0  # 1M-row .xlsx peak within calamine's own peak + 300 MB
BASELINE_SPEEDUP = 20.0  # at least 20× faster than django-import-export on 10k rows
#: Set-based: on average at least this many rows per INSERT/UPDATE statement (COPY counts as
#: one statement). One statement per row gives 1; Django's bulk_create gives hundreds.
ROWS_PER_WRITE_SET_BASED = 50.0

_WRITES = ("INSERT", "UPDATE", "COPY")


@dataclass(frozen=True)
class Floor:
    """Reading one file with nothing else: the best of a few runs in fresh processes."""

    rows: int
    format: str
    reader: str
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0


@dataclass(frozen=True)
class Import:
    """One run of ``taizhang import-ledger``, or why there is none (``note``)."""

    rows: int
    format: str
    database: str
    seconds: float | None = None
    peak_rss_mb: float | None = None
    cpu_seconds: float | None = None
    #: Audit entries in the database after the import (None: no audit table).
    audit_entries: int | None = None
    statements: dict[str, int] = field(default_factory=dict)
    writes: dict[str, int] = field(default_factory=dict)
    note: str = ""

    @property
    def measured(self) -> bool:
        return self.seconds is not None

    @property
    def rows_per_second(self) -> float | None:
        return self.rows / self.seconds if self.seconds else None

    @property
    def write_statements(self) -> int:
        """Statements that wrote rows: INSERT, UPDATE and COPY (see ``benchmarks.counted``)."""
        return sum(self.statements.get(kind, 0) for kind in _WRITES)

    @property
    def rows_per_write(self) -> float | None:
        writes = self.write_statements
        return self.rows / writes if self.measured and writes else None


@dataclass(frozen=True)
class Baseline:
    """django-import-export importing one file, or why there is no figure (``note``)."""

    rows: int
    format: str
    database: str
    seconds: float | None = None
    cpu_seconds: float | None = None
    timed_out_after: float | None = None
    note: str = ""


@dataclass(frozen=True)
class DatabaseFloor:
    """The rows one import wrote, inserted alone into a fresh database (``benchmarks.write_floor``).

    No import of those rows can take less than ``seconds``: it is the database's own work.
    """

    rows: int
    format: str
    database: str
    #: The inserts and the commit, in wall time.
    seconds: float | None = None
    #: The process's CPU time during them: on SQLite the database's work, which runs in the
    #: process; on PostgreSQL only the client's share (the server's is in the wall time).
    cpu_seconds: float | None = None
    #: The commit alone, part of ``seconds``.
    commit_seconds: float | None = None
    #: Closing the connection after the commit (on SQLite, checkpointing the WAL).
    close_seconds: float | None = None
    #: The whole process, start-up and loading the rows included, and its peak memory.
    process_seconds: float | None = None
    peak_rss_mb: float | None = None
    #: Rows inserted into each table.
    tables: dict[str, int] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Target:
    """One target's figure as measured and its verdict: PASS, MISS, or — (not measured)."""

    name: str
    figure: str
    verdict: str


@dataclass
class Results:
    """Everything one or more runs of the benchmark measured."""

    imports: list[Import] = field(default_factory=list)
    floors: dict[tuple[int, str], Floor] = field(default_factory=dict)
    baselines: list[Baseline] = field(default_factory=list)
    db_floors: list[DatabaseFloor] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def merge(self, saved: dict) -> None:
        """Add the figures of a run saved with ``--json``; they replace the same ones here."""
        for run in saved.get("imports", []):
            key = (run["rows"], run["format"], run["database"])
            self.imports = [r for r in self.imports if (r.rows, r.format, r.database) != key]
            self.imports.append(Import(**run))
        for floor in saved.get("floors", []):
            self.floors[(floor["rows"], floor["format"])] = Floor(**floor)
        for baseline in saved.get("baselines", []):
            key = (baseline["rows"], baseline["format"], baseline["database"])
            self.baselines = [b for b in self.baselines if (b.rows, b.format, b.database) != key]
            self.baselines.append(Baseline(**baseline))
        for db_floor in saved.get("db_floors", []):
            key = (db_floor["rows"], db_floor["format"], db_floor["database"])
            self.db_floors = [f for f in self.db_floors if (f.rows, f.format, f.database) != key]
            self.db_floors.append(DatabaseFloor(**db_floor))
        self.notes.extend(saved.get("notes", []))
        self.imports.sort(key=lambda r: (r.database != "SQLite", r.rows, r.format != "xlsx"))

    def find(self, rows: int, file_format: str, database: str) -> Import | None:
        for run in self.imports:
            if (run.rows, run.format, run.database) == (rows, file_format, database):
                return run
        return None

    def db_floor(self, run: Import) -> DatabaseFloor | None:
        """The database floor of ``run``'s rows, if it was measured."""
        for db_floor in self.db_floors:
            if (db_floor.rows, db_floor.format, db_floor.database) == (
                run.rows,
                run.format,
                run.database,
            ):
                return db_floor
        return None


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}×"


def import_table(results: Results) -> list[str]:
    """The table of imports: one line per file and database, with the floor and baseline."""
    headers = (
        "rows",
        "format",
        "database",
        "import s",
        "cpu s",
        "rows/s",
        "peak MB",
        "floor s",
        "floor MB",
        "÷ floor",
        "db floor s",
        "import ÷ db floor",
        "rows/write",
        "DIE s",
        "DIE ÷ import",
    )
    lines = []
    for run in results.imports:
        floor = results.floors.get((run.rows, run.format))
        baseline = _baseline(results, run)
        floor_ratio = (
            run.seconds / floor.seconds if floor and run.seconds and floor.seconds else None
        )
        db_floor = results.db_floor(run)
        db_floor_ratio = (
            run.seconds / db_floor.seconds
            if db_floor and run.seconds and db_floor.seconds
            else None
        )
        lines.append(
            (
                f"{run.rows:,}",
                run.format,
                run.database,
                _seconds(run.seconds) if run.measured else run.note,
                _seconds(run.cpu_seconds),
                f"{run.rows_per_second:,.0f}" if run.rows_per_second else "—",
                f"{run.peak_rss_mb:.0f}" if run.peak_rss_mb is not None else "—",
                _seconds(floor.seconds) if floor else "—",
                f"{floor.peak_rss_mb:.0f}" if floor else "—",
                _ratio(floor_ratio),
                _db_floor_seconds(db_floor),
                _ratio(db_floor_ratio),
                f"{run.rows_per_write:,.0f}" if run.rows_per_write else "—",
                _baseline_seconds(baseline) if baseline else "",
                _baseline_speedup(baseline, run) if baseline else "",
            )
        )
    return _format_table(headers, lines)


def _db_floor_seconds(db_floor: DatabaseFloor | None) -> str:
    if db_floor is None:
        return "—"
    return _seconds(db_floor.seconds) if db_floor.seconds is not None else db_floor.note or "—"


def _baseline(results: Results, run: Import) -> Baseline | None:
    for baseline in results.baselines:
        if (baseline.rows, baseline.format, baseline.database) == (
            run.rows,
            run.format,
            run.database,
        ):
            return baseline
    return None


def _baseline_seconds(baseline: Baseline) -> str:
    if baseline.seconds is not None:
        return _seconds(baseline.seconds)
    if baseline.timed_out_after is not None:
        return f"> {baseline.timed_out_after:.0f}"
    return baseline.note or "—"


def _speedup(baseline: Baseline, run: Import) -> tuple[float, bool] | None:
    """DIE's time ÷ the import's, and whether it is only a lower bound (DIE timed out)."""
    if not run.seconds:
        return None
    if baseline.seconds is not None:
        return baseline.seconds / run.seconds, False
    if baseline.timed_out_after is not None:
        return baseline.timed_out_after / run.seconds, True
    return None


def _baseline_speedup(baseline: Baseline, run: Import) -> str:
    speedup = _speedup(baseline, run)
    if speedup is None:
        return "—"
    value, lower_bound = speedup
    return f"{'> ' if lower_bound else ''}{value:.1f}×"


def _format_table(
    headers: tuple[str, ...], rows: list[tuple[str, ...]], *, numbers: bool = True
) -> list[str]:
    """Columns padded to their widest cell: right-aligned for figures, left for prose."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        padded = (c.rjust(w) if numbers else c.ljust(w) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def targets(results: Results, databases: list[str], baseline_rows: int) -> list[Target]:
    """Issue 3's targets judged on this run's figures."""
    found: list[Target] = [_floor_target(results)]
    found.append(_set_based_target(results))
    for database in databases:
        found.append(_csv_memory_target(results, database))
        found.append(_xlsx_memory_target(results, database))
    found.append(_audit_target(results))
    for database in databases:
        found.extend(_db_floor_targets(results, database))
    if baseline_rows:
        for database in databases:
            for file_format in ("xlsx", "csv"):
                found.append(_baseline_target(results, database, file_format, baseline_rows))
    return found


def _audit_target(results: Results) -> Target:
    """Whether the figures include the audit record; the other targets give the verdicts."""
    name = "The targets hold with the audit record written"
    measured = [run for run in results.imports if run.measured]
    entries = [run.audit_entries for run in measured if run.audit_entries is not None]
    if not measured:
        return Target(name, "no import measured", "—")
    if not entries:
        return Target(name, "not measurable: this taizhang has no audit record yet", "—")
    rows = sum(run.rows for run in measured)
    if sum(entries) == 0:
        return Target(
            name, f"not measurable: the imports wrote no audit entries for {rows:,} rows", "—"
        )
    return Target(
        name,
        f"included: the measured imports wrote {sum(entries):,} audit entries for {rows:,} rows",
        "—",
    )


def _db_floor_targets(results: Results, database: str) -> list[Target]:
    """How much of each import the database's own work is, and what that leaves the targets.

    Not a target of issue 3 but the floor its speed targets stand on: an import must read the
    file (the floor) and have the database write its rows (the db floor), so at best it takes
    their sum. Given for the floor target's 100,000 rows when they were run, else the largest
    size that was; one line per format.
    """
    name = "{}: the database alone (the import's rows inserted, nothing else)"
    measured = [
        (run, db_floor)
        for run in results.imports
        if run.database == database
        and run.measured
        and (db_floor := results.db_floor(run)) is not None
        and db_floor.seconds
    ]
    if not measured:
        failed = [f.note for f in results.db_floors if f.database == database and f.note]
        figure = f"not measured: {failed[0]}" if failed else "not measured (--no-db-floor)"
        return [Target(name.format(database), figure, "—")]
    sizes = {run.rows for run, _db_floor in measured}
    rows = 100_000 if 100_000 in sizes else max(sizes)
    return [
        Target(
            name.format(f"{database} {run.format}"),
            _db_floor_figure(results, run, db_floor),
            "—",
        )
        for run, db_floor in measured
        if run.rows == rows
    ]


def _db_floor_figure(results: Results, run: Import, db_floor: DatabaseFloor) -> str:
    figure = (
        f"{run.rows:,} rows: {db_floor.seconds:.2f} s, {db_floor.seconds / run.seconds:.0%} of "
        f"the import's {run.seconds:.2f} s"
    )
    floor = results.floors.get((run.rows, run.format))
    if floor is None or not floor.seconds:
        return figure
    best = (floor.seconds + db_floor.seconds) / floor.seconds
    figure += (
        f"; reading ({floor.reader}, {floor.seconds:.2f} s) + writing ({db_floor.seconds:.2f} s): "
        f"at best {best:.1f}× {floor.reader}"
    )
    if run.database == "SQLite" and db_floor.cpu_seconds and floor.cpu_seconds:
        # SQLite works in the process, so its CPU time holds all of the database's work: the
        # same bound with less of a busy machine's noise.
        best_cpu = (floor.cpu_seconds + db_floor.cpu_seconds) / floor.cpu_seconds
        figure += f", {best_cpu:.1f}× in CPU time ({db_floor.cpu_seconds:.2f} s writing)"
    return figure


def _floor_target(results: Results) -> Target:
    name = f"100k-row .xlsx into SQLite ≤ {FLOOR_RATIO_LIMIT:g}× python-calamine alone"
    run = results.find(100_000, "xlsx", "SQLite")
    floor = results.floors.get((100_000, "xlsx"))
    if run is None or not run.measured or floor is None:
        return Target(name, _not_run(run, "100,000 rows"), "—")
    ratio = run.seconds / floor.seconds
    figure = f"{ratio:.2f}× ({run.seconds:.2f} s ÷ {floor.seconds:.2f} s)"
    if run.cpu_seconds and floor.cpu_seconds:
        # CPU time is what a busy machine stretches least: the same ratio, less noise.
        cpu_ratio = run.cpu_seconds / floor.cpu_seconds
        figure += (
            f"; CPU time {cpu_ratio:.2f}× ({run.cpu_seconds:.2f} s ÷ {floor.cpu_seconds:.2f} s)"
        )
    return Target(name, figure, _verdict(ratio <= FLOOR_RATIO_LIMIT))


def _set_based_target(results: Results) -> Target:
    name = "PostgreSQL import of 1M rows is set-based (COPY or batches, not a row at a time)"
    runs = [
        run
        for run in results.imports
        if run.rows == 1_000_000 and run.database == "PostgreSQL" and run.measured
    ]
    if not runs:
        return Target(name, _not_run(results.find(1_000_000, "csv", "PostgreSQL"), "1M rows"), "—")
    figures = []
    passed = True
    for run in runs:
        copies = run.statements.get("COPY", 0)
        per_write = run.rows_per_write or 0.0
        figure = (
            f"{run.format}: {run.write_statements:,} writing statements ({copies:,} COPY), "
            f"{per_write:,.0f} rows per statement"
        )
        if run.writes:
            target, count = max(run.writes.items(), key=lambda item: item[1])
            figure += f", most of them {target} ×{count:,}"
        figures.append(figure)
        passed = passed and per_write >= ROWS_PER_WRITE_SET_BASED
    return Target(name, "; ".join(figures), _verdict(passed))


def _csv_memory_target(results: Results, database: str) -> Target:
    name = f"{database}: 1M-row CSV peak ≤ {CSV_MEMORY_RATIO_LIMIT:g}× the 100k-row CSV peak"
    big = results.find(1_000_000, "csv", database)
    small = results.find(100_000, "csv", database)
    if big is None or small is None or not big.measured or not small.measured:
        return Target(
            name, _not_run(big if big and not big.measured else small, "1M and 100k"), "—"
        )
    ratio = big.peak_rss_mb / small.peak_rss_mb
    return Target(
        name,
        f"{ratio:.2f}× ({big.peak_rss_mb:.0f} MB ÷ {small.peak_rss_mb:.0f} MB)",
        _verdict(ratio <= CSV_MEMORY_RATIO_LIMIT),
    )


def _xlsx_memory_target(results: Results, database: str) -> Target:
    name = (
        f"{database}: 1M-row .xlsx peak ≤ python-calamine's own peak + "
        f"{XLSX_MEMORY_MARGIN_MB:.0f} MB"
    )
    run = results.find(1_000_000, "xlsx", database)
    floor = results.floors.get((1_000_000, "xlsx"))
    if run is None or not run.measured or floor is None:
        return Target(name, _not_run(run, "1M rows"), "—")
    margin = run.peak_rss_mb - floor.peak_rss_mb
    return Target(
        name,
        f"{margin:+.0f} MB ({run.peak_rss_mb:.0f} MB − {floor.peak_rss_mb:.0f} MB)",
        _verdict(margin <= XLSX_MEMORY_MARGIN_MB),
    )


def _baseline_target(results: Results, database: str, file_format: str, rows: int) -> Target:
    name = (
        f"{database} {file_format}: ≥ {BASELINE_SPEEDUP:g}× faster than django-import-export "
        f"on {rows:,} rows"
    )
    run = results.find(rows, file_format, database)
    baseline = next(
        (
            b
            for b in results.baselines
            if (b.rows, b.format, b.database) == (rows, file_format, database)
        ),
        None,
    )
    if run is None or baseline is None or not run.measured:
        return Target(name, _not_run(run, f"{rows:,} rows"), "—")
    speedup = _speedup(baseline, run)
    if speedup is None:
        return Target(name, baseline.note or "django-import-export gave no figure", "—")
    value, lower_bound = speedup
    shown = (
        f"{baseline.seconds:.2f}" if baseline.seconds is not None else _baseline_seconds(baseline)
    )
    figure = f"{'> ' if lower_bound else ''}{value:.1f}× ({shown} s ÷ {run.seconds:.2f} s)"
    if baseline.cpu_seconds and run.cpu_seconds:
        # Client CPU only: on PostgreSQL the server's work, and the baseline's round trips, are
        # left out, which flatters the baseline.
        figure += (
            f"; CPU time {baseline.cpu_seconds / run.cpu_seconds:.1f}× "
            f"({baseline.cpu_seconds:.2f} s ÷ {run.cpu_seconds:.2f} s)"
        )
    return Target(
        name,
        figure,
        # A lower bound that already passes passes; one that does not proves nothing.
        _verdict(value >= BASELINE_SPEEDUP)
        if value >= BASELINE_SPEEDUP or not lower_bound
        else "—",
    )


def _not_run(run: Import | None, sizes: str) -> str:
    if run is not None and not run.measured and run.note:
        return run.note
    return f"not run (needs {sizes}; see --sizes)"


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def targets_table(found: list[Target]) -> list[str]:
    """The targets, each with its figure and verdict."""
    return _format_table(
        ("target (issue 3)", "measured", "verdict"),
        [(t.name, t.figure, t.verdict) for t in found],
        numbers=False,
    )

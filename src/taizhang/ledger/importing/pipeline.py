"""The import, step by step: header, then the rows in batches — parse, match, write, remember.

Rows are read as a stream and handled :data:`BATCH_SIZE` at a time. A batch is parsed
(:mod:`.rows`), matched against the ledger and the rows before it (:mod:`.matching`), written
if no error has been seen in the whole file so far and this is not a dry run, and remembered
(:mod:`.staging`). After the first error nothing more is written, but every later row is
still checked, so the report lists every problem. Whether what was written stays is the
caller's to decide (:mod:`taizhang.ledger.services.imports` rolls the one transaction back on
any error). Nothing of a batch is kept once the next one starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from taizhang.access.acting import act_as, acting_user
from taizhang.access.imports import scope_problems, written_outside
from taizhang.i18n import join_list
from taizhang.ledger.importing.context import ImportContext, PendingCategory
from taizhang.ledger.importing.headers import map_header_row
from taizhang.ledger.importing.matching import BatchMatcher
from taizhang.ledger.importing.plan import BatchPlan
from taizhang.ledger.importing.problems import Problem, Severity
from taizhang.ledger.importing.reader import LedgerSource
from taizhang.ledger.importing.report import ImportReport
from taizhang.ledger.importing.rows import ParsedRow, RowParser, blank_row
from taizhang.ledger.importing.staging import Staging

#: Rows per batch: large enough that per-batch queries are few, small enough to stay light.
BATCH_SIZE = 2000

#: Told how many more rows were read; made by the caller once the file's size is known.
Progress = Callable[[int], None]


@dataclass
class ImportOptions:
    """How to import: into which event, from which sheet, and what to do with matches."""

    event: str | None = None
    sheet: str | None = None
    update: bool = False
    dry_run: bool = False
    duplicates: str = "error"
    batch_size: int = BATCH_SIZE
    #: Who imports: rows outside their rights are errors. None: the acting user.
    user: Any = None


class BatchWriter:
    """What the pipeline hands each batch to when it may be written."""

    def write(self, plan: BatchPlan) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


def run_pipeline(
    source: LedgerSource,
    options: ImportOptions,
    report: ImportReport,
    writer: BatchWriter,
    *,
    progress: Callable[[int | None], Progress] | None = None,
) -> None:
    """Import ``source`` into the ledger through ``writer``, recording everything in ``report``.

    Must run inside a transaction: it creates temporary tables and writes batch by batch.
    ``progress`` is called once with the number of rows (None when unknown) and returns the
    function told of each batch read. Runs as ``options.user`` (the acting user when None):
    the rows it may write and the projects its messages may name are that user's.
    """
    user = options.user if options.user is not None else acting_user()
    with act_as(user):
        _run(source, options, report, writer, user, progress)


def _run(
    source: LedgerSource,
    options: ImportOptions,
    report: ImportReport,
    writer: BatchWriter,
    user: Any,
    progress: Callable[[int | None], Progress] | None,
) -> None:
    context = ImportContext()
    event = None
    if options.event is not None:
        event = context.event(options.event)
        if event is None:
            codes = join_list(context.event_codes()) or "—"
            report.fail(
                _(
                    "There is no event with the code %(code)s (known: %(codes)s): add it with "
                    "“taizhang events add”, or correct --event."
                )
                % {"code": options.event, "codes": codes}
            )
            return
        report.event = event.code
    if not source.header:
        report.fail(_("The sheet has no header row: a ledger's first row names its columns."))
        return
    report.header_row = source.header_row
    header = map_header_row(
        source.header, event_given=event is not None, first_column=source.first_column
    )
    merged = source.merged_header_columns()
    header_errors = False
    for problem in header.problems:
        if problem.is_error and problem.column in merged and not problem.value:
            continue  # an empty header cell that a merged header cell explains
        header_errors = header_errors or problem.is_error
        report.add(problem if problem.row is not None else problem.at(row=source.header_row))
    for problem in source.structure_problems(header):
        if problem.is_error and (problem.row or 0) <= source.header_row:
            header_errors = True
        report.add(problem)
    if header_errors:
        return  # without its columns known, the rows cannot be read

    parser = RowParser(header, context, event)
    staging = Staging()
    matcher = BatchMatcher(
        staging, context, header, update=options.update, duplicates=options.duplicates
    )
    advance = progress(source.total_rows) if progress else None
    batch: list[ParsedRow] = []
    problems: list[Problem] = []

    def flush() -> None:
        plan = matcher.match(batch, problems)
        problems.extend(scope_problems(user, plan, context, header))
        problems.sort(key=_position)
        report.extend(problems)
        if report.ok and not options.dry_run:
            writer.write(plan)
            # Re-checked inside the import's transaction: an error here rolls it all back.
            report.extend(written_outside(user, plan))
        _count(report, plan)
        staging.remember_rows(plan.staged)
        staging.remember_investors(plan.investor_states)
        if advance:
            advance(len(batch))
        batch.clear()
        problems.clear()

    fills = source.fills_merged
    parse = parser.parse
    for number, cells in source.rows():
        if fills:
            cells = list(cells)
            problems.extend(source.fill_merged(number, cells))
        if blank_row(cells):
            continue  # blank rows between projects are layout, not data
        row, found = parse(number, cells)
        batch.append(row)
        if found:
            problems.extend(found)
        if len(batch) >= options.batch_size:
            report.rows_read += len(batch)
            flush()
    if batch:
        report.rows_read += len(batch)
        flush()
    staging.drop()
    if report.rows_read == 0:
        report.add(
            Problem(
                Severity.ERROR,
                _(
                    "The sheet has a header row but no data rows: there is nothing to import. "
                    "Is this the right sheet (--sheet)?"
                ),
                row=source.header_row + 1,
            )
        )


def _position(problem: Problem) -> tuple[int, int, str]:
    """Where a problem is, for listing them as the spreadsheet reads: by row, then column."""
    return (problem.row or 0, len(problem.column), problem.column)


def _count(report: ImportReport, plan: BatchPlan) -> None:
    # A category is created when a project or an announcement written with it needs it; a
    # row that leaves another event's project as it is creates none, whatever its sector says.
    for sector in (
        *(project.fields.get("sector_id") for project in plan.new_projects),
        *(update.fields.get("sector_id") for update in plan.updates),
        *(link.sector for link in plan.links),
        *(change.sector for change in plan.announcement_changes),
    ):
        if isinstance(sector, PendingCategory) and sector.name not in report.categories:
            report.categories.append(sector.name)
    report.created += len(plan.new_projects)
    # A linked project whose sector or mode at this event changed counts as updated.
    report.updated += len(plan.updates) + len(plan.announcement_changes)
    report.linked += len(plan.links)
    report.unchanged += plan.unchanged
    report.investors_created += len(plan.new_investors)
    report.investors_updated += len({change.investor_id for change in plan.investor_changes})

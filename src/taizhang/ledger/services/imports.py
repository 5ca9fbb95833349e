"""Importing a ledger file: the service every import goes through, and its writes.

:func:`import_ledger` opens the file, runs the pipeline (:mod:`taizhang.ledger.importing`)
inside one database transaction, and rolls that transaction back when anything was wrong or
when it is a dry run: one bad row and nothing is written. :class:`ImportWriter` carries out
each batch's plan with set-based writes (:mod:`taizhang.ledger.importing.bulk`): COPY on
PostgreSQL, executemany on SQLite, never a query per row.

The audit record of an import is written by :func:`record_batch`, called for each batch
inside the same transaction (see there).
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.imports import may_import, refusal_message
from taizhang.audit.models import Result, Source
from taizhang.audit.recorder import PlainChange, record, record_many, values_of
from taizhang.ledger.importing import bulk
from taizhang.ledger.importing.context import PendingCategory
from taizhang.ledger.importing.matching import IMPORTED_FIELDS
from taizhang.ledger.importing.pipeline import (
    BatchWriter,
    ImportOptions,
    Progress,
    run_pipeline,
)
from taizhang.ledger.importing.plan import (
    BatchPlan,
    NewInvestor,
    investor_id,
    project_id,
)
from taizhang.ledger.importing.reader import LedgerFileError, open_ledger
from taizhang.ledger.importing.report import ImportReport
from taizhang.ledger.models import Announcement, Investor, Project, ProjectInvestor

__all__ = ["ImportOptions", "ImportWriter", "WrittenBatch", "import_ledger", "record_batch"]


def import_ledger(
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int | None], Progress] | None = None,
) -> ImportReport:
    """Import the ledger file at ``path`` as ``options`` say; the report says what happened.

    Never raises for a problem with the file or its rows: those are in the report, and
    ``report.ok`` is false. The ledger is changed only when ``report.written`` is true.
    """
    options = options or ImportOptions()
    report = ImportReport(file=str(path), event=options.event, dry_run=options.dry_run)
    user = options.user if options.user is not None else acting_user()
    if not may_import(user, options.update):
        report.fail(refusal_message(user))
        return report
    try:
        source = open_ledger(path, sheet=options.sheet)
    except LedgerFileError as error:
        report.fail(error.message)
        return report
    try:
        with bulk.bulk_session(), transaction.atomic():
            bulk.lock_imports()
            run_pipeline(source, options, report, ImportWriter(), progress=progress)
            if report.ok and not options.dry_run:
                record_import(path, report)
                report.written = True
            else:
                transaction.set_rollback(True)
    except LedgerFileError as error:  # a CSV that turns out unreadable half-way
        report.written = False
        report.fail(error.message)
    except IntegrityError as error:
        # Only a change made by someone else while the file was read can get here: every
        # row was checked against the ledger, and imports queue for each other.
        report.written = False
        report.fail(
            _(
                "The ledger was changed by someone else while this file was imported (%(reason)s): "
                "nothing was written. Import the file again."
            )
            % {"reason": error}
        )
    except OperationalError as error:
        report.written = False
        report.fail(
            _(
                "The ledger's database could not be written (%(reason)s): nothing was written. "
                "If it is busy, try again in a moment; if it is not set up, run “taizhang migrate”."
            )
            % {"reason": error}
        )
    finally:
        source.close()
    return report


@dataclass
class WrittenBatch:
    """What one batch wrote, for the audit record: each object created with its values, and
    each object changed with its changes as ``{field: (old, new)}``."""

    created: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    updated: list[tuple[int, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    # (project, event, sector at that event or None, mode there or "")
    linked: list[tuple[int, int, int | None, str]] = field(default_factory=list)
    # (project, event, {field: (old, new)}): a linked project's sector or mode at that event
    announcements_changed: list[tuple[int, int, dict[str, tuple[Any, Any]]]] = field(
        default_factory=list
    )
    investors_created: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    investors_changed: list[tuple[int, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    categories_created: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def record_batch(batch: WrittenBatch) -> None:
    """Record in the audit log what one batch of an import wrote.

    Called once per written batch, inside the import's transaction and after the batch's rows
    are in, so its entries (one per project created or changed, per link, per investor and
    category created or changed) commit or roll back with the import: a dry run or a failed
    import leaves none. Set-based, as the writes are: the batch's entries go in with
    :func:`record_many`'s few inserts. The values are the rows as written — strings, ints,
    Decimals, dates and None under column names — so they go as :class:`PlainChange`, the
    recorder's bulk path, which encodes each in one pass.
    """
    changes = [
        *(
            PlainChange("category.create", "category", pk, None, after, Result.SUCCESS)
            for pk, after in batch.categories_created
        ),
        *(
            PlainChange("investor.create", "investor", pk, None, after, Result.SUCCESS)
            for pk, after in batch.investors_created
        ),
        *(
            _update("investor.update", "investor", pk, changed)
            for pk, changed in batch.investors_changed
        ),
        *(
            PlainChange("project.create", "project", pk, None, after, Result.SUCCESS)
            for pk, after in batch.created
        ),
        *(_update("project.update", "project", pk, changed) for pk, changed in batch.updated),
        *(
            PlainChange(
                "project.link",
                "project",
                project,
                None,
                {"event_id": event, "sector_id": sector, "mode": mode},
                Result.SUCCESS,
            )
            for project, event, sector, mode in batch.linked
        ),
        *(
            _update(
                "project.announcement", "project", project, {"event_id": (event, event)} | changed
            )
            for project, event, changed in batch.announcements_changed
        ),
    ]
    if changes:
        record_many(changes, source=Source.IMPORT)


def record_import(path: str | Path, report: ImportReport) -> None:
    """Record the import as a whole: which file (and its SHA-256, so the very file can be
    recognised later), into which event, and what it did. In the import's transaction."""
    record(
        "ledger.import",
        "ledger_file",
        Path(path).name[:128] or "-",
        None,
        {
            "file": str(path),
            "sha256": _file_sha256(path),
            "event": report.event,
            "rows_read": report.rows_read,
            "created": report.created,
            "updated": report.updated,
            "linked": report.linked,
            "unchanged": report.unchanged,
            "investors_created": report.investors_created,
            "investors_updated": report.investors_updated,
            "categories": list(report.categories),
            "warnings": report.warning_count,
        },
        source=Source.IMPORT,
    )


def _update(
    action: str, object_type: str, pk: int, changed: dict[str, tuple[Any, Any]]
) -> PlainChange:
    before = {name: old for name, (old, _new) in changed.items()}
    after = {name: new for name, (_old, new) in changed.items()}
    return PlainChange(action, object_type, pk, before, after, Result.SUCCESS)


def _file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ImportWriter(BatchWriter):
    """Writes the batches of one import, inside its transaction."""

    def __init__(self) -> None:
        self._project_columns = _insert_columns(Project)
        self._investor_columns = _insert_columns(Investor)
        # Which of a written row's values the audit record keeps, by position: picked from
        # the row as written rather than from a dict of it, once per project and investor.
        self._project_audited = _audited_positions(self._project_columns)
        self._investor_audited = _audited_positions(self._investor_columns)
        self._project_defaults = _defaults(Project)
        self._investor_defaults = _defaults(Investor)
        self._update_columns = [
            Project._meta.get_field(name).column for name in (*IMPORTED_FIELDS, "name_key")
        ]
        self._update_types = {
            Project._meta.get_field(name).column: Project._meta.get_field(name).db_type(connection)
            for name in ("id", *IMPORTED_FIELDS, "name_key")
        }

    def write(self, plan: BatchPlan) -> None:
        now = timezone.now()
        stamp = now if bulk.is_postgres() else connection.ops.adapt_datetimefield_value(now)
        written = WrittenBatch()
        self._create_categories(plan, written)
        self._new_investors(plan, written)
        self._changed_investors(plan, written)
        self._new_projects(plan, stamp, written)
        self._updates(plan, stamp, written)
        self._links(plan, written)
        self._announcement_changes(plan, written)
        record_batch(written)

    # --- categories ---------------------------------------------------------------------

    def _create_categories(self, plan: BatchPlan, written: WrittenBatch) -> None:
        pending: dict[int, PendingCategory] = {}
        for project in plan.new_projects:
            sector = project.fields.get("sector_id")
            if isinstance(sector, PendingCategory) and sector.id is None:
                pending[id(sector)] = sector
        for update in plan.updates:
            sector = update.fields.get("sector_id")
            if isinstance(sector, PendingCategory) and sector.id is None:
                pending[id(sector)] = sector
        for announced in (*plan.links, *plan.announcement_changes):
            sector = announced.sector
            if isinstance(sector, PendingCategory) and sector.id is None:
                pending[id(sector)] = sector
        if pending:
            from taizhang.ledger.models import Category

            scheme_positions: dict[int, int] = {}
            for category in pending.values():
                position = scheme_positions.get(category.scheme_id)
                if position is None:
                    position = (
                        max(
                            Category.objects.filter(scheme_id=category.scheme_id).values_list(
                                "position", flat=True
                            ),
                            default=0,
                        )
                        + 1
                    )
                scheme_positions[category.scheme_id] = position + 1
                created = Category.objects.create(
                    scheme_id=category.scheme_id,
                    code=_free_code(category.scheme_id, position),
                    name_zh=category.name,
                    name_en=category.name if category.name.isascii() else "",
                    position=position,
                    is_other=category.is_other,
                )
                category.id = created.pk
                written.categories_created.append((created.pk, values_of(created)))

    # --- investors ----------------------------------------------------------------------

    def _new_investors(self, plan: BatchPlan, written: WrittenBatch) -> None:
        investors = plan.new_investors
        if not investors:
            return
        ids = bulk.allocate_ids(Investor, len(investors))
        for investor, pk in zip(investors, ids, strict=True):
            investor.id = pk
        defaults = self._investor_defaults
        rows = []
        for investor in investors:
            chinese = not investor.name.isascii()
            values = {
                "id": investor.id,
                "name_zh": investor.name if chinese else "",
                "name_en": "" if chinese else investor.name,
                "name_key": investor.key,
                "type": investor.type,
                "origin_id": investor.origin_id,
            }
            rows.append([values.get(column, defaults[column]) for column in self._investor_columns])
        bulk.insert(Investor._meta.db_table, self._investor_columns, rows)
        names, pick = self._investor_audited
        written.investors_created.extend(
            (investor.id, dict(zip(names, pick(row), strict=True)))
            for investor, row in zip(investors, rows, strict=True)
        )

    def _changed_investors(self, plan: BatchPlan, written: WrittenBatch) -> None:
        merged: dict[int, dict[str, tuple[Any, Any]]] = {}
        for change in plan.investor_changes:
            target = merged.setdefault(change.investor_id, {})
            for name, (old, new) in change.changes.items():
                target[name] = (target[name][0] if name in target else old, new)
        for name in ("type", "origin_id"):
            rows = [(pk, changes[name][1]) for pk, changes in merged.items() if name in changes]
            column = Investor._meta.get_field(name).column
            bulk.update(
                Investor._meta.db_table,
                [column],
                rows,
                types={
                    "id": "bigint",
                    column: Investor._meta.get_field(name).db_type(connection),
                },
            )
        written.investors_changed.extend(merged.items())

    # --- projects -----------------------------------------------------------------------

    def _new_projects(self, plan: BatchPlan, stamp: Any, written: WrittenBatch) -> None:
        projects = plan.new_projects
        if not projects:
            return
        for project, pk in zip(projects, bulk.allocate_ids(Project, len(projects)), strict=True):
            project.id = pk
        columns = self._project_columns
        defaults = dict(self._project_defaults, created_at=stamp, updated_at=stamp)
        pick = operator.itemgetter(*columns)
        audited_names, pick_audited = self._project_audited
        rows, links, announcements = [], [], []
        created = written.created
        for project in projects:
            fields = project.fields
            pk = project.id
            investors = [investor_id(ref) for ref in project.investors]
            values = {
                **defaults,
                **fields,
                "id": pk,
                "event_id": project.event_id,
                "name_key": project.name_key,
                "lead_investor_id": investors[0],
            }
            sector = fields.get("sector_id")
            if sector.__class__ is PendingCategory:
                values["sector_id"] = sector.id
            row = pick(values)
            rows.append(row)
            after = dict(zip(audited_names, pick_audited(row), strict=True))
            after["investors"] = investors
            created.append((pk, after))
            links.extend((pk, investor, position) for position, investor in enumerate(investors))
            announcements.append((pk, project.event_id))
        bulk.insert(Project._meta.db_table, columns, rows)
        bulk.insert(
            ProjectInvestor._meta.db_table, ("project_id", "investor_id", "position"), links
        )
        bulk.insert(Announcement._meta.db_table, ("project_id", "event_id"), announcements)

    def _updates(self, plan: BatchPlan, stamp: Any, written: WrittenBatch) -> None:
        updates = plan.updates
        if not updates:
            return
        rows = []
        for update in updates:
            values = dict(update.fields, name_key=update.name_key)
            values["lead_investor_id"] = investor_id(values["lead_investor_id"])
            sector = values.get("sector_id")
            if isinstance(sector, PendingCategory):
                values["sector_id"] = sector.id
            rows.append(
                (update.project_id, *(values[name] for name in (*IMPORTED_FIELDS, "name_key")))
            )
        bulk.update(
            Project._meta.db_table,
            self._update_columns,
            rows,
            types=self._update_types,
            increment="version",
            extra={"updated_at": stamp},
        )
        relinked = [update for update in updates if update.investors is not None]
        if relinked:
            bulk.delete_where_in(
                ProjectInvestor._meta.db_table,
                "project_id",
                [update.project_id for update in relinked],
            )
            bulk.insert(
                ProjectInvestor._meta.db_table,
                ("project_id", "investor_id", "position"),
                [
                    (update.project_id, investor_id(ref), position)
                    for update in relinked
                    for position, ref in enumerate(update.investors or ())
                ],
            )
        written.updated.extend(
            (update.project_id, _plain_changes(update.changes)) for update in updates
        )

    def _links(self, plan: BatchPlan, written: WrittenBatch) -> None:
        if not plan.links:
            return
        rows = [
            (project_id(link.project), link.event_id, _category_id(link.sector), link.mode)
            for link in plan.links
        ]
        bulk.insert(
            Announcement._meta.db_table, ("project_id", "event_id", "sector_id", "mode"), rows
        )
        written.linked.extend(rows)

    def _announcement_changes(self, plan: BatchPlan, written: WrittenBatch) -> None:
        changes = plan.announcement_changes
        if not changes:
            return
        bulk.update(
            Announcement._meta.db_table,
            ["sector_id", "mode"],
            [
                (change.announcement_id, _category_id(change.sector), change.mode)
                for change in changes
            ],
            types={"id": "bigint", "sector_id": "bigint", "mode": "varchar(16)"},
        )
        written.announcements_changed.extend(
            (
                change.project_id,
                change.event_id,
                {
                    name: (old, _category_id(new) if name == "sector_id" else new)
                    for name, (old, new) in change.changes.items()
                },
            )
            for change in changes
        )


#: Columns the system keeps, left out of the audit record's values of a created object.
_UNAUDITED = frozenset({"created_at", "updated_at", "name_key", "version"})


def _audited_positions(columns: Sequence[str]) -> tuple[list[str], Callable[[Sequence], tuple]]:
    """The columns the audit record keeps of a row written in ``columns`` (all but the
    system's bookkeeping), and a function picking their values from such a row."""
    kept = [index for index, column in enumerate(columns) if column not in _UNAUDITED]
    return [columns[index] for index in kept], operator.itemgetter(*kept)


def _category_id(sector: Any) -> int | None:
    """A sector as a column value: a category created by this import is by now written."""
    return sector.id if isinstance(sector, PendingCategory) else sector


def _insert_columns(model: type[Model]) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def _defaults(model: type[Model]) -> dict[str, Any]:
    """Each column's value when an import does not give one, as the database takes it."""
    values: dict[str, Any] = {}
    for model_field in model._meta.concrete_fields:
        default = model_field.get_default()
        if isinstance(default, list | dict):
            default = json.dumps(default)  # a JSONField's default, as COPY and SQLite take it
        values[model_field.column] = default
    return values


def _plain_changes(changes: dict[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
    """Changes with investors and categories to create shown by their ids."""
    plain: dict[str, tuple[Any, Any]] = {}
    for name, (old, new) in changes.items():
        if isinstance(new, PendingCategory | NewInvestor):
            new = new.id
        elif isinstance(new, Sequence) and not isinstance(new, str):
            new = [investor_id(ref) for ref in new]
        plain[name] = (old, new)
    return plain


def _free_code(scheme_id: int, position: int) -> str:
    """A code for a category created on import: ``S07``, unless that one is taken."""
    from taizhang.ledger.models import Category

    taken = set(Category.objects.filter(scheme_id=scheme_id).values_list("code", flat=True))
    code = f"S{position:02d}"
    while code in taken:
        position += 1
        code = f"S{position:02d}"
    return code

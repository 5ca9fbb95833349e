"""Exporting the ledger: which projects, in which file format, language and unit.

:func:`export_ledger` is the one way an export is made — by ``taizhang export-ledger`` today,
by a download view later — so that the audit log can record every export in one place, and
every export holds only the projects its user may see
(:func:`taizhang.access.restrict.restrict`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.restrict import VIEW, permits, restrict
from taizhang.ledger.exporting import words
from taizhang.ledger.exporting.auditing import record_export, record_refused_export
from taizhang.ledger.exporting.csvfile import write_csv
from taizhang.ledger.exporting.errors import ExportError
from taizhang.ledger.exporting.files import Target, output_file
from taizhang.ledger.exporting.rows import LedgerRows
from taizhang.ledger.exporting.xlsx import write_xlsx
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.models import Event, Project

#: The file formats an export is written in.
FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: how many projects (rows), of which event, in which form."""

    rows: int
    file_format: str
    language: str
    unit: str
    event: str | None = None


def projects_to_export(source: Event | QuerySet[Project] | None) -> QuerySet[Project]:
    """The projects an export of ``source`` holds, in the order it writes them.

    An event: every project announced at it, its own and those it shares with another event.
    A queryset: those projects. None: the whole ledger, each project once, by its owner event.
    Withdrawn projects are left out in every case (:class:`.rows.LedgerRows`).
    """
    if isinstance(source, Event):
        return Project.objects.announced_at(source).order_by("id")
    if source is None:
        return Project.objects.order_by("event__date", "event__code", "id")
    return source


def export_ledger(
    source: Event | QuerySet[Project] | None,
    target: Target,
    *,
    file_format: str = "xlsx",
    language: str = "zh",
    unit: str = "yuan",
    user: Any = None,
) -> ExportSummary:
    """Write the ledger of ``source`` (see :func:`projects_to_export`) to ``target``.

    ``target`` is a path — the file appears there complete, or not at all — or a binary stream
    that receives the finished file. ``language`` (``en`` or ``zh``) chooses the headers and
    the words of the vocabularies, ``unit`` (``yuan``, ``wan`` or ``yi``) the unit of contract
    values. The rows are those ``user`` (default: the acting user) may see. Raises
    :class:`.errors.ExportError` when the ledger cannot be written as asked.
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}: use one of {', '.join(FORMATS)}")
    if unit not in EXPORT_UNITS:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(EXPORT_UNITS)}")
    language = words.language_of(language)
    event = source if isinstance(source, Event) else None
    code = event.code if event else None
    user = user or acting_user()
    if not permits(user, Project, VIEW):
        reason = _(
            "%(name)s may not export projects: their role sees aggregate figures at most."
        ) % {"name": user.get_username()}
        record_refused_export(user, reason, event=code)
        raise ExportError(reason)
    projects = restrict(projects_to_export(source), user, VIEW)
    rows = LedgerRows(projects, language=language, unit=unit, event=event)
    with output_file(target, f".{file_format}") as path:
        count = _write(path, rows, file_format)
    # After the file is complete: an export that failed half-way wrote nothing to record.
    record_export(
        target,
        file_format=file_format,
        language=language,
        unit=unit,
        rows=count,
        event=code,
        user=user,
    )
    return ExportSummary(count, file_format, language, unit, code)


def _write(path: Path, rows: LedgerRows, file_format: str) -> int:
    if file_format == "csv":
        return write_csv(path, rows.headers, rows)
    return write_xlsx(path, rows.headers, rows, rows.unit, rows.language)

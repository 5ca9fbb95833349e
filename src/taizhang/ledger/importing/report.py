"""The result of an import: what it did (or would do), and every problem, as text or JSON.

The JSON form is the ledger format's, with keys added, never dropped::

    {"ok": bool,
     "summary": {"rows_read", "created", "updated", "linked", "categories_created", "warnings",
                 + "unchanged", "errors", "investors_created", "investors_updated"},
     "errors": [{"row", "column", "header", "field", "value", "message"}],
     "warnings": [...same...],
     + "written", "dry_run", "file", "event", "categories", "errors_not_listed",
       "warnings_not_listed"}

The counts say what the file does to the ledger; ``written`` says whether it was done (not on
a dry run, nor when there was any error). To keep memory flat however broken a file is, at
most :data:`LISTED` errors and as many warnings are kept for the listing; the counts stay
exact and the report says how many were not listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.i18n import join_list
from taizhang.ledger.importing.cells import cell_text
from taizhang.ledger.importing.problems import Problem, Severity

#: How many errors, and how many warnings, a report lists at most.
LISTED = 10_000


@dataclass
class ImportReport:
    """What an import found and did. Filled by the pipeline, rendered by :meth:`as_text` or
    :meth:`as_json`.
    """

    file: str = ""
    event: str | None = None
    dry_run: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    linked: int = 0
    unchanged: int = 0
    investors_created: int = 0
    investors_updated: int = 0
    categories: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    written: bool = False
    #: The header's row number: problems there (and about the whole file) locate themselves.
    header_row: int = 1

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, problem: Problem) -> None:
        if problem.severity is Severity.ERROR:
            self.error_count += 1
            if len(self.errors) < LISTED:
                self.errors.append(problem)
        else:
            self.warning_count += 1
            if len(self.warnings) < LISTED:
                self.warnings.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def fail(self, message: str) -> None:
        """An error about the whole file (it cannot be read, the event does not exist)."""
        self.add(Problem(Severity.ERROR, message))

    # --- JSON ---------------------------------------------------------------------------

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "summary": {
                "rows_read": self.rows_read,
                "created": self.created,
                "updated": self.updated,
                "linked": self.linked,
                "categories_created": len(self.categories),
                "warnings": self.warning_count,
                "unchanged": self.unchanged,
                "errors": self.error_count,
                "investors_created": self.investors_created,
                "investors_updated": self.investors_updated,
            },
            "errors": [problem.as_dict() for problem in self.errors],
            "warnings": [problem.as_dict() for problem in self.warnings],
            "written": self.written,
            "dry_run": self.dry_run,
            "file": self.file,
            "event": self.event,
            "categories": list(self.categories),
            "errors_not_listed": self.error_count - len(self.errors),
            "warnings_not_listed": self.warning_count - len(self.warnings),
        }

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    # --- text ---------------------------------------------------------------------------

    def as_text(self) -> str:
        lines: list[str] = []
        if self.errors:
            lines.append(
                ngettext("%(count)d error:", "%(count)d errors:", self.error_count)
                % {"count": self.error_count}
            )
            lines.extend(f"  {describe(problem, self.header_row)}" for problem in self.errors)
            if self.error_count > len(self.errors):
                lines.append(
                    "  "
                    + _("… and %(count)d more errors not listed.")
                    % {"count": self.error_count - len(self.errors)}
                )
        if self.warnings:
            lines.append(
                ngettext("%(count)d warning:", "%(count)d warnings:", self.warning_count)
                % {"count": self.warning_count}
            )
            lines.extend(f"  {describe(problem, self.header_row)}" for problem in self.warnings)
            if self.warning_count > len(self.warnings):
                lines.append(
                    "  "
                    + _("… and %(count)d more warnings not listed.")
                    % {"count": self.warning_count - len(self.warnings)}
                )
        lines.append(self.summary_line())
        lines.append(self.outcome_line())
        return "\n".join(lines)

    def summary_line(self) -> str:
        counts = {
            "rows": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "linked": self.linked,
            "unchanged": self.unchanged,
            "investors": self.investors_created,
            "changed": self.investors_updated,
            "categories": len(self.categories),
            "names": join_list(self.categories),
            "warnings": self.warning_count,
            "errors": self.error_count,
        }
        return _summary(self.written, bool(self.investors_updated), bool(self.categories)) % counts

    def outcome_line(self) -> str:
        if self.written:
            return _("Imported.")
        if not self.ok:
            return _("Nothing was imported: correct the errors above and import the file again.")
        if self.dry_run:
            return _("Dry run: the file can be imported as it is; nothing was written.")
        return _("Nothing was written.")


def describe(problem: Problem, header_row: int = 1) -> str:
    """A problem as one line: where (row, column and header), then what is wrong.

    Problems with the header or the whole file name their place in the message itself
    ("Column A “序号” is not a ledger column…"), so only a data row's are prefixed.
    """
    message = str(problem.message)
    if problem.row is None or problem.row <= header_row:
        return message
    if not problem.column:
        return _("Row %(row)d: %(message)s") % {"row": problem.row, "message": message}
    if not problem.header:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": problem.row,
            "column": problem.column,
            "message": message,
        }
    return _("Row %(row)d, column %(column)s “%(header)s”: %(message)s") % {
        "row": problem.row,
        "column": problem.column,
        "header": cell_text(problem.header),
        "message": message,
    }


def _summary(written: bool, investors_changed: bool, categories: bool) -> str:
    """The summary sentence for what the import did (or would do), with the clauses that apply.

    One whole message per variant, so that a translator can order each sentence as a whole.
    """
    if written:
        if investors_changed and categories:
            return _(
                "Summary: %(rows)d rows read; %(created)d projects created, %(updated)d updated, "
                "%(linked)d linked to this event, %(unchanged)d unchanged; %(investors)d "
                "investors created; %(changed)d investors changed; %(categories)d sector "
                "categories created (%(names)s); %(warnings)d warnings, %(errors)d errors."
            )
        if investors_changed:
            return _(
                "Summary: %(rows)d rows read; %(created)d projects created, %(updated)d updated, "
                "%(linked)d linked to this event, %(unchanged)d unchanged; %(investors)d "
                "investors created; %(changed)d investors changed; %(warnings)d warnings, "
                "%(errors)d errors."
            )
        if categories:
            return _(
                "Summary: %(rows)d rows read; %(created)d projects created, %(updated)d updated, "
                "%(linked)d linked to this event, %(unchanged)d unchanged; %(investors)d "
                "investors created; %(categories)d sector categories created (%(names)s); "
                "%(warnings)d warnings, %(errors)d errors."
            )
        return _(
            "Summary: %(rows)d rows read; %(created)d projects created, %(updated)d updated, "
            "%(linked)d linked to this event, %(unchanged)d unchanged; %(investors)d investors "
            "created; %(warnings)d warnings, %(errors)d errors."
        )
    if investors_changed and categories:
        return _(
            "Summary: %(rows)d rows read; the file would create %(created)d projects, update "
            "%(updated)d, link %(linked)d to this event and leave %(unchanged)d unchanged; "
            "%(investors)d investors would be created; %(changed)d would be changed; "
            "%(categories)d sector categories to create (%(names)s); %(warnings)d warnings, "
            "%(errors)d errors."
        )
    if investors_changed:
        return _(
            "Summary: %(rows)d rows read; the file would create %(created)d projects, update "
            "%(updated)d, link %(linked)d to this event and leave %(unchanged)d unchanged; "
            "%(investors)d investors would be created; %(changed)d would be changed; "
            "%(warnings)d warnings, %(errors)d errors."
        )
    if categories:
        return _(
            "Summary: %(rows)d rows read; the file would create %(created)d projects, update "
            "%(updated)d, link %(linked)d to this event and leave %(unchanged)d unchanged; "
            "%(investors)d investors would be created; %(categories)d sector categories to "
            "create (%(names)s); %(warnings)d warnings, %(errors)d errors."
        )
    return _(
        "Summary: %(rows)d rows read; the file would create %(created)d projects, update "
        "%(updated)d, link %(linked)d to this event and leave %(unchanged)d unchanged; "
        "%(investors)d investors would be created; %(warnings)d warnings, %(errors)d errors."
    )

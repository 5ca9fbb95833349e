"""``taizhang import-ledger FILE``: import a ledger workbook or CSV, all or nothing."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.access.commandline import ActingCommand
from taizhang.ledger.importing.pipeline import Progress
from taizhang.ledger.services.imports import ImportOptions, import_ledger


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Import a ledger file (.xlsx, .xls or .csv) into a signing event: every row or none, "
            "with every problem listed."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("the ledger file: .xlsx, .xls or .csv"))
        parser.add_argument(
            "--event",
            metavar="CODE",
            help=_("the event the rows belong to (else each row's event column says)"),
        )
        parser.add_argument(
            "--sheet", metavar="NAME", help=_("the sheet to read (default: the first)")
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=_("update projects (and investors' types) the ledger already has"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("check the file and report; write nothing")
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help=_("report format")
        )
        parser.add_argument(
            "--duplicates",
            choices=["error", "link", "new"],
            default="error",
            help=_(
                "a row like a project of another event (same lead investor, nearly the same "
                "name): error, link it to this event, or import it as a new project"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bar = _ProgressBar()
        try:
            report = import_ledger(
                options["file"],
                ImportOptions(
                    event=options["event"],
                    sheet=options["sheet"],
                    update=options["update"],
                    dry_run=options["dry_run"],
                    duplicates=options["duplicates"],
                ),
                progress=bar.start,
            )
        finally:
            bar.close()
        self.stdout.write(report.as_json() if options["format"] == "json" else report.as_text())
        if not report.ok:
            raise CommandError(
                ngettext(
                    "The ledger was not imported: %(count)d error.",
                    "The ledger was not imported: %(count)d errors.",
                    report.error_count,
                )
                % {"count": report.error_count},
                returncode=1,
            )


class _ProgressBar:
    """A progress bar on standard error when it is a terminal, shown after the first second."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int | None) -> Progress:
        if not sys.stderr.isatty():
            return lambda count: None
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit=_(" rows"), file=sys.stderr, delay=1.0, leave=False)
        return self._bar.update

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

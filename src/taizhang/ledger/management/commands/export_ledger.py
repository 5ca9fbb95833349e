"""``taizhang export-ledger``: write the ledger as .xlsx or .csv, or the blank template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.commandline import ActingCommand, refusal
from taizhang.access.restrict import AGGREGATE, VIEW, grant_of, permits, restrict
from taizhang.access.roles import role_label
from taizhang.i18n import join_list
from taizhang.ledger.exporting import FORMATS, ExportError, export_ledger
from taizhang.ledger.exporting.auditing import record_refused_export
from taizhang.ledger.exporting.template import write_template
from taizhang.ledger.exporting.words import LANGUAGES, language_of
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.models import Event, Project, Region

#: How the summary names each unit and language.
UNIT_NAMES = {"yuan": "元", "wan": "万元", "yi": "亿元"}
LANGUAGE_NAMES = {"en": gettext_lazy("English"), "zh": gettext_lazy("Chinese")}
STDOUT = "-"


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Write the ledger — one event's projects, or all of them — as an .xlsx workbook or "
            "a CSV file that imports back unchanged; or, with --template, a blank workbook to "
            "fill in. See docs/ledger-files.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--event",
            metavar="CODE",
            help=_(
                "only the projects announced at this event (its own and those it shares with "
                "another); without it, every project once, under the event that owns it. With "
                "--template: the event whose host's regions the drop-down list offers"
            ),
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help=_("xlsx or csv (default: from the --output file's ending, else xlsx)"),
        )
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            help=_("language of the headers and words: en or zh (default: the active language)"),
        )
        parser.add_argument(
            "--unit",
            choices=list(EXPORT_UNITS),
            default="yuan",
            help=_("unit of contract values: yuan (元, the default), wan (万元) or yi (亿元)"),
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=_(
                "the file to write (replaced if it exists; - for standard output); default "
                "ledger-EVENT.xlsx, ledger-all.csv, ledger-template.xlsx… in the current folder"
            ),
        )
        parser.add_argument(
            "--template",
            action="store_true",
            help=_(
                "write the blank template: headers, drop-down lists, an example row and "
                "instructions"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        _check_rights(options["template"])
        event = _event(options["event"]) if options["event"] else None
        language = options["lang"] or language_of(get_language() or settings.LANGUAGE_CODE)
        file_format = _file_format(options["format"], options["output"], options["template"])
        output = options["output"] or _default_name(event, file_format, options["template"])
        target = sys.stdout.buffer if output == STDOUT else Path(output)
        if isinstance(target, Path) and not target.parent.is_dir():
            raise CommandError(
                _("The folder %(folder)s does not exist: create it, or write elsewhere.")
                % {"folder": target.parent}
            )
        unit = options["unit"]
        try:
            if options["template"]:
                summary = write_template(target, language=language, unit=unit, event=event)
                message = _(
                    "Wrote the blank template to %(file)s (%(language)s headers, amounts in "
                    "%(unit)s, %(regions)d regions in the drop-down list)."
                ) % {
                    "file": output,
                    "language": LANGUAGE_NAMES[language],
                    "unit": UNIT_NAMES[unit],
                    "regions": summary.regions,
                }
            else:
                result = export_ledger(
                    event, target, file_format=file_format, language=language, unit=unit
                )
                message = ngettext(
                    "Exported %(rows)d project to %(file)s (%(language)s headers, amounts in "
                    "%(unit)s).",
                    "Exported %(rows)d projects to %(file)s (%(language)s headers, amounts in "
                    "%(unit)s).",
                    result.rows,
                ) % {
                    "rows": result.rows,
                    "file": output,
                    "language": LANGUAGE_NAMES[language],
                    "unit": UNIT_NAMES[unit],
                }
        except ExportError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(
                _("Could not write %(file)s: %(error)s.") % {"file": output, "error": error}
            ) from None
        # The summary goes to stderr when the file itself goes to stdout.
        (self.stderr if output == STDOUT else self.stdout).write(message)


def _check_rights(template: bool) -> None:
    """Refuse at once a user who may export nothing (--as): a viewer, who sees aggregates
    only, is told where those are."""
    user = acting_user()
    if template:
        if not permits(user, Region, VIEW):
            raise refusal(user, _("read the ledger's reference data"))
        return
    if permits(user, Project, VIEW):
        return
    if permits(user, Project, AGGREGATE):  # the viewer: figures, never rows
        refused = CommandError(
            _(
                "%(name)s (%(role)s) sees aggregate figures only, never a project-level "
                "export. taizhang bulletin --event CODE states the figures."
            )
            % {"name": user.get_username(), "role": role_label(grant_of(user).role or "")}
        )
    else:
        refused = refusal(user, _("export projects of the ledger"))
    # A refused export is a security event: the audit record keeps who asked.
    record_refused_export(user, str(refused))
    raise refused


def _event(code: str) -> Event:
    # Events the acting user may not see do not exist for them.
    events = restrict(Event.objects.all(), acting_user(), VIEW)
    event = events.filter(code__iexact=code).first()
    if event is not None:
        return event
    known = join_list(events.order_by("date").values_list("code", flat=True))
    if known:
        raise CommandError(
            _("No event has the code %(code)s. The events are: %(known)s.")
            % {"code": code, "known": known}
        )
    raise CommandError(
        _("No event has the code %(code)s; there are no events yet (taizhang events add).")
        % {"code": code}
    )


def _file_format(chosen: str | None, output: str | None, template: bool) -> str:
    """The format asked for, or the one the output file's ending names, or xlsx."""
    ending = Path(output).suffix.lower().lstrip(".") if output and output != STDOUT else ""
    if template:
        if chosen == "csv" or ending == "csv":
            raise CommandError(
                _(
                    "The template is an .xlsx workbook: leave out --format csv, or name an "
                    ".xlsx file."
                )
            )
        return "xlsx"
    if chosen and ending in FORMATS and ending != chosen:
        raise CommandError(
            _("--output %(file)s ends in .%(ending)s, but --format is %(format)s: make them agree.")
            % {"file": output, "ending": ending, "format": chosen}
        )
    return chosen or (ending if ending in FORMATS else "xlsx")


def _default_name(event: Event | None, file_format: str, template: bool) -> str:
    if template:
        return "ledger-template.xlsx"
    return f"ledger-{event.code if event else 'all'}.{file_format}"

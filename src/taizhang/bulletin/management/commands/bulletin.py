"""``taizhang bulletin``: an event's bulletin, or a series' editions, in text, JSON, Word, Excel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import OperationalError
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.commandline import ActingCommand, refusal
from taizhang.access.restrict import ADD, AGGREGATE, VIEW, permits, restrict
from taizhang.bulletin.figures import localise, series_figures
from taizhang.bulletin.models import PublishedBulletin
from taizhang.bulletin.publishing import PublishError, publish, shown_figures
from taizhang.i18n import join_alternatives, join_list
from taizhang.ledger.exporting.words import LANGUAGES, language_of
from taizhang.ledger.models import Event, Project

EVENT_FORMATS = ("text", "json", "docx", "xlsx")
SERIES_FORMATS = ("json", "xlsx")
BINARY_FORMATS = ("docx", "xlsx")
STDOUT = "-"
#: The Django language each bulletin language is written under.
DJANGO_LANGUAGES = {"en": "en", "zh": "zh-hans"}
FORMAT_NAMES = {
    "text": gettext_lazy("text"),
    "json": "JSON",
    "docx": gettext_lazy("Word (.docx)"),
    "xlsx": gettext_lazy("Excel (.xlsx)"),
}


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "State an event's results the way the bureau publishes them, computed from the "
            "ledger (text, JSON, Word or Excel), publish them, or show a series over its "
            "editions. See docs/bulletin.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--event", metavar="CODE", help=_("the event whose bulletin to state"))
        which.add_argument(
            "--series",
            metavar="SERIES",
            help=_("every edition of a series (e.g. SCE), for trend charts: json or xlsx"),
        )
        parser.add_argument(
            "--format",
            choices=EVENT_FORMATS,
            help=_(
                "text, json, docx or xlsx (default: from the --output file's ending, else text "
                "for an event and json for a series)"
            ),
        )
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            help=_("language of the bulletin: en or zh (default: the active language)"),
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=_(
                "the file to write (replaced if it exists; - for standard output); text and "
                "json go to standard output by default, docx and xlsx to "
                "bulletin-CODE-LANG.docx/.xlsx in the current folder"
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_(
                "publish the event's bulletin: freeze its figures, with the time, who published "
                "it and a hash of the ledger rows they count"
            ),
        )
        parser.add_argument(
            "--reason",
            metavar="TEXT",
            default="",
            help=_("with --publish: why the bulletin is published again (a correction)"),
        )
        parser.add_argument(
            "--current",
            action="store_true",
            help=_(
                "figures from today's ledger even when the bulletin was published (it is shown "
                "as published otherwise)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user()
        if not permits(user, Project, AGGREGATE):
            raise refusal(user, _("read the ledger's figures"))
        if options["publish"] and not permits(user, PublishedBulletin, ADD):
            raise refusal(user, _("publish a bulletin"))
        language = options["lang"] or language_of(get_language() or settings.LANGUAGE_CODE)
        output = options["output"]
        if options["series"] is not None:
            if options["publish"] or options["reason"] or options["current"]:
                raise CommandError(
                    _("--publish, --reason and --current go with --event, not with --series.")
                )
            file_format = _file_format(options["format"], output, "json", SERIES_FORMATS)
            self._series(options["series"], file_format, language, output)
            return
        if options["reason"] and not options["publish"]:
            raise CommandError(_("--reason goes with --publish: it says why you publish again."))
        file_format = _file_format(options["format"], output, "text", EVENT_FORMATS)
        event = _event(options["event"])
        if options["publish"]:
            self._publish(event, options["reason"])
        try:
            figures = shown_figures(event, current=options["current"])
        except OperationalError as error:
            raise CommandError(
                _("Could not read the ledger: %(error)s. Try again in a moment.") % {"error": error}
            ) from None
        self._write(
            localise(figures, language),
            file_format,
            language,
            output,
            default_name=f"bulletin-{event.code}-{language}.{file_format}",
            subject=event.code,
        )

    # --- steps ---------------------------------------------------------------------------------

    def _publish(self, event: Event, reason: str) -> None:
        try:
            publication = publish(event, reason=reason)
        except PublishError as error:
            raise CommandError(error.message) from None
        except OperationalError as error:
            raise CommandError(
                _(
                    "Could not publish the bulletin of %(event)s: %(error)s. Someone may have "
                    "published it at the same moment; look with taizhang bulletin --event "
                    "%(event)s and try again."
                )
                % {"event": event.code, "error": error}
            ) from None
        when = f"{timezone.localtime(publication.published_at):%Y-%m-%d %H:%M}"
        message = (
            _(
                "Published a correction of the bulletin of %(event)s at %(when)s as "
                "%(who)s (publication %(id)d; ledger hash %(hash)s)."
            )
            if publication.corrects_id
            else _(
                "Published the bulletin of %(event)s at %(when)s as %(who)s (publication "
                "%(id)d; ledger hash %(hash)s)."
            )
        )
        # stderr: standard output carries the bulletin itself.
        self.stderr.write(
            message
            % {
                "event": event.code,
                "when": when,
                "who": publication.published_by,
                "id": publication.pk,
                "hash": publication.ledger_hash[:12],
            }
        )

    def _series(self, series: str, file_format: str, language: str, output: str | None) -> None:
        known = sorted(set(_events().values_list("series", flat=True)))
        found = next((name for name in known if name.lower() == series.lower()), None)
        if found is None:
            if known:
                raise CommandError(
                    _("No event belongs to the series %(series)s. The series are: %(known)s.")
                    % {"series": series, "known": join_list(known)}
                )
            raise CommandError(
                _("No event belongs to the series %(series)s; there are no events yet.")
                % {"series": series}
            )
        self._write(
            localise(series_figures(found), language),
            file_format,
            language,
            output,
            default_name=f"bulletin-{found}-series-{language}.{file_format}",
            subject=found,
            series=True,
        )

    def _write(
        self,
        figures: dict[str, Any],
        file_format: str,
        language: str,
        output: str | None,
        *,
        default_name: str,
        subject: str,
        series: bool = False,
    ) -> None:
        if file_format in BINARY_FORMATS:
            if output == STDOUT:
                raise CommandError(
                    _("A %(format)s file cannot go to standard output: name a file with --output.")
                    % {"format": FORMAT_NAMES[file_format]}
                )
            target = Path(output or default_name)
            _check_folder(target)
            try:
                _render_file(figures, file_format, language, target, series=series)
            except ImportError as error:
                raise CommandError(_missing(file_format, error)) from None
            except OSError as error:
                raise CommandError(
                    _("Could not write %(file)s: %(error)s.") % {"file": target, "error": error}
                ) from None
            self.stdout.write(
                _("Wrote the %(format)s bulletin of %(subject)s to %(file)s.")
                % {
                    "format": FORMAT_NAMES[file_format],
                    "subject": subject,
                    "file": target.resolve(),
                }
            )
            return
        if file_format == "json":
            content = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
        else:
            try:
                content = _render_text(figures, language)
            except ImportError as error:
                raise CommandError(_missing(file_format, error)) from None
        if output is None or output == STDOUT:
            self.stdout.write(content, ending="")
            return
        target = Path(output)
        _check_folder(target)
        try:
            target.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Could not write %(file)s: %(error)s.") % {"file": target, "error": error}
            ) from None
        self.stdout.write(
            _("Wrote the %(format)s bulletin of %(subject)s to %(file)s.")
            % {"format": FORMAT_NAMES[file_format], "subject": subject, "file": target.resolve()}
        )


# --- helpers -------------------------------------------------------------------------------------


def _events() -> Any:
    """The events the acting user may see: any other does not exist for them."""
    return restrict(Event.objects.all(), acting_user(), VIEW)


def _event(code: str) -> Event:
    event = _events().filter(code__iexact=code).select_related("host").first()
    if event is not None:
        return event
    known = join_list(_events().order_by("date", "code").values_list("code", flat=True))
    if known:
        raise CommandError(
            _("No event has the code %(code)s. The events are: %(known)s.")
            % {"code": code, "known": known}
        )
    raise CommandError(
        _("No event has the code %(code)s; there are no events yet (taizhang events add).")
        % {"code": code}
    )


def _file_format(
    chosen: str | None, output: str | None, default: str, allowed: tuple[str, ...]
) -> str:
    """The format asked for, or the one the output file's ending names, or ``default``."""
    ending = Path(output).suffix.lower().lstrip(".") if output and output != STDOUT else ""
    ending = {"txt": "text"}.get(ending, ending)
    if chosen is not None and chosen not in allowed:
        raise CommandError(
            _("A series is written as %(allowed)s, not %(format)s.")
            % {"allowed": join_alternatives(allowed), "format": chosen}
        )
    if chosen and ending in EVENT_FORMATS and ending != chosen:
        raise CommandError(
            _("--output %(file)s ends in .%(ending)s, but --format is %(format)s: make them agree.")
            % {"file": output, "ending": ending, "format": chosen}
        )
    return chosen or (ending if ending in allowed else default)


def _missing(file_format: str, error: ImportError) -> str:
    return _(
        "This installation cannot write the %(format)s form of a bulletin (%(error)s): ask for "
        "--format json, or install taizhang again."
    ) % {"format": FORMAT_NAMES[file_format], "error": error}


def _check_folder(target: Path) -> None:
    if not target.parent.is_dir():
        raise CommandError(
            _("The folder %(folder)s does not exist: create it, or write elsewhere.")
            % {"folder": target.parent}
        )


def _render_text(figures: dict[str, Any], language: str) -> str:
    from taizhang.bulletin.text import render_text

    text = render_text(figures, language)
    changes = _changes_note(figures.get("published"), language)
    return f"{text.rstrip()}\n\n{changes}\n" if changes else text


def _render_file(
    figures: dict[str, Any], file_format: str, language: str, target: Path, *, series: bool
) -> None:
    if file_format == "docx":
        from taizhang.bulletin.docx import render_docx

        render_docx(figures, language, target)
    elif series:
        from taizhang.bulletin.xlsx import render_series_xlsx

        render_series_xlsx(figures, language, target)
    else:
        from taizhang.bulletin.xlsx import render_xlsx

        render_xlsx(figures, language, target)


def _changes_note(published: dict[str, Any] | None, language: str) -> str:
    """What changed in the ledger since the bulletin was published, in ``language``; or ""."""
    if not published or not published.get("changed_since"):
        return ""
    differences = published["differences"]
    with translation.override(DJANGO_LANGUAGES[language]):
        parts = []
        for key in ("withdrawn", "amended", "added", "removed"):
            found = differences[key]
            if not found:
                continue
            # Names are set apart by semicolons, as the bulletin's own change note does: a
            # project's name may itself hold commas (English) or enumeration commas (Chinese).
            names = pgettext("separator between project names", "; ").join(
                str(item["name"] or item["id"]) for item in found[:10]
            )
            if len(found) > 10:
                names = _("%(names)s and %(count)d more") % {
                    "names": names,
                    "count": len(found) - 10,
                }
            parts.append(
                _("%(counted)s (%(names)s)")
                % {"counted": _counted(key, len(found)), "names": names}
            )
        return _(
            "Since it was published, the ledger has changed: %(changes)s. These figures are "
            "as published; taizhang bulletin --current states today's, and --publish "
            "--reason corrects the publication."
        ) % {"changes": pgettext("separator between kinds of change", ", ").join(parts)}


def _counted(key: str, count: int) -> str:
    """ "3 projects amended" and the like: one literal message per kind, for the catalogue."""
    if key == "withdrawn":
        text = ngettext("%(count)d project withdrawn", "%(count)d projects withdrawn", count)
    elif key == "amended":
        text = ngettext("%(count)d project amended", "%(count)d projects amended", count)
    elif key == "added":
        text = ngettext("%(count)d project added", "%(count)d projects added", count)
    else:
        text = ngettext(
            "%(count)d project no longer announced at the event",
            "%(count)d projects no longer announced at the event",
            count,
        )
    return text % {"count": count}

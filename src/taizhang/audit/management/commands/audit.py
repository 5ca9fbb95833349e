"""``taizhang audit``: verify the audit record's chain, read it, and put its protection back.

- ``audit verify [--anchor HASH] [--format text|json]``: exit 0 with the entry count and head
  hash when the chain is intact; exit 1 naming the first entry that does not match.
- ``audit log [--object TYPE[:ID]] [--actor NAME] [--action NAME] [--since WHEN]
  [--until WHEN] [--last N] [--format text|json]``: entries as differences.
- ``audit protect``: create the triggers that refuse changes again, if any is missing.

``verify`` and ``log`` take ``--as NAME``: the audit record is the auditor's to read, and
everyone else is refused. ``protect`` changes the database itself: it is the operator's, run
without ``--as``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.access.acting import Operator, acting_user
from taizhang.access.commandline import ActingCommand, add_as_argument
from taizhang.access.refusals import who
from taizhang.access.restrict import VIEW, permits, restrict
from taizhang.audit import triggers
from taizhang.audit.history import as_json, as_text
from taizhang.audit.models import TABLE, AuditEntry
from taizhang.audit.verify import explain, summary, verify_chain
from taizhang.i18n import join_list


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "The audit record: verify its hash chain, show entries as differences, or put back "
            "the triggers that protect it. See docs/audit.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="COMMAND")
        verify = commands.add_parser(
            "verify",
            help=_("recompute the whole chain; exit 1 naming the first entry that does not match"),
        )
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help=_(
                "a head hash noted earlier (printed by verify and backup); fail if the chain no "
                "longer holds it"
            ),
        )
        verify.add_argument("--format", choices=["text", "json"], default="text")
        add_as_argument(verify, subcommand=True)

        log = commands.add_parser("log", help=_("show entries, oldest first, as differences"))
        log.add_argument(
            "--object",
            metavar="TYPE[:ID]",
            help=_("one object's history (project:42), or every object of a type (project)"),
        )
        log.add_argument("--actor", metavar="NAME", help=_("only what this actor did"))
        log.add_argument(
            "--action", metavar="NAME", help=_("only this action (project.update, or project.*)")
        )
        log.add_argument(
            "--since",
            metavar="WHEN",
            help=_("from this date or time on (2024-05-01, 2024-05-01T09:00, local time)"),
        )
        log.add_argument("--until", metavar="WHEN", help=_("before this date or time"))
        log.add_argument(
            "--last", type=int, metavar="N", help=_("only the last N entries that match")
        )
        log.add_argument("--format", choices=["text", "json"], default="text")
        add_as_argument(log, subcommand=True)

        commands.add_parser(
            "protect", help=_("create the triggers that refuse changes to the record again")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if TABLE not in connection.introspection.table_names():
            raise CommandError(
                _(
                    "This database has no audit record yet: run `taizhang migrate` first, or "
                    "check that TAIZHANG_DATABASE_URL names taizhang's database."
                )
            )
        self._refuse_unless_allowed(options["subcommand"])
        handler = getattr(self, f"_{options['subcommand']}")
        handler(options)

    def _refuse_unless_allowed(self, subcommand: str) -> None:
        """Reading the record is the auditor's (``--as``); protecting it, the operator's."""
        user = acting_user()
        if subcommand == "protect":
            if not isinstance(user, Operator):
                raise CommandError(
                    _(
                        "Putting back the audit record's protection changes the database "
                        "itself: the operator runs “taizhang audit protect”, without --as."
                    )
                )
        elif not permits(user, AuditEntry, VIEW):
            raise CommandError(
                _("%(name)s (%(role)s) may not read the audit record: only the auditor reads it.")
                % who(user)
            )

    # --- verify ---------------------------------------------------------------------------

    def _verify(self, options: dict[str, Any]) -> None:
        found = verify_chain(anchors=options["anchor"])
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "intact": found.intact,
                        "count": found.count,
                        "head_id": found.head_id,
                        "head_hash": found.head_hash,
                        "algorithms": sorted(found.algorithms),
                        "problem": None
                        if found.problem is None
                        else {
                            "kind": str(found.problem.kind),
                            "entry": found.problem.entry,
                            "detail": found.problem.detail,
                        },
                        "missing_triggers": found.missing_triggers,
                        "anchors": found.anchors,
                        "messages": explain(found),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        elif found.intact:
            self.stdout.write(summary(found))
        if not found.intact:
            raise CommandError("\n".join(explain(found)), returncode=1)

    # --- log ------------------------------------------------------------------------------

    def _log(self, options: dict[str, Any]) -> None:
        entries = self._selected(options)
        lines = as_json(entries) if options["format"] == "json" else as_text(entries)
        for line in lines:
            self.stdout.write(line)

    def _selected(self, options: dict[str, Any]) -> Any:
        entries: QuerySet[AuditEntry] = restrict(AuditEntry.objects.all(), acting_user(), VIEW)
        if options["object"]:
            object_type, has_id, object_id = options["object"].partition(":")
            entries = entries.filter(object_type=object_type.strip())
            if has_id:
                entries = entries.filter(object_id=object_id.strip())
        if options["actor"]:
            entries = entries.filter(actor=options["actor"])
        if action := options["action"]:
            if action.endswith("*"):
                entries = entries.filter(action__startswith=action.rstrip("*"))
            else:
                entries = entries.filter(action=action)
        if options["since"]:
            entries = entries.filter(time__gte=_moment(options["since"], "--since"))
        if options["until"]:
            entries = entries.filter(time__lt=_moment(options["until"], "--until"))
        last = options["last"]
        if last is not None:
            if last < 1:
                raise CommandError(_("--last must be a number of at least 1."))
            return reversed(list(entries.order_by("-id")[:last]))
        return entries.order_by("id").iterator(chunk_size=2000)

    # --- protect --------------------------------------------------------------------------

    def _protect(self, options: dict[str, Any]) -> None:
        absent = triggers.missing(connection)
        triggers.install(connection)
        if absent:
            self.stdout.write(
                ngettext(
                    "The trigger %(names)s was created again: the audit table is protected.",
                    "The triggers %(names)s were created again: the audit table is protected.",
                    len(absent),
                )
                % {"names": join_list(absent)}
            )
        else:
            self.stdout.write(_("The audit table was already protected: nothing to do."))


def _moment(text: str, option: str) -> datetime.datetime:
    """A date (its midnight) or a date and time, in the local time zone unless it says."""
    value = text.strip()
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _(
                "%(option)s “%(value)s” is not a date or time: write 2024-05-01 or "
                "2024-05-01T09:30 (local time), or add an offset such as +08:00."
            )
            % {"option": option, "value": text}
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment

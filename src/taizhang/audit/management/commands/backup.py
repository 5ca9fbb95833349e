"""``taizhang backup FILE``: a consistent backup of the database while it is in use.

Takes ``--as NAME``: a backup is the bureau administrator's to take (and a restore theirs to
make), as MLPS 2.0 gives backup and recovery to the system administrator; every other role is
refused before anything is written. See docs/access.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.access.acting import acting_user
from taizhang.access.commandline import ActingCommand
from taizhang.access.refusals import who
from taizhang.access.restrict import ALL, BACKUP, DATABASE_RIGHTS, grant_of
from taizhang.audit.backups import BackupError, backup, database_label
from taizhang.audit.recorder import record


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Back up the database to FILE while taizhang keeps running: SQLite's online backup, "
            "or pg_dump (custom format) on PostgreSQL. The backup is recorded in the audit "
            "record. See docs/audit.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("the backup file to write"))
        parser.add_argument("--overwrite", action="store_true", help=_("replace FILE if it exists"))

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user()
        if grant_of(user).right(DATABASE_RIGHTS, BACKUP) != ALL:
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not take a backup: a backup holds the whole "
                    "ledger, every account and the audit record, and only the bureau "
                    "administrator takes one. Nothing was written."
                )
                % who(user)
            )
        try:
            written = backup(Path(options["file"]), overwrite=options["overwrite"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        head = written.head
        with transaction.atomic():
            record(
                "database.backup",
                "database",
                database_label(connection),
                None,
                {
                    "file": str(written.path),
                    "bytes": written.size,
                    "sha256": written.sha256,
                    "entries": head.count if head else 0,
                    "head_id": head.id if head else 0,
                    "head_hash": head.hash if head else "",
                },
            )
        self.stdout.write(
            _("Backed up the database to %(path)s (%(size)d bytes, SHA-256 %(digest)s).")
            % {"path": written.path, "size": written.size, "digest": written.sha256}
        )
        if head is None or head.count == 0:
            self.stdout.write(_("It holds no audit entries yet."))
            return
        self.stdout.write(
            ngettext(
                "It holds %(count)d audit entry, head #%(id)d %(hash)s.",
                "It holds %(count)d audit entries, head #%(id)d %(hash)s.",
                head.count,
            )
            % {"count": head.count, "id": head.id, "hash": head.hash}
        )
        self.stdout.write(
            _(
                "Keep the head hash apart from the database: `taizhang audit verify --anchor "
                "%(hash)s` checks that the record still holds it."
            )
            % {"hash": head.hash}
        )

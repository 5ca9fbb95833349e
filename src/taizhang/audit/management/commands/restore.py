"""``taizhang restore FILE``: restore a backup into an empty database and verify its record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils.translation import gettext as _

from taizhang.audit.backups import BackupError, database_label, pending_migrations, restore
from taizhang.audit.models import Result
from taizhang.audit.recorder import record
from taizhang.audit.verify import explain, summary, verify_chain


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Restore a backup written by `taizhang backup` into an empty database, then verify "
            "its audit record. See docs/audit.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("the backup file to restore"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = restore(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored %(path)s (SHA-256 %(digest)s) into the database %(name)s.")
            % {
                "path": restored.path,
                "digest": restored.sha256,
                "name": database_label(connection),
            }
        )
        pending = pending_migrations(connection)
        if pending:
            self.stdout.write(
                _(
                    "The backup comes from an older taizhang: run `taizhang migrate` before "
                    "using it (%(count)d migrations to apply)."
                )
                % {"count": len(pending)}
            )
        found = verify_chain()
        problems = explain(found)
        # Recorded after verifying, so the entry says what was found; it chains onto the
        # restored head either way.
        with transaction.atomic():
            record(
                "database.restore",
                "database",
                database_label(connection),
                None,
                {
                    "file": str(restored.path),
                    "sha256": restored.sha256,
                    "entries": found.count,
                    "head_id": found.head_id,
                    "head_hash": found.head_hash,
                    "verified": found.intact,
                    "problems": problems,
                },
                result=Result.SUCCESS if found.intact else Result.FAILURE,
            )
        if not found.intact:
            raise CommandError(
                "\n".join(
                    [
                        _(
                            "The backup was restored, but its audit record does not verify: "
                            "do not put this database into use before you know why."
                        ),
                        *problems,
                    ]
                ),
                returncode=1,
            )
        self.stdout.write(summary(found))

"""``taizhang restore FILE``: restore a backup into an empty database and verify its record.

Takes ``--as NAME``. The database restored into is empty, so NAME is looked up among the
backup's own accounts — the ones the restored database will have — before anything is
written (:mod:`taizhang.audit.backup_accounts`): NAME must be active there and a bureau
administrator (``DATABASE_RIGHTS`` in :mod:`taizhang.access.restrict`), or the administrator of
a backup of the demo. The restore is then recorded as
theirs. See docs/access.md.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils.translation import gettext as _

from taizhang.access.auditing import acting_as_user
from taizhang.access.commandline import SOURCE, add_as_argument
from taizhang.access.restrict import ALL, DATABASE_RIGHTS, RESTORE
from taizhang.access.roles import role_label
from taizhang.audit.backup_accounts import AccountsUnreadable, account_in_backup
from taizhang.audit.backups import (
    BackupError,
    database_label,
    file_kind,
    pending_migrations,
    restore,
)
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
        # Not an ActingCommand: the empty database has no accounts to find NAME in before the
        # restore; the backup's own accounts are read instead (_refuse_unless_may_restore).
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["as_user"]
        if name:
            _refuse_unless_may_restore(Path(options["file"]), name)
        with acting_as_user(name, SOURCE) if name else nullcontext():
            self._restore(Path(options["file"]))

    def _restore(self, path: Path) -> None:
        try:
            restored = restore(path)
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


# --- who may restore ----------------------------------------------------------------------


def _refuse_unless_may_restore(path: Path, name: str) -> None:
    """Raise a :class:`CommandError` unless the backup at ``path`` holds an active account
    ``name`` whose role may restore it; nothing is written either way."""
    path = path.expanduser().absolute()
    if not path.is_file() or file_kind(path) != connection.vendor:
        # Not a backup this database can take: restore() refuses it, saying why, before it
        # writes anything.
        return
    try:
        account = account_in_backup(connection, path, name)
    except AccountsUnreadable as error:
        raise CommandError(
            _(
                "--as %(name)s: the accounts in %(path)s could not be read to check who may "
                "restore it: %(error)s. Nothing was restored."
            )
            % {"name": name, "path": path, "error": error}
        ) from error
    if account is None:
        raise CommandError(
            _(
                "--as %(name)s: the backup %(path)s holds no user of this name; name a bureau "
                "administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    if not account.active:
        raise CommandError(
            _(
                "--as %(name)s: this user is disabled in the backup %(path)s; name an active "
                "bureau administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    grant = account.grant()
    if grant.right(DATABASE_RIGHTS, RESTORE) == ALL:
        return
    if grant.role is None:
        raise CommandError(
            _(
                "--as %(name)s: this user has no role in the backup %(path)s; name a bureau "
                "administrator of the backup. Nothing was restored."
            )
            % {"name": name, "path": path}
        )
    raise CommandError(
        _(
            "%(name)s (%(role)s) may not restore a backup: backups and restores are the bureau "
            "administrator's. Nothing was restored."
        )
        % {"name": name, "role": role_label(grant.role)}
    )

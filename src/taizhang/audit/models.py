"""The audit entry: one change or security event, chained to the one before it."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The table's name; the database triggers that refuse changes are named after it.
TABLE = "audit_entry"
#: Every column of an entry, in the order the recorder writes them and verify reads them.
ENTRY_COLUMNS = (
    "id",
    "time",
    "actor",
    "source",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "result",
    "algorithm",
    "prev_hash",
    "entry_hash",
)


class Source(models.TextChoices):
    """Where a change came from."""

    WEB = "web", _("web page")
    API = "api", _("API")
    IMPORT = "import", _("import")
    CLI = "cli", _("command line")
    ADMIN = "admin", _("admin site")
    SYSTEM = "system", _("system")


class Result(models.TextChoices):
    """Whether what was recorded succeeded (a refused sign-in or export is a failure)."""

    SUCCESS = "success", _("success")
    FAILURE = "failure", _("failure")


class ChainNumberField(models.BigIntegerField):
    """An entry's number, its primary key: on SQLite declared ``integer``, so that it *is* the
    table's rowid rather than a second unique index beside it (SQLite makes a column the rowid
    only when it is declared exactly ``INTEGER PRIMARY KEY``; ``bigint`` is not). Both hold
    64-bit integers; on PostgreSQL it is a ``bigint`` as before."""

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class CanonicalJSONField(models.JSONField):
    """``before`` and ``after``: JSON, written only by the recorder, always as canonical JSON.

    Without the ``CHECK (JSON_VALID(…))`` Django adds to a JSONField on SQLite: the recorder
    writes nothing but the canonical JSON it hashes, and any other text put there later would
    no longer give the entry's hash, which ``audit verify`` reports. The check would only make
    every insert parse again the JSON just made. (On PostgreSQL the column is ``jsonb`` as
    before: the type itself parses its value.)
    """

    def db_check(self, connection: Any) -> str | None:
        return None


class AppendOnly(Exception):
    """An attempt to change or delete an audit entry through the application."""


class AuditEntryQuerySet(models.QuerySet):
    """Entries can be read and added, never changed or deleted, not even in bulk."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnly("Audit entries cannot be deleted.")

    def for_object(self, object_type: str, object_id: object) -> AuditEntryQuerySet:
        """The entries about one object, e.g. ``for_object("project", 42)``."""
        return self.filter(object_type=object_type, object_id=str(object_id))


class AuditEntry(models.Model):
    """One recorded change or security event: who did what to which object, and when.

    ``id`` is the entry's position in the chain (1, 2, 3… without gaps); ``entry_hash`` is the
    hash of every other field, ``prev_hash`` included (see :mod:`taizhang.audit.chain`), so
    altering, removing or inserting an entry breaks the chain at that point. Entries are
    written only by :mod:`taizhang.audit.recorder`; database triggers refuse UPDATE and DELETE
    (and TRUNCATE on PostgreSQL), whatever program asks.

    What keeps the chain one line is ``id``, the primary key: two entries cannot have the same
    number, so two writers that read the same head cannot both add the next entry, and each
    entry's ``prev_hash`` names the one before it. ``entry_hash`` is therefore not declared
    unique: a unique index on 64 random hexadecimal digits is a B-tree written in random
    order, the costliest part of recording an import, and it would add nothing (a duplicate
    hash could only come from a forged entry, which breaks the chain where it stands).
    """

    id = ChainNumberField(_("number"), primary_key=True)
    time = models.DateTimeField(_("time (UTC)"), db_index=True)
    actor = models.CharField(_("actor"), max_length=200, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, default="")
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=128)
    before = CanonicalJSONField(_("before"), null=True, blank=True)
    after = CanonicalJSONField(_("after"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=8, choices=Result.choices, default=Result.SUCCESS
    )
    algorithm = models.CharField(_("hash algorithm"), max_length=16)
    prev_hash = models.CharField(_("previous entry's hash"), max_length=128)
    entry_hash = models.CharField(_("hash"), max_length=128)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        db_table = TABLE
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.id} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only the recorder adds entries: it computes the chain; a save() would not.
        raise AppendOnly(
            "Audit entries are written by taizhang.audit.recorder.record(), never saved."
        )

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit entries cannot be deleted.")

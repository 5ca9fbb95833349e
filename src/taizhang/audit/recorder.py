"""Writing the audit record: the API every write service calls, inside its own transaction.

``record("project.update", "project", project.pk, before, after)`` adds one entry;
``record_many(changes)`` adds a batch (a bulk import's projects) with set-based inserts. Both
take who is acting from :mod:`taizhang.audit.context` unless told, and both refuse to run
outside ``transaction.atomic()``: an entry commits or rolls back with the change it records.

The chain is serialised: on PostgreSQL a transaction-scoped advisory lock is taken before the
head of the chain is read, so a second writer waits until the first commits and then chains
onto its last entry. On SQLite the write transaction (``BEGIN IMMEDIATE``, see settings.py)
already admits one writer at a time. Either way an entry's number is the head's plus one, and
the number is the primary key: two writers that read the same head could not both insert.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.utils import timezone

from taizhang.audit.chain import (
    GENESIS,
    Plain,
    canonical_text,
    configured_algorithm,
    content_text,
    entry_content,
    hash_text,
    plain,
)
from taizhang.audit.context import AuditContext, current
from taizhang.audit.models import ENTRY_COLUMNS, TABLE, AuditEntry, Result, Source

#: Entries per INSERT (SQLite executemany) or per COPY (PostgreSQL).
BATCH_SIZE = 2000
#: Fields :func:`values_of` leaves out, whatever the model.
SECRET_FIELDS = frozenset({"password"})
#: The advisory lock that serialises writers on PostgreSQL: "taizhang" in ASCII.
LOCK_KEY = int.from_bytes(b"taizhang", "big")

_SOURCES = frozenset(Source.values)
_RESULTS = frozenset(Result.values)
_ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_OBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")


class AuditError(RuntimeError):
    """The audit record cannot be written as asked (a programming error, not a user's)."""


@dataclass(frozen=True)
class Change:
    """One thing to record: ``action`` on the object ``object_type``/``object_id``.

    ``before`` and ``after`` are the object's values (``None`` for "did not exist"), as plain
    data: dicts, lists, strings, ints, Decimals, dates; see :func:`taizhang.audit.chain.plain`.
    """

    action: str
    object_type: str
    object_id: Any
    before: Any = None
    after: Any = None
    result: str = Result.SUCCESS


def record(
    action: str,
    object_type: str,
    object_id: Any,
    before: Any = None,
    after: Any = None,
    *,
    actor: str | None = None,
    source: str | None = None,
    request_id: str | None = None,
    result: str = Result.SUCCESS,
    using: str = DEFAULT_DB_ALIAS,
) -> AuditEntry:
    """Record one change or event in the caller's transaction, and return its entry.

    ``record("project.withdraw", "project", 42, {"withdrawn_at": None},
    {"withdrawn_at": now, "withdrawal_reason": "merged into 43"})``
    """
    change = Change(action, object_type, object_id, before, after, result)
    who = _who(actor, source, request_id)
    written: list[AuditEntry] = []
    _write([change], who, using, keep=written)
    return written[0]


def record_many(
    changes: Iterable[Change],
    *,
    actor: str | None = None,
    source: str | None = None,
    request_id: str | None = None,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Record every change of ``changes`` (any iterable, read once) in the caller's
    transaction, ``batch_size`` entries per insert; return how many were recorded."""
    return _write(changes, _who(actor, source, request_id), using, batch_size=batch_size)


def values_of(instance: Model, *, exclude: Iterable[str] = ()) -> dict[str, Plain]:
    """An object's stored values for ``before``/``after``: each concrete field by its column
    attribute (``region_id``, not ``region``), as plain data.

    A field called ``password`` is never included: the record is read by auditors, and a
    password hash is no business of theirs (record that it changed, not what to).
    """
    skipped = {*exclude, *SECRET_FIELDS}
    return {
        field.attname: plain(getattr(instance, field.attname), field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in skipped and field.name not in skipped
    }


def _who(actor: str | None, source: str | None, request_id: str | None) -> AuditContext:
    acting = current()
    who = AuditContext(
        actor=actor if actor is not None else acting.actor,
        source=str(source) if source is not None else acting.source,
        request_id=request_id if request_id is not None else acting.request_id,
    )
    if not who.actor or len(who.actor) > 200:
        raise AuditError(f"An actor must be 1–200 characters, not {who.actor!r}.")
    if who.source not in _SOURCES:
        raise AuditError(f"Unknown source {who.source!r}: use one of {', '.join(Source.values)}.")
    if who.request_id is not None and len(who.request_id) > 64:
        raise AuditError(f"A request id must be at most 64 characters: {who.request_id!r}.")
    return who


def _write(
    changes: Iterable[Change],
    who: AuditContext,
    using: str,
    *,
    batch_size: int = BATCH_SIZE,
    keep: list[AuditEntry] | None = None,
) -> int:
    connection = connections[using]
    if not connection.in_atomic_block:
        raise AuditError(
            "The audit record is written in the transaction of the change it records: call "
            "record() and record_many() inside transaction.atomic()."
        )
    algorithm = configured_algorithm()
    last_id, last_hash = _lock_head(connection)
    now = timezone.now()
    stored_time = now if connection.vendor == "postgresql" else _sqlite_time(connection, now)
    rows: list[tuple[Any, ...]] = []
    count = 0
    for change in changes:
        entry = _entry(change, who, now, algorithm, last_id + 1, last_hash)
        last_id, last_hash = entry["id"], entry["entry_hash"]
        if keep is not None:
            keep.append(_instance(entry, using))
        rows.append(_row(entry, stored_time))
        if len(rows) >= batch_size:
            _insert(connection, rows)
            count += len(rows)
            rows = []
    if rows:
        _insert(connection, rows)
        count += len(rows)
    return count


def _lock_head(connection: BaseDatabaseWrapper) -> tuple[int, str]:
    """Take the chain (on PostgreSQL) and return its head: the last entry's number and hash."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Held to the end of the transaction; the head is read after it is granted, by a
            # statement that sees every entry committed before.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(f"SELECT id, entry_hash FROM {TABLE} ORDER BY id DESC LIMIT 1")  # noqa: S608
        head = cursor.fetchone()
    return (head[0], head[1]) if head else (0, GENESIS)


def _entry(
    change: Change,
    who: AuditContext,
    now: Any,
    algorithm: str,
    number: int,
    prev_hash: str,
) -> dict[str, Any]:
    action, object_type = change.action, change.object_type
    if not _ACTION.match(action) or len(action) > 64:
        raise AuditError(f"The action {action!r} is not of the form noun.verb: project.create.")
    if not _OBJECT_TYPE.match(object_type) or len(object_type) > 64:
        raise AuditError(f"The object type {object_type!r} is not a lower-case word: project.")
    object_id = str(change.object_id)
    if not object_id or len(object_id) > 128:
        raise AuditError(f"The object id {object_id!r} must be 1–128 characters.")
    if change.result not in _RESULTS:
        raise AuditError(f"Unknown result {change.result!r}: use success or failure.")
    before, after = plain(change.before, "before"), plain(change.after, "after")
    content = entry_content(
        id=number,
        time=now,
        actor=who.actor,
        source=str(who.source),
        request_id=who.request_id or "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        result=str(change.result),
        algorithm=algorithm,
        prev_hash=prev_hash,
    )
    # Encoded once: the same text is hashed (inside the content) and stored.
    texts = {
        "before": None if before is None else canonical_text(before),
        "after": None if after is None else canonical_text(after),
    }
    content["entry_hash"] = hash_text(content_text(content, **texts), algorithm)
    content["time"] = now
    content["texts"] = texts
    return content


def _row(entry: dict[str, Any], stored_time: Any) -> tuple[Any, ...]:
    values = dict(entry, time=stored_time, **entry["texts"])
    return tuple(values[column] for column in ENTRY_COLUMNS)


def _instance(entry: dict[str, Any], using: str) -> AuditEntry:
    instance = AuditEntry(**{name: value for name, value in entry.items() if name != "texts"})
    instance._state.adding = False
    instance._state.db = using
    return instance


def _sqlite_time(connection: BaseDatabaseWrapper, now: Any) -> Any:
    return connection.ops.adapt_datetimefield_value(now)


def _insert(connection: BaseDatabaseWrapper, rows: list[tuple[Any, ...]]) -> None:
    """Insert entries as they are: COPY on PostgreSQL, one prepared statement on SQLite."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in ENTRY_COLUMNS)
    if connection.vendor == "postgresql":
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(TABLE)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(TABLE)} ({names}) VALUES ({marks})", rows)  # noqa: S608

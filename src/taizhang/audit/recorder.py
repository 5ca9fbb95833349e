"""Writing the audit record: the API every write service calls, inside its own transaction.

``record("project.update", "project", project.pk, before, after)`` adds one entry;
``record_many(changes)`` adds a batch (a bulk import's projects) with set-based inserts. Both
take who is acting from :mod:`taizhang.audit.context` unless told, and both refuse to run
outside ``transaction.atomic()``: an entry commits or rolls back with the change it records.

A change is a :class:`Change`, whose values are checked and converted one by one, or, for a
bulk write that vouches for its values, a :class:`PlainChange`, whose ``before`` and ``after``
are encoded in one pass of the C JSON encoder; both give the same entry, hash included.

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
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.utils import timezone

from taizhang.audit.chain import (
    GENESIS,
    ContentTexts,
    Plain,
    canonical_text,
    configured_algorithm,
    hash_function,
    plain,
    plain_text,
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
#: Each result as stored (a plain str, whatever str-like value a change gives) and as JSON.
_RESULTS = {str(value): (str(value), encode_basestring(str(value))) for value in Result.values}
_ACTION = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_OBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")


class AuditError(RuntimeError):
    """The audit record cannot be written as asked (a programming error, not a user's)."""


@dataclass(frozen=True)
class Change:
    """One thing to record: ``action`` on the object ``object_type``/``object_id``.

    ``before`` and ``after`` are the object's values (``None`` for "did not exist"), as plain
    data: dicts, lists, strings, ints, Decimals, dates; see :func:`taizhang.audit.chain.plain`.
    Every value is checked and converted (a float is refused, a key made a string).
    """

    action: str
    object_type: str
    object_id: Any
    before: Any = None
    after: Any = None
    result: str = Result.SUCCESS


class PlainChange(NamedTuple):
    """One thing to record, like :class:`Change`, from a caller that vouches for its values:
    the fast path of a bulk write (an import's projects and investors).

    The caller guarantees that ``before`` and ``after`` are ``None`` or plain data made of
    dicts **whose keys are all plain** ``str``, lists, tuples, strings, ints, bools and None, with
    Decimals, dates, datetimes and times among them (the values of a row as it was written),
    and **no float** anywhere. Those values are not walked one by one: each of ``before`` and
    ``after`` is encoded once by the C JSON encoder, which converts the Decimals, dates and
    times as :func:`~taizhang.audit.chain.plain` does when it meets them (anything else
    ``plain`` converts, such as an enumeration or a set, is converted the same way too).

    Given such values, the entry stored and its hash are byte for byte those of the same
    :class:`Change` (the tests compare the two over every kind of value). What is still
    checked, as for a Change: the action and object type (once per distinct pair in a call),
    the object id and the result. A float or a key that is not a string is *not* refused:
    the encoder would write it as the json module does, and ``audit verify`` may then not
    reproduce the hash (PostgreSQL's ``jsonb`` rewrites ``1e+16``), so a caller that cannot
    vouch for its values uses :class:`Change`.

    A NamedTuple because a bulk import makes hundreds of thousands: building one costs a
    fraction of a frozen dataclass.
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
    transaction, ``batch_size`` entries per insert; return how many were recorded.

    Each change is a :class:`Change` (its values checked and converted by
    :func:`~taizhang.audit.chain.plain`) or a :class:`PlainChange` (values the caller vouches
    for, encoded in one pass: the bulk path); the two may be mixed, and give the same entries.
    """
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
    changes: Iterable[Change | PlainChange],
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
    digest = hash_function(algorithm)
    last_id, last_hash = _lock_head(connection)
    now = timezone.now()
    stored_time = now if connection.vendor == "postgresql" else _sqlite_time(connection, now)
    actor, source, request_id = who.actor, str(who.source), who.request_id or ""
    contents = ContentTexts(
        time=now, actor=actor, source=source, request_id=request_id, algorithm=algorithm
    )
    # Each distinct (action, object type) is checked once: the checked strs and their JSON.
    kinds: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    rows: list[tuple[Any, ...]] = []
    count = 0
    # One loop with its steps written out rather than called: it runs once per entry of a
    # bulk import, where a function call per step is a measurable share of the cost.
    for change in changes:
        if type(change) is PlainChange:
            action, object_type, object_id, before, after, result = change
            try:
                before_text = None if before is None else plain_text(before)
                after_text = None if after is None else plain_text(after)
            except (TypeError, ValueError):
                _explain(change)
                raise
            # JSON's null (an enumeration whose value is None) is stored as SQL's, as plain()
            # makes it None.
            if before_text == "null":
                before_text = None
            if after_text == "null":
                after_text = None
        else:
            action, object_type, object_id, result = (
                change.action,
                change.object_type,
                change.object_id,
                change.result,
            )
            before, after = plain(change.before, "before"), plain(change.after, "after")
            before_text = None if before is None else canonical_text(before)
            after_text = None if after is None else canonical_text(after)
        kind = kinds.get((action, object_type))
        if kind is None:
            kind = kinds[action, object_type] = _kind(action, object_type)
        action, object_type, action_text, object_type_text = kind
        object_id = str(object_id)
        if not object_id or len(object_id) > 128:
            raise AuditError(f"The object id {object_id!r} must be 1–128 characters.")
        stored_result = _RESULTS.get(result)
        if stored_result is None:
            raise AuditError(f"Unknown result {result!r}: use success or failure.")
        last_id += 1
        content = contents.text(
            last_id,
            action_text,
            object_type_text,
            object_id,
            "null" if before_text is None else before_text,
            "null" if after_text is None else after_text,
            stored_result[1],
            last_hash,
        )
        entry_hash = digest(content.encode()).hexdigest()
        # In the order of ENTRY_COLUMNS, which the INSERT names.
        row = (
            last_id,
            stored_time,
            actor,
            source,
            request_id,
            action,
            object_type,
            object_id,
            before_text,
            after_text,
            stored_result[0],
            algorithm,
            last_hash,
            entry_hash,
        )
        rows.append(row)
        if keep is not None:
            keep.append(_instance(row, now, before, after, using))
        last_hash = entry_hash
        if len(rows) >= batch_size:
            _insert(connection, rows)
            count += len(rows)
            rows = []
    if rows:
        _insert(connection, rows)
        count += len(rows)
    return count


def _explain(change: PlainChange) -> None:
    """Raise plain()'s account of what in a PlainChange's values the record cannot hold, and
    where; return if plain() takes them (the encoder's own complaint then stands)."""
    plain(change.before, "before")
    plain(change.after, "after")


def _kind(action: Any, object_type: Any) -> tuple[str, str, str, str]:
    """Check an action and an object type; return them as strs and as JSON strings."""
    if not isinstance(action, str) or not _ACTION.match(action) or len(action) > 64:
        raise AuditError(f"The action {action!r} is not of the form noun.verb: project.create.")
    if (
        not isinstance(object_type, str)
        or not _OBJECT_TYPE.match(object_type)
        or len(object_type) > 64
    ):
        raise AuditError(f"The object type {object_type!r} is not a lower-case word: project.")
    action, object_type = str(action), str(object_type)
    return action, object_type, encode_basestring(action), encode_basestring(object_type)


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


def _instance(
    row: tuple[Any, ...], now: Any, before: Plain, after: Plain, using: str
) -> AuditEntry:
    """The entry just written, as :func:`record` returns it: its values as plain data."""
    values = dict(zip(ENTRY_COLUMNS, row, strict=True), time=now, before=before, after=after)
    instance = AuditEntry(**values)
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

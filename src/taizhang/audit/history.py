"""Reading the record: entries as differences (``field: before → after``), in text or JSON.

The pages and API built later show an object's history from here, as ``audit log`` does.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.audit.chain import canonical_text
from taizhang.audit.models import AuditEntry, Result, Source

_ABSENT = object()


@dataclass(frozen=True)
class Difference:
    """One field that an entry changed; ``before``/``after`` are ``None`` when absent."""

    field: str
    before: Any
    after: Any
    had_before: bool = True
    has_after: bool = True


def differences(before: Any, after: Any) -> list[Difference]:
    """The fields that differ between ``before`` and ``after``, in field order.

    Two objects' values (dicts) are compared field by field; anything else is one value,
    shown under the field name ``value``.
    """
    if isinstance(before, dict | None) and isinstance(after, dict | None):
        old, new = before or {}, after or {}
        found = []
        for name in sorted(set(old) | set(new)):
            was, now = old.get(name, _ABSENT), new.get(name, _ABSENT)
            if was != now:
                found.append(
                    Difference(
                        name,
                        None if was is _ABSENT else was,
                        None if now is _ABSENT else now,
                        had_before=was is not _ABSENT and before is not None,
                        has_after=now is not _ABSENT and after is not None,
                    )
                )
        return found
    if before == after:
        return []
    return [Difference("value", before, after)]


def shown(value: Any, present: bool = True) -> str:
    """A value as a person reads it: text as it is, anything else as compact JSON."""
    if not present:
        return "—"
    if isinstance(value, str):
        return value
    return canonical_text(value)


def entry_heading(entry: AuditEntry) -> str:
    """``#12 2024-05-01 18:00:03+08:00 cli:alice (command line) project.update project:42``"""
    when = timezone.localtime(entry.time).isoformat(sep=" ", timespec="seconds")
    source = Source(entry.source).label if entry.source in Source.values else entry.source
    parts = [
        f"#{entry.id}",
        when,
        f"{entry.actor} ({source})",
        entry.action,
        f"{entry.object_type}:{entry.object_id}",
    ]
    if entry.result != Result.SUCCESS:
        parts.append(f"[{Result(entry.result).label}]")
    if entry.request_id:
        parts.append(_("request %(id)s") % {"id": entry.request_id})
    return "  ".join(parts)


def as_text(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """Each entry's heading, then one indented line per changed field."""
    for entry in entries:
        yield entry_heading(entry)
        for difference in differences(entry.before, entry.after):
            before = shown(difference.before, difference.had_before)
            after = shown(difference.after, difference.has_after)
            yield f"    {difference.field}: {before} → {after}"


def as_dict(entry: AuditEntry) -> dict[str, Any]:
    """An entry as JSON-ready data: its stored fields (time in UTC) and its differences."""
    return {
        "id": entry.id,
        "time": entry.time.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor,
        "source": entry.source,
        "request_id": entry.request_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "result": entry.result,
        "before": entry.before,
        "after": entry.after,
        "changes": [
            {
                "field": difference.field,
                "before": difference.before,
                "after": difference.after,
            }
            for difference in differences(entry.before, entry.after)
        ],
        "algorithm": entry.algorithm,
        "prev_hash": entry.prev_hash,
        "entry_hash": entry.entry_hash,
    }


def as_json(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """A JSON array of :func:`as_dict`, one entry per line, written as it is read."""
    yield "["
    pending: str | None = None
    for entry in entries:
        if pending is not None:
            yield f"  {pending},"
        pending = json.dumps(as_dict(entry), ensure_ascii=False, sort_keys=True)
    if pending is not None:
        yield f"  {pending}"
    yield "]"

"""Exports in the audit record: what was written, in which form, and for whom.

An export changes nothing, so its entry is written in a transaction of its own, after the file
is complete; a refused export is recorded as a failure, with the reason it was refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from taizhang.audit.models import Result
from taizhang.audit.recorder import record

#: What the audit record names a file written to a stream (standard output, a download).
STREAM = "stream"


def target_name(target: Any) -> str:
    """The file an export went to: its path, or ``stream``."""
    return str(target) if isinstance(target, str | Path) else STREAM


def record_export(
    target: Any,
    *,
    file_format: str,
    language: str,
    unit: str,
    rows: int,
    event: str | None,
    user: Any,
) -> None:
    """Record a completed export of ``rows`` projects."""
    with transaction.atomic():
        record(
            "export",
            "ledger",
            event or "all",
            None,
            {
                "file": target_name(target),
                "format": file_format,
                "language": language,
                "unit": unit,
                "rows": rows,
                "event": event,
                "user": user.get_username(),
            },
        )


def record_refused_export(user: Any, reason: str, *, event: str | None = None) -> None:
    """Record an export refused to ``user`` (a viewer asking for projects), and why."""
    with transaction.atomic():
        record(
            "export",
            "ledger",
            event or "all",
            None,
            {"user": user.get_username(), "event": event, "refused": reason},
            result=Result.FAILURE,
        )

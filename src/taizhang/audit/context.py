"""Who is acting: the actor, source and request id the audit record gives each entry.

A web request, an API call or ``--as NAME`` on the command line sets them for what it runs
(``with acting_as("zhang.wei", Source.WEB, request_id): ...``); without that, work is
recorded as the operating-system user at the command line, ``cli:<user>``. The values live in
a context variable, so concurrent requests (threads) each see their own.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from taizhang.audit.models import Source

CLI_PREFIX = "cli:"


@dataclass(frozen=True)
class AuditContext:
    """The actor (a user name, or ``cli:<os user>``), where the work came from, and the
    request it belongs to (``None`` outside a request)."""

    actor: str
    source: str
    request_id: str | None = None


_current: ContextVar[AuditContext | None] = ContextVar("taizhang_audit_context", default=None)


def os_user() -> str:
    """The operating-system user running this process, or ``unknown`` when it has no name."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):
        # A container user without a passwd entry and without USER/LOGNAME set.
        return "unknown"


def command_line() -> AuditContext:
    """The context of a command run without ``--as``: ``cli:<os user>``."""
    return AuditContext(actor=f"{CLI_PREFIX}{os_user()}", source=Source.CLI)


def current() -> AuditContext:
    """Who is acting now: the innermost :func:`acting_as`, else the command-line user."""
    return _current.get() or command_line()


@contextmanager
def acting_as(actor: str, source: str, request_id: str | None = None) -> Iterator[AuditContext]:
    """Record what runs inside as done by ``actor`` from ``source`` (in request ``request_id``)."""
    context = AuditContext(actor=actor, source=str(source), request_id=request_id)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)

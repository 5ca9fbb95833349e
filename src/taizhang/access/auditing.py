"""The access app's entries in the audit record: sign-ins, failed sign-ins, lockouts, and every
change of a user, role, scope or second factor.

The seam between this app and :mod:`taizhang.audit`: everything here is recorded through
:func:`record_entry`, which hands it to :func:`taizhang.audit.recorder.record` in the
caller's transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from taizhang.audit.context import acting_as
from taizhang.audit.middleware import request_id_of, source_of
from taizhang.audit.models import AuditEntry
from taizhang.audit.recorder import record

SUCCESS = "success"
FAILURE = "failure"


def record_entry(
    action: str,
    object_type: str,
    object_id: Any,
    before: Any = None,
    after: Any = None,
    *,
    actor: str | None = None,
    result: str = SUCCESS,
) -> None:
    """Record one security event or account change in the caller's transaction (or in one of
    its own when there is none, as for a failed sign-in, which changes nothing else).

    ``actor`` defaults to whoever is acting (:mod:`taizhang.audit.context`): the signed-in
    user, ``--as NAME``, or ``cli:<operating-system user>``.
    """
    with transaction.atomic():
        record(action, object_type, object_id, before, after, actor=actor, result=result)


def acting_as_user(name: str, source: str) -> AbstractContextManager[Any]:
    """Record what runs inside as done by ``name`` from ``source`` (``cli``, ``web``…)."""
    return acting_as(name, source)


def in_request(request: HttpRequest, name: str) -> AbstractContextManager[Any]:
    """Record what runs inside as done by ``name`` in ``request``: its source (``web``,
    ``admin``…) and its id, the same one the request's other entries and its response carry.

    For a middleware that records before the audit context of the request is set (it runs
    after authentication, and an idle session must end before the request acts for anyone).
    """
    return acting_as(name, source_of(request), request_id_of(request))


def entries_about(object_type: str, object_id: Any) -> list[Any]:
    """The audit entries about one object, newest first (none when there is no record)."""
    return list(AuditEntry.objects.for_object(object_type, object_id).order_by("-id")[:200])

"""What ``/healthz`` reports: is the database reachable, and which one is it."""

from __future__ import annotations

from django.db import DatabaseError, connection

import taizhang


def database_vendor() -> str:
    """``sqlite`` or ``postgresql``: the kind of database the application is configured for."""
    return connection.vendor


def database_is_reachable() -> bool:
    """True when a trivial query succeeds on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # A dead server leaves the connection unusable; drop it so the next check reconnects.
        connection.close_if_unusable_or_obsolete()
        return False


def health_report() -> tuple[int, dict[str, str]]:
    """The HTTP status and JSON body of the health check."""
    ok = database_is_reachable()
    body = {
        "status": "ok" if ok else "unavailable",
        "database": database_vendor(),
        "version": taizhang.__version__,
    }
    return (200 if ok else 503), body

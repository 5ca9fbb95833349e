"""The PostgreSQL server of tests that need a database of their own.

``TAIZHANG_TEST_PG_ADMIN_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``) names a
server and a role that may create databases. Without it such tests are skipped, except under
``CI=true``, where a skipped PostgreSQL test would hide a failure: there they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.support.server import free_port

ADMIN_URL_VARIABLE = "TAIZHANG_TEST_PG_ADMIN_URL"


def postgres_admin_url() -> str:
    """The server's admin URL; skips the calling test (fails it under CI=true) when unset."""
    url = os.environ.get(ADMIN_URL_VARIABLE, "").strip()
    if url:
        return url
    reason = (
        f"{ADMIN_URL_VARIABLE} is not set: set it to a PostgreSQL server where tests may "
        "create databases, e.g. postgresql://postgres@127.0.0.1:5432/postgres"
    )
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"CI=true needs PostgreSQL: {reason}", pytrace=False)
    pytest.skip(reason)


def database_url(admin_url: str, name: str) -> str:
    """``admin_url`` with its database replaced by ``name``."""
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def temporary_database(admin_url: str, prefix: str = "taizhang_test") -> Iterator[str]:
    """Create an empty database with a fresh name, yield its URL, and drop it afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            # FORCE: a server that was killed may leave a connection behind (PostgreSQL 13+).
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def unreachable_postgres_url() -> str:
    """A PostgreSQL URL on 127.0.0.1 where no server listens."""
    return f"postgresql://postgres@127.0.0.1:{free_port()}/taizhang"

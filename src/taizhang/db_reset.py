"""Recreating the database: drop every table and view, then migrate again.

Tables are dropped rather than emptied: an append-only table whose triggers refuse DELETE
(the audit record) cannot be emptied, and dropping also removes any table an old version left
behind. Works on PostgreSQL (CASCADE) and on SQLite, file or in memory.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _


class ResetError(Exception):
    """The database cannot be recreated from here."""


def drop_all_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Drop every table and view the connection's introspection sees; return their names."""
    connection = connections[using]
    if connection.in_atomic_block:
        # SQLite can only turn foreign keys off outside a transaction, and a half-dropped
        # schema must never be left to a rollback that some backends cannot do.
        raise ResetError(
            _(
                "The database cannot be recreated inside a transaction: recreate it outside "
                "any transaction, as taizhang demo --reset does."
            )
        )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        listed = connection.introspection.get_table_list(cursor)
    views = [info.name for info in listed if info.type == "v"]
    tables = [info.name for info in listed if info.type == "t"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if views:
                cursor.execute(f"DROP VIEW IF EXISTS {', '.join(map(quote, views))} CASCADE")
            if tables:
                cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
        return views + tables
    # SQLite: without foreign key enforcement the tables can go in any order.
    enforced = connection.disable_constraint_checking()
    try:
        with connection.cursor() as cursor:
            for view in views:
                cursor.execute(f"DROP VIEW IF EXISTS {quote(view)}")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
    finally:
        if enforced:
            connection.enable_constraint_checking()
    return views + tables


def recreate_database(using: str = DEFAULT_DB_ALIAS) -> None:
    """Drop every table and view, then run every migration again (reference data included)."""
    drop_all_tables(using)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    # Content types were recreated with new ids; a cached one would point at nothing.
    ContentType.objects.clear_cache()

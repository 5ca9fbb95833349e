"""The database triggers that make the audit table append-only, and a check that they are there.

SQLite: two BEFORE triggers raise on UPDATE and DELETE. PostgreSQL: a row trigger raises on
UPDATE and DELETE, and a statement trigger raises on a TRUNCATE of a table that holds entries.

A TRUNCATE of the *empty* table is let through on purpose: it removes nothing, and it is what
Django's test runner does between transactional tests (``flush`` truncates every table, the
audit table included, even when no test wrote to it). A TRUNCATE that would remove an entry is
refused like a DELETE.

A migration that rebuilds the table on SQLite (most AlterField operations do: new table, copy,
drop the old, rename) drops its triggers with the old table; such a migration must call
:func:`install` again. ``taizhang audit verify`` reports missing triggers.
"""

from __future__ import annotations

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from taizhang.audit.models import TABLE

SQLITE_TRIGGERS = {
    f"{TABLE}_refuse_update": f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_refuse_update BEFORE UPDATE ON {TABLE}
        BEGIN
            SELECT RAISE(ABORT, '{TABLE} is append-only: an audit entry cannot be changed');
        END
    """,
    f"{TABLE}_refuse_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_refuse_delete BEFORE DELETE ON {TABLE}
        BEGIN
            SELECT RAISE(ABORT, '{TABLE} is append-only: an audit entry cannot be deleted');
        END
    """,
}

POSTGRESQL_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: % of an audit entry refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        holds_entries boolean;
    BEGIN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO holds_entries;
        IF holds_entries THEN
            RAISE EXCEPTION '% is append-only: TRUNCATE of its audit entries refused',
                TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
    END
    $$
    """,  # noqa: S608 - names are constants, not input
]

POSTGRESQL_TRIGGERS = {
    f"{TABLE}_refuse_change": f"""
        CREATE OR REPLACE TRIGGER {TABLE}_refuse_change
        BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change()
    """,
    f"{TABLE}_refuse_truncate": f"""
        CREATE OR REPLACE TRIGGER {TABLE}_refuse_truncate
        BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse_truncate()
    """,
}


def expected(connection: BaseDatabaseWrapper) -> list[str]:
    """The names of the triggers that protect the table on ``connection``'s database."""
    if connection.vendor == "postgresql":
        return sorted(POSTGRESQL_TRIGGERS)
    if connection.vendor == "sqlite":
        return sorted(SQLITE_TRIGGERS)
    return []


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers (again) on ``connection``'s database; a present one is kept."""
    statements: list[str] = []
    if connection.vendor == "postgresql":
        statements = [*POSTGRESQL_FUNCTIONS, *POSTGRESQL_TRIGGERS.values()]
        # A trigger switched off with ALTER TABLE … DISABLE TRIGGER is there but does nothing.
        statements += [f"ALTER TABLE {TABLE} ENABLE TRIGGER {name}" for name in POSTGRESQL_TRIGGERS]
    elif connection.vendor == "sqlite":
        statements = list(SQLITE_TRIGGERS.values())
    else:
        raise NotImplementedError(
            f"The audit record cannot protect its table on {connection.vendor}: "
            "use SQLite or PostgreSQL."
        )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers: only for reversing the migration that created them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in POSTGRESQL_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_refuse_change()")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_refuse_truncate()")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def missing(connection: BaseDatabaseWrapper) -> list[str]:
    """The protecting triggers that are absent or disabled, by name; empty when all are on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected(connection) if name not in present]

"""The database itself refuses to change or delete an entry, whatever program asks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from taizhang.audit import triggers
from taizhang.audit.models import AppendOnly, AuditEntry
from tests.audit.entries import write_entries

pytestmark = pytest.mark.django_db


def refused(statement: str) -> str:
    """Run ``statement`` in a savepoint and return the database's refusal."""
    with (
        pytest.raises(DatabaseError) as refusal,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    return str(refusal.value)


def test_the_triggers_are_in_place_after_migrate() -> None:
    assert triggers.missing(connection) == []


def test_the_database_refuses_to_update_an_entry() -> None:
    write_entries(2)
    message = refused("UPDATE audit_entry SET actor = 'cli:mallory' WHERE id = 1")
    assert "append-only" in message
    assert AuditEntry.objects.get(id=1).actor != "cli:mallory"


def test_the_database_refuses_to_delete_an_entry() -> None:
    write_entries(2)
    assert "append-only" in refused("DELETE FROM audit_entry WHERE id = 2")
    assert AuditEntry.objects.count() == 2


def test_the_database_refuses_to_delete_every_entry() -> None:
    write_entries(2)
    assert "append-only" in refused("DELETE FROM audit_entry")
    assert AuditEntry.objects.count() == 2


def test_postgresql_refuses_to_truncate_the_record(on_postgresql) -> None:
    write_entries(2)
    assert "TRUNCATE of its audit entries refused" in refused("TRUNCATE audit_entry")
    assert "TRUNCATE" in refused("TRUNCATE audit_entry, auth_user CASCADE")
    assert AuditEntry.objects.count() == 2


def test_postgresql_lets_an_empty_record_be_truncated_as_test_flushes_do(on_postgresql) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_entry")
    assert not AuditEntry.objects.exists()


def test_a_disabled_trigger_counts_as_missing(on_postgresql) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_refuse_change")
    assert triggers.missing(connection) == ["audit_entry_refuse_change"]
    call_command("audit", "protect", stdout=StringIO())
    assert triggers.missing(connection) == []


def test_protect_puts_a_dropped_trigger_back() -> None:
    with connection.cursor() as cursor:
        name = triggers.expected(connection)[0]
        on_table = " ON audit_entry" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER {name}{on_table}")
    assert triggers.missing(connection) == [name]
    call_command("audit", "protect", stdout=StringIO())
    assert triggers.missing(connection) == []
    write_entries(1)
    assert "append-only" in refused("UPDATE audit_entry SET actor = 'x'")


def test_the_application_has_no_way_to_change_or_delete_an_entry() -> None:
    entry = write_entries(1)[0]
    entry.actor = "cli:mallory"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(id=entry.id).update(actor="cli:mallory")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.create(id=2, actor="cli:mallory")
    assert AuditEntry.objects.get().actor != "cli:mallory"

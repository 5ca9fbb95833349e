"""Verifying: an intact chain says so; any entry altered, removed or inserted is named."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from taizhang.audit.chain import entry_content, hash_content
from taizhang.audit.models import AuditEntry
from taizhang.audit.recorder import record
from taizhang.audit.verify import Break, verify_chain
from tests.audit.databases import DROP_TRIGGERS
from tests.audit.entries import write_entries

pytestmark = pytest.mark.django_db


def intruder(*statements: str, params: list | None = None) -> None:
    """Drop the protecting triggers and run ``statements``, as someone with the database's
    password could. The test's transaction puts the triggers back afterwards."""
    with connection.cursor() as cursor:
        for statement in DROP_TRIGGERS[connection.vendor]:
            cursor.execute(statement)
        for statement in statements:
            cursor.execute(statement, params)


def verify_command(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def verify_failure(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        verify_command(*args)
    assert failure.value.returncode == 1
    return str(failure.value)


def test_an_empty_record_is_intact() -> None:
    found = verify_chain()
    assert found.intact
    assert found.count == 0
    assert "holds no entries yet" in verify_command()


def test_an_intact_chain_gives_its_count_and_head() -> None:
    entries = write_entries(5)
    found = verify_chain()
    assert found.intact
    assert (found.count, found.head_id, found.head_hash) == (5, 5, entries[-1].entry_hash)
    assert f"5 entries, head #5 {entries[-1].entry_hash} (sha256)" in verify_command()


def test_verify_streams_the_record_in_chunks() -> None:
    write_entries(25)
    assert verify_chain(chunk_size=4).count == 25


def test_an_altered_entry_is_named() -> None:
    write_entries(5)
    intruder("UPDATE audit_entry SET actor = 'cli:someone-else' WHERE id = 3")
    found = verify_chain()
    assert (found.problem.kind, found.problem.entry) == (Break.ALTERED, 3)
    assert found.count == 2
    message = verify_failure()
    assert "Entry 3 does not match: its content no longer gives its stored hash" in message
    assert "The 2 entries before it are intact" in message


def test_an_altered_value_is_named_too() -> None:
    write_entries(5)
    intruder('UPDATE audit_entry SET "after" = %s WHERE id = 4', params=['{"value":"9.00"}'])
    assert verify_chain().problem.entry == 4


def test_a_removed_entry_is_named() -> None:
    write_entries(5)
    intruder("DELETE FROM audit_entry WHERE id = 3")
    found = verify_chain()
    assert (found.problem.kind, found.problem.entry) == (Break.MISSING, 3)
    assert "Entry 3 does not match: it is missing" in verify_failure()


def test_several_removed_entries_are_named_from_the_first() -> None:
    write_entries(6)
    intruder("DELETE FROM audit_entry WHERE id IN (2, 3, 4)")
    message = verify_failure()
    assert "Entry 2 does not match: entries 2 to 4 are missing" in message
    assert "the entry after #1 is #5" in message


def test_a_removed_first_entry_is_named() -> None:
    write_entries(3)
    intruder("DELETE FROM audit_entry WHERE id = 1")
    assert "Entry 1 does not match: it is missing" in verify_failure()


def test_a_forged_entry_inserted_at_the_end_is_named() -> None:
    entries = write_entries(3)
    intruder(
        "INSERT INTO audit_entry (id, time, actor, source, request_id, action, object_type, "
        "object_id, before, after, result, algorithm, prev_hash, entry_hash) VALUES "
        "(4, %s, 'cli:alice', 'cli', '', 'project.withdraw', 'project', '9', NULL, NULL, "
        "'success', 'sha256', %s, %s)",
        params=[datetime.datetime.now(datetime.UTC), entries[-1].entry_hash, "f" * 64],
    )
    found = verify_chain()
    assert (found.problem.kind, found.problem.entry) == (Break.ALTERED, 4)
    assert "Entry 4 does not match" in verify_failure()


def test_a_forgery_re_hashed_in_place_breaks_the_link_of_the_next_entry() -> None:
    """Someone who recomputes a changed entry's own hash still cannot make the next fit."""
    write_entries(4)
    forged = AuditEntry.objects.get(id=2)
    forged.actor = "cli:someone-else"
    fields = {
        field.attname: getattr(forged, field.attname)
        for field in AuditEntry._meta.concrete_fields
        if field.attname != "entry_hash"
    }
    new_hash = hash_content(entry_content(**fields), "sha256")
    intruder(
        "UPDATE audit_entry SET actor = 'cli:someone-else', entry_hash = %s WHERE id = 2",
        params=[new_hash],
    )
    found = verify_chain()
    assert (found.problem.kind, found.problem.entry) == (Break.UNLINKED, 3)
    assert "Entry 3 does not match: its previous hash is not the hash of entry 2" in (
        verify_failure()
    )


def test_a_missing_trigger_fails_verify_even_when_the_chain_is_intact() -> None:
    write_entries(2)
    intruder()
    found = verify_chain()
    assert found.problem is None
    assert not found.intact
    assert "taizhang audit protect" in verify_failure()


def test_an_anchor_noted_earlier_must_still_be_in_the_chain() -> None:
    entries = write_entries(3)
    noted = entries[-1].entry_hash
    assert verify_chain(anchors=[noted]).anchors == {noted: 3}
    assert "intact" in verify_command("--anchor", noted)
    assert "no longer holds the entry with the hash " + "a" * 64 in verify_failure(
        "--anchor", "a" * 64
    )


def test_cutting_the_end_of_the_record_is_caught_by_an_anchor() -> None:
    entries = write_entries(4)
    noted = entries[-1].entry_hash
    intruder("DELETE FROM audit_entry WHERE id = 4")
    assert verify_chain().problem is None  # the chain alone cannot tell
    assert verify_chain(anchors=[noted]).problem.kind is Break.ANCHOR


def test_a_chain_that_changed_algorithm_verifies_each_entry_with_its_own(settings) -> None:
    write_entries(2)
    settings.AUDIT_HASH = "sm3"
    with transaction.atomic():
        record("setting.change", "setting", "TAIZHANG_AUDIT_HASH", "sha256", "sm3")
    found = verify_chain()
    assert found.intact
    assert found.algorithms == {"sha256", "sm3"}


def test_verify_reports_in_json() -> None:
    write_entries(2)
    report = json.loads(verify_command("--format", "json"))
    assert report["intact"] is True
    assert report["count"] == 2
    assert report["problem"] is None

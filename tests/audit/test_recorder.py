"""Recording: entries chained in order, written in the caller's transaction, by whom it says."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from taizhang.audit.chain import GENESIS, entry_content, hash_content
from taizhang.audit.context import acting_as, os_user
from taizhang.audit.models import AuditEntry, Result, Source
from taizhang.audit.recorder import AuditError, Change, record, record_many, values_of
from taizhang.ledger.models import Region
from tests.audit.entries import project_changes, write_entries

pytestmark = pytest.mark.django_db


def stored_content(entry: AuditEntry) -> dict:
    fields = {
        field.attname: getattr(entry, field.attname)
        for field in AuditEntry._meta.concrete_fields
        if field.attname != "entry_hash"
    }
    return entry_content(**fields)


def test_the_first_entry_follows_the_genesis_hash_and_each_next_one_the_one_before() -> None:
    entries = write_entries(3)
    assert [entry.id for entry in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS
    assert entries[1].prev_hash == entries[0].entry_hash
    assert entries[2].prev_hash == entries[1].entry_hash


def test_an_entry_s_hash_is_the_hash_of_what_was_stored() -> None:
    with transaction.atomic():
        record(
            "project.create",
            "project",
            7,
            None,
            {
                "name": "两江新区智能网联汽车项目",
                "value": Decimal("1500000000.00"),
                "signing_date": datetime.date(2021, 8, 23),
                "investors": [3, 1],
            },
        )
    (entry,) = AuditEntry.objects.all()
    assert entry.after == {
        "name": "两江新区智能网联汽车项目",
        "value": "1500000000.00",
        "signing_date": "2021-08-23",
        "investors": [3, 1],
    }
    assert entry.algorithm == "sha256"
    assert hash_content(stored_content(entry), "sha256") == entry.entry_hash


def test_record_returns_the_entry_it_wrote() -> None:
    with transaction.atomic():
        returned = record("setting.change", "setting", "TAIZHANG_LANGUAGE", "en", "zh-hans")
    stored = AuditEntry.objects.get()
    assert (returned.id, returned.entry_hash) == (stored.id, stored.entry_hash)
    assert (stored.before, stored.after) == ("en", "zh-hans")


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_atomic_is_refused_and_writes_nothing() -> None:
    with pytest.raises(AuditError, match=r"inside transaction\.atomic\(\)"):
        record("project.update", "project", 1, {"value": "1"}, {"value": "2"})
    with pytest.raises(AuditError):
        record_many(project_changes(2))
    assert not AuditEntry.objects.exists()


def test_entries_roll_back_with_the_change_they_record() -> None:
    write_entries(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_many(project_changes(5, start=10))
        raise RuntimeError("the import found a bad row")
    assert AuditEntry.objects.count() == 1
    # The chain goes on from the last committed entry, without a gap.
    with transaction.atomic():
        entry = record("project.update", "project", 2, None, None)
    assert entry.id == 2


def test_record_many_writes_every_change_in_order_in_batches() -> None:
    with transaction.atomic():
        written = record_many(project_changes(25), batch_size=10)
    assert written == 25
    entries = list(AuditEntry.objects.order_by("id"))
    assert [entry.object_id for entry in entries] == [str(n) for n in range(1, 26)]
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash


def test_record_many_reads_a_generator_once() -> None:
    changes = (change for change in project_changes(4))
    with transaction.atomic():
        assert record_many(changes) == 4


def test_a_bulk_record_costs_a_few_queries_however_many_entries(
    django_assert_max_num_queries,
) -> None:
    with django_assert_max_num_queries(6), transaction.atomic():
        record_many(project_changes(5000))
    assert AuditEntry.objects.count() == 5000


def test_without_a_context_the_actor_is_the_command_line_user() -> None:
    with transaction.atomic():
        entry = record("project.update", "project", 1, None, None)
    assert entry.actor == f"cli:{os_user()}"
    assert entry.source == Source.CLI
    assert entry.request_id == ""


def test_the_context_names_the_actor_source_and_request() -> None:
    with acting_as("zhang.wei", Source.WEB, "req-42"), transaction.atomic():
        record("project.update", "project", 1, None, None)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.source, entry.request_id) == ("zhang.wei", "web", "req-42")


def test_an_explicit_actor_wins_over_the_context() -> None:
    with acting_as("anonymous", Source.WEB), transaction.atomic():
        record("sign_in_failed", "user", "li.na", actor="li.na", result=Result.FAILURE)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.source, entry.result) == ("li.na", "web", "failure")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Change("Project Update", "project", 1), "not of the form noun.verb"),
        (Change("project.update", "Project", 1), "not a lower-case word"),
        (Change("project.update", "project", ""), "object id"),
        (Change("project.update", "project", 1, result="maybe"), "Unknown result"),
    ],
)
def test_a_malformed_change_is_refused(change: Change, message: str) -> None:
    with pytest.raises(AuditError, match=message), transaction.atomic():
        record_many([change])


def test_an_unknown_source_is_refused() -> None:
    with pytest.raises(AuditError, match="Unknown source"), transaction.atomic():
        record("project.update", "project", 1, source="email")


def test_values_of_gives_an_object_s_columns_as_plain_data() -> None:
    region = Region.objects.filter(parent__isnull=False).first()
    values = values_of(region, exclude=["path"])
    assert values["id"] == region.pk
    assert values["parent_id"] == region.parent_id
    assert "path" not in values


def test_values_of_never_gives_a_password_hash() -> None:
    values = values_of(User(username="li.na", password="argon2$argon2id$v=19$m=102400"))
    assert values["username"] == "li.na"
    assert "password" not in values


def test_entries_hashed_with_sm3_say_so(settings) -> None:
    settings.AUDIT_HASH = "sm3"
    entry = write_entries(1)[0]
    assert entry.algorithm == "sm3"
    assert hash_content(stored_content(entry), "sm3") == entry.entry_hash

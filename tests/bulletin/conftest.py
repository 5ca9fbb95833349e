"""Fixtures of the bulletin tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from taizhang.ledger.demo import DemoSummary, build_demo_ledger
from tests.bulletin.small_ledger import SmallLedger


@pytest.fixture(scope="module")
def demo_ledger(django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:
    """The demo ledger, built once for the module that asks for it and rolled back after it.

    Tests using it still need the ``django_db`` mark: each then runs in a savepoint inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo_ledger()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def small(db) -> SmallLedger:
    """An empty small ledger to build on: regions, sectors, an investor of each type."""
    return SmallLedger()

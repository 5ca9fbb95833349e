"""Fixtures of the access tests: the scope ledger, its users, and signed-in clients."""

from __future__ import annotations

import pytest

from tests.access.scope_ledger import ScopeLedger, build


@pytest.fixture
def scope_ledger(db) -> ScopeLedger:
    """The hand-made ledger of :mod:`tests.access.scope_ledger`, with a user of every role."""
    return build()

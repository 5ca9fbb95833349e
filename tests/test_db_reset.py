"""Recreating the database refuses to start inside a transaction, in the user's language."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import translation

from taizhang.db_reset import ResetError, drop_all_tables
from taizhang.ledger.models import Region


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The database cannot be recreated inside a transaction: recreate it outside"),
        ("zh-hans", "不能在事务中重建数据库：请在事务之外重建"),
    ],
)
def test_dropping_the_tables_inside_a_transaction_is_refused_and_drops_nothing(
    language: str, expected: str
) -> None:
    before = Region.objects.count()
    with translation.override(language), transaction.atomic(), pytest.raises(ResetError) as raised:
        drop_all_tables()
    assert str(raised.value).startswith(expected)
    assert Region.objects.count() == before

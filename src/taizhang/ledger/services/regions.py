"""Changing a region by hand: recorded with every region under it that the change moves.

A region's ``path`` holds the codes of all its ancestors, so a new parent or a new code for
one region changes the path of every region under it (``Region.save`` keeps them true). Each
of those is a change of that region, and the audit record has one entry for each, like a
``regions load`` that moves a region (:mod:`taizhang.ledger.reference.loader`). The region's
own change is recorded by whoever saves it (the admin records every save).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from taizhang.audit.recorder import Change, record_many
from taizhang.ledger.models import Region


@contextmanager
def recording_moves_under(region: Region) -> Iterator[None]:
    """Record, one ``region.update`` per region, the new path of each region under ``region``
    that what runs inside moves; in one transaction with it.

    The regions under it are read (and locked) by the path it had before, and read again
    after: two statements however deep the tree, and the entries are written together.
    """
    with transaction.atomic():
        old_path = (
            Region.objects.filter(pk=region.pk).values_list("path", flat=True).first()
            if region.pk is not None
            else None
        )
        before: dict[int, str] = {}
        if old_path:
            before = dict(
                Region.objects.select_for_update()
                .filter(path__startswith=old_path)
                .exclude(pk=region.pk)
                .values_list("pk", "path")
            )
        yield
        if not before:
            return
        after = Region.objects.filter(pk__in=list(before)).order_by("path")
        record_many(
            Change(
                "region.update",
                "region",
                pk,
                {"code": code, "path": before[pk]},
                {"code": code, "path": path},
            )
            for pk, code, path in after.values_list("pk", "code", "path")
            if path != before[pk]
        )

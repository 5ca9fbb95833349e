"""The admin's changes in the audit record: every object it creates, changes or deletes.

The admin saves through Django's own ``save_model``, ``save_formset`` and ``delete_*`` hooks
rather than a service of ours, so :class:`AuditedAdminMixin` records each of them there, in the
same transaction, with the object's values before and after. Who and from where come from the
request's audit context (the signed-in user, source ``admin``). Projects are not recorded here:
they are changed through :mod:`taizhang.ledger.services.projects`, which records the whole edit.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from taizhang.audit.recorder import Change, record, record_many, values_of


def object_type(model: type[models.Model]) -> str:
    """The audit record's name for a model: ``IndustryChain`` → ``industry_chain``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def stored_values(obj: models.Model) -> dict[str, Any] | None:
    """``obj``'s values as the database holds them now (a form may have changed the instance
    already), or None when it is not stored."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if stored is None else values_of(stored)


class AuditedAdminMixin:
    """Record what a model admin (and its inlines) create, change and delete."""

    model: type[models.Model]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = stored_values(obj) if change else None
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            after = values_of(obj)
            if before != after:
                kind = object_type(type(obj))
                action = "update" if before is not None else "create"
                record(f"{kind}.{action}", kind, obj.pk, before, after)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            pk, before = obj.pk, stored_values(obj)
            super().delete_model(request, obj)  # type: ignore[misc]
            kind = object_type(type(obj))
            record(f"{kind}.delete", kind, pk, before, None)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            kind = object_type(queryset.model)
            gone = [
                Change(f"{kind}.delete", kind, obj.pk, values_of(obj), None)
                for obj in queryset.order_by("pk")
            ]
            super().delete_queryset(request, queryset)  # type: ignore[misc]
            record_many(gone)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            # Read before the save: after it a deleted row is gone, a changed one changed.
            before = {
                id(inline.instance): (inline.instance.pk, stored_values(inline.instance))
                for inline in formset.initial_forms
            }
            super().save_formset(request, form, formset, change)  # type: ignore[misc]
            kind = object_type(formset.model)
            changes = [
                Change(f"{kind}.create", kind, obj.pk, None, values_of(obj))
                for obj in formset.new_objects
            ]
            for obj, _fields in formset.changed_objects:
                old = before.get(id(obj), (obj.pk, None))[1]
                changes.append(Change(f"{kind}.update", kind, obj.pk, old, values_of(obj)))
            for obj in formset.deleted_objects:
                pk, old = before.get(id(obj), (obj.pk, None))
                changes.append(Change(f"{kind}.delete", kind, pk, old, None))
            if changes:
                record_many(changes)

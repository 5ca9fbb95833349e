"""Admin classes whose every query goes through :func:`taizhang.access.restrict.restrict`.

Change lists, change pages, autocomplete answers and the drop-downs of forms show what the
signed-in user may see; what they may not see does not exist: its page answers 404. What a
user may add, change or delete is the same function's answer for that action.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from taizhang.access.restrict import ADD, CHANGE, DELETE, VIEW, permits, restrict


def _may(request: HttpRequest, model: type[Model], action: str, obj: Model | None) -> bool:
    if obj is None or obj.pk is None:
        return permits(request.user, model, action)
    rows = model._default_manager.filter(pk=obj.pk)
    return restrict(rows, request.user, action).exists()


class RestrictedFormFields:
    """Drop-downs of foreign keys and many-to-many fields list only what the user may see."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            related = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = restrict(related, request.user, VIEW)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            related = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = restrict(related, request.user, VIEW)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class RestrictedModelAdmin(RestrictedFormFields, admin.ModelAdmin):
    """A model admin that shows and changes only what :func:`restrict` allows."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return restrict(super().get_queryset(request), request.user, VIEW)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        found = super().get_object(request, object_id, from_field)
        if found is None:
            # Outside the user's rights or not there at all: the same answer for both.
            raise Http404(
                _("No %(kind)s with the id %(id)s.")
                % {"kind": self.model._meta.verbose_name, "id": object_id}
            )
        return found

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.model, VIEW, obj) or _may(request, self.model, CHANGE, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.model, CHANGE, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may(request, self.model, ADD, None)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.model, DELETE, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


class RestrictedInlineMixin(RestrictedFormFields):
    """An inline's rows as the user may see them; adding, changing or removing one is
    changing the object they belong to."""

    model: type[Model]
    parent_model: type[Model]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return restrict(super().get_queryset(request), request.user, VIEW)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return permits(request.user, self.model, VIEW)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.parent_model, CHANGE, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.parent_model, CHANGE, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _may(request, self.parent_model, CHANGE, obj)


class RestrictedTabularInline(RestrictedInlineMixin, admin.TabularInline):
    """A tabular inline under :class:`RestrictedInlineMixin`."""

"""Accounts in the admin: read only, and through :func:`restrict` like everything else.

Accounts are managed with ``taizhang users`` by the security administrator, through the
services that record every change (:mod:`taizhang.access.services`); the admin shows them and
never changes them. Django's own user, group and device pages are removed: groups and Django's
permission tables are not used, and a TOTP secret is nobody's to read.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access.adminviews import RestrictedModelAdmin
from taizhang.access.roles import role_label

User = get_user_model()

for model in (User, Group, TOTPDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class AccountAdmin(RestrictedModelAdmin):
    """Who may sign in, with which role and scopes (read only)."""

    list_display = ("username", "role", "scopes", "is_active", "last_login")
    list_filter = ("is_active", "membership__role")
    search_fields = ("username",)
    fields = ("username", "role", "scopes", "is_active", "last_login", "date_joined")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("membership", "membership__investor")
            .prefetch_related("membership__regions", "membership__parks", "membership__chains")
        )

    @admin.display(description=_("role"))
    def role(self, user: Model) -> str:
        membership = getattr(user, "membership", None)
        return role_label(membership.role) if membership else "—"

    @admin.display(description=_("scopes"))
    def scopes(self, user: Model) -> str:
        from taizhang.access.services import describe_scopes

        membership = getattr(user, "membership", None)
        return describe_scopes(membership) if membership else "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

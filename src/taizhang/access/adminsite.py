"""The admin site: the bureau administrator's (and the demo administrator's), nobody else's.

Signing in goes through taizhang's own pages (:mod:`taizhang.access.views`): lockout and the
second factor apply; the admin's own login form is never shown.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from taizhang.access import twofactor
from taizhang.access.auditing import record_entry
from taizhang.access.restrict import grant_of
from taizhang.access.roles import Role, role_label


def may_use_admin(request: HttpRequest) -> bool:
    """Whether the request's user may use the admin: an active bureau administrator (or the
    demo's administrator), signed in with the second factor their sign-in needs."""
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    grant = grant_of(user)
    if not (grant.everything or grant.role == Role.BUREAU_ADMIN):
        return False
    return twofactor.satisfied(request)


class TaizhangAdminSite(admin.AdminSite):
    """Django's admin site, for the bureau administrator, behind taizhang's sign-in."""

    def has_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        if not request.user.is_authenticated:
            query = urlencode({"next": next_url})
            return redirect(f"{reverse('access:signin')}?{query}")
        if may_use_admin(request):
            return redirect(next_url)
        role = grant_of(request.user).role
        if role == Role.BUREAU_ADMIN:
            refused = _(
                "The ledger administration needs the code of your authenticator app: sign out, "
                "then sign in again with it."
            )
        else:
            refused = _(
                "The ledger administration is for the bureau administrator; your account has "
                "another role. Sign out to sign in as someone else."
            )
        context = {
            "username": request.user.get_username(),
            "role": role_label(role or "") or _("no role"),
            "refused": refused,
        }
        return render(request, "access/signed_in.html", context, status=403)

    def password_change(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            name = request.user.get_username()
            record_entry("user.password", "user", name, actor=name)
        return response

    def logout(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        from taizhang.access.views import signout

        return signout(request)

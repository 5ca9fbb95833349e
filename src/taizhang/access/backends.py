"""The authentication backend: Django's password check, behind the lockout."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from taizhang.access import lockout


class LockoutBackend(ModelBackend):
    """Check a user name and password, unless the name or the address is locked out.

    Every failure is recorded (:func:`taizhang.access.lockout.register_failure`), and a locked
    name or address is refused before its password is looked at. Whatever calls
    ``django.contrib.auth.authenticate`` — the sign-in page, the API later — goes through it.
    Permissions come from roles (:mod:`taizhang.access.restrict`), never from Django's
    permission tables or the superuser flag, so this backend grants none.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = lockout.client_address(request)
        if lockout.locked(username, address) is not None:
            lockout.register_failure(username, address, "locked")
            raise PermissionDenied  # stops authenticate() trying any other backend
        user = super().authenticate(request, username=username, password=password)
        if user is None:
            known = get_user_model().objects.filter(username=username).first()
            reason = "disabled" if known is not None and not known.is_active else "password"
            lockout.register_failure(username, address, reason)
        return user

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

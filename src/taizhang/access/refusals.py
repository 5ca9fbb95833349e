"""Who a refusal is about, as every refusal names them: the user's name and their role.

A command run ``--as`` a user, or a service acting for one, refuses what the user's role may
not do with a whole sentence of its own (one message per refusal, so that each translates
whole); each names the user as ``name (role)`` from :func:`who`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from taizhang.access.restrict import grant_of
from taizhang.access.roles import role_label


def who(user: Any) -> dict[str, str]:
    """``{"name": …, "role": …}`` of ``user`` for a message: the role in the active language,
    or "no role"."""
    role = grant_of(user).role
    return {"name": user.get_username(), "role": role_label(role) if role else _("no role")}

"""The roles: fixed, few, one per user. What each may do is decided in :mod:`.restrict`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A user's one role. Scoped roles see what their scopes (regions, parks, chains, an
    investor) cover; the others see the whole ledger, aggregates only, or no ledger at all."""

    BUREAU_ADMIN = "bureau_admin", _("bureau administrator")
    BUREAU_STAFF = "bureau_staff", _("bureau staff")
    DISTRICT_OFFICER = "district_officer", _("district officer")
    PARK_HEAD = "park_head", _("park head")
    CHAIN_CHIEF = "chain_chief", _("chain chief")
    INSPECTOR = "inspector", _("inspector")
    PROJECT_OWNER = "project_owner", _("project owner")
    VIEWER = "viewer", _("viewer")
    SECURITY_ADMIN = "security_admin", _("security administrator")
    AUDITOR = "auditor", _("auditor")


#: Roles whose rights end at their scopes; each needs the kind of scope named here.
SCOPED_ROLES: dict[str, str] = {
    Role.DISTRICT_OFFICER: "regions",
    Role.PARK_HEAD: "parks",
    Role.CHAIN_CHIEF: "chains",
    Role.PROJECT_OWNER: "investor",
}

#: Roles that read every project of the ledger.
WHOLE_LEDGER_ROLES = frozenset({Role.BUREAU_ADMIN, Role.BUREAU_STAFF, Role.INSPECTOR})

#: Roles that work with the ledger at all (the security administrator and the auditor do not).
LEDGER_ROLES = frozenset({*WHOLE_LEDGER_ROLES, *SCOPED_ROLES, Role.VIEWER})

#: Roles that must sign in with a second factor when TAIZHANG_REQUIRE_2FA is on.
TWO_FACTOR_ROLES = frozenset({Role.BUREAU_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR})


def role_label(value: str) -> str:
    """The role's name in the active language, or the value itself when it is not a role."""
    try:
        return str(Role(value).label)
    except ValueError:
        return value

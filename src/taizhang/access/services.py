"""Managing users: create, disable, enable, change role and scopes, reset a second factor,
unlock. Every write path for accounts calls these; each change is recorded in the audit record
in its own transaction.

Only the security administrator (or the operator at the command line, who sets up the first
one) may manage users, and nobody their own account: a security administrator cannot make
themselves anything else, nor re-enable themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access import lockout
from taizhang.access.acting import acting_user
from taizhang.access.auditing import record_entry
from taizhang.access.models import Membership
from taizhang.access.restrict import ADD, CHANGE, VIEW, forget_grant, permits, restrict
from taizhang.access.roles import SCOPED_ROLES, Role, role_label
from taizhang.i18n import join_clauses, join_list
from taizhang.ledger.models import IndustryChain, Investor, Park, Region
from taizhang.ledger.normalise import normalise_name
from taizhang.ledger.regions import RegionLookup, RegionLookupError

User = get_user_model()


class AccessError(Exception):
    """A user cannot be managed as asked; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class ScopeNames:
    """Scopes as the user wrote them: region codes or names, park, chain and investor names."""

    regions: list[str] = field(default_factory=list)
    parks: list[str] = field(default_factory=list)
    chains: list[str] = field(default_factory=list)
    investor: str | None = None

    def __bool__(self) -> bool:
        return bool(self.regions or self.parks or self.chains or self.investor)


@dataclass
class Scopes:
    """Scopes resolved to the ledger's regions, parks, chains and investor."""

    regions: list[Region] = field(default_factory=list)
    parks: list[Park] = field(default_factory=list)
    chains: list[IndustryChain] = field(default_factory=list)
    investor: Investor | None = None


# --- the services --------------------------------------------------------------------------


def create_user(
    username: str, role: str, scopes: ScopeNames | None = None, password: str | None = None
) -> Any:
    """Create an active user with ``role`` and ``scopes``; no password means none can be used
    until one is set. Raises :class:`AccessError` listing every problem."""
    _require(ADD)
    scopes = scopes or ScopeNames()
    problems: list[str] = []
    username = username.strip()
    if not username or len(username) > 150:
        problems.append(_("A user name must have 1 to 150 characters."))
    elif User.objects.filter(username__iexact=username).exists():
        problems.append(_("A user named %(name)s exists already.") % {"name": username})
    resolved = _check_role_and_scopes(role, scopes, problems)
    if password is not None:
        try:
            validate_password(password, User(username=username))
        except ValidationError as error:
            problems.extend(
                _("The password is not accepted: %(reason)s") % {"reason": message}
                for message in error.messages
            )
    if problems:
        raise AccessError(problems)
    with transaction.atomic():
        user = User(username=username, is_active=True)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        membership = Membership.objects.create(user=user, role=role)
        _apply_scopes(membership, resolved)
        record_entry(
            "user.create", "user", username, None, {**describe(membership), "is_active": True}
        )
    return user


def change_role(username: str, role: str | None, scopes: ScopeNames | None) -> Any:
    """Give a user another role, or other scopes, or both (scopes given replace the old ones;
    a new role without scopes keeps them only if it takes that kind)."""
    _require(CHANGE)
    user = _find(username)
    _not_oneself(
        user,
        _("Nobody may change the role of their own account: ask another security administrator."),
    )
    membership = Membership.objects.filter(user=user).first()
    new_role = role or (membership.role if membership else "")
    if scopes:
        names = scopes
    elif membership is not None and SCOPED_ROLES.get(new_role):
        names = _current_names(membership)  # the role's scopes carry over unless replaced
    else:
        names = ScopeNames()
    problems: list[str] = []
    resolved = _check_role_and_scopes(new_role, names, problems)
    if problems:
        raise AccessError(problems)
    with transaction.atomic():
        before = describe(membership) if membership else None
        if membership is None:
            membership = Membership.objects.create(user=user, role=new_role)
        else:
            membership.role = new_role
            membership.save(update_fields=["role", "updated_at"])
        _apply_scopes(membership, resolved)
        after = describe(membership)
        if before != after:
            record_entry("user.change", "user", user.get_username(), before, after)
    forget_grant(user)
    return user


def set_active(username: str, active: bool) -> Any:
    """Disable a user (they can no longer sign in, and ``--as`` refuses them) or enable one."""
    _require(CHANGE)
    user = _find(username)
    _not_oneself(
        user,
        _("Nobody may enable their own account: ask another security administrator.")
        if active
        else _("Nobody may disable their own account: ask another security administrator."),
    )
    if user.is_active == active:
        return user
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_entry(
            "user.enable" if active else "user.disable",
            "user",
            user.get_username(),
            {"is_active": not active},
            {"is_active": active},
        )
    return user


def reset_two_factor(username: str) -> int:
    """Remove a user's authenticator devices: they set one up anew at their next sign-in.
    Returns how many were removed."""
    _require(CHANGE)
    user = _find(username)
    _not_oneself(
        user,
        _(
            "Nobody may reset the second factor of their own account: ask another security "
            "administrator."
        ),
    )
    with transaction.atomic():
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            record_entry(
                "user.two_factor_reset",
                "user",
                user.get_username(),
                {"devices": removed},
                {"devices": 0},
            )
    return removed


def unlock(username: str) -> int:
    """End the lockout of a user name now; how many locks were ended."""
    _require(CHANGE)
    user = _find(username)
    with transaction.atomic():
        ended = lockout.unlock(user.get_username())
        if ended:
            record_entry(
                "user.unlock", "user", user.get_username(), {"locked": True}, {"locked": False}
            )
    return ended


def visible_users() -> Any:
    """The users the acting user may see, with their memberships, by name."""
    return restrict(User.objects.all(), acting_user(), VIEW).order_by("username")


def describe(membership: Membership) -> dict[str, Any]:
    """A membership as the audit record keeps it: role, and scopes by code and name."""
    return {
        "role": membership.role,
        "regions": sorted(membership.regions.values_list("code", flat=True)),
        "parks": [f"{park.pk} {park.name_zh}" for park in membership.parks.order_by("pk")],
        "chains": sorted(membership.chains.values_list("code", flat=True)),
        "investor": (
            f"{membership.investor_id} {membership.investor.name_zh or membership.investor.name_en}"
            if membership.investor_id
            else None
        ),
    }


def describe_scopes(membership: Membership) -> str:
    """Scopes in words: ``regions 500112 渝北区; parks 仙桃数据谷``; or ``—``."""
    parts = []
    regions = join_list(f"{r.code} {r.name}" for r in membership.regions.all())
    if regions:
        parts.append(_("regions %(list)s") % {"list": regions})
    parks = join_list(park.name for park in membership.parks.all())
    if parks:
        parts.append(_("parks %(list)s") % {"list": parks})
    chains = join_list(chain.name for chain in membership.chains.all())
    if chains:
        parts.append(_("chains %(list)s") % {"list": chains})
    if membership.investor_id:
        parts.append(_("investor %(name)s") % {"name": membership.investor.name})
    return join_clauses(parts) or "—"


# --- checks ---------------------------------------------------------------------------------


def _require(action: str) -> None:
    actor = acting_user()
    if not permits(actor, User, action):
        raise AccessError(
            [
                _(
                    "Only a security administrator manages users; %(name)s may not. Run the "
                    "command --as a security administrator."
                )
                % {"name": actor.get_username()}
            ]
        )


def _not_oneself(user: Any, refusal: str) -> None:
    # ``refusal`` is a whole sentence per action, not a verb dropped into a shared one:
    # Chinese places the action after the account (对自己的账号……), not before it.
    actor = acting_user()
    if getattr(actor, "pk", None) is not None and actor.pk == user.pk:
        raise AccessError([refusal])


def _find(username: str) -> Any:
    user = User.objects.filter(username=username).first()
    if user is None or not restrict(User.objects.filter(pk=user.pk), acting_user(), VIEW).exists():
        raise AccessError(
            [_("No user is named %(name)s; taizhang users list shows them.") % {"name": username}]
        )
    return user


def _check_role_and_scopes(role: str, names: ScopeNames, problems: list[str]) -> Scopes:
    """Check that ``role`` exists and ``names`` suit it; resolve them. Problems are added."""
    if role not in Role.values:
        problems.append(
            _("There is no role %(role)s; the roles are: %(roles)s.")
            % {"role": role, "roles": join_list(Role.values)}
        )
        return Scopes()
    needed = SCOPED_ROLES.get(role)
    if needed is None and names:
        problems.append(
            _(
                "A %(role)s sees the whole ledger, its aggregates or none of it: give no "
                "--region, --park, --chain or --investor."
            )
            % {"role": role_label(role)}
        )
    if needed == "regions" and not names.regions:
        problems.append(_("A district officer needs at least one --region."))
    if needed == "parks" and not names.parks:
        problems.append(_("A park head needs at least one --park."))
    if needed == "chains" and not names.chains:
        problems.append(_("A chain chief needs at least one --chain."))
    if needed == "investor" and not names.investor:
        problems.append(_("A project owner needs their --investor."))
    return _resolve(names, problems)


def _resolve(names: ScopeNames, problems: list[str]) -> Scopes:
    found = Scopes()
    if names.regions:
        lookup = RegionLookup.from_database()
        for text in names.regions:
            try:
                found.regions.append(lookup.resolve(text))
            except RegionLookupError as error:
                problems.append(
                    _("--region %(value)s: %(message)s") % {"value": text, "message": error.message}
                )
    for text in names.parks:
        park = _one_park(text, problems)
        if park is not None:
            found.parks.append(park)
    for text in names.chains:
        key = normalise_name(text)
        chain = next(
            (
                chain
                for chain in IndustryChain.objects.all()
                if key
                in {
                    normalise_name(chain.code),
                    normalise_name(chain.name_zh),
                    normalise_name(chain.name_en),
                }
            ),
            None,
        )
        if chain is None:
            known = join_list(IndustryChain.objects.values_list("code", flat=True)) or "—"
            problems.append(
                _("--chain %(value)s: no industry chain has this code or name (known: %(known)s).")
                % {"value": text, "known": known}
            )
        else:
            found.chains.append(chain)
    if names.investor:
        found.investor = _one_investor(names.investor, problems)
    return found


def _one_park(text: str, problems: list[str]) -> Park | None:
    name, _at, region_code = text.partition("@")
    key = normalise_name(name)
    parks = [
        park
        for park in Park.objects.select_related("region")
        if key in {normalise_name(park.name_zh), normalise_name(park.name_en)}
        and (not region_code or park.region.code == region_code.strip())
    ]
    if len(parks) == 1:
        return parks[0]
    if not parks:
        problems.append(_("--park %(value)s: no park has this name.") % {"value": text})
    else:
        choices = join_list(f"{park.name_zh}@{park.region.code}" for park in parks)
        problems.append(
            _("--park %(value)s: several parks have this name; write one of %(choices)s.")
            % {"value": text, "choices": choices}
        )
    return None


def _one_investor(text: str, problems: list[str]) -> Investor | None:
    value = text.strip()
    investors = list(Investor.objects.filter(credit_code=value.upper())) if value else []
    if not investors:
        investors = list(Investor.objects.filter(name_key=normalise_name(value)))
    if len(investors) == 1:
        return investors[0]
    if not investors:
        problems.append(
            _("--investor %(value)s: no investor has this name or credit code.") % {"value": text}
        )
    else:
        codes = join_list(investor.credit_code or "—" for investor in investors)
        problems.append(
            _(
                "--investor %(value)s: several investors have this name; give the credit "
                "code: %(codes)s."
            )
            % {"value": text, "codes": codes}
        )
    return None


def _current_names(membership: Membership) -> ScopeNames:
    return ScopeNames(
        regions=list(membership.regions.values_list("code", flat=True)),
        parks=[
            f"{park.name_zh}@{park.region.code}"
            for park in membership.parks.select_related("region")
        ],
        chains=list(membership.chains.values_list("code", flat=True)),
        investor=(membership.investor.credit_code or membership.investor.name_zh)
        if membership.investor_id
        else None,
    )


def _apply_scopes(membership: Membership, scopes: Scopes) -> None:
    membership.regions.set(scopes.regions)
    membership.parks.set(scopes.parks)
    membership.chains.set(scopes.chains)
    if membership.investor_id != (scopes.investor.pk if scopes.investor else None):
        membership.investor = scopes.investor
        membership.save(update_fields=["investor", "updated_at"])

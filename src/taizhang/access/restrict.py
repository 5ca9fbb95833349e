"""The one place that decides what a user may see and change: :func:`restrict`.

``restrict(Project.objects.all(), user, VIEW)`` is the projects ``user`` may see. Every read
path — exports, bulletins and statistics, the admin, commands run ``--as`` a user, and the
pages, API, search and drop-downs built later — narrows its queryset here; every write path
re-checks here inside its transaction. What is left out does not exist for that user: a page
answers 404, a command "not found".

The rules are plain code, one table or function per kind of object, written as
docs/access.md states them. Roles are few and fixed (:mod:`.roles`); a scoped role's rights
end at its scopes: projects landing in one of its regions (or under one), in one of its parks,
of one of its chains, or with its investor among their investors.

Actions: ``view`` (project-level data), ``aggregate`` (counted in figures: what a bulletin's
statistics run over), ``change``, ``add``, ``delete``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.db.models.query import EmptyQuerySet

from taizhang.access.acting import Operator
from taizhang.access.roles import LEDGER_ROLES, Role

VIEW = "view"
AGGREGATE = "aggregate"
CHANGE = "change"
ADD = "add"
DELETE = "delete"
ACTIONS = (VIEW, AGGREGATE, CHANGE, ADD, DELETE)

#: A role's right over a kind of object for an action: all of them, those in its scopes, none.
ALL = "all"
SCOPE = "scope"

_WHOLE = {Role.BUREAU_ADMIN: ALL, Role.BUREAU_STAFF: ALL, Role.INSPECTOR: ALL}
_SCOPED = {
    Role.DISTRICT_OFFICER: SCOPE,
    Role.PARK_HEAD: SCOPE,
    Role.CHAIN_CHIEF: SCOPE,
    Role.PROJECT_OWNER: SCOPE,
}

#: Projects: who may do what. The viewer counts every project in figures and sees none; the
#: inspector reads all and changes none; a project is withdrawn (a change), never deleted.
PROJECT_RIGHTS: dict[str, dict[str, str]] = {
    VIEW: {**_WHOLE, **_SCOPED},
    AGGREGATE: {**_WHOLE, **_SCOPED, Role.VIEWER: ALL},
    CHANGE: {Role.BUREAU_ADMIN: ALL, Role.BUREAU_STAFF: ALL, **_SCOPED},
    ADD: {
        Role.BUREAU_ADMIN: ALL,
        Role.BUREAU_STAFF: ALL,
        Role.DISTRICT_OFFICER: SCOPE,
        Role.PARK_HEAD: SCOPE,
        Role.CHAIN_CHIEF: SCOPE,
    },
    DELETE: {},
}

#: Investors: seen with the projects they invest in; created by whoever may add projects;
#: changed (type, origin) by the bureau only, since one investor spans many scopes.
INVESTOR_RIGHTS: dict[str, dict[str, str]] = {
    VIEW: {**_WHOLE, **_SCOPED},
    AGGREGATE: {**_WHOLE, **_SCOPED},
    CHANGE: {Role.BUREAU_ADMIN: ALL, Role.BUREAU_STAFF: ALL},
    ADD: {
        Role.BUREAU_ADMIN: ALL,
        Role.BUREAU_STAFF: ALL,
        Role.DISTRICT_OFFICER: ALL,
        Role.PARK_HEAD: ALL,
        Role.CHAIN_CHIEF: ALL,
    },
    DELETE: {},
}

_READ_REFERENCE = dict.fromkeys(LEDGER_ROLES, ALL)
_KEPT_BY_ADMIN = {Role.BUREAU_ADMIN: ALL}
_REFERENCE = {
    VIEW: _READ_REFERENCE,
    AGGREGATE: _READ_REFERENCE,
    ADD: _KEPT_BY_ADMIN,
    CHANGE: _KEPT_BY_ADMIN,
    DELETE: _KEPT_BY_ADMIN,
}
_KEPT_BY_BUREAU = {Role.BUREAU_ADMIN: ALL, Role.BUREAU_STAFF: ALL}

#: Reference data — regions, parks, chains, events, classifications: read by every ledger
#: role (figures are broken down by them), kept by the bureau administrator; events and their
#: rates by bureau staff too; a sector category is created on first use by whoever imports.
REFERENCE_RIGHTS: dict[str, dict[str, dict[str, str]]] = {
    "ledger.region": _REFERENCE,
    "ledger.park": _REFERENCE,
    "ledger.industrychain": _REFERENCE,
    "ledger.chainowner": _REFERENCE,
    "ledger.classificationscheme": _REFERENCE,
    "ledger.category": {**_REFERENCE, ADD: dict.fromkeys(PROJECT_RIGHTS[ADD], ALL)},
    "ledger.event": {**_REFERENCE, ADD: _KEPT_BY_BUREAU, CHANGE: _KEPT_BY_BUREAU},
    "ledger.exchangerate": {**_REFERENCE, ADD: _KEPT_BY_BUREAU, CHANGE: _KEPT_BY_BUREAU},
}

#: Published bulletins are figures of a whole event: for the roles that count the whole
#: ledger. A scoped role's bulletin is computed over its scopes instead.
BULLETIN_RIGHTS: dict[str, dict[str, str]] = {
    VIEW: {**_WHOLE, Role.VIEWER: ALL},
    AGGREGATE: {**_WHOLE, Role.VIEWER: ALL},
    ADD: {Role.BUREAU_ADMIN: ALL, Role.BUREAU_STAFF: ALL},
}

#: Accounts, second factors and sign-in records: the security administrator's; any user
#: sees (and sets up the second factor of) their own account.
ACCOUNT_RIGHTS: dict[str, dict[str, str]] = {
    VIEW: {Role.SECURITY_ADMIN: ALL},
    CHANGE: {Role.SECURITY_ADMIN: ALL},
    ADD: {Role.SECURITY_ADMIN: ALL},
    DELETE: {Role.SECURITY_ADMIN: ALL},
}

#: The audit record: the auditor's to read; nobody's to change.
AUDIT_RIGHTS: dict[str, dict[str, str]] = {VIEW: {Role.AUDITOR: ALL}}

BACKUP = "backup"
RESTORE = "restore"

#: Who may take a backup and restore one: the bureau administrator alone. A backup holds the
#: whole ledger, every account and the audit record, so no role that may read only part of
#: them takes one; MLPS 2.0 gives backup and recovery to the system administrator, which the
#: bureau administrator is here (docs/access.md). The operator and the demo's administrator
#: may do everything (:class:`Grant`).
DATABASE_RIGHTS: dict[str, dict[str, str]] = {
    BACKUP: {Role.BUREAU_ADMIN: ALL},
    RESTORE: {Role.BUREAU_ADMIN: ALL},
}


@dataclass(frozen=True)
class Grant:
    """What one user's role and scopes allow, read once per user object.

    ``everything`` is the operator at the command line and the demo's superuser; ``role`` is
    None for anyone without a membership (or signed out, or disabled): they may do nothing.
    """

    role: str | None = None
    everything: bool = False
    user_id: int | None = None
    region_paths: tuple[str, ...] = ()
    park_ids: frozenset[int] = field(default_factory=frozenset)
    chain_ids: frozenset[int] = field(default_factory=frozenset)
    investor_id: int | None = None

    def right(self, rights: dict[str, dict[str, str]], action: str) -> str | None:
        """The grant's right in ``rights`` for ``action``: ALL, SCOPE, or None."""
        if self.everything:
            return ALL
        if self.role is None:
            return None
        return rights.get(action, {}).get(self.role)

    def admits(
        self,
        region_path: str | None,
        park_id: int | None,
        chain_id: int | None,
        investor_ids: Collection[int | None],
    ) -> bool:
        """Whether a project with these values lies in the grant's scopes (in Python, for a
        row not written yet); the same rule as :func:`_project_scope` in SQL."""
        if region_path and any(region_path.startswith(path) for path in self.region_paths):
            return True
        if park_id is not None and park_id in self.park_ids:
            return True
        if chain_id is not None and chain_id in self.chain_ids:
            return True
        return self.investor_id is not None and self.investor_id in investor_ids


NOTHING = Grant()
EVERYTHING = Grant(everything=True)
_CACHE = "_taizhang_grant"


def grant_of(user: Any) -> Grant:
    """The :class:`Grant` of ``user``: a Django user, :data:`.acting.OPERATOR`, or None.

    Read from the database once per user object and kept on it; :func:`forget_grant` drops it
    when a role or scope changes.
    """
    if isinstance(user, Operator):
        return EVERYTHING
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    grant = _read_grant(user)
    setattr(user, _CACHE, grant)
    return grant


def forget_grant(user: Any) -> None:
    """Forget the grant kept on ``user``, so that the next check reads it again."""
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _read_grant(user: Any) -> Grant:
    from taizhang.access.demo import is_demo_database
    from taizhang.access.models import Membership

    if user.is_superuser and is_demo_database():
        return EVERYTHING
    membership = Membership.objects.filter(user_id=user.pk).first()
    if membership is None:
        return NOTHING
    return Grant(
        role=membership.role,
        user_id=user.pk,
        region_paths=tuple(membership.regions.order_by("path").values_list("path", flat=True)),
        park_ids=frozenset(membership.parks.values_list("pk", flat=True)),
        chain_ids=frozenset(membership.chains.values_list("pk", flat=True)),
        investor_id=membership.investor_id,
    )


# --- the function ------------------------------------------------------------------------


def restrict(queryset: QuerySet, user: Any, action: str) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may ``action`` (view, aggregate, change, add,
    delete); an empty queryset when nothing.

    ``user`` is a Django user (anonymous and disabled users may do nothing), or
    :data:`taizhang.access.acting.OPERATOR`. A kind of object without a rule here is hidden
    from everyone but the operator and the demo's administrator, until one is written.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: use one of {', '.join(ACTIONS)}")
    grant = grant_of(user)
    if grant.everything:
        return queryset
    if grant.role is None:
        return queryset.none()
    rule = _RULES.get(queryset.model._meta.label_lower)
    if rule is None:
        return queryset.none()
    return rule(queryset, grant, action)


def permits(user: Any, model: type[Model], action: str) -> bool:
    """Whether ``user`` may ``action`` any object of ``model`` at all (no query is made)."""
    return not isinstance(restrict(model._default_manager.all(), user, action), EmptyQuerySet)


def project_rule(user: Any, action: str) -> str | None:
    """``ALL``, ``SCOPE`` or None: ``user``'s right over projects for ``action``."""
    return grant_of(user).right(PROJECT_RIGHTS, action)


def admits_project(
    user: Any,
    action: str,
    *,
    region_path: str | None,
    park_id: int | None,
    chain_id: int | None,
    investor_ids: Iterable[int | None],
) -> bool:
    """Whether ``user`` may ``action`` a project with these values that is not written yet
    (an import's new row): the rule :func:`restrict` applies to projects, in Python."""
    grant = grant_of(user)
    right = grant.right(PROJECT_RIGHTS, action)
    if right == ALL:
        return True
    if right == SCOPE:
        return grant.admits(region_path, park_id, chain_id, set(investor_ids))
    return False


# --- the rules, one per kind of object ----------------------------------------------------


def _by_rights(rights: dict[str, dict[str, str]]) -> Callable[[QuerySet, Grant, str], QuerySet]:
    """A rule for objects without scopes: all of them, or none."""

    def rule(queryset: QuerySet, grant: Grant, action: str) -> QuerySet:
        return queryset if grant.right(rights, action) == ALL else queryset.none()

    return rule


def _project_scope(grant: Grant) -> Q:
    """The projects in ``grant``'s scopes, as a condition on ``Project``."""
    from taizhang.ledger.models import ProjectInvestor, Region

    parts: list[Q] = []
    if grant.region_paths:
        within = functools.reduce(
            operator.or_, (Q(path__startswith=path) for path in grant.region_paths)
        )
        parts.append(Q(region_id__in=Region.objects.filter(within).order_by().values("pk")))
    if grant.park_ids:
        parts.append(Q(park_id__in=sorted(grant.park_ids)))
    if grant.chain_ids:
        parts.append(Q(industry_chain_id__in=sorted(grant.chain_ids)))
    if grant.investor_id is not None:
        invested = ProjectInvestor.objects.filter(investor_id=grant.investor_id)
        parts.append(Q(pk__in=invested.order_by().values("project_id")))
    if not parts:
        return Q(pk__in=[])
    return functools.reduce(operator.or_, parts)


def _projects(queryset: QuerySet, grant: Grant, action: str) -> QuerySet:
    right = grant.right(PROJECT_RIGHTS, action)
    if right == ALL:
        return queryset
    if right == SCOPE:
        return queryset.filter(_project_scope(grant))
    return queryset.none()


def _project_ids(grant: Grant, action: str) -> QuerySet:
    from taizhang.ledger.models import Project

    return _projects(Project.objects.all(), grant, action).order_by().values("pk")


def _of_projects(queryset: QuerySet, grant: Grant, action: str) -> QuerySet:
    """Rows that belong to a project (its investors, its announcements): with the project;
    adding, changing or removing one is changing the project."""
    project_action = action if action in (VIEW, AGGREGATE) else CHANGE
    right = grant.right(PROJECT_RIGHTS, project_action)
    if right == ALL:
        return queryset
    if right == SCOPE:
        return queryset.filter(project_id__in=_project_ids(grant, project_action))
    return queryset.none()


def _investors(queryset: QuerySet, grant: Grant, action: str) -> QuerySet:
    from taizhang.ledger.models import ProjectInvestor

    right = grant.right(INVESTOR_RIGHTS, action)
    if right == ALL:
        return queryset
    if right != SCOPE:
        return queryset.none()
    seen = ProjectInvestor.objects.filter(project_id__in=_project_ids(grant, VIEW))
    condition = Q(pk__in=seen.order_by().values("investor_id"))
    if grant.investor_id is not None:
        condition |= Q(pk=grant.investor_id)
    return queryset.filter(condition)


def _accounts(user_field: str, own: Collection[str]) -> Callable[[QuerySet, Grant, str], QuerySet]:
    """A rule for accounts and what hangs off them: the security administrator's; and each
    user's own, for the actions in ``own`` (to see their account, to set up a second factor)."""

    def rule(queryset: QuerySet, grant: Grant, action: str) -> QuerySet:
        if grant.right(ACCOUNT_RIGHTS, action) == ALL:
            return queryset
        if action in own and grant.user_id is not None:
            return queryset.filter(**{user_field: grant.user_id})
        return queryset.none()

    return rule


_RULES: dict[str, Callable[[QuerySet, Grant, str], QuerySet]] = {
    "ledger.project": _projects,
    "ledger.projectinvestor": _of_projects,
    "ledger.announcement": _of_projects,
    "ledger.investor": _investors,
    **{label: _by_rights(rights) for label, rights in REFERENCE_RIGHTS.items()},
    "bulletin.publishedbulletin": _by_rights(BULLETIN_RIGHTS),
    "audit.auditentry": _by_rights(AUDIT_RIGHTS),
    "auth.user": _accounts("pk", own=(VIEW,)),
    "access.membership": _accounts("user_id", own=(VIEW,)),
    "otp_totp.totpdevice": _accounts("user_id", own=(VIEW, CHANGE, ADD, DELETE)),
    "access.signinfailure": _by_rights(ACCOUNT_RIGHTS),
    "access.lockout": _by_rights(ACCOUNT_RIGHTS),
}

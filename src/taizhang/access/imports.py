"""What an import may write for its user: a row outside their rights is a row error.

An import run ``--as`` a user (or by a signed-in user, later) adds projects only where that
user may add them, updates and links only projects they may change, and changes an investor's
type or origin only if they may change investors. :func:`scope_problems` checks each batch's
plan before it is written — in Python for rows not in the ledger yet, with
:func:`taizhang.access.restrict.admits_project`, the same rule :func:`restrict` applies in
SQL — and :func:`written_outside` checks again, inside the import's transaction, what was
written. For the operator (no ``--as``) neither finds anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from taizhang.access.restrict import (
    ADD,
    CHANGE,
    admits_project,
    grant_of,
    permits,
    project_rule,
    restrict,
)
from taizhang.access.roles import role_label
from taizhang.ledger.importing import lookups
from taizhang.ledger.importing.context import ImportContext, PendingCategory
from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.plan import BatchPlan, NewInvestor, investor_id, project_id
from taizhang.ledger.importing.problems import Problem, Severity
from taizhang.ledger.models import Category, Investor, Project


def may_import(user: Any, update: bool) -> bool:
    """Whether ``user`` may import at all: add projects, or (with --update) change some."""
    return project_rule(user, ADD) is not None or (
        update and project_rule(user, CHANGE) is not None
    )


def refusal_message(user: Any) -> str:
    """Why ``user`` may not import."""
    return _(
        "%(name)s (%(role)s) may not import projects: nothing was read. Ask the bureau, or "
        "a user whose role adds projects."
    ) % {"name": user.get_username(), "role": role_label(grant_of(user).role or "")}


def scope_problems(
    user: Any, plan: BatchPlan, context: ImportContext, header: HeaderMap
) -> list[Problem]:
    """A row error for each row of ``plan`` that ``user`` may not write."""
    grant = grant_of(user)
    if grant.everything:
        return []
    found: list[Problem] = []
    who = {"name": user.get_username(), "role": role_label(grant.role or "")}

    def error(row: int, key: str, message: Any, value: Any = None) -> None:
        if key not in header.columns:
            key = "name"
        found.append(header.place(Problem(Severity.ERROR, message, value), key, row))

    for project in plan.new_projects:
        if not _admits(user, ADD, project.fields, project.investors, context):
            error(project.row, "region", _outside(project.fields, context, who, adding=True))
        elif _new_category(project.fields) and not permits(user, Category, ADD):
            error(project.row, "sector", _no_new_category(who))
    existing = {update.project_id for update in plan.updates}
    existing |= {p for p in (project_id(link.project) for link in plan.links) if p is not None}
    changeable = set(
        restrict(Project.objects.filter(pk__in=existing), user, CHANGE).values_list("pk", flat=True)
    )
    current = lookups.investor_lists([u.project_id for u in plan.updates if u.investors is None])
    for update in plan.updates:
        investors = update.investors
        if investors is None:
            investors = current.get(update.project_id, [])
        if update.project_id not in changeable:
            error(update.row, "name", _not_yours(who))
        elif not _admits(user, CHANGE, update.fields, investors, context):
            error(update.row, "region", _outside(update.fields, context, who, adding=False))
    for link in plan.links:
        linked = project_id(link.project)
        if linked is not None and linked not in changeable:
            error(link.row, "event", _not_yours(who))
    if plan.investor_changes and not permits(user, Investor, CHANGE):
        for change in plan.investor_changes:
            error(change.row, "investor_type", _investor_change(who), change.name)
    if plan.new_investors and not permits(user, Investor, ADD):
        for investor in plan.new_investors:
            error(investor.row, "investor", _new_investor(who), investor.name)
    return found


def written_outside(user: Any, plan: BatchPlan) -> list[Problem]:
    """Inside the import's transaction, after the batch was written: a row error for each
    project written that ``user`` may not change as it now is (none, unless a rule above and
    :func:`restrict` disagree — the check that writes are re-checked in their transaction)."""
    if grant_of(user).everything:
        return []
    rows = {project.id: project.row for project in plan.new_projects}
    rows.update({update.project_id: update.row for update in plan.updates})
    allowed = set(
        restrict(Project.objects.filter(pk__in=list(rows)), user, CHANGE).values_list(
            "pk", flat=True
        )
    )
    return [
        Problem(
            Severity.ERROR,
            _("The project this row wrote is outside what you may change: nothing was written."),
            row=row,
        )
        for pk, row in sorted(rows.items(), key=lambda item: item[1])
        if pk not in allowed
    ]


def _admits(
    user: Any, action: str, fields: dict[str, Any], investors: Iterable[Any], context: ImportContext
) -> bool:
    return admits_project(
        user,
        action,
        region_path=context.region_paths.get(fields.get("region_id")),
        park_id=fields.get("park_id"),
        chain_id=fields.get("industry_chain_id"),
        investor_ids=[
            None if isinstance(ref, NewInvestor) and ref.id is None else investor_id(ref)
            for ref in investors
        ],
    )


def _new_category(fields: dict[str, Any]) -> bool:
    sector = fields.get("sector_id")
    return isinstance(sector, PendingCategory) and sector.id is None


def _outside(fields: dict[str, Any], context: ImportContext, who: dict, *, adding: bool) -> Any:
    place = context.region_name(fields["region_id"]) if fields.get("region_id") else "—"
    message = (
        _(
            "This project is outside what %(name)s (%(role)s) may add: it lands in %(place)s, "
            "outside their regions, parks, chains and investor. Leave the row out, or ask the "
            "bureau to import it."
        )
        if adding
        else _(
            "This change would put the project outside what %(name)s (%(role)s) may change "
            "(it would land in %(place)s): leave the row as the ledger has it, or ask the "
            "bureau."
        )
    )
    return message % {**who, "place": place}


def _not_yours(who: dict) -> Any:
    return (
        _(
            "This row is a project %(name)s (%(role)s) may not change: it is outside their "
            "regions, parks, chains and investor. Leave the row out."
        )
        % who
    )


def _investor_change(who: dict) -> Any:
    return (
        _(
            "This row changes an investor's type or origin, which only the bureau may do; "
            "%(name)s (%(role)s) may not. Write the type the ledger has, or ask the bureau."
        )
        % who
    )


def _new_investor(who: dict) -> Any:
    return (
        _(
            "This row names an investor the ledger does not have, and %(name)s (%(role)s) may "
            "not add investors: ask the bureau."
        )
        % who
    )


def _no_new_category(who: dict) -> Any:
    return (
        _(
            "This row names a sector the event's classification does not have, and %(name)s "
            "(%(role)s) may not add one: use one of the event's sectors."
        )
        % who
    )

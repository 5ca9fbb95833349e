"""Changing a project: as a user, based on the version they read, recorded, never lost.

Every edit names the version of the project it was based on. :func:`begin_edit` locks the
project inside the caller's transaction, as the acting user may change it (a project outside
their rights is not found), and refuses the edit when the project has moved on since that
version — saying who changed what since, from the audit record — so that nothing anyone else
saved is overwritten. :func:`finish_edit` then raises the version once, re-checks that the
user may still change the project as it now is (a district officer cannot move a project out
of their district), and records the change with its values before and after.

:func:`update_project` does both around a dict of changes; the admin calls the two halves
around Django's own saving of the form and its inlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.access.acting import Operator
from taizhang.access.auditing import entries_about, record_entry
from taizhang.access.restrict import CHANGE, restrict
from taizhang.i18n import join_clauses, join_list
from taizhang.ledger.models import Project

#: Fields that say nothing about the project itself: kept by the system.
_BOOKKEEPING = frozenset({"version", "updated_at", "created_at", "name_key"})


class ProjectNotFound(LookupError):
    """No project with this id that the user may change."""

    def __init__(self, project_id: Any) -> None:
        self.message = _("No project has the id %(id)s.") % {"id": project_id}
        super().__init__(self.message)


class StaleEdit(Exception):
    """The project changed since the version an edit was based on; ``message`` says how."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class OutsideScope(Exception):
    """The edit would leave the project where its editor may no longer change it."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class ProjectEdit:
    """An edit under way: the project, the version it is based on, its values before."""

    project_id: int
    based_on: int
    before: dict[str, Any]


def snapshot(project: Project) -> dict[str, Any]:
    """What an edit may change of ``project``: its fields, its investors in order, the events
    it is announced at, and the sector and mode an event gave it where they are its own."""
    values = {
        field.attname: getattr(project, field.attname)
        for field in Project._meta.concrete_fields
        if field.attname not in _BOOKKEEPING and field.name not in _BOOKKEEPING
    }
    values["investors"] = list(
        project.investor_links.order_by("position").values_list("investor_id", flat=True)
    )
    values["events"] = sorted(project.announcements.values_list("event_id", flat=True))
    # [event, sector, mode]: an edit of how one event counts the project is an edit of it too.
    values["announced_as"] = [
        list(row)
        for row in project.announcements.exclude(sector__isnull=True, mode="")
        .order_by("event_id")
        .values_list("event_id", "sector_id", "mode")
    ]
    return values


def begin_edit(project_id: Any, based_on_version: int, user: Any) -> ProjectEdit:
    """Lock the project for ``user``'s edit based on ``based_on_version``.

    Must run inside ``transaction.atomic()``; raises :class:`ProjectNotFound` or
    :class:`StaleEdit`.
    """
    locked = _lock(project_id, user)
    if locked.version != based_on_version:
        raise StaleEdit(stale_message(locked, based_on_version))
    return ProjectEdit(locked.pk, based_on_version, snapshot(locked))


def begin_edit_as_it_is(project_id: Any, user: Any) -> ProjectEdit:
    """Lock the project for an edit of ``user``'s that was not based on a version they read
    (a row of the project added or deleted on a page of its own, or moved to it from another
    project): based on the version read under the lock, so that no change can slip in
    between reading it and locking.

    Must run inside ``transaction.atomic()``; raises :class:`ProjectNotFound`.
    """
    locked = _lock(project_id, user)
    return ProjectEdit(locked.pk, locked.version, snapshot(locked))


def _lock(project_id: Any, user: Any) -> Project:
    """The project, locked until the transaction ends, if ``user`` may change it."""
    locked = (
        restrict(Project.objects.select_for_update(), user, CHANGE).filter(pk=project_id).first()
    )
    if locked is None:
        raise ProjectNotFound(project_id)
    return locked


def finish_edit(edit: ProjectEdit, user: Any) -> bool:
    """Complete ``edit`` after the project (and its investors and announcements) were
    saved: raise the version once and record the change. False when nothing changed.

    Raises :class:`OutsideScope` when ``user`` may no longer change the project as saved; the
    caller's transaction then rolls everything back.
    """
    project = Project.objects.get(pk=edit.project_id)
    after = snapshot(project)
    changed = sorted(name for name in after if after[name] != edit.before.get(name))
    if not changed:
        return False
    if not restrict(Project.objects.filter(pk=project.pk), user, CHANGE).exists():
        raise OutsideScope(
            _(
                "This change would put %(project)s outside what you may change (its region, "
                "park, chain or investors): nothing was saved."
            )
            % {"project": project.name}
        )
    version = edit.based_on + 1
    Project.objects.filter(pk=project.pk).update(version=version, updated_at=timezone.now())
    record_entry(
        _action(edit.before.get("withdrawn_at"), after["withdrawn_at"]),
        "project",
        project.pk,
        {**{name: edit.before.get(name) for name in changed}, "version": edit.based_on},
        {**{name: after[name] for name in changed}, "version": version},
        # The editor, also outside a request or --as (the operator: who runs the command).
        actor=None if isinstance(user, Operator) else user.get_username(),
    )
    return True


def _action(withdrawn_before: Any, withdrawn_after: Any) -> str:
    """How the audit record names an edit: a withdrawal and its reversal have names of their
    own, so that a project's removals can be found without reading every edit."""
    if withdrawn_before is None and withdrawn_after is not None:
        return "project.withdraw"
    if withdrawn_before is not None and withdrawn_after is None:
        return "project.reinstate"
    return "project.update"


class WithdrawalWithoutReason(ValueError):
    """A withdrawal must say why."""

    def __init__(self) -> None:
        self.message = _("Say why the project is withdrawn: a withdrawal is kept with its reason.")
        super().__init__(self.message)


def withdraw_project(project_id: Any, reason: str, *, based_on_version: int, user: Any) -> Project:
    """Withdraw a project from the ledger as ``user``, saying why.

    Removing a project is a withdrawal, never a deleted row: the project keeps its values and
    its history, drops out of figures and exports, and the audit record says who withdrew it,
    when and why (``project.withdraw``). Raises :class:`WithdrawalWithoutReason`,
    :class:`ProjectNotFound` or :class:`StaleEdit`.
    """
    reason = reason.strip()
    if not reason:
        raise WithdrawalWithoutReason()
    return update_project(
        project_id,
        {"withdrawn_at": timezone.now(), "withdrawal_reason": reason},
        based_on_version=based_on_version,
        user=user,
    )


def update_project(
    project_id: Any, changes: dict[str, Any], *, based_on_version: int, user: Any
) -> Project:
    """Change fields of a project as ``user``, based on the version they read."""
    with transaction.atomic():
        edit = begin_edit(project_id, based_on_version, user)
        project = Project.objects.get(pk=edit.project_id)
        for name, value in changes.items():
            setattr(project, name, value)
        project.full_clean(exclude=["version"])
        project.save()
        finish_edit(edit, user)
    project.refresh_from_db()
    return project


def stale_message(project: Project, based_on: int) -> str:
    """Why an edit based on ``based_on`` is refused: who changed what since, from the record."""
    since = changes_since(project.pk, based_on, project.version)
    if since:
        told = join_clauses(
            _("%(who)s changed %(fields)s on %(when)s (%(source)s)")
            % {
                "who": entry.actor,
                "fields": join_list(map(_label, _changed_fields(entry))) or entry.action,
                "when": f"{timezone.localtime(entry.time):%Y-%m-%d %H:%M}",
                "source": entry.source,
            }
            for entry in reversed(since)
        )
    else:
        told = _("someone else changed it")
    return _(
        "%(project)s was changed after you opened it (you edited version %(yours)d; it is now "
        "at version %(now)d): %(told)s. Nothing was saved. Open it again to see the changes, "
        "then make yours."
    ) % {"project": project.name, "yours": based_on, "now": project.version, "told": told}


def changes_since(project_id: Any, based_on: int, current: int) -> list[Any]:
    """The audit entries that moved the project on from version ``based_on``, newest first.

    An entry that states the version it made is taken when that version is later than
    ``based_on``; one that does not (an import's) is counted as one version each.
    """
    wanted = current - based_on
    found: list[Any] = []
    for entry in entries_about("project", project_id):
        if len(found) >= wanted:
            break
        after = entry.after if isinstance(entry.after, dict) else {}
        version = after.get("version")
        if isinstance(version, int):
            if version <= based_on:
                break
            found.append(entry)
        elif _changed_fields(entry):
            found.append(entry)
    return found


def _changed_fields(entry: Any) -> list[str]:
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    return [
        name
        for name in sorted(set(before) | set(after))
        if name != "version" and before.get(name) != after.get(name)
    ]


def _label(name: str) -> str:
    """A changed field as a person calls it: the project field's name, or the word for it."""
    if name == "investors":
        return _("investors")
    if name == "events":
        return _("events announced at")
    if name == "announced_as":
        return _("sector and signing mode at an event")
    try:
        return str(Project._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # named by an older entry, no longer a field
        return name

"""Projects an import's user may not see: its messages treat them as not there.

A project outside a user's scope does not exist for that user. An import run as a scoped
user still refuses a row whose project code or name is another project's (writing it would
change or duplicate a project they may not change), but its message says only that the code
or name is taken by a project they may not see: never that project's name, code, event,
region or figures. :func:`unseen` tells the import's matching which projects those are;
the messages are built here so that each of them is worded once.

For the operator and the roles that see the whole ledger nothing is unseen, and no query is
made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.refusals import who
from taizhang.access.restrict import ALL, VIEW, grant_of, project_rule, restrict


def unseen(project_ids: Iterable[int], user: Any = None) -> set[int]:
    """The projects among ``project_ids`` that ``user`` (default: the acting user) may not
    see, in one query; none, without a query, for a user who sees the whole ledger."""
    user = acting_user() if user is None else user
    if grant_of(user).everything or project_rule(user, VIEW) == ALL:
        return set()
    from taizhang.ledger.models import Project

    ids = set(project_ids)
    if not ids:
        return set()
    seen = restrict(Project.objects.filter(pk__in=ids), user, VIEW).values_list("pk", flat=True)
    return ids - set(seen)


def code_taken(code: str, user: Any = None) -> str:
    """A row's project code belongs to a project ``user`` may not see."""
    user = acting_user() if user is None else user
    return _(
        "The project code %(code)s is taken by a project outside what %(name)s (%(role)s) "
        "may see, so they cannot import this row. Correct the code if the row is another "
        "project, or ask the bureau to import it."
    ) % {"code": code, **who(user)}


def name_taken(user: Any = None) -> str:
    """A row's name at its event belongs to a project ``user`` may not see."""
    user = acting_user() if user is None else user
    return _(
        "This row's project name is taken at its event by a project outside what %(name)s "
        "(%(role)s) may see, so they cannot import this row. Tell the projects apart by name "
        "if the row is another project, or ask the bureau to import it."
    ) % who(user)


def resembles_unseen(user: Any = None) -> str:
    """A row nearly repeats (same lead investor, nearly the same name) a project ``user``
    may not see."""
    user = acting_user() if user is None else user
    return _(
        "This row looks like a project outside what %(name)s (%(role)s) may see: the same "
        "lead investor and nearly the same name at another event, so they cannot import this "
        "row as it is. If it is another project, import with --duplicates new; if it is the "
        "same project, ask the bureau to import it."
    ) % who(user)

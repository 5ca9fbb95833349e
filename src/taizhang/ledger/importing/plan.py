"""What one batch of rows will do to the ledger, decided before anything is written.

:mod:`.matching` fills a :class:`BatchPlan`; the write service
(:mod:`taizhang.ledger.services.imports`) carries it out. Objects that do not exist yet
(:class:`NewInvestor`, :class:`NewProject`) are referred to by the object itself until the
writer gives them their ids, so a project can name an investor created in the same batch, and
a link a project created a few rows earlier. A plan lives for one batch and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class NewInvestor:
    """An investor this import creates; ``id`` is set by the writer."""

    __slots__ = ("id", "key", "name", "origin_id", "row", "type")

    def __init__(self, name: str, key: str, type: str, origin_id: int | None, row: int) -> None:
        self.name = name
        self.key = key
        self.type = type
        self.origin_id = origin_id
        self.row = row
        self.id: int | None = None


#: An investor as a project names it: the id of one in the ledger, or one to create.
InvestorRef = int | NewInvestor


def investor_id(ref: InvestorRef | None) -> int | None:
    """The id of an investor reference (None for one not written yet)."""
    if isinstance(ref, NewInvestor):
        return ref.id
    return ref


@dataclass
class InvestorChange:
    """An investor in the ledger whose type or origin the file changes (``{field: (old, new)}``)."""

    investor_id: int
    name: str
    changes: dict[str, tuple[Any, Any]]
    row: int


class NewProject:
    """A project this import creates, owned by ``event_id``; ``id`` is set by the writer."""

    __slots__ = ("event_id", "fields", "id", "investors", "name_key", "row")

    def __init__(
        self,
        row: int,
        event_id: int,
        name_key: str,
        fields: dict[str, Any],
        investors: list[InvestorRef],
    ) -> None:
        self.row = row
        self.event_id = event_id
        self.name_key = name_key
        self.fields = fields
        self.investors = investors
        self.id: int | None = None


#: A project as a link or a staged row names it: the id of one in the ledger, or a new one.
ProjectRef = int | NewProject


def project_id(ref: ProjectRef | None) -> int | None:
    if isinstance(ref, NewProject):
        return ref.id
    return ref


@dataclass
class ProjectUpdate:
    """A project of this event that the row changes: ``changes`` is ``{field: (old, new)}``;
    ``investors`` the new list of investors when it changed, else None.
    """

    project_id: int
    row: int
    fields: dict[str, Any]
    changes: dict[str, tuple[Any, Any]]
    investors: list[InvestorRef] | None = None
    name_key: str = ""


@dataclass
class Link:
    """A project owned by another event, announced at ``event_id`` too.

    ``sector`` (a category id of ``event_id``'s scheme, or one to create) and ``mode`` are how
    the row classified and signed it, when that differs from the project's own; None and ""
    when not (:mod:`.matching` decides once the batch is matched).
    """

    project: ProjectRef
    event_id: int
    row: int
    sector: Any = None
    mode: str = ""


@dataclass
class AnnouncementChange:
    """A linked project's announcement at this event whose sector or mode the row changes.

    ``sector`` and ``mode`` are the new values (None and "" for the project's own);
    ``changes`` is ``{field: (old, new)}``.
    """

    announcement_id: int
    project_id: int
    event_id: int
    row: int
    sector: Any
    mode: str
    changes: dict[str, tuple[Any, Any]]


@dataclass
class StagedRow:
    """What the import remembers of a row for the rows after it (see :mod:`.staging`)."""

    row: int
    event_id: int
    code: str | None
    name_key: str
    lead_key: str | None
    name: str
    project: ProjectRef | None = None


@dataclass
class BatchPlan:
    """Everything one batch writes, and what it counts."""

    new_investors: list[NewInvestor] = field(default_factory=list)
    investor_changes: list[InvestorChange] = field(default_factory=list)
    new_projects: list[NewProject] = field(default_factory=list)
    updates: list[ProjectUpdate] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    announcement_changes: list[AnnouncementChange] = field(default_factory=list)
    unchanged: int = 0
    staged: list[StagedRow] = field(default_factory=list)
    #: Investors whose remembered state changed in this batch (see :mod:`.staging`).
    investor_states: list[Any] = field(default_factory=list)

"""Deciding what each row of a batch is: a new project, an update, a link, or a mistake.

The rules are the ledger format's "Rules of an import":

- The same project twice in one file (the same code, or the same name, at one event) is an
  error naming both rows.
- A row whose code matches a project announced at the row's event, or — without such a code —
  whose normalised name matches one, is that project: an error unless ``--update``, then an
  update in place (a project owned by another event and only linked here is the owner's to
  change: it is left as it is, but the sector and mode this event gave it are updated). A code
  matching a project of another event is that project announced again: the row links it to
  this event, and the announcement keeps the row's sector and mode where they differ from the
  project's own (an event counts its projects in its own classification).
- A suspected duplicate — codes do not settle it, the lead investor is the same and the name
  nearly so, at another event — is an error naming the project it resembles, unless
  ``--duplicates link`` (link it) or ``--duplicates new`` (a project of its own).
- The type a row gives is the lead investor's: a new investor gets it; an investor in the
  ledger with another type is an error unless ``--update``, which changes it. Co-investors
  the ledger does not know are created as "other". The origin is handled like the type, except
  that filling in an origin the ledger lacks is no conflict.

Each question is asked once per batch, as a set: projects by code, by name, by lead investor;
investors by name; the rows read before (:mod:`.staging`). No query is made per row.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from taizhang.access import unseen
from taizhang.ledger.importing import lookups
from taizhang.ledger.importing.context import ImportContext, PendingCategory
from taizhang.ledger.importing.headers import HeaderMap
from taizhang.ledger.importing.plan import (
    AnnouncementChange,
    BatchPlan,
    InvestorChange,
    Link,
    NewInvestor,
    NewProject,
    ProjectUpdate,
    StagedRow,
)
from taizhang.ledger.importing.problems import Problem, Severity
from taizhang.ledger.importing.rows import ParsedRow
from taizhang.ledger.importing.staging import InvestorState, Staging
from taizhang.ledger.models import InvestorType

#: How alike two normalised names must be (difflib's ratio) to be "nearly the same".
SIMILARITY = 0.9
#: A shorter name found whole inside the other counts as nearly the same from this length on.
CONTAINED = 6

#: The Project fields an import sets, which ``--update`` compares and writes.
IMPORTED_FIELDS = (
    "name",
    "project_code",
    "lead_investor_id",
    "value",
    "original_value",
    "currency",
    "mode",
    "signing_date",
    "region_id",
    "sector_id",
    "strategic_emerging",
    "strategic_emerging_category_id",
    "industry_chain_id",
    "park_id",
    "project_type",
    "responsible_unit",
    "responsible_person",
    "planned_start",
    "planned_production",
    "description",
)

_DUPLICATE_MODES = ("error", "link", "new")
# "一期" and "二期", "phase 1" and "phase 2", "3号" and "4号": names alike except for these
# are different projects of one investor, not one project written twice.
_DISTINGUISHING = re.compile(r"[0-9]+|[一二三四五六七八九十]+(?=[期号栋座])|phase[ivx]+")
_FILLER = re.compile(r"(?:项目|project)$")


def near_identical(first: str, second: str) -> bool:
    """Whether two normalised names are nearly the same (see :data:`SIMILARITY`)."""
    if first == second:
        return True
    if _DISTINGUISHING.findall(first) != _DISTINGUISHING.findall(second):
        return False
    first, second = _FILLER.sub("", first), _FILLER.sub("", second)
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= CONTAINED and shorter in longer:
        return True
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILARITY
        and matcher.quick_ratio() >= SIMILARITY
        and matcher.ratio() >= SIMILARITY
    )


class Known:
    """A project a row may be: one in the ledger, or one this file creates."""

    __slots__ = (
        "announced",
        "code",
        "event_id",
        "lead_id",
        "lead_key",
        "name",
        "name_key",
        "ref",
        "row",
        "values",
    )

    def __init__(self, ref: Any, event_id: int, code: str | None, name: str, name_key: str):
        self.ref = ref  # a project id, a NewProject, or None (not written: dry run or errors)
        self.event_id = event_id
        self.code = code
        self.name = name
        self.name_key = name_key
        self.announced: set[int] = {event_id}
        self.values: dict[str, Any] = {}
        self.lead_id: int | None = None
        self.lead_key: str | None = None
        self.row: int | None = None  # the row of this file that made it, if one did


class BatchMatcher:
    """Matches the batches of one import against the ledger and the rows read before."""

    def __init__(
        self,
        staging: Staging,
        context: ImportContext,
        header: HeaderMap,
        *,
        update: bool = False,
        duplicates: str = "error",
    ) -> None:
        if duplicates not in _DUPLICATE_MODES:
            raise ValueError(f"duplicates must be one of {_DUPLICATE_MODES}, not {duplicates!r}")
        self.staging = staging
        self.context = context
        self.header = header
        self.update = update
        self.duplicates = duplicates

    def match(self, rows: list[ParsedRow], problems: list[Problem]) -> BatchPlan:
        """The plan for ``rows``; problems found are added to ``problems``."""
        plan = BatchPlan()
        staged = self._duplicates_in_file(rows, problems, plan)
        good = [row for row in rows if row.ok]
        if good:
            self._investors(good, problems, plan)
            good = [row for row in good if row.ok]
        if good:
            self._projects(good, problems, plan, staged)
        return plan

    # --- helpers ------------------------------------------------------------------------

    def _error(self, row: ParsedRow, key: str, message: str, value: object = None) -> Problem:
        row.ok = False
        return self._place(Problem(Severity.ERROR, message, value), key, row.number)

    def _warning(self, row: ParsedRow, key: str, message: str, value: object = None) -> Problem:
        return self._place(Problem(Severity.WARNING, message, value), key, row.number)

    def _place(self, problem: Problem, key: str, number: int) -> Problem:
        if key not in self.header.columns:
            key = "name"
        return self.header.place(problem, key, number)

    def _event_code(self, event_id: int) -> str:
        event = self.context.events_by_id.get(event_id)
        return event.code if event else str(event_id)

    def _describe(self, known: Known) -> str:
        """A project as messages name it: its name, code and owning event (or its row)."""
        # One whole message per variant, so a language orders name, code, event and row as
        # it writes them (Chinese puts the row first and the code and event in brackets).
        if known.row is None:
            if known.code:
                message = _("“%(name)s” code %(code)s of %(event)s")
            else:
                message = _("“%(name)s” of %(event)s")
        elif known.code:
            message = _("“%(name)s” code %(code)s of %(event)s (row %(row)d of this file)")
        else:
            message = _("“%(name)s” of %(event)s (row %(row)d of this file)")
        return message % {
            "name": known.name,
            "code": known.code,
            "event": self._event_code(known.event_id),
            "row": known.row,
        }

    def _unseen(self, known: Known) -> bool:
        """Whether the importing user may not see ``known``: then no message describes it
        (outside their scope it does not exist for them; see :mod:`taizhang.access.unseen`)."""
        return isinstance(known.ref, int) and bool(unseen.unseen([known.ref]))

    # --- the same project twice in the file ---------------------------------------------

    def _duplicates_in_file(
        self, rows: list[ParsedRow], problems: list[Problem], plan: BatchPlan
    ) -> list:
        """Report rows repeating an earlier row's project; return the earlier rows by code."""
        keyed = [row for row in rows if row.event is not None and row.name_key]
        codes = {row.code for row in keyed if row.code}
        earlier = self.staging.rows_named(codes, {row.name_key for row in keyed})
        by_code: dict[tuple[int, str], int] = {}
        by_name: dict[tuple[int, str], int] = {}
        for record in earlier:
            if record.code:
                by_code.setdefault((record.event_id, record.code), record.row)
            by_name.setdefault((record.event_id, record.name_key), record.row)
        for row in keyed:
            event_id = row.event.id
            first = by_code.get((event_id, row.code)) if row.code else None
            if first is not None:
                problems.append(
                    self._error(
                        row,
                        "project_code",
                        _(
                            "Row %(row)d is the same project as row %(first)d: both have the "
                            "project code %(code)s. A project appears once in a file: delete "
                            "one of the rows, or correct its code."
                        )
                        % {"row": row.number, "first": first, "code": row.code},
                        row.code,
                    )
                )
                continue
            first = by_name.get((event_id, row.name_key))
            if first is not None:
                problems.append(
                    self._error(
                        row,
                        "name",
                        _(
                            "Row %(row)d is the same project as row %(first)d: both are “%(name)s” "
                            "at %(event)s. A project appears once in a file: delete one of the "
                            "rows, or tell the projects apart by name."
                        )
                        % {
                            "row": row.number,
                            "first": first,
                            "name": row.name,
                            "event": row.event.code,
                        },
                        row.name,
                    )
                )
                continue
            if row.code:
                by_code[(event_id, row.code)] = row.number
            by_name[(event_id, row.name_key)] = row.number
            plan.staged.append(
                StagedRow(row.number, event_id, row.code, row.name_key, row.lead_key, row.name)
            )
        return earlier

    # --- investors ----------------------------------------------------------------------

    def _investors(self, rows: list[ParsedRow], problems: list[Problem], plan: BatchPlan) -> None:
        keys = {key for row in rows for key in row.investor_keys}
        in_ledger = lookups.investors_by_key(keys)
        remembered = self.staging.investor_states(keys)
        states: dict[str, InvestorState] = {}
        for row in rows:
            refs = []
            named = zip(row.investors, row.investor_keys, strict=True)
            for position, (name, key) in enumerate(named):
                state = states.get(key)
                if state is None:
                    state = remembered.get(key)
                    if state is None:
                        found = in_ledger.get(key)
                        if found is None:
                            state = InvestorState(key, name, created=True)
                        else:
                            state = InvestorState(
                                key, name, investor_id=found[0], type=found[1], origin_id=found[2]
                            )
                    elif state.investor_id is None and key in in_ledger:
                        state.investor_id = in_ledger[key][0]
                    states[key] = state
                if position == 0:
                    self._lead(row, state, problems, plan)
                elif (
                    state.created
                    and state.new is None
                    and state.investor_id is None
                    and not state.type
                ):
                    # First seen as a co-investor: the file does not state its type.
                    state.type = InvestorType.OTHER
                    state.dirty = True
                    state.new = NewInvestor(name, key, state.type, state.origin_id, row.number)
                    plan.new_investors.append(state.new)
                refs.append(state)
            row.refs = refs
        plan.investor_states = [state for state in states.values() if state.dirty]
        for row in rows:
            row.refs = [state.ref for state in row.refs]

    def _lead(
        self, row: ParsedRow, state: InvestorState, problems: list[Problem], plan: BatchPlan
    ) -> None:
        stated = row.investor_type or ""
        origin = row.origin_id if row.origin_given else None
        name = row.investors[0]
        if state.created and state.new is None and state.investor_id is None and not state.type:
            state.type, state.type_row = stated, row.number
            state.origin_id, state.origin_row = origin, (row.number if origin else None)
            state.new = NewInvestor(name, state.key, stated, origin, row.number)
            state.dirty = True
            plan.new_investors.append(state.new)
            return
        changes: dict[str, tuple[Any, Any]] = {}
        if state.type != stated:
            if state.type_row is not None:
                problems.append(
                    self._error(
                        row,
                        "investor_type",
                        _(
                            "This row says the investor “%(name)s” is %(type)s, but row "
                            "%(first)d says %(first_type)s: an investor has one type. Make the "
                            "rows agree."
                        )
                        % {
                            "name": name,
                            "type": _type_label(stated),
                            "first": state.type_row,
                            "first_type": _type_label(state.type),
                        },
                        row.investor_type,
                    )
                )
                return
            if not state.created and not self.update:
                problems.append(
                    self._error(
                        row,
                        "investor_type",
                        _(
                            "The investor “%(name)s” is recorded in the ledger as %(recorded)s, "
                            "but this row says %(type)s: correct the row, or import with "
                            "--update to change the investor's type."
                        )
                        % {
                            "name": name,
                            "recorded": _type_label(state.type),
                            "type": _type_label(stated),
                        },
                        row.investor_type,
                    )
                )
                return
            if not state.created:
                problems.append(
                    self._warning(
                        row,
                        "investor_type",
                        _(
                            "The investor “%(name)s” was recorded as %(recorded)s and is changed "
                            "to %(type)s (--update)."
                        )
                        % {
                            "name": name,
                            "recorded": _type_label(state.type),
                            "type": _type_label(stated),
                        },
                        row.investor_type,
                    )
                )
            changes["type"] = (state.type, stated)
            state.type = stated
        if state.type_row is None and (state.created or self.update):
            state.type_row = row.number  # later rows must agree with this one
            state.dirty = True
        if origin is not None:
            problem = self._origin(row, state, origin, changes, problems)
            if problem is not None:
                problems.append(problem)
                return
        if not changes:
            return
        state.dirty = True
        if state.new is not None:  # created in this batch: it is written as it now is
            state.new.type, state.new.origin_id = state.type, state.origin_id
        elif state.investor_id is not None:
            plan.investor_changes.append(
                InvestorChange(state.investor_id, state.name, changes, row.number)
            )

    def _origin(
        self,
        row: ParsedRow,
        state: InvestorState,
        origin: int,
        changes: dict,
        problems: list[Problem],
    ) -> Problem | None:
        """Apply the origin a row gives its lead investor; the problem if it conflicts."""
        name = row.investors[0]
        if state.origin_id == origin:
            if state.origin_row is None and (state.created or self.update):
                state.origin_row = row.number
                state.dirty = True
            return None
        recorded = self.context.region_name(state.origin_id) if state.origin_id else ""
        if state.origin_row is not None:
            return self._error(
                row,
                "investor_origin",
                _(
                    "This row says the investor “%(name)s” comes from %(origin)s, but row "
                    "%(first)d says %(recorded)s: an investor has one origin. Make the rows "
                    "agree."
                )
                % {
                    "name": name,
                    "origin": self.context.region_name(origin),
                    "first": state.origin_row,
                    "recorded": recorded,
                },
            )
        if state.origin_id is not None and not state.created:
            if not self.update:
                return self._error(
                    row,
                    "investor_origin",
                    _(
                        "The investor “%(name)s” comes from %(recorded)s in the ledger, but this "
                        "row says %(origin)s: correct the row, or import with --update to change "
                        "the investor's origin."
                    )
                    % {
                        "name": name,
                        "recorded": recorded,
                        "origin": self.context.region_name(origin),
                    },
                )
            problems.append(
                self._warning(
                    row,
                    "investor_origin",
                    _(
                        "The investor “%(name)s” came from %(recorded)s and now comes from "
                        "%(origin)s (--update)."
                    )
                    % {
                        "name": name,
                        "recorded": recorded,
                        "origin": self.context.region_name(origin),
                    },
                )
            )
        changes["origin_id"] = (state.origin_id, origin)
        state.origin_id, state.origin_row = origin, row.number
        state.dirty = True
        return None

    # --- projects -----------------------------------------------------------------------

    def _projects(
        self, rows: list[ParsedRow], problems: list[Problem], plan: BatchPlan, earlier: list
    ) -> None:
        staged = {item.row: item for item in plan.staged}
        by_code, by_name = self._known_projects(rows, earlier)
        local_leads: dict[str, list[Known]] = {}
        single_event = len({row.event.id for row in rows}) == 1
        suspects: dict[str, list[Known]] | None = None
        to_update: list[tuple[ParsedRow, Known]] = []
        compare: list[tuple[ParsedRow, Known]] = []  # linked rows whose value may differ
        linked: list[tuple[Link, ParsedRow, Known]] = []  # new links: how the row announces it
        relinked: list[tuple[ParsedRow, Known]] = []  # --update meeting a linked project again
        for row in rows:
            event_id = row.event.id
            known = by_code.get(row.code) if row.code else None
            via = "project_code"
            if known is None:
                via = "name"
                known = by_name.get((event_id, row.name_key))
                if known is not None and row.code and known.code and known.code != row.code:
                    if self._unseen(known):
                        problems.append(self._error(row, "name", unseen.name_taken(), row.name))
                        continue
                    problems.append(
                        self._error(
                            row,
                            "project_code",
                            _(
                                "This row has the project code %(code)s, but the project of the "
                                "same name at %(event)s, %(project)s, has another: correct the "
                                "code, or tell the projects apart by name."
                            )
                            % {
                                "code": row.code,
                                "event": row.event.code,
                                "project": self._describe(known),
                            },
                            row.code,
                        )
                    )
                    continue
            if known is None:
                # Linked here by an earlier import as this row's suspected duplicate: it is
                # this row's project, whatever --duplicates says now.
                if suspects is None:
                    suspects = self._suspects(rows)
                known = self._linked_here(row, suspects)
            if known is not None:
                if event_id in known.announced:
                    if not self.update and self._unseen(known):
                        taken = (
                            unseen.code_taken(row.code)
                            if via == "project_code"
                            else unseen.name_taken()
                        )
                        value = row.code if via == "project_code" else row.name
                        problems.append(self._error(row, via, taken, value))
                        continue
                    if not self.update:
                        problems.append(
                            self._error(
                                row,
                                via,
                                _(
                                    "This project is already in the ledger for %(event)s: "
                                    "%(project)s. Import with --update to update it, or delete "
                                    "the row."
                                )
                                % {"event": row.event.code, "project": self._describe(known)},
                                row.code if via == "project_code" else row.name,
                            )
                        )
                        continue
                    if known.event_id == event_id and isinstance(known.ref, int):
                        to_update.append((row, known))
                    elif isinstance(known.ref, int):
                        # Another event's project: the owner's to change, but this event's
                        # announcement of it (its sector and mode here) is this row's.
                        relinked.append((row, known))
                        compare.append((row, known))
                    else:
                        plan.unchanged += 1
                        compare.append((row, known))
                    staged[row.number].project = known.ref
                    continue
                link = Link(known.ref, event_id, row.number)
                plan.links.append(link)
                linked.append((link, row, known))
                known.announced.add(event_id)
                compare.append((row, known))
                staged[row.number].project = known.ref
                continue
            if self.duplicates != "new":
                resembles = self._resembles(row, suspects, local_leads)
                if resembles is not None:
                    if self.duplicates == "error" and self._unseen(resembles):
                        problems.append(
                            self._error(row, "name", unseen.resembles_unseen(), row.name)
                        )
                        continue
                    if self.duplicates == "error":
                        problems.append(
                            self._error(
                                row,
                                "name",
                                _(
                                    "This row looks like %(project)s: the same lead investor "
                                    "and nearly the same name. If it is the same project, "
                                    "import with --duplicates link; if it is another, with "
                                    "--duplicates new."
                                )
                                % {"project": self._describe(resembles)},
                                row.name,
                            )
                        )
                        continue
                    link = Link(resembles.ref, event_id, row.number)
                    plan.links.append(link)
                    linked.append((link, row, resembles))
                    resembles.announced.add(event_id)
                    staged[row.number].project = resembles.ref
                    continue
            project = NewProject(row.number, event_id, row.name_key, row.fields, row.refs)
            plan.new_projects.append(project)
            staged[row.number].project = project
            if single_event:
                # Later rows of this batch can only repeat it at the same event, which
                # _duplicates_in_file has reported already: nothing to remember.
                continue
            known = Known(project, event_id, row.code, row.name, row.name_key)
            known.row = row.number
            known.values = row.fields
            known.lead_key = row.lead_key
            if row.code:
                by_code[row.code] = known
            by_name[(event_id, row.name_key)] = known
            if row.lead_key:
                local_leads.setdefault(row.lead_key, []).append(known)
        if to_update:
            self._updates(to_update, problems, plan)
        if linked or relinked:
            self._announcements(linked, relinked, plan)
        if compare:
            self._value_warnings(compare, problems)

    def _known_projects(
        self, rows: list[ParsedRow], earlier: list
    ) -> tuple[dict[str, Known], dict[tuple[int, str], Known]]:
        """The projects the batch's rows may be, by code and by (event, name)."""
        codes = {row.code for row in rows if row.code}
        names: dict[int, set[str]] = {}
        for row in rows:
            names.setdefault(row.event.id, set()).add(row.name_key)
        brief = lookups.projects_by_code(codes)
        brief.extend(lookups.projects_by_name({key for keys in names.values() for key in keys}))
        found = self._known(brief)
        by_code = {known.code: known for known in found.values() if known.code}
        by_name: dict[tuple[int, str], Known] = {}
        for known in found.values():
            for event_id in known.announced:
                if known.name_key in names.get(event_id, ()):
                    by_name.setdefault((event_id, known.name_key), known)
        # Rows of this file read in earlier batches that the ledger does not have (yet):
        # a dry run, or after an error. Their codes can be linked to from another event.
        for record in earlier:
            if record.code and record.code in codes and record.code not in by_code:
                known = Known(
                    record.project_id, record.event_id, record.code, record.name, record.name_key
                )
                known.row = record.row
                by_code[record.code] = known
        return by_code, by_name

    def _known(self, brief: list[tuple]) -> dict[int, Known]:
        """Projects from :mod:`.lookups` brief rows, with the events announcing them."""
        found: dict[int, Known] = {}
        for pk, event_id, code, name, name_key, lead_id in brief:
            if pk not in found:
                known = Known(pk, event_id, code, name, name_key)
                known.lead_id = lead_id
                found[pk] = known
        for project, event in lookups.announcements_of(found):
            found[project].announced.add(event)
        return found

    def _suspects(self, rows: list[ParsedRow]) -> dict[str, list[Known]]:
        """Projects in the ledger, and rows read before, led by the batch's lead investors."""
        lead_ids: dict[int, str] = {}
        lead_keys: set[str] = set()
        for row in rows:
            lead = row.refs[0] if row.refs else None
            if isinstance(lead, int):
                lead_ids[lead] = row.lead_key
            if row.lead_key:
                lead_keys.add(row.lead_key)
        found: dict[str, list[Known]] = {}
        events = {row.event.id for row in rows}
        # A project owned by the rows' own event is never a suspected duplicate of them (that
        # is "across events"), nor linked here: with one event in the batch, leave those out.
        only = next(iter(events)) if len(events) == 1 else None
        earlier = self.staging.rows_led_by(lead_keys, not_event=only)
        made_by_row = {r.project_id: r.row for r in earlier if r.project_id is not None}
        for known in self._known(lookups.projects_led_by(lead_ids, not_owned_by=only)).values():
            known.lead_key = lead_ids[known.lead_id]
            known.row = made_by_row.get(known.ref)
            found.setdefault(known.lead_key, []).append(known)
        for record in earlier:
            if record.project_id is not None:
                continue  # written: the ledger's own projects above include it
            known = Known(None, record.event_id, record.code, record.name, record.name_key)
            known.row = record.row
            known.lead_key = record.lead_key
            found.setdefault(record.lead_key, []).append(known)
        return found

    def _linked_here(self, row: ParsedRow, suspects: dict[str, list[Known]]) -> Known | None:
        """Another event's project, already announced at this row's event, that it nearly
        repeats (a suspected duplicate linked by an earlier import).
        """
        event_id = row.event.id
        for known in suspects.get(row.lead_key, ()):
            if known.event_id == event_id or event_id not in known.announced:
                continue
            if row.code and known.code and row.code != known.code:
                continue
            if near_identical(row.name_key, known.name_key):
                return known
        return None

    def _resembles(
        self, row: ParsedRow, suspects: dict[str, list[Known]], local: dict[str, list[Known]]
    ) -> Known | None:
        """The project at another event this row nearly repeats, if any."""
        event_id = row.event.id
        for known in (*suspects.get(row.lead_key, ()), *local.get(row.lead_key, ())):
            if event_id in known.announced:
                continue
            if row.code and known.code and row.code != known.code:
                continue  # both have codes, and they differ: two projects
            if near_identical(row.name_key, known.name_key):
                return known
        return None

    def _announcements(
        self,
        linked: list[tuple[Link, ParsedRow, Known]],
        relinked: list[tuple[ParsedRow, Known]],
        plan: BatchPlan,
    ) -> None:
        """Give each new link the row's sector and mode where they differ from the project's
        own; plan a change of an announcement made before whose sector or mode the row changes.

        The row's sector is in its own event's scheme (read so by :mod:`.rows`): what that
        event's figures count the project under. A re-import of the same file finds each
        announcement as the row says, and changes nothing.
        """
        knowns = [known for _link, _row, known in linked] + [known for _row, known in relinked]
        ids = {known.ref for known in knowns if isinstance(known.ref, int)}
        stored = lookups.project_values(ids, ["sector_id", "mode"]) if ids else {}
        # The names of the projects' own sectors: a row naming its project's own sector (in
        # the owner's classification, as an export of this event writes a linked project
        # without a sector of its own here) says "the project's own", not a new category.
        own_names = lookups.category_keys(
            {values["sector_id"] for values in stored.values()}
            | {
                known.values.get("sector_id")
                for known in knowns
                if not isinstance(known.ref, int) and known.values
            }
        )

        def own(known: Known) -> tuple[Any, str] | None:
            if isinstance(known.ref, int) and known.ref in stored:
                return stored[known.ref]["sector_id"], stored[known.ref]["mode"]
            if known.values:  # a project this file creates
                return known.values.get("sector_id"), known.values.get("mode") or ""
            return None  # not written (a dry run, or after an error): nothing to compare

        for link, row, known in linked:
            theirs = own(known)
            if theirs is not None:
                link.sector, link.mode = _announced_as(row, *theirs, own_names)
        if not relinked:
            return
        found = lookups.announced_as([(known.ref, row.event.id) for row, known in relinked])
        for row, known in relinked:
            announcement, theirs = found.get((known.ref, row.event.id)), own(known)
            if announcement is None or theirs is None:
                plan.unchanged += 1
                continue
            pk, old_sector, old_mode = announcement
            sector, mode = _announced_as(row, *theirs, own_names)
            changes: dict[str, tuple[Any, Any]] = {}
            if _differs(old_sector, sector):
                changes["sector_id"] = (old_sector, sector)
            if old_mode != mode:
                changes["mode"] = (old_mode, mode)
            if not changes:
                plan.unchanged += 1
                continue
            plan.announcement_changes.append(
                AnnouncementChange(pk, known.ref, row.event.id, row.number, sector, mode, changes)
            )

    def _value_warnings(
        self, pairs: list[tuple[ParsedRow, Known]], problems: list[Problem]
    ) -> None:
        """Warn where a linked project's contract value is not the row's."""
        stored = lookups.project_values(
            [known.ref for _row, known in pairs if isinstance(known.ref, int)], ["value"]
        )
        # A project the user may not see has no figures to compare, for them.
        hidden = unseen.unseen(known.ref for _row, known in pairs if isinstance(known.ref, int))
        for row, known in pairs:
            if isinstance(known.ref, int) and known.ref in hidden:
                continue
            if isinstance(known.ref, int):
                theirs = stored.get(known.ref, {}).get("value")
            else:
                theirs = known.values.get("value")
            ours = row.fields.get("value")
            if theirs is None or ours is None or theirs == ours:
                continue
            problems.append(
                self._warning(
                    row,
                    "value",
                    _(
                        "This row is %(project)s, whose contract value is %(theirs)s yuan, not "
                        "%(ours)s yuan as this row says. The project keeps its owner's figures; "
                        "correct them in %(event)s's ledger if they changed."
                    )
                    % {
                        "project": self._describe(known),
                        "theirs": f"{theirs:,}",
                        "ours": f"{ours:,}",
                        "event": self._event_code(known.event_id),
                    },
                    ours,
                )
            )

    def _updates(
        self, pairs: list[tuple[ParsedRow, Known]], problems: list[Problem], plan: BatchPlan
    ) -> None:
        """Compare each row with its project; plan an update where anything differs."""
        ids = [known.ref for _row, known in pairs]
        stored = lookups.project_values(ids, IMPORTED_FIELDS)
        links = lookups.investor_lists(ids)
        for row, known in pairs:
            old = stored[known.ref]
            new = dict(row.fields)
            if not row.code:
                new.pop("project_code", None)  # a code is never cleared
            new["lead_investor_id"] = row.refs[0]
            changes = {
                field: (old[field], value)
                for field, value in new.items()
                if _differs(old[field], value)
            }
            investors = None
            if _investors_differ(links.get(known.ref, []), row.refs):
                investors = list(row.refs)
                changes["investors"] = (links.get(known.ref, []), investors)
            if not changes:
                plan.unchanged += 1
                continue
            merged = {field: old[field] for field in IMPORTED_FIELDS}
            merged.update(new)
            plan.updates.append(
                ProjectUpdate(known.ref, row.number, merged, changes, investors, row.name_key)
            )


def _announced_as(
    row: ParsedRow, own_sector: Any, own_mode: str, own_names: dict[int, set[str]]
) -> tuple[Any, str]:
    """The sector and mode an announcement keeps for ``row``: None and "" where the row
    says what the project itself says (or says nothing). ``own_names`` holds the keys of the
    names of the projects' own sectors, by id."""
    sector = row.fields.get("sector_id")
    mode = row.fields.get("mode") or ""
    names_own = isinstance(sector, PendingCategory) and sector.key in own_names.get(own_sector, ())
    if sector is None or names_own or _same_category(sector, own_sector):
        sector = None
    if mode == own_mode:
        mode = ""
    return sector, mode


def _same_category(first: Any, second: Any) -> bool:
    if first is second:
        return True
    first_id = first.id if isinstance(first, PendingCategory) else first
    second_id = second.id if isinstance(second, PendingCategory) else second
    return first_id is not None and first_id == second_id


def _differs(old: Any, new: Any) -> bool:
    if isinstance(new, (PendingCategory, NewInvestor)):
        return new.id is None or new.id != old
    return old != new


def _investors_differ(old: list[int], new: Iterable[Any]) -> bool:
    new = list(new)
    if any(not isinstance(ref, int) for ref in new):
        return True
    return old != new


def _type_label(value: str) -> str:
    try:
        return str(InvestorType(value).label)
    except ValueError:
        return value or "—"

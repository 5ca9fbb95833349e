"""One row of a ledger file read into what a project is made of, every problem placed in it.

:class:`RowParser` runs each cell through its parser (:mod:`.amounts`, :mod:`.dates`,
:mod:`.vocabularies`…) and resolves names against the reference data read once
(:class:`~.context.ImportContext`): the event, region, sector, origin, chain and park. It makes
no query of its own, so a row costs the parsing of its cells. Cells that repeat down a column
(a district, a signing mode, a date) are worked out once per distinct value — parsed, resolved,
and checked for being blank — and their outcome is looked up by the cell from then on, in a
small, bounded cache; the rest (names, investors, amounts, free text) are read every time.

Decisions beyond the ledger format:

- A region is where a project lands: a country is refused (a district, county, area or a
  province of China is needed). A name shared by several regions is taken inside the event's
  host when exactly one lies there.
- A chain or park that is not in the ledger yet is an error, not created on first use: each
  has an official answerable for it (a chain chief, a park head), and a misspelt name would
  split its projects in two. The message offers close names and says where to add one.
- A park must lie in the row's region or under it.
- An optional column that is present but empty in a row says "none" (and clears the value on
  ``--update``); a column the file does not have leaves the value alone. A project code is
  never cleared: it is what identifies the project.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from taizhang.i18n import join_list
from taizhang.ledger.importing.amounts import Amount, parse_amount, to_yuan
from taizhang.ledger.importing.cells import cell_text, fold, is_blank, quote
from taizhang.ledger.importing.context import ImportContext, PendingCategory
from taizhang.ledger.importing.currencies import DEFAULT_CURRENCY, parse_currency
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import COLUMNS_BY_KEY, REQUIRED_KEYS, HeaderMap
from taizhang.ledger.importing.problems import CellError, Problem, Severity
from taizhang.ledger.importing.vocabularies import (
    investor_names,
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
)
from taizhang.ledger.models import Category, Event, Project, Region
from taizhang.ledger.normalise import normalise_name
from taizhang.ledger.regions import RegionLookupError
from taizhang.ledger.regions import describe as describe_region

#: How many distinct values of one column a parser's cache keeps before starting afresh.
CACHE_SIZE = 4096

#: The Project fields each optional column sets, besides those handled on their own.
_TEXT_FIELDS = ("responsible_unit", "responsible_person", "description")
_DATE_FIELDS = ("planned_start", "planned_production")

#: The longest text each column may hold, as the database keeps it.
TEXT_LIMITS: dict[str, int] = {
    **{
        key: Project._meta.get_field(key).max_length
        for key in ("name", "project_code", "responsible_unit", "responsible_person")
    },
    "sector": Category._meta.get_field("name_zh").max_length,
}


def blank_row(cells: Sequence[object]) -> bool:
    """True when every cell of a row is blank: a row between projects, layout and not data."""
    for value in cells:  # noqa: SIM110 - all() over a generator costs more, on every row
        if value is not None and not is_blank(value):
            return False
    return True


#: What a column's cell came to: the value to set (None when there is a problem) and the
#: problem, not yet placed in a row (None when there is none).
Outcome = tuple[Any, Problem | None]


class _Outcomes(dict[Any, Any]):
    """A column's outcomes by cell, each worked out once by ``work(value)``, bounded.

    Looked up as ``outcomes[value]`` for text, the common cell, and ``outcomes[(type, value)]``
    for anything else, so that the cells ``1``, ``1.0`` and ``TRUE`` — equal to Python — are
    not taken for one another. Past :data:`CACHE_SIZE` values it starts afresh, so memory stays
    flat over a million different cells.
    """

    __slots__ = ("_work",)

    def __init__(self, work: Callable[[Any], Any]) -> None:
        super().__init__()
        self._work = work

    def __missing__(self, key: Any) -> Any:
        found = self._work(key if key.__class__ is str else key[1])
        if len(self) >= CACHE_SIZE:
            self.clear()
        self[key] = found
        return found


#: No event at all, not even None: what the parser has seen before its first row.
_NO_EVENT = object()


def _parsed(parse: Callable[[Any], Any], value: object) -> Outcome:
    try:
        return parse(value), None
    except CellError as error:
        return None, error.problem


class ParsedRow:
    """A row as the project it describes, before it is matched against the ledger.

    ``fields`` holds the Project fields the file states (by attribute name); ``sector`` the
    category id, or a :class:`PendingCategory` to be created. ``ok`` is false when any cell
    had an error: such a row is still checked for being a duplicate in the file, no more.
    """

    __slots__ = (
        "code",
        "event",
        "fields",
        "investor_keys",
        "investor_type",
        "investors",
        "name",
        "name_key",
        "number",
        "ok",
        "origin_given",
        "origin_id",
        "refs",
    )

    def __init__(self, number: int) -> None:
        self.number = number
        self.ok = True
        self.event: Event | None = None
        self.name = ""
        self.name_key = ""
        self.code: str | None = None
        self.investors: list[str] = []
        self.investor_keys: list[str] = []
        self.investor_type: str | None = None
        self.origin_id: int | None = None
        self.origin_given = False
        self.fields: dict[str, Any] = {}
        self.refs: list[Any] = []  # the investors as matched: ids, or investors to create

    @property
    def lead_key(self) -> str | None:
        return self.investor_keys[0] if self.investor_keys else None


class RowParser:
    """Reads the rows of one file, given its header and the import's reference data."""

    def __init__(
        self, header: HeaderMap, context: ImportContext, default_event: Event | None
    ) -> None:
        self.header = header
        self.context = context
        self.default_event = default_event
        self.columns = columns = header.columns
        self.value_unit = header.units.get("value")
        self.original_unit = header.units.get("original_value")
        # Where each column's cell is in a row; None for an optional column the file does not
        # have. A required one it does not have reads as an empty cell (the pipeline never
        # gets that far without one), from a slot past the last column that rows are padded to.
        self._width = max(columns.values(), default=-1) + 1
        if any(key not in columns for key in REQUIRED_KEYS if key != "event"):
            self._width += 1
        missing = self._width - 1

        def required(key: str) -> int:
            return columns.get(key, missing)

        self._event_at = columns.get("event")
        self._name_at = required("name")
        self._code_at = columns.get("project_code")
        self._investor_at = required("investor")
        self._investor_type_at = required("investor_type")
        self._region_at = required("region")
        self._value_at = required("value")
        self._original_at = columns.get("original_value")
        self._currency_at = columns.get("currency")
        self._sector_at = required("sector")
        self._mode_at = required("mode")
        self._signing_date_at = required("signing_date")
        self._origin_at = columns.get("investor_origin")
        self._strategic_at = columns.get("strategic_emerging")
        self._chain_at = columns.get("industry_chain")
        self._park_at = columns.get("park")
        self._project_type_at = columns.get("project_type")
        self._texts = tuple(
            (key, columns[key], TEXT_LIMITS.get(key)) for key in _TEXT_FIELDS if key in columns
        )
        self._planned = tuple((key, columns[key]) for key in _DATE_FIELDS if key in columns)
        # Each column's outcomes by cell (_Outcomes); regions by the event's host, sectors
        # by the event's classification, since what a name means depends on them.
        self._event_outcomes = _Outcomes(self._event_outcome)
        self._investor_types = _Outcomes(self._required("investor_type", parse_investor_type))
        self._modes = _Outcomes(self._required("mode", parse_signing_mode))
        self._signing_dates = _Outcomes(self._required("signing_date", parse_date))
        self._planned_dates = _Outcomes(self._optional(parse_date, None))
        self._project_types = _Outcomes(self._optional(parse_project_type, ""))
        self._currencies = _Outcomes(lambda value: _parsed(parse_currency, value))
        self._strategic = _Outcomes(self._strategic_outcome)
        self._origins = _Outcomes(self._origin_outcome)
        self._chains = _Outcomes(self._chain_outcome)
        self._parks = _Outcomes(self._park_outcome)
        self._regions: dict[int | None, _Outcomes] = {}
        self._sector_outcomes: dict[int, dict[Any, Outcome]] = {}
        # The event of the last row, and its region and sector outcomes: rows of one event
        # follow one another, and an event's fields are descriptors, dear to read every row.
        self._event_now: tuple[object, Any, Any] = (_NO_EVENT, None, None)
        self._events: dict[str, Event | None] = {}
        self._sectors: dict[tuple[int, str], int | PendingCategory | None] = {}

    # --- helpers ------------------------------------------------------------------------

    def _problem(
        self,
        row: ParsedRow,
        key: str,
        message: Any,
        value: object = None,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        if severity is Severity.ERROR:
            row.ok = False
        problem = Problem(severity, message, value)
        return self.header.place(problem, key, row.number)

    def _placed(self, row: ParsedRow, key: str, problem: Problem) -> Problem:
        if problem.is_error:
            row.ok = False
        return self.header.place(problem, key, row.number)

    def _empty(self, row: ParsedRow, key: str) -> Problem:
        return self._placed(row, key, _empty_problem(key))

    def _required(self, key: str, parse: Callable[[Any], Any]) -> Callable[[Any], Outcome]:
        """The outcome of a required column's cell: parsed, or a problem when it is blank."""

        def outcome(value: object) -> Outcome:
            if is_blank(value):
                return None, _empty_problem(key)
            return _parsed(parse, value)

        return outcome

    @staticmethod
    def _optional(parse: Callable[[Any], Any], none: object) -> Callable[[Any], Outcome]:
        """The outcome of an optional column's cell: parsed, or ``none`` when it is blank."""

        def outcome(value: object) -> Outcome:
            if is_blank(value):
                return none, None
            return _parsed(parse, value)

        return outcome

    # --- a row --------------------------------------------------------------------------

    def parse(self, number: int, cells: Sequence[object]) -> tuple[ParsedRow, list[Problem]]:
        """The row numbered ``number`` read from ``cells``, and the problems found in it."""
        if len(cells) < self._width:  # a short row: the cells it lacks are empty
            cells = [*cells, *[None] * (self._width - len(cells))]
        row = ParsedRow(number)
        problems: list[Problem] = []
        fields = row.fields
        # A repeating column's outcome is looked up by its cell: text as it is, anything else
        # with its type beside it (_Outcomes), written out below for each such column.

        if self._event_at is None:
            event = self.default_event
        else:
            value = cells[self._event_at]
            event, problem = self._event_outcomes[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is not None:
                problems.append(self._placed(row, "event", problem))
        row.event = event

        value = cells[self._name_at]
        name = " ".join((value if value.__class__ is str else cell_text(value)).split())
        if not name:
            problems.append(self._empty(row, "name"))
        elif len(name) > TEXT_LIMITS["name"]:
            problems.append(self._too_long(row, "name", value))
        else:
            row.name = name
            row.name_key = normalise_name(name)
            if row.name_key:
                fields["name"] = name
            else:
                problems.append(self._no_name(row, value))

        if self._code_at is not None:
            self._code(row, cells[self._code_at], problems)

        # Not cached: investor cells are mostly different from one another.
        try:
            row.investors, row.investor_keys = investor_names(cells[self._investor_at])
        except CellError as error:
            problems.append(self._placed(row, "investor", error.problem))
        value = cells[self._investor_type_at]
        parsed, problem = self._investor_types[
            value if value.__class__ is str else (value.__class__, value)
        ]
        if problem is None:
            row.investor_type = parsed
        else:
            problems.append(self._placed(row, "investor_type", problem))

        now = self._event_now
        if now[0] is not event:
            now = self._outcomes_of(event)
        _event, regions, sectors = now
        value = cells[self._region_at]
        region, problem = regions[value if value.__class__ is str else (value.__class__, value)]
        if problem is None:
            fields["region_id"] = region.id
        else:
            problems.append(self._placed(row, "region", problem))

        if event is not None:
            self._amounts(row, event, cells, problems)
            value = cells[self._sector_at]
            key = value if value.__class__ is str else (value.__class__, value)
            found = sectors.get(key)
            if found is None:
                found = self._sector_outcome(row, event, value, problems)
                if len(sectors) >= CACHE_SIZE:
                    sectors.clear()
                sectors[key] = found
            sector, problem = found
            if problem is None:
                fields["sector_id"] = sector
            else:
                problems.append(self._placed(row, "sector", problem))

        value = cells[self._mode_at]
        parsed, problem = self._modes[value if value.__class__ is str else (value.__class__, value)]
        if problem is None:
            fields["mode"] = parsed
        else:
            problems.append(self._placed(row, "mode", problem))

        value = cells[self._signing_date_at]
        parsed, problem = self._signing_dates[
            value if value.__class__ is str else (value.__class__, value)
        ]
        if problem is None:
            fields["signing_date"] = parsed
        else:
            problems.append(self._placed(row, "signing_date", problem))

        if self._origin_at is not None:
            value = cells[self._origin_at]
            origin, problem = self._origins[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is not None:
                problems.append(self._placed(row, "investor_origin", problem))
            elif origin is not None:  # None: the cell is blank, and says nothing
                row.origin_id = origin
                row.origin_given = True

        if self._strategic_at is not None:
            value = cells[self._strategic_at]
            parsed, problem = self._strategic[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is None:
                fields["strategic_emerging"], fields["strategic_emerging_category_id"] = parsed
            else:
                problems.append(self._placed(row, "strategic_emerging", problem))

        if self._chain_at is not None:
            value = cells[self._chain_at]
            parsed, problem = self._chains[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is None:
                fields["industry_chain_id"] = parsed
            else:
                problems.append(self._placed(row, "industry_chain", problem))

        if self._park_at is not None:
            value = cells[self._park_at]
            named, problem = self._parks[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is not None:
                problems.append(self._placed(row, "park", problem))
            elif named is None:  # the cell is blank
                fields["park_id"] = None
            elif region is not None:  # else the region's own error says what to fix first
                self._park(row, value, named, region, problems)

        if self._project_type_at is not None:
            value = cells[self._project_type_at]
            parsed, problem = self._project_types[
                value if value.__class__ is str else (value.__class__, value)
            ]
            if problem is None:
                fields["project_type"] = parsed
            else:
                problems.append(self._placed(row, "project_type", problem))

        for key, index, limit in self._texts:
            value = cells[index]
            text = value.strip() if value.__class__ is str else cell_text(value).strip()  # type: ignore[attr-defined]
            if limit is not None and len(text) > limit:
                problems.append(self._too_long(row, key, value))
            else:
                fields[key] = text

        planned = self._planned_dates
        for key, index in self._planned:
            value = cells[index]
            parsed, problem = planned[value if value.__class__ is str else (value.__class__, value)]
            if problem is None:
                fields[key] = parsed
            else:
                problems.append(self._placed(row, key, problem))
        return row, problems

    # --- columns ------------------------------------------------------------------------

    def _event_outcome(self, value: object) -> Outcome:
        default = self.default_event
        if is_blank(value):
            if default is None:
                return None, _empty_problem("event")
            return default, None
        text = fold(cell_text(value))
        if text not in self._events:
            self._events[text] = self.context.event(text)
        event = self._events[text]
        if event is None:
            codes = self.context.event_codes()
            return None, Problem(
                Severity.ERROR,
                _(
                    "“%(value)s” is not the code of an event (known: %(codes)s): write an "
                    "event's code, or add the event with “taizhang events add”."
                )
                % {"value": quote(value), "codes": join_list(codes[:10]) or "—"},
                value,
            )
        if default is not None and event.id != default.id:
            return None, Problem(
                Severity.ERROR,
                _(
                    "This row is of the event %(row_event)s, but the import is into "
                    "%(event)s (--event): import it with its own event, or correct the cell."
                )
                % {"row_event": event.code, "event": default.code},
                value,
            )
        return event, None

    def _no_name(self, row: ParsedRow, value: object) -> Problem:
        return self._problem(
            row,
            "name",
            _("“%(value)s” is no project name: it has no letters or digits.")
            % {"value": quote(value)},
            value,
        )

    def _code(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        if is_blank(value):
            return
        code = fold(cell_text(value)).upper()
        if len(code) > TEXT_LIMITS["project_code"]:
            problems.append(self._too_long(row, "project_code", value))
            return
        row.code = code
        row.fields["project_code"] = code

    def _outcomes_of(self, event: Event | None) -> tuple[object, Any, Any]:
        """The outcomes of region cells for the rows of ``event``, which prefer its host, and
        of sector cells, which name categories of its classification (None without an event).
        """
        host_id = event.host_id if event is not None else None
        regions = self._regions.get(host_id)
        if regions is None:
            host = event.host if event is not None else None

            def outcome(value: object) -> Outcome:
                if is_blank(value):
                    return None, _empty_problem("region")
                region, message = self._resolve_region(cell_text(value), host)
                if message:
                    return None, Problem(Severity.ERROR, message, value)
                return region, None

            regions = self._regions[host_id] = _Outcomes(outcome)
        sectors = None
        if event is not None:
            sectors = self._sector_outcomes.setdefault(event.sector_scheme_id, {})
        self._event_now = (event, regions, sectors)
        return self._event_now

    def _resolve_region(self, text: str, host: Region | None) -> tuple[Region | None, str | None]:
        try:
            region = self.context.regions.resolve(text, prefer=host)
        except RegionLookupError as error:
            return None, error.message
        if region.level == Region.Level.COUNTRY:
            return None, _(
                "“%(value)s” is a country: a project lands in a district, county, development "
                "zone or new area, or a province of China. Write where it lands."
            ) % {"value": quote(text)}
        return region, None

    def _amounts(
        self, row: ParsedRow, event: Event, cells: Sequence[object], problems: list[Problem]
    ) -> None:
        try:
            amount = parse_amount(cells[self._value_at], self.value_unit)
        except CellError as error:
            problems.append(self._placed(row, "value", error.problem))
            return
        if amount.warning is not None:
            problems.append(self._placed(row, "value", amount.warning))
        currency = DEFAULT_CURRENCY
        currency_cell = None
        if self._currency_at is not None:
            currency_cell = cells[self._currency_at]
            currency, problem = self._currencies[
                currency_cell
                if currency_cell.__class__ is str
                else (currency_cell.__class__, currency_cell)
            ]
            if problem:
                problems.append(self._placed(row, "currency", problem))
                return
        fields = row.fields
        if amount.currency != DEFAULT_CURRENCY:
            # US$6.95 billion: converted at the event's rate, the contract's own amount kept.
            if currency not in (DEFAULT_CURRENCY, amount.currency):
                problems.append(
                    self._problem(
                        row,
                        "currency",
                        _(
                            "The contract value is in %(value_currency)s but the currency "
                            "column says %(currency)s: make them agree."
                        )
                        % {"value_currency": amount.currency, "currency": currency},
                        currency_cell,
                    )
                )
                return
            try:
                yuan = to_yuan(amount, self.context.rate(event, amount.currency), event=event.code)
            except CellError as error:
                problems.append(self._placed(row, "value", error.problem))
                return
            fields["value"] = yuan
            fields["original_value"] = amount.value
            fields["currency"] = amount.currency
            return
        fields["value"] = amount.value
        original = cells[self._original_at] if self._original_at is not None else None
        if currency == DEFAULT_CURRENCY:
            fields["original_value"] = None
            fields["currency"] = DEFAULT_CURRENCY
            if self._original_at is not None and not is_blank(original):
                problems.append(
                    self._problem(
                        row,
                        "original_value",
                        _(
                            "An original amount is given but no other currency: it is ignored. "
                            "Give the currency (e.g. USD) if the contract is in one."
                        ),
                        original,
                        Severity.WARNING,
                    )
                )
            return
        # An exported row: the value in yuan, the contract's amount and currency beside it.
        if self._original_at is None or is_blank(original):
            problems.append(
                self._problem(
                    row,
                    "currency",
                    _(
                        "The currency is %(currency)s but the original amount is missing: give "
                        "the amount in %(currency)s in the column “%(header)s”, or write the "
                        "contract value in %(currency)s (e.g. %(currency)s 100 million)."
                    )
                    % {"currency": currency, "header": COLUMNS_BY_KEY["original_value"].en},
                    currency_cell,
                )
            )
            return
        try:
            stated: Amount = parse_amount(original, self.original_unit)
        except CellError as error:
            problems.append(self._placed(row, "original_value", error.problem))
            return
        if stated.currency not in (DEFAULT_CURRENCY, currency):
            problems.append(
                self._problem(
                    row,
                    "original_value",
                    _(
                        "The original amount is in %(stated)s but the currency column says "
                        "%(currency)s: make them agree."
                    )
                    % {"stated": stated.currency, "currency": currency},
                    original,
                )
            )
            return
        fields["original_value"] = stated.value
        fields["currency"] = currency

    def _sector_outcome(
        self, row: ParsedRow, event: Event, value: object, problems: list[Problem]
    ) -> Outcome:
        """The outcome of a sector cell; the first row naming a new sector close to an existing
        one is warned (in ``problems``), the rows after it are not.
        """
        if is_blank(value):
            return None, _empty_problem("sector")
        text = " ".join(cell_text(value).split())
        if len(text) > TEXT_LIMITS["sector"]:
            return None, self._too_long_problem("sector", value)
        key = (event.sector_scheme_id, text)
        if key in self._sectors:
            found = self._sectors[key]
        else:
            found = self.context.sector(event.sector_scheme_id, text)
            self._sectors[key] = found
            if isinstance(found, PendingCategory) and found.close_to:
                problems.append(
                    self._problem(
                        row,
                        "sector",
                        _(
                            "“%(value)s” is a new sector of %(event)s and is created; it is "
                            "close to the existing “%(close)s”: if it is the same, write it "
                            "the same way."
                        )
                        % {"value": text, "event": event.code, "close": found.close_to},
                        value,
                        Severity.WARNING,
                    )
                )
        if found is None:
            # The count stays as it is shown here: no category is planned past the limit.
            return None, Problem(
                Severity.ERROR,
                _(
                    "“%(value)s” would be one sector too many: this import already creates "
                    "%(count)d new sector categories. Is this the sector column?"
                )
                % {"value": quote(value), "count": len(self.context.pending)},
                value,
            )
        return found, None

    def _origin_outcome(self, value: object) -> Outcome:
        if is_blank(value):
            return None, None
        try:
            return self.context.origins.resolve(cell_text(value)).pk, None
        except RegionLookupError as error:
            return None, Problem(
                Severity.ERROR,
                _(
                    "%(message)s An investor's origin is a country, or a province-level "
                    "division of China (Hong Kong, Macao and Taiwan included)."
                )
                % {"message": error.message},
                value,
            )

    def _strategic_outcome(self, value: object) -> Outcome:
        if is_blank(value):
            return (None, None), None
        try:
            flag, code = parse_strategic_emerging(value)
        except CellError as error:
            return None, error.problem
        return (flag, self.context.strategic.get(code) if code else None), None

    def _chain_outcome(self, value: object) -> Outcome:
        if is_blank(value):
            return None, None
        text = cell_text(value)
        chain = self.context.chain(text)
        if chain is not None:
            return chain, None
        return None, Problem(
            Severity.ERROR,
            _unknown(
                _(
                    "“%(value)s” is not an industry chain of the ledger. Correct the name, or "
                    "have the administrator add the chain (Ledger › Industry chains) first."
                ),
                text,
                self.context.chain_suggestions(text),
            ),
            value,
        )

    def _park_outcome(self, value: object) -> Outcome:
        """The parks a cell names (None when it is blank), or the problem that it names none."""
        if is_blank(value):
            return None, None
        text = cell_text(value)
        named = self.context.parks_named(text)
        if named:
            return named, None
        return None, Problem(
            Severity.ERROR,
            _unknown(
                _(
                    "“%(value)s” is not a park of the ledger. Correct the name, or have "
                    "the administrator add the park (Ledger › Parks) first."
                ),
                text,
                self.context.park_suggestions(text),
            ),
            value,
        )

    def _park(
        self,
        row: ParsedRow,
        value: object,
        named: list[tuple[int, int, str]],
        region: Region,
        problems: list[Problem],
    ) -> None:
        text = cell_text(value)
        paths = self.context.region_paths
        inside = [park for park in named if paths.get(park[1], "").startswith(region.path)]
        if len(inside) == 1:
            row.fields["park_id"] = inside[0][0]
            return
        if inside:
            message = _(
                "“%(value)s” names several parks in %(region)s: write the park's full name."
            ) % {"value": quote(text), "region": region.name}
        else:
            message = _(
                "The park “%(value)s” is in %(park_region)s, not in %(region)s where this row "
                "says the project lands: correct the park or the region."
            ) % {
                "value": quote(text),
                "park_region": self.context.region_name(named[0][1]),
                "region": describe_region(region),
            }
        problems.append(self._problem(row, "park", message, value))

    def _too_long(self, row: ParsedRow, key: str, value: object) -> Problem:
        return self._placed(row, key, self._too_long_problem(key, value))

    @staticmethod
    def _too_long_problem(key: str, value: object) -> Problem:
        return Problem(
            Severity.ERROR,
            _("“%(value)s” is longer than the %(limit)d characters the ledger keeps: shorten it.")
            % {"value": quote(value), "limit": TEXT_LIMITS[key]},
            value,
        )


def _empty_problem(key: str) -> Problem:
    """A required column's cell is empty."""
    column = COLUMNS_BY_KEY[key]
    return Problem(
        Severity.ERROR,
        _("%(en)s (%(zh)s) is empty: every project needs one.")
        % {"en": column.en, "zh": column.zh},
        "",
    )


def _unknown(message: str, text: str, suggestions: list[str]) -> str:
    shown = message % {"value": quote(text)}
    if suggestions:
        shown += " " + _("Close names: %(names)s.") % {"names": "、".join(suggestions)}
    return shown

"""One row of a ledger file read into what a project is made of, every problem placed in it.

:class:`RowParser` runs each cell through its parser (:mod:`.amounts`, :mod:`.dates`,
:mod:`.vocabularies`…) and resolves names against the reference data read once
(:class:`~.context.ImportContext`): the event, region, sector, origin, chain and park. It makes
no query of its own, so a row costs the parsing of its cells. Cells that repeat down a column
(a district, a signing mode, a date) are parsed once per distinct value through a small,
bounded cache; the rest (names, amounts) are parsed every time.

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

from taizhang.ledger.importing.amounts import Amount, parse_amount, to_yuan
from taizhang.ledger.importing.cells import cell_text, fold, is_blank, quote
from taizhang.ledger.importing.context import ImportContext, PendingCategory
from taizhang.ledger.importing.currencies import DEFAULT_CURRENCY, parse_currency
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import COLUMNS_BY_KEY, HeaderMap
from taizhang.ledger.importing.problems import CellError, Problem, Severity
from taizhang.ledger.importing.vocabularies import (
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
    split_investors,
)
from taizhang.ledger.models import Category, Event, Project, Region
from taizhang.ledger.normalise import normalise_name
from taizhang.ledger.regions import RegionLookupError

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


_INVISIBLE_START = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def blank(value: object) -> bool:
    """:func:`~.cells.is_blank`, fast for the common cell: text starting with a visible letter."""
    if value is None or value == "":
        return True
    if value.__class__ is str:
        first = value[0]  # type: ignore[index]
        return (first.isspace() or first in _INVISIBLE_START) and is_blank(value)
    return False


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


class _Cache:
    """A parser's results (or its problem) by cell value, bounded; keys keep the value's type,
    so the cell ``1`` and the cell ``True`` are not mistaken for each other.
    """

    __slots__ = ("_parse", "_results")

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        self._parse = parse
        self._results: dict[tuple[type, Any], tuple[Any, Problem | None]] = {}

    def __call__(self, value: Any) -> tuple[Any, Problem | None]:
        key = (value.__class__, value)
        found = self._results.get(key)
        if found is None:
            try:
                found = (self._parse(value), None)
            except CellError as error:
                found = (None, error.problem)
            if len(self._results) >= CACHE_SIZE:
                self._results.clear()
            self._results[key] = found
        return found


class RowParser:
    """Reads the rows of one file, given its header and the import's reference data."""

    def __init__(
        self, header: HeaderMap, context: ImportContext, default_event: Event | None
    ) -> None:
        self.header = header
        self.context = context
        self.default_event = default_event
        self.columns = header.columns
        self.value_unit = header.units.get("value")
        self.original_unit = header.units.get("original_value")
        self._investor_type = _Cache(parse_investor_type)
        self._mode = _Cache(parse_signing_mode)
        self._date = _Cache(parse_date)
        self._project_type = _Cache(parse_project_type)
        self._strategic = _Cache(parse_strategic_emerging)
        self._currency = _Cache(parse_currency)
        self._regions: dict[tuple[str, int | None], tuple[Region | None, str | None]] = {}
        self._origins: dict[str, tuple[int | None, str | None]] = {}
        self._events: dict[str, Event | None] = {}
        self._sectors: dict[tuple[int, str], int | PendingCategory | None] = {}
        self._slots = tuple(header.columns.items())

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
        column = COLUMNS_BY_KEY[key]
        return self._problem(
            row,
            key,
            _("%(en)s (%(zh)s) is empty: every project needs one.")
            % {"en": column.en, "zh": column.zh},
            "",
        )

    # --- a row --------------------------------------------------------------------------

    def parse(self, number: int, cells: Sequence[object]) -> tuple[ParsedRow, list[Problem]]:
        """The row numbered ``number`` read from ``cells``, and the problems found in it."""
        row = ParsedRow(number)
        problems: list[Problem] = []
        columns = self.columns
        width = len(cells)
        values = {key: cells[index] for key, index in self._slots if index < width}
        cell = values.get

        event = self._event(row, cell("event"), problems)
        row.event = event
        self._name(row, cell("name"), problems)
        self._code(row, cell("project_code"), problems)
        self._investor_cells(row, cell("investor"), cell("investor_type"), problems)
        fields = row.fields
        region = self._region(row, cell("region"), event, problems)
        if region is not None:
            fields["region_id"] = region.id
        if event is not None:
            self._amounts(
                row, event, cell("value"), cell("original_value"), cell("currency"), problems
            )
            self._sector(row, event, cell("sector"), problems)
        self._required(row, "mode", cell("mode"), self._mode, "mode", problems)
        self._required(
            row, "signing_date", cell("signing_date"), self._date, "signing_date", problems
        )
        if "investor_origin" in columns:
            self._origin(row, cell("investor_origin"), problems)
        if "strategic_emerging" in columns:
            self._strategic_emerging(row, cell("strategic_emerging"), problems)
        if "industry_chain" in columns:
            self._chain(row, cell("industry_chain"), problems)
        if "park" in columns:
            self._park(row, cell("park"), region, problems)
        if "project_type" in columns:
            value = cell("project_type")
            if blank(value):
                fields["project_type"] = ""
            else:
                parsed, problem = self._project_type(value)
                if problem:
                    problems.append(self._placed(row, "project_type", problem))
                else:
                    fields["project_type"] = parsed
        for key in _TEXT_FIELDS:
            if key in columns:
                self._text(row, key, cell(key), problems)
        for key in _DATE_FIELDS:
            if key in columns:
                value = cell(key)
                if blank(value):
                    fields[key] = None
                else:
                    parsed, problem = self._date(value)
                    if problem:
                        problems.append(self._placed(row, key, problem))
                    else:
                        fields[key] = parsed
        return row, problems

    # --- columns ------------------------------------------------------------------------

    def _event(self, row: ParsedRow, value: object, problems: list[Problem]) -> Event | None:
        default = self.default_event
        if "event" not in self.columns or blank(value):
            if default is None:
                if "event" in self.columns:
                    problems.append(self._empty(row, "event"))
                return None
            return default
        text = fold(cell_text(value))
        if text not in self._events:
            self._events[text] = self.context.event(text)
        event = self._events[text]
        if event is None:
            codes = self.context.event_codes()
            problems.append(
                self._problem(
                    row,
                    "event",
                    _(
                        "“%(value)s” is not the code of an event (known: %(codes)s): write an "
                        "event's code, or add the event with “taizhang events add”."
                    )
                    % {"value": quote(value), "codes": ", ".join(codes[:10]) or "—"},
                    value,
                )
            )
            return None
        if default is not None and event.id != default.id:
            problems.append(
                self._problem(
                    row,
                    "event",
                    _(
                        "This row is of the event %(row_event)s, but the import is into "
                        "%(event)s (--event): import it with its own event, or correct the cell."
                    )
                    % {"row_event": event.code, "event": default.code},
                    value,
                )
            )
            return None
        return event

    def _name(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        name = " ".join(cell_text(value).split())
        if not name:
            problems.append(self._empty(row, "name"))
            return
        if len(name) > TEXT_LIMITS["name"]:
            problems.append(self._too_long(row, "name", value))
            return
        row.name = name
        row.name_key = normalise_name(name)
        if not row.name_key:
            problems.append(
                self._problem(
                    row,
                    "name",
                    _("“%(value)s” is no project name: it has no letters or digits.")
                    % {"value": quote(value)},
                    value,
                )
            )
            return
        row.fields["name"] = name

    def _code(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        if blank(value):
            return
        code = fold(cell_text(value)).upper()
        if len(code) > TEXT_LIMITS["project_code"]:
            problems.append(self._too_long(row, "project_code", value))
            return
        row.code = code
        row.fields["project_code"] = code

    def _investor_cells(
        self, row: ParsedRow, value: object, type_value: object, problems: list[Problem]
    ) -> None:
        # Not cached: investor cells are mostly different from one another.
        try:
            names = split_investors(value)
        except CellError as error:
            problems.append(self._placed(row, "investor", error.problem))
        else:
            row.investors = names
            row.investor_keys = [normalise_name(name) for name in names]
        if blank(type_value):
            problems.append(self._empty(row, "investor_type"))
            return
        parsed, problem = self._investor_type(type_value)
        if problem:
            problems.append(self._placed(row, "investor_type", problem))
        else:
            row.investor_type = parsed

    def _region(
        self, row: ParsedRow, value: object, event: Event | None, problems: list[Problem]
    ) -> Region | None:
        if blank(value):
            problems.append(self._empty(row, "region"))
            return None
        text = cell_text(value)
        host = event.host if event is not None else None
        key = (text, host.id if host else None)
        found = self._regions.get(key)
        if found is None:
            found = self._resolve_region(text, host)
            if len(self._regions) >= CACHE_SIZE:
                self._regions.clear()
            self._regions[key] = found
        region, message = found
        if message:
            problems.append(self._problem(row, "region", message, value))
        return region

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
        self,
        row: ParsedRow,
        event: Event,
        value: object,
        original: object,
        currency_cell: object,
        problems: list[Problem],
    ) -> None:
        try:
            amount = parse_amount(value, self.value_unit)
        except CellError as error:
            problems.append(self._placed(row, "value", error.problem))
            return
        if amount.warning is not None:
            problems.append(self._placed(row, "value", amount.warning))
        currency = DEFAULT_CURRENCY
        if "currency" in self.columns:
            currency, problem = self._currency(currency_cell)
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
        if currency == DEFAULT_CURRENCY:
            fields["original_value"] = None
            fields["currency"] = DEFAULT_CURRENCY
            if "original_value" in self.columns and not blank(original):
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
        if "original_value" not in self.columns or blank(original):
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

    def _sector(self, row: ParsedRow, event: Event, value: object, problems: list[Problem]) -> None:
        if blank(value):
            problems.append(self._empty(row, "sector"))
            return
        text = " ".join(cell_text(value).split())
        if len(text) > TEXT_LIMITS["sector"]:
            problems.append(self._too_long(row, "sector", value))
            return
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
            problems.append(
                self._problem(
                    row,
                    "sector",
                    _(
                        "“%(value)s” would be one sector too many: this import already creates "
                        "%(count)d new sector categories. Is this the sector column?"
                    )
                    % {"value": quote(value), "count": len(self.context.pending)},
                    value,
                )
            )
            return
        row.fields["sector_id"] = found

    def _required(
        self,
        row: ParsedRow,
        key: str,
        value: object,
        parser: _Cache,
        field: str,
        problems: list[Problem],
    ) -> None:
        if blank(value):
            problems.append(self._empty(row, key))
            return
        parsed, problem = parser(value)
        if problem:
            problems.append(self._placed(row, key, problem))
        else:
            row.fields[field] = parsed

    def _origin(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        if blank(value):
            return
        text = cell_text(value)
        found = self._origins.get(text)
        if found is None:
            try:
                found = (self.context.origins.resolve(text).pk, None)
            except RegionLookupError as error:
                found = (
                    None,
                    _(
                        "%(message)s An investor's origin is a country, or a province-level "
                        "division of China (Hong Kong, Macao and Taiwan included)."
                    )
                    % {"message": error.message},
                )
            if len(self._origins) >= CACHE_SIZE:
                self._origins.clear()
            self._origins[text] = found
        origin, message = found
        if message:
            problems.append(self._problem(row, "investor_origin", message, value))
            return
        row.origin_id = origin
        row.origin_given = True

    def _strategic_emerging(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        fields = row.fields
        if blank(value):
            fields["strategic_emerging"] = None
            fields["strategic_emerging_category_id"] = None
            return
        parsed, problem = self._strategic(value)
        if problem:
            problems.append(self._placed(row, "strategic_emerging", problem))
            return
        flag, code = parsed
        fields["strategic_emerging"] = flag
        fields["strategic_emerging_category_id"] = (
            self.context.strategic.get(code) if code else None
        )

    def _chain(self, row: ParsedRow, value: object, problems: list[Problem]) -> None:
        if blank(value):
            row.fields["industry_chain_id"] = None
            return
        text = cell_text(value)
        chain = self.context.chain(text)
        if chain is not None:
            row.fields["industry_chain_id"] = chain
            return
        problems.append(
            self._problem(
                row,
                "industry_chain",
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
        )

    def _park(
        self, row: ParsedRow, value: object, region: Region | None, problems: list[Problem]
    ) -> None:
        if blank(value):
            row.fields["park_id"] = None
            return
        text = cell_text(value)
        named = self.context.parks_named(text)
        if not named:
            problems.append(
                self._problem(
                    row,
                    "park",
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
            )
            return
        if region is None:
            return  # the region's own error says what to fix first
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
                "region": f"{region.name} ({region.code})",
            }
        problems.append(self._problem(row, "park", message, value))

    def _text(self, row: ParsedRow, key: str, value: object, problems: list[Problem]) -> None:
        text = value.strip() if value.__class__ is str else cell_text(value).strip()
        limit = TEXT_LIMITS.get(key)
        if limit is not None and len(text) > limit:
            problems.append(self._too_long(row, key, value))
            return
        row.fields[key] = text

    def _too_long(self, row: ParsedRow, key: str, value: object) -> Problem:
        return self._problem(
            row,
            key,
            _("“%(value)s” is longer than the %(limit)d characters the ledger keeps: shorten it.")
            % {"value": quote(value), "limit": TEXT_LIMITS[key]},
            value,
        )


def _unknown(message: str, text: str, suggestions: list[str]) -> str:
    shown = message % {"value": quote(text)}
    if suggestions:
        shown += " " + _("Close names: %(names)s.") % {"names": "、".join(suggestions)}
    return shown

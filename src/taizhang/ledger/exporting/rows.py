"""The rows of an exported ledger: one per project, one typed value per column.

:class:`LedgerRows` reads the projects in chunks (``iterator(chunk_size=…)``) with the names of
everything a row shows joined in, and each chunk's investors in one more query, so an export
makes the same few queries for ten projects or a million, and holds one chunk at a time. A row
holds Python values the writers turn into cells: text, an exact ``Decimal`` for amounts, a
``date`` for dates, or ``None`` for an empty cell.

Every value is written in a form ``taizhang import-ledger`` reads back as the same value:
vocabularies as :mod:`.words` writes them, regions by a name that names only that region (else
by code), investors by the name that identifies them (the one their matching key is made from,
even in an English file: a translated name would be read back as another investor), amounts
exactly in the chosen unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db.models import FilteredRelation, Q, QuerySet

from taizhang.ledger.exporting import words
from taizhang.ledger.importing.amounts import in_unit
from taizhang.ledger.importing.headers import COLUMNS, header_for
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.models import Event, Project, ProjectInvestor, Region
from taizhang.ledger.regions import RegionLookup

#: Projects read per query; each chunk's investors are one more query.
CHUNK_SIZE = 2000

Cell = str | Decimal | datetime.date | None


class Kind(Enum):
    """How a column's values are written: as text, an amount, or a date."""

    TEXT = "text"
    AMOUNT = "amount"
    DATE = "date"


#: Columns that are not text. ``value`` is in the export's unit, ``original_value`` in whole
#: units of its currency.
KINDS: dict[str, Kind] = {
    "value": Kind.AMOUNT,
    "original_value": Kind.AMOUNT,
    "signing_date": Kind.DATE,
    "planned_start": Kind.DATE,
    "planned_production": Kind.DATE,
}

KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS)


def kind_of(key: str) -> Kind:
    """How the column ``key`` is written."""
    return KINDS.get(key, Kind.TEXT)


def headers(language: str, unit: str) -> list[str]:
    """The header row: every column's canonical header, the contract value's with its unit."""
    return [header_for(key, language, unit if key == "value" else None) for key in KEYS]


def bilingual_name(thing: Any, language: str) -> str:
    """A bilingual thing's name in ``language``, falling back to the other one."""
    if language == "en":
        return thing.name_en or thing.name_zh
    return thing.name_zh or thing.name_en


class RegionNames:
    """How an export names regions: by name in its language when that name means this region
    alone, else by code, which always does.

    "Alone" is judged by :class:`RegionLookup` over every region, as the importer resolves
    them, so a region list loaded later that shares a name (another city's 江北区) turns that
    region's cells into codes instead of making the file ambiguous.
    """

    def __init__(self, lookup: RegionLookup, language: str) -> None:
        self._lookup = lookup
        self._language = language
        self._by_id: dict[int, Region] = {region.pk: region for region in lookup.regions}
        self._cells: dict[int, str] = {}

    @classmethod
    def from_database(cls, language: str) -> RegionNames:
        return cls(RegionLookup.from_database(), language)

    def cell(self, region: Region | int | None) -> str | None:
        """What a cell naming ``region`` (a region or its id) says."""
        if region is None:
            return None
        pk = region if isinstance(region, int) else region.pk
        found = self._cells.get(pk)
        if found is None:
            known = self._by_id.get(pk)
            if known is None:  # not in the lookup: a region made after it was read
                known = region if isinstance(region, Region) else Region.objects.get(pk=pk)
            name = bilingual_name(known, self._language)
            named = self._lookup.get(name) if name else None
            found = name if named is not None and named.pk == pk else known.code
            self._cells[pk] = found
        return found


#: What a row is read from: the project's own fields and its related names, in one query.
FIELDS = (
    "id",
    "name",
    "value",
    "original_value",
    "currency",
    "mode",
    "signing_date",
    "region_id",
    "strategic_emerging",
    "project_type",
    "project_code",
    "responsible_unit",
    "responsible_person",
    "planned_start",
    "planned_production",
    "description",
    "event__code",
    "lead_investor__name_zh",
    "lead_investor__name_en",
    "lead_investor__type",
    "lead_investor__origin_id",
    "sector__name_zh",
    "sector__name_en",
    "strategic_emerging_category__name_zh",
    "strategic_emerging_category__name_en",
    "industry_chain__name_zh",
    "industry_chain__name_en",
    "park__name_zh",
    "park__name_en",
)
#: Read as well in an export of one event: how that event classified and signed the project,
#: where its announcement says so (a project linked from another event); else empty.
ANNOUNCED_FIELDS = ("here__mode", "here__sector__name_zh", "here__sector__name_en")


class LedgerRows:
    """The rows of a ledger export, read lazily from ``projects``.

    ``event`` is the event the export is of: its code fills the event column, and a project
    linked to it from another event shows the sector and mode this event gave it, where its
    announcement here has its own, so the file imports back as the same announcement. Without
    one, each project shows the event that owns it, and its own sector and mode. Withdrawn
    projects are left out.

    Rows are read as plain values, not model instances: building nine model objects a row
    would cost an export of a million projects several minutes for nothing it needs.
    """

    def __init__(
        self,
        projects: QuerySet[Project],
        *,
        language: str,
        unit: str,
        event: Event | None = None,
        chunk_size: int = CHUNK_SIZE,
        region_names: RegionNames | None = None,
    ) -> None:
        self.language = words.language_of(language)
        if unit not in EXPORT_UNITS:
            raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(EXPORT_UNITS)}")
        self.unit = unit
        self.event = event
        self.chunk_size = chunk_size
        self.projects = projects.filter(withdrawn_at__isnull=True)
        self._regions = region_names
        self._separator = words.INVESTOR_SEPARATORS[self.language]
        self._unit = EXPORT_UNITS[unit]

    @property
    def headers(self) -> list[str]:
        return headers(self.language, self.unit)

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        if self._regions is None:
            self._regions = RegionNames.from_database(self.language)
        projects, fields = self.projects, FIELDS
        if self.event is not None:
            # One LEFT JOIN to this event's announcement of each project, not a query per row.
            here = FilteredRelation("announcements", condition=Q(announcements__event=self.event))
            projects, fields = projects.annotate(here=here), (*FIELDS, *ANNOUNCED_FIELDS)
        records = projects.values_list(*fields, named=True)
        chunk: list[Any] = []
        for record in records.iterator(chunk_size=self.chunk_size):
            chunk.append(record)
            if len(chunk) == self.chunk_size:
                yield from self._rows(chunk)
                chunk = []
        if chunk:
            yield from self._rows(chunk)

    def _rows(self, chunk: list[Any]) -> Iterator[tuple[Cell, ...]]:
        investors = investor_names([record.id for record in chunk])
        for record in chunk:
            yield self.row(record, investors.get(record.id, ()))

    def row(self, record: Any, investors: Sequence[str]) -> tuple[Cell, ...]:
        """One project's row, in the order of :data:`KEYS`, from its :data:`FIELDS` and the
        names of its investors in order."""
        assert self._regions is not None
        language = self.language
        english = language == "en"
        if not investors:  # a project saved without its links still has its lead
            investors = [record.lead_investor__name_zh or record.lead_investor__name_en]
        foreign = record.currency != "CNY"
        mode, sector_zh, sector_en = record.mode, record.sector__name_zh, record.sector__name_en
        if self.event is not None:
            mode = record.here__mode or mode
            if record.here__sector__name_zh or record.here__sector__name_en:
                sector_zh, sector_en = record.here__sector__name_zh, record.here__sector__name_en
        values: dict[str, Cell] = {
            "name": record.name,
            "investor": self._separator.join(investors),
            "investor_type": words.investor_type_word(record.lead_investor__type, language),
            "value": in_unit(record.value, self._unit),
            "mode": words.signing_mode_word(mode, language),
            "signing_date": record.signing_date,
            "region": self._regions.cell(record.region_id),
            "sector": _pick(sector_zh, sector_en, english),
            "event": self.event.code if self.event is not None else record.event__code,
            "investor_origin": self._regions.cell(record.lead_investor__origin_id),
            "strategic_emerging": self._strategic_emerging(record),
            "industry_chain": _pick(
                record.industry_chain__name_zh, record.industry_chain__name_en, english
            ),
            "park": _pick(record.park__name_zh, record.park__name_en, english),
            "project_type": words.project_type_word(record.project_type, language) or None,
            "project_code": record.project_code or None,
            "responsible_unit": record.responsible_unit or None,
            "responsible_person": record.responsible_person or None,
            "planned_start": record.planned_start,
            "planned_production": record.planned_production,
            "description": record.description or None,
            "original_value": record.original_value if foreign else None,
            "currency": record.currency if foreign else None,
        }
        return tuple(values[key] for key in KEYS)

    def _strategic_emerging(self, record: Any) -> str | None:
        flag = record.strategic_emerging
        category = _pick(
            record.strategic_emerging_category__name_zh,
            record.strategic_emerging_category__name_en,
            self.language == "en",
        )
        if category and flag is not False:
            return category
        if flag is None:
            return None
        return words.yes_no_word(flag, self.language)


def investor_names(project_ids: Sequence[int]) -> dict[int, list[str]]:
    """The names of each project's investors, lead first, in one query."""
    names: dict[int, list[str]] = {}
    links = (
        ProjectInvestor.objects.filter(project_id__in=project_ids)
        .order_by("project_id", "position")
        .values_list("project_id", "investor__name_zh", "investor__name_en")
    )
    for project_id, name_zh, name_en in links:
        names.setdefault(project_id, []).append(name_zh or name_en)
    return names


def _pick(name_zh: str | None, name_en: str | None, english: bool) -> str | None:
    """A bilingual name in the language wanted, falling back to the other; None for no thing."""
    if english:
        return name_en or name_zh or None
    return name_zh or name_en or None

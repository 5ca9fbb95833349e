"""The rows of an exported ledger: one per project, one typed value per column.

:class:`LedgerRows` reads the projects in chunks (``iterator(chunk_size=…)``) with everything a
row shows joined in (``select_related``) and each chunk's investors fetched in one query, so
an export makes the same few queries for ten projects or a million, and holds one chunk at a
time. A row holds Python values the writers turn into cells: text, an exact ``Decimal`` for
amounts, a ``date`` for dates, or ``None`` for an empty cell.

Every value is written in a form ``taizhang import-ledger`` reads back as the same value:
vocabularies as :mod:`.words` writes them, regions by a name that names only that region (else
by code), investors by the name that identifies them, amounts exactly in the chosen unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db.models import Prefetch, QuerySet

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


def investor_name(investor: Any) -> str:
    """The name that identifies an investor (its matching key is made from it), in any language.

    An English export writes it too: a translated name would be read back as another investor.
    """
    return investor.name_zh or investor.name_en


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
        self._cells: dict[int, str] = {}

    @classmethod
    def from_database(cls, language: str) -> RegionNames:
        return cls(RegionLookup.from_database(), language)

    def cell(self, region: Region | None) -> str | None:
        """What a cell naming ``region`` says."""
        if region is None:
            return None
        if region.pk not in self._cells:
            name = bilingual_name(region, self._language)
            found = self._lookup.get(name) if name else None
            self._cells[region.pk] = (
                name if found is not None and found.pk == region.pk else region.code
            )
        return self._cells[region.pk]


class LedgerRows:
    """The rows of a ledger export, read lazily from ``projects``.

    ``event`` is the event the export is of: its code fills the event column. Without one,
    each project shows the event that owns it. Withdrawn projects are left out.
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
        self.projects = _joined(projects.filter(withdrawn_at__isnull=True))
        self._regions = region_names
        self._separator = words.INVESTOR_SEPARATORS[self.language]

    @property
    def headers(self) -> list[str]:
        return headers(self.language, self.unit)

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        if self._regions is None:
            self._regions = RegionNames.from_database(self.language)
        for project in self.projects.iterator(chunk_size=self.chunk_size):
            yield self.row(project)

    def row(self, project: Project) -> tuple[Cell, ...]:
        """One project's row, in the order of :data:`KEYS`."""
        assert self._regions is not None
        language = self.language
        lead = project.lead_investor
        names = [investor_name(link.investor) for link in project.investor_links.all()]
        if not names:  # a project saved without its links still has its lead
            names = [investor_name(lead)]
        values: dict[str, Cell] = {
            "name": project.name,
            "investor": self._separator.join(names),
            "investor_type": words.investor_type_word(lead.type, language),
            "value": in_unit(project.value, EXPORT_UNITS[self.unit]),
            "mode": words.signing_mode_word(project.mode, language),
            "signing_date": project.signing_date,
            "region": self._regions.cell(project.region),
            "sector": bilingual_name(project.sector, language),
            "event": (self.event or project.event).code,
            "investor_origin": self._regions.cell(lead.origin),
            "strategic_emerging": self._strategic_emerging(project),
            "industry_chain": _name_or_none(project.industry_chain, language),
            "park": _name_or_none(project.park, language),
            "project_type": words.project_type_word(project.project_type, language) or None,
            "project_code": project.project_code or None,
            "responsible_unit": project.responsible_unit or None,
            "responsible_person": project.responsible_person or None,
            "planned_start": project.planned_start,
            "planned_production": project.planned_production,
            "description": project.description or None,
            "original_value": project.original_value if project.currency != "CNY" else None,
            "currency": project.currency if project.currency != "CNY" else None,
        }
        return tuple(values[key] for key in KEYS)

    def _strategic_emerging(self, project: Project) -> str | None:
        category = project.strategic_emerging_category
        if category is not None and project.strategic_emerging is not False:
            return bilingual_name(category, self.language)
        if project.strategic_emerging is None:
            return None
        return words.yes_no_word(project.strategic_emerging, self.language)


def _name_or_none(thing: Any, language: str) -> str | None:
    return bilingual_name(thing, language) if thing is not None else None


def _joined(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` with everything a row shows read in the same query, investors per chunk."""
    return projects.select_related(
        "event",
        "region",
        "sector",
        "strategic_emerging_category",
        "industry_chain",
        "park",
        "lead_investor",
        "lead_investor__origin",
    ).prefetch_related(
        Prefetch(
            "investor_links",
            queryset=ProjectInvestor.objects.select_related("investor").order_by("position"),
        )
    )

"""What an import looks rows up in, read once: events, rates, regions, sectors, chains, parks.

These tables are small (tens to thousands of rows) and every row of a ledger refers to them,
so they are read into dictionaries at the start, and a row costs dictionary lookups, not
queries. The large tables (projects, investors) are looked up per batch instead, by
:mod:`.matching`. A sector category a ledger names that its event's classification does not
have yet is created on first use (the ledger format says so): it is held here as a
:class:`PendingCategory` until the writer creates it, so a dry run can report it without
writing it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from taizhang.ledger.models import (
    STRATEGIC_EMERGING_SCHEME,
    Category,
    Event,
    ExchangeRate,
    IndustryChain,
    Park,
    Region,
)
from taizhang.ledger.normalise import normalise_name
from taizhang.ledger.regions import RegionLookup, describe

#: difflib similarity from which a new category's name is "close to" an existing one.
CLOSE_NAME = 0.75
#: How many sector categories one import may create before it is plainly the wrong column.
MAX_NEW_CATEGORIES = 100
#: The names that make a new category the classification's catch-all.
_OTHER_KEYS = frozenset(normalise_name(name) for name in ("其他", "其它", "other", "others"))


@dataclass(eq=False)
class PendingCategory:
    """A sector category to create on first use; ``id`` is set once the writer has created it."""

    scheme_id: int
    name: str
    key: str
    close_to: str | None = None
    is_other: bool = False
    id: int | None = None


@dataclass
class SectorScheme:
    """The categories of one classification scheme, by normalised name, code and English name."""

    scheme_id: int
    by_key: dict[str, int | PendingCategory] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # key → name as the category has it


class ImportContext:
    """The reference data of one import, and the lookups rows make in it."""

    def __init__(self) -> None:
        self.events_by_code: dict[str, Event] = {
            event.code.casefold(): event
            for event in Event.objects.select_related("host", "sector_scheme")
        }
        self.events_by_id: dict[int, Event] = {e.pk: e for e in self.events_by_code.values()}
        self.rates: dict[int, dict[str, Decimal]] = {}
        for rate in ExchangeRate.objects.all():
            self.rates.setdefault(rate.event_id, {})[rate.currency] = rate.yuan_per_unit
        self.regions = RegionLookup.from_database()
        self.origins = self.regions.of_levels(Region.Level.COUNTRY, Region.Level.PROVINCE)
        self.regions_by_id: dict[int, Region] = {r.pk: r for r in self.regions.regions}
        self.region_paths: dict[int, str] = {pk: r.path for pk, r in self.regions_by_id.items()}
        self._schemes: dict[int, SectorScheme] = {}
        self.pending: list[PendingCategory] = []
        self.strategic: dict[str, int] = dict(
            Category.objects.filter(scheme__code=STRATEGIC_EMERGING_SCHEME).values_list(
                "code", "id"
            )
        )
        self.chains: dict[str, int] = {}
        self.chain_names: dict[str, str] = {}
        for chain in IndustryChain.objects.all():
            for name in (chain.code, chain.name_en, chain.name_zh):
                if normalise_name(name):
                    self.chains.setdefault(normalise_name(name), chain.pk)
                    self.chain_names.setdefault(normalise_name(name), name)
        self.parks: dict[str, list[tuple[int, int, str]]] = {}  # key → (park, region, name)
        for park in Park.objects.all():
            for name in {park.name_zh, park.name_en}:
                key = normalise_name(name)
                if key:
                    self.parks.setdefault(key, []).append((park.pk, park.region_id, name))

    def event(self, code: str) -> Event | None:
        """The event with ``code`` (any case), or None."""
        return self.events_by_code.get(code.strip().casefold())

    def event_codes(self) -> list[str]:
        return sorted(event.code for event in self.events_by_code.values())

    def rate(self, event: Event, currency: str) -> Decimal | None:
        """Yuan per unit of ``currency`` at ``event``; 1 for the yuan; None when none is stated."""
        if currency == "CNY":
            return Decimal(1)
        return self.rates.get(event.pk, {}).get(currency)

    # --- Sectors ------------------------------------------------------------------------

    def scheme(self, scheme_id: int) -> SectorScheme:
        """The categories of a scheme, read on first use."""
        found = self._schemes.get(scheme_id)
        if found is None:
            found = SectorScheme(scheme_id)
            for category in Category.objects.filter(scheme_id=scheme_id):
                for name in (category.name_zh, category.name_en, category.code):
                    key = normalise_name(name)
                    if key and key not in found.by_key:
                        found.by_key[key] = category.pk
                        found.names[key] = category.name_zh or category.name_en
            self._schemes[scheme_id] = found
        return found

    def sector(self, scheme_id: int, text: str) -> int | PendingCategory | None:
        """The category ``text`` names in the scheme, a new pending one, or None when this
        import has already planned as many new categories as it may.
        """
        scheme = self.scheme(scheme_id)
        key = normalise_name(text)
        found = scheme.by_key.get(key)
        if found is not None:
            return found
        if len(self.pending) >= MAX_NEW_CATEGORIES:
            return None
        existing = [k for k, v in scheme.by_key.items() if not isinstance(v, PendingCategory)]
        close = difflib.get_close_matches(key, existing, n=1, cutoff=CLOSE_NAME)
        pending = PendingCategory(
            scheme_id,
            text.strip(),
            key,
            scheme.names[close[0]] if close else None,
            is_other=key in _OTHER_KEYS,
        )
        scheme.by_key[key] = pending
        scheme.names[key] = pending.name
        self.pending.append(pending)
        return pending

    # --- Chains and parks ---------------------------------------------------------------

    def chain(self, text: str) -> int | None:
        return self.chains.get(normalise_name(text))

    def chain_suggestions(self, text: str) -> list[str]:
        close = difflib.get_close_matches(normalise_name(text), self.chains, n=3, cutoff=0.6)
        return [self.chain_names[key] for key in close]

    def parks_named(self, text: str) -> list[tuple[int, int, str]]:
        return self.parks.get(normalise_name(text), [])

    def park_suggestions(self, text: str) -> list[str]:
        close = difflib.get_close_matches(normalise_name(text), self.parks, n=3, cutoff=0.6)
        return [self.parks[key][0][2] for key in close]

    def region_name(self, region_id: int) -> str:
        region = self.regions_by_id.get(region_id)
        return describe(region) if region else str(region_id)

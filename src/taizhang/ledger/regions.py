"""Finding the region a ledger cell means, from its code, Chinese or English name, or an alias.

:class:`RegionLookup` reads every region once and answers from dictionaries, so an import of
tens of thousands of rows makes one query for its regions, not one per row.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from taizhang.i18n import join_alternatives
from taizhang.ledger.models import Region
from taizhang.ledger.normalise import normalise_name

#: How many close names a "not found" message offers at most.
MAX_SUGGESTIONS = 3
#: difflib's similarity below which a name is not offered as a suggestion.
SUGGESTION_CUTOFF = 0.65
#: How many ancestor names a cell may put before the region's own (四川省成都市高新区).
_MAX_PREFIXES = 3


class RegionLookupError(LookupError):
    """A ledger cell that names no region, or more than one; ``message`` says which and why."""

    def __init__(self, value: str, message: str) -> None:
        self.value = value
        self.message = message
        super().__init__(message)


class RegionNotFound(RegionLookupError):
    """No region has this code or name. ``suggestions`` holds regions with close names."""

    def __init__(
        self, value: str, suggestions: list[Region], names: list[str] | None = None
    ) -> None:
        self.suggestions = suggestions
        if not normalise_name(value):
            message = _("no region is given; write a region's code or name.")
        elif suggestions:
            message = _(
                "“%(value)s” is not a known region; did you mean %(suggestions)s? "
                "Correct the name, or load the region with “taizhang regions load”."
            ) % {"value": value, "suggestions": _or(suggestions, names)}
        else:
            message = _(
                "“%(value)s” is not a known region (by code, Chinese or English name). "
                "Correct the name, or load the region with “taizhang regions load”."
            ) % {"value": value}
        super().__init__(value, message)


class AmbiguousRegion(RegionLookupError):
    """Several regions share this name. ``candidates`` holds them all."""

    def __init__(self, value: str, candidates: list[Region]) -> None:
        self.candidates = candidates
        message = _(
            "“%(value)s” could mean %(candidates)s; write the code or the full name instead."
        ) % {"value": value, "candidates": _or(candidates)}
        super().__init__(value, message)


class RegionLookup:
    """Resolves what a ledger cell says to a :class:`Region`, without touching the database.

    A cell matches a region's code, Chinese name, English name or one of its aliases; case,
    full-width characters, spaces and punctuation do not matter (``normalise_name``). A name
    written after its ancestors' names, such as 重庆市渝北区, is found too. Codes take
    precedence over names, since they are unique.
    """

    def __init__(self, regions: Iterable[Region]) -> None:
        self.regions: list[Region] = list(regions)
        self._by_code: dict[str, Region] = {}
        self._by_name: dict[str, list[Region]] = {}
        self._spelling: dict[str, str] = {}  # a key → the name as first written, for messages
        for region in self.regions:
            self._by_code[normalise_name(region.code)] = region
            for name in (region.name_zh, region.name_en, *(region.aliases or ())):
                key = normalise_name(name)
                if not key:
                    continue
                self._spelling.setdefault(key, name)
                holders = self._by_name.setdefault(key, [])
                if region not in holders:
                    holders.append(region)
        self._resolved: dict[str, list[Region]] = {}
        self._suggested: dict[str, list[tuple[str, Region]]] = {}

    @classmethod
    def from_database(cls, queryset: QuerySet[Region] | None = None) -> RegionLookup:
        """A lookup over every region (or those of ``queryset``), read in one query."""
        return cls(Region.objects.all() if queryset is None else queryset)

    def __len__(self) -> int:
        return len(self.regions)

    def within(self, region: Region) -> RegionLookup:
        """A lookup restricted to ``region`` and the regions under it (no query)."""
        return RegionLookup(r for r in self.regions if r.path.startswith(region.path))

    def of_levels(self, *levels: str) -> RegionLookup:
        """A lookup restricted to regions of the given levels, e.g. countries and provinces."""
        return RegionLookup(r for r in self.regions if r.level in levels)

    def get(self, text: str, *, prefer: Region | None = None) -> Region | None:
        """The region ``text`` names, or ``None`` when it names none or several."""
        try:
            return self.resolve(text, prefer=prefer)
        except RegionLookupError:
            return None

    def resolve(self, text: str, *, prefer: Region | None = None) -> Region:
        """The region ``text`` names; raises :class:`RegionNotFound` or :class:`AmbiguousRegion`.

        When a name is shared and exactly one of the regions lies within ``prefer`` (the event's
        host city, say), that one is taken.
        """
        key = normalise_name(text or "")
        candidates = self._candidates(key) if key else []
        if len(candidates) > 1 and prefer is not None:
            preferred = [region for region in candidates if region.is_within(prefer)]
            if len(preferred) == 1:
                return preferred[0]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise AmbiguousRegion(text.strip(), candidates)
        suggestions = self._suggestions(key) if key else []
        raise RegionNotFound(
            (text or "").strip(),
            [region for _name, region in suggestions],
            [name for name, _region in suggestions],
        )

    def _candidates(self, key: str, depth: int = 0) -> list[Region]:
        if key in self._by_code:
            return [self._by_code[key]]
        if key in self._by_name:
            return self._by_name[key]
        if depth:
            return self._after_ancestors(key, depth)
        # Only whole cells are remembered: a part's answer depends on how deep it was reached.
        if key not in self._resolved:
            self._resolved[key] = self._after_ancestors(key, depth)
        return self._resolved[key]

    def _after_ancestors(self, key: str, depth: int) -> list[Region]:
        """Regions named by ``key`` read as an ancestor's name followed by the region's own."""
        if depth >= _MAX_PREFIXES:
            return []
        found: list[Region] = []
        for cut in range(1, len(key)):
            ancestors = self._by_name.get(key[:cut])
            if not ancestors:
                continue
            for region in self._candidates(key[cut:], depth + 1):
                inside = any(
                    region != ancestor and region.is_within(ancestor) for ancestor in ancestors
                )
                if inside and region not in found:
                    found.append(region)
        return found

    def _suggestions(self, key: str) -> list[tuple[str, Region]]:
        """Regions with a name close to ``key``, closest first, each with that name."""
        if key not in self._suggested:
            close = difflib.get_close_matches(
                key, self._by_name.keys(), n=MAX_SUGGESTIONS * 3, cutoff=SUGGESTION_CUTOFF
            )
            found: list[tuple[str, Region]] = []
            for name in close:
                for region in self._by_name[name]:
                    if all(region != seen for _spelling, seen in found):
                        found.append((_display_name(self._spelling[name], region), region))
            self._suggested[key] = found[:MAX_SUGGESTIONS]
        return self._suggested[key]


def describe(region: Region, name: str | None = None) -> str:
    """A region as messages name it: ``name`` (else its name in the active language), its code."""
    # Chinese brackets its code with full-width （）, as it does any aside in a sentence.
    return _("%(name)s (%(code)s)") % {"name": name or region.name, "code": region.code}


def _display_name(spelling: str, region: Region) -> str:
    # Offer the full name in the script the user wrote: 渝北区 for 渝北去, Yubei District for Yubie.
    if spelling.isascii():
        return region.name_en or spelling
    return region.name_zh


def _or(regions: list[Region], spellings: list[str] | None = None) -> str:
    spellings = spellings or [""] * len(regions)
    names = [describe(region, name) for region, name in zip(regions, spellings, strict=True)]
    return join_alternatives(names)

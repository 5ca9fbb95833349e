"""A bulletin's figures (the JSON form, a dict) read once into exact values in one language.

Every renderer — text, Word, Excel, charts — reads the dict through :func:`read_figures`, so
amounts are Decimals, names are in the document's language and shares are computed the same
way everywhere: from the exact counts and values, rounded once at the end. The dict's own
four-decimal shares are not re-rounded to whole percent, which could round twice (0.24496 is
0.2450 to four decimals, yet 24%).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from taizhang.bulletin import amounts
from taizhang.bulletin.wording import label, language_of, name_of

#: The signing modes a bulletin reports, live first (offline + online), then off-site.
MODES = ("live", "offline", "online", "offsite")
#: The kinds of change since publication the publishing side lists, in the order told.
CHANGE_KINDS = ("withdrawn", "amended", "added", "removed")
#: Breakdowns the figures may carry beyond the spec's, in the order documents show them.
EXTRA_BREAKDOWNS = ("strategic_emerging_categories", "by_chain", "by_park", "by_origin")
#: The label of the column naming each extra breakdown's rows.
EXTRA_COLUMNS = {
    "strategic_emerging_categories": "strategic_emerging_category",
    "by_chain": "chain",
    "by_park": "park",
    "by_origin": "origin",
}
#: The investor types a bulletin reports, in the order it lists them.
INVESTOR_TYPES = ("state", "private", "foreign", "other")


@dataclass(frozen=True)
class Part:
    """One row of a breakdown: its key (a code), its name, its projects and their exact value.

    ``whole_projects`` and ``whole_value`` are what its shares are shares of (the host total).
    """

    key: str
    name: str
    projects: int
    value: Decimal
    whole_projects: int
    whole_value: Decimal

    @property
    def share_of_projects(self) -> Decimal:
        """Share of the host's projects, four decimals: ``Decimal("0.3478")``."""
        return amounts.share(self.projects, self.whole_projects)

    @property
    def share_of_value(self) -> Decimal:
        """Share of the host's value, four decimals: ``Decimal("0.4025")``."""
        return amounts.share(self.value, self.whole_value)

    @property
    def percent_of_projects(self) -> int:
        """Share of the host's projects in whole percent."""
        return amounts.whole_percent(self.projects, self.whole_projects)

    @property
    def percent_of_value(self) -> int:
        """Share of the host's value in whole percent."""
        return amounts.whole_percent(self.value, self.whole_value)


@dataclass(frozen=True)
class Band:
    """Projects worth at least ``minimum`` yuan, and the change on the previous edition."""

    minimum: Decimal
    projects: int
    previous: int | None
    change: int | None


@dataclass(frozen=True)
class Edition:
    """The previous edition a bulletin compares with."""

    code: str
    projects: int
    value: Decimal


@dataclass(frozen=True)
class Published:
    """When (local time) and by whom a bulletin was published, and a correction's reason."""

    at: datetime.datetime | datetime.date | None
    by: str
    reason: str
    #: What changed in the ledger since: (kind, names of the projects) for each kind of change
    #: that has any (withdrawn, amended, added, removed), in that order.
    changes: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Bulletin:
    """A bulletin's figures in one language, with exact amounts."""

    language: str
    code: str
    name: str
    date: datetime.date
    series: str
    edition: int
    projects: int
    value: Decimal
    value_usd: Decimal | None
    modes: dict[str, Part]
    bands: list[Band]
    sectors: list[Part]
    investor_types: list[Part]
    regions: list[Part]
    strategic_emerging: Part | None
    outside: Part
    outside_regions: list[Part]
    previous_edition: Edition | None
    published: Published | None
    minimum_band: Band | None
    #: Breakdowns beyond the spec's (by industry chain, park, investor origin, strategic
    #: emerging category), by :data:`EXTRA_BREAKDOWNS` key, for those the figures carry.
    extras: dict[str, list[Part]]
    #: Projects of Fortune Global 500 investors, and how many such investors, if stated.
    fortune_global_500: Part | None
    fortune_global_500_investors: int

    @property
    def total(self) -> Part:
        """The host total as a part of itself (100%)."""
        name = label("total", self.language)
        return Part("total", name, self.projects, self.value, self.projects, self.value)


def _amount(value: object) -> Decimal:
    return Decimal(str(value))


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _moment(value: object) -> datetime.datetime | datetime.date:
    """A timestamp of the figures (ISO text) in local time, or a plain date as it is."""
    moment = value if isinstance(value, datetime.date) else _parse_moment(str(value))
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def _parse_moment(text: str) -> datetime.datetime | datetime.date:
    return (
        datetime.date.fromisoformat(text)
        if len(text) == 10
        else datetime.datetime.fromisoformat(text)
    )


def _published(raw: object) -> Published | None:
    """The ``published`` status the publishing side adds (``published_at``, ``published_by``,
    ``reason``); None for figures never published (or computed afresh)."""
    if not isinstance(raw, Mapping) or not raw:
        return None
    when = raw.get("published_at")
    differences = raw.get("differences") or {}
    changes = tuple(
        (kind, tuple(str(item.get("name") or item.get("id")) for item in differences[kind]))
        for kind in CHANGE_KINDS
        if differences.get(kind)
    )
    return Published(
        _moment(when) if when else None,
        str(raw.get("published_by") or ""),
        str(raw.get("reason") or ""),
        changes,
    )


def read_figures(figures: Mapping[str, Any], language: str) -> Bulletin:
    """The figures dict of shared/spec/bulletin.md as a :class:`Bulletin` in ``language``."""
    language = language_of(language)
    event = figures["event"]
    totals = figures["totals"]
    projects, value = int(totals["projects"]), _amount(totals["value"])

    def part(key: str, name: str, raw: Mapping[str, Any]) -> Part:
        return Part(key, name, int(raw["projects"]), _amount(raw["value"]), projects, value)

    by_mode = figures["by_mode"]
    modes = {mode: part(mode, label(mode, language), by_mode[mode]) for mode in MODES}
    investor_raw = {row["type"]: row for row in figures["by_investor_type"]}
    empty = {"projects": 0, "value": "0"}
    bands = [
        Band(
            _amount(row["min"]),
            int(row["projects"]),
            row.get("previous"),
            row.get("change"),
        )
        for row in figures["bands"]
    ]
    outside = figures.get("outside_host") or {"projects": 0, "value": "0", "regions": []}
    previous = figures.get("previous_edition")
    strategic = figures.get("strategic_emerging")
    found = {**figures, "strategic_emerging_categories": (strategic or {}).get("by_category")}
    extras = {
        key: [
            part(str(row.get("code") or index), name_of(row, language), row)
            for index, row in enumerate(found[key])
        ]
        for key in EXTRA_BREAKDOWNS
        if found.get(key) is not None
    }
    fortune = figures.get("fortune_global_500")
    return Bulletin(
        language=language,
        code=event["code"],
        name=name_of(event, language),
        date=_date(event["date"]),
        series=str(event.get("series") or ""),
        edition=int(event.get("edition") or 0),
        projects=projects,
        value=value,
        value_usd=_amount(totals["value_usd"]) if totals.get("value_usd") is not None else None,
        modes=modes,
        bands=bands,
        sectors=[
            part(str(row.get("code") or index), name_of(row, language), row)
            for index, row in enumerate(figures["by_sector"])
        ],
        investor_types=[
            part(kind, label(kind, language), investor_raw.get(kind, empty))
            for kind in INVESTOR_TYPES
        ],
        regions=[part(row["code"], name_of(row, language), row) for row in figures["by_region"]],
        strategic_emerging=(
            part("strategic_emerging", label("strategic_emerging", language), strategic)
            if strategic
            else None
        ),
        outside=part("outside_host", label("outside_host", language), outside),
        outside_regions=[
            part(row["code"], name_of(row, language), row) for row in outside.get("regions", [])
        ],
        previous_edition=(
            Edition(previous["code"], int(previous["projects"]), _amount(previous["value"]))
            if previous
            else None
        ),
        published=_published(figures.get("published")),
        extras=extras,
        fortune_global_500=(
            part("fortune_global_500", label("fortune_global_500", language), fortune)
            if fortune
            else None
        ),
        fortune_global_500_investors=int((fortune or {}).get("investors") or 0),
        minimum_band=_minimum_band(figures, bands, projects),
    )


def _minimum_band(figures: Mapping[str, Any], bands: list[Band], projects: int) -> Band | None:
    """The highest band every host project is in ("each worth at least ¥0.5 billion").

    The figures may state it (``min_band``, a threshold or null); otherwise it is the band with
    the largest minimum that counts every host project. An event without projects has none.
    """
    if "min_band" in figures:
        stated = figures["min_band"]
        if isinstance(stated, Mapping):
            stated = stated.get("min")
        if stated is None:
            return None
        return next((band for band in bands if band.minimum == _amount(stated)), None)
    full = [band for band in bands if projects and band.projects == projects]
    return max(full, key=lambda band: band.minimum, default=None)

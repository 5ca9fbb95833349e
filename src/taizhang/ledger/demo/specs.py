"""The demo ledger as plain data, before anything touches the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from taizhang.ledger.demo.catalogue import ChainSpec, EventSpec
from taizhang.ledger.demo.places import ParkSpec

#: The unit values are fitted in: ¥10 million, i.e. ¥0.01 billion or 0.1 亿元.
UNIT = Decimal(10_000_000)


def units_to_yuan(units: int) -> Decimal:
    """An amount in fitting units as exact yuan with two decimals."""
    return (UNIT * units).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class InvestorSpec:
    """An investor of the demo; ``key`` is unique and stable from one build to the next."""

    key: str
    name_zh: str
    name_en: str
    type: str  # InvestorType value
    origin: str  # region code: a country, or a province-level division of China
    theme: str
    brand: str  # the short name its projects are named after
    credit_code: str | None = None
    fortune_global_500: bool = False
    china_top_500: bool = False


@dataclass(frozen=True)
class ChainOwnerSpec:
    """A chain owner: the head of a leading enterprise of the chain."""

    chain: str
    name: str
    investor: str  # investor key


@dataclass
class ProjectSpec:
    """A project of the demo, owned by ``event`` and announced at ``also_announced_at`` too."""

    key: str
    event: str
    name: str
    investors: list[str]  # investor keys, the lead first
    value_units: int
    mode: str
    signing_date: datetime.date
    region: str
    sector: str  # category code in the owner's scheme
    sector_scheme: str
    theme: str
    strategic_emerging: bool | None = None
    strategic_category: str | None = None
    industry_chain: str | None = None
    park: str | None = None
    project_type: str = ""
    responsible_unit: str = ""
    responsible_person: str = ""
    planned_start: datetime.date | None = None
    planned_production: datetime.date | None = None
    description: str = ""
    project_code: str | None = None
    also_announced_at: list[str] = field(default_factory=list)
    #: How another event announcing it classified and signed it, where that differs from the
    #: project's own: event code -> (category code in that event's scheme, signing mode).
    announced_as: dict[str, tuple[str, str]] = field(default_factory=dict)

    def sector_at(self, event: str) -> str:
        """The sector code ``event`` counts the project under (in ``event``'s scheme)."""
        return self.announced_as[event][0] if event in self.announced_as else self.sector

    def mode_at(self, event: str) -> str:
        """The signing mode ``event`` counts the project under."""
        return self.announced_as[event][1] if event in self.announced_as else self.mode

    @property
    def value(self) -> Decimal:
        """The contract value in yuan."""
        return units_to_yuan(self.value_units)

    @property
    def events(self) -> list[str]:
        """Every event the project was announced at, the owner first."""
        return [self.event, *self.also_announced_at]


@dataclass
class DemoLedger:
    """Everything the demo writes, in the order it is written."""

    events: tuple[EventSpec, ...]
    parks: tuple[ParkSpec, ...]
    chains: tuple[ChainSpec, ...]
    people: dict[str, str]  # role key -> fictional person's name (park heads, chain chiefs)
    investors: list[InvestorSpec]
    chain_owners: list[ChainOwnerSpec]
    projects: list[ProjectSpec]

    def investor(self, key: str) -> InvestorSpec:
        """The investor with ``key``."""
        return self._investors_by_key[key]

    @cached_property
    def _investors_by_key(self) -> dict[str, InvestorSpec]:
        return {investor.key: investor for investor in self.investors}

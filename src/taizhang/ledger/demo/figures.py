"""The published signing figures the demo must reproduce (shared/domain/seed-facts.md).

Each :class:`Figure` says which projects of an event it counts and what the city published about
them: a count, a total value, a share of the event's value. ``checks.py`` verifies them against
the generated rows and, after writing, against the database; the generator fits values to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

BILLION = Decimal(1_000_000_000)


def bn(text: str) -> Decimal:
    """An amount stated in billions of yuan, as exact yuan."""
    return (Decimal(text) * BILLION).quantize(Decimal("0.01"))


class Row(NamedTuple):
    """What a figure needs to know about one project announced at one event."""

    project: str  # identifies the project (spec key or primary key)
    event: str  # the event announcing it (not necessarily its owner)
    owner: str  # the event owning it
    name: str
    lead_investor: str  # the lead investor's Chinese name
    value: Decimal
    mode: str
    sector: str  # category code
    investor_type: str
    in_host: bool  # lands within the event's host region
    strategic_emerging: bool | None


@dataclass(frozen=True)
class Figure:
    """A published figure: the projects ``where`` selects, and their count, value and share."""

    event: str
    label: str
    where: Callable[[Row], bool]
    count: int | None = None
    value: Decimal | None = None
    share_percent: int | None = None  # of the event's host total value, rounded half up
    host_only: bool = True


def _all(row: Row) -> bool:
    return True


def _mode(*modes: str) -> Callable[[Row], bool]:
    return lambda row: row.mode in modes


def _sector(code: str) -> Callable[[Row], bool]:
    return lambda row: row.sector == code


def _investor_type(kind: str) -> Callable[[Row], bool]:
    return lambda row: row.investor_type == kind


def _at_least(amount: str) -> Callable[[Row], bool]:
    return lambda row: row.value >= bn(amount)


def _below(amount: str) -> Callable[[Row], bool]:
    return lambda row: row.value < bn(amount)


def _named(*fragments: str) -> Callable[[Row], bool]:
    return lambda row: all(fragment in row.name for fragment in fragments)


FIGURES: tuple[Figure, ...] = (
    # Smart China Expo 2021
    Figure("SCE2021", "all projects", _all, 92, bn("252.4")),
    Figure("SCE2021", "live (offline + online)", _mode("offline", "online"), 66, bn("207.3")),
    Figure("SCE2021", "offline", _mode("offline"), 50, bn("167.5")),
    Figure("SCE2021", "online", _mode("online"), 16, bn("39.8")),
    Figure("SCE2021", "off-site", _mode("offsite"), 26, bn("45.1")),
    Figure("SCE2021", "below ¥0.5bn", _below("0.5"), 0),
    Figure("SCE2021", "¥1bn or more", _at_least("1"), 81),
    Figure("SCE2021", "¥5bn or more", _at_least("5"), 19),
    Figure("SCE2021", "intelligent manufacturing", _sector("IM"), 32, bn("101.6"), 40),
    Figure("SCE2021", "digital economy", _sector("DE"), 20, bn("42.8"), 17),
    Figure("SCE2021", "science and technology", _sector("ST"), 17, bn("46.0"), 18),
    Figure("SCE2021", "other sectors", _sector("OT"), 23, bn("62.0"), 25),
    Figure("SCE2021", "state-owned investors", _investor_type("state"), 10, bn("46.3"), 18),
    Figure("SCE2021", "private investors", _investor_type("private"), 69, bn("167.0"), 66),
    Figure("SCE2021", "foreign investors", _investor_type("foreign"), 5, bn("7.3"), 3),
    Figure("SCE2021", "other investors", _investor_type("other"), 8, bn("31.8"), 13),
    Figure(
        "SCE2021",
        "landing outside Chongqing",
        lambda row: not row.in_host,
        value=bn("3.2"),
        host_only=False,
    ),
    # Smart China Expo 2020, the previous edition
    Figure("SCE2020", "all projects", _all, 71, bn("271.2")),
    Figure("SCE2020", "below ¥0.5bn", _below("0.5"), 0),
    Figure("SCE2020", "¥1bn or more", _at_least("1"), 58),
    Figure("SCE2020", "¥5bn or more", _at_least("5"), 17),
    # Smart China Expo 2022
    Figure("SCE2022", "all projects", _all, 70, bn("212.1")),
    Figure("SCE2022", "more than ¥1bn", lambda row: row.value > bn("1"), 54),
    Figure("SCE2022", "exactly ¥1bn", lambda row: row.value == bn("1"), 0),
    Figure("SCE2022", "smart and connected new-energy vehicles", _sector("NEV"), 18, bn("83.3")),
    Figure(
        "SCE2022",
        "software, information and technological innovation",
        _sector("SIT"),
        14,
        bn("33.0"),
    ),
    Figure("SCE2022", "electronics and equipment", _sector("EE"), 13, bn("22.4")),
    Figure("SCE2022", "biomedicine", _sector("BIO"), 6, bn("12.8")),
    Figure("SCE2022", "other sectors", _sector("OT"), 19, bn("60.6")),
    Figure(
        "SCE2022",
        "strategic emerging industries",
        lambda row: row.strategic_emerging is True,
        56,
        share_percent=80,
    ),
    # Liangjiang New Area cloud signing
    Figure("LJ2021", "all projects", _all, 25, bn("46.3")),
    Figure("LJ2021", "imaging-chip packaging", _named("影像芯片封装测试"), 1, bn("1.2")),
    Figure(
        "LJ2021", "AI operations and design centre", _named("人工智能运营及设计中心"), 1, bn("0.3")
    ),
    Figure("LJ2021", "LED and automotive chip design company", _named("LED", "芯片设计"), 1),
    Figure("LJ2021", "light-guide-plate production base", _named("导光板生产基地"), 1),
    Figure("LJ2021", "intelligent parking platform", _named("智慧停车平台"), 1),
    # Smart China Expo 2018: the Changan new-energy vehicle industrial park
    Figure(
        "SCE2018",
        "Changan new-energy vehicle industrial park",
        lambda row: (
            row.lead_investor == "重庆长安汽车股份有限公司" and "新能源汽车产业园" in row.name
        ),
        1,
        bn("10.2"),
    ),
)

#: Totals stated in US dollars, in billions to two decimals.
USD_FIGURES: dict[str, Decimal] = {"SCE2021": Decimal("38.97"), "LJ2021": Decimal("6.95")}

#: (event, previous edition, threshold in billions) -> the published change in the count.
CHANGES_ON_PREVIOUS_EDITION: dict[tuple[str, str, str], int] = {
    ("SCE2021", "SCE2020", "1"): 23,
    ("SCE2021", "SCE2020", "5"): 2,
}

#: Events a project was announced at both of, whose published figures each count it.
SHARED_EVENTS = ("LJ2021", "SCE2021")

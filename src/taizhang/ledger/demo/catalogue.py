"""The demo's signing events, their sector classifications and the industry chains."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from taizhang.ledger.demo.places import CHONGQING, LIANGJIANG


class SectorSpec(NamedTuple):
    """A category of an event's reporting sectors and the themes its projects are drawn from."""

    code: str
    name_zh: str
    name_en: str
    themes: tuple[str, ...]
    is_other: bool = False


class EventSpec(NamedTuple):
    """A signing event of the demo, with its own sector classification."""

    code: str
    series: str
    edition: int
    date: datetime.date
    name_zh: str
    name_en: str
    venue_zh: str
    venue_en: str
    host: str  # region code
    sectors: tuple[SectorSpec, ...]
    usd_rate: Decimal | None = None  # yuan per US$, when the event states totals in dollars

    @property
    def scheme_code(self) -> str:
        """The code of the event's sector classification scheme."""
        return f"{self.code}-SECTORS"


_SCE_SECTORS = (
    SectorSpec(
        "IM", "智能制造", "Intelligent manufacturing", ("vehicle", "electronics", "equipment")
    ),
    SectorSpec("DE", "数字经济", "Digital economy", ("data", "ai", "iiot")),
    SectorSpec("ST", "科技创新", "Science and technology", ("science", "ai")),
    SectorSpec(
        "OT",
        "其他",
        "Other",
        ("bio", "energy", "materials", "services", "fund"),
        is_other=True,
    ),
)

SCE2018 = EventSpec(
    code="SCE2018",
    series="SCE",
    edition=2018,
    date=datetime.date(2018, 8, 23),
    name_zh="2018中国国际智能产业博览会重大项目签约仪式",
    name_en="Smart China Expo 2018 Key Projects Signing Ceremony",
    venue_zh="重庆国际博览中心",
    venue_en="Chongqing International Expo Center",
    host=CHONGQING,
    sectors=(
        SectorSpec("IM", "智能制造", "Intelligent manufacturing", ("vehicle",)),
        SectorSpec("BD", "大数据智能化", "Big data and intelligence", ("data",)),
        SectorSpec("OT", "其他", "Other", ("services",), is_other=True),
    ),
)
SCE2020 = EventSpec(
    code="SCE2020",
    series="SCE",
    edition=2020,
    date=datetime.date(2020, 9, 15),
    name_zh="2020线上中国国际智能产业博览会重大项目签约仪式",
    name_en="Smart China Expo Online 2020 Key Projects Signing Ceremony",
    venue_zh="重庆国际博览中心（线上线下结合）",
    venue_en="Chongqing International Expo Center (online and offline)",
    host=CHONGQING,
    sectors=_SCE_SECTORS,
)
SCE2021 = EventSpec(
    code="SCE2021",
    series="SCE",
    edition=2021,
    date=datetime.date(2021, 8, 23),
    name_zh="2021中国国际智能产业博览会重大项目签约仪式",
    name_en="Smart China Expo 2021 Key Projects Signing Ceremony",
    venue_zh="重庆国际博览中心",
    venue_en="Chongqing International Expo Center",
    host=CHONGQING,
    sectors=_SCE_SECTORS,
    # ¥252.4 billion / 6.4768 = US$38.97 billion, the figure the city published.
    usd_rate=Decimal("6.4768"),
)
LJ2021 = EventSpec(
    code="LJ2021",
    series="LJCLOUD",
    edition=2021,
    date=datetime.date(2021, 8, 18),
    name_zh="两江新区2021年重点项目云签约活动",
    name_en="Liangjiang New Area 2021 Key Projects Cloud Signing",
    venue_zh="线上（云签约）",
    venue_en="Online (cloud signing)",
    host=LIANGJIANG,
    sectors=(
        SectorSpec("EI", "电子信息", "Electronic information", ("electronics",)),
        SectorSpec("AI", "人工智能", "Artificial intelligence", ("ai",)),
        SectorSpec("II", "工业互联网", "Industrial internet", ("iiot",)),
        SectorSpec("NE", "新能源", "New energy", ("energy",)),
        SectorSpec("BIO", "生物医药", "Biomedicine", ("bio",)),
        SectorSpec("HS", "高端服务业", "High-end services", ("high_services",)),
    ),
    # ¥46.3 billion / 6.66 = US$6.95 billion, the figure the district published; the rate
    # is the one that figure implies, not the market rate of the day.
    usd_rate=Decimal("6.66"),
)
SCE2022 = EventSpec(
    code="SCE2022",
    series="SCE",
    edition=2022,
    date=datetime.date(2022, 8, 22),
    name_zh="2022中国国际智能产业博览会重大项目线上签约仪式",
    name_en="Smart China Expo 2022 Key Projects Online Signing Ceremony",
    venue_zh="线上",
    venue_en="Online",
    host=CHONGQING,
    sectors=(
        SectorSpec(
            "NEV", "智能网联新能源汽车", "Smart and connected new-energy vehicles", ("vehicle",)
        ),
        SectorSpec(
            "SIT",
            "软件信息和科技创新",
            "Software, information and technological innovation",
            ("data", "ai", "iiot", "science"),
        ),
        SectorSpec(
            "EE",
            "电子及装备（智能制造）",
            "Electronics and equipment (smart manufacturing)",
            ("electronics", "equipment"),
        ),
        SectorSpec("BIO", "生物医药", "Biomedicine", ("bio",)),
        SectorSpec(
            "OT",
            "其他（新能源、新材料、股权投资等）",
            "Other (new energy, new materials, private equity and others)",
            ("energy", "materials", "fund", "services", "high_services"),
            is_other=True,
        ),
    ),
)

EVENTS: tuple[EventSpec, ...] = (SCE2018, SCE2020, SCE2021, LJ2021, SCE2022)
EVENT_BY_CODE = {event.code: event for event in EVENTS}


class ChainSpec(NamedTuple):
    """An industry chain, its chain chief's post and the themes of its projects."""

    code: str
    name_zh: str
    name_en: str
    chief_title: str
    themes: tuple[str, ...]


CHAINS: tuple[ChainSpec, ...] = (
    ChainSpec(
        "NEV",
        "智能网联新能源汽车",
        "Smart and connected new-energy vehicles",
        "重庆市人民政府副市长",
        ("vehicle",),
    ),
    ChainSpec(
        "EI", "电子信息", "Electronic information", "重庆市经济和信息化委员会主任", ("electronics",)
    ),
    ChainSpec(
        "SW",
        "软件信息服务",
        "Software and information services",
        "重庆市大数据应用发展管理局局长",
        ("data", "ai", "iiot"),
    ),
    ChainSpec("BIO", "生物医药", "Biomedicine", "重庆市药品监督管理局局长", ("bio",)),
    ChainSpec("NM", "新材料", "New materials", "重庆市经济和信息化委员会副主任", ("materials",)),
    ChainSpec(
        "EQ", "高端装备", "High-end equipment", "重庆市经济和信息化委员会副主任", ("equipment",)
    ),
    ChainSpec("NE", "新能源", "New energy", "重庆市能源局局长", ("energy",)),
)

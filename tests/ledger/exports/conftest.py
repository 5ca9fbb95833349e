"""A small ledger made with the ORM, and helpers to read exported files back.

Two events: the city's SCE 2021 ceremony (hosted by Chongqing, US$ at 6.4768) and Liangjiang's
cloud signing five days before it. Five projects cover what an export must get right: two
investors with the lead first, a US$ contract, a Liangjiang project announced at both events,
a name that looks like a formula, and a withdrawn project that no export shows.
"""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation
from python_calamine import CalamineWorkbook

from taizhang.ledger.models import (
    STRATEGIC_EMERGING_SCHEME,
    Announcement,
    Category,
    Event,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)
from taizhang.ledger.services.events import EventSpec, create_event


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Command messages in English; the files' language is chosen by each test.
    with translation.override("en"):
        yield


@dataclass
class Ledger:
    """The events and projects of the small ledger, by role."""

    sce: Event
    liangjiang: Event
    parts_plant: Project
    dollar_contract: Project
    shared: Project
    formula_name: Project
    withdrawn: Project

    @property
    def whole_ledger(self) -> list[Project]:
        """What an export of the whole ledger shows, in its order: by owner event's date."""
        return [self.shared, self.parts_plant, self.dollar_contract, self.formula_name]

    @property
    def at_sce(self) -> list[Project]:
        """What an export of SCE 2021 shows, in its order: every project announced there."""
        return [self.parts_plant, self.dollar_contract, self.shared, self.formula_name]


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def sector(event: Event, name_zh: str, name_en: str) -> Category:
    category, _created = Category.objects.get_or_create(
        scheme=event.sector_scheme, name_zh=name_zh, defaults={"code": name_en, "name_en": name_en}
    )
    return category


def strategic_category(code: str) -> Category:
    return Category.objects.get(scheme__code=STRATEGIC_EMERGING_SCHEME, code=code)


def investor(name: str, type_: str, origin: str | None = None, name_en: str = "") -> Investor:
    return Investor.objects.create(
        name_zh=name, name_en=name_en, type=type_, origin=region(origin) if origin else None
    )


def make_project(
    event: Event,
    name: str,
    investors: list[Investor],
    *,
    also_at: tuple[Event, ...] = (),
    **fields: Any,
) -> Project:
    """A project owned by ``event``, with its investors in order and its announcements."""
    defaults: dict[str, Any] = {
        "mode": "offline",
        "signing_date": event.date,
        "region": region("500112"),
        "sector": sector(event, "智能制造", "Intelligent manufacturing"),
    }
    project = Project.objects.create(
        event=event, name=name, lead_investor=investors[0], **{**defaults, **fields}
    )
    ProjectInvestor.objects.bulk_create(
        ProjectInvestor(project=project, investor=each, position=position)
        for position, each in enumerate(investors)
    )
    Announcement.objects.bulk_create(
        Announcement(project=project, event=each) for each in (event, *also_at)
    )
    return project


def make_events() -> tuple[Event, Event]:
    sce = create_event(
        EventSpec(
            code="SCE2021",
            name_en="Smart China Expo 2021 Key Projects Signing Ceremony",
            name_zh="2021智博会重大项目签约仪式",
            series="SCE",
            edition=2021,
            date="2021-08-23",
            host="500000",
            rates={"USD": "6.4768"},
        )
    )
    liangjiang = create_event(
        EventSpec(
            code="LJ2021",
            name_en="Liangjiang New Area cloud signing",
            name_zh="两江新区云签约",
            series="LJCLOUD",
            edition=2021,
            date="2021-08-18",
            host="CQ-LJ",
        )
    )
    return sce, liangjiang


@pytest.fixture
def ledger(db) -> Ledger:
    sce, liangjiang = make_events()
    chain = IndustryChain.objects.create(
        code="NEV", name_zh="智能网联新能源汽车", name_en="Smart connected new-energy vehicles"
    )
    park = Park.objects.create(
        region=region("CQ-LJ"), name_zh="鱼复工业园", name_en="Yufu Industrial Park"
    )
    parts_plant = make_project(
        sce,
        "智能网联汽车零部件生产基地项目",
        [
            investor("重庆某某汽车零部件有限公司", "private", "440000"),
            investor("某某投资集团有限公司", "state"),
        ],
        value=Decimal("123456789.01"),
        mode="online",
        region=region("CQ-LJ"),
        strategic_emerging=True,
        strategic_emerging_category=strategic_category("5"),
        industry_chain=chain,
        park=park,
        project_type="r&d",
        project_code="2108-500112-04-01-123456",
        responsible_unit="两江新区管委会",
        responsible_person="张三",
        planned_start=datetime.date(2021, 12, 1),
        planned_production=datetime.date(2023, 6, 30),
        description="建设生产线20条\n年产零部件100万套",
    )
    dollar_contract = make_project(
        sce,
        "Semiconductor packaging and test base",
        [investor("美国某某半导体公司", "foreign", "US", name_en="Example Semiconductor Inc.")],
        value=Decimal("647680000.00"),
        original_value=Decimal("100000000.00"),
        currency="USD",
        mode="offsite",
        region=region("500106"),
        sector=sector(sce, "数字经济", "Digital economy"),
        strategic_emerging=False,
        project_type="new",
    )
    shared = make_project(
        liangjiang,
        "影像芯片封装测试项目",
        [investor("重庆某某光电有限公司", "private")],
        also_at=(sce,),
        value=Decimal("1200000000.00"),
        mode="online",
        region=region("CQ-LJ"),
        sector=sector(liangjiang, "电子信息", "Electronic information"),
    )
    formula_name = make_project(
        sce,
        '=HYPERLINK("http://example.com","点击")',
        [investor("@某某科技有限公司", "other"), investor("-某某合伙企业", "private")],
        value=Decimal("500000000.00"),
    )
    withdrawn = make_project(
        sce,
        "已撤回的项目",
        [investor("某某撤回企业", "private")],
        value=Decimal("900000000.00"),
        withdrawn_at=timezone.now(),
        withdrawal_reason="投资方撤资",
    )
    return Ledger(sce, liangjiang, parts_plant, dollar_contract, shared, formula_name, withdrawn)


# --- Reading exported files back ------------------------------------------------------------


def read_xlsx(path: Path, sheet: int | str = 0) -> list[list[Any]]:
    """The rows of a workbook's sheet, as python-calamine reads them (as the importer will)."""
    workbook = CalamineWorkbook.from_path(str(path))
    found = (
        workbook.get_sheet_by_index(sheet)
        if isinstance(sheet, int)
        else workbook.get_sheet_by_name(sheet)
    )
    return found.to_python()


def read_csv(path: Path) -> list[list[str]]:
    """The rows of an exported CSV file, byte-order mark removed."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def sheet_xml(path: Path, member: str = "xl/worksheets/sheet1.xml") -> str:
    """One part of an .xlsx file, as XML text."""
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def parse_xml(text: str) -> ET.Element:
    """XML the export itself wrote: trusted, so the standard library's parser is fine."""
    return ET.fromstring(text)  # noqa: S314


def exact(number: float | int | str) -> Decimal:
    """A cell's number as the importer reads it: by its shortest representation."""
    if isinstance(number, str):
        return Decimal(number)
    return Decimal(repr(number))


def by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Data rows as dictionaries keyed by the header row's texts."""
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def text_of(stream: io.BytesIO) -> str:
    return stream.getvalue().decode("utf-8-sig")

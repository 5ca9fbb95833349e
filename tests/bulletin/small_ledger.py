"""A small ledger built by hand with the ORM, for checking each figure against what was put in.

The regions are the shipped reference data (Chongqing 500000 with Yubei 500112 and Liangjiang
CQ-LJ under it, Sichuan 510000 outside it); everything else is made here. Amounts are written as
the bureau says them, in billions of yuan (``bn("0.1")``), and stored as exact yuan.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from decimal import Decimal

from taizhang.ledger.models import (
    Announcement,
    Category,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)

BILLION = Decimal(1_000_000_000)


def bn(text: str) -> Decimal:
    """An amount in billions of yuan, as exact yuan."""
    return (Decimal(text) * BILLION).quantize(Decimal("0.01"))


class SmallLedger:
    """Regions, one sector classification, an investor of each type, a park and a chain."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)
        self.chongqing = Region.objects.get(code="500000")
        self.yubei = Region.objects.get(code="500112")
        self.liangjiang = Region.objects.get(code="CQ-LJ")
        self.sichuan = Region.objects.get(code="510000")
        self.guizhou = Region.objects.get(code="520000")
        self.germany = Region.objects.get(code="DE")
        self.scheme = ClassificationScheme.objects.create(
            code="T-SECTORS", name_zh="测试行业", name_en="Test sectors"
        )
        self.other = self.category("OT", "其他", "Other", position=9, is_other=True)
        self.manufacturing = self.category("IM", "智能制造", "Intelligent manufacturing", 1)
        self.digital = self.category("DE", "数字经济", "Digital economy", 2)
        self.investors = {
            kind: Investor.objects.create(
                name_zh=f"{kind}投资有限公司", name_en=f"{kind.title()} Investment Ltd", type=kind
            )
            for kind in ("state", "private", "foreign", "other")
        }
        self.investors["foreign"].origin = self.germany
        self.investors["foreign"].fortune_global_500 = True
        self.investors["foreign"].save()
        self.park = Park.objects.create(
            region=self.yubei, name_zh="渝北智能产业园", name_en="Yubei Smart Industry Park"
        )
        self.chain = IndustryChain.objects.create(
            code="EI", name_zh="电子信息", name_en="Electronic information"
        )

    def category(
        self, code: str, zh: str, en: str, position: int, *, is_other: bool = False
    ) -> Category:
        return Category.objects.create(
            scheme=self.scheme,
            code=code,
            name_zh=zh,
            name_en=en,
            position=position,
            is_other=is_other,
        )

    def event(
        self,
        code: str,
        *,
        series: str = "T",
        edition: int = 2021,
        host: Region | None = None,
        usd_rate: str | None = None,
    ) -> Event:
        event = Event.objects.create(
            code=code,
            name_zh=f"{code}签约仪式",
            name_en=f"{code} signing ceremony",
            series=series,
            edition=edition,
            date=datetime.date(edition, 8, 23),
            host=host or self.chongqing,
            sector_scheme=self.scheme,
        )
        if usd_rate is not None:
            ExchangeRate.objects.create(event=event, currency="USD", yuan_per_unit=usd_rate)
        return event

    def project(
        self,
        event: Event,
        value: Decimal,
        *,
        mode: str = "offline",
        region: Region | None = None,
        sector: Category | None = None,
        investor: str = "private",
        partners: Iterable[str] = (),
        strategic: bool | None = None,
        park: Park | None = None,
        chain: IndustryChain | None = None,
        also_at: Iterable[Event] = (),
    ) -> Project:
        """A project owned by ``event`` (announced there) and announced at ``also_at`` too."""
        number = next(self._numbers)
        lead = self.investors[investor]
        project = Project.objects.create(
            event=event,
            name=f"测试项目{number}",
            lead_investor=lead,
            value=value,
            mode=mode,
            signing_date=event.date,
            region=region or self.yubei,
            sector=sector or self.manufacturing,
            strategic_emerging=strategic,
            park=park,
            industry_chain=chain,
        )
        ProjectInvestor.objects.create(project=project, investor=lead, position=0)
        for position, kind in enumerate(partners, start=1):
            ProjectInvestor.objects.create(
                project=project, investor=self.investors[kind], position=position
            )
        for at in (event, *also_at):
            Announcement.objects.create(project=project, event=at)
        return project

    def projects(self, event: Event, values: Iterable[Decimal], **fields: object) -> None:
        """Several projects of ``event`` alike but for their values."""
        for value in values:
            self.project(event, value, **fields)  # type: ignore[arg-type]

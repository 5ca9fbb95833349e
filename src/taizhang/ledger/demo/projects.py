"""Turns a fitted slot (event, sector, value, mode, investor type) into a plausible project."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from taizhang.ledger.demo import vocabulary as words
from taizhang.ledger.demo.catalogue import CHAINS, EventSpec, SectorSpec
from taizhang.ledger.demo.investors import InvestorPool
from taizhang.ledger.demo.people import People
from taizhang.ledger.demo.places import LANDING_BY_CODE, LANDINGS, OUTSIDE_LANDINGS, PARKS
from taizhang.ledger.demo.specs import InvestorSpec, ProjectSpec
from taizhang.ledger.normalise import normalise_name

#: How much a manufacturing project is expected to turn over a year, per yuan invested.
_OUTPUT_RATIOS = (Decimal("1.2"), Decimal("1.5"), Decimal("2"), Decimal("2.5"), Decimal("3"))

_FUND_FIELDS = {
    "智能制造产业股权投资基金": "智能制造",
    "新能源汽车产业投资基金": "新能源汽车",
    "生物医药创业投资基金": "生物医药",
    "数字经济产业投资基金": "数字经济",
    "新材料产业发展基金": "新材料",
    "科技成果转化基金": "科技成果转化",
}


#: Endings that make a product's words a whole project on their own ("大数据中心").
_COMPLETE_ENDINGS = ("中心", "平台", "园", "基地", "园区", "综合体", "电站", "社区")


def _kinds_for(product: words.Product) -> list[words.Kind]:
    """The kinds of project that read well after ``product``, without repeating its words."""
    if product.zh.endswith(_COMPLETE_ENDINGS):
        return [words.Kind("", "", "new")]
    pairs = {product.zh[i : i + 2] for i in range(len(product.zh) - 1)}
    kinds = [
        kind
        for kind in words.KINDS[product.nature]
        if not any(kind.zh[i : i + 2] in pairs for i in range(len(kind.zh) - 1))
    ]
    return kinds or [words.Kind("", "", "new")]


def yi_text(units: int) -> str:
    """Fitting units (¥10 million) as 亿元 for text: 123 -> "12.3", 120 -> "12"."""
    whole, tenth = divmod(units, 10)
    return f"{whole}" if tenth == 0 else f"{whole}.{tenth}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class ProjectFactory:
    """Makes project rows: names, investors, places, parks, chains, dates and descriptions."""

    def __init__(self, rng: random.Random, investors: InvestorPool, people: People) -> None:
        self._rng = rng
        self.investors = investors
        self._people = people
        self._names: dict[str, set[str]] = {}
        self._project_codes: set[str] = set()
        self._count = 0

    def make(
        self,
        event: EventSpec,
        sector: SectorSpec,
        value_units: int,
        mode: str,
        investor_type: str,
        *,
        owner: EventSpec | None = None,
        region: str | None = None,
        theme: str | None = None,
        strategic: bool | None = None,
        product: words.Product | None = None,
        kind: words.Kind | None = None,
        lead: InvestorSpec | None = None,
        co_investor: bool | None = None,
        detail: str = "",
    ) -> ProjectSpec:
        """A project of ``sector`` at ``event`` (owned by ``owner``, by default the same).

        ``strategic`` True or False restricts the product to one inside or outside the
        strategic emerging industries; ``co_investor`` True or False decides whether a second
        investor joins (None: sometimes); ``detail`` is a sentence added to the description.
        """
        rng = self._rng
        owner = owner or event
        if lead is None and investor_type == "foreign":
            lead = self.investors.foreign((theme,) if theme else sector.themes)
            if theme is None and lead.theme in sector.themes:
                theme = lead.theme  # a foreign investor brings its own trade
        theme = theme or rng.choice(sector.themes)
        lead = lead or self.investors.lead(investor_type, theme)
        product = product or self._product(theme, strategic)
        kind = kind or rng.choice(_kinds_for(product))
        name = self._unique_name(owner.code, lead.brand, product, kind)
        investors = [lead.key]
        if co_investor is None:
            co_investor = product.nature != "fund" and rng.random() < 0.25
        if co_investor:
            investors.append(self.investors.partner(lead).key)
        region = region or self._landing()
        park = self._park(region, theme)
        start = add_months(owner.date, rng.randint(2, 9))
        self._count += 1
        return ProjectSpec(
            key=f"{owner.code}-{self._count:03d}",
            event=owner.code,
            name=name,
            investors=investors,
            value_units=value_units,
            mode=mode,
            signing_date=owner.date,
            region=region,
            sector=sector.code,
            sector_scheme=event.scheme_code,
            theme=theme,
            strategic_emerging=product.strategic_category is not None,
            strategic_category=product.strategic_category,
            industry_chain=self._chain(theme),
            park=park,
            project_type=kind.project_type,
            responsible_unit=self._unit(region),
            responsible_person=self._people.name(f"responsible:{region}:{rng.randint(1, 2)}"),
            planned_start=start,
            planned_production=self._production(start, product.nature),
            description=self._description(lead, region, product, kind, value_units, detail),
            project_code=self._project_code(owner, region, product),
        )

    def _product(self, theme: str, strategic: bool | None) -> words.Product:
        products = [
            product
            for product in words.PRODUCTS[theme]
            if strategic is None or (product.strategic_category is not None) == strategic
        ]
        if not products:
            raise ValueError(f"theme {theme!r} has no product with strategic={strategic}")
        return self._rng.choice(products)

    def _unique_name(self, event: str, brand: str, product: words.Product, kind: words.Kind) -> str:
        taken = self._names.setdefault(event, set())
        base = f"{brand}{product.zh}{kind.zh}"
        for phase in ("", "（二期）", "（三期）", "（四期）"):
            name = f"{base}{phase}项目"
            if normalise_name(name) not in taken:
                taken.add(normalise_name(name))
                return name
        raise ValueError(f"no free name for {base} at {event}")

    def _landing(self) -> str:
        landing = self._rng.choices(LANDINGS, weights=[item.weight for item in LANDINGS])[0]
        return landing.code

    def _park(self, region: str, theme: str) -> str | None:
        parks = [park for park in PARKS if park.region == region and theme in park.themes]
        if parks and self._rng.random() < 0.7:
            return self._rng.choice(parks).key
        return None

    def _chain(self, theme: str) -> str | None:
        for chain in CHAINS:
            if theme in chain.themes:
                return chain.code
        return None

    def _unit(self, region: str) -> str:
        if region in LANDING_BY_CODE:
            return LANDING_BY_CODE[region].unit
        for outside in OUTSIDE_LANDINGS:
            if outside.code == region:
                return outside.unit
        raise ValueError(f"no responsible unit known for region {region}")

    def _place(self, region: str) -> str:
        if region in LANDING_BY_CODE:
            return LANDING_BY_CODE[region].name
        return next(outside.name for outside in OUTSIDE_LANDINGS if outside.code == region)

    def _production(self, start: datetime.date, nature: str) -> datetime.date | None:
        if nature == "fund":
            return None
        months = {"make": (12, 30), "rd": (6, 18), "platform": (6, 18), "service": (12, 36)}
        low, high = months[nature]
        return add_months(start, self._rng.randint(low, high))

    def _description(
        self,
        lead: InvestorSpec,
        region: str,
        product: words.Product,
        kind: words.Kind,
        value_units: int,
        detail: str,
    ) -> str:
        place, amount, what = self._place(region), yi_text(value_units), product.zh + kind.zh
        if product.nature == "make":
            ratio = self._rng.choice(_OUTPUT_RATIOS)
            output = yi_text(int(value_units * ratio))
            text = (
                f"{lead.name_zh}拟在{place}投资{amount}亿元建设{what}，主要建设生产厂房、"
                f"{product.zh}生产线及配套设施，达产后预计年产值约{output}亿元。"
            )
        elif product.nature == "rd":
            staff = self._rng.choice((50, 80, 100, 150, 200, 300))
            text = (
                f"{lead.name_zh}拟在{place}投资{amount}亿元设立{what}，围绕{product.zh}"
                f"开展研发、中试验证和成果转化，计划引进研发人员{staff}名。"
            )
        elif product.nature == "platform":
            text = (
                f"{lead.name_zh}拟在{place}投资{amount}亿元建设{what}，开展{product.zh}"
                f"相关的研发、运营和服务，服务重庆及西部地区产业数字化转型。"
            )
        elif product.nature == "fund":
            text = (
                f"{lead.name_zh}联合合作方发起设立{product.zh}，基金规模{amount}亿元，"
                f"重点投向{_FUND_FIELDS[product.zh]}领域的成长期企业。"
            )
        else:
            text = (
                f"{lead.name_zh}拟在{place}投资{amount}亿元建设{what}，完善区域产业配套和服务功能。"
            )
        return text + detail

    def _project_code(self, owner: EventSpec, region: str, product: words.Product) -> str | None:
        # Many projects have no code yet when signed: it comes with registration or approval.
        if product.nature == "fund" or self._rng.random() < 0.4:
            return None
        area = LANDING_BY_CODE[region].area_code if region in LANDING_BY_CODE else region
        kind = self._rng.choice(("01", "03", "04"))
        while True:
            serial = self._rng.randrange(10**6)
            code = f"{owner.date.year}-{area}-{product.industry}-{kind}-{serial:06d}"
            if code not in self._project_codes:
                self._project_codes.add(code)
                return code

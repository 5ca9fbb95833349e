"""Generates the demo ledger as plain data: every project of every event, fitted to the figures.

Each event is laid out as slots: how many projects fall in each band of value (below ¥1 billion,
¥1-5 billion, ¥5-10 billion, ¥10 billion or more) for each group the city published (signing
mode, sector, investor type). Within a band the groups are dealt out at random, so the published
counts hold by construction; :func:`fitting.fit_values` then finds values that give every
published total. Everything comes from one seeded random generator: the same seed gives the same
ledger, row for row.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from taizhang.ledger.demo import vocabulary as words
from taizhang.ledger.demo.catalogue import (
    CHAINS,
    EVENTS,
    LJ2021,
    SCE2018,
    SCE2020,
    SCE2021,
    SCE2022,
    EventSpec,
    SectorSpec,
)
from taizhang.ledger.demo.figures import FIGURES
from taizhang.ledger.demo.fitting import Slot, fit_values
from taizhang.ledger.demo.investors import InvestorPool
from taizhang.ledger.demo.people import People
from taizhang.ledger.demo.places import LIANGJIANG, PARKS
from taizhang.ledger.demo.projects import ProjectFactory
from taizhang.ledger.demo.specs import (
    UNIT,
    ChainOwnerSpec,
    DemoLedger,
    InvestorSpec,
    ProjectSpec,
)

#: The seed of the demo. Changing it gives another, equally valid, demo ledger.
SEED = 20210823

#: Value bands in fitting units (¥10 million): S below ¥1bn, M ¥1-5bn, L ¥5-10bn, XL ¥10bn+.
BANDS = {"S": (50, 99), "M": (100, 499), "L": (500, 999), "XL": (1000, 3000)}
#: SCE 2022 avoids projects of exactly ¥1 billion, so its middle band starts above it.
BANDS_2022 = {**BANDS, "M": (101, 499)}

#: (group -> band -> number of projects) for each published dimension of SCE 2021.
SCE2021_LAYOUT: dict[str, dict[str, dict[str, int]]] = {
    "mode": {
        "offline": {"S": 4, "M": 31, "L": 10, "XL": 5},
        "online": {"S": 2, "M": 11, "L": 3},
        "offsite": {"S": 5, "M": 20, "L": 1},
    },
    "sector": {
        "IM": {"S": 2, "M": 21, "L": 7, "XL": 2},
        "DE": {"S": 4, "M": 14, "L": 2},
        "ST": {"S": 2, "M": 11, "L": 3, "XL": 1},
        "OT": {"S": 3, "M": 16, "L": 2, "XL": 2},
    },
    "type": {
        "state": {"M": 6, "L": 2, "XL": 2},
        "private": {"S": 9, "M": 47, "L": 11, "XL": 2},
        "foreign": {"S": 1, "M": 4},
        "other": {"S": 1, "M": 5, "L": 1, "XL": 1},
    },
}
#: The SCE 2021 projects first signed at Liangjiang's cloud signing: (city sector, theme).
SHARED_WITH_LIANGJIANG = (
    ("DE", "iiot"),
    ("DE", "ai"),
    ("IM", "electronics"),
    ("ST", "ai"),
    ("OT", "energy"),
    ("OT", "bio"),
)
#: SCE 2021 projects for other provinces: (region, sector, investor type, mode, units). The
#: first is a Hong Kong investor's, so the demo has one from each of Hong Kong, Macao, Taiwan.
SCE2021_OUTSIDE = (
    ("520000", "OT", "foreign", "offline", 135),
    ("510000", "IM", "private", "online", 112),
    ("530000", "OT", "state", "offline", 73),
)
HONG_KONG_INVESTOR = "恒昇投资（香港）有限公司"

SCE2020_BANDS = {"S": 13, "M": 41, "L": 12, "XL": 5}
SCE2020_LABELS = {
    "mode": {"offline": 28, "online": 33, "offsite": 10},
    "sector": {"IM": 26, "DE": 17, "ST": 12, "OT": 16},
    "type": {"state": 9, "private": 52, "foreign": 4, "other": 6},
}

#: SCE 2022 by sector, and within "other" by strategic emerging industry or not.
SCE2022_LAYOUT: dict[str, dict[str, int]] = {
    "NEV": {"S": 2, "M": 9, "L": 5, "XL": 2},
    "SIT": {"S": 4, "M": 8, "L": 2},
    "EE": {"S": 5, "M": 7, "L": 1},
    "BIO": {"S": 1, "M": 4, "L": 1},
    "OT-SEI": {"S": 1, "M": 3, "L": 1},
    "OT": {"S": 3, "M": 8, "L": 2, "XL": 1},
}
SCE2022_TYPES = {"state": 8, "private": 52, "foreign": 4, "other": 6}

#: Liangjiang's own projects besides the named examples: sector -> number.
LJ2021_OTHERS = {"EI": 3, "AI": 2, "II": 2, "NE": 3, "BIO": 2, "HS": 2}

CHANGAN = InvestorSpec(
    key="changan",
    name_zh="重庆长安汽车股份有限公司",
    name_en="Chongqing Changan Automobile Company Limited",
    type="state",
    origin="500000",
    theme="vehicle",
    brand="长安汽车",
)


def figure(event: str, label: str) -> tuple[int, int]:
    """A published figure's count and value in fitting units."""
    for item in FIGURES:
        if item.event == event and item.label == label:
            assert item.count is not None and item.value is not None
            units = item.value / UNIT
            assert units == units.to_integral_value(), f"{label} is not whole units"
            return item.count, int(units)
    raise KeyError(f"no published figure {event}: {label}")


def generate_demo_ledger(seed: int = SEED) -> DemoLedger:
    """The whole demo ledger as plain data, the same for the same seed."""
    rng = random.Random(seed)
    people = People(rng)
    investors = InvestorPool(rng)
    factory = ProjectFactory(rng, investors, people)
    projects: list[ProjectSpec] = []
    projects += _sce2018(factory, investors)
    projects += _sce2020(rng, factory)
    city_2021 = _sce2021(rng, factory)
    projects += city_2021
    projects += _lj2021(rng, factory, investors, [p for p in city_2021 if p.event == LJ2021.code])
    projects += _sce2022(rng, factory)
    for park in PARKS:
        people.name(f"park-head:{park.key}")
    for chain in CHAINS:
        people.name(f"chain-chief:{chain.code}")
    chain_owners = _chain_owners(projects, investors.investors, people)
    return DemoLedger(
        events=EVENTS,
        parks=PARKS,
        chains=CHAINS,
        people=people.roles(),
        investors=investors.investors,
        chain_owners=chain_owners,
        projects=projects,
    )


def _sector(event: EventSpec, code: str) -> SectorSpec:
    return next(sector for sector in event.sectors if sector.code == code)


def _themed_sector(event: EventSpec, theme: str) -> SectorSpec:
    """``event``'s sector whose projects are drawn from ``theme``."""
    return next(sector for sector in event.sectors if theme in sector.themes)


def _deal(
    rng: random.Random, layout: Mapping[str, Mapping[str, Mapping[str, int]]], bands: dict
) -> list[Slot]:
    """Slots with a band and a group in each dimension, dealt at random within each band."""
    slots: list[Slot] = []
    for band, (low, high) in bands.items():
        dealt: dict[str, list[str]] = {}
        for dimension, groups in layout.items():
            labels = [group for group, counts in groups.items() for _ in range(counts.get(band, 0))]
            rng.shuffle(labels)
            dealt[dimension] = labels
        sizes = {len(labels) for labels in dealt.values()}
        if len(sizes) != 1:
            raise ValueError(f"band {band}: the dimensions disagree on its size {sizes}")
        for index in range(sizes.pop()):
            labels = {dimension: dealt[dimension][index] for dimension in layout}
            slots.append(Slot({**labels, "band": band}, low, high))
    return slots


def _sce2018(factory: ProjectFactory, investors: InvestorPool) -> list[ProjectSpec]:
    changan = investors.add(CHANGAN, reusable=False)
    _count, units = figure("SCE2018", "Changan new-energy vehicle industrial park")
    project = factory.make(
        SCE2018,
        _sector(SCE2018, "IM"),
        units,
        "offline",
        "state",
        region=LIANGJIANG,
        theme="vehicle",
        product=words.Product("新能源汽车", "new-energy vehicles", "make", "5", "36"),
        kind=words.Kind("产业园", "industrial park", "new"),
        lead=changan,
        co_investor=False,
    )
    # The sources name this one project: keep to what they say of it.
    assert project.name == "长安汽车新能源汽车产业园项目"
    project.park = "lj-auto"
    project.description = "重庆长安汽车股份有限公司在两江新区投资102亿元建设新能源汽车产业园。"
    return [project]


def _sce2020(rng: random.Random, factory: ProjectFactory) -> list[ProjectSpec]:
    count, units = figure("SCE2020", "all projects")
    layout: dict[str, dict[str, dict[str, int]]] = {}
    for dimension, groups in SCE2020_LABELS.items():
        # Spread each dimension's groups over the bands in proportion, then deal at random.
        pool = [group for group, number in groups.items() for _ in range(number)]
        rng.shuffle(pool)
        layout[dimension] = {group: {} for group in groups}
        position = 0
        for band, size in SCE2020_BANDS.items():
            for group in pool[position : position + size]:
                layout[dimension][group][band] = layout[dimension][group].get(band, 0) + 1
            position += size
    slots = _deal(rng, layout, BANDS)
    assert len(slots) == count
    for slot in slots:
        slot.labels["all"] = "all"
    fit_values(slots, {"all": {"all": units}}, rng)
    return [
        factory.make(
            SCE2020,
            _sector(SCE2020, slot.labels["sector"]),
            slot.value,
            slot.labels["mode"],
            slot.labels["type"],
        )
        for slot in slots
    ]


def _sce2021(rng: random.Random, factory: ProjectFactory) -> list[ProjectSpec]:
    slots = _deal(rng, SCE2021_LAYOUT, BANDS)
    labels = {
        "mode": {"offline": "offline", "online": "online", "offsite": "off-site"},
        "sector": {
            "IM": "intelligent manufacturing",
            "DE": "digital economy",
            "ST": "science and technology",
            "OT": "other sectors",
        },
        "type": {
            "state": "state-owned investors",
            "private": "private investors",
            "foreign": "foreign investors",
            "other": "other investors",
        },
    }
    targets = {
        dimension: {group: figure("SCE2021", label)[1] for group, label in groups.items()}
        for dimension, groups in labels.items()
    }
    fit_values(slots, targets, rng)
    shared = _pick_shared(rng, slots)
    projects = []
    for slot in slots:
        theme = shared.get(id(slot))
        sector = _sector(SCE2021, slot.labels["sector"])
        if theme is None:
            projects.append(
                factory.make(SCE2021, sector, slot.value, slot.labels["mode"], slot.labels["type"])
            )
            continue
        # Signed online at Liangjiang's cloud signing five days earlier, under Liangjiang's
        # sector, and announced again here: Liangjiang owns it; the city counts it off-site,
        # under its own sector, as its announcement here says.
        project = factory.make(
            LJ2021,
            _themed_sector(LJ2021, theme),
            slot.value,
            "online",
            slot.labels["type"],
            region=LIANGJIANG,
            theme=theme,
        )
        project.also_announced_at.append(SCE2021.code)
        project.announced_as[SCE2021.code] = (sector.code, slot.labels["mode"])
        projects.append(project)
    for region, sector, investor_type, mode, units in SCE2021_OUTSIDE:
        lead = (
            factory.investors.foreign_named(HONG_KONG_INVESTOR)
            if investor_type == "foreign"
            else None
        )
        projects.append(
            factory.make(
                SCE2021,
                _sector(SCE2021, sector),
                units,
                mode,
                investor_type,
                region=region,
                lead=lead,
            )
        )
    return projects


def _pick_shared(rng: random.Random, slots: list[Slot]) -> dict[int, str]:
    """The off-site slots that stand for projects first signed at Liangjiang (slot id -> theme)."""
    chosen: dict[int, str] = {}
    for sector, theme in SHARED_WITH_LIANGJIANG:
        candidates = [
            slot
            for slot in slots
            if slot.labels["mode"] == "offsite"
            and slot.labels["sector"] == sector
            and slot.labels["type"] != "state"
            and slot.labels["band"] in ("S", "M")
            and id(slot) not in chosen
        ]
        if not candidates:
            raise ValueError(f"no off-site slot of sector {sector} left to share with Liangjiang")
        chosen[id(rng.choice(candidates))] = theme
    return chosen


def _lj2021(
    rng: random.Random,
    factory: ProjectFactory,
    investors: InvestorPool,
    shared: list[ProjectSpec],
) -> list[ProjectSpec]:
    """Liangjiang's own projects; ``shared`` are the ones it owns that the city announced too."""
    count, units = figure("LJ2021", "all projects")
    own_units = units - sum(project.value_units for project in shared)
    named = [
        # (sector, theme, product, kind, band, investor type, detail)
        (
            "EI",
            "electronics",
            words.Product(
                "影像芯片封装测试", "imaging-chip packaging and testing", "make", "1", "39"
            ),
            words.Kind("基地", "base", "new"),
            (120, 120),
            "private",
            "项目建设30条封装测试生产线，达产后年封装测试摄像头芯片超过10亿颗。",
        ),
        (
            "AI",
            "ai",
            words.Product("人工智能运营及设计", "AI operations and design", "platform", "1", "65"),
            words.Kind("中心", "centre", "headquarters"),
            (30, 30),
            "private",
            "",
        ),
        (
            "EI",
            "electronics",
            words.Product("LED及汽车芯片设计", "LED and automotive chip design", "rd", "1", "65"),
            words.Kind("公司", "company", "r&d"),
            (30, 150),
            "private",
            "",
        ),
        (
            "EI",
            "electronics",
            words.Product("导光板", "light-guide plates", "make", "1", "39"),
            words.Kind("生产基地", "production base", "new"),
            (100, 400),
            "foreign",
            "",
        ),
        (
            "II",
            "iiot",
            words.Product("智慧停车平台", "intelligent parking platform", "platform", "1", "64"),
            words.Kind("", "", "new"),
            (30, 80),
            "private",
            "",
        ),
    ]
    slots = [Slot({"all": "all", "item": str(index)}, *item[4]) for index, item in enumerate(named)]
    others = [sector for sector, number in LJ2021_OTHERS.items() for _ in range(number)]
    slots += [Slot({"all": "all", "item": sector}, 50, 600) for sector in others]
    assert len(slots) + len(shared) == count
    fit_values(slots, {"all": {"all": own_units}}, rng)
    projects = []
    for slot, (sector, theme, product, kind, _band, investor_type, detail) in zip(
        slots, named, strict=False
    ):
        # The light-guide plates come from a Taiwanese maker, as such plates commonly do.
        lead = (
            investors.foreign_named("鼎晟光电股份有限公司") if investor_type == "foreign" else None
        )
        projects.append(
            factory.make(
                LJ2021,
                _sector(LJ2021, sector),
                slot.value,
                "online",
                investor_type,
                region=LIANGJIANG,
                theme=theme,
                product=product,
                kind=kind,
                lead=lead,
                detail=detail,
            )
        )
    for slot in slots[len(named) :]:
        investor_type = rng.choices(("private", "state", "other"), weights=(8, 1, 1))[0]
        projects.append(
            factory.make(
                LJ2021,
                _sector(LJ2021, slot.labels["item"]),
                slot.value,
                "online",
                investor_type,
                region=LIANGJIANG,
            )
        )
    return projects


def _sce2022(rng: random.Random, factory: ProjectFactory) -> list[ProjectSpec]:
    layout = {"group": SCE2022_LAYOUT}
    slots = _deal(rng, layout, BANDS_2022)
    types = [kind for kind, number in SCE2022_TYPES.items() for _ in range(number)]
    rng.shuffle(types)
    _count, total = figure("SCE2022", "all projects")
    sectors = {
        "NEV": "smart and connected new-energy vehicles",
        "SIT": "software, information and technological innovation",
        "EE": "electronics and equipment",
        "BIO": "biomedicine",
    }
    targets = {group: figure("SCE2022", label)[1] for group, label in sectors.items()}
    other = figure("SCE2022", "other sectors")[1]
    # "80% strategic emerging": 56 of 70 projects and 80.00% of the value, exactly.
    strategic_value = total * 80 // 100
    targets["OT-SEI"] = strategic_value - sum(targets.values())
    targets["OT"] = other - targets["OT-SEI"]
    fit_values(slots, {"group": targets}, rng)
    projects = []
    for slot, investor_type in zip(slots, types, strict=True):
        group = slot.labels["group"]
        if group == "OT-SEI":
            sector, theme, strategic = (
                _sector(SCE2022, "OT"),
                rng.choice(("energy", "materials")),
                True,
            )
        elif group == "OT":
            sector, theme, strategic = _sector(SCE2022, "OT"), None, False
        else:
            sector, theme, strategic = _sector(SCE2022, group), None, True
        if not strategic:
            theme = rng.choice(("fund", "services", "high_services"))
        projects.append(
            factory.make(
                SCE2022,
                sector,
                slot.value,
                "online",
                investor_type,
                theme=theme,
                strategic=strategic,
            )
        )
    return projects


def _chain_owners(
    projects: list[ProjectSpec], investors: list[InvestorSpec], people: People
) -> list[ChainOwnerSpec]:
    """The two lead investors with most value in each chain, their chairs as chain owners."""
    by_key = {investor.key: investor for investor in investors}
    owners = []
    for chain in CHAINS:
        totals: dict[str, int] = {}
        for project in projects:
            lead = project.investors[0]
            if project.industry_chain == chain.code and by_key[lead].type != "foreign":
                totals[lead] = totals.get(lead, 0) + project.value_units
        leaders = sorted(totals, key=lambda key: (-totals[key], key))[:2]
        for key in leaders:
            if key == CHANGAN.key:
                continue  # a real company: the demo names no person for it
            owners.append(ChainOwnerSpec(chain.code, people.name(f"chain-owner:{key}"), key))
    return owners

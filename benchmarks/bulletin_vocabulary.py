"""What the bulletin benchmark's ledger is made of: sectors, places, investors and rates.

The weights are the shape of the Smart China Expo's real ceremonies (shared/domain/seed-facts.md)
scaled up: most projects in the functional areas and main districts, a few percent in other
provinces, seven in ten investors private, a handful of Fortune Global 500 groups.
"""

from __future__ import annotations

from decimal import Decimal

from taizhang.ledger.models import InvestorType, ProjectType

#: Sectors the Expo's classifications are made of: code, Chinese, English, weight.
SECTOR_POOL: tuple[tuple[str, str, str, int], ...] = (
    ("IM", "智能制造", "Intelligent manufacturing", 9),
    ("NEV", "智能网联新能源汽车", "Smart and connected new-energy vehicles", 8),
    ("DE", "数字经济", "Digital economy", 7),
    ("EE", "电子信息", "Electronic information", 7),
    ("ST", "科技创新", "Science and technology", 5),
    ("SW", "软件和信息服务", "Software and information services", 5),
    ("BIO", "生物医药", "Biomedicine", 4),
    ("NE", "新能源", "New energy", 4),
    ("NM", "新材料", "New materials", 3),
    ("MS", "现代服务业", "Modern services", 3),
    ("LG", "现代物流", "Modern logistics", 2),
    ("CT", "文化旅游", "Culture and tourism", 2),
    ("AG", "现代农业", "Modern agriculture", 1),
)
OTHER_SECTOR = ("OT", "其他", "Other")
#: The Liangjiang cloud signings' own classification (the seed facts' list of its sectors).
CLOUD_SECTORS: tuple[tuple[str, str, str, int], ...] = (
    ("EI", "电子信息", "Electronic information", 5),
    ("AI", "人工智能", "Artificial intelligence", 3),
    ("II", "工业互联网", "Industrial internet", 2),
    ("NE", "新能源", "New energy", 2),
    ("BIO", "生物医药", "Biomedicine", 2),
    ("HS", "高端服务业", "High-end services", 2),
)
#: A linked announcement gives the project a sector of its event's classification this often,
#: and a signing mode of its own this often (a project signed online at the cloud signing is
#: counted off-site at the Expo); otherwise the project's own count there.
LINKED_OWN_SECTOR = 0.8
LINKED_OWN_MODE = 0.5
OTHER_SECTOR_WEIGHT = 0.22

#: Where projects land within Chongqing: region code → weight (others weigh 1).
CHONGQING_WEIGHTS = {
    "CQ-LJ": 12,
    "CQ-KXC": 7,
    "CQ-JKQ": 3,
    "CQ-GXQ": 3,
    "CQ-WS": 1,
    "500112": 5,
    "500105": 3,
    "500106": 3,
    "500107": 3,
    "500113": 3,
    "500116": 3,
    "500118": 3,
    "500120": 3,
    "500102": 3,
    "500101": 2,
    "500117": 2,
}
#: Where the others land (3%): province code → weight.
OUTSIDE_WEIGHTS = {
    "510000": 35,
    "520000": 20,
    "530000": 10,
    "610000": 10,
    "420000": 8,
    "430000": 7,
    "450000": 5,
    "620000": 5,
}
#: Investor types: weight, chance of being a Fortune Global 500 company, origins (code → weight).
INVESTOR_PROFILES: dict[str, tuple[float, float, dict[str | None, int]]] = {
    InvestorType.STATE: (0.14, 0.08, {"500000": 6, "110000": 3, "310000": 1}),
    InvestorType.PRIVATE: (
        0.70,
        0.01,
        {"500000": 10, "440000": 3, "310000": 2, "330000": 2, "510000": 2, None: 1},
    ),
    InvestorType.FOREIGN: (
        0.07,
        0.25,
        {"US": 3, "DE": 2, "JP": 2, "KR": 1, "SG": 1, "GB": 1, "810000": 3, "710000": 2},
    ),
    InvestorType.OTHER: (0.09, 0.0, {"500000": 3, None: 1}),
}
INDUSTRY_CHAINS: tuple[tuple[str, str, str], ...] = (
    ("EI", "电子信息", "Electronic information"),
    ("AUTO", "汽车", "Automobiles"),
    ("EQ", "装备制造", "Equipment manufacturing"),
    ("MAT", "材料", "Materials"),
    ("BIO", "生物医药", "Biomedicine"),
    ("FOOD", "消费品", "Consumer goods"),
    ("IC", "集成电路", "Integrated circuits"),
    ("DISP", "新型显示", "New displays"),
    ("SW", "软件信息", "Software and information"),
    ("NEV", "新能源汽车", "New-energy vehicles"),
    ("H2", "氢能", "Hydrogen energy"),
    ("AI", "人工智能", "Artificial intelligence"),
)
PARK_THEMES = (("智能产业园", "Smart Industry Park"), ("高新产业园", "High-tech Park"))
PARK_THEMES += (("数字经济产业园", "Digital Economy Park"), ("生物医药产业园", "Biomedicine Park"))
#: Yuan per US dollar stated at each year's Expo: about the year's average rate (2021's is the
#: one SCE 2021 stated its US$ total by); 7.0 for other years.
USD_RATES = {
    year: Decimal(rate)
    for year, rate in zip(
        range(2007, 2027),
        [
            "7.6040",
            "6.9451",
            "6.8310",
            "6.7695",
            "6.4588",
            "6.3125",
            "6.1932",
            "6.1428",
            "6.2284",
            "6.6423",
            "6.7518",
            "6.6174",
            "6.8985",
            "6.8976",
            "6.4768",
            "6.7261",
            "7.0467",
            "7.1217",
            "7.1800",
            "7.1000",
        ],
        strict=True,
    )
}
#: Signing modes: online signing began in 2020.
MODE_WEIGHTS_ONLINE = {"offline": 54, "online": 17, "offsite": 29}
MODE_WEIGHTS_BEFORE_2020 = {"offline": 71, "offsite": 29}
PROJECT_TYPES = tuple(ProjectType.values)
CENT = Decimal("0.01")

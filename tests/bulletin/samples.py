"""Bulletin figures written by hand, in the JSON form of shared/spec/bulletin.md.

``sce2021()`` states what the city published about Smart China Expo 2021
(shared/domain/seed-facts.md); what the city did not publish (regions, the ¥10 billion band,
strategic emerging industries) is invented but adds up. ``small_event()`` is a made-up ceremony
with every awkward case a renderer meets: no US$ rate, a project under ¥0.5 billion (so no
minimum size), one under 1亿, empty signing modes, sectors and investor types, counts that fell
since the previous edition, and a single project landing outside the host. ``sce_series()`` is
the SCE series over three editions, for trend workbooks. Each call returns a fresh dict, so a
test may change its copy.
"""

from __future__ import annotations

from typing import Any

Figures = dict[str, Any]


def _part(projects: int, value: str) -> dict[str, Any]:
    return {"projects": projects, "value": value}


def _sector(
    code: str,
    name_zh: str,
    name_en: str,
    projects: int,
    value: str,
    of_projects: str,
    of_value: str,
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name_en,
        "name_zh": name_zh,
        "name_en": name_en,
        "projects": projects,
        "value": value,
        "share_of_projects": of_projects,
        "share_of_value": of_value,
    }


def _investors(kind: str, projects: int, value: str, of_projects: str, of_value: str) -> dict:
    return {
        "type": kind,
        "projects": projects,
        "value": value,
        "share_of_projects": of_projects,
        "share_of_value": of_value,
    }


def _named(
    code: str | None, name_zh: str, name_en: str, projects: int, value: str
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name_en,
        "name_zh": name_zh,
        "name_en": name_en,
        "projects": projects,
        "value": value,
    }


def sce2021() -> Figures:
    """Smart China Expo 2021 as published: 92 projects, ¥252.4 billion (US$38.97 billion)."""
    return {
        "event": {
            "code": "SCE2021",
            "name": "Smart China Expo 2021 Key Projects Signing Ceremony",
            "name_zh": "2021中国国际智能产业博览会重大项目签约仪式",
            "name_en": "Smart China Expo 2021 Key Projects Signing Ceremony",
            "date": "2021-08-23",
            "series": "SCE",
            "edition": 2021,
        },
        # 252,400,000,000 / 6.4768 yuan per US$ = 38,969,861,660.08
        "totals": {"projects": 92, "value": "252400000000.00", "value_usd": "38969861660.08"},
        "by_mode": {
            "offline": _part(50, "167500000000.00"),
            "online": _part(16, "39800000000.00"),
            "offsite": _part(26, "45100000000.00"),
            "live": _part(66, "207300000000.00"),
        },
        "bands": [
            {"min": "500000000.00", "projects": 92, "previous": 71, "change": 21},
            {"min": "1000000000.00", "projects": 81, "previous": 58, "change": 23},
            {"min": "5000000000.00", "projects": 19, "previous": 17, "change": 2},
            {"min": "10000000000.00", "projects": 8, "previous": 9, "change": -1},
        ],
        "by_sector": [
            _sector(
                "IM",
                "智能制造",
                "Intelligent manufacturing",
                32,
                "101600000000.00",
                "0.3478",
                "0.4025",
            ),
            _sector("DE", "数字经济", "Digital economy", 20, "42800000000.00", "0.2174", "0.1696"),
            _sector(
                "ST", "科技创新", "Science and technology", 17, "46000000000.00", "0.1848", "0.1823"
            ),
            _sector("OT", "其他", "Other", 23, "62000000000.00", "0.2500", "0.2456"),
        ],
        "by_investor_type": [
            _investors("state", 10, "46300000000.00", "0.1087", "0.1834"),
            _investors("private", 69, "167000000000.00", "0.7500", "0.6616"),
            _investors("foreign", 5, "7300000000.00", "0.0543", "0.0289"),
            _investors("other", 8, "31800000000.00", "0.0870", "0.1260"),
        ],
        "by_region": [
            _named("CQ-LJ", "两江新区", "Liangjiang New Area", 30, "95200000000.00"),
            _named(
                "CQ-KXC",
                "西部（重庆）科学城",
                "Western (Chongqing) Science City",
                14,
                "40300000000.00",
            ),
            _named("500112", "渝北区", "Yubei District", 12, "30500000000.00"),
            _named("500113", "巴南区", "Banan District", 10, "26000000000.00"),
            _named("500107", "九龙坡区", "Jiulongpo District", 9, "20400000000.00"),
            _named("500118", "永川区", "Yongchuan District", 9, "18000000000.00"),
            _named("500101", "万州区", "Wanzhou District", 8, "22000000000.00"),
        ],
        "strategic_emerging": {
            "projects": 61,
            "value": "190300000000.00",
            "share_of_projects": "0.6630",
            "share_of_value": "0.7540",
        },
        "outside_host": {
            "projects": 3,
            "value": "3200000000.00",
            "regions": [
                _named("520000", "贵州省", "Guizhou", 1, "1500000000.00"),
                _named("510000", "四川省", "Sichuan", 1, "1200000000.00"),
                _named("530000", "云南省", "Yunnan", 1, "500000000.00"),
            ],
        },
        "previous_edition": {"code": "SCE2020", "projects": 71, "value": "271200000000.00"},
    }


def with_extras(figures: Figures) -> Figures:
    """``figures`` with the breakdowns the statistics add beyond the spec: Fortune Global 500
    investors, strategic emerging industries by category, industry chains, parks (which have
    no code) and investor origins. The values are invented and partial, as real ones are: not
    every project is in a chain or a park."""
    figures["fortune_global_500"] = {"projects": 6, "value": "30780000000.00", "investors": 5}
    figures["strategic_emerging"]["by_category"] = [
        _named(
            "1",
            "新一代信息技术产业",
            "Next-generation information technology",
            43,
            "108020000000.00",
        )
    ]
    figures["by_chain"] = [
        _named("SW", "软件信息服务", "Software and information services", 29, "65360000000.00")
    ]
    figures["by_park"] = [
        _named(
            None,
            "两江数字经济产业园",
            "Liangjiang Digital Economy Industrial Park",
            7,
            "17620000000.00",
        )
    ]
    figures["by_origin"] = [_named("110000", "北京市", "Beijing", 10, "42160000000.00")]
    return figures


def small_event() -> Figures:
    """A made-up ceremony of five projects worth ¥3.83 billion, with every awkward case.

    Its sectors carry only ``name_zh``/``name_en`` and its regions only a Chinese ``name``, as a
    dict in one language would.
    """
    return {
        "event": {
            "code": "WIF2023",
            "name": "2023西部投资贸易洽谈会重点项目签约仪式",
            "name_zh": "2023西部投资贸易洽谈会重点项目签约仪式",
            "name_en": "Western China Investment Fair 2023 Signing Ceremony",
            "date": "2023-05-09",
            "series": "WIF",
            "edition": 2023,
        },
        "totals": {"projects": 5, "value": "3830000000.00", "value_usd": None},
        "by_mode": {
            "offline": _part(2, "3300000000.00"),
            "online": _part(0, "0.00"),
            "offsite": _part(3, "530000000.00"),
            "live": _part(2, "3300000000.00"),
        },
        "bands": [
            {"min": "500000000.00", "projects": 2, "previous": 4, "change": -2},
            {"min": "1000000000.00", "projects": 1, "previous": 3, "change": -2},
            {"min": "5000000000.00", "projects": 0, "previous": 0, "change": 0},
            {"min": "10000000000.00", "projects": 0, "previous": 0, "change": 0},
        ],
        "by_sector": [
            {
                "name_zh": "先进制造",
                "name_en": "Advanced manufacturing",
                "projects": 2,
                "value": "2700000000.00",
                "share_of_projects": "0.4000",
                "share_of_value": "0.7050",
            },
            {
                "name_zh": "数字经济",
                "name_en": "Digital economy",
                "projects": 2,
                "value": "830000000.00",
                "share_of_projects": "0.4000",
                "share_of_value": "0.2167",
            },
            {
                "name_zh": "现代服务业",
                "name_en": "Modern services",
                "projects": 0,
                "value": "0.00",
                "share_of_projects": "0.0000",
                "share_of_value": "0.0000",
            },
            {
                "name_zh": "其他",
                "name_en": "Other",
                "projects": 1,
                "value": "300000000.00",
                "share_of_projects": "0.2000",
                "share_of_value": "0.0783",
            },
        ],
        "by_investor_type": [
            _investors("state", 1, "800000000.00", "0.2000", "0.2089"),
            _investors("private", 3, "2830000000.00", "0.6000", "0.7389"),
            _investors("foreign", 0, "0.00", "0.0000", "0.0000"),
            _investors("other", 1, "200000000.00", "0.2000", "0.0522"),
        ],
        "by_region": [
            {"code": "500120", "name": "璧山区", "projects": 2, "value": "3300000000.00"},
            {"code": "500151", "name": "铜梁区", "projects": 3, "value": "530000000.00"},
        ],
        "strategic_emerging": {
            "projects": 1,
            "value": "2500000000.00",
            "share_of_projects": "0.2000",
            "share_of_value": "0.6527",
        },
        "outside_host": {
            "projects": 1,
            "value": "50000000.00",
            "regions": [
                {"code": "510000", "name": "四川省", "projects": 1, "value": "50000000.00"}
            ],
        },
        "previous_edition": {"code": "WIF2022", "projects": 6, "value": "5200000000.00"},
    }


def _edition(
    code: str, edition: int, date: str, projects: int, value: str, bands: list[int], sectors: list
) -> Figures:
    minimums = ["500000000.00", "1000000000.00", "5000000000.00", "10000000000.00"]
    return {
        "code": code,
        "name": f"Smart China Expo {edition} Key Projects Signing Ceremony",
        "name_zh": f"{edition}中国国际智能产业博览会重大项目签约仪式",
        "name_en": f"Smart China Expo {edition} Key Projects Signing Ceremony",
        "edition": edition,
        "date": date,
        "projects": projects,
        "value": value,
        "bands": [
            {"min": minimum, "projects": count}
            for minimum, count in zip(minimums, bands, strict=True)
        ],
        "by_sector": [
            {"code": code, "name_zh": zh, "name_en": en, "projects": count, "value": amount}
            for code, zh, en, count, amount in sectors
        ],
        "published_at": None,
    }


def sce_series() -> Figures:
    """The SCE series over 2020, 2021 and 2022, as ``taizhang bulletin --series`` states it: one
    entry per edition, oldest first, and the total counting each project once.

    2022 reports by a sector classification of its own, so the sector mix has columns that some
    editions leave empty.
    """
    return {
        "series": "SCE",
        "total": {"projects": 233, "value": "735700000000.00"},
        "editions": [
            _edition(
                "SCE2020",
                2020,
                "2020-09-15",
                71,
                "271200000000.00",
                [71, 58, 17, 9],
                [
                    ("IM", "智能制造", "Intelligent manufacturing", 30, "120000000000.00"),
                    ("DE", "数字经济", "Digital economy", 20, "80000000000.00"),
                    ("ST", "科技创新", "Science and technology", 10, "31200000000.00"),
                    ("OT", "其他", "Other", 11, "40000000000.00"),
                ],
            ),
            _edition(
                "SCE2021",
                2021,
                "2021-08-23",
                92,
                "252400000000.00",
                [92, 81, 19, 8],
                [
                    ("IM", "智能制造", "Intelligent manufacturing", 32, "101600000000.00"),
                    ("DE", "数字经济", "Digital economy", 20, "42800000000.00"),
                    ("ST", "科技创新", "Science and technology", 17, "46000000000.00"),
                    ("OT", "其他", "Other", 23, "62000000000.00"),
                ],
            ),
            _edition(
                "SCE2022",
                2022,
                "2022-08-22",
                70,
                "212100000000.00",
                [70, 54, 12, 5],
                [
                    (
                        "NEV",
                        "智能网联新能源汽车",
                        "Smart and connected new-energy vehicles",
                        18,
                        "83300000000.00",
                    ),
                    (
                        "SIT",
                        "软件信息和科技创新",
                        "Software, information and technological innovation",
                        14,
                        "33000000000.00",
                    ),
                    (
                        "EE",
                        "电子及装备（智能制造）",
                        "Electronics and equipment (smart manufacturing)",
                        13,
                        "22400000000.00",
                    ),
                    ("BIO", "生物医药", "Biomedicine", 6, "12800000000.00"),
                    (
                        "OT",
                        "其他（新能源、新材料、股权投资等）",
                        "Other (new energy, new materials, private equity and others)",
                        19,
                        "60600000000.00",
                    ),
                ],
            ),
        ],
    }

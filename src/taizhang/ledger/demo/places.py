"""Where the demo's projects land: regions (by code, loaded by the reference data) and parks.

Region codes are GB/T 2260 codes, or the system's own codes for functional areas such as
Liangjiang New Area (``CQ-LJ``); the demo never creates a region, it looks them up by these codes.
The responsible units and people are invented for the demo.
"""

from __future__ import annotations

from typing import NamedTuple

#: The host region of the city's ceremonies (Chongqing).
CHONGQING = "500000"
#: Liangjiang New Area, host of its own cloud signing and landing place of the Changan park.
LIANGJIANG = "CQ-LJ"


class Landing(NamedTuple):
    """A place in Chongqing projects land in, the unit responsible there, and how often."""

    code: str
    name: str  # Chinese short name used in descriptions
    unit: str  # responsible unit for projects landing here
    area_code: str  # GB/T 2260 code used in project and credit codes
    weight: int


LANDINGS: tuple[Landing, ...] = (
    Landing("CQ-LJ", "两江新区", "两江新区招商投资局", "500112", 14),
    Landing("CQ-KXC", "西部（重庆）科学城", "西部（重庆）科学城管委会招商局", "500106", 6),
    Landing("CQ-JKQ", "重庆经开区", "重庆经开区招商局", "500108", 4),
    Landing("CQ-GXQ", "重庆高新区", "重庆高新区招商投资促进局", "500107", 3),
    Landing("CQ-WS", "万盛经开区", "万盛经开区招商投资促进局", "500110", 2),
    Landing("500112", "渝北区", "渝北区投资促进局", "500112", 5),
    Landing("500113", "巴南区", "巴南区投资促进局", "500113", 4),
    Landing("500106", "沙坪坝区", "沙坪坝区投资促进局", "500106", 3),
    Landing("500107", "九龙坡区", "九龙坡区投资促进局", "500107", 4),
    Landing("500108", "南岸区", "南岸区投资促进局", "500108", 3),
    Landing("500109", "北碚区", "北碚区投资促进局", "500109", 3),
    Landing("500105", "江北区", "江北区投资促进局", "500105", 3),
    Landing("500103", "渝中区", "渝中区投资促进局", "500103", 2),
    Landing("500116", "江津区", "江津区投资促进局", "500116", 4),
    Landing("500117", "合川区", "合川区投资促进局", "500117", 3),
    Landing("500118", "永川区", "永川区投资促进局", "500118", 4),
    Landing("500120", "璧山区", "璧山区投资促进局", "500120", 4),
    Landing("500151", "铜梁区", "铜梁区投资促进局", "500151", 3),
    Landing("500152", "潼南区", "潼南区投资促进局", "500152", 2),
    Landing("500153", "荣昌区", "荣昌区投资促进局", "500153", 3),
    Landing("500101", "万州区", "万州区投资促进局", "500101", 4),
    Landing("500102", "涪陵区", "涪陵区投资促进局", "500102", 4),
    Landing("500115", "长寿区", "长寿区投资促进局", "500115", 3),
    Landing("500110", "綦江区", "綦江区投资促进局", "500110", 2),
    Landing("500111", "大足区", "大足区投资促进局", "500111", 2),
    Landing("500154", "开州区", "开州区投资促进局", "500154", 2),
    Landing("500155", "梁平区", "梁平区投资促进局", "500155", 2),
    Landing("500119", "南川区", "南川区投资促进局", "500119", 2),
    Landing("500230", "丰都县", "丰都县投资促进中心", "500230", 1),
    Landing("500231", "垫江县", "垫江县投资促进中心", "500231", 1),
    Landing("500233", "忠县", "忠县投资促进中心", "500233", 1),
    Landing("500236", "奉节县", "奉节县投资促进中心", "500236", 1),
    Landing("500240", "石柱土家族自治县", "石柱县投资促进中心", "500240", 1),
    Landing("500241", "秀山土家族苗族自治县", "秀山县投资促进中心", "500241", 1),
)
LANDING_BY_CODE = {landing.code: landing for landing in LANDINGS}


class OutsideLanding(NamedTuple):
    """A project of a Chongqing ceremony that lands in another province."""

    code: str
    name: str
    unit: str


#: The provinces SCE 2021 signed projects for besides Chongqing (reported apart, ¥3.2 billion).
OUTSIDE_LANDINGS: tuple[OutsideLanding, ...] = (
    OutsideLanding("520000", "贵州省", "贵州省投资促进局"),
    OutsideLanding("510000", "四川省", "四川省经济合作局"),
    OutsideLanding("530000", "云南省", "云南省投资促进局"),
)


class ParkSpec(NamedTuple):
    """An industrial park, its region and its park head (fictional person, typical post)."""

    key: str
    region: str
    name_zh: str
    name_en: str
    head_title: str
    themes: tuple[str, ...]  # the themes of the projects it hosts


PARKS: tuple[ParkSpec, ...] = (
    ParkSpec(
        "lj-digital",
        "CQ-LJ",
        "两江数字经济产业园",
        "Liangjiang Digital Economy Industrial Park",
        "两江新区管委会副主任",
        ("data", "ai", "iiot", "electronics", "high_services"),
    ),
    ParkSpec(
        "lj-auto",
        "CQ-LJ",
        "两江新能源汽车产业园",
        "Liangjiang New-Energy Vehicle Industrial Park",
        "两江新区经济运行局局长",
        ("vehicle", "energy"),
    ),
    ParkSpec(
        "kxc-tech",
        "CQ-KXC",
        "西部科学城科技创新产业园",
        "Western Science City Technology Innovation Park",
        "西部（重庆）科学城管委会副主任",
        ("science", "ai", "electronics", "equipment"),
    ),
    ParkSpec(
        "banan-bio",
        "500113",
        "巴南生物医药产业园",
        "Banan Biomedicine Industrial Park",
        "巴南区人民政府副区长",
        ("bio",),
    ),
    ParkSpec(
        "bishan-auto",
        "500120",
        "璧山新能源汽车零部件产业园",
        "Bishan NEV Parts Industrial Park",
        "璧山区人民政府副区长",
        ("vehicle", "equipment"),
    ),
    ParkSpec(
        "yongchuan-data",
        "500118",
        "永川大数据产业园",
        "Yongchuan Big Data Industrial Park",
        "永川区人民政府副区长",
        ("data", "ai", "iiot"),
    ),
    ParkSpec(
        "jkq-electronics",
        "CQ-JKQ",
        "经开区电子信息产业园",
        "ETDZ Electronic Information Industrial Park",
        "重庆经开区管委会副主任",
        ("electronics",),
    ),
    ParkSpec(
        "changshou-materials",
        "500115",
        "长寿新材料产业园",
        "Changshou New Materials Industrial Park",
        "长寿区人民政府副区长",
        ("materials", "energy"),
    ),
)

"""Generating plausible, valid ledgers of any number of rows, as .xlsx and as .csv.

A district's ledger as a clerk keeps it: Chinese headers, the contract value in 亿元 (a number
cell in the workbook, with up to four decimals, i.e. to the 万元), regions from the shipped
Chongqing list, every project name unique, most investors signing once and a few groups
signing again and again, sometimes with a co-investor. The same seed gives the same file, so a
figure can be measured again on the same data.

The workbook is written by XlsxWriter in ``constant_memory`` mode and the CSV row by row, so a
million rows are written without holding them.
"""

from __future__ import annotations

import csv
import datetime
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import xlsxwriter

#: Raised when what is written changes, so that cached files of an older generator are not reused.
GENERATOR_VERSION = 1

#: The formats a ledger is generated in (the file's extension).
FORMATS = ("xlsx", "csv")

#: The date of the benchmark's signing ceremony; every row is signed on it.
SIGNING_DATE = datetime.date(2026, 8, 23)

HEADERS = (
    "项目名称",
    "投资方",
    "投资主体类型",
    "合同投资额（亿元）",
    "签约方式",
    "签约日期",
    "落地区县",
    "行业领域",
    "投资方来源地",
    "战略性新兴产业",
    "项目类型",
    "责任单位",
    "责任人",
    "计划开工时间",
    "计划投产时间",
    "建设内容",
)

# Characters of the invented brand names; a row's serial number written in base 100 with them
# makes every investor and project name unique without a digit in it.
_BRAND = (
    "安邦宝博昌辰诚达鼎东方丰福阜高广海瀚和恒泓华辉汇佳嘉建金锦京晶骏凯康科坤蓝力利联隆"
    "茂美铭南鹏普启乾庆瑞润森山盛世泰天通同拓万旺维伟祥新鑫信星兴雄旭亚耀益银英永宇裕元"
    "远跃云泽展兆振正智中众卓"
)
_CITIES = ("重庆", "重庆", "重庆", "成都", "深圳", "上海", "北京", "杭州", "苏州", "广州")
_TRADES = ("科技", "智能", "电子", "新材料", "生物医药", "新能源", "汽车零部件", "数据", "装备")
_FORMS = ("有限公司", "股份有限公司", "集团有限公司")
_PRODUCTS = (
    "集成电路封装测试",
    "新能源汽车零部件",
    "智能终端",
    "工业互联网平台",
    "锂电池材料",
    "生物制药",
    "医疗器械",
    "数据中心",
    "智能网联汽车",
    "光电显示",
    "高端数控机床",
    "功率半导体",
    "氢能装备",
    "跨境电商物流",
    "软件研发",
)
_KINDS = ("生产基地", "产业园", "研发中心", "总部", "扩能", "智能工厂", "运营中心")
_SECTORS = (
    ("智能制造", 30),
    ("数字经济", 20),
    ("科技创新", 15),
    ("生物医药", 8),
    ("新能源汽车", 12),
    ("现代服务业", 7),
    ("其他", 8),
)
_STRATEGIC = (
    ("是", 40),
    ("否", 25),
    ("新一代信息技术产业", 10),
    ("高端装备制造产业", 8),
    ("新材料产业", 7),
    ("新能源汽车产业", 10),
)
_PROJECT_TYPES = (("新建", 55), ("扩建", 20), ("总部", 8), ("研发", 10), ("基金", 2), ("其他", 5))
_MODES = (("线下签约", 60), ("线上签约", 25), ("场外签约", 15))
_TYPES = (("民营", 70), ("国有", 12), ("外资", 6), ("其他", 12))
_DOMESTIC_ORIGINS = (
    ("重庆市", 50),
    ("北京市", 8),
    ("上海市", 8),
    ("广东省", 12),
    ("四川省", 8),
    ("浙江省", 7),
    ("江苏省", 7),
)
_FOREIGN_ORIGINS = ("美国", "德国", "日本", "新加坡", "韩国", "香港特别行政区", "台湾省")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌鹏宇浩"

#: One row in so many names a group that signs again and again, and one in so many has a
#: co-investor (also one of the groups).
_GROUP_EVERY = 20
_CO_INVESTOR_EVERY = 10


@dataclass(frozen=True)
class Investor:
    """An investor as the ledger names it, with the type and origin it is always given."""

    name: str
    type: str
    origin: str


#: The groups that sign many projects; each keeps one type and origin in every row.
GROUPS = (
    Investor("重庆渝富智造集团有限公司", "国有", "重庆市"),
    Investor("重庆两江产业投资集团有限公司", "国有", "重庆市"),
    Investor("重庆川仪智联科技股份有限公司", "国有", "重庆市"),
    Investor("中电信创数字科技有限公司", "国有", "北京市"),
    Investor("华夏新能汽车股份有限公司", "民营", "广东省"),
    Investor("宁川时代新能源科技股份有限公司", "民营", "四川省"),
    Investor("长江云数科技集团有限公司", "民营", "上海市"),
    Investor("博瑞生物医药集团有限公司", "民营", "浙江省"),
    Investor("苏泰精密制造股份有限公司", "民营", "江苏省"),
    Investor("西部数联产业基金管理有限公司", "其他", "重庆市"),
    Investor("新加坡远航物流控股有限公司", "外资", "新加坡"),
    Investor("德美工业技术（中国）有限公司", "外资", "德国"),
    Investor("香港瑞丰投资有限公司", "外资", "香港特别行政区"),
)


def chongqing_regions() -> tuple[str, ...]:
    """The Chinese names of the regions in the shipped Chongqing list (districts, counties,
    new areas and development zones), read from the file the database is loaded from."""
    data = resources.files("taizhang.ledger.reference").joinpath("data", "chongqing.csv")
    with data.open(encoding="utf-8", newline="") as handle:
        return tuple(row["name_zh"] for row in csv.DictReader(handle))


def ledger_path(directory: Path, rows: int, file_format: str) -> Path:
    """Where the ledger of ``rows`` rows in ``file_format`` is kept in ``directory``."""
    return directory / f"ledger-{rows}-g{GENERATOR_VERSION}.{file_format}"


def ensure_ledger(directory: Path, rows: int, file_format: str, *, seed: int = 2026) -> Path:
    """The ledger of ``rows`` rows in ``file_format``, written to ``directory`` unless an
    earlier run left it there (a million-row workbook takes minutes to write)."""
    path = ledger_path(directory, rows, file_format)
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        write_ledger(partial, rows, file_format, seed=seed)
        partial.replace(path)  # a file interrupted half-way is never taken for a whole one
    finally:
        partial.unlink(missing_ok=True)
    return path


def write_ledger(path: Path, rows: int, file_format: str, *, seed: int = 2026) -> None:
    """Write a ledger of ``rows`` projects to ``path`` as ``file_format`` (xlsx or csv)."""
    if file_format == "xlsx":
        _write_xlsx(path, ledger_rows(rows, seed=seed))
    elif file_format == "csv":
        _write_csv(path, ledger_rows(rows, seed=seed))
    else:
        raise ValueError(f"unknown ledger format {file_format!r}: use one of {FORMATS}")


def ledger_rows(count: int, *, seed: int = 2026) -> Iterator[tuple[object, ...]]:
    """``count`` rows of the ledger, in the order of :data:`HEADERS`.

    Amounts are :class:`~decimal.Decimal` in 亿元 and dates :class:`datetime.date`; the
    writers decide how a cell holds them.
    """
    rng = random.Random(seed)
    regions = chongqing_regions()
    for serial in range(count):
        brand = _brand(serial)
        if serial % _GROUP_EVERY == 0:
            lead = GROUPS[rng.randrange(len(GROUPS))]
        else:
            lead = _invented_investor(rng, brand)
        investors = lead.name
        if serial % _CO_INVESTOR_EVERY == 5:
            partner = GROUPS[rng.randrange(len(GROUPS))]
            if partner.name != lead.name:
                investors = f"{lead.name}；{partner.name}"
        region = regions[rng.randrange(len(regions))]
        product = _PRODUCTS[rng.randrange(len(_PRODUCTS))]
        kind = _KINDS[rng.randrange(len(_KINDS))]
        # 500 万元 to 50 亿元, to the 万元: the range of a signing ceremony's projects.
        value = Decimal(rng.randint(500, 500_000)).scaleb(-4).normalize()
        start = SIGNING_DATE + datetime.timedelta(days=rng.randint(30, 300))
        production = start + datetime.timedelta(days=rng.randint(180, 900))
        yield (
            f"{brand}{product}{kind}项目",
            investors,
            lead.type,
            value,
            _weighted(rng, _MODES),
            SIGNING_DATE,
            region,
            _weighted(rng, _SECTORS),
            lead.origin,
            _weighted(rng, _STRATEGIC),
            _weighted(rng, _PROJECT_TYPES),
            f"{region}招商投资促进局",
            _SURNAMES[rng.randrange(len(_SURNAMES))] + _GIVEN[rng.randrange(len(_GIVEN))],
            start,
            production,
            f"建设{product}生产线{rng.randint(2, 40)}条，达产后年产值约{rng.randint(1, 80)}亿元",
        )


def _brand(serial: int) -> str:
    """Three or more characters of :data:`_BRAND` naming ``serial`` in base len(_BRAND)."""
    base = len(_BRAND)
    letters = []
    for _position in range(3):
        serial, digit = divmod(serial, base)
        letters.append(_BRAND[digit])
    while serial:
        serial, digit = divmod(serial, base)
        letters.append(_BRAND[digit])
    return "".join(letters)


def _invented_investor(rng: random.Random, brand: str) -> Investor:
    investor_type = _weighted(rng, _TYPES)
    if investor_type == "外资":
        origin = _FOREIGN_ORIGINS[rng.randrange(len(_FOREIGN_ORIGINS))]
        return Investor(f"{origin[:2]}{brand}控股有限公司", investor_type, origin)
    city = _CITIES[rng.randrange(len(_CITIES))]
    trade = _TRADES[rng.randrange(len(_TRADES))]
    form = _FORMS[rng.randrange(len(_FORMS))]
    return Investor(f"{city}{brand}{trade}{form}", investor_type, _weighted(rng, _DOMESTIC_ORIGINS))


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _weight in choices], [w for _v, w in choices])[0]


def _write_xlsx(path: Path, rows: Iterator[tuple[object, ...]]) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet("台账")
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, HEADERS, bold)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(number, column, value, date_format)
                elif isinstance(value, Decimal):
                    sheet.write_number(number, column, value)
                else:
                    sheet.write_string(number, column, value)
    finally:
        workbook.close()


def _write_csv(path: Path, rows: Iterator[tuple[object, ...]]) -> None:
    # UTF-8 with a BOM and CRLF: what Excel and WPS write when a clerk saves a ledger as CSV.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")  # 12.3456 and 10, never 1E+1
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value

"""The words a bulletin document uses in English and in Chinese: labels, headers, dates, names.

A bulletin is written in the language asked for (``--lang``), whatever language the person
running the command reads, and its Chinese is written as Chinese, not translated from the
English; so its words sit here in one table per language instead of going through gettext,
as the ledger export's closed vocabularies do (:mod:`taizhang.ledger.exporting.words`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from taizhang.ledger.exporting.words import language_of

__all__ = ["LANGUAGES", "date_text", "label", "language_of", "moment_text", "name_of"]

#: Languages a bulletin is rendered in.
LANGUAGES = ("en", "zh")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Chinese)
    "title": ("Signed projects: {event}", "{event}签约项目情况"),
    "published": ("Figures as published on {date}{by}.", "以上数据于{date}{by}发布。"),
    "published_by": (" by {name}", "由{name}"),
    "correction": ("Correction: {reason}", "更正说明：{reason}"),
    "changed_since": (
        "Since it was published, the ledger has changed: {changes}. These figures are as "
        "published.",
        "发布后台账已有变动：{changes}。以上为发布时的数据。",
    ),
    "change_withdrawn": ("{count} withdrawn ({names})", "撤销项目{count}个（{names}）"),
    "change_amended": ("{count} amended ({names})", "修改项目{count}个（{names}）"),
    "change_added": ("{count} added ({names})", "新增项目{count}个（{names}）"),
    "change_removed": (
        "{count} no longer announced at the event ({names})",
        "不再列入本活动的项目{count}个（{names}）",
    ),
    "and_more": ("{names} and {count} more", "{names}等"),
    "summary": ("Summary", "总体情况"),
    "by_mode": ("By signing mode", "按签约方式"),
    "bands": ("By project size", "按项目规模"),
    "by_sector": ("By sector", "按行业领域"),
    "by_investor_type": ("By investor type", "按投资主体"),
    "by_region": ("By region", "按落地区域"),
    "strategic_emerging": ("Strategic emerging industries", "战略性新兴产业"),
    "outside_host": (
        "Projects landing outside the host (reported apart)",
        "落地区域外项目（单列）",
    ),
    "figures": ("Figures", "数据"),
    "fortune_global_500": ("Fortune Global 500 investors", "世界500强企业投资"),
    "highlights": (
        "Strategic emerging industries and Fortune Global 500 investors",
        "战略性新兴产业和世界500强企业投资",
    ),
    "strategic_emerging_categories": (
        "By strategic emerging industry",
        "按战略性新兴产业分类",
    ),
    "by_chain": ("By industry chain", "按产业链"),
    "by_park": ("By industrial park", "按园区"),
    "by_origin": ("By investor origin", "按投资来源地"),
    "strategic_emerging_category": ("Strategic emerging industry", "战略性新兴产业"),
    "chain": ("Industry chain", "产业链"),
    "park": ("Industrial park", "园区"),
    "origin": ("Investor origin", "投资来源地"),
    "mode": ("Signing mode", "签约方式"),
    "band": ("Project value", "项目规模"),
    "sector": ("Sector", "行业领域"),
    "investor_type": ("Investor type", "投资主体"),
    "region": ("Region", "区域"),
    "code": ("Code", "代码"),
    "item": ("Item", "项目"),
    "projects": ("Projects", "项目数（个）"),
    "value": ("Value (¥ billion)", "金额（亿元）"),
    "value_usd": ("Value (US$ billion)", "金额（亿美元）"),
    "share_of_projects": ("Share of projects", "项目数占比"),
    "share_of_value": ("Share of value", "金额占比"),
    "previous": ("Previous edition", "上届"),
    "change": ("Change", "增减"),
    "total": ("Total", "合计"),
    "live": ("Live at the venue", "现场签约"),
    "offline": ("of which in the hall", "其中：线下签约"),
    "online": ("of which online", "其中：线上签约"),
    "offsite": ("Off-site", "场外签约"),
    "at_least": ("{amount} or more", "{amount}以上"),
    "none": ("None", "无"),
    "event": ("Event", "签约活动"),
    "date": ("Date", "日期"),
    "edition": ("Edition", "届次"),
    "previous_edition": ("Previous edition", "上届"),
    "state": ("State-owned", "国有企业"),
    "private": ("Private", "民营企业"),
    "foreign": ("Foreign (incl. Hong Kong, Macao, Taiwan)", "外资企业（含港澳台）"),
    "other": ("Other", "其他"),
    "chart_sector": ("Value by sector", "各行业领域签约金额"),
    "chart_investor_type": ("Value by investor type", "各类投资主体签约金额"),
    "chart_bands": ("Projects by value", "各规模项目数"),
    "this_edition": ("This edition", "本届"),
    "unit_value": ("¥ billion", "亿元"),
    "unit_projects": ("projects", "个"),
    "series_title": ("{series}: signed projects by edition", "{series}历届签约项目情况"),
    "editions": ("Editions", "历届"),
    "sector_mix": ("Sector mix (¥ billion)", "行业领域构成（亿元）"),
    "chart_series_value": ("Value by edition", "历届签约金额"),
    "chart_series_projects": ("Projects by edition", "历届签约项目数"),
    "chart_series_bands": ("Projects by value, by edition", "历届各规模项目数"),
    "chart_series_sectors": ("Sector mix by edition", "历届行业领域构成"),
    "value_yuan": ("Value (yuan)", "金额（元）"),
    "minimum_yuan": ("At least (yuan)", "下限（元）"),
    "text": ("Text", "文字稿"),
    # Worksheet names: at most 31 characters, none of []:*?/\
    "sheet_summary": ("Summary", "总体情况"),
    "sheet_modes": ("Signing modes", "签约方式"),
    "sheet_bands": ("Project size", "项目规模"),
    "sheet_sectors": ("Sectors", "行业领域"),
    "sheet_investor_types": ("Investor types", "投资主体"),
    "sheet_regions": ("Regions", "落地区域"),
    "sheet_outside_host": ("Outside host", "区域外项目"),
    "sheet_text": ("Text", "文字稿"),
    "sheet_strategic_emerging_categories": ("Strategic emerging", "战略性新兴产业"),
    "sheet_by_chain": ("Industry chains", "产业链"),
    "sheet_by_park": ("Industrial parks", "园区"),
    "sheet_by_origin": ("Investor origin", "投资来源地"),
    "sheet_editions": ("Editions", "历届情况"),
    "sheet_sector_mix": ("Sector mix", "行业领域构成"),
}


def label(key: str, language: str, **fields: object) -> str:
    """The label ``key`` in ``language`` (``en`` or ``zh``), with ``fields`` filled in."""
    english, chinese = _LABELS[key]
    text = chinese if language_of(language) == "zh" else english
    return text.format(**fields) if fields else text


def name_of(item: Mapping[str, Any], language: str) -> str:
    """The name of a thing in ``language``: its ``name_zh``/``name_en`` when the figures carry
    them, else ``name`` (whatever language the figures were made in), else its code."""
    own = item.get(f"name_{language_of(language)}")
    return own or item.get("name") or item.get("name_zh") or item.get("name_en") or item["code"]


def date_text(date: datetime.date, language: str) -> str:
    """``23 August 2021`` in English, ``2021年8月23日`` in Chinese."""
    if language_of(language) == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def moment_text(moment: datetime.date, language: str) -> str:
    """A date, or a date and time: ``25 August 2021, 10:30`` / ``2021年8月25日10:30``."""
    day = date_text(moment, language)
    if not isinstance(moment, datetime.datetime):
        return day
    separator = "" if language_of(language) == "zh" else ", "
    return f"{day}{separator}{moment:%H:%M}"

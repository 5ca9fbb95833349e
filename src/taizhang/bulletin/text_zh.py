"""A bulletin in Chinese, written the way the bureau's own releases are, not translated.

金额以亿元计、最多保留一位小数（2524亿元、3.2亿元），不足1亿元的以万元计（3000万元）；
占比为占签约总额的比重，取整数百分比。没有项目的类别不写“0个”，而是略去或写“无”。
"""

from __future__ import annotations

from taizhang.bulletin.amounts import BILLION, threshold_zh, usd_zh, yuan_zh
from taizhang.bulletin.view import MODES, Band, Bulletin, Part
from taizhang.bulletin.wording import date_text

#: The bands the text states beside the minimum size (10亿元以上、50亿元以上).
STATED_BANDS = (BILLION, 5 * BILLION)
#: How many outside regions a sentence names before it ends with 等地.
NAMED_REGIONS = 4

_INVESTOR_TYPES = {
    "state": "国有企业",
    "private": "民营企业",
    "foreign": "外资企业",
    "other": "其他投资主体",
}


def opening(bulletin: Bulletin) -> str:
    """举行时间、签约项目总数和合同投资额（有汇率时附美元数）。"""
    held = f"{bulletin.name}于{date_text(bulletin.date, 'zh')}举行"
    if not bulletin.projects:
        return f"{held}，无签约项目。"
    usd = f"（约合{usd_zh(bulletin.value_usd)}）" if bulletin.value_usd is not None else ""
    return f"{held}，共签约项目{bulletin.projects}个，合同投资额{yuan_zh(bulletin.value)}{usd}。"


def modes(bulletin: Bulletin) -> str:
    """现场签约（含线下、线上）与场外签约。"""
    live, offline, online, offsite = (bulletin.modes[mode] for mode in MODES)
    if not bulletin.projects:
        return ""
    all_of_them = "该项目为" if bulletin.projects == 1 else "项目均为"
    if offsite.projects == bulletin.projects:
        return f"{all_of_them}场外签约。"
    if offline.projects == bulletin.projects:
        return f"{all_of_them}线下现场签约。"
    if online.projects == bulletin.projects:
        return f"{all_of_them}线上签约。"
    split = (
        f"线下签约{offline.projects}个、{yuan_zh(offline.value)}，"
        f"线上签约{online.projects}个、{yuan_zh(online.value)}"
    )
    if not offsite.projects:
        return f"项目均为现场签约，其中{split}。"
    if offline.projects and online.projects:
        detail = f"（{split}）"
    else:
        detail = "（均为线下签约）" if offline.projects else "（均为线上签约）"
    return (
        f"其中，现场签约项目{live.projects}个、金额{yuan_zh(live.value)}{detail}，"
        f"场外签约项目{offsite.projects}个、金额{yuan_zh(offsite.value)}。"
    )


def _change(band: Band) -> str:
    if band.change is None:
        return ""
    if band.change == 0:
        return "，与上届持平"
    return f"，较上届{'增加' if band.change > 0 else '减少'}{abs(band.change)}个"


def _band_clause(band: Band) -> str:
    threshold = threshold_zh(band.minimum)
    if not band.projects:
        return f"无{threshold}以上项目{_change(band)}"
    return f"{threshold}以上项目{band.projects}个{_change(band)}"


def sizes(bulletin: Bulletin) -> str:
    """项目规模：均在多少亿元以上，10亿元、50亿元以上项目数及较上届增减。"""
    if not bulletin.projects:
        return ""
    floor = bulletin.minimum_band
    stated = [
        band
        for band in bulletin.bands
        if band.minimum in STATED_BANDS and (floor is None or band.minimum > floor.minimum)
    ]
    counts = "；".join(_band_clause(band) for band in stated)
    if floor is None:
        return f"签约项目中，{counts}。" if counts else ""
    minimum = f"签约项目均在{threshold_zh(floor.minimum)}以上"
    return f"{minimum}，其中{counts}。" if counts else f"{minimum}。"


def _breakdown(lead: str, parts: list[Part], names: dict[str, str] | None = None) -> str:
    listed = []
    for part in (part for part in parts if part.projects):
        share = f"占总额的{part.percent_of_value}%" if not listed else f"占{part.percent_of_value}%"
        name = names[part.key] if names else part.name
        listed.append(f"{name}项目{part.projects}个、{yuan_zh(part.value)}，{share}")
    return f"{lead}，{'；'.join(listed)}。" if listed else ""


def sectors(bulletin: Bulletin) -> str:
    """从行业领域看：各领域项目数、金额及占总额比重。"""
    return _breakdown("从行业领域看", bulletin.sectors)


def investor_types(bulletin: Bulletin) -> str:
    """从投资主体看：各类投资主体项目数、金额及占总额比重。"""
    return _breakdown("从投资主体看", bulletin.investor_types, _INVESTOR_TYPES)


def strategic_emerging(bulletin: Bulletin) -> str:
    """战略性新兴产业项目，分别写明占项目数和占金额的比重。"""
    part = bulletin.strategic_emerging
    if part is None or not part.projects:
        return ""
    return (
        f"战略性新兴产业项目{part.projects}个、金额{yuan_zh(part.value)}，"
        f"分别占项目总数的{part.percent_of_projects}%和签约总额的{part.percent_of_value}%。"
    )


def fortune_global_500(bulletin: Bulletin) -> str:
    """世界500强企业投资的项目数、金额及企业家数。"""
    part = bulletin.fortune_global_500
    if part is None or not part.projects:
        return ""
    companies = bulletin.fortune_global_500_investors
    who = f"{companies}家世界500强企业" if companies else "世界500强企业"
    return f"{who}投资项目{part.projects}个、金额{yuan_zh(part.value)}。"


def outside_host(bulletin: Bulletin) -> str:
    """落地主办地以外的项目，单列，不计入上述数据。"""
    part = bulletin.outside
    if not part.projects:
        return ""
    regions = [region.name for region in bulletin.outside_regions if region.projects]
    if len(regions) > NAMED_REGIONS:
        where = "、".join(regions[:NAMED_REGIONS]) + "等地"
    else:
        where = "、".join(regions) or "主办地以外"
    return (
        f"此外，本次活动还签约落地{where}的项目{part.projects}个、金额{yuan_zh(part.value)}，"
        "单独统计，不计入上述数据。"
    )


def paragraphs(bulletin: Bulletin) -> list[str]:
    """分段：总体及签约方式、项目规模；行业领域、投资主体、战略性新兴产业；区域外项目。"""
    groups = [
        [opening(bulletin), modes(bulletin), sizes(bulletin)],
        [
            sectors(bulletin),
            investor_types(bulletin),
            strategic_emerging(bulletin),
            fortune_global_500(bulletin),
        ],
        [outside_host(bulletin)],
    ]
    return ["".join(group) for group in groups if any(group)]

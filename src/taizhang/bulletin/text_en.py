"""A bulletin in English, in sentences a press officer can paste.

Amounts in billions of yuan with one decimal (millions under ¥1 billion), US$ with two; shares
of value in whole percent. Zero counts are left out rather than stated as "0 projects", and a
single project is a project.
"""

from __future__ import annotations

from taizhang.bulletin.amounts import BILLION, threshold_en, usd_en, yuan_en
from taizhang.bulletin.view import MODES, Band, Bulletin, Part
from taizhang.bulletin.wording import date_text

#: The bands the text states beside the minimum size, as the bureau's releases do.
STATED_BANDS = (BILLION, 5 * BILLION)
#: How many outside regions a sentence names before it says "and N other regions".
NAMED_REGIONS = 4

_INVESTOR_TYPES = {
    "state": "state-owned enterprises",
    "private": "private enterprises",
    "foreign": "foreign-invested enterprises (including Hong Kong, Macao and Taiwan)",
    "other": "other investors",
}


def _projects(count: int) -> str:
    return f"{count:,} project" if count == 1 else f"{count:,} projects"


def _projects_first(count: int) -> str:
    """At the start of a sentence "One project", as a writer would not open with "1"."""
    return "One project" if count == 1 else _projects(count)


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _common_noun(name: str) -> str:
    """ "Intelligent manufacturing" → "intelligent manufacturing" mid-sentence; "AI" stays."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _listed(names: list[str]) -> str:
    if len(names) > NAMED_REGIONS:
        rest = len(names) - (NAMED_REGIONS - 1)
        names = [*names[: NAMED_REGIONS - 1], f"{rest} other regions"]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def opening(bulletin: Bulletin) -> str:
    """The total count and value at the event, with US$ when the event states a rate."""
    if not bulletin.projects:
        return f"No projects were signed at the {bulletin.name} on {_date(bulletin)}."
    usd = f" ({usd_en(bulletin.value_usd)})" if bulletin.value_usd is not None else ""
    return (
        f"At the {bulletin.name} on {_date(bulletin)}, {_projects(bulletin.projects)} "
        f"{_were(bulletin.projects)} signed with a total contract value of "
        f"{yuan_en(bulletin.value)}{usd}."
    )


def _date(bulletin: Bulletin) -> str:
    return date_text(bulletin.date, "en")


def modes(bulletin: Bulletin) -> str:
    """Live (in the hall and online) against off-site."""
    live, offline, online, offsite = (bulletin.modes[mode] for mode in MODES)
    if not bulletin.projects:
        return ""
    all_of_them = "It was" if bulletin.projects == 1 else "All of them were"
    if offsite.projects == bulletin.projects:
        return f"{all_of_them} signed off-site."
    both = bool(offline.projects and online.projects)
    where = "at the venue" if both else "in the hall" if offline.projects else "online"
    split = (
        f"{offline.projects:,} in the hall ({yuan_en(offline.value)}) and "
        f"{online.projects:,} online ({yuan_en(online.value)})"
        if both
        else ""
    )
    if not offsite.projects:
        return f"{all_of_them} signed live {where}" + (f": {split}." if split else ".")
    signed_live = (
        f"{_projects_first(live.projects)} worth {yuan_en(live.value)} {_were(live.projects)} "
        f"signed live {where}"
    )
    if split:
        signed_live += f" — {split} —"
    return (
        f"{signed_live} and {_projects(offsite.projects)} worth {yuan_en(offsite.value)} "
        f"{_were(offsite.projects)} signed off-site."
    )


def _change(band: Band, first: bool) -> str:
    if band.change is None:
        return ""
    if band.change == 0:
        return ", the same number as at the previous edition" if first else ", the same as before"
    word = "more" if band.change > 0 else "fewer"
    tail = " than at the previous edition" if first else ""
    return f", {abs(band.change):,} {word}{tail}"


def _band_clause(band: Band, first: bool, as_subject: bool) -> str:
    threshold = threshold_en(band.minimum)
    if band.projects == 0:
        subject = "no project" if as_subject else "none"
    elif as_subject:
        subject = _projects_first(band.projects)
    else:
        subject = f"{band.projects:,}"
    verb = "was" if band.projects <= 1 else "were"
    return f"{subject} {verb} worth {threshold} or more{_change(band, first)}"


def sizes(bulletin: Bulletin) -> str:
    """The minimum project size, and the counts of ¥1 and ¥5 billion or more with their change."""
    if not bulletin.projects:
        return ""
    floor = bulletin.minimum_band
    stated = [
        band
        for band in bulletin.bands
        if band.minimum in STATED_BANDS and (floor is None or band.minimum > floor.minimum)
    ]
    clauses = [
        _band_clause(band, first=index == 0, as_subject=floor is None and index == 0)
        for index, band in enumerate(stated)
    ]
    joiner = ", and " if any(band.change is not None for band in stated) else " and "
    counts = joiner.join(clauses)
    if floor is None:
        return _capitalised(counts) + "." if counts else ""
    every = "The project was" if bulletin.projects == 1 else "Every project was"
    minimum = f"{every} worth at least {threshold_en(floor.minimum)}"
    return f"{minimum}; {counts}." if counts else f"{minimum}."


def _breakdown(title: str, parts: list[Part], names: dict[str, str] | None = None) -> str:
    listed = [
        f"{names[part.key] if names else _common_noun(part.name)}, {_projects(part.projects)} "
        f"worth {yuan_en(part.value)} ({part.percent_of_value}%)"
        for part in parts
        if part.projects
    ]
    return f"{title} (shares of total value): {'; '.join(listed)}." if listed else ""


def sectors(bulletin: Bulletin) -> str:
    """Each sector with projects: count, value and share of value."""
    return _breakdown("By sector", bulletin.sectors)


def investor_types(bulletin: Bulletin) -> str:
    """Each investor type with projects: count, value and share of value."""
    return _breakdown("By investor", bulletin.investor_types, _INVESTOR_TYPES)


def strategic_emerging(bulletin: Bulletin) -> str:
    """Projects of strategic emerging industries, with both shares, each named."""
    part = bulletin.strategic_emerging
    if part is None or not part.projects:
        return ""
    return (
        f"{_projects_first(part.projects)} worth {yuan_en(part.value)} "
        f"{'is' if part.projects == 1 else 'are'} in strategic emerging industries: "
        f"{part.percent_of_projects}% of the projects by number and "
        f"{part.percent_of_value}% of the total value."
    )


def fortune_global_500(bulletin: Bulletin) -> str:
    """Projects of Fortune Global 500 investors, and how many such companies invested."""
    part = bulletin.fortune_global_500
    if part is None or not part.projects:
        return ""
    companies = bulletin.fortune_global_500_investors
    who = (
        f"{companies:,} Fortune Global 500 compan{'y' if companies == 1 else 'ies'}"
        if companies
        else "Fortune Global 500 companies"
    )
    return (
        f"{_capitalised(who)} invested in {_projects(part.projects)} worth {yuan_en(part.value)}."
    )


def outside_host(bulletin: Bulletin) -> str:
    """Projects landing outside the host, which the figures above leave out."""
    part = bulletin.outside
    if not part.projects:
        return ""
    regions = [region.name for region in bulletin.outside_regions if region.projects]
    where = f"landing in {_listed(regions)}" if regions else "landing outside the host region"
    pronoun = "it is" if part.projects == 1 else "they are"
    return (
        f"In addition, {_projects(part.projects)} worth {yuan_en(part.value)} {where} "
        f"{_were(part.projects)} signed at the ceremony; {pronoun} reported separately and "
        "not included in the figures above."
    )


def paragraphs(bulletin: Bulletin) -> list[str]:
    """The bulletin as paragraphs: the totals and their split, the breakdowns, the rest."""
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
    return [" ".join(s for s in group if s) for group in groups if any(group)]

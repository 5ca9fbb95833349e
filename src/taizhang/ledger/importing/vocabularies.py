"""The closed vocabularies of a ledger: investor type, signing mode, project type, strategic
emerging industry, and the list of investors.

Each accepts the canonical English value, the Chinese words ledgers use, and common variants,
in any case, with or without spaces and hyphens. Decisions beyond the ledger format's lists:

- 中外合资 and 中外合作 (Sino-foreign joint ventures) are foreign, as China's statistics count
  them among foreign-invested enterprises; 港资, 澳资, 台资 are foreign like 港澳台.
- 混合所有制, 集体 and the like are not guessed at: they are errors, so the bureau decides.
- "live" is refused as a signing mode: in a bulletin it is offline and online together.
- The strategic emerging column takes yes/no (是/否, Y/N, true/false, √/×, 1/0, a TRUE/FALSE
  cell) or one of the nine NBS categories by name, with or without 产业 / "industry".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.importing.cells import cell_text, is_blank, quote, word_key
from taizhang.ledger.importing.problems import CellError
from taizhang.ledger.models.investors import InvestorType
from taizhang.ledger.models.projects import ProjectType, SigningMode
from taizhang.ledger.normalise import normalise_name
from taizhang.ledger.reference.industries import strategic_emerging_categories

# How many spellings, as written, a vocabulary remembers the meaning of.
_SEEN_LIMIT = 4096


class Vocabulary:
    """A closed list of values, each with the words that name it.

    ``parse`` is a dictionary lookup on the cell's :func:`~.cells.word_key`, so it stays cheap
    over a million rows. ``unknown`` is the lazy message for a value that is none of them, with
    a ``{value}`` placeholder; it lists the accepted values in the reader's language.
    """

    def __init__(self, words: Mapping[str, Iterable[str]], unknown: Promise) -> None:
        self._codes: dict[str, str] = {}
        for code, names in words.items():
            for name in (code, *names):
                key = word_key(name)
                if self._codes.setdefault(key, code) != code:
                    raise ValueError(f"{name!r} would mean both {self._codes[key]} and {code}")
        self._unknown = unknown
        self._seen: dict[str, str] = {}

    def get(self, value: object) -> str | None:
        """The value ``value`` names, or None."""
        if not isinstance(value, str):
            return None
        code = self._seen.get(value)
        if code is None:
            code = self._codes.get(word_key(value))
            # A column repeats a handful of spellings a million times: remember them as written.
            if code is not None and len(self._seen) < _SEEN_LIMIT:
                self._seen[value] = code
        return code

    def parse(self, value: object) -> str:
        """The value ``value`` names; raises :class:`CellError` listing the accepted ones."""
        code = self.get(value)
        if code is None:
            raise CellError(format_lazy(self._unknown, value=quote(value)), value)
        return code


INVESTOR_TYPES = Vocabulary(
    {
        InvestorType.STATE: [
            "state-owned", "state owned", "SOE", "SOEs", "state-owned enterprise",
            "国有", "国企", "央企", "国有企业", "市属国企", "区属国企", "省属国企", "地方国企",
            "中央企业", "国有控股", "国有独资",
        ],
        InvestorType.PRIVATE: [
            "private-owned", "privately owned", "private enterprise", "private company",
            "民营", "民企", "私营", "民营企业", "私营企业", "民营控股",
        ],
        InvestorType.FOREIGN: [
            "foreign-owned", "foreign-invested", "foreign enterprise", "foreign company",
            "外资", "外企", "外商", "港澳台", "外商独资", "外资企业", "外商投资", "外商投资企业",
            "中外合资", "中外合作", "港资", "澳资", "台资", "港澳台资",
        ],
        InvestorType.OTHER: ["others", "其他", "其它"],
    },
    _('“{value}” is not an investor type: use state, private, foreign or other.'),
)  # fmt: skip

SIGNING_MODES = Vocabulary(
    {
        SigningMode.OFFLINE: [
            "in the hall", "in-hall", "in person", "on-site", "on site",
            "线下", "线下签约", "现场签约", "现场", "现场线下签约",
        ],
        SigningMode.ONLINE: [
            "cloud", "cloud signing", "video", "video link", "live video", "remote",
            "线上", "线上签约", "云签约", "视频签约", "连线签约", "视频连线签约", "网上签约",
            "远程签约", "远程视频签约",
        ],
        SigningMode.OFFSITE: ["off-site", "off site", "off-site signing", "场外", "场外签约"],
    },
    _(
        '“{value}” is not a signing mode: use offline (in the hall), online (over a video '
        "link) or offsite."
    ),
)  # fmt: skip

PROJECT_TYPES = Vocabulary(
    {
        ProjectType.NEW: ["new project", "new build", "greenfield", "新建", "新建项目", "新上"],
        ProjectType.EXPANSION: [
            "extension", "expand", "expansion project",
            "扩建", "扩建项目", "改扩建", "扩产", "增资扩产",
        ],
        ProjectType.HEADQUARTERS: [
            "HQ", "head office", "regional headquarters",
            "总部", "总部项目", "总部经济", "区域总部", "地区总部",
        ],
        ProjectType.RD: [
            "R & D", "RD", "research and development", "R&D centre", "R&D center",
            "研发", "研发中心", "研发项目",
        ],
        ProjectType.FUND: ["investment fund", "基金", "基金项目", "产业基金"],
        ProjectType.OTHER: ["others", "其他", "其它"],
    },
    _(
        '“{value}” is not a project type: use new, expansion, headquarters, r&d, fund or '
        "other."
    ),
)  # fmt: skip

# A row's mode is one of them; "live" (现场直播) in a bulletin is offline and online together.
_LIVE = frozenset(word_key(word) for word in ["live", "live signing", "直播"])


def parse_investor_type(value: object) -> str:
    """The lead investor's type: ``state``, ``private``, ``foreign`` or ``other``."""
    return INVESTOR_TYPES.parse(value)


def parse_signing_mode(value: object) -> str:
    """How the project was signed: ``offline`` (in the hall), ``online`` or ``offsite``."""
    code = SIGNING_MODES.get(value)
    if code is not None:
        return code
    if isinstance(value, str) and word_key(value) in _LIVE:
        raise CellError(
            format_lazy(
                _(
                    "“{value}” covers both offline and online signing: write offline if the "
                    "project was signed in the hall, online if over a video link."
                ),
                value=quote(value),
            ),
            value,
        )
    return SIGNING_MODES.parse(value)


def parse_project_type(value: object) -> str:
    """The project type: ``new``, ``expansion``, ``headquarters``, ``r&d``, ``fund``, ``other``."""
    return PROJECT_TYPES.parse(value)


# --- Strategic emerging industries ------------------------------------------------------

_YES = frozenset(word_key(w) for w in ["yes", "y", "true", "1", "是", "√", "✓", "✔"])
_NO = frozenset(word_key(w) for w in ["no", "n", "false", "0", "否", "不是", "×", "✗", "✘"])

# Names beyond those of the classification file, by category code.
_CATEGORY_VARIANTS: dict[str, list[str]] = {
    "1": [
        "新一代信息技术",
        "new generation information technology",
        "next generation information technology",
        "new generation IT",
        "next generation IT",
    ],
    "2": ["高端装备", "high-end equipment", "advanced equipment manufacturing"],
    "3": ["new material", "advanced materials"],
    "4": ["biotech", "bio", "biology", "biological", "bio-industry"],
    "5": ["new energy vehicle", "NEV", "NEVs"],
    "6": [],
    "7": [
        "energy saving and environmental protection",
        "energy-saving and environmental protection",
    ],
    "8": ["digital creative"],
    "9": ["相关服务", "related service"],
}
# "新材料产业" and "新材料", "Biotechnology industry" and "Biotechnology" are one category.
_CATEGORY_SUFFIX = re.compile(r"(?:产业|industry|industries|sector)$")


def _category_key(text: str) -> str:
    return _CATEGORY_SUFFIX.sub("", word_key(text).replace("&", "and"))


def _category_codes() -> tuple[dict[str, str], list[tuple[str, str]]]:
    codes: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    for row in strategic_emerging_categories():
        names.append((row.name_zh, row.name_en))
        for name in (row.name_zh, row.name_en, *_CATEGORY_VARIANTS[row.code]):
            codes[_category_key(name)] = row.code
    return codes, names


_CATEGORY_CODES, _CATEGORY_NAMES = _category_codes()


def _category_list() -> str:
    """The nine categories' names in the active language, for a message."""
    if (get_language() or "").startswith("zh"):
        return "、".join(zh for zh, _en in _CATEGORY_NAMES)
    return "; ".join(en for _zh, en in _CATEGORY_NAMES)


_category_list_lazy = lazy(_category_list, str)


def parse_strategic_emerging(value: object) -> tuple[bool, str | None]:
    """Whether the project is of a strategic emerging industry, and its NBS category code.

    ``是`` → (True, None); ``否`` → (False, None); ``新材料产业`` or ``New materials`` →
    (True, "3"). The code is the category's within the NBS 2018 scheme.
    """
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1, None
    if isinstance(value, str):
        key = word_key(value)
        if key in _YES:
            return True, None
        if key in _NO:
            return False, None
        code = _CATEGORY_CODES.get(_category_key(value))
        if code is not None:
            return True, code
    raise CellError(
        format_lazy(
            _(
                "“{value}” is neither yes nor no, nor a strategic emerging industry: write yes "
                "or no, or one of the nine categories: {categories}."
            ),
            value=quote(value),
            categories=_category_list_lazy(),
        ),
        value,
    )


# --- Investors ------------------------------------------------------------------------

#: The longest investor name the ledger stores.
INVESTOR_NAME_LIMIT = 200
# ";" and "；" and "、" separate investors, as does a line break inside the cell (Alt+Enter).
_INVESTOR_SEPARATOR = re.compile(r"[;；、]|\r?\n")


def split_investors(value: object) -> list[str]:
    """The investors a cell names, in order; the first is the lead investor.

    Each name is kept as written, without surrounding spaces. An empty name (two separators in
    a row, or one at either end), a name given twice, or a name too long to store is an error.
    """
    return investor_names(value)[0]


def investor_names(value: object) -> tuple[list[str], list[str]]:
    """:func:`split_investors`, with each name's matching key (:func:`normalise_name`) beside it.

    The keys are what tells two names apart here and what the importer matches investors by,
    so they are worked out once.
    """
    if is_blank(value):
        raise CellError(_("The investor is empty: name at least the lead investor."), "")
    text = value if isinstance(value, str) else cell_text(value)  # 360 is a company too
    # Most cells name one investor: no separator, so no empty or repeated name to look for.
    if not ("\n" in text or "；" in text or ";" in text or "、" in text):
        name = text.strip()
        if name and len(name) <= INVESTOR_NAME_LIMIT:
            return [name], [normalise_name(name)]
    names = [name.strip() for name in _INVESTOR_SEPARATOR.split(text)]
    keys: list[str] = []
    seen: dict[str, str] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            raise CellError(
                format_lazy(
                    _(
                        "“{value}” has no name in place {position}: remove the extra "
                        "separator (; ； or 、)."
                    ),
                    value=quote(value),
                    position=position,
                ),
                value,
            )
        if len(name) > INVESTOR_NAME_LIMIT:
            raise CellError(
                format_lazy(
                    _("The investor name “{name}” is longer than {limit} characters."),
                    name=quote(name),
                    limit=INVESTOR_NAME_LIMIT,
                ),
                value,
            )
        key = normalise_name(name)
        if key in seen:
            raise CellError(
                format_lazy(
                    _("“{value}” names the investor “{name}” twice: name each investor once."),
                    value=quote(value),
                    name=seen[key],
                ),
                value,
            )
        seen[key] = name
        keys.append(key)
    return names, keys

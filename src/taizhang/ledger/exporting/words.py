"""The words an exported ledger writes for its closed vocabularies, in English or Chinese.

Each word is one that ``taizhang import-ledger`` reads back as the same value
(:mod:`taizhang.ledger.importing.vocabularies`; a test holds the two together): English files
write the stored keys (``state``, ``offline``, ``r&d``), Chinese files the words Chinese ledgers
use (国有, 线下签约, 研发). The template's drop-down lists offer the same words.
"""

from __future__ import annotations

from taizhang.ledger.models import InvestorType, ProjectType, SigningMode
from taizhang.ledger.reference.industries import strategic_emerging_categories

#: Languages an export is written in: English, or (simplified) Chinese.
LANGUAGES = ("en", "zh")

_INVESTOR_TYPES_ZH = {
    InvestorType.STATE: "国有",
    InvestorType.PRIVATE: "民营",
    InvestorType.FOREIGN: "外资",
    InvestorType.OTHER: "其他",
}
_SIGNING_MODES_ZH = {
    SigningMode.OFFLINE: "线下签约",
    SigningMode.ONLINE: "线上签约",
    SigningMode.OFFSITE: "场外签约",
}
_PROJECT_TYPES_ZH = {
    ProjectType.NEW: "新建",
    ProjectType.EXPANSION: "扩建",
    ProjectType.HEADQUARTERS: "总部",
    ProjectType.RD: "研发",
    ProjectType.FUND: "基金",
    ProjectType.OTHER: "其他",
}
_YES_NO = {"en": ("yes", "no"), "zh": ("是", "否")}
#: What separates the investors of one cell; the first named leads.
INVESTOR_SEPARATORS = {"en": "; ", "zh": "；"}


def language_of(language: str) -> str:
    """``en`` or ``zh`` for a language code such as ``en``, ``en-gb``, ``zh`` or ``zh-hans``."""
    code = language.lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")


def _word(code: str, chinese: dict[str, str], language: str) -> str:
    return chinese[code] if language == "zh" else str(code)


def investor_type_word(code: str, language: str) -> str:
    """``state`` → ``国有`` in Chinese, ``state`` in English."""
    return _word(code, _INVESTOR_TYPES_ZH, language)


def signing_mode_word(code: str, language: str) -> str:
    """``offline`` → ``线下签约`` in Chinese, ``offline`` in English."""
    return _word(code, _SIGNING_MODES_ZH, language)


def project_type_word(code: str, language: str) -> str:
    """``r&d`` → ``研发`` in Chinese, ``r&d`` in English; blank stays blank."""
    return _word(code, _PROJECT_TYPES_ZH, language) if code else ""


def yes_no_word(flag: bool, language: str) -> str:
    """``yes``/``no``, or ``是``/``否``."""
    yes, no = _YES_NO[language]
    return yes if flag else no


def investor_types(language: str) -> list[str]:
    """Every investor type, in the order bulletins list them."""
    return [investor_type_word(code, language) for code in InvestorType.values]


def signing_modes(language: str) -> list[str]:
    """Every signing mode: offline, online, off-site."""
    return [signing_mode_word(code, language) for code in SigningMode.values]


def project_types(language: str) -> list[str]:
    """Every project type."""
    return [project_type_word(code, language) for code in ProjectType.values]


def strategic_emerging_choices(language: str) -> list[str]:
    """Yes, no, and the nine NBS strategic emerging industries by name."""
    names = [
        row.name_zh if language == "zh" else row.name_en for row in strategic_emerging_categories()
    ]
    return [*_YES_NO[language], *names]

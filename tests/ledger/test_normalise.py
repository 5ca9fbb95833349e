"""normalise_name takes short cuts for the common names; they must give what its definition gives.

The definition: NFKC, then case folding, then every run of non-letters and non-digits removed.
The short cuts: ASCII text is lower-cased instead (NFKC leaves it alone), and text that is all
letters and digits (``str.isalnum``) skips the removal. Each step is checked over every
character Python knows, and the whole over a corpus of names that are hard to get right.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from taizhang.ledger.normalise import normalise_name

# The definition, written out independently of the module.
_NOT_WORD = re.compile(r"[\W_]+")


def by_definition(name: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).casefold())


EVERY_CHARACTER = [chr(code) for code in range(sys.maxunicode + 1)]

TRICKY_NAMES = [
    "",
    " ",
    "重庆（两江）智能 工厂 项目",
    "重庆(两江)智能工厂项目",
    "安安安智能网联汽车扩能项目",
    "重庆两江产业投资集团有限公司",
    "德美工业技术（中国）有限公司",
    # Full-width letters, digits and punctuation, and the ideographic space.
    "ＡＣＭＥ　Ｒｏｂｏｔｉｃｓ　２０２６",
    "１．２亿元项目",
    "重庆／成都（联合）项目！",
    # Compatibility characters: ligatures, circled and super/subscript digits, roman numerals,
    # the squared 株式会社, half-width katakana, CJK compatibility ideographs, an ohm sign.
    "ﬁnance ﬂow",
    "①号厂房②期",
    "H₂O² project",
    "Ⅷ期工程",
    "㍿トヨタ",
    "ｶﾞｽ会社",
    "\uf900\uf901\ufa0e工厂",
    "Ω电阻厂",
    "㎏级项目",
    # Spaces of every kind, invisible characters, line breaks, tabs.
    "重庆\u00a0两江\u2002智能\u2003工厂\u2009项目\u202f一期\u205f二期\u3000三期",
    "重庆\u200b两江\u200c智能\u200d工厂\u2060项目\ufeff",
    "Acme\tRobotics\r\nLtd.",
    "\u180e蒙古文分隔符",
    # Case: German sharp s, Turkish dotted I, Greek final sigma, ligature ǅ, Cherokee, Kelvin.
    "Straße GmbH",
    "STRASSE GMBH",
    "İstanbul Holding",
    "ΣΊΣΥΦΟΣ",
    "ǅemal d.o.o.",
    "ᏣᎳᎩ Nation",
    "\u212a-Kelvin Labs",
    # Punctuation and symbols of many kinds; underscores, which \w counts as a word character.
    "Acme_Robotics — “Phase II” (2026)!",
    "《重庆》“智能”‘工厂’【一期】〔二期〕·项目…",
    "A&B / C+D @ E#F $G% ^H* ~I` |J\\ {K} [L] <M> =N ?O !P ;Q :R ,S .T",
    "¥100亿 €5 £3 ₩7 项目",
    "項目②-Ⅱ期_（改）",
    # Combining marks, composed and decomposed, and mixed scripts.
    "Café Crème",
    "Cafe\u0301 Cre\u0300me",
    "\u0301开头的组合符",
    "Ÿ\u0308 double",
    "한국전자 코리아",
    "한국전자\u1100\u1161",
    "Москва Инвест",
    "ไทยพัฒนา จำกัด",
    "عربي للاستثمار",
    "हिन्दी उद्योग",
    "日本ソフト株式会社",
    "🚀火箭科技😀有限公司",
    "x\U000e0001tag",
    "\ud800\udfff孤立代理",
]


def test_ascii_is_its_own_nfkc_and_folds_as_lower_case() -> None:
    for character in map(chr, range(128)):
        assert unicodedata.normalize("NFKC", character) == character
        assert character.casefold() == character.lower()


def test_a_character_is_alphanumeric_exactly_when_the_key_keeps_it() -> None:
    for character in EVERY_CHARACTER:
        assert character.isalnum() == (_NOT_WORD.fullmatch(character) is None), (
            f"U+{ord(character):04X}"
        )


def test_every_character_alone_gives_the_key_of_the_definition() -> None:
    for character in EVERY_CHARACTER:
        assert normalise_name(character) == by_definition(character), f"U+{ord(character):04X}"


def test_tricky_names_give_the_key_of_the_definition() -> None:
    for name in TRICKY_NAMES:
        assert normalise_name(name) == by_definition(name), name


def test_names_written_two_ways_give_one_key() -> None:
    assert normalise_name("重庆（两江）智能 工厂 项目") == normalise_name("重庆(两江)智能工厂项目")
    assert (
        normalise_name("ＡＣＭＥ　Ｒｏｂｏｔｉｃｓ")
        == normalise_name("acme robotics")
        == "acmerobotics"
    )
    assert normalise_name("Straße") == normalise_name("STRASSE") == "strasse"


@given(st.text())
def test_any_text_gives_the_key_of_the_definition(name: str) -> None:
    assert normalise_name(name) == by_definition(name)


@given(st.lists(st.sampled_from([*TRICKY_NAMES, " ", "_", "-", "Ａ", "a", "中"])).map("".join))
def test_tricky_names_run_together_give_the_key_of_the_definition(name: str) -> None:
    assert normalise_name(name) == by_definition(name)

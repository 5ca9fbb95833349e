"""The closed vocabularies are read from English and Chinese words; anything else is refused."""

from __future__ import annotations

import pytest

from taizhang.ledger.importing.currencies import parse_currency
from taizhang.ledger.importing.problems import CellError
from taizhang.ledger.importing.vocabularies import (
    Vocabulary,
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
    split_investors,
)
from taizhang.ledger.models import InvestorType, ProjectType, SigningMode


def cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(word, code) for code, words in table.items() for word in words]


INVESTOR_TYPES = {
    "state": [
        "state", "State", "STATE", "state-owned", "State owned", "SOE", "国有", "国企", "央企",
        "国有企业", "市属国企", " 国企 ",
    ],
    "private": ["private", "Private", "privately owned", "民营", "民企", "私营", "民营企业"],
    "foreign": [
        "foreign", "Foreign-invested", "外资", "外企", "外商", "港澳台", "外商独资", "中外合资",
        "港资", "台资",
    ],
    "other": ["other", "Other", "others", "其他", "其它"],
}  # fmt: skip


@pytest.mark.parametrize(("word", "code"), cases(INVESTOR_TYPES))
def test_an_investor_type_is_read_from_its_words(word: str, code: str) -> None:
    assert parse_investor_type(word) == code


def test_investor_types_are_the_models_choices() -> None:
    assert set(INVESTOR_TYPES) == set(InvestorType.values)


SIGNING_MODES = {
    "offline": [
        "offline", "Offline", "in the hall", "In-hall", "on-site", "线下", "线下签约", "现场签约",
        "现场",
    ],
    "online": [
        "online", "ONLINE", "cloud signing", "video link", "线上", "线上签约", "云签约",
        "视频签约", "连线签约",
    ],
    "offsite": ["offsite", "off-site", "Off site", "OFF-SITE", "场外", "场外签约"],
}  # fmt: skip


@pytest.mark.parametrize(("word", "code"), cases(SIGNING_MODES))
def test_a_signing_mode_is_read_from_its_words(word: str, code: str) -> None:
    assert parse_signing_mode(word) == code


def test_signing_modes_are_the_models_choices() -> None:
    assert set(SIGNING_MODES) == set(SigningMode.values)


def test_live_is_refused_as_a_signing_mode_because_it_is_offline_and_online() -> None:
    with pytest.raises(CellError) as caught:
        parse_signing_mode("Live")
    assert str(caught.value) == (
        "“Live” covers both offline and online signing: write offline if the project was "
        "signed in the hall, online if over a video link."
    )


PROJECT_TYPES = {
    "new": ["new", "New", "新建", "新建项目"],
    "expansion": ["expansion", "Expansion", "扩建", "改扩建"],
    "headquarters": ["headquarters", "HQ", "总部", "区域总部"],
    "r&d": ["r&d", "R&D", "R & D", "research and development", "研发", "研发中心"],
    "fund": ["fund", "Fund", "基金", "产业基金"],
    "other": ["other", "其他", "其它"],
}


@pytest.mark.parametrize(("word", "code"), cases(PROJECT_TYPES))
def test_a_project_type_is_read_from_its_words(word: str, code: str) -> None:
    assert parse_project_type(word) == code


def test_project_types_are_the_models_choices() -> None:
    assert set(PROJECT_TYPES) == set(ProjectType.values)


@pytest.mark.parametrize(
    ("parse", "cell", "message"),
    [
        (
            parse_investor_type,
            "混合所有制",
            "“混合所有制” is not an investor type: use state, private, foreign or other.",
        ),
        (parse_investor_type, "", "“” is not an investor type"),
        (parse_investor_type, 1, "“1” is not an investor type"),
        (
            parse_signing_mode,
            "by post",
            "“by post” is not a signing mode: use offline (in the hall), online (over a video "
            "link) or offsite.",
        ),
        (
            parse_project_type,
            "技改",
            "“技改” is not a project type: use new, expansion, headquarters, r&d, fund or other.",
        ),
    ],
)
def test_an_unknown_value_is_an_error_listing_the_accepted_ones(parse, cell, message) -> None:
    with pytest.raises(CellError) as caught:
        parse(cell)
    assert message in str(caught.value)
    assert caught.value.problem.value == cell


def test_a_word_meaning_two_values_is_refused_when_the_vocabulary_is_built() -> None:
    with pytest.raises(ValueError, match="would mean both"):
        Vocabulary({"a": ["Same word"], "b": ["same-word"]}, "“{value}”")


# --- Strategic emerging industries ------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        *[(word, True) for word in ["yes", "Yes", "Y", "y", "true", "TRUE", "是", "√", "✓", "1"]],
        *[(word, False) for word in ["no", "No", "N", "false", "否", "不是", "×", "0"]],
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
    ],
)
def test_strategic_emerging_takes_yes_or_no(cell: object, answer: bool) -> None:
    assert parse_strategic_emerging(cell) == (answer, None)


NINE_CATEGORIES = [
    ("1", "新一代信息技术产业", "Next-generation information technology"),
    ("2", "高端装备制造产业", "High-end equipment manufacturing"),
    ("3", "新材料产业", "New materials"),
    ("4", "生物产业", "Biotechnology"),
    ("5", "新能源汽车产业", "New energy vehicles"),
    ("6", "新能源产业", "New energy"),
    ("7", "节能环保产业", "Energy conservation and environmental protection"),
    ("8", "数字创意产业", "Digital creativity"),
    ("9", "相关服务业", "Related services"),
]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        *[(zh, code) for code, zh, _en in NINE_CATEGORIES],
        *[(zh.removesuffix("产业"), code) for code, zh, _en in NINE_CATEGORIES],
        *[(en, code) for code, _zh, en in NINE_CATEGORIES],
        *[(en.lower(), code) for code, _zh, en in NINE_CATEGORIES],
        *[(f"{en} industry", code) for code, _zh, en in NINE_CATEGORIES],
        ("相关服务", "9"),
        ("New material industry", "3"),
        ("new-energy vehicles", "5"),
        ("energy saving & environmental protection", "7"),
        ("新 材 料", "3"),
    ],
)
def test_strategic_emerging_takes_one_of_the_nine_nbs_categories(cell: str, code: str) -> None:
    assert parse_strategic_emerging(cell) == (True, code)


def test_an_unknown_strategic_emerging_value_lists_the_nine_categories() -> None:
    with pytest.raises(CellError) as caught:
        parse_strategic_emerging("maybe")
    message = str(caught.value)
    assert message.startswith("“maybe” is neither yes nor no, nor a strategic emerging industry")
    assert "New materials; Biotechnology" in message
    with pytest.raises(CellError):
        parse_strategic_emerging(2)


# --- Investors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("重庆某某科技有限公司", ["重庆某某科技有限公司"]),
        ("甲公司;乙公司", ["甲公司", "乙公司"]),
        ("甲公司；乙公司", ["甲公司", "乙公司"]),
        ("甲公司、乙公司、丙公司", ["甲公司", "乙公司", "丙公司"]),
        ("  甲公司 ； 乙公司\u3000", ["甲公司", "乙公司"]),
        ("甲公司\n乙公司", ["甲公司", "乙公司"]),
        ("Foo Holdings, Inc.; Bar Ltd", ["Foo Holdings, Inc.", "Bar Ltd"]),  # commas are names
        (360, ["360"]),
    ],
)
def test_investors_are_split_in_order_lead_first(cell: object, names: list[str]) -> None:
    assert split_investors(cell) == names


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("", "The investor is empty: name at least the lead investor."),
        (None, "The investor is empty"),
        (
            "甲公司；；乙公司",
            "“甲公司；；乙公司” has no name in place 2: remove the extra separator (; ； or 、).",
        ),
        ("甲公司；", "“甲公司；” has no name in place 2"),
        ("、甲公司", "“、甲公司” has no name in place 1"),
        (
            "甲公司；甲 公司",
            "“甲公司；甲 公司” names the investor “甲公司” twice: name each investor once.",
        ),
        ("甲" * 201, "is longer than 200 characters"),
    ],
)
def test_an_empty_repeated_or_overlong_investor_name_is_an_error(cell, message) -> None:
    with pytest.raises(CellError) as caught:
        split_investors(cell)
    assert message in str(caught.value)


# --- Currencies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("", "CNY"),
        (None, "CNY"),
        ("CNY", "CNY"),
        ("usd", "USD"),
        (" EUR ", "EUR"),
        ("ＨＫＤ", "HKD"),
        ("JPY", "JPY"),
        ("US$", "USD"),
        ("$", "USD"),
        ("¥", "CNY"),
        ("人民币", "CNY"),
        ("美元", "USD"),
        ("欧元", "EUR"),
        ("港元", "HKD"),
        ("日元", "JPY"),
        ("GBP", "GBP"),
    ],
)
def test_a_currency_is_read_as_its_iso_code(cell: object, code: str) -> None:
    assert parse_currency(cell) == code


@pytest.mark.parametrize("cell", ["RMBB", "ABC", "dollarz", 840])
def test_an_unknown_currency_is_an_error(cell: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_currency(cell)
    assert str(caught.value) == (
        f"“{cell}” is not a currency: use an ISO 4217 code such as CNY, USD, EUR, HKD or JPY."
    )

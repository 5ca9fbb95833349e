"""Messages are translated when they are shown, so one import can be reported in either language.

The Chinese catalogue is compiled later; here a small one is written for the test, holding one
message of each parser, and the problems made in English are read back in Chinese.
"""

from __future__ import annotations

import array
import datetime
import struct
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise

from taizhang.ledger.importing.amounts import parse_amount, to_yuan
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import map_header_row
from taizhang.ledger.importing.problems import CellError, Problem
from taizhang.ledger.importing.vocabularies import parse_investor_type, parse_strategic_emerging

CHINESE = {
    "“{value}” is zero: a contract value must be more than zero.": (
        "“{value}”为零：合同投资额必须大于零。"
    ),
    "“{value}” is not a real date: there is no month {month}.": (
        "“{value}”不是真实的日期：没有{month}月。"
    ),
    "“{value}” is not an investor type: use state, private, foreign or other.": (
        "“{value}”不是投资主体类型：请填写国有、民营、外资或其他。"
    ),
    "Column {column} “{header}” is not a ledger column and is ignored.": (
        "第{column}列“{header}”不是台账的列，已忽略。"
    ),
}


def write_catalogue(path: Path, messages: dict[str, str]) -> None:
    """A GNU .mo file of ``messages``, as msgfmt writes it."""
    catalogue = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    ids = strings = b""
    entries = []
    for msgid in sorted(catalogue):
        key, value = msgid.encode(), catalogue[msgid].encode()
        entries.append((len(ids), len(key), len(strings), len(value)))
        ids += key + b"\0"
        strings += value + b"\0"
    keys_start = 7 * 4 + 16 * len(entries)
    values_start = keys_start + len(ids)
    table: list[int] = []
    for key_offset, key_length, _value_offset, _value_length in entries:
        table += [key_length, key_offset + keys_start]
    for _key_offset, _key_length, value_offset, value_length in entries:
        table += [value_length, value_offset + values_start]
    header = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(entries), 7 * 4, 7 * 4 + 8 * len(entries), 0, 0
    )
    path.parent.mkdir(parents=True)
    path.write_bytes(header + array.array("i", table).tobytes() + ids + strings)


@pytest.fixture
def chinese_catalogue(settings, tmp_path: Path) -> None:
    write_catalogue(tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.mo", CHINESE)
    settings.LOCALE_PATHS = [tmp_path]  # Django drops its cached catalogues on this change


def error_of(parse, *args) -> Problem:
    with pytest.raises(CellError) as caught:
        parse(*args)
    return caught.value.problem


@pytest.mark.usefixtures("chinese_catalogue")
def test_a_problem_made_in_english_is_shown_in_the_language_it_is_read_in() -> None:
    # Changing LOCALE_PATHS reset the active language too: say which one each time.
    with translation.override("en"):
        problems = [
            error_of(parse_amount, "0"),
            error_of(parse_date, "2021-13-01"),
            error_of(parse_investor_type, "混合所有制"),
            map_header_row(["备注"], event_given=True).warnings[0],
        ]
        english = [str(problem.message) for problem in problems]
    with translation.override("zh-hans"):
        chinese = [str(problem.message) for problem in problems]
        as_json = problems[0].as_dict()["message"]
    assert english == [
        "“0” is zero: a contract value must be more than zero.",
        "“2021-13-01” is not a real date: there is no month 13.",
        "“混合所有制” is not an investor type: use state, private, foreign or other.",
        "Column A “备注” is not a ledger column and is ignored.",
    ]
    assert chinese == [
        "“0”为零：合同投资额必须大于零。",
        "“2021-13-01”不是真实的日期：没有13月。",
        "“混合所有制”不是投资主体类型：请填写国有、民营、外资或其他。",
        "第A列“备注”不是台账的列，已忽略。",
    ]
    assert as_json == chinese[0]


def test_the_nine_categories_are_listed_in_the_language_the_message_is_read_in() -> None:
    problem = error_of(parse_strategic_emerging, "maybe")
    assert "Next-generation information technology; High-end" in str(problem.message)
    with translation.override("zh-hans"):
        assert "新一代信息技术产业、高端装备制造产业" in str(problem.message)


@pytest.mark.parametrize(
    ("parse", "args"),
    [
        (parse_amount, ("about 3亿",)),
        (parse_amount, ("",)),
        (parse_date, (datetime.date(1900, 1, 1),)),
        (parse_investor_type, ("?",)),
        (to_yuan, (parse_amount("US$1"), None)),
    ],
)
def test_every_message_is_a_lazy_translation_until_it_is_shown(parse, args) -> None:
    assert isinstance(error_of(parse, *args).message, Promise)

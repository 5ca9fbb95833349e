"""Header cells are matched to the ledger's columns, with their units; a header row is checked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.ledger.importing.amounts import parse_amount
from taizhang.ledger.importing.headers import (
    COLUMNS,
    REQUIRED_KEYS,
    HeaderMatch,
    header_for,
    map_header_row,
    match_header,
)
from taizhang.ledger.importing.problems import CellError, Severity
from taizhang.ledger.importing.units import EXPORT_UNITS, Unit

# The spec's table: every key with every header it lists.
SPEC_HEADERS = {
    "name": ["Project name", "项目名称"],
    "investor": ["Investor", "投资方", "签约企业"],
    "investor_type": ["Investor type", "投资主体类型", "企业性质"],
    "value": ["Contract value", "合同投资额", "协议投资额", "签约金额"],
    "mode": ["Signing mode", "签约方式"],
    "signing_date": ["Signing date", "签约日期", "签约时间"],
    "region": ["Region", "落地区县", "所在区县", "项目落地"],
    "sector": ["Sector", "行业领域", "产业类别"],
    "event": ["Event", "签约活动"],
    "investor_origin": ["Investor origin", "投资方来源地"],
    "strategic_emerging": ["Strategic emerging industry", "战略性新兴产业"],
    "industry_chain": ["Industry chain", "产业链"],
    "park": ["Park", "所在园区"],
    "project_type": ["Project type", "项目类型"],
    "project_code": ["Project code", "项目代码", "项目编号"],
    "responsible_unit": ["Responsible unit", "责任单位"],
    "responsible_person": ["Responsible person", "责任人"],
    "planned_start": ["Planned start", "计划开工时间"],
    "planned_production": ["Planned production", "计划投产时间"],
    "description": ["Description", "建设内容", "项目简介"],
    "original_value": ["Original amount", "原币金额"],
    "currency": ["Currency", "币种"],
}


def test_the_column_table_has_every_key_of_the_spec_in_its_order() -> None:
    assert [column.key for column in COLUMNS] == list(SPEC_HEADERS)
    assert REQUIRED_KEYS == (
        "name", "investor", "investor_type", "value", "mode", "signing_date", "region",
        "sector", "event",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("header", "key"),
    [(header, key) for key, headers in SPEC_HEADERS.items() for header in headers],
)
def test_every_header_of_the_spec_names_its_column(header: str, key: str) -> None:
    assert match_header(header) == HeaderMatch(key)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("  PROJECT NAME ", "name"),
        ("project name", "name"),
        ("Project_Name", "name"),
        ("ｃｏｎｔｒａｃｔ　ｖａｌｕｅ", "value"),  # full-width letters and space
        ("项目名称 ", "name"),
        ("*项目名称", "name"),  # a template's mark of a required column
        ("项目名称：", "name"),
        ("\ufeff项目名称", "name"),  # a CSV's byte-order mark
        ("项目名称\n（全称）", "name"),  # a note in brackets on a column that takes no unit
        ("签约日期（年月日）", "signing_date"),
        ("signing_date", "signing_date"),  # the key itself
        ("序号", None),
        ("备注", None),
        # Not aliases of the contract value: they may mean total or actual investment.
        ("投资金额", None),
        ("总投资", None),
        ("签约额", None),
        ("投资主体", None),
        ("", None),
        (None, None),
        (2021, None),
    ],
)
def test_headers_match_whatever_their_case_spacing_and_width(header: object, key: str | None):
    assert match_header(header).key == key


@pytest.mark.parametrize(
    ("header", "text", "multiplier", "currency"),
    [
        ("合同投资额（亿元）", "亿元", "100000000", "CNY"),
        ("合同投资额(万元)", "万元", "10000", "CNY"),
        ("合同投资额（元）", "元", "1", "CNY"),
        ("Contract value (CNY 100 million)", "CNY 100 million", "100000000", "CNY"),
        ("Contract value (billion yuan)", "billion yuan", "1000000000", "CNY"),
        ("Contract value (CNY)", "CNY", "1", "CNY"),
        ("Contract value (million yuan)", "million yuan", "1000000", "CNY"),
        ("合同投资额 (million yuan)", "million yuan", "1000000", "CNY"),
        ("Contract value (CNY 10,000)", "CNY 10,000", "10000", "CNY"),
        ("Contract value (CNY 10 thousand)", "CNY 10 thousand", "10000", "CNY"),
        ("Contract value (USD million)", "USD million", "1000000", "USD"),
        ("Contract value (US$ million)", "US$ million", "1000000", "USD"),
        ("合同投资额（万美元）", "万美元", "10000", "USD"),
        ("合同投资额（亿）", "亿", "100000000", None),
        ("协议投资额（单位：万元）", "万元", "10000", "CNY"),
        ("Contract value (in CNY million)", "CNY million", "1000000", "CNY"),
        ("合同投资额【亿元】", "亿元", "100000000", "CNY"),
        ("合同投资额[亿元]", "亿元", "100000000", "CNY"),
        ("合同投资额/亿元", "亿元", "100000000", "CNY"),
        ("Contract value, CNY 100 million", "CNY 100 million", "100000000", "CNY"),
        ("合同投资额万元", "万元", "10000", "CNY"),
        ("签约金额（亿元）", "亿元", "100000000", "CNY"),
    ],
)
def test_a_unit_after_the_contract_value_header_is_returned(
    header: str, text: str, multiplier: str, currency: str | None
) -> None:
    assert match_header(header) == HeaderMatch("value", Unit(text, Decimal(multiplier), currency))


def test_the_original_amount_header_may_state_a_scale_too() -> None:
    assert match_header("原币金额（万）") == HeaderMatch(
        "original_value", Unit("万", Decimal(10000), None)
    )


@pytest.mark.parametrize("header", ["合同投资额（约数）", "Contract value (approx.)"])
def test_something_not_a_unit_after_the_contract_value_header_is_an_error(header: str):
    with pytest.raises(CellError) as caught:
        match_header(header)
    assert f"in the header “{header}” is not a unit of amounts" in str(caught.value)
    assert caught.value.problem.field == "value"


# --- Canonical headers, for export ------------------------------------------------------


def test_the_canonical_headers_are_the_specs_first_headers() -> None:
    for column in COLUMNS:
        english, chinese = SPEC_HEADERS[column.key][:2]
        assert header_for(column.key, "en") == english
        assert header_for(column.key, "zh-hans") == chinese


@pytest.mark.parametrize(
    ("language", "unit", "header"),
    [
        ("zh", "yi", "合同投资额（亿元）"),
        ("zh", "wan", "合同投资额（万元）"),
        ("zh", "yuan", "合同投资额（元）"),
        ("en", "yi", "Contract value (CNY 100 million)"),
        ("en", "wan", "Contract value (CNY 10 thousand)"),
        ("en", "yuan", "Contract value (CNY)"),
    ],
)
def test_the_contract_value_header_states_the_export_unit_and_reads_back(
    language: str, unit: str, header: str
) -> None:
    assert header_for("value", language, unit) == header
    read = match_header(header)
    assert read.key == "value"
    assert read.unit is not None
    assert (read.unit.multiplier, read.unit.currency) == (
        EXPORT_UNITS[unit].multiplier,
        EXPORT_UNITS[unit].currency,
    )


def test_only_the_contract_value_header_takes_a_unit() -> None:
    with pytest.raises(ValueError, match="only the contract value"):
        header_for("name", "en", "yi")
    with pytest.raises(ValueError, match="unknown unit"):
        header_for("value", "en", "qian")


# --- A whole header row -----------------------------------------------------------------

FULL_ROW = [header_for(column.key, "zh") for column in COLUMNS]


def test_a_complete_header_row_maps_every_column_without_problems() -> None:
    mapped = map_header_row(FULL_ROW)
    assert mapped.problems == []
    assert mapped.columns == {column.key: index for index, column in enumerate(COLUMNS)}


def test_a_row_of_spec_headers_maps_the_unit_and_warns_of_unknown_columns() -> None:
    row = ["序号", "项目名称", "签约企业", "企业性质", "合同投资额（亿元）", "签约方式",
           "签约时间", "所在区县", "产业类别", "备注"]  # fmt: skip
    mapped = map_header_row(row, event_given=True)
    assert mapped.errors == []
    assert mapped.columns["value"] == 4
    assert mapped.units["value"].multiplier == Decimal(100_000_000)
    assert mapped.unknown == (0, 9)
    assert [(p.column, str(p.message)) for p in mapped.warnings] == [
        ("A", "Column A “序号” is not a ledger column and is ignored."),
        ("J", "Column J “备注” is not a ledger column and is ignored."),
    ]


def test_missing_required_columns_are_named_in_english_and_chinese() -> None:
    mapped = map_header_row(["项目名称", "合同投资额"])
    messages = [str(problem.message) for problem in mapped.errors]
    assert (
        "The required column Investor (投资方) is missing: add a column headed “Investor” or "
        "“投资方”." in messages
    )
    assert any(m.startswith("The required column Event (签约活动)") for m in messages)
    assert {problem.field for problem in mapped.errors} == set(REQUIRED_KEYS) - {"name", "value"}


def test_the_event_column_is_not_needed_when_the_import_names_the_event() -> None:
    without_event = [header for header in FULL_ROW if header != "签约活动"]
    assert map_header_row(without_event, event_given=True).problems == []
    errors = map_header_row(without_event).errors
    assert [problem.field for problem in errors] == ["event"]
    assert "or name the event with --event" in str(errors[0].message)


def test_two_headers_naming_one_column_are_an_error_naming_both() -> None:
    mapped = map_header_row([*FULL_ROW, "签约金额（万元）"])
    [error] = mapped.errors
    assert error.column == "W"
    assert error.field == "value"
    assert str(error.message) == (
        "Column W “签约金额（万元）” and column D “合同投资额” are both Contract value "
        "(合同投资额): keep one of them."
    )
    assert mapped.columns["value"] == 3  # the first one is kept


def test_an_empty_header_between_columns_is_an_error_but_trailing_empty_cells_are_not() -> None:
    row = [*FULL_ROW[:3], "", *FULL_ROW[3:], None, "  "]
    [error] = map_header_row(row).errors
    assert error.column == "D"
    assert str(error.message).startswith("Column D has no header, but columns after it do")
    assert "merged header cell" in str(error.message)


def test_an_amount_header_with_a_bad_unit_is_one_error_not_a_missing_column_as_well() -> None:
    row = [header if header != "合同投资额" else "合同投资额（约）" for header in FULL_ROW]
    [error] = map_header_row(row).errors
    assert (error.column, error.header, error.field) == ("D", "合同投资额（约）", "value")


def test_column_letters_count_from_where_the_row_starts() -> None:
    mapped = map_header_row(["备注", *FULL_ROW], first_column=2)
    assert [p.column for p in mapped.warnings] == ["C"]
    assert mapped.letter(mapped.columns["name"]) == "D"


def test_a_problem_of_a_cell_is_placed_at_its_row_column_and_header() -> None:
    mapped = map_header_row(["序号", *FULL_ROW])
    with pytest.raises(CellError) as caught:
        parse_amount("about 3亿", mapped.units.get("value"))
    placed = mapped.place(caught.value.problem, "value", row=7)
    assert placed.as_dict() == {
        "row": 7,
        "column": "E",
        "header": "合同投资额",
        "field": "value",
        "value": "about 3亿",
        "message": str(caught.value.problem.message),
    }
    assert placed.severity is Severity.ERROR

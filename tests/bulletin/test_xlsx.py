"""The Excel bulletin and series workbook, opened back with python-calamine and as a zip."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from taizhang.bulletin.xlsx import render_series_xlsx, render_xlsx
from tests.bulletin import samples


def workbook_bytes(figures: dict, language: str, series: bool = False) -> bytes:
    buffer = io.BytesIO()
    (render_series_xlsx if series else render_xlsx)(figures, language, buffer)
    return buffer.getvalue()


def sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def exact(cell: object) -> Decimal:
    """A number cell as the exact decimal it stands for (its shortest repr), never a string."""
    assert isinstance(cell, int | float) and not isinstance(cell, bool), f"{cell!r} is no number"
    return Decimal(repr(cell))


def row_named(rows: list[list], name: str) -> list:
    matching = [row for row in rows if row and row[0] == name]
    assert matching, f"no row is named {name!r}"
    return matching[0]


@pytest.fixture(scope="module")
def english() -> bytes:
    return workbook_bytes(samples.sce2021(), "en")


@pytest.fixture(scope="module")
def chinese() -> bytes:
    return workbook_bytes(samples.sce2021(), "zh")


def test_there_is_a_sheet_per_breakdown(english: bytes, chinese: bytes) -> None:
    assert list(sheets(english)) == [
        "Summary",
        "Signing modes",
        "Project size",
        "Sectors",
        "Investor types",
        "Regions",
        "Outside host",
        "Text",
    ]
    assert list(sheets(chinese)) == [
        "总体情况",
        "签约方式",
        "项目规模",
        "行业领域",
        "投资主体",
        "落地区域",
        "区域外项目",
        "文字稿",
    ]


def test_amounts_are_numbers_exactly_in_yi_and_in_yuan(chinese: bytes) -> None:
    sectors = sheets(chinese)["行业领域"]
    assert sectors[0] == [
        "行业领域",
        "项目数（个）",
        "金额（亿元）",
        "金额（元）",
        "项目数占比",
        "金额占比",
    ]
    _name, projects, in_yi, in_yuan, of_projects, of_value = row_named(sectors, "智能制造")
    assert exact(projects) == 32
    assert exact(in_yi) == Decimal("1016")
    assert exact(in_yuan) == Decimal("101600000000.00")
    assert exact(of_projects) == Decimal("0.3478")
    assert exact(of_value) == Decimal("0.4025")
    assert [exact(cell) for cell in row_named(sectors, "合计")[1:4]] == [
        92,
        Decimal("2524"),
        Decimal("252400000000"),
    ]


def test_amounts_are_numbers_exactly_in_billions_in_english(english: bytes) -> None:
    summary = sheets(english)["Summary"]
    assert [exact(cell) for cell in row_named(summary, "Total")[1:4]] == [
        92,
        Decimal("252.4"),
        Decimal("252400000000"),
    ]
    assert [exact(cell) for cell in row_named(summary, "Live at the venue")[1:3]] == [
        66,
        Decimal("207.3"),
    ]
    assert [exact(cell) for cell in row_named(summary, "Previous edition (SCE2020)")[1:3]] == [
        71,
        Decimal("271.2"),
    ]
    assert exact(row_named(summary, "Value (US$ billion)")[2]) == Decimal("38.96986166008")


def test_the_strategic_emerging_and_outside_host_lines_are_on_the_summary(english: bytes) -> None:
    summary = sheets(english)["Summary"]
    strategic = row_named(summary, "Strategic emerging industries")
    assert [exact(cell) for cell in strategic[1:]] == [
        61,
        Decimal("190.3"),
        Decimal("190300000000"),
        Decimal("0.6630"),
        Decimal("0.7540"),
    ]
    outside = row_named(summary, "Projects landing outside the host (reported apart)")
    assert [exact(cell) for cell in outside[1:4]] == [3, Decimal("3.2"), Decimal("3200000000")]
    assert outside[4:] == ["", ""]  # no share of a total it is no part of


def test_bands_hold_counts_previous_counts_and_changes(english: bytes) -> None:
    bands = sheets(english)["Project size"]
    assert [row[0] for row in bands[1:]] == [
        "¥0.5 billion or more",
        "¥1 billion or more",
        "¥5 billion or more",
        "¥10 billion or more",
    ]
    assert [[exact(cell) for cell in row[1:5]] for row in bands[1:]] == [
        [Decimal("500000000"), 92, 71, 21],
        [Decimal("1000000000"), 81, 58, 23],
        [Decimal("5000000000"), 19, 17, 2],
        [Decimal("10000000000"), 8, 9, -1],
    ]


def test_investor_types_and_regions_are_complete(chinese: bytes) -> None:
    found = sheets(chinese)
    investors = found["投资主体"]
    assert [row[0] for row in investors[1:]] == [
        "国有企业",
        "民营企业",
        "外资企业（含港澳台）",
        "其他",
        "合计",
    ]
    assert exact(row_named(investors, "民营企业")[5]) == Decimal("0.6616")
    regions = found["落地区域"]
    assert exact(row_named(regions, "两江新区")[3]) == Decimal("95200000000")
    outside = found["区域外项目"]
    assert [row[0] for row in outside[1:]] == ["贵州省", "四川省", "云南省", "合计"]
    assert exact(row_named(outside, "合计")[2]) == Decimal("32")


def test_the_text_sheet_holds_the_paragraphs(chinese: bytes) -> None:
    text = sheets(chinese)["文字稿"]
    assert text[0][0].startswith("2021中国国际智能产业博览会重大项目签约仪式于2021年8月23日举行")
    assert "占总额的40%" in text[1][0]


def test_the_summary_sheet_carries_three_native_charts(chinese: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(chinese)) as archive:
        names = archive.namelist()
        charts = sorted(name for name in names if re.fullmatch(r"xl/charts/chart\d+\.xml", name))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]
        sector_chart = archive.read("xl/charts/chart1.xml").decode()
        # The chart reads its numbers from the sectors sheet's value column.
        assert "<c:f>行业领域!$C$2:$C$5</c:f>" in sector_chart
        assert "<c:barChart>" in sector_chart
        bands_chart = archive.read("xl/charts/chart3.xml").decode()
        assert bands_chart.count("<c:ser>") == 2  # this edition beside the previous one
        # The three charts hang on the first sheet's drawing.
        assert "xl/drawings/drawing1.xml" in names
        relations = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        assert "../drawings/drawing1.xml" in relations


def test_without_a_previous_edition_the_band_chart_has_one_series() -> None:
    figures = samples.sce2021()
    for band in figures["bands"]:
        band["previous"] = band["change"] = None
    content = workbook_bytes(figures, "en")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.read("xl/charts/chart3.xml").decode().count("<c:ser>") == 1
    bands = sheets(content)["Project size"]
    assert bands[2][3:5] == ["", ""]  # blank, not zero, where there is nothing to compare


def test_a_workbook_is_written_to_a_path_too(tmp_path: Path) -> None:
    target = tmp_path / "bulletin.xlsx"
    render_xlsx(samples.small_event(), "en", str(target))
    found = sheets(target.read_bytes())
    modes = found["Signing modes"]
    assert [exact(cell) for cell in row_named(modes, "of which online")[1:4]] == [0, 0, 0]
    assert exact(row_named(modes, "Off-site")[2]) == Decimal("0.53")
    sichuan = row_named(found["Outside host"], "四川省")
    assert [exact(cell) for cell in sichuan[1:]] == [1, Decimal("0.05"), Decimal("50000000")]


# --- the series workbook ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def series() -> bytes:
    return workbook_bytes(samples.sce_series(), "en", series=True)


def test_the_series_has_one_row_per_edition(series: bytes) -> None:
    editions = sheets(series)["Editions"]
    assert editions[0][0] == "SCE: signed projects by edition"
    header = editions[2]
    assert header[:6] == [
        "Edition",
        "Event",
        "Date",
        "Projects",
        "Value (¥ billion)",
        "Value (yuan)",
    ]
    assert header[6:] == [
        "¥0.5 billion or more",
        "¥1 billion or more",
        "¥5 billion or more",
        "¥10 billion or more",
    ]
    rows = editions[3:]
    assert [exact(row[0]) for row in rows] == [2020, 2021, 2022]
    assert [row[1] for row in rows] == [
        "Smart China Expo 2020 Key Projects Signing Ceremony",
        "Smart China Expo 2021 Key Projects Signing Ceremony",
        "Smart China Expo 2022 Key Projects Signing Ceremony",
    ]
    assert [str(row[2]) for row in rows] == ["2020-09-15", "2021-08-23", "2022-08-22"]
    assert [[exact(cell) for cell in row[3:]] for row in rows] == [
        [71, Decimal("271.2"), Decimal("271200000000"), 71, 58, 17, 9],
        [92, Decimal("252.4"), Decimal("252400000000"), 92, 81, 19, 8],
        [70, Decimal("212.1"), Decimal("212100000000"), 70, 54, 12, 5],
    ]


def test_the_sector_mix_has_a_column_per_sector_left_blank_where_not_reported(
    series: bytes,
) -> None:
    mix = sheets(series)["Sector mix"]
    assert mix[0][:3] == ["Edition", "Intelligent manufacturing", "Digital economy"]
    assert len(mix[0]) == 1 + 4 + 5  # 2020–2021's four sectors, then 2022's five
    by_edition = {int(exact(row[0])): row for row in mix[1:]}
    assert exact(by_edition[2021][1]) == Decimal("101.6")
    assert by_edition[2022][1] == ""
    assert exact(by_edition[2022][5]) == Decimal("83.3")


def test_the_series_carries_four_trend_charts(series: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(series)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 4
        kinds = [archive.read(name).decode() for name in sorted(charts)]
    assert "<c:barChart>" in kinds[0]
    assert "<c:lineChart>" in kinds[1]
    assert kinds[2].count("<c:ser>") == 4  # one series per value band
    assert '<c:grouping val="stacked"/>' in kinds[3]
    assert kinds[3].count("<c:ser>") == 9


def test_the_series_in_chinese_names_its_columns_in_chinese() -> None:
    editions = sheets(workbook_bytes(samples.sce_series(), "zh", series=True))["历届情况"]
    assert editions[0][0] == "SCE历届签约项目情况"
    assert editions[2][6:] == ["5亿元以上", "10亿元以上", "50亿元以上", "100亿元以上"]
    assert editions[3][1] == "2020中国国际智能产业博览会重大项目签约仪式"


def test_a_published_workbook_says_when_and_what_changed_since() -> None:
    figures = samples.sce2021()
    names = [{"id": number, "name": f"项目{number}"} for number in range(1, 13)]
    figures["published"] = {
        "published_at": "2021-08-25T02:30:00+00:00",
        "published_by": "cli:clerk",
        "differences": {"withdrawn": [], "amended": names, "added": [], "removed": []},
    }
    summary = sheets(workbook_bytes(figures, "zh"))["总体情况"]
    assert summary[2][0] == "以上数据于2021年8月25日10:30由cli:clerk发布。"
    # Ten projects are named, then 等: a long list would bury the figures.
    assert summary[3][0] == (
        "发布后台账已有变动：修改项目12个（项目1；项目2；项目3；项目4；项目5；项目6；项目7；"
        "项目8；项目9；项目10等）。以上为发布时的数据。"
    )


def test_breakdowns_beyond_the_spec_get_sheets_of_their_own() -> None:
    found = sheets(workbook_bytes(samples.with_extras(samples.sce2021()), "en"))
    assert list(found)[5:10] == [
        "Regions",
        "Strategic emerging",
        "Industry chains",
        "Industrial parks",
        "Investor origin",
    ]
    chains = found["Industry chains"]
    assert chains[0][0] == "Industry chain"
    assert [
        exact(cell) for cell in row_named(chains, "Software and information services")[1:4]
    ] == [
        29,
        Decimal("65.36"),
        Decimal("65360000000"),
    ]
    parks = found["Industrial parks"]
    assert exact(row_named(parks, "Liangjiang Digital Economy Industrial Park")[1]) == 7
    fortune = row_named(found["Summary"], "Fortune Global 500 investors")
    assert [exact(cell) for cell in fortune[1:]] == [
        6,
        Decimal("30.78"),
        Decimal("30780000000"),
        Decimal("0.0652"),
        Decimal("0.1219"),
    ]

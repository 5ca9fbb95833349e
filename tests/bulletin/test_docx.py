"""The Word bulletin, opened back with python-docx: its text, its tables' numbers, its charts."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from taizhang.bulletin.docx import BODY_FONT_EAST_ASIAN, HEADING_FONT_EAST_ASIAN, render_docx
from tests.bulletin import samples


def rendered(figures: dict, language: str) -> docx.document.Document:
    buffer = io.BytesIO()
    render_docx(figures, language, buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def table_rows(document: docx.document.Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def row_named(document: docx.document.Document, name: str) -> list[str]:
    matching = [row for row in table_rows(document) if row[0] == name]
    assert matching, f"no table row is named {name!r}"
    return matching[0]


@pytest.fixture(scope="module")
def english() -> docx.document.Document:
    return rendered(samples.sce2021(), "en")


@pytest.fixture(scope="module")
def chinese() -> docx.document.Document:
    return rendered(samples.sce2021(), "zh")


def test_the_title_names_the_event_and_the_date_follows(english, chinese) -> None:
    assert english.paragraphs[0].text == (
        "Signed projects: Smart China Expo 2021 Key Projects Signing Ceremony"
    )
    assert english.paragraphs[0].style.name == "Title"
    assert english.paragraphs[1].text == "23 August 2021"
    assert chinese.paragraphs[0].text == "2021中国国际智能产业博览会重大项目签约仪式签约项目情况"
    assert chinese.paragraphs[1].text == "2021年8月23日"
    assert english.core_properties.title == english.paragraphs[0].text


def test_the_paragraphs_hold_the_text_with_every_figure(english, chinese) -> None:
    text = "\n".join(paragraph.text for paragraph in english.paragraphs)
    for figure in ["¥252.4 billion", "US$38.97 billion", "¥207.3 billion", "81 were worth"]:
        assert figure in text
    text = "\n".join(paragraph.text for paragraph in chinese.paragraphs)
    for figure in ["2524亿元", "389.7亿美元", "较上届增加23个", "占总额的40%", "金额32亿元"]:
        assert figure in text


def test_the_mode_table_splits_live_into_the_hall_and_online(english) -> None:
    assert row_named(english, "Live at the venue") == ["Live at the venue", "66", "207.3", "82%"]
    assert row_named(english, "of which in the hall") == [
        "of which in the hall",
        "50",
        "167.5",
        "66%",
    ]
    assert row_named(english, "of which online") == ["of which online", "16", "39.8", "16%"]
    assert row_named(english, "Off-site") == ["Off-site", "26", "45.1", "18%"]


def test_the_band_table_holds_counts_previous_counts_and_changes(chinese) -> None:
    assert row_named(chinese, "5亿元以上") == ["5亿元以上", "92", "71", "+21"]
    assert row_named(chinese, "10亿元以上") == ["10亿元以上", "81", "58", "+23"]
    assert row_named(chinese, "50亿元以上") == ["50亿元以上", "19", "17", "+2"]
    assert row_named(chinese, "100亿元以上") == ["100亿元以上", "8", "9", "-1"]


def test_the_sector_and_investor_tables_hold_counts_values_and_shares(chinese, english) -> None:
    assert row_named(chinese, "智能制造") == ["智能制造", "32", "1016", "35%", "40%"]
    assert row_named(chinese, "其他") == ["其他", "23", "620", "25%", "25%"]
    assert row_named(chinese, "国有企业") == ["国有企业", "10", "463", "11%", "18%"]
    assert row_named(chinese, "民营企业") == ["民营企业", "69", "1670", "75%", "66%"]
    assert row_named(english, "Intelligent manufacturing") == [
        "Intelligent manufacturing",
        "32",
        "101.6",
        "35%",
        "40%",
    ]
    assert row_named(english, "Total") == ["Total", "92", "252.4", "100%"]


def test_the_region_and_outside_host_tables_list_each_region(chinese) -> None:
    assert row_named(chinese, "两江新区") == ["两江新区", "30", "952", "33%", "38%"]
    assert row_named(chinese, "贵州省") == ["贵州省", "1", "15"]
    assert row_named(chinese, "云南省") == ["云南省", "1", "5"]


def test_each_table_has_a_header_row_in_the_document_s_language(chinese) -> None:
    headers = [table.rows[0].cells[0].text for table in chinese.tables]
    assert headers == ["签约方式", "项目规模", "行业领域", "投资主体", "区域", "项目", "区域"]


def test_the_three_charts_are_images_in_the_document(english, chinese) -> None:
    for document in (english, chinese):
        assert len(document.inline_shapes) == 3
        images = [
            part for part in document.part.package.parts if part.partname.startswith("/word/media/")
        ]
        assert len(images) == 3
        assert all(image.blob.startswith(b"\x89PNG") for image in images)


def test_chinese_text_has_an_east_asian_font_by_name(chinese) -> None:
    styles = chinese.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == BODY_FONT_EAST_ASIAN
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    title = chinese.styles["Title"].element.rPr.find(qn("w:rFonts"))
    assert title.get(qn("w:eastAsia")) == HEADING_FONT_EAST_ASIAN
    assert title.get(qn("w:eastAsiaTheme")) is None


def test_the_page_is_a4(chinese) -> None:
    section = chinese.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_a_document_is_written_to_a_path_too(tmp_path: Path) -> None:
    target = tmp_path / "bulletin.docx"
    render_docx(samples.small_event(), "zh", str(target))
    document = docx.Document(str(target))
    assert row_named(document, "先进制造") == ["先进制造", "2", "27", "40%", "70%"]
    assert row_named(document, "四川省") == ["四川省", "1", "0.5"]
    # No previous counts to compare with would show a dash, not a zero; here they exist.
    assert row_named(document, "10亿元以上") == ["10亿元以上", "1", "3", "-2"]
    assert row_named(document, "50亿元以上") == ["50亿元以上", "0", "0", "0"]


def test_without_a_previous_edition_the_band_table_shows_dashes() -> None:
    figures = samples.sce2021()
    for band in figures["bands"]:
        band["previous"] = band["change"] = None
    document = rendered(figures, "en")
    assert row_named(document, "¥1 billion or more") == ["¥1 billion or more", "81", "—", "—"]


def published_with_changes() -> dict:
    figures = samples.sce2021()
    figures["published"] = {
        "published_at": "2021-08-25T02:30:00+00:00",
        "published_by": "cli:clerk",
        "reason": "",
        "changed_since": True,
        "differences": {
            "withdrawn": [{"id": 7, "name": "智能终端产业园项目"}],
            "amended": [{"id": 8, "name": "数据中心项目"}, {"id": 9, "name": None}],
            "added": [],
            "removed": [],
        },
    }
    return figures


def test_a_published_bulletin_says_when_and_what_changed_since() -> None:
    text = [paragraph.text for paragraph in rendered(published_with_changes(), "en").paragraphs]
    assert "Figures as published on 25 August 2021, 10:30 by cli:clerk." in text
    assert (
        "Since it was published, the ledger has changed: 1 project withdrawn "
        "(智能终端产业园项目), 2 projects amended (数据中心项目; 9). These figures are as "
        "published." in text
    )
    chinese = [paragraph.text for paragraph in rendered(published_with_changes(), "zh").paragraphs]
    assert (
        "发布后台账已有变动：撤销项目1个（智能终端产业园项目），修改项目2个（数据中心项目；9）。"
        "以上为发布时的数据。" in chinese
    )


def test_breakdowns_beyond_the_spec_get_tables_of_their_own() -> None:
    document = rendered(samples.with_extras(samples.sce2021()), "zh")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-6:] == [
        "战略性新兴产业和世界500强企业投资",
        "按战略性新兴产业分类",
        "按产业链",
        "按园区",
        "按投资来源地",
        "落地区域外项目（单列）",
    ]
    assert row_named(document, "世界500强企业投资") == [
        "世界500强企业投资",
        "6",
        "307.8",
        "7%",
        "12%",
    ]
    assert row_named(document, "新一代信息技术产业")[:3] == ["新一代信息技术产业", "43", "1080.2"]
    assert row_named(document, "软件信息服务")[:3] == ["软件信息服务", "29", "653.6"]
    assert row_named(document, "两江数字经济产业园")[:3] == ["两江数字经济产业园", "7", "176.2"]
    assert row_named(document, "北京市")[:3] == ["北京市", "10", "421.6"]


def test_a_django_language_code_is_understood() -> None:
    document = rendered(samples.sce2021(), "zh-hans")
    assert document.paragraphs[1].text == "2021年8月23日"
    body = document.paragraphs[2].paragraph_format
    assert body.first_line_indent is not None  # 首行缩进, as Chinese paragraphs are set

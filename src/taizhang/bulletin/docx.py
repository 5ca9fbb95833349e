"""A bulletin as a Word document (``--format docx``): the text, a table per breakdown, charts.

Written with python-docx from its own blank template, so it opens in Word and LibreOffice alike.
Chinese text gets an East Asian font by name (``w:eastAsia``: 宋体 for the body, 黑体 for
headings) in the document's defaults and styles: the template's theme names no East Asian
font, and Word would otherwise pick one by the reader's locale. The page is A4.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import IO, Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from taizhang.bulletin import charts
from taizhang.bulletin.amounts import amount_in, threshold_en, threshold_zh
from taizhang.bulletin.text import paragraphs
from taizhang.bulletin.view import EXTRA_COLUMNS, MODES, Bulletin, Part, read_figures
from taizhang.bulletin.wording import date_text, label

#: East Asian fonts by role; every Chinese Windows and LibreOffice has (or maps) them.
BODY_FONT_EAST_ASIAN = "宋体"
HEADING_FONT_EAST_ASIAN = "黑体"
#: The width charts take on the page: A4 less 2.5 cm margins.
CHART_WIDTH = Cm(16)
#: The width of a table's first column, which holds names.
NAME_WIDTH = Cm(6)
#: What a table shows where there is nothing to compare with.
NOTHING = "—"

Output = str | IO[bytes]


def render_docx(figures: Mapping[str, Any], language: str, output: Output) -> None:
    """Write the bulletin of ``figures`` (the JSON form, as a dict) in ``language`` as a .docx
    to ``output``, a path or a binary file object."""
    bulletin = read_figures(figures, language)
    language = bulletin.language  # "zh-hans" asked for is "zh" from here on
    document = Document()
    _prepare(document, bulletin)
    document.add_heading(label("title", language, event=bulletin.name), level=0)
    document.add_paragraph(date_text(bulletin.date, language))
    for text in paragraphs(bulletin, with_changes=True):
        paragraph = document.add_paragraph(text)
        if language == "zh":
            # 首行缩进两字: how every Chinese document sets its body paragraphs.
            paragraph.paragraph_format.first_line_indent = Pt(24)

    _section(document, label("by_mode", language))
    _parts_table(document, bulletin, label("mode", language), _modes(bulletin), by_count=False)

    _section(document, label("bands", language))
    _band_table(document, bulletin)
    _chart(document, charts.band_chart(bulletin))

    _section(document, label("by_sector", language))
    _parts_table(document, bulletin, label("sector", language), [*bulletin.sectors, bulletin.total])
    _chart(document, charts.sector_chart(bulletin))

    _section(document, label("by_investor_type", language))
    _parts_table(
        document,
        bulletin,
        label("investor_type", language),
        [*bulletin.investor_types, bulletin.total],
    )
    _chart(document, charts.investor_type_chart(bulletin))

    _section(document, label("by_region", language))
    _parts_table(document, bulletin, label("region", language), [*bulletin.regions, bulletin.total])

    noted = [part for part in (bulletin.strategic_emerging, bulletin.fortune_global_500) if part]
    if noted:
        _section(document, label("highlights", language))
        _parts_table(document, bulletin, label("item", language), noted)

    for key, parts in bulletin.extras.items():
        _section(document, label(key, language))
        _parts_table(document, bulletin, label(EXTRA_COLUMNS[key], language), parts)

    if bulletin.outside.projects:
        _section(document, label("outside_host", language))
        _plain_table(
            document,
            [label("region", language), label("projects", language), label("value", language)],
            [
                [part.name, str(part.projects), amount_in(part.value, language)]
                for part in [*bulletin.outside_regions, _renamed(bulletin.outside, bulletin)]
            ],
        )
    document.save(output)


def _modes(bulletin: Bulletin) -> list[Part]:
    return [*(bulletin.modes[mode] for mode in MODES), bulletin.total]


def _renamed(part: Part, bulletin: Bulletin) -> Part:
    """``part`` named "Total", for the last row of a table of its regions."""
    return replace(part, key="total", name=label("total", bulletin.language))


# --- document set-up ----------------------------------------------------------------------


def _east_asian_font(rpr: Any, font: str) -> None:
    """Name ``font`` as the East Asian font of a run-properties element, replacing the theme
    font the template names (which Word's theme leaves empty)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), font)


def _prepare(document: DocxDocument, bulletin: Bulletin) -> None:
    """A4 page, East Asian fonts and languages, and the document's properties."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _east_asian_font(rpr, BODY_FONT_EAST_ASIAN)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB" if bulletin.language == "en" else "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")

    for style in document.styles:
        style_rpr = style.element.rPr
        fonts = style_rpr.find(qn("w:rFonts")) if style_rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsiaTheme")):
            heading = style.name == "Title" or style.name.startswith("Heading")
            font = HEADING_FONT_EAST_ASIAN if heading else BODY_FONT_EAST_ASIAN
            _east_asian_font(style_rpr, font)
    if bulletin.language == "zh":
        # Chinese body text in 12 pt reads like the bureau's documents; 11 pt is Latin's.
        document.styles["Normal"].font.size = Pt(12)

    properties = document.core_properties
    properties.title = label("title", bulletin.language, event=bulletin.name)
    properties.subject = bulletin.code
    properties.language = "en-GB" if bulletin.language == "en" else "zh-CN"
    properties.author = "taizhang"


def _section(document: DocxDocument, title: str) -> None:
    document.add_heading(title, level=1)


def _chart(document: DocxDocument, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


# --- tables -------------------------------------------------------------------------------


def _plain_table(document: DocxDocument, header: Sequence[str], rows: list[list[str]]) -> None:
    """A grid table with a bold header row; every column after the first is numbers, right."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Names need room; numbers share the rest of the page's width.
    widths = [NAME_WIDTH] + [(CHART_WIDTH - NAME_WIDTH) // (len(header) - 1)] * (len(header) - 1)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by; Word reads the cells'
    for row_index, values in enumerate([list(header), *rows]):
        for column, value in enumerate(values):
            cell = table.cell(row_index, column)
            cell.width = widths[column]
            cell.text = value
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if row_index == 0:
                for run in paragraph.runs:
                    run.bold = True
    document.add_paragraph()


def _parts_table(
    document: DocxDocument,
    bulletin: Bulletin,
    first: str,
    parts: Sequence[Part],
    by_count: bool = True,
) -> None:
    language = bulletin.language
    header = [first, label("projects", language), label("value", language)]
    if by_count:
        header.append(label("share_of_projects", language))
    header.append(label("share_of_value", language))
    rows = []
    for part in parts:
        row = [part.name, str(part.projects), amount_in(part.value, language)]
        if by_count:
            row.append(f"{part.percent_of_projects}%")
        row.append(f"{part.percent_of_value}%")
        rows.append(row)
    _plain_table(document, header, rows)


def _band_table(document: DocxDocument, bulletin: Bulletin) -> None:
    language = bulletin.language
    threshold = threshold_zh if language == "zh" else threshold_en
    header = [
        label("band", language),
        label("projects", language),
        label("previous", language),
        label("change", language),
    ]
    rows = [
        [
            label("at_least", language, amount=threshold(band.minimum)),
            str(band.projects),
            NOTHING if band.previous is None else str(band.previous),
            NOTHING if band.change is None else f"{band.change:+d}" if band.change else "0",
        ]
        for band in bulletin.bands
    ]
    _plain_table(document, header, rows)

"""The blank template: headers to fill in, drop-down lists, an example row, instructions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from taizhang.ledger.exporting.rows import KEYS, headers
from taizhang.ledger.exporting.template import write_template
from taizhang.ledger.importing.amounts import parse_amount
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import COLUMNS_BY_KEY, REQUIRED_KEYS, map_header_row
from taizhang.ledger.importing.vocabularies import (
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
    split_investors,
)
from taizhang.ledger.regions import RegionLookup
from tests.ledger.exports.conftest import Ledger, parse_xml, read_xlsx, sheet_xml

pytestmark = pytest.mark.django_db

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
LANGUAGES = pytest.mark.parametrize("language", ["zh", "en"])


def template(tmp_path: Path, language: str, unit: str = "yi", event=None) -> Path:
    path = tmp_path / f"template-{language}.xlsx"
    write_template(path, language=language, unit=unit, event=event)
    return path


def validations(path: Path) -> dict[str, tuple[str, str, str]]:
    """Each validated column's letter → (type, error style, first formula)."""
    root = parse_xml(sheet_xml(path))
    found = {}
    for element in root.iter(f"{MAIN}dataValidation"):
        letter = re.match(r"[A-Z]+", element.get("sqref", "")).group(0)  # type: ignore[union-attr]
        formula = element.find(f"{MAIN}formula1")
        found[letter] = (
            element.get("type", ""),
            element.get("errorStyle", "stop"),
            formula.text if formula is not None else "",
        )
    return found


def letter(key: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUV"[KEYS.index(key)]


@LANGUAGES
def test_the_template_opens_with_the_ledger_headers_an_example_and_instructions(
    ledger: Ledger, tmp_path: Path, language: str
):
    path = template(tmp_path, language)
    sheets = {"zh": ["台账", "填写说明", "选项"], "en": ["Ledger", "Instructions", "Lists"]}
    assert CalamineWorkbook.from_path(str(path)).sheet_names == sheets[language]
    rows = read_xlsx(path)
    assert rows[0] == headers(language, "yi")
    assert len(rows) == 2  # the header and the example
    header_map = map_header_row(rows[0])
    assert header_map.errors == []
    assert header_map.units["value"].multiplier == 100_000_000


@LANGUAGES
def test_the_example_row_is_one_the_importer_reads_without_a_problem(
    ledger: Ledger, tmp_path: Path, language: str
):
    rows = read_xlsx(template(tmp_path, language, unit="wan"))
    header_map = map_header_row(rows[0])
    cell = {key: rows[1][index] for key, index in header_map.columns.items()}
    assert parse_amount(cell["value"], header_map.units["value"]).value == 1_200_000_000
    assert parse_investor_type(cell["investor_type"]) == "private"
    assert parse_signing_mode(cell["mode"]) == "offline"
    assert parse_project_type(cell["project_type"]) == "new"
    assert parse_strategic_emerging(cell["strategic_emerging"]) == (True, "5")
    assert len(split_investors(cell["investor"])) == 2
    for key in ("signing_date", "planned_start", "planned_production"):
        parse_date(cell[key])
    lookup = RegionLookup.from_database()
    assert lookup.resolve(cell["region"]).code == "CQ-LJ"
    assert lookup.resolve(cell["investor_origin"]).code == "440000"
    assert cell["event"] == "SCE2021"  # the latest event
    # a chain the ledger has: the importer refuses one it does not know
    assert (
        cell["industry_chain"]
        == {"zh": "智能网联新能源汽车", "en": "Smart connected new-energy vehicles"}[language]
    )
    assert all(cell[key] not in ("", None) for key in REQUIRED_KEYS)


@LANGUAGES
def test_closed_vocabularies_have_drop_downs_that_refuse_other_words(
    ledger: Ledger, tmp_path: Path, language: str
):
    found = validations(template(tmp_path, language))
    expected = {
        "zh": {
            "investor_type": '"国有,民营,外资,其他"',
            "mode": '"线下签约,线上签约,场外签约"',
            "project_type": '"新建,扩建,总部,研发,基金,其他"',
        },
        "en": {
            "investor_type": '"state,private,foreign,other"',
            "mode": '"offline,online,offsite"',
            "project_type": '"new,expansion,headquarters,r&d,fund,other"',
        },
    }[language]
    for key, formula in expected.items():
        assert found[letter(key)] == ("list", "stop", formula)


@LANGUAGES
def test_long_lists_stand_on_a_hidden_sheet_the_drop_downs_refer_to(
    ledger: Ledger, tmp_path: Path, language: str
):
    path = template(tmp_path, language)
    lists = {"zh": "选项", "en": "Lists"}[language]
    found = validations(path)
    strategic = found[letter("strategic_emerging")]
    assert strategic[:2] == ("list", "stop")
    assert strategic[2] == f"'{lists}'!$A$2:$A$12"  # yes, no and nine categories
    region = found[letter("region")]
    assert region[:2] == ("list", "warning")  # a code or another city's region may be typed
    assert re.fullmatch(rf"'{lists}'!\$B\$2:\$B\$\d+", region[2])
    assert re.search(
        rf'<sheet name="{lists}" sheetId="3" state="hidden"', sheet_xml(path, "xl/workbook.xml")
    )


def test_the_region_list_holds_the_hosts_regions_and_the_provinces(ledger: Ledger, tmp_path: Path):
    regions = [row[1] for row in read_xlsx(template(tmp_path, "zh"), "选项")[1:] if row[1]]
    assert regions[0] == "万州区"
    assert {"渝北区", "两江新区", "西部（重庆）科学城", "广东省", "香港特别行政区"} <= set(regions)
    assert "美国" not in regions
    assert len(regions) == len(set(regions))


def test_without_industry_chains_the_example_names_none(db, tmp_path: Path):
    rows = read_xlsx(template(tmp_path, "zh"))
    assert rows[1][KEYS.index("industry_chain")] == ""
    assert rows[1][KEYS.index("event")] == "SCE2021"  # no event yet: a plausible code


def test_an_events_template_lists_the_regions_within_its_host(ledger: Ledger, tmp_path: Path):
    path = template(tmp_path, "en", event=ledger.liangjiang)
    regions = [row[1] for row in read_xlsx(path, "Lists")[1:] if row[1]]
    assert regions[0] == "Liangjiang New Area"
    assert "Yubei District" not in regions
    assert "Guangdong" in regions
    assert read_xlsx(path)[1][KEYS.index("event")] == "LJ2021"


@LANGUAGES
def test_amounts_and_dates_are_checked_with_a_warning(
    ledger: Ledger, tmp_path: Path, language: str
):
    found = validations(template(tmp_path, language))
    assert found[letter("value")] == ("decimal", "warning", "0")
    assert found[letter("signing_date")][:2] == ("date", "warning")


def test_required_headers_are_red_and_every_header_has_a_note(ledger: Ledger, tmp_path: Path):
    path = template(tmp_path, "zh")
    sheet = sheet_xml(path)
    styles = parse_xml(sheet_xml(path, "xl/styles.xml"))
    fonts = list(styles.find(f"{MAIN}fonts"))  # type: ignore[arg-type]
    cell_formats = list(styles.find(f"{MAIN}cellXfs"))  # type: ignore[arg-type]

    def is_red(key: str) -> bool:
        style = re.search(rf'<c r="{letter(key)}1" s="(\d+)"', sheet).group(1)  # type: ignore[union-attr]
        font = fonts[int(cell_formats[int(style)].get("fontId", "0"))]
        color = font.find(f"{MAIN}color")
        return color is not None and color.get("rgb") == "FFC00000"

    assert [key for key in KEYS if is_red(key)] == list(REQUIRED_KEYS)
    comments = sheet_xml(path, "xl/comments1.xml")
    assert comments.count("<comment ") == len(KEYS)
    assert "国有、民营、外资或其他" in comments


@LANGUAGES
def test_the_instructions_describe_every_column(ledger: Ledger, tmp_path: Path, language: str):
    path = template(tmp_path, language)
    sheet = {"zh": "填写说明", "en": "Instructions"}[language]
    rows = read_xlsx(path, sheet)
    described = {row[0]: row for row in rows if row[0] in headers(language, "yi")}
    assert len(described) == len(KEYS)
    other = "en" if language == "zh" else "zh"
    for key, header in zip(KEYS, headers(language, "yi"), strict=True):
        assert described[header][1] == getattr(COLUMNS_BY_KEY[key], other)
        assert described[header][3]

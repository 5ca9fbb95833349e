"""The blank ledger template: ``taizhang export-ledger --template``.

A workbook a district can fill in and import as it is: the ledger's headers in English or
Chinese (required ones in red, each with a note of what it accepts), drop-down lists for the
closed vocabularies and the regions, one example row, and a sheet of instructions. Short lists
are written into the validation itself; long ones (regions, strategic emerging industries)
stand on a hidden sheet the validation refers to, since Excel caps an inline list at 255
characters.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db.models import Q
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from taizhang.ledger.exporting import guide, words
from taizhang.ledger.exporting.files import Target, output_file
from taizhang.ledger.exporting.numbers import amount_format, as_double
from taizhang.ledger.exporting.rows import (
    KEYS,
    Cell,
    Kind,
    RegionNames,
    bilingual_name,
    headers,
    kind_of,
)
from taizhang.ledger.exporting.xlsx import (
    DATE_FORMAT,
    MAX_ROWS,
    WORKBOOK_OPTIONS,
    column_width,
    decimals_of,
)
from taizhang.ledger.importing.amounts import in_unit
from taizhang.ledger.importing.dates import EARLIEST, LATEST
from taizhang.ledger.importing.headers import COLUMNS_BY_KEY
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.models import Event, IndustryChain, Region
from taizhang.ledger.regions import RegionLookup

#: The example row's contract value: 1.2 billion yuan, written in the template's unit.
EXAMPLE_VALUE = Decimal("1200000000")
#: The event code the example row names when the ledger has no event yet.
EXAMPLE_EVENT = "SCE2021"
EXAMPLE_DATE = datetime.date(2021, 8, 23)


@dataclass(frozen=True)
class TemplateSummary:
    """What the template holds: its language, unit, and how many regions its list offers."""

    language: str
    unit: str
    regions: int


def write_template(
    target: Target, *, language: str = "zh", unit: str = "yuan", event: Event | None = None
) -> TemplateSummary:
    """Write the blank template to ``target`` (a path, or a binary stream).

    ``event`` narrows the region list to its host and fills the example row's event; without
    one the list holds the regions within every event's host (every region below a province
    when there is no event yet) and China's provinces.
    """
    language = words.language_of(language)
    if unit not in EXPORT_UNITS:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(EXPORT_UNITS)}")
    event = event or Event.objects.order_by("-date", "code").first()
    regions = template_regions(event)
    names = RegionNames(RegionLookup.from_database(), language)
    region_cells = [cell for cell in (names.cell(region) for region in regions) if cell]
    with output_file(target, ".xlsx") as path:
        _write(path, language, unit, event, region_cells)
    return TemplateSummary(language, unit, len(region_cells))


def template_regions(event: Event | None) -> list[Region]:
    """The regions the template's list offers: those within the host, then the provinces."""
    local = Region.objects.filter(is_active=True).exclude(
        level__in=[Region.Level.COUNTRY, Region.Level.PROVINCE]
    )
    hosts = (
        [event.host]
        if event is not None
        else list(Region.objects.filter(hosted_events__isnull=False).distinct())
    )
    if hosts:
        within = Q()
        for host in hosts:
            within |= Q(path__startswith=host.path)
        local = local.filter(within)
    provinces = Region.objects.filter(is_active=True, level=Region.Level.PROVINCE)
    return [*local.order_by("path"), *provinces.order_by("code")]


def example_row(
    language: str, unit: str, event: Event | None, regions: list[str], chain: str | None = None
) -> dict[str, Cell]:
    """A plausible project, as a clerk would write it in ``language``.

    Its industry chain is ``chain``, one the ledger has, or none: the importer refuses a chain
    it does not know (each has an official answerable for it), and so would refuse the example.
    """
    zh = language == "zh"
    region = "两江新区" if zh else "Liangjiang New Area"
    choices = words.strategic_emerging_choices(language)
    return {
        "name": "智能网联汽车零部件生产基地项目" if zh else "Smart connected vehicle parts plant",
        "investor": words.INVESTOR_SEPARATORS[language].join(
            ["重庆某某汽车零部件有限公司", "某某科技股份有限公司"]
            if zh
            else ["Example Auto Parts Co., Ltd.", "Example Technology Co., Ltd."]
        ),
        "investor_type": words.investor_type_word("private", language),
        "value": in_unit(EXAMPLE_VALUE, EXPORT_UNITS[unit]),
        "mode": words.signing_mode_word("offline", language),
        "signing_date": event.date if event is not None else EXAMPLE_DATE,
        "region": region if region in regions else (regions[0] if regions else None),
        "sector": "智能制造" if zh else "Intelligent manufacturing",
        "event": event.code if event is not None else EXAMPLE_EVENT,
        "investor_origin": "广东省" if zh else "Guangdong",
        "strategic_emerging": choices[2 + 4],  # the fifth category: new energy vehicles
        "industry_chain": chain,
        "project_type": words.project_type_word("new", language),
        "responsible_unit": "两江新区管委会" if zh else "Liangjiang New Area Administration",
        "responsible_person": "张三" if zh else "Zhang San",
        "planned_start": datetime.date(2021, 12, 1),
        "planned_production": datetime.date(2023, 6, 30),
        "description": (
            "建设智能网联汽车零部件生产线20条，年产零部件100万套"
            if zh
            else "20 production lines for smart connected vehicle parts, 1 million sets a year"
        ),
    }


def _write(path: Path, language: str, unit: str, event: Event | None, regions: list[str]) -> None:
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    try:
        ledger = workbook.add_worksheet(guide.SHEET_LEDGER.in_language(language))
        instructions = workbook.add_worksheet(guide.SHEET_INSTRUCTIONS.in_language(language))
        lists = workbook.add_worksheet(guide.SHEET_LISTS.in_language(language))
        lists.hide()
        header = headers(language, unit)
        _write_header(workbook, ledger, header, language)
        chain = IndustryChain.objects.order_by("code").first()
        example = example_row(
            language, unit, event, regions, bilingual_name(chain, language) if chain else None
        )
        _write_example(workbook, ledger, example, unit)
        references = _write_lists(lists, language, regions)
        _add_validations(ledger, language, references)
        _write_instructions(workbook, instructions, header, language)
        ledger.activate()
    finally:
        workbook.close()


def _write_header(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, header: list[str], language: str
) -> None:
    required = workbook.add_format(
        {"bold": True, "font_color": "#C00000", "bg_color": "#DDEBF7", "border": 1}
    )
    optional = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    for index, (key, text) in enumerate(zip(KEYS, header, strict=True)):
        column = COLUMNS_BY_KEY[key]
        sheet.set_column(index, index, column_width(key, text))
        sheet.write_string(0, index, text, required if column.required else optional)
        note = f"{_requirement(key).in_language(language)}\n{_accepted(key, language)}"
        sheet.write_comment(0, index, note, {"x_scale": 2, "y_scale": 1.6})
    sheet.freeze_panes(1, 0)


def _requirement(key: str) -> guide.Text:
    if key == "event":
        return guide.REQUIRED_UNLESS_EVENT
    return guide.REQUIRED if COLUMNS_BY_KEY[key].required else guide.OPTIONAL


def _accepted(key: str, language: str) -> str:
    return guide.ACCEPTED[key].in_language(language)


def _write_example(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, row: dict[str, Cell], unit: str
) -> None:
    style = {"italic": True, "font_color": "#7F7F7F"}
    text = workbook.add_format(style)
    amount = workbook.add_format({**style, "num_format": amount_format(decimals_of(unit))})
    date = workbook.add_format({**style, "num_format": DATE_FORMAT})
    for index, key in enumerate(KEYS):
        value = row.get(key)
        if value is None:
            continue
        kind = kind_of(key)
        if kind is Kind.AMOUNT:
            sheet.write_number(1, index, as_double(value), amount)  # type: ignore[arg-type]
        elif kind is Kind.DATE:
            sheet.write_datetime(1, index, value, date)
        else:
            sheet.write_string(1, index, str(value), text)


@dataclass(frozen=True)
class _Lists:
    strategic_emerging: str
    regions: str | None


def _write_lists(sheet: Worksheet, language: str, regions: list[str]) -> _Lists:
    """The long lists on the hidden sheet, one column each under its column's header; returns
    the ranges the validations refer to."""
    columns = {
        "strategic_emerging": words.strategic_emerging_choices(language),
        "region": regions,
    }
    references: dict[str, str | None] = {}
    for index, (key, values) in enumerate(columns.items()):
        column = COLUMNS_BY_KEY[key]
        sheet.write_string(0, index, column.zh if language == "zh" else column.en)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, index, value)
        sheet.set_column(index, index, 30)
        references[key] = _range(sheet.name, index, len(values)) if values else None
    return _Lists(references["strategic_emerging"] or "", references["region"])


def _range(sheet_name: str, column: int, count: int) -> str:
    letter = xl_col_to_name(column, col_abs=True)
    quoted = sheet_name.replace("'", "''")
    return f"='{quoted}'!{letter}$2:{letter}${count + 1}"


def _add_validations(sheet: Worksheet, language: str, lists: _Lists) -> None:
    """Drop-downs and checks on every data row of the ledger sheet."""
    closed = {
        "investor_type": words.investor_types(language),
        "mode": words.signing_modes(language),
        "project_type": words.project_types(language),
    }
    for key, values in closed.items():
        _validate(sheet, key, language, {"validate": "list", "source": values})
    _validate(
        sheet,
        "strategic_emerging",
        language,
        {"validate": "list", "source": lists.strategic_emerging},
    )
    if lists.regions:
        # A code, an alias or another city's region is accepted too: warn, don't refuse.
        _validate(
            sheet,
            "region",
            language,
            {"validate": "list", "source": lists.regions, "error_type": "warning"},
        )
    for key in ("value", "original_value"):
        _validate(
            sheet,
            key,
            language,
            {"validate": "decimal", "criteria": ">", "value": 0, "error_type": "warning"},
        )
    for key in ("signing_date", "planned_start", "planned_production"):
        _validate(
            sheet,
            key,
            language,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": datetime.datetime.combine(EARLIEST, datetime.time()),
                "maximum": datetime.datetime.combine(LATEST, datetime.time()),
                "error_type": "warning",
            },
        )


def _validate(sheet: Worksheet, key: str, language: str, options: dict[str, Any]) -> None:
    index = KEYS.index(key)
    column = COLUMNS_BY_KEY[key]
    title = column.zh if language == "zh" else column.en
    message = _accepted(key, language)
    sheet.data_validation(
        1,
        index,
        MAX_ROWS - 1,
        index,
        {
            "error_type": "stop",
            "error_title": title[:32],
            "error_message": message[:255],
            "input_title": title[:32],
            "input_message": message[:255],
            **options,
        },
    )


def _write_instructions(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, header: list[str], language: str
) -> None:
    title = workbook.add_format({"bold": True, "font_size": 14})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    red = workbook.add_format({"text_wrap": True, "valign": "top", "font_color": "#C00000"})
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 90)
    sheet.write_string(0, 0, guide.TITLE.in_language(language), title)
    row = 2
    for number, step in enumerate(guide.STEPS, start=1):
        sheet.write_string(row, 0, f"{number}. {step.in_language(language)}")
        row += 1
    row += 1
    for column, text in enumerate(guide.COLUMN_TABLE):
        sheet.write_string(row, column, text.in_language(language), bold)
    other = "en" if language == "zh" else "zh"
    for key, text in zip(KEYS, header, strict=True):
        row += 1
        column = COLUMNS_BY_KEY[key]
        sheet.write_string(row, 0, text, red if column.required else wrap)
        sheet.write_string(row, 1, column.zh if other == "zh" else column.en, wrap)
        sheet.write_string(row, 2, _requirement(key).in_language(language), wrap)
        sheet.write_string(row, 3, _accepted(key, language), wrap)

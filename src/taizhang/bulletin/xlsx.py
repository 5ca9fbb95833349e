"""A bulletin as an Excel workbook (``--format xlsx``), and a series' editions as another.

One sheet per breakdown, numbers as numbers: counts as integers, amounts both in the reader's
unit (¥ billion in English, 亿元 in Chinese; shown to one decimal, held exactly) and in yuan to
the fen, shares as fractions shown as percentages. The summary sheet carries native Excel
charts (value by sector and by investor type, projects by value band) drawn from the other
sheets' cells, so they stay true if someone edits a number. Amounts are exact in the cell
whenever a double can hold them, which is any amount of 15 significant digits or fewer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from taizhang.bulletin.amounts import (
    BILLION,
    HUNDRED_MILLION,
    as_number,
    in_unit,
    share,
    threshold_en,
    threshold_zh,
)
from taizhang.bulletin.text import changes_note, paragraphs, publication_note
from taizhang.bulletin.view import EXTRA_COLUMNS, Bulletin, Part, read_figures
from taizhang.bulletin.wording import date_text, label, language_of, name_of
from taizhang.ledger.exporting.xlsx import WORKBOOK_OPTIONS, display_width

Output = str | IO[bytes]
#: A cell: its kind (how it is written and shown) and its value; None leaves it blank.
Cell = tuple[str, Any]

_FORMATS: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14},
    "header": {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1},
    "text": {},
    "wrap": {"text_wrap": True, "valign": "top"},
    "count": {"num_format": "#,##0"},
    "year": {"num_format": "0"},
    "change": {"num_format": "+#,##0;-#,##0;0"},
    "unit": {"num_format": "#,##0.0"},
    "usd": {"num_format": "#,##0.00"},
    "yuan": {"num_format": "#,##0.00"},
    "share": {"num_format": "0.00%"},
    "date": {"num_format": "yyyy-mm-dd"},
}
#: Column widths (characters) each kind of number needs, e.g. "252,400,000,000.00".
_WIDTHS = {
    "year": 8,
    "count": 10,
    "change": 10,
    "unit": 12,
    "usd": 12,
    "yuan": 20,
    "share": 10,
    "date": 12,
}
#: Where the summary sheet's charts go, and how big they are (pixels).
CHART_COLUMN = 8
CHART_SIZE = {"width": 640, "height": 340}
CHART_ROWS = 18


class _Book:
    """A workbook being written: its formats, and tables written as typed cells."""

    def __init__(self, output: Output, language: str) -> None:
        self.language = language_of(language)
        self.workbook: Workbook = xlsxwriter.Workbook(output, dict(WORKBOOK_OPTIONS))
        self.formats = {kind: self.workbook.add_format(spec) for kind, spec in _FORMATS.items()}
        self.unit = HUNDRED_MILLION if self.language == "zh" else BILLION

    def label(self, key: str, **fields: object) -> str:
        return label(key, self.language, **fields)

    def sheet(self, key: str) -> Worksheet:
        """A new worksheet named by the label ``key``, printed landscape, one page wide."""
        sheet = self.workbook.add_worksheet(self.label(key))
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        return sheet

    def amount(self, value: Decimal) -> list[Cell]:
        """An amount as two cells: in the reader's unit, and in yuan."""
        return [("unit", in_unit(value, self.unit)), ("yuan", value)]

    def amount_headers(self) -> list[str]:
        return [self.label("value"), self.label("value_yuan")]

    def write(self, sheet: Worksheet, row: int, column: int, cell: Cell) -> None:
        kind, value = cell
        if value is None:
            sheet.write_blank(row, column, None, self.formats[kind])
        elif kind in ("text", "wrap", "title", "header"):
            sheet.write_string(row, column, str(value), self.formats[kind])
        elif kind == "date":
            sheet.write_datetime(row, column, value, self.formats[kind])
        elif kind in ("count", "change", "year"):
            sheet.write_number(row, column, int(value), self.formats[kind])
        else:
            sheet.write_number(row, column, as_number(value), self.formats[kind])

    def table(
        self,
        sheet: Worksheet,
        top: int,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        freeze: bool = True,
    ) -> int:
        """Write ``header`` at row ``top`` and ``rows`` under it; size the columns; keep the
        header in view (``freeze``); return the row after the table."""
        for column, text in enumerate(header):
            self.write(sheet, top, column, ("header", text))
            widths = [display_width(text) + 2] + [
                display_width(str(value)) + 2 if kind == "text" else _WIDTHS.get(kind, 10)
                for kind, value in (row[column] for row in rows)
            ]
            sheet.set_column(column, column, min(max(widths), 50))
        for offset, row in enumerate(rows, start=1):
            for column, cell in enumerate(row):
                self.write(sheet, top + offset, column, cell)
        if freeze:
            sheet.freeze_panes(top + 1, 1)
        return top + 1 + len(rows)

    def close(self) -> None:
        self.workbook.close()


@dataclass(frozen=True)
class _Range:
    """Where a table's data rows are on a sheet, for a chart to refer to."""

    sheet: str
    first: int
    last: int


# --- an event's bulletin ------------------------------------------------------------------------


def render_xlsx(figures: Mapping[str, Any], language: str, output: Output) -> None:
    """Write the bulletin of ``figures`` (the JSON form, as a dict) in ``language`` as an .xlsx
    to ``output``, a path or a binary file object."""
    bulletin = read_figures(figures, language)
    book = _Book(output, language)
    summary = book.sheet("sheet_summary")
    _parts_sheet(book, "sheet_modes", "mode", _modes(bulletin), bulletin.total)
    bands = _bands_sheet(book, bulletin)
    sectors = _parts_sheet(book, "sheet_sectors", "sector", bulletin.sectors, bulletin.total)
    investors = _parts_sheet(
        book, "sheet_investor_types", "investor_type", bulletin.investor_types, bulletin.total
    )
    _parts_sheet(book, "sheet_regions", "region", bulletin.regions, bulletin.total)
    for key, parts in bulletin.extras.items():
        _parts_sheet(book, f"sheet_{key}", EXTRA_COLUMNS[key], parts)
    _outside_sheet(book, bulletin)
    _text_sheet(book, bulletin)
    _summary(book, summary, bulletin)
    _charts(book, summary, bulletin, sectors=sectors, investors=investors, bands=bands)
    book.close()


def _modes(bulletin: Bulletin) -> list[Part]:
    return [bulletin.modes[mode] for mode in ("live", "offline", "online", "offsite")]


def _part_row(book: _Book, part: Part) -> list[Cell]:
    return [
        ("text", part.name),
        ("count", part.projects),
        *book.amount(part.value),
        ("share", part.share_of_projects),
        ("share", part.share_of_value),
    ]


def _part_header(book: _Book, first: str) -> list[str]:
    return [
        book.label(first),
        book.label("projects"),
        *book.amount_headers(),
        book.label("share_of_projects"),
        book.label("share_of_value"),
    ]


def _parts_sheet(
    book: _Book, sheet_key: str, first: str, parts: Sequence[Part], total: Part | None = None
) -> _Range:
    """A breakdown on a sheet of its own, with a total row when ``total`` is given."""
    sheet = book.sheet(sheet_key)
    rows = [_part_row(book, part) for part in parts]
    if total is not None:
        rows.append(_part_row(book, total))
    book.table(sheet, 0, _part_header(book, first), rows)
    return _Range(sheet.name, 1, len(parts))


def _bands_sheet(book: _Book, bulletin: Bulletin) -> _Range:
    sheet = book.sheet("sheet_bands")
    threshold = threshold_zh if book.language == "zh" else threshold_en
    header = [
        book.label("band"),
        book.label("minimum_yuan"),
        book.label("projects"),
        book.label("previous"),
        book.label("change"),
        book.label("share_of_projects"),
    ]
    rows = [
        [
            ("text", book.label("at_least", amount=threshold(band.minimum))),
            ("yuan", band.minimum),
            ("count", band.projects),
            ("count", band.previous),
            ("change", band.change),
            ("share", share(band.projects, bulletin.projects)),
        ]
        for band in bulletin.bands
    ]
    book.table(sheet, 0, header, rows)
    return _Range(sheet.name, 1, len(rows))


def _outside_sheet(book: _Book, bulletin: Bulletin) -> None:
    sheet = book.sheet("sheet_outside_host")
    header = [book.label("region"), book.label("projects"), *book.amount_headers()]
    outside = bulletin.outside
    rows = [
        [("text", part.name), ("count", part.projects), *book.amount(part.value)]
        for part in bulletin.outside_regions
    ]
    rows.append(
        [("text", book.label("total")), ("count", outside.projects), *book.amount(outside.value)]
    )
    book.table(sheet, 0, header, rows)


def _text_sheet(book: _Book, bulletin: Bulletin) -> None:
    sheet = book.sheet("sheet_text")
    sheet.set_column(0, 0, 110)
    for row, text in enumerate(paragraphs(bulletin, with_changes=True)):
        book.write(sheet, row, 0, ("wrap", text))


def _unshared_row(book: _Book, name: str, projects: int, value: Decimal) -> list[Cell]:
    return [
        ("text", name),
        ("count", projects),
        *book.amount(value),
        ("share", None),
        ("share", None),
    ]


def _summary(book: _Book, sheet: Worksheet, bulletin: Bulletin) -> None:
    """The event, its totals and the lines a reader looks for first, above the charts."""
    book.write(sheet, 0, 0, ("title", book.label("title", event=bulletin.name)))
    book.write(
        sheet, 1, 0, ("text", f"{bulletin.code} · {date_text(bulletin.date, book.language)}")
    )
    for row, note in enumerate([publication_note(bulletin), changes_note(bulletin)], start=2):
        if note:
            book.write(sheet, row, 0, ("text", note))
    rows: list[list[Cell]] = [_part_row(book, bulletin.total)]
    rows += [_part_row(book, part) for part in _modes(bulletin)]
    for noted in (bulletin.strategic_emerging, bulletin.fortune_global_500):
        if noted is not None:
            rows.append(_part_row(book, noted))
    # Outside the host and the previous edition are no part of the host total: no shares.
    outside = bulletin.outside
    rows.append(_unshared_row(book, outside.name, outside.projects, outside.value))
    previous = bulletin.previous_edition
    if previous is not None:
        name = f"{book.label('previous_edition')} ({previous.code})"
        rows.append(_unshared_row(book, name, previous.projects, previous.value))
    end = book.table(sheet, 4, _part_header(book, "item"), rows, freeze=False)
    if bulletin.value_usd is not None:
        book.write(sheet, end + 1, 0, ("text", book.label("value_usd")))
        book.write(sheet, end + 1, 2, ("usd", in_unit(bulletin.value_usd, book.unit)))
    sheet.set_column(0, 0, 36)


def _charts(
    book: _Book,
    sheet: Worksheet,
    bulletin: Bulletin,
    *,
    sectors: _Range,
    investors: _Range,
    bands: _Range,
) -> None:
    unit = book.label("unit_value")
    for index, (data, title) in enumerate(
        [(sectors, "chart_sector"), (investors, "chart_investor_type")]
    ):
        chart = book.workbook.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": book.label(title),
                "categories": [data.sheet, data.first, 0, data.last, 0],
                "values": [data.sheet, data.first, 2, data.last, 2],
                "data_labels": {"value": True, "num_format": "#,##0.0"},
                "fill": {"color": "#1F4E79"},
            }
        )
        chart.set_title({"name": book.label(title)})
        chart.set_x_axis({"name": unit, "num_format": "#,##0"})
        chart.set_y_axis({"reverse": True})  # the bulletin's order, top to bottom
        chart.set_legend({"none": True})
        chart.set_size(CHART_SIZE)
        sheet.insert_chart(index * CHART_ROWS, CHART_COLUMN, chart)

    chart = book.workbook.add_chart({"type": "column"})
    if all(band.previous is not None for band in bulletin.bands):
        chart.add_series(
            {
                "name": book.label("previous_edition"),
                "categories": [bands.sheet, bands.first, 0, bands.last, 0],
                "values": [bands.sheet, bands.first, 3, bands.last, 3],
                "data_labels": {"value": True},
                "fill": {"color": "#A5A5A5"},
            }
        )
    chart.add_series(
        {
            "name": book.label("this_edition"),
            "categories": [bands.sheet, bands.first, 0, bands.last, 0],
            "values": [bands.sheet, bands.first, 2, bands.last, 2],
            "data_labels": {"value": True},
            "fill": {"color": "#1F4E79"},
        }
    )
    chart.set_title({"name": book.label("chart_bands")})
    chart.set_y_axis({"name": book.label("unit_projects")})
    chart.set_legend({"position": "bottom"})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(2 * CHART_ROWS, CHART_COLUMN, chart)


# --- a series over its editions ---------------------------------------------------------------


def render_series_xlsx(series: Mapping[str, Any], language: str, output: Output) -> None:
    """Write a series' editions (``taizhang bulletin --series`` figures) in ``language`` as an
    .xlsx to ``output``: one row per edition (count, value, bands) and the sector mix, with
    charts of the trends."""
    book = _Book(output, language)
    editions = list(series["editions"])
    sheet = book.sheet("sheet_editions")
    mix = book.sheet("sheet_sector_mix")
    book.write(sheet, 0, 0, ("title", book.label("series_title", series=series["series"])))

    minimums = [Decimal(str(band["min"])) for band in editions[0]["bands"]] if editions else []
    threshold = threshold_zh if book.language == "zh" else threshold_en
    header = [
        book.label("edition"),
        book.label("event"),
        book.label("date"),
        book.label("projects"),
        *book.amount_headers(),
        *[book.label("at_least", amount=threshold(minimum)) for minimum in minimums],
    ]
    rows = []
    for edition in editions:
        counts = {Decimal(str(band["min"])): band["projects"] for band in edition["bands"]}
        rows.append(
            [
                ("year", edition["edition"]),
                ("text", name_of(edition, book.language)),
                ("date", datetime.date.fromisoformat(str(edition["date"])[:10])),
                ("count", edition["projects"]),
                *book.amount(Decimal(str(edition["value"]))),
                *[("count", counts.get(minimum)) for minimum in minimums],
            ]
        )
    top = 2
    book.table(sheet, top, header, rows)
    sheet.set_column(1, 1, 40)
    data = _Range(sheet.name, top + 1, top + len(rows))

    sectors = _sector_columns(editions, book.language)
    book.table(
        mix,
        0,
        [book.label("edition"), *sectors],
        [
            [("year", edition["edition"])]
            + [("unit", _sector_value(edition, name, book)) for name in sectors]
            for edition in editions
        ],
    )
    if editions:
        _series_charts(book, sheet, data, len(minimums), mix.name, len(sectors), len(editions))
    book.close()


def _sector_columns(editions: Sequence[Mapping[str, Any]], language: str) -> list[str]:
    """Every sector any edition reports, by name in ``language``, in order of first appearance."""
    names: dict[str, None] = {}
    for edition in editions:
        for sector in edition["by_sector"]:
            names.setdefault(name_of(sector, language))
    return list(names)


def _sector_value(edition: Mapping[str, Any], name: str, book: _Book) -> Decimal | None:
    for sector in edition["by_sector"]:
        if name_of(sector, book.language) == name:
            return in_unit(Decimal(str(sector["value"])), book.unit)
    return None


def _series_charts(
    book: _Book,
    sheet: Worksheet,
    data: _Range,
    bands: int,
    mix: str,
    sectors: int,
    editions: int,
) -> None:
    categories = [data.sheet, data.first, 0, data.last, 0]
    placed = 0

    def place(chart: Any, title: str, axis: str) -> None:
        nonlocal placed
        chart.set_title({"name": book.label(title)})
        chart.set_y_axis({"name": axis})
        chart.set_x_axis({"name": book.label("edition")})
        chart.set_size(CHART_SIZE)
        sheet.insert_chart(data.last + 3 + placed * CHART_ROWS, 0, chart)
        placed += 1

    value = book.workbook.add_chart({"type": "column"})
    value.add_series(
        {
            "name": book.label("value"),
            "categories": categories,
            "values": [data.sheet, data.first, 4, data.last, 4],
            "data_labels": {"value": True, "num_format": "#,##0"},
            "fill": {"color": "#1F4E79"},
        }
    )
    value.set_legend({"none": True})
    place(value, "chart_series_value", book.label("unit_value"))

    projects = book.workbook.add_chart({"type": "line"})
    projects.add_series(
        {
            "name": book.label("projects"),
            "categories": categories,
            "values": [data.sheet, data.first, 3, data.last, 3],
            "marker": {"type": "circle"},
            "data_labels": {"value": True, "position": "above"},
        }
    )
    projects.set_legend({"none": True})
    place(projects, "chart_series_projects", book.label("unit_projects"))

    by_band = book.workbook.add_chart({"type": "column"})
    for index in range(bands):
        column = 6 + index
        by_band.add_series(
            {
                "name": [data.sheet, data.first - 1, column],
                "categories": categories,
                "values": [data.sheet, data.first, column, data.last, column],
            }
        )
    by_band.set_legend({"position": "bottom"})
    place(by_band, "chart_series_bands", book.label("unit_projects"))

    mix_chart = book.workbook.add_chart({"type": "column", "subtype": "stacked"})
    for index in range(sectors):
        column = 1 + index
        mix_chart.add_series(
            {
                "name": [mix, 0, column],
                "categories": [mix, 1, 0, editions, 0],
                "values": [mix, 1, column, editions, column],
            }
        )
    mix_chart.set_legend({"position": "right"})
    place(mix_chart, "chart_series_sectors", book.label("unit_value"))

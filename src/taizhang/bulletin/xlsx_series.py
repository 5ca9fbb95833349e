"""A series' editions as an Excel workbook (``taizhang bulletin --series … --format xlsx``).

One row per edition (count, value, value bands) and a sheet of the sector mix, with native
charts of the trends: value and projects by edition, the bands by edition, the sector mix
stacked. Editions whose classification differs (SCE 2022) add their own sector columns.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.worksheet import Worksheet

from taizhang.bulletin.amounts import in_unit, threshold_en, threshold_zh
from taizhang.bulletin.wording import name_of
from taizhang.bulletin.xlsx_book import CHART_ROWS, CHART_SIZE, Area, Book, Output


def render_series_xlsx(series: Mapping[str, Any], language: str, output: Output) -> None:
    """Write a series' editions (``taizhang bulletin --series`` figures) in ``language`` as an
    .xlsx to ``output``: one row per edition (count, value, bands) and the sector mix, with
    charts of the trends."""
    book = Book(output, language)
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
    data = Area(sheet.name, top + 1, top + len(rows))

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


def _sector_value(edition: Mapping[str, Any], name: str, book: Book) -> Decimal | None:
    for sector in edition["by_sector"]:
        if name_of(sector, book.language) == name:
            return in_unit(Decimal(str(sector["value"])), book.unit)
    return None


def _series_charts(
    book: Book,
    sheet: Worksheet,
    data: Area,
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

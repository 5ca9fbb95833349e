"""A bulletin as an Excel workbook (``--format xlsx``); a series' editions as another
(:func:`render_series_xlsx`, in :mod:`.xlsx_series`).

One sheet per breakdown, numbers as numbers: counts as integers, amounts both in the reader's
unit (¥ billion in English, 亿元 in Chinese; shown to one decimal, held exactly) and in yuan to
the fen, shares as fractions shown as percentages. The summary sheet carries native Excel
charts (value by sector and by investor type, projects by value band) drawn from the other
sheets' cells, so they stay true if someone edits a number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.worksheet import Worksheet

from taizhang.bulletin.amounts import in_unit, share, threshold_en, threshold_zh
from taizhang.bulletin.text import changes_note, paragraphs, publication_note
from taizhang.bulletin.view import EXTRA_COLUMNS, MODES, Bulletin, Part, read_figures
from taizhang.bulletin.wording import date_text
from taizhang.bulletin.xlsx_book import CHART_ROWS, CHART_SIZE, Area, Book, Cell, Output
from taizhang.bulletin.xlsx_series import render_series_xlsx

__all__ = ["render_series_xlsx", "render_xlsx"]

#: The column of the summary sheet its charts stand in, right of the totals.
CHART_COLUMN = 8


def render_xlsx(figures: Mapping[str, Any], language: str, output: Output) -> None:
    """Write the bulletin of ``figures`` (the JSON form, as a dict) in ``language`` as an .xlsx
    to ``output``, a path or a binary file object."""
    bulletin = read_figures(figures, language)
    book = Book(output, language)
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
    return [bulletin.modes[mode] for mode in MODES]


def _part_row(book: Book, part: Part) -> list[Cell]:
    return [
        ("text", part.name),
        ("count", part.projects),
        *book.amount(part.value),
        ("share", part.share_of_projects),
        ("share", part.share_of_value),
    ]


def _part_header(book: Book, first: str) -> list[str]:
    return [
        book.label(first),
        book.label("projects"),
        *book.amount_headers(),
        book.label("share_of_projects"),
        book.label("share_of_value"),
    ]


def _parts_sheet(
    book: Book, sheet_key: str, first: str, parts: Sequence[Part], total: Part | None = None
) -> Area:
    """A breakdown on a sheet of its own, with a total row when ``total`` is given."""
    sheet = book.sheet(sheet_key)
    rows = [_part_row(book, part) for part in parts]
    if total is not None:
        rows.append(_part_row(book, total))
    book.table(sheet, 0, _part_header(book, first), rows)
    return Area(sheet.name, 1, len(parts))


def _bands_sheet(book: Book, bulletin: Bulletin) -> Area:
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
    return Area(sheet.name, 1, len(rows))


def _outside_sheet(book: Book, bulletin: Bulletin) -> None:
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


def _text_sheet(book: Book, bulletin: Bulletin) -> None:
    sheet = book.sheet("sheet_text")
    sheet.set_column(0, 0, 110)
    for row, text in enumerate(paragraphs(bulletin, with_changes=True)):
        book.write(sheet, row, 0, ("wrap", text))


def _unshared_row(book: Book, name: str, projects: int, value: Decimal) -> list[Cell]:
    return [
        ("text", name),
        ("count", projects),
        *book.amount(value),
        ("share", None),
        ("share", None),
    ]


def _summary(book: Book, sheet: Worksheet, bulletin: Bulletin) -> None:
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
    book: Book,
    sheet: Worksheet,
    bulletin: Bulletin,
    *,
    sectors: Area,
    investors: Area,
    bands: Area,
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

"""The demo ledger's bulletins as Excel workbooks: the published numbers, exactly, as numbers."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

from taizhang.bulletin.figures import event_figures, series_figures
from taizhang.bulletin.xlsx import render_series_xlsx, render_xlsx
from taizhang.ledger.models import Event

pytestmark = pytest.mark.django_db


def sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def exact(cell: object) -> Decimal:
    assert isinstance(cell, int | float) and not isinstance(cell, bool), f"{cell!r} is no number"
    return Decimal(repr(cell))


@pytest.fixture(scope="module")
def workbooks(demo_ledger, django_db_blocker) -> dict[str, dict[str, list[list]]]:
    """SCE 2021's workbook in Chinese and the SCE series' in English, read back once."""
    with django_db_blocker.unblock():
        event = Event.objects.select_related("host").get(code="SCE2021")
        with translation.override("zh-hans"):
            figures = event_figures(event)
        with translation.override("en"):
            series = series_figures("SCE")
    event_book, series_book = io.BytesIO(), io.BytesIO()
    render_xlsx(figures, "zh", event_book)
    render_series_xlsx(series, "en", series_book)
    return {"event": sheets(event_book.getvalue()), "series": sheets(series_book.getvalue())}


def test_the_event_workbook_holds_the_published_figures_exactly(workbooks) -> None:
    found = workbooks["event"]
    summary = {row[0]: row[1:] for row in found["总体情况"] if row and row[0]}
    assert [exact(cell) for cell in summary["合计"][:3]] == [
        92,
        Decimal("2524"),
        Decimal("252400000000"),
    ]
    assert [exact(cell) for cell in summary["现场签约"][:2]] == [66, Decimal("2073")]
    sectors = {row[0]: row[1:] for row in found["行业领域"]}
    assert [exact(cell) for cell in sectors["智能制造"][:3]] == [
        32,
        Decimal("1016"),
        Decimal("101600000000"),
    ]
    outside = {row[0]: row[1:] for row in found["区域外项目"]}
    assert exact(outside["合计"][1]) == Decimal("32")


def test_the_series_workbook_has_a_row_per_sce_edition(workbooks) -> None:
    editions = workbooks["series"]["Editions"]
    by_edition = {int(exact(row[0])): row for row in editions[3:]}
    assert sorted(by_edition) == [2018, 2020, 2021, 2022]
    assert [exact(cell) for cell in by_edition[2021][3:5]] == [92, Decimal("252.4")]
    assert [exact(cell) for cell in by_edition[2020][3:5]] == [71, Decimal("271.2")]
    assert [exact(cell) for cell in by_edition[2022][3:5]] == [70, Decimal("212.1")]
    assert exact(by_edition[2020][8]) == 17  # ¥5 billion or more in 2020
    assert exact(by_edition[2022][7]) == 54  # ¥1 billion or more in 2022

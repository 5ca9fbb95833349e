"""Charts draw offline in the shipped CJK font: every Chinese label has its glyphs."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from taizhang.bulletin import charts
from taizhang.bulletin.view import Bulletin, read_figures
from tests.bulletin import samples

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTS: list[Callable[[Bulletin], bytes]] = [
    charts.sector_chart,
    charts.investor_type_chart,
    charts.band_chart,
]


def missing_glyphs(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_font_is_the_shipped_noto_sans_sc_not_a_system_font() -> None:
    path = charts.font_path()
    assert path.is_file()
    assert "pylopdf_fonts_zh_cn" in path.parts
    assert charts.font_name() == "Noto Sans SC"


@pytest.mark.parametrize("draw", CHARTS, ids=lambda draw: draw.__name__)
@pytest.mark.parametrize("figures", [samples.sce2021, samples.small_event])
def test_chinese_charts_draw_every_glyph(draw: Callable, figures: Callable) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw(read_figures(figures(), "zh"))
    assert missing_glyphs(caught) == []
    assert png.startswith(PNG_SIGNATURE)
    width, height = Image.open(io.BytesIO(png)).size
    assert (width, height) == (
        round(charts.SIZE[0] * charts.DPI),
        round(charts.SIZE[1] * charts.DPI),
    )


@pytest.mark.parametrize("draw", CHARTS, ids=lambda draw: draw.__name__)
def test_english_charts_draw_every_glyph_too(draw: Callable) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw(read_figures(samples.sce2021(), "en"))
    assert missing_glyphs(caught) == []
    assert png.startswith(PNG_SIGNATURE)


def test_the_glyph_check_catches_a_font_without_chinese() -> None:
    # The same label drawn in matplotlib's own DejaVu Sans warns: the check above can fail.
    with warnings.catch_warnings(record=True) as caught, rc_context({"font.family": "DejaVu Sans"}):
        warnings.simplefilter("always")
        figure = Figure()
        figure.add_subplot().set_title("各行业领域签约金额")
        FigureCanvasAgg(figure).print_png(io.BytesIO())
    assert missing_glyphs(caught)


def test_charts_differ_with_the_figures() -> None:
    # A chart that ignored its figures would draw the same picture for both events.
    first = charts.sector_chart(read_figures(samples.sce2021(), "zh"))
    second = charts.sector_chart(read_figures(samples.small_event(), "zh"))
    assert first != second

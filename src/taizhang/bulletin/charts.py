"""A bulletin's charts as PNG images, drawn offline with matplotlib, for the Word document.

Nothing depends on the machine's fonts or on a display: figures are drawn by the Agg canvas
directly (no pyplot, no backend chosen at import), and text is set in Noto Sans SC, which the
``pylopdf-fonts-zh-cn`` package ships (SIL Open Font License), loaded by its file path, so
Chinese labels draw the same on every machine. Values are plotted as doubles — a chart shows
them to a pixel — while the labels on the bars are the bulletin's exactly rounded amounts.
"""

from __future__ import annotations

import functools
import io
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pylopdf_fonts_zh_cn
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from taizhang.bulletin.amounts import (
    BILLION,
    HUNDRED_MILLION,
    amount_in,
    as_number,
    in_unit,
    threshold_en,
    threshold_zh,
)
from taizhang.bulletin.view import Bulletin, Part
from taizhang.bulletin.wording import label

#: Size of a chart in inches (about 16 × 9 cm, the width of an A4 page's text) and its dpi.
SIZE = (6.3, 3.6)
DPI = 200
#: The bureau's colours: blue first, then colours that stay apart in greyscale print.
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5")


def font_path() -> Path:
    """The file of the CJK font charts are drawn in (Noto Sans SC, regular)."""
    return Path(pylopdf_fonts_zh_cn.sans_path())


@functools.cache
def font_name() -> str:
    """Register the shipped CJK font with matplotlib once, and return its family name."""
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


# rc_context changes matplotlib's global settings for the time it is open: one chart at a
# time, so that a page drawing a chart in another thread never sees half of them.
_DRAWING = threading.Lock()


@contextmanager
def _drawing() -> Iterator[None]:
    """Draw in the shipped CJK font, one chart at a time."""
    style = {
        "font.family": "sans-serif",
        "font.sans-serif": [font_name()],
        "axes.unicode_minus": False,  # the font's hyphen-minus, not U+2212
    }
    with _DRAWING, rc_context(style):
        yield


def _in_chart_unit(value: Decimal, language: str) -> float:
    return as_number(in_unit(value, HUNDRED_MILLION if language == "zh" else BILLION))


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _new_figure(title: str) -> tuple[Figure, object]:
    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=11, loc="left")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def _wrapped(name: str, language: str) -> str:
    # Chinese has no spaces to break at: wrap by characters, narrower since each is wide.
    width = 12 if language == "zh" else 28
    return "\n".join(textwrap.wrap(name, width, break_long_words=True)) or name


def _value_bars(parts: list[Part], language: str, title: str) -> bytes:
    """Horizontal bars of value, largest share at the top, each labelled "1016亿元（40%）"."""
    unit = label("unit_value", language)
    with _drawing():
        figure, axes = _new_figure(title)
        shown = list(reversed(parts))  # barh draws bottom-up; keep the bulletin's order
        positions = range(len(shown))
        values = [_in_chart_unit(part.value, language) for part in shown]
        axes.barh(positions, values, color=COLOURS[0], height=0.6)
        axes.set_yticks(list(positions), [_wrapped(part.name, language) for part in shown])
        axes.set_xlabel(unit)
        axes.margins(x=0.25)
        for position, value, part in zip(positions, values, shown, strict=True):
            share = f"{part.percent_of_value}%"
            text = f"{amount_in(part.value, language)}" + (
                f"（{share}）" if language == "zh" else f" ({share})"
            )
            axes.annotate(
                text, (value, position), xytext=(4, 0), textcoords="offset points", va="center"
            )
        return _png(figure)


def sector_chart(bulletin: Bulletin) -> bytes:
    """Value by sector, as a PNG."""
    language = bulletin.language
    return _value_bars(bulletin.sectors, language, label("chart_sector", language))


def investor_type_chart(bulletin: Bulletin) -> bytes:
    """Value by investor type, as a PNG (bars, so an empty type still shows as none)."""
    language = bulletin.language
    return _value_bars(bulletin.investor_types, language, label("chart_investor_type", language))


def band_chart(bulletin: Bulletin) -> bytes:
    """Projects by value band, beside the previous edition's when there is one, as a PNG."""
    language = bulletin.language
    names = [
        label("at_least", language, amount=_threshold(band.minimum, language))
        for band in bulletin.bands
    ]
    current = [band.projects for band in bulletin.bands]
    previous = [band.previous for band in bulletin.bands]
    compare = all(count is not None for count in previous)
    with _drawing():
        figure, axes = _new_figure(label("chart_bands", language))
        width = 0.38 if compare else 0.6
        positions = list(range(len(names)))
        series = [(label("this_edition", language), current, COLOURS[0])]
        if compare:
            series.insert(0, (label("previous_edition", language), previous, COLOURS[6]))
        for index, (name, counts, colour) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            bars = axes.bar(
                [position + offset for position in positions],
                counts,
                width=width,
                label=name,
                color=colour,
            )
            axes.bar_label(bars, padding=2, fontsize=8)
        axes.set_xticks(positions, names)
        axes.set_ylabel(label("unit_projects", language))
        axes.margins(y=0.15)
        if compare:
            axes.legend(frameon=False, fontsize=8)
        return _png(figure)


def _threshold(minimum: Decimal, language: str) -> str:
    return threshold_zh(minimum) if language == "zh" else threshold_en(minimum)

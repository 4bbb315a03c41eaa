"""Geometry of the batch report's inline SVG bar charts.

Only numbers are worked out here; the `charts.html` template draws them, so
every label goes through the HTML template's autoescaping like any other text.
Coordinates are computed with `Decimal` and written with one decimal place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rubricdsl.render.textwidth import display_width

BAR_HEIGHT = 18
GAP = 6
PLOT_WIDTH = Decimal(420)  # the longest bar
CHAR_WIDTH = 7  # pixels per half-width character at the chart's 13px font
MAX_LABEL = 30  # half-width characters; longer labels are cut with …


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    full_label: str  # shown as the bar's tooltip when the label is cut
    value_text: str
    y: int
    width: str  # pixels, as SVG text
    value_x: str  # where the value text starts, just right of the bar


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def bar_chart(title: str, items: Sequence[tuple[str, Decimal, str]], maximum: Decimal) -> BarChart:
    """Horizontal bars, one per (label, value, value text), scaled so `maximum` fills the plot."""
    labels = [_cut(label) for label, _, _ in items]
    label_width = max([display_width(label) for label in labels] + [4]) * CHAR_WIDTH + 12
    bars = []
    for index, (cut, (label, value, text)) in enumerate(zip(labels, items, strict=True)):
        length = _length(value, maximum)
        value_x = str(label_width + Decimal(length) + 6)
        bars.append(Bar(cut, label, text, index * (BAR_HEIGHT + GAP), length, value_x))
    height = max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT)
    value_room = max([display_width(text) for _, _, text in items] + [4]) * CHAR_WIDTH + 16
    return BarChart(title, label_width + int(PLOT_WIDTH) + value_room, height, label_width, bars)


def _length(value: Decimal, maximum: Decimal) -> str:
    if maximum <= 0 or value <= 0:
        return "0"
    share = min(value / maximum, Decimal(1))
    return str((share * PLOT_WIDTH).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _cut(label: str) -> str:
    if display_width(label) <= MAX_LABEL:
        return label
    out = ""
    for ch in label:
        if display_width(out + ch) > MAX_LABEL - 2:
            break
        out += ch
    return out + "…"

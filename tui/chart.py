"""A chart of one metric over time, drawn with Rich text: each figure is a box spanning
its as-of bounds across and its value bounds up, so a fuzzy date or a hedged number
shows as a range, never as a point. One colour per claimant (a part of the metric, such
as killed under casualties, is a series of its own) and one letter, written in the corner
of each of its boxes, so claimants stay apart without colour (NO_COLOR); a figure dated by
its source's publication is filled \u2592, one with a stated date \u2593.

Textual has no plotting widget of its own, and plotext (behind textual-plotext) draws
points and lines, not the two-dimensional date x value boxes that ranges need.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widget import Widget

from db.checks import Figure, interval
from tui.display import clean

PALETTE = ("cyan", "magenta", "yellow", "green", "bright_red", "bright_blue", "white", "orange3")
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: read as 1 and 0 beside the axis numbers
GUTTER = 9


@dataclass(frozen=True)
class Box:
    claimant: str
    first: date
    last: date
    low: float
    high: float
    open_low: bool
    open_high: bool
    superseded: bool
    by_publication: bool = False  # no stated as-of: placed in the month up to its publication


def boxes(figures: Sequence[Figure], superseded: set[str], parts: Sequence[Figure] = ()) -> tuple[list[Box], int]:
    """Chartable boxes (absolute figures that can be placed in time), the metric's own and
    its parts' (labelled with the part: "killed · NSO"), and how many were left out."""
    chartable, left_out = [], 0
    for figure, is_part in [*((f, False) for f in figures), *((f, True) for f in parts)]:
        low, high = interval(figure)
        placed = figure.placed
        if placed is None or figure.unit == "fraction" or (low is None and high is None):
            left_out += 1
            continue
        who = figure.claimant or "unattributed"
        if is_part:
            who = f"{figure.quantity or figure.metric} \u00b7 {who}"
        chartable.append(Box(who, *placed, low if low is not None else 0.0, high if high is not None else low,
                             low is None, high is None, figure.id in superseded,
                             figure.as_of_basis == "publication"))
    return chartable, left_out


def _label(number: float) -> str:
    """At most 8 cells for any finite number."""
    size = abs(number)
    if size >= 10_000_000 or 0 < size < 0.001:
        return f"{number:.0e}"
    if size >= 10_000:
        return f"{number / 1000:,.0f}k"
    return f"{number:,.0f}" if size >= 10 else f"{number:.2g}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is at least ``value`` (1 for nothing), or
    ``value`` itself when no such number is a finite float."""
    if not value > 0:
        return 1.0
    if not math.isfinite(value):
        return sys.float_info.max
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = float(f"{step}e{exponent}")  # parsed, not multiplied: exact at both ends of the range
        if value <= candidate < math.inf:
            return candidate
    return value


def _axis(items: Sequence[Box]) -> tuple[float, float]:
    """The value axis, bottom and top: zero and every box within it, with headroom."""
    lowest = min(0.0, *(min(item.low, item.high) for item in items))
    highest = max(0.0, *(max(item.low, item.high) for item in items))
    if lowest == highest == 0:
        return 0.0, 1.0

    def padded(size: float) -> float:
        return nice_ceiling(size * 1.05 if size * 1.05 < math.inf else size) if size > 0 else 0.0

    return -padded(-lowest), padded(highest)


def draw(items: Sequence[Box], width: int, height: int, left_out: int = 0) -> Text:
    """The chart as Text of ``height`` lines and at most ``width`` cells; a box whose
    bounds are not finite numbers is left out with a note."""
    drawable = [item for item in items if math.isfinite(item.low) and math.isfinite(item.high)]
    not_finite = len(items) - len(drawable)
    if not drawable:
        message = "No dated figures to chart for this metric."
        if left_out:
            message += f" ({left_out} without an as-of date or in fractions.)"
        if not_finite:
            message += f" ({not_finite} not a finite number.)"
        return Text(message, style="dim")
    plot_width, plot_height = max(10, width - GUTTER - 1), max(3, height - 3)
    # Ordinals, not dates: a box may start on date.min or end on date.max.
    first = min(item.first.toordinal() for item in drawable) - 1
    last = max(item.last.toordinal() for item in drawable) + 1
    days = last - first
    bottom, top = _axis(drawable)

    def column(day: date) -> int:
        return min(plot_width - 1, round((day.toordinal() - first) / days * (plot_width - 1)))

    def height_of(value: float) -> float:
        """Where ``value`` sits between bottom (0) and top (1), without overflowing."""
        span = top - bottom
        if span < math.inf:
            return (value - bottom) / span
        return (value / 2 - bottom / 2) / (top / 2 - bottom / 2)

    def row(value: float) -> int:  # 0 is the top line
        return plot_height - 1 - round(min(1.0, max(0.0, height_of(value))) * (plot_height - 1))

    grid = [[(" ", "")] * plot_width for _ in range(plot_height)]
    colours: dict[str, str] = {}
    letters: dict[str, str] = {}
    for item in drawable:
        colour = colours.setdefault(item.claimant, PALETTE[len(colours) % len(PALETTE)])
        letter = letters.setdefault(item.claimant, LETTERS[len(letters) % len(LETTERS)])
        style = f"{colour} dim" if item.superseded else colour
        left, right = sorted((column(item.first), column(item.last)))
        upper = row(top if item.open_high else max(item.low, item.high))
        lower = row(bottom if item.open_low else min(item.low, item.high))
        fill = "\u2592" if item.by_publication else "\u2593"  # not colour alone: the fill says the basis
        for y in range(upper, lower + 1):
            for x in range(left, right + 1):
                grid[y][x] = (fill, style)
        corners = [(upper, left), (upper, right), (lower, left), (lower, right)]
        if item.open_high:
            grid[upper][left] = ("\u25b2", style)
        if item.open_low:
            grid[lower][left] = ("\u25bc", style)
        free = [(y, x) for y, x in corners if grid[y][x][0] == fill]
        if free:  # a one-cell box with an open bound keeps its arrow, not its letter
            y, x = free[0]
            grid[y][x] = (letter, f"{style} bold")

    def value_at(y: int) -> float:
        share = (plot_height - 1 - y) / (plot_height - 1)
        return bottom * (1 - share) + top * share

    middle = row(0.0) if bottom < 0 else plot_height // 2  # zero, when the axis goes below it
    labels = {y: value_at(y) for y in (0, plot_height - 1)} | {middle: 0.0 if bottom < 0 else value_at(middle)}
    text = Text(end="")
    for y, cells in enumerate(grid):
        label = _label(labels[y]) if y in labels else ""
        text.append(f"{label:>{GUTTER - 1}} \u2502", style="dim")
        for char, style in cells:
            text.append(char, style=style)
        text.append("\n")
    text.append(" " * GUTTER + "\u2514" + "\u2500" * plot_width + "\n", style="dim")
    start, end = (date.fromordinal(min(max(day, 1), date.max.toordinal())).isoformat() for day in (first, last))
    text.append(" " * (GUTTER + 1) + start + " " * max(1, plot_width - len(start) - len(end)) + end + "\n",
                style="dim")
    for claimant, colour in colours.items():
        text.append(f"{letters[claimant]}\u25a0 ", style=f"{colour} bold")
        text.append(clean(claimant, limit=40) + "  ")
    text.append("  \u2593 stated date  \u2592 by publication date", style="dim")
    if left_out:
        text.append(f"  +{left_out} undated or fractions", style="dim")
    if not_finite:
        text.append(f" +{not_finite} not a finite number", style="dim")
    return text


class MetricChart(Widget):
    """The chart of the metric under the cursor in the figures pane."""

    DEFAULT_CSS = "MetricChart { height: 1fr; }"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: list[Box] = []
        self.left_out = 0

    def show(self, figures: Sequence[Figure], superseded: set[str], parts: Sequence[Figure] = ()) -> None:
        self.items, self.left_out = boxes(figures, superseded, parts)
        self.refresh()

    def render(self) -> Text:
        return draw(self.items, self.size.width, self.size.height, self.left_out)

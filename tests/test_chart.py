"""The figures chart draws any box the store can hold, or leaves it out with a note."""

from __future__ import annotations

import math
import sys
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.chart import Box, draw, nice_ceiling

ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True)
ANY_DAY = st.dates(min_value=date.min, max_value=date.max)


@st.composite
def boxes(draw_from) -> Box:
    first, last = sorted((draw_from(ANY_DAY), draw_from(ANY_DAY)))
    return Box(draw_from(st.text(max_size=5)), first, last, draw_from(ANY_FLOAT), draw_from(ANY_FLOAT),
               draw_from(st.booleans()), draw_from(st.booleans()), draw_from(st.booleans()))


def box(low: float, high: float | None = None, first: date = date(2024, 12, 1),
        last: date = date(2024, 12, 31)) -> Box:
    return Box("someone", first, last, low, low if high is None else high, False, False, False)


@settings(max_examples=150, deadline=None)
@given(st.lists(boxes(), min_size=1, max_size=6), st.integers(0, 200), st.integers(0, 60))
def test_any_boxes_draw_within_the_size_asked(items, width, height):
    lines = draw(items, width, height).plain.split("\n")
    plot_height = max(3, height - 3)
    if any(math.isfinite(item.low) and math.isfinite(item.high) for item in items):
        assert len(lines) == plot_height + 3
        assert all(len(line) == max(10, width - 10) + 10 for line in lines[:plot_height + 1])


def test_each_value_that_broke_the_chart_is_drawn_or_noted():
    for value in (-5.0, 1.7e308, sys.float_info.max, 5e-324, -sys.float_info.max, 0.0):
        chart = draw([box(value)], 60, 12).plain
        assert "\u2588" in chart or "\u2593" in chart, value
    for value in (math.inf, -math.inf, math.nan):
        assert "1 not a finite number" in draw([box(value)], 60, 12).plain
    assert "not a finite number" in draw([box(1.0), box(math.inf)], 60, 12).plain


def test_a_negative_change_is_drawn_below_zero():
    lines = draw([box(-40.0), box(60.0)], 40, 13).plain.split("\n")
    zero = next(index for index, line in enumerate(lines) if "\u2502" in line and " 0 " in line[:10])
    assert 0 < zero < 9


def test_the_first_and_last_days_of_the_calendar():
    chart = draw([box(3.0, first=date.min, last=date.min), box(4.0, first=date.max, last=date.max)], 60, 10).plain
    assert "0001-01-01" in chart and "9999-12-31" in chart


def test_nice_ceiling_is_finite_and_not_below_its_value():
    assert nice_ceiling(0) == nice_ceiling(-3) == 1.0
    assert nice_ceiling(3.1) == 5 and nice_ceiling(1001) == 2000 and nice_ceiling(2400) == 2500
    for value in (5e-324, 1e-320, 1.7e308, sys.float_info.max):
        assert value <= nice_ceiling(value) < math.inf


def test_a_figure_placed_by_publication_is_drawn_apart_from_a_stated_one():
    stated = box(100.0)
    by_publication = Box("someone else", date(2025, 1, 1), date(2025, 1, 31), 300.0, 300.0, False, False, False, True)
    chart = draw([stated, by_publication], 60, 12).plain
    plot = chart.split("\n")[:9]
    assert any("\u2593" in line for line in plot) and any("\u2592" in line for line in plot)
    assert "\u2593 stated date  \u2592 by publication date" in chart


def test_claimants_are_told_apart_by_letter_not_colour_alone():
    first = box(100.0)
    second = Box("someone else", date(2025, 1, 1), date(2025, 1, 31), 300.0, 300.0, False, False, False)
    chart = draw([first, second], 60, 12).plain
    plot = "\n".join(chart.split("\n")[:9])
    assert plot.count("A") == 1 and plot.count("B") == 1
    assert "A\u25a0 someone  B\u25a0 someone else" in chart


def test_a_one_cell_box_with_an_open_bound_keeps_its_arrow():
    open_high = Box("someone", date(2024, 12, 1), date(2024, 12, 1), 5.0, 5.0, False, True, False)
    wide = box(1.0, first=date(2024, 1, 1), last=date(2024, 12, 31))
    plot = draw([wide, open_high], 20, 8).plain.split("\n")[:5]
    assert any("\u25b2" in line for line in plot)

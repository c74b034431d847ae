"""Which columns a table shows at a width, and how wide each is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.paged_table import TEXT_MIN_WIDTH, Column, fit_columns

COLUMNS = (Column("When", 26, 0, 16), Column("Bounds", 20, 3, 18), Column("Kind", 6, 1), Column("What"))


def test_everything_fits_when_wide_and_the_text_column_takes_the_rest():
    widths = fit_columns(COLUMNS, 200, 2)
    assert widths == {0: 26, 1: 20, 2: 6, 3: 200 - 26 - 20 - 6 - 8}


def test_the_least_important_column_goes_first_when_narrow():
    widths = fit_columns(COLUMNS, 16 + 6 + TEXT_MIN_WIDTH + 6 + 5, 2)
    assert list(widths) == [0, 2, 3]  # Bounds (priority 3) dropped, the others at least their least widths
    assert widths[0] >= 16 and widths[3] >= TEXT_MIN_WIDTH


def test_among_equals_the_rightmost_goes_first():
    columns = (Column("A", 10, 1), Column("B", 10, 1), Column("Text"))
    assert list(fit_columns(columns, 12 + 12 + TEXT_MIN_WIDTH + 2 - 1, 2)) == [0, 2]


@given(st.integers(min_value=0, max_value=400))
def test_the_columns_shown_never_overflow_unless_one_alone_is_too_wide(room):
    widths = fit_columns(COLUMNS, room, 2)
    assert widths
    assert sum(width + 2 for width in widths.values()) <= room or len(widths) == 1

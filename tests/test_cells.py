"""A table's body cells are drawn as DataTable draws them, by a lighter path (tui/paged_table.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tui.display import plain
from tui.paged_table import NO_STYLE, Column, PagedTable, cell_line

SAMPLE = Path(__file__).parent / "data" / "hostile-sample.json"
WORDS = ["", " ", "3,000", "Зеленський", "北朝鮮の兵士", "e\u0301", "👩‍👩‍👧 family", "tab\there",
         "a" * 300, "[bold]not markup[/]", "\x1b]0;title\x07", "right"]


def texts() -> list[Text]:
    """Sample values as the panes make cells: plain, styled, right-justified, with spans."""
    values = WORDS + [entry["value"] for entry in json.loads(SAMPLE.read_text(encoding="utf-8"))
                      if "value" in entry]
    cells = []
    for n, value in enumerate(values):
        cell = plain(value, ("", "bold", "italic red", "reverse")[n % 4])
        if n % 3 == 0:
            cell.justify = "right"
        if n % 5 == 0 and len(cell) > 2:
            cell.stylize("underline", 1, 2)
        cells.append(cell)
    return cells


class TableApp(App[None]):
    def __init__(self, rows: list[SimpleNamespace]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        columns = [Column("Wide"), Column("Narrow", width=6), Column("Tiny", width=1, min_width=1)]
        yield PagedTable(lambda **where: self.rows, lambda row: row.cells, columns)


async def test_body_cells_are_the_segments_datatable_draws(settle):
    cells = texts()
    rows = [SimpleNamespace(key=n, cells=[cells[n], cells[-n - 1], cells[(7 * n) % len(cells)]])
            for n in range(len(cells))]
    app = TableApp(rows)
    async with app.run_test(size=(70, 20)) as pilot:
        table = app.query_one(PagedTable)
        table.reload()
        await settle(pilot)
        assert table.row_count == len(rows)
        compared = 0
        for row in range(table.row_count):
            for column, width in enumerate(column.get_render_width(table) for column in table.ordered_columns):
                for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                    for base in (table.rich_style, table.get_component_rich_style("datatable--even-row")):
                        table._cell_render_cache.clear()
                        light = table._render_cell(row, column, base, width, cursor, hover)
                        table._cell_render_cache.clear()
                        stock = DataTable._render_cell(table, row, column, base, width, cursor, hover)
                        assert light == stock, (row, column, cursor, hover)
                        compared += 1
        assert compared == len(rows) * 3 * 8


STYLES = st.sampled_from(["", "bold", "italic red", "reverse", "dim on blue", "underline #ff8800"])


@st.composite
def styled_texts(draw) -> Text:
    """Any text a cell may hold: any characters (wide, combining, tabs, new lines), a style,
    styled spans, and every justify, overflow and wrapping a Text can ask for."""
    text = Text(draw(st.text(st.characters(codec="utf-8"), max_size=40)), style=draw(STYLES),
                justify=draw(st.sampled_from([None, "default", "left", "right", "center", "full"])),
                overflow=draw(st.sampled_from([None, "fold", "crop", "ellipsis", "ignore"])),
                no_wrap=draw(st.sampled_from([None, True, False])), end=draw(st.sampled_from(["\n", ""])))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        text.stylize(draw(STYLES), start, draw(st.integers(start, len(text))))
    return text


@given(styled_texts(), st.integers(min_value=1, max_value=30), st.sampled_from([None, "ellipsis", "fold"]))
def test_a_cells_line_is_the_line_rich_draws(text: Text, width: int, overflow) -> None:
    console = Console(width=80, color_system="truecolor", force_terminal=True, legacy_windows=False)
    options = console.options.update_dimensions(width, 1).update(no_wrap=True, overflow=overflow)
    assert cell_line(console, text, options) == console.render_lines(text, options, style=NO_STYLE, pad=True)[0]

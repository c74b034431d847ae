"""A table's body cells are drawn as DataTable draws them, by a lighter path (tui/paged_table.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tui.display import plain
from tui.paged_table import Column, PagedTable

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

"""A DataTable that holds one page of a keyset-paged query and moves page by page.

The table never holds more than one page. Moving past its last row asks for the page
after the last key; moving above its first row asks for the page before the first key.
Pages are read in a thread worker, so the UI never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual._types import SegmentLines
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey

from db.paging import PAGE_SIZE
from tui.status_line import ASCENDING, DESCENDING
from tui.workers import deliver

PageFetcher = Callable[..., Sequence[Any]]  # fetch(after=, before=, last=, limit=) -> rows with .key
RowRenderer = Callable[[Any], Sequence[Text]]
TEXT_MIN_WIDTH = 20  # a text column (no width of its own) is never narrower than this
TEXT_COMFORTABLE_WIDTH = 30  # text columns grow to this before fixed ones grow to their widths
NO_STYLE = Style()


class Column(NamedTuple):
    """A column of a pane's table. ``width`` None is a text column: it takes the room the
    others leave. ``priority``: 0 is kept at any width, higher numbers are dropped first
    when the terminal is narrow. ``min_width``: the least a column may shrink to.
    ``sort``: the sort key (of db.paging.Listing.sorts) its header orders the listing by, if any;
    ``unsorted``: else why not, in words a click on its header shows."""

    label: str
    width: int | None = None
    priority: int = 0
    min_width: int | None = None
    sort: str = ""
    unsorted: str = ""

    @property
    def least(self) -> int:
        if self.width is None:
            return TEXT_MIN_WIDTH if self.min_width is None else self.min_width
        return min(self.width, self.min_width) if self.min_width is not None else self.width


def fit_columns(columns: Sequence[Column], room: int, padding: int) -> dict[int, int]:
    """Which columns fit in ``room`` cells and how wide each is, by index: the least
    important are dropped (the rightmost first among equals) until the rest fit at their
    least widths; then text columns grow to a comfortable width, fixed columns to their
    widths (left first), and text columns share whatever is left."""
    shown = list(range(len(columns)))
    while len(shown) > 1 and sum(columns[i].least + padding for i in shown) > room:
        shown.remove(max(reversed(shown), key=lambda i: columns[i].priority))
    widths = {i: columns[i].least for i in shown}
    spare = room - sum(width + padding for width in widths.values())
    text_columns = [i for i in shown if columns[i].width is None]

    def grow(index: int, limit: int) -> None:
        nonlocal spare
        step = max(0, min(spare, limit - widths[index]))
        widths[index] += step
        spare -= step

    for index in text_columns:
        grow(index, TEXT_COMFORTABLE_WIDTH)
    for index in shown:
        grow(index, columns[index].width or 0)
    for n, index in enumerate(text_columns):
        grow(index, widths[index] + spare // (len(text_columns) - n))
    return widths


def cell_line(console: Console, cell: RenderableType, options: ConsoleOptions) -> list[Segment]:
    """The one line ``console.render_lines(cell, options, style=NO_STYLE)`` draws first (``options``
    one line high, not wrapping), the same segments. A text of one line, not justified, is
    truncated and drawn directly, without the lines, wraps and splits of Rich's general path (a
    first frame draws some 300 cells: 32 -> 19 ms of CPU for 300 styled cells, measured alone)."""
    if isinstance(cell, Text):
        justify = cell.justify or options.justify or "default"
        overflow = cell.overflow or options.overflow or "fold"
        plain = cell.plain
        if justify == "default" and overflow != "ignore" and cell.no_wrap is not False \
                and "\n" not in plain and "\t" not in plain:
            line = cell.copy()
            line.truncate(options.max_width, overflow=overflow)
            segments = list(Text("\n").join([line]).render(console))
            return Segment.adjust_line_length(segments, options.max_width, style=NO_STYLE)
    return console.render_lines(cell, options, style=NO_STYLE, pad=True)[0]


@dataclass(frozen=True)
class PageRequest:
    after: tuple | None = None
    before: tuple | None = None
    last: bool = False
    inclusive: bool = False
    cursor: str | int = "first"  # where the cursor lands: "first", "last" or a row number


class PagedTable(DataTable, inherit_bindings=True):
    """A one-page window onto a listing; ``fetch`` and ``render_row`` come from the pane."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g", "first_page", "Top"),
        Binding("home", "first_page", "Top", show=False),
        Binding("G", "last_page", "Bottom"),
        Binding("end", "last_page", "Bottom", show=False),
        Binding("enter", "select_cursor", "Open"),
    ]

    class PageShown(Message):
        """A page was put on screen (``rows`` is empty when nothing matches)."""

        def __init__(self, table: PagedTable, rows: Sequence[Any]):
            super().__init__()
            self.table, self.rows = table, rows

    def __init__(self, fetch: PageFetcher, render_row: RowRenderer,
                 columns: Sequence[Column], *, page_size: int = PAGE_SIZE,
                 id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.fetch, self.render_row, self.page_size = fetch, render_row, page_size
        self.column_specs = columns
        # Every column's key, shown or not (a hidden one's cells are kept for when it shows).
        self.column_keys = [ColumnKey(str(index)) for index in range(len(columns))]
        self.shown_widths: dict[int, int] = {}
        self.cells_shown: dict[str, list[Text]] = {}
        self.rows_shown: list[Any] = []
        self.first_row: int | None = None  # the place of the page's first row in the listing, if known
        self.total: int | None = None  # the rows of the whole listing, once the pane has counted them
        self.more_before = self.more_after = False
        self.loading_page = False
        self.rows_pending: list[Any] | None = None  # a page whose first rows are in and the rest not yet
        self.page_unsized: tuple[PageRequest, list[Any]] | None = None  # a page in before the table was laid out
        self.sorted_column: tuple[int, bool] | None = None  # the column the listing is sorted by, and descending
        self.appended_updates = 0  # DataTable's changes that appended the rest of a page (see _render_cell)
        self.styles_drawn: tuple | None = None  # the styles the cached rows were drawn with (see render_lines)
        self.styles_checked = False

    def header(self, index: int) -> Text:
        """A column's label; the sorted column's ends in an arrow (a symbol, not colour alone)."""
        label = Text(self.column_specs[index].label)
        if self.sorted_column is not None and self.sorted_column[0] == index:
            label.append(" " + (DESCENDING if self.sorted_column[1] else ASCENDING), style="bold")
        return label

    def mark_sorted(self, index: int | None, descending: bool) -> None:
        """Mark column ``index`` (of the pane's columns) as the one the listing is sorted by. The
        same column as before draws nothing: every new filter marks it, and the table drawn
        again then, with the rows about to go, delays the new page (measured at a million claims,
        a search's Enter to rows, paired, median of 20 under load 10, with the app's own repaint
        gone too: the UI thread's CPU 50 -> 25 ms, wall 199 -> 119 ms)."""
        sorted_column = None if index is None else (index, descending)
        if sorted_column == self.sorted_column:
            return
        self.sorted_column = sorted_column
        for shown in self.shown_widths:
            if self.column_keys[shown] in self.columns:
                self.columns[self.column_keys[shown]].label = self.header(shown)
        self._require_update_dimensions = True
        self.refresh()

    def on_mount(self) -> None:
        self.shown_widths = {index: column.width or TEXT_MIN_WIDTH for index, column in enumerate(self.column_specs)}
        self._rebuild()

    def on_resize(self) -> None:
        self.fit_columns()
        if self.page_unsized is not None:
            request, rows = self.page_unsized
            self.page_unsized = None
            self._show_page(request, rows)

    def fit_columns(self) -> None:
        """Show the columns that fit the table's width, the text columns taking the room left."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        widths = fit_columns(self.column_specs, room, 2 * self.cell_padding)
        if widths.keys() != self.shown_widths.keys():
            self.shown_widths = widths
            self._rebuild()
            return
        self.shown_widths = widths
        for index, width in widths.items():
            column = self.columns[self.column_keys[index]]
            column.auto_width, column.width = False, width
        self._require_update_dimensions = True
        self.refresh()

    def _rebuild(self) -> None:
        """Columns shown or hidden: add them again, then the rows, the cursor where it was."""
        cursor = self.cursor_row
        self.clear(columns=True)
        for index, width in self.shown_widths.items():
            self.add_column(self.header(index), width=width, key=self.column_keys[index].value)
        for key, cells in self.cells_shown.items():
            self.add_row(*self._shown(cells), key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)

    def _shown(self, cells: Sequence[Text]) -> list[Text]:
        return [cell for index, cell in enumerate(cells) if index in self.shown_widths]

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, *,
                    update_width: bool = False) -> None:
        """Change one cell, kept for when its column shows if it is hidden now."""
        row = self.cells_shown.get(row_key.value if isinstance(row_key, RowKey) else row_key)
        index = int(column_key.value if isinstance(column_key, ColumnKey) else column_key)
        if row is None:
            raise CellDoesNotExist(f"No row {row_key!r}")
        row[index] = value
        if index in self.shown_widths:
            super().update_cell(row_key, column_key, value, update_width=update_width)

    def cell(self, row: int, column: int) -> Text:
        """The cell of the ``row``-th row on the page in the ``column``-th of the pane's
        columns, shown or not."""
        return self.cells_shown[str(self.rows_shown[row].key)][column]

    @property
    def current(self) -> Any | None:
        """The row object under the cursor."""
        if 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row]
        return None

    def reload(self) -> None:
        """Read the first page again (after the filters changed)."""
        self.total = None
        self.load_page(PageRequest())

    def refresh_page(self) -> None:
        """Read the page on screen again (after its rows changed), keeping the cursor's place."""
        self.total = None
        if not self.rows_shown:
            self.reload()
        elif not self.more_before:  # the page starts the listing: a row may come back above it
            self.load_page(PageRequest(cursor=self.cursor_row))
        else:
            self.load_page(PageRequest(after=self.rows_shown[0].key, inclusive=True, cursor=self.cursor_row))

    def load_page(self, request: PageRequest) -> None:
        """Ask for a page; ``loading_page`` holds until it is on screen."""
        self.loading_page = True
        self.rows_pending = self.page_unsized = None
        self._fetch_page(request)

    @work(thread=True, exclusive=True, group="page")
    def _fetch_page(self, request: PageRequest) -> None:
        def query() -> list[Any]:
            return list(self.fetch(after=request.after, before=request.before, last=request.last,
                                   inclusive=request.inclusive, limit=self.page_size))

        deliver(self, query, partial(self._show_page, request), self._load_failed)

    def _load_failed(self) -> None:
        self.loading_page = False

    def _show_page(self, request: PageRequest, rows: list[Any]) -> None:
        if not self.size:
            # Not laid out yet: its rows drawn now would be drawn again at the widths the columns
            # get once it is (~0.1 s of CPU at 160x48), so they wait for its size.
            self.page_unsized = (request, rows)
            return
        if request.inclusive and not rows:  # the rows on screen are gone: start again
            self.reload()
            return
        if (request.after or request.before) and not rows:
            # Nothing beyond this page after all: stay where we are.
            self.more_after = self.more_after and request.after is None
            self.more_before = self.more_before and request.before is None
            self.loading_page = False
            return
        full = len(rows) == self.page_size
        if request.inclusive:
            self.more_after = full
        elif request.last:
            self.more_before, self.more_after = full, False
            self.first_row = None if self.total is None else max(1, self.total - len(rows) + 1)
        elif request.before is not None:
            self.more_before, self.more_after = full, True
            self.first_row = None if self.first_row is None or not full else max(1, self.first_row - len(rows))
        elif request.after is not None:
            self.more_before, self.more_after = True, full
            self.first_row = None if self.first_row is None else self.first_row + len(self.rows_shown)
        else:
            self.more_before, self.more_after = False, full
        if not self.more_before:
            self.first_row = 1
        self.rows_shown = rows
        self.clear()
        self.cells_shown = {}
        cursor = min({"first": 0, "last": len(rows) - 1}.get(request.cursor, request.cursor), len(rows) - 1)
        # The rows the screen holds first, the rest once they are drawn (the page is seen sooner);
        # the page is loading, so not turned, until every row is in.
        screenful = max(self.size.height or self.app.size.height, cursor + 1)
        self._add_rows(rows[:screenful])
        if rows:
            self.move_cursor(row=cursor, animate=False)
        if len(rows) > screenful:
            self.rows_pending = rows
            self.call_after_refresh(self._add_rest, rows, screenful)
        else:
            self._page_added(rows)

    def _add_rows(self, rows: Sequence[Any]) -> None:
        for row in rows:
            cells = list(self.render_row(row))
            for cell in cells:
                cell.no_wrap, cell.overflow = True, "ellipsis"
            self.cells_shown[str(row.key)] = cells
            self.add_row(*self._shown(cells), key=str(row.key))

    def _add_rest(self, rows: list[Any], start: int) -> None:
        if rows is self.rows_pending:  # no other page asked for meanwhile
            self.rows_pending = None
            updates = self._update_count
            self._add_rows(rows[start:])
            self.appended_updates += self._update_count - updates
            self._page_added(rows)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable's, without measuring each new row's cells when no column takes the width of
        its cells (fit_columns gives every column its width, and every row is one line high):
        a page of 100 rows was 700 measures, ~50 ms of CPU on the UI thread."""
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())

    def notify_style_update(self) -> None:
        """As DataTable's, but its cached rows and cells are dropped only if the styles they are
        drawn with changed (checked when next drawn, once the component classes are styled too).
        Every style update of the table dropped them, and at a start several come (the screen's
        width class, the focus, the screen resumed) after the first page is drawn: it was drawn
        three times over."""
        super(DataTable, self).notify_style_update()
        self.styles_checked = False
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.styles_checked:
            self.styles_checked = True
            styles = (self.styles.get_rules(), dict(self._component_styles), self.rich_style)
            if styles != self.styles_drawn:
                self.styles_drawn = styles
                self._clear_caches()
        return super().render_lines(crop)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        """DataTable's, but a cell drawn before the rest of its page was appended is drawn
        again only if something else changed since. DataTable keys its cells' cache on a count
        of every change, appending rows too, so the screenful was drawn twice (~0.15 s of CPU
        per page at 160x48)."""
        updates = self._update_count
        self._update_count = updates - self.appended_updates
        try:
            if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns \
                    or width <= 2 * self.cell_padding:
                return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            return self._render_body_cell(row_index, column_index, base_style, width, cursor, hover)
        finally:
            self._update_count = updates

    def _render_body_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                          cursor: bool, hover: bool) -> SegmentLines:
        """A body cell's one line, the segments DataTable draws, without its layers of
        renderables (padding, then styles, each rendered and split into lines again): 46 M
        instructions of the first frame's 1.81 G at 160x48 (callgrind). Cached as DataTable does."""
        key = (self._row_locations.get_key(row_index), self._column_locations.get_key(column_index),
               base_style, cursor, hover, self._show_hover_cursor, self._update_count,
               self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is None:
            cell = self._get_row_renderables(row_index).cells[column_index]
            component_style, post_style = self._get_styles_to_render_cell(
                False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
                self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
            pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
            options = self.app.console_options.update_dimensions(width - 2 * self.cell_padding, 1)
            line = cell_line(self.app.console, cell, options.update(no_wrap=True))
            padding = [Segment(" " * self.cell_padding, NO_STYLE)] if self.cell_padding else []
            lines = [list(Segment.apply_style([*padding, *line, *padding], pre_style, post_style))]
            self._cell_render_cache[key] = lines
        return lines

    def _page_added(self, rows: list[Any]) -> None:
        self.loading_page = False
        self.post_message(self.PageShown(self, rows))

    def counted(self, total: int) -> None:
        """The listing's rows, counted: a page whose place was unknown (the last) now has one."""
        self.total = total
        if self.first_row is None and not self.more_after:
            self.first_row = max(1, total - len(self.rows_shown) + 1)

    def _turn(self, forward: bool) -> bool:
        """Ask for the next (or previous) page if there is one; True if asked."""
        if self.loading_page or not self.rows_shown:
            return False
        if forward and self.more_after:
            request = PageRequest(after=self.rows_shown[-1].key, cursor="first")
        elif not forward and self.more_before:
            request = PageRequest(before=self.rows_shown[0].key, cursor="last")
        else:
            return False
        self.load_page(request)
        return True

    def _move(self, forward: bool, within_page: Callable[[], None]) -> None:
        at_edge = self.cursor_row >= self.row_count - 1 if forward else self.cursor_row <= 0
        if not (at_edge and self._turn(forward)):
            within_page()

    def action_cursor_down(self) -> None:
        self._move(True, super().action_cursor_down)

    def action_cursor_up(self) -> None:
        self._move(False, super().action_cursor_up)

    def action_page_down(self) -> None:
        self._move(True, super().action_page_down)

    def action_page_up(self) -> None:
        self._move(False, super().action_page_up)

    def action_first_page(self) -> None:
        if self.more_before:
            self.load_page(PageRequest(cursor="first"))
        else:
            self.move_cursor(row=0, animate=False)

    def action_last_page(self) -> None:
        if self.more_after:
            self.load_page(PageRequest(last=True, cursor="last"))
        else:
            self.move_cursor(row=max(0, self.row_count - 1), animate=False)

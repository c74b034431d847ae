"""A DataTable that holds one page of a keyset-paged query and moves page by page.

The table never holds more than one page. Moving past its last row asks for the page
after the last key; moving above its first row asks for the page before the first key.
Pages are read in a thread worker, so the UI never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from db.paging import PAGE_SIZE
from tui.workers import deliver

PageFetcher = Callable[..., Sequence[Any]]  # fetch(after=, before=, last=, limit=) -> rows with .key
RowRenderer = Callable[[Any], Sequence[Text]]


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
                 columns: Sequence[tuple[str, int | None]], *, page_size: int = PAGE_SIZE,
                 id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.fetch, self.render_row, self.page_size = fetch, render_row, page_size
        self.column_specs = columns
        self.rows_shown: list[Any] = []
        self.more_before = self.more_after = False
        self.loading_page = False

    def on_mount(self) -> None:
        self.column_keys = [self.add_column(Text(label), width=width) for label, width in self.column_specs]

    def on_resize(self) -> None:
        self.fit_flexible_columns()

    def fit_flexible_columns(self) -> None:
        """Give the columns declared without a width the room the others leave."""
        flexible = [column for column, (_, width) in zip(self.ordered_columns, self.column_specs, strict=True)
                    if width is None]
        if not flexible:
            return
        fixed = sum(width for _, width in self.column_specs if width is not None)
        padding = 2 * self.cell_padding * len(self.column_specs)
        room = self.size.width - fixed - padding - self.styles.scrollbar_size_vertical
        for column in flexible:
            column.auto_width = False
            column.width = max(12, room // len(flexible))
        self._require_update_dimensions = True
        self.refresh()

    @property
    def current(self) -> Any | None:
        """The row object under the cursor."""
        if 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row]
        return None

    def reload(self) -> None:
        """Read the first page again (after the filters changed)."""
        self.load_page(PageRequest())

    def refresh_page(self) -> None:
        """Read the page on screen again (after its rows changed), keeping the cursor's place."""
        if not self.rows_shown:
            self.reload()
        elif not self.more_before:  # the page starts the listing: a row may come back above it
            self.load_page(PageRequest(cursor=self.cursor_row))
        else:
            self.load_page(PageRequest(after=self.rows_shown[0].key, inclusive=True, cursor=self.cursor_row))

    def load_page(self, request: PageRequest) -> None:
        """Ask for a page; ``loading_page`` holds until it is on screen."""
        self.loading_page = True
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
        elif request.before is not None:
            self.more_before, self.more_after = full, True
        elif request.after is not None:
            self.more_before, self.more_after = True, full
        else:
            self.more_before, self.more_after = False, full
        self.rows_shown = rows
        self.clear()
        for row in rows:
            cells = self.render_row(row)
            for cell in cells:
                cell.no_wrap, cell.overflow = True, "ellipsis"
            self.add_row(*cells, key=str(row.key))
        if rows:
            cursor = {"first": 0, "last": len(rows) - 1}.get(request.cursor, request.cursor)
            self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
        self.loading_page = False
        self.post_message(self.PageShown(self, rows))

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

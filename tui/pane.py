"""What the four panes share: a paged table of one listing, reloaded when the filters change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable

from db.queries import Filters
from tui.detail import DetailPanel
from tui.display import plain
from tui.paged_table import PagedTable

PROPOSED_MARK = "\u25c7 proposed \u00b7 "


class ListingPane(Horizontal):
    """A pane listing rows of one query; subclasses give the query, columns and cells."""

    COLUMNS: Sequence[tuple[str, int | None]] = ()
    EMPTY = "Nothing matches."
    HAS_DETAIL = True

    def __init__(self, *, id: str):
        super().__init__(id=id)
        self.filters = Filters()
        self.stale = True
        self.offered_review: str | None = None

    def compose(self):
        yield self.make_table()
        if self.HAS_DETAIL:
            yield DetailPanel(classes="detail")

    def make_table(self) -> PagedTable:
        return PagedTable(self.fetch_rows, self.render_row, self.COLUMNS, id=f"{self.id}-table")

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    @property
    def detail(self) -> DetailPanel:
        return self.query_one(DetailPanel)

    # Subclasses: the page query and how a row looks.
    def fetch_page(self, filters: Filters, **where) -> Sequence[Any]:
        raise NotImplementedError

    def cells(self, row: Any) -> Sequence[Text]:
        raise NotImplementedError

    def render_row(self, row: Any) -> Sequence[Text]:
        """The row's cells; a claim still waiting for review is marked in its last cell."""
        cells = list(self.cells(row))
        if getattr(row, "review", "accepted") == "proposed":
            marked = Text(PROPOSED_MARK, style="bold yellow")
            marked.append_text(cells[-1])
            marked.stylize("italic")
            cells[-1] = marked
        return cells

    def fetch_rows(self, **where) -> Sequence[Any]:
        return self.fetch_page(self.filters, **where)

    def set_filters(self, filters: Filters, *, visible: bool) -> None:
        """New filters: reload now if on screen, else when next shown."""
        self.filters = filters
        self.stale = True
        if visible:
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.table.reload()

    def changed(self) -> None:
        """The store changed under the pane: subclasses refresh what else they show."""

    def focus_table(self) -> None:
        self.table.focus()

    # Detail: enter opens it, the cursor drives it, esc closes it.
    @property
    def detail_open(self) -> bool:
        return self.HAS_DETAIL and self.detail.display

    def open_detail(self) -> None:
        self.detail.display = True
        self._show_current()

    def close_detail(self) -> bool:
        """Close the detail panel; False if it was not open."""
        if not self.detail_open:
            return False
        self.detail.display = False
        return True

    def _show_current(self) -> None:
        row = self.table.current
        if row is not None and self.detail_open:
            self.detail.show_claim(row.pk)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_current()
        # Only when the keys on offer change: each refresh makes the Footer build its keys
        # again, and Textual 8.2.8 keeps the old ones alive (measured: 3,250 after 250 moves).
        row = self.table.current
        offered = getattr(row, "review", None)
        if offered != self.offered_review:
            self.offered_review = offered
            self.refresh_bindings()

    def on_paged_table_page_shown(self) -> None:
        self._show_current()

    def empty_message(self) -> Text:
        """What the status line says when the pane has no rows under the filters."""
        message = Text(self.EMPTY, style="bold yellow")
        if self.filters.speaker_pks:
            message.append(" Speaker: ", style="yellow")
            message.append_text(plain(self.filters.speaker_label, "yellow", limit=60))
            message.append(" (s picks another; esc clears the search first).", style="yellow")
        return message


class ClaimsPane(ListingPane):
    """A pane of claims: proposed ones can be accepted, rejected or given another speaker."""

    BINDINGS = [
        Binding("a", "review('accepted')", "Accept"),
        Binding("x", "review('rejected')", "Reject"),
        Binding("c", "change_speaker", "Change speaker"),
    ]

    def action_review(self, state: str) -> None:
        row = self.table.current
        if row is not None:
            self.app.review_claim(row.pk, state)

    def action_change_speaker(self) -> None:
        row = self.table.current
        if row is not None:
            self.app.change_speaker(row.pk)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("review", "change_speaker"):
            if self.app.read_only:
                return False
            row = self.table.current
            if row is None:
                return None  # shown greyed out: nothing to review
            if action == "review":
                return row.review != parameters[0] or None
        return True

"""What the four panes share: a paged table of one listing, reloaded when the filters change."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable

from db.queries import Filters, Reader
from tui.detail import DetailPanel
from tui.highlight import highlight, phrases
from tui.paged_table import Column, PagedTable
from tui.status_line import PageState
from tui.workers import deliver

PROPOSED_MARK = "\u25c7 proposed \u00b7 "
REJECTED_MARK = "\u2715 rejected \u00b7 "


class ListingPane(Horizontal):
    """A pane listing rows of one query; subclasses give the query, columns and cells.

    Pages are read on ``reader``; counts, facets and checks on ``side_reader``, so a page
    never waits behind them."""

    COLUMNS: Sequence[Column] = ()
    EMPTY = "Nothing matches."
    HAS_DETAIL = True
    OWN_SORT = "date"  # the sort key of the listing's own order (Filters.sort "")
    BINDINGS = [
        Binding("o", "cycle_sort", "Sort", show=False,
                tooltip="sort by the next sortable column (or click its header)"),
        Binding("O", "reverse_sort", "Reverse", show=False, tooltip="reverse the order"),
    ]

    class SortChosen(Message):
        """Every listing is to be sorted by ``sort`` ("" its own order), reversed when ``descending``."""

        def __init__(self, sort: str, descending: bool):
            super().__init__()
            self.sort, self.descending = sort, descending

    def __init__(self, reader: Reader, side_reader: Reader, filters: Filters, *, read_only: bool = False,
                 id: str):
        super().__init__(id=id)
        self.reader, self.side_reader = reader, side_reader
        self.filters = filters
        self.read_only = read_only
        self.stale = True
        self.offered_review: str | None = None

    def compose(self):
        yield self.make_table()
        if self.HAS_DETAIL:
            yield DetailPanel(self.reader, classes="detail")

    def make_table(self) -> PagedTable:
        table = PagedTable(self.fetch_rows, self.render_row, self.COLUMNS, id=f"{self.id}-table")
        column = self.sorted_column()
        table.sorted_column = None if column is None else (column, self.filters.descending)
        return table

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

    def count(self, filters: Filters) -> int:
        """The rows of the whole listing (read on the side reader)."""
        raise NotImplementedError

    class Counted(Message):
        """The pane's listing was counted: the status line can say which rows of how many."""

    def render_row(self, row: Any) -> Sequence[Text]:
        """The row's cells, the search words marked in them; a claim waiting for review, or
        rejected (shown only when asked), is marked with words, not colour alone, in its first
        text column (shown at any width)."""
        marks = phrases(self.filters.search)
        cells = [highlight(cell, marks) for cell in self.cells(row)]
        review = getattr(row, "review", "accepted")
        marked_at = next((index for index, column in enumerate(self.COLUMNS) if column.width is None), -1)
        if review == "proposed":
            marked = Text(PROPOSED_MARK, style="bold yellow")
            marked.append_text(cells[marked_at])
            marked.stylize("italic")
            cells[marked_at] = marked
        elif review == "rejected":
            for cell in cells:
                cell.stylize("dim")
            marked = Text(REJECTED_MARK, style="bold")
            marked.append_text(cells[marked_at])
            cells[marked_at] = marked
        return cells

    def fetch_rows(self, **where) -> Sequence[Any]:
        return self.fetch_page(self.filters, **where)

    def set_filters(self, filters: Filters, *, visible: bool) -> None:
        """New filters: reload now if on screen, else when next shown; the count of the old
        ones stops where it is."""
        self.filters = filters
        self.stale = True
        self.workers.cancel_group(self, "count")
        self.table.mark_sorted(self.sorted_column(), filters.descending)
        if visible:
            self.refresh_if_stale()

    # Sort: o cycles through the sortable columns, O reverses, a header click sorts by its column.
    def sort_keys(self) -> list[str | None]:
        """Each column's sort key (None: not sortable), in the pane's column order."""
        return [column.sort or None for column in self.COLUMNS]

    def sorted_column(self) -> int | None:
        """The column to mark as sorted: only once a sort was chosen (the own order is unmarked)."""
        keys = self.sort_keys()
        chosen = self.filters.sort or self.filters.descending
        return keys.index(self.sorted_by()) if chosen and self.sorted_by() in keys else None

    def sorted_by(self) -> str:
        """The sort key the pane is listed by: the filters', if it offers it, else its own."""
        return self.filters.sort if self.filters.sort in self.sort_keys() else self.OWN_SORT

    def choose_sort(self, sort: str, descending: bool) -> None:
        self.post_message(self.SortChosen("" if sort == self.OWN_SORT else sort, descending))

    def action_cycle_sort(self) -> None:
        keys = list(dict.fromkeys(key for key in self.sort_keys() if key))
        following = keys[(keys.index(self.sorted_by()) + 1) % len(keys)]
        self.choose_sort(following, False)

    def action_reverse_sort(self) -> None:
        self.choose_sort(self.sorted_by(), not self.filters.descending)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = self.COLUMNS[int(event.column_key.value or 0)]
        if not column.sort:
            self.notify(f"The {column.label} column cannot be sorted: {column.unsorted}.", timeout=4, markup=False)
        elif column.sort == self.sorted_by():  # its column again: the other way round
            self.choose_sort(column.sort, not self.filters.descending)
        else:
            self.choose_sort(column.sort, False)

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
        self.add_class("-detail-open")
        self._show_current()

    def close_detail(self) -> bool:
        """Close the detail panel; False if it was not open."""
        if not self.detail_open:
            return False
        self.detail.display = False
        self.remove_class("-detail-open")
        return True

    def _show_current(self) -> None:
        row = self.table.current
        if row is not None and self.detail_open:
            self.detail.show_claim(row.pk, self.filters.search)

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
        if self.table.total is None:
            self.count_rows(self.filters)

    @work(thread=True, exclusive=True, group="count")
    def count_rows(self, filters: Filters) -> None:
        """Count after the page is on screen, on the side reader: a first frame never waits on it."""
        deliver(self, lambda: self.count(filters), partial(self._counted, filters))

    def _counted(self, filters: Filters, total: int) -> None:
        if filters is self.filters and self.table.total is None:
            self.table.counted(total)
            self.post_message(self.Counted())

    def page_state(self) -> PageState:
        table = self.table
        return PageState(loading=table.loading_page and not table.rows_shown, rows=len(table.rows_shown),
                         more=table.more_after, empty="" if self.stale else self.EMPTY,
                         first=table.first_row, total=table.total)


class ClaimsPane(ListingPane):
    """A pane of claims, each reviewable: accept, reject, restore, or change any field."""

    BINDINGS = [
        Binding("a", "review('accepted')", "Accept", tooltip="accept the claim under the cursor"),
        Binding("x", "review('rejected')", "Reject",
                tooltip="reject it: hidden everywhere, left out of exports (u undoes, R shows rejected)"),
        Binding("r", "restore", "Restore",
                tooltip="restore a rejected claim to its state before the rejection (R shows them)"),
        Binding("c", "change", "Change",
                tooltip="change any field: speaker (or a new actor), date, metric, value, status, note"),
        Binding("y", "cite(False)", "Copy citation", show=False,
                tooltip="copy the claim as a citation: words, who, source, and a link that opens at the words"),
        Binding("Y", "cite(True)", "Copy as Markdown", show=False, tooltip="copy the citation as Markdown"),
        Binding("J", "scroll_detail(1)", "Scroll detail", show=False, tooltip="scroll the open detail down"),
        Binding("K", "scroll_detail(-1)", "Scroll detail", show=False, tooltip="scroll the open detail up"),
    ]

    class ReviewRequested(Message):
        """The claim ``claim_pk``, read at ``version``, is to be marked ``state`` (or restored)."""

        def __init__(self, claim_pk: int, state: str, version: int):
            super().__init__()
            self.claim_pk, self.state, self.version = claim_pk, state, version

    class EditRequested(Message):
        """The claim ``claim_pk`` is to be changed in the edit dialog."""

        def __init__(self, claim_pk: int):
            super().__init__()
            self.claim_pk = claim_pk

    class CiteRequested(Message):
        """The claim ``claim_pk`` is to be copied as a citation (as Markdown when ``markdown``)."""

        def __init__(self, claim_pk: int, markdown: bool):
            super().__init__()
            self.claim_pk, self.markdown = claim_pk, markdown

    def action_cite(self, markdown: bool) -> None:
        row = self.table.current
        if row is not None:
            self.post_message(self.CiteRequested(row.pk, markdown))

    def action_review(self, state: str) -> None:
        row = self.table.current
        if row is not None:
            self.post_message(self.ReviewRequested(row.pk, state, row.version))

    def action_restore(self) -> None:
        self.action_review("restored")

    def action_scroll_detail(self, direction: int) -> None:
        """Half the detail's height down (1) or up (-1)."""
        if self.detail_open:
            self.detail.scroll_relative(y=direction * max(1, self.detail.size.height // 2), animate=False)

    def action_change(self) -> None:
        row = self.table.current
        if row is not None:
            self.post_message(self.EditRequested(row.pk))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("review", "change", "restore"):
            if self.read_only:
                return False
            row = self.table.current
            if row is None:
                return None  # shown greyed out: nothing to review
            if action == "review":
                return row.review != parameters[0] or None
            if action == "restore":
                return row.review == "rejected" or None
        return True

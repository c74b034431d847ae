"""Pane 2: sources with their claim counts and verification notes; enter opens the text."""

from __future__ import annotations

from textual.message import Message

from db.queries import Filters, SourceRow, sources_count, sources_page
from tui.display import plain
from tui.paged_table import Column
from tui.pane import ListingPane

# A source's claim counts are counted under the filters for the sources of each page: no index
# holds the sources in their order, and sorting by them would count every source's claims first.
COUNTS_UNSORTED = "its counts change with the filters, so no index holds the sources in their order"


class SourcesPane(ListingPane):
    COLUMNS = (Column("Title", sort="title"), Column("Publisher", 20, 1, 10, "publisher"),
               Column("Published", 12, 1, sort="date"), Column("Quotes", 6, 2, unsorted=COUNTS_UNSORTED),
               Column("Figures", 7, 2, unsorted=COUNTS_UNSORTED), Column("Events", 6, 2, unsorted=COUNTS_UNSORTED),
               Column("Verification note", None, 3, sort="note"))
    EMPTY = "No sources match the filters."
    HAS_DETAIL = False

    class SourceRequested(Message):
        """The full text of source ``source_pk`` is to be shown."""

        def __init__(self, source_pk: int):
            super().__init__()
            self.source_pk = source_pk

    def fetch_page(self, filters: Filters, **where):
        return sources_page(self.reader, filters, **where)

    def count(self, filters: Filters) -> int:
        return sources_count(self.side_reader, filters)

    def cells(self, row: SourceRow):
        return (
            plain(row.title or "(no headline)", "" if row.title else "dim italic"),
            plain(row.publisher or ""),
            plain(row.published or "undated"),
            plain(row.quotes, "cyan"),
            plain(row.figures, "magenta"),
            plain(row.events, "green"),
            plain(row.note or "", "yellow"),
        )

    def open_detail(self) -> None:
        row = self.table.current
        if row is not None:
            self.post_message(self.SourceRequested(row.pk))

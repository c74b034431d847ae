"""Pane 2: sources with their claim counts and verification notes; enter opens the text."""

from __future__ import annotations

from db.queries import Filters, SourceRow, sources_page
from tui.display import plain
from tui.pane import ListingPane
from tui.source_screen import SourceScreen


class SourcesPane(ListingPane):
    COLUMNS = (("Title", 40), ("Publisher", 20), ("Published", 12), ("Quotes", 7),
               ("Figures", 8), ("Events", 7), ("Verification note", None))
    EMPTY = "No sources match the filters."
    HAS_DETAIL = False

    def fetch_page(self, filters: Filters, **where):
        return sources_page(self.app.reader, filters, **where)

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
            self.app.push_screen(SourceScreen(row.pk))

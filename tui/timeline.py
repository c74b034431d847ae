"""Pane 1: events and dated claims in date order, fuzzy dates as printed and placed by bounds."""

from __future__ import annotations

from db.queries import ClaimRow, Filters, timeline_count, timeline_page
from tui.display import plain
from tui.format import date_range, fuzziness
from tui.paged_table import Column
from tui.pane import ClaimsPane

KIND_STYLES = {"quote": "cyan", "figure": "magenta", "event": "green"}


class TimelinePane(ClaimsPane):
    COLUMNS = (Column("When (as printed)", 26, 0, 16, "date"), Column("Bounds", 20, 3, 18, "date"),
               Column("Fuzziness", 24, 4, sort="fuzziness"),
               Column("Resolved against", 16, 5, sort="resolved"),  # none last: see migration 14
               Column("Kind", 6, 1, sort="kind"), Column("Who", 30, 1, 12, "speaker"),
               Column("What", sort="text"))
    EMPTY = "No dated claims match the filters."

    def fetch_page(self, filters: Filters, **where):
        return timeline_page(self.reader, filters, **where)

    def count(self, filters: Filters) -> int:
        return timeline_count(self.side_reader, filters)

    def cells(self, row: ClaimRow):
        return (
            plain(row.date_text or row.date_edtf),
            plain(date_range(row.date_lower, row.date_upper), "dim"),
            plain(fuzziness(row.date_lower, row.date_upper, row.date_precision), "blue"),
            plain(f"\u21ba {row.date_resolved_against}" if row.date_resolved_against else "", "dim"),
            plain(row.kind, KIND_STYLES[row.kind]),
            plain(row.actor or ""),
            plain(row.text, limit=160),
        )

"""Pane 1: events and dated claims in date order, fuzzy dates as printed and placed by bounds."""

from __future__ import annotations

from db.queries import ClaimRow, Filters, timeline_page
from tui.display import plain
from tui.format import date_range, fuzziness
from tui.pane import ClaimsPane

KIND_STYLES = {"quote": "cyan", "figure": "magenta", "event": "green"}


class TimelinePane(ClaimsPane):
    COLUMNS = (("When (as printed)", 26), ("Bounds", 20), ("Fuzziness", 24), ("Resolved against", 16),
               ("Kind", 6), ("Who", 22), ("What", None))
    EMPTY = "No dated claims match the filters."

    def fetch_page(self, filters: Filters, **where):
        return timeline_page(self.reader, filters, **where)

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

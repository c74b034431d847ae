"""Pane 3: figures grouped by metric, the claimants' figures side by side."""

from __future__ import annotations

from db.queries import FigureRow, Filters, figures_page
from tui.display import plain
from tui.format import bounds
from tui.pane import ListingPane

STATUS_STYLES = {"superseded": "dim strike", "disputed": "red", "corroborated": "green",
                 "publisher_unverified": "yellow"}


class FiguresPane(ListingPane):
    COLUMNS = (("Metric", 34), ("Claimant", 26), ("As printed", 24), ("Bounds", 22),
               ("As of", 20), ("Status", None))
    EMPTY = "No figures match the filters."

    def fetch_page(self, filters: Filters, **where):
        return figures_page(self.app.reader, filters, **where)

    def render_row(self, row: FigureRow):
        rows = self.table.rows_shown
        index = next((i for i, shown in enumerate(rows) if shown is row), None)
        first_of_metric = index is None or index == 0 or rows[index - 1].metric != row.metric
        return (
            plain(row.metric if first_of_metric else "", "bold"),
            plain(row.actor or ""),
            plain(row.text),
            plain(bounds(row.bound, row.value, row.low, row.high, row.unit, row.base_text)),
            plain(row.date_text or "no date", "" if row.date_text else "dim italic"),
            plain(row.status.replace("_", " "), STATUS_STYLES.get(row.status, "")),
        )

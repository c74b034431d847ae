"""The filter form (f): a metric, a source and a date window, each typed as words and found
with the export's own resolution (db.selection); a word that names nothing says so in one line."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date

from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from db.queries import Filters, Reader
from db.selection import SelectionError, matching_metrics, matching_sources, window_bounds
from tui.display import plain
from tui.workers import deliver

MOST_SOURCES = 2000  # words matching more sources than this are asked to be narrower


@dataclass(frozen=True)
class Window:
    """What the form typed: each criterion's words (empty: not narrowed by it)."""

    metric: str = ""
    source: str = ""
    dates: str = ""

    @classmethod
    def of(cls, filters: Filters) -> Window:
        return cls(filters.metric_label, filters.source_label, filters.date_label)

    def resolve(self, conn: sqlite3.Connection, filters: Filters, today: date) -> Filters:
        """``filters`` narrowed to this window; SelectionError when a criterion names nothing."""
        metrics = matching_metrics(conn, self.metric) if self.metric.strip() else ()
        sources = matching_sources(conn, self.source) if self.source.strip() else ()
        if len(sources) > MOST_SOURCES:
            raise SelectionError(f"{len(sources):,} sources match {self.source!r}: give more words or an id")
        since, until = window_bounds(self.dates, today) if self.dates.strip() else (None, None)
        return replace(filters, metrics=metrics, metric_label=self.metric.strip() if metrics else "",
                       source_pks=sources, source_label=self.source.strip() if sources else "",
                       since=since.isoformat() if since else "", until=until.isoformat() if until else "",
                       date_label=self.dates.strip() if since or until else "")


class FilterForm(ModalScreen[Filters | None]):
    """Metric, source and dates; enter applies all three, an empty field clears its filter."""

    DEFAULT_CSS = """
    FilterForm { align: center middle; }
    #filter-form { width: 84; max-width: 100%; height: auto; max-height: 100%; border: round $accent;
                   background: $surface; padding: 0 1; }
    #filter-error { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("enter", "apply", "Apply", tooltip="narrow every pane to what the fields name (empty: not narrowed)"),
    ]
    FIELDS = (
        ("metric", "Metric", "words of its name: casualties, deployed killed"),
        ("source", "Source", "its id, or words of its headline or publisher"),
        ("dates", "Dates", "December 2024 \u00b7 last month \u00b7 2024-12-01 to 2025-01-15 \u00b7 since October"),
    )

    def __init__(self, reader: Reader, filters: Filters, today: date | None = None):
        super().__init__()
        self.reader, self.filters = reader, filters
        self.today = today or date.today()

    def compose(self):
        typed = Window.of(self.filters)
        with Vertical(id="filter-form"):
            for key, label, hint in self.FIELDS:
                yield Label(label)
                yield Input(getattr(typed, key), placeholder=hint, id=f"filter-{key}")
            yield Static(id="filter-error")

    def on_mount(self) -> None:
        form = self.query_one("#filter-form")
        form.border_title = "Filter every pane"
        form.border_subtitle = "tab: next field \u00b7 enter: apply \u00b7 empty: not narrowed \u00b7 esc: cancel"

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        window = Window(*(self.query_one(f"#filter-{key}", Input).value for key, _, _ in self.FIELDS))
        self.resolve(window)

    @work(thread=True, exclusive=True)
    def resolve(self, window: Window) -> None:
        def narrowed() -> Filters | str:
            try:
                return self.reader.call(window.resolve, self.filters, self.today)
            except SelectionError as error:
                return str(error)

        deliver(self, narrowed, self._resolved)

    def _resolved(self, result: Filters | str) -> None:
        if isinstance(result, str):
            self.query_one("#filter-error", Static).update(plain(result, "bold red", limit=200))
        else:
            self.dismiss(result)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

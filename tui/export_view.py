"""``e``: the pane in view, every page of it under the current filters, to a CSV, Markdown or
JSON file named in a small dialog."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from db.export import OutputError, store_files, table_csv, table_markdown, to_json, write_file
from db.paging import PAGE_SIZE
from db.queries import Filters
from tui.pane import ListingPane

if TYPE_CHECKING:
    from tui.app import KurskApp

FORMATS = ("csv", "md", "json")
LEFT_OUT = ("pk", "key", "version")  # store and paging bookkeeping: a claim is named by its id


def default_path(pane_name: str, extension: str, today: date | None = None) -> Path:
    """~/kursk-tui-PANE-DAY.EXT, or the platform's documents folder when there is no home."""
    import platformdirs

    home = Path.home()
    folder = home if home.is_dir() else platformdirs.user_documents_path()
    return folder / f"kursk-tui-{pane_name}-{(today or date.today()).isoformat()}.{extension}"


def every_row(pane: ListingPane, filters: Filters) -> list[dict[str, Any]]:
    """Every row the pane lists under ``filters``, page by page with its keyset query."""
    rows: list[dict[str, Any]] = []
    after = None
    while True:
        page = pane.fetch_page(filters, after=after, limit=PAGE_SIZE)
        rows += ({name: value for name, value in dataclasses.asdict(row).items() if name not in LEFT_OUT}
                 for row in page)
        if len(page) < PAGE_SIZE:
            return rows
        after = page[-1].key


def render(extension: str, title: str, filters: Filters, rows: list[dict[str, Any]]) -> str:
    columns = list(rows[0]) if rows else []
    if extension == "csv":
        return table_csv(columns, rows)
    if extension == "md":
        return table_markdown(title, columns, rows)
    return to_json({"pane": title, "speaker": filters.speaker_label or None, "search": filters.search or None,
                    "proposals_only": filters.proposals_only, "rows": rows})



class FormatChoice(RadioButton):
    """A radio button whose mark, not only its colour, says it is chosen (NO_COLOR)."""

    @property
    def BUTTON_INNER(self) -> str:  # Textual reads this name at each render
        return "\u25cf" if self.value else "\u25cb"

class ExportDialog(ModalScreen[Path | None]):
    """Format and file name; dismissed with the path to write, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    #export-dialog { width: 80; height: auto; border: round $accent; padding: 1 2; background: $surface; }
    #export-dialog RadioSet { layout: horizontal; margin: 1 0; }
    #export-dialog Horizontal { height: auto; margin-top: 1; }
    """

    def __init__(self, pane_name: str):
        super().__init__()
        self.pane_name = pane_name

    def compose(self):
        with Vertical(id="export-dialog"):
            yield Label(f"Export every row of {self.pane_name} under the current filters")
            with RadioSet(id="export-format"):
                for index, extension in enumerate(FORMATS):
                    yield FormatChoice(extension.upper() if extension != "md" else "Markdown", value=index == 0,
                                      name=extension)
            yield Input(str(default_path(self.pane_name, FORMATS[0])), id="export-path")
            with Horizontal():
                yield Button("Write", variant="primary", id="export-write")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix.lstrip(".") in FORMATS:  # a name the user typed without one keeps it
            field.value = str(path.with_suffix(f".{event.pressed.name}"))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def _write(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def export_view(app: KurskApp, pane: ListingPane, pane_name: str, db_path: Path) -> None:
    """Ask for the file, then write the pane's rows there in a thread worker and say so."""
    filters = pane.filters

    def write(path: Path) -> None:
        try:
            rows = every_row(pane, filters)
        except sqlite3.Error as error:
            app.call_from_thread(app.report_store_error, error)
            return
        text = render(path.suffix.lstrip(".") if path.suffix.lstrip(".") in FORMATS else "csv", pane_name,
                      filters, rows)
        try:
            write_file(path, text, protected=store_files(db_path))
        except OutputError as error:
            app.call_from_thread(app.notify, str(error), severity="error", markup=False)
            return
        app.call_from_thread(app.notify, f"Wrote {len(rows):,} row{'s' if len(rows) != 1 else ''} to {path}",
                             markup=False)

    def chosen(path: Path | None) -> None:
        if path is not None:
            app.run_worker(lambda: write(path), thread=True, group="export", name="export view")

    app.push_screen(ExportDialog(pane_name), chosen)

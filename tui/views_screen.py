"""``v``: the saved views. Enter applies one, ``s`` saves the view in use under a name
(replacing one asks first), ``d`` deletes one (asking first). Reads and writes run in thread
workers; every name and filter shown passes the display boundary (names are untrusted)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from db.connection import connect
from db.paging import Reader
from db.views import (
    MAX_NAME_CHARS,
    SavedView,
    View,
    ViewError,
    ViewExists,
    delete_view,
    describe,
    list_views,
    save_view,
)
from tui.display import plain
from tui.workers import deliver

READ_ONLY = "The store is open read-only: views can be applied here, not {}."
T = TypeVar("T")
KEYS_HINT = "enter apply \u00b7 s save the view in use \u00b7 d delete \u00b7 esc close"


class Confirm(ModalScreen[bool]):
    """A yes-or-no question: y or enter says yes, n or esc no."""

    CSS_PATH = "views_screen.tcss"
    BINDINGS = [Binding("y,enter", "dismiss(True)", "Yes"), Binding("n,escape", "dismiss(False)", "No")]

    def __init__(self, question: Text):
        super().__init__()
        self.question = question

    def compose(self):
        with Vertical(id="confirm"):
            yield Static(self.question, id="confirm-question")
            yield Static(Text("y yes \u00b7 n no", style="dim"))


class ViewsScreen(ModalScreen[SavedView | None]):
    """The saved views; dismissed with the one to apply, or None."""

    CSS_PATH = "views_screen.tcss"
    BINDINGS = [
        Binding("s", "save", "Save the view in use"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "close", "Close"),
        Binding("j", "move('down')", "Next", show=False),
        Binding("k", "move('up')", "Previous", show=False),
    ]

    def __init__(self, reader: Reader, db_path: Path, current: View, pane_titles: Mapping[str, str], *,
                 read_only: bool = False):
        super().__init__()
        self.reader, self.db_path = reader, db_path
        self.current = current
        self.pane_titles = pane_titles
        self.read_only = read_only
        self.saved: list[SavedView] = []

    def compose(self):
        with Vertical(id="views"):
            yield DataTable(id="views-table", cursor_type="row", zebra_stripes=True)
            yield Input(placeholder="name for the view in use (enter saves, esc cancels)", id="views-name",
                        max_length=MAX_NAME_CHARS)
            yield Static(id="views-message")
            yield Static(Text(KEYS_HINT, style="dim"), id="views-keys")

    def on_mount(self) -> None:
        self.query_one("#views").border_title = "Saved views"
        table = self.query_one("#views-table", DataTable)
        table.add_column("Name", width=24)
        table.add_column("Pane", width=14)
        table.add_column("Filters")
        self.query_one("#views-name").display = False
        self.refresh_list()

    @property
    def table(self) -> DataTable:
        return self.query_one("#views-table", DataTable)

    @property
    def highlighted(self) -> SavedView | None:
        row = self.table.cursor_row
        return self.saved[row] if self.saved and 0 <= row < len(self.saved) else None

    def say(self, message: str, style: str = "") -> None:
        self.query_one("#views-message", Static).update(plain(message, style, limit=None))

    # --- the list -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="views-list")
    def refresh_list(self, then_show: str | None = None) -> None:
        deliver(self, lambda: self.reader.call(list_views), lambda saved: self._show(saved, then_show))

    def _show(self, saved: list[SavedView], then_show: str | None) -> None:
        self.saved = saved
        table = self.table
        table.clear()
        for view in saved:
            pane = self.pane_titles.get(view.view.pane, view.view.pane)
            table.add_row(plain(view.name, "bold", limit=80), plain(pane), plain(describe(view.view.filters)))
        names = [view.name for view in saved]
        if then_show in names:
            table.move_cursor(row=names.index(then_show))
        if not saved:
            self.say("No saved views yet: s saves the view in use under a name.")
        if not self.query_one("#views-name").display:
            table.focus()

    def action_move(self, direction: str) -> None:
        """j and k, as in the dashboard's tables."""
        self.table.action_cursor_down() if direction == "down" else self.table.action_cursor_up()

    @on(DataTable.RowSelected, "#views-table")
    def _apply(self) -> None:
        if self.highlighted is not None:
            self.dismiss(self.highlighted)

    def action_close(self) -> None:
        """Esc: leave the name being typed, else close."""
        name_input = self.query_one("#views-name", Input)
        if name_input.display:
            name_input.display = False
            self.table.focus()
            self.say("")
        else:
            self.dismiss(None)

    # --- saving -------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.read_only:
            self.say(READ_ONLY.format("saved"), "bold")
            return
        name_input = self.query_one("#views-name", Input)
        name_input.value = ""
        name_input.display = True
        name_input.focus()
        self.say(f"Saving: {describe(self.current.filters)}")

    @on(Input.Submitted, "#views-name")
    def _name_given(self, event: Input.Submitted) -> None:
        self.save(event.value, overwrite=False)

    @work(thread=True, group="views-write")
    def save(self, name: str, *, overwrite: bool) -> None:
        try:
            saved = self.write(lambda conn: save_view(conn, name, self.current, overwrite=overwrite))
        except ViewExists:
            self.app.call_from_thread(self._ask_overwrite, name.strip())
        except (ViewError, sqlite3.Error) as error:
            self.app.call_from_thread(self.say, f"Not saved: {error}", "bold red")
        else:
            self.app.call_from_thread(self._saved, saved)

    def _ask_overwrite(self, name: str) -> None:
        question = Text("Replace the saved view ")
        question.append_text(plain(name, "bold", limit=80))
        question.append(" with the view in use?")
        self.app.push_screen(Confirm(question), lambda yes: self.save(name, overwrite=True) if yes else None)

    def _saved(self, saved: SavedView) -> None:
        self.query_one("#views-name").display = False
        self.say(f"Saved \u201c{saved.name}\u201d.")
        self.refresh_list(then_show=saved.name)

    # --- deleting -----------------------------------------------------------------------------

    def action_delete(self) -> None:
        chosen = self.highlighted
        if chosen is None:
            return
        if self.read_only:
            self.say(READ_ONLY.format("deleted"), "bold")
            return
        question = Text("Delete the saved view ")
        question.append_text(plain(chosen.name, "bold", limit=80))
        question.append("?")
        self.app.push_screen(Confirm(question), lambda yes: self.delete(chosen.name) if yes else None)

    @work(thread=True, group="views-write")
    def delete(self, name: str) -> None:
        try:
            deleted = self.write(lambda conn: delete_view(conn, name))
        except sqlite3.Error as error:
            self.app.call_from_thread(self.say, f"Not deleted: {error}", "bold red")
            return
        message = f"Deleted \u201c{name}\u201d." if deleted else f"\u201c{name}\u201d was already gone."
        self.app.call_from_thread(self.say, message)
        self.app.call_from_thread(self.refresh_list)

    def write(self, change: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``change`` on a connection of its own (called in a worker thread)."""
        conn = connect(self.db_path)
        try:
            return change(conn)
        finally:
            conn.close()

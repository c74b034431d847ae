"""The help screen: every key, by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("Anywhere", (
        ("1 2 3 4", "Timeline, Sources, Figures, Who said what"),
        ("/", "search (full text of the pane's claims or sources)"),
        ("s", "filter every pane by a speaker (type to narrow; aliases match)"),
        ("esc", "back one level: close detail, clear search, clear speaker"),
        ("ctrl+p", "command palette"),
        ("?", "this help"),
        ("q", "quit"),
    )),
    ("In a table", (
        ("j k  ↑ ↓", "move; past the end of a page loads the next page"),
        ("pgup pgdn", "a screen at a time"),
        ("g G  home end", "first / last row"),
        ("enter", "open: the claim's detail, or a source's full text"),
    )),
    ("Who said what", (
        ("tab", "to the speaker list; enter picks a speaker"),
    )),
    ("Source text", (
        ("j k g G", "scroll"),
        ("esc", "back to the dashboard"),
    )),
)


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for section, keys in KEYS:
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in keys:
            table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(help_table())

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "kursk-tui keys"

"""The help screen: every key, by where it works, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Section = tuple[str, Sequence[tuple[str, str]]]

IN_A_TABLE: Section = ("In a table", (
    ("j k  \u2191 \u2193", "move; past the end of a page loads the next page"),
    ("pgup pgdn", "a screen at a time"),
    ("g G  home end", "first / last row"),
    ("enter", "open: the claim's detail (with its history), or a source's full text"),
))
ELSEWHERE: tuple[Section, ...] = (
    ("Who said what", (("tab", "to the speaker list and back; enter picks a speaker"),
                       ("space", "in the speaker list: mark several speakers, then enter filters by them"))),
    ("Speaker picker (s)", (("tab", "from the name box to the list and back"),
                            ("space", "in the list: mark or unmark a speaker (several at once)"),
                            ("enter", "filter by the marked speakers, or the one under the cursor"))),
    ("Filter form (f)", (("tab", "next field: metric, source, dates (2024-12-05, December 2024, last month, "
                                 "A to B, since A)"),
                         ("enter", "apply; an empty field is not narrowed; a word that names nothing says so"),
                         ("esc", "leave the filters as they were"))),
    ("Source text", (("j k g G", "scroll"), ("esc", "back to the dashboard"))),
    ("Edit dialog", (("tab", "next field"), ("ctrl+s", "save all of it, or nothing (a reason says why)"),
                     ("esc", "leave it as it was"))),
)


def binding_rows(app: App, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """One row per action: its key (as the footer shows it) and what it does."""
    rows: dict[str, tuple[str, str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding) or not (binding.tooltip or binding.description):
            continue
        if binding.action in rows and not binding.show:
            continue  # a second key for an action already listed (2-4 under "1-4")
        rows[binding.action] = (app.get_key_display(binding), binding.tooltip or binding.description)
    return list(rows.values())


def own_bindings(widget_class: type) -> list[BindingType]:
    """The bindings kursk-tui's own classes give a widget (a pane: its review keys among them)."""
    return [binding for cls in reversed(widget_class.__mro__) if cls.__module__.startswith("tui.")
            for binding in cls.__dict__.get("BINDINGS", [])]


def help_table(sections: Sequence[Section]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for section, keys in sections:
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in keys:
            table.add_row(Text(key), Text(what))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: Sequence[Section]):
        super().__init__()
        self.sections = (*sections, IN_A_TABLE, *ELSEWHERE)

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(help_table(self.sections), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "kursk-tui keys"

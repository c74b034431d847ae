"""A source's full text with every claim span marked, over the dashboard."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from db.details import SourceText, source_text
from db.paging import Reader
from tui.display import plain
from tui.status_line import KeysFooter
from tui.workers import deliver

TEXT_LIMIT = 200_000  # characters of a source shown; far beyond any article
SPAN_STYLES = {
    "quote": "bold black on cyan",
    "figure": "bold black on magenta",
    "date": "bold yellow underline",
    "event": "underline green",
    "role": "italic bright_blue",
}


def render_source(source: SourceText) -> Text:
    """Heading, legend and full text, each span styled by the kind of claim it carries."""
    text = Text(end="")
    title = " · ".join(part for part in (source.title, source.publisher, source.published) if part)
    text.append_text(plain(title or "(untitled source)", "bold"))
    text.append("\n")
    if source.note:
        text.append_text(plain(source.note, "yellow"))
        text.append("\n")
    if source.published_basis:
        text.append_text(plain(f"Date: {source.published_basis}", "dim", multiline=True, limit=None))
        text.append("\n")
    text.append("\nMarked: ")
    for kind, style in SPAN_STYLES.items():
        text.append(f" {kind} ", style=style)
        text.append(" ")
    counts = {kind: sum(span.kind == kind for span in source.spans) for kind in SPAN_STYLES}
    text.append("  (" + ", ".join(f"{n} {kind}s" for kind, n in counts.items() if n) + ")\n\n", style="dim")
    body = plain(source.text, multiline=True, limit=TEXT_LIMIT)
    offset = len(text)
    text.append_text(body)
    if len(source.text) > TEXT_LIMIT:
        text.append(f"\n\n(The text runs to {len(source.text):,} characters; the first "
                    f"{TEXT_LIMIT:,} are shown.)", style="bold yellow")
    # Events first: they cover whole clauses, and quotes, figures and dates inside them
    # should still show their own colours on top.
    order = {"event": 0, "role": 1, "date": 2, "figure": 3, "quote": 4}
    for span in sorted(source.spans, key=lambda s: (order.get(s.kind, 9), s.start)):
        text.stylize(SPAN_STYLES.get(span.kind, "reverse"), offset + span.start, offset + span.end)
    return text


class SourceScreen(ModalScreen[None]):
    """Full text of one source; esc goes back."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, reader: Reader, source_pk: int):
        super().__init__()
        self.reader, self.source_pk = reader, source_pk

    def compose(self):
        with VerticalScroll(id="source-text"):
            yield Static(Text("Loading the source…"), id="source-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#source-text").border_title = "Source text"
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        deliver(self, lambda: source_text(self.reader, self.source_pk), self._show_source)

    def _show_source(self, source: SourceText | None) -> None:
        body = render_source(source) if source else Text("This source is no longer in the store.")
        self.query_one("#source-body", Static).update(body)

    def action_scroll(self, where: str) -> None:
        view = self.query_one("#source-text", VerticalScroll)
        {"down": view.scroll_down, "up": view.scroll_up, "home": view.scroll_home,
         "end": view.scroll_end}[where](animate=False)


"""A source's full text with every claim span marked, over the dashboard."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from db.details import SourceText, source_text
from db.paging import Reader
from tui.display import plain
from tui.highlight import match_spans, phrases
from tui.source_text import SourceTextView
from tui.status_line import KeysFooter
from tui.workers import deliver

# Characters of a source shown. Drawing is not what bounds it (the view draws a screenful at a
# time and wraps once per width: bench/source_view.py opened 5,000,000 characters in 1.2 s of
# CPU and 36 MB); finding words is, on the UI thread: / in 1,000,000 characters of news prose
# with curly apostrophes takes 0.1-0.2 s of CPU (match_spans), in five times that a second.
TEXT_LIMIT = 1_000_000
SPAN_STYLES = {
    "quote": "bold black on cyan",
    "figure": "bold black on magenta",
    "date": "bold yellow underline",
    "event": "underline green",
    "role": "italic bright_blue",
}
CLAIM_KINDS = ("quote", "figure", "event")  # the spans ] and [ go to
# Every match of the words found, reversed (no span style above reverses), the current one
# also bold and underlined: told apart without colour.
FOUND_STYLE = "reverse"
CURRENT_STYLE = "bold underline reverse"


def render_source(source: SourceText) -> tuple[Text, int]:
    """Heading, legend and full text, each span styled by the kind of claim it carries; and
    where the source's text starts in it."""
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
    # Cut before cleaning: cleaning maps one character to one (the spans keep their offsets),
    # and without a limit it takes its line-by-line quick path.
    body = plain(source.text[:TEXT_LIMIT], multiline=True, limit=None)
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
    return text, offset


class FindInput(Input):
    """The words to find in the source; esc closes it."""

    BINDINGS = [Binding("escape", "close", "Close")]

    class Closed(Message):
        """Esc in the box: back to the text, the matches as they were."""

    def action_close(self) -> None:
        self.post_message(self.Closed())


class SourceScreen(ModalScreen[None]):
    """Full text of one source; / finds words in it, ] and [ go from claim span to claim span;
    esc goes back."""

    DEFAULT_CSS = """
    #source-where { height: 1; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back"),
        Binding("slash", "find", "Find", tooltip="find words in the text (each a prefix, any case or accents)"),
        Binding("n", "next_match(1)", "Next match"),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("right_square_bracket", "next_span(1)", "Next claim", tooltip="the next claim's words in the text"),
        Binding("left_square_bracket", "next_span(-1)", "Previous claim", show=False),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, reader: Reader, source_pk: int, search: str = ""):
        super().__init__()
        self.reader, self.source_pk = reader, source_pk
        self.search = search  # the words found and marked, the dashboard's search at first
        self.body: Text | None = None
        self.text_start = 0  # where the source's own text starts in ``body``
        self.matches: list[tuple[int, int]] = []  # in ``body``
        self.claim_spans: list[tuple[int, int, str]] = []  # (start, end, kind) in ``body``, in text order
        self.claim_places: list[tuple[int, int]] = []  # the same without the kind, for bisection
        self.current: tuple[int, int] | None = None  # the match or claim span the keys went to last

    def compose(self):
        yield SourceTextView(Text("Loading the source…"), found_style=FOUND_STYLE, current_style=CURRENT_STYLE,
                             id="source-text")
        yield FindInput(placeholder="find in the text (enter)", id="source-find")
        yield Static(id="source-where")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#source-text").border_title = "Source text"
        self.query_one(FindInput).display = False
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        deliver(self, lambda: source_text(self.reader, self.source_pk), self._show_source)

    def _show_source(self, source: SourceText | None) -> None:
        if source is None:
            self.query_one(SourceTextView).show_text(Text("This source is no longer in the store."))
            return
        self.body, self.text_start = render_source(source)
        shown = min(len(source.text), TEXT_LIMIT)
        self.claim_spans = sorted({(self.text_start + span.start, self.text_start + span.end, span.kind)
                                   for span in source.spans if span.kind in CLAIM_KINDS and span.start < shown})
        self.claim_places = [(start, end) for start, end, _ in self.claim_spans]
        self.query_one(SourceTextView).show_text(self.body)
        self.find(self.search)

    # --- finding words, going from claim to claim ------------------------------------------

    def find(self, words: str) -> None:
        """Mark every match of ``words`` in the source's text (not the heading) and say how many."""
        self.search = words
        self.current = None
        self.matches = []
        if self.body is not None:
            text = self.body.plain[self.text_start:]
            self.matches = [(self.text_start + start, self.text_start + end)
                            for start, end in match_spans(text, phrases(words))]
        self.show()
        count = len(self.matches)
        if not phrases(words):
            self.tell("")
        elif count:
            self.tell(f"{count:,} match{'es' if count > 1 else ''} for ", words, " (n next, N previous)")
        else:
            self.tell("No match for ", words)

    def action_find(self) -> None:
        box = self.query_one(FindInput)
        box.value = self.search
        box.display = True
        box.focus()

    @on(Input.Submitted, "#source-find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self._close_find()
        self.find(event.value)
        if self.matches:
            self.action_next_match(1)

    @on(FindInput.Closed)
    def _close_find(self) -> None:
        box = self.query_one(FindInput)
        box.display = False
        self.query_one("#source-text").focus()

    def action_next_match(self, step: int) -> None:
        """To the next (1) or previous (-1) match after the last place gone to, round the end."""
        if not self.matches:
            self.tell("Nothing to go to: / finds words in the text.")
            return
        index = self._next(self.matches, step)
        self.go_to(self.matches[index])
        self.tell(f"match {index + 1} of {len(self.matches)} for ", self.search)

    def action_next_span(self, step: int) -> None:
        """To the next (1) or previous (-1) claim's span, round the end."""
        if not self.claim_spans:
            self.tell("No claim rests on this text.")
            return
        index = self._next(self.claim_places, step)
        start, end, kind = self.claim_spans[index]
        self.go_to((start, end))
        self.tell(f"{kind} {index + 1} of {len(self.claim_spans)}")

    def _next(self, places: list[tuple[int, int]], step: int) -> int:
        """The index of the place after (or before) the current one, wrapping round."""
        if self.current is None:
            return 0 if step > 0 else len(places) - 1
        if step > 0:
            return bisect_right(places, self.current) % len(places)
        return (bisect_left(places, self.current) - 1) % len(places)

    def go_to(self, place: tuple[int, int]) -> None:
        """Mark ``place`` as the current one and scroll it into view, a third of the way down."""
        self.current = place
        self.show()
        view = self.query_one(SourceTextView)
        view.scroll_to(y=max(0, self.line_of(place[0]) - view.size.height // 3), animate=False)

    def line_of(self, offset: int) -> int:
        """The line of the shown text that character ``offset`` of the body is on."""
        return self.query_one(SourceTextView).line_of(offset)

    def show(self) -> None:
        """Every match marked, and the current place."""
        if self.body is not None:
            self.query_one(SourceTextView).mark(self.matches, self.current)

    def tell(self, message: str, words: str = "", after: str = "") -> None:
        """Say where the keys went; the words typed are shown literally, in quotes."""
        said = Text(message, end="")
        if words:
            said.append_text(plain(f"\u201c{words}\u201d", "bold", limit=80))
        said.append(after)
        line = self.query_one("#source-where", Static)
        line.update(said)
        line.display = bool(said.plain)  # the text takes the line when there is nothing to say

    def action_scroll(self, where: str) -> None:
        view = self.query_one(SourceTextView)
        {"down": view.scroll_down, "up": view.scroll_up, "home": view.scroll_home,
         "end": view.scroll_end}[where](animate=False)

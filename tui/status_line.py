"""The two status bars: the status line (the filters in force and what the pane on screen
holds) and the footer of the keys on offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from db.queries import Filters
from tui.display import plain
from tui.format import plural

SEPARATOR = "  \u00b7  "
ASCENDING, DESCENDING = "\u25b2", "\u25bc"
OPEN = "\u2026"  # a date window's open end
DIM = Style(dim=True)


@dataclass(frozen=True)
class PageState:
    """What the pane on screen holds, as the status line tells it."""

    loading: bool = False  # a page is on its way and none is shown yet
    rows: int = 0
    more: bool = False  # more rows after this page
    empty: str = ""  # what to say when nothing matches; "" until the pane has loaded
    first: int | None = None  # the place of the page's first row in the listing (1 for the top), if known
    total: int | None = None  # the rows of the whole listing, once counted


class StatusLine(Widget):
    """Speakers, search, metric, source, dates, sort, proposals-only and read-only, then the
    pane's row count or emptiness."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    filters: reactive[Filters] = reactive(Filters)
    page: reactive[PageState] = reactive(PageState)

    def __init__(self, *, read_only: bool = False, id: str | None = None):
        super().__init__(id=id)
        self.read_only = read_only

    def render(self) -> Text:
        narrowed, state = self.narrowed(), self.state()
        width = self.size.width
        if width and narrowed.cell_len + state.cell_len > width:  # keep the state: cut the filters short
            narrowed.truncate(max(1, width - state.cell_len), overflow="ellipsis")
        return narrowed + state

    def narrowed(self) -> Text:
        """What the panes are narrowed to and how they are sorted."""
        filters = self.filters
        status = Text(end="")
        status.append("speakers: " if len(filters.speaker_pks) > 1 else "speaker: ", style="dim")
        status.append_text(plain(filters.speaker_label or "all", "bold", limit=60))
        status.append(SEPARATOR + "search: ", style="dim")
        status.append_text(plain(filters.search or "\u2014", "bold" if filters.search else "dim", limit=60))
        for name, typed, meaning in self.window(filters):
            status.append(f"{SEPARATOR}{name}: ", style="dim")
            if typed:
                status.append_text(plain(typed, "bold", limit=40))
                status.append(" ")
            status.append(meaning, style="dim" if typed else "bold")
        if filters.sort or filters.descending:
            status.append(SEPARATOR + "sort: ", style="dim")
            arrow = DESCENDING if filters.descending else ASCENDING
            status.append(f"{filters.sort or 'own order'} {arrow}", style="bold")
        return status

    def state(self) -> Text:
        """Review mode, read-only, and which rows are on screen: kept whole on a narrow terminal."""
        filters, page = self.filters, self.page
        status = Text(end="")
        if filters.proposals_only:
            status.append(SEPARATOR, style="dim")
            status.append("proposals only", style="bold yellow")
        if filters.show_rejected and not filters.proposals_only:
            status.append(SEPARATOR, style="dim")
            status.append("rejected shown", style="bold")
        if self.read_only:
            status.append(SEPARATOR, style="dim")
            status.append("read-only", style="bold white on red")
        if page.loading:
            status.append(SEPARATOR + "loading\u2026", style="dim")
        elif page.rows:
            status.append(SEPARATOR + self.rows_label(page), style="dim")
        elif page.empty:
            status.append(SEPARATOR, style="dim")
            status.append_text(self.empty_message(page.empty))
        return status

    @staticmethod
    def window(filters: Filters) -> list[tuple[str, str, str]]:
        """The filter form's criteria in force: each one's name, words as typed and what they found."""
        shown = []
        if filters.metrics:
            shown.append(("metric", filters.metric_label, f"({plural(len(filters.metrics), 'metric')})"))
        if filters.source_pks:
            shown.append(("source", filters.source_label, f"({plural(len(filters.source_pks), 'source')})"))
        if filters.since or filters.until:
            days = f"{filters.since or OPEN} \u2013 {filters.until or OPEN}"
            shown.append(("dates", filters.date_label, f"({days})" if filters.date_label else days))
        return shown

    @staticmethod
    def rows_label(page: PageState) -> str:
        """rows 101\u2013200 of 12,345; while the count is on its way, 100+ rows."""
        if page.total is not None and page.first is not None:
            last = page.first + page.rows - 1
            return f"rows {page.first:,}\u2013{last:,} of {max(page.total, last):,}"
        if page.total is not None:
            return f"{plural(page.rows, 'row')} of {page.total:,}"
        return f"{page.rows:,}+ rows" if page.more else plural(page.rows, "row")

    def empty_message(self, empty: str) -> Text:
        """The pane's word for nothing matching, with a way out when a speaker narrows it."""
        message = Text(empty, style="bold yellow")
        if self.filters.speaker_pks:
            message.append(" Speaker: ", style="yellow")
            message.append_text(plain(self.filters.speaker_label, "yellow", limit=60))
            # esc clears the search before the speakers (the app's escape ladder)
            way_out = "esc clears the search first" if self.filters.search else "esc clears it"
            message.append(f" (s picks another; {way_out}).", style="yellow")
        return message


class FooterKey(NamedTuple):
    """A key on offer as the footer shows it."""

    key: str
    display: str  # how the key is written (App.get_key_display)
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget):
    """The keys on offer in one line, drawn as Textual's compact footer draws them; a click
    on a key presses it.

    Textual's Footer is a widget per key, and it mounts them all again for every change of
    the keys (focus, screen, a pane's keys), several per key press: at a start it was two
    thirds of the widgets styled and laid out, and before the rows of a search the UI thread
    rebuilt it while the page was read. One widget draws the same line again only when the
    keys on offer differ."""

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeysFooter > .keys-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeysFooter > .keys-footer--separator {
        color: $foreground 20%;
    }
    """
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--hover",
                         "keys-footer--separator"}
    ALLOW_SELECT = False

    keys: reactive[tuple[FooterKey, ...]] = reactive(())
    hovered: reactive[int | None] = reactive(None)
    palette: reactive[FooterKey | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self.places: list[tuple[int, int, FooterKey]] = []  # where each key was drawn: start, end

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if not (self.is_attached and screen is self.screen):
            return
        keys, palette = self.keys_on_offer()
        if (keys, palette) != (self.keys, self.palette):  # reactives redraw only on a change too
            self.keys, self.palette, self.hovered, self.tooltip = keys, palette, None, None

    def keys_on_offer(self) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
        """Each action's first shown binding (as Footer shows them), and the command palette's
        key, drawn apart at the right."""
        app = self.app
        by_action: dict[str, FooterKey] = {}
        palette = None
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            key = FooterKey(binding.key, app.get_key_display(binding), binding.description, enabled,
                            tooltip or binding.description)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = key
            elif binding.show:
                by_action.setdefault(binding.action, key)
        return tuple(by_action.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        hover_style = self.get_component_rich_style("keys-footer--hover")
        self.places = []

        def draw(text: Text, index: int, key: FooterKey, origin: int = 0) -> None:
            """Append ``key`` to ``text``, which starts at ``origin`` on the line."""
            styles = (key_style, description_style)
            if index == self.hovered:
                styles = (key_style + hover_style, description_style + hover_style)
            if not key.enabled:
                styles = (styles[0] + DIM, styles[1] + DIM)
            start = origin + text.cell_len
            text.append(key.display, styles[0])
            if key.description:
                text.append(" " + key.description, styles[1])
            self.places.append((start, origin + text.cell_len, key))

        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(self.keys):
            draw(line, index, key)
            line.append(" ")
        if self.palette is not None:
            palette = Text("\u258f", self.get_component_rich_style("keys-footer--separator"), end="")
            width = palette.cell_len + cell_len(self.palette.display) + 1 + cell_len(self.palette.description)
            origin = max(0, self.size.width - width)
            line.truncate(origin, pad=True)
            draw(palette, len(self.keys), self.palette, origin)
            line.append_text(palette)
        return line

    def key_at(self, x: int) -> int | None:
        return next((index for index, (start, end, _) in enumerate(self.places) if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.key_at(event.x)
        if index != self.hovered:
            self.hovered = index
            self.tooltip = self.places[index][2].tooltip if index is not None else None

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        index = self.key_at(event.x)
        if index is None:
            return
        key = self.places[index][2]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

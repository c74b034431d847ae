"""The two status bars: the status line (the filters in force and what the pane on screen
holds) and the footer of the keys on offer."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from db.queries import Filters
from tui.display import plain
from tui.format import plural

SEPARATOR = "  \u00b7  "
ASCENDING, DESCENDING = "\u25b2", "\u25bc"
OPEN = "\u2026"  # a date window's open end


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


class KeysFooter(Footer):
    """Textual's footer, rebuilt once however often the keys on offer change before it is,
    and only when they differ from the keys it shows.

    Textual 8.2.8 rebuilds the footer for every change (focus, screen, a pane's keys), several
    per key press; each rebuild mounts every key again (measured: a third of an app's start,
    and ~0.1 s of CPU before the rows of a speaker filter, as the picker closes and the keys
    come back the same)."""

    rebuild_pending = False
    keys_shown: tuple | None = None  # the keys the footer was last built with

    def __init__(self) -> None:
        # Compact: a column less per key, so that at 80 columns the pane keys still show; and
        # each key is styled once, where Textual's roomy footer restyles every key it mounts
        # twice (its keys start compact): ~5% of the first frame's instructions.
        super().__init__(compact=True)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not (screen.app.app_focus and self.is_attached and screen is self.screen) or self.rebuild_pending:
            return
        self.rebuild_pending = True
        self.call_after_refresh(self._rebuild)

    def keys_on_offer(self) -> tuple:
        """What Footer.compose builds its keys from: each shown binding, its state and its words."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show
        ) + (self.show_command_palette, self.compact)

    async def _rebuild(self) -> None:
        self.rebuild_pending = False  # a change from here on asks for another rebuild
        keys = self.keys_on_offer()
        if keys != self.keys_shown:
            self.keys_shown = keys
            await self.recompose()

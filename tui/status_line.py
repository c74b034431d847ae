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


@dataclass(frozen=True)
class PageState:
    """What the pane on screen holds, as the status line tells it."""

    loading: bool = False  # a page is on its way and none is shown yet
    rows: int = 0
    more: bool = False  # more rows after this page
    empty: str = ""  # what to say when nothing matches; "" until the pane has loaded


class StatusLine(Widget):
    """Speaker, search, proposals-only and read-only, then the pane's row count or emptiness."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    filters: reactive[Filters] = reactive(Filters)
    page: reactive[PageState] = reactive(PageState)

    def __init__(self, *, read_only: bool = False, id: str | None = None):
        super().__init__(id=id)
        self.read_only = read_only

    def render(self) -> Text:
        filters, page = self.filters, self.page
        status = Text(end="")
        status.append("speaker: ", style="dim")
        status.append_text(plain(filters.speaker_label or "all", "bold", limit=60))
        status.append("   search: ", style="dim")
        status.append_text(plain(filters.search or "\u2014", "bold", limit=60))
        if filters.proposals_only:
            status.append("   proposals only", style="bold yellow")
        if filters.show_rejected and not filters.proposals_only:
            status.append("   rejected shown (R hides them)", style="bold")
        if self.read_only:
            status.append("   read-only", style="bold red")
        if page.loading:
            status.append("   loading\u2026", style="dim")
        elif page.rows:
            more = "+" if page.more else ""
            status.append(f"   {page.rows}{more} row{'s' if page.rows > 1 or more else ''} on this page",
                          style="dim")
        elif page.empty:
            status.append("   ")
            status.append_text(self.empty_message(page.empty))
        return status

    def empty_message(self, empty: str) -> Text:
        """The pane's word for nothing matching, with a way out when a speaker narrows it."""
        message = Text(empty, style="bold yellow")
        if self.filters.speaker_pks:
            message.append(" Speaker: ", style="yellow")
            message.append_text(plain(self.filters.speaker_label, "yellow", limit=60))
            message.append(" (s picks another; esc clears the search first).", style="yellow")
        return message


class KeysFooter(Footer):
    """Textual's footer, rebuilt once however often the keys on offer change before it is.

    Textual 8.2.8 rebuilds the footer for every change (focus, screen, a pane's keys), several
    per key press; each rebuild mounts every key again (measured: a third of an app's start)."""

    rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not (screen.app.app_focus and self.is_attached and screen is self.screen) or self.rebuild_pending:
            return
        self.rebuild_pending = True
        self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self.rebuild_pending = False  # a change from here on asks for another rebuild
        await self.recompose()

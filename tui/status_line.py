"""The status line: the filters in force and what the pane on screen holds."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

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

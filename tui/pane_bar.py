"""The row of pane titles: always on screen, the shown pane highlighted, a click switches.

Textual's TabbedContent syncs its tabs through messages, and keys pressed quickly (2, 3,
4) can leave it on a pane the user already left; this bar changes in the same call.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class PaneBar(Widget):
    DEFAULT_CSS = """
    PaneBar { height: 1; background: $panel; }
    """

    active: reactive[str] = reactive("")

    class Chosen(Message):
        """A pane title was clicked."""

        def __init__(self, key: str):
            super().__init__()
            self.key = key

    def __init__(self, panes: Sequence[tuple[str, str]], **kwargs):
        super().__init__(**kwargs)
        self.panes = panes
        self.places: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        text, self.places = Text(" ", end=""), []
        for key, title in self.panes:
            start = len(text)
            text.append(f" {title} ", style="bold reverse" if key == self.active else "")
            self.places.append((start, len(text), key))
            text.append(" ")
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self.places:
            if start <= event.x < end:
                self.post_message(self.Chosen(key))

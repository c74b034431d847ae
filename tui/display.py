"""The display boundary: every string from data reaches a widget through here.

``plain()`` returns a ``rich.text.Text`` (never markup) with control characters made
visible or removed, so quotes like ``[/]`` or ``[@click=...]`` and terminal escape
sequences are shown as the characters they are.
"""

from __future__ import annotations

from rich.text import Text

from db.visible import CELL_LIMIT, clean

__all__ = ["CELL_LIMIT", "clean", "plain"]


def plain(value: object, style: str = "", *, multiline: bool = False,
          limit: int | None = CELL_LIMIT) -> Text:
    """A ``Text`` holding ``value`` literally (see ``clean``), in ``style``."""
    return Text(clean(value, multiline=multiline, limit=limit), style=style, end="")

"""The display boundary: every string from data reaches a widget through here.

``plain()`` returns a ``rich.text.Text`` (never markup) with control characters made
visible or removed, so quotes like ``[/]`` or ``[@click=...]`` and terminal escape
sequences are shown as the characters they are.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

CELL_LIMIT = 500
REPLACEMENT = "\ufffd"
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def clean(value: object, *, multiline: bool = False, limit: int | None = CELL_LIMIT) -> str:
    """``value`` as safe terminal text: controls shown as symbols, breaks folded unless
    ``multiline``, lone surrogates and bidi overrides replaced, length capped."""
    text = "" if value is None else str(value)
    out = []
    for char in text:
        code = ord(char)
        if char in _LINE_BREAKS:
            out.append("\n" if multiline and char in "\n\u2028\u2029" else " ")
        elif char == "\t":
            out.append(" ")
        elif code < 0x20 or code == 0x7F:
            out.append(chr(0x2400 + code) if code < 0x20 else "\u2421")  # control pictures
        elif 0x80 <= code < 0xA0 or char in _BIDI_CONTROLS or 0xD800 <= code < 0xE000:
            out.append(REPLACEMENT)
        elif unicodedata.category(char) == "Cf" and char not in "\u200d\u00ad":
            out.append(REPLACEMENT)
        else:
            out.append(char)
        if limit is not None and len(out) > limit:
            return "".join(out[:limit - 1]) + "\u2026"
    return "".join(out)


def plain(value: object, style: str = "", *, multiline: bool = False,
          limit: int | None = CELL_LIMIT) -> Text:
    """A ``Text`` holding ``value`` literally (see ``clean``), in ``style``."""
    return Text(clean(value, multiline=multiline, limit=limit), style=style, end="")

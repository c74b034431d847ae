"""Text safe to show on a terminal: control characters made visible, never acted on.

The one mapping behind the dashboard's display boundary (``tui.display``), the command
line's messages and terminal output, and the Markdown export; no Textual or Rich here.
"""

from __future__ import annotations

import unicodedata

CELL_LIMIT = 500
REPLACEMENT = "\ufffd"
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def clean(value: object, *, multiline: bool = False, limit: int | None = CELL_LIMIT) -> str:
    """``value`` as safe terminal text: controls shown as symbols, breaks folded unless
    ``multiline``, lone surrogates and bidi overrides replaced, length capped."""
    text = "" if value is None else str(value)
    if multiline and limit is None and "\n" in text:
        # Line by line, so that the lines without a control character take the quick path.
        return "\n".join(_mapped(line, multiline=True, limit=None) for line in text.split("\n"))
    return _mapped(text, multiline=multiline, limit=limit)


def _mapped(text: str, *, multiline: bool, limit: int | None) -> str:
    if text.isprintable():  # no control, break, format or unassigned character: nothing to map
        return text if limit is None or len(text) <= limit else text[:limit - 1] + "\u2026"
    out = []
    for char in text:
        code = ord(char)
        if char in _LINE_BREAKS:
            out.append("\n" if multiline and char in "\n\u2028\u2029" else " ")
        elif char == "\t":
            out.append(" ")
        elif code < 0x20 or code == 0x7F:
            out.append(chr(0x2400 + code) if code < 0x20 else "\u2421")  # control pictures
        elif _is_hidden_control(char):
            out.append(REPLACEMENT)
        else:
            out.append(char)
        if limit is not None and len(out) > limit:
            return "".join(out[:limit - 1]) + "\u2026"
    return "".join(out)


def _is_hidden_control(char: str) -> bool:
    """C1 controls, bidi overrides, lone surrogates and other invisible format characters
    (but the zero-width joiner and the soft hyphen, which text needs)."""
    code = ord(char)
    return (0x80 <= code < 0xA0 or char in _BIDI_CONTROLS or 0xD800 <= code < 0xE000
            or (unicodedata.category(char) == "Cf" and char not in "\u200d\u00ad"))

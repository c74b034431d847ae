"""Search matches marked in text already made safe by the display boundary (``tui.display``).

The style is bold, underlined and reversed, never colour alone, so ``NO_COLOR`` shows it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from db.search import Phrase, phrases

__all__ = ["MATCH_STYLE", "Phrase", "highlight", "match_spans", "phrases"]

MATCH_STYLE = "bold underline reverse"


def match_spans(text: str, marks: Sequence[Phrase]) -> list[tuple[int, int]]:
    """Where any of ``marks`` matches in ``text``, in order, overlapping matches merged."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(span for phrase in marks for span in phrase.spans(text)):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def highlight(text: Text, marks: Sequence[Phrase], style: str = MATCH_STYLE) -> Text:
    """``text`` with every match of ``marks`` styled (in place; returned for chaining)."""
    if marks:
        for start, end in match_spans(text.plain, marks):
            text.stylize(style, start, end)
    return text

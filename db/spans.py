"""The span record: where a claim's words stand in its source text (no store access)."""

from __future__ import annotations

from typing import Any

AFFIX_LENGTH = 32


def make_span(text: str, start: int, end: int) -> dict[str, Any]:
    """The span record for ``text[start:end]`` with its prefix and suffix for re-anchoring."""
    return {
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - AFFIX_LENGTH):start],
        "suffix": text[end:end + AFFIX_LENGTH],
    }

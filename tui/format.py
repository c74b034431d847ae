"""How figures and dates are written on screen (no I/O, no widgets)."""

from __future__ import annotations

import math
from datetime import date


def plural(count: int, word: str) -> str:
    """1 claim, 2 claims, 12,345 claims."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _with_unit(text: str, unit: str) -> str:
    if unit in ("persons", "", "fraction"):
        return text
    singular = text in ("1", "≈ 1", "≤ 1", "≥ 1") or unit.endswith("s")
    return f"{text} {unit}" if singular else f"{text} {unit}s"


def bounds(bound: str, value: float | None, low: float | None, high: float | None,
           unit: str, base_text: str | None = None) -> str:
    """A figure's bounds in symbols: 10,000–12,000 · ≈ 3,800 · ≤ 1 battalion · ≈ 33.3% of 12,000."""
    from db.checks import format_number  # here: db.checks costs the first frame ~20 ms to import

    if bound == "fraction_of" or unit == "fraction":
        share = value if value is not None else high if high is not None else low
        text = "?" if share is None else f"{share * 100:.3g}%"
        prefix = {"at_most": "≤ ", "at_least": "≥ ", "approx": "≈ ", "fraction_of": "≈ "}.get(bound, "")
        return prefix + text + (f" of {base_text}" if base_text else "")
    if bound == "range":
        text = f"{format_number(low)}–{format_number(high)}"
    elif bound == "at_most":
        text = f"≤ {format_number(high if high is not None else value)}"
    elif bound == "at_least":
        text = f"≥ {format_number(low if low is not None else value)}"
    elif bound == "approx":
        text = f"≈ {format_number(value)}"
    else:
        text = format_number(value)
    return _with_unit(text, unit)


def when(text: str | None, edtf: str | None, missing: str) -> tuple[str, str]:
    """A date as printed, else its EDTF form, else ``missing``; with the style to show it in."""
    if text:
        return text, ""
    return (edtf, "") if edtf else (missing, "dim italic")


def date_range(lower: str | None, upper: str | None) -> str:
    """Strict bounds as one label: 2024-12-27, or 2024-12-21 … 12-31 for a span."""
    if not lower:
        return "undated"
    if not upper or upper == lower:
        return lower
    if lower[:4] == upper[:4]:
        return f"{lower} … {upper[5:]}"
    return f"{lower} … {upper}"


PRECISION_WORDS = {"day": "day", "days": "days", "part_of_month": "part of month", "month": "month",
                   "season": "season", "year": "year"}


def fuzziness(lower: str | None, upper: str | None, precision: str | None) -> str:
    """A bar as long as the log of the days a date spans, and its precision in words."""
    if not lower or not upper:
        return ""
    days = (date.fromisoformat(upper) - date.fromisoformat(lower)).days + 1
    bar = "━" * min(10, 1 + round(math.log2(days)))
    return f"{bar:<10} {PRECISION_WORDS.get(precision or '', precision or '')}"

"""What a figure's number may be: finite, within a documented range, negative only for a change."""

from __future__ import annotations

import math

# Far above any count in war reporting (a world population is ~8e9), low enough that every
# integer up to it is exact as a float and that the chart's and checks' arithmetic stays finite.
MAX_MAGNITUDE = 1e15

# Units whose figures may be negative: a change ("down 40 %", "a loss of 300 on the week").
SIGNED_UNITS = frozenset({"change", "percent_change"})


def value_problem(value: float, unit: str | None) -> str | None:
    """Why ``value`` cannot be a figure's number in ``unit``, or None when it can."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "not a number"
    if not math.isfinite(value):
        return "not a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"beyond the documented range (at most {MAX_MAGNITUDE:.0e} in magnitude)"
    if value < 0 and unit not in SIGNED_UNITS:
        return f"negative, which only a change ({', '.join(sorted(SIGNED_UNITS))}) can be"
    return None

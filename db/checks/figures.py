"""Figures as the checks read them, and the numbers and dates they compare.

Numbers become intervals before they are compared: exact N -> [N, N]; "about / roughly /
approximately N" -> N +/- 10 %; "nearly / almost / just under N" -> [90 % of N, N]; "just
over N" -> [N, 110 % of N]; at_most N -> (open, N]; at_least N -> [N, open); a range ->
[low, high].

Dates: a figure's as-of is its stated date when the text gives one. Otherwise it is "as of
no later than the source's publication date", the window (-inf, published]; to be set
beside other figures such a figure is placed in the month before its publication (news
reports what is current), so an undated January figure is not held against October's.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from db.records import records, source_name

APPROX_TOLERANCE = 0.10
JUST_UNDER = ("nearly", "almost", "just under", "close to")
JUST_OVER = ("just over",)
CURRENT = timedelta(days=31)  # how far before its publication an undated figure is placed

Interval = tuple[float | None, float | None]  # None: open on that side
Window = tuple[date, date]


@dataclass(frozen=True)
class Figure:
    """A figure with its claimant, metric, as-of date and source, as the checks need it."""

    pk: int
    id: str
    claimant_pk: int | None
    claimant_id: str | None
    claimant: str | None
    metric: str
    metric_pk: int | None
    subject: str | None
    quantity: str | None
    parent_pk: int | None  # the metric's whole: casualties for killed
    text: str
    value: float | None
    low: float | None
    high: float | None
    bound: str
    hedge: str | None
    unit: str
    per_unit: str | None
    base_id: str | None
    base_text: str | None
    as_of: str | None
    as_of_text: str | None
    as_of_lower: str | None
    as_of_upper: str | None
    as_of_precision: str | None
    resolved_against: str | None
    source_id: str
    source: str
    outlet: str  # the publisher, else the title: who reported it
    published: str | None  # the last day the source can have been published
    status: str

    @property
    def as_of_basis(self) -> str | None:
        """"stated" (the text dates it), "publication" (no later than the source), or None."""
        if self.as_of_lower is not None and self.as_of_upper is not None:
            return "stated"
        return "publication" if self.published is not None else None

    @property
    def window(self) -> Window | None:
        """The days the figure can be as of: its stated date's bounds, else (-inf, published]."""
        if self.as_of_lower is not None and self.as_of_upper is not None:
            return date.fromisoformat(self.as_of_lower), date.fromisoformat(self.as_of_upper)
        if self.published is not None:
            return date.min, date.fromisoformat(self.published)
        return None

    @property
    def placed(self) -> Window | None:
        """Where the checks set the figure in time: its stated window, or the month up to
        its publication when it has none."""
        window = self.window
        if window is None or self.as_of_basis == "stated":
            return window
        return shifted(window[1], -CURRENT), window[1]

    @property
    def as_of_shown(self) -> str:
        """'late December (2024-12-21/2024-12-31)', 'by 2025-01-08, publication' or 'no date'."""
        if self.as_of_basis == "stated":
            return f"{self.as_of_text} ({self.as_of})" if self.as_of_text else str(self.as_of)
        return as_of_words(self.as_of_text, self.as_of, self.published)

    @property
    def label(self) -> str:
        """'Volodymyr Zelensky's “3,000” (late December)' style reference in explanations."""
        when = self.as_of_text or self.as_of if self.as_of_basis == "stated" else f"by {self.published}, publication"
        when_part = f" ({when})" if self.as_of_basis else ""
        return f"{possessive(self.claimant or 'an unattributed source')} \u201c{self.text}\u201d{when_part}"

    @property
    def kind(self) -> tuple[str, str | None]:
        """What the figure counts: its metric's subject and quantity (the name, unfiled)."""
        return (self.subject or self.metric, self.quantity)


def as_of_words(text: str | None, edtf: str | None, published: str | None) -> str:
    """An as-of for display: the stated date, else 'by <publication>, publication'."""
    if edtf:
        return f"{text} ({edtf})" if text else edtf
    return f"by {published}, publication" if published else "no date"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# --- numbers ------------------------------------------------------------------------------

def interval(figure: Figure) -> Interval:
    """The values a figure admits, by its bound kind and hedge (see the module notes)."""
    hedge = " ".join((figure.hedge or "").lower().split())
    if figure.bound == "range":
        return figure.low, figure.high
    if figure.bound == "at_most":
        return None, figure.high if figure.high is not None else figure.value
    if figure.bound == "at_least":
        return figure.low if figure.low is not None else figure.value, None
    value = figure.value
    if value is None:
        return figure.low, figure.high
    if figure.bound == "exact":
        return value, value
    if hedge in JUST_UNDER:
        return value * (1 - APPROX_TOLERANCE), value
    if hedge in JUST_OVER:
        return value, value * (1 + APPROX_TOLERANCE)
    return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)


def overlaps(first: Interval, second: Interval) -> bool:
    (low1, high1), (low2, high2) = first, second
    return not ((high1 is not None and low2 is not None and high1 < low2)
                or (high2 is not None and low1 is not None and high2 < low1))


def add(first: Interval, second: Interval) -> Interval:
    """The interval of a sum: open on a side where either term is."""
    (low1, high1), (low2, high2) = first, second
    return (None if low1 is None or low2 is None else low1 + low2,
            None if high1 is None or high2 is None else high1 + high2)


def at_most(first: Interval, second: Interval) -> bool:
    """Whether some value of ``first`` can be at most some value of ``second``."""
    return first[0] is None or second[1] is None or first[0] <= second[1]


def format_number(number: float | None, unit: str = "") -> str:
    """12,000 · 2.50 · 33.3% (a fraction) · ? (unknown)."""
    if number is None:
        return "?"
    if unit == "fraction":
        return f"{number * 100:.1f}%"
    if math.isfinite(number) and abs(number - round(number)) <= 1e-9 * abs(number):
        return f"{round(number):,}"  # 3,300, not 3,300.00, from 3,000 x 1.1
    return f"{number:,.2f}"


def format_interval(bounds: Interval, unit: str = "") -> str:
    low, high = bounds
    if low is None and high is None:
        return "any value"
    if low is None:
        return f"at most {format_number(high, unit)}"
    if high is None:
        return f"at least {format_number(low, unit)}"
    if low == high:
        return format_number(low, unit)
    return f"{format_number(low, unit)}\u2013{format_number(high, unit)}"


def point(figure: Figure) -> float | None:
    """One number for arithmetic: the value, else the midpoint of a closed range."""
    if figure.value is not None:
        return figure.value
    if figure.low is not None and figure.high is not None:
        return (figure.low + figure.high) / 2
    return figure.high if figure.high is not None else figure.low


def shifted(day: date, delta: timedelta) -> date:
    """``day`` moved by ``delta``, held at the ends of the calendar."""
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def meet(first: Window | None, second: Window | None) -> bool:
    return first is not None and second is not None and first[0] <= second[1] and second[0] <= first[1]


# --- reading ------------------------------------------------------------------------------

_FIGURE_SQL = f"""
SELECT c.pk AS pk, c.id AS id, a.pk AS claimant_pk, a.id AS claimant_id, a.name AS claimant,
       f.metric AS metric, f.metric_pk AS metric_pk, m.subject AS subject, m.quantity AS quantity,
       m.parent_pk AS parent_pk, c.text AS text, f.value AS value, f.low AS low, f.high AS high,
       f.bound AS bound, f.hedge AS hedge, f.unit AS unit, f.per_unit AS per_unit, base.id AS base_id,
       base.text AS base_text, d.edtf AS as_of, d.text AS as_of_text, d.lower AS as_of_lower,
       d.upper AS as_of_upper, d.precision AS as_of_precision, d.resolved_against AS resolved_against,
       src.id AS source_id, {source_name('src')} AS source,
       coalesce(src.publisher, {source_name('src')}) AS outlet, src.published_upper AS published, c.status AS status
FROM figures f JOIN claims c ON c.pk = f.claim_pk JOIN sources src ON src.pk = c.source_pk
LEFT JOIN metrics m ON m.pk = f.metric_pk
LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
LEFT JOIN claims base ON base.pk = f.base_pk
"""

NOT_REJECTED = "c.review <> 'rejected'"  # a rejected claim takes part in no check, listing or chart


def load_figures(conn: sqlite3.Connection, where: str = "", params: Collection = ()) -> list[Figure]:
    """Figures, rejected claims left out, matching a WHERE clause over ``f`` (figures),
    ``c`` (claims), ``m`` (metrics) and ``base``."""
    where = f"WHERE {NOT_REJECTED} AND ({where})" if where else f"WHERE {NOT_REJECTED}"
    # Sorted here: an ORDER BY on the metric led SQLite to walk the metric index instead of
    # the one the WHERE clause needs (513 conversion figures at 1M claims: 515 -> 16 ms).
    figures = [Figure(**row) for row in records(conn, f"{_FIGURE_SQL} {where}", list(params))]
    return sorted(figures, key=lambda f: (f.metric, f.as_of_lower or "~", f.pk))

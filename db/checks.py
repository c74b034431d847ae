"""Cross-checks between figures: fractions against their base, disagreements, updates
and unit conversions, each with a verdict and its arithmetic in words.

Numbers become intervals before they are compared:
exact N -> [N, N]; "about / roughly / approximately N" -> N +/- 10 %; "nearly / almost /
just under N" -> [90 % of N, N]; "just over N" -> [N, 110 % of N]; at_most N -> (open, N];
at_least N -> [N, open); a range -> [low, high].
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from db.records import records

APPROX_TOLERANCE = 0.10
JUST_UNDER = ("nearly", "almost", "just under", "close to")
JUST_OVER = ("just over",)

Interval = tuple[float | None, float | None]  # None: open on that side
Window = tuple[date, date]


@dataclass(frozen=True)
class Figure:
    """A figure with its claimant, as-of date and source, as the checks need it."""

    pk: int
    id: str
    claimant_pk: int | None
    claimant_id: str | None
    claimant: str | None
    metric: str
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
    status: str

    @property
    def window(self) -> Window | None:
        """The as-of date's bounds, or None when the figure is undated."""
        if self.as_of_lower is None or self.as_of_upper is None:
            return None
        return date.fromisoformat(self.as_of_lower), date.fromisoformat(self.as_of_upper)

    @property
    def label(self) -> str:
        """'Volodymyr Zelensky's 3,000 (in late December)' style reference in explanations."""
        when = f" ({self.as_of_text or self.as_of})" if self.as_of else ""
        return f"{possessive(self.claimant or 'an unattributed source')} \u201c{self.text}\u201d{when}"


@dataclass(frozen=True)
class Check:
    kind: str
    verdict: str
    figures: tuple[str, ...]
    explanation: str


@dataclass
class MetricReport:
    metric: str
    figures: list[Figure]
    checks: list[Check] = field(default_factory=list)
    total: int = 0  # figures of the metric in the store; more than ``figures`` when capped

    @property
    def superseded(self) -> set[str]:
        """Ids of figures a later figure from the same claimant updates."""
        return {check.figures[0] for check in self.checks if check.verdict == "superseded"}


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


def format_number(number: float | None, unit: str = "") -> str:
    """12,000 · 2.50 · 33.3% (a fraction) · ? (unknown)."""
    if number is None:
        return "?"
    if unit == "fraction":
        return f"{number * 100:.1f}%"
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"


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


def windows_overlap(first: Figure, second: Figure) -> bool:
    a, b = first.window, second.window
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


# --- the checks ------------------------------------------------------------------------------

def fraction_checks(figures: list[Figure], by_id: dict[str, Figure]) -> list[Check]:
    """A fraction of a base figure against the absolute figure it summarises."""
    checks = []
    for fraction in (f for f in figures if f.bound == "fraction_of"):
        base = by_id.get(fraction.base_id or "")
        whole = point(base) if base is not None else None
        if base is None or whole is None or whole == 0:
            checks.append(Check("fraction", "unverifiable", (fraction.id,),
                                f"{fraction.label} is a fraction with no base figure to apply it to."))
            continue
        candidates = [(f, amount) for f in figures if f.unit == base.unit and f.bound != "fraction_of"
                      and f.claimant_id == fraction.claimant_id and (amount := point(f)) is not None
                      and (windows_overlap(f, fraction) or f.window is None or fraction.window is None)]
        if not candidates:
            checks.append(Check("fraction", "unverifiable", (fraction.id, base.id),
                                f"{fraction.label} of {format_number(whole, base.unit)} ({base.label}) has no "
                                f"absolute figure of the same metric and claimant to compare with."))
            continue
        part, amount = min(candidates, key=lambda pair: (
            not windows_overlap(pair[0], fraction), pair[0].source_id != fraction.source_id,
            pair[0].bound != "exact", pair[0].id))
        share = amount / whole
        expected = interval(fraction)
        verdict = "consistent" if overlaps((share, share), expected) else "conflict"
        checks.append(Check(
            "fraction", verdict, (fraction.id, base.id, part.id),
            f"{format_number(amount)} / {format_number(whole)} = {share * 100:.1f}%: "
            f"{'consistent with' if verdict == 'consistent' else 'outside'} \u201c{fraction.text}\u201d "
            f"({format_interval(expected, 'fraction')}); {part.label} of {base.label}."))
    return checks


def _windowed(figures: list[Figure]) -> list[tuple[Window, Figure]]:
    """The dated figures, each with its as-of window."""
    return [(window, figure) for figure in figures if (window := figure.window) is not None]


def _candidate_pairs(figures: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """Pairs worth comparing, without comparing every pair: dated figures whose as-of
    windows overlap (a sweep over the windows in order), and an undated figure with the
    other figures of its own source (the one context that dates it)."""
    dated = sorted(_windowed(figures), key=lambda pair: pair[0])
    for index, ((_, end), first) in enumerate(dated):
        for later in range(index + 1, len(dated)):
            (start, _), second = dated[later]
            if start > end:
                break
            yield first, second
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_source[figure.source_id].append(figure)
    for undated in (f for f in figures if f.window is None):
        for other in by_source[undated.source_id]:
            if other is not undated and (other.window is not None or other.pk > undated.pk):
                yield undated, other


def disagreement_checks(figures: list[Figure]) -> list[Check]:
    """Different claimants, same metric and unit, overlapping as-of windows: do the values meet?"""
    checks = []
    comparable = [f for f in figures if f.bound != "fraction_of" and f.per_unit is None]
    for first, second in _candidate_pairs(comparable):
        if first.claimant_id == second.claimant_id or first.unit != second.unit:
            continue
        if first.window is not None and second.window is None:
            first, second = second, first
        a, b = interval(first), interval(second)
        agree = overlaps(a, b)
        values = (f"{first.label} admits {format_interval(a, first.unit)}; "
                  f"{second.label} admits {format_interval(b, second.unit)}")
        if first.window is None:
            checks.append(Check(
                "disagreement", "unverifiable", (first.id, second.id),
                f"{values}. {first.claimant or 'One figure'} gives no as-of date, so the two cannot "
                f"be set side by side in time (the values {'would' if agree else 'would not'} agree)."))
        else:
            checks.append(Check(
                "disagreement", "consistent" if agree else "conflict", (first.id, second.id),
                f"{values}, for overlapping dates: "
                + ("the ranges meet." if agree else "the ranges do not meet.")))
    return checks


def update_checks(figures: list[Figure]) -> list[Check]:
    """A later figure from the same claimant for the same metric supersedes the earlier one."""
    checks = []
    by_claimant: dict[tuple[str | None, str], list[tuple[Window, Figure]]] = defaultdict(list)
    for window, figure in _windowed(figures):
        if figure.bound != "fraction_of" and figure.per_unit is None:
            by_claimant[(figure.claimant_id, figure.unit)].append((window, figure))
    for group in by_claimant.values():
        group.sort(key=lambda pair: (pair[0][0], pair[1].id))
        starts = [start for (start, _), _ in group]
        for (_, end), earlier in group:
            first_later = bisect.bisect_right(starts, end)
            if first_later == len(group):
                continue
            # the figures that start first after this one ends (all on the same day)
            last_later = bisect.bisect_right(starts, starts[first_later], lo=first_later)
            successors = [figure for _, figure in group[first_later:last_later]]
            before, after = point(earlier), point(successors[0])
            change = ""
            if before not in (None, 0) and after is not None:
                change = f": {after - before:+,.0f} ({(after - before) / before * 100:+.1f}%)"
            checks.append(Check(
                "update", "superseded", (earlier.id, *(f.id for f in successors)),
                f"{successors[0].label} updates {earlier.label}{change}."))
    return checks


def conversion_checks(figures: list[Figure], conversions: list[Figure]) -> list[Check]:
    """A figure in a unit such as battalions, restated in persons with the assumption named."""
    checks = []
    for figure in figures:
        if figure.unit in ("persons", "fraction") or figure.per_unit is not None:
            continue
        rates = sorted((c for c in conversions if c.per_unit == figure.unit),
                       key=lambda c: (c.source_id != figure.source_id, c.id))
        if not rates:
            checks.append(Check("conversion", "unverifiable", (figure.id,),
                                f"{figure.label} is in {figure.unit}s, and no figure says how many "
                                f"persons make one {figure.unit}."))
            continue
        rate = rates[0]
        low, high = interval(figure)
        rate_low, rate_high = interval(rate)
        converted = (low * rate_low if low is not None and rate_low is not None else None,
                     high * rate_high if high is not None and rate_high is not None else None)
        checks.append(Check(
            "conversion", "unverifiable", (figure.id, rate.id),
            f"\u201c{figure.text}\u201d is {format_interval(converted)} {rate.unit}, assuming one {figure.unit} "
            f"is {format_interval((rate_low, rate_high))} {rate.unit} (\u201c{rate.text}\u201d, per "
            f"{rate.claimant or 'the source'}); nothing independent confirms the count."))
    return checks


# --- reading and reporting ------------------------------------------------------------------------

_FIGURE_SQL = """
SELECT c.pk AS pk, c.id AS id, a.pk AS claimant_pk, a.id AS claimant_id, a.name AS claimant,
       f.metric AS metric, c.text AS text, f.value AS value, f.low AS low, f.high AS high, f.bound AS bound,
       f.hedge AS hedge, f.unit AS unit, f.per_unit AS per_unit, base.id AS base_id, base.text AS base_text,
       d.edtf AS as_of, d.text AS as_of_text, d.lower AS as_of_lower, d.upper AS as_of_upper,
       d.precision AS as_of_precision, d.resolved_against AS resolved_against, src.id AS source_id,
       coalesce(src.title, src.publisher, src.id) AS source, c.status AS status
FROM figures f JOIN claims c ON c.pk = f.claim_pk JOIN sources src ON src.pk = c.source_pk
LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
LEFT JOIN claims base ON base.pk = f.base_pk
"""


def load_figures(conn: sqlite3.Connection, where: str = "", params: Collection = ()) -> list[Figure]:
    """Figures matching a WHERE clause over ``f`` (figures), ``c`` (claims) and ``base``."""
    rows = records(conn, f"{_FIGURE_SQL} {where} ORDER BY f.metric, coalesce(d.lower, '~'), c.pk", list(params))
    return [Figure(**row) for row in rows]


@dataclass(frozen=True)
class MetricFigures:
    """What the checks of one metric read from the store."""

    metric: str
    figures: list[Figure]
    known: dict[str, Figure]  # the figures and the bases they are fractions of
    conversions: list[Figure]
    total: int  # figures of the metric in the store (``figures`` holds at most ``limit``)


def read_metric(conn: sqlite3.Connection, metric: str, limit: int | None = None) -> MetricFigures:
    """A metric's figures (with ``limit``, the latest by as-of date), their bases and the
    conversion figures: the reading half of ``metric_report``, quick to hold a lock for."""
    total = conn.execute("SELECT count(*) FROM figures WHERE metric = ?", (metric,)).fetchone()[0]
    where = "WHERE f.metric = ?"
    params: list[Any] = [metric]
    if limit is not None and total > limit:
        where += """ AND c.pk IN (SELECT c2.pk FROM figures f2 JOIN claims c2 ON c2.pk = f2.claim_pk
                     WHERE f2.metric = ? ORDER BY c2.date_lower DESC LIMIT ?)"""
        params += [metric, limit]
    figures = load_figures(conn, where, params)
    base_ids = {figure.base_id for figure in figures if figure.base_id}
    marks = ",".join("?" * len(base_ids))
    bases = load_figures(conn, f"WHERE c.id IN ({marks})", sorted(base_ids)) if base_ids else []
    conversions = load_figures(conn, "WHERE f.per_unit IS NOT NULL")
    return MetricFigures(metric, figures, {f.id: f for f in bases + figures}, conversions, total)


def check_metric(data: MetricFigures, claimant_pks: Collection[int] | None = None) -> MetricReport:
    """The checks among a metric's figures; with claimants, only their figures and the
    checks that involve them (a disagreement still names the other side)."""
    figures = data.figures
    checks = (fraction_checks(figures, data.known) + disagreement_checks(figures)
              + update_checks(figures) + conversion_checks(figures, data.conversions))
    if claimant_pks is not None:
        wanted = {figure.id for figure in figures if figure.claimant_pk in set(claimant_pks)}
        figures = [f for f in figures if f.id in wanted]
        checks = [c for c in checks if wanted & set(c.figures)]
    return MetricReport(data.metric, figures, checks, total=data.total)


def metric_report(conn: sqlite3.Connection, metric: str,
                  claimant_pks: Collection[int] | None = None) -> MetricReport:
    """One metric's figures, all of them, and the checks among them."""
    return check_metric(read_metric(conn, metric), claimant_pks)


def figure_report(conn: sqlite3.Connection, *, metric: str | None = None,
                  claimant_pks: Collection[int] | None = None) -> list[MetricReport]:
    """Every metric (or the one named, in any case) with its figures and checks."""
    metrics = [name for (name,) in conn.execute("SELECT DISTINCT metric FROM figures ORDER BY metric")
               if metric is None or name.casefold() == metric.casefold()]
    reports = [metric_report(conn, name, claimant_pks) for name in metrics]
    return [report for report in reports if report.figures]


def report_document(reports: list[MetricReport]) -> dict:
    """The reports as JSON-ready data: ``{"metrics": [{metric, figures, checks}]}``."""
    metrics = []
    for report in reports:
        superseded = report.superseded
        figures = [{
            "id": f.id, "claimant": f.claimant_id, "claimant_name": f.claimant, "text": f.text,
            "value": f.value, "low": f.low, "high": f.high, "bound": f.bound, "hedge": f.hedge,
            "unit": f.unit, "per_unit": f.per_unit, "base": f.base_id, "base_text": f.base_text,
            "as_of": f.as_of,
            "as_of_text": f.as_of_text, "as_of_lower": f.as_of_lower, "as_of_upper": f.as_of_upper,
            "resolved_against": f.resolved_against, "source": f.source_id, "source_name": f.source,
            "status": "superseded" if f.id in superseded else f.status,
        } for f in report.figures]
        checks = [{"kind": c.kind, "verdict": c.verdict, "figures": list(c.figures),
                   "explanation": c.explanation} for c in report.checks]
        metrics.append({"metric": report.metric, "figures": figures, "checks": checks})
    return {"metrics": metrics}

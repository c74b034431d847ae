"""Cross-checks between figures across every source of a story, each with a verdict
(consistent, conflict, superseded, unverifiable) and its arithmetic in words.

Figures are grouped into claims first (``claims``: one claim carried by several outlets is
one claim with several reports), then checked within a metric (``within``: disagreement,
update, fraction, conversion) and between the related metrics of one subject
(``related``: part <= whole, sums). ``figures`` holds the numbers and the as-of windows.
Rejected claims take part in none of it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from db.checks.claims import Check, Claim, group_claims, same_claim_checks
from db.checks.figures import (
    Figure,
    as_of_words,
    format_interval,
    format_number,
    interval,
    load_figures,
    overlaps,
    point,
)
from db.checks.related import increment_checks, part_whole_checks, sum_checks
from db.checks.within import conversion_checks, disagreement_checks, fraction_checks, successions, update_checks
from db.metrics import INCREMENTS

__all__ = ["Check", "Figure", "MetricFigures", "MetricReport", "Summary", "VERDICT_ORDER", "as_of_words",
           "check_metric", "each_metric_report", "figure_report", "format_interval", "format_number", "interval",
           "metric_report", "overlaps", "point", "read_metric", "report_checks", "report_document"]


VERDICT_ORDER = ("conflict", "superseded", "consistent", "unverifiable")


@dataclass(frozen=True)
class Summary:
    figures: int
    sources: int
    claimants: int
    conflicts: int
    updates: int

    def __str__(self) -> str:
        return (f"{self.figures:,} figure{'s' * (self.figures != 1)} from {self.sources:,} "
                f"source{'s' * (self.sources != 1)} by {self.claimants:,} claimant{'s' * (self.claimants != 1)}; "
                f"{self.conflicts:,} conflict{'s' * (self.conflicts != 1)}, "
                f"{self.updates:,} update{'s' * (self.updates != 1)}")


def checked_note(checked: int, total: int) -> str:
    """The line a report shows when only the latest of a metric's figures were checked."""
    if total <= checked:
        return ""
    return f"checked the latest {checked:,} of {total:,} figures (--latest 0 checks them all)"


@dataclass
class MetricReport:
    metric: str
    figures: list[Figure]
    checks: list[Check] = field(default_factory=list)
    total: int = 0  # figures of the metric in the store; more than ``figures`` when capped
    parts: list[Figure] = field(default_factory=list)  # its parts' figures (killed, wounded), for the chart
    superseded: set[str] = field(default_factory=set)  # ids of figures a claimant's later figure updates
    reports: dict[str, tuple[str, ...]] = field(default_factory=dict)  # figure id -> its claim's report ids
    checked: int = 0  # figures of the metric read and checked, whoever the claimant

    @property
    def checked_note(self) -> str:
        """What was checked, when not every figure was ("" when every figure was)."""
        return checked_note(self.checked, self.total)

    def verdicts(self) -> dict[str, str]:
        """Each figure's strongest verdict in the checks (conflict, then superseded, then
        consistent, then unverifiable): what a table shows beside the stored status. A check
        naming one report of a claim speaks for all its reports."""
        rank = {verdict: order for order, verdict in enumerate(VERDICT_ORDER)}
        found: dict[str, str] = {}
        for check in self.checks:
            if check.kind in ("same_claim", "update"):
                continue  # reports of one claim: no verdict; an update: only the earlier figure, below
            for figure_id in check.figures:
                for report_id in self.reports.get(figure_id, (figure_id,)):
                    if rank[check.verdict] < rank.get(found.get(report_id, ""), len(rank)):
                        found[report_id] = check.verdict
        for figure_id in self.superseded:
            if found.get(figure_id) != "conflict":
                found[figure_id] = "superseded"
        return found

    @property
    def summary(self) -> Summary:
        return Summary(len(self.figures), len({f.source_id for f in self.figures}),
                       len({f.claimant_id for f in self.figures if f.claimant_id}),
                       sum(check.verdict == "conflict" for check in self.checks),
                       sum(check.kind == "update" for check in self.checks))


@dataclass(frozen=True)
class MetricFigures:
    """What the checks of one metric read from the store: its figures and its relatives'
    (the metrics of its subject), their bases and the conversion figures."""

    metric: str
    figures: list[Figure]
    known: dict[str, Figure]  # the figures and the bases they are fractions of
    conversions: list[Figure]
    totals: dict[str, int]  # figures of each metric read in the store (``figures`` holds at most ``limit`` each)


def _family(conn: sqlite3.Connection, metric: str) -> list[str]:
    """The metric and the other metrics of its subject (its parts, its whole, a share of it)."""
    names = [name for (name,) in conn.execute(
        "SELECT other.name FROM metrics m JOIN metrics other ON other.subject = m.subject "
        "WHERE m.name = ? ORDER BY other.name", (metric,))]
    return names or [metric]


def _read(conn: sqlite3.Connection, metrics: Sequence[str], limit: int | None,
          conversions: list[Figure] | None = None) -> MetricFigures:
    figures: list[Figure] = []
    totals = {}
    for name in metrics:
        # All of the metric's figures (a covering index) less the rejected (a partial index).
        totals[name] = conn.execute(
            "SELECT (SELECT count(*) FROM figures WHERE metric = ?) - (SELECT count(*) FROM claims c "
            "JOIN figures f ON f.claim_pk = c.pk WHERE c.review = 'rejected' AND c.review <> 'accepted' "
            "AND c.kind = 'figure' AND f.metric = ?)", (name, name)).fetchone()[0]
        where = "f.metric = ?"
        params: list[Any] = [name]
        if limit is not None and totals[name] > limit:
            # The latest pks first, then their figures: as one query SQLite ran the subquery twice.
            # Read in the order of the index figures_metric_latest, not sorted (ties: the first added).
            latest = [pk for (pk,) in conn.execute(
                "SELECT c.pk FROM figures f JOIN claims c ON c.pk = f.claim_pk WHERE f.metric = ? AND "
                "c.review <> 'rejected' ORDER BY f.date_lower DESC, f.claim_pk LIMIT ?", (name, limit))]
            where, params = f"c.pk IN ({','.join('?' * len(latest))})", latest
        figures += load_figures(conn, where, params)
    base_ids = {figure.base_id for figure in figures if figure.base_id}
    marks = ",".join("?" * len(base_ids))
    bases = load_figures(conn, f"c.id IN ({marks})", sorted(base_ids)) if base_ids else []
    if conversions is None:
        conversions = load_figures(conn, "f.per_unit IS NOT NULL")
    return MetricFigures(metrics[0], figures, {f.id: f for f in bases + figures}, conversions, totals)


def read_metric(conn: sqlite3.Connection, metric: str, limit: int | None = None) -> MetricFigures:
    """A metric's figures and its relatives' (with ``limit``, each metric's latest by as-of
    date), their bases and the conversion figures: quick to hold a lock for."""
    family = _family(conn, metric)
    return _read(conn, [metric, *(name for name in family if name != metric)], limit)


def check_family(data: MetricFigures) -> dict[str, MetricReport]:
    """The checks among the figures of related metrics, as one report per metric."""
    by_metric: dict[str, list[Figure]] = defaultdict(list)
    for figure in data.figures:
        by_metric[figure.metric].append(figure)
    claims = {name: group_claims(figures) for name, figures in by_metric.items()}
    everything = [claim for found in claims.values() for claim in found]
    checks: list[Check] = []
    for found in claims.values():
        following = successions(found)
        checks += (same_claim_checks(found) + disagreement_checks(found, following) + update_checks(following)
                   + fraction_checks(found, everything, data.known) + conversion_checks(found, data.conversions))
    metric_of = {figures[0].metric_pk: name for name, figures in by_metric.items() if figures[0].metric_pk}
    for whole_pk, whole in metric_of.items():
        first = by_metric[whole][0]
        parts = [name for name, figures in by_metric.items() if figures[0].parent_pk == whole_pk]
        for part in parts:
            checks += part_whole_checks(claims[part], claims[whole])
        checks += sum_checks(claims[whole], [claims[part] for part in parts])
        for name, figures in by_metric.items():
            if figures[0].subject == first.subject and INCREMENTS.get(figures[0].quantity or "") == first.quantity:
                checks += increment_checks(claims[whole], claims[name])
    return _reports(data, by_metric, claims, checks)


def _reports(data: MetricFigures, by_metric: dict[str, list[Figure]], claims: dict[str, list[Claim]],
             checks: list[Check]) -> dict[str, MetricReport]:
    reports_of = {report.id: tuple(r.id for r in claim.reports)
                  for found in claims.values() for claim in found for report in claim.reports}
    superseded = {report for check in checks if check.verdict == "superseded"
                  for report in reports_of.get(check.figures[0], (check.figures[0],))}
    reports = {}
    for name, figures in by_metric.items():
        ids = {figure.id for figure in figures}
        pk = figures[0].metric_pk
        parts = [f for other, found in by_metric.items() if other != name and pk is not None
                 and found[0].parent_pk == pk for f in found]
        reports[name] = MetricReport(name, figures, [check for check in checks if ids & set(check.figures)],
                                     data.totals.get(name, len(figures)), parts, superseded & ids,
                                     {i: reports_of.get(i, (i,)) for i in ids}, len(figures))
    return reports


def check_metric(data: MetricFigures, claimant_pks: Collection[int] | None = None) -> MetricReport:
    """The checks of one metric; with claimants, only their figures and the checks that
    involve them (a disagreement still names the other side)."""
    report = check_family(data).get(data.metric) or MetricReport(data.metric, [], total=0)
    return _for_claimants(report, claimant_pks)


def _for_claimants(report: MetricReport, claimant_pks: Collection[int] | None) -> MetricReport:
    if claimant_pks is None:
        return report
    wanted_pks = set(claimant_pks)
    keep = [f for f in report.figures if f.claimant_pk in wanted_pks]
    wanted = {f.id for f in keep}
    return MetricReport(report.metric, keep, [c for c in report.checks if wanted & set(c.figures)], report.total,
                        [f for f in report.parts if f.claimant_pk in wanted_pks], report.superseded & wanted,
                        {i: ids for i, ids in report.reports.items() if i in wanted}, report.checked)


def metric_report(conn: sqlite3.Connection, metric: str, claimant_pks: Collection[int] | None = None,
                  limit: int | None = None) -> MetricReport:
    """One metric's figures (with ``limit``, its latest) and the checks among them and its relatives."""
    return check_metric(read_metric(conn, metric, limit), claimant_pks)


def figure_report(conn: sqlite3.Connection, *, metrics: Collection[str] | None = None,
                  claimant_pks: Collection[int] | None = None, limit: int | None = None) -> list[MetricReport]:
    """Every metric (or those named) with its figures and checks; the metrics of one
    subject are read and checked together, once."""
    return list(each_metric_report(conn, metrics=metrics, claimant_pks=claimant_pks, limit=limit))


def each_metric_report(conn: sqlite3.Connection, *, metrics: Collection[str] | None = None,
                       claimant_pks: Collection[int] | None = None, limit: int | None = None
                       ) -> Iterator[MetricReport]:
    """``figure_report``'s reports one at a time, by metric name: a subject's metrics are
    read and checked when the first of them comes, and held only until each has come."""
    names = [name for (name,) in conn.execute("SELECT DISTINCT metric FROM figures ORDER BY metric")]
    wanted = [name for name in names if metrics is None or name in metrics]
    conversions = load_figures(conn, "f.per_unit IS NOT NULL")
    done: dict[str, MetricReport] = {}
    for name in wanted:
        if name not in done:
            family = [name, *(other for other in _family(conn, name) if other != name and other in names)]
            done |= check_family(_read(conn, family, limit, conversions))
        if name in done:
            report = _for_claimants(done.pop(name), claimant_pks)
            if report.figures:
                yield report


def report_checks(report: MetricReport) -> list[dict]:
    """A report's checks as JSON-ready data."""
    return [{"kind": c.kind, "verdict": c.verdict, "figures": list(c.figures), "explanation": c.explanation}
            for c in report.checks]


def report_document(reports: list[MetricReport]) -> dict:
    """The reports as JSON-ready data: ``{"metrics": [{metric, summary, figures, checks}]}``."""
    metrics = []
    for report in reports:
        outlet = {f.id: f.outlet for f in report.figures}
        figures = [{
            "id": f.id, "claimant": f.claimant_id, "claimant_name": f.claimant, "text": f.text,
            "value": f.value, "low": f.low, "high": f.high, "bound": f.bound, "hedge": f.hedge,
            "unit": f.unit, "per_unit": f.per_unit, "base": f.base_id, "base_text": f.base_text,
            "as_of": f.as_of, "as_of_text": f.as_of_text, "as_of_lower": f.as_of_lower, "as_of_upper": f.as_of_upper,
            "as_of_basis": f.as_of_basis, "as_of_shown": f.as_of_shown, "published": f.published,
            "resolved_against": f.resolved_against, "source": f.source_id, "source_name": f.source,
            "reports": list(report.reports.get(f.id, (f.id,))),
            "reported_by": list(dict.fromkeys(outlet[i] for i in report.reports.get(f.id, (f.id,)) if i in outlet)),
            "status": "superseded" if f.id in report.superseded else f.status,
        } for f in report.figures]
        checks = report_checks(report)
        summary = report.summary
        metrics.append({"metric": report.metric, "summary": str(summary),
                        "counts": {"figures": summary.figures, "sources": summary.sources,
                                   "claimants": summary.claimants, "conflicts": summary.conflicts,
                                   "updates": summary.updates, "checked": report.checked,
                                   "in_store": report.total},
                        "figures": figures, "checks": checks})
    return {"metrics": metrics}

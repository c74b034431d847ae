"""One claim, several reports: the same claimant's same number for the same metric, carried
by different outlets at dates that meet (within a fortnight of each other), is one claim.

The checks compare claims, not reports, so a wire story and the paper that reprints it are
neither a conflict nor an update of each other. A claim is dated by what all its reports
allow (the intersection of their windows: "on Wednesday" and "earlier this month" mean the
Wednesday), or by its first report when they allow nothing in common.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from db.checks.figures import Figure, Window, point

REPORT_GAP = timedelta(days=14)  # reports of one claim are days apart, not months


@dataclass(frozen=True)
class Check:
    kind: str
    verdict: str
    figures: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Claim:
    """One claim and the reports that carry it, the first published first."""

    reports: tuple[Figure, ...]

    @property
    def first(self) -> Figure:
        return self.reports[0]

    @cached_property
    def placed(self) -> Window | None:
        windows = [window for report in self.reports if (window := report.placed) is not None]
        if not windows:
            return None
        start, end = max(start for start, _ in windows), min(end for _, end in windows)
        return (start, end) if start <= end else self.first.placed

    @cached_property
    def when(self) -> Window | None:
        """Where the claim stands in its claimant's sequence: what its stated dates allow in
        common, else the publication day of its first report (a later article is a later word)."""
        windows = [window for report in self.reports
                   if report.as_of_basis == "stated" and (window := report.window) is not None]
        if windows:
            start, end = max(s for s, _ in windows), min(e for _, e in windows)
            return (start, end) if start <= end else windows[0]
        published = self.first.published
        return (date.fromisoformat(published),) * 2 if published else None

    @cached_property
    def sources(self) -> frozenset[str]:
        return frozenset(report.source_id for report in self.reports)


def _published(figure: Figure) -> tuple[str, int]:
    return figure.published or "~", figure.pk


def group_claims(figures: Iterable[Figure]) -> list[Claim]:
    """The figures as claims: reports that repeat one claimant's number for one metric, at
    windows no more than ``REPORT_GAP`` apart, join one claim."""
    groups: dict[tuple, list[tuple[Window, Figure]]] = defaultdict(list)
    claims = []
    for figure in figures:
        window = figure.placed
        if figure.claimant_id is None or window is None:
            claims.append(Claim((figure,)))
            continue
        key = (figure.claimant_id, figure.metric, figure.unit, figure.bound == "fraction_of", figure.per_unit,
               figure.base_id, point(figure))
        groups[key].append((window, figure))
    for group in groups.values():
        group.sort(key=lambda pair: (pair[0], _published(pair[1])))
        reports: list[Figure] = []
        end = date.min
        for (start, last), figure in group:
            if reports and start - end > REPORT_GAP:
                claims.append(Claim(tuple(sorted(reports, key=_published))))
                reports = []
            end = max(end, last) if reports else last
            reports.append(figure)
        claims.append(Claim(tuple(sorted(reports, key=_published))))
    return claims


def outlets(claim: Claim) -> str:
    """'Newsweek, Stars and Stripes': who carried the claim, first first, each once."""
    return ", ".join(dict.fromkeys(report.outlet for report in claim.reports))


def same_claim_checks(claims: Iterable[Claim]) -> list[Check]:
    """A claim carried by more than one source: one claim, several reports."""
    return [Check("same_claim", "consistent", tuple(report.id for report in claim.reports),
                  f"{claim.first.label} is one claim reported by {outlets(claim)}"
                  + ("" if len(claim.reports) == len(claim.sources) else
                     f" ({len(claim.reports)} reports)") + ".")
            for claim in claims if len(claim.sources) > 1]

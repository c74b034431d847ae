"""Checks between related metrics of one subject: a part against its whole (killed <=
casualties) and parts that add up to a whole (killed + wounded = casualties; a total
deployed + reinforcements = a later total deployed).

A sum is taken over one claimant's parts (the same claimant's killed and wounded, at dates
that meet): that is a claimant's own breakdown, and adding different claimants' parts
would mix methods and multiply the pairings. The whole it is set against may be anyone's.
Dates: a whole that overlaps the parts' dates must meet their sum; a whole up to a
fortnight later, being a running total, must reach at least the sum's least value, and
one up to a fortnight earlier must be at most its greatest.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from db.checks.claims import Check, Claim
from db.checks.figures import Interval, Window, add, at_most, format_interval, interval, meet, overlaps, shifted
from db.checks.within import comparable

NEAR = timedelta(days=14)


def _side_by_side(first: Claim, second: Claim) -> bool:
    """Dates that meet, or one source carrying both at dates a fortnight apart at most."""
    if meet(first.placed, second.placed):
        return True
    return bool(first.sources & second.sources) and meet(first.placed, widened(second.placed))


def widened(window: Window | None) -> Window | None:
    return None if window is None else (shifted(window[0], -NEAR), shifted(window[1], NEAR))


def part_whole_checks(parts: Sequence[Claim], wholes: Sequence[Claim]) -> list[Check]:
    """Each part claim against each whole claim it can be set beside (dates that meet, or one
    source carrying both, near in time): some value of the part must be at most some value
    of the whole."""
    checks = []
    for part_claim, whole_claim in itertools.product(comparable(parts), comparable(wholes)):
        part, whole = part_claim.first, whole_claim.first
        if part.unit != whole.unit or not _side_by_side(part_claim, whole_claim):
            continue
        a, b = interval(part), interval(whole)
        fits = at_most(a, b)
        checks.append(Check(
            "part_whole", "consistent" if fits else "conflict", (part.id, whole.id),
            f"{part.quantity or part.metric} is part of {whole.quantity or whole.metric}: {part.label} admits "
            f"{format_interval(a, part.unit)}, {whole.label} admits {format_interval(b, whole.unit)}; "
            + ("the part can be within the whole." if fits else "the part's least exceeds the whole's most.")))
    return checks


def _common(windows: Sequence[Window | None]) -> Window | None:
    known = [window for window in windows if window is not None]
    if len(known) != len(windows):
        return None
    start, end = max(s for s, _ in known), min(e for _, e in known)
    return (start, end) if start <= end else None


def _against(terms: str, total: Interval, window: Window, wholes: Sequence[Claim],
             parts: Sequence[Claim]) -> list[Check]:
    """The sum ``total`` as of ``window`` against every whole near it in time."""
    checks = []
    ids = tuple(claim.first.id for claim in parts)
    for whole_claim in comparable(wholes):
        placed = whole_claim.placed
        if placed is None or whole_claim in parts:
            continue
        whole = whole_claim.first
        value = interval(whole)
        if meet(placed, window):
            fits = overlaps(total, value)
            reason = "for dates that meet, the ranges " + ("meet." if fits else "do not meet.")
        elif window[1] < placed[0] <= shifted(window[1], NEAR):
            fits = at_most(total, value)
            reason = "a running total a little later " + ("can reach the sum." if fits else "stays below the sum.")
        elif shifted(window[0], -NEAR) <= placed[1] < window[0]:
            fits = at_most(value, total)
            reason = "a running total a little earlier " + ("can be within the sum." if fits else "exceeds the sum.")
        else:
            continue
        checks.append(Check(
            "sum", "consistent" if fits else "conflict", (*ids, whole.id),
            f"{terms} = {format_interval(total, whole.unit)} (as of {window[0]}\u2013{window[1]}) against "
            f"{whole.label}, which admits {format_interval(value, whole.unit)}: {reason}"))
    return checks


def _term(claim: Claim) -> str:
    return f"\u201c{claim.first.text}\u201d {claim.first.quantity or claim.first.metric}"


def sum_checks(wholes: Sequence[Claim], parts_by_metric: Sequence[Sequence[Claim]]) -> list[Check]:
    """One claimant's parts (one claim of each part metric, at dates in common) added up and
    set against the wholes near them in time. Needs every part metric: killed alone is no sum."""
    if len(parts_by_metric) < 2:
        return []
    by_claimant: list[dict[str | None, list[Claim]]] = []
    for claims in parts_by_metric:
        grouped: dict[str | None, list[Claim]] = defaultdict(list)
        for claim in comparable(claims):
            grouped[claim.first.claimant_id].append(claim)
        by_claimant.append(grouped)
    checks = []
    claimants = set.intersection(*(set(grouped) for grouped in by_claimant)) - {None}
    for claimant in sorted(claimants, key=str):
        for combination in itertools.product(*(grouped[claimant] for grouped in by_claimant)):
            window = _common([claim.placed for claim in combination])
            if window is None or len({claim.first.unit for claim in combination}) > 1:
                continue
            total: Interval = (0.0, 0.0)
            for claim in combination:
                total = add(total, interval(claim.first))
            terms = " + ".join(_term(claim) for claim in combination) + f" ({combination[0].first.claimant})"
            checks += _against(terms, total, window, wholes, combination)
    return checks


def increment_checks(totals: Sequence[Claim], increments: Sequence[Claim]) -> list[Check]:
    """A claimant's increment (a further 3,000 sent) on top of their own latest total before
    it, set against the totals near it in time."""
    checks = []
    counted = [(window, claim) for claim in comparable(totals) if (window := claim.when) is not None]
    for increment in comparable(increments):
        start = increment.when
        window = increment.placed
        if start is None or window is None:
            continue
        before = [(found, claim) for found, claim in counted
                  if claim.first.claimant_id == increment.first.claimant_id and found[1] < start[0]
                  and claim.first.unit == increment.first.unit]
        if not before:
            continue
        _, base = max(before, key=lambda pair: (pair[0][1], pair[1].first.id))
        total = add(interval(base.first), interval(increment.first))
        terms = f"{base.first.label} + {_term(increment)}"
        checks += _against(terms, total, window, totals, (base, increment))
    return checks

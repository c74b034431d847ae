"""Checks among the claims of one metric: disagreement between claimants, a claimant's
update of their own figure, a fraction against its base, and a unit conversion."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from db.checks.claims import Check, Claim
from db.checks.figures import (
    Figure,
    Interval,
    Window,
    at_most,
    format_interval,
    format_number,
    interval,
    meet,
    overlaps,
    point,
)

MOST_PAIRS = 200  # disagreements compared per metric, the latest first
# A unit's size when no figure in the store gives one, named in the check as an assumption.
ASSUMED_SIZES = {"battalion": (400.0, 800.0)}


def comparable(claims: Sequence[Claim]) -> list[Claim]:
    """Claims of absolute numbers (not fractions, not conversion rates)."""
    return [claim for claim in claims if claim.first.bound != "fraction_of" and claim.first.per_unit is None]


Successions = list[tuple[Claim, list[Claim]]]


def successions(claims: Sequence[Claim]) -> Successions:
    """Each claim with the same claimant's claims (same unit) that come next after it: those
    that start first after it ends (all on the same day), by ``when``."""
    by_claimant: dict[tuple[str | None, str], list[tuple[Window, Claim]]] = defaultdict(list)
    for claim in comparable(claims):
        if (window := claim.when) is not None:
            by_claimant[(claim.first.claimant_id, claim.first.unit)].append((window, claim))
    successions = []
    for group in by_claimant.values():
        group.sort(key=lambda pair: (pair[0][0], pair[1].first.id))
        starts = [start for (start, _), _ in group]
        for (_, end), earlier in group:
            first_later = bisect.bisect_right(starts, end)
            if first_later < len(group):
                last_later = bisect.bisect_right(starts, starts[first_later], lo=first_later)
                successions.append((earlier, [claim for _, claim in group[first_later:last_later]]))
    return successions


def _reaffirms(earlier: Claim, successors: Sequence[Claim]) -> bool:
    return len(successors) == 1 and point(earlier.first) == point(successors[0].first)


def _held(following: Successions) -> dict[int, Window]:
    """A reaffirmed number ("unchanged since October") holds from its first statement to its
    restatement: the window each reaffirming claim (by id) spans."""
    held: dict[int, Window] = {}
    for earlier, successors in sorted(following, key=lambda pair: pair[0].when or (date.min,) * 2):
        start, later = held.get(id(earlier), earlier.placed), successors[0]
        if _reaffirms(earlier, successors) and start is not None and later.placed is not None:
            held[id(later)] = (min(start[0], later.placed[0]), later.placed[1])
    return held


def _overlapping(claims: Sequence[Claim], following: Successions) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of placed claims whose windows overlap, the latest first (a sweep over the
    windows by their ends; a reaffirmed number is placed over the whole time it held), then
    a claim that cannot be placed with the other claims of its sources."""
    held = _held(following)
    placed = sorted(((window, claim) for claim in claims
                     if (window := held.get(id(claim), claim.placed)) is not None),
                    key=lambda pair: (pair[0][1], pair[0][0]), reverse=True)
    for index, ((start, _), first) in enumerate(placed):
        for later in range(index + 1, len(placed)):
            (_, end), second = placed[later]
            if end < start:
                break
            yield second, first
    unplaced = [claim for claim in claims if claim.placed is None]
    for index, claim in enumerate(unplaced):
        for other in claims:
            if other is not claim and claim.sources & other.sources and (
                    other.placed is not None or unplaced.index(other) > index):
                yield claim, other


def disagreement_checks(claims: Sequence[Claim], following: Successions, most: int = MOST_PAIRS) -> list[Check]:
    """Different claimants, same unit, overlapping as-of windows: do the values meet? At
    most ``most`` pairs, the latest first (many claimants at one time make many pairs)."""
    checks: list[Check] = []
    for first_claim, second_claim in _overlapping(comparable(claims), following):
        first, second = first_claim.first, second_claim.first
        if first.claimant_id == second.claimant_id or first.unit != second.unit:
            continue
        if len(checks) == most:
            checks.append(Check("disagreement", "unverifiable", (),
                                f"Only the latest {most:,} pairs of claimants' figures for overlapping dates "
                                "were compared; earlier pairs were not."))
            break
        if first_claim.placed is not None and second_claim.placed is None:
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
                f"{values}, for overlapping dates: " + ("the ranges meet." if agree else "the ranges do not meet.")))
    return checks


def update_checks(following: Successions) -> list[Check]:
    """A claimant's later claim for the same metric and unit follows their earlier one: it
    supersedes it, or reaffirms it when the number is the same."""
    checks = []
    for earlier_claim, successor_claims in following:
        earlier, successors = earlier_claim.first, [claim.first for claim in successor_claims]
        if _reaffirms(earlier_claim, successor_claims):
            checks.append(Check("update", "consistent", (earlier.id, successors[0].id),
                                f"{successors[0].label} reaffirms {earlier.label}: the number is unchanged."))
            continue
        before, after = point(earlier), point(successors[0])
        change = ""
        if before not in (None, 0) and after is not None:
            change = f": {after - before:+,.0f} ({(after - before) / before * 100:+.1f}%)"
        checks.append(Check("update", "superseded", (earlier.id, *(f.id for f in successors)),
                            f"{successors[0].label} updates {earlier.label}{change}."))
    return checks


def fraction_checks(claims: Sequence[Claim], candidates: Sequence[Claim], known: Mapping[str, Figure]) -> list[Check]:
    """A fraction of a base figure against the same claimant's absolute figure of what the
    fraction counts (the fraction metric's subject and quantity) for dates that meet."""
    checks = []
    by_counter: dict[tuple, list[Claim]] = defaultdict(list)
    for other in comparable(candidates):
        by_counter[(other.first.claimant_id, other.first.kind, other.first.unit)].append(other)
    for claim in (c for c in claims if c.first.bound == "fraction_of"):
        fraction = claim.first
        base = known.get(fraction.base_id or "")
        whole = point(base) if base is not None else None
        if base is None or whole is None or whole == 0:
            checks.append(Check("fraction", "unverifiable", (fraction.id,),
                                f"{fraction.label} is a fraction with no base figure to apply it to."))
            continue
        parts = [(other, amount) for other in by_counter.get((fraction.claimant_id, fraction.kind, base.unit), [])
                 if (amount := point(other.first)) is not None
                 and (meet(other.placed, claim.placed) or other.placed is None or claim.placed is None)]
        if not parts:
            checks.append(Check("fraction", "unverifiable", (fraction.id, base.id),
                                f"{fraction.label} of {format_number(whole, base.unit)} ({base.label}) has no "
                                f"absolute figure of the same metric and claimant to compare with."))
            continue
        best, amount = min(parts, key=lambda pair: (
            not meet(pair[0].placed, claim.placed), not pair[0].sources & claim.sources,
            pair[0].first.bound != "exact", pair[0].first.id))
        part = best.first
        share = amount / whole
        expected = interval(fraction)
        verdict = "consistent" if overlaps((share, share), expected) else "conflict"
        checks.append(Check(
            "fraction", verdict, (fraction.id, base.id, part.id),
            f"{format_number(amount)} / {format_number(whole)} = {share * 100:.1f}%: "
            f"{'consistent with' if verdict == 'consistent' else 'outside'} \u201c{fraction.text}\u201d "
            f"({format_interval(expected, 'fraction')}); {part.label} of {base.label}."))
    return checks


def _converted(figure: Figure, rate: Interval) -> Interval:
    low, high = interval(figure)
    return (low * rate[0] if low is not None and rate[0] is not None else None,
            high * rate[1] if high is not None and rate[1] is not None else None)


def conversion_checks(claims: Sequence[Claim], conversions: Sequence[Figure]) -> list[Check]:
    """A figure in a unit such as battalions, restated in persons with the assumption named,
    then set against the metric's next count in persons (a running total is never smaller)."""
    checks = []
    rates_by_unit: dict[str | None, list[Figure]] = defaultdict(list)
    for conversion in conversions:
        rates_by_unit[conversion.per_unit].append(conversion)
    counts = [(window, claim) for claim in comparable(claims) if claim.first.unit == "persons"
              and (window := claim.when) is not None]
    for claim in comparable(claims):
        figure = claim.first
        if figure.unit in ("persons", "fraction"):
            continue
        rates = sorted(rates_by_unit.get(figure.unit, ()), key=lambda c: (c.source_id != figure.source_id, c.id))
        if rates:
            rate_figure: Figure | None = rates[0]
            rate = interval(rates[0])
            assumption = (f"one {figure.unit} is {format_interval(rate)} {rates[0].unit} "
                          f"(\u201c{rates[0].text}\u201d, per {rates[0].claimant or 'the source'})")
        elif figure.unit in ASSUMED_SIZES:
            rate_figure, rate = None, ASSUMED_SIZES[figure.unit]
            assumption = (f"one {figure.unit} is {format_interval(rate)} persons (a common size: no figure "
                          f"in the store gives one)")
        elif not counts:
            continue  # crowns among no counts of persons: nothing to convert for
        else:
            checks.append(Check("conversion", "unverifiable", (figure.id,),
                                f"{figure.label} is in {figure.unit}s, and no figure says how many "
                                f"persons make one {figure.unit}."))
            continue
        converted = _converted(figure, rate)
        stated = f"\u201c{figure.text}\u201d is {format_interval(converted)} persons, assuming {assumption}"
        rate_ids = (rate_figure.id,) if rate_figure else ()
        start = (claim.when or (date.min, date.min))[0]
        later = [(window, other) for window, other in counts if window[1] >= start]
        if not later:
            checks.append(Check("conversion", "unverifiable", (figure.id, *rate_ids),
                                f"{stated}; nothing independent confirms the count."))
            continue
        _, next_claim = min(later, key=lambda pair: (pair[0][1], pair[1].first.id))
        count = next_claim.first
        fits = at_most(converted, interval(count))
        checks.append(Check(
            "conversion", "consistent" if fits else "conflict", (figure.id, count.id, *rate_ids),
            f"{stated}; the next count in persons, {count.label}, admits {format_interval(interval(count))}: "
            + ("the converted figure fits within it." if fits else "the converted figure exceeds it.")))
    return checks

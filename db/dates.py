"""Date expressions as printed in news prose, resolved to EDTF with strict day bounds.

Conventions (no standard defines them, so they are stated here and in the README):

* "early" / "mid" / "late" a month are days 1-10 / 11-20 / 21-end.
* Seasons are meteorological, northern hemisphere: spring Mar-May, summer Jun-Aug,
  autumn (fall) Sep-Nov, winter Dec-Feb; "early" / "mid" / "late" a season is its
  first / second / third month.
* A date printed without a year, a bare weekday or a relative phrase ("last month")
  is resolved against a reference day (normally the source's publication date) and
  taken as the latest such date on or before it: news reports what has happened.
* "The end of" a month or a year is its last day (the day a count is made up to); "the
  beginning / start / middle of" a month is its early / early / mid part; "early / mid /
  late 2024" is read as the year 2024.
* "Last Sunday" is the Sunday before the reference day (never the reference day itself);
  "last summer" / "last October" the latest whole summer / October before it; "this Sunday" /
  "this summer" as if unqualified. "This week" runs from its Monday to the reference day;
  "last weekend" / "the weekend" is the latest Saturday and Sunday; "last night" is yesterday.
* "N days / weeks / months / years ago" counts back from the reference day to a day, a
  month or a year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

PRECISIONS = ("day", "days", "part_of_month", "month", "season", "year")

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PARTS_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PARTS_OF_SEASON = {"early": 0, "mid": 1, "late": 2}

_LEADING_WORDS = re.compile(r"^(?:(?:in|on|across|during|over|by|since|at|the|of)\s+)+")
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(WEEKDAYS)
_SEASON_RE = "|".join(SEASONS)
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_PERIOD_EDGES = {"end": "late", "beginning": "early", "start": "early", "middle": "mid"}
_PERIOD_EDGE = re.compile(r"^(end|beginning|start|middle) of ")
# "as of the end of June": the month's last day, the day a count is made up to (what every writer
# of the labelled story took it to be); "late June" stays the month's last part. "The end of 2026"
# likewise is December 31 (read after "of 2026" became "2026").
_END_OF_PERIOD = re.compile(rf"end (?:of ((?:{_MONTH_RE})\b.*|(?:last|this) (?:month|year))|(\d{{4}}))")
_OF_YEAR = re.compile(r"\s+of\s+(\d{4})$")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_AGO = re.compile(rf"({'|'.join(_COUNTS)}|\d{{1,3}}) (day|week|month|year)s? ago")
_SHIFTED = re.compile(rf"(last|this|early|late) ((?:{_WEEKDAY_RE}|{_SEASON_RE}|{_MONTH_RE})\b.*)")
_DATED_WEEKDAY = re.compile(rf"(?:{_WEEKDAY_RE}),? ((?:{_MONTH_RE})\b.*)")


class UnresolvableDate(ValueError):
    """The expression is not a date form this module knows."""


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression with its EDTF form and strict, inclusive day bounds."""

    text: str
    edtf: str
    lower: date
    upper: date
    precision: str
    resolved_against: date | None

    def contains(self, day: date) -> bool:
        return self.lower <= day <= self.upper


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _interval_edtf(lower: date, upper: date) -> str:
    return lower.isoformat() if lower == upper else f"{lower.isoformat()}/{upper.isoformat()}"


def _latest_year(reference: date, earliest_in_year) -> int:
    """The latest year whose date (``earliest_in_year(year)``) falls on or before reference."""
    year = reference.year
    return year if earliest_in_year(year) <= reference else year - 1


def _weekday_on_or_before(reference: date, weekday: int) -> date:
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def resolve(text: str, reference: date) -> ResolvedDate:
    """Resolve a printed date expression against a reference day.

    Raises UnresolvableDate when the words are not a date form known here.
    """
    phrase = " ".join(text.strip().lower().replace("\u2013", "-").split())
    phrase = _LEADING_WORDS.sub("", phrase).rstrip(".,;")
    phrase = _OF_YEAR.sub(r" \1", _ORDINAL.sub(r"\1", phrase))
    end_of_period = _END_OF_PERIOD.fullmatch(phrase)
    phrase = _PERIOD_EDGE.sub(lambda edge: _PERIOD_EDGES[edge[1]] + " ", phrase)

    try:
        if end_of_period:
            period = _resolve_phrase(text, end_of_period[1] or end_of_period[2], reference)
            if period.precision in ("month", "year"):
                return replace(period, edtf=period.upper.isoformat(), lower=period.upper, precision="day")
        return _resolve_phrase(text, phrase, reference)
    except UnresolvableDate:
        raise
    except (ValueError, OverflowError) as error:      # counted back out of the calendar
        raise UnresolvableDate(f"outside the calendar: {text!r}") from error


def _resolve_phrase(text: str, phrase: str, reference: date) -> ResolvedDate:
    """``resolve`` for a phrase already normalised (lower case, leading words removed)."""

    def made(lower: date, upper: date, precision: str, relative: bool, edtf: str | None = None):
        return ResolvedDate(
            text=text,
            edtf=edtf or _interval_edtf(lower, upper),
            lower=lower,
            upper=upper,
            precision=precision,
            resolved_against=reference if relative else None,
        )

    shifted = _SHIFTED.fullmatch(phrase)
    if shifted and (shifted[2].split()[0] in WEEKDAYS or shifted[1] in ("last", "this")):
        modifier, rest = shifted[1], shifted[2]
        if modifier != "last":
            return replace(resolve(rest, reference), text=text)
        if rest.split()[0] in WEEKDAYS:
            inner = resolve(rest, reference - timedelta(days=1))
        else:
            inner = resolve(rest, reference)
            if inner.upper >= reference:
                inner = resolve(rest, inner.lower - timedelta(days=1))
        return replace(inner, text=text, resolved_against=reference)
    ago = _AGO.fullmatch(phrase)
    if ago:
        count = _COUNTS[ago[1]] if ago[1] in _COUNTS else int(ago[1])
        if ago[2] in ("day", "week"):
            day = reference - timedelta(days=count * (7 if ago[2] == "week" else 1))
            return made(day, day, "day", True)
        if ago[2] == "month":
            index = reference.year * 12 + reference.month - 1 - count
            year, month = divmod(index, 12)
            return made(date(year, month + 1, 1), _month_end(year, month + 1), "month", True,
                        f"{year:04d}-{month + 1:02d}")
        year = reference.year - count
        return made(date(year, 1, 1), date(year, 12, 31), "year", True, f"{year:04d}")
    if phrase in ("this week", "earlier this week"):
        return made(reference - timedelta(days=reference.weekday()), reference, "days", True)
    phrase = {"last night": "yesterday", "earlier this month": "this month", "earlier this year": "this year",
              "weekend": "saturday and sunday", "last weekend": "saturday and sunday"}.get(phrase, phrase)

    relative_days = {"today": 0, "yesterday": 1, "tonight": 0, "this morning": 0}
    if phrase in relative_days:
        day = reference - timedelta(days=relative_days[phrase])
        return made(day, day, "day", True)
    if phrase in ("last month", "this month"):
        month_start = reference.replace(day=1)
        if phrase == "last month":
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        return made(month_start, _month_end(month_start.year, month_start.month), "month", True,
                    f"{month_start.year:04d}-{month_start.month:02d}")
    if phrase in ("last year", "this year"):
        year = reference.year - (phrase == "last year")
        return made(date(year, 1, 1), date(year, 12, 31), "year", True, f"{year:04d}")
    if phrase == "last week":
        start = reference - timedelta(days=reference.weekday() + 7)
        return made(start, start + timedelta(days=6), "days", True)

    weekday_only = _PART_OF_DAY.sub("", phrase)
    if weekday_only in WEEKDAYS:
        day = _weekday_on_or_before(reference, WEEKDAYS[weekday_only])
        return made(day, day, "day", True)
    match = re.fullmatch(rf"({_WEEKDAY_RE})(?: and |-| to | through )({_WEEKDAY_RE})", phrase)
    if match:
        final_day = _weekday_on_or_before(reference, WEEKDAYS[match[2]])
        span = (WEEKDAYS[match[2]] - WEEKDAYS[match[1]]) % 7
        return made(final_day - timedelta(days=span), final_day, "days", True)

    match = re.fullmatch(rf"(early|mid|late)[- ]({_MONTH_RE})(?:,? (\d{{4}}))?", phrase)
    if match:
        month = MONTHS[match[2]]
        first_day, last_day = PARTS_OF_MONTH[match[1]]
        year = int(match[3]) if match[3] else _latest_year(
            reference, lambda y: date(y, month, first_day))
        lower = date(year, month, first_day)
        upper = _month_end(year, month) if match[1] == "late" else date(year, month, last_day)
        return made(lower, upper, "part_of_month", match[3] is None)

    match = re.fullmatch(
        rf"({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:\s*-\s*(\d{{1,2}}))?(?:,? (\d{{4}}))?", phrase) \
        or re.fullmatch(rf"(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))? ({_MONTH_RE})\.?(?:,? (\d{{4}}))?", phrase)
    if match:
        if match[1].isdigit():
            first, last, month, year_text = int(match[1]), match[2], MONTHS[match[3]], match[4]
        else:
            month, first, last, year_text = MONTHS[match[1]], int(match[2]), match[3], match[4]
        last = int(last) if last else first
        try:
            year = int(year_text) if year_text else _latest_year(
                reference, lambda y: date(y, month, first))
            lower, upper = date(year, month, first), date(year, month, last)
        except ValueError as error:
            raise UnresolvableDate(f"not a calendar date: {text!r}") from error
        if upper < lower:
            raise UnresolvableDate(f"day range runs backwards: {text!r}")
        return made(lower, upper, "day" if lower == upper else "days", year_text is None)

    match = re.fullmatch(rf"({_MONTH_RE})\.?(?:,? (\d{{4}}))?", phrase)
    if match:
        month = MONTHS[match[1]]
        year = int(match[2]) if match[2] else _latest_year(reference, lambda y: date(y, month, 1))
        return made(date(year, month, 1), _month_end(year, month), "month", match[2] is None,
                    f"{year:04d}-{month:02d}")

    match = re.fullmatch(r"(?:(early|mid|late)[- ])?(spring|summer|autumn|fall|winter)(?:,? (\d{4}))?", phrase)
    if match:
        start_month = SEASONS[match[2]]
        part = PARTS_OF_SEASON.get(match[1] or "")
        offset, length = (part, 1) if part is not None else (0, 3)

        def season_bounds(year: int) -> tuple[date, date]:
            first = date(year + (start_month + offset - 1) // 12, (start_month + offset - 1) % 12 + 1, 1)
            last_index = start_month + offset + length - 2
            return first, _month_end(year + last_index // 12, last_index % 12 + 1)

        year = int(match[3]) if match[3] else _latest_year(reference, lambda y: season_bounds(y)[0])
        lower, upper = season_bounds(year)
        return made(lower, upper, "season", match[3] is None)

    match = re.fullmatch(r"(?:(?:early|mid|late)[- ]?)?(\d{4})", phrase)
    if match:
        year = int(match[1])
        return made(date(year, 1, 1), date(year, 12, 31), "year", False, match[1])

    dated = _DATED_WEEKDAY.fullmatch(phrase)    # "sunday, december 27": the day says it all
    if dated:
        return replace(resolve(dated[1], reference), text=text)

    raise UnresolvableDate(f"not a date expression this resolver knows: {text!r}")


_EDTF_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _edtf_point(part: str, *, upper: bool) -> tuple[date, str]:
    match = _EDTF_DAY.fullmatch(part)
    if not match:
        raise ValueError(f"not an EDTF date: {part!r}")
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return date(year, int(month), int(day)), "day"
    if month:
        month_number = int(month)
        if not 1 <= month_number <= 12:
            raise ValueError(f"not an EDTF date: {part!r}")
        return (_month_end(year, month_number) if upper else date(year, month_number, 1)), "month"
    return (date(year, 12, 31) if upper else date(year, 1, 1)), "year"


def edtf_bounds(edtf: str) -> tuple[date, date, str]:
    """Strict bounds and precision of the EDTF subset the store writes.

    That subset is a day, a month, a year, or an interval ``A/B`` of those.
    Raises ValueError on anything else.
    """
    if "/" in edtf:
        start, _, end = edtf.partition("/")
        lower, _ = _edtf_point(start, upper=False)
        upper, _ = _edtf_point(end, upper=True)
        precision = "days"
    else:
        lower, precision = _edtf_point(edtf, upper=False)
        upper, _ = _edtf_point(edtf, upper=True)
    if upper < lower:
        raise ValueError(f"EDTF interval runs backwards: {edtf!r}")
    return lower, upper, precision

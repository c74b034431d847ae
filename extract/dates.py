"""Date expressions in prose ("on Saturday evening", "late December", "two weeks ago"),
found by pattern and resolved by the shared grammar (``db.dates.resolve``) against the
publication date."""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from db.dates import ResolvedDate, UnresolvableDate, resolve
from extract.lexicon import COUNTABLE_NOUNS, MONTH_PATTERN, TIME_OF_DAY, WEEKDAY_PATTERN
from extract.text import anchored_matches, pattern_anchor


@dataclass
class DateMention:
    start: int
    end: int
    record: dict
    sentence: int = -1
    bounds_period: bool = False      # "since December", "until May": the edge of a period, not a time


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*[-\u2013]\s*"
_PREP_WORD = r"[Oo]n|[Ii]n|[Aa]cross|[Dd]uring|[Oo]ver|[Aa]t"
_PREP = rf"(?:(?:{_PREP_WORD})\s+)?"
_PART_WORD = r"[Ee]arly|[Mm]id|[Ll]ate"
_PART = rf"(?:{_PART_WORD})[- ]"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
_SMALL_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
_NO_NUMBER_AFTER = r"(?![\d,]*\d)(?!\s*(?:a\.m|p\.m|am\b|pm\b))"

# Each pattern with the characters a match of it can start with and what must follow there (its
# optional first words, else what follows them), a quick test before the pattern itself: it is
# tried only where it matches (``pattern_anchor``).
_DATE_PATTERNS = [(kind, pattern, pattern_anchor(first, pattern, where)) for kind, pattern, first, where in [
    ("day", re.compile(
        rf"{_PREP}(?:{WEEKDAY_PATTERN},?\s+)?(?:{MONTH_PATTERN}\s+{_DAY}(?:{_DASH}{_DAY})?(?:,?\s+{_YEAR})?"
        rf"|{_DAY}(?:{_DASH}{_DAY})?\s+{MONTH_PATTERN}(?:,?\s+{_YEAR})?)\b{_NO_NUMBER_AFTER}"),
     "OoIiAaDdMmTtWwFfSsJjNn0-9",
     rf"(?=(?:{_PREP_WORD})\s|{WEEKDAY_PATTERN}|{MONTH_PATTERN}"
     r"|[0-9]\d?(?!\d)(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*[0-9]|\s+[JFMASOND]))"),
    ("month", re.compile(
        rf"{_PREP}(?:(?:the\s+)?{_PART}|the\s+(?:end|beginning|start|middle)\s+of\s+)?{MONTH_PATTERN}"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?\b{_NO_NUMBER_AFTER}"),
     "OoIiAaDdTtEeMmLlJjFfSsNn",
     rf"(?=(?:{_PREP_WORD}|the)\s|{_PART}|{MONTH_PATTERN})"),
    ("season", re.compile(
        rf"(?:(?:(?:[Ii]n|[Dd]uring|[Oo]ver)\s+(?:the\s+)?(?:{_PART})?{_SEASON}"
        rf"|(?:(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Tt]hrough ))(?:the\s+)?(?:{_PART})?{_SEASON})"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?"
        rf"|(?:[Ll]ast|[Tt]his)\s+{_SEASON}|(?:{_PART}){_SEASON}|{_SEASON},?\s+{_YEAR})\b(?!\s+of\s+(?!\d))"),
     "IiDdOoLlTtEeMmSsAaFfWw",
     rf"(?=(?:[Ii]n|[Dd]uring|[Oo]ver|[Ll]ast|[Tt]his|the)\s|{_PART}|{_SEASON})"),
    ("weekday", re.compile(
        rf"{_PREP}(?:(?:[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s+)?{WEEKDAY_PATTERN}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?"
        rf"(?:\s*(?:and|to|through|or|-|\u2013)\s*{WEEKDAY_PATTERN}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?)?\b"),
     "OoIiAaDdLlTtEeMmWwFfSs",
     rf"(?=(?:{_PREP_WORD}|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s|{WEEKDAY_PATTERN})"),
    ("relative", re.compile(
        rf"\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]his morning|[Ll]ast night"
        rf"|(?:[Ll]ast|[Tt]his|[Ee]arlier this)\s+(?:week|month|year)|(?:[Ll]ast|[Oo]ver the)\s+weekend"
        rf"|{_SMALL_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago)\b"),
     r"TtYyLlEeOoAaFfSsNn\d",
     rf"\b(?=[Tt]oday|[Yy]esterday|[Tt]onight|(?:[Tt]his|[Ll]ast|[Ee]arlier|[Oo]ver)\s"
     rf"|{_SMALL_NUMBER}\s+(?:day|week|month|year))"),
    ("year", re.compile(
        rf"(?:(?:[Ii]n|[Dd]uring)\s+)?(?:{_PART})?(?<![\d$\u20ac\u00a3.,/-]){_YEAR}\b(?![\d,]*\d|-\d|%)"),
     "IiDdEeMmLl12",
     rf"(?=(?:[Ii]n|[Dd]uring)\s|{_PART})|(?<![\d$\u20ac\u00a3.,/-])(?={_YEAR})"),
]]


def find_dates(work: str, published: datetime.date, source_id: str) -> list[DateMention]:
    candidates = []
    for kind, pattern, anchor in _DATE_PATTERNS:
        for match in anchored_matches(pattern, anchor, work):
            start, end = match.start(), match.end()
            while end > start and work[end - 1] in " ,.":
                end -= 1
            if end <= start:
                continue
            candidates.append((start, end, kind))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[DateMention] = []
    occupied = bytearray(len(work) + 1)
    for start, end, kind in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(occupied[start:end]):
            continue
        printed = work[start:end]
        if not _date_plausible(work, start, end, kind, printed):
            continue
        try:
            record = _date_record(_resolve_day(printed, published) if kind == "day" else resolve(printed, published))
        except UnresolvableDate:
            continue
        record.update(id=f"{source_id}/d/{start}-{end}", text=printed, source=source_id,
                      confidence=_confidence(kind, printed))
        chosen.append(DateMention(start, end, record))
        occupied[start:end] = b"\x01" * (end - start)
    chosen.sort(key=lambda d: d.start)
    for date in chosen:
        date.bounds_period = re.search(r"\b(?:since|from|until|till|through|before|after|by)\s+(?:the\s+)?$",
                                       work[max(0, date.start - 14):date.start], re.I) is not None
    return chosen


_WEEKDAY_BEFORE = re.compile(rf"^{_PREP}{WEEKDAY_PATTERN},?\s+")


def _resolve_day(printed: str, published: datetime.date) -> ResolvedDate:
    """A day, with the weekday before it ("Saturday 19 December") only restating it when the
    grammar does not read the two together."""
    try:
        return resolve(printed, published)
    except UnresolvableDate:
        bare = _WEEKDAY_BEFORE.sub("", printed)
        if bare == printed:
            raise
        return resolve(bare, published)


def _date_plausible(work: str, start: int, end: int, kind: str, printed: str) -> bool:
    bare = re.sub(rf"^{_PREP}", "", printed)
    # "May" and "March" are also a modal and a verb: a bare one needs a cue.
    if kind == "month" and re.fullmatch(r"(?:May|March)", bare):
        before = work[max(0, start - 12):start].lower()
        if not re.search(r"\b(?:in|since|until|by|from|through|of|early|mid|late|last)\s*-?$", before) \
                and bare == printed:
            return False
    if kind == "year":
        # a four-digit number counting something is a figure, not a year
        next_word = re.match(r"\s+([A-Za-z][\w-]*)", work[end:end + 40])
        if next_word and next_word.group(1).lower() in COUNTABLE_NOUNS:
            return False
        if work[max(0, start - 1):start] == "#":
            return False
    return True


def _date_record(resolved: ResolvedDate) -> dict:
    against = resolved.resolved_against
    return {
        "edtf": resolved.edtf, "lower": resolved.lower.isoformat(), "upper": resolved.upper.isoformat(),
        "precision": resolved.precision, "resolved_against": against.isoformat() if against else None,
    }


def _confidence(kind: str, printed: str) -> float:
    """How sure a reading is: a printed year is sure, a part of a year read as the whole year
    is coarse, and a date counted or shifted from publication less sure than a named one."""
    if kind == "year":
        return 0.6 if _PART_OF_YEAR.search(printed) else 0.95
    if re.search(r"\d{4}", printed):
        return 0.95
    if kind == "relative" or _SHIFTED.search(printed):
        return 0.75
    return 0.85


_PART_OF_YEAR = re.compile(r"early|mid|late", re.I)
_SHIFTED = re.compile(rf"^{_PREP}(?:[Ll]ast|[Tt]his)\s")


def dates_between(dates: list[DateMention], starts: list[int], low: int, high: int) -> list[DateMention]:
    return dates[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]


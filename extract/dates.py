"""Date expressions in prose ("on Saturday evening", "late December", "two weeks ago"),
found by pattern and resolved by the shared grammar (``db.dates.resolve``) against the
publication date; and which of them a figure is as of (``AsOfReader``)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass

from db.dates import ResolvedDate, UnresolvableDate, resolve
from extract.lexicon import COUNTABLE_NOUNS, MONTH_PATTERN, TIME_OF_DAY, WEEKDAY_PATTERN
from extract.text import anchored_matches, cored_matches, fast_anchor, pattern_anchor


@dataclass
class DateMention:
    start: int
    end: int
    record: dict
    sentence: int = -1
    bounds_period: bool = False      # "since December", "until May": the edge of a period, not a time
    dateline: bool = False           # "KOSTEL, Oct. 14 (MPA) \u2014": when the story was filed, no figure's date
    # The date of what stands after this offset only ("up from the figure given two weeks ago",
    # "two soldiers, captured in December"): not the as-of of a figure ending before it.
    owner_after: int = -1
    # The date of the noun a relative clause describes ("the 3,000 soldiers who arrived in April, one
    # in five ..."): not the as-of of a figure starting after the clause, which ends here.
    owner_until: int = -1


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
# A month before a day may be a bare abbreviation too ("Oct 1", "Sept 30"): the day number says it is a date;
# after a day, with the year after it ("30 Nov 2029", a table's date column), the year does.
_MONTH_ANY = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
              r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")

# Each pattern with its core, the words every match of it holds (a month's name, not the
# optional "in the early" before it), as the characters the core can start with and what must
# follow there; and how many words before the core a match can start (``cored_matches``).
_DATE_PATTERNS = [(kind, pattern, fast_anchor(first, where), reach) for kind, pattern, first, where, reach in [
    ("day", re.compile(
        rf"{_PREP}(?:{WEEKDAY_PATTERN},?\s+)?(?:{_MONTH_ANY}\s+{_DAY}(?:{_DASH}{_DAY})?(?:,?\s+{_YEAR})?"
        rf"|{_DAY}(?:{_DASH}{_DAY})?\s+(?:{MONTH_PATTERN}(?:,?\s+{_YEAR})?|{_MONTH_ANY},?\s+{_YEAR}))"
        rf"\b{_NO_NUMBER_AFTER}"),
     "JFMASOND", rf"(?={_MONTH_ANY})", 4),
    ("month", re.compile(
        rf"{_PREP}(?:(?:the\s+)?{_PART}|the\s+(?:end|beginning|start|middle)\s+of\s+|(?:[Ll]ast|[Tt]his)\s+)?"
        rf"{MONTH_PATTERN}"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?\b{_NO_NUMBER_AFTER}"),
     "JFMASOND", rf"(?={MONTH_PATTERN})", 4),
    ("season", re.compile(
        rf"(?:(?:(?:[Ii]n|[Dd]uring|[Oo]ver)\s+(?:the\s+)?(?:{_PART})?{_SEASON}"
        rf"|(?:(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Tt]hrough ))(?:the\s+)?(?:{_PART})?{_SEASON})"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?"
        rf"|(?:[Ll]ast|[Tt]his)\s+{_SEASON}|(?:{_PART}){_SEASON}|{_SEASON},?\s+{_YEAR})\b(?!\s+of\s+(?!\d))"),
     "SsAaFfWw", rf"(?={_SEASON})", 3),
    ("weekday", re.compile(
        rf"{_PREP}(?:(?:[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s+)?{WEEKDAY_PATTERN}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?"
        rf"(?:\s*(?:and|to|through|or|-|\u2013)\s*{WEEKDAY_PATTERN}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?)?\b"),
     "MTWFS", rf"(?={WEEKDAY_PATTERN})", 2),
    ("relative", re.compile(
        rf"\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]his morning|[Ll]ast night"
        rf"|(?:the\s+end\s+of\s+)?(?:[Ll]ast|[Tt]his)\s+(?:month|year)|(?:[Ll]ast|[Tt]his|[Ee]arlier this)\s+week"
        rf"|[Ee]arlier this\s+(?:month|year)|(?:[Ll]ast|[Oo]ver the)\s+weekend"
        rf"|{_SMALL_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago)\b"),
     "TtYymnwd", r"\b(?=(?:[Tt]oday|[Yy]esterday|[Tt]onight|morning|night|weekend|(?:day|week|month|year)s?)\b)", 5),
    ("year", re.compile(
        rf"(?:(?:[Ii]n|[Dd]uring)\s+)?(?:{_PART}|the\s+end\s+of\s+)?(?<![\d$\u20ac\u00a3.,/-]){_YEAR}\b"
        rf"(?![\d,]*\d|-\d|%)"),
     "12", rf"(?<![\d$\u20ac\u00a3.,/-])(?={_YEAR})", 4),
]]


def find_dates(work: str, published: datetime.date, source_id: str) -> list[DateMention]:
    candidates = []
    for kind, pattern, core, reach in _DATE_PATTERNS:
        for match in cored_matches(pattern, core, reach, work):
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
            resolved = _resolve_day(printed, published) if kind == "day" else resolve(printed, published)
            record = _date_record(_so_far(printed, resolved, published) if kind == "relative" else resolved)
        except UnresolvableDate:
            continue
        record.update(id=f"{source_id}/d/{start}-{end}", text=printed, source=source_id,
                      confidence=_confidence(kind, printed))
        chosen.append(DateMention(start, end, record))
        occupied[start:end] = b"\x01" * (end - start)
    chosen.sort(key=lambda d: d.start)
    chosen = _days_before(work, chosen, occupied, source_id)
    for date in chosen:
        before = work[max(0, date.start - _CLAUSE_REACH):date.start]
        date.bounds_period = _PERIOD_EDGE_BEFORE.search(before) is not None
        owner = _OWNER_MARK_BEFORE.search(before)
        if owner is not None:
            date.owner_after = date.start - len(before) + owner.start()
        if _RELATIVE_BEFORE.search(before):
            clause_end = _CLAUSE_END.search(work, date.end)
            date.owner_until = clause_end.start() if clause_end is not None else len(work)
        if date.bounds_period and _WHEN_AFTER.match(work, date.end):
            # "doubled since last February, when it stood at 7,000": the when-clause's time, not an edge
            date.bounds_period, date.owner_after = False, date.end
    return _mark_datelines(work, published, source_id, _with_that_year(work, published, source_id, chosen))


# "by the end of that year", "in late that year": the year of the date stated before it
_THAT_YEAR = re.compile(r"\b(?:(?:[Ii]n|[Dd]uring)\s+)?(?:the\s+end\s+of\s+)?that\s+year\b(?!['\u2019])")


def _with_that_year(work: str, published: datetime.date, source_id: str,
                    chosen: list[DateMention]) -> list[DateMention]:
    """``chosen`` and each "that year" read as the year of the nearest date before it in the text."""
    starts = [date.start for date in chosen]
    added = []
    for match in _THAT_YEAR.finditer(work) if "that year" in work else ():
        at = bisect.bisect_left(starts, match.start())
        if not at:
            continue
        year = chosen[at - 1].record["lower"][:4]
        printed = match.group()
        try:
            record = _date_record(resolve(printed.replace("that year", year), published))
        except UnresolvableDate:
            continue
        record.update(id=f"{source_id}/d/{match.start()}-{match.end()}", text=printed, source=source_id,
                      confidence=0.7)
        added.append(DateMention(match.start(), match.end(), record))
    return sorted(chosen + added, key=lambda d: d.start) if added else chosen


_CLAUSE_REACH = 70
# "since December", "until May", "since the incursion began in early August", "since taking
# office in 2025": the edge of a period. "by Thursday" is not: it is the day a count stood at.
_PERIOD_EDGE_BEFORE = re.compile(r"\b(?:(?:since|from|until|till|through|before|after)\s+(?:the\s+)?"
                                 r"|since\s[^.,;:()\[\]\u2014\u2013\"\u201c\u201d\n]*)$", re.I)
_WHEN_AFTER = re.compile(r",\s+when\s")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which)\s[^,.;:()\n\u2014]*$")     # "soldiers who reached Vellin in"
_CLAUSE_END = re.compile(r"[,.;:()\n\u2014]")
# A date that belongs to an earlier figure ("up from the figure it gave two weeks ago"), to the
# things counted ("two soldiers, captured in December") or to a part named after the figure
# ("sent 18,000 troops, including 3,000 that arrived in April"): the mark's offset is kept.
_OWNER_MARK_BEFORE = re.compile(r"(?:\b(?:up|down)\s+from|\bcompared\s+(?:with|to)|,\s+(?:captured|taken|seized"
                                r"|detained|arrested|abducted|born|including)\b)[^.;:()\n]*$", re.I)
# A wire dateline opening a paragraph: "KOSTEL, Kalvaria, Oct. 14 (MPA) \u2014", "KOSTEL, Jan 7 (CNS) -".
DATELINE = re.compile(rf"^[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){{0,3}}(?:, [A-Z][\w'.-]+(?: [A-Z][\w'.-]+){{0,2}})?, "
                       rf"(?P<date>{_MONTH_ANY} {_DAY}|{_DAY} {_MONTH_ANY})(?:,? {_YEAR})?"
                       rf"(?: \([A-Z][\w&.' ]{{0,30}}\))? ?[\u2014\u2013-] ", re.M)
_DATELINE_ANCHOR = fast_anchor("A-Z", r"^|(?<=\n)")


def _mark_datelines(work: str, published: datetime.date, source_id: str,
                    chosen: list[DateMention]) -> list[DateMention]:
    """Mark each dateline's date (adding it when its month is a bare abbreviation, "Jan 7"):
    it is not a date of what the story reports, and its day is no figure."""
    starts = [date.start for date in chosen]
    added = []
    for match in anchored_matches(DATELINE, _DATELINE_ANCHOR, work):
        start, end = match.span("date")
        at = bisect.bisect_left(starts, start)
        if at < len(chosen) and chosen[at].start == start:
            chosen[at].dateline = True
            continue
        try:
            record = _date_record(resolve(match.group("date"), published))
        except UnresolvableDate:
            continue
        record.update(id=f"{source_id}/d/{start}-{end}", text=match.group("date"), source=source_id,
                      confidence=0.75)
        added.append(DateMention(start, end, record, dateline=True))
    return sorted(chosen + added, key=lambda d: d.start) if added else chosen


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


# "A day earlier, the ministry said ...": counted back from the day the text named last
_DAYS_EARLIER = re.compile(r"\b(?:(?P<count>[Aa]|[Oo]ne|[Tt]wo|[Tt]hree)\s+days?\s+earlier|[Tt]he\s+previous\s+day)\b")
_DAY_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _days_before(work: str, chosen: list[DateMention], occupied: bytearray, source_id: str) -> list[DateMention]:
    """``chosen`` (in text order) with each "a day earlier" resolved against the last day the text
    named before it (none when the text names no day before it)."""
    if "earlier" not in work and "previous day" not in work:
        return chosen
    added = []
    anchor: DateMention | None = None       # the last day named before the match
    following = iter(chosen)
    date = next(following, None)
    for match in _DAYS_EARLIER.finditer(work):
        while date is not None and date.start < match.start():
            anchor = date if date.record["precision"] == "day" else anchor
            date = next(following, None)
        if anchor is None or any(occupied[match.start():match.end()]):
            continue
        back = _DAY_COUNTS[match.group("count").casefold()] if match.group("count") else 1
        named = datetime.date.fromisoformat(anchor.record["lower"])
        day = named - datetime.timedelta(days=back)
        record = {"edtf": day.isoformat(), "lower": day.isoformat(), "upper": day.isoformat(), "precision": "day",
                  "resolved_against": named.isoformat(), "id": f"{source_id}/d/{match.start()}-{match.end()}",
                  "text": match.group(), "source": source_id, "confidence": 0.75}
        added.append(DateMention(match.start(), match.end(), record))
    return sorted([*chosen, *added], key=lambda d: d.start) if added else chosen


_THIS_MONTH = re.compile(r"(?P<earlier>[Ee]arlier\s+)?this\s+month", re.I)


def _so_far(printed: str, resolved: ResolvedDate, published: datetime.date) -> ResolvedDate:
    """"This month" in a report is the month so far, up to the day it was published; "earlier this
    month" up to the day before (what the text reports cannot be later than the text)."""
    month = _THIS_MONTH.fullmatch(printed)
    if month is None:
        return resolved
    upper = published - datetime.timedelta(days=1 if month.group("earlier") else 0)
    if upper < resolved.lower:
        return resolved         # "earlier this month" on the first: the month as it is
    lower = resolved.lower.isoformat()
    edtf = lower if upper == resolved.lower else f"{lower}/{upper.isoformat()}"
    return dataclasses.replace(resolved, edtf=edtf, upper=upper, precision="days")


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



# "as of the same date", "by then": the date last stated for a figure, restated.
# (case folded inside, so that its anchor's class of first letters is read without folding each character)
_BACK_REFERENCE = re.compile(r"(?i:\b(?:(?:as of|by|on|at)\s+(?:the same|that)\s+(?:date|day|point|time)|by then)\b)")
# where the pattern matches (each capitalised word returned to Python to be tried cost as much as the rest)
_BACK_REFERENCE_ANCHOR = pattern_anchor("AaBbOo", _BACK_REFERENCE, r"\b")


_AS_OF_BEFORE = re.compile(r"\bas\s+(?:of|at)\s+$")
# "N, X said, and M ... as of May 1": past another figure, a date in the next clause is M's alone
CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while)\s|;\s")
# ", and their losses had fallen in April": a clause with a subject and verb of its own
_NEW_SUBJECT = re.compile(r"(?:their|its|his|her|the|they|it|he|she)\b[^,.;:]{0,40}?"
                          r"\b(?:had|has|have|was|were|is|are|will|would)\b")
_BY_BEFORE = re.compile(r"\bby\s+$")      # "N killed by March 3": the count then, for the figure just before
# "9,100 as of July 31, up from 8,300 at the end of June": the earlier figure's date is no date
# "the same date" restates
_EARLIER_FIGURE_BEFORE = re.compile(r"\b(?:up|down)\s+from\s+$")


class AsOfReader:
    """The date each figure of a text is as of, figure by figure in text order: a date stated
    near it in its sentence ("as of May 1"; "by May 1" just after it), one that is not the date
    it was said before one that is; never a dateline, the edge of a period ("since early
    August"), a date that belongs to something after the figure ("up from the figure given two
    weeks ago"), to a relative clause before it ("the 3,000 who arrived in April, one in five")
    or to a clause of its own ("; in September it had said"). With none, a back-reference
    ("as of the same date", "by then") restates the date last stated for a figure, then the
    date of the section heading over it (``extract.sections``); else none ("by publication")."""

    def __init__(self, work: str, dates: list[DateMention], reach: int):
        self.work, self.dates, self.reach = work, dates, reach
        self.starts = [date.start for date in dates]
        self.back_references = [match.start() for match in anchored_matches(_BACK_REFERENCE, _BACK_REFERENCE_ANCHOR,
                                                                            work)]
        self.last_stated: DateMention | None = None

    def read(self, span: tuple[int, int], sentence: tuple[int, int], speech: tuple[int, int] | None,
             heading: DateMention | None, next_figure: int) -> DateMention | None:
        """The as-of of the figure at ``span`` in ``sentence``, whose reporting clause (if any)
        is ``speech``; ``heading`` is the date of the section over it, ``next_figure`` where the
        next figure starts."""
        start, end = span
        low, high = max(sentence[0], start - self.reach), min(sentence[1], end + self.reach)
        near = [date for date in dates_between(self.dates, self.starts, low, high)
                if not date.bounds_period and not date.dateline and end > date.owner_after and date is not heading
                and not self._in_next_clause(end, date.start, next_figure)
                and not 0 <= date.owner_until <= start]
        # "down from 14,000 in January": a date owned by an earlier figure is never the date of speech
        said = [date for date in near if speech is not None and speech[0] <= date.start and date.end <= speech[1]
                and date.owner_after < 0]
        # "published its count on April 30 and put the toll at 7,400 as of April 25": the date it says it is as of
        stated = [date for date in near if date.start >= end and (
            date.start < next_figure and _BY_BEFORE.search(self.work, max(0, date.start - 4), date.start)
            or _AS_OF_BEFORE.search(self.work, max(0, date.start - 8), date.start))] \
            or [date for date in near if date not in said]
        at = bisect.bisect_left(self.back_references, low)
        restated = at < len(self.back_references) and self.back_references[at] < high
        chosen = _nearest(stated, span) or (self.last_stated if restated else None) or _nearest(said, span) or heading
        if chosen is not None and not _EARLIER_FIGURE_BEFORE.search(self.work, max(0, start - 12), start):
            self.last_stated = chosen
        return chosen

    def _in_next_clause(self, end: int, date_start: int, next_figure: int) -> bool:
        """Whether a date after a figure ending at ``end`` stands in a clause of its own: past a
        semicolon, or past ", and" and the next figure ("N, X said, and M ... as of May 1")."""
        join = CLAUSE_JOIN.search(self.work, end, date_start) if date_start > end else None
        if date_start > next_figure and _RELATIVE_OF_NEXT.search(self.work, next_figure, date_start):
            return True     # "N, double the M that the ministry gave in May": May is M's
        return join is not None and (join.group().startswith(";") or date_start > next_figure
                                     or _NEW_SUBJECT.match(self.work, join.end()) is not None)


# "the 9,000 that the ministry gave in May": a relative clause with a subject of its own after the next figure
_RELATIVE_OF_NEXT = re.compile(r"\b(?:that|which)\s+(?:(?:the|its|their|his|her)\s|[A-Z])")


def _nearest(dates: list[DateMention], span: tuple[int, int]) -> DateMention | None:
    start, end = span
    return min(dates, key=lambda d: min(abs(d.start - end), abs(start - d.end)), default=None)

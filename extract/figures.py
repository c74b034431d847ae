"""Figures: numbers in the text with their hedge, bounds, unit and metric.

Digits (with thousands separators and scale words), number words, fractions ("nearly a
third", "two-thirds", "one in five"), percentages, money, ranges ("between A and B", "A to
B", "A-B"), vague quantifiers ("several" before a countable noun; "dozens of", "tens of
thousands of", "several hundred" anywhere), and a military unit word as the quantity after
a hedge ("up to a battalion"). Numbers that are part of dates, identifiers (F-16, Su-34),
ordinals, clock times, counts of time units (durations and ages), "one" as a determiner, a
small number word after a definite determiner ("the two sides") and numbers inside a
speaker phrase are not figures; nor is a number the store could not hold
(``db.values.value_problem``: not finite, beyond 1e15, or negative), a part of a count of
time ("nine of the 16 days"), a number in an editor's or method note, or one named again
("of the 16,000 troops" after 16,000 was stated); a headline's or caption's figure the body
states too, even rounded ("more than 14,000" over "more than 14,300"), is left to the body.
A fact box line names what its number counts after a colon or dash ("38: prisoners held").

Figures are proposed only in news sentences: not in a question of the text's own (it asserts
nothing), nor in a run-on piece of a stretch with no sentence end (``extract.text.MAX_SENTENCE``),
nor in a sentence of more than MAX_NUMBERS numbers (a table, a list of serials), where a figure
per number would be noise and the work per figure grows with the sentence.

A fraction becomes ``fraction_of`` with a ``base`` when the figure it is a fraction of can
be identified (the same counted words, or "of the money" and an earlier sum); otherwise
it is an ``approx`` figure in unit "fraction".
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.values import value_problem
from extract.lexicon import (
    AUXILIARIES,
    CASUALTY_WORDS,
    CHANGE_VERBS,
    CLAIM_OBJECTS,
    COMPARATIVES,
    COUNTABLE_NOUNS,
    CURRENCIES,
    DETERMINERS,
    FACT_LINE_MARK,
    FORMATION_WORDS,
    FRACTION_DENOMINATORS,
    HEDGE_BOUNDS,
    IRREGULAR_PARTICIPLES,
    MEASURE_UNITS,
    MONEY_WORDS,
    NUMBER_WORDS,
    PEOPLE_NOUNS,
    POINT_HEDGES,
    RANGE_HEDGES,
    RECORD_NOUNS,
    SCALE_WORDS,
    SORT_NOUNS,
    TIME_UNITS,
    VAGUE_QUANTITIES,
    VERBISH,
    word_set,
)
from extract.text import (
    Sentence,
    anchored_matches,
    cored_matches,
    fast_anchor,
    opens_line,
    pattern_anchor,
    sentence_of,
    word_alternation,
)

if TYPE_CHECKING:
    from extract.actors import Entity
    from extract.dates import DateMention


# --- 5. figures ---------------------------------------------------------------------------------

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_SMALL = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five"
               r"|six|seven|eight|nine)\b)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
               r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_SCALE = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_WORD_NUMBER = (rf"(?:(?:{_WORD_SMALL}|a|an)(?:[\s-]+{_SCALE})+(?:\s+(?:and\s+)?{_WORD_SMALL})?"
                rf"(?:\s+{_SCALE})*|{_WORD_SMALL})")
_NUMBER_RE = re.compile(
    rf"(?P<cur>[$\u20ac\u00a3])?(?:(?P<digits>{_DIGITS})(?:\s+(?P<dscale>hundred|thousand|million|billion|trillion)\b)?"
    rf"|(?<![\w-])(?P<words>{_WORD_NUMBER})\b)"
    r"(?P<pct>\s*%|\s+per\s?cent\b|\s+percent\b)?", re.I)
# Where a number can start: a currency sign, the first of a run of digits, a letter that can
# open a number word (as _NUMBER_RE folds case: the long s too) after no letter, digit or hyphen.
# A number word is one of the small ones, or "a"/"an" and a scale word ("a hundred"); a search
# that ends inside a number's words ("twen" of "twenty" at the end of a range) cannot see it, so
# words running to the end of the range are tried too.
_NUMBER_FIRST = "$\u20ac\u00a3\\dAEFNOSTZaefnostz\u017f"
_NUMBER_SIGN_OR_DIGIT = r"(?=[$\u20ac\u00a3])|(?<!\d)(?=\d)"
_NUMBER_WORD = rf"(?:{_WORD_SMALL}|an?[\s-]+{_SCALE})(?!\w)"
_NUMBER_ANCHOR = fast_anchor(_NUMBER_FIRST, rf"{_NUMBER_SIGN_OR_DIGIT}|(?<![\w-])(?=(?i:{_NUMBER_WORD}|[\w\s-]*+\Z))")
# Where a number can start in the whole text (no range ends inside a word there).
_NUMBER_START = fast_anchor(_NUMBER_FIRST, rf"{_NUMBER_SIGN_OR_DIGIT}|(?<![\w-])(?=(?i:{_NUMBER_WORD}))")
_WORD_OR_SPACE = re.compile(r"[\w\s-]")     # what a run of number words to the end of a range is made of
MAX_DISPLAY_LINE = 200     # a headline or an entry's title is one short line
_CAPTION = re.compile(r"(?:Caption|Photo|Picture|Image|Video)\s*:", re.I)
_CLOSING_MARKS = re.compile(r"[\"'\u201d\u2019)\]]+$")
# The labelled articles have at most 5 numbers (words included) in a sentence.
MAX_NUMBERS = 40
_FRACTION_RE = re.compile(
    r"\b(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<den>half|halves|thirds?|quarters?"
    r"|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    r"|\b(?P<a>one|two|three|four|five|six|seven|eight|nine|\d{1,2}) in (?:every )?"
    r"(?P<b>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b",
    re.I)
_VAGUE_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(v) for v in VAGUE_QUANTITIES), key=len, reverse=True))
                       + r")(?!\w)", re.I)
_FORMATION_RE = re.compile(r"\b(?:a|an|one)\s+(battalion|brigade|regiment|company|division|platoon|squad|corps)\b",
                           re.I)
# Each family is tried only where it matches (``pattern_anchor``): a scan from every character
# of the text cost a try at each of them.
# Every fraction holds its denominator or "in (every) N" at most one word after its start: those
# words are rare, where the letters a fraction can start with stand at most places of prose
# (under IGNORECASE the class also holds the long s and the dotted and dotless i).
_FRACTION_CORE = fast_anchor("hHtTqQfFsSeEnNiI\u017f\u0130\u0131",
                             r"\b(?=(?i:" + word_alternation(FRACTION_DENOMINATORS) + r")\b"
                             r"|(?i:in (?:every )?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3}))\b)")
_VAGUE_ANCHOR = pattern_anchor("".join(sorted({re.escape(v[0]) for v in VAGUE_QUANTITIES})), _VAGUE_RE)
_FORMATION_ANCHOR = pattern_anchor("ao", _FORMATION_RE)
_HEDGE_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"\u201c\u2014\u2013-]))(" + word_alternation(POINT_HEDGES)
                           + r")\s+$", re.I)
_RANGE_HEDGE_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"\u201c\u2014\u2013-]))("
                                 + word_alternation(RANGE_HEDGES) + r")\s+$", re.I)
# A hedge ends where the spaces before a number start: it starts at most this far before them.
_LONGEST_HEDGE = max(map(len, POINT_HEDGES + RANGE_HEDGES))
_RANGE_JOIN = re.compile(r"\s*(-|\u2013|\u2014|\bto\b|\band\b|\bor\b)\s*", re.I)
_OTHER_FIGURE_AFTER = re.compile(r"\s+(?:of\s+)?(?:the|that|this|his|her|their|its)\s+(?:\w+\s+)?"
                                 r"(?:figure|estimate|claim|number|total|count|tally)s?\b(?!\s+of\b)", re.I)
_MEASURE_AFTER = re.compile(r"-(?:year|month|week|day|hour|minute|second|mile|km|kilomet|meter|metre|mm|inch|foot|feet"
                            r"|point|page|time|storey|story|member)", re.I)


@dataclass
class Figure:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    bound: str
    hedge: str | None
    unit: str
    metric: str
    confidence: float
    kind: str                      # number / range / fraction / vague / formation / percent
    base_words: frozenset[str] = frozenset()
    predicate_words: frozenset[str] = frozenset()
    claimant: Entity | None = None
    claim_factor: float = 0.0
    base: str | None = None
    as_of: DateMention | None = None


def _word_number_value(words: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and" or not word:
            continue
        if word in ("a", "an"):
            current, seen = current + 1, True
        elif word in NUMBER_WORDS:
            current, seen = current + NUMBER_WORDS[word], True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
        else:
            return None
    return total + current if seen else None


def _number_at(work: str, match: re.Match) -> tuple[float, str | None] | None:
    """The value of a number match and its unit from a currency sign or percent."""
    value: float | None
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("dscale"):
            value *= SCALE_WORDS[match.group("dscale").lower()]
    else:
        value = _word_number_value(match.group("words"))
        if value is None:
            return None
    unit = None
    if match.group("pct"):
        unit = "percent"
    elif match.group("cur"):
        unit = CURRENCIES[match.group("cur")]
    return value, unit


_SCORE_BEFORE = re.compile(r"\d-$")
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z][-/]?$")
_LETTER = re.compile(r"[A-Za-z]")
_CLOCK_OR_SERIAL = re.compile(r"[:/]\d|\.\d|/")
_CLOCK_BEFORE = re.compile(r"[:/]$")
_TIME_OF_DAY_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|local time)", re.I)
_ORDINAL_AFTER = re.compile(r"-(?:th|st|nd|rd)\b")
# An age: after a name (or a quoted call sign) and a comma, or after "aged"; then a comma,
# "and", a full stop or a dash.
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'-]*[a-z]|[\"\u201d'])\s*,\s*(?:now\s+|aged\s+)?$|\baged\s+$")
_AGE_AFTER = re.compile(r"\s*(?:,|\band\b|\.|;|\)|\u2014|$)")
_STREET_AFTER = re.compile(r"\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Boulevard|Square"
                           r"|Place|Drive|Way|Prospekt|Embankment)\b")
# "to reach five figures", "in five minutes": the digits of a number, a short span of time
_NOT_A_COUNT_AFTER = re.compile(r"[\s-]{1,3}(?:figures?|digits?|minutes?|hours?|seconds?)\b")
_LAST_TOKEN = re.compile(r"\S*\Z")      # the characters a number is glued to before it
_DAY_NUMBER_BEFORE = re.compile(r"\b(?:is|on|by|since|until|of|from)\s+[Dd]ay\s+$")    # "It is day 340 of the war"
_CODE = re.compile(r"0\d")                  # a leading zero: a dialling code, a serial
_DIGIT_GROUP_BEFORE = re.compile(r"\d $")   # a group of digits after another: "555 210"
_RETRACTED_BEFORE = re.compile(r",\s+not\s+$")
# a quoted title opening a numbered reference line, the number inside it
_CITED_TITLE_BEFORE = re.compile(r"(?:\A|\n)[ \t]*\d{1,3}\.\s+[\"\u201c][^\"\u201d\n]*\Z")
MAX_TITLE_REACH = 160
MAX_REFERENCE_DIGITS = 3      # "[12]": a reference mark; "[3,000]" is an editor's insertion in a quote
_LIST_NUMBER_AFTER = re.compile(r"[.)]\s")
_FACT_LINE_LABEL = re.compile(FACT_LINE_MARK + r"(?:the\s+(?:number|size|count|total)\s+of\s+)?(?:the\s+)?")
# A number naming a place in a document or a thread ("section 12", "paragraph 14", "Table 3", "post 12"),
# or a room, a road, a flight ("the Post" is a newspaper: only a lower-case post is a thread's).
_NUMBERED_BEFORE = re.compile(
    r"(?:No\.|#|[Nn]umber|[Aa]rticle|Resolution|[Cc]hapter|[Ss]ection|[Pp]aragraph|[Pp]ara\.|[Cc]lause|[Tt]able"
    r"|[Aa]nnex|[Ff]ootnote|post|[Pp]age|Room|Highway|Route|Flight)\s*$")
# The size of each of many groups ("in waves of 20 or 30 men", "groups of five"), not a count.
_GROUP_SIZE_BEFORE = re.compile(r"\b(?:groups?|waves?|batches|teams?|columns?|bands?|squads?|units?|parties)\s+of\s+"
                                r"(?:[\w,]+\s+(?:or|to)\s+)?$", re.I)


def _skip_number(work: str, start: int, end: int, match: re.Match) -> bool:
    """Numbers that are identifiers, ordinals, times or measures of time, not counts."""
    before = work[max(0, start - 2):start]
    after = work[end:end + 12]
    if _IDENTIFIER_BEFORE.search(before) and match.group("digits"):
        return True              # F-16, Su-34, G7
    if _LETTER.match(after) and match.group("digits") and not match.group("pct"):
        return True              # 3rd, 5G, 155mm
    if _CLOCK_OR_SERIAL.match(after) or _CLOCK_BEFORE.search(before):
        return True              # 10:30, 24/7
    if _TIME_OF_DAY_AFTER.match(after):
        return True
    if _MEASURE_AFTER.match(after) or _ORDINAL_AFTER.match(after):
        return True
    if match.group("digits") and not match.group("pct") and (
            (_AGE_BEFORE.search(work[max(0, start - 40):start]) and _AGE_AFTER.match(work, end))
            or _STREET_AFTER.match(work, end)):
        return True              # "Sokil, 67, said", "aged 20", "14 Lypova Street"
    if before.endswith("[") and after.startswith("]") and match.group("digits") and end - start <= MAX_REFERENCE_DIGITS:
        return True              # "5,700.[2]", "[2] Figure given by ...": a reference or footnote mark
    if match.group("digits") and (_CODE.match(match.group("digits")) or _DIGIT_GROUP_BEFORE.search(before)):
        return True              # "0800 555 210": a phone number or a code, no count
    if _RETRACTED_BEFORE.search(work, max(0, start - 8), start):
        return True              # "2,204 names, not 2,240 as we reported": the figure taken back
    if _CITED_TITLE_BEFORE.search(work, max(0, start - MAX_TITLE_REACH), start):
        return True              # '1. "2,061 heroes have fallen", Tolmin Daily': a cited work's title
    if _LIST_NUMBER_AFTER.match(after) and opens_line(work, start):
        return True              # "2. Ministry of ...": a numbered list
    if _GROUP_SIZE_BEFORE.search(work, max(0, start - 40), start) or _NOT_A_COUNT_AFTER.match(work, end):
        return True
    low = max(0, start - 120)
    glued = _LAST_TOKEN.search(work, low, start) if work.find("/", low, start) >= 0 else None
    if glued is not None and "/" in glued.group():
        return True              # part of a web address or a path: "example.org/statements/2027-07-11"
    return _NUMBERED_BEFORE.search(work[max(0, start - 14):start]) is not None or \
        _DAY_NUMBER_BEFORE.search(work, max(0, start - 14), start) is not None


# "differ by a factor of three", "estimates vary, in other words, by several thousand", "multiply
# their dead by three": how far two figures lie apart, or a multiplier, not a count of anything
_DIFFERENCE_BEFORE = re.compile(r"(?:\bby\s+a\s+factor\s+of|\b(?:differ|differs|differed|vary|varies|varied|multiply"
                                r"|multiplied|divide|divided)\b[^.;:!?\n\x02\x03]{0,40}?\bby)\s+$", re.I)
DIFFERENCE_REACH = 60


def _a_difference(work: str, start: int) -> bool:
    """Whether the number at ``start`` is a gap between figures or a multiplier."""
    return _DIFFERENCE_BEFORE.search(work, max(0, start - DIFFERENCE_REACH), start) is not None


_FRONTED_OF = re.compile(r"Of\s+(?:the|those|these|its|their|some|roughly|about|nearly)\s")
# "nine of the 16 days", "two of its five years": a part of a count, named by the word after the count
_PART_OF_COUNT = re.compile(r"\s+of\s+(?:the|its|their|those|these)\s+(?:[\d,]+|[a-z]+)\s+([a-z]+)")
_BACK_REFERENCE = re.compile(r"\b(?:those|these)\s+$", re.I)
# an editor's notice, or a note on how the piece was made: about the copy, not claims
_NOTICE = re.compile(r"(?:\d{1,3}/\d{1,3}\s+)?(?:Correction|Clarification|Editor['\u2019]s [Nn]ote|Update|Methodology|"
                     r"How we (?:did|reported|counted) (?:this|it|the \w+))\s*:")
# a live page's running total ("11:50 - Running total: 81 returned."), restated as it grows
_RUNNING_TOTAL = re.compile(r"(?:\d{1,2}[:.]\d{2}\s*[-\u2013\u2014]\s*)?[Rr]unning\s+(?:total|tally|count)\s*:")
_NEXT_WORD = re.compile(r"[\"\u201c\u201d\[\]]|[A-Za-z][\w'-]*|[^\sA-Za-z]")


def _next_words(work: str, index: int, limit: int = 8) -> list[tuple[int, int, str]]:
    """The words after ``index`` up to a clause break: (start, end, word)."""
    words = []
    for match in _NEXT_WORD.finditer(work, index, index + 120):
        token = match.group()
        if token in ('"', "\u201c", "\u201d", "[", "]"):
            continue
        if not token[0].isalpha():
            break
        words.append((match.start(), match.end(), token))
        if len(words) >= limit:
            break
    return words


def _metric_after(work: str, end: int) -> tuple[list[str], list[str]]:
    """The noun phrase after a number and its participle predicate ("soldiers", "injured or killed")."""
    words = _next_words(work, end, 12)
    noun: list[str] = []
    index = 0
    if words and words[0][2].lower() == "of":
        index = 1
        while index < len(words) and words[index][2].lower() in ("the", "its", "their", "his", "her", "our",
                                                                 "these", "those", "an", "a", "estimated",
                                                                 "total", "number", "of", "all", "them"):
            index += 1
    while index < len(words) and len(noun) < 5:
        word = words[index][2]
        lower = word.lower()
        following = words[index + 1][2].lower() if index + 1 < len(words) else None
        adjective = following is not None and following not in VERBISH and following not in AUXILIARIES \
            and following not in IRREGULAR_PARTICIPLES and words[index + 1][0] == words[index][1] + 1
        if lower in VERBISH or lower in DETERMINERS or lower in ("what", "whom", "who") \
                or (lower in IRREGULAR_PARTICIPLES and not adjective) \
                or (lower.endswith(("ed", "ing")) and not word[0].isupper() and lower not in PEOPLE_NOUNS
                    and not adjective) \
                or (lower.endswith("ly") and not word[0].isupper()):
            break
        noun.append(word)
        index += 1
        if lower in COUNTABLE_NOUNS and following is not None and following not in COUNTABLE_NOUNS \
                and following != "of" and not words[index][2][0].isupper():
            break                # a plural head ends the noun: "60 drones struck ...", "300 families called"
    while noun and noun[-1].lower() in COMPARATIVES:
        noun.pop()               # "52,000 higher than": no noun names what is counted
    predicate: list[str] = []
    if index < len(words) and words[index][2].lower() == "of":
        # "900 soldiers of the foreign brigade had been killed": the predicate after an of-phrase
        index = next((i for i in range(index + 1, min(len(words), index + 6)) if words[i][2].lower() in AUXILIARIES),
                     index)
    while index < len(words) and words[index][2].lower() in AUXILIARIES:
        index += 1
    while index < len(words) and len(predicate) < 5:
        lower = words[index][2].lower()
        if lower in IRREGULAR_PARTICIPLES or (lower.endswith("ed") and len(lower) > 4):
            predicate.append(words[index][2])
            index += 1
            if index < len(words) and words[index][2].lower() in ("or", "and") and index + 1 < len(words):
                nxt = words[index + 1][2].lower()
                if nxt in IRREGULAR_PARTICIPLES or nxt.endswith("ed"):
                    predicate.append(words[index][2])
                    index += 1
                    continue
            break
        break
    return noun, predicate


def _counts_records(work: str, end: int, noun: list[str]) -> bool:
    """Whether the noun phrase after a number ending at ``end`` counts sources, documents or posts
    ("two independent sources", "40 videos") or sorts of something ("two kinds of evidence"), not
    people: such a count is no figure of the story (a vote's tally stays one). Only the number's own
    line is read (a table's cell is followed by the next line's label, "Source: ...")."""
    line_end = work.find("\n", end, end + 120)
    on_line = {word.lower() for start, _, word in _next_words(work, end, 6) if line_end < 0 or start < line_end}
    words = {word.lower() for word in noun} & on_line
    return bool(words & (RECORD_NOUNS | SORT_NOUNS)) and not words & PEOPLE_NOUNS


_OF_AFTER = re.compile(r"\s+of\b", re.I)
# "75 of them", "45 had.": the number counts what an earlier sentence named
_ELIDED_AFTER = re.compile(r"\s+of\s+(?:them|those|these|whom)\b"
                           r"|\s+(?:had|have|has|were|was|did|do|would|could|will)\s*[.,;]", re.I)
_OF_THEM_AFTER = re.compile(r"\s+of\s+them\b")
_PLURAL_NOUN = re.compile(r"\b(" + "|".join(sorted(w for w in PEOPLE_NOUNS | COUNTABLE_NOUNS if w.endswith("s")))
                          + r")\b", re.I)
# "X counted some 10,200 as of ...": the count of what the paragraph counted before
_COUNTED_BEFORE = re.compile(r"\b(?:counted|tallied|recorded|logged)\s+$")
_COUNT_OF = re.compile(r"\b(?:number|total|tally|toll|count|estimate|figure)s?\s+of\s+(?:the\s+)?", re.I)


# Verbs that give a count of their subject: "the contingent is estimated to number about",
# "the garrison totals", "arrivals surpassed", "the toll rose to".
_REACHING = (r"(?:number(?:s|ed)?|total(?:s|led|ed)?|stands\s+at|stood\s+at|surpass(?:es|ed)|exceed(?:s|ed)"
             r"|top(?:s|ped)|reach(?:es|ed)|(?:rose|risen|climbed|grew|fell|dropped)\s+to"
             r"|(?:is|are|was|were)\s+(?:estimated|put|thought|believed)\s+at)")
_REACHED = rf"\b{_REACHING}\s+(?:[\w-]+\s+){{0,2}}$"        # and the hedge, if any ("surpassed", "number about")
_SUBJECT_NUMBERING = re.compile(rf"\b([A-Za-z][\w'-]*)\s+(?:(?:is|are|was|were)\s+(?:\w+\s+)?to\s+)?{_REACHED}", re.I)


# "put the Sarkandi force sent to Drovenia, as of the same date, at": what the estimate counts (to a comma)
_PUT_AT = re.compile(r"\b(?:put|puts|placed|places|pegged|pegs|estimated|estimates)\s+"
                     r"(?:the|its|their|\w+['\u2019]s)\s+(?P<object>[^.;:,\n]{1,60}?)(?:,[^.;:\n]{0,40},)?\s+at\s+$")


def _metric_before(work: str, start: int, low: int, number_start: int) -> list[str]:
    """"the number of North Korean casualties at 3,000" -> the words after "number of" (before
    the hedge at ``start``); "the contingent numbers about 12,000" -> "contingent"."""
    before = work[max(low, start - 160):start]
    counts = list(_COUNT_OF.finditer(before))
    if not counts:
        put = _PUT_AT.search(work, max(low, start - 160), start)
        if put is not None:
            return re.findall(r"[A-Za-z][\w'-]*", put.group("object"))[:6]
        numbering = _SUBJECT_NUMBERING.search(work, max(low, number_start - 160), number_start)
        subject = numbering.group(1) if numbering else ""
        return [subject] if subject and subject.lower() not in VERBISH | _STOPWORDS else []
    match = counts[-1]
    words = re.findall(r"[A-Za-z][\w'-]*", before[match.end():])
    stop = ("at", "to", "as", "stood", "is", "was", "were", "somewhere", "between", "anywhere", "around", "about",
            "roughly", "nearly", "approximately")
    out = []
    for word in words:
        if word.lower() in stop:
            break
        out.append(word)
    return out[:6]


def _unit_for(noun: list[str], predicate: list[str], fallback: str | None) -> str:
    for word in noun:
        lower = word.lower()
        if lower in PEOPLE_NOUNS:
            return "persons"
        if lower in FORMATION_WORDS:
            return FORMATION_WORDS[lower]
    for word in noun:
        if word.lower() in MEASURE_UNITS:
            return word.lower()
    if noun:
        last = noun[-1].lower()
        if re.fullmatch(r"[A-Z][a-z]+(?:ians|eans|ans|is|ese)", noun[-1]):
            return "persons"             # "1,200 Ukrainians"
        if last in COUNTABLE_NOUNS or not noun[-1][0].isupper():
            return last
    if any(word.lower() in CASUALTY_WORDS for word in predicate):
        return "persons"
    return fallback or "count"


_STOPWORDS = word_set("""the a an of to in on at for and or by with from as that this these those its their his
her our estimated number total""")
_STEMS = {"sent": "deployed", "deployed": "deployed", "arrived": "deployed", "dispatched": "deployed",
          "stationed": "deployed", "deploy": "deployed"}


_COUNTED_WORD = re.compile(r"\b(?:" + "|".join(sorted(CLAIM_OBJECTS | COUNTABLE_NOUNS | CASUALTY_WORDS)) + r")\b"
                           rf"|{_REACHED}", re.I)


def content_words(words) -> frozenset[str]:
    out = set()
    for word in words:
        lower = word.lower()
        if lower in _STOPWORDS:
            continue
        if lower in CASUALTY_WORDS:
            lower = "casualty"
        out.add(_STEMS.get(lower, lower))
    return frozenset(out)


def find_figures(work: str, masked: str, dates: list[DateMention], blocked: list[tuple[int, int]],
                 sentences: list[Sentence]) -> list[Figure]:
    """Every figure of the text, in text order; dates and ``blocked`` spans (speaker phrases) are not read."""
    return FigureScanner(work, dates, blocked, sentences).scan()


class FigureScanner:
    """One pass per pattern family over the text, most specific first: a span taken by one
    family (or by a date or a speaker phrase) is not read again by the next."""

    def __init__(self, work: str, dates: list[DateMention], blocked: list[tuple[int, int]],
                 sentences: list[Sentence]):
        self.work, self.sentences = work, sentences
        self.numbers = _numbers_by_sentence(work, sentences)
        self.news = [numbers is not None for numbers in self.numbers]
        self.occupied = bytearray(len(work) + 1)
        for start, end in [(d.start, d.end) for d in dates] + list(blocked):
            self.occupied[start:end] = b"\x01" * (end - start)
        self.paragraph_starts: list[int] = []  # per sentence: where the first sentence of its paragraph starts
        self.notices: set[int] = set()         # paragraphs of an editor's notice ("Correction: ...")
        for number, sentence in enumerate(sentences):
            same = number > 0 and sentences[number - 1].paragraph == sentence.paragraph
            self.paragraph_starts.append(self.paragraph_starts[-1] if same else sentence.start)
            if not same and _NOTICE.match(work, sentence.start):
                self.notices.add(sentence.paragraph)
        totals = [number for number, sentence in enumerate(sentences) if _RUNNING_TOTAL.match(work, sentence.start)]
        self.superseded = set(totals[:-1])     # sentences of a running total that a later one replaces
        self.durations: list[int] = []        # where counts of time units end ("six and eight hours")
        self.ends: list[tuple[int, int]] = []  # (end, index into figures), sorted
        self.figures: list[Figure] = []

    def scan(self) -> list[Figure]:
        self.scan_formations()
        self.scan_fractions()
        self.scan_vague()
        self.scan_numbers()
        return self._without_display_repeats(sorted(self.figures, key=lambda f: f.start))

    def _without_display_repeats(self, figures: list[Figure]) -> list[Figure]:
        """Less the figures of headlines, entry titles and captions that the body states too,
        also rounded or as one end of a range ("more than 14,000" over "more than 14,300",
        "fewer than 3,500" over "between 2,500 and 3,500")."""
        display = self._display_paragraphs()
        if not display:
            return figures
        in_display = [self.sentences[sentence_of(self.sentences, f.start)].paragraph in display for f in figures]
        stated = sorted(number for f, shown in zip(figures, in_display, strict=True) if not shown
                        for number in (f.value, f.low, f.high) if number is not None)
        return [f for f, shown in zip(figures, in_display, strict=True)
                if not shown or not _restates(f, stated)]

    def _display_paragraphs(self) -> set[int]:
        """The paragraphs set as display, not prose: a caption ("Photo: ..."), or a short line
        with no closing full stop (a headline, a live blog entry's title "10:52 \u2014 ...")."""
        extents: dict[int, list[int]] = {}
        for sentence in self.sentences:
            extents.setdefault(sentence.paragraph, [sentence.start, sentence.end])[1] = sentence.end
        display = set()
        for paragraph, (start, end) in extents.items():
            if end - start > MAX_DISPLAY_LINE:
                continue
            line = self.work[start:end].rstrip()
            if _CAPTION.match(line) or _CLOSING_MARKS.sub("", line)[-1:] not in (".", "!", "?", ""):
                display.add(paragraph)
        return display

    def _after_fronted_of(self, start: int) -> bool:
        """Whether a clause at ``start`` follows a fronted whole: "Of the 900 recruits, a third ..."."""
        sentence_start = self._sentence_start(start)
        return _FRONTED_OF.match(self.work, sentence_start) is not None and \
            self.work.endswith(", ", sentence_start, start)

    def _fact_line_label(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """What a line of a fact box counts, named after a colon or a dash ("About 1,200: soldiers
        still missing", "38 \u2014 prisoners held"): the line holds the number, its hedge and the label."""
        label = _FACT_LINE_LABEL.match(self.work, end)
        h_start, _ = self._hedge_before(start)
        if label is None or not opens_line(self.work, h_start):
            return [], []
        return _metric_after(self.work, label.end())

    def _in_notice(self, index: int) -> bool:
        """Whether ``index`` is in an editor's notice ("Correction: An earlier version ..."), whose
        numbers correct the copy, not claim anything, or in a running total a later one replaces."""
        if not self.notices and not self.superseded:
            return False
        number = sentence_of(self.sentences, index)
        return self.sentences[number].paragraph in self.notices or number in self.superseded

    def _in_news(self, index: int) -> bool:
        return bool(self.sentences) and self.news[sentence_of(self.sentences, index)]

    def _number_matches(self) -> Iterator[re.Match[str]]:
        """The matches of _NUMBER_RE in news sentences, in text order."""
        for numbers in self.numbers:
            yield from numbers or ()

    def _sentence_start(self, index: int) -> int:
        return self.sentences[sentence_of(self.sentences, index)].start if self.sentences else 0

    def _elliptical(self, start: int, in_paragraph: bool = False) -> tuple[list[str], str] | None:
        """A number with no noun of its own takes the quantity before it in the sentence
        ("254,380 soldiers, including 620"), or ``in_paragraph`` for a part of an earlier count
        or an elided verb ("75 of them", "his office believed 45 had"); after a duration it is
        a duration ("up from two")."""
        low = self.paragraph_starts[sentence_of(self.sentences, start)] if in_paragraph \
            else self._sentence_start(start)
        figures, ends, durations = self.figures, self.ends, self.durations
        at = bisect.bisect_right(ends, (start, len(figures) + 1))
        previous = figures[ends[at - 1][1]] if at and ends[at - 1][0] >= low else None
        duration_at = bisect.bisect_right(durations, start)
        last_duration = durations[duration_at - 1] if duration_at and durations[duration_at - 1] >= low else None
        if last_duration is not None and (previous is None or previous.end < last_duration):
            return [], "duration"
        if previous is not None and previous.kind in ("number", "range", "vague"):
            return previous.metric.split(), previous.unit
        return None

    def _them_named_before(self, start: int, end: int) -> list[str]:
        """What "N of them" counts when no figure before it in the paragraph says: the last plural
        of people or countable things earlier in its sentence ("most of the soldiers it sent,
        leaving 3,000 of them")."""
        if not _OF_THEM_AFTER.match(self.work, end):
            return []
        nouns = _PLURAL_NOUN.findall(self.work, self._sentence_start(start), start)
        return nouns[-1:]

    def _count_named_before(self, start: int) -> bool:
        """Whether the sentence before ``start`` names something counted ("the toll rose to")."""
        low = max(self._sentence_start(start), start - 160)
        return _COUNTED_WORD.search(self.work, low, start) is not None

    def _free(self, start: int, end: int) -> bool:
        return not any(self.occupied[start:end])

    def _add(self, figure: Figure) -> None:
        """Propose ``figure`` unless its number is one the store could not hold (a 400-digit
        number is not finite as a float); its words are taken either way."""
        self.occupied[figure.start:figure.end] = b"\x01" * (figure.end - figure.start)
        numbers = (figure.value, figure.low, figure.high)
        if any(number is not None and value_problem(number, figure.unit) for number in numbers):
            return
        self.figures.append(figure)
        bisect.insort(self.ends, (figure.end, len(self.figures) - 1))

    def _hedge_before(self, start: int, pattern: re.Pattern[str] = _HEDGE_BEFORE) -> tuple[int, str | None]:
        window = self.work[max(0, start - 40):start]
        match = pattern.search(window, max(0, len(window.rstrip()) - _LONGEST_HEDGE))
        if match:
            return start - len(window) + match.start(1), match.group(1)
        return start, None

    def scan_formations(self) -> None:
        """A unit word as the quantity after a hedge: "up to a battalion"."""
        work = self.work
        for match in anchored_matches(_FORMATION_RE, _FORMATION_ANCHOR, work):
            if not self._in_news(match.start()):
                continue
            h_start, hedge = self._hedge_before(match.start())
            if hedge is None or not self._free(h_start, match.end()):
                continue
            bound = HEDGE_BOUNDS[" ".join(hedge.lower().split())]
            fields = bound_fields(bound, 1.0)
            noun, predicate = _metric_after(work, match.end())
            metric = " ".join([match.group(1).lower()] + (["of"] + noun if noun else []) + predicate)
            self._add(Figure(h_start, match.end(), **fields, bound=bound, hedge=hedge,
                             unit=FORMATION_WORDS[match.group(1).lower()], metric=metric, confidence=0.7,
                             kind="formation"))

    def scan_fractions(self) -> None:
        """Fractions: "nearly a third", "two-thirds", "roughly half", "one in five"."""
        work = self.work
        for match in cored_matches(_FRACTION_RE, _FRACTION_CORE, 1, work):
            if not self._in_news(match.start()):
                continue
            start, end = match.start(), match.end()
            if match.group("den"):
                denominator = FRACTION_DENOMINATORS[match.group("den").lower()]
                numerator_word = (match.group("num") or "").lower()
                numerator = 1 if numerator_word in ("a", "an", "") else NUMBER_WORDS.get(numerator_word, 1)
                value = numerator / denominator
            else:
                a, b = match.group("a").lower(), match.group("b").lower()
                a_value = float(a) if a.isdigit() else NUMBER_WORDS[a]
                b_value = float(b) if b.isdigit() else NUMBER_WORDS[b]
                if not b_value or a_value >= b_value:
                    continue
                value = a_value / b_value
            h_start, hedge = self._hedge_before(start)
            after = work[end:end + 6].lower()
            word_before = re.search(r"([A-Za-z]+)\s*$", work[max(0, start - 12):start])
            before_word = word_before.group(1).lower() if word_before else ""
            if match.group("den"):
                if not match.group("num") and match.group("den").lower() != "half":
                    continue
                if before_word in ("first", "second", "third", "fourth", "last", "other", "latter", "this", "that",
                                   "the", "each", "next", "past"):
                    continue
                half_of = match.group("den").lower() == "half" and re.match(r"\s+(?:the|its|their|his|her)\b", after)
                if _OTHER_FIGURE_AFTER.match(work, end):
                    continue     # "less than half the figure given by ...": a comparison of two figures
                if not (re.match(r"\s+of\b", after) or hedge or half_of or self._after_fronted_of(start)):
                    continue
            if not self._free(h_start, end):
                continue
            bound = HEDGE_BOUNDS[" ".join(hedge.lower().split())] if hedge else "approx"
            if bound not in ("at_least", "at_most"):
                bound = "approx"
            noun, predicate = _metric_after(work, end)
            sentence_rest = work[end:end + 200]
            main_predicate = re.search(r"\b(?:have|has|had|were|was|are|is)\s+(?:been\s+)?((?:\w+ed|killed|wounded|"
                                       r"injured|captured|lost|destroyed|taken|held|hit)(?:\s+(?:or|and)\s+\w+)?)",
                                       sentence_rest)
            fields = bound_fields(bound, value)
            # "three in four of the soldiers Sarkand sent were killed": a share of what befell them
            named = noun + (main_predicate.group(1).split() if main_predicate else predicate)
            self._add(Figure(h_start, end, **fields, bound=bound, hedge=hedge, unit="fraction",
                             metric=" ".join(named) or "share", confidence=0.75, kind="fraction",
                             base_words=content_words(noun + predicate),
                             predicate_words=content_words(main_predicate.group(1).split() if main_predicate else [])))

    def scan_vague(self) -> None:
        """Vague quantifiers: "several" before a countable noun; "dozens of", "several hundred"."""
        work = self.work
        for match in anchored_matches(_VAGUE_RE, _VAGUE_ANCHOR, work):
            if not self._in_news(match.start()):
                continue
            start, end = match.start(), match.end()
            if not self._free(start, end) or _a_difference(work, start):
                continue
            words = _next_words(work, end, 6)
            nouns = [w[2].lower() for w in words if w[2].lower() not in ("of", "the", "its", "their")]
            countable = next((w for w in nouns[:5] if w in COUNTABLE_NOUNS), None)
            phrase = " ".join(match.group().lower().split())
            if phrase in ("dozens", "hundreds", "thousands") and not (words and words[0][2].lower() == "more"):
                continue                       # bare "dozens" only as "dozens more"
            # "several hundred", "tens of thousands of": numbers, needing no countable noun ("several" does)
            numeric = any(w.rstrip("s") in SCALE_WORDS or w in ("dozens", "scores") for w in phrase.split())
            if numeric and nouns and nouns[0] in TIME_UNITS | {"times"}:
                continue
            if not numeric and (countable is None or any(w in VERBISH for w in nouns[:nouns.index(countable)])):
                continue
            bound = HEDGE_BOUNDS.get(phrase, "at_least")
            noun, predicate = _metric_after(work, end)
            self._add(Figure(start, end, None, float(VAGUE_QUANTITIES[phrase]), None, bound=bound, hedge=match.group(),
                             unit=_unit_for(noun, predicate, None),
                             metric=" ".join(noun + predicate) or countable or "count", confidence=0.55, kind="vague"))

    def scan_numbers(self) -> None:
        """Numbers, ranges and percentages, in digits or words."""
        work = self.work
        matches = self._number_matches()
        following = next(matches, None)
        used_until = -1
        stated: set[float] = set()        # the values of the single numbers proposed so far
        while following is not None:
            match, following = following, next(matches, None)
            start, end = match.start(), match.end()
            if start < used_until or not self._free(start, end):
                continue
            if _skip_number(work, start, end, match):
                continue
            number = _number_at(work, match)
            if number is None:
                continue
            value, special_unit = number
            is_word = match.group("words") is not None
            word_lower = (match.group("words") or "").lower()
            # a range: "between A and B", "A to B", "A-B", "two or three"
            second = None
            join = _RANGE_JOIN.match(work, end)
            if join and following is not None and following.start() == join.end():
                candidate = following
                if not _skip_number(work, candidate.start(), candidate.end(), candidate) \
                        and self._free(candidate.start(), candidate.end()):
                    second_number = _number_at(work, candidate)
                    if second_number is not None:
                        second = (candidate, second_number)
            r_start, r_hedge = self._hedge_before(start, _RANGE_HEDGE_BEFORE)
            if r_hedge and r_hedge.lower() == "from":
                change = re.search(r"([A-Za-z]+)\s+$", work[max(0, r_start - 20):r_start])
                if change and change.group(1).lower() in CHANGE_VERBS:
                    r_hedge = None
                    r_start = start
            if second is not None and join is not None:
                candidate, (high_value, high_unit) = second
                joiner = join.group(1).lower()
                ok = high_value > value
                if joiner == "and" and not r_hedge:
                    ok = False
                if joiner == "or" and not is_word:
                    ok = False
                if joiner in ("-", "\u2013", "\u2014") and is_word:
                    ok = False
                if ok and candidate.group("dscale") and not match.group("dscale") and not is_word \
                        and value < float(candidate.group("digits").replace(",", "")):
                    value *= SCALE_WORDS[candidate.group("dscale").lower()]
                if ok and _next_words(work, candidate.end(), 1) and \
                        _next_words(work, candidate.end(), 1)[0][2].lower() in TIME_UNITS:
                    used_until = candidate.end()
                    bisect.insort(self.durations, candidate.end())
                    continue          # "between six and eight hours": a duration
                if ok:
                    unit = special_unit or high_unit
                    h_start, hedge = (r_start, r_hedge) if r_hedge else self._hedge_before(start)
                    fig_end = candidate.end()
                    noun, predicate = _metric_after(work, fig_end)
                    if _counts_records(work, fig_end, noun):
                        used_until = fig_end
                        continue
                    if not noun and not predicate:
                        noun = _metric_before(work, h_start, self._sentence_start(h_start), start) or \
                            self._them_named_before(h_start, fig_end)
                    self._add(Figure(h_start, fig_end, None, value, high_value, bound="range", hedge=r_hedge or hedge,
                                     unit=unit or _unit_for(noun, predicate, None),
                                     metric=" ".join(noun + predicate) or "count",
                                     confidence=0.9 if not is_word else 0.75, kind="range"))
                    used_until = fig_end
                    continue
            # a single number
            if match.group("digits") and _SCORE_BEFORE.search(work, max(0, start - 2), start):
                continue         # the second of "a 7-2 vote", "a 50-50 chance": no range, a score
            if match.group("digits") and re.fullmatch(r"\d{4}", match.group("digits")) and not special_unit:
                noun_after = _next_words(work, end, 1)
                if not (noun_after and noun_after[0][2].lower() in COUNTABLE_NOUNS):
                    continue     # a year
            noun, predicate = _metric_after(work, end)
            if _counts_records(work, end, noun):
                continue
            if not noun and not predicate:
                noun, predicate = self._fact_line_label(start, end)
            next_word = _next_words(work, end, 1)
            part_of = _PART_OF_COUNT.match(work, end)
            if part_of is not None and part_of.group(1).lower() in TIME_UNITS:
                continue         # "on nine of the 16 days": a part of a duration
            if (noun and noun[0].lower() in TIME_UNITS) or (noun and noun[0].lower().startswith("year-old")) or \
                    (next_word and next_word[0][2].lower() in TIME_UNITS | {"times"}):     # "three times": how often
                bisect.insort(self.durations, end)
                continue
            h_start, hedge = self._hedge_before(start)
            if is_word and word_lower in ("one", "a", "an") and (
                    _OF_AFTER.match(work, end)
                    or not any(w.lower() in PEOPLE_NOUNS or w.lower() in FORMATION_WORDS for w in noun)):
                continue                     # "one" as a determiner; "one of the soldiers" is one of them
            if is_word and value < 20 and not hedge:      # "the two", "all ten", "these twelve": named before
                det = re.search(r"([A-Za-z']+)\s+$", work[max(0, start - 20):start])
                if det and (det.group(1).lower() in ("the", "these", "those", "its", "their", "his", "her", "our",
                                                      "both", "all", "every", "each", "first", "last", "next")
                            or det.group(1).endswith("'s")):
                    continue
            if _BACK_REFERENCE.search(work, max(0, h_start - 8), h_start) or self._in_notice(start) or \
                    _a_difference(work, h_start):
                continue         # "of those 11,000" counts nothing new; a correction notice restates
            if value in stated and not hedge and work.endswith("the ", max(0, start - 4), start):
                continue         # "44 percent of the 16,000 troops": the figure stated before, named again
            stated.add(value)
            inherited_unit = None
            if not noun and not predicate:
                noun = _metric_before(work, h_start, self._sentence_start(h_start), start)
                if not noun:
                    elided = _ELIDED_AFTER.match(work, end) is not None or \
                        _COUNTED_BEFORE.search(work, max(0, h_start - 14), h_start) is not None
                    inherited = self._elliptical(h_start, in_paragraph=elided)
                    if inherited is not None and inherited[1] == "duration":
                        continue
                    if inherited is not None:
                        noun, inherited_unit = inherited
                    elif self._them_named_before(h_start, end):
                        noun = self._them_named_before(h_start, end)
                    elif not special_unit and not self._count_named_before(start):
                        continue         # no noun names what is counted ("4", "52,000 higher")
            bound = HEDGE_BOUNDS[" ".join(hedge.lower().split())] if hedge else "exact"
            if bound == "range":
                bound = "exact"
            fields = bound_fields(bound, value)
            unit = special_unit or inherited_unit or _unit_for(noun, predicate, None)
            metric = " ".join(noun + predicate) or ("share" if unit == "percent" else "count")
            confidence = 0.85 if match.group("digits") else 0.7
            self._add(Figure(h_start, end, **fields, bound=bound, hedge=hedge, unit=unit, metric=metric,
                        confidence=confidence, kind="percent" if special_unit == "percent" else "number",
                        base_words=content_words(noun + predicate)))


def _restates(figure: Figure, stated: list[float]) -> bool:
    """Whether every number of ``figure`` is one of the sorted numbers ``stated``, or one of
    them rounded to the figure's last non-zero digit (14,300 is "14,000", 3,480 is "3,500")."""
    numbers = [number for number in (figure.value, figure.low, figure.high) if number is not None]
    for number in numbers:
        step = 1.0
        while number >= 10 * step and number % (10 * step) == 0:
            step *= 10
        half = step / 2 if number >= 10 and number == int(number) else 1e-9
        at = bisect.bisect_left(stated, number - half)
        if at == len(stated) or stated[at] >= number + half:
            return False
    return bool(numbers)


def _asks(work: str, sentence: Sentence) -> bool:
    """Whether the sentence is a question of the text's own ("Has Tessaly lost half of its fleet?"):
    it claims nothing (a question inside a quote ends with the quote mark)."""
    return work[sentence.start:sentence.end].rstrip().endswith("?")


def _numbers_by_sentence(work: str, sentences: list[Sentence]) -> list[list[re.Match[str]] | None]:
    """``_news_numbers`` of each sentence (None for a run-on piece or a question of the text's
    own). Where the next number can start is looked for in the rest of the text, not the
    sentence alone, and kept for the sentences before it: most sentences hold none, and are not
    searched again."""
    numbers: list[list[re.Match[str]] | None] = []
    next_start = -1
    for sentence in sentences:
        if sentence.run_on or _asks(work, sentence):
            numbers.append(None)
            continue
        if next_start < sentence.start:
            found = _NUMBER_START.search(work, sentence.start)
            next_start = found.start() if found is not None else len(work)
        numbers.append(_news_numbers(work, sentence, next_start) if next_start < sentence.end else [])
    return numbers


def _news_numbers(work: str, sentence: Sentence, first: int) -> list[re.Match[str]] | None:
    """The number matches of a sentence whose first place a number can start is ``first`` (none
    starts before it), None when there are more than MAX_NUMBERS."""
    # A sentence that ends in a mark (most do) ends no number's words: the anchor without the
    # words running to the end of the range holds at the same places, and reads no run to it.
    runs_to_end = _WORD_OR_SPACE.match(work, sentence.end - 1) is not None
    found = anchored_matches(_NUMBER_RE, _NUMBER_ANCHOR if runs_to_end else _NUMBER_START, work, first, sentence.end)
    numbers = list(itertools.islice(found, MAX_NUMBERS + 1))
    return numbers if len(numbers) <= MAX_NUMBERS else None


def bound_fields(bound: str, value: float) -> dict:
    if bound == "at_most":
        return {"value": None, "low": None, "high": value}
    if bound == "at_least":
        return {"value": None, "low": value, "high": None}
    return {"value": value, "low": None, "high": None}



BASE_DISTANCE = 20000   # a base figure stands in the same article: this far from its fraction at most


def find_bases(figures: list[Figure]) -> None:
    """A fraction "of the number of X" gets the base figure counting X, when there is one."""
    starts = [f.start for f in figures]
    for fraction in figures:
        if fraction.kind != "fraction" or not fraction.base_words:
            continue
        best = None
        near = figures[bisect.bisect_left(starts, fraction.start - BASE_DISTANCE):
                       bisect.bisect_right(starts, fraction.start + BASE_DISTANCE)]
        for candidate in near:
            if candidate is fraction or candidate.kind in ("fraction", "percent", "vague") \
                    or candidate.bound in ("at_least", "at_most") or candidate.unit == "fraction":
                continue
            words = candidate.base_words or content_words(candidate.metric.split())
            if fraction.predicate_words & words:
                continue
            score = len(words & fraction.base_words)
            if score < 2 or candidate.unit in CURRENCIES.values():
                continue
            rank = (score + (candidate.claimant is fraction.claimant), -abs(candidate.start - fraction.start))
            if best is None or rank > best[0]:
                best = (rank, candidate)
        if best is None and fraction.base_words & MONEY_WORDS:
            # "a third of the money": the nearest sum of money before it
            sums = [c for c in near if c.unit in CURRENCIES.values() and c.end <= fraction.start
                    and c.bound in ("exact", "approx", "range")]
            if sums:
                best = ((0, 0), sums[-1])
        if best is not None:
            fraction.base = f"{best[1].start}-{best[1].end}"
            fraction.bound = "fraction_of"



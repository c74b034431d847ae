"""Which metric of the store's vocabulary a figure counts: its quantity and its subject.

The vocabulary is plain data passed in (``Vocabulary``: the known metrics and the phrases
that name a quantity, listed from a store by ``db.metrics.list_metrics`` and
``db.metrics.quantity_words``). The quantity is read with ``db.metrics.quantity_of`` from
the figure's own words, then the rest of its clause after it, then before it. The subject
is a known metric's subject whose proper words ("Sarkandi", "North Korean") stand in the
figure's noun phrase or nearest it in its sentence, compared by word stem so that a
country and its adjective agree ("Sarkand" / "Sarkandi"); a figure whose clause names no side
continues the side of the figure before it. A share (a fraction or percentage) is a metric of
its own ("<subject>: share of <quantity>"). A known metric of that subject
and quantity gives the label; otherwise a new metric is proposed, with the known subject
or, when none fits, "<adjective> troops" read from the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from db.metrics import DEFAULT_WORDS, INCREMENTS, PARTS, metric_name, quantity_reader
from extract.actors import slug
from extract.lexicon import (
    CASUALTY_WORDS,
    CLAIM_OBJECTS,
    COUNTABLE_NOUNS,
    CURRENCIES,
    FACT_LINE_MARK,
    MONEY_NOUNS,
    MONEY_VERBS,
    MONTH_PATTERN,
    PAYMENT_WORDS,
    RECORD_NOUNS,
    SCALE_WORDS,
    STOP_CAPITALISED,
    TITLE_WORDS,
    WEEKDAY_PATTERN,
    word_set,
)
from extract.text import opens_line

# Nouns for people under arms: a figure counting any of them counts "troops".
TROOP_NOUNS = word_set("""soldiers soldier troops troop forces servicemen serviceman servicemembers personnel
fighters fighter men contingent units infantry force""")
SHARE_UNITS = ("fraction", "percent")     # a figure in these is a share of a quantity, not a count of it
STEM = 5                 # letters that make two proper words the same stem ("Sarkand" ~ "Sarkandi")
CLAUSE_REACH = 110       # how far from a figure its clause is read for quantity words
_CLAUSE_BREAK = re.compile(r"[;:()\u2014\u2013]|\s-\s|\.\s")
_AFTER_BREAK = re.compile(_CLAUSE_BREAK.pattern + "|,")
_LABEL_MARK = re.compile(FACT_LINE_MARK)
_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b")
_NOT_PROPER = re.compile(rf"(?:{WEEKDAY_PATTERN}|{MONTH_PATTERN.replace(chr(92) + '.', '')})\.?")
_EVERY_SIDE = re.compile(r"\b(?:both|all|each|either)\s+sides?\b")     # "on both sides": no one side's figure
_DEMONYM = re.compile(r"(?:an|ese|ish|i|ic)$")
_WORD = re.compile(r"[\w']+")
_LETTERS = re.compile(r"[A-Za-z]+")


class MetricLike(Protocol):
    """What the extractor reads of a known metric (``db.metrics.Metric`` has these)."""

    name: str
    subject: str
    quantity: str
    unit: str


@dataclass(frozen=True)
class Vocabulary:
    """The store's metric vocabulary, as data: known metrics and quantity phrases."""

    metrics: Sequence[MetricLike] = ()
    words: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_WORDS))

    @functools.cached_property
    def read_quantity(self) -> Callable[[str], str | None]:
        """``db.metrics.quantity_of`` with these words."""
        return quantity_reader(self.words)


@dataclass(frozen=True)
class MetricChoice:
    name: str
    subject: str
    quantity: str
    known: bool
    side: str = ""          # the stem of the side its clause names ("sarka"), which the next figure may continue


def _stem(word: str) -> str:
    return word.casefold().removesuffix("'s")[:STEM]


def proper_words(text: str) -> list[tuple[int, str]]:
    """Capitalised words that may name a side (not titles, months or sentence fillers), with offsets."""
    found = []
    for match in _PROPER.finditer(text):
        word = _side_word(match.group())
        if word is not None:
            found.append((match.start(), word))
    return found


@functools.lru_cache(maxsize=4096)      # asked of every capitalised word of the text: the same names again and again
def _side_word(word: str) -> str | None:
    """A capitalised word less its "'s", unless it is a title, a month or a sentence filler."""
    lower = word.casefold().removesuffix("'s")
    if lower in STOP_CAPITALISED or lower in TITLE_WORDS or _NOT_PROPER.fullmatch(word):
        return None
    return word.removesuffix("'s")


def side_named(text: str, adjectives: Mapping[str, str]) -> str:
    """The stem of the first side ``text`` names ("sarka" in a headline on "Sarkand's war"), or ""."""
    return next((_stem(word) for _, word in proper_words(text) if _stem(word) in adjectives), "")


def _subject_stems(subject: str) -> set[str]:
    return {_stem(word) for _, word in proper_words(subject)}


# "Of whom killed: about 5,100", "- Kalvarian soldiers missing: 3,310": a line's label and its colon, then the number
_LINE_LABEL = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[-\u2022*][ \t]+)?(?P<label>[A-Z][^\n:;]{0,80}):[ \t]*\Z")


def _clause(text: str, start: int, end: int, low: int, high: int) -> tuple[str, str]:
    """The words of a figure's clause before it and after it (within ``low``..``high``)."""
    before = text[max(low, start - CLAUSE_REACH):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    after = text[end:min(high, end + CLAUSE_REACH)]
    label = _LABEL_MARK.match(after) if opens_line(text, start) else None
    if label:
        after = after[label.end():]         # a fact box line, "38: prisoners held": its label is its clause
    stop = _AFTER_BREAK.search(after)       # after the figure a comma ends its clause too
    if stop:
        after = after[:stop.start()]
    return before, after


def quantity_near(own_words: str, before: str, after: str, read_quantity: Callable[[str], str | None]) -> str | None:
    """The quantity the figure's own words name, else the verb just before it ("lost up to a
    battalion"), else its clause after it, else the rest before it; a count of soldiers
    naming none is their strength (deployed). An increment just before it ("a further 3,000
    soldiers were sent") counts the increment, not the whole it adds to."""
    just_before = " ".join(_WORD.findall(before)[-3:])
    increment = read_quantity(just_before)      # read once: the second place looked at, and the increment
    quantity = read_quantity(own_words)
    if quantity is None:
        quantity = increment if increment is not None else \
            next((found for text in (after, before) if (found := read_quantity(text)) is not None), None)
    if quantity is None and {word.casefold() for word in _LETTERS.findall(own_words)} & TROOP_NOUNS:
        quantity = "deployed"
    if increment is not None and INCREMENTS.get(increment) == quantity:
        return increment
    return quantity


def adjectives_of(text: str) -> dict[str, str]:
    """The proper adjectives of a text by stem ("sarka" -> "Sarkandi"): how its sides are named."""
    found: dict[str, str] = {}
    for _, word in proper_words(text):
        if _DEMONYM.search(word):
            found.setdefault(_stem(word), word)
    return found


def choose_metric(vocabulary: Vocabulary, text: str, *, own_words: str, span: tuple[int, int],
                  clause: tuple[int, int], sentence: tuple[int, int],
                  adjectives: Mapping[str, str], share: bool = False, side_before: str = "") -> MetricChoice | None:
    """The metric of the figure at ``span`` of ``text``, whose words are ``own_words``, read
    within ``clause`` (its sentence cut at the figures next to it) and ``sentence``; None when
    the words name no quantity or no side. ``adjectives`` (from ``adjectives_of``) tell a
    side ("Sarkand", "Sarkandi") from a place ("Vellin"). A figure whose clause names no side
    continues ``side_before``, the side of the figure before it ("as many as 6,500 had been
    killed"); a ``share`` (a fraction or percentage) is a metric of its own, not the count's."""
    start, end = span
    before, after = _clause(text, start, end, *clause)
    quantity = quantity_near(own_words, before, after, vocabulary.read_quantity)
    labelled = _LINE_LABEL.search(text, max(clause[0], start - CLAUSE_REACH), start) if quantity is None else None
    if labelled:
        # a fact line's label before its number says what it counts ("- Killed: about 6,000"); one naming
        # its source ("- Kinfold International: 300 killed") is read only when the number's words name nothing
        before = text[labelled.start("label"):start]
        quantity = quantity_near(own_words, before, after, vocabulary.read_quantity)
    if quantity is None:
        return None
    # the side: a proper word of the figure's own noun phrase, else the nearest in its clause,
    # before it first ("Sarkand has sent 11,000 soldiers to fight alongside Drovenian forces"),
    # else the nearest in its sentence
    in_sentence = sorted(proper_words(text[sentence[0]:sentence[1]]),
                         key=lambda item: abs(item[0] + sentence[0] - start))
    places = _places(text, sentence)
    in_clause = [word for _, word in proper_words(own_words)] + \
        [word for at, word in reversed(proper_words(before)) if start - len(before) + at not in places] + \
        [word for at, word in proper_words(after) if end + at not in places]
    candidates = in_clause + [word for at, word in in_sentence if sentence[0] + at not in places]
    continued = [side_before] if side_before and not _EVERY_SIDE.search(f"{before} {own_words} {after}") else []
    sides = [_stem(word) for word in in_clause if _stem(word) in adjectives] + continued \
        + [_stem(word) for word in candidates if _stem(word) in adjectives]
    if not sides:
        return None
    side, others = sides[0], {_stem(word) for word in candidates}
    # only a side the figure's clause names (or continues) carries on: one read further off may be wrong
    carried = side if side in continued or any(_stem(word) == side for word in in_clause) else ""
    fitting = [subject for subject in dict.fromkeys(metric.subject for metric in vocabulary.metrics)
               if side in _subject_stems(subject)]
    subject = max(fitting, key=lambda subject: len(_subject_stems(subject) & others)) if fitting \
        else f"{adjectives[side]} troops"
    for metric in vocabulary.metrics:
        if metric.subject == subject and metric.quantity == quantity and (metric.unit in SHARE_UNITS) == share:
            return MetricChoice(metric.name, subject, quantity, known=True, side=carried)
    name = metric_name(subject, quantity)
    if share:
        name = name.replace(": ", ": share of ", 1)
    return MetricChoice(name, subject, quantity, known=False, side=carried)


def money_metric(vocabulary: Vocabulary, text: str, *, own_words: str, unit: str, span: tuple[int, int],
                 sentence: tuple[int, int], adjectives: Mapping[str, str],
                 side_before: str = "") -> MetricChoice | None:
    """The metric of a sum of money, "<side> <what it is>: value" ("Sarkandi budget: value"): what it
    is from the nearest word of its sentence before it naming a sum (a noun first, then a verb:
    "spent"), else after it; its side from the nearest side its sentence names, else ``side_before``;
    None when it is no sum or its sentence says neither."""
    start, end = span
    if unit not in CURRENCIES.values() and not _money(text, span, sentence, _WORD.findall(own_words)):
        return None
    kinds = []
    for word in _WORD.finditer(text, *sentence):
        lower = word.group().casefold()
        kind = MONEY_NOUNS.get(lower) or MONEY_VERBS.get(lower)
        if kind is not None and not start <= word.start() < end:
            after = word.start() >= end
            kinds.append(((after, lower not in MONEY_NOUNS, word.start() - end if after else start - word.end()),
                          kind))
    sides = sorted((abs(at + sentence[0] - start), _stem(word))
                   for at, word in proper_words(text[sentence[0]:sentence[1]]) if _stem(word) in adjectives)
    side = sides[0][1] if sides else side_before
    if not kinds or not side:
        return None
    subject = f"{adjectives[side]} {min(kinds)[1]}"
    name = metric_name(subject, "value")
    return MetricChoice(name, subject, "value", known=any(metric.name == name for metric in vocabulary.metrics))


def _money(text: str, span: tuple[int, int], sentence: tuple[int, int], own: list[str]) -> bool:
    """A number of an unknown currency: a noun no list knows, in a sentence about paying or
    spending ("900,000 thalers", "11.1 trillion kurals")."""
    counted = own[0].casefold() if own else ""
    if counted in COUNTABLE_NOUNS or counted in CASUALTY_WORDS or counted in CLAIM_OBJECTS or counted in RECORD_NOUNS \
            or not counted.isalpha():
        return False
    if any(word in SCALE_WORDS and SCALE_WORDS[word] >= 10 ** 6 for word in text[span[0]:span[1]].casefold().split()):
        return True
    return bool(PAYMENT_WORDS.intersection(word.casefold() for word in _WORD.findall(text, *sentence)))


# "near Malyi Brid", "sent to Drovenia", "in Drovenian captivity": where, not whose (unless troops
# follow: "in Sarkandi units"); "held by Drovenia": by whom, "to fight for Drovenia": for whom, not whose
_PLACE_AFTER = re.compile(r"\b(?:near|in|into|to|at|outside|across|towards?|with|by"
                          r"|(?:fight|fights|fighting|fought)\s+for)\s+([A-Z][a-z]+(?:[-'][A-Za-z]+)*)\b(?!['\u2019]s)"
                          r"(?!\s+(?:" + "|".join(sorted(TROOP_NOUNS)) + r")\b)")


def _places(text: str, sentence: tuple[int, int]) -> set[int]:
    """Where the proper words of a sentence that stand as places after a preposition begin."""
    return {match.start(1) for match in _PLACE_AFTER.finditer(text, *sentence)}


def metric_records(choices: Sequence[MetricChoice], units: Sequence[str], vocabulary: Vocabulary) -> list[dict]:
    """The document's ``metrics`` section: each new metric once, with its whole when that is new too."""
    records: dict[str, dict] = {}
    known = {metric.name for metric in vocabulary.metrics}
    for choice, unit in zip(choices, units, strict=True):
        if choice.known or choice.name in known or choice.name in records:
            continue
        records[choice.name] = {"id": slug(choice.name), "name": choice.name, "subject": choice.subject,
                                "quantity": choice.quantity, "unit": unit, "parent": None}
    for record in records.values():
        whole = PARTS.get(record["quantity"]) if record["unit"] not in SHARE_UNITS else None
        whole_name = metric_name(record["subject"], whole) if whole else None
        if whole_name in records:
            record["parent"] = records[whole_name]["id"]
    return list(records.values())

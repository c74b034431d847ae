"""The text as the rules see it: tokens, paragraphs, quotation marks and sentences.

The extractor works on ``work`` (the text with a few characters swapped for easier ones of
the same length) and ``masked`` (``work`` with every quote's marks and words replaced, so
that the rules never read inside a quote); offsets are the same in all three.
"""

from __future__ import annotations

import bisect
import gc
import operator
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extract.lexicon import ABBREVIATIONS, SENTENCE_STARTERS

if TYPE_CHECKING:
    from extract.actors import Entity
    from extract.attribution import Attribution

# Characters that keep their length but are easier to match: curly apostrophes become
# straight ones, other controls and line separators become spaces / newlines.
WORK_TABLE = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u00a0"): " ", ord("\r"): "\n",
              ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\u2010"): "-", ord("\u2011"): "-"}
WORK_TABLE.update({code: " " for code in range(32) if chr(code) not in "\n"})
WORK_TABLE.update({0x7f: " "})

MASK_OPEN, MASK_FILL, MASK_CLOSE = "\x02", "\x01", "\x03"
# a letter, then word characters with full stops between letters ("U.S"), and a full stop after:
# written as runs of word characters between the stops (each run one loop of the engine, where a
# choice per character cost it a step and a saved state each)
_WORD = r"[^\W\d_][\w'&-]*(?:\.(?=[^\W\d_])[\w'&-]*)*\.?"
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_TOKEN = re.compile(rf"{_WORD}|{_NUMBER.pattern}")
_WORD_TOKEN = re.compile(_WORD)


@dataclass(slots=True, init=False)
class Token:
    start: int
    end: int
    text: str
    lower: str = field(repr=False, compare=False)   # read many times per token: computed once

    def __init__(self, start: int, end: int, text: str) -> None:
        # one call per token, not two (``__post_init__``): a text has a token every few characters
        self.start, self.end, self.text = start, end, text
        lower = text.lower()
        self.lower = text if lower == text else lower    # most words: one string, not two

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "s'"))


def word_tokens(text: str, start: int, end: int, *, numbers: bool = True) -> list[Token]:
    """Word tokens of ``text[start:end]`` (without numbers in digits unless ``numbers``); a
    trailing period stays only on abbreviations."""
    tokens: list[Token] = []
    append = tokens.append
    for match in (_TOKEN if numbers else _WORD_TOKEN).finditer(text, start, end):
        word = match.group()
        word_start, word_end = match.span()
        if word[-1] == "." and word_end - word_start > 1:
            body = word[:-1]
            if not ("." in body or body.lower() in ABBREVIATIONS or (len(body) == 1 and body.isupper())):
                word, word_end = body, word_end - 1
        append(Token(word_start, word_end, word))
    return tokens


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (then as it was; also as a decorator). Extraction
    makes objects per word, quote and record, and the collector's passes, which allocations alone
    set off, walk all those still held to find no cycle: 10-20% of the time on long texts."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fast_anchor(first: str, where: str) -> re.Pattern[str]:
    """An anchor for ``anchored_matches``: a character of the class ``first`` at which the
    zero-width ``where`` holds. Opening with a class lets the engine skip every other character
    at full speed; ``first`` must hold every character at which ``where`` can hold."""
    return re.compile(rf"[{first}](?<=(?:{where}).)", re.S)


def pattern_anchor(first: str, pattern: re.Pattern[str], where: str = "") -> re.Pattern[str]:
    """An anchor for ``anchored_matches`` that holds exactly where ``pattern`` matches: the
    pattern as a lookahead at a character of the class ``first`` (which must hold every
    character a match can start with), after the zero-width ``where`` (a quicker test that must
    hold wherever the pattern matches). The engine skips other characters at full speed and
    rejects the rest without a return to Python per place. It holds where a match lies within
    the range searched: for ``anchored_matches``, whose matches may run past its end, only a
    search to the end of the text."""
    return re.compile(rf"[{first}](?<=(?:{where})(?=(?:{pattern.pattern}))[\s\S])", pattern.flags)


def anchored_matches(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, start: int = 0,
                     end: int | None = None) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds starting in ``start``..``end``, with ``pattern`` tried
    only where ``anchor`` matches (see ``fast_anchor``) and right after each match: a pattern that opens
    with optional words costs the engine a try at every character, and most texts have few
    places where such a pattern can start. ``anchor`` must match wherever ``pattern`` can."""
    end = len(text) if end is None else end
    at = start
    while at < end:
        match = None
        hit = anchor.search(text, at, end)
        if hit is not None:
            match = pattern.match(text, hit.start())
            at = hit.start() + 1
        if match is None:
            if hit is None:
                return
            continue
        yield match
        at = max(at, match.end())
        while at < end and (match := pattern.match(text, at)) is not None and match.end() > at:
            yield match
            at = match.end()


def word_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, the longest that fits first (as their alternation
    longest first), written as a tree of their shared beginnings: the engine tries each letter
    once at a place, not each word."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        going_on = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not going_on:
            return ""
        pattern = going_on[0] if len(going_on) == 1 else f"(?:{'|'.join(going_on)})"
        return f"(?:{pattern})?" if "" in node else pattern

    return branch(tree)


def cored_matches(pattern: re.Pattern[str], core: re.Pattern[str], reach: int, text: str) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern each of whose matches holds a match of
    ``core`` starting at most ``reach`` words after its own start (words of letters and digits,
    each followed by spaces, commas or dashes). ``pattern`` is tried only there: from the start of the
    ``reach``-th word before each place ``core`` matches to that place. Optional words that open
    a pattern ("on", "in the") occur at most places of a text; its core (a month's name) is rare."""
    spans = sorted((_reach_back(text, hit.start(), reach), hit.start() + 1) for hit in core.finditer(text))
    at = 0
    for low, high in spans:
        start = max(low, at)
        while start < high:
            match = pattern.match(text, start)
            if match is None:
                start += 1
                continue
            yield match
            start = at = max(match.end(), start + 1)
        at = max(at, high)


def _reach_back(text: str, at: int, reach: int) -> int:
    """The start of the ``reach``-th word before ``at`` that only spaces, commas or dashes follow
    (as far back as there are such words)."""
    for _ in range(reach):
        word_end = at
        while word_end and (text[word_end - 1].isspace() or text[word_end - 1] in ",-\u2013"):
            word_end -= 1
        word_start = word_end
        while word_start and text[word_start - 1].isalnum():
            word_start -= 1
        if word_end == at or word_start == word_end:
            break
        at = word_start
    return at


def only_spaces(text: str, start: int, end: int) -> bool:
    return start <= end and not text[start:end].strip(" \t")


def opens_line(text: str, index: int) -> bool:
    """Whether only spaces stand between the start of ``index``'s line and ``index``: read back over
    those spaces alone, where a slice from the line's start cost a long line's length per question."""
    at = index - 1
    while at >= 0 and text[at] != "\n" and text[at].isspace():
        at -= 1
    return at < 0 or text[at] == "\n"


@dataclass(slots=True)       # one per quote: no dict each
class Quote:
    start: int           # the words inside the marks
    end: int
    open_mark: int
    close_mark: int | None   # None: runs on into the next paragraph
    paragraph: int
    chain: int = -1      # index of the first quote of a run-on chain
    sentence: int = -1
    speaker: Entity | None = None
    confidence: float = 0.0
    attribution: Attribution | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    run_on: bool = False     # a piece of a longer stretch without a sentence end (see MAX_SENTENCE)


class TextTokens:
    """The word tokens of a whole text (``word_tokens`` without numbers), so that each rule reads
    those of its range without tokenising the text again."""

    def __init__(self, text: str):
        self.text = text
        self.words = word_tokens(text, 0, len(text), numbers=False)
        self.starts = [token.start for token in self.words]

    def of(self, sentence: Sentence) -> tuple[list[Token], list[int]]:
        """``word_tokens`` of a sentence, and where each starts: the words of the whole text within
        it (a token never runs over a sentence end, which spaces follow) and, when it holds a digit,
        its numbers between them; a run-on piece, which may be cut inside a word, is tokenised again."""
        start, end = sentence.start, sentence.end
        if sentence.run_on:
            tokens = word_tokens(self.text, start, end)
        else:
            low, high = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
            if not _DIGIT.search(self.text, start, end):
                return self.words[low:high], self.starts[low:high]      # most sentences: two slices
            words = self.words[low:high]
            tokens = sorted(words + self._numbers(words, start, end), key=_START)
        return tokens, [token.start for token in tokens]

    def _numbers(self, words: list[Token], start: int, end: int) -> list[Token]:
        """The number tokens of ``text[start:end]``, whose ``words`` are given: digits within a word
        are the word's (as when ``word_tokens`` reads the words and numbers in one pass)."""
        numbers = []
        at = start
        while (match := _NUMBER.search(self.text, at, end)) is not None:
            word = bisect.bisect_right(words, match.start(), key=_START) - 1
            if word >= 0 and match.start() < words[word].end:
                at = words[word].end        # a word's digits ("A12"): read on after the word
                continue
            numbers.append(Token(match.start(), match.end(), match.group()))
            at = match.end()
        return numbers


_DIGIT = re.compile(r"\d")
_START = operator.attrgetter("start")


# --- paragraphs and quotes ---------------------------------------------------------------------

def find_paragraphs(work: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", work) if m.group().strip()]


# Single quotation marks (British style) are told from apostrophes by where they stand: one
# opens after the start, a space, a bracket or a dash and before a letter; one closes after a
# word or punctuation and before a space, punctuation or the end. "don't", "Sarkand's" (a
# letter on both sides), "the '90s" (a digit after) and "soldiers' pay" (an s before, a
# lowercase word after) are apostrophes.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013-]))'(?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'])'(?=$|[\s,.;:!?)\]\u2014\u2013-])")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)' [a-z]")


def single_quotes(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) pairs of single quotation marks in ``work[start:end]``."""
    pairs: list[tuple[int, int]] = []
    at = start
    while True:
        opening = _SINGLE_OPEN.search(work, at, end)
        if opening is None:
            return pairs
        closing = next((match for match in _SINGLE_CLOSE.finditer(work, opening.end(), end)
                        if not _PLURAL_POSSESSIVE.match(work, match.start(), end)), None)
        if closing is None:
            return pairs
        pairs.append((opening.start(), closing.start()))
        at = closing.end()


def find_quotes(work: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    pending_chain: int | None = None   # quote index waiting for its continuation
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        first_in_paragraph = True
        if not _DOUBLE_MARK.search(work, p_start, p_end):
            for open_mark, close_mark in single_quotes(work, p_start, p_end):
                start, end = trim_spaces(work, open_mark + 1, close_mark)
                if start < end:
                    quotes.append(Quote(start, end, open_mark, close_mark, number, chain=len(quotes)))
            pending_chain = None
            continue
        # Marks are read a run of one kind at a time. Of a run of opening marks the last opens
        # (each opens, or opens again a quote never closed). A closing or straight mark closes an
        # open quote; outside one, two in a row open (a mark follows the first, not a space) and
        # close an empty quote, which is none: of such a run only the last of an odd count is read.
        for run in _MARK_RUN.finditer(work, p_start, p_end):
            index, last = run.start(), run.end() - 1
            if work[index] in "\u201c\u201e":
                open_at = last
                continue
            if open_at is not None:
                start, end = trim_spaces(work, open_at + 1, index)
                if start < end:
                    quote = Quote(start, end, open_at, index, number)
                    if pending_chain is not None and first_in_paragraph and \
                            _starts_paragraph(work, p_start, open_at):
                        quote.chain = quotes[pending_chain].chain
                    quotes.append(quote)
                    if quote.chain < 0:
                        quote.chain = len(quotes) - 1
                    first_in_paragraph = False
                open_at = None
                index += 1
            # the last of an odd count opens a quote when no space follows it
            if index <= last and (last - index) % 2 == 0 and last + 1 < p_end and not work[last + 1].isspace():
                open_at = last
        continued = pending_chain is not None
        pending_chain = None
        if open_at is not None:
            next_opens = False
            if number + 1 < len(paragraphs):
                first = skip_spaces(work, paragraphs[number + 1][0])
                next_opens = work[first:first + 1] in ('"', "\u201c", "\u201e")
            start, end = trim_spaces(work, open_at + 1, p_end)
            if next_opens and start < end:
                quote = Quote(start, end, open_at, None, number)
                if continued and first_in_paragraph and _starts_paragraph(work, p_start, open_at):
                    quote.chain = quotes[-1].chain
                quotes.append(quote)
                if quote.chain < 0:
                    quote.chain = len(quotes) - 1
                pending_chain = len(quotes) - 1
    return quotes


_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e]')
# a run of opening marks, or of closing and straight ones: one class first, so that the engine
# skips the text between marks at full speed (two alternatives made it try each character)
_MARK_RUN = re.compile('[\u201c\u201e"\u201d](?:(?<=[\u201c\u201e])[\u201c\u201e]*|(?<=["\u201d])["\u201d]*)')


def _starts_paragraph(work: str, p_start: int, index: int) -> bool:
    return not work[p_start:index].strip()


def trim_spaces(work: str, start: int, end: int) -> tuple[int, int]:
    if start < end and not work[start].isspace() and not work[end - 1].isspace():
        return start, end           # most quotes: nothing to trim, no copy of their words
    inner = work[start:end]
    words = inner.lstrip()
    start += len(inner) - len(words)
    return start, start + len(words.rstrip())


def mask_quotes(work: str, quotes: list[Quote], paragraphs: list[tuple[int, int]]) -> str:
    """The text with each quote's marks and words replaced, offsets unchanged (``quotes`` come
    in text order and do not overlap). Built from slices: a list of the text's characters
    would hold an object per character outside Latin-1."""
    pieces, done = [], 0
    for quote in quotes:
        stop = quote.close_mark if quote.close_mark is not None else paragraphs[quote.paragraph][1]
        pieces += [work[done:quote.open_mark], MASK_OPEN, MASK_FILL * (stop - quote.open_mark - 1)]
        done = stop
        if quote.close_mark is not None:
            pieces.append(MASK_CLOSE)
            done += 1
    pieces.append(work[done:])
    return "".join(pieces)


# --- sentences ---------------------------------------------------------------------------------

# A run of . ! ? (or a quote's closing mark), closing brackets or marks, spaces, then what can
# open a sentence. A run is tried from its first mark only and nothing in it is given back:
# a shorter run is followed by another mark and cannot match, and trying it made a long run
# of dots quadratic. Its first character is one class (a quote's close, or a stop after none),
# so that the engine skips the text between stops at full speed.
_SENTENCE_END = re.compile(r"([.!?\x03](?:(?<=\x03)|(?<=[.!?])(?<![.!?][.!?])[.!?]*+))['\")\]]*+"
                           r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]++)?+\s++"     # a footnote marker
                           r"(?=[\x02'\"(\[\u201c]?[A-Z0-9\x02])")
# The longest sentence of the labelled articles is 431 characters. A stretch longer than this
# with no sentence end is no news sentence: it is cut into pieces (``run_on``), so that the work
# done per sentence (attribution, metrics) stays bounded however long a line is.
MAX_SENTENCE = 2000


def _word_before(masked: str, low: int, end: int) -> str:
    """The run of letters, digits and ``_ . ' -`` that ends at ``end`` (not before ``low``): a
    loop over its few characters, where a pattern ending in ``$`` was tried at each of ``low..end``."""
    start = end
    while start > low and (masked[start - 1].isalnum() or masked[start - 1] in "_.'-"):
        start -= 1
    return masked[start:end]


_WORD_AFTER = re.compile(r"[\x02'\"(\[]?([\w'-]+)")


def find_sentences(work: str, masked: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        start = p_start
        for match in _SENTENCE_END.finditer(masked, p_start, p_end):
            end_mark = match.start(1)
            if match.group(1) == MASK_CLOSE:
                # A quote that ends a sentence: its last word ends with . ! or ?
                if work[end_mark - 1:end_mark] not in (".", "!", "?"):
                    continue
            elif match.group(1) == ".":
                word = _word_before(masked, max(p_start, end_mark - 40), end_mark)
                if word:
                    body = word.lower()
                    if body in ABBREVIATIONS or (len(body) == 1 and body.isalpha()):
                        continue
                    if "." in body:
                        next_word = _WORD_AFTER.match(masked[match.end():min(p_end, match.end() + 40)])
                        if next_word is None or next_word.group(1) not in SENTENCE_STARTERS:
                            continue
            sentence_end = match.end(1)
            while masked[sentence_end:sentence_end + 1] in ("'", '"', ")", "]") and sentence_end < p_end:
                sentence_end += 1
            if sentence_end > start:
                _add_sentence(sentences, masked, start, sentence_end, number)
            start = match.end()
        if start < p_end:
            _add_sentence(sentences, masked, start, p_end, number)
    return sentences


def _add_sentence(sentences: list[Sentence], masked: str, start: int, end: int, paragraph: int) -> None:
    """The sentence ``start``..``end``; one longer than MAX_SENTENCE as run-on pieces of at most
    that length, each cut after its last space (else at the limit)."""
    if end - start <= MAX_SENTENCE:
        sentences.append(Sentence(start, end, paragraph))
        return
    while start < end:
        cut = min(end, start + MAX_SENTENCE)
        if cut < end:
            space = masked.rfind(" ", start + 1, cut)
            cut = space + 1 if space > start else cut
        sentences.append(Sentence(start, cut, paragraph, run_on=True))
        start = cut


def sentence_of(sentences: list[Sentence], position: int) -> int:
    """The sentence ``position`` stands in; between two, the next one (the last one after all)."""
    return max(0, min(bisect.bisect_right(sentences, position, key=_END), len(sentences) - 1))


_END = operator.attrgetter("end")


def sentences_of(sentences: list[Sentence], positions: list[int]) -> list[int]:
    """``sentence_of`` each of many positions."""
    ends, last = [sentence.end for sentence in sentences], len(sentences) - 1
    return [max(0, min(bisect.bisect_right(ends, position), last)) for position in positions]


def last_char(masked: str, index: int, low: int, skip: str = " \t") -> str:
    """The last character before ``index`` (not before ``low``) that is not in ``skip``."""
    while index > low and masked[index - 1] in skip:
        index -= 1
    return masked[index - 1] if index > low else ""


def skip_spaces(masked: str, index: int) -> int:
    while index < len(masked) and masked[index] in " \t":
        index += 1
    return index


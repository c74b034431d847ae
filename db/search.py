"""Search words matched against everything a claim's row shows: its text, its speaker or
claimant (by name or alias), its metric, and its source's headline and publisher.

How words combine: every word the user types must match somewhere in the row, each in any
of those fields ("zelensky casualties" finds Zelensky's casualty figures). A word is
matched as a literal prefix of a word, ignoring case and accents; a word with punctuation
inside ("well-known", "don't") matches its parts in a row, the last one a prefix, as
FTS5 matches a quoted phrase.

The text is searched with FTS5 (``claims_fts``), the headline and publisher with
``sources_fts``; actors and metrics are few even at a million claims, so each word is
first resolved against them here, in Python, into the pks and names it matches, and a
claim matches when its text does OR its speaker, source or metric is among those.

The words become SQL in one of three ways (``Search.clauses``): "rare" reads the claims
of the rarest word by pk and tests the other words on them; "common" walks the listing's
index and tests every word on each claim (``+`` stops SQLite from reading by pk);
"shared" tests every word too, reading each word's text matches from a table the query
materialised once (``Search.text_tables``), for a query that tests them in several places.
Where few claims are tested (a walk stopping at a page, a rare word's claims), a claim's
figure is looked up by pk for a metric word, and its text by rowid for a word whose terms were
read from the index's vocabulary, when that costs less than listing the word's matches first.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import string
import threading
import unicodedata
import weakref
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from db.paging import COMMON_MATCHES, PAGE_SIZE, Reader

TEXT_MATCHES = "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?"
_LISTED = "SELECT value FROM json_each(?)"  # the values of one JSON array parameter
_FIGURES_OF_METRICS = f"SELECT claim_pk FROM figures WHERE metric IN ({_LISTED})"
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: the words FTS5's unicode61 tokenizer sees
_SEPARATORS = re.compile(r"(?:[^\w\n]|_)+")  # what is between them (line breaks kept: they part texts)
CACHED_SEARCHES = 64
SEARCH_LIMIT = 1_000  # characters of a search that are read: more is a pasted text, not words to look for
# A claim's text tested by an FTS5 lookup of its rowid costs about as much as this many claims
# read into the list of a word's matches (measured at a million claims, CPU: 36-48 µs a lookup,
# 0.3 µs a listed match), so a query tests that way only when it tests few enough claims.
TEXT_LOOKUP_COST = 150
# A word's prefix is read as the terms it matches (for lookups by rowid, which a prefix query
# cannot make: it reads its whole list first) when it is at least this long and has at most
# this many terms; a shorter one would read the lists of too many.
TERM_PREFIX_LENGTH = 3
TERMS_READ = 8
TERMS_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.claims_fts_terms USING fts5vocab(main, claims_fts, row)"
T = TypeVar("T")


def search_words(user_text: str) -> list[str]:
    """The words typed (in the first ``SEARCH_LIMIT`` characters), each a whitespace-separated
    token with something searchable in it (a letter or digit), control characters dropped."""
    words = []
    for token in user_text[:SEARCH_LIMIT].split():
        cleaned = "".join(char for char in token if char.isprintable())
        if any(char.isalnum() for char in cleaned):
            words.append(cleaned)
    return words


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"*'


def fts_query(user_text: str) -> str | None:
    """An FTS5 query that matches every word typed, each as a literal prefix.

    Every word becomes a quoted string (``"`` doubled), so operators and punctuation typed
    by the user are searched for, never parsed. Returns None when nothing searchable is left.
    """
    return " ".join(_quoted(word) for word in search_words(user_text)) or None


# --- words as search compares them ------------------------------------------------------------

def _fold(char: str) -> str:
    """One character as search compares it: casefolded, accents removed (may be empty or longer)."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def word_keys(texts: list[str]) -> list[str]:
    """The words of each text folded, each word after one space: " north korean troops".
    (All texts in one pass: a store's every actor name and alias at once.)"""
    folded = "\n".join(text.casefold() if text.isascii() else "".join(map(_fold, text))
                       for text in (" ".join(text.splitlines()) for text in texts))
    return (" " + _SEPARATORS.sub(" ", folded).replace("\n", "\n ")).split("\n")


class Phrase:
    """One word as typed, as the sequence of words it holds ("well-known": well, known);
    it matches where those words follow each other, the last one a prefix."""

    def __init__(self, typed: str):
        words = word_keys([typed])[0].strip()
        self.needle = f" {words}" if words else ""

    def __bool__(self) -> bool:
        return bool(self.needle)

    def in_key(self, key: str) -> bool:
        """Whether the words of a key (see ``word_keys``) hold this phrase."""
        return self.needle in key

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in ``text`` the phrase matches: [start, end) of each match, the last word
        cut at the length typed (so "zel" marks "Zel" of "Zelensky")."""
        if not self.needle:
            return []
        folded, owner = _folded(text)
        return [(owner[match.start(1)], owner[match.end(1) - 1] + 1) for match in self._pattern.finditer(folded)]

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str]:
        """The words at the start of a word, apart by anything but letters and digits, the last a
        prefix; in a look-ahead, so that matches may overlap ("a a" twice in "a a a")."""
        words = r"[\W_]+".join(re.escape(word) for word in self.needle.split())
        return re.compile(r"(?<![^\W_])(?=(" + words + "))")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LOWER = {ord(char): char.lower() for char in string.ascii_uppercase}


def _folded(text: str) -> tuple[str, Sequence[int]]:
    """``text`` as search compares it (see ``_fold``), and the character of ``text`` each of
    its characters comes from. One translation of the whole text, and a map of the characters
    only where folding changed a length (a megabyte of text with a curly apostrophe took 1.2 s
    and 134 MB as a list of pairs per character; now 0.1 s)."""
    if text.isascii():
        return text.lower(), range(len(text))
    table: dict[int, str] = {ord(char): _fold(char) for char in set(_NON_ASCII.findall(text))}
    changed = "".join(chr(code) for code, part in table.items() if len(part) != 1)
    folded = text.translate(table | _ASCII_LOWER)
    if not changed:
        return folded, range(len(text))
    owner, previous = array("q"), 0
    for match in re.finditer(f"[{re.escape(changed)}]", text):
        owner.extend(range(previous, match.start()))
        owner.extend(itertools.repeat(match.start(), len(table[ord(match.group())])))
        previous = match.end()
    owner.extend(range(previous, len(text)))
    return folded, owner


def phrases(user_text: str) -> list[Phrase]:
    """Each word typed as a ``Phrase`` (what highlighting marks)."""
    return [phrase for phrase in map(Phrase, search_words(user_text)) if phrase]


# --- resolving the words against the small tables ----------------------------------------------

@dataclass(frozen=True)
class Word:
    """One search word and what it matches besides claims' text."""

    match: str                      # the FTS5 query for this word alone
    actor_pks: tuple[int, ...]      # speakers and claimants named by it (name or alias)
    source_pks: tuple[int, ...]     # sources whose headline or publisher holds it
    metrics: tuple[str, ...]        # metrics whose name holds it
    matches: int = 0                # the claims it matches, counted up to COMMON_MATCHES
    matches_besides_metrics: int = 0  # the same, by text, speaker and source alone
    # The terms of claims' text the word matches, when read from the index's vocabulary (an
    # ASCII word of one token: see _text_terms), and the claims holding each, summed.
    terms: tuple[str, ...] | None = None
    documents: int = 0

    @property
    def common(self) -> bool:
        return self.matches >= COMMON_MATCHES

    @property
    def names(self) -> int:
        """How many actors, sources and metrics the word names."""
        return len(self.actor_pks) + len(self.source_pks) + len(self.metrics)

    def _alternatives(self) -> list[tuple[str, str, Any]]:
        """For each field the word matches: the column of claims ``c`` tested, the SELECT of
        the values it is tested against, and that SELECT's one parameter."""
        found = [("c.pk", TEXT_MATCHES, self.match)]
        if self.actor_pks:
            found.append(("c.actor_pk", _LISTED, json.dumps(self.actor_pks)))
        if self.source_pks:
            found.append(("c.source_pk", _LISTED, json.dumps(self.source_pks)))
        if self.metrics:
            found.append(("c.pk", _FIGURES_OF_METRICS, json.dumps(self.metrics)))
        return found

    def test(self, text_table: str | None = None, *, few_tested: bool = False,
             text_looked_up: bool = False) -> tuple[str, list[Any]]:
        """A clause on claims ``c``, true when the word matches the claim, never read by index;
        the text's matches read from ``text_table`` when the query materialised them there.
        ``few_tested``: the query tests few claims (a walk that stops at a page, or a rare word's
        claims), so each one's figure is looked up by pk rather than every figure of the word's
        metrics listed first (measured at a million claims, CPU, the timeline's first page of
        'north korean': 76 -> 35 ms, of 'killed': 34 -> 8 ms). ``text_looked_up``: each claim's
        text too, by its rowid in the index, for the word's terms (``terms``), tested last."""
        tests, params = [], []
        for index, (column, values, param) in enumerate(self._alternatives()):
            if index == 0 and text_table:
                tests.append(f"+c.pk IN {text_table}")
                continue
            if index == 0 and text_looked_up:
                continue
            if values == _FIGURES_OF_METRICS and few_tested:
                tests.append(f"EXISTS (SELECT 1 FROM figures fm WHERE fm.claim_pk = c.pk AND fm.metric IN ({_LISTED}))")
            else:
                tests.append(f"+{column} IN ({values})")
            params.append(param)
        if text_looked_up:  # the word's terms, read (see _text_terms)
            tests.append("EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ? AND rowid = c.pk)")
            params.append(" OR ".join(f'"{term}"' for term in self.terms or ()))
        return f"({' OR '.join(tests)})", params

    def selects(self) -> list[tuple[str, Any]]:
        """For each field the word matches: a SELECT of the claims it matches there, and its parameter."""
        return [(values if column == "c.pk" else f"SELECT c.pk FROM claims c WHERE {column} IN ({values})", param)
                for column, values, param in self._alternatives()]

    def members(self) -> tuple[str, list[Any]]:
        """A SELECT of the pks of every claim the word matches."""
        selects = self.selects()
        return " UNION ".join(select for select, _ in selects), [param for _, param in selects]


@dataclass(frozen=True)
class Search:
    """The search words resolved against the store (see ``resolve``)."""

    words: tuple[Word, ...]
    claims: int = 0  # the store's claims (its highest pk): how large a share a word's matches are

    def strategy(self, *, ordered_by_metric: bool = False) -> str:
        """How a listing should apply the words: "common" (walk the listing's index) when
        every word matches many claims, else "rare" (read the rarest word's claims by pk).
        A listing ordered by metric reads by pk whenever a word names a metric: that
        metric's figures are contiguous in its order, and a walk would first pass every
        figure of the metrics before them (measured at a million claims, 'casualties':
        1,520 ms walking, 266 ms reading by pk, on a loaded machine)."""
        if ordered_by_metric and any(word.metrics for word in self.words):
            return "rare"
        return "common" if all(word.common for word in self.words) else "rare"

    def of_kind(self, kind: str | None) -> Search:
        """The words as a listing of claims of ``kind`` (None: any) applies them: only a
        figure has a metric, so quotes and events are matched by text, speaker and source
        alone, and a word is common for them by those (measured at a million claims, quotes
        of 'deployed', which names 6,232 figures' metrics and no quote: 230 -> ms)."""
        if kind in (None, "figure"):
            return self
        return replace(self, words=tuple(replace(word, metrics=(), matches=word.matches_besides_metrics)
                                         for word in self.words))

    def few_matches(self, strategy: str) -> bool:
        """Whether the "rare" clauses lead with a word of few claims (under COMMON_MATCHES), so
        reading its claims by pk is bounded whatever else the query holds."""
        return strategy == "rare" and min(word.matches for word in self.words) < COMMON_MATCHES

    def clauses(self, strategy: str) -> tuple[list[str], list[Any]]:
        """WHERE clauses on claims ``c``: "rare", "common" or "shared" (see the module's doc).
        A word whose text is looked up claim by claim (see ``_looks_up_text``) is tested last,
        on the claims every other word passed."""
        clauses: list[str] = []
        params: list[Any] = []
        tested = list(self.words)
        few_tested = strategy == "common" or self.few_matches(strategy)
        leading_matches = None
        if strategy == "rare":
            # Counts stop at COMMON_MATCHES: between words past it, the one naming the fewest
            # actors, sources and metrics (measured at a million claims, the Figures pane:
            # 'Tkachenko casualties' 4.4 s led by the speaker, 1.1 s by the metric word).
            leading = min(tested, key=lambda word: (word.matches, word.names))
            tested.remove(leading)
            select, params = leading.members()
            clauses.append(f"c.pk IN ({select})")
            leading_matches = leading.matches
        looked_up: list[tuple[str, list[Any]]] = []
        for index, word in enumerate(tested):
            by_lookup = self._looks_up_text(word, strategy, leading_matches)
            test = word.test(f"text_{index}" if strategy == "shared" else None, few_tested=few_tested,
                             text_looked_up=by_lookup)
            if by_lookup:
                looked_up.append(test)
            else:
                clauses.append(test[0])
                params += test[1]
        for clause, word_params in looked_up:
            clauses.append(clause)
            params += word_params
        return clauses, params

    def _looks_up_text(self, word: Word, strategy: str, leading_matches: int | None) -> bool:
        """Whether ``word``'s text is looked up claim by claim rather than its matches listed: when
        the lookups cost less (TEXT_LOOKUP_COST). A walk tests about a page's worth of the
        listing for each word's share of the claims; a rare word leads with its few claims."""
        if not word.terms:
            return False
        if strategy == "common":
            return word.documents * word.documents >= TEXT_LOOKUP_COST * PAGE_SIZE * self.claims
        return (strategy == "rare" and leading_matches is not None and leading_matches < COMMON_MATCHES
                and word.documents >= TEXT_LOOKUP_COST * leading_matches)

    def text_tables(self) -> tuple[str, list[Any]]:
        """The common tables the "shared" clauses read: each word's text matches, read once."""
        tables = ", ".join(f"text_{index} AS MATERIALIZED ({TEXT_MATCHES})" for index in range(len(self.words)))
        return tables, [word.match for word in self.words]

    def hits(self) -> tuple[str, list[Any]]:
        """A ``hits`` common table: every claim the words match, read from the rarest word's."""
        clauses, params = self.clauses("rare")
        return f"hits AS MATERIALIZED (SELECT c.pk FROM claims c WHERE {' AND '.join(clauses)})", params


class _Keys(Generic[T]):
    """Names' keys (see ``word_keys``) in one string, a line each, with what each one names: a
    phrase is found by ``str.find`` and each place mapped to its name by where the lines start.
    (Every actor name and alias of a store of a million claims, held by both readers: 4.4 MB as
    a tuple of pairs each, well under 1 MB as this.)"""

    def __init__(self, keys: Sequence[str], owners: Sequence[T]):
        self.text = "\n".join(keys)
        self.starts = array("q", itertools.accumulate((len(key) + 1 for key in keys[:-1]), initial=0))
        self.owners = owners

    def named_by(self, phrase: Phrase) -> list[T]:
        """What the keys holding ``phrase`` name, in their order, each once."""
        lines: dict[int, None] = {}
        at = self.text.find(phrase.needle)
        while at >= 0:
            lines[bisect.bisect_right(self.starts, at) - 1] = None
            at = self.text.find(phrase.needle, at + 1)
        return [self.owners[line] for line in sorted(lines)]


@dataclass(frozen=True)
class _Names:
    """Every actor name and alias (naming its actor's pk) and every metric name, as keys."""

    actors: _Keys[int]
    metrics: _Keys[str]


class _Cache:
    def __init__(self) -> None:
        self.version: int | None = None
        self.names: _Names | None = None
        self.claims = 0
        self.searches: dict[str, Search] = {}
        self.terms_table = False  # the connection's temp.claims_fts_terms was made


_caches: weakref.WeakKeyDictionary[Reader, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()

# Each metric name once, by one index seek per name rather than a walk of every figure.
_METRIC_NAMES = """WITH RECURSIVE names (name) AS (
    SELECT min(metric) FROM figures
    UNION ALL SELECT (SELECT min(metric) FROM figures WHERE metric > names.name) FROM names WHERE name IS NOT NULL)
    SELECT name FROM names WHERE name IS NOT NULL"""


def _read_names(reader: Reader) -> _Names:
    actors = reader.rows("SELECT pk, name FROM actors UNION ALL SELECT actor_pk, alias FROM actor_aliases")
    metrics = [name for (name,) in reader.rows(_METRIC_NAMES)]
    keys = word_keys([name for _, name in actors] + metrics)
    return _Names(actors=_Keys(keys[:len(actors)], array("q", (pk for pk, _ in actors))),
                  metrics=_Keys(keys[len(actors):], tuple(metrics)))


def _text_terms(reader: Reader, typed: str) -> list[tuple[str, int]] | None:
    """The terms of claims' text that ``typed`` is a prefix of, each with the claims holding it, read
    from the index's vocabulary (which reads each term's list, as counting its matches would).
    Only for a word of one token in ASCII, which FTS5 folds as ``str.lower`` does, at least
    TERM_PREFIX_LENGTH long; None for any other, or for one with more than TERMS_READ terms."""
    tokens = _TOKEN.findall(typed.lower()) if typed.isascii() else []
    if len(tokens) != 1 or len(tokens[0]) < TERM_PREFIX_LENGTH:
        return None
    prefix = tokens[0]
    beyond = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past every one starting with the prefix
    terms = reader.rows("SELECT term, doc FROM temp.claims_fts_terms WHERE term >= ? AND term < ? LIMIT ?",
                        (prefix, beyond, TERMS_READ + 1))
    return None if len(terms) > TERMS_READ else terms


def _resolve_word(reader: Reader, names: _Names, typed: str) -> Word:
    phrase = Phrase(typed)
    match = _quoted(typed)
    sources = tuple(pk for (pk,) in reader.rows(
        "SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rowid", (f"{{title publisher}} : {match}",)))
    terms = _text_terms(reader, typed)
    word = Word(match=match,
                actor_pks=tuple(sorted(set(names.actors.named_by(phrase)))),
                source_pks=sources,
                metrics=tuple(names.metrics.named_by(phrase)),
                terms=None if terms is None else tuple(term for term, _ in terms),
                documents=sum(documents for _, documents in terms or ()))
    # Each field's claims counted up to the limit, rather than the union of them all: a claim
    # matched by two fields may count twice, so a word near the limit may be taken for common.
    # The metrics' figures are counted last, so the count before them is what a quote can match.
    # The text's are the terms' claims when they were read (a claim holding two terms counts twice).
    selects = word.selects()
    found = besides_metrics = 0
    for index, (select, param) in enumerate(selects):
        if found < COMMON_MATCHES and index == 0 and terms is not None:
            found += min(word.documents, COMMON_MATCHES)
        elif found < COMMON_MATCHES:
            found += reader.scalar(f"SELECT count(*) FROM ({select} LIMIT {COMMON_MATCHES - found})", (param,))
        if not word.metrics or index < len(selects) - 1:
            besides_metrics = found
    return replace(word, matches=found, matches_besides_metrics=besides_metrics)


def resolve(reader: Reader, user_text: str) -> Search | None:
    """The words of ``user_text`` resolved on ``reader``'s store (None: nothing searchable).

    Kept per reader until the store changes (``PRAGMA data_version``), so turning pages of
    one search reads the actors, metrics and sources once."""
    words = search_words(user_text)
    if not words:
        return None
    with _caches_lock:
        cache = _caches.setdefault(reader, _Cache())
    if not cache.terms_table:
        reader.rows(TERMS_TABLE)
        cache.terms_table = True
    version = reader.data_version()
    if cache.version != version:
        cache.version, cache.names, cache.searches = version, None, {}
    key = " ".join(words)
    if key not in cache.searches:
        if cache.names is None:
            cache.names = _read_names(reader)
            cache.claims = reader.scalar("SELECT coalesce(max(pk), 0) FROM claims")
        if len(cache.searches) >= CACHED_SEARCHES:
            cache.searches.clear()
        cache.searches[key] = Search(tuple(_resolve_word(reader, cache.names, word) for word in words), cache.claims)
    return cache.searches[key]

"""The actors of a document: known ones (from the store, passed in), new ones, and the
coreference that maps a speaker phrase to one of them.

A speaker phrase becomes an actor by matching a known actor (name or alias, compared with
``text_key``), by coreference (a surname to the nearest full name with it; "the Ukrainian
leader" or "the official" to the nearest earlier actor whose role fits; he / she / it /
they to the nearest earlier fitting actor), or as a new actor whose kind is read from the
words. Coreference walks back a bounded number of mentions.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz

from db.names import KnownActor, text_key
from extract.attribution import Phrase, body_kind, is_name, is_nameish, is_title, joint_names, np_token_ok
from extract.lexicon import (
    COLLECTIVE_HEADS,
    CONNECTORS,
    DETERMINERS,
    GOV_WORDS,
    MODIFIERS,
    MONTH_PATTERN,
    NP_PREPOSITIONS,
    ORG_WORDS,
    PLACES,
    PLURAL_PERSON_HEADS,
    PRONOUNS,
    QUANTIFIER_WORDS,
    ROLE_NOUNS,
    SCRIPT_CUES,
    SYNONYMS,
    TITLE_WORDS,
    word_set,
)
from extract.text import Sentence, Token, only_spaces, word_alternation, word_tokens

# text_key normalises Unicode: a name is keyed many times (every lookup, every alias), so the
# keys of the names met last are kept.
_name_key = functools.lru_cache(maxsize=4096)(text_key)
SURNAME_LIKENESS = 85     # rapidfuzz ratio: Vashchenko / Vaschenko 95, Zelensky / Zelenskyy 94; Marchuk / Marchenko 71
GIVEN_LIKENESS = 80       # Ilarion / Illarion 93; Pavlo / Yuliya 18
_ACRONYM = re.compile(r"(?P<name>(?:[A-Z][\w'-]+\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){1,7}?[A-Z][\w'-]+)"
                      r"(?:\s*\((?P<paren>[A-Z]{2,6})\)|,?\s+known as\s+(?:the\s+)?(?P<known>[A-Z]{2,6})\b)")
_ACRONYM_MARK = re.compile(r"\([A-Z]{2,6}\)|known as")
_ACRONYM_ALIAS = re.compile(r"[A-Z]{2,6}")


def same_person(one: str, other: str) -> bool:
    """Two spellings of one person's name: the surnames alike (a transliteration, a typo) and
    the given names agreeing when both are there (an initial agrees with its name)."""
    a, b = _name_key(one).replace(".", " ").split(), _name_key(other).replace(".", " ").split()
    if not a or not b or fuzz.ratio(a[-1], b[-1]) < SURNAME_LIKENESS:
        return False
    if len(a) < 2 or len(b) < 2:
        return False            # a surname alone is not enough across articles: two Kims, two Marchuks
    given_a, given_b = a[0], b[0]
    if len(given_a) == 1 or len(given_b) == 1:
        return given_a[0] == given_b[0]
    return fuzz.ratio(given_a, given_b) >= GIVEN_LIKENESS


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines: "the National Security Office (NSO)", "the DID, known as DID"."""
    found: dict[str, str] = {}
    if not _ACRONYM_MARK.search(text):
        return found        # no "(NSO)" nor "known as": the names before one need not be tried
    for match in _ACRONYM.finditer(text):
        acronym = match.group("paren") or match.group("known")
        name = re.sub(r"^(?:The|A)\s+", "", match.group("name"))
        initials = "".join(word[0] for word in _OWNER.sub("", name).split() if word[0].isupper())
        if acronym[0] == initials[0] and acronym not in found:     # "Kalvaria's Border Office (BO)" too
            found[acronym] = name
    return found


# Where a text says whose handle a handle is: "the Meridian Institute, which posts as @MeridianCount",
# "Ilse Varga (@ValleyCount)", "the analyst behind @ValleyCount is Ilse Varga", "@ValleyCount, the account of X"
def _handle_name(group: str) -> str:
    return rf"(?P<{group}>(?:[A-Z][\w'\u2019.-]*\s+(?:(?:of|for|and|the)\s+)*){{0,6}}[A-Z][\w'\u2019.-]*)"


_HANDLE_OF = re.compile(rf"{_handle_name('name')}(?:,\s+(?:which|who))?\s+(?:posts|tweets|writes)\s+as\s+"
                        r"@(?P<handle>\w+)"
                        rf"|{_handle_name('name2')}\s+\(@(?P<handle2>\w+)\)"
                        rf"|\bbehind\s+@(?P<handle3>\w+)\s+is\s+{_handle_name('name3')}"
                        rf"|@(?P<handle4>\w+),?\s+(?:is\s+)?the\s+account\s+of\s+(?:the\s+)?{_handle_name('name4')}")


def defined_handles(text: str) -> dict[str, tuple[int, int]]:
    """The handles a text ties to a name, by lower-case handle: where the name stands."""
    found: dict[str, tuple[int, int]] = {}
    if "@" not in text:
        return found
    for match in _HANDLE_OF.finditer(text):
        for handle, name in (("handle", "name"), ("handle2", "name2"), ("handle3", "name3"), ("handle4", "name4")):
            if match.group(handle) is not None:
                start, end = match.span(name)
                if text.startswith(("The ", "the "), start):
                    start += 4
                found.setdefault(match.group(handle).lower(), (start, end))
    return found


def slug(text: str) -> str:
    """A lower-case ASCII slug of ``text`` ("Russia's Defense Ministry" -> russias-defense-ministry)."""
    decomposed = unicodedata.normalize("NFKD", _name_key(text))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").replace("'", "")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")
    return result or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    known: bool = False
    used: bool = False
    stored_aliases: tuple[str, ...] = ()     # a known actor's aliases as the store holds them

    def new_aliases(self) -> list[str]:
        """Aliases this document found for a known actor (spelling variants) that the store lacks."""
        stored = {_name_key(alias) for alias in (self.name, *self.stored_aliases)}
        return sorted({alias for alias in self.aliases if _name_key(alias) not in stored})

    def words(self) -> str:
        """Name, role and aliases in lower case: what descriptions are compared with."""
        return " ".join([self.name, self.role or "", *self.aliases]).lower()


@dataclass
class Mention:
    """A name in the text, for coreference: a person with a title or role ("Ukrainian President
    Volodymyr Zelensky"), an organisation or government body, or a place (kind "place")."""

    name: str
    role: str | None
    role_span: tuple[int, int] | None
    position: int
    kind: str = "person"

    @functools.cached_property
    def lowered(self) -> str:
        """Name and role in lower case: what descriptions are compared with (read for every description
        after it, so made once)."""
        return f"{self.name} {self.role or ''}".lower()


_Fitting = TypeVar("_Fitting", Entity, Mention)


# --- actors -------------------------------------------------------------------------------------

class Actors:
    """Actors of the document: known ones, new ones, and the mentions coreference uses."""

    def __init__(self, known: Sequence[KnownActor], text: str, masked: str):
        self.text, self.masked = text, masked
        self.by_id: dict[str, Entity] = {}
        self.index: dict[str, str] = {}
        self.mentions: list[Mention] = []
        # (position, serial, entity or mention) in text order: what coreference walks back through
        # Mentions and entities as (position, serial, target), each list in text order: what
        # coreference walks back through. Kept apart so that adding an entity is an append
        # (entities come in nearly in text order), not an insert before every later mention.
        self.mention_timeline: list[tuple[int, int, Mention]] = []
        self.entity_timeline: list[tuple[int, int, Entity]] = []
        self.serials = itertools.count()
        self.by_surname: dict[str, list[Mention]] = {}
        self.acronyms = defined_acronyms(masked)
        self.handles = defined_handles(masked)
        self.acronym_of = {_name_key(name): acronym for acronym, name in self.acronyms.items()}
        self.surname_runs: dict[str, Mention | None] = {}
        self.word_places: dict[bool, dict[str, list[int]]] = {}   # masked or not -> word -> where it stands
        self.who_opens = _WHO_AFTER.search(masked) is not None    # "Daryna, who ..." may open a sentence
        self.known_by_surname: dict[str, list[Entity]] = {}     # known people by the last word of their name
        self.known_bodies: list[Entity] = []
        self.namesakes_of: dict[str, list[Mention]] = {}
        self.label_names: dict[str, re.Match[str] | None] = {}     # a transcript label -> the full name it ends
        self.record_bylines: list[tuple[int, int, int]] | None = None    # "a report ... by X", read when asked
        self.described_subjects: list[tuple[int, int]] = []    # "X, who ... Y, said": Y is no antecedent
        byline = _BYLINE_LINE.search(masked, 0, BYLINE_REACH)
        self.byline = byline.span() if byline is not None else (0, 0)     # its people are "I", never "she"
        for actor in known:
            self.learn(actor)
        self._join_shorter_names()
        self._join_appositive_acronyms()

    def learn(self, actor: KnownActor) -> None:
        """``actor`` is known from now on (a known one's new aliases added to it)."""
        entity = self.by_id.get(actor.id)
        if entity is None or not entity.known:
            entity = Entity(actor.id, actor.name, actor.kind, actor.role, aliases=list(actor.aliases), known=True,
                            stored_aliases=actor.aliases)
            self.by_id[actor.id] = entity
            if actor.kind == "person":
                self.known_by_surname.setdefault(_name_key(actor.name).split()[-1], []).append(entity)
            else:
                self.known_bodies.append(entity)
        else:
            entity.aliases.extend(alias for alias in actor.aliases if alias not in entity.aliases)
        for name in (actor.name, *actor.aliases):
            self.index.setdefault(_name_key(name), actor.id)

    def _join_shorter_names(self) -> None:
        """Two known bodies with one acronym, one name the other's with more words after it
        ("National Security Office" and "National Security Office of Terasia", both "NSO"), are one
        body: the shorter name and its aliases look up the fuller one."""
        by_acronym: dict[str, list[Entity]] = {}
        for entity in self.known_bodies:
            for alias in entity.aliases:
                if _ACRONYM_ALIAS.fullmatch(alias):
                    by_acronym.setdefault(alias, []).append(entity)
        for sharing in by_acronym.values():
            fullest = max(sharing, key=lambda entity: len(entity.name))
            fuller_key = _name_key(fullest.name) + " "
            for entity in sharing:
                if entity is not fullest and fuller_key.startswith(_name_key(entity.name) + " "):
                    for name in (entity.name, *entity.aliases):
                        self.index[_name_key(name)] = fullest.id

    def _join_appositive_acronyms(self) -> None:
        """A body named and then given its known acronym ("Kalvaria's military intelligence, the
        DID, said") is the acronym's actor under another name, which it takes as an alias."""
        for match in _APPOSITIVE_ACRONYM.finditer(self.masked):
            actor_id = self.index.get(_name_key(match.group(1)))
            before = _BODY_BEFORE.search(self.masked, max(0, match.start() - 80), match.start())
            if actor_id is None or before is None:
                continue
            name = re.sub(r"^The\s+", "", before.group(1))
            words = {word.lower().removesuffix("'s").removesuffix("\u2019s") for word in name.split()}
            if body_kind(words, name) is not None:
                self._also_named(self.by_id[actor_id], name)

    # -- lookup and creation

    def lookup(self, *names: str) -> Entity | None:
        """The actor with one of ``names`` (or an alias), else the one known person whose name
        is another spelling of it (``same_person``), which then takes it as an alias."""
        for name in names:
            if name and _name_key(name) in self.index:
                return self.by_id[self.index[_name_key(name)]]
        for name in names:
            if len(name.split()) < 2:
                continue
            alike = {entity.id: entity for entity in self.by_id.values() if entity.known and entity.kind == "person"
                     and any(same_person(name, known) for known in (entity.name, *entity.aliases))}
            if len(alike) == 1:
                entity = next(iter(alike.values()))
                entity.aliases.append(name)
                self.index[_name_key(name)] = entity.id
                return entity
        return None

    def add(self, name: str, kind: str, position: int | None, *, role: tuple[int, int] | str | None = None,
            aliases: Sequence[str] = ()) -> Entity:
        entity = self.lookup(name)
        if entity is None:
            actor_id = slug(name)
            entity = self.by_id.get(actor_id)
            if entity is None:
                entity = Entity(actor_id, name, kind)
                self.by_id[actor_id] = entity
            self.index.setdefault(_name_key(name), actor_id)
        if not entity.known:
            acronym = self.acronym_of.get(_name_key(name))
            if acronym is not None:
                aliases = [*aliases, acronym]        # "the Border Office (BO)" is also "BO"
            for alias in aliases:
                if alias and _name_key(alias) != _name_key(entity.name) and alias not in entity.aliases:
                    entity.aliases.append(alias)
                    self.index.setdefault(_name_key(alias), entity.id)
            if isinstance(role, tuple):
                role_text = " ".join(self.text[role[0]:role[1]].split())
                if role not in entity.role_spans and len(entity.role_spans) < 20:
                    entity.role_spans.append(role)
                if entity.role is None:
                    entity.role = _clean_role(role_text)
            elif isinstance(role, str) and entity.role is None:
                entity.role = _clean_role(role)
        if position is not None:
            bisect.insort(self.entity_timeline, (position, next(self.serials), entity))
        return entity

    def before(self, position: int, limit: int = 400) -> Iterator[tuple[int, int, Any]]:
        """Entities and mentions standing before ``position``, nearest first (at most ``limit``):
        the two timelines merged from their ends (no two items share a serial)."""
        mentions, entities = self.mention_timeline, self.entity_timeline
        m = bisect.bisect_left(mentions, (position, -1)) - 1
        e = bisect.bisect_left(entities, (position, -1)) - 1
        for _ in range(limit):
            if m >= 0 and (e < 0 or mentions[m][0] > entities[e][0]
                           or mentions[m][0] == entities[e][0] and mentions[m][1] > entities[e][1]):
                yield mentions[m]
                m -= 1
            elif e >= 0:
                yield entities[e]
                e -= 1
            else:
                return

    # -- people and organisations named anywhere in the text, for coreference

    def scan_mentions(self, tokens: list[Token]) -> None:
        """Mentions from the word tokens of ``masked`` (numbers left out: a number is never part of
        a name, and the text between two words around it is not spaces only, so a run of names
        stops at it as it would at its token)."""
        masked = self.masked
        index = 0
        for seed in _run_seeds(tokens):
            if seed < index or not (is_nameish(tokens[seed]) or is_title(tokens[seed])):
                continue
            first = index = seed
            index += 1
            while index < len(tokens) and only_spaces(masked, tokens[index - 1].end, tokens[index].start):
                token = tokens[index]
                joins_names = token.lower in ("of", "for", "and", "the") and index + 1 < len(tokens) and \
                    only_spaces(masked, token.end, tokens[index + 1].start) and \
                    (is_nameish(tokens[index + 1]) or tokens[index + 1].lower == "the")
                if is_nameish(token) or is_title(token) or joins_names:
                    index += 1
                else:
                    break
            while index - 1 > first and tokens[index - 1].lower in ("of", "for", "and", "the"):
                index -= 1
            self._mention_from_run(tokens, first, tokens[first:index])
        for mention in self.mentions:
            self.mention_timeline.append((mention.position, next(self.serials), mention))
            if mention.kind == "person":
                self.by_surname.setdefault(_name_key(mention.name.split()[-1]), []).append(mention)
        self.mention_timeline.sort(key=lambda item: item[:2])

    def _mention_from_run(self, tokens: list[Token], first: int, run: list[Token]) -> None:
        masked, text = self.masked, self.text
        if len(run) > 1 and run[0].text in SCRIPT_CUES:
            run, first = run[1:], first + 1
        lower_words = {t.lower.removesuffix("'s").rstrip(".") for t in run}
        kind = body_kind(lower_words, text[run[0].start:run[-1].end])
        if kind is not None and run[-1].capitalised:
            name_tokens = run[1:] if run[0].lower == "the" else run
            if name_tokens:
                self.mentions.append(Mention(text[name_tokens[0].start:name_tokens[-1].end], None, None,
                                              name_tokens[0].start, kind))
            return
        if len(run) == 1 and run[0].lower.removesuffix("'s").rstrip(".") in PLACES:
            place = run[0].text.removesuffix("'s")
            self.mentions.append(Mention(place, None, None, run[0].start, "place"))
            return
        # the name is the words after the last owner or title, two to four: a longer run without
        # one near its end names no one (and is not read word by word again)
        if len(run) > 4 and not any(is_title(run[i]) or (i < len(run) - 1 and (run[i].possessive
                                                                             or run[i].lower in QUANTIFIER_WORDS))
                                    for i in range(len(run) - 5, len(run))):
            return
        owner = max((i for i, t in enumerate(run[:-1]) if t.possessive or t.lower in QUANTIFIER_WORDS), default=-1)
        run = run[owner + 1:]          # "Kyiv's army chief X", "Two Aldmark officials": not part of a name
        title_at = max((i for i, t in enumerate(run) if is_title(t)), default=-1)
        name = list(itertools.dropwhile(lambda token: token.lower in CONNECTORS, run[title_at + 1:]))
        if name and name[-1].possessive:
            name = name[:-1] + [Token(name[-1].start, name[-1].end - 2, name[-1].text[:-2])]
        if not 2 <= len(name) <= 4 or not is_name(name) or any(t.lower in ("and", "&") for t in name):
            return          # "Kalvaria and Drovenia", "Rask and Lund": two, each found on its own
        position = first + owner + 1
        role_start = run[0].start if title_at >= 0 else None
        # role words before the name: "U.S. podcaster Lex Fridman", "Pentagon spokesman Maj. Gen. X"
        back = position - 1
        while back >= 0 and only_spaces(masked, tokens[back].end, tokens[back + 1].start) and \
                (tokens[back].lower in ROLE_NOUNS or tokens[back].lower in MODIFIERS or tokens[back].possessive
                 or (is_nameish(tokens[back]) and role_start is not None)):
            if tokens[back].lower in ROLE_NOUNS or role_start is not None:
                role_start = tokens[back].start
            back -= 1
        role_span = (role_start, name[0].start) if role_start is not None else None
        # an appositive role before ("Kyiv's army chief, Oleksandr Syrskyi") or after ("X, head of ...,")
        appositive = None
        if position >= 1 and masked[tokens[position - 1].end:run[0].start].strip() == "," and \
                tokens[position - 1].lower in ROLE_NOUNS:
            begin = position - 1
            while begin - 1 >= 0 and only_spaces(masked, tokens[begin - 1].end, tokens[begin].start) and \
                    (np_token_ok(tokens[begin - 1]) or tokens[begin - 1].lower in DETERMINERS
                     or (tokens[begin - 1].lower in NP_PREPOSITIONS and begin - 2 >= 0
                         and tokens[begin - 2].lower in ROLE_NOUNS)):
                begin -= 1
                if tokens[begin].lower in DETERMINERS:
                    break
            appositive = (tokens[begin].start, tokens[position - 1].end)
        else:
            after = re.match(r",\s*", masked[name[-1].end:name[-1].end + 3])
            if after:
                start = name[-1].end + after.end()
                stop = re.search(r"[,;.:\x02\x03\n]", masked[start:start + 160])
                inner = word_tokens(masked, start, start + (stop.start() if stop else 0))
                if inner and (inner[0].lower in DETERMINERS or inner[0].lower in ROLE_NOUNS) and \
                        any(t.lower in ROLE_NOUNS for t in inner) and len(inner) <= 14:
                    appositive = (inner[0].start, inner[-1].end)
        if appositive is not None:
            role_span = appositive
        role_text: str | None = None
        if role_span is not None:
            role_text = text[role_span[0]:role_span[1]].rstrip(" ,")
            role_span = (role_span[0], role_span[0] + len(role_text))
            if role_span[1] <= role_span[0]:
                role_span, role_text = None, None
        self.mentions.append(Mention(text[name[0].start:name[-1].end], role_text, role_span, name[0].start))

    # -- resolving a speaker phrase

    def resolve(self, phrase: Phrase) -> tuple[Entity | None, float]:
        """The actor a speaker phrase names, and how sure that reading is (0..1)."""
        text = self.text
        words = list(phrase.tokens)
        first = words[0].lower
        position = phrase.start
        if len(words) == 1 and first in PRONOUNS:
            return self._pronoun(first, position)
        determiner = first if first in DETERMINERS else None
        if determiner:
            words = words[1:]
        if len(words) == 1 and self.handles and self.masked.endswith("@", 0, words[0].start):
            handle_name = self.handles.get(words[0].lower)    # "@ValleyCount": whose handle the text says it is
            handle_owner = self.named_between(*handle_name) if handle_name is not None else None
            if handle_owner is not None:
                return handle_owner, 0.85
        if len(words) == 1 and words[0].lower == "year-old":
            return self._pronoun("he", position)     # "the 54-year-old said": the person the text is about
        if words and words[-1].lower in _RECORD_VOICES and (len(words) <= 2 or not any(t.capitalised for t in words)):
            # "the report estimates", "its authors write", "according to the most detailed accounting"
            publisher = self._record_owner(position)
            if publisher is not None:
                return publisher, 0.7
        if determiner == "the" and len(words) == 1 and words[0].lower in _PRESS_HEADS:
            outlet = self._outlet_before(position)      # "the paper's own estimate": a newspaper a press review named
            if outlet is not None:
                return outlet, 0.7
        if first in ("its", "their") and len(words) > 1:
            # "Its Defense Ministry": the body of the country or organisation the sentence (or the
            # one before) is about, else of the one named last
            owner_name = self._subject_owner(position)
            if owner_name is None:
                owner = next((target for _, _, target in self.before(position)
                              if isinstance(target, Mention) and target.kind != "person"), None)
                owner_name = owner.name if owner is not None else None
            rest = text[words[1].start:words[-1].end]
            owner_kind = body_kind({t.lower.rstrip(".") for t in words[1:]}, rest)
            owner_body = body_kind({word.lower().rstrip(".") for word in owner_name.split()}, owner_name) \
                if owner_name is not None and words[-1].lower in _BODY_UNITS else None
            if owner_name is not None and owner_body and not any(t.capitalised for t in words[1:]):
                return self.add(owner_name, owner_body, position), 0.8    # a body's own service is the body
            if owner_name is not None and owner_kind:
                name = f"{owner_name}'s {rest}"
                known = self.lookup(name) or self._body_named_otherwise(name)
                if known is not None:
                    return self.add(known.name, known.kind, position), 0.8
                return self.add(name, owner_kind, position), 0.75
            words = words[1:]
        if not words:
            return None, 0.0
        if first in ("one", "another") and len(words) > 1:
            determiner, words = "a", words[1:]
        joint = joint_names(words, exact=True)
        if phrase.joint is None and joint is not None:
            first_name, second_name = joint       # "lawmakers Aino Rask and Pekka Lund said"
            phrase = Phrase(first_name[0].start, first_name[-1].end, first_name, role=phrase.role,
                            joint=Phrase(second_name[0].start, second_name[-1].end, second_name))
            words = first_name
        if phrase.joint is not None:
            partner, _ = self.resolve(phrase.joint)
            if partner is not None:
                partner.used = True               # an actor of the document, though the first speaks
        name = text[words[0].start:words[-1].end]
        known = self.lookup(name, text[phrase.start:phrase.end])
        if known is not None and known.kind == "person" and len(words) == 1 and is_nameish(words[0]):
            return self._surname(name, position, phrase.role,     # "Marchuk": which Marchuk this article names
                                 described=self._described(phrase))
        if known is not None:
            return self.add(known.name, known.kind, position, role=phrase.role), 1.0
        # an unnamed person with a call sign or given name: "a lieutenant with the call sign Chemist"
        described = text[phrase.start:phrase.end] + " " + (text[phrase.role[0]:phrase.role[1]] if phrase.role else "")
        called = re.search(r"\b(?:call ?sign|nom de guerre|named|identified (?:only )?as|gave (?:his|her) "
                           r"(?:first )?name (?:only )?as)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", described)
        if called:
            role_span = phrase.role or (phrase.start, phrase.end)
            return self.add(called.group(1), "person", position, role=role_span), 0.8
        office_holder = self._office_holder(words, position) or \
            self._body_of_unit(([phrase.tokens[0]] if determiner else []) + words)
        if office_holder is not None:
            return office_holder, 0.8
        # "the office of Kalvaria's human rights commissioner": a body named by whose office it is
        if len(words) > 2 and words[1].lower == "of" and not words[0].capitalised:
            office_kind = body_kind({words[0].lower}, words[0].text)
            if office_kind is not None:
                return self.add(name, office_kind, position, role=phrase.role), 0.8
        # the head noun stands before a preposition: "one NATO official in Brussels", "the head of the unit"
        for index, token in enumerate(words[1:], start=1):
            if token.lower in NP_PREPOSITIONS and not token.capitalised and \
                    (words[index - 1].lower in ROLE_NOUNS or words[index - 1].lower in PLURAL_PERSON_HEADS):
                head_words = words[:index]
                break
        else:
            head_words = words
        head = head_words[-1]
        if head.lower in _RECORD_HEADS and len(words) > len(head_words) + 1 and \
                words[len(head_words)].lower in ("from", "by"):
            source = self.body_between(words[len(head_words) + 1].start, words[-1].end)
            if source is not None:
                return source, 0.8          # "data from the ministry", "figures by the agency": the body's
        if head is not words[-1] and (head.lower in PLURAL_PERSON_HEADS or
                                      (not head.capitalised and head.lower in ROLE_NOUNS)):
            if head.lower in PLURAL_PERSON_HEADS or determiner in ("a", "an"):
                return self._unnamed(name, head.lower, (phrase.start, phrase.end), phrase.role, 0.7)
            return self._describe(head_words, position, kinds=("person", "anonymous_group"), fallback="anonymous_group")
        head = words[-1]
        head_lower = head.lower
        lower_words = {t.lower.removesuffix("'s").rstrip(".") for t in words}
        role = phrase.role
        # "the general's own figures", "Kyiv's estimates", "the ministry's statement": the owner speaks
        agency = head_lower == "intelligence" and len(words) > 1 and words[-2].lower in _INTELLIGENCE_KINDS
        if not agency and (head_lower in COLLECTIVE_HEADS or head_lower in ("statement", "statements", "post",
                                                                            "readout")):
            owner_at = max((i for i, t in enumerate(words[:-1]) if t.possessive), default=-1)
            if owner_at >= 0:
                owner_token = words[owner_at]
                trimmed = Token(owner_token.start, owner_token.end - 2, owner_token.text[:-2])
                tokens = ([phrase.tokens[0]] if determiner else []) + words[:owner_at] + [trimmed]
                entity, factor = self.resolve(Phrase(tokens[0].start, trimmed.end, tokens))
                if entity is not None:
                    return entity, factor * 0.9
            if head_lower in COLLECTIVE_HEADS and head_lower not in ("report", "reports") and \
                    any(t.capitalised for t in words[:-1]):
                return self.add(name, "collective", position, role=role), 0.85    # "U.S. and Ukrainian estimates"
            return None, 0.0
        # a person: title or role words, then a proper name
        title_at = max((i for i, t in enumerate(words)
                        if is_title(t) or (not t.capitalised and t.lower in ROLE_NOUNS)), default=-1)
        name_tokens = words[title_at + 1:]
        connector = max((i for i, t in enumerate(name_tokens) if t.lower in CONNECTORS), default=-1)
        if connector >= 0 and title_at >= 0:
            # "Secretary of State Antony Blinken"; but "the observer mission in Tolmin" is a body, not a place
            body_head = any(t.lower in GOV_WORDS or t.lower in ORG_WORDS for t in name_tokens[:connector])
            name_tokens = [] if body_head else name_tokens[connector + 1:]
        if name_tokens and not name_tokens[-1].possessive and (title_at >= 0 or len(name_tokens) >= 2) \
                and is_name(name_tokens) and all(not t.possessive for t in name_tokens):
            person = text[name_tokens[0].start:name_tokens[-1].end]
            if title_at >= 0 and role is None:
                role = (words[0].start, words[title_at].end)
            if len(name_tokens) == 1:
                return self._surname(person, position, role, described=self._described(phrase))
            known = self.lookup(person)
            if known is not None:
                return self.add(known.name, known.kind, position, role=role), 1.0
            return self.add(person, "person", position, role=role,
                            aliases=[name_tokens[-1].text.rstrip(".")]), 0.95
        if head_lower in PLURAL_PERSON_HEADS:
            if determiner == "the":
                entity, factor = self._describe(words, position, kinds=("anonymous_group",), fallback=None)
                if entity is not None:
                    return entity, factor
            # "sources familiar with the matter": the description after the head is part of the name
            named = text[words[0].start:phrase.end] if phrase.end > words[-1].end else name
            return self.add(named, "anonymous_group", position, role=role), 0.8
        if not head.capitalised and head_lower not in GOV_WORDS and head_lower not in ORG_WORDS and not agency:
            if head_lower in ROLE_NOUNS or determiner in ("a", "an") and len(words) == 1:   # "said a fisherman"
                if determiner in ("a", "an"):
                    return self._unnamed(name, head_lower, (phrase.start, phrase.end), role, 0.7)
                return self._describe(words, position, kinds=("person", "anonymous_group"),
                                      fallback="anonymous_group")
            return None, 0.0
        kind = body_kind(lower_words, name)
        proper = _named_by_kind(words)
        if kind is not None and proper is not None:      # "the monitoring group Oryx Watch": "Oryx Watch"
            name = text[proper[0].start:proper[-1].end]
        if kind is not None:
            if determiner == "the" and not any(t.capitalised or t.possessive for t in words):
                return self._describe(words, position, kinds=("government_body", "organisation"),
                                      fallback=kind)
            other = self._body_named_otherwise(name) if any(t.possessive for t in words) else None
            if other is not None:
                self._also_named(other, name)
                return self.add(other.name, other.kind, position, role=role), 0.85
            return self.add(name, kind, position, role=role), 0.9
        if head.possessive:
            return None, 0.0
        if len(words) == 1:
            single = head_lower.rstrip(".")
            if single in PLACES:
                return self.add(name, "government_body", position, role=role), 0.8
            if head.text.isupper() and len(head.text) > 1:
                full = self.acronyms.get(head.text)
                if full is not None:
                    known = self.lookup(full)
                    full_kind = body_kind({word.lower() for word in full.split()}, full) or "organisation"
                    return self.add(known.name if known else full, known.kind if known else full_kind, position,
                                    role=role, aliases=[head.text]), 0.9
                return self.add(name, "organisation", position, role=role), 0.75
            if is_nameish(head):
                return self._surname(name, position, role)
            return None, 0.0
        if all(is_nameish(t) or t.lower in CONNECTORS for t in words):
            return self.add(name, "organisation", position, role=role), 0.5
        return None, 0.0

    def relayed_body(self, phrase: Phrase) -> Entity | None:
        """The body a spokesperson speaks for, from the words describing them: "the agency's
        spokeswoman", "a spokesman for the ministry", "General Staff spokesman X", "its spokesman"."""
        start, end = phrase.role or (phrase.start, phrase.end)
        described = _SPOKESPERSON.search(self.masked, start, end)
        if described is None:
            return None
        owner = described.group("after") or described.group("before")
        if not owner:
            return None
        owner_start = described.start("after") if described.group("after") else described.start("before")
        if owner.lower() in ("its", "their"):
            body = next((target for _, _, target in self.before(phrase.start)
                         if target.kind in ("government_body", "organisation")), None)
            return self._entity_for(body, phrase.start) if body is not None else None
        owned = self.body_between(owner_start, owner_start + len(owner))
        if owned is None and owner[:1].isupper():
            named = self.named_between(owner_start, owner_start + len(owner))
            owned = named if named is not None and named.kind == "person" else None   # "Ilse Varga's spokesman"
        return owned

    def body_named(self, body: Entity | Mention) -> Entity:
        """The entity of a body of the store or of a mention of the text."""
        return body if isinstance(body, Entity) else self._entity_for(body, body.position)

    def named_between(self, start: int, end: int) -> Entity | None:
        """Whoever the words from ``start`` to ``end`` name: a person, a body or a group."""
        tokens = word_tokens(self.masked, start, end)
        return self.resolve(Phrase(tokens[0].start, tokens[-1].end, tokens))[0] if tokens else None

    def body_between(self, start: int, end: int) -> Entity | None:
        """The body or organisation the words from ``start`` to ``end`` name, if they name one (a
        person's own office, "her office", is the person)."""
        tokens = word_tokens(self.masked, start, end)
        if not tokens:
            return None
        entity, _ = self.resolve(Phrase(tokens[0].start, tokens[-1].end, tokens))
        if entity is not None and entity.kind == "person" and tokens[-1].lower == "office":
            return entity
        return entity if entity is not None and entity.kind in ("government_body", "organisation") else None

    def _also_named(self, entity: Entity, name: str) -> None:
        """``name`` is another name of ``entity`` (for a known actor, one the store learns)."""
        if self.index.get(_name_key(name)) != entity.id:
            entity.aliases.append(name)
            self.index[_name_key(name)] = entity.id

    def body_shortened(self, name: str) -> Entity | None:
        """The one body whose name opens with the one word ``name``: "Kinfold" for "Kinfold International"."""
        if " " in name:
            return None
        fits = [entity for entity in self.by_id.values() if entity.kind in ("government_body", "organisation")
                and entity.name.split()[0] == name]
        return fits[0] if len(fits) == 1 else None

    def _body_named_otherwise(self, name: str) -> Entity | None:
        """The one body of the document or the store whose name holds every word of ``name`` in
        another order: "Drovenia's defence ministry" is the "Ministry of Defence of Drovenia"."""
        if self.lookup(name) is not None:
            return None
        words = _content_words(name)
        fits = [entity for entity in self.by_id.values() if entity.kind in ("government_body", "organisation")
                and len(words) >= 2 and words <= _content_words(entity.name)]
        return fits[0] if len(fits) == 1 else None

    def known_as(self, name: str, kind: str, aliases: Sequence[str] = ()) -> Entity | None:
        """The known actor that another document's actor ``name`` (of ``kind``, with ``aliases``)
        is: by its name, a name of several words among its aliases or (a body) its acronym,
        another spelling of a person's name, or the one known body with every word of the name
        in one of its names ("Terasia's National Security Office" is the "National Security
        Office of Terasia"). A surname alone joins nobody: two Vashchenkos share it."""
        names = [known for known in (name, *aliases)
                 if len(known.split()) >= 2 or kind != "person" and (known == name or _ACRONYM_ALIAS.fullmatch(known))]
        entity = self.lookup(*names) if names else None
        if entity is None and kind != "person" and len(words := _content_words(name)) >= 2:
            fits = {body.id: body for body in self.known_bodies
                    if any(words <= _content_words(known) for known in (body.name, *body.aliases))}
            entity = next(iter(fits.values())) if len(fits) == 1 else None
        return entity if entity is not None and entity.known and (entity.kind == "person") == (kind == "person") \
            else None

    def labelled(self, label: str) -> Entity | None:
        """The person a transcript's speaker label names ("WREN", "LESIA VASHCHENKO"): the first the
        text names with that surname, which its introduction of the guests does (else the first
        full name ending in it: "Mira Tolvanen of the Centre" is no person's mention)."""
        mentions = self.by_surname.get(_name_key(label.split()[-1]), [])
        full = [mention for mention in mentions if _name_key(mention.name) == _name_key(label)]
        mention = min(full or mentions, key=_POSITION, default=None)
        if mention is not None:
            return self._entity_for(mention, mention.position)
        if label not in self.label_names:         # one search of the text per label, not per turn
            surname = re.escape(label.split()[-1].title())
            self.label_names[label] = re.search(rf"\b(?:[A-Z][\w'\u2019-]+\s+){{1,2}}{surname}\b", self.masked)
        named = self.label_names[label]
        return self.add(named.group(), "person", named.start(), aliases=[label.split()[-1].title()]) \
            if named is not None else None

    def affiliation(self, person: Entity) -> Entity | None:
        """The body a person is first introduced with, in the same sentence after their name:
        "Tobias Wren, who leads the programme at the Halden Institute", "Ana Roos of the CMA"."""
        named = [mention for mention in self.mentions if mention.kind == "person"
                 and self.lookup(mention.name) is person]
        if not named:
            return None
        start = named[0].position + len(named[0].name)
        stop = _AFFILIATION_END.search(self.masked, start, start + AFFILIATION_REACH)
        end = stop.start() if stop else start + AFFILIATION_REACH
        at = bisect.bisect_left(self.mention_timeline, (start, -1))
        for position, _, mention in itertools.islice(self.mention_timeline, at, None):
            if position >= end:
                break
            if mention.kind in ("government_body", "organisation"):
                return self._entity_for(mention, position)
        return None

    def _outlet_before(self, position: int) -> Entity | None:
        """The newspaper the text names last before ``position`` ("The Kostel Herald reports ...
        According to the paper, ..."), if one is named not far before."""
        named = None
        for named in _OUTLET.finditer(self.masked, max(0, position - OUTLET_REACH), position):   # noqa: B007 (the last)
            continue
        return self.add(named.group(1), "organisation", named.start(1)) if named is not None else None

    def _record_owner(self, position: int) -> Entity | None:
        """The body whose report or study the text last named before ``position`` ("The report,
        published on Thursday by the Carrow Foundation, ..."): who "the report" and "its authors" are;
        with none before, the one named next, not far after ("..., according to a new report. The
        report, by the Carrow Foundation, ...")."""
        if self.record_bylines is None:
            self.record_bylines = [(match.start(), match.start(1), match.end(1))
                                   for match in _RECORD_BYLINE.finditer(self.masked)]
        at = bisect.bisect_left(self.record_bylines, (position, -1))
        if at:
            _, start, end = self.record_bylines[at - 1]
        elif at < len(self.record_bylines) and self.record_bylines[at][0] - position <= RECORD_AHEAD:
            _, start, end = self.record_bylines[at]
        else:
            return None
        return self.body_between(start, end)

    def first_person(self, before: int, publisher: Entity) -> Entity | None:
        """The first person named in the text before ``before`` (an interview's introduction
        names the interviewee first), the publisher's name and the title of a work ("on Night
        Desk, the station's late programme": read as a person's) aside."""
        mention = next((target for _, _, target in self.mention_timeline if target.kind == "person"
                        and self.lookup(target.name) is not publisher
                        and not _TITLE_OF_A_WORK.match(self.masked, target.position + len(target.name))), None)
        if mention is None or mention.position >= before:
            return None
        return self._entity_for(mention, mention.position)

    def _sentence_starts(self, position: int, reach: int) -> list[int]:
        """Where the sentences opening in the ``reach`` characters before ``position`` start."""
        return [match.end() for match in _SENTENCE_START.finditer(self.masked, max(0, position - reach), position)]

    def _subject_owner(self, position: int) -> str | None:
        """The country or body opening the sentence of ``position`` (before it), else the sentence
        before: what "its" refers to ("Morvany, for its part, denies it. Its foreign ministry ...")."""
        for start in reversed(self._sentence_starts(position, 400)[-2:]):
            subject = _SUBJECT.match(self.masked, start, position)
            if subject is None:
                continue
            words = word_tokens(self.masked, subject.start(1), subject.end(1))
            if not words or not all(is_nameish(word) for word in words):
                continue
            name = self.text[words[0].start:words[-1].end]
            if body_kind({word.lower for word in words}, name) is not None and words[-1].capitalised:
                return name
            if len(words) == 1 and _name_key(name) not in self.by_surname:
                return name              # a lone name that is no one's surname: a country or body
        return None

    def _unnamed(self, name: str, head: str, span: tuple[int, int], role: tuple[int, int] | None,
                 factor: float) -> tuple[Entity, float]:
        """Someone described, not named ("a senior lawmaker"), unless the next sentences name
        them by the same description ("The lawmaker, Oren Tasz, ..." / "Oren Tasz, the lawmaker,")."""
        person = _named_later(self.masked, head, span[1]) if head not in PLURAL_PERSON_HEADS else None
        if person is None:
            return self.add(name, "anonymous_group", span[0], role=role), factor
        known = self.lookup(person)
        if known is not None:
            return self.add(known.name, known.kind, span[0], role=role or span), 0.85
        return self.add(person, "person", span[0], role=role or span, aliases=[person.split()[-1]]), 0.85

    def _described(self, phrase: Phrase) -> str:
        """The words of a speaker phrase and its role, as printed."""
        role = self.text[phrase.role[0]:phrase.role[1]] if phrase.role else ""
        return f"{self.text[phrase.start:phrase.end]} {role}"

    def _namesake(self, surname: str, described: str) -> Entity | None:
        """Of the known people with this surname, the one the title or role words fit best
        ("Lt. Col. Marchuk", "Marchuk, the army spokesman"), when one fits better than the rest."""
        return _best_fit(surname, described, self.known_by_surname.get(_name_key(surname), []), Entity.words)

    def _namesakes(self, surname: str) -> list[Mention]:
        """The people of the article with this surname, one mention per full name (kept per surname)."""
        key = _name_key(surname)
        if key not in self.namesakes_of:
            distinct = {_name_key(m.name): m for m in self.by_surname.get(key, [])}
            self.namesakes_of[key] = list(distinct.values())
        return self.namesakes_of[key]

    def _surname(self, surname: str, position: int, role, *, described: str = "") -> tuple[Entity, float]:
        """A surname alone: the full name this article gives it (even inside a quote), else the
        known actor it is an alias of (of namesakes, the one its title or role fits), else a new person."""
        mention = self._full_name(surname, position)
        namesakes = self._namesakes(surname) if mention is not None else []
        if len(namesakes) > 1:       # two Marchuks in the article: the one the title or role words fit
            mention = _best_fit(surname, described, namesakes, lambda m: f"{m.name} {m.role or ''}".lower()) or mention
        if mention is None:
            known = self._namesake(surname, described) or self.lookup(surname)
            if known is not None:
                return self.add(known.name, known.kind, position, role=role), 0.95
            if self._reads_as_country(surname):
                return self.add(surname, "government_body", position, role=role), 0.75
            return self.add(surname, "person", position, role=role), 0.8
        entity = self.add(mention.name, "person", position, role=mention.role_span or role,
                          aliases=[surname])
        return entity, 0.95

    def _reads_as_country(self, word: str) -> bool:
        """A lone capitalised word the text uses as a country: "in Aldmark", "Aldmark's defence
        secretary", "the Aldmark government", or whose people the text names ("Kalvarian soldiers"
        for Kalvaria, "Sarkandi" for Sarkand): its government speaks or believes for it."""
        name = re.escape(word)
        pattern = re.compile(rf"\b(?:in|into|from|across)\s+{name}\b(?!['\u2019])|\b{name}(?:['\u2019]s)?\s+"
                             rf"(?:{_COUNTRY_HEADS})\b")
        if next(self._around(pattern, self.masked, word, 40, 80), None) is not None:
            return True
        places = self.word_places.get(True, {})     # the masked text's words, filled by the search above
        return any(f"{word}{ending}" in places for ending in _DEMONYM_ENDINGS)

    def _around(self, pattern: re.Pattern[str], text: str, word: str, before: int,
                after: int) -> Iterator[re.Match[str]]:
        """The matches of ``pattern``, each of which holds ``word``, in ``text`` (``self.text`` or
        ``self.masked``): searched only around the places of ``word`` (``before`` characters
        before it, ``after`` after), so that looking up many names does not rescan the text for each."""
        if not re.fullmatch(r"\w+", word):
            yield from pattern.finditer(text)
            return
        masked = text is self.masked
        if masked not in self.word_places:
            self.word_places[masked] = {}
            for run in re.finditer(r"\w+", text):
                self.word_places[masked].setdefault(run.group(), []).append(run.start())
        done = 0
        for place in self.word_places[masked].get(word, []):
            if place < done:
                continue
            match = pattern.search(text, max(done, place - before), min(len(text), place + len(word) + after))
            if match is not None:
                yield match
                done = match.end()

    def _full_name(self, surname: str, position: int) -> Mention | None:
        """The nearest full name with this surname before ``position`` (else after), else a
        capitalised run ending with it anywhere in the text, outside quotes first."""
        key = _name_key(surname)
        candidates = self.by_surname.get(key, [])
        if candidates:
            at = bisect.bisect_left(candidates, position, key=_POSITION)
            return candidates[at - 1] if at else candidates[0]
        if key not in self.surname_runs:
            self.surname_runs[key] = None
            pattern = re.compile(rf"\b((?:[A-Z][\w'-]+\s+){{1,2}}){re.escape(surname)}\b")
            for text in (self.masked, self.text):
                for match in self._around(pattern, text, surname, 300, 1):
                    tokens = word_tokens(text, match.start(), match.end())
                    while tokens and (is_title(tokens[0]) or tokens[0].lower in QUANTIFIER_WORDS):
                        tokens.pop(0)          # "Commissioner Yuliya Marchuk", "Two Aldmark officials"
                    if len(tokens) >= 2 and is_name(tokens):
                        self.surname_runs[key] = Mention(self.text[tokens[0].start:tokens[-1].end], None, None,
                                                         tokens[0].start)
                        break
                if self.surname_runs[key] is not None:
                    break
        return self.surname_runs[key]

    def _office_holder(self, words: list[Token], position: int) -> Entity | None:
        """The person whose own office speaks: "her office says", "by her own office's count",
        "Vinter's office said" (a person's staff speak for the person). Named with a title, the
        office is an institution of its own ("President Vinter's office" is the presidency)."""
        if len(words) < 2 or words[-1].lower.removesuffix("'s") != "office" or words[-1].capitalised:
            return None
        owner_words = words[:-2] if words[-2].lower == "own" else words[:-1]
        if len(owner_words) == 1 and owner_words[0].lower in ("his", "her"):
            owner, _ = self._pronoun(_SUBJECT_PRONOUNS[owner_words[0].lower], position)
        elif owner_words and owner_words[-1].possessive and all(t.capitalised and not is_title(t) for t in owner_words):
            last = owner_words[-1]
            trimmed = Token(last.start, last.end - 2, last.text[:-2])
            owned = [*owner_words[:-1], trimmed]
            owner, _ = self.resolve(Phrase(owned[0].start, trimmed.end, owned))
        else:
            return None
        return owner if owner is not None and owner.kind == "person" else None

    def _body_of_unit(self, words: list[Token]) -> Entity | None:
        """The body whose own service, desk or office speaks: "the Meridian Relief Trust's tracing
        service said", "the institute's press office said" (a unit speaks for its body; a country's
        "border service" is a body of its own)."""
        if len(words) < 2 or words[-1].lower not in _BODY_UNITS or words[-1].capitalised:
            return None
        owned_at = next((index for index in range(len(words) - 2, -1, -1) if words[index].possessive), None)
        if owned_at is None or any(t.capitalised for t in words[owned_at + 1:]):
            return None
        last = words[owned_at]
        owner_words = [*words[:owned_at], Token(last.start, last.end - 2, last.text[:-2])]
        owner, _ = self.resolve(Phrase(owner_words[0].start, owner_words[-1].end, owner_words))
        return owner if owner is not None and owner.kind in ("government_body", "organisation") else None

    def _pronoun(self, pronoun: str, position: int) -> tuple[Entity | None, float]:
        wanted = _PRONOUN_KINDS[PRONOUNS[pronoun]]
        if pronoun == "it":
            subject = self._body_opening(position)
            if subject is not None:
                return subject, 0.8
        opener = self._surname_opening(position) if wanted == ("person",) else None
        described = self._description_opening(position) if wanted == ("person",) else None
        if described is not None:
            return described, 0.7
        for where, _, target in self.before(position):
            if opener is not None and where < opener:
                word = _OPENING_WORD.match(self.masked, opener)
                assert word is not None, "_surname_opening found this word there"
                return self._surname(word.group(1), opener, None)[0], 0.8
            if isinstance(target, Mention) and self._describes_a_subject(where) or \
                    self.byline[0] <= where < self.byline[1]:
                continue
            # a person named with a role, or as the subject opening a sentence ("Ilse Varga was blunt.")
            if target.kind in wanted and (not isinstance(target, Mention) or target.kind != "person" or target.role
                                          or _OPENS_SENTENCE.search(self.masked, max(0, target.position - OPENS_REACH),
                                                                    target.position)):
                return self._entity_for(target, position), 0.8
        if wanted == ("person",):
            later = self._person_named_later(position)
            if later is not None:
                return self._entity_for(later, position), 0.5
        return None, 0.0

    def named_only_as(self, start: int, end: int) -> Entity | None:
        """The person a description from ``start`` to ``end`` gives a name to: "A woman at the
        gate, who gave her name only as Olena," (the subject of a reporting clause), else None."""
        named = _NAMED_ONLY_AS.search(self.masked, start, end)
        return self.add(named.group(1), "person", named.start(1)) if named is not None else None

    def possessor(self, pronoun: str, position: int) -> Entity | None:
        """The person "her" or "his" at ``position`` stands for ("By her count, ...")."""
        return self._pronoun("she" if pronoun.lower() == "her" else "he", position)[0]

    def _person_named_later(self, position: int) -> Mention | None:
        """The first person the text names after ``position`` (not far after): whom "she says" means
        when no one is named before it, as a feature introduces "the officer" and names her later."""
        timeline = self.mention_timeline
        at = bisect.bisect_left(timeline, position, key=_TIMELINE_POSITION)
        for where, _, mention in itertools.islice(timeline, at, None):
            if where > position + NAMED_LATER_PERSON_REACH:
                return None
            if mention.kind == "person":
                return mention
        return None

    def _body_opening(self, position: int) -> Entity | None:
        """The body or country opening the sentence that "it" stands in, later in it: "The NSO first
        briefed lawmakers in November, when it estimated ..." ("it" opening a sentence is not read so)."""
        starts = self._sentence_starts(position, 300)
        subject = _OPENING_NAME.match(self.masked, starts[-1], position) if starts else None
        return self.body_between(subject.start(1), subject.end(1)) if subject is not None else None

    def _description_opening(self, position: int) -> Entity | None:
        """The person a description opening the sentence before (or this one) describes: "The
        president has gone further. On Friday he said ..." (he is the president named earlier)."""
        if self.masked.find("The ", max(0, position - DESCRIPTION_REACH), position) < 0:
            return None             # most pronouns have no such sentence before them
        for start in reversed(self._sentence_starts(position, DESCRIPTION_REACH)[-2:]):
            opening = _DESCRIPTION_OPENING.match(self.masked, start, position)
            if opening is None:
                continue
            words = word_tokens(self.masked, opening.start(1), opening.end(1))
            if is_title(words[-1]) or words[-1].lower in ROLE_NOUNS and \
                    words[-1].lower not in GOV_WORDS | ORG_WORDS:
                return self._describe(words, start, kinds=("person",), fallback=None)[0]
            return None
        return None

    def _surname_opening(self, position: int) -> int | None:
        """Where the nearest sentence before ``position`` (or the one it stands in) opens with the
        surname of a person named in full in the text ("Hrytsak did not dispute it."), or with a
        name that "who" describes ("Daryna, who was at school, ran the search."), if one does."""
        if not self.by_surname and not self.who_opens:
            return None         # no one named in full, and no "Name, who ...": no name to open a sentence with
        for start in reversed(self._sentence_starts(position, 300)[-3:]):
            word = _OPENING_WORD.match(self.masked, start, position)
            if word is not None and (_name_key(word.group(1)) in self.by_surname or
                                     _WHO_AFTER.match(self.masked, word.end(1))):
                return start
        return None

    def person_opening(self, sentence: Sentence) -> Entity | None:
        """The person ``sentence`` opens with as its subject: "She grew up in Varno.", "Lind shrugs
        at that." (a name of someone the text names in full), else None."""
        opening = _PERSON_OPENING.match(self.masked, sentence.start, sentence.end)
        if opening is None:
            return None
        name = opening.group(1)
        if name in ("He", "She"):
            entity = self._pronoun(name.lower(), sentence.start)[0]
        elif _name_key(name.split()[-1]) in self.by_surname:
            entity = self._surname(name.split()[-1], sentence.start, None)[0]
        else:
            return None
        return entity if entity is not None and entity.kind == "person" else None

    def note_subject(self, phrase_start: int, phrase_end: int, verb_start: int) -> None:
        """A reporting clause's subject stands at ``phrase_start``: names between its end and its
        verb describe it ("Ilse Varga, who met the mayor, Tam Reis, said"), and a pronoun after
        them is not theirs."""
        if verb_start - phrase_end > 3:
            self.described_subjects.append((phrase_end, verb_start))

    def _describes_a_subject(self, position: int) -> bool:
        at = bisect.bisect_right(self.described_subjects, (position, len(self.masked))) - 1
        return at >= 0 and self.described_subjects[at][0] < position < self.described_subjects[at][1]

    def _entity_for(self, target: Entity | Mention, position: int) -> Entity:
        if isinstance(target, Mention):
            if target.kind != "person":
                return self.add(target.name, target.kind, position)
            known = self.lookup(target.name)
            if known is not None:
                return self.add(known.name, known.kind, position)
            return self.add(target.name, "person", position, role=target.role_span,
                            aliases=[target.name.split()[-1]])
        return self.add(target.name, target.kind, position)

    def _describe(self, words: list[Token], position: int, *, kinds: tuple[str, ...],
                  fallback: str | None) -> tuple[Entity | None, float]:
        """"the Ukrainian leader" -> the nearest earlier actor whose role fits the description."""
        head = words[-1].lower
        if head.endswith("s") and head[:-1] in SYNONYMS:
            head = head[:-1]
        synonyms = SYNONYMS.get(head, (head,))
        modifiers = [t.lower.removesuffix("'s").rstrip(".") for t in words[:-1]
                     if (t.capitalised or t.possessive) and t.lower not in DETERMINERS]
        best: tuple[tuple[int, int], Any] | None = None
        seen: set[int] = set()      # an entity met again further back fits no better
        # one fitting every modifier is the best: those further back rank no higher (nor do ties)
        best_score = 2 + sum(1 for m in modifiers if m)
        for where, _, target in self.before(position):
            if target.kind not in kinds or id(target) in seen:
                continue
            seen.add(id(target))
            if isinstance(target, Mention):
                if not target.role and target.kind == "person":
                    continue
                words_text = target.lowered
            else:
                words_text = target.words()
            if not any(s in words_text for s in synonyms):
                continue
            rank = (2 + sum(1 for m in modifiers if m and m[:5] in words_text), where)
            if best is None or rank > best[0]:
                best = (rank, target)
                if rank[0] == best_score:
                    break
        if best is not None:
            return self._entity_for(best[1], position), 0.85
        # not named earlier in the text: the one actor the store knows that fits ("the directorate")
        stored = [entity for entity in self.known_bodies if entity.kind in kinds
                  and any(s in entity.words() for s in synonyms)]
        if len(stored) == 1:
            return self.add(stored[0].name, stored[0].kind, position), 0.75
        if fallback is None:
            return None, 0.0
        if fallback in ("government_body", "organisation"):
            # named in full, in lower case, before: "the directorate of military intelligence"
            full = max(_lower_case_body(head).finditer(self.masked, max(0, position - 1500), position),
                       key=_MATCH_START, default=None)
            if full is not None:
                return self.add(self.text[full.start(1):full.end(1)], fallback, position), 0.6
        name = self.text[words[0].start:words[-1].end]
        return self.add(name, fallback, position), 0.5


_DEMONYM_ENDINGS = ("n", "an", "i", "ese", "ish")     # Kalvaria -> Kalvarian, Sarkand -> Sarkandi
_COUNTRY_HEADS = "government|officials|authorities|parliament|president|(?:[a-z]+ )?(?:minister|secretary|ministry)" \
    "|army|armed forces|embassy|ambassador"


_POSITION = operator.attrgetter("position")


def _best_fit(surname: str, described: str, namesakes: Sequence[_Fitting], words_of: Callable[[_Fitting], str]
              ) -> _Fitting | None:
    """Of two or more namesakes, the one whose words (``words_of``) the title and role words
    ``described`` share most (a military rank fits a military role), when one fits best."""
    words = set(re.findall(r"[a-z]{3,}", described.lower())) - {surname.lower()}
    if len(namesakes) < 2 or not words:
        return None
    military = bool(words & _MILITARY_TITLES)
    scores = []
    for namesake in namesakes:
        their_words = set(re.findall(r"[a-z]{3,}", words_of(namesake)))
        scores.append((len(words & their_words) + (military and bool(their_words & _MILITARY_WORDS)), namesake))
    scores.sort(key=lambda item: -item[0])
    return scores[0][1] if scores[0][0] > scores[1][0] else None

# a military rank before a surname fits the known namesake whose role is military
_MILITARY_TITLES = word_set("""lt col colonel gen general maj major capt captain sgt sergeant lieutenant brig
brigadier adm admiral marshal cpl corporal""")
# "Kalvaria's military intelligence": the agency, not its intelligence (a collective, as "estimates" is)
_INTELLIGENCE_KINDS = word_set("military defence defense foreign naval")
_APPOSITIVE_ACRONYM = re.compile(r",\s+the\s+([A-Z]{2,6}),")
_BODY_BEFORE = re.compile(r"((?:[A-Z][\w'\u2019.-]*\s+)+(?:[a-z]+\s+){0,3}[\w'\u2019-]+)\Z")
_SUBJECT_PRONOUNS = {"his": "he", "her": "she"}
_MILITARY_WORDS = word_set("""military army staff forces brigade command commander defence defense officer colonel
general battalion regiment navy troops""")
# where a name stands as its sentence's subject, or is given to the one a sentence is about ("His name is X")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\x03\"']?\s+|\n\s*|\b(?:[Hh]er|[Hh]is|[Tt]heir) name is\s+)\Z")
OPENS_REACH = 16      # the words before a name that _OPENS_SENTENCE reads
# a body's head word after its owner ("Tessaly's ministry", "her office")
BODY_HEAD = word_alternation(GOV_WORDS | ORG_WORDS)
# a timeline entry's date label ("January 16: "), which the sentence's subject comes after
DATE_LABEL = r"(?:[A-Z][a-z]*\.?(?:\s+\d{1,2})?:\s+)?"
_OPENING_NAME = re.compile(rf"{DATE_LABEL}(?:The\s+)?((?:[A-Z][\w'.-]+\s+){{0,4}}[A-Z][\w'.-]+"
                           rf"(?:(?<=['\u2019]s)\s+(?:[a-z-]+\s+)?{BODY_HEAD}\b)?)\s+[a-z]")
# a lone capitalised word before a verb, or before "who" or a description ("Hrytsak, who ..., was
# blunt", "Valdar, a slight man in a grey coat, followed ...")
# "who gave her name only as Olena", "who asked to be identified only as Olena": a person named so
_NAMED_ONLY_AS = re.compile(r"\bwho\s+(?:gave\s+(?:only\s+)?(?:her|his|their)\s+(?:first\s+|given\s+)?name"
                            r"|asked\s+to\s+be\s+(?:identified|named|called))\s+(?:only\s+)?(?:as\s+|,\s*)"
                            r"([A-Z][\w'-]+(?:\s+[A-Z]\.)?)")
_WHO_AFTER = re.compile(r",\s+who\b")      # a person, as "which" follows a country
# a name or "She" opening a sentence before its verb ("Vera Lind keeps a notebook", "She grew up")
_PERSON_OPENING = re.compile(r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+[a-z]")
_OPENING_WORD = re.compile(r"([A-Z][\w'-]+)(?:\s+[a-z]|,\s+(?:who\b|an?\s|the\s))")
# "The president has gone further.": a person's description opening a sentence (past a speaker label)
_DESCRIPTION_OPENING = re.compile(r"(?:[A-Z][A-Z'\u2019-]+:\s+)?(The\s+(?:[a-z-]+\s+){0,2}[a-z-]+)\s+"
                                  r"(?:has|have|had|is|was|said|says|went|did|will|would|[a-z]+ed)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\x03]?\s+|\n\s*)(?=\S)")
# the subject opening a sentence (past a transcript's speaker label), or the owner it opens with
# ("Drovenia's presidential spokesman ...": what a later "its" refers to)
_SUBJECT = re.compile(r"(?:[A-Z][A-Z'\u2019-]+:\s+)?(?:The\s+)?((?:[A-Z][\w'-]+\s+){0,4}[A-Z][\w'-]+)"
                      r"(?:,|\s+(?:has|have|had|is|was|said|says|denied|denies|did|does|will|would|continues|continued"
                      r"|put|puts|estimated|estimates|counted|counts|raised|published|reported|for its part)\b"
                      r"|['\u2019]s\s+[a-z])")
_OWNER = re.compile(r"^(?:the\s+)?[\w-]+['\u2019]s\s+", re.IGNORECASE)     # "Kalvaria's " before a body's name
_SPOKESPERSON = re.compile(r"(?:(?P<before>(?:[Tt]he\s+|[Ii]ts\s+|[Tt]heir\s+)?(?:[\w.-]+\s+){0,4}?[\w.-]+?)"
                           r"(?:['\u2019]s)?\s+)?(?:chief\s+|press\s+|main\s+)?"
                           r"(?:spokes(?:man|woman|person)|press secretary)"
                           r"(?:\s+(?:for|of|at)\s+(?P<after>(?:the\s+)?(?:[\w'\u2019.-]+\s+){0,5}[\w'\u2019.-]+))?")
# "By Ada Moreland", "From our correspondent, Ada Moreland, in Varno": a line of its own near the top
_BYLINE_LINE = re.compile(r"^(?:By|From)\s[^\n.!?]{2,150}$", re.M)
BYLINE_REACH = 400
NAMED_LATER_PERSON_REACH = 4000     # how far after a "she" with no one before it its person is looked for
_TIMELINE_POSITION = operator.itemgetter(0)
# the kinds of actor a pronoun of each sort can stand for
# ", the station's late programme": a name in apposition with a work, not a person
_TITLE_OF_A_WORK = re.compile(r",\s+(?:the|a|an|its|their)\s+(?:[\w'\u2019-]+\s+){0,4}?"
                              r"(?:programme|program|show|podcast|series|documentary|film|newspaper|magazine|"
                              r"channel|newsletter|broadcast)\b")
_PRONOUN_KINDS = {"person": ("person",), "thing": ("government_body", "organisation"),
                  "group": ("anonymous_group", "collective", "government_body", "organisation")}
# A title word as a token's lower case reads it (a token ends in one full stop at most): "gen."
_TITLE_FORMS = TITLE_WORDS | {f"{word}." for word in TITLE_WORDS}


def _run_seeds(tokens: list[Token]) -> Iterator[int]:
    """The indices of the tokens a run of names can open with (``is_nameish`` or ``is_title``,
    and a few more capitalised words): one generator over the text's words (no list of them
    held), where the two tests were called on every word."""
    return (index for index, token in enumerate(tokens) if token.text[0].isupper() or token.lower in _TITLE_FORMS)
# "data from the ministry", "a statement by the office", "a study by the centre": the body's words
_RECORD_HEADS = COLLECTIVE_HEADS | frozenset(("statement", "statements", "study", "survey", "analysis", "release"))
# a newspaper's name: capitalised words ending in a title word of the press ("the Kostel Herald")
_OUTLET = re.compile(r"\b((?:[A-Z][\w'\u2019-]*\s+){1,3}(?:Herald|Courier|Times|Post|Gazette|Journal|Tribune|Chronicle"
                     r"|Observer|Standard|Telegraph|Examiner|Messenger|Bulletin|Daily|Mail|Express|Globe|Ledger|Courant"
                     r"|Review|Inquirer|Dispatch|Sentinel|Argus|Evening\s+News))\b")
_PRESS_HEADS = frozenset(("paper", "newspaper"))
# the parts of a body that speak for it ("the trust's tracing service", "the ministry's press office")
_BODY_UNITS = frozenset(("service", "office", "department", "desk", "unit", "team", "bureau", "secretariat"))
OUTLET_REACH = 1500     # how far before "the paper" the newspaper it means is looked for
RECORD_AHEAD = 600     # how far after "a new report" the words naming who published it are looked for
# "the report", "its authors": a record or its authors speaking, who are the body it is by
_RECORD_VOICES = frozenset(("report", "study", "survey", "authors", "accounting", "analysis", "document"))
# the record's words up to "by": one sentence, a quote in it masked and an abbreviation's stop ("dated Dec. 4") in it
_RECORD_BYLINE = re.compile(r"\b(?:report|study|survey|paper|analysis|assessment|document)s?\b"
                            r"(?:[^.;\n]|\.(?=\s*[\d,a-z])){0,120}?(?<!seen )(?<!obtained )(?<!reviewed )\bby\s+"
                            "(?!" + MONTH_PATTERN.replace(r"\.", "") + ")"      # "had died by Oct. 31": a date
                            r"(?:the\s+)?((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?){0,8}"
                            r"[A-Z][\w'\u2019-]*)")
DESCRIPTION_REACH = 300     # how far before a pronoun the sentence opening with a description is looked for
AFFILIATION_REACH = 160     # how far after a person's name the body they work for is looked for
_AFFILIATION_END = re.compile(r"[.;:!?\n\x02]")
NAMED_LATER_REACH = 600     # how far after a description its name is looked for (about two sentences)
_FULL_NAME = r"((?:[A-Z][\w'-]+\s+){1,3}[A-Z][\w'-]+)"


_MATCH_START = operator.methodcaller("start")


def _named_by_kind(words: list[Token]) -> list[Token] | None:
    """The name after a lower-case word of what kind of body it is ("group" in "the open-source
    group Oryx Watch", "agency" in "the refugee agency UNHCR"), if the phrase ends in one."""
    at = len(words)
    while at > 0 and is_nameish(words[at - 1]):
        at -= 1
    if 0 < at < len(words) and not words[at - 1].capitalised and \
            (words[at - 1].lower in GOV_WORDS or words[at - 1].lower in ORG_WORDS):
        return words[at:]
    return None


@functools.lru_cache(maxsize=4096)
def _content_words(name: str) -> frozenset[str]:
    """The words of a body's name less owners' marks and joining words, for comparing word orders."""
    return frozenset(re.findall(r"[a-z]+", _name_key(re.sub(r"['\u2019]s\b", "", name)))) - _JOINING_WORDS


_JOINING_WORDS = frozenset(("the", "of", "for", "and"))


@functools.lru_cache(maxsize=64)
def _lower_case_body(head: str) -> re.Pattern[str]:
    """A body named in lower-case words: "the directorate of military intelligence"."""
    word = r"(?!(?:has|have|had|is|was|were|are|said|says|will|would|and|or|but|in|on|at|to)\b)[a-z]+"
    return re.compile(rf"\b[Tt]he\s+({re.escape(head)}\s+(?:of|for)\s+(?:{word}\s+){{0,2}}{word})\b")


@functools.lru_cache(maxsize=256)
def _naming_pattern(head: str) -> re.Pattern[str]:
    described = rf"\b[Tt]he\s+(?:[\w'-]+\s+){{0,3}}?{re.escape(head)}"
    return re.compile(rf"{described}\s*,\s*{_FULL_NAME}\s*,|{_FULL_NAME},\s+{described}\b")


def _named_later(masked: str, head: str, after: int) -> str | None:
    """The full name that the next sentences give "the HEAD" after ``after``, if any."""
    match = _naming_pattern(head).search(masked, after, min(len(masked), after + NAMED_LATER_REACH))
    if match is None:
        return None
    name = match.group(1) or match.group(2)
    tokens = list(itertools.dropwhile(lambda token: not is_nameish(token) or is_title(token),
                                      word_tokens(name, 0, len(name))))
    return name[tokens[0].start:] if len(tokens) >= 2 and is_name(tokens) else None


def _clean_role(role: str) -> str:
    role = " ".join(role.split()).strip(" ,")
    role = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.I)
    return role



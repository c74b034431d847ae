"""Reporting clauses and who said each quote.

Per sentence: ``X said``, ``"...," said X, role``, ``X, role, said``, ``role, X, said``,
``X said: "..."``, ``according to X``, ``X: "..."`` opening a paragraph, ``(put forward /
released ...) by X``, and figure claims such as ``estimates have put the number at``.
Each quote then takes the reporting clause next to it, else the one before it in its
paragraph, else the speaker of the paragraph before (a quote running on over paragraphs
shares its speaker). Clauses are looked for within ``WINDOW`` characters of their verb.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.dates import DATELINE, DateMention, dates_between
from extract.lexicon import (
    BELIEF_VERBS,
    CLAIM_OBJECTS,
    CLAIM_VERBS,
    COLLECTIVE_HEADS,
    CONNECTORS,
    DETERMINERS,
    FIGURE_OBJECT_VERBS,
    FILLERS,
    GOV_WORDS,
    INVERTING_VERBS,
    MODIFIERS,
    MONTH_PATTERN,
    NP_PREPOSITIONS,
    ORG_WORDS,
    PARTITIVES,
    PLACES,
    PLURAL_PERSON_HEADS,
    PRONOUNS,
    QUANTIFIER_WORDS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STOP_CAPITALISED,
    TITLE_WORDS,
    VERBISH,
    WEEKDAY_PATTERN,
    word_set,
)
from extract.text import (
    MASK_CLOSE,
    MASK_FILL,
    MASK_OPEN,
    Quote,
    Sentence,
    TextTokens,
    Token,
    last_char,
    only_spaces,
    pattern_anchor,
    skip_spaces,
    word_alternation,
    word_tokens,
)

if TYPE_CHECKING:
    from extract.actors import Entity


@dataclass
class Phrase:
    """A speaker phrase as printed, with its role when the sentence states one."""

    start: int
    end: int
    tokens: list[Token]
    role: tuple[int, int] | None = None
    joint: Phrase | None = None     # the second of two people named together ("A of X and B of Y said")


@dataclass
class Attribution:
    phrase: Phrase
    verb_start: int
    verb_end: int
    style: str                 # before / after / inverted / according / citing / colon / by / claim
    region: tuple[int, int]    # where its date of speaking may stand
    entity: Entity | None = None
    factor: float = 0.0


# --- 4. speaker phrases ------------------------------------------------------------------------

def is_title(token: Token) -> bool:
    return token.lower.rstrip(".") in TITLE_WORDS


def body_kind(lower_words: set[str], name: str) -> str | None:
    """government_body or organisation when the words name one ("Russia's Defense Ministry")."""
    lowered = name.lower()
    if lower_words & {"news", "press"} and lower_words & {"agency", "service"}:
        return "organisation"
    if lower_words & GOV_WORDS or "white house" in lowered or "state department" in lowered:
        if "agency" in lower_words and not lower_words & {"intelligence", "security", "space", "government"}:
            return "organisation"
        return "government_body"
    if lower_words & ORG_WORDS:
        return "organisation"
    return None


_WEEKDAY_OR_MONTH = re.compile(WEEKDAY_PATTERN + "|" + MONTH_PATTERN.replace(r"\.", ""))


def is_nameish(token: Token) -> bool:
    return token.capitalised and _nameish_word(token.text)


@functools.lru_cache(maxsize=4096)      # asked of every capitalised word, often several times
def _nameish_word(text: str) -> bool:
    return text.lower().rstrip(".") not in STOP_CAPITALISED and not _WEEKDAY_OR_MONTH.fullmatch(text.rstrip("."))


def np_token_ok(token: Token) -> bool:
    lower = token.lower
    return (is_nameish(token) or token.possessive or lower in ROLE_NOUNS or lower in MODIFIERS
            or lower in QUANTIFIER_WORDS)


def _the_body(phrase: Phrase) -> bool:
    """Whether a speaker phrase is "the" and a body's head noun: "the office", "the ministry"."""
    words = phrase.tokens
    return len(words) == 2 and words[0].lower == "the" and body_kind({words[1].lower}, words[1].text) is not None


_DOCUMENT_HEADS = frozenset(("document", "documents"))     # "the document estimates": its author's words


def phrase_before(masked: str, tokens: list[Token], end: int, low: int) -> Phrase | None:
    """The noun phrase that ends at ``end`` (a speaker before its verb), not before ``low``."""
    index = len(tokens) - 1
    while index >= 0 and tokens[index].start >= end:
        index -= 1
    if index < 0 or tokens[index].start < low or not only_spaces(masked, tokens[index].end, end):
        return None
    head = tokens[index]
    if head.lower in PRONOUNS:
        return Phrase(head.start, head.end, [head])
    if head.lower == "year-old":      # "the 54-year-old said" (the number a token of its own, or not)
        the = index - 1 - (index >= 2 and tokens[index - 1].lower.isdigit())
        if the >= 0 and tokens[the].lower == "the" and _AGE.fullmatch(masked, tokens[the].end, head.start):
            return Phrase(tokens[the].start, head.end, [tokens[the], head])
    if not (is_nameish(head) or head.lower in ROLE_NOUNS or head.lower in GOV_WORDS or head.lower in ORG_WORDS
            or head.lower in _DOCUMENT_HEADS):
        return None
    taken = [head]
    has_and = False
    index -= 1
    while index >= 0 and tokens[index].start >= low:
        token, right = tokens[index], taken[0]
        gap = masked[token.end:right.start]
        if gap.strip(" \t"):
            # a list of names: "U.S., Ukrainian and South Korean estimates"
            if gap.strip() == "," and has_and and is_nameish(token) and is_nameish(right):
                taken.insert(0, token)
                index -= 1
                continue
            break
        lower = token.lower
        if lower in ("its", "their") and (any(t.capitalised for t in taken) or taken[-1].lower in GOV_WORDS
                                          or taken[-1].lower in ORG_WORDS):
            taken.insert(0, token)          # "Its Defense Ministry"
            break
        if lower in ("his", "her") and taken[-1].lower == "office":
            taken.insert(0, token)          # "her office says": the person's own staff
            break
        if lower in DETERMINERS:
            taken.insert(0, token)
            # "one of the officials", "two of the soldiers"
            if lower == "the" and index >= 2 and tokens[index - 1].lower == "of" and \
                    (tokens[index - 2].lower in QUANTIFIER_WORDS or tokens[index - 2].lower in PARTITIVES) and \
                    only_spaces(masked, tokens[index - 2].end, token.start) and tokens[index - 2].start >= low:
                taken[0:0] = [tokens[index - 2], tokens[index - 1]]
                break
            # "a spokesperson for the ministry": cross a preposition after a role noun
            if index >= 2 and tokens[index - 1].lower in NP_PREPOSITIONS and \
                    only_spaces(masked, tokens[index - 1].end, token.start) and \
                    (tokens[index - 2].lower in ROLE_NOUNS or is_nameish(tokens[index - 2])) and \
                    only_spaces(masked, tokens[index - 2].end, tokens[index - 1].start) and \
                    tokens[index - 2].start >= low:
                taken[0:0] = [tokens[index - 2], tokens[index - 1]]
                index -= 3
                continue
            break
        previous = tokens[index - 1] if index >= 1 else None
        attached = previous is not None and only_spaces(masked, previous.end, token.start)
        previous_word = previous.lower if previous is not None else ""
        previous_nameish = previous is not None and is_nameish(previous)
        if lower in ("and", "&") and attached and (previous_nameish or previous_word in MODIFIERS):
            has_and = True
            taken.insert(0, token)
        elif (lower in NP_PREPOSITIONS and attached and (previous_word in ROLE_NOUNS or previous_word in GOV_WORDS
                                                          or previous_word in ORG_WORDS or previous_nameish)
              and (is_nameish(right) or right.lower in DETERMINERS)) \
                or (lower in CONNECTORS and is_nameish(right) and previous_nameish) or np_token_ok(token) \
                or (lower in GOV_WORDS or lower in ORG_WORDS) and right.lower in NP_PREPOSITIONS:
            taken.insert(0, token)          # ... "the harbour authority of Tolmin"
        else:
            # unknown lowercase modifiers between an owner and the head: "Ukraine's human rights commissioner"
            run = index
            while run >= 0 and index - run < 3 and tokens[run].start >= low and tokens[run].text.isalpha() \
                    and tokens[run].text.islower() and tokens[run].lower not in VERBISH \
                    and tokens[run].lower not in FILLERS and tokens[run].lower not in DETERMINERS \
                    and only_spaces(masked, tokens[run].end,
                                    (tokens[run + 1] if run + 1 < len(tokens) else token).start):
                run -= 1
            if run >= 0 and run < index and tokens[run].start >= low and \
                    only_spaces(masked, tokens[run].end, tokens[run + 1].start) and \
                    (tokens[run].possessive or tokens[run].lower in DETERMINERS
                     or tokens[run].lower in ("its", "their")) and not taken[0].capitalised \
                    and (_head(taken).lower in ROLE_NOUNS or _head(taken).lower in GOV_WORDS
                         or _head(taken).lower in ORG_WORDS):
                taken[0:0] = tokens[run + 1:index + 1]
                index = run
                continue
            break
        index -= 1
    while taken and (taken[0].lower in CONNECTORS or taken[0].lower in NP_PREPOSITIONS):
        taken.pop(0)
    if not taken:
        return None
    del taken[_affiliation_start(taken):]
    if index >= 0 and tokens[index].lower in ("one", "another") and tokens[index].start >= low and \
            taken[0].lower not in DETERMINERS and only_spaces(masked, tokens[index].end, taken[0].start):
        taken.insert(0, tokens[index])      # "One commander told"
    return Phrase(taken[0].start, taken[-1].end, taken)


def _affiliation_start(taken: list[Token]) -> int:
    """Where a person's name is followed by where they work ("Col. Teodor Brask of the Northern
    Command", "Tobias Wren of the Halden Institute"): the person speaks, so the phrase ends at the
    name. A body's or a title's name goes on ("the Ministry of the Interior", "the Mayor of the
    Tolmin District"), and so does one lone word ("Friends of the Earth"); else ``len(taken)``."""
    for at in range(2, len(taken) - 1):
        name = taken[at - 1]
        if taken[at].lower in ("of", "for") and taken[at + 1].lower == "the" and is_nameish(name) and \
                name.lower not in _NAMED_BY_OF and name.lower not in ROLE_NOUNS and \
                not any(token.lower in DETERMINERS for token in taken[:at]):
            return at
    return len(taken)


def _head(tokens: list[Token]) -> Token:
    """The head noun of a phrase: its last word, or the one before its first preposition
    ("authority" in "harbour authority of Tolmin")."""
    return next((tokens[i - 1] for i in range(1, len(tokens)) if tokens[i].lower in NP_PREPOSITIONS), tokens[-1])


_AGE = re.compile(r"(?:\s+\d{1,3})?-")     # "a 31-year-old sergeant", with or without its number token


_DESCRIBED_HEADS = GOV_WORDS | ORG_WORDS | COLLECTIVE_HEADS | frozenset(("study", "survey", "analysis", "report",
                                                                           "accounting", "document"))
MAX_DESCRIBING_WORDS = 4     # "the most detailed independent accounting": words before a described head


def _described_head(masked: str, tokens: list[Token], index: int, high: int) -> int | None:
    """Where the head of a body or record stands after the lower-case words from ``index`` on ("new
    study", "most detailed independent accounting"), if one does, the words joined by spaces alone."""
    for at in range(index + 1, min(len(tokens), index + MAX_DESCRIBING_WORDS + 1)):
        token = tokens[at]
        if token.end > high or not only_spaces(masked, tokens[at - 1].end, token.start) or not token.text.islower() \
                or tokens[at - 1].lower in VERBISH or token.lower in _OWNER_WORDS:
            return None     # a determiner opens another noun phrase: "the budget its finance ministry published"
        if token.lower in _DESCRIBED_HEADS:
            return at
    return None


# A body's or a title's head word, which "of the" continues ("the Ministry of the Interior", "the
# Mayor of the Tolmin District"); after a person's name it says where they work.
_NAMED_BY_OF = GOV_WORDS | ORG_WORDS | TITLE_WORDS


def phrase_after(masked: str, tokens: list[Token], start: int, high: int) -> Phrase | None:
    """The noun phrase that starts at ``start`` (after "according to", "said", "by")."""
    index = 0
    while index < len(tokens) and tokens[index].start < start:
        index += 1
    if index >= len(tokens) or tokens[index].end > high or not only_spaces(masked, start, tokens[index].start):
        return None
    taken: list[Token] = []
    while index < len(tokens) and tokens[index].end <= high:
        token = tokens[index]
        if taken and masked[taken[-1].end:token.start].strip(" \t") and \
                not (token.lower == "year-old" and _AGE.fullmatch(masked, taken[-1].end, token.start)):
            break
        nxt = tokens[index + 1] if index + 1 < len(tokens) and tokens[index + 1].end <= high else None
        lower = token.lower
        joined = nxt is not None and only_spaces(masked, token.end, nxt.start)
        if not taken and lower in DETERMINERS:
            taken.append(token)
        elif not taken and (lower in PARTITIVES or lower in QUANTIFIER_WORDS) and nxt is not None \
                and nxt.lower == "of" and joined:
            taken.extend([token, nxt])           # "one of the projects"
            index += 2
            continue
        elif not taken and lower in ("one", "another") and nxt is not None and joined and np_token_ok(nxt):
            taken.append(token)                  # "said one NATO official"
        elif not taken and lower in PRONOUNS:
            return Phrase(token.start, token.end, [token])
        elif len(taken) == 1 and taken[0].lower in DETERMINERS and token.text.islower() and lower not in VERBISH \
                and (head := _described_head(masked, tokens, index, high)):
            taken.extend(tokens[index:head + 1])     # unknown words before a body's or record's head: "the
            index = head + 1                         # open-source group X", "the most detailed accounting"
            continue
        elif np_token_ok(token) or taken and (lower == "year-old" or lower.isdigit() and nxt is not None
                                              and nxt.lower == "year-old"):
            taken.append(token)
        elif lower == "the" and len(taken) > 1 and taken[-1].lower in ("of", "for") and is_nameish(taken[-2]) and \
                taken[-2].lower in _NAMED_BY_OF and nxt is not None and joined and is_nameish(nxt):
            taken.append(token)  # "the General Staff of the Armed Forces", "the Mayor of the ..."
        elif taken and nxt is not None and lower in ("and", "&") + tuple(CONNECTORS) and joined and \
                (is_nameish(nxt) or nxt.lower in DETERMINERS or nxt.lower in MODIFIERS):
            if lower in NP_PREPOSITIONS and not (taken[-1].lower in ROLE_NOUNS or is_nameish(taken[-1])):
                break
            taken.append(token)
        else:
            break
        index += 1
    while taken and (taken[-1].lower in CONNECTORS or taken[-1].lower in DETERMINERS
                     or taken[-1].lower in NP_PREPOSITIONS):
        taken.pop()
    if not taken or all(t.lower in DETERMINERS | MODIFIERS for t in taken):
        return None
    return Phrase(taken[0].start, taken[-1].end, taken)


def _strip_fillers(masked: str, tokens: list[Token], end: int, low: int, date_ends: dict[int, DateMention]) -> int:
    """Move ``end`` left over auxiliaries, adverbs and date expressions before a verb."""
    for _ in range(12):
        stripped = end
        while stripped > low and masked[stripped - 1] in " \t":
            stripped -= 1
        date = date_ends.get(stripped)
        if date is not None and date.start >= low:
            end = date.start
            continue
        at = bisect.bisect_right(tokens, stripped, key=_TOKEN_END) - 1     # the token ending there, if any
        token = tokens[at] if at >= 0 and tokens[at].end == stripped else None
        if token is not None and token.start >= low and token.lower in FILLERS:
            end = token.start
            continue
        window = max(low, stripped - 120)
        phrase = _FILLER_PHRASE.search(masked, window, stripped) \
            if _FILLER_CUE.search(masked, window, stripped) else None
        if phrase and phrase.start() > low:
            end = phrase.start()
            continue
        break
    return end


_TOKEN_END = operator.attrgetter("end")
_VERB_START = operator.attrgetter("verb_start")
_TOKEN_START = operator.attrgetter("start")
_FILLER_PHRASE = re.compile(
    r"(?:,\s*)?(?:in a (?:\w+ )?(?:statement|post|video|interview|address|briefing)"
    r"|on (?:Telegram|X|Twitter|Facebook|television|TV|Sunday|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday)|familiar with [\w\s'-]+|who spoke on condition of anonymity"
    r"|speaking on condition of anonymity|who asked not to be named|\([A-Z]{2,6}\))\s*$")
# Words one of which stands wherever _FILLER_PHRASE matches: that is tried at every character of
# its window, and most windows have none of them.
_FILLER_CUE = re.compile(r"in a |on |familiar with|not to be named|\(")


def is_roleish(masked: str, tokens: list[Token]) -> bool:
    """Words that describe rather than name: a role noun, a determiner or lowercase words."""
    return any(t.lower in DETERMINERS or (not t.capitalised and t.lower not in CONNECTORS) or t.possessive
               or t.lower.rstrip(".") in TITLE_WORDS for t in tokens)


def is_name(tokens: list[Token]) -> bool:
    """Capitalised words, two to five, that are not an organisation or a place."""
    words = [t for t in tokens if t.lower not in CONNECTORS]
    if not 1 <= len(words) <= 5 or not all(is_nameish(t) for t in words):
        return False
    if any(t.lower in GOV_WORDS or t.lower in ORG_WORDS for t in words):
        return False
    return not (len(words) == 1 and words[0].lower.rstrip(".") in PLACES)


def joint_names(tokens: list[Token], *, exact: bool = False) -> tuple[list[Token], list[Token]] | None:
    """Two people named together, each as its leading name: "Aino Rask of the Green Party and Pekka
    Lund of the Farmers' Union" or (``exact``: nothing but the names) "lawmakers Aino Rask and Pekka
    Lund" (role words dropped)."""
    at = next((i for i, t in enumerate(tokens) if t.lower in ("and", "&")), -1)
    if at < 0:
        return None
    sides = []
    for side in (tokens[:at], tokens[at + 1:]):
        while side and (is_title(side[0]) or side[0].lower in ROLE_NOUNS or side[0].lower in PLURAL_PERSON_HEADS):
            side = side[1:]
        run = list(itertools.takewhile(is_nameish, side))
        if not 2 <= len(run) <= 4 or not is_name(run) or exact and len(run) != len(side):
            return None
        sides.append(run)
    return sides[0], sides[1]


_OWNER_WORDS = frozenset(("the", "a", "an", "his", "her", "their", "its"))


def _description_before(masked: str, tokens: list[Token], end: int, low: int) -> Phrase | None:
    """Lowercase words after a determiner or owner, ending at ``end``: a description the
    lexicon does not know ("the nurse", "her younger brother", "a local baker")."""
    at = bisect.bisect_right(tokens, end, key=_TOKEN_END) - 1
    taken: list[Token] = []
    while at >= 0 and len(taken) < 5 and tokens[at].start >= low and \
            only_spaces(masked, tokens[at].end, taken[0].start if taken else end):
        token = tokens[at]
        if token.lower in _OWNER_WORDS or token.possessive:
            return Phrase(token.start, taken[-1].end, [token, *taken]) if taken else None
        if not (token.text.isalpha() and token.text.islower()) or token.lower in VERBISH or token.lower in FILLERS:
            return None
        taken.insert(0, token)
        at -= 1
    return None


def _appositive_before(masked: str, tokens: list[Token], comma: int, low: int) -> Phrase | None:
    """``X, role, said`` or ``role, X, said``: the speaker, with the role as stated; of two
    joined by "and" ("X, the mayor, and her deputy, Y, said"), the first, with the second."""
    phrase = _one_appositive_before(masked, tokens, comma, low)
    if phrase is None or phrase.joint is not None:
        return phrase
    begins = min(phrase.start, phrase.role[0]) if phrase.role else phrase.start
    conjunct = _AND_CONJUNCT.search(masked, max(low, begins - 18), begins)
    if conjunct is None:
        return phrase
    first = _one_appositive_before(masked, tokens, conjunct.start(), low) if conjunct.group(1) \
        else phrase_before(masked, tokens, conjunct.start(), low)
    if first is None or not is_name(first.tokens) or first.role is None and len(first.tokens) < 2:
        return phrase
    first.joint = phrase
    return first


_AND_CONJUNCT = re.compile(r"(,?)\s*\band\s+(?:(?:his|her|their|its|the|a)\s+)?$")


def _one_appositive_before(masked: str, tokens: list[Token], comma: int, low: int) -> Phrase | None:
    """``X, role, said`` or ``role, X, said``: the speaker, with the role as stated."""
    previous = masked.rfind(",", low, comma)
    if previous < 0:
        return None
    relative = max(_RELATIVE_COMMA.finditer(masked, low, comma), key=_MATCH_START, default=None)
    if relative is not None:
        # "X, who ... (however long, with commas of its own: "the spokeswoman, Y,") ..., said": X speaks;
        # "X, the mayor, who ..., said": the appositive before the relative clause
        if last_char(masked, relative.start(), low) != MASK_CLOSE and masked.rfind(",", low, relative.start()) >= 0:
            described = _one_appositive_before(masked, tokens, relative.start(), low)
            if described is not None:
                return described
        return phrase_before(masked, tokens, relative.start(), low)
    inner = [t for t in tokens if previous < t.start and t.end <= comma]
    if not inner or len(inner) > 20:
        return None
    outer = phrase_before(masked, tokens, previous, low)
    if outer is None and is_name(inner):
        outer = _description_before(masked, tokens, previous, low)      # "the nurse, Ilse Varga, said"
    if outer is None:
        earlier = masked.rfind(",", low, previous)
        if earlier >= 0 and masked[earlier + 1:previous].strip().isdigit():
            outer = phrase_before(masked, tokens, earlier, low)         # "Ilse Varga, 54, a nurse, said"
    first = inner[0].lower
    if outer is None:
        return None
    inner_span = (inner[0].start, inner[-1].end)
    if first.endswith("ing") or inner[0].text[0].isdigit():
        return outer                                  # "X, speaking in Y, said" / "X, 45, said"
    joint = joint_names(inner)
    if joint is not None and is_roleish(masked, outer.tokens):
        # "The lawmakers, A of party X and B of party Y, said": A speaks, B with A
        lead, partner = joint
        return Phrase(lead[0].start, lead[-1].end, lead, role=(outer.start, outer.end),
                      joint=Phrase(partner[0].start, partner[-1].end, partner))
    if is_name(inner) and is_roleish(masked, outer.tokens):
        # "Zelensky's chief aide, Andriy Yermak, said"
        return Phrase(inner_span[0], inner_span[1], inner, role=(outer.start, outer.end))
    if is_roleish(masked, inner):
        return Phrase(outer.start, outer.end, outer.tokens, role=inner_span)
    return outer


_MATCH_START = operator.methodcaller("start")
_RELATIVE_COMMA = re.compile(r",\s*(?:who|which|whose)\b")
_RELATIVE_SUBJECT = re.compile(r",\s*(?:who|which)\s*$")      # "X, which claimed": X is the subject
_AGENT_BEFORE = re.compile(r"\s(?:seen|obtained|reviewed|viewed|cited|quoted|shared with)\s+by\s+$")
_AND_BEFORE = re.compile(r"\band\s*$")
_FRONTED = re.compile(r"(?:On|In|At|Later|Earlier|Meanwhile|Separately|Yesterday|Today)\b[^,\x02\n]{0,40},\s*"
                      r"|[A-Z][A-Z'\u2019-]+:\s+")     # or a transcript's speaker label
_SUBJECT_END = re.compile(r"\s*(?:,|[a-z])")


_FAMILIAR_WITH = re.compile(r"\s+familiar\s+with\s")


def _familiar_with(masked: str, tokens: list[Token], end: int, verb_start: int) -> int:
    """Where "sources" end when "familiar with the matter" describes them (part of how the group
    is named), less the auxiliaries and adverbs before the verb; else ``end``."""
    if not _FAMILIAR_WITH.match(masked, end, verb_start):
        return end
    words = [t for t in tokens if end < t.start and t.end <= verb_start]
    while words and words[-1].lower in FILLERS:
        words.pop()
    return words[-1].end if len(words) > 2 else end


def _subject_of(masked: str, tokens: list[Token], start: int) -> Phrase | None:
    """The subject opening a sentence, for a second verb it shares: "X, speaking in Y, thanked
    the crews and said ..." (the phrase must be followed by a comma or a lower-case verb)."""
    start = skip_spaces(masked, start)
    dateline = DATELINE.match(masked, start)         # "KOSTEL, Sept 15 (Sentinel) – Tessaly ..."
    fronted = _FRONTED.match(masked, dateline.end() if dateline else start)
    opening = fronted.end() if fronted else dateline.end() if dateline else start
    phrase = phrase_after(masked, tokens, opening, start + WINDOW)
    if phrase is None or not phrase.tokens[-1].capitalised and phrase.tokens[-1].lower not in PRONOUNS \
            and phrase.tokens[-1].lower not in ROLE_NOUNS or not _SUBJECT_END.match(masked, phrase.end):
        return None
    _, name = _role_after(masked, tokens, phrase.end, start + WINDOW)
    if name is not None and is_roleish(masked, phrase.tokens):      # "The mayor, Ilse Vinter, ..."
        return Phrase(name.start, name.end, name.tokens, role=(phrase.start, phrase.end))
    return phrase


# "said a sergeant, who gave only his first name, Teodor": the name is the speaker, the description his role
_GIVEN_NAME = re.compile(r"[^,;:\x02\x03\n]{0,80}?,\s*who\s+(?:gave|would give|identified (?:him|her)self)(?:\s+only)?"
                         r"(?:\s+(?:his|her)\s+(?:first\s+|given\s+)?name)?(?:\s+only)?(?:\s+as\s+|\s*,\s*)()[A-Z]")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:\x02]|on\b|in an?\b|$)")


def _speaker_after(masked: str, tokens: list[Token], verb_end: int, high: int, *, whole_clause: bool) -> Phrase | None:
    """The speaker of ``said X`` (with its role: ``said X, role`` or ``said role, X``); with
    ``whole_clause`` (no quote before it) only a phrase that ends its clause ("..., said X.")."""
    phrase = phrase_after(masked, tokens, skip_spaces(masked, verb_end), high) or \
        _someone_after(tokens, skip_spaces(masked, verb_end), masked, high)
    if phrase is None or whole_clause and not _CLAUSE_END.match(masked, phrase.end, high):
        return None
    given = _GIVEN_NAME.match(masked, phrase.end, high)
    if given:
        at = bisect.bisect_left(tokens, given.end(1), key=_TOKEN_START)
        if at < len(tokens) and tokens[at].start == given.end(1):
            return Phrase(tokens[at].start, tokens[at].end, [tokens[at]], role=(phrase.start, phrase.end))
    role, name = _role_after(masked, tokens, phrase.end, high)
    if name is not None and is_roleish(masked, phrase.tokens):
        return Phrase(name.start, name.end, name.tokens, role=(phrase.start, phrase.end))
    if role is not None:
        phrase.role = role
    return phrase


# "said a fisherman, who ...", "said one farmer.": whoever a noun after "a" describes (any noun: the
# people a reporter meets are named by their trade, and the lexicon cannot list every trade)
_SOMEONE = re.compile(r"(?:a|an|one|another)\s+[a-z]+(?:-[a-z]+)?(?=\s*(?:[,.;\x02]|$|who\b|from\b|in\b))")


def _someone_after(tokens: list[Token], start: int, masked: str, high: int) -> Phrase | None:
    someone = _SOMEONE.match(masked, start, high)
    if someone is None:
        return None
    words = [t for t in tokens if start <= t.start and t.end <= someone.end()]
    return Phrase(words[0].start, words[-1].end, words) if len(words) == 2 else None


def _role_after(masked: str, tokens: list[Token], end: int, high: int) -> tuple[tuple[int, int] | None, Phrase | None]:
    """After ``said X``: ``, a spokeswoman for ...`` (a role) or ``, Ivan Petrov`` (the name)."""
    match = re.match(r",\s*", masked[end:high])
    if not match:
        return None, None
    start = end + match.end()
    stop = high
    for index in range(start, min(high, start + 200)):
        initial = masked[index] == "." and index + 1 < high and masked[index + 1].isalpha()     # "U.S."
        if masked[index] in ",;:.\x02\x03" and not initial:
            stop = index
            break
    inner = [t for t in tokens if start <= t.start and t.end <= stop]
    if not inner:
        return None, None
    if is_name(inner) and len(inner) <= 4:
        return None, Phrase(inner[0].start, inner[-1].end, inner)
    described = inner[0].lower in DETERMINERS or any(t.lower in ROLE_NOUNS or t.lower.rstrip(".") in TITLE_WORDS
                                                     for t in inner)
    if described and len(inner) <= 14:
        return (inner[0].start, inner[-1].end), None
    return None, None


# "monitors have counted 140 strikes": who counted owns the figure (never a quote's speaker)
COUNTING_VERBS = word_set("counted counts recorded records documented documents registered tallied logged verified")
# verbs of an estimate, a claim of whoever makes it ("the institute calculates that N")
ESTIMATING_VERBS = word_set("estimate estimated estimates assessed assesses calculate calculates calculated")
_VERB_RE = re.compile(r"\b(" + word_alternation(SPEECH_VERBS | CLAIM_VERBS | BELIEF_VERBS | COUNTING_VERBS
                                         | ESTIMATING_VERBS | FIGURE_OBJECT_VERBS) + r")\b")
_SOURCE_RE = re.compile(r"\b(?:[Aa]ccording to|[Cc]iting)\s+")
_BY_VERBS = ("put forward", "given", "released", "cited", "provided", "published", "issued", "offered", "compiled",
             "reported", "announced", "claimed", "confirmed", "estimated", "made", "quoted", "relayed")
_BY_RE = re.compile(r"\b(?:" + "|".join(_BY_VERBS) + r")(?:\s+[\w'.]+){0,6}?\s+by\s+")
# Where any of the three can match: most sentences have none, and each alone was tried at every
# word boundary of the sentence.
_CLAUSE_ANCHOR = pattern_anchor(
    "".join(sorted({word[0] for word in SPEECH_VERBS | CLAIM_VERBS | BELIEF_VERBS | COUNTING_VERBS
                                         | ESTIMATING_VERBS | FIGURE_OBJECT_VERBS | set(_BY_VERBS)}
                   | set("AaCc"))),
    re.compile("|".join(f"(?:{pattern.pattern})" for pattern in (_VERB_RE, _SOURCE_RE, _BY_RE))))
_DASH_AFTER_QUOTE = re.compile(r"\x03[.,]?[ \t]*(?:\u2014|\u2013|--)[ \t]*(?=\w)")
# "Kerr: \"...\"", past a live page's time ("16:25 - Kerr again, now at the station: \"...\"")
_COLON_RE = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s*[-\u2013\u2014]\s*)?([^\x02\x03:\n]{2,90}?)(?:\s+again)?"
                       r"(?:,\s+(?:now\s+)?(?:at|in|from|outside)\s+[^\x02\x03:\n,]{1,40})?\s*:\s*\x02")


# "the Halden estimate", "its own estimate" (a verb after a singular subject would be "estimates";
# "the officials estimate" is a verb after a plural)
_NOUN_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)"
                          r"(?:\s+[\w.'-]*[^\Ws]){0,2}\s+$")
_NOUN_AFTER = re.compile(r"\s*(?:[.,;:)]|(?:of|was|is|were|are|had|has|for|from)\b)")   # "estimate" as a noun

# "put it at", "put the damage at more than 3 million", "placed the missing sailors at 300": whatever
# is put "at" a number is an estimate of it
_PUT_AT = re.compile(r"\s+(?:it|them|this|that|(?:the|its|their)(?:\s+[\w'\u2019-]+){1,4})\s+at\b"
                     r"(?=(?:\s+[a-z]+){0,3}\s+(?:\d|[A-Za-z]+\s+(?:hundred|thousand|million|billion)\b|[$\u20ac\u00a3]))")
# "Data from the office show 40 boats were lost", "the office's latest figures show that ...", "a study
# by X found that" (a record's or researchers' finding; "police found 40 bodies" is the reporter's account)
# "gave a figure of 300", "cited a toll of about 300": the figure is the object's
_FIGURE_OF = re.compile(r"\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:figure|toll|number|estimate|count|total|tally)\s+of\s+(?:[a-z]+\s+){0,3}?\d")
# "the paper quoted X as saying", "X was quoted as saying": X is the speaker, not the paper
_QUOTED_AS = re.compile(r"(?:\b(?:was|were|is|are|been|being)\s+)?\bquoted\s+"
                        r"(?:(?P<quoted>\S[^,;:\x02\x03]{0,80}?)\s+)?as\s+$")
_PUT_IT = re.compile(r"\s+it(?:\s+[a-z]+){0,3}\s*:")      # "X put it bluntly:", "put it this way:" (speech)
_SHOW_VERBS = frozenset(("show", "shows", "showed", "found", "finds"))
_RECORD_OF_BEFORE = re.compile(r"\b(?:study|report|survey|analysis|assessment|review|data)\s+(?:by|from|of)\s+$")
_RECORD_SUBJECTS = COLLECTIVE_HEADS | frozenset(("study", "studies", "survey", "surveys", "analysis", "researchers",
                                                 "investigators", "analysts", "monitors"))
_DISMISSED_AS = re.compile(r"(?:\s+[\w'\u2019-]+){1,6}?\s+as\b")     # "dismissed the figure as"
# "..., the report estimates.": a clause closing the sentence, its verb, not the noun
_CLOSING_CLAUSE = re.compile(r",\s+(?:(?:the|its|their|his|her)\s+(?:[\w'\u2019-]+\s+){0,3}"
                             r"|(?:[\w'\u2019-]+\s+){0,2}(?:" + word_alternation(PLURAL_PERSON_HEADS) + r")\s+)$")
# ("..., Western officials estimate.": a plural subject's verb too)
_COMPLEMENT = re.compile(r"\bthat\b|\x02")
WINDOW = 300    # how far around a verb a reporting clause is looked for (keeps long sentences linear)



_RECORD_HEADS = frozenset(("statement", "report", "post", "readout", "estimates", "figures", "data", "estimate",
                           "assessment"))
_RECORD_BY = re.compile(r"\s+(?:(?:released|issued|published|compiled|prepared|posted)(?:\s+[\w'.]+){0,4}?\s+)?"
                        r"(?:from|by|of)\s+")


def _named_part(phrase: Phrase) -> Phrase:
    """The words of a clause's subject that name who claims: "Meridian Institute figures (show)" are
    the institute's (a record's noun after a body's name), "the Meridian Institute's Oren Tasz
    (said)" is Oren Tasz, the body before his name his role."""
    tokens = phrase.tokens
    if len(tokens) > 1 and tokens[-1].lower in _RECORD_HEADS and tokens[-2].capitalised and \
            any(token.lower in GOV_WORDS or token.lower in ORG_WORDS for token in tokens[:-1]):
        return Phrase(phrase.start, tokens[-2].end, tokens[:-1], role=phrase.role)
    owner = next((token for token in tokens[:-1] if token.possessive), None)
    named = tokens[tokens.index(owner) + 1:] if owner is not None else []
    if owner is not None and named and is_name(named) and not any(token.lower in ROLE_NOUNS for token in named):
        return Phrase(named[0].start, named[-1].end, named, role=phrase.role or (phrase.start, owner.end))
    return phrase


def _source_after(masked: str, tokens: list[Token], start: int, high: int) -> Phrase | None:
    """Who ``according to`` / ``citing`` names: "the ministry", the person a role names ("the
    governor, Ilse Varga"), or the author of "a statement released on Sunday by the ministry"."""
    phrase = phrase_after(masked, tokens, start, high)
    if phrase is not None and phrase.tokens[-1].lower in _RECORD_HEADS:
        by = _RECORD_BY.match(masked, phrase.end, high)
        if by:
            return phrase_after(masked, tokens, by.end(), high) or phrase
    if phrase is not None and is_roleish(masked, phrase.tokens):
        _, name = _role_after(masked, tokens, phrase.end, high)
        if name is not None:
            return Phrase(name.start, name.end, name.tokens, role=(phrase.start, phrase.end))   # "the governor, X"
    owned = phrase.tokens[:-1] if phrase is not None and phrase.tokens[-1].lower == "own" else \
        phrase.tokens if phrase is not None else []
    if owned and owned[-1].possessive:
        # "according to the VRF's own records": the owner named before the "'s"
        owner = owned[-1]
        cut = 2 if owner.text.endswith("'s") else 1     # "the VRF's", "the Allies'"
        trimmed = Token(owner.start, owner.end - cut, owner.text[:-cut])
        return Phrase(owned[0].start, trimmed.end, [*owned[:-1], trimmed])
    return phrase


def find_attributions(masked: str, sentence: Sentence, text_tokens: TextTokens,
                      dates: list[DateMention]) -> list[Attribution]:
    """The reporting clauses of a sentence (``text_tokens``: those of ``masked``)."""
    start, end = sentence.start, sentence.end
    # a colon clause ends at a quote (none in most sentences); no verb stands before the first clause word
    colon = _COLON_RE.match(masked, start, end) if masked.find(MASK_OPEN, start, end) >= 0 else None
    clause = _CLAUSE_ANCHOR.search(masked, start, end)
    if not colon and not clause and not _DASH_AFTER_QUOTE.search(masked, start, end):
        return []           # no reporting clause here: its tokens are not needed
    tokens, starts = text_tokens.of(sentence)
    date_ends = {d.end: d for d in dates}
    date_starts = [d.start for d in dates]
    found: list[Attribution] = []

    def window(low: int, high: int) -> list[Token]:
        return tokens[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]

    def complement(after: int) -> int:
        """Where the reported words begin after a verb: "that", a quote, or the sentence end."""
        match = _COMPLEMENT.search(masked, after, min(end, after + WINDOW))
        return match.start() if match else end

    for match in _VERB_RE.finditer(masked, clause.start() if clause else end, end):
        verb = match.group(1)
        v_start, v_end = match.start(1), match.end(1)
        low, high = max(start, v_start - WINDOW), min(end, v_end + WINDOW)
        near = window(low, high)
        records_only = False        # "show" with no count word after: only a record's subject claims
        put_it = verb in ("put", "puts") and _PUT_IT.match(masked, v_end, min(end, v_end + 40)) is not None
        if verb in CLAIM_VERBS and not put_it:
            following = [t.lower for t in word_tokens(masked, v_end, min(end, v_end + 40))][:4]
            if not any(word in CLAIM_OBJECTS for word in following) and \
                    not _PUT_AT.match(masked, v_end, min(end, v_end + 80)):
                if verb not in _SHOW_VERBS:
                    continue
                records_only = True
        if verb in FIGURE_OBJECT_VERBS and not _FIGURE_OF.match(masked, v_end, min(end, v_end + 80)):
            continue                            # "gave no new figure", "a guard gave me"
        if verb in ("dismissed", "dismisses") and not _DISMISSED_AS.match(masked, v_end, end):
            continue                            # "dismissed 40 officers" reports no words
        estimating = verb in ESTIMATING_VERBS
        if verb in ("estimate", "estimates") and _NOUN_AFTER.match(masked, v_end) and \
                not _CLOSING_CLAUSE.search(masked, max(start, v_start - 60), v_start) or \
                verb == "estimate" and _NOUN_BEFORE.search(masked, max(start, v_start - 40), v_start):
            continue                            # "any previous Kalvarian estimate.", "the Halden estimate comes to"
        style = "claim" if verb in CLAIM_VERBS and not put_it or verb in BELIEF_VERBS or verb in COUNTING_VERBS \
            or verb in FIGURE_OBJECT_VERBS or estimating else "before"
        stripped = _strip_fillers(masked, near, v_start, low, date_ends)
        while stripped > low and masked[stripped - 1] in " \t":
            stripped -= 1
        quoted_as = _QUOTED_AS.search(masked, max(low, v_start - 100), v_start) if verb == "saying" else None
        phrase = None if quoted_as is None else \
            phrase_after(masked, near, quoted_as.start("quoted"), v_start) if quoted_as.group("quoted") else \
            phrase_before(masked, near, quoted_as.start(), low)
        if quoted_as is not None and phrase is None:
            continue
        before_comma = last_char(masked, stripped - 1, low) if stripped > low else ""
        # "X, the mayor, said" (never before a participle: "X rejected it, saying" is X's)
        # (a quote closing before the comma ends a relative clause: "X, who called it "a fairy tale", said")
        if stripped > low and masked[stripped - 1] == "," and verb not in ("saying", "calling") and (
                before_comma not in (MASK_CLOSE, "") or
                before_comma == MASK_CLOSE and _RELATIVE_COMMA.search(masked, low, stripped - 1)):
            phrase = _appositive_before(masked, near, stripped - 1, low)
        relative = _RELATIVE_SUBJECT.search(masked, max(low, stripped - 12), stripped) if phrase is None else None
        if relative is not None:
            # "a report by the Mission, which claimed to have verified N": the relative pronoun's antecedent
            phrase = _appositive_before(masked, near, relative.start(), low) or \
                phrase_before(masked, near, relative.start(), low)
        if phrase is None and last_char(masked, stripped, low) not in (",", MASK_CLOSE):
            phrase = phrase_before(masked, near, stripped, low)
        after_close = phrase is None and last_char(masked, stripped, low, " ,") == MASK_CLOSE
        if after_close:
            # "...," Kirby said  /  "...," said Kirby, role
            phrase = phrase_before(masked, near, stripped, low)
        if phrase is None and verb in INVERTING_VERBS and (after_close or last_char(masked, stripped, low) == ","):
            # "...," said Kirby, role  /  40 were killed, said Kirby, role.
            phrase = _speaker_after(masked, near, v_end, high, whole_clause=not after_close)
            style = "inverted"
        if phrase is None and v_start - start <= WINDOW and \
                (_AND_BEFORE.search(masked, max(start, stripped - 5), stripped)
                 or verb in ("saying", "calling") and (last_char(masked, stripped, low) == ","
                                                       or masked.endswith(" by", low, stripped))):
            # "X ... and said", "X rejected the figure, saying ...", "X marked the day by calling it
            # ...": the sentence's subject speaks
            phrase = _subject_of(masked, window(start, v_start), start)
        if phrase is None:
            continue
        agent = _AGENT_BEFORE.search(masked, max(low, phrase.start - 30), phrase.start) \
            if masked.endswith("by ", low, phrase.start) else None
        if agent and style != "inverted":
            # "an assessment seen by the Herald put the number at": the assessment, not the Herald
            phrase = phrase_before(masked, near, agent.start(), low)
            if phrase is None:
                continue
        if phrase.tokens[0].lower in ("which", "that", "who") or \
                records_only and _head(phrase.tokens).lower not in _RECORD_SUBJECTS and \
                not _RECORD_OF_BEFORE.search(masked, max(low, phrase.start - 30), phrase.start):
            continue                # "the video shows 40 tanks": the reporter's account, not a claim
        if style != "inverted" and phrase.tokens[-1].lower in PLURAL_PERSON_HEADS:
            phrase.end = _familiar_with(masked, near, phrase.end, v_start)
        if verb in COUNTING_VERBS and len(phrase.tokens) == 1 and phrase.tokens[0].lower not in PLACES and \
                not phrase.tokens[0].text.isupper():
            continue        # "Crews counted 14 craters": the reporter's account, not a claim of the crews
        first = phrase.tokens[0].lower
        if verb in BELIEF_VERBS and (first in ("it", "they", "its", "their") or first not in ("he", "she") and not
                                     any(t.capitalised for t in phrase.tokens) and not _the_body(phrase)):
            continue        # "they believed", "their government believed": left to whoever relays it
        if style == "inverted" or last_char(masked, phrase.start, low, " ,") == MASK_CLOSE:
            region = (_last_close(masked, low, phrase.start), _next_open(masked, v_end, high))
            if style != "inverted":
                style = "after"
        else:
            # the reporting clause: from its subject (or a date fronted before it) to what is reported
            clause_start = min(phrase.start, phrase.role[0]) if phrase.role else phrase.start
            lead = masked[start:clause_start] if clause_start - start < 120 else "x"
            if lead != "x":
                for date in dates_between(dates, date_starts, start, clause_start):
                    if date.end <= clause_start:
                        lead = lead.replace(masked[date.start:date.end], "")
            region = (start if not lead.strip(" ,") else clause_start, complement(v_end))
        found.append(Attribution(_named_part(phrase), v_start, v_end, style, region))

    sources = _SOURCE_RE.finditer(masked, start, end) if masked.find("ccording", start, end) >= 0 or \
        masked.find("iting", start, end) >= 0 else ()
    for match in sources:
        high = min(end, match.end() + WINDOW)
        phrase = _source_after(masked, window(match.end(), high), match.end(), high)
        if phrase is not None:
            phrase = _named_part(phrase)
            style = "citing" if match.group().lower().startswith("citing") else "according"
            found.append(Attribution(phrase, match.start(), match.end(), style, (start, end)))

    for match in _BY_RE.finditer(masked, start, end) if masked.find("by", start, end) >= 0 else ():
        high = min(end, match.end() + WINDOW)
        phrase = phrase_after(masked, window(match.end(), high), match.end(), high)
        if phrase is not None:
            found.append(Attribution(phrase, match.start(), match.end(), "by", (start, end)))

    signed = _DASH_AFTER_QUOTE.search(masked, start, end)      # none in most sentences: no iterator made
    for match in _DASH_AFTER_QUOTE.finditer(masked, signed.start(), end) if signed is not None else ():
        # '"...." — Ilse Varga, the governor, on Friday.': a quote signed with a dash, no verb
        high = min(end, match.end() + WINDOW)
        phrase = _speaker_after(masked, window(match.end(), high), match.end(), high, whole_clause=True)
        if phrase is not None:
            found.append(Attribution(phrase, match.start() + 1, match.end(), "after",
                                     (match.start(), _next_open(masked, match.end(), end))))

    if colon and not any(a.verb_start < colon.end() for a in found):
        phrase = phrase_before(masked, window(start, colon.end(1)), colon.end(1), start)
        if phrase is not None and phrase.start == colon.start(1):
            found.append(Attribution(phrase, colon.end(1), colon.end(1) + 1, "colon", (start, colon.end())))
    if len(found) > 1:
        found.sort(key=_VERB_START)
    return found



def _last_close(masked: str, low: int, high: int) -> int:
    index = masked.rfind(MASK_CLOSE, low, high)
    return index + 1 if index >= 0 else low


def _next_open(masked: str, low: int, high: int) -> int:
    index = masked.find(MASK_OPEN, low, high)
    return index if index >= 0 else high



def said_date(attribution: Attribution, dates: list[DateMention], starts: list[int], sentence: Sentence,
               masked: str) -> DateMention | None:
    low, high = attribution.region
    near = dates_between(dates, starts, max(sentence.start, attribution.verb_start - 2 * WINDOW),
                       min(sentence.end, attribution.verb_end + 2 * WINDOW))
    inside = [d for d in near if low <= d.start and d.end <= high]
    if not inside and attribution.style in ("before", "claim"):
        # a date earlier in the sentence, outside any quote ("... on Sunday, although X said")
        inside = [d for d in near if d.end <= attribution.verb_start and masked[d.start] != MASK_FILL]
    if not inside:
        return None
    return min(inside, key=lambda d: min(abs(d.start - attribution.verb_end), abs(d.end - attribution.verb_start)))


_SUBORDINATOR = re.compile(r"\b(?:when|after|before|because|while|until|unless|if|whom|who|which|where)\s+$")


def _main_clause(found: list[Attribution], masked: str) -> Attribution:
    """The last reporting clause of a sentence that is not inside a subordinate clause of an
    earlier one ("..., said X, who left when the council urged families to go."): the speaker a
    following quote without a clause of its own continues."""
    for attribution in reversed(found[1:]):
        start = attribution.phrase.start
        if not _SUBORDINATOR.search(masked, max(0, start - 12), start):
            return attribution
    return found[0]


def attribute_quotes(quotes: list[Quote], sentences: list[Sentence], by_sentence: list[list[Attribution]],
                      masked: str, paragraphs: list[tuple[int, int]], publisher: Entity,
                      person_opening: Callable[[Sentence], Entity | None]) -> None:
    """Each quote's speaker (see the module's docstring); ``person_opening``: the person a
    sentence opens with as its subject, who speaks a quote after it that has no clause at all."""
    speech = [[a for a in found if a.style not in ("claim", "citing")] for found in by_sentence]
    verb_starts = [[a.verb_start for a in found] for found in speech]
    verb_ends = [[a.verb_end for a in found] for found in speech]
    first_according = [next((a for a in found if a.style == "according"), None) for found in speech]
    for quote in quotes:
        found, starts, ends = speech[quote.sentence], verb_starts[quote.sentence], verb_ends[quote.sentence]
        if not found:
            continue            # no reporting clause in its sentence (nor an "according to")
        chosen, confidence = None, 0.0
        close = quote.close_mark if quote.close_mark is not None else quote.end
        after_at = bisect.bisect_left(starts, close)
        for attribution in found[after_at:after_at + 2]:
            # right after the quote: "...," Kirby said / "...," said Kirby
            if attribution.style in ("after", "inverted") and \
                    not masked[close + 1:min(attribution.phrase.start, attribution.verb_start)].strip(
                        " ,\u2014\u2013-"):
                chosen, confidence = attribution, 0.95
                break
        if chosen is None:
            # right before: Kirby said: "..." / "...," Kirby said, "..."
            before_at = bisect.bisect_right(ends, quote.open_mark)
            preceding = found[max(0, before_at - 3):before_at]
            for attribution in reversed(preceding):
                gap = masked[max(attribution.verb_end, attribution.phrase.end, quote.open_mark - 61):quote.open_mark]
                if len(gap) <= 60 and MASK_OPEN not in gap and MASK_CLOSE not in gap and ":" in gap or \
                        not gap.strip(" ,:"):
                    chosen, confidence = attribution, 0.95
                    break
            if chosen is None and preceding:
                chosen, confidence = preceding[-1], 0.85
        if chosen is None:
            following = [a for a in found[after_at:after_at + 4] if a.style != "according"]
            if following:
                chosen, confidence = following[0], 0.75
        if chosen is None:
            according = first_according[quote.sentence]
            if according is not None:
                chosen, confidence = according, 0.8
        if chosen is not None:
            quote.speaker = chosen.entity
            quote.confidence = round(confidence * chosen.factor, 3)
            quote.attribution = chosen

    # a quote running on over paragraphs shares its speaker
    chains: dict[int, list[Quote]] = {}
    for quote in quotes:
        chains.setdefault(quote.chain, []).append(quote)
    for members in chains.values():
        attributed = [q for q in members if q.speaker is not None] if len(members) > 1 else []
        if attributed:
            best = max(attributed, key=lambda q: q.confidence)
            for quote in members:
                if quote.speaker is None:
                    quote.speaker, quote.confidence = best.speaker, round(best.confidence * 0.95, 3)

    # no attribution in the sentence: the paragraph's, then the previous paragraph's speaker
    last_before: list[Attribution | None] = []      # the last reporting clause earlier in the paragraph
    first_in_paragraph: dict[int, Attribution] = {}
    running: Attribution | None = None
    for number, sentence in enumerate(sentences):
        if number and sentences[number - 1].paragraph != sentence.paragraph:
            running = None
        last_before.append(running)
        if speech[number]:
            running = _main_clause(speech[number], masked)
            first_in_paragraph.setdefault(sentence.paragraph, speech[number][0])
    last_quote: dict[int, Quote] = {}
    for quote in quotes:
        if quote.speaker is None:
            sentence = sentences[quote.sentence]
            earlier = last_before[quote.sentence]
            p_start = paragraphs[quote.paragraph][0]
            previous = first_in_paragraph.get(sentence.paragraph - 1)
            previous_quote = last_quote.get(sentence.paragraph - 1)
            if earlier is not None:
                quote.speaker, quote.confidence = earlier.entity, round(0.6 * earlier.factor, 3)
            elif (previous is not None or previous_quote is not None) and \
                    last_char(masked, quote.open_mark, p_start) == "":          # the quote opens its paragraph
                ends_with_colon = last_char(masked, p_start, 0, " \t\n") == ":"
                if previous is not None and (previous_quote is None or previous_quote.open_mark <= previous.verb_start):
                    speaker = previous.entity
                elif previous_quote is not None:
                    speaker = previous_quote.speaker
                quote.speaker, quote.confidence = speaker, 0.6 if ends_with_colon else 0.45
            else:
                # "Lind shrugs. She grew up in Varno. \"I write every name down.\"": the person the
                # sentence opens with, or the one before it (in the paragraph before, for a quote opening its own)
                opens = skip_spaces(masked, sentence.start) >= quote.open_mark
                before = quote.sentence - 1 if opens else quote.sentence
                person = person_opening(sentences[before]) if before >= 0 and \
                    sentence.paragraph - sentences[before].paragraph <= 1 else None
                quote.speaker, quote.confidence = (person, 0.4) if person is not None else (publisher, 0.2)
        last_quote[quote.paragraph] = quote



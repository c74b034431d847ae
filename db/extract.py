"""Rule-based proposals from a plain-text English news article.

``extract_article`` reads an article and proposes, as an interchange document (see
``db.interchange``), its direct quotes with their speakers, its figures with their hedges
and bounds, and its date expressions resolved with ``db.dates.resolve``. Every rule is a
pattern of English news copy; nothing is keyed to one article. The pipeline:

1. **Quotes**: pairs of quotation marks (straight or curly) inside a paragraph, one quote
   per pair, the span being the words between the marks. A paragraph that opens a quote
   without closing it, followed by a paragraph that opens with a quotation mark, is the
   news convention for a quote running on: each paragraph's part is a quote of its own,
   chained to the next for attribution.
2. **Sentences**: split at sentence ends outside quotes (abbreviations such as "U.S." and
   "Gen." are not ends), so a quote and its attribution stay in one sentence.
3. **Dates**: date expressions (weekdays, month days and ranges, parts of months, months,
   seasons, years, relative words), the span including a leading "on / in / across /
   during / over / at" as printed.
4. **Attributions**: reporting clauses per sentence: ``X said``, ``"...," said X, role``,
   ``X, role, said``, ``role, X, said``, ``X said: "..."``, ``according to X``,
   ``X: "..."`` opening a paragraph, ``(put forward / released ...) by X``, and figure
   claims such as ``estimates have put the number at``. A speaker phrase becomes an actor
   by matching a known actor (name or alias, compared with ``text_key``), by coreference
   (a surname to the nearest full name with it; "the Ukrainian leader" or "the official"
   to the nearest earlier actor whose role fits; he / she / it / they to the nearest
   earlier fitting actor), or as a new actor whose kind is read from the words.
5. **Figures**: digits (with thousands separators and scale words), number words,
   fractions ("nearly a third", "two-thirds", "one in five"), percentages, money, ranges
   ("between A and B", "A to B", "A-B"), vague quantifiers ("several" before a countable
   noun; "dozens of", "tens of thousands of", "several hundred" anywhere), and a military
   unit word as the quantity after a hedge ("up to a battalion"); each with its hedge,
   bounds, unit, a short metric read from the words around it, the claimant (the speaker
   of the quote or the sentence's attribution, else the publisher) and the as-of date (a
   date in the sentence, preferring one that is not the date of the speech itself, and
   never one that opens or closes a period: "since December"). A fraction becomes
   ``fraction_of`` with a ``base`` when the figure it is a fraction of can be identified
   (the same counted words, or "of the money" and an earlier sum); otherwise it is an
   ``approx`` figure in unit "fraction".

Numbers that are part of dates, identifiers (F-16, Su-34), ordinals, clock times, counts
of time units (durations and ages), "one" as a determiner, a small number word after a
definite determiner ("the two sides") and numbers inside a speaker phrase ("two
officials said") are not figures.

Dates are resolved as ``db.dates`` does: an expression without a year is the latest such
date on or before publication, so a future reference ("until March") resolves to the past.
Reporting clauses are looked for within a few hundred characters of their verb, and
coreference walks back a bounded number of mentions, so extraction stays linear in the
length of the text (about 20 ms per 10 kB of news copy).

Record ids are stable: the source id (by default a slug of publisher, publication date
and a short hash of the text) plus the kind and the span offsets. Actors are identified by
a slug of their name; actors matched to ``known`` are referenced by id and not repeated in
the document, so applying it does not overwrite what the store holds about them (validate
such a document against the store: ``validate_document(doc, conn)``).
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db.dates import UnresolvableDate, resolve
from db.hedges import HEDGE_BOUNDS
from db.interchange import make_span
from db.speakers import text_key

__all__ = ["KnownActor", "known_actors", "extract_article"]


@dataclass(frozen=True)
class KnownActor:
    """An actor already in the store, to match speakers against."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


def known_actors(conn: sqlite3.Connection) -> list[KnownActor]:
    """Every actor of a store with its aliases."""
    aliases: dict[int, list[str]] = {}
    for actor_pk, alias in conn.execute("SELECT actor_pk, alias FROM actor_aliases ORDER BY alias"):
        aliases.setdefault(actor_pk, []).append(alias)
    return [KnownActor(actor_id, name, kind, tuple(aliases.get(pk, ())))
            for pk, actor_id, name, kind in conn.execute("SELECT pk, id, name, kind FROM actors ORDER BY id")]


# --- word lists ---------------------------------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words("""
said says say told tells added adds stated states wrote writes posted announced announces
declared declares claimed claims insisted insists warned warns argued argues noted notes
explained explains asked asks replied replies responded responds continued remarked acknowledged
acknowledges admitted admits confirmed confirms denied denies alleged alleges reported reports
tweeted urged urges vowed vows cautioned emphasized emphasised stressed stresses suggested
predicted described called calls conceded recalled observed concluded mentioned promised
pledged boasted complained countered charged accused quipped estimate estimated estimates assessed
assesses testified saying""")
# Verbs of a figure claim ("estimates have put the number at"; "the UN puts the toll at").
CLAIM_VERBS = _words("put puts placed places show shows showed suggest suggests indicate indicates indicated")
CLAIM_OBJECTS = _words("number toll figure figures total tally count estimate losses casualties death")
# "said X" with the speaker after the verb, after a quote.
INVERTING_VERBS = _words("""said says added adds asked wrote continued explained noted stated declared
replied warned insisted argued concluded claimed recalled remarked told""")

FILLERS = _words("""had has have also later earlier previously then again separately further repeatedly
reportedly publicly privately subsequently once recently simply only just would will
already however still meanwhile initially originally now""")
DETERMINERS = _words("the a an")
QUANTIFIER_WORDS = _words("two three four five six seven eight nine ten several some many multiple few")
PARTITIVES = _words("one each both all most none either neither")
CONNECTORS = _words("and of for on at from in & de da del der van von bin al la le du y")
NP_PREPOSITIONS = _words("of for on at from in with")

TITLE_WORDS = _words("""president vice prime minister secretary chancellor premier king queen prince
princess emperor sultan emir sheikh ayatollah pope patriarch chairman chairwoman chair speaker senator
sen representative rep congressman congresswoman governor gov mayor ambassador envoy commander
commander-in-chief chief general gen lieutenant lt colonel col major maj captain capt sergeant sgt
admiral adm marshal brigadier brig corporal cpl private pvt officer director spokesman spokeswoman
spokesperson adviser advisor aide dr mr mrs ms sir dame lord lady judge justice prosecutor attorney
deputy head commissioner coordinator rapporteur lt.-gen maj.-gen lt.-col""")
ROLE_NOUNS = _words("""official officials spokesman spokeswoman spokesperson spokespeople leader leaders
minister ministers president commander commanders general aide aides adviser advisers advisor
advisors chief head director officer officers source sources diplomat diplomats analyst analysts
expert experts envoy ambassador secretary governor mayor lawmaker lawmakers legislator legislators
senator administration blogger bloggers correspondent reporter reporters podcaster journalist
journalists witness witnesses resident residents people soldier soldiers troops member members
representative representatives negotiator negotiators investigator investigators prosecutor
prosecutors monitor monitors observer observers researcher researchers ally allies deputy
chairman chairwoman premier chancellor king staffer staffers strategist strategists
colonel lieutenant captain sergeant admiral marshal veteran veterans activist activists volunteer
volunteers doctor doctors medic medics worker workers estimates estimate assessments assessment
figures data intelligence reports report statement statements tallies tally
ministry ministries government military army navy forces command staff office council agency
service services department police guard authorities authority embassy institute group commissioner
ombudsman governments militaries""")
MODIFIERS = _words("""senior top former deputy chief acting military defense defence foreign interior
security intelligence press regional local national presidential western eastern unnamed anonymous
other army air naval border health emergency energy state federal city district government police
army's top-ranking high-ranking ranking military's influential independent several two three four
five six seven eight nine ten some many multiple frontline front-line special economic general
communications nuclear coast civilian elected prime own ground""")
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "group"}

GOV_WORDS = _words("""ministry ministries government military army navy forces force command staff
kremlin pentagon department office administration cabinet parliament council duma rada senate congress
embassy police guard service services directorate headquarters authorities authority presidency
mod agency governments militaries brigade brigades battalion regiment division corps unit""")
ORG_WORDS = _words("""institute group organization organisation foundation university center centre
association committee union nations alliance nato company corporation corp inc ltd bank fund watch
network party press news reuters tass interfax afp cross international society project observatory
monitor mission un eu iaea icrc unicef who bbc cnn""")
PLACES = _words("""russia ukraine moscow kyiv kiev washington beijing china iran tehran israel jerusalem
gaza london britain uk paris france berlin germany warsaw poland minsk belarus pyongyang seoul tokyo
japan ankara turkey delhi india islamabad pakistan damascus syria beirut lebanon riyadh cairo egypt
taipei taiwan brussels budapest hungary bucharest romania vilnius lithuania riga latvia tallinn
estonia helsinki finland stockholm sweden oslo norway rome italy madrid spain canberra australia
ottawa canada baghdad iraq kabul afghanistan tbilisi georgia yerevan armenia baku azerbaijan
chisinau moldova america u.s. us u.k. united states korea""")
PLURAL_PERSON_HEADS = _words("""officials sources diplomats analysts bloggers experts people residents
witnesses soldiers troops observers members lawmakers legislators commanders officers negotiators
investigators prosecutors monitors researchers allies aides advisers advisors staffers activists
volunteers doctors medics workers veterans reporters journalists leaders ministers representatives""")
COLLECTIVE_HEADS = _words("""estimates estimate assessments assessment figures data intelligence reports
report tallies tally counts statistics""")
STOP_CAPITALISED = _words("""but and however meanwhile on in at the although though while when as after
before since still also yet so then earlier later separately speaking asked last this that these
those it he she they we i today yesterday tonight there here if because what who why how where
according despite with without for from by to of a an its his her their our my your one no not
nor or mr mrs ms""")

PEOPLE_NOUNS = _words("""soldiers soldier troops troop people persons person civilians civilian casualties
casualty fighters fighter servicemen servicemembers serviceman men women children prisoners prisoner
pows captives hostages hostage refugees personnel workers residents officers sailors pilots
mercenaries conscripts recruits volunteers dead wounded injured killed deaths victims combatants
militants infantry infantrymen paratroopers marines reservists migrants evacuees detainees students
patients crew crewmembers individuals bodies guards policemen inhabitants voters journalists doctors
fatalities injuries killed-or-wounded losses""")
CASUALTY_WORDS = _words("killed wounded injured dead died deaths casualties hurt losses fatalities missing")
FORMATION_WORDS = {"battalion": "battalion", "battalions": "battalion", "brigade": "brigade",
                   "brigades": "brigade", "regiment": "regiment", "regiments": "regiment",
                   "division": "division", "divisions": "division", "platoon": "platoon",
                   "platoons": "platoon", "squad": "squad", "squads": "squad", "corps": "corps",
                   "company": "company"}
COUNTABLE_NOUNS = PEOPLE_NOUNS | frozenset(FORMATION_WORDS) | _words("""tanks drones missiles shells
rockets aircraft jets planes helicopters vehicles ships vessels boats guns systems launchers villages
towns settlements cities buildings homes houses apartments schools hospitals strikes attacks positions
trucks containers tonnes tons warplanes bombs mines artillery weapons""")
MEASURE_UNITS = _words("""kilometres kilometers km miles metres meters tonnes tons barrels litres liters
hectares acres""")
TIME_UNITS = _words("""second seconds minute minutes hour hours day days week weeks month months year years
decade decades century centuries night nights weekend weekends""")
IRREGULAR_PARTICIPLES = _words("""killed wounded injured captured taken held sent deployed lost hit shot
destroyed displaced evacuated missing dead built fought left made brought seen known thought found
given driven flown stolen torn beaten broken""")
VERBISH = _words("""were was had have has are is be been being will would could can may might must should
did do does remain remained remains still also now died fled arrived left took lost made came went
fought fell rose that which who whom whose and or but as than to in on at from into since for by with
across around near over during after before against of per about said says told according amounting
including while when where because if this these those last next each every both some any such then
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight january february
march april may june july august september october november december spring summer autumn fall winter
alone only out off up down away back them it us you him her me within without under above below
between among through throughout toward towards via like despite along amid near what whom""")
AUXILIARIES = _words("had have has been were was are is being reportedly already now also since allegedly so far")
TIME_OF_DAY = ("morning", "afternoon", "evening", "night")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "leader": ("leader", "president", "prime minister", "premier", "chancellor", "king", "head of state"),
    "president": ("president",),
    "official": ("official",),
    "minister": ("minister", "secretary"),
    "secretary": ("secretary", "minister"),
    "spokesman": ("spokes", "press secretary"),
    "spokeswoman": ("spokes", "press secretary"),
    "spokesperson": ("spokes", "press secretary"),
    "general": ("general", "gen.", "commander", "chief"),
    "commander": ("commander", "general", "gen.", "chief"),
    "aide": ("aide", "adviser", "advisor", "chief of staff"),
    "adviser": ("adviser", "advisor", "aide"),
    "advisor": ("adviser", "advisor", "aide"),
    "ambassador": ("ambassador", "envoy"),
    "envoy": ("envoy", "ambassador"),
    "diplomat": ("diplomat", "ambassador", "envoy", "minister"),
    "chief": ("chief", "head", "commander", "director"),
    "head": ("head", "chief", "director"),
    "director": ("director", "head", "chief"),
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
VAGUE_QUANTITIES = {  # vague quantifier -> the lower bound it is read as
    "several": 2, "several hundred": 200, "several thousand": 2000, "dozens of": 24, "dozens": 24,
    "hundreds": 200, "thousands": 2000, "scores of": 40, "hundreds of": 200, "thousands of": 2000,
    "tens of thousands of": 20000, "hundreds of thousands of": 200000, "millions of": 2000000,
}
CURRENCIES = {"$": "US dollars", "€": "euros", "£": "pounds"}
MONEY_WORDS = _words("money funds funding aid budget package sum spending financing")
ABBREVIATIONS = _words("""mr mrs ms dr gen lt col maj capt sgt adm rep sen gov st jr sr prof no vol
jan feb mar apr jun jul aug sep sept oct nov dec inc corp ltd co vs etc e.g i.e pvt cpl brig fig
approx est""")
SENTENCE_STARTERS = _words("""The He She It They We I In On But A An This That There Some Many
However Meanwhile Still Asked Speaking According When While After Before His Her Their Its""")

# Hedges the shared table (db.hedges) does not list, with the bound each one means.
EXTRA_HEDGES = {"as much as": "at_most", "as high as": "at_most", "well over": "at_least",
                "slightly more than": "at_least", "a little more than": "at_least", "well above": "at_least",
                "roughly around": "approx", "approximately around": "approx", "an estimated total of": "approx"}
ALL_HEDGES = {**EXTRA_HEDGES, **HEDGE_BOUNDS}
POINT_HEDGES = sorted((hedge for hedge, bound in ALL_HEDGES.items() if bound != "range"),
                      key=len, reverse=True)
RANGE_HEDGES = sorted((hedge for hedge, bound in HEDGE_BOUNDS.items() if bound == "range"),
                      key=len, reverse=True)
CHANGE_VERBS = _words("""rose risen increased grew grown climbed jumped fell fallen dropped declined
decreased went up down soared surged doubled tripled""")


# --- text helpers -----------------------------------------------------------------------------

# Characters that keep their length but are easier to match: curly apostrophes become
# straight ones, other controls and line separators become spaces / newlines.
_WORK_TABLE = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u00a0"): " ", ord("\r"): "\n",
               ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\u2010"): "-", ord("\u2011"): "-"}
_WORK_TABLE.update({code: " " for code in range(32) if chr(code) not in "\n"})
_WORK_TABLE.update({0x7f: " "})

MASK_OPEN, MASK_FILL, MASK_CLOSE = "\x02", "\x01", "\x03"
_TOKEN = re.compile(r"[^\W\d_](?:[\w'&-]|\.(?=[^\W\d_]))*\.?|\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "s'"))


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Word tokens of ``text[start:end]``; a trailing period stays only on abbreviations."""
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        word, word_end = match.group(), match.end()
        if word.endswith(".") and len(word) > 1:
            body = word[:-1]
            if not ("." in body or body.lower() in ABBREVIATIONS or (len(body) == 1 and body.isupper())):
                word, word_end = body, word_end - 1
        tokens.append(_Token(match.start(), word_end, word))
    return tokens


def _only_spaces(text: str, start: int, end: int) -> bool:
    return start <= end and not text[start:end].strip(" \t")


def slug(text: str) -> str:
    """A lower-case ASCII slug of ``text`` ("Russia's Defense Ministry" -> russias-defense-ministry)."""
    decomposed = unicodedata.normalize("NFKD", text_key(text))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").replace("'", "")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")
    return result or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# --- structures -------------------------------------------------------------------------------

@dataclass
class _Quote:
    start: int           # the words inside the marks
    end: int
    open_mark: int
    close_mark: int | None   # None: runs on into the next paragraph
    paragraph: int
    chain: int = -1      # index of the first quote of a run-on chain
    sentence: int = -1
    speaker: _Entity | None = None
    confidence: float = 0.0
    attribution: _Attribution | None = None


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class _Date:
    start: int
    end: int
    record: dict
    sentence: int = -1
    bounds_period: bool = False      # "since December", "until May": the edge of a period, not a time


@dataclass
class _Phrase:
    """A speaker phrase as printed, with its role when the sentence states one."""

    start: int
    end: int
    tokens: list[_Token]
    role: tuple[int, int] | None = None


@dataclass
class _Attribution:
    phrase: _Phrase
    verb_start: int
    verb_end: int
    style: str                 # before / inverted / according / colon / by / claim
    region: tuple[int, int]    # where its date of speaking may stand
    entity: _Entity | None = None
    factor: float = 0.0


@dataclass
class _Entity:
    id: str
    name: str
    kind: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    known: bool = False
    used: bool = False

    def words(self) -> str:
        """Name, role and aliases in lower case: what descriptions are compared with."""
        return " ".join([self.name, self.role or "", *self.aliases]).lower()


@dataclass
class _Mention:
    """A name in the text, for coreference: a person with a title or role ("Ukrainian President
    Volodymyr Zelensky"), an organisation or government body, or a place (kind "place")."""

    name: str
    role: str | None
    role_span: tuple[int, int] | None
    position: int
    kind: str = "person"


# --- 1. paragraphs and quotes -------------------------------------------------------------------

def _paragraphs(work: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", work) if m.group().strip()]


def _looks_opening(work: str, index: int, end: int) -> bool:
    return index + 1 < end and not work[index + 1].isspace()


def _find_quotes(work: str, paragraphs: list[tuple[int, int]]) -> list[_Quote]:
    quotes: list[_Quote] = []
    pending_chain: int | None = None   # quote index waiting for its continuation
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        first_in_paragraph = True
        for match in re.finditer(r'["\u201c\u201d\u201e]', work[p_start:p_end]):
            index, mark = p_start + match.start(), match.group()
            if open_at is None:
                if mark in "\u201c\u201e" or _looks_opening(work, index, p_end):
                    open_at = index
                continue
            if mark in "\u201c\u201e":     # an opening mark inside a quote: the first was never closed
                open_at = index
                continue
            start, end = _trim(work, open_at + 1, index)
            if start < end:
                quote = _Quote(start, end, open_at, index, number)
                if pending_chain is not None and first_in_paragraph and _starts_paragraph(work, p_start, open_at):
                    quote.chain = quotes[pending_chain].chain
                quotes.append(quote)
                if quote.chain < 0:
                    quote.chain = len(quotes) - 1
                first_in_paragraph = False
            open_at = None
        continued = pending_chain is not None
        pending_chain = None
        if open_at is not None:
            next_opens = False
            if number + 1 < len(paragraphs):
                first = _skip_spaces(work, paragraphs[number + 1][0])
                next_opens = work[first:first + 1] in ('"', "\u201c", "\u201e")
            start, end = _trim(work, open_at + 1, p_end)
            if next_opens and start < end:
                quote = _Quote(start, end, open_at, None, number)
                if continued and first_in_paragraph and _starts_paragraph(work, p_start, open_at):
                    quote.chain = quotes[-1].chain
                quotes.append(quote)
                if quote.chain < 0:
                    quote.chain = len(quotes) - 1
                pending_chain = len(quotes) - 1
    return quotes


def _starts_paragraph(work: str, p_start: int, index: int) -> bool:
    return not work[p_start:index].strip()


def _trim(work: str, start: int, end: int) -> tuple[int, int]:
    while start < end and work[start].isspace():
        start += 1
    while end > start and work[end - 1].isspace():
        end -= 1
    return start, end


def _mask(work: str, quotes: list[_Quote], paragraphs: list[tuple[int, int]]) -> str:
    """The text with each quote's marks and words replaced, offsets unchanged."""
    chars = list(work)
    for quote in quotes:
        chars[quote.open_mark] = MASK_OPEN
        stop = quote.close_mark if quote.close_mark is not None else paragraphs[quote.paragraph][1]
        for index in range(quote.open_mark + 1, stop):
            chars[index] = MASK_FILL
        if quote.close_mark is not None:
            chars[quote.close_mark] = MASK_CLOSE
    return "".join(chars)


# --- 2. sentences -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"([.!?]+|\x03)['\")\]]*\s+(?=[\x02'\"(\[\u201c]?[A-Z0-9\x02])")


def _sentences(work: str, masked: str, paragraphs: list[tuple[int, int]]) -> list[_Sentence]:
    sentences = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        start = p_start
        for match in _SENTENCE_END.finditer(masked, p_start, p_end):
            end_mark = match.start(1)
            if match.group(1) == MASK_CLOSE:
                # A quote that ends a sentence: its last word ends with . ! or ?
                if work[end_mark - 1:end_mark] not in (".", "!", "?"):
                    continue
            elif match.group(1) == ".":
                word = re.search(r"([\w.'-]+)$", masked[max(p_start, end_mark - 40):end_mark])
                if word:
                    body = word.group(1).lower()
                    next_word = re.match(r"[\x02'\"(\[]?([\w'-]+)", masked[match.end():min(p_end, match.end() + 40)])
                    starter = next_word is not None and next_word.group(1) in SENTENCE_STARTERS
                    if body in ABBREVIATIONS or (len(body) == 1 and body.isalpha()):
                        continue
                    if "." in body and not starter:
                        continue
            sentence_end = match.end(1)
            while masked[sentence_end:sentence_end + 1] in ("'", '"', ")", "]") and sentence_end < p_end:
                sentence_end += 1
            if sentence_end > start:
                sentences.append(_Sentence(start, sentence_end, number))
            start = match.end()
        if start < p_end:
            sentences.append(_Sentence(start, p_end, number))
    return sentences


def _sentence_of(sentences: list[_Sentence], position: int) -> int:
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        if sentences[middle].end <= position:
            low = middle + 1
        elif sentences[middle].start > position:
            high = middle - 1
        else:
            return middle
    return max(0, min(low, len(sentences) - 1))


# --- 3. dates ---------------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*[-\u2013]\s*"
_PREP = r"(?:(?:[Oo]n|[Ii]n|[Aa]cross|[Dd]uring|[Oo]ver|[Aa]t)\s+)?"
_PART = r"(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
_SMALL_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
_NO_NUMBER_AFTER = r"(?![\d,]*\d)(?!\s*(?:a\.m|p\.m|am\b|pm\b))"

_DATE_PATTERNS = [
    ("day", re.compile(
        rf"{_PREP}(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}(?:{_DASH}{_DAY})?(?:,?\s+{_YEAR})?"
        rf"|{_DAY}(?:{_DASH}{_DAY})?\s+{_MONTH}(?:,?\s+{_YEAR})?)\b{_NO_NUMBER_AFTER}")),
    ("month", re.compile(
        rf"{_PREP}(?:(?:the\s+)?{_PART}|the\s+(?:end|beginning|start|middle)\s+of\s+)?{_MONTH}"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?\b{_NO_NUMBER_AFTER}")),
    ("season", re.compile(
        rf"(?:(?:(?:[Ii]n|[Dd]uring|[Oo]ver)\s+(?:the\s+)?(?:{_PART})?{_SEASON}"
        rf"|(?:(?<=[Ss]ince )|(?<=[Uu]ntil )|(?<=[Tt]hrough ))(?:the\s+)?(?:{_PART})?{_SEASON})"
        rf"(?:,?\s+{_YEAR}|\s+of\s+{_YEAR})?"
        rf"|(?:[Ll]ast|[Tt]his)\s+{_SEASON}|(?:{_PART}){_SEASON}|{_SEASON},?\s+{_YEAR})\b(?!\s+of\s+(?!\d))")),
    ("weekday", re.compile(
        rf"{_PREP}(?:(?:[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s+)?{_WEEKDAY}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?"
        rf"(?:\s*(?:and|to|through|or|-|\u2013)\s*{_WEEKDAY}(?:\s+(?:{'|'.join(TIME_OF_DAY)}))?)?\b")),
    ("relative", re.compile(
        rf"\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]his morning|[Ll]ast night"
        rf"|(?:[Ll]ast|[Tt]his|[Ee]arlier this)\s+(?:week|month|year)|(?:[Ll]ast|[Oo]ver the)\s+weekend"
        rf"|{_SMALL_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago)\b")),
    ("year", re.compile(rf"(?:(?:[Ii]n|[Dd]uring)\s+)?(?:{_PART})?(?<![\d$\u20ac\u00a3.,/-]){_YEAR}\b(?![\d,]*\d|-\d|%)")),
]


def _find_dates(work: str, published: datetime.date, source_id: str) -> list[_Date]:
    candidates = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(work):
            start, end = match.start(), match.end()
            while end > start and work[end - 1] in " ,.":
                end -= 1
            if end <= start:
                continue
            candidates.append((start, end, kind))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[_Date] = []
    occupied = bytearray(len(work) + 1)
    for start, end, kind in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(occupied[start:end]):
            continue
        printed = work[start:end]
        if not _date_plausible(work, start, end, kind, printed):
            continue
        resolved = _resolve_date(printed, kind, published)
        if resolved is None:
            continue
        record, confidence = resolved
        record.update(id=f"{source_id}/d/{start}-{end}", text=printed, source=source_id)
        record["confidence"] = confidence
        chosen.append(_Date(start, end, record))
        occupied[start:end] = b"\x01" * (end - start)
    chosen.sort(key=lambda d: d.start)
    for date in chosen:
        date.bounds_period = re.search(r"\b(?:since|from|until|till|through|before|after|by)\s+(?:the\s+)?$",
                                       work[max(0, date.start - 14):date.start], re.I) is not None
    return chosen


def _date_plausible(work: str, start: int, end: int, kind: str, printed: str) -> bool:
    bare = re.sub(rf"^{_PREP}", "", printed)
    if kind == "month":
        # "May" and "March" are also a modal and a verb: a bare one needs a cue.
        if re.fullmatch(r"(?:May|March)", bare):
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


def _date_record(resolved, *, against: datetime.date | None = None) -> dict:
    relative_against = against or resolved.resolved_against
    return {
        "edtf": resolved.edtf, "lower": resolved.lower.isoformat(), "upper": resolved.upper.isoformat(),
        "precision": resolved.precision,
        "resolved_against": relative_against.isoformat() if relative_against else None,
    }


def _resolve_date(printed: str, kind: str, published: datetime.date) -> tuple[dict, float] | None:
    """The date record fields for a printed expression, and how sure the reading is."""
    try:
        try:
            resolved = resolve(printed, published)
            exact = re.search(r"\d{4}", printed) is not None
            return _date_record(resolved), 0.95 if exact else 0.85
        except UnresolvableDate:
            pass
        phrase = " ".join(printed.lower().replace("\u2013", "-").split())
        phrase = re.sub(r"^(?:on|in|across|during|over|at)\s+", "", phrase)
        phrase = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", phrase)
        phrase = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.", r"\1", phrase)
        phrase = re.sub(r"^the\s+end\s+of\s+", "late ", phrase)
        phrase = re.sub(r"^the\s+(?:beginning|start)\s+of\s+", "early ", phrase)
        phrase = re.sub(r"^the\s+middle\s+of\s+", "mid ", phrase)
        phrase = re.sub(r"\s+of\s+(\d{4})$", r" \1", phrase)
        phrase = re.sub(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?=\D)", "", phrase) \
            if kind == "day" else phrase
        if kind == "day" or kind == "month":
            return _date_record(resolve(phrase, published)), 0.8
        if kind == "weekday":
            modifier = re.match(r"(last|this|early|late)\s+(.*)", phrase)
            if modifier:
                if modifier.group(1) == "last":
                    day_before = published - datetime.timedelta(days=1)
                    return _date_record(resolve(modifier.group(2), day_before), against=published), 0.75
                return _date_record(resolve(modifier.group(2), published)), 0.75
            return _date_record(resolve(phrase, published)), 0.8
        if kind == "season":
            modifier = re.match(r"(?:(?:in|during|over|since|until|by)\s+)?(?:the\s+)?(last|this)?\s*(.*)", phrase)
            season = modifier.group(2)
            resolved = resolve(season, published)
            if modifier.group(1) == "last" and resolved.upper >= published:
                resolved = resolve(season, resolved.lower - datetime.timedelta(days=1))
                return _date_record(resolved, against=published), 0.7
            return _date_record(resolved), 0.75
        if kind == "relative":
            if phrase == "last night":
                return _date_record(resolve("yesterday", published)), 0.8
            if phrase in ("earlier this month", "earlier this year"):
                return _date_record(resolve(phrase.replace("earlier ", ""), published)), 0.8
            if phrase in ("this week", "earlier this week"):
                weekday = published.strftime("%A").lower()
                return _date_record(resolve(f"monday to {weekday}", published), against=published), 0.75
            if phrase in ("last weekend", "over the weekend"):
                return _date_record(resolve("saturday and sunday", published), against=published), 0.7
            ago = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+ago", phrase)
            if ago:
                count = NUMBER_WORDS.get(ago.group(1), 1 if ago.group(1) in ("a", "an") else None)
                if count is None and ago.group(1).isdigit():
                    count = int(ago.group(1))
                if count is None:
                    return None
                unit = ago.group(2)
                if unit in ("day", "week"):
                    day = published - datetime.timedelta(days=count * (7 if unit == "week" else 1))
                    absolute = f"{day:%B} {day.day}, {day.year}"
                elif unit == "month":
                    month_index = published.year * 12 + published.month - 1 - count
                    absolute = f"{datetime.date(month_index // 12, month_index % 12 + 1, 1):%B %Y}"
                else:
                    absolute = str(published.year - count)
                return _date_record(resolve(absolute, published), against=published), 0.7
            return None
        if kind == "year":
            year = re.search(r"\d{4}", phrase).group()
            return _date_record(resolve(year, published)), 0.6 if re.search(r"early|mid|late", phrase) else 0.9
    except (UnresolvableDate, ValueError, OverflowError, AttributeError):
        return None
    return None


# --- 4. speaker phrases ------------------------------------------------------------------------

def _is_title(token: _Token) -> bool:
    return token.lower.rstrip(".") in TITLE_WORDS


def _body_kind(lower_words: set[str], name: str) -> str | None:
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


def _is_nameish(token: _Token) -> bool:
    return token.capitalised and token.lower.rstrip(".") not in STOP_CAPITALISED \
        and not re.fullmatch(_WEEKDAY + "|" + _MONTH.replace(r"\.", ""), token.text.rstrip("."))


def _np_token_ok(token: _Token) -> bool:
    lower = token.lower
    return (_is_nameish(token) or token.possessive or lower in ROLE_NOUNS or lower in MODIFIERS
            or lower in QUANTIFIER_WORDS)


def _phrase_before(masked: str, tokens: list[_Token], end: int, low: int) -> _Phrase | None:
    """The noun phrase that ends at ``end`` (a speaker before its verb), not before ``low``."""
    index = len(tokens) - 1
    while index >= 0 and tokens[index].start >= end:
        index -= 1
    if index < 0 or tokens[index].start < low or not _only_spaces(masked, tokens[index].end, end):
        return None
    head = tokens[index]
    if head.lower in PRONOUNS:
        return _Phrase(head.start, head.end, [head])
    if not (_is_nameish(head) or head.lower in ROLE_NOUNS or head.lower in GOV_WORDS or head.lower in ORG_WORDS):
        return None
    taken = [head]
    has_and = False
    index -= 1
    while index >= 0 and tokens[index].start >= low:
        token, right = tokens[index], taken[0]
        gap = masked[token.end:right.start]
        if gap.strip(" \t"):
            # a list of names: "U.S., Ukrainian and South Korean estimates"
            if gap.strip() == "," and has_and and _is_nameish(token) and _is_nameish(right):
                taken.insert(0, token)
                index -= 1
                continue
            break
        lower = token.lower
        if lower in ("its", "their") and (any(t.capitalised for t in taken) or taken[-1].lower in GOV_WORDS
                                          or taken[-1].lower in ORG_WORDS):
            taken.insert(0, token)          # "Its Defense Ministry"
            break
        if lower in DETERMINERS:
            taken.insert(0, token)
            # "one of the officials", "two of the soldiers"
            if lower == "the" and index >= 2 and tokens[index - 1].lower == "of" and \
                    (tokens[index - 2].lower in QUANTIFIER_WORDS or tokens[index - 2].lower in PARTITIVES) and \
                    _only_spaces(masked, tokens[index - 2].end, token.start) and tokens[index - 2].start >= low:
                taken[0:0] = [tokens[index - 2], tokens[index - 1]]
                break
            # "a spokesperson for the ministry": cross a preposition after a role noun
            if index >= 2 and tokens[index - 1].lower in NP_PREPOSITIONS and \
                    _only_spaces(masked, tokens[index - 1].end, token.start) and \
                    (tokens[index - 2].lower in ROLE_NOUNS or _is_nameish(tokens[index - 2])) and \
                    _only_spaces(masked, tokens[index - 2].end, tokens[index - 1].start) and \
                    tokens[index - 2].start >= low:
                taken[0:0] = [tokens[index - 2], tokens[index - 1]]
                index -= 3
                continue
            break
        if lower in ("and", "&") and index >= 1 and (_is_nameish(tokens[index - 1]) or tokens[index - 1].lower in MODIFIERS) \
                and _only_spaces(masked, tokens[index - 1].end, token.start):
            has_and = True
            taken.insert(0, token)
        elif lower in NP_PREPOSITIONS and index >= 1 and (tokens[index - 1].lower in ROLE_NOUNS or _is_nameish(tokens[index - 1])) \
                and (_is_nameish(right) or right.lower in DETERMINERS) \
                and _only_spaces(masked, tokens[index - 1].end, token.start):
            taken.insert(0, token)
        elif lower in CONNECTORS and _is_nameish(right) and index >= 1 and _is_nameish(tokens[index - 1]):
            taken.insert(0, token)
        elif _np_token_ok(token):
            taken.insert(0, token)
        else:
            # unknown lowercase modifiers between an owner and the head: "Ukraine's human rights commissioner"
            run = index
            while run >= 0 and index - run < 3 and tokens[run].start >= low and tokens[run].text.isalpha() \
                    and tokens[run].text.islower() and tokens[run].lower not in VERBISH \
                    and tokens[run].lower not in FILLERS and tokens[run].lower not in DETERMINERS \
                    and _only_spaces(masked, tokens[run].end, (tokens[run + 1] if run + 1 < len(tokens) else token).start):
                run -= 1
            if run >= 0 and run < index and tokens[run].start >= low and \
                    _only_spaces(masked, tokens[run].end, tokens[run + 1].start) and \
                    (tokens[run].possessive or tokens[run].lower in DETERMINERS or tokens[run].lower in ("its", "their")) \
                    and (taken[-1].lower in ROLE_NOUNS or taken[-1].lower in GOV_WORDS or taken[-1].lower in ORG_WORDS):
                taken[0:0] = tokens[run + 1:index + 1]
                index = run
                continue
            break
        index -= 1
    while taken and (taken[0].lower in CONNECTORS or taken[0].lower in NP_PREPOSITIONS):
        taken.pop(0)
    if not taken:
        return None
    if index >= 0 and tokens[index].lower in ("one", "another") and tokens[index].start >= low and \
            taken[0].lower not in DETERMINERS and _only_spaces(masked, tokens[index].end, taken[0].start):
        taken.insert(0, tokens[index])      # "One commander told"
    return _Phrase(taken[0].start, taken[-1].end, taken)


def _phrase_after(masked: str, tokens: list[_Token], start: int, high: int) -> _Phrase | None:
    """The noun phrase that starts at ``start`` (after "according to", "said", "by")."""
    index = 0
    while index < len(tokens) and tokens[index].start < start:
        index += 1
    if index >= len(tokens) or tokens[index].end > high or not _only_spaces(masked, start, tokens[index].start):
        return None
    taken: list[_Token] = []
    while index < len(tokens) and tokens[index].end <= high:
        token = tokens[index]
        if taken and masked[taken[-1].end:token.start].strip(" \t"):
            break
        lower = token.lower
        nxt = tokens[index + 1] if index + 1 < len(tokens) and tokens[index + 1].end <= high else None
        joined = nxt is not None and _only_spaces(masked, token.end, nxt.start)
        if not taken and lower in DETERMINERS:
            taken.append(token)
        elif not taken and (lower in PARTITIVES or lower in QUANTIFIER_WORDS) and nxt is not None \
                and nxt.lower == "of" and joined:
            taken.extend([token, nxt])           # "one of the projects"
            index += 2
            continue
        elif not taken and lower in ("one", "another") and nxt is not None and joined and _np_token_ok(nxt):
            taken.append(token)                  # "said one NATO official"
        elif not taken and lower in PRONOUNS:
            return _Phrase(token.start, token.end, [token])
        elif _np_token_ok(token):
            taken.append(token)
        elif taken and lower in ("and", "&") + tuple(CONNECTORS) and joined and \
                (_is_nameish(nxt) or nxt.lower in DETERMINERS or nxt.lower in MODIFIERS):
            if lower in NP_PREPOSITIONS and not (taken[-1].lower in ROLE_NOUNS or _is_nameish(taken[-1])):
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
    return _Phrase(taken[0].start, taken[-1].end, taken)


def _strip_fillers(masked: str, tokens: list[_Token], end: int, low: int, date_ends: dict[int, _Date]) -> int:
    """Move ``end`` left over auxiliaries, adverbs and date expressions before a verb."""
    ends = {t.end: t for t in tokens}
    for _ in range(12):
        stripped = end
        while stripped > low and masked[stripped - 1] in " \t":
            stripped -= 1
        date = date_ends.get(stripped)
        if date is not None and date.start >= low:
            end = date.start
            continue
        token = ends.get(stripped)
        if token is not None and token.start >= low and token.lower in FILLERS:
            end = token.start
            continue
        phrase = _FILLER_PHRASE.search(masked, max(low, stripped - 120), stripped)
        if phrase and phrase.start() > low:
            end = phrase.start()
            continue
        break
    return end


_FILLER_PHRASE = re.compile(
    r"(?:,\s*)?(?:in a (?:\w+ )?(?:statement|post|video|interview|address|briefing)"
    r"|on (?:Telegram|X|Twitter|Facebook|television|TV|Sunday|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday)|familiar with [\w\s'-]+|who spoke on condition of anonymity"
    r"|speaking on condition of anonymity|who asked not to be named)\s*$")


def _is_roleish(masked: str, tokens: list[_Token]) -> bool:
    """Words that describe rather than name: a role noun, a determiner or lowercase words."""
    return any(t.lower in DETERMINERS or (not t.capitalised and t.lower not in CONNECTORS) or t.possessive
               or t.lower.rstrip(".") in TITLE_WORDS for t in tokens)


def _is_name(tokens: list[_Token]) -> bool:
    """Capitalised words, two to five, that are not an organisation or a place."""
    words = [t for t in tokens if t.lower not in CONNECTORS]
    if not 1 <= len(words) <= 5 or not all(_is_nameish(t) for t in words):
        return False
    if any(t.lower in GOV_WORDS or t.lower in ORG_WORDS for t in words):
        return False
    return not (len(words) == 1 and words[0].lower.rstrip(".") in PLACES)


def _appositive_before(masked: str, tokens: list[_Token], comma: int, low: int) -> _Phrase | None:
    """``X, role, said`` or ``role, X, said``: the speaker, with the role as stated."""
    previous = masked.rfind(",", low, comma)
    if previous < 0:
        return None
    inner = [t for t in tokens if previous < t.start and t.end <= comma]
    if not inner or len(inner) > 20:
        return None
    outer = _phrase_before(masked, tokens, previous, low)
    first = inner[0].lower
    if outer is None:
        return None
    inner_span = (inner[0].start, inner[-1].end)
    if first in ("who", "which", "whose") or first.endswith("ing") or inner[0].text[0].isdigit():
        return outer                                  # "X, who ..., said" / "X, 45, said"
    if _is_name(inner) and _is_roleish(masked, outer.tokens):
        # "Zelensky's chief aide, Andriy Yermak, said"
        return _Phrase(inner_span[0], inner_span[1], inner, role=(outer.start, outer.end))
    if _is_roleish(masked, inner):
        return _Phrase(outer.start, outer.end, outer.tokens, role=inner_span)
    return outer


def _role_after(masked: str, tokens: list[_Token], end: int, high: int) -> tuple[tuple[int, int] | None, _Phrase | None]:
    """After ``said X``: ``, a spokeswoman for ...`` (a role) or ``, Ivan Petrov`` (the name)."""
    match = re.match(r",\s*", masked[end:high])
    if not match:
        return None, None
    start = end + match.end()
    stop = high
    for index in range(start, min(high, start + 200)):
        if masked[index] in ",;:.\x02\x03" and not (masked[index] == "." and index + 1 < high and masked[index + 1].isalpha()):
            stop = index
            break
    inner = [t for t in tokens if start <= t.start and t.end <= stop]
    if not inner:
        return None, None
    if _is_name(inner) and len(inner) <= 4:
        return None, _Phrase(inner[0].start, inner[-1].end, inner)
    if inner[0].lower in DETERMINERS or any(t.lower in ROLE_NOUNS or t.lower.rstrip(".") in TITLE_WORDS for t in inner):
        if len(inner) <= 14:
            return (inner[0].start, inner[-1].end), None
    return None, None


_VERB_RE = re.compile(r"\b(" + "|".join(sorted(SPEECH_VERBS | CLAIM_VERBS, key=len, reverse=True)) + r")\b")
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+")
_BY_RE = re.compile(r"\b(?:put forward|given|released|cited|provided|published|issued|offered|compiled"
                    r"|reported|announced|claimed|confirmed|estimated|made|quoted)(?:\s+[\w'.]+){0,6}?\s+by\s+")
_COLON_RE = re.compile(r"\s*([^\x02\x03:\n]{2,90}?)\s*:\s*\x02")


WINDOW = 300    # how far around a verb a reporting clause is looked for (keeps long sentences linear)


def _last_char(masked: str, index: int, low: int, skip: str = " \t") -> str:
    """The last character before ``index`` (not before ``low``) that is not in ``skip``."""
    while index > low and masked[index - 1] in skip:
        index -= 1
    return masked[index - 1] if index > low else ""


def _attributions(masked: str, sentence: _Sentence, dates: list[_Date]) -> list[_Attribution]:
    start, end = sentence.start, sentence.end
    tokens = _tokens(masked, start, end)
    starts = [t.start for t in tokens]
    date_ends = {d.end: d for d in dates}
    found: list[_Attribution] = []

    def window(low: int, high: int) -> list[_Token]:
        return tokens[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]

    def complement(after: int) -> int:
        """Where the reported words begin after a verb: "that", a quote, or the sentence end."""
        match = re.search(r"\bthat\b|\x02", masked[after:min(end, after + WINDOW)])
        return after + match.start() if match else end

    for match in _VERB_RE.finditer(masked, start, end):
        verb = match.group(1)
        v_start, v_end = match.start(1), match.end(1)
        low, high = max(start, v_start - WINDOW), min(end, v_end + WINDOW)
        near = window(low, high)
        if verb in CLAIM_VERBS:
            following = [t.lower for t in _tokens(masked, v_end, min(end, v_end + 40))][:4]
            if not any(word in CLAIM_OBJECTS for word in following) and \
                    not re.match(r"\s+(?:it|them|this|that)\s+at\b", masked[v_end:v_end + 20]):
                continue
        style = "claim" if verb in CLAIM_VERBS or verb in ("estimate", "estimated", "estimates", "assessed", "assesses") \
            else "before"
        stripped = _strip_fillers(masked, near, v_start, low, date_ends)
        while stripped > low and masked[stripped - 1] in " \t":
            stripped -= 1
        phrase = None
        before_comma = _last_char(masked, stripped - 1, low) if stripped > low else ""
        if stripped > low and masked[stripped - 1] == "," and before_comma not in (MASK_CLOSE, ""):
            phrase = _appositive_before(masked, near, stripped - 1, low)
        if phrase is None and _last_char(masked, stripped, low) not in (",", MASK_CLOSE):
            phrase = _phrase_before(masked, near, stripped, low)
        if phrase is None and _last_char(masked, stripped, low, " ,") == MASK_CLOSE:
            # "...," Kirby said  /  "...," said Kirby, role
            phrase = _phrase_before(masked, near, stripped, low)
            if phrase is None and verb in INVERTING_VERBS:
                phrase = _phrase_after(masked, near, _skip_spaces(masked, v_end), high)
                if phrase is not None:
                    role, name = _role_after(masked, near, phrase.end, high)
                    if name is not None and _is_roleish(masked, phrase.tokens):
                        phrase = _Phrase(name.start, name.end, name.tokens, role=(phrase.start, phrase.end))
                    elif role is not None:
                        phrase.role = role
                    style = "inverted"
        if phrase is None:
            continue
        if phrase.tokens[0].lower in ("which", "that", "who"):
            continue
        if style == "inverted" or _last_char(masked, phrase.start, low, " ,") == MASK_CLOSE:
            region = (_last_close(masked, low, phrase.start), _next_open(masked, v_end, high))
            if style != "inverted":
                style = "after"
        else:
            # the reporting clause: from its subject (or a date fronted before it) to what is reported
            clause_start = min(phrase.start, phrase.role[0]) if phrase.role else phrase.start
            lead = masked[start:clause_start] if clause_start - start < 120 else "x"
            for date in dates:
                if start <= date.start and date.end <= clause_start and lead != "x":
                    lead = lead.replace(masked[date.start:date.end], "")
            region = (start if not lead.strip(" ,") else clause_start, complement(v_end))
        found.append(_Attribution(phrase, v_start, v_end, style, region))

    for match in _ACCORDING_RE.finditer(masked, start, end):
        high = min(end, match.end() + WINDOW)
        near = window(match.end(), high)
        phrase = _phrase_after(masked, near, match.end(), high)
        if phrase is None:
            continue
        if phrase.tokens[-1].lower in ("statement", "report", "post", "readout", "estimates", "figures",
                                       "data", "estimate", "assessment"):
            by = re.match(r"\s+(?:(?:released|issued|published|compiled|prepared|posted)(?:\s+[\w'.]+){0,4}?\s+)?"
                          r"(?:from|by|of)\s+", masked[phrase.end:high])
            if by:
                inner = _phrase_after(masked, near, phrase.end + by.end(), high)
                if inner is not None:
                    phrase = inner
        found.append(_Attribution(phrase, match.start(), match.end(), "according", (start, end)))

    for match in _BY_RE.finditer(masked, start, end):
        high = min(end, match.end() + WINDOW)
        phrase = _phrase_after(masked, window(match.end(), high), match.end(), high)
        if phrase is not None:
            found.append(_Attribution(phrase, match.start(), match.end(), "by", (start, end)))

    colon = _COLON_RE.match(masked, start, end)
    if colon and not any(a.verb_start < colon.end() for a in found):
        phrase = _phrase_before(masked, window(start, colon.end(1)), colon.end(1), start)
        if phrase is not None and phrase.start == _skip_spaces(masked, start):
            found.append(_Attribution(phrase, colon.end(1), colon.end(1) + 1, "colon", (start, colon.end())))
    found.sort(key=lambda a: a.verb_start)
    return found


def _skip_spaces(masked: str, index: int) -> int:
    while index < len(masked) and masked[index] in " \t":
        index += 1
    return index


def _last_close(masked: str, low: int, high: int) -> int:
    index = masked.rfind(MASK_CLOSE, low, high)
    return index + 1 if index >= 0 else low


def _next_open(masked: str, low: int, high: int) -> int:
    index = masked.find(MASK_OPEN, low, high)
    return index if index >= 0 else high


# --- actors -------------------------------------------------------------------------------------

class _Actors:
    """Actors of the document: known ones, new ones, and the mentions coreference uses."""

    def __init__(self, known: Sequence[KnownActor], text: str, masked: str):
        self.text, self.masked = text, masked
        self.by_id: dict[str, _Entity] = {}
        self.index: dict[str, str] = {}
        self.mentions: list[_Mention] = []
        # (position, serial, entity or mention) in text order: what coreference walks back through
        self.timeline: list[tuple[int, int, Any]] = []
        self.by_surname: dict[str, list[_Mention]] = {}
        self.surname_runs: dict[str, _Mention | None] = {}
        for actor in known:
            entity = _Entity(actor.id, actor.name, actor.kind, aliases=list(actor.aliases), known=True)
            self.by_id[actor.id] = entity
            for name in (actor.name, *actor.aliases):
                self.index.setdefault(text_key(name), actor.id)

    # -- lookup and creation

    def lookup(self, *names: str) -> _Entity | None:
        for name in names:
            if name and text_key(name) in self.index:
                return self.by_id[self.index[text_key(name)]]
        return None

    def add(self, name: str, kind: str, position: int | None, *, role: tuple[int, int] | str | None = None,
            aliases: Sequence[str] = ()) -> _Entity:
        entity = self.lookup(name)
        if entity is None:
            actor_id = slug(name)
            entity = self.by_id.get(actor_id)
            if entity is None:
                entity = _Entity(actor_id, name, kind)
                self.by_id[actor_id] = entity
            self.index.setdefault(text_key(name), actor_id)
        if not entity.known:
            for alias in aliases:
                if alias and text_key(alias) != text_key(entity.name) and alias not in entity.aliases:
                    entity.aliases.append(alias)
                    self.index.setdefault(text_key(alias), entity.id)
            if isinstance(role, tuple):
                role_text = " ".join(self.text[role[0]:role[1]].split())
                if role not in entity.role_spans and len(entity.role_spans) < 20:
                    entity.role_spans.append(role)
                if entity.role is None:
                    entity.role = _clean_role(role_text)
            elif isinstance(role, str) and entity.role is None:
                entity.role = _clean_role(role)
        if position is not None:
            bisect.insort(self.timeline, (position, len(self.timeline), entity))
        return entity

    def before(self, position: int, limit: int = 400):
        """Entities and mentions standing before ``position``, nearest first (at most ``limit``)."""
        index = bisect.bisect_left(self.timeline, (position, -1))
        for back in range(index - 1, max(-1, index - 1 - limit), -1):
            yield self.timeline[back]

    # -- people and organisations named anywhere in the text, for coreference

    def scan_mentions(self) -> None:
        masked = self.masked
        tokens = _tokens(masked, 0, len(masked))
        index = 0
        while index < len(tokens):
            if not (_is_nameish(tokens[index]) or _is_title(tokens[index])):
                index += 1
                continue
            first = index
            index += 1
            while index < len(tokens) and _only_spaces(masked, tokens[index - 1].end, tokens[index].start):
                token = tokens[index]
                if _is_nameish(token) or _is_title(token):
                    index += 1
                elif token.lower in ("of", "for", "and", "the") and index + 1 < len(tokens) and \
                        _only_spaces(masked, token.end, tokens[index + 1].start) and \
                        (_is_nameish(tokens[index + 1]) or tokens[index + 1].lower == "the"):
                    index += 1
                else:
                    break
            while index - 1 > first and tokens[index - 1].lower in ("of", "for", "and", "the"):
                index -= 1
            self._mention_from_run(tokens, first, tokens[first:index])
        for mention in self.mentions:
            self.timeline.append((mention.position, len(self.timeline), mention))
            if mention.kind == "person":
                self.by_surname.setdefault(text_key(mention.name.split()[-1]), []).append(mention)
        self.timeline.sort(key=lambda item: item[:2])

    def _mention_from_run(self, tokens: list[_Token], first: int, run: list[_Token]) -> None:
        masked, text = self.masked, self.text
        lower_words = {t.lower.removesuffix("'s").rstrip(".") for t in run}
        kind = _body_kind(lower_words, text[run[0].start:run[-1].end])
        if kind is not None and run[-1].capitalised:
            name_tokens = run[1:] if run[0].lower == "the" else run
            if name_tokens:
                self.mentions.append(_Mention(text[name_tokens[0].start:name_tokens[-1].end], None, None,
                                              name_tokens[0].start, kind))
            return
        if len(run) == 1 and run[0].lower.removesuffix("'s").rstrip(".") in PLACES:
            place = run[0].text.removesuffix("'s")
            self.mentions.append(_Mention(place, None, None, run[0].start, "place"))
            return
        owner = max((i for i, t in enumerate(run[:-1]) if t.possessive), default=-1)
        run = run[owner + 1:]
        title_at = max((i for i, t in enumerate(run) if _is_title(t)), default=-1)
        name = run[title_at + 1:]
        if name and name[-1].possessive:
            name = name[:-1] + [_Token(name[-1].start, name[-1].end - 2, name[-1].text[:-2])]
        if not 2 <= len(name) <= 4 or not _is_name(name):
            return
        position = first + owner + 1
        role_start = run[0].start if title_at >= 0 else None
        # role words before the name: "U.S. podcaster Lex Fridman", "Pentagon spokesman Maj. Gen. X"
        back = position - 1
        while back >= 0 and _only_spaces(masked, tokens[back].end, tokens[back + 1].start) and \
                (tokens[back].lower in ROLE_NOUNS or tokens[back].lower in MODIFIERS or tokens[back].possessive
                 or (_is_nameish(tokens[back]) and role_start is not None)):
            if tokens[back].lower in ROLE_NOUNS or role_start is not None:
                role_start = tokens[back].start
            back -= 1
        role_span = (role_start, name[0].start) if role_start is not None else None
        # an appositive role before ("Kyiv's army chief, Oleksandr Syrskyi") or after ("X, head of ...,")
        appositive = None
        if position >= 1 and masked[tokens[position - 1].end:run[0].start].strip() == "," and \
                tokens[position - 1].lower in ROLE_NOUNS:
            begin = position - 1
            while begin - 1 >= 0 and _only_spaces(masked, tokens[begin - 1].end, tokens[begin].start) and \
                    (_np_token_ok(tokens[begin - 1]) or tokens[begin - 1].lower in DETERMINERS
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
                inner = _tokens(masked, start, start + (stop.start() if stop else 0))
                if inner and (inner[0].lower in DETERMINERS or inner[0].lower in ROLE_NOUNS) and \
                        any(t.lower in ROLE_NOUNS for t in inner) and len(inner) <= 14:
                    appositive = (inner[0].start, inner[-1].end)
        if appositive is not None:
            role_span = appositive
        if role_span is not None:
            role_text = text[role_span[0]:role_span[1]].rstrip(" ,")
            role_span = (role_span[0], role_span[0] + len(role_text))
            if role_span[1] <= role_span[0]:
                role_span, role_text = None, None
        else:
            role_text = None
        self.mentions.append(_Mention(text[name[0].start:name[-1].end], role_text, role_span, name[0].start))

    # -- resolving a speaker phrase

    def resolve(self, phrase: _Phrase) -> tuple[_Entity | None, float]:
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
        if first in ("its", "their") and len(words) > 1:
            # "Its Defense Ministry": the body of the country or organisation named last
            owner = next((target for _, _, target in self.before(position)
                          if isinstance(target, _Mention) and target.kind != "person"), None)
            rest = text[words[1].start:words[-1].end]
            if owner is not None and _body_kind({t.lower.rstrip(".") for t in words[1:]}, rest):
                name = f"{owner.name}'s {rest}"
                known = self.lookup(name)
                if known is not None:
                    return self.add(known.name, known.kind, position), 0.8
                return self.add(name, _body_kind({t.lower.rstrip(".") for t in words[1:]}, rest), position), 0.75
            words = words[1:]
        if not words:
            return None, 0.0
        if first in ("one", "another") and len(words) > 1:
            determiner, words = "a", words[1:]
        name = text[words[0].start:words[-1].end]
        known = self.lookup(name, text[phrase.start:phrase.end])
        if known is not None:
            return self.add(known.name, known.kind, position, role=phrase.role), 1.0
        # an unnamed person with a call sign or given name: "a lieutenant with the call sign Chemist"
        described = text[phrase.start:phrase.end] + " " + (text[phrase.role[0]:phrase.role[1]] if phrase.role else "")
        called = re.search(r"\b(?:call ?sign|nom de guerre|named|identified (?:only )?as|gave (?:his|her) "
                           r"(?:first )?name (?:only )?as)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", described)
        if called:
            role_span = phrase.role or (phrase.start, phrase.end)
            return self.add(called.group(1), "person", position, role=role_span), 0.8
        # the head noun stands before a preposition: "one NATO official in Brussels", "the head of the unit"
        for index, token in enumerate(words[1:], start=1):
            if token.lower in NP_PREPOSITIONS and not token.capitalised and \
                    (words[index - 1].lower in ROLE_NOUNS or words[index - 1].lower in PLURAL_PERSON_HEADS):
                head_words = words[:index]
                break
        else:
            head_words = words
        head = head_words[-1]
        if head is not words[-1] and (head.lower in PLURAL_PERSON_HEADS or
                                      (not head.capitalised and head.lower in ROLE_NOUNS)):
            if head.lower in PLURAL_PERSON_HEADS or determiner in ("a", "an"):
                return self.add(name, "anonymous_group", position, role=phrase.role), 0.7
            return self._describe(head_words, position, kinds=("person", "anonymous_group"), fallback="anonymous_group")
        head = words[-1]
        head_lower = head.lower
        lower_words = {t.lower.removesuffix("'s").rstrip(".") for t in words}
        role = phrase.role
        # "the general's own figures", "Kyiv's estimates", "the ministry's statement": the owner speaks
        if head_lower in COLLECTIVE_HEADS or head_lower in ("statement", "statements", "post", "readout"):
            owner = max((i for i, t in enumerate(words[:-1]) if t.possessive), default=-1)
            if owner >= 0:
                owner_token = words[owner]
                trimmed = _Token(owner_token.start, owner_token.end - 2, owner_token.text[:-2])
                tokens = ([phrase.tokens[0]] if determiner else []) + words[:owner] + [trimmed]
                entity, factor = self.resolve(_Phrase(tokens[0].start, trimmed.end, tokens))
                if entity is not None:
                    return entity, factor * 0.9
            if head_lower in COLLECTIVE_HEADS and head_lower not in ("report", "reports") and \
                    any(t.capitalised for t in words[:-1]):
                return self.add(name, "collective", position, role=role), 0.85    # "U.S. and Ukrainian estimates"
            return None, 0.0
        # a person: title or role words, then a proper name
        title_at = max((i for i, t in enumerate(words)
                        if _is_title(t) or (not t.capitalised and t.lower in ROLE_NOUNS)), default=-1)
        name_tokens = words[title_at + 1:]
        connector = max((i for i, t in enumerate(name_tokens) if t.lower in CONNECTORS), default=-1)
        if connector >= 0 and title_at >= 0:
            name_tokens = name_tokens[connector + 1:]        # "Secretary of State Antony Blinken"
        if name_tokens and not name_tokens[-1].possessive and (title_at >= 0 or len(name_tokens) >= 2) \
                and _is_name(name_tokens) and all(not t.possessive for t in name_tokens):
            person = text[name_tokens[0].start:name_tokens[-1].end]
            if title_at >= 0 and role is None:
                role = (words[0].start, words[title_at].end)
            if len(name_tokens) == 1:
                return self._surname(person, position, role)
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
            return self.add(name, "anonymous_group", position, role=role), 0.8
        if not head.capitalised and head_lower not in GOV_WORDS and head_lower not in ORG_WORDS:
            if head_lower in ROLE_NOUNS:
                if determiner in ("a", "an"):
                    return self.add(name, "anonymous_group", position, role=role), 0.7
                return self._describe(words, position, kinds=("person", "anonymous_group"),
                                      fallback="anonymous_group")
            return None, 0.0
        kind = _body_kind(lower_words, name)
        if kind is not None:
            if determiner == "the" and not any(t.capitalised or t.possessive for t in words):
                return self._describe(words, position, kinds=("government_body", "organisation"),
                                      fallback=kind)
            return self.add(name, kind, position, role=role), 0.9
        if head.possessive:
            return None, 0.0
        if len(words) == 1:
            single = head_lower.rstrip(".")
            if single in PLACES:
                return self.add(name, "government_body", position, role=role), 0.8
            if head.text.isupper() and len(head.text) > 1:
                return self.add(name, "organisation", position, role=role), 0.75
            if _is_nameish(head):
                return self._surname(name, position, role)
            return None, 0.0
        if all(_is_nameish(t) or t.lower in CONNECTORS for t in words):
            return self.add(name, "organisation", position, role=role), 0.5
        return None, 0.0

    def _surname(self, surname: str, position: int, role) -> tuple[_Entity, float]:
        known = self.lookup(surname)
        if known is not None:
            return self.add(known.name, known.kind, position, role=role), 0.95
        key = text_key(surname)
        mention = None
        candidates = self.by_surname.get(key, [])
        if candidates:
            # the nearest full name before, else the nearest after
            at = bisect.bisect_left([m.position for m in candidates], position)
            mention = candidates[at - 1] if at else candidates[0]
        if mention is None:
            if key not in self.surname_runs:
                # a capitalised run ending with the surname, anywhere in the text
                self.surname_runs[key] = None
                for match in re.finditer(rf"\b((?:[A-Z][\w'-]+\s+){{1,2}}){re.escape(surname)}\b", self.masked):
                    tokens = _tokens(self.masked, match.start(), match.end())
                    if all(_is_nameish(t) and t.lower.rstrip(".") not in TITLE_WORDS for t in tokens) and _is_name(tokens):
                        self.surname_runs[key] = _Mention(self.text[match.start():match.end()], None, None, match.start())
                        break
            mention = self.surname_runs[key]
        if mention is None:
            return self.add(surname, "person", position, role=role), 0.8
        entity = self.add(mention.name, "person", position, role=mention.role_span or role,
                          aliases=[surname])
        return entity, 0.95

    def _pronoun(self, pronoun: str, position: int) -> tuple[_Entity | None, float]:
        wanted = {"person": ("person",), "thing": ("government_body", "organisation"),
                  "group": ("anonymous_group", "collective", "government_body", "organisation")}[PRONOUNS[pronoun]]
        for _, _, target in self.before(position):
            if target.kind in wanted and (not isinstance(target, _Mention) or target.kind != "person" or target.role):
                return self._entity_for(target, position), 0.8
        return None, 0.0

    def _entity_for(self, target: _Entity | _Mention, position: int) -> _Entity:
        if isinstance(target, _Mention):
            if target.kind != "person":
                return self.add(target.name, target.kind, position)
            known = self.lookup(target.name)
            if known is not None:
                return self.add(known.name, known.kind, position)
            return self.add(target.name, "person", position, role=target.role_span,
                            aliases=[target.name.split()[-1]])
        return self.add(target.name, target.kind, position)

    def _describe(self, words: list[_Token], position: int, *, kinds: tuple[str, ...],
                  fallback: str | None) -> tuple[_Entity | None, float]:
        """"the Ukrainian leader" -> the nearest earlier actor whose role fits the description."""
        head = words[-1].lower
        if head.endswith("s") and head[:-1] in SYNONYMS:
            head = head[:-1]
        synonyms = SYNONYMS.get(head, (head,))
        modifiers = [t.lower.removesuffix("'s").rstrip(".") for t in words[:-1]
                     if (t.capitalised or t.possessive) and t.lower not in DETERMINERS]
        best = None
        candidates: list[tuple[int, str, Any]] = []
        seen: set[int] = set()
        for where, _, target in self.before(position):
            if id(target) in seen or target.kind not in kinds:
                continue
            seen.add(id(target))
            if isinstance(target, _Mention):
                if target.role or target.kind != "person":
                    candidates.append((where, f"{target.name} {target.role or ''}".lower(), target))
            else:
                candidates.append((where, target.words(), target))
        for where, words_text, target in candidates:
            if not any(s in words_text for s in synonyms):
                continue
            score = 2 + sum(1 for m in modifiers if m and m[:5] in words_text)
            rank = (score, where)
            if best is None or rank > best[0]:
                best = (rank, target)
        if best is not None:
            return self._entity_for(best[1], position), 0.85
        if fallback is None:
            return None, 0.0
        name = self.text[words[0].start:words[-1].end]
        return self.add(name, fallback, position), 0.5


def _clean_role(role: str) -> str:
    role = " ".join(role.split()).strip(" ,")
    role = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.I)
    return role


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
_FRACTION_RE = re.compile(
    r"\b(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<den>half|halves|thirds?|quarters?"
    r"|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    r"|\b(?P<a>one|two|three|four|five|six|seven|eight|nine|\d{1,2}) in (?:every )?"
    r"(?P<b>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b",
    re.I)
_VAGUE_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(v) for v in VAGUE_QUANTITIES), key=len, reverse=True))
                       + r")(?!\w)", re.I)
_FORMATION_RE = re.compile(r"\b(?:a|an|one)\s+(battalion|brigade|regiment|company|division|platoon|squad|corps)\b", re.I)
_HEDGE_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"\u201c\u2014\u2013-]))(" + "|".join(re.escape(h) for h in POINT_HEDGES)
                           + r")\s+$", re.I)
_RANGE_HEDGE_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"\u201c\u2014\u2013-]))(" + "|".join(re.escape(h) for h in RANGE_HEDGES)
                                 + r")\s+$", re.I)
_RANGE_JOIN = re.compile(r"\s*(-|\u2013|\u2014|\bto\b|\band\b|\bor\b)\s*", re.I)
_MEASURE_AFTER = re.compile(r"-(?:year|month|week|day|hour|minute|second|mile|km|kilomet|meter|metre|mm|inch|foot|feet"
                            r"|point|page|time|storey|story|member)", re.I)


@dataclass
class _Figure:
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
    claimant: _Entity | None = None
    claim_factor: float = 0.0
    base: str | None = None
    as_of: _Date | None = None


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


def _skip_number(work: str, start: int, end: int, match: re.Match) -> bool:
    """Numbers that are identifiers, ordinals, times or measures of time, not counts."""
    before = work[max(0, start - 2):start]
    after = work[end:end + 12]
    if re.search(r"[A-Za-z][-/]?$", before) and match.group("digits"):
        return True              # F-16, Su-34, G7
    if re.match(r"[A-Za-z]", after) and match.group("digits") and not match.group("pct"):
        return True              # 3rd, 5G, 155mm
    if re.match(r"[:/]\d|\.\d|/", after) or re.search(r"[:/]$", before):
        return True              # 10:30, 24/7
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|local time)", after, re.I):
        return True
    if _MEASURE_AFTER.match(after) or re.match(r"-(?:th|st|nd|rd)\b", after):
        return True
    if re.search(r"(?:No\.|#|[Nn]umber|Article|Resolution|Chapter|Section|[Pp]age|Room|Highway|Route|Flight)\s*$",
                 work[max(0, start - 14):start]):
        return True
    return False


def _next_words(work: str, index: int, limit: int = 8) -> list[tuple[int, int, str]]:
    """The words after ``index`` up to a clause break: (start, end, word)."""
    words = []
    for match in re.finditer(r"[\"\u201c\u201d\[\]]|[A-Za-z][\w'-]*|[^\sA-Za-z]", work[index:index + 120]):
        token = match.group()
        if token in ('"', "\u201c", "\u201d", "[", "]"):
            continue
        if not token[0].isalpha():
            break
        words.append((index + match.start(), index + match.end(), token))
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
                                                                 "total", "number", "of", "all"):
            index += 1
    while index < len(words) and len(noun) < 5:
        word = words[index][2]
        lower = word.lower()
        following = words[index + 1][2].lower() if index + 1 < len(words) else None
        adjective = following is not None and following not in VERBISH and following not in AUXILIARIES \
            and following not in IRREGULAR_PARTICIPLES and words[index + 1][0] == words[index][1] + 1
        if lower in VERBISH or lower in DETERMINERS or lower in ("what", "whom", "who") \
                or (lower in IRREGULAR_PARTICIPLES and not adjective) \
                or (lower.endswith(("ed", "ing")) and not word[0].isupper() and lower not in PEOPLE_NOUNS and not adjective) \
                or (lower.endswith("ly") and not word[0].isupper()):
            break
        noun.append(word)
        index += 1
    predicate: list[str] = []
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


def _metric_before(work: str, start: int, low: int) -> list[str]:
    """"the number of North Korean casualties at 3,000" -> the words after "number of"."""
    before = work[max(low, start - 160):start]
    match = None
    for match in re.finditer(r"\b(?:number|total|tally|toll|count|estimate|figure)s?\s+of\s+(?:the\s+)?", before, re.I):
        pass
    if match is None:
        return []
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


_STOPWORDS = _words("""the a an of to in on at for and or by with from as that this these those its their his
her our estimated number total""")
_STEMS = {"sent": "deployed", "deployed": "deployed", "arrived": "deployed", "dispatched": "deployed",
          "stationed": "deployed", "deploy": "deployed"}


def _content(words) -> frozenset[str]:
    out = set()
    for word in words:
        lower = word.lower()
        if lower in _STOPWORDS:
            continue
        if lower in CASUALTY_WORDS:
            lower = "casualty"
        out.add(_STEMS.get(lower, lower))
    return frozenset(out)


def _find_figures(work: str, masked: str, dates: list[_Date], blocked: list[tuple[int, int]],
                  sentences: list[_Sentence]) -> list[_Figure]:
    occupied = bytearray(len(work) + 1)
    for start, end in [(d.start, d.end) for d in dates] + list(blocked):
        occupied[start:end] = b"\x01" * (end - start)
    durations: list[int] = []        # where counts of time units end ("six and eight hours")
    ends: list[tuple[int, int]] = []  # (end, index into figures), sorted

    def sentence_start(index: int) -> int:
        return sentences[_sentence_of(sentences, index)].start if sentences else 0

    def elliptical(start: int) -> tuple[list[str], str] | None:
        """A number with no noun of its own takes the quantity before it in the sentence
        ("254,380 soldiers, including 620"); after a duration it is a duration ("up from two")."""
        low = sentence_start(start)
        at = bisect.bisect_right(ends, (start, len(figures) + 1))
        previous = figures[ends[at - 1][1]] if at and ends[at - 1][0] >= low else None
        duration_at = bisect.bisect_right(durations, start)
        last_duration = durations[duration_at - 1] if duration_at and durations[duration_at - 1] >= low else None
        if last_duration is not None and (previous is None or previous.end < last_duration):
            return [], "duration"
        if previous is not None and previous.kind in ("number", "range", "vague"):
            return previous.metric.split(), previous.unit
        return None

    def free(start: int, end: int) -> bool:
        return not any(occupied[start:end])

    figures: list[_Figure] = []

    def add(figure: _Figure) -> None:
        figures.append(figure)
        bisect.insort(ends, (figure.end, len(figures) - 1))
        occupied[figure.start:figure.end] = b"\x01" * (figure.end - figure.start)

    def hedge_before(start: int, patterns=(_HEDGE_BEFORE,)) -> tuple[int, str | None, re.Pattern | None]:
        window = work[max(0, start - 40):start]
        for pattern in patterns:
            match = pattern.search(window)
            if match:
                return start - len(window) + match.start(1), match.group(1), pattern
        return start, None, None

    # unit words as the quantity: "up to a battalion"
    for match in _FORMATION_RE.finditer(work):
        h_start, hedge, _ = hedge_before(match.start())
        if hedge is None or not free(h_start, match.end()):
            continue
        bound = ALL_HEDGES[" ".join(hedge.lower().split())]
        fields = _bound_fields(bound, 1.0)
        noun, predicate = _metric_after(work, match.end())
        metric = " ".join([match.group(1).lower()] + (["of"] + noun if noun else []) + predicate)
        add(_Figure(h_start, match.end(), **fields, bound=bound, hedge=hedge, unit=FORMATION_WORDS[match.group(1).lower()],
                    metric=metric, confidence=0.7, kind="formation"))

    # fractions: "nearly a third", "two-thirds", "roughly half", "one in five"
    for match in _FRACTION_RE.finditer(work):
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
        h_start, hedge, _ = hedge_before(start)
        after = work[end:end + 6].lower()
        before_word = re.search(r"([A-Za-z]+)\s*$", work[max(0, start - 12):start])
        before_word = before_word.group(1).lower() if before_word else ""
        if match.group("den"):
            if not match.group("num") and match.group("den").lower() != "half":
                continue
            if before_word in ("first", "second", "third", "fourth", "last", "other", "latter", "this", "that",
                               "the", "each", "next", "past"):
                continue
            if not (re.match(r"\s+of\b", after) or hedge or (match.group("den").lower() == "half" and re.match(r"\s+(?:the|its|their|his|her)\b", after))):
                continue
        if not free(h_start, end):
            continue
        bound = ALL_HEDGES[" ".join(hedge.lower().split())] if hedge else "approx"
        if bound not in ("at_least", "at_most"):
            bound = "approx"
        noun, predicate = _metric_after(work, end)
        sentence_rest = work[end:end + 200]
        main_predicate = re.search(r"\b(?:have|has|had|were|was|are|is)\s+(?:been\s+)?((?:\w+ed|killed|wounded|injured|"
                                   r"captured|lost|destroyed|taken|held|hit)(?:\s+(?:or|and)\s+\w+)?)", sentence_rest)
        fields = _bound_fields(bound, value)
        add(_Figure(h_start, end, **fields, bound=bound, hedge=hedge, unit="fraction",
                    metric=" ".join(noun + predicate) or "share", confidence=0.75, kind="fraction",
                    base_words=_content(noun + predicate),
                    predicate_words=_content(main_predicate.group(1).split() if main_predicate else [])))

    # vague quantifiers before a countable noun: "several" North Korean soldiers
    for match in _VAGUE_RE.finditer(work):
        start, end = match.start(), match.end()
        if not free(start, end):
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
        bound = ALL_HEDGES.get(phrase, "at_least")
        noun, predicate = _metric_after(work, end)
        add(_Figure(start, end, None, float(VAGUE_QUANTITIES[phrase]), None, bound=bound, hedge=match.group(),
                    unit=_unit_for(noun, predicate, None), metric=" ".join(noun + predicate) or countable or "count",
                    confidence=0.55, kind="vague"))

    # numbers, ranges and percentages
    matches = [m for m in _NUMBER_RE.finditer(work) if m.group().strip()]
    used_until = -1
    for position, match in enumerate(matches):
        start, end = match.start(), match.end()
        if start < used_until or not free(start, end):
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
        if join and position + 1 < len(matches) and matches[position + 1].start() == join.end():
            candidate = matches[position + 1]
            if not _skip_number(work, candidate.start(), candidate.end(), candidate) and free(candidate.start(), candidate.end()):
                second_number = _number_at(work, candidate)
                if second_number is not None:
                    second = (candidate, second_number)
        r_start, r_hedge, _ = hedge_before(start, (_RANGE_HEDGE_BEFORE,))
        if r_hedge and r_hedge.lower() == "from":
            change = re.search(r"([A-Za-z]+)\s+$", work[max(0, r_start - 20):r_start])
            if change and change.group(1).lower() in CHANGE_VERBS:
                r_hedge = None
                r_start = start
        if second is not None:
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
                bisect.insort(durations, candidate.end())
                continue          # "between six and eight hours": a duration
            if ok:
                unit = special_unit or high_unit
                h_start, hedge = (r_start, r_hedge) if r_hedge else hedge_before(start)[:2]
                if hedge and not r_hedge:
                    pass
                fig_end = candidate.end()
                noun, predicate = _metric_after(work, fig_end)
                if not noun and not predicate:
                    noun = _metric_before(work, h_start, sentence_start(h_start))
                add(_Figure(h_start, fig_end, None, value, high_value, bound="range", hedge=r_hedge or hedge,
                            unit=unit or _unit_for(noun, predicate, None), metric=" ".join(noun + predicate) or "count",
                            confidence=0.9 if not is_word else 0.75, kind="range"))
                used_until = fig_end
                continue
        # a single number
        if match.group("digits") and re.fullmatch(r"\d{4}", match.group("digits")) and not special_unit:
            noun_after = _next_words(work, end, 1)
            if not (noun_after and noun_after[0][2].lower() in COUNTABLE_NOUNS):
                continue     # a year
        noun, predicate = _metric_after(work, end)
        next_word = _next_words(work, end, 1)
        if (noun and noun[0].lower() in TIME_UNITS) or (noun and noun[0].lower().startswith("year-old")) or \
                (next_word and next_word[0][2].lower() in TIME_UNITS):
            bisect.insort(durations, end)
            continue
        h_start, hedge, _ = hedge_before(start)
        if is_word and word_lower in ("one", "a", "an"):
            if not any(w.lower() in PEOPLE_NOUNS or w.lower() in FORMATION_WORDS for w in noun):
                continue
        if is_word and value < 10 and not hedge:
            det = re.search(r"([A-Za-z']+)\s+$", work[max(0, start - 20):start])
            if det and (det.group(1).lower() in ("the", "these", "those", "its", "their", "his", "her", "our",
                                                  "both", "all", "every", "each", "first", "last", "next")
                        or det.group(1).endswith("'s")):
                continue
        inherited_unit = None
        if not noun and not predicate:
            noun = _metric_before(work, h_start, sentence_start(h_start))
            if not noun:
                inherited = elliptical(h_start)
                if inherited is not None and inherited[1] == "duration":
                    continue
                if inherited is not None:
                    noun, inherited_unit = inherited
        bound = ALL_HEDGES[" ".join(hedge.lower().split())] if hedge else "exact"
        if bound == "range":
            bound = "exact"
        fields = _bound_fields(bound, value)
        unit = special_unit or inherited_unit or _unit_for(noun, predicate, None)
        metric = " ".join(noun + predicate) or ("share" if unit == "percent" else "count")
        confidence = 0.85 if match.group("digits") else 0.7
        add(_Figure(h_start, end, **fields, bound=bound, hedge=hedge, unit=unit, metric=metric,
                    confidence=confidence, kind="percent" if special_unit == "percent" else "number",
                    base_words=_content(noun + predicate)))
    figures.sort(key=lambda f: f.start)
    return figures


def _bound_fields(bound: str, value: float) -> dict:
    if bound == "at_most":
        return {"value": None, "low": None, "high": value}
    if bound == "at_least":
        return {"value": None, "low": value, "high": None}
    return {"value": value, "low": None, "high": None}


# --- the document -------------------------------------------------------------------------------

def _default_source_id(text: str, publisher: str | None, published: datetime.date) -> str:
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug(publisher) if publisher else 'source'}-{published.isoformat()}-{digest}"


def extract_article(text: str, *, published: datetime.date, publisher: str | None = None,
                    title: str | None = None, url: str | None = None,
                    source_id: str | None = None, known: Sequence[KnownActor] = ()) -> dict:
    """Propose the quotes, figures and dates of one article as an interchange document.

    Every record carries its span (``make_span``) and, for quotes, figures and dates, a
    ``confidence`` 0..1 (attribution for quotes, extraction for figures and dates).
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    source_id = source_id or _default_source_id(text, publisher, published)
    work = text.translate(_WORK_TABLE)
    paragraphs = _paragraphs(work)
    quotes = _find_quotes(work, paragraphs)
    masked = _mask(work, quotes, paragraphs)
    sentences = _sentences(work, masked, paragraphs)
    dates = _find_dates(work, published, source_id)
    for date in dates:
        date.sentence = _sentence_of(sentences, date.start)
    for quote in quotes:
        quote.sentence = _sentence_of(sentences, quote.open_mark)

    actors = _Actors(known, text, masked)
    actors.scan_mentions()
    publisher_entity = actors.add(publisher, "organisation", None) if publisher \
        else actors.add(f"Unattributed ({source_id})", "organisation", None)

    # attributions, sentence by sentence, so coreference sees only what came before
    by_sentence: list[list[_Attribution]] = []
    date_starts = [d.start for d in dates]
    for sentence in sentences:
        sentence_dates = _dates_near(dates, date_starts, sentence.start, sentence.end)
        found = _attributions(masked, sentence, sentence_dates)
        for attribution in found:
            attribution.entity, attribution.factor = actors.resolve(attribution.phrase)
        by_sentence.append([a for a in found if a.entity is not None])

    _attribute_quotes(quotes, sentences, by_sentence, masked, paragraphs, publisher_entity)
    blocked = [(a.phrase.start, a.phrase.end) for found in by_sentence for a in found]
    figures = _find_figures(work, masked, dates, blocked, sentences)
    _claim_figures(figures, quotes, sentences, by_sentence, dates, publisher_entity, masked)
    _find_bases(figures)

    return _document(text, source_id, published, publisher, title, url, actors, quotes, figures, dates, masked,
                     sentences)


def _said_date(attribution: _Attribution, dates: list[_Date], starts: list[int], sentence: _Sentence,
               masked: str) -> _Date | None:
    low, high = attribution.region
    near = _dates_near(dates, starts, max(sentence.start, attribution.verb_start - 2 * WINDOW),
                       min(sentence.end, attribution.verb_end + 2 * WINDOW))
    inside = [d for d in near if low <= d.start and d.end <= high]
    if not inside and attribution.style in ("before", "claim"):
        # a date earlier in the sentence, outside any quote ("... on Sunday, although X said")
        inside = [d for d in near if d.end <= attribution.verb_start and masked[d.start] != MASK_FILL]
    if not inside:
        return None
    return min(inside, key=lambda d: min(abs(d.start - attribution.verb_end), abs(d.end - attribution.verb_start)))


def _attribute_quotes(quotes: list[_Quote], sentences: list[_Sentence], by_sentence: list[list[_Attribution]],
                      masked: str, paragraphs: list[tuple[int, int]], publisher: _Entity) -> None:
    speech = [[a for a in found if a.style != "claim"] for found in by_sentence]
    verb_starts = [[a.verb_start for a in found] for found in speech]
    verb_ends = [[a.verb_end for a in found] for found in speech]
    for quote in quotes:
        found, starts, ends = speech[quote.sentence], verb_starts[quote.sentence], verb_ends[quote.sentence]
        chosen, confidence = None, 0.0
        close = quote.close_mark if quote.close_mark is not None else quote.end
        after_at = bisect.bisect_left(starts, close)
        for attribution in found[after_at:after_at + 2]:
            # right after the quote: "...," Kirby said / "...," said Kirby
            if attribution.style in ("after", "inverted") and \
                    not masked[close + 1:min(attribution.phrase.start, attribution.verb_start)].strip(" ,\u2014\u2013-"):
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
            according = next((a for a in found if a.style == "according"), None)
            if according is not None:
                chosen, confidence = according, 0.8
        if chosen is not None:
            quote.speaker = chosen.entity
            quote.confidence = round(confidence * chosen.factor, 3)
            quote.attribution = chosen

    # a quote running on over paragraphs shares its speaker
    chains: dict[int, list[_Quote]] = {}
    for quote in quotes:
        chains.setdefault(quote.chain, []).append(quote)
    for members in chains.values():
        attributed = [q for q in members if q.speaker is not None]
        if attributed and len(members) > 1:
            best = max(attributed, key=lambda q: q.confidence)
            for quote in members:
                if quote.speaker is None:
                    quote.speaker, quote.confidence = best.speaker, round(best.confidence * 0.95, 3)

    # no attribution in the sentence: the paragraph's, then the previous paragraph's speaker
    last_before: list[_Attribution | None] = []      # the last reporting clause earlier in the paragraph
    first_in_paragraph: dict[int, _Attribution] = {}
    running: _Attribution | None = None
    for number, sentence in enumerate(sentences):
        if number and sentences[number - 1].paragraph != sentence.paragraph:
            running = None
        last_before.append(running)
        if speech[number]:
            running = speech[number][-1]
            first_in_paragraph.setdefault(sentence.paragraph, speech[number][0])
    last_quote: dict[int, _Quote] = {}
    for quote in quotes:
        if quote.speaker is None:
            sentence = sentences[quote.sentence]
            earlier = last_before[quote.sentence]
            p_start = paragraphs[quote.paragraph][0]
            opens_paragraph = _last_char(masked, quote.open_mark, p_start) == ""
            previous = first_in_paragraph.get(sentence.paragraph - 1)
            previous_quote = last_quote.get(sentence.paragraph - 1)
            if earlier is not None:
                quote.speaker, quote.confidence = earlier.entity, round(0.6 * earlier.factor, 3)
            elif opens_paragraph and (previous is not None or previous_quote is not None):
                ends_with_colon = _last_char(masked, p_start, 0, " \t\n") == ":"
                if previous_quote is not None and (previous is None or previous_quote.open_mark > previous.verb_start):
                    speaker = previous_quote.speaker
                else:
                    speaker = previous.entity
                quote.speaker, quote.confidence = speaker, 0.6 if ends_with_colon else 0.45
            else:
                quote.speaker, quote.confidence = publisher, 0.2
        last_quote[quote.paragraph] = quote


def _dates_near(dates: list[_Date], starts: list[int], low: int, high: int) -> list[_Date]:
    return dates[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]


def _claim_figures(figures: list[_Figure], quotes: list[_Quote], sentences: list[_Sentence],
                   by_sentence: list[list[_Attribution]], dates: list[_Date], publisher: _Entity,
                   masked: str) -> None:
    quote_starts = [q.start for q in quotes]
    date_starts = [d.start for d in dates]
    verb_starts = [[a.verb_start for a in found] for found in by_sentence]
    for figure in figures:
        sentence_number = _sentence_of(sentences, figure.start)
        sentence = sentences[sentence_number] if sentences else _Sentence(0, 0, 0)
        at = bisect.bisect_right(quote_starts, figure.start) - 1
        inside = quotes[at] if at >= 0 and figure.end <= quotes[at].end else None
        found = by_sentence[sentence_number] if sentences else []
        chosen = None
        if inside is not None and inside.speaker is not None:
            figure.claimant, figure.claim_factor = inside.speaker, inside.confidence
            chosen = inside.attribution
        else:
            split = bisect.bisect_right(verb_starts[sentence_number], figure.start) if sentences else 0
            according = next((a for a in found if a.style in ("according", "by")), None)
            later = [a for a in found[split:split + 3]
                     if not re.search(r"\b(?:that|which|who|whom)\s*$", masked[max(0, a.phrase.start - 8):a.phrase.start])]
            if split:
                chosen = found[split - 1]
            elif according is not None:
                chosen = according
            elif later:
                chosen = later[0]
            if chosen is not None:
                figure.claimant, figure.claim_factor = chosen.entity, chosen.factor
            else:
                figure.claimant, figure.claim_factor = publisher, 0.5
        # as of: a date in the sentence that is not the date of speaking, else that one
        sentence_dates = _dates_near(dates, date_starts, max(sentence.start, figure.start - 2 * WINDOW),
                                     min(sentence.end, figure.end + 2 * WINDOW))
        speech = []
        if chosen is not None:
            low, high = chosen.region
            speech = [d for d in sentence_dates if low <= d.start and d.end <= high]
        other = [d for d in sentence_dates if d not in speech and not d.bounds_period]
        pool = other or [d for d in speech if not d.bounds_period]
        if pool:
            figure.as_of = min(pool, key=lambda d: min(abs(d.start - figure.end), abs(figure.start - d.end)))


BASE_DISTANCE = 20000   # a base figure stands in the same article: this far from its fraction at most


def _find_bases(figures: list[_Figure]) -> None:
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
            words = candidate.base_words or _content(candidate.metric.split())
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


def _document(text: str, source_id: str, published: datetime.date, publisher: str | None,
              title: str | None, url: str | None, actors: _Actors, quotes: list[_Quote],
              figures: list[_Figure], dates: list[_Date], masked: str, sentences: list[_Sentence]) -> dict:
    source = {"id": source_id, "kind": "article", "title": title, "publisher": publisher,
              "published": published.isoformat(), "published_basis": None, "url": url,
              "note": None, "text": text}
    date_starts = [d.start for d in dates]
    quote_records = []
    for quote in quotes:
        speaker = quote.speaker
        speaker.used = True
        said = _said_date(quote.attribution, dates, date_starts, sentences[quote.sentence], masked) \
            if quote.attribution is not None else None
        quote_records.append({
            "id": f"{source_id}/q/{quote.start}-{quote.end}", "speaker": speaker.id,
            "speaker_name": speaker.name, "text": text[quote.start:quote.end],
            "said": said.record["edtf"] if said else None, "said_text": said.record["text"] if said else None,
            "said_date": said.record["id"] if said else None, "source": source_id,
            "span": make_span(text, quote.start, quote.end), "status": "unverified", "note": None,
            "confidence": quote.confidence,
        })
    figure_records = []
    for figure in figures:
        claimant = figure.claimant
        claimant.used = True
        as_of = figure.as_of
        figure_records.append({
            "id": f"{source_id}/f/{figure.start}-{figure.end}", "claimant": claimant.id,
            "claimant_name": claimant.name, "metric": figure.metric[:80], "value": figure.value,
            "low": figure.low, "high": figure.high, "bound": figure.bound, "hedge": figure.hedge,
            "unit": figure.unit, "per_unit": None,
            "base": f"{source_id}/f/{figure.base}" if figure.base else None,
            "text": text[figure.start:figure.end],
            "as_of": as_of.record["edtf"] if as_of else None, "as_of_text": as_of.record["text"] if as_of else None,
            "as_of_date": as_of.record["id"] if as_of else None, "source": source_id,
            "span": make_span(text, figure.start, figure.end), "status": "unverified", "note": None,
            "confidence": round(figure.confidence * (0.5 + 0.5 * figure.claim_factor), 3),
        })
    date_records = []
    for date in dates:
        record = date.record
        date_records.append({
            "id": record["id"], "text": record["text"], "edtf": record["edtf"], "lower": record["lower"],
            "upper": record["upper"], "precision": record["precision"],
            "resolved_against": record["resolved_against"], "source": source_id,
            "span": make_span(text, date.start, date.end), "confidence": record["confidence"],
        })
    actor_records = []
    for entity in sorted(actors.by_id.values(), key=lambda e: e.id):
        if not entity.used or entity.known:
            continue
        actor_records.append({
            "id": entity.id, "name": entity.name, "kind": entity.kind, "role": entity.role,
            "aliases": sorted(set(entity.aliases)),
            "roles": [{"source": source_id, "span": make_span(text, start, end)}
                      for start, end in sorted(set(entity.role_spans)) if start < end],
        })
    return {"sources": [source], "actors": actor_records, "dates": date_records, "quotes": quote_records,
            "figures": figure_records, "events": [], "links": []}

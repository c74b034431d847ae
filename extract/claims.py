"""The pipeline, and the interchange document it proposes.

1. quotes: pairs of quotation marks inside a paragraph (``extract.text``); 2. sentences,
split outside quotes; 3. dates (``extract.dates``); 4. reporting clauses and speakers
(``extract.attribution``, ``extract.actors``); 5. figures (``extract.figures``), each
claimed by the speaker of its quote or its sentence's attribution, else the body whose count
the sentence states ("X's latest count ... is N", "the same assessment", "N, by the count of
X"), else the source that signs its paragraph off ("— per X"), else the publisher (a second
subject whose verb is left out, "and X at N", claims its own; a part, "M of them", its whole's),
and dated as of a date in its sentence (preferring one that is not the date of the speech
itself, and never one that opens or closes a period: "since December").

Record ids are stable: the source id (by default a slug of publisher, publication date
and a short hash of the text) plus the kind and the span offsets. Actors matched to
``known`` are referenced by id and not repeated in the document, so applying it does not
overwrite what the store holds about them; one met under a new spelling is repeated as
the store holds it (name, kind, role) with the variant among its aliases, which the
importer adds.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from db.names import KnownActor
from db.spans import make_span
from extract.actors import BODY_HEAD, DATE_LABEL, Actors, Entity, Mention, slug
from extract.attribution import (
    WINDOW,
    Attribution,
    attribute_quotes,
    body_kind,
    find_attributions,
    said_date,
)
from extract.dates import CLAUSE_JOIN, AsOfReader, DateMention, dates_between, find_dates
from extract.figures import MAX_DISPLAY_LINE, Figure, find_bases, find_figures
from extract.letters import Letter, find_letters
from extract.lexicon import CLAIM_OBJECTS, PRONOUNS, ROLE_NOUNS, TITLE_WORDS
from extract.metrics import (
    SHARE_UNITS,
    STEM,
    MetricChoice,
    Vocabulary,
    adjectives_of,
    choose_metric,
    metric_records,
    money_metric,
    side_named,
)
from extract.sections import (
    Block,
    DatedLead,
    Heading,
    ListItem,
    find_blocks,
    find_dated_leads,
    find_headings,
    find_list_items,
    heading_over,
    lead_over,
)
from extract.text import (
    MASK_OPEN,
    WORK_TABLE,
    Quote,
    Sentence,
    TextTokens,
    collector_paused,
    find_paragraphs,
    find_quotes,
    find_sentences,
    mask_quotes,
    sentence_of,
    sentences_of,
    skip_spaces,
    trim_spaces,
)
from extract.transcript import Turn, find_turns

# --- the document -------------------------------------------------------------------------------

def _default_source_id(text: str, publisher: str | None, published: datetime.date) -> str:
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug(publisher) if publisher else 'source'}-{published.isoformat()}-{digest}"


@collector_paused()
def extract_article(text: str, *, published: datetime.date, publisher: str | None = None,
                    title: str | None = None, url: str | None = None,
                    source_id: str | None = None, known: Sequence[KnownActor] = (),
                    vocabulary: Vocabulary | None = None) -> dict:
    """Propose the quotes, figures and dates of one article as an interchange document.

    ``vocabulary`` is the store's metrics and quantity words (default: no metrics, the
    default words): a figure is labelled with a known metric when one fits, and the new
    metrics it needs are proposed in the document's ``metrics`` section.

    Every record carries its span (``make_span``) and, for quotes, figures and dates, a
    ``confidence`` 0..1 (attribution for quotes, extraction for figures and dates).
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    source_id = source_id or _default_source_id(text, publisher, published)
    work = text.translate(WORK_TABLE)
    paragraphs = find_paragraphs(work)
    quotes = find_quotes(work, paragraphs)
    masked = _without_citation_years(mask_quotes(work, quotes, paragraphs))
    sentences = find_sentences(work, masked, paragraphs)
    dates = find_dates(work, published, source_id)
    for date, number in zip(dates, sentences_of(sentences, [d.start for d in dates]), strict=True):
        date.sentence = number
    for quote, number in zip(quotes, sentences_of(sentences, [q.open_mark for q in quotes]), strict=True):
        quote.sentence = number

    tokens = TextTokens(masked)
    actors = Actors(known, text, masked)
    actors.scan_mentions(tokens.words)
    # Without a publisher, the source's own voice is named by its headline, never by an internal id.
    unnamed = f"the publisher of \u201c{title.strip()[:80]}\u201d" if title and title.strip() \
        else f"Unattributed ({source_id})"
    publisher_entity = actors.add(publisher or unnamed, "organisation", None)

    # attributions, sentence by sentence, so coreference sees only what came before
    by_sentence: list[list[Attribution]] = []
    date_starts = [d.start for d in dates]
    for sentence in sentences:
        sentence_dates = dates_between(dates, date_starts, sentence.start, sentence.end)
        found = find_attributions(masked, sentence, tokens, sentence_dates)
        for attribution in found:
            named = actors.named_only_as(max(sentence.start, attribution.verb_start - WINDOW), attribution.verb_start) \
                if attribution.style == "before" else None
            attribution.entity, attribution.factor = (named, 0.8) if named is not None else \
                actors.resolve(attribution.phrase)
            if attribution.style == "before" and attribution.entity is not None:
                actors.note_subject(attribution.phrase.start, attribution.phrase.end, attribution.verb_start)
        by_sentence.append([a for a in found if a.entity is not None])
    del tokens      # a word per few characters of the text: not kept while the figures are read

    attribute_quotes(quotes, sentences, by_sentence, masked, paragraphs, publisher_entity, actors.person_opening)
    headings = find_headings(work, paragraphs, dates)
    items = find_list_items(work, paragraphs, dates)
    _quotes_of_issuers(quotes, headings, actors, text)
    _quotes_of_interviewee(quotes, work, paragraphs, actors, publisher_entity)
    turns = _turn_quotes(find_turns(work, paragraphs), work, sentences, actors)
    voices = {turn.paragraph: Voice(voice) for turn, voice in turns}
    _repost_voices(masked, paragraphs, actors, voices)
    _digest_voices(work, paragraphs, quotes, actors, voices)
    turns += _block_voices(find_blocks(work, paragraphs), work, paragraphs, sentences, quotes, actors, voices)
    _letter_voices(find_letters(work, paragraphs), work, actors, voices)
    blocked = [(a.phrase.start, a.phrase.end) for found in by_sentence for a in found]
    figures = find_figures(work, masked, dates, blocked, sentences)
    _claim_figures(figures, quotes, sentences, by_sentence, AsOfReader(work, dates, 2 * WINDOW),
                   _columnist(masked, text, actors) or publisher_entity,
                   masked, headings, items, actors, voices, find_dated_leads(work, paragraphs, dates))
    _headline_claimants(figures, work, publisher_entity)
    if turns:
        quotes = sorted([*quotes, *(turn for turn, _ in turns)], key=lambda quote: quote.start)
    find_bases(figures)
    vocabulary = vocabulary or Vocabulary()
    choices = _label_figures(figures, work, sentences, vocabulary)
    _own_counts_to_ministries(figures, actors)

    document = _document(text, source_id, published, publisher, title, url, actors, quotes, figures, dates, masked,
                         sentences)
    document["metrics"] = metric_records([choice for choice, _ in choices], [unit for _, unit in choices], vocabulary)
    return document


# "Hale and Osei (2029) estimate": a scholarly citation's year between its authors and their verb
_CITATION_YEAR = re.compile(r"(?<=[A-Za-z])[ \t]+\(\d{4}[a-z]?\)(?=[ \t]+[a-z])")


def _without_citation_years(masked: str) -> str:
    """``masked`` with each author's citation year blanked, so that the authors are the subject of
    the verb after it (the same length: every offset stays)."""
    if "(" not in masked:
        return masked
    return _CITATION_YEAR.sub(lambda year: " " * len(year.group()), masked)


# "| By Edmund Pryce |" near the top; "I", "my" and "me" in the prose outside quotes
_BYLINE = re.compile(r"\bBy\s+([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})(?=\s*(?:[|\n,]|$))")
BYLINE_REACH = 400
# "This one was posted on Sunday by @ValleyCount": a thread's author, by handle
_THREAD_BYLINE = re.compile(r"\b(?:posted|written|tweeted)\s+(?:[\w,]+\s+){0,3}?by\s+@(\w+)")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|me)\b")
FIRST_PERSON_AT_LEAST = 3


def _columnist(masked: str, text: str, actors: Actors) -> Entity | None:
    """The author of a column or a thread: the byline's name ("By X", or a thread "posted by @X" whose
    handle the text ties to a name) when the prose itself speaks in the first person (a column's "I"
    and "my own reckoning" are its author's, not the paper's); else None."""
    byline = _BYLINE.search(masked, 0, BYLINE_REACH)
    thread = _THREAD_BYLINE.search(masked, 0, 2 * BYLINE_REACH) if byline is None else None
    opening = byline or thread
    if opening is None:
        return None
    voices = itertools.islice(_FIRST_PERSON.finditer(masked, opening.end()), FIRST_PERSON_AT_LEAST)
    if sum(1 for _ in voices) < FIRST_PERSON_AT_LEAST:
        return None
    if byline is None:
        return actors.named_between(opening.start(1) - 1, opening.end(1))     # the thread's handle
    return actors.add(text[byline.start(1):byline.end(1)], "person", byline.start(1))


def _label_figures(figures: list[Figure], work: str, sentences: list[Sentence],
                   vocabulary: Vocabulary) -> list[tuple[MetricChoice, str]]:
    """Label each figure with its metric of the vocabulary (a figure whose words name no
    quantity keeps the words it counts); the choices made, with the figures' units."""
    choices = []
    last: tuple[Figure, int, MetricChoice] | None = None     # the last labelled figure, its paragraph and metric
    adjectives = adjectives_of(work) if figures else {}
    questions = _question_headings(work, sentences) if figures else []
    question_starts = [start for start, _ in questions]
    # the headline's side opens the run of sides that the figures continue (a one-line text has no headline)
    headline, _, body = work.partition("\n")
    side = side_named(headline, adjectives) if figures and body else ""
    for number, figure in enumerate(figures):
        sentence = sentences[sentence_of(sentences, figure.start)] if sentences else Sentence(0, len(work), 0)
        previous = figures[number - 1].end if number and figures[number - 1].end > sentence.start else sentence.start
        following = figures[number + 1].start if number + 1 < len(figures) and \
            figures[number + 1].start < sentence.end else sentence.end
        choice = None
        for own_words in (figure.metric, _question_over(questions, question_starts, figure.start)):
            if choice is None and own_words:
                choice = choose_metric(vocabulary, work, own_words=own_words, span=(figure.start, figure.end),
                                       clause=(previous, following), sentence=(sentence.start, sentence.end),
                                       adjectives=adjectives, share=figure.unit in SHARE_UNITS, side_before=side)
        if choice is None:
            choice = money_metric(vocabulary, work, own_words=figure.metric, unit=figure.unit,
                                  span=(figure.start, figure.end), sentence=(sentence.start, sentence.end),
                                  adjectives=adjectives, side_before=side)
        if choice is None and last is not None and last[1] == sentence.paragraph \
                and (last[0].unit in SHARE_UNITS) == (figure.unit in SHARE_UNITS) and _names_a_count(figure.metric):
            choice = last[2]        # "the count stood at 7,000": the count the paragraph's figure before counts
        if choice is not None:
            side = choice.side or side
            figure.metric = choice.name
            choices.append((choice, figure.unit))
            last = (figure, sentence.paragraph, choice)
    return choices


_COUNT_WORDS = CLAIM_OBJECTS | {"names", "own", "latest", "new", "earlier", "government's", "its", "their"}


def _names_a_count(words: str) -> bool:
    """Whether a figure's words name only a count of something named before ("the toll", "its own
    count", "1,731 names"): no noun of their own says what it counts."""
    return all(word.casefold() in _COUNT_WORDS for word in words.split())


def _headline_claimants(figures: list[Figure], work: str, publisher: Entity) -> None:
    """A headline's figure that no words of its own attribute is the claim of whoever the story
    credits with the same number ("Sarkand names 1,688 soldiers killed" over "... 1,688, the
    ministry said")."""
    headline_end = work.find("\n", 0, MAX_DISPLAY_LINE + 1)
    headline = [figure for figure in figures if figure.start < headline_end and figure.claimant is publisher]
    if not headline:
        return
    credited: dict[tuple[float | None, float | None, float | None], Figure] = {}
    for later in figures:
        if later.start > headline_end and later.claimant is not None and later.claimant is not publisher:
            credited.setdefault((later.value, later.low, later.high), later)
    for figure in headline:
        same = credited.get((figure.value, figure.low, figure.high))
        if same is not None:
            figure.claimant, figure.claim_factor = same.claimant, same.claim_factor


# the ministry itself, not a body of it ("Main Medical Directorate of Sarkand's Ministry of Defence")
_DEFENCE_MINISTRY = re.compile(r"(?:[Tt]he\s+)?(?:[\w'\u2019]+\s+)?(?:[Dd]efen[cs]e\s+[Mm]inistry\b"
                               r"|[Mm]inistry\s+of\s+(?:[A-Z]\w+\s+)?[Dd]efen[cs]e\b)")
_LETTER_WORDS = re.compile(r"[^\W\d_]+")


def _own_counts_to_ministries(figures: list[Figure], actors: Actors) -> None:
    """A country's count of its own troops ("Sarkand acknowledged that 1,612 of its soldiers had been
    killed", "Sarkand's own list") is its defence ministry's, when the text or the store names one."""
    ministries: dict[str, Entity | None] = {}
    for figure in figures:
        country = figure.claimant
        if country is None or country.kind != "government_body" or " " in country.name \
                or figure.metric[:STEM].casefold() != country.name[:STEM].casefold():
            continue
        if country.id not in ministries:
            stem = country.name[:STEM].casefold()
            bodies: list[Entity | Mention] = [*actors.by_id.values(), *actors.mentions]
            found = [body for body in bodies
                     if body.kind == "government_body" and body.name != country.name
                     and _DEFENCE_MINISTRY.match(body.name)
                     and any(word[:STEM].casefold() == stem for word in body.name.split())]
            # "Sarkand's Ministry of National Defence" and "Ministry of National Defence of Sarkand": one
            others = {"of", "the", "s", country.name.casefold()}
            named = {frozenset(_LETTER_WORDS.findall(body.name.casefold())) - others for body in found}
            ministries[country.id] = actors.body_named(found[0]) if len(named) == 1 else None
        figure.claimant = ministries[country.id] or country


MAX_QUESTION_HEADING = 120    # "How many soldiers did Sarkand send?": an explainer's section heading


def _question_headings(work: str, sentences: list[Sentence]) -> list[tuple[int, str]]:
    """The short questions standing as paragraphs of their own (an explainer's subheadings, an
    interviewer's questions), with where each starts."""
    headings = []
    for number, sentence in enumerate(sentences):
        alone = (not number or sentences[number - 1].paragraph != sentence.paragraph) and \
            (number + 1 == len(sentences) or sentences[number + 1].paragraph != sentence.paragraph)
        words = work[sentence.start:sentence.end].strip()
        if alone and words.endswith("?") and len(words) <= MAX_QUESTION_HEADING:
            headings.append((sentence.start, words))
    return headings


def _question_over(questions: list[tuple[int, str]], starts: list[int], position: int) -> str:
    """The words of the question heading last before ``position``: what a figure naming nothing
    counts in its answer ("How many soldiers did Sarkand send? ... put the total at 19,000")."""
    at = bisect.bisect_right(starts, position) - 1
    return questions[at][1] if at >= 0 else ""


_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who|whom)\s*$")   # "... that Russia said": not a claimant


def _issuer(actors: Actors, text: str, span: tuple[int, int], acronym: str | None) -> Entity:
    """The actor a heading or a list item names as the issuer of what it heads."""
    name = text[span[0]:span[1]]
    known = actors.lookup(name)
    kind = known.kind if known else body_kind({word.lower() for word in name.split()}, name) or "organisation"
    return actors.add(known.name if known else name, kind, span[0], aliases=[acronym] if acronym else [])


# "the troops the Institute says were sent": a reporting clause right after a noun, with no comma
_CONTACT_CLAUSE = re.compile(r"(?:\b(?!(?:and|but|or|as|while|so|then|when|because)\s)[a-z]+|\d)\s+$")
# "the nearly 20,000 men that the office says were sent": a relative clause of a figure's noun claims it
_FIGURE_RELATIVE = re.compile(r"\d\s+[a-z]+\s+(?:that|which)\s+$")


# "far more than the 300 the ministry reports.", "the 300 dead that X counted in May": a relative clause
# with no comma right after the figure, its verb ending the clause, makes the figure its subject's
_RELATIVE_GAP = re.compile(r"(?:\s+[a-z]+)?\s+(?:that\s+)?(?:the\s+|its\s+|their\s+)?$")
_RELATIVE_END = re.compile(r"\s*(?:[.,;:)]|(?:in|on|last|this|earlier|before|after)\b|$)")


def _relative_clause_after(masked: str, figure: Figure, later: list[Attribution]) -> Attribution | None:
    """The reporting clause that relates the figure itself ("the 300 the ministry reports"), if one does."""
    clause = later[0] if later and later[0].style in ("before", "claim") else None
    return clause if clause is not None and clause.phrase.start - figure.end <= 30 and \
        _RELATIVE_GAP.fullmatch(masked, figure.end, clause.phrase.start) is not None and \
        _RELATIVE_END.match(masked, clause.verb_end) is not None else None


def _claims_a_nearer_figure(masked: str, figure_end: int, clause_start: int) -> bool:
    """Whether the reporting clause at ``clause_start`` after a figure relates only a noun nearer
    to it: "44 percent of the 16,000 troops the Institute says were sent" (the 16,000 is the
    Institute's, the share is not)."""
    return _CONTACT_CLAUSE.search(masked, max(figure_end, clause_start - 20), clause_start) is not None and \
        re.search(r"\d", masked[figure_end:clause_start]) is not None


def _quotes_of_issuers(quotes: list[Quote], headings: list[Heading], actors: Actors, text: str) -> None:
    """A quote under a section heading with no reporting clause of its own is the heading's issuer's."""
    issuers: dict[int, Entity] = {}
    for quote in quotes if headings else ():
        heading = heading_over(headings, quote.paragraph) if quote.attribution is None else None
        if heading is None:
            continue
        if heading.paragraph not in issuers:
            issuers[heading.paragraph] = _issuer(actors, text, heading.issuer, heading.acronym)
        quote.speaker, quote.confidence = issuers[heading.paragraph], 0.7


# "The presenter asked whether", "began by asking", "Han put it to her that", "Her last question was":
# the interviewer's question told in prose (not "she was asked", whose subject answers)
_QUESTION_TOLD = re.compile(r"(?<!was )(?<!were )\b(?:asked|asking)\b|\bput it to\b|\bquestion\s+(?:was|is)\b")


def _asks(work: str, paragraph: tuple[int, int]) -> bool:
    """A paragraph is a question: it ends in "?" or tells of one in prose."""
    return work[slice(*paragraph)].rstrip().endswith("?") or _QUESTION_TOLD.search(work, *paragraph) is not None


def _answer_paragraphs(quotes: list[Quote], work: str, paragraphs: list[tuple[int, int]]) -> set[int]:
    """The paragraphs of an interview that answer a question: each opens with a quote mark right
    after a paragraph that asks one. Two such pairs make the layout (a lone question in the prose
    is no interview)."""
    answers = {quote.paragraph for quote in quotes
               if quote.paragraph and quote.open_mark == paragraphs[quote.paragraph][0]
               and _asks(work, paragraphs[quote.paragraph - 1])}
    return answers if len(answers) >= 2 else set()


def _quotes_of_interviewee(quotes: list[Quote], work: str, paragraphs: list[tuple[int, int]],
                           actors: Actors, publisher: Entity) -> None:
    """An answer of an interview is the interviewee's, the first person the introduction names,
    unless its own clause names someone ("she said" is the interviewee too, not whoever the
    question before it names)."""
    answers = _answer_paragraphs(quotes, work, paragraphs)
    if not answers:
        return
    interviewee = actors.first_person(paragraphs[min(answers)][0], publisher)
    for quote in quotes if interviewee is not None else ():
        if quote.paragraph in answers and (quote.attribution is None or _pronoun(quote.attribution)):
            quote.speaker, quote.confidence = interviewee, 0.6


def _pronoun(attribution: Attribution) -> bool:
    tokens = attribution.phrase.tokens
    return len(tokens) == 1 and tokens[0].lower in PRONOUNS


# "our count", "on our reckoning": a guest counting for the body they work for
_OWN_COUNT = re.compile(r"\b[Oo]ur\s+(?:[a-z-]+\s+){0,2}?"
                        r"(?:count|estimates?|reckoning|tally|figures|data|assessment|register|records)\b")


# "we counted N", "we have recorded N": a guest counting for the body they speak for (not "we lost N")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*)*")
_WE_COUNTED = re.compile(r"\b[Ww]e\s+(?:have\s+|had\s+)?(?:counted|count|recorded|record|estimated?)\b")


def _turn_quotes(turns: list[Turn], work: str, sentences: list[Sentence],
                 actors: Actors) -> list[tuple[Quote, Entity]]:
    """Each guest turn of a transcript as a quote of the person its label names, with whose its
    figures are when no clause of their own says: the person's, or their body's (named where they are
    introduced, or in a script's cue) when they speak of "our count" or say "we counted"."""
    quoted = []
    labelled: dict[str, Entity | None] = {}       # each label read once: a long script repeats its speakers
    affiliated: dict[str, Entity | None] = {}
    for turn in turns:
        if turn.label not in labelled:
            labelled[turn.label] = actors.labelled(turn.label)
        speaker = labelled[turn.label]
        if speaker is None:
            continue
        quote = Quote(turn.start, turn.end, turn.start, None, turn.paragraph, sentence=sentence_of(
            sentences, turn.start), speaker=speaker, confidence=0.8)
        counts = _OWN_COUNT.search(work, turn.start, turn.end) or _WE_COUNTED.search(work, turn.start, turn.end)
        named = _CAPITALISED_RUN.match(work, *turn.role) if counts and turn.role is not None else None
        role = actors.body_between(*named.span()) if named is not None else None     # "DID" of "DID spokeswoman"
        if counts and speaker.id not in affiliated:
            affiliated[speaker.id] = actors.affiliation(speaker)
        body = (affiliated[speaker.id] or role) if counts else None
        quoted.append((quote, body or speaker))
    return quoted


@dataclass(slots=True)
class Voice:
    """Who speaks a paragraph that no clause attributes: a transcript's guest, an answer's minister,
    a led list's owner; ``own_body`` is the body a sentence of theirs counting "our register" speaks for.
    A letter's signatory (``first_person``) claims only the sentences where they speak as "I" or "we"
    (not in a bracketed aside) and do not cite the paper's own report ("your report said N" is the
    paper's): the letter's other figures are those it reports, whoever the prose names."""

    speaker: Entity
    own_body: Entity | None = None
    first_person: bool = False

    def of(self, masked: str, sentence: Sentence) -> Entity | None:
        if self.first_person and not _speaks_in_person(masked, sentence):
            return None
        own = self.own_body is not None and _OWN_COUNT.search(masked, sentence.start, sentence.end) is not None
        return self.own_body if own and self.own_body is not None else self.speaker


_SPEAKING = re.compile(r"\b(?:I|[Mm]y|me|[Ww]e|[Oo]ur|us)\b")
# "your report", "your headline": the paper the letter writes to, whose figure the letter cites
_ADDRESSED = re.compile(r"\b[Yy]our\s+(?:own\s+)?(?:report|article|story|headline|paper|reporters?|correspondent|"
                        r"leader|editorial|figures?)\b")


def _speaks_in_person(masked: str, sentence: Sentence) -> bool:
    """Whether a sentence of a letter speaks in its writer's person, outside brackets, citing no report of the paper."""
    if _ADDRESSED.search(masked, sentence.start, sentence.end) is not None:
        return False
    depth, counted = 0, sentence.start        # brackets open before the word (counted once, left to right)
    for person in _SPEAKING.finditer(masked, sentence.start, sentence.end):
        depth += masked.count("(", counted, person.start()) - masked.count(")", counted, person.start())
        counted = person.start()
        if depth <= 0:
            return True
    return False


_SIGNATURE_PART = re.compile(r"[^,\s][^,]*")      # "Press Officer", "Ministry for Veterans", "Kostel"


def _letter_voices(letters: list[Letter], work: str, actors: Actors, voices: dict[int, Voice]) -> None:
    """The voices of the signed letters, into ``voices`` by paragraph: the signatory's, and the body
    the signature names for "our register" (a paragraph another layout voices keeps its voice)."""
    for letter in letters:
        signatory = actors.add(work[slice(*letter.name)], "person", letter.name[0])
        parts = [part for part in _SIGNATURE_PART.finditer(work, *letter.signed)      # not "Press Officer"
                 if part.group().split()[-1].lower() not in TITLE_WORDS | ROLE_NOUNS]
        body = next((entity for part in parts
                     if (entity := actors.body_between(*part.span())) is not None and entity.kind != "person"), None)
        for number in range(letter.first, letter.signature):
            voices.setdefault(number, Voice(signatory, body, first_person=True))


# "3/9 RT @MeridianCount: ...": a post reposting a handle's words, which are the handle's
_REPOST = re.compile(r"[ \t]*(?:\d{1,3}/\d{1,3}[ \t]+)?RT[ \t]+(@\w+):")


def _repost_voices(masked: str, paragraphs: list[tuple[int, int]], actors: Actors, voices: dict[int, Voice]) -> None:
    """The voices of reposts, into ``voices`` by paragraph: the handle reposted, when the text says
    whose it is (a paragraph a transcript or an answer block voices keeps its voice)."""
    if "RT" not in masked:
        return
    for number, (start, _) in enumerate(paragraphs):
        repost = _REPOST.match(masked, start)
        known = repost is not None and repost.group(1)[1:].lower() in actors.handles
        owner = actors.named_between(*repost.span(1)) if repost is not None and known else None
        if owner is not None and owner.kind != "anonymous_group":
            voices.setdefault(number, Voice(owner))


# A monitor's digest of a channel: "Channel: Steppe Herald (@steppeherald), ..." names the channel whose
# posts, each opening with its time ("[11:40] ..."), it translates; "[11:40] Repost from X: ..." is X's post
_CHANNEL = re.compile(r"^[ \t]*(?:Channel|Account)[ \t]*:[ \t]*"
                      r"(?P<name>[A-Z][\w'\u2019.&-]*(?:[ \t]+[A-Z][\w'\u2019.&-]*)*)", re.M)
_POST = re.compile(r"[ \t]*\[\d{1,2}[:.]\d{2}\][ \t]*"
                   r"(?:Repost(?:ed)?[ \t]+from[ \t]+(?:the[ \t]+channel[ \t]+of[ \t]+)?(?P<reposted>"
                   r"[^:.,;\n\"\u201c]{2,80}?)(?=[:.,;]|[ \t]+which\b))?")
_CHANNEL_CAPTION = re.compile(r"\b[Cc]hannel(?:'s)?[ \t]+caption[ \t]*:")
CHANNEL_REACH = 1000     # how far into a digest its "Channel:" line may stand
_OPENING_MARKS = ('"', "\u201c")


def _digest_voices(work: str, paragraphs: list[tuple[int, int]], quotes: list[Quote], actors: Actors,
                   voices: dict[int, Voice]) -> None:
    """The voices of a channel digest, into ``voices`` by paragraph: a timed post and the paragraphs
    running on from it are the channel's, a repost's the reposted's (whose unattributed quotes they
    are too); the monitor's bracketed notes keep the publisher's voice, but for the channel's caption
    of an image."""
    channel_line = _CHANNEL.search(work, 0, CHANNEL_REACH)
    if channel_line is None:
        return
    channel = actors.named_between(*channel_line.span("name")) or \
        _issuer(actors, work, channel_line.span("name"), None)
    voice: Voice | None = None       # the voice of the post running on, if any
    reposts: dict[int, Entity] = {}
    for number, (start, end) in enumerate(paragraphs):
        post = _POST.match(work, start, end)
        if post is not None:
            owner = actors.named_between(*post.span("reposted")) if post.group("reposted") else None
            voice = Voice(owner or channel)
        elif voice is None or work[skip_spaces(work, start):skip_spaces(work, start) + 1] not in _OPENING_MARKS:
            voice = None        # a post runs on only in the paragraphs of the words it quotes
            if _CHANNEL_CAPTION.search(work, start, end):
                voices.setdefault(number, Voice(channel))
            continue
        voices.setdefault(number, voice)
        if voice.speaker is not channel:
            reposts[number] = voice.speaker
    attributed = {quote.chain for quote in quotes if quote.attribution is not None and quote.chain >= 0}
    for quote in quotes:
        if quote.attribution is None and quote.paragraph in reposts and quote.chain not in attributed:
            quote.speaker, quote.confidence = reposts[quote.paragraph], 0.7


_ASKED = re.compile(r"\s*Q:\s")
_ANSWERED = re.compile(r"\s*A:\s+(?=\S)")


def _block_voices(blocks: list[Block], work: str, paragraphs: list[tuple[int, int]], sentences: list[Sentence],
                  quotes: list[Quote], actors: Actors, voices: dict[int, Voice]) -> list[tuple[Quote, Entity]]:
    """The voices of the answer blocks and led lists, into ``voices`` by paragraph (a question's
    "Q:" paragraph is the asker's, none); an unattributed quote in an answer is the answerer's; the
    answers printed as "A:" turns, as quotes of the answerer with whose their figures are."""
    answers = []
    for block in blocks:
        speaker = actors.named_between(*block.voice) if block.answer else actors.body_between(*block.voice)
        if speaker is None:
            continue
        body = actors.body_between(*block.body) if block.body is not None else None
        voice = Voice(speaker, body or actors.affiliation(speaker) if block.answer else None)
        for number in range(block.lead + 1, block.end):
            start, end = paragraphs[number]
            if not _ASKED.match(work, start, end):
                voices[number] = voice
            answer = _ANSWERED.match(work, start, end) if block.answer else None
            if answer is not None:
                words_start, words_end = trim_spaces(work, answer.end(), end)
                answers.append((Quote(words_start, words_end, words_start, None, number, sentence=sentence_of(
                    sentences, words_start), speaker=speaker, confidence=0.8), speaker))
    for quote in quotes if blocks else ():
        said = voices.get(quote.paragraph) if quote.attribution is None else None
        if said is not None and any(block.answer and block.lead < quote.paragraph < block.end for block in blocks):
            quote.speaker, quote.confidence = said.speaker, 0.7
    return answers


# "its estimate", "the agency's new assessment", "the ministry's register lists": a body's own figure, which
# its spokesperson relays
# its spokesperson relays; "published a final count of N", "issued its final figures: N": the count it gave out
_BODY_ESTIMATE = re.compile(r"\b(?:(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|(?P<owner>\w+)['\u2019]s)\s+(?:[a-z-]+\s+){0,2}?"
                            r"(?:estimates?|assessments?|count|tally|figure|register|records|reckoning|list)"
                            # "the register of the Ministry for Veterans": the body named after "of"
                            r"|[Tt]he\s+(?:[a-z-]+\s+)?(?:estimate|assessment|count|tally|register|records)\s+of\s+"
                            r"(?P<of_owner>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][\w'\u2019.-]*)*)"
                            r"|(?:[Ii]ts|[Tt]heir|(?:(?<=published\s)|(?<=released\s)|(?<=issued\s))an?)\s+"
                            r"(?:[a-z-]+\s+){0,2}?(?:counts?|tally|figures))\b")


def _estimate_reach(sentences: list[Sentence], number: int) -> int:
    """Where the words that may name a body's estimate for sentence ``number`` start: the sentence
    before it in its paragraph, else the sentence itself."""
    sentence = sentences[number]
    return sentences[number - 1].start if number and sentences[number - 1].paragraph == sentence.paragraph \
        else sentence.start


def _states_estimate(masked: str, sentences: list[Sentence], number: int, end: int) -> bool:
    """Whether the sentence up to ``end``, or the one before it in its paragraph, speaks of a
    body's estimate."""
    return _BODY_ESTIMATE.search(masked, _estimate_reach(sentences, number), end) is not None


# "... that the office had revised its estimate": who owns the estimate, before the verb and "its"
_OWNER_BEFORE_ITS = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w'.-]*|(?<=[Tt]he )[a-z]+)"
                               r"(?:\s+(?:of\s+|for\s+)?[A-Z][\w'.-]*)*"
                               r"(?=\s+(?:(?:had|has|have|also|now|again|just)\s+)*[a-z]+ed\s+$)")


# The body whose figure the grammar of the words before it names, whatever clause reports it: a
# second subject whose verb is left out (", and Kalvaria's military intelligence at N"), or the
# agent of a passive ("the number was estimated by the directorate at N", "was put by X at N")
_NAME_REST = r"[\w'\u2019.-]*(?:\s+(?:of\s+|for\s+)?[\w'\u2019.-]+){0,5}?"     # a name's first word on
_AGENT_BEFORE_AT = re.compile(rf"(?:(?:,\s+and|;)\s+((?:the\s+)?[A-Z]{_NAME_REST}),?"     # "; Y, at M" too
                              r"|\b(?:was|were|is|are|been)\s+(?:estimated|put|assessed|reckoned|calculated|placed|set)"
                              rf"\s+by\s+((?:the|its|their|[A-Z]){_NAME_REST}))\s+at\s+$")
# "Sarkand said in a statement that N ... The statement, issued by Sarkand's defence ministry, ...": its issuer
_IN_A_STATEMENT = re.compile(r"\bin\s+a\s+(?:written\s+)?statement\b")
_STATEMENT_ISSUER = re.compile(r"\b[Ss]tatement,?\s+(?:issued|released|published|put\s+out)\s+(?:[a-z]+\s+){0,3}?by\s+"
                               r"((?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:(?:of|for)\s+)?[A-Z][\w'\u2019.-]*){0,6})")
STATEMENT_AHEAD = 600    # how far after "in a statement" the words naming its issuer are looked for


def _body_in_role(person: Entity, actors: Actors) -> Entity | None:
    """The body a person's role names ("the director of Kinfold International"), if it names one."""
    if person.kind != "person":
        return None
    for start, end in person.role_spans:
        of = _ROLE_OWNER.search(actors.masked, max(0, start - ROLE_OWNER_REACH), start) or \
            _ROLE_BODY.search(actors.masked, start, end)
        body = actors.body_between(*of.span(1)) or actors.body_shortened(of.group(1)) if of is not None else None
        if body is not None:
            return body
    return None


def _statement_issuer(masked: str, sentence: Sentence, country: Entity, actors: Actors) -> Entity | None:
    """The body of ``country`` (a one-word name) that issued the statement the sentence cites,
    named in the next sentences: "Sarkand said in a statement that N ... The statement, issued by
    Sarkand's Ministry of National Defence, ..." (N is the ministry's)."""
    if " " in country.name or not _IN_A_STATEMENT.search(masked, sentence.start, sentence.end):
        return None
    issuer = _STATEMENT_ISSUER.search(masked, sentence.start, sentence.end + STATEMENT_AHEAD)
    body = actors.body_between(*issuer.span(1)) if issuer is not None else None
    stem = country.name[:STEM].casefold()
    return body if body is not None and body is not country and \
        any(word[:STEM].casefold() == stem for word in body.name.split()) else None


# a part of the figure just before it in the sentence: "M of them", "among them M"
_PART_AFTER = re.compile(r"\s+of\s+(?:them|those|whom)\b")
_PART_BEFORE = re.compile(r"\b(?:among|including)\s+(?:them\s+)?$")
# "N were believed to have been killed": an assessment, not the speaker's own count
_PASSIVE_BELIEF = re.compile(r"\b(?:is|are|was|were)\s+(?:now\s+)?(?:believed|thought|estimated|assessed)\s+to\b")


def _estimate_owner(masked: str, sentences: list[Sentence], number: int, end: int, actors: Actors) -> Entity | None:
    """The body whose estimate a sentence up to ``end`` (or the one before it in its paragraph)
    says it is: "X said that the office had revised its estimate to N" (N is the office's, X
    relays it)."""
    start = _estimate_reach(sentences, number)
    for estimate in _BODY_ESTIMATE.finditer(masked, start, end):
        entity = _possessor(masked, estimate, start, actors)
        if entity is None:
            owner = _OWNER_BEFORE_ITS.search(masked, max(start, estimate.start() - 120), estimate.start())
            entity = actors.body_between(owner.start(), owner.end()) if owner else None
        if entity is not None:
            return entity
    return None


# "the government's estimate", "The General Staff's latest count": the body named before the "'s"
_POSSESSOR_WORDS = re.compile(r"(?:(?:\b[Tt]he\s+)?(?:[A-Z][\w.-]*\s+){0,4}(?:[A-Z][\w.-]*|(?<=[Tt]he\s)[a-z]+"
                              r"(?:\s+[a-z]+)?)"     # "the health ministry's tally"
                              r"|\b[Tt]he\s+(?:[A-Z][\w.-]*\s+){1,3}[a-z]+(?:\s+[a-z]+)?"  # "the Kast health ministry"
                              r"|\b(?:[Hh]is|[Hh]er)\s+(?:own\s+)?office)\Z")     # "by her own office's count"


def _possessor(masked: str, estimate: re.Match[str], low: int, actors: Actors) -> Entity | None:
    """The body whose estimate ``estimate`` ("X's estimate", "the count of X") names, if it names one."""
    if estimate.group("of_owner") is not None:
        return actors.body_between(*estimate.span("of_owner"))
    if estimate.group("owner") is None:
        return None
    owner = _POSSESSOR_WORDS.search(masked, max(low, estimate.start() - 60), estimate.end("owner"))
    return actors.body_between(owner.start(), owner.end()) if owner else None


# a source's name as a document prints it: capitalised words with their small joining words, and perhaps
# a body's head in lower case ("Drovenian defence ministry", "Kalvaria's veterans ministry")
_SOURCE_NAME = (r"(?:[Tt]he[ \t]+)?[A-Z][\w'\u2019.&-]*"
                r"(?:(?:[ \t]+(?:of|for|the|and|on|in))*[ \t]+[A-Z][\w'\u2019.&-]*)*"
                rf"(?:(?:[ \t]+[a-z-]+)?[ \t]+{BODY_HEAD}\b)?")
# "- the Ministry of National Defence's published list, June 10", "- the Herald's own count from ...": whose record
_SOURCE_RECORD = r"['\u2019]s[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:list|count|tally|estimate|figures?|register|data)\b[^\n]*"

# "the director of Kinfold International", "Kinfold's executive director": the body of a person's role
_ROLE_BODY = re.compile(rf"\b(?:of|at|for)[ \t]+({_SOURCE_NAME})")
_ROLE_OWNER = re.compile(r"([A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*)*)['\u2019]s[ \t]+(?:[a-z-]+[ \t]+){0,2}$")
ROLE_OWNER_REACH = 60      # how far before a role ("director") its owner ("Kinfold's executive") is looked for

# "disputes the ministry's figure of N", "the institute's own tally of N was cited by X": the noun
# phrase's owner claims the figure, whoever the clause around it disputes, cites or dismisses it
_OWNED_FIGURE = re.compile(r"['\u2019]s\s+(?:own\s+)?(?:[a-z-]+\s+){0,2}?"
                           r"(?:figures?|estimates?|count|tally|toll|total|number|assessment|reckoning|claims?)"
                           r"\s+(?:of|that)\s+$")
# "rejected as slander the claim of X that N", "the estimate by X that N": the claim's owner, named after it
_CLAIM_OF_THAT = re.compile(r"\b(?:claims?|assertions?|allegations?|estimates?|figures?)\s+(?:of|by)\s+"
                            rf"({_SOURCE_NAME})\s+that\s+$")
# "the so-called 'figure' of N invented by X", "the figure of N spread by X": a figure quoted to be
# dismissed is the claim of the one it is pinned on, not the dismisser's
_PINNED_ON = re.compile(r"(?:\s+[a-z-]+){0,3}?\s+(?:invented|fabricated|concocted|spread|circulated|peddled|made\s+up)"
                        rf"\s+by\s+({_SOURCE_NAME}|the\s+[a-z]+)")
# "Y put the toll at M; X's own list has barely passed N": a joined clause whose subject is X's record
_JOINED_RECORD = re.compile(rf"(?:;|,\s+(?:and|but|while))\s+({_SOURCE_NAME})['\u2019]s\s+(?:own\s+)?(?:[a-z-]+\s+)?"
                            r"(?:list|count|tally|register|records|figures|estimate|data)\s+(?:[a-z]+\s+){0,3}?$")
# "On our central estimate, roughly a third ...", "By our count, N": the source's own voice, whoever a later
# clause names
_OUR_ESTIMATE = re.compile(r"\s*(?:On|By|According\s+to|In)\s+our\s+(?:[a-z-]+\s+){0,2}?"
                           r"(?:estimates?|count|tally|reckoning|figures|calculations?|analysis)\s*,")
# "the DID's 6,800 lies inside our interval", "the ministry's 2,461": a number as the possessor's count
_POSSESSED_NUMBER = re.compile(r"['\u2019]s\s+$")
OWNER_REACH = 120     # how far before a figure "X's own tally of" is looked for


def _figure_owner(masked: str, sentence: Sentence, figure: Figure, actors: Actors) -> Entity | None:
    """Who the possessive noun phrase just before a figure names ("Y's estimate of N", "Y's claim that
    N", "; Y's own list has passed N"), or the one a dismissed figure is pinned on ("N invented by Y",
    "the claim of Y that N")."""
    low = max(sentence.start, figure.start - OWNER_REACH)
    pinned = _PINNED_ON.match(masked, figure.end, sentence.end) or _CLAIM_OF_THAT.search(masked, low, figure.start) \
        or _JOINED_RECORD.search(masked, low, figure.start)
    if pinned is not None:
        return actors.named_between(*pinned.span(1))
    owned = _OWNED_FIGURE.search(masked, max(sentence.start, figure.start - OWNER_REACH), figure.start) or \
        _POSSESSED_NUMBER.search(masked, max(sentence.start, figure.start - 4), figure.start)
    if owned is None:
        return None
    owner = _POSSESSOR_WORDS.search(masked, max(sentence.start, owned.start() - 60), owned.start())
    return actors.named_between(owner.start(), owner.end()) if owner else None


ESTIMATE_REACH = 200     # how far before a figure "X's latest count of ..." is looked for
# the named subject opening a sentence ("The Halden Institute for Conflict Study, which ..., published")
_BODY_SUBJECT = re.compile(rf"{DATE_LABEL}"     # a timeline's "January 16: "
                           r"((?:[Tt]he\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:(?:of|for|on)\s+)?[A-Z][\w'\u2019.-]*)*"
                           rf"|(?:[Tt]he|[A-Z][\w.-]*['\u2019]s)\s+(?:[a-z-]+\s+)?{BODY_HEAD})"   # "Tessaly's ministry"
                           r"(?=,|\s+[a-z]+(?:s|ed)\s)")


# "..., by the General Staff's daily tally", "..., by the count of the General Staff", "N ...: that is the count
# of the General Staff", "N ... — the General Staff's tally": whose count, after it
_BY_COUNT_AFTER = re.compile(r"(?:\b[Bb]y\s+|[:\u2014\u2013]\s*(?:(?:that|this)\s+(?:is|was)\s+)?)"
                             r"(?:(?P<owned>[Tt]he\s+(?:[a-z]+\s+)?[a-z]+|"
                             r"(?:[Tt]he\s+)?(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['\u2019]s|the)\s+(?:[a-z-]+\s+){0,2}?(?:count|tally|estimate|reckoning|figures)\b"
                             r"(?(owned)|\s+of\s+(?P<owner>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w.-]*){0,4}))")


# "By her count, N ...", "N, by his own reckoning": a person's own count
PERSONAL_COUNT_AFTER = 40     # how far after a figure "by her count" is looked for
_PERSONAL_COUNT = re.compile(r"\b[Bb]y\s+([Hh]er|[Hh]is)\s+(?:own\s+)?(?:count|tally|reckoning|estimate)\b")


def _estimate_stated(masked: str, sentence: Sentence, figure: Figure, actors: Actors,
                     previous: Entity | None) -> Entity | None:
    """The body whose count a sentence with no reporting clause states: before its figure ("The
    General Staff's latest count of the dead alone is nearly 2,800", "The institute published its
    own figure: N"; "Its count ..." with no subject is that of ``previous``, the body claiming the
    figure before) or after it ("N, by the count of the General Staff"); or the person whose own
    count it is ("By her count, N")."""
    personal = _PERSONAL_COUNT.search(masked, max(sentence.start, figure.start - ESTIMATE_REACH),
                                      min(sentence.end, figure.end + PERSONAL_COUNT_AFTER))
    if personal is not None:
        return actors.possessor(personal.group(1), personal.start(1))
    estimate = _BODY_ESTIMATE.search(masked, max(sentence.start, figure.start - ESTIMATE_REACH), figure.start)
    if estimate is not None and estimate.group("owner") is None and estimate.group("of_owner") is None:
        subject = _BODY_SUBJECT.match(masked, sentence.start, estimate.start())
        if subject is not None:
            return actors.named_between(*subject.span(1))     # "Ilse Varga raised her estimate to N"
        return previous if previous is not None and previous.kind in ("government_body", "organisation") else None
    if estimate is not None:
        return _possessor(masked, estimate, sentence.start, actors)
    counted = _BY_COUNT_AFTER.search(masked, figure.end, sentence.end)
    if counted is None:
        return None
    return actors.body_between(*counted.span("owned" if counted.group("owned") else "owner"))


def _voice_of(voices: dict[int, Voice], masked: str, sentence: Sentence) -> Entity | None:
    voice = voices.get(sentence.paragraph)
    return voice.of(masked, sentence) if voice is not None else None


# "had been", "would": the tense of reported speech, which a sentence without a clause of its own continues
_BACKSHIFT = re.compile(r"\b(?:had|would)\b")


def _reported_before(masked: str, sentences: list[Sentence], by_sentence: list[list[Attribution]],
                     number: int) -> Attribution | None:
    """The reporting clause a sentence without one continues: "X said on Monday that the town
    had lost power. More than 300 homes had been flooded." (the sentence before, in its
    paragraph, reported; this one keeps the reported tense and holds no quote)."""
    sentence = sentences[number]
    if not number or sentences[number - 1].paragraph != sentence.paragraph or \
            not _BACKSHIFT.search(masked, sentence.start, sentence.end) or \
            MASK_OPEN in masked[sentence.start:sentence.end]:
        return None
    before = [a for a in by_sentence[number - 1] if a.style in ("before", "claim", "according", "inverted")]
    return before[-1] if before else None


# A source that signs off a line or a sentence outside its grammar: "Roughly 1,800 remain in captivity.
# — per the human rights commissioner, Yuliya Marchuk" (a newsletter item), "..., per @MeridianCount" (a
# post), "- Killed: 2,100 - Tolmin Health Ministry" (a factbox bullet), "... have died (Source: X)." /
# "(X, May 2029)" / "(X estimate)" / "(per X)" (a trailing parenthesis, which signs its sentence only)
_SIGNED = re.compile(r"(?:[ \t]?(?:—|–|--)|,)[ \t]*[Pp]er[ \t]+(?P<per>[^\n—]{2,120}?)[ \t.]*$"
                     rf"|[ \t](?:—|–|--|-)[ \t]+(?P<dash>{_SOURCE_NAME})(?:,[ \t]*[^\n,—–()]{{1,30}}|{_SOURCE_RECORD})?"
                     r"[ \t.]*$"
                     rf"|[ \t]\((?:(?P<cue>[Ss]ources?:|[Pp]er|[Cc]f\.|[Ss]ee)[ \t]+)?(?P<paren>{_SOURCE_NAME})"
                     r"(?P<tail>,[ \t]*[^\n()]{1,60}|[ \t]+(?:estimates?|figures?|data|count|tally))?\)"
                     r"(?=[.,;:]|[ \t]*$|[ \t]+[A-Z])"
                     rf"|^[ \t]*(?:Sources?|Data)[ \t]*:[ \t]*(?P<block>{_SOURCE_NAME})[ \t.]*$", re.M)
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=\S)")
SIGN_REACH = 400       # how far before a parenthesis or a note marker its figure may stand (one sentence)
BLOCK_REACH = 4000     # how far above a "Source: X" line the list or table it signs may begin


class _SignedSources:
    """The sources that sign off lines and sentences ("— per X", "- X", "(Source: X)"): who claims
    a figure before them that no clause of its own attributes, read once for the text."""

    def __init__(self, masked: str, actors: Actors):
        self.masked, self.actors = masked, actors
        self.signs = [sign for sign in _SIGNED.finditer(masked)
                      if sign.group("paren") is None or sign.group("cue") or sign.group("tail")
                      or " " in sign.group("paren").strip()]     # "(NSO)" alone is an acronym, no source
        self.starts = [sign.start() for sign in self.signs]
        self.scope_starts = [self._scope_start(sign) for sign in self.signs]
        self.blocks = [at for at, sign in enumerate(self.signs) if sign.group("block") is not None]
        self.block_starts = [self.starts[at] for at in self.blocks]
        self.resolved: dict[int, Entity | None] = {}

    def _scope_start(self, sign: re.Match[str]) -> int:
        """Where a sign's reach begins: its line's start, for a parenthesis its sentence's, for a
        "Source: X" line its paragraph's (the list or table it stands under)."""
        if sign.group("block") is not None:
            low = max(0, sign.start() - BLOCK_REACH)
            return max(low, self.masked.rfind("\n\n", low, sign.start()) + 1)
        line_start = self.masked.rfind("\n", 0, sign.start()) + 1
        if sign.group("paren") is None:
            return line_start
        low = max(line_start, sign.start() - SIGN_REACH)
        ends = [end.end() for end in _SENTENCE_END.finditer(self.masked, low, sign.start())]
        return ends[-1] if ends else low

    def source_of(self, figure_end: int, before: int | None = None) -> Entity | None:
        """The source of the first sign after a figure in its reach, else of the "Source: X" line the
        figure's list stands over (and, given ``before``, a sign starting before that position)."""
        at = bisect.bisect_left(self.starts, figure_end)
        if at == len(self.signs) or figure_end < self.scope_starts[at]:
            block = bisect.bisect_left(self.block_starts, figure_end)
            at = self.blocks[block] if block < len(self.blocks) else len(self.signs)
            if at == len(self.signs) or figure_end < self.scope_starts[at]:
                return None
        if before is not None and self.starts[at] >= before:
            return None
        if at not in self.resolved:
            sign = self.signs[at]
            start, end = sign.span(next(group for group in ("per", "dash", "paren", "block")
                                        if sign.group(group) is not None))
            named = self.masked.rfind(", ", start, end)       # "the commissioner, Yuliya Marchuk": the name
            body = self.actors.body_between(start, end) if named < 0 else None
            self.resolved[at] = body or self.actors.named_between(named + 2 if named >= 0 else start, end)
        return self.resolved[at]

    def body_of_country(self, country: Entity, figure_end: int) -> Entity | None:
        """The body of ``country`` (a one-word name, which the body's name holds as its adjective) that
        signs the paragraph off: "N were killed, Drovenia says. — per the Drovenian defence ministry"."""
        if " " in country.name or not self.signs:
            return None
        body = self.source_of(figure_end)
        stem = country.name[:STEM].casefold()
        named = body is not None and body.kind == "government_body" and body is not country and \
            any(word[:STEM].casefold() == stem for word in body.name.split())
        return body if named else None


# Footnotes and endnotes: a marker after a figure ("... stood at 1,958 names.[1]", "names.³", "names (3).")
# joined to its note ("[1] Figure provided by X on ...", "³ X, ...", or "3. X, statement of ..." under a
# "Notes" / "References" heading); the note's source is the body it cites, or the one it names first
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_NOTE_LINE = re.compile(r"^[ \t]*(?:\[(?P<bracket>\d{1,3})\]|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))[ \t]*(?P<note>[A-Z][^\n]*)$", re.M)
_NOTES_HEADING = re.compile(r"^[ \t]*(?:Notes|References|Endnotes|Footnotes|Sources)[ \t]*:?[ \t]*$", re.M)
_NUMBERED_NOTE = re.compile(r"^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?P<note>[A-Z][^\n]*)$", re.M)
_MARKER = re.compile(r"(?<=[\w.,;:)\]])(?:\[(?P<bracket>\d{1,3})\]|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
                     r"|(?<=\w)[ \t]\((?P<paren>\d{1,3})\)(?=[.,;:]|[ \t]*$)", re.M)
# where a note names its source, most telling first: the body it cites, the one "by" names, its first words
_NOTE_CITES = (re.compile(rf"\bciting[ \t]+({_SOURCE_NAME})"), re.compile(rf"\bby[ \t]+({_SOURCE_NAME})"))
_NOTE_OPENS = re.compile(rf"({_SOURCE_NAME})")


class _Notes:
    """The text's notes by number and the markers that point at them, read once for the text: who
    claims a figure a marker follows in its sentence."""

    def __init__(self, masked: str, actors: Actors, dates: list[DateMention]):
        self.masked, self.actors, self.dates = masked, actors, dates
        self.date_starts = [date.start for date in dates]
        self.notes: dict[str, tuple[int, int]] = {}
        for line in _NOTE_LINE.finditer(masked):
            self.notes[(line.group("bracket") or line.group("sup")).translate(_SUPERSCRIPTS)] = line.span("note")
        heading = _NOTES_HEADING.search(masked)
        if heading is not None:
            for line in _NUMBERED_NOTE.finditer(masked, heading.end()):
                self.notes.setdefault(line.group("number"), line.span("note"))
        self.markers = [marker for marker in _MARKER.finditer(masked) if self.notes
                        and self._number(marker) in self.notes]
        self.starts = [marker.start() for marker in self.markers]
        self.resolved: dict[str, Entity | None] = {}

    @staticmethod
    def _number(marker: re.Match[str]) -> str:
        return (marker.group("bracket") or marker.group("sup") or marker.group("paren")).translate(_SUPERSCRIPTS)

    def _note_of(self, figure_end: int) -> str | None:
        """The number of the note whose marker follows a figure in its sentence and line."""
        at = bisect.bisect_left(self.starts, figure_end)
        if at == len(self.markers) or self.starts[at] - figure_end > SIGN_REACH:
            return None
        between = self.masked[figure_end:self.starts[at]]
        return None if "\n" in between or _SENTENCE_END.search(between) else self._number(self.markers[at])

    def source_of(self, figure_end: int) -> Entity | None:
        """The source of the note a figure's marker points at."""
        number = self._note_of(figure_end)
        if number is None:
            return None
        if number not in self.resolved:
            self.resolved[number] = self._note_source(*self.notes[number])
        return self.resolved[number]

    def date_of(self, figure_end: int) -> DateMention | None:
        """The first date of the note a figure's marker points at ("Figure provided by X on 14 March
        2029"): the figure is as of that day when its own sentence dates it no other way."""
        number = self._note_of(figure_end)
        if number is None:
            return None
        start, end = self.notes[number]
        at = bisect.bisect_left(self.date_starts, start)
        return self.dates[at] if at < len(self.dates) and self.dates[at].end <= end else None

    def _note_source(self, start: int, end: int) -> Entity | None:
        """The body a note cites ("..., citing the National Security Office"), else the one named by
        "by" or at its start ("Figure provided by X", "X, statement of ...")."""
        matches = [pattern.search(self.masked, start, end) for pattern in _NOTE_CITES]
        for match in [*matches, _NOTE_OPENS.match(self.masked, start, end)]:
            named = self.actors.body_between(*match.span(1)) or self.actors.named_between(*match.span(1)) \
                if match is not None else None
            if named is not None:
                return named
        return None


# the earlier value of the count named before: "That number has doubled since June, when it stood at N",
# "N (X, April 30), up from M in January"
_EARLIER_VALUE = re.compile(r"(?:\bwhen\s+(?:it|that|the\s+(?:number|figure|count|total|tally))\s+(?:had\s+)?"
                            r"(?:stood|was)\s+at|,\s+(?:up|down)\s+from)\s+(?:[a-z]+\s+)?$")
# "An internal assessment by X put ... The same assessment put ...": the second figure is X's too
_RECORD_NOUNS = r"(?:assessment|report|estimate|survey|document|review|analysis|tally)s?"
_RECORD = re.compile(rf"\b{_RECORD_NOUNS}\b")     # in the phrase, or just before it ("an assessment by X")
_SAME_RECORD = re.compile(rf"\b[Tt]he\s+same\s+{_RECORD_NOUNS}\b")


def _claim_figures(figures: list[Figure], quotes: list[Quote], sentences: list[Sentence],
                   by_sentence: list[list[Attribution]], as_of: AsOfReader, publisher: Entity,
                   masked: str, headings: list[Heading], items: dict[int, ListItem], actors: Actors,
                   voices: dict[int, Voice], leads: list[DatedLead]) -> None:
    """Whose each figure is (see the module's docstring); ``voices``: who speaks each transcript
    turn's paragraph, claiming what no clause of its own attributes; ``leads`` date the paragraphs
    after them, for the figures that state no date of their own."""
    signed = _SignedSources(masked, actors)
    notes = _Notes(masked, actors, as_of.dates)
    record_owner: Entity | None = None       # whose assessment or report a figure was last claimed from
    quote_starts = [q.start for q in quotes]
    verb_starts = [[a.verb_start for a in found] for found in by_sentence]
    first_according = [next((a for a in found if a.style in ("according", "by")), None) for found in by_sentence]
    relaying: dict[str, Entity] = {}     # who relayed whose claim: "X told the committee, according to Y"
    for number, figure in enumerate(figures):
        sentence_number = sentence_of(sentences, figure.start)
        sentence = sentences[sentence_number] if sentences else Sentence(0, 0, 0)
        at = bisect.bisect_right(quote_starts, figure.start) - 1
        inside = quotes[at] if at >= 0 and figure.end <= quotes[at].end else None
        found = by_sentence[sentence_number] if sentences else []
        chosen = None
        if inside is not None and inside.speaker is not None:
            figure.claimant, figure.claim_factor = inside.speaker, inside.confidence
            chosen = inside.attribution
            if _OWN_COUNT.search(actors.text, max(inside.start, sentence.start), figure.start):
                # "'Our register already has N,' said X, the director of Y": Y's own count
                figure.claimant = _body_in_role(inside.speaker, actors) or inside.speaker
        else:
            split = bisect.bisect_right(verb_starts[sentence_number], figure.start) if sentences else 0
            according = first_according[sentence_number] if sentences else None
            later = [a for a in found[split:split + 3]
                     if (not _RELATIVE_BEFORE.search(masked[max(0, a.phrase.start - 8):a.phrase.start])
                         or _FIGURE_RELATIVE.search(masked, max(0, a.phrase.start - 30), a.phrase.start))
                     and not _claims_a_nearer_figure(masked, figure.end, a.phrase.start)]
            citing = next((a for a in found if a.style == "citing"), None)
            relative = _relative_clause_after(masked, figure, later) if split else None
            if relative is not None:
                chosen = relative       # "X says 500 died, more than the 300 the ministry reports"
            elif citing is not None and not (split and found[split - 1].phrase.start > citing.phrase.end):
                chosen = citing         # "the paper reported, citing the ministry, that 40 died"
                # (but "..., citing two officials, that the ministry now counts 40 dead": the ministry's)
            elif split:
                chosen = found[split - 1]
            elif according is not None and not (later and later[0].verb_start < according.verb_start):
                chosen = according      # else "N ..., X told the committee, according to Y": X's, Y relays
            elif later:
                chosen = later[0]
                if according is not None and according.entity is not None and chosen.entity is not None:
                    relaying[according.entity.id] = chosen.entity
            elif sentences:
                chosen = _reported_before(masked, sentences, by_sentence, sentence_number)
            if chosen is not None:
                figure.claimant, figure.claim_factor = chosen.entity, chosen.factor
                if _RECORD.search(masked, max(0, chosen.phrase.start - 30), chosen.phrase.end):
                    record_owner = chosen.entity
                # "N ..., X told the court, and by the DID's count M ...": the next clause's estimate is M's
                next_clause = CLAUSE_JOIN.search(masked, chosen.verb_end, sentence.end) \
                    if chosen.verb_start > figure.end else None
                reach = next_clause.start() if next_clause is not None else sentence.end
                relays = chosen.entity is not None and chosen.entity.kind in ("person", "anonymous_group") and \
                    _states_estimate(masked, sentences, sentence_number, reach)
                # an unnamed spokesperson ("a spokesman for the ministry said N") always speaks for the body
                unnamed = chosen.entity is not None and chosen.entity.kind == "anonymous_group"
                body = actors.relayed_body(chosen.phrase) if relays or unnamed else None
                if body is None and relays:
                    body = _estimate_owner(masked, sentences, sentence_number, reach, actors)
                if body is None and chosen.entity is not None and \
                        _PASSIVE_BELIEF.search(masked, sentence.start, sentence.end):
                    body = relaying.get(chosen.entity.id)   # "N were believed to have died, the lawmakers said"
                if body is None and chosen.entity is not None:
                    body = signed.body_of_country(chosen.entity, figure.end) or \
                        _statement_issuer(masked, sentence, chosen.entity, actors)
                if body is not None:
                    figure.claimant = body      # "The agency raised its estimate. Its spokesman said 40 ..."
                # "N (X, as relayed by Y)", "N (X); Y says M": a sign between the figure and a clause after it is nearer
                sign = signed.source_of(figure.end, before=chosen.phrase.end) if chosen.verb_start > figure.end \
                    else None
                if sign is not None:
                    figure.claimant = sign
            else:
                same_record = record_owner if _SAME_RECORD.search(masked, sentence.start, figure.start) else None
                previous = figures[number - 1].claimant if number else None
                if previous is not None and _EARLIER_VALUE.search(masked, max(sentence.start, figure.start - 40),
                                                                  figure.start):
                    same_record = previous      # "That number has doubled since June, when it stood at N"
                figure.claimant, figure.claim_factor = _estimate_stated(masked, sentence, figure, actors, previous) \
                    or same_record or notes.source_of(figure.end) or signed.source_of(figure.end) \
                    or _voice_of(voices, masked, sentence) or publisher, 0.5
        agent = _AGENT_BEFORE_AT.search(masked, max(sentence.start, figure.start - 90), figure.start) \
            if inside is None else None
        other = actors.named_between(*agent.span(agent.lastindex or 0)) if agent is not None else \
            _figure_owner(masked, sentence, figure, actors) if inside is None else None
        if other is not None:
            figure.claimant = other     # "X put the total at N, and Y at M", "was put by Y at M": M is Y's
        elif inside is None and (chosen is None or chosen.verb_start > figure.end) and \
                _OUR_ESTIMATE.match(masked, sentence.start, figure.start):
            figure.claimant = publisher     # "On our central estimate, N of the soldiers X says were sent"
        # a part with no clause of its own may follow a person's whole in the sentence before ("By her
        # count N were evacuated. Some 180 of them died."); a body's count is a record the text goes on from
        before = figures[number - 1] if number else None
        whole_from = sentence.start
        if before is not None and before.claimant is not None and before.claimant.kind == "person" and \
                chosen is None and inside is None and sentence_number and \
                sentences[sentence_number - 1].paragraph == sentence.paragraph:
            whole_from = sentences[sentence_number - 1].start
        whole = before if before is not None and before.end > whole_from else None
        if whole is not None and inside is None and whole.claimant is not None and (
                _PART_AFTER.match(masked, figure.end) or _PART_BEFORE.search(masked, whole.end, figure.start)) \
                and not _BODY_ESTIMATE.search(masked, whole.end, figure.start):
            # "N killed or wounded, she said, M of them killed": the whole's (unless "by X's count M of them")
            figure.claimant = whole.claimant
        item = items.get(sentence.paragraph) if sentences else None
        if item is not None and inside is None:
            # "- Issuer (note): N ..., its spokesman said": the item's figures are the issuer's
            figure.claimant, figure.claim_factor = _issuer(actors, actors.text, item.issuer, item.acronym), 0.8
        heading = heading_over(headings, sentence.paragraph) if sentences else None
        lead = lead_over(leads, sentence.paragraph) if sentences and not heading and not item else None
        heading_date = notes.date_of(figure.end) or (heading.date if heading else item.date if item else
                                                     lead.date if lead else None)
        figure.as_of = as_of.read((figure.start, figure.end), (sentence.start, sentence.end),
                                  chosen.region if chosen is not None else None, heading_date,
                                  figures[number + 1].start if number + 1 < len(figures) else len(masked))


def _document(text: str, source_id: str, published: datetime.date, publisher: str | None,
              title: str | None, url: str | None, actors: Actors, quotes: list[Quote],
              figures: list[Figure], dates: list[DateMention], masked: str, sentences: list[Sentence]) -> dict:
    source = {"id": source_id, "kind": "article", "title": title, "publisher": publisher,
              "published": published.isoformat(), "published_basis": None, "url": url,
              "note": None, "text": text}
    date_starts = [d.start for d in dates]
    quote_records = []
    for quote in quotes:
        speaker = quote.speaker
        assert speaker is not None, "attribute_quotes gives every quote a speaker (else the publisher)"
        speaker.used = True
        said = said_date(quote.attribution, dates, date_starts, sentences[quote.sentence], masked) \
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
        assert claimant is not None, "claim_figures gives every figure a claimant (else the publisher)"
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
    actor_records: list[dict] = []
    for entity in sorted(actors.by_id.values(), key=lambda e: e.id):
        # a known actor is repeated only when met under another spelling: as the store holds it,
        # with the variant, which the importer adds to its aliases
        if not entity.used and not entity.known or entity.known and not entity.new_aliases():
            continue
        actor_records.append({
            "id": entity.id, "name": entity.name, "kind": entity.kind, "role": entity.role,
            "aliases": sorted(set(entity.aliases)),
            "roles": [] if entity.known else [{"source": source_id, "span": make_span(text, start, end)}
                                              for start, end in sorted(set(entity.role_spans)) if start < end],
        })
    return {"sources": [source], "actors": actor_records, "dates": date_records, "quotes": quote_records,
            "figures": figure_records, "events": [], "links": []}


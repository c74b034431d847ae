"""Section headings and list items that name who issued what follows and when.

A digest of statements heads each one with a line such as "2. Ministry of Finance of
Morvany (MFM), statement of 4 March": a short paragraph with no closing full stop, an
optional list number, the issuer, a comma and a document word with its date. The quotes
under it (up to the next such heading) with no speaker of their own are the issuer's, and
their figures with no date of their own are as of the heading's date.

A list of claims by claimant prints each as an item labelled with its issuer: "- Ministry of
Finance of Morvany (statement of 4 March): about 1,400 ... , its spokesman said." The item's
figures are the issuer's, whoever relays them, and as of the date in its note when they
state none.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass

from extract.dates import DateMention
from extract.lexicon import LABEL_WORDS

_DOCUMENT = (r"(?:statement|report|communiqu\w+|briefing|readout|release|press release|bulletin|update|address"
             r"|announcement|message|summary|transcript|post)")
_HEADING = re.compile(rf"(?:\d{{1,2}}[.)]\s+)?(?P<issuer>[A-Z][^,\n]{{2,120}}?)"
                      rf"(?:\s*\((?P<acronym>[A-Z]{{2,6}})\))?,\s+"
                      rf"(?:an?\s+|the\s+)?{_DOCUMENT}\s+(?:of|on|dated|from|issued)\s+(?P<date>[^\n]+?)\s*")
MAX_HEADING_WORDS = 20


@dataclass
class Heading:
    paragraph: int
    issuer: tuple[int, int]      # the issuer's name as printed (offsets)
    acronym: str | None          # "(MFM)" after the name
    date: DateMention


def find_headings(work: str, paragraphs: list[tuple[int, int]], dates: list[DateMention]) -> list[Heading]:
    """The section headings of the text, in order, each with its issuer and its date."""
    by_start = {date.start: date for date in dates}
    headings = []
    for number, (start, end) in enumerate(paragraphs):
        line = work[start:end]
        if len(line.split()) > MAX_HEADING_WORDS or line.rstrip()[-1:] in ".!?:;\"'":
            continue
        match = _HEADING.fullmatch(line)
        if match is None:
            continue
        date = by_start.get(start + match.start("date"))
        if date is None or date.end != start + match.end("date"):
            continue
        headings.append(Heading(number, (start + match.start("issuer"), start + match.end("issuer")),
                                match.group("acronym"), date))
    return headings


_PARAGRAPH = operator.attrgetter("paragraph")

# "Answered by X, <role>, on 13 February 2029:", "Question 4188, tabled on 14 February 2029", "the assessments,
# which are current as of 31 January 2029:": a paragraph ending in a colon, or a short line with no closing stop,
# whose last words date what follows it
_LEAD_DATED = re.compile(r"\b(?:[Oo]n|[Aa]s\s+of|[Aa]s\s+at)\b")


@dataclass
class DatedLead:
    paragraph: int
    date: DateMention


def find_dated_leads(work: str, paragraphs: list[tuple[int, int]], dates: list[DateMention]) -> list[DatedLead]:
    """The lead lines of the text that date the paragraphs after them, in order."""
    by_end = {date.end: date for date in dates}
    leads = []
    for number, (start, end) in enumerate(paragraphs):
        line = work[start:end].rstrip()
        lead = line.removesuffix(":").rstrip()
        if lead == line and (len(line.split()) > MAX_HEADING_WORDS or line[-1:] in ".!?;\"'"):
            continue
        date = by_end.get(start + len(lead))
        if date is not None and _LEAD_DATED.search(work, max(start, date.start - 12), min(date.end, date.start + 6)):
            leads.append(DatedLead(number, date))
    return leads


def lead_over(leads: list[DatedLead], paragraph: int) -> DatedLead | None:
    """The dated lead a paragraph stands under (the last one before it), if any."""
    at = bisect.bisect_left(leads, paragraph, key=_PARAGRAPH)
    return leads[at - 1] if at else None


def heading_over(headings: list[Heading], paragraph: int) -> Heading | None:
    """The heading a paragraph stands under (the last one before it), if any."""
    at = bisect.bisect_left(headings, paragraph, key=_PARAGRAPH)
    return headings[at - 1] if at else None


# "- Issuer (note): ..." / "• Issuer: ...": capitalised words (with of, for, the, and) before a colon
_ITEM = re.compile(r"[-*\u2022\u2013\u2014]\s+(?P<issuer>[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|for|the|and)){0,8})"
                   r"(?:\s*\((?P<note>[^()\n]{1,80})\))?\s*:\s")
_ACRONYM = re.compile(r"[A-Z]{2,6}")


@dataclass
class ListItem:
    paragraph: int
    issuer: tuple[int, int]
    acronym: str | None
    date: DateMention | None     # a date in the note after the issuer


def _is_label(words: str) -> bool:
    """A list line's label that counts something ("Killed", "Internally displaced"), never an issuer."""
    return all(word.casefold() in LABEL_WORDS for word in words.split())


def find_list_items(work: str, paragraphs: list[tuple[int, int]], dates: list[DateMention]) -> dict[int, ListItem]:
    """The labelled list items of the text by paragraph number, each with its issuer."""
    starts = [date.start for date in dates]
    items = {}
    for number, (start, end) in enumerate(paragraphs):
        match = _ITEM.match(work, start, end)
        if match is None or match.group("issuer").split()[-1] in ("of", "for", "the", "and") or \
                _is_label(match.group("issuer")):
            continue
        note = match.group("note") or ""
        at = bisect.bisect_left(starts, match.start("note")) if note else len(dates)
        date = dates[at] if at < len(dates) and dates[at].end <= match.end("note") else None
        items[number] = ListItem(number, match.span("issuer"), note if _ACRONYM.fullmatch(note) else None, date)
    return items


# A block of a document whose words are one voice's though no sentence says so: the answer under
# "Answered by Ilse Varga, Secretary for Defence, on 10 February:" (or "Answering for the ministry:
# Ilse Varga, its spokeswoman.") up to the next heading or label; the list under a lead line that
# names whose figures follow ("The ministry's figures:", "Figures from X:", "According to X:").
_ANSWERED_BY = re.compile(r"(?:Answered|Replied|Answer\s+given)\s+by\s+(?P<name>[A-Z][^,:\n]{1,80}?)"
                          r"(?:,[^:\n]*?)?(?:\s+on\s+[^:\n,]+)?:\s*")
_ANSWERING_FOR = re.compile(r"Answering\s+for\s+(?P<body>[^:\n]{2,80}):\s+"
                            r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})\b[^\n]*")
_RECORD = r"(?:figures|estimates?|assessments?|counts?|tally|data)"
# the owner a lead line names: "According to X:", "Figures from X:", "the assessments of X, which ...:", "X's figures:"
_LIST_LEAD = re.compile(rf"[^\n]*?(?:(?:[Aa]ccording\s+to|\b(?i:{_RECORD})\s+(?:of|from|by))\s+"
                        r"(?P<owner>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'\u2019.-]*)*)"
                        r"|(?P<owned>(?:[Tt]he\s+)?[A-Z][\w.-]*(?:\s+[\w.-]+){0,4}?)['\u2019]s\s+(?:[a-z-]+\s+){0,2}?"
                        rf"{_RECORD})\b[^\n]*:\s*")
# a list line: a bullet, or a label and a number ("Killed: about 300", "Of whom wounded: as many as 900")
_LIST_LINE = re.compile(r"\s*(?:[-*\u2022\u2013\u2014]\s+\S|[^:\n]{1,80}:\s+(?:[a-z]+\s+){0,3}\d[^\n]{0,40}$)")
# a label line that opens another part: "Note: ...", "Question 13, tabled on 11 February", "PART TWO: ..."
_LABEL_LINE = re.compile(r"\s*[A-Z][\w-]*(?:\s+[\w-]+){0,2}:\s")
_TURN_LABEL = re.compile(r"\s*[QA]:\s")
_SENTENCE_END = ":.!?\"'\u201d\u2019)"


@dataclass
class Block:
    lead: int                    # the paragraph of the heading or lead line
    end: int                     # the paragraph after the block's last
    voice: tuple[int, int]       # where the lead line names the voice (the person answering, or the list's owner)
    body: tuple[int, int] | None  # "Answering for the Tolmin health ministry": the body the person answers for
    answer: bool                 # an answer (a person's words), not a list of figures


def _ends_answer(work: str, start: int, end: int) -> bool:
    """A paragraph that ends an answer: another heading (a line with no full stop at its end that is
    no list line) or a label other than a Q&A's "Q:" and "A:"."""
    if _LIST_LINE.match(work, start, end) or _TURN_LABEL.match(work, start, end):
        return False
    return work[start:end].rstrip()[-1:] not in _SENTENCE_END or _LABEL_LINE.match(work, start, end) is not None


def find_blocks(work: str, paragraphs: list[tuple[int, int]]) -> list[Block]:
    """The answer blocks and the led lists of the text, in order (a list inside an answer comes after it)."""
    blocks: list[Block] = []
    answer: Block | None = None
    for number, (start, end) in enumerate(paragraphs):
        lead = _ANSWERED_BY.fullmatch(work, start, end) or _ANSWERING_FOR.fullmatch(work, start, end)
        if answer is not None and (lead is not None or _ends_answer(work, start, end)):
            answer.end, answer = number, None
        if lead is not None:
            body = lead.span("body") if "body" in lead.groupdict() else None
            answer = Block(number, len(paragraphs), lead.span("name"), body, True)
            blocks.append(answer)
        elif work[start:end].rstrip().endswith(":") and (led := _LIST_LEAD.fullmatch(work, start, end)) is not None:
            following = itertools.takewhile(lambda span: _LIST_LINE.match(work, *span) is not None,
                                            paragraphs[number + 1:])
            blocks.append(Block(number, number + 1 + sum(1 for _ in following),
                                led.span("owner" if led.group("owner") else "owned"), None, False))
    return blocks

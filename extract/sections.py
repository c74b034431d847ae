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
import operator
import re
from dataclasses import dataclass

from extract.dates import DateMention

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


def find_list_items(work: str, paragraphs: list[tuple[int, int]], dates: list[DateMention]) -> dict[int, ListItem]:
    """The labelled list items of the text by paragraph number, each with its issuer."""
    starts = [date.start for date in dates]
    items = {}
    for number, (start, end) in enumerate(paragraphs):
        match = _ITEM.match(work, start, end)
        if match is None or match.group("issuer").split()[-1] in ("of", "for", "the", "and"):
            continue
        note = match.group("note") or ""
        at = bisect.bisect_left(starts, match.start("note")) if note else len(dates)
        date = dates[at] if at < len(dates) and dates[at].end <= match.end("note") else None
        items[number] = ListItem(number, match.span("issuer"), note if _ACRONYM.fullmatch(note) else None, date)
    return items

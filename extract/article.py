"""What reading an article yields, the one error it raises, and the day formats a person writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

FIELDS = ("title", "publisher", "author", "published", "url")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:[a-z]+,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"{_WEEKDAY}(\d{{1,2}}){_ORDINAL}\s+([a-z]+)\.?,?\s+(\d{{4}})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"{_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})", re.IGNORECASE)


class ArticleError(Exception):
    """An article that cannot be read; the message is one line naming the file and the reason."""


@dataclass(frozen=True)
class Found:
    """Metadata found in a file, each field with where it came from (e.g. ``json-ld``, ``header``)."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    sources: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Article:
    """An article's main text (paragraphs separated by blank lines) and its metadata."""

    text: str
    kind: str  # "html" or "text"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    sources: dict[str, str] = field(default_factory=dict, hash=False)


def parse_day(text: str) -> date:
    """A day written as YYYY-MM-DD, "5 January 2025" or "January 5, 2025" (English month names).

    Raises ValueError naming what is wrong.
    """
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match[1], match[2], match[3]
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match[1], match[2], match[3]
    else:
        raise ValueError(f"not a day (YYYY-MM-DD, '5 January 2025' or 'January 5, 2025'): {text!r}")
    if month.lower() not in _MONTHS:
        raise ValueError(f"unknown month {month!r}")
    try:
        return date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError as error:
        raise ValueError(f"no such day {text!r} ({error})") from error

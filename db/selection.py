"""Which claims an export holds: speakers, search words, metric, source and a date window,
as one SQL clause on claims ``c`` (for ``db.interchange.export_document``)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from db.dates import UnresolvableDate, resolve
from db.names import text_key
from db.paging import Reader
from db.queries import window_clauses
from db.search import TEXT_MATCHES, fts_query
from db.search import resolve as resolve_search  # db.dates has a resolve of its own


class SelectionError(ValueError):
    """A filter matches nothing it could mean (no such metric or source, an unknown date)."""


@dataclass(frozen=True)
class Selection:
    """Claims narrowed by every filter given (None: not narrowed by it)."""

    speaker_pks: tuple[int, ...] | None = None
    search: str = ""
    # The search words as the dashboard matches them (text, speaker, claimant, metric, source:
    # see db.search), resolved against the store by ``searched``; without them, the text only.
    search_clauses: tuple[str, ...] = ()
    search_params: tuple[Any, ...] = ()
    metrics: tuple[str, ...] | None = None
    source_pks: tuple[int, ...] | None = None
    since: date | None = None  # claims dated on or after this day (a fuzzy date: its upper bound)
    until: date | None = None  # on or before (its lower bound)

    @property
    def narrows(self) -> bool:
        return self != Selection()

    def where(self) -> tuple[str, list[Any]]:
        """The SQL clause on claims ``c`` and its parameters."""
        clauses: list[str] = ["1"]
        params: list[Any] = []
        if self.speaker_pks is not None:
            clauses.append(f"c.actor_pk IN ({','.join('?' * len(self.speaker_pks))})")
            params.extend(self.speaker_pks)
        if self.search_clauses:
            clauses.extend(self.search_clauses)
            params.extend(self.search_params)
        elif match := fts_query(self.search):
            clauses.append(f"c.pk IN ({TEXT_MATCHES})")
            params.append(match)
        window, window_params = window_clauses(
            metrics=self.metrics, source_pks=self.source_pks,
            since=self.since.isoformat() if self.since else None, until=self.until.isoformat() if self.until else None)
        return " AND ".join(clauses + window), params + window_params


def searched(conn: sqlite3.Connection, selection: Selection) -> Selection:
    """``selection`` with its search words resolved on ``conn`` as the dashboard's search
    resolves them, so an export of a search holds what the dashboard showed for it."""
    found = resolve_search(Reader(conn=conn), selection.search)
    if found is None:
        return selection
    clauses, params = found.clauses("rare")
    return replace(selection, search_clauses=tuple(clauses), search_params=tuple(params))


def matching_metrics(conn: sqlite3.Connection, words: str) -> tuple[str, ...]:
    """The metrics whose name holds every one of ``words``, ignoring case and accents."""
    wanted = text_key(words).split()
    names = [name for (name,) in conn.execute("SELECT DISTINCT metric FROM figures ORDER BY metric")]
    found = tuple(name for name in names if all(word in text_key(name) for word in wanted))
    if not wanted or not found:
        raise SelectionError(f"no metric matches {words!r} (kursk-tui figures lists the metrics)")
    return found


def matching_sources(conn: sqlite3.Connection, id_or_words: str) -> tuple[int, ...]:
    """The source with this id, else the sources whose headline or publisher holds every word."""
    exact = conn.execute("SELECT pk FROM sources WHERE id = ?", (id_or_words,)).fetchone()
    if exact:
        return (exact[0],)
    match = fts_query(id_or_words)
    found = tuple(pk for (pk,) in conn.execute(
        "SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rowid",
        (f"{{title publisher}} : ({match})",))) if match else ()
    if not found:
        raise SelectionError(f"no source matches {id_or_words!r} (give its id, or words of its headline or publisher)")
    return found


def day_bounds(words: str, today: date) -> tuple[date, date]:
    """The first and last day ``words`` mean: an ISO day, or a date as people write it
    ("December 2024", "last month"), relative ones counted from ``today``."""
    try:
        day = date.fromisoformat(words.strip())
        return day, day
    except ValueError:
        pass
    try:
        resolved = resolve(words, today)
    except UnresolvableDate as error:
        raise SelectionError(f"not a date kursk-tui knows: {words!r} (try 2024-12-05, December 2024, last month)") \
            from error
    return resolved.lower, resolved.upper


_RANGE_JOINER = re.compile(r"\s+(?:to|until|till|through|-|\u2013|\u2014)\s+", re.IGNORECASE)
_OPEN_START = re.compile(r"^(?:until|till|up to)\s+", re.IGNORECASE)
_OPEN_END = re.compile(r"^(?:since|from)\s+", re.IGNORECASE)


def window_bounds(words: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day of a window typed as words (None: open at that end): one date
    ("December 2024": its first to its last day), two joined by "to" or a spaced dash
    ("2024-12-01 to last month"), or one after "since" / "from" or "until" (open after, before)."""
    text = " ".join(words.split())
    if _OPEN_END.match(text):
        return day_bounds(_OPEN_END.sub("", text), today)[0], None
    if _OPEN_START.match(text):
        return None, day_bounds(_OPEN_START.sub("", text), today)[1]
    parts = _RANGE_JOINER.split(text, maxsplit=1)
    first = day_bounds(parts[0], today)
    last = day_bounds(parts[-1], today)
    if last[1] < first[0]:
        raise SelectionError(f"the window {words!r} ends before it starts")
    return first[0], last[1]

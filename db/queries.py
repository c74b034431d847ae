"""What the dashboard's panes read: keyset-paged listings, details, speakers and search.

Every listing is ordered by a tuple of SQL expressions ending in a unique pk, and is read
a page at a time after (or before) the key of a row already shown, so a page costs the
same at any depth. Nothing here loads a whole table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from db.connection import connect
from db.speakers import like_escape, text_key

PAGE_SIZE = 100
COMMON_MATCHES = 2000  # an FTS query with this many matches is "common" (see Reader.is_common)
T = TypeVar("T")
CONTEXT_CHARS = 280


# --- reading from worker threads -------------------------------------------------------------

class Reader:
    """A read-only connection shared by worker threads, one statement at a time."""

    def __init__(self, path: Path | str):
        self.conn = connect(path, readonly=True)
        self.lock = threading.Lock()
        self.match_counts: dict[str, int] = {}

    def rows(self, sql: str, params: Sequence[Any] | dict = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def is_common(self, match: str | None) -> bool:
        """Whether an FTS query matches so many claims that a listing should walk its own
        index and test each claim, rather than read every match and sort them all
        (measured at a million claims: 'troops' 159 -> 20 ms; a rare word stays 0.2 ms)."""
        if not match:
            return False
        if match not in self.match_counts:
            self.match_counts[match] = self.rows(
                f"SELECT count(*) FROM ({SEARCH_MATCHES} LIMIT {COMMON_MATCHES})", (match,))[0][0]
        return self.match_counts[match] >= COMMON_MATCHES

    def prolific(self, speaker_pks: Sequence[int], kind: str) -> bool:
        """Whether these speakers have so many claims of a kind that a listing should walk its
        own index and keep theirs, rather than read all of theirs and sort them."""
        marks = ",".join("?" * len(speaker_pks))
        count = self.rows(f"SELECT count(*) FROM (SELECT 1 FROM claims WHERE actor_pk IN ({marks}) "
                          f"AND kind = ? LIMIT {COMMON_MATCHES})", [*speaker_pks, kind])[0][0]
        return count >= COMMON_MATCHES

    def data_version(self) -> int:
        """Changes when another connection commits to the store."""
        return self.rows("PRAGMA data_version")[0][0]

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(conn, *args, **kwargs)`` while holding the connection."""
        with self.lock:
            return function(self.conn, *args, **kwargs)

    def close(self) -> None:
        with self.lock:
            self.conn.close()


# --- filters and search ------------------------------------------------------------------------

def fts_query(user_text: str) -> str | None:
    """An FTS5 query that matches every word typed, each as a literal prefix.

    Every whitespace-separated token becomes a quoted string (``"` doubled, control
    characters dropped), so operators and punctuation typed by the user are searched
    for, never parsed. Returns None when nothing searchable is left.
    """
    tokens = []
    for token in user_text.split():
        cleaned = "".join(char for char in token if char.isprintable())
        if any(char.isalnum() for char in cleaned):
            tokens.append('"' + cleaned.replace('"', '""') + '"*')
    return " ".join(tokens) or None


@dataclass(frozen=True)
class Filters:
    """What every pane is narrowed to: a set of speakers (actor pks) and search words."""

    speaker_pks: tuple[int, ...] = ()
    speaker_label: str = ""
    search: str = ""
    proposals_only: bool = False  # else: accepted and proposed claims, never rejected ones

    @property
    def match(self) -> str | None:
        return fts_query(self.search)


SEARCH_MATCHES = "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?"


def _claim_filters(filters: Filters, search: str = "rare") -> tuple[list[str], list[Any]]:
    """WHERE clauses on claims ``c`` for the filters. ``search`` says how to apply the
    words: "rare" reads the few matches by pk, "common" walks the listing's index in order
    and keeps the matching claims (``+`` stops SQLite from reading by pk), "hits" uses a
    ``hits`` table the query materialised itself."""
    clauses = ["c.review = 'proposed'" if filters.proposals_only else "c.review <> 'rejected'"]
    params: list[Any] = []
    if filters.speaker_pks:
        clauses.append(f"c.actor_pk IN ({','.join('?' * len(filters.speaker_pks))})")
        params += filters.speaker_pks
    if filters.match and search == "hits":
        clauses.append("c.pk IN hits")
    elif filters.match:
        clauses.append(f"{'+' if search == 'common' else ''}c.pk IN ({SEARCH_MATCHES})")
        params.append(filters.match)
    return clauses, params


def _listing_filters(reader: Reader, filters: Filters) -> tuple[list[str], list[Any]]:
    return _claim_filters(filters, "common" if reader.is_common(filters.match) else "rare")


# --- keyset paging -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Listing:
    """A paged query: SELECT columns (``{where}`` placeholder) and its ordering expressions."""

    select: str
    order: tuple[str, ...]


def fetch_page(reader: Reader, listing: Listing, clauses: list[str], params: list[Any], *,
               after: tuple | None = None, before: tuple | None = None, last: bool = False,
               inclusive: bool = False, limit: int = PAGE_SIZE) -> list[tuple]:
    """One page of ``listing``: the first, the one after/before a key (or from it, when
    ``inclusive``), or the last. Each row ends with its key (the ordering values)."""
    clauses, params = list(clauses), list(params)
    keys = ", ".join(listing.order)
    backwards = before is not None or last
    if after is not None or before is not None:
        operator = ("<" if before is not None else ">") + ("=" if inclusive else "")
        clauses.append(f"({keys}) {operator} ({', '.join('?' * len(listing.order))})")
        params += list(before if before is not None else after)
    direction = " DESC" if backwards else ""
    select = listing.select.format(where=" AND ".join(clauses) or "1")
    main = select.index("SELECT ", select.index(")") if select.startswith("WITH ") else 0)
    sql = (select[:main] + f"SELECT {keys}, " + select[main + len("SELECT "):]
           + f" ORDER BY {', '.join(expr + direction for expr in listing.order)} LIMIT ?")
    rows = reader.rows(sql, params + [limit])
    width = len(listing.order)
    rows = [row[width:] + row[:width] for row in rows]
    return rows[::-1] if backwards else rows


# --- rows for the panes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimRow:
    """One claim as a pane lists it. ``key`` is its keyset position."""

    pk: int
    kind: str
    text: str
    actor: str | None
    date_text: str | None
    date_edtf: str | None
    date_lower: str | None
    date_upper: str | None
    date_precision: str | None
    date_resolved_against: str | None
    source: str
    status: str
    review: str
    key: tuple


@dataclass(frozen=True)
class FigureRow(ClaimRow):
    metric: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    hedge: str | None = None
    unit: str = ""
    base_text: str | None = None


@dataclass(frozen=True)
class SourceRow:
    pk: int
    title: str | None
    publisher: str | None
    published: str | None
    note: str | None
    quotes: int
    figures: int
    events: int
    key: tuple


_CLAIM_COLUMNS = """c.pk, c.kind, c.text, a.name, d.text, d.edtf, c.date_lower, c.date_upper,
    d.precision, d.resolved_against, coalesce(src.title, src.publisher, src.id), c.status, c.review"""
_CLAIM_JOINS = """FROM claims c JOIN sources src ON src.pk = c.source_pk
    LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk"""
UNDATED = "'~'"  # sorts after every ISO date, so undated claims come last

TIMELINE = Listing(
    f"SELECT {_CLAIM_COLUMNS} {_CLAIM_JOINS} WHERE c.date_lower IS NOT NULL AND {{where}}",
    ("c.date_lower", "c.date_upper", "c.pk"),
)
QUOTES = Listing(
    f"SELECT {_CLAIM_COLUMNS} {_CLAIM_JOINS} WHERE c.kind = 'quote' AND {{where}}",
    (f"coalesce(c.date_lower, {UNDATED})", "c.pk"),
)
FIGURES = Listing(
    f"""SELECT {_CLAIM_COLUMNS}, f.metric, f.value, f.low, f.high, f.bound, f.hedge, f.unit,
               base.text
        {_CLAIM_JOINS} JOIN figures f ON f.claim_pk = c.pk
        LEFT JOIN claims base ON base.pk = f.base_pk WHERE {{where}}""",
    ("f.metric", f"coalesce(c.date_lower, {UNDATED})", "c.pk"),
)
SOURCES = Listing(
    """SELECT s.pk, s.title, s.publisher, s.published, s.note,
              (SELECT count(*) FROM claims c WHERE c.source_pk = s.pk AND c.kind = 'quote' {claim_filter}),
              (SELECT count(*) FROM claims c WHERE c.source_pk = s.pk AND c.kind = 'figure' {claim_filter}),
              (SELECT count(*) FROM claims c WHERE c.source_pk = s.pk AND c.kind = 'event' {claim_filter})
       FROM sources s WHERE {where}""",
    (f"coalesce(s.published_lower, {UNDATED})", "s.pk"),
)


def _claim_rows(rows: list[tuple]) -> list[ClaimRow]:
    return [ClaimRow(*row[:13], key=tuple(row[13:])) for row in rows]


def timeline_page(reader: Reader, filters: Filters, **where) -> list[ClaimRow]:
    """Events and dated claims in date order (a fuzzy date placed by its lower bound)."""
    return _claim_rows(fetch_page(reader, TIMELINE, *_listing_filters(reader, filters), **where))


def quotes_page(reader: Reader, filters: Filters, **where) -> list[ClaimRow]:
    """Quotes in the order they were said; undated ones last."""
    return _claim_rows(fetch_page(reader, QUOTES, *_listing_filters(reader, filters), **where))


def figures_page(reader: Reader, filters: Filters, **where) -> list[FigureRow]:
    """Figures grouped by metric, each group in as-of order."""
    clauses, params = _listing_filters(reader, filters)
    if filters.speaker_pks and reader.prolific(filters.speaker_pks, "figure"):
        # Walk the figures in metric order and keep the speaker's, rather than sort all of
        # a prolific speaker's figures (measured at a million claims: 142 -> 9 ms).
        clauses = [clause.replace("c.actor_pk IN", "+c.actor_pk IN") for clause in clauses]
    rows = fetch_page(reader, FIGURES, clauses, params, **where)
    return [FigureRow(*row[:13], tuple(row[21:]), *row[13:21]) for row in rows]


def sources_page(reader: Reader, filters: Filters, **where) -> list[SourceRow]:
    """Sources with their claim counts; with a speaker, only sources where they are quoted."""
    # The claim counts of every source on the page test the same search matches: read
    # them once (measured at a million claims: 45.8 s -> 94 ms for a common word).
    claim_clauses, claim_params = _claim_filters(filters, "hits")
    claim_filter = "".join(f" AND {clause}" for clause in claim_clauses)
    select = SOURCES.select.replace("{claim_filter}", claim_filter)
    if filters.match:
        select = f"WITH hits AS MATERIALIZED ({SEARCH_MATCHES}) {select}"
        claim_params = [filters.match] + claim_params * 3
    else:
        claim_params = claim_params * 3
    listing = Listing(select, SOURCES.order)
    clauses, params = [], claim_params
    if filters.speaker_pks:
        marks = ",".join("?" * len(filters.speaker_pks))
        if reader.prolific(filters.speaker_pks, "quote"):  # walk the sources in order, as in figures_page
            clauses.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.source_pk = s.pk AND c.actor_pk IN ({marks}))")
        else:
            clauses.append(f"s.pk IN (SELECT c.source_pk FROM claims c WHERE c.actor_pk IN ({marks}))")
        params += filters.speaker_pks
    if filters.match:
        clauses.append("s.pk IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?)")
        params.append(filters.match)
    rows = fetch_page(reader, listing, clauses, params, **where)
    return [SourceRow(*row[:8], key=tuple(row[8:])) for row in rows]


# --- speakers -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SpeakerCount:
    pk: int
    name: str
    kind: str
    claims: int


def _like_pattern(text: str) -> str:
    return f"%{like_escape(text_key(text))}%"


def speakers(reader: Reader, typed: str = "", *, kind: str | None = None,
             search: str = "", proposals_only: bool = False, limit: int = 50) -> list[SpeakerCount]:
    """Actors whose name or an alias contains ``typed``, most claims first.

    ``kind`` counts only claims of that kind (the quote pane's facet counts quotes);
    ``search`` and ``proposals_only`` count only claims matching them.
    """
    clauses, params = [], []
    if typed.strip():
        pattern = _like_pattern(typed)
        clauses.append("""(a.name_key LIKE ? ESCAPE '\\' OR a.pk IN
                           (SELECT actor_pk FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\'))""")
        params += [pattern, pattern]
    filters = Filters(search=search, proposals_only=proposals_only)
    claim_clauses, claim_params = _claim_filters(filters, "hits")
    if kind:
        claim_clauses.append("c.kind = ?")
        claim_params.append(kind)
    claim_filter = "".join(f" AND {clause}" for clause in claim_clauses)
    actor_filter = " AND ".join(clauses) or "1"
    if filters.match:
        # One pass over the matching claims (CROSS JOIN keeps that order), grouped by speaker.
        sql = f"""WITH hits AS MATERIALIZED ({SEARCH_MATCHES})
                  SELECT a.pk, a.name, a.kind, count(*) AS claims
                  FROM hits CROSS JOIN claims c ON c.pk = hits.rowid CROSS JOIN actors a ON a.pk = c.actor_pk
                  WHERE {actor_filter} {claim_filter.replace("c.pk IN hits", "1")} GROUP BY a.pk
                  ORDER BY claims DESC, a.name LIMIT ?"""
        all_params = [filters.match, *params, *claim_params, limit]
    else:
        # One count per actor, each answered from the claims_actor_counts index.
        having = " AND claims > 0" if kind or proposals_only else ""
        sql = f"""SELECT * FROM (SELECT a.pk, a.name, a.kind,
                      (SELECT count(*) FROM claims c WHERE c.actor_pk = a.pk {claim_filter}) AS claims
                  FROM actors a WHERE {actor_filter}) WHERE 1 {having}
                  ORDER BY claims DESC, name LIMIT ?"""
        all_params = [*claim_params, *params, limit]
    return [SpeakerCount(*row) for row in reader.rows(sql, all_params)]


# --- details ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """Source text around a span: ``before`` + ``exact`` + ``after``."""

    before: str
    exact: str
    after: str
    start: int
    end: int


@dataclass(frozen=True)
class LinkedClaim:
    kind: str
    direction: str  # "to" (this claim -> other) or "from" (other -> this claim)
    text: str
    actor: str | None
    note: str | None


@dataclass(frozen=True)
class ClaimDetail:
    pk: int
    id: str
    kind: str
    text: str
    status: str
    note: str | None
    actor: str | None
    actor_kind: str | None
    actor_role: str | None
    stated_roles: tuple[str, ...]
    date_text: str | None
    date_edtf: str | None
    date_lower: str | None
    date_upper: str | None
    date_precision: str | None
    date_resolved_against: str | None
    source_pk: int
    source_title: str | None
    source_publisher: str | None
    source_published: str | None
    source_note: str | None
    context: Context | None
    review: str = "accepted"
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    confidence: float | None = None
    figure: dict[str, Any] | None = None
    place: str | None = None
    links: tuple[LinkedClaim, ...] = field(default=())


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Context:
    """The span with the text of its paragraph around it, at most ``width`` each side."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    lower, upper = max(para_start, start - width), min(para_end, end + width)
    before = ("\u2026" if lower > para_start else "") + text[lower:start]
    after = text[end:upper] + ("\u2026" if upper < para_end else "")
    return Context(before, text[start:end], after, start, end)


def claim_detail(reader: Reader, claim_pk: int) -> ClaimDetail | None:
    """Everything the detail view shows about one claim, or None if it is gone."""
    rows = reader.rows(
        """SELECT c.pk, c.id, c.kind, c.text, c.status, c.note, a.name, a.kind, a.role, c.actor_pk,
                  d.text, d.edtf, d.lower, d.upper, d.precision, d.resolved_against,
                  src.pk, src.title, src.publisher, src.published, src.note,
                  sp.char_start, sp.char_end, src.text,
                  f.metric, f.value, f.low, f.high, f.bound, f.hedge, f.unit, base.text, e.place,
                  c.review, c.reviewed_by, c.reviewed_at, c.confidence
           FROM claims c JOIN sources src ON src.pk = c.source_pk
           LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
           LEFT JOIN spans sp ON sp.pk = c.span_pk
           LEFT JOIN figures f ON f.claim_pk = c.pk LEFT JOIN claims base ON base.pk = f.base_pk
           LEFT JOIN events e ON e.claim_pk = c.pk
           WHERE c.pk = ?""", (claim_pk,))
    if not rows:
        return None
    row = rows[0]
    actor_pk, source_text = row[9], row[23]
    context = None
    if row[21] is not None and source_text:
        context = context_around(source_text, row[21], row[22])
    stated_roles = tuple(role for (role,) in reader.rows(
        """SELECT sp.exact FROM actor_roles r JOIN spans sp ON sp.pk = r.span_pk
           WHERE r.actor_pk = ? GROUP BY sp.exact
           ORDER BY max(sp.source_pk = ?) DESC, min(sp.char_start)""",
        (actor_pk, row[16]))) if actor_pk else ()
    figure = None
    if row[2] == "figure":
        figure = dict(zip(("metric", "value", "low", "high", "bound", "hedge", "unit", "base_text"),
                          row[24:32], strict=True))
    links = tuple(LinkedClaim(*link) for link in reader.rows(
        """SELECT l.kind, 'to', o.text, a.name, l.note FROM claim_links l
           JOIN claims o ON o.pk = l.to_pk LEFT JOIN actors a ON a.pk = o.actor_pk WHERE l.from_pk = ?
           UNION ALL
           SELECT l.kind, 'from', o.text, a.name, l.note FROM claim_links l
           JOIN claims o ON o.pk = l.from_pk LEFT JOIN actors a ON a.pk = o.actor_pk WHERE l.to_pk = ?""",
        (claim_pk, claim_pk)))
    return ClaimDetail(*row[0:6], *row[6:9], stated_roles, *row[10:21], context, *row[33:37],
                       figure=figure, place=row[32], links=links)


@dataclass(frozen=True)
class MarkedSpan:
    start: int
    end: int
    kind: str  # quote, figure, event, date or role
    label: str


@dataclass(frozen=True)
class SourceText:
    pk: int
    title: str | None
    publisher: str | None
    published: str | None
    published_basis: str | None
    note: str | None
    text: str
    spans: tuple[MarkedSpan, ...]


def source_text(reader: Reader, source_pk: int) -> SourceText | None:
    """A source's full text with every span a claim, date or stated role rests on."""
    rows = reader.rows(
        """SELECT pk, title, publisher, published, published_basis, note, coalesce(text, '')
           FROM sources WHERE pk = ?""", (source_pk,))
    if not rows:
        return None
    spans = reader.rows(
        """SELECT sp.char_start, sp.char_end, c.kind, coalesce(a.name, '') FROM claims c
           JOIN spans sp ON sp.pk = c.span_pk LEFT JOIN actors a ON a.pk = c.actor_pk
           WHERE c.source_pk = ?
           UNION ALL
           SELECT sp.char_start, sp.char_end, 'date', coalesce(d.edtf, '') FROM dates d
           JOIN spans sp ON sp.pk = d.span_pk WHERE d.source_pk = ?
           UNION ALL
           SELECT sp.char_start, sp.char_end, 'role', a.name FROM actor_roles r
           JOIN spans sp ON sp.pk = r.span_pk JOIN actors a ON a.pk = r.actor_pk
           WHERE sp.source_pk = ?
           ORDER BY 1, 2""", (source_pk, source_pk, source_pk))
    return SourceText(*rows[0], spans=tuple(MarkedSpan(*span) for span in spans))

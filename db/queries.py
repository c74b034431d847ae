"""What the dashboard's panes list: filters, the keyset-paged listings and the speakers.

Each listing names its columns after the fields of the row it fills (``expression AS
field``), so a row is built by name and a column added to one side only fails loudly.
Paging itself is in ``db.paging``; a claim's or a source's detail in ``db.details``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from db.paging import Listing, Reader, count_rows, fetch_page
from db.records import source_name
from db.search import Search, fts_query, resolve
from db.speakers import like_escape, text_key

UNDATED = "'~'"  # sorts after every ISO date, so undated claims come last


# --- filters and search ------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """What every pane is narrowed to: a set of speakers (actor pks) and search words."""

    speaker_pks: tuple[int, ...] = ()
    speaker_label: str = ""
    search: str = ""
    proposals_only: bool = False  # else: accepted and proposed claims, rejected ones only when shown
    show_rejected: bool = False   # rejected claims too (a reviewer looking for one to restore)


def _claim_filters(filters: Filters, *, walk_speakers: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE clauses on claims ``c`` for the filters but the search words (see ``_searched``).
    ``walk_speakers`` keeps the speakers' claims while walking the listing's index, rather
    than reading theirs by actor."""
    if filters.proposals_only:
        clauses = ["c.review = 'proposed'"]
    else:
        clauses = [] if filters.show_rejected else ["c.review <> 'rejected'"]
    params: list[Any] = []
    if filters.speaker_pks:
        clauses.append(f"{'+' if walk_speakers else ''}c.actor_pk IN ({','.join('?' * len(filters.speaker_pks))})")
        params += filters.speaker_pks
    return clauses, params


def _searched(filters: tuple[list[str], list[Any]], search: Search | None,
              strategy: str = "rare") -> tuple[list[str], list[Any]]:
    """``filters`` and the search's clauses after them (see ``db.search`` for ``strategy``)."""
    if search is None:
        return filters
    clauses, params = search.clauses(strategy)
    return filters[0] + clauses, filters[1] + params


def _listing_filters(reader: Reader, filters: Filters, *, walk_speakers: bool = False,
                     ordered_by_metric: bool = False) -> tuple[list[str], list[Any]]:
    search = resolve(reader, filters.search)
    strategy = search.strategy(ordered_by_metric=ordered_by_metric) if search is not None else "rare"
    return _searched(_claim_filters(filters, walk_speakers=walk_speakers), search, strategy)


# --- rows for the panes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimRow:
    """One claim as a pane lists it. ``key`` is its keyset position."""

    pk: int
    id: str  # the interchange id: what `kursk-tui cite` and exports name a claim by
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
    version: int
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
    published: str | None = None  # the source's last possible day: the as-of of a figure stating none


@dataclass(frozen=True)
class SourceRow:
    pk: int
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    note: str | None
    quotes: int
    figures: int
    events: int
    key: tuple


_CLAIM_COLUMNS = (
    "c.pk AS pk", "c.id AS id", "c.kind AS kind", "c.text AS text", "a.name AS actor", "d.text AS date_text",
    "d.edtf AS date_edtf", "c.date_lower AS date_lower", "c.date_upper AS date_upper",
    "d.precision AS date_precision", "d.resolved_against AS date_resolved_against",
    f"{source_name('src')} AS source", "c.status AS status", "c.review AS review",
    "c.version AS version",
)
_CLAIM_TABLES = """claims c JOIN sources src ON src.pk = c.source_pk
    LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk"""

TIMELINE = Listing(_CLAIM_COLUMNS, _CLAIM_TABLES, ("c.date_lower", "c.date_upper", "c.pk"),
                   where=("c.date_lower IS NOT NULL",))
QUOTES = Listing(_CLAIM_COLUMNS, _CLAIM_TABLES, (f"coalesce(c.date_lower, {UNDATED})", "c.pk"),
                 where=("c.kind = 'quote'",))
FIGURES = Listing(
    (*_CLAIM_COLUMNS, "f.metric AS metric", "f.value AS value", "f.low AS low", "f.high AS high",
     "f.bound AS bound", "f.hedge AS hedge", "f.unit AS unit", "base.text AS base_text",
     "src.published_upper AS published"),
    f"""{_CLAIM_TABLES} JOIN figures f ON f.claim_pk = c.pk
        LEFT JOIN claims base ON base.pk = f.base_pk""",
    ("f.metric", f"coalesce(c.date_lower, {UNDATED})", "c.pk"),
)
SOURCES = Listing(
    ("s.pk AS pk", "s.id AS id", "s.title AS title", "s.publisher AS publisher", "s.published AS published",
     "s.note AS note"),  # and the claim counts, which depend on the filters (see sources_page)
    "sources s",
    (f"coalesce(s.published_lower, {UNDATED})", "s.pk"),
)


def timeline_page(reader: Reader, filters: Filters, **where: Any) -> list[ClaimRow]:
    """Events and dated claims in date order (a fuzzy date placed by its lower bound)."""
    rows = fetch_page(reader, TIMELINE, *_listing_filters(reader, filters), **where)
    return [ClaimRow(**row) for row in rows]


def quotes_page(reader: Reader, filters: Filters, **where: Any) -> list[ClaimRow]:
    """Quotes in the order they were said; undated ones last."""
    rows = fetch_page(reader, QUOTES, *_listing_filters(reader, filters), **where)
    return [ClaimRow(**row) for row in rows]


def figures_page(reader: Reader, filters: Filters, **where: Any) -> list[FigureRow]:
    """Figures grouped by metric, each group in as-of order."""
    # Walk the figures in metric order and keep a prolific speaker's, rather than sort all
    # of their figures (measured at a million claims: 142 -> 9 ms).
    prolific = bool(filters.speaker_pks) and reader.prolific(filters.speaker_pks, "figure")
    rows = fetch_page(reader, FIGURES, *_listing_filters(reader, filters, walk_speakers=prolific,
                                                         ordered_by_metric=True), **where)
    return [FigureRow(**row) for row in rows]


# --- how many rows a listing holds ----------------------------------------------------------------

# Claims other than accepted ones, as the partial index claims_review holds them: a count
# of proposed or rejected claims reads that index alone.
REVIEWED = "c.review = ? AND c.review <> 'accepted'"


def _count_claims(reader: Reader, listing_where: tuple[str, ...], filters: Filters) -> int:
    """The claims a listing holds under ``filters``, from covering indexes: the claims of
    any review state, less the rejected ones (few, read from claims_review), so no claim's
    row is read for its review state. Search words' matches are read one by one, in one pass."""
    search = resolve(reader, filters.search)
    if search is not None:  # the matches lead; their rows are read anyway, so test everything on them
        clauses, params = _searched(_claim_filters(filters), search)
        return count_rows(reader, "claims c", [*(f"+{term}" for term in listing_where), *clauses], params)
    speaker_only = replace(filters, proposals_only=False, show_rejected=True)

    def count(*review: str) -> int:
        if review:  # walk the review index and test each of its claims for the speaker
            clauses, params = _claim_filters(speaker_only, walk_speakers=True)
            return count_rows(reader, "claims c", [*(f"+{term}" for term in listing_where), *clauses, REVIEWED],
                              [*params, *review])
        clauses, params = _claim_filters(speaker_only)
        return count_rows(reader, "claims c", [*listing_where, *clauses], params)

    if filters.proposals_only:
        return count("proposed")
    if filters.show_rejected:
        return count()
    return count() - count("rejected")


def timeline_count(reader: Reader, filters: Filters) -> int:
    """The rows of the timeline under ``filters`` (apart from its pages, see _count_claims)."""
    return _count_claims(reader, TIMELINE.where, filters)


def quotes_count(reader: Reader, filters: Filters) -> int:
    return _count_claims(reader, QUOTES.where, filters)


def figures_count(reader: Reader, filters: Filters) -> int:
    # A figure claim is one with a row in figures (the store writes both or neither).
    return _count_claims(reader, ("c.kind = 'figure'",), filters)


def sources_page(reader: Reader, filters: Filters, **where: Any) -> list[SourceRow]:
    """Sources with their claim counts; with a speaker, only sources where they are quoted."""
    # The claim counts of every source on the page test the same search matches: read
    # them once (measured at a million claims: 45.8 s -> 94 ms for a common word).
    search = resolve(reader, filters.search)
    claim_clauses, claim_params = _searched(_claim_filters(filters), search, "shared")
    claim_filter = "".join(f" AND {clause}" for clause in claim_clauses)
    counts = tuple(f"(SELECT count(*) FROM claims c WHERE c.source_pk = s.pk AND c.kind = '{kind}'{claim_filter}) "
                   f"AS {kind}s" for kind in ("quote", "figure", "event"))
    tables, table_params = search.text_tables() if search is not None else ("", [])
    listing = replace(SOURCES, columns=SOURCES.columns + counts, common_table=tables)
    params: list[Any] = table_params + claim_params * len(counts)
    clauses, source_params = _source_filters(reader, filters)
    rows = fetch_page(reader, listing, clauses, params + source_params, **where)
    return [SourceRow(**row) for row in rows]


def sources_count(reader: Reader, filters: Filters) -> int:
    return count_rows(reader, SOURCES.tables, *_source_filters(reader, filters))


def _source_filters(reader: Reader, filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE clauses on sources ``s``: where the speakers are quoted, where the words occur."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.speaker_pks:
        marks = ",".join("?" * len(filters.speaker_pks))
        if reader.prolific(filters.speaker_pks, "quote"):  # walk the sources in order, as in figures_page
            clauses.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.source_pk = s.pk AND c.actor_pk IN ({marks}))")
        else:
            clauses.append(f"s.pk IN (SELECT c.source_pk FROM claims c WHERE c.actor_pk IN ({marks}))")
        params += filters.speaker_pks
    if match := fts_query(filters.search):  # every word in the headline, publisher or text
        clauses.append("s.pk IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?)")
        params.append(match)
    return clauses, params


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
    resolved = resolve(reader, search)
    # With search words the query joins the matches itself: the claim filters leave them out.
    claim_clauses, claim_params = _claim_filters(Filters(proposals_only=proposals_only))
    if kind:
        claim_clauses.append("c.kind = ?")
        claim_params.append(kind)
    claim_filter = "".join(f" AND {clause}" for clause in claim_clauses)
    actor_filter = " AND ".join(clauses) or "1"
    if resolved is not None:
        # One pass over the matching claims (CROSS JOIN keeps that order), grouped by speaker.
        hits, hits_params = resolved.hits()
        sql = f"""WITH {hits}
                  SELECT a.pk AS pk, a.name AS name, a.kind AS kind, count(*) AS claims
                  FROM hits CROSS JOIN claims c ON c.pk = hits.pk CROSS JOIN actors a ON a.pk = c.actor_pk
                  WHERE {actor_filter} {claim_filter} GROUP BY a.pk
                  ORDER BY claims DESC, a.name LIMIT ?"""
        all_params = [*hits_params, *params, *claim_params, limit]
    else:
        # One count per actor, each answered from the claims_actor_counts index.
        having = " AND claims > 0" if kind or proposals_only else ""
        sql = f"""SELECT * FROM (SELECT a.pk AS pk, a.name AS name, a.kind AS kind,
                      (SELECT count(*) FROM claims c WHERE c.actor_pk = a.pk {claim_filter}) AS claims
                  FROM actors a WHERE {actor_filter}) WHERE 1 {having}
                  ORDER BY claims DESC, name LIMIT ?"""
        all_params = [*claim_params, *params, limit]
    return [SpeakerCount(**row) for row in reader.records(sql, all_params)]

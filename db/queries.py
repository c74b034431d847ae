"""What the dashboard's panes list: filters, the keyset-paged listings and the speakers.

Each listing names its columns after the fields of the row it fills (``expression AS
field``), so a row is built by name and a column added to one side only fails loudly.
Paging itself is in ``db.paging``; a claim's or a source's detail in ``db.details``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from db.paging import Listing, Reader, count_rows, fetch_page, within_cpu_time
from db.records import source_name
from db.search import Search, fts_query, resolve
from db.speakers import like_escape, text_key

WIDE_WINDOW = 50_000  # a date window holding this many claims: the Sources pane walks its sources
UNDATED = "'~'"  # sorts after every ISO date, so undated claims come last
UNDATED_LAST = f"coalesce(c.date_lower, {UNDATED})"
# The second test is implied by the first, but lets SQLite read the proposals from the partial
# claims_review index (at a million claims, CPU, the first page of sources holding a proposal: 30 -> 9 ms).
PROPOSED = "c.review = 'proposed' AND c.review <> 'accepted'"


# --- filters and search ------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """What every pane is narrowed to and how it is sorted. Plain values only (tuples of
    pks and names, ISO days, words as typed), so filters can be saved and read back."""

    speaker_pks: tuple[int, ...] = ()
    speaker_label: str = ""
    speaker_names: tuple[str, ...] = ()  # each speaker's name, in the order of speaker_pks
    search: str = ""
    proposals_only: bool = False  # else: accepted and proposed claims, rejected ones only when shown
    show_rejected: bool = False   # rejected claims too (a reviewer looking for one to restore)
    metrics: tuple[str, ...] = ()  # figures of these metrics only (a metric narrows every pane to figures)
    metric_label: str = ""         # the words the metrics were found by
    source_pks: tuple[int, ...] = ()
    source_label: str = ""
    since: str = ""  # ISO day: claims whose date reaches it or later (a fuzzy date: its upper bound)
    until: str = ""  # ISO day: claims whose date starts on or before it (its lower bound)
    date_label: str = ""  # the words the window was typed as ("December 2024")
    sort: str = ""   # a key of the listings' sorts (Listing.sorts): "date", "kind", "status"...; "" their own order
    descending: bool = False


def _marks(values: tuple) -> str:
    return ",".join("?" * len(values))


def window_clauses(*, metrics: tuple[str, ...] | None = None, source_pks: tuple[int, ...] | None = None,
                   since: str | None = None, until: str | None = None, earliest: str | None = None,
                   walk: frozenset[str] = frozenset(), metric_column: str | None = None,
                   ordered_by: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses on claims ``c`` for a metric, a source and a date window (None: not
    narrowed). A date overlaps the window: its upper bound on or after ``since``, its lower
    bound on or before ``until``; ``earliest`` (a lower bound no date reaching ``since``
    starts before) lets an index on the lower bound find them. A criterion named in ``walk``
    is tested on each claim of the listing's index in order (a ``+`` keeps SQLite from
    reading by it): for one so common that reading all its claims and sorting them costs more.
    ``metric_column`` names the metric of a figure the query joins itself (``f.metric``).
    ``ordered_by``, the listing's leading order term: a lower bound the listing is ordered by
    stays seekable while walking, as the walk of its index then starts at the window
    (measured at a million claims, quotes of "last month": 1,063 -> 355 ms)."""
    clauses: list[str] = []
    params: list[Any] = []
    if metrics is not None:
        marks = _marks(metrics)
        if metric_column:
            clauses.append(f"{'+' if 'metrics' in walk else ''}{metric_column} IN ({marks})")
        elif "metrics" in walk:
            # Figures only: a listing by kind or date seeks them (the timeline's claims_kind_dated); one by
            # another key walks its own index (measured at a million claims, the timeline of a common
            # metric by fuzziness: 5.3 s -> ms).
            seek_kind = ordered_by in ("c.kind", "c.date_lower")
            clauses += [f"{'' if seek_kind else '+'}c.kind = 'figure'",
                        f"EXISTS (SELECT 1 FROM figures fm WHERE fm.claim_pk = c.pk AND fm.metric IN ({marks}))"]
        else:
            clauses.append(f"c.pk IN (SELECT claim_pk FROM figures WHERE metric IN ({marks}))")
        params += metrics
    if source_pks is not None:
        clauses.append(f"{'+' if 'sources' in walk else ''}c.source_pk IN ({_marks(source_pks)})")
        params += source_pks
    # The lower bound as the indexes hold it: bare (the timeline's) and undated last (the others').
    lower_bounds = [f"{'+' if 'dates' in walk and lower != ordered_by else ''}{lower}"
                    for lower in ("c.date_lower", UNDATED_LAST)]
    if since is not None:
        clauses.append("c.date_upper >= ?")
        params.append(since)
        if earliest is not None:
            clauses += [f"{lower} >= ?" for lower in lower_bounds]
            params += [earliest] * len(lower_bounds)
    if until is not None:
        clauses += [f"{lower} <= ?" for lower in lower_bounds]
        params += [until] * len(lower_bounds)
    return clauses, params


def _claim_filters(filters: Filters, *, walk_speakers: bool = False, walk: frozenset[str] = frozenset(),
                   earliest: str | None = None, metric_column: str | None = None,
                   ordered_by: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses on claims ``c`` for the filters but the search words (see ``_searched``).
    ``walk_speakers`` keeps the speakers' claims while walking the listing's index, rather
    than reading theirs by actor; ``walk``, ``earliest``, ``metric_column`` and ``ordered_by``
    are window_clauses' for the metric, source and dates."""
    clauses = [PROPOSED] if filters.proposals_only else [] if filters.show_rejected else ["c.review <> 'rejected'"]
    params: list[Any] = []
    if filters.speaker_pks:
        clauses.append(f"{'+' if walk_speakers else ''}c.actor_pk IN ({','.join('?' * len(filters.speaker_pks))})")
        params += filters.speaker_pks
    window, window_params = window_clauses(
        metrics=filters.metrics or None, source_pks=filters.source_pks or None, since=filters.since or None,
        until=filters.until or None, earliest=earliest, walk=walk, metric_column=metric_column,
        ordered_by=ordered_by)
    return clauses + window, params + window_params


def _searched(filters: tuple[list[str], list[Any]], search: Search | None,
              strategy: str = "rare") -> tuple[list[str], list[Any]]:
    """``filters`` and the search's clauses after them (see ``db.search`` for ``strategy``)."""
    if search is None:
        return filters
    clauses, params = search.clauses(strategy)
    return filters[0] + clauses, filters[1] + params


def _window_criteria(filters: Filters) -> frozenset[str]:
    """The window's criteria in force (the names window_clauses' ``walk`` takes)."""
    return frozenset(name for name, value in (("metrics", filters.metrics), ("sources", filters.source_pks),
                                              ("dates", filters.since or filters.until)) if value)


def _common_criteria(reader: Reader, filters: Filters, ordered_by: str | None = None) -> frozenset[str]:
    """The window's criteria that hold so many claims that a listing should walk its own
    index and test each claim (see window_clauses), rather than read theirs and sort them.
    A listing ordered by other than the lower bound (``ordered_by``, its leading term) walks
    a date window only when it is wide (WIDE_WINDOW): the walk does not start at the window
    (measured at a million claims, CPU, quotes of "last month" by speaker: 546 -> 14 ms)."""
    common = set()
    if filters.metrics and reader.common(f"SELECT 1 FROM figures WHERE metric IN ({_marks(filters.metrics)})",
                                         filters.metrics):
        common.add("metrics")
    if filters.source_pks and reader.common(f"SELECT 1 FROM claims WHERE source_pk IN ({_marks(filters.source_pks)})",
                                            filters.source_pks):
        common.add("sources")
    if filters.since or filters.until:
        earliest = reader.earliest(filters.since) if filters.since else ""
        by_date = ordered_by is None or ordered_by in ("c.date_lower", UNDATED_LAST)
        if _window_holds(reader, earliest, filters.until, at_least=None if by_date else WIDE_WINDOW):
            common.add("dates")
    return frozenset(common)


def _window_holds(reader: Reader, lower: str | None, until: str | None, at_least: int | None) -> bool:
    """Whether at least ``at_least`` claims (Reader.common's default when None) have their lower
    bound from ``lower`` to ``until`` (read from the claims' date index; no ``lower``: none)."""
    return reader.common("SELECT 1 FROM claims WHERE date_lower BETWEEN ? AND ?", (lower, until or "~"),
                         at_least=at_least)


class ListingFilters(NamedTuple):
    clauses: list[str]
    params: list[Any]
    sort_matches: bool  # read the few matches and sort them (see fetch_page)
    search_leads: bool  # the search words' few matches are read by pk (Search.few_matches)
    speakers_sought: bool  # the speakers' name keys are sought in the sort's index (see fetch_page's first_key_sought)
    search_walked: bool  # the listing's index is walked and each claim tested for the search words


def _listing_filters(reader: Reader, filters: Filters, listing: Listing, kind: str | None, *,
                     read_matches: bool = False) -> ListingFilters:
    """The clauses for a listing of claims (of ``kind``, None for any) under ``filters``, and
    how to read them. The matches are sorted when a criterion holds few claims (fewer than COMMON_MATCHES),
    the listing reads those and sorts them, rather than walk its own index testing each claim
    (measured at a million claims: three quiet speakers' quotes 7 s -> ms). One speaker's
    claims in a listing's own order are read from an index in that order (Listing.speaker_index);
    speakers' claims sorted by speaker are sought by the speakers' name keys in the sort's index
    (measured at a million claims, the two busiest speakers' timeline: 276 -> 7 ms).
    ``read_matches``: the search's matches are read by pk and sorted, whatever their number."""
    search = resolve(reader, filters.search)
    if search is not None:
        search = search.of_kind(kind)
    ordered_by_metric = listing.order[0] == "f.metric"
    strategy = "rare" if search is None or read_matches else search.strategy(ordered_by_metric=ordered_by_metric)
    walk = _common_criteria(reader, filters, listing.order[0])
    by_speaker_key = bool(filters.speaker_pks) and listing.order[0] == SPEAKER_KEY
    speaker_ordered = (len(filters.speaker_pks) == 1 and listing.speaker_index) or by_speaker_key
    prolific = bool(filters.speaker_pks) and not speaker_ordered and reader.prolific(filters.speaker_pks, kind)
    rare = ((search is not None and strategy == "rare")
            or (filters.speaker_pks and not prolific and not speaker_ordered) or walk != _window_criteria(filters))
    clauses, params = _searched(
        _claim_filters(filters, walk_speakers=prolific or by_speaker_key, walk=walk,
                       metric_column=listing.metric_column,
                       earliest=reader.earliest(filters.since) if filters.since else None,
                       # Sought by speaker key, each speaker's claims follow the sort's next term,
                       # which a date window then narrows (measured at a million claims, CPU, quotes of
                       # the two busiest speakers over a year by speaker: 160 -> 30 ms).
                       ordered_by=listing.order[1] if by_speaker_key else listing.order[0]),
        search, strategy)
    if by_speaker_key:
        clauses.append(f"{SPEAKER_KEY} IN (SELECT name_key FROM actors WHERE pk IN ({_marks(filters.speaker_pks)}))")
        params += filters.speaker_pks
    return ListingFilters(clauses, params, bool(rare), search is not None and search.few_matches(strategy),
                          by_speaker_key, search is not None and strategy == "common")


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

FIGURE_KIND = "c.kind = 'figure'"
DATE_SPAN = "julianday(c.date_upper) - julianday(c.date_lower)"  # as the claims_span index holds it
# The speaker's name key (casefolded, accent-free; '' for none) and the text's first 40
# characters lower-cased, as migration 13's indexes hold them.
SPEAKER_KEY = "c.actor_key"
RESOLVED_KEY = "c.resolved_key"  # the day a relative date was resolved against, '~' for none (migration 14)
TEXT_KEY = "lower(substr(c.text, 1, 40))"
DATED_ORDER = ("c.date_lower", "c.date_upper", "c.pk")
UNDATED_LAST_ORDER = (UNDATED_LAST, "c.pk")
TIMELINE = Listing(_CLAIM_COLUMNS, _CLAIM_TABLES, DATED_ORDER, key_tables="claims c",
                   where=("c.date_lower IS NOT NULL",), speaker_index=True,
                   sorts={"kind": ("c.kind", *DATED_ORDER),
                          "fuzziness": (DATE_SPAN, *DATED_ORDER), "speaker": (SPEAKER_KEY, *DATED_ORDER),
                          "text": (TEXT_KEY, *DATED_ORDER), "resolved": (RESOLVED_KEY, *DATED_ORDER)})
QUOTES = Listing(_CLAIM_COLUMNS, _CLAIM_TABLES, UNDATED_LAST_ORDER, where=("c.kind = 'quote'",), key_tables="claims c",
                 speaker_index=True,
                 sorts={"speaker": (SPEAKER_KEY, *UNDATED_LAST_ORDER), "text": (TEXT_KEY, *UNDATED_LAST_ORDER)})
FIGURES = Listing(
    (*_CLAIM_COLUMNS, "f.metric AS metric", "f.value AS value", "f.low AS low", "f.high AS high",
     "f.bound AS bound", "f.hedge AS hedge", "f.unit AS unit", "base.text AS base_text",
     "src.published_upper AS published"),
    f"""{_CLAIM_TABLES} JOIN figures f ON f.claim_pk = c.pk
        LEFT JOIN claims base ON base.pk = f.base_pk""",
    # In figures_metric_date's order (the figure's copy of its date), so no page sorts a metric's figures.
    ("f.metric", "coalesce(f.date_lower, '~')", "f.claim_pk"),
    metric_column="f.metric", key_tables="claims c JOIN figures f ON f.claim_pk = c.pk",
    # Every figure's claim is one: saying so lets the claims' indexes by kind be sought.
    sort_where={sort: (FIGURE_KIND,) for sort in ("date", "status", "speaker", "text")},
    sorts={"date": UNDATED_LAST_ORDER, "status": ("c.status", *UNDATED_LAST_ORDER),
           "value": ("coalesce(f.value, f.low, f.high)", "f.claim_pk"),
           "speaker": (SPEAKER_KEY, *UNDATED_LAST_ORDER), "text": (TEXT_KEY, *UNDATED_LAST_ORDER)},
)
SOURCES = Listing(
    ("s.pk AS pk", "s.id AS id", "s.title AS title", "s.publisher AS publisher", "s.published AS published",
     "s.note AS note"),  # and the claim counts, which depend on the filters (see sources_page)
    "sources s",
    (f"coalesce(s.published_lower, {UNDATED})", "s.pk"),
    # A missing title, publisher or note sorts as '' (migration 13's indexes): never NULL in a key.
    sorts={column: (f"coalesce(s.{column}, '')", "s.pk") for column in ("title", "publisher", "note")},
)


# How long (CPU seconds) a page may walk its listing's index testing search words common on
# their own before their matches are read instead: words common apart may match few claims
# together, or few of a kind (measured at a million claims, figures of two words common among
# events and in no figure together: 770 ms walking the whole index -> 320 ms). Common words'
# walks take up to about 110 ms there ("north korean" in the timeline), cold.
SEARCH_WALK_SECONDS = 0.25


def _claims_page(reader: Reader, listing: Listing, filters: Filters, kind: str | None,
                 **where: Any) -> list[dict[str, Any]]:
    sorted_listing = listing.sorted_by(filters.sort)
    chosen = _listing_filters(reader, filters, sorted_listing, kind)
    if chosen.search_walked:
        try:
            with within_cpu_time(SEARCH_WALK_SECONDS) as budget:
                return _page_of(reader, listing, sorted_listing, filters, chosen, **where)
        except sqlite3.OperationalError:
            if not budget.spent:
                raise
        chosen = _listing_filters(reader, filters, sorted_listing, kind, read_matches=True)
    return _page_of(reader, listing, sorted_listing, filters, chosen, **where)


def _page_of(reader: Reader, listing: Listing, sorted_listing: Listing, filters: Filters, chosen: ListingFilters,
             **where: Any) -> list[dict[str, Any]]:
    """A page of ``listing`` in the order of ``sorted_listing`` (its sort's), as ``chosen`` reads it."""
    clauses, params, sort_matches, search_leads, speakers_sought, _ = chosen
    if sort_matches:  # without the clauses that let the sort's index be sought: they would lead SQLite to it
        # A search's few matches are read by pk and the listing's own terms only test them: SQLite,
        # which cannot see how few they are, would otherwise walk every quote by kind (measured at a
        # million claims, quotes of a word in no quote: 134 -> ms).
        tested = tuple(f"+{term}" for term in listing.where) if search_leads else listing.where
        sorted_listing = replace(sorted_listing, where=tested)
    return fetch_page(reader, sorted_listing, clauses, params, descending=filters.descending,
                      sort_matches=sort_matches, first_key_sought=speakers_sought, **where)


def timeline_page(reader: Reader, filters: Filters, **where: Any) -> list[ClaimRow]:
    """Events and dated claims in date order (a fuzzy date placed by its lower bound)."""
    return [ClaimRow(**row) for row in _claims_page(reader, TIMELINE, filters, None, **where)]


def quotes_page(reader: Reader, filters: Filters, **where: Any) -> list[ClaimRow]:
    """Quotes in the order they were said; undated ones last."""
    if filters.metrics:  # a metric narrows to figures: no quote has one (and no index need be walked to see it)
        return []
    return [ClaimRow(**row) for row in _claims_page(reader, QUOTES, filters, "quote", **where)]


def figures_page(reader: Reader, filters: Filters, **where: Any) -> list[FigureRow]:
    """Figures grouped by metric, each group in as-of order."""
    # A prolific speaker's figures are kept while walking the figures in metric order,
    # rather than all sorted (measured at a million claims: 142 -> 9 ms): see _listing_filters.
    return [FigureRow(**row) for row in _claims_page(reader, FIGURES, filters, "figure", **where)]


# --- how many rows a listing holds ----------------------------------------------------------------

# Claims other than accepted ones, as the partial index claims_review holds them: a count
# of proposed or rejected claims reads that index alone.
REVIEWED = "c.review = ? AND c.review <> 'accepted'"


def _count_claims(reader: Reader, listing_where: tuple[str, ...], filters: Filters) -> int:
    """The claims a listing holds under ``filters``, from covering indexes: the claims of
    any review state, less the rejected ones (few, read from claims_review), so no claim's
    row is read for its review state. Search words' matches are read one by one, in one pass."""
    search = resolve(reader, filters.search)
    if search is not None or _narrows_window(filters):  # their rows are read anyway, so test everything on them
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


def _narrows_window(filters: Filters) -> bool:
    return bool(filters.metrics or filters.source_pks or filters.since or filters.until)


def timeline_count(reader: Reader, filters: Filters) -> int:
    """The rows of the timeline under ``filters`` (apart from its pages, see _count_claims)."""
    return _count_claims(reader, TIMELINE.where, filters)


def quotes_count(reader: Reader, filters: Filters) -> int:
    return 0 if filters.metrics else _count_claims(reader, QUOTES.where, filters)


def figures_count(reader: Reader, filters: Filters) -> int:
    # A figure claim is one with a row in figures (the store writes both or neither).
    return _count_claims(reader, (FIGURE_KIND,), filters)


def sources_page(reader: Reader, filters: Filters, **where: Any) -> list[SourceRow]:
    """Sources with their claim counts under the filters; with a speaker, a metric or dates,
    only sources holding such claims."""
    # The claim counts of every source on the page test the same search matches: read
    # them once (measured at a million claims: 45.8 s -> 94 ms for a common word).
    # Each count reads its source's claims by source (claims_source_counts) and tests the window
    # on them: the window's clauses walk (``+``), lest SQLite read a whole kind by date per source.
    search = resolve(reader, filters.search)
    claim_clauses, claim_params = _searched(_claim_filters(filters, walk=_window_criteria(filters)), search, "shared")
    claim_filter = "".join(f" AND {clause}" for clause in claim_clauses)
    counts = tuple(f"(SELECT count(*) FROM claims c WHERE c.source_pk = s.pk AND c.kind = '{kind}'{claim_filter}) "
                   f"AS {kind}s" for kind in ("quote", "figure", "event"))
    tables, table_params = search.text_tables() if search is not None else ("", [])
    listing = replace(SOURCES, columns=SOURCES.columns + counts, common_table=tables)
    params: list[Any] = table_params + claim_params * len(counts)
    clauses, source_params = _source_filters(reader, filters)
    rows = fetch_page(reader, listing.sorted_by(filters.sort), clauses, params + source_params,
                      descending=filters.descending, **where)
    return [SourceRow(**row) for row in rows]


def sources_count(reader: Reader, filters: Filters) -> int:
    return count_rows(reader, SOURCES.tables, *_source_filters(reader, filters))


def _wide_window(reader: Reader, filters: Filters) -> bool:
    """Whether the date window holds so many claims (WIDE_WINDOW, read from the claims' date
    index) that most sources hold one: the Sources pane then walks its sources in order and
    tests each, rather than read every claim in the window for its source (measured at a
    million claims, CPU, sources of "a year" by title: 1,148 -> 21 ms; by publication date the
    walk still reads the sources published before the window: 906 ms)."""
    return _window_holds(reader, filters.since, filters.until, at_least=WIDE_WINDOW)


def _source_filters(reader: Reader, filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE clauses on sources ``s``: the sources chosen, those holding claims of the speakers,
    the window (a metric, dates) and the review state asked for (proposals only), those where
    the words occur."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.source_pks:
        clauses.append(f"s.pk IN ({_marks(filters.source_pks)})")
        params += filters.source_pks
    claims_of = Filters(speaker_pks=filters.speaker_pks, metrics=filters.metrics, since=filters.since,
                        until=filters.until, proposals_only=filters.proposals_only, show_rejected=True)
    if claims_of != Filters(show_rejected=True):
        rare_speakers = bool(filters.speaker_pks) and not reader.prolific(filters.speaker_pks, "quote")
        narrow_window = bool(filters.since or filters.until) and not _wide_window(reader, filters)
        few_proposals = filters.proposals_only and not reader.common(f"SELECT 1 FROM claims c WHERE {PROPOSED}")
        if (rare_speakers or narrow_window or few_proposals
                or _common_criteria(reader, claims_of) != _window_criteria(claims_of)):
            # Few such claims, or a narrow date window (read from the claims' date index, from the
            # earliest lower bound reaching it): keep their sources.
            earliest = reader.earliest(filters.since) if filters.since else None
            claim_clauses, claim_params = _claim_filters(claims_of, earliest=earliest)
            clauses.append(f"s.pk IN (SELECT c.source_pk FROM claims c WHERE {' AND '.join(claim_clauses)})")
        else:  # walk the sources in order and keep those holding one (each source's claims read by source)
            claim_clauses, claim_params = _claim_filters(claims_of, walk=_window_criteria(claims_of))
            test = " AND ".join(claim_clauses)
            clauses.append(f"EXISTS (SELECT 1 FROM claims c WHERE c.source_pk = s.pk AND {test})")
        params += claim_params
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

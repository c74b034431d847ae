"""Filters (several speakers, metric, source, a date window) and every sort of every listing:
keyset pages, forward and back, ascending and descending, are the whole listing in order."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import paging, queries
from db.connection import transaction
from db.names import text_key
from db.paging import COMMON_MATCHES, Reader
from db.queries import (
    FIGURES,
    QUOTES,
    SOURCES,
    TIMELINE,
    Filters,
    figures_count,
    figures_page,
    quotes_count,
    quotes_page,
    sources_count,
    sources_page,
    timeline_count,
    timeline_page,
)
from db.review import change_claim, create_actor, merge_actors
from db.store import open_store
from db.synth import synthesize

LISTINGS = {  # page, count, the listing (for the sorts it offers)
    "timeline": (timeline_page, timeline_count, TIMELINE),
    "quotes": (quotes_page, quotes_count, QUOTES),
    "figures": (figures_page, figures_count, FIGURES),
    "sources": (sources_page, sources_count, SOURCES),
}
SORTS = [(name, sort) for name, (_, _, listing) in LISTINGS.items() for sort in ("", *listing.sorts)]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "synth.db"
    conn = open_store(path)
    synthesize(conn, 600, seed=5)
    conn.close()
    return path


@pytest.fixture(scope="module")
def reader(synthetic):
    reader = Reader(synthetic)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def conn(synthetic):
    conn = sqlite3.connect(synthetic)
    yield conn
    conn.close()


def walk(reader, page, filters: Filters, size: int, *, backwards: bool = False) -> list:
    """Every row of a listing, a page of ``size`` at a time, from the first page (or the last)."""
    rows = page(reader, filters, last=backwards, limit=size)
    walked: list = []
    while rows:
        walked = rows + walked if backwards else walked + rows
        edge = rows[0].key if backwards else rows[-1].key
        rows = page(reader, filters, **{"before" if backwards else "after": edge}, limit=size)
    return walked


def sort_key(key: tuple) -> tuple:
    """As SQLite orders: NULL before any value."""
    return tuple((value is not None, value) for value in key)


def assert_whole_listing_in_order(reader, page, count, filters: Filters, size: int) -> list:
    forward = walk(reader, page, filters, size)
    assert walk(reader, page, filters, size, backwards=True) == forward
    keys = [row.key for row in forward]
    assert len({row.pk for row in forward}) == len(forward)  # no row twice
    assert keys == sorted(keys, key=sort_key, reverse=filters.descending)
    assert count(reader, filters) == len(forward)
    whole = page(reader, filters, limit=10**6)
    assert forward == whole  # no gap: one page of everything holds the same rows
    return forward


@pytest.mark.parametrize(("name", "sort"), SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_through_the_whole_listing_in_order(reader, name, sort, descending):
    page, count, _ = LISTINGS[name]
    rows = assert_whole_listing_in_order(reader, page, count, Filters(sort=sort, descending=descending), 9)
    assert len(rows) > 2 * 9


@pytest.mark.parametrize(("name", "sort"), [(name, sort) for name, sort in SORTS if name != "sources"])
@pytest.mark.parametrize("descending", [False, True])
def test_sorted_matches_are_the_pages_the_index_walk_reads(reader, name, sort, descending):
    """Sorting the matches (a ``+`` on each order term) gives every page, first,
    after, before, from a key and last, that reading the listing in its order gives."""
    listing = LISTINGS[name][2].sorted_by(sort)
    clauses = ["c.review <> 'rejected'"]

    def pages(sort_matches: bool) -> list[list[dict]]:
        def page(**where) -> list[dict]:
            return paging.fetch_page(reader, listing, clauses, [], descending=descending,
                                     sort_matches=sort_matches, limit=7, **where)
        first = page()
        middle = first[3]["key"]
        return [first, page(after=first[-1]["key"]), page(before=middle), page(after=middle, inclusive=True),
                page(before=middle, inclusive=True), page(last=True)]

    assert pages(sort_matches=True) == pages(sort_matches=False)


def test_a_sort_a_listing_does_not_offer_leaves_its_own_order(reader):
    assert quotes_page(reader, Filters(sort="publisher"), limit=50) == quotes_page(
        reader, Filters(), limit=50)


def test_sorted_columns_hold_their_values_in_order(reader, conn):
    kinds = [row.kind for row in timeline_page(reader, Filters(sort="kind"), limit=10**6)]
    assert kinds == sorted(kinds) and len(set(kinds)) == 3
    statuses = [row.status for row in figures_page(reader, Filters(sort="status", descending=True),
                                                   limit=10**6)]
    assert statuses == sorted(statuses, reverse=True) and len(set(statuses)) > 1
    titles = [row.title for row in sources_page(reader, Filters(sort="title"), limit=10**6)]
    assert titles == sorted(titles, key=lambda title: (title is not None, title))


def expected_pks(conn, where: str, params=()) -> set[int]:
    return {pk for (pk,) in conn.execute(f"SELECT c.pk FROM claims c WHERE c.review <> 'rejected' AND {where}",
                                         params)}


def two_speakers(conn) -> tuple[int, ...]:
    return tuple(pk for (pk,) in conn.execute(
        "SELECT actor_pk FROM claims WHERE actor_pk IS NOT NULL GROUP BY actor_pk ORDER BY count(*) DESC LIMIT 2"))


def test_several_speakers_narrow_to_the_claims_of_any_of_them(reader, conn):
    speakers = two_speakers(conn)
    filters = Filters(speaker_pks=speakers)
    rows = assert_whole_listing_in_order(reader, timeline_page, timeline_count, filters, 11)
    assert {row.pk for row in rows} == expected_pks(
        conn, f"c.date_lower IS NOT NULL AND c.actor_pk IN ({speakers[0]}, {speakers[1]})")
    assert len({row.actor for row in rows}) == 2


def test_a_metric_narrows_to_its_figures_and_no_quote(reader, conn):
    metrics = tuple(name for (name,) in conn.execute(
        "SELECT metric FROM figures GROUP BY metric ORDER BY count(*) DESC LIMIT 2"))
    filters = Filters(metrics=metrics)
    rows = assert_whole_listing_in_order(reader, figures_page, figures_count, filters, 7)
    assert {row.metric for row in rows} == set(metrics)
    assert {row.pk for row in rows} == expected_pks(
        conn, "c.pk IN (SELECT claim_pk FROM figures WHERE metric IN (?, ?))", metrics)
    assert quotes_page(reader, filters) == [] and quotes_count(reader, filters) == 0
    assert {row.kind for row in timeline_page(reader, filters, limit=10**6)} == {"figure"}


def test_a_source_narrows_every_listing_to_its_claims_and_itself(reader, conn):
    source_pks = tuple(pk for (pk,) in conn.execute(
        "SELECT source_pk FROM claims GROUP BY source_pk ORDER BY count(*) DESC LIMIT 3"))
    filters = Filters(source_pks=source_pks)
    rows = assert_whole_listing_in_order(reader, quotes_page, quotes_count, filters, 5)
    assert {row.pk for row in rows} == expected_pks(
        conn, "c.kind = 'quote' AND c.source_pk IN (?, ?, ?)", source_pks)
    assert {row.pk for row in sources_page(reader, filters)} == set(source_pks)
    assert sources_count(reader, filters) == 3


def test_a_date_window_keeps_the_dates_that_overlap_it(reader, conn):
    lower, upper = conn.execute("SELECT min(date_lower), max(date_upper) FROM claims").fetchone()
    middle = conn.execute("SELECT date_lower FROM claims WHERE date_lower IS NOT NULL ORDER BY date_lower "
                          "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM claims WHERE date_lower IS NOT NULL)").fetchone()[0]
    for since, until in ((middle, ""), ("", middle), (middle, middle), (lower, upper)):
        filters = Filters(since=since, until=until)
        rows = assert_whole_listing_in_order(reader, timeline_page, timeline_count, filters, 13)
        assert {row.pk for row in rows} == expected_pks(
            conn, "c.date_lower IS NOT NULL AND c.date_upper >= ? AND c.date_lower <= ?", (since, until or "~"))
    # A fuzzy date that starts before the window and reaches into it is kept.
    fuzzy = conn.execute("SELECT pk, date_lower, date_upper FROM claims WHERE date_upper > date_lower "
                         "AND review <> 'rejected' ORDER BY pk LIMIT 1").fetchone()
    assert fuzzy[0] in {row.pk for row in timeline_page(reader, Filters(since=fuzzy[2]), limit=10**6)}


def test_sources_in_a_window_hold_claims_in_it(reader, conn):
    middle = conn.execute("SELECT max(date_lower) FROM claims").fetchone()[0]
    filters = Filters(since=middle)
    shown = {row.pk for row in sources_page(reader, filters, limit=10**6)}
    assert shown == {pk for (pk,) in conn.execute(
        "SELECT DISTINCT source_pk FROM claims WHERE date_upper >= ?", (middle,))}
    assert all(row.quotes + row.figures + row.events > 0 for row in sources_page(reader, filters))


@pytest.mark.parametrize("common", [COMMON_MATCHES, 3])
def test_sources_with_proposals_only_are_those_holding_a_proposal(reader, conn, common):
    """With 3 the proposals count as many: the pane walks its sources and tests each."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "COMMON_MATCHES", common)
        rows = sources_page(reader, Filters(proposals_only=True), limit=10**6)
        counted = sources_count(reader, Filters(proposals_only=True))
    holding = {pk for (pk,) in conn.execute("SELECT DISTINCT source_pk FROM claims WHERE review = 'proposed'")}
    assert 2 < len(holding) < conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert {row.pk for row in rows} == holding
    assert counted == len(holding)
    assert all(row.quotes + row.figures + row.events > 0 for row in rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(listing=st.sampled_from(sorted(LISTINGS)), sort=st.sampled_from(("", "date", "kind", "fuzziness", "status",
                                                                         "value", "title", "publisher", "note",
                                                                         "speaker", "text", "resolved")),
       descending=st.booleans(), size=st.integers(1, 40), window=st.booleans(), several=st.booleans(),
       source=st.booleans(), metric=st.booleans(), common=st.sampled_from((COMMON_MATCHES, 3)))
def test_any_filters_and_sort_page_without_gaps_or_repeats(reader, conn, listing, sort, descending, size, window,
                                                           several, source, metric, common):
    """With ``common`` 3 every criterion counts as common: the listings walk their indexes
    (the plans a store of a million claims takes) instead of sorting the matches."""
    speakers = two_speakers(conn) if several else ()
    since = conn.execute("SELECT min(date_lower) FROM claims").fetchone()[0] if window else ""
    sources = tuple(pk for (pk,) in conn.execute("SELECT pk FROM sources WHERE pk % 3 = 0")) if source else ()
    metrics = tuple(name for (name,) in conn.execute(
        "SELECT metric FROM figures GROUP BY metric ORDER BY count(*) DESC LIMIT 2")) if metric else ()
    filters = Filters(speaker_pks=speakers, since=since, until="2025-06-30" if window else "", source_pks=sources,
                      metrics=metrics, sort=sort, descending=descending)
    page, count, _ = LISTINGS[listing]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "COMMON_MATCHES", common)
        patch.setattr(queries, "WIDE_WINDOW", common * 25)  # 75 of 600 claims: the Sources pane walks its sources
        assert_whole_listing_in_order(reader, page, count, filters, size)


# --- sorts by speaker and by text: ties, case and accents -----------------------------------------

NAMES = ("Émile Zola", "emile ZOLA", "Zelensky", "Ærø Olsen", "ölaf", "Olaf", "Ñandú", "andrés", "Andres", "zoë",
         "Sir Keir Starmer", "ß-Team")
OWN_ORDERS = {  # the listing's own order, in Python: the ties of a sort by speaker or text
    "timeline": lambda claim: (claim["date_lower"], claim["date_upper"], claim["pk"]),
    "quotes": lambda claim: (claim["date_lower"] or "~", claim["pk"]),
    "figures": lambda claim: (claim["date_lower"] or "~", claim["pk"]),
}
LISTED = {"timeline": "c.date_lower IS NOT NULL", "quotes": "c.kind = 'quote'", "figures": "c.kind = 'figure'"}


@pytest.fixture(scope="module")
def accented(tmp_path_factory) -> Path:
    """A small store whose speakers' names differ in case and accents only, or not at all (ties),
    and whose texts start alike or with accented capitals."""
    path = tmp_path_factory.mktemp("accents") / "synth.db"
    conn = open_store(path)
    synthesize(conn, 300, seed=11)
    rename_actors(conn, NAMES)
    conn.execute("UPDATE claims SET text = 'Évacuation ' || text WHERE pk % 7 = 0")
    conn.execute("UPDATE claims SET text = 'éVACUATION ' || text WHERE pk % 11 = 0")
    conn.execute("UPDATE claims SET text = 'The same words, up to the fortieth letter, then: ' || pk WHERE pk % 5 = 0")
    conn.close()
    return path


def rename_actors(conn, names) -> None:
    """Give the actors ``names`` in turn, as an import or a merge writes a name: with its key."""
    actors = [pk for (pk,) in conn.execute("SELECT pk FROM actors ORDER BY pk")]
    conn.executemany("UPDATE actors SET name = ?, name_key = ? WHERE pk = ?",
                     [(names[index % len(names)], text_key(names[index % len(names)]), pk)
                      for index, pk in enumerate(actors)])


def sql_lower(text: str) -> str:
    """SQLite's lower(): ASCII letters only."""
    return "".join(char.lower() if "A" <= char <= "Z" else char for char in text)


def python_order(conn, listing: str, sort: str, descending: bool = False) -> list[int]:
    """The listing's claims sorted in Python: by the speaker's name ignoring case and accents,
    or by the text's first 40 characters lower-cased; ties in the listing's own order."""
    claims = [dict(zip(("pk", "date_lower", "date_upper", "text", "actor"), row, strict=True)) for row in conn.execute(
        f"""SELECT c.pk, c.date_lower, c.date_upper, c.text, a.name
            FROM claims c LEFT JOIN actors a ON a.pk = c.actor_pk
            WHERE c.review <> 'rejected' AND {LISTED[listing]}""")]

    def key(claim: dict) -> tuple:
        first = text_key(claim["actor"] or "") if sort == "speaker" else sql_lower(claim["text"][:40])
        return (first, *OWN_ORDERS[listing](claim))

    return [claim["pk"] for claim in sorted(claims, key=key, reverse=descending)]


@pytest.mark.parametrize("listing", sorted(LISTED))
@pytest.mark.parametrize("sort", ["speaker", "text"])
@pytest.mark.parametrize("descending", [False, True])
def test_speaker_and_text_sorts_page_as_python_sorts_them(accented, listing, sort, descending):
    reader = Reader(accented)
    conn = sqlite3.connect(accented)
    try:
        page, count, _ = LISTINGS[listing]
        rows = assert_whole_listing_in_order(reader, page, count, Filters(sort=sort, descending=descending), 8)
        assert [row.pk for row in rows] == python_order(conn, listing, sort, descending)
    finally:
        reader.close()
        conn.close()


def test_accents_and_case_sort_a_speaker_among_the_plain_names(accented):
    reader = Reader(accented)
    try:
        speakers = list(dict.fromkeys(row.actor for row in quotes_page(reader, Filters(sort="speaker"), limit=10**6)))
    finally:
        reader.close()
    keys = [text_key(name) for name in speakers]
    assert keys == sorted(keys)  # Ñandú among the n, ölaf among the o, not after z as their letters are
    assert keys.index("andres") < keys.index("emile zola") < keys.index("nandu") < keys.index("olaf")
    assert {"Émile Zola", "emile ZOLA", "ölaf", "Olaf"} <= set(speakers)


@pytest.fixture
def writable(accented, tmp_path) -> Path:
    path = tmp_path / "sorted.db"
    shutil.copyfile(accented, path)
    return path


def test_the_speaker_order_follows_renames_merges_and_changed_speakers(writable):
    conn = open_store(writable)
    reader = Reader(writable)
    try:
        def in_order() -> None:
            for listing in LISTED:
                page = LISTINGS[listing][0]
                assert [row.pk for row in walk(reader, page, Filters(sort="speaker"), 9)] == python_order(
                    conn, listing, "speaker")

        (zola,), (olaf,) = conn.execute("SELECT id FROM actors WHERE name IN ('Émile Zola', 'Olaf') "
                                        "GROUP BY name ORDER BY name DESC")
        quote = conn.execute("SELECT pk FROM claims WHERE kind = 'quote' ORDER BY pk LIMIT 1").fetchone()[0]
        change_claim(conn, quote, {"actor": olaf}, who="test")  # the `c` dialog: another speaker
        assert actor_key(conn, quote) == "olaf"
        in_order()
        moved = merge_actors(conn, olaf, zola, "test")  # Émile Zola's claims go to Olaf
        assert moved and actor_key(conn, quote) == "olaf"
        in_order()
        with transaction(conn):  # an import that renames an actor writes its name and key
            conn.execute("UPDATE actors SET name = 'Aaron', name_key = 'aaron' WHERE id = ?", (olaf,))
        assert actor_key(conn, quote) == "aaron"
        in_order()
        new = create_actor(conn, "Ömer", "person")
        change_claim(conn, quote, {"actor": new}, who="test")
        assert actor_key(conn, quote) == "omer"
        in_order()
    finally:
        reader.close()
        conn.close()


def actor_key(conn, claim_pk: int) -> str:
    return conn.execute("SELECT actor_key FROM claims WHERE pk = ?", (claim_pk,)).fetchone()[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(alphabet="aAáÁeÉéœŒßzZ -", min_size=1, max_size=5).filter(str.strip),
                      min_size=1, max_size=8),
       descending=st.booleans(), size=st.integers(1, 30))
def test_any_names_sort_as_their_keys(writable, names, descending, size):
    conn = open_store(writable)
    reader = Reader(writable)
    try:
        with transaction(conn):
            rename_actors(conn, names)
        rows = walk(reader, quotes_page, Filters(sort="speaker", descending=descending), size)
        assert [row.pk for row in rows] == python_order(conn, "quotes", "speaker", descending)
    finally:
        reader.close()
        conn.close()


# --- the timeline by the day a relative date was resolved against -----------------------------------

def python_resolved_order(conn, descending: bool = False) -> list[int]:
    """The timeline's claims sorted in Python by their date's resolved_against (none last),
    ties in the timeline's own order: read through the join, not the claims' copy."""
    claims = conn.execute("""SELECT c.pk, c.date_lower, c.date_upper, d.resolved_against
                             FROM claims c LEFT JOIN dates d ON d.pk = c.date_pk
                             WHERE c.review <> 'rejected' AND c.date_lower IS NOT NULL""").fetchall()
    ordered = sorted(claims, key=lambda claim: (claim[3] or "~", claim[1], claim[2], claim[0]), reverse=descending)
    return [pk for pk, *_ in ordered]


@pytest.mark.parametrize("descending", [False, True])
def test_the_resolved_against_sort_pages_as_python_sorts_it(reader, conn, descending):
    rows = assert_whole_listing_in_order(reader, timeline_page, timeline_count,
                                         Filters(sort="resolved", descending=descending), 9)
    assert [row.pk for row in rows] == python_resolved_order(conn, descending)
    resolved = [row.date_resolved_against for row in rows if row.date_resolved_against]
    assert len(set(resolved)) > 3  # relative dates resolved against several days: the sort is tested on them
    assert (rows[0].date_resolved_against is None) == descending  # absolute dates after the resolved ones


def test_the_resolved_against_order_follows_a_claims_new_date_and_a_dates_new_day(writable):
    conn = open_store(writable)
    reader = Reader(writable)
    try:
        def resolved_key(claim_pk: int) -> str:
            return conn.execute("SELECT resolved_key FROM claims WHERE pk = ?", (claim_pk,)).fetchone()[0]

        claim = conn.execute("""SELECT c.pk FROM claims c JOIN dates d ON d.pk = c.date_pk
                                WHERE d.resolved_against IS NULL AND c.review <> 'rejected' LIMIT 1""").fetchone()[0]
        assert resolved_key(claim) == "~"
        date_id = conn.execute("SELECT id FROM dates WHERE resolved_against = (SELECT min(resolved_against) "
                               "FROM dates)").fetchone()[0]
        change_claim(conn, claim, {"date": date_id}, who="test")  # the `c` dialog: another date
        first = conn.execute("SELECT resolved_against FROM dates WHERE id = ?", (date_id,)).fetchone()[0]
        assert resolved_key(claim) == first
        assert walk(reader, timeline_page, Filters(sort="resolved"), 9)[0].date_resolved_against == first
        assert [row.pk for row in walk(reader, timeline_page, Filters(sort="resolved"), 9)] == python_resolved_order(
            conn)
        with transaction(conn):  # an import that rewrites the date's resolution (its claims keep their date)
            conn.execute("UPDATE dates SET resolved_against = '1900-01-01' WHERE id = ?", (date_id,))
        assert resolved_key(claim) == "1900-01-01" and wrong_resolved_keys(conn) == 0
        assert [row.pk for row in walk(reader, timeline_page, Filters(sort="resolved"), 9)] == python_resolved_order(
            conn)
        with transaction(conn):
            conn.execute("UPDATE dates SET resolved_against = NULL WHERE id = ?", (date_id,))
        assert resolved_key(claim) == "~" and wrong_resolved_keys(conn) == 0
    finally:
        reader.close()
        conn.close()


def wrong_resolved_keys(conn) -> int:
    """Claims whose copy differs from their date's resolved_against ('~' for none)."""
    return conn.execute("""SELECT count(*) FROM claims c LEFT JOIN dates d ON d.pk = c.date_pk
                           WHERE c.resolved_key != coalesce(d.resolved_against, '~')""").fetchone()[0]


def test_a_claim_written_with_a_relative_date_carries_its_day(writable):
    conn = open_store(writable)
    try:
        date_pk, source_pk, day = conn.execute("SELECT pk, source_pk, resolved_against FROM dates "
                                               "WHERE resolved_against IS NOT NULL LIMIT 1").fetchone()
        with transaction(conn):  # as an import writes a claim
            conn.execute("INSERT INTO claims (id, kind, source_pk, date_pk, date_lower, date_upper, text) "
                         "SELECT 'new', 'event', ?, pk, lower, upper, 'x' FROM dates WHERE pk = ?",
                         (source_pk, date_pk))
        assert conn.execute("SELECT resolved_key FROM claims WHERE id = 'new'").fetchone()[0] == day
        assert wrong_resolved_keys(conn) == 0
    finally:
        conn.close()


def test_migration_14_copies_the_days_of_a_store_made_before_it(writable):
    with sqlite3.connect(writable) as conn:  # the store as kursk-tui left it at schema version 13
        conn.executescript("""DROP INDEX claims_source_dates;
                              DROP INDEX claims_resolved_dated; DROP INDEX claims_date_pk;
                              DROP TRIGGER claims_resolved_key_insert; DROP TRIGGER claims_resolved_key_update;
                              DROP TRIGGER dates_resolved_against_claims;
                              ALTER TABLE claims DROP COLUMN resolved_key; PRAGMA user_version = 13;""")
    conn.close()
    migrated = open_store(writable)
    try:
        assert wrong_resolved_keys(migrated) == 0
        assert migrated.execute("SELECT count(*) FROM claims WHERE resolved_key != '~'").fetchone()[0] > 0
    finally:
        migrated.close()


def test_migration_15_lets_a_source_be_tested_for_a_window_by_one_seek(writable):
    with sqlite3.connect(writable) as conn:  # the store as kursk-tui left it at schema version 14
        conn.executescript("DROP INDEX claims_source_dates; PRAGMA user_version = 14;")
    conn.close()
    migrated = open_store(writable)
    try:
        plan = " ".join(detail for *_, detail in migrated.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM claims c WHERE c.source_pk = 1 AND c.date_upper >= '2024-12-01' "
            "AND +c.date_lower <= '2024-12-31' AND c.actor_pk IN (1, 2)"))
        assert "claims_source_dates (source_pk=? AND date_upper>?)" in plan
    finally:
        migrated.close()


def test_the_sources_offer_no_sort_by_their_claim_counts(reader):
    """The counts change with the filters: no index holds the sources in their order (the pane says so)."""
    assert not {"quotes", "figures", "events"} & set(SOURCES.sorts)
    assert sources_page(reader, Filters(sort="quotes"), limit=50) == sources_page(reader, Filters(), limit=50)

"""Filters (several speakers, metric, source, a date window) and every sort of every listing:
keyset pages, forward and back, ascending and descending, are the whole listing in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import paging
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(listing=st.sampled_from(sorted(LISTINGS)), sort=st.sampled_from(("", "date", "kind", "fuzziness", "status",
                                                                         "value", "title", "publisher")),
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
        assert_whole_listing_in_order(reader, page, count, filters, size)

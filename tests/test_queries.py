"""The panes' listings and detail views: rows filled by column name, keyset paging both ways."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.details import claim_detail, source_text
from db.paging import Reader
from db.queries import Filters, figures_page, quotes_page, sources_page, speakers, timeline_page
from db.records import records
from db.store import open_store
from db.synth import synthesize

PAGE = 7


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "synth.db"
    conn = open_store(path)
    synthesize(conn, 800, seed=3)
    conn.close()
    return path


@pytest.fixture
def reader(synthetic):
    reader = Reader(synthetic)
    yield reader
    reader.close()


def test_records_are_keyed_by_column_name_and_refuse_a_name_twice():
    conn = sqlite3.connect(":memory:")
    assert records(conn, "SELECT 1 AS one, 'x' AS text") == [{"one": 1, "text": "x"}]
    with pytest.raises(ValueError, match="twice"):
        records(conn, "SELECT 1 AS one, 2 AS one")


@pytest.mark.parametrize("page", [timeline_page, quotes_page, figures_page, sources_page])
def test_paging_forward_and_back_walks_the_same_rows(reader, page):
    forward = []
    rows = page(reader, Filters(), limit=PAGE)
    while rows:
        forward += rows
        rows = page(reader, Filters(), after=rows[-1].key, limit=PAGE)
    backward = []
    rows = page(reader, Filters(), last=True, limit=PAGE)
    while rows:
        backward = rows + backward
        rows = page(reader, Filters(), before=rows[0].key, limit=PAGE)
    assert len(forward) > 3 * PAGE and forward == backward
    assert [row.key for row in forward] == sorted(row.key for row in forward)
    middle = forward[20]
    assert page(reader, Filters(), after=middle.key, inclusive=True, limit=2) == forward[20:22]


def test_a_claim_row_holds_the_columns_its_fields_name(reader, synthetic):
    conn = sqlite3.connect(synthetic)
    for row in figures_page(reader, Filters(), limit=60):
        stored = conn.execute(
            """SELECT c.kind, c.text, a.name, d.text, c.date_lower, d.precision, c.status, c.review,
                      f.metric, f.value, f.low, f.high, f.bound, f.hedge, f.unit
               FROM claims c JOIN figures f ON f.claim_pk = c.pk LEFT JOIN actors a ON a.pk = c.actor_pk
               LEFT JOIN dates d ON d.pk = c.date_pk WHERE c.pk = ?""", (row.pk,)).fetchone()
        assert stored == (row.kind, row.text, row.actor, row.date_text, row.date_lower, row.date_precision,
                          row.status, row.review, row.metric, row.value, row.low, row.high, row.bound,
                          row.hedge, row.unit)
    for source in sources_page(reader, Filters(), limit=20):
        counts = dict(conn.execute("""SELECT kind, count(*) FROM claims WHERE source_pk = ?
                                      AND review <> 'rejected' GROUP BY kind""", (source.pk,)).fetchall())
        assert (source.quotes, source.figures, source.events) == tuple(
            counts.get(kind, 0) for kind in ("quote", "figure", "event"))
    conn.close()


def test_filters_narrow_every_listing(reader):
    top = speakers(reader, limit=1)[0]
    mine = Filters(speaker_pks=(top.pk,))
    assert {row.actor for row in timeline_page(reader, mine)} == {top.name}
    assert {row.actor for row in figures_page(reader, mine)} == {top.name}
    words = Filters(search="troops")
    assert all("troops" in f"{row.text} {row.source}".lower() for row in quotes_page(reader, words))
    quote_counts = speakers(reader, kind="quote", search="troops", limit=5)
    assert quote_counts and all(count.claims > 0 for count in quote_counts)


def test_claim_detail_names_every_part(reader, synthetic):
    conn = sqlite3.connect(synthetic)
    figure_pk, metric, value, low, high = conn.execute(
        """SELECT c.pk, f.metric, f.value, f.low, f.high FROM claims c JOIN figures f ON f.claim_pk = c.pk
           WHERE c.span_pk IS NOT NULL AND c.date_pk IS NOT NULL LIMIT 1""").fetchone()
    detail = claim_detail(reader, figure_pk)
    assert detail is not None and detail.pk == figure_pk and detail.kind == "figure"
    assert detail.figure is not None
    assert (detail.figure["metric"], detail.figure["value"], detail.figure["low"], detail.figure["high"]) == (
        metric, value, low, high)
    assert detail.context is not None and detail.context.exact == detail.text
    assert detail.date_lower is not None and detail.source_title is not None
    event_pk = conn.execute("SELECT claim_pk FROM events WHERE place IS NOT NULL LIMIT 1").fetchone()[0]
    event = claim_detail(reader, event_pk)
    assert event is not None and event.figure is None and event.place
    assert claim_detail(reader, 10**9) is None
    conn.close()


def test_source_text_marks_the_spans_of_its_claims(reader):
    source = source_text(reader, 1)
    assert source is not None and source.spans
    for span in source.spans:
        assert 0 <= span.start < span.end <= len(source.text)
    assert [(span.start, span.end) for span in source.spans] == sorted((s.start, s.end) for s in source.spans)
    assert source_text(reader, 10**9) is None


def test_rejected_claims_are_listed_only_when_asked(seeded, seed_path):
    from db.queries import Filters, Reader, quotes_page
    from db.review import set_review

    pk = seeded.execute("SELECT pk FROM claims WHERE kind = 'quote' ORDER BY pk LIMIT 1").fetchone()[0]
    set_review(seeded, pk, "rejected", "ana")
    reader = Reader(seed_path)
    assert pk not in [row.pk for row in quotes_page(reader, Filters())]
    shown = {row.pk: row for row in quotes_page(reader, Filters(show_rejected=True))}
    assert shown[pk].review == "rejected" and shown[pk].version == 1

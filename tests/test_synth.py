"""The synthetic store generator: reproducible, consistent with the schema, realistic in shape."""

from __future__ import annotations

import sqlite3
import statistics
from datetime import date
from pathlib import Path

import pytest

from db.dates import edtf_bounds, resolve
from db.queries import Filters, Reader, quotes_page, timeline_page
from db.speakers import find_actors, text_key
from db.store import open_store
from db.synth import COMMON_WORD, DEFERRED_TRIGGERS, synthesize

SIZE = 1500


def build(path: Path, claims: int = SIZE, seed: int = 0) -> tuple[sqlite3.Connection, dict[str, int]]:
    conn = open_store(path)
    return conn, synthesize(conn, claims, seed=seed)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("synth") / "synth.db"
    conn, counts = build(path)
    conn.close()
    return path, counts


@pytest.fixture
def conn(synthetic):
    conn = open_store(synthetic[0])
    yield conn
    conn.close()


def content(conn: sqlite3.Connection) -> list:
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return [(table, conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()) for table in tables]


def test_same_seed_same_content_other_seed_other_content(tmp_path, conn):
    again, _ = build(tmp_path / "again.db")
    other, _ = build(tmp_path / "other.db", seed=1)
    try:
        assert content(again) == content(conn)
        assert content(other) != content(conn)
    finally:
        again.close()
        other.close()


def test_counts_as_asked(conn, synthetic):
    counts = synthetic[1]
    assert counts["claims"] == SIZE == conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    for table in ("actors", "actor_aliases", "sources", "spans", "dates", "figures", "events", "claim_links"):
        assert counts[table] == conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    assert counts["quotes"] + counts["figures"] + counts["events"] == SIZE
    assert counts["sources"] >= SIZE // 30 and counts["actors"] >= 100


def test_every_foreign_key_and_check_holds(conn):
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)  # restored after the load
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_indexes_and_triggers_are_all_back(conn, tmp_path):
    fresh = open_store(tmp_path / "fresh.db")
    try:
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        assert conn.execute(schema).fetchall() == fresh.execute(schema).fetchall()
    finally:
        fresh.close()


def test_every_index_is_built_after_the_rows_are_in(tmp_path):
    conn = open_store(tmp_path / "deferred.db")
    schema = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    before = conn.execute(schema).fetchall()
    declared = {name for kind, name, sql in before if kind == "index" and sql is not None}
    during: list[list[tuple]] = []
    synthesize(conn, 300, progress=lambda _: during.append(conn.execute(schema).fetchall()))
    assert {"claims_actor_date", "claims_source_counts", "sources_sort", "figures_metric"} <= declared
    assert during and all(
        {name for _, name, _ in present}.isdisjoint(declared | set(DEFERRED_TRIGGERS)) for present in during)
    assert conn.execute(schema).fetchall() == before
    conn.close()


def test_claims_carry_their_speakers_name_keys(conn):
    """Copied in one statement after the load, as the deferred trigger would have."""
    wrong = conn.execute("""SELECT count(*) FROM claims LEFT JOIN actors ON actors.pk = claims.actor_pk
                            WHERE claims.actor_key != coalesce(actors.name_key, '')""").fetchone()[0]
    assert wrong == 0
    assert conn.execute("SELECT count(*) FROM claims WHERE actor_key != ''").fetchone()[0] > 0


def test_claims_carry_the_days_their_dates_were_resolved_against(conn):
    """Copied in the same statement after the load, as the deferred trigger would have."""
    wrong = conn.execute("""SELECT count(*) FROM claims LEFT JOIN dates ON dates.pk = claims.date_pk
                            WHERE claims.resolved_key != coalesce(dates.resolved_against, '~')""").fetchone()[0]
    assert wrong == 0
    assert conn.execute("SELECT count(*) FROM claims WHERE resolved_key != '~'").fetchone()[0] > 0


def test_full_text_indexes_are_consistent(conn):
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO sources_fts (sources_fts) VALUES ('integrity-check')")
    text = conn.execute("SELECT text FROM claims WHERE pk = 7").fetchone()[0]
    word = max(text.replace(".", " ").split(), key=len)
    hits = [pk for (pk,) in conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", (f'"{word}"',))]
    assert 7 in hits
    title = conn.execute("SELECT title FROM sources WHERE pk = 3").fetchone()[0]
    word = max(title.replace(":", " ").replace(",", " ").split(), key=len)
    assert 3 in [pk for (pk,) in conn.execute("SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?",
                                                (f'"{word}"',))]
    # The triggers are back: a new claim is found at once (rolled back: the store is shared).
    conn.execute("BEGIN")
    try:
        conn.execute("""INSERT INTO claims (id, kind, source_pk, actor_pk, text)
                        VALUES ('extra', 'quote', 1, 1, 'zyzzyva unmistakable')""")
        assert conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'zyzzyva'").fetchone()[0] == 1
    finally:
        conn.execute("ROLLBACK")


def test_common_word_in_about_a_fifth_of_claims(conn):
    hits = conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", (COMMON_WORD,)).fetchone()[0]
    assert 0.15 * SIZE < hits < 0.25 * SIZE
    words = {}
    for (text,) in conn.execute("SELECT text FROM claims"):
        for word in set(text.lower().replace(".", " ").replace(",", " ").split()):
            words[word] = words.get(word, 0) + 1
    assert sum(1 for count in words.values() if count == 1) > 100  # a long tail of rare words


def test_kinds_mix(conn):
    kinds = dict(conn.execute("SELECT kind, count(*) FROM claims GROUP BY kind"))
    assert 0.5 < kinds["quote"] / SIZE < 0.7
    assert 0.18 < kinds["figure"] / SIZE < 0.32
    assert 0.1 < kinds["event"] / SIZE < 0.2
    assert conn.execute("SELECT count(*) FROM figures").fetchone()[0] == kinds["figure"]
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == kinds["event"]
    bounds = {bound for (bound,) in conn.execute("SELECT DISTINCT bound FROM figures")}
    assert bounds == {"exact", "approx", "range", "at_least", "at_most", "fraction_of"}
    assert conn.execute("""SELECT count(*) FROM figures WHERE bound = 'fraction_of'
                           AND (base_pk IS NULL OR base_pk >= claim_pk)""").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM figures WHERE bound = 'range' AND NOT low < high").fetchone()[0] == 0
    metrics = conn.execute("SELECT count(DISTINCT metric) FROM figures").fetchone()[0]
    assert metrics >= 30
    actor_kinds = {kind for (kind,) in conn.execute("SELECT DISTINCT kind FROM actors")}
    assert actor_kinds == {"person", "organisation", "government_body", "collective", "anonymous_group"}
    reviews = dict(conn.execute("SELECT review, count(*) FROM claims GROUP BY review"))
    assert reviews["accepted"] > 0.95 * SIZE and 0 < reviews["proposed"] < 0.03 * SIZE


def test_speakers_are_skewed(conn):
    counts = [count for (count,) in conn.execute(
        "SELECT count(*) FROM claims WHERE actor_pk IS NOT NULL GROUP BY actor_pk ORDER BY 1 DESC")]
    assert 0.07 * SIZE <= counts[0] <= 0.11 * SIZE
    assert counts[0] >= 10 * statistics.median(counts)
    assert sum(1 for count in counts if count >= 0.045 * SIZE) >= 3


def test_names_and_aliases_find_their_actors(conn):
    for pk, name, name_key in conn.execute("SELECT pk, name, name_key FROM actors WHERE pk <= 40"):
        assert name_key == text_key(name)
        assert pk in [actor.pk for actor in find_actors(conn, name)]
    for pk, alias, alias_key in conn.execute("SELECT actor_pk, alias, alias_key FROM actor_aliases LIMIT 40"):
        assert alias_key == text_key(alias)
        assert pk in [actor.pk for actor in find_actors(conn, alias)]


def test_dates_are_consistent(conn):
    rows = conn.execute("""SELECT d.text, d.edtf, d.lower, d.upper, d.precision, d.resolved_against,
                                  s.published_lower FROM dates d JOIN sources s ON s.pk = d.source_pk""").fetchall()
    precisions = set()
    for text, edtf, lower, upper, precision, against, published_lower in rows:
        low, high, _ = edtf_bounds(edtf)
        assert (low.isoformat(), high.isoformat()) == (lower, upper)
        resolved = resolve(text, date.fromisoformat(against or published_lower))
        assert (resolved.lower.isoformat(), resolved.upper.isoformat(), resolved.precision) == (lower, upper, precision)
        precisions.add(precision)
    assert {"day", "days", "part_of_month", "month"} <= precisions
    mismatched = conn.execute("""SELECT count(*) FROM claims c JOIN dates d ON d.pk = c.date_pk
                                 WHERE c.date_lower IS NOT d.lower OR c.date_upper IS NOT d.upper""").fetchone()[0]
    assert mismatched == 0
    undated = conn.execute("SELECT count(*) FROM claims WHERE date_pk IS NULL").fetchone()[0]
    assert 0 < undated < 0.1 * SIZE


def test_spans_are_the_source_words(conn):
    rows = conn.execute("""SELECT sp.char_start, sp.char_end, sp.exact, sp.prefix, sp.suffix, s.text, c.text
                           FROM claims c JOIN spans sp ON sp.pk = c.span_pk
                           JOIN sources s ON s.pk = sp.source_pk AND s.pk = c.source_pk""").fetchall()
    assert len(rows) > SIZE // 20
    for start, end, exact, prefix, suffix, text, claim_text in rows:
        assert text[start:end] == exact == claim_text
        assert text[max(0, start - 32):start] == prefix and text[end:end + 32] == suffix


def test_the_panes_queries_page_through_it(synthetic, conn):
    top = conn.execute("""SELECT actor_pk FROM claims WHERE actor_pk IS NOT NULL
                          GROUP BY actor_pk ORDER BY count(*) DESC LIMIT 1""").fetchone()[0]
    reader = Reader(synthetic[0])
    try:
        first = timeline_page(reader, Filters())
        assert len(first) == 100
        second = timeline_page(reader, Filters(), after=first[-1].key)
        assert second[0].key > first[-1].key
        quotes = quotes_page(reader, Filters(speaker_pks=(top,), search=COMMON_WORD))
        assert quotes and all(COMMON_WORD in row.text.lower() for row in quotes)
    finally:
        reader.close()


def test_refuses_a_store_that_is_not_empty(conn):
    with pytest.raises(ValueError, match="not empty"):
        synthesize(conn, 10)


def test_a_name_key_folds_british_spellings_of_whole_words_only():
    assert text_key("Russia’s Defence  Ministry") == text_key("Russia's Defense Ministry")
    assert text_key("Russia's Defense Ministry") == "russia's defense ministry"
    assert text_key("Centre for Labour Studies") == "center for labor studies"
    assert text_key("Defenceless") == "defenceless"

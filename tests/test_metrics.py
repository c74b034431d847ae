"""The metric vocabulary: quantities named by data, parts linked to their whole, old labels adopted."""

from __future__ import annotations

import pytest

from db.connection import transaction
from db.metrics import (
    DEFAULT_WORDS,
    add_quantity_word,
    ensure_metric,
    list_metrics,
    metric_name,
    parse_name,
    quantity_of,
    quantity_words,
)


@pytest.mark.parametrize("text, quantity", [
    ("3,000 North Korean soldiers killed or wounded", "casualties"),
    ("the death toll rose to 300", "killed"),
    ("fatalities occurred among the troops", "killed"),
    ("2,700 injured", "wounded"),
    ("were killed or injured in Kursk", "casualties"),
    ("troops in Russia numbered 11,000", "deployed"),
    ("two soldiers were taken prisoner", "captured"),
    ("dozens remain unaccounted for", "missing"),
    ("some 300 sailors are still held in Morvany", "captured"),
    ("the kill-chain was broken", None),     # no whole word of the vocabulary
    ("a redeployed battery", None),
])
def test_the_longest_phrase_names_the_quantity(text, quantity):
    assert quantity_of(text, DEFAULT_WORDS) == quantity


def test_a_reviewer_teaches_a_new_word(store):
    assert quantity_of("40 KIA", quantity_words(store)) is None
    add_quantity_word(store, "KIA", "killed")
    assert quantity_of("40 KIA", quantity_words(store)) == "killed"


def test_parts_join_their_whole_whichever_comes_first(store):
    subject = "Varnian troops"
    with transaction(store):
        killed = ensure_metric(store, subject=subject, quantity="killed", unit="persons")
        whole = ensure_metric(store, subject=subject, quantity="casualties", unit="persons")
        wounded = ensure_metric(store, subject=subject, quantity="wounded", unit="persons")
        assert ensure_metric(store, subject=subject, quantity="killed", unit="persons") == killed
    parents = {metric.pk: metric.parent_pk for metric in list_metrics(store)}
    assert parents == {killed: whole, wounded: whole, whole: None}
    assert metric_name(subject, "casualties") == "Varnian troops: casualties (killed or wounded)"


def test_renaming_a_metric_renames_its_figures(seeded):
    with transaction(seeded):
        pk, name = seeded.execute("SELECT metric_pk, metric FROM figures WHERE metric_pk IS NOT NULL").fetchone()
        seeded.execute("UPDATE metrics SET name = 'renamed' WHERE pk = ?", (pk,))
    assert seeded.execute("SELECT count(*) FROM figures WHERE metric = ?", (name,)).fetchone()[0] == 0
    assert seeded.execute("SELECT count(*) FROM figures WHERE metric_pk = ? AND metric = 'renamed'",
                          (pk,)).fetchone()[0] > 0


def test_a_label_in_the_vocabularys_form_gives_its_subject():
    assert parse_name("Varnian troops: casualties (killed or wounded)", DEFAULT_WORDS) == ("Varnian troops",
                                                                                           "casualties")
    assert parse_name("North Korean soldiers killed", DEFAULT_WORDS) == ("North Korean soldiers killed", "killed")
    assert parse_name("Share of land held", DEFAULT_WORDS) == ("Share of land held", "other")


def test_a_version_11_store_learns_the_new_default_words(tmp_path):
    from db.metrics import add_default_words
    from db.schema import MIGRATIONS
    from db.store import open_store
    conn = open_store(tmp_path / "store.db")
    conn.execute("DELETE FROM quantity_words WHERE phrase = 'a further'")
    conn.execute("UPDATE quantity_words SET quantity = 'missing' WHERE phrase = 'captivity'")
    assert MIGRATIONS[11] == MIGRATIONS[15] == MIGRATIONS[16] == MIGRATIONS[17] == (add_default_words,)  # 12, 16-18
    add_default_words(conn)
    words = quantity_words(conn)
    assert (words["a further"], words["captivity"]) == ("reinforcements", "missing")


@pytest.mark.parametrize("version, learned", [
    (15, {"held by": "captured", "second contingent": "reinforcements"}),                # migration 16
    (16, {"fourth contingent": "reinforcements", "latest contingent": "reinforcements"}),  # migration 17
    (17, {"still held": "captured"}),                                                     # migration 18
])
def test_an_older_store_learns_the_default_words_added_since_on_opening(tmp_path, version, learned):
    from db.store import open_store
    path = tmp_path / "store.db"
    conn = open_store(path)
    conn.execute(f"DELETE FROM quantity_words WHERE phrase IN ({', '.join('?' * len(learned))})", tuple(learned))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    words = quantity_words(open_store(path))
    assert {phrase: words[phrase] for phrase in learned} == learned

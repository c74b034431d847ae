"""Saved views in the store (db/views.py): round trips, filters saved by another version,
speakers who are gone, the view last left, and the migration that adds them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

import pytest

from db import views
from db.queries import Filters
from db.schema import SCHEMA_VERSION, schema_version
from db.speakers import find_actors
from db.store import open_store
from db.views import (
    View,
    ViewError,
    ViewExists,
    delete_view,
    describe,
    last_view,
    list_views,
    load_view,
    remember_last,
    save_view,
    view_names,
)
from tests.test_hostile import HOSTILE, is_text


def actor_pk(conn: sqlite3.Connection, name: str) -> int:
    (actor,) = find_actors(conn, name)
    return actor.pk


def store_raw(conn: sqlite3.Connection, name: str, stored: object) -> None:
    """A view as another version of kursk-tui (or a hand edit) may have left it."""
    conn.execute("INSERT INTO views (name, view, created, updated) VALUES (?, ?, 'then', 'then')",
                 (name, json.dumps(stored)))


def test_a_view_round_trips_with_every_filter(seeded):
    kirby = actor_pk(seeded, "kirby")
    view = View("figures", Filters(speaker_pks=(kirby,), speaker_label="John Kirby", search="troops",
                                   proposals_only=True, show_rejected=True))
    saved = save_view(seeded, "  Kirby's figures ", view)
    assert saved.name == "Kirby's figures" and saved.created == saved.updated
    loaded = load_view(seeded, "Kirby's figures")
    assert loaded is not None
    assert loaded.view == view and loaded.dropped == ()
    assert load_view(seeded, "kirby's figures") is None  # names match exactly


def test_views_are_listed_by_name_and_described_in_one_line(seeded):
    kirby = actor_pk(seeded, "kirby")
    save_view(seeded, "b: kirby", View("quotes", Filters(speaker_pks=(kirby,), speaker_label="John Kirby",
                                                         search="losses")))
    save_view(seeded, "A: all", View("timeline", Filters()))
    listed = list_views(seeded)
    assert [saved.name for saved in listed] == ["A: all", "b: kirby"] == view_names(seeded)
    assert [describe(saved.view.filters) for saved in listed] == ["everything",
                                                                  "speaker: John Kirby \u00b7 search: losses"]
    assert describe(Filters(proposals_only=True)) == "proposals only"


def test_saving_over_a_name_needs_overwrite_and_keeps_when_it_was_made(seeded):
    first = save_view(seeded, "mine", View("timeline", Filters(search="first")))
    with pytest.raises(ViewExists):
        save_view(seeded, "mine", View("figures", Filters()))
    assert load_view(seeded, "mine").view.filters.search == "first"
    seeded.execute("UPDATE views SET created = '2020-01-01T00:00:00+00:00', updated = created")
    second = save_view(seeded, "mine", View("figures", Filters(search="second")), overwrite=True)
    loaded = load_view(seeded, "mine")
    assert loaded.view == View("figures", Filters(search="second"))
    assert loaded.created == second.created == "2020-01-01T00:00:00+00:00" != loaded.updated
    assert first.name == second.name and len(list_views(seeded)) == 1


def test_delete_says_whether_there_was_a_view(seeded):
    save_view(seeded, "gone soon", View("sources", Filters()))
    assert delete_view(seeded, "gone soon") is True
    assert delete_view(seeded, "gone soon") is False
    assert list_views(seeded) == []


@pytest.mark.parametrize("name, problem", [("   ", "needs a name"), ("x" * 101, "at most 100"),
                                           ("a\ud800b", "lone surrogate")])
def test_names_that_cannot_be_saved_say_why(seeded, name, problem):
    with pytest.raises(ViewError, match=problem):
        save_view(seeded, name, View("timeline", Filters()))
    assert list_views(seeded) == []


def test_hostile_names_and_searches_are_kept_exactly(seeded):
    names = [value for value in HOSTILE if is_text(value) and value.strip() and len(value.strip()) <= 100]
    for value in names:
        save_view(seeded, value, View("quotes", Filters(search=value)))
    for value in names:
        loaded = load_view(seeded, value.strip())
        assert loaded is not None and loaded.view.filters.search == value
    assert sorted(view_names(seeded)) == sorted({value.strip() for value in names})


def test_unknown_keys_are_ignored_and_missing_fields_keep_their_defaults(seeded):
    store_raw(seeded, "newer", {"pane": "figures", "layout": "grid",
                                "filters": {"search": "troops", "metric_bucket": [1, 2], "colour": "red"}})
    loaded = load_view(seeded, "newer")
    assert loaded.view == View("figures", Filters(search="troops")) and loaded.dropped == ()


def test_a_value_that_no_longer_fits_its_field_is_dropped_and_said(seeded):
    store_raw(seeded, "odd", {"pane": 3, "filters": {"search": ["not", "text"], "proposals_only": 1,
                                                    "show_rejected": True, "speaker_pks": ["12"]}})
    loaded = load_view(seeded, "odd")
    assert loaded.view == View("", Filters(show_rejected=True))
    assert any(note.startswith("search:") for note in loaded.dropped)
    assert any(note.startswith("proposals only:") for note in loaded.dropped)
    assert any("speaker" in note for note in loaded.dropped)


def test_unreadable_filters_are_cleared_and_said(seeded):
    store_raw(seeded, "broken", {"pane": "quotes", "filters": "search=troops"})
    loaded = load_view(seeded, "broken")
    assert loaded.view == View("quotes", Filters()) and loaded.dropped


def test_a_speaker_no_longer_in_the_store_is_dropped_and_the_view_still_opens(seeded):
    kirby = actor_pk(seeded, "kirby")
    seeded.execute("INSERT INTO actors (id, name, name_key, kind) VALUES ('gone', 'Gone Soon', 'gone soon', 'person')")
    gone = actor_pk(seeded, "gone soon")
    save_view(seeded, "two", View("quotes", Filters(speaker_pks=(kirby, gone), speaker_label="John Kirby, Gone Soon",
                                                    speaker_names=("John Kirby", "Gone Soon"), search="troops")))
    save_view(seeded, "one", View("quotes", Filters(speaker_pks=(gone,), speaker_label="Gone Soon")))
    seeded.execute("DELETE FROM actors WHERE pk = ?", (gone,))
    two = load_view(seeded, "two")
    assert two.view.filters == Filters(speaker_pks=(kirby,), speaker_label="John Kirby", speaker_names=("John Kirby",),
                                       search="troops")
    assert two.dropped == ("1 speaker of this view no longer in the store: dropped",)
    one = load_view(seeded, "one")
    assert one.view.filters == Filters() and len(one.dropped) == 1
    assert {saved.name: saved.view.filters.speaker_pks for saved in list_views(seeded)} == {"one": (), "two": (kirby,)}


def test_the_last_view_is_remembered_apart_from_the_named_ones(seeded):
    assert last_view(seeded) is None
    view = View("sources", Filters(search="kursk"))
    remember_last(seeded, view)
    remember_last(seeded, View("figures", Filters(proposals_only=True)))
    restored = last_view(seeded)
    assert restored.view == View("figures", Filters(proposals_only=True)) and restored.dropped == ()
    assert list_views(seeded) == []


def test_filters_are_written_generically_whatever_fields_they_gain(seeded, monkeypatch):
    """Another version's Filters (fields added, as another change adds them): every field is
    written and read back, tuples included, with nothing in db.views naming them."""

    @dataclass(frozen=True)
    class Wider(Filters):
        metric: str = ""
        since_until: tuple[str, str] | None = None
        sort: Literal["date", "value"] = "date"
        descending: bool = False
        source_pks: tuple[int, ...] = ()
        min_value: float | None = None

    monkeypatch.setattr(views, "Filters", Wider)
    views._filter_types.cache_clear()
    wide = Wider(search="troops", metric="casualties", since_until=("2024-12-01", "2024-12-31"), sort="value",
                 descending=True, source_pks=(1, 2), min_value=3)
    save_view(seeded, "wide", View("figures", wide))
    stored = json.loads(seeded.execute("SELECT view FROM views").fetchone()[0])["filters"]
    assert stored["since_until"] == ["2024-12-01", "2024-12-31"] and stored["source_pks"] == [1, 2]
    loaded = load_view(seeded, "wide")
    assert loaded.view.filters == wide and loaded.dropped == ()
    assert describe(wide) == ("search: troops \u00b7 sort: value \u00b7 descending \u00b7 metric: casualties"
                              " \u00b7 since until: 2024-12-01, 2024-12-31 \u00b7 min value: 3")
    store_raw(seeded, "bad sort", {"pane": "figures", "filters": {"sort": "size", "since_until": ["one"]}})
    bad = load_view(seeded, "bad sort")
    assert bad.view.filters == Wider() and len(bad.dropped) == 2

    monkeypatch.setattr(views, "Filters", Filters)  # read back by this version: the keys it lacks ignored
    views._filter_types.cache_clear()
    assert load_view(seeded, "wide").view == View("figures", Filters(search="troops", source_pks=(1, 2), sort="value",
                                                                     descending=True))


def test_a_version_8_store_is_migrated_and_keeps_views_from_then_on(seed_path, tmp_path):
    conn = open_store(seed_path)
    conn.execute("DROP TABLE views")
    conn.execute("DROP TABLE settings")
    for trigger in ("figures_date_insert", "claims_date_figures", "claims_actor_key_insert", "claims_actor_key_update",
                    "actors_name_key_claims", "claims_resolved_key_insert", "claims_resolved_key_update",
                    "dates_resolved_against_claims"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP INDEX figures_metric_latest")
    conn.execute("DROP INDEX figures_metric_date")
    conn.execute("ALTER TABLE figures DROP COLUMN date_lower")
    for index in ("claims_kind_dated", "claims_span", "claims_kind_status", "figures_value", "sources_title",
                  "sources_publisher", "claims_kind_actor_key", "claims_actor_key_dated", "claims_kind_text",
                  "claims_text_dated", "sources_note", "claims_resolved_dated", "claims_date_pk",
                  "claims_source_dates"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE claims DROP COLUMN actor_key")
    conn.execute("ALTER TABLE claims DROP COLUMN resolved_key")
    conn.execute("PRAGMA user_version = 8")
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()

    migrated = open_store(seed_path)
    assert schema_version(migrated) == SCHEMA_VERSION == 18
    assert (seed_path.parent / f"{seed_path.name}.v8.bak").exists()
    assert migrated.execute("SELECT count(*) FROM claims").fetchone()[0] == claims
    assert list_views(migrated) == [] and last_view(migrated) is None
    save_view(migrated, "after", View("timeline", Filters(search="kursk")))
    assert load_view(migrated, "after").view.filters.search == "kursk"
    with pytest.raises(sqlite3.IntegrityError):
        migrated.execute("INSERT INTO views (name, view, created, updated) VALUES ('x', 'not json', '', '')")
    migrated.close()


def test_views_stay_in_their_store_and_are_not_exported(seeded):
    """Views name speakers by this store's pks, which mean nothing in another store."""
    from db.interchange import export_document

    save_view(seeded, "mine", View("quotes", Filters(search="kursk")))
    remember_last(seeded, View("figures", Filters()))
    document = export_document(seeded)
    assert "mine" not in json.dumps(document) and not {"views", "settings"} & set(document)


def test_a_view_is_described_by_its_labels_in_peoples_words():
    filters = Filters(speaker_pks=(1, 2), speaker_label="Kirby, Zelensky", speaker_names=("Kirby", "Zelensky"),
                      metrics=("North Korean casualties",), metric_label="casualties", since="2024-12-01",
                      until="2024-12-31", date_label="December 2024", sort="value", descending=True)
    assert describe(filters) == ("speaker: Kirby, Zelensky \u00b7 metric: casualties \u00b7 date: December 2024"
                                 " \u00b7 sort: value \u00b7 descending")
    assert describe(Filters(since="2024-12-01")) == "since: 2024-12-01"

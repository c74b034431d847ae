import sqlite3

import pytest

from db.schema import SCHEMA_VERSION, SchemaTooNew, migrate, schema_version
from db.store import StoreError, open_store


def test_a_new_store_is_migrated_with_foreign_keys_and_wal(tmp_path):
    conn = open_store(tmp_path / "new.db")
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate(conn) == 0


def test_a_store_from_a_newer_kursk_tui_is_refused(tmp_path):
    path = tmp_path / "future.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(SchemaTooNew, match="upgrade kursk-tui"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="not a usable kursk-tui store"):
        open_store(path)


def test_constraints_hold(store):
    store.execute("INSERT INTO sources (id, text) VALUES ('s', 'abc')")
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("INSERT INTO spans (source_pk, char_start, char_end, exact) VALUES (1, 2, 1, 'x')")
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("INSERT INTO claims (id, kind, source_pk, text) VALUES ('c', 'rumour', 1, 'x')")
    with pytest.raises(sqlite3.IntegrityError):  # foreign key: no such source
        store.execute("INSERT INTO claims (id, kind, source_pk, text) VALUES ('c', 'quote', 99, 'x')")


def test_full_text_search_follows_claims(seeded):
    def hits(word):
        return [row[0] for row in seeded.execute(
            "SELECT c.id FROM claims_fts JOIN claims c ON c.pk = claims_fts.rowid WHERE claims_fts MATCH ?",
            (word,))]

    quote = "q-zelensky-could-not-be-resuscitated"
    assert quote in hits("resuscitated")
    seeded.execute(f"UPDATE claims SET text = 'revived' WHERE id = '{quote}'")
    assert quote not in hits("resuscitated")
    assert hits("revived") == ["q-zelensky-could-not-be-resuscitated"]
    seeded.execute("DELETE FROM claims WHERE id = 'q-zelensky-could-not-be-resuscitated'")
    assert hits("revived") == []


def test_a_version_1_store_is_migrated_with_its_data(tmp_path):
    from db.connection import connect, transaction
    from db.schema import MIGRATION_1, _statements

    path = tmp_path / "v1.db"
    conn = connect(path)
    with transaction(conn):
        for statement in _statements(MIGRATION_1):
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO sources (id, text) VALUES ('s', 'up to 5')")
        conn.execute("INSERT INTO claims (id, kind, source_pk, text) VALUES ('f', 'figure', 1, 'up to 5')")
        conn.execute("INSERT INTO figures (claim_pk, metric, high, bound, unit) "
                     "VALUES (1, 'm', 5, 'at_most', 'persons')")
    conn.close()

    migrated = open_store(path)
    assert schema_version(migrated) == SCHEMA_VERSION
    backup = sqlite3.connect(tmp_path / "v1.db.v1.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT id FROM claims").fetchall() == [("f",)]
    assert migrated.execute("SELECT metric, high, per_unit FROM figures").fetchall() == [("m", 5.0, None)]
    assert migrated.execute("SELECT id FROM claims_fts JOIN claims ON claims.pk = claims_fts.rowid "
                            "WHERE claims_fts MATCH 'up'").fetchall() == [("f",)]


def test_a_reader_falls_back_when_the_shared_memory_file_cannot_be_made(seed_path):
    from db.queries import Filters, Reader, quotes_page

    (seed_path.parent / (seed_path.name + "-shm")).unlink(missing_ok=True)
    (seed_path.parent / (seed_path.name + "-shm")).mkdir()  # as on read-only media: no -shm possible
    reader = Reader(seed_path)
    assert len(quotes_page(reader, Filters())) == 12
    reader.close()


def test_migration_8_rekeys_names_so_british_and_american_spellings_meet(tmp_path):
    from db.schema import MIGRATIONS
    from db.speakers import find_actors

    path = tmp_path / "v7.db"
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:7]:
            for step in migration:
                if callable(step):
                    step(conn)
                else:
                    conn.executescript(step)
        conn.execute("PRAGMA user_version = 7")
        conn.execute("INSERT INTO actors (id, name, name_key, kind) "
                     "VALUES ('mod', 'Russia''s Defence Ministry', 'russia''s defence ministry', 'government_body')")
        conn.execute("INSERT INTO actor_aliases (actor_pk, alias, alias_key) "
                     "VALUES (1, 'Defence Ministry', 'defence ministry')")
    conn.close()

    migrated = open_store(path)
    assert migrated.execute("SELECT name_key FROM actors").fetchall() == [("russia's defense ministry",)]
    assert migrated.execute("SELECT alias_key FROM actor_aliases").fetchall() == [("defense ministry",)]
    assert [actor.id for actor in find_actors(migrated, "Russia’s defense ministry")] == ["mod"]

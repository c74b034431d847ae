"""The store's schema, built and upgraded by numbered migrations (``PRAGMA user_version``).

Every table has an integer ``pk`` for joins and, where records travel between stores,
a stable text ``id`` (the interchange identity). Spans are half-open code-point ranges
``[char_start, char_end)`` into ``sources.text``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from db.connection import transaction
from db.dates import PRECISIONS
from db.errors import StoreError
from db.metrics import add_default_words, seed_vocabulary

SOURCE_KINDS = ("article", "transcript", "statement", "report", "post", "other")
ACTOR_KINDS = ("person", "organisation", "government_body", "collective", "anonymous_group")
CLAIM_KINDS = ("quote", "figure", "event")
# Migration 1's statuses; migration 5 added "false" (a claim a reviewer found untrue).
_CLAIM_STATUSES_1 = ("unverified", "publisher_unverified", "corroborated", "disputed", "superseded")
CLAIM_STATUSES = (*_CLAIM_STATUSES_1, "false")
BOUND_KINDS = ("exact", "approx", "range", "at_least", "at_most", "fraction_of")
LINK_KINDS = ("updates", "contradicts", "corroborates")


def _one_of(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


MIGRATION_1 = f"""
CREATE TABLE sources (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN {_one_of(SOURCE_KINDS)}),
    title TEXT,
    publisher TEXT,
    url TEXT,
    published TEXT,              -- EDTF
    published_lower TEXT,        -- strict ISO day bounds of `published`
    published_upper TEXT,
    published_basis TEXT,        -- how the date was established when the source does not print it
    note TEXT,                   -- editorial / verification note
    text TEXT
);

CREATE TABLE actors (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,      -- casefolded, accents removed: what speaker filters match
    kind TEXT NOT NULL CHECK (kind IN {_one_of(ACTOR_KINDS)}),
    role TEXT
);
CREATE INDEX actors_name_key ON actors (name_key);

CREATE TABLE actor_aliases (
    actor_pk INTEGER NOT NULL REFERENCES actors (pk) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (actor_pk, alias)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_key ON actor_aliases (alias_key);

CREATE TABLE spans (
    pk INTEGER PRIMARY KEY,
    source_pk INTEGER NOT NULL REFERENCES sources (pk) ON DELETE CASCADE,
    char_start INTEGER NOT NULL CHECK (char_start >= 0),
    char_end INTEGER NOT NULL CHECK (char_end > char_start),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    UNIQUE (source_pk, char_start, char_end)
);

-- A role as a source states it ("White House National Security Communications adviser").
CREATE TABLE actor_roles (
    actor_pk INTEGER NOT NULL REFERENCES actors (pk) ON DELETE CASCADE,
    span_pk INTEGER NOT NULL REFERENCES spans (pk) ON DELETE CASCADE,
    PRIMARY KEY (actor_pk, span_pk)
) WITHOUT ROWID;

CREATE TABLE dates (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_pk INTEGER REFERENCES sources (pk) ON DELETE CASCADE,
    span_pk INTEGER REFERENCES spans (pk) ON DELETE SET NULL,
    text TEXT,                   -- as printed
    edtf TEXT NOT NULL,
    lower TEXT NOT NULL,         -- strict, inclusive ISO day bounds
    upper TEXT NOT NULL,
    precision TEXT NOT NULL CHECK (precision IN {_one_of(PRECISIONS)}),
    resolved_against TEXT,       -- ISO day a relative expression was resolved against
    CHECK (lower <= upper)
);
CREATE INDEX dates_source ON dates (source_pk);

CREATE TABLE claims (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN {_one_of(CLAIM_KINDS)}),
    source_pk INTEGER NOT NULL REFERENCES sources (pk) ON DELETE CASCADE,
    span_pk INTEGER REFERENCES spans (pk) ON DELETE SET NULL,
    actor_pk INTEGER REFERENCES actors (pk),     -- speaker, claimant, or who reported an event
    date_pk INTEGER REFERENCES dates (pk) ON DELETE SET NULL,  -- said, as of, happened
    date_lower TEXT,             -- copies of the date's bounds, for ordering without a join
    date_upper TEXT,
    text TEXT NOT NULL,          -- the quoted words, the figure as printed, the event's title
    status TEXT NOT NULL DEFAULT 'unverified' CHECK (status IN {_one_of(_CLAIM_STATUSES_1)}),
    note TEXT
);
CREATE INDEX claims_kind_date ON claims (kind, date_lower, pk);
CREATE INDEX claims_actor_kind_date ON claims (actor_pk, kind, date_lower, pk);
CREATE INDEX claims_date ON claims (date_lower, pk);
CREATE INDEX claims_source ON claims (source_pk, kind);

CREATE TABLE figures (
    claim_pk INTEGER PRIMARY KEY REFERENCES claims (pk) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    bound TEXT NOT NULL CHECK (bound IN {_one_of(BOUND_KINDS)}),
    hedge TEXT,                  -- as printed: "nearly", "as many as", "somewhere between"
    unit TEXT NOT NULL,
    base_pk INTEGER REFERENCES claims (pk) ON DELETE SET NULL,  -- fraction_of: the base figure
    CHECK (low IS NULL OR high IS NULL OR low <= high)
);
CREATE INDEX figures_metric ON figures (metric);

CREATE TABLE events (
    claim_pk INTEGER PRIMARY KEY REFERENCES claims (pk) ON DELETE CASCADE,
    place TEXT
);

CREATE TABLE claim_links (
    from_pk INTEGER NOT NULL REFERENCES claims (pk) ON DELETE CASCADE,
    to_pk INTEGER NOT NULL REFERENCES claims (pk) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN {_one_of(LINK_KINDS)}),
    note TEXT,
    PRIMARY KEY (from_pk, to_pk, kind),
    CHECK (from_pk <> to_pk)
) WITHOUT ROWID;
CREATE INDEX claim_links_to ON claim_links (to_pk);

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content = 'claims', content_rowid = 'pk', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.pk, old.text);
    INSERT INTO claims_fts (rowid, text) VALUES (new.pk, new.text);
END;

CREATE VIRTUAL TABLE sources_fts USING fts5 (
    title, publisher, text, content = 'sources', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
    INSERT INTO sources_fts (rowid, title, publisher, text)
    VALUES (new.pk, new.title, new.publisher, new.text);
END;
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, publisher, text)
    VALUES ('delete', old.pk, old.title, old.publisher, old.text);
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, publisher, text ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, publisher, text)
    VALUES ('delete', old.pk, old.title, old.publisher, old.text);
    INSERT INTO sources_fts (rowid, title, publisher, text)
    VALUES (new.pk, new.title, new.publisher, new.text);
END;
"""

MIGRATION_2 = """
-- A conversion figure says how many `unit` make one `per_unit` (persons per battalion).
ALTER TABLE figures ADD COLUMN per_unit TEXT;
CREATE INDEX figures_per_unit ON figures (per_unit) WHERE per_unit IS NOT NULL;
-- The timeline orders by both bounds: a day before the month that contains it.
DROP INDEX claims_date;
CREATE INDEX claims_date ON claims (date_lower, date_upper, pk);
"""

REVIEW_STATES = ("accepted", "proposed", "rejected")

MIGRATION_3 = f"""
-- Claims proposed by the extractor wait for a person: accepted, rejected, or still proposed.
ALTER TABLE claims ADD COLUMN review TEXT NOT NULL DEFAULT 'accepted'
    CHECK (review IN {_one_of(REVIEW_STATES)});
ALTER TABLE claims ADD COLUMN reviewed_by TEXT;
ALTER TABLE claims ADD COLUMN reviewed_at TEXT;     -- ISO 8601 UTC
ALTER TABLE claims ADD COLUMN confidence REAL;      -- the extractor's attribution confidence, 0..1
CREATE INDEX claims_review ON claims (review, kind, date_lower, pk) WHERE review <> 'accepted';
"""

# Indexes measured at a million claims (bench/benchmark.py): each listing's ORDER BY, with
# and without a speaker, is read from an index in order instead of sorted; the speaker
# counts and the sources' claim counts are answered from covering indexes.
MIGRATION_4 = """
DROP INDEX claims_kind_date;
DROP INDEX claims_actor_kind_date;
DROP INDEX claims_source;
CREATE INDEX claims_actor_date ON claims (actor_pk, date_lower, date_upper, pk);
CREATE INDEX claims_kind_sort ON claims (kind, coalesce(date_lower, '~'), pk);
CREATE INDEX claims_actor_kind_sort ON claims (actor_pk, kind, coalesce(date_lower, '~'), pk);
CREATE INDEX claims_actor_counts ON claims (actor_pk, kind, review);
CREATE INDEX claims_source_counts ON claims (source_pk, kind, review, actor_pk);
CREATE INDEX sources_sort ON sources (coalesce(published_lower, '~'), pk);
"""

HISTORY_ACTIONS = ("accepted", "rejected", "proposed", "edited", "undone")

# Review you can trust: every review action and edit is a row per field changed (the rows of
# one change share its change_id, stable across stores); `version` counts a claim's changes,
# so a change made on a stale read is refused instead of overwriting someone else's.
MIGRATION_5 = f"""
CREATE TABLE claim_history (
    pk INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL,
    claim_pk INTEGER NOT NULL REFERENCES claims (pk) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN {_one_of(HISTORY_ACTIONS)}),
    field TEXT NOT NULL,
    before TEXT,                 -- JSON
    after TEXT,                  -- JSON
    who TEXT NOT NULL,
    at TEXT NOT NULL,            -- ISO 8601 UTC
    undoes TEXT,                 -- the change_id an undo reverts
    UNIQUE (change_id, field)
);
CREATE INDEX claim_history_claim ON claim_history (claim_pk, pk);
CREATE INDEX claim_history_who ON claim_history (who, pk);
CREATE INDEX claim_history_undoes ON claim_history (undoes) WHERE undoes IS NOT NULL;
ALTER TABLE claims ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
"""


def _allow_false_status(conn: sqlite3.Connection) -> None:
    """Let claims.status be "false" too (migration 5).

    A CHECK constraint cannot be altered in place, and rebuilding a million-row table with
    its indexes and full-text triggers is slow and risky; SQLite documents editing the
    table's definition as safe for loosening a constraint ("making other kinds of table
    schema changes", lang_altertable.html). Bumping schema_version makes every connection,
    this one included, read the new definition.
    """
    old, new = _one_of(_CLAIM_STATUSES_1), _one_of(CLAIM_STATUSES)
    cookie = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'claims'",
                     (old, new))
        conn.execute(f"PRAGMA schema_version = {cookie + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


# One story from many articles: figures reference a metric of a vocabulary (subject,
# quantity, unit, parent), and the words for each quantity are data. `figures.metric` stays
# as the metric's name, kept in step by a trigger, so listings group and index by it as before.
MIGRATION_6 = """
CREATE TABLE metrics (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    quantity TEXT NOT NULL,      -- deployed, casualties, killed, wounded, captured, missing, ...
    unit TEXT NOT NULL,
    parent_pk INTEGER REFERENCES metrics (pk) ON DELETE SET NULL   -- killed and wounded: casualties
);
CREATE INDEX metrics_subject ON metrics (subject, quantity);
CREATE TABLE quantity_words (
    phrase TEXT PRIMARY KEY,     -- casefolded words as printed: "killed or injured"
    quantity TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE figures ADD COLUMN metric_pk INTEGER REFERENCES metrics (pk);
CREATE INDEX figures_metric_pk ON figures (metric_pk);
CREATE TRIGGER metrics_rename AFTER UPDATE OF name ON metrics BEGIN
    UPDATE figures SET metric = new.name WHERE metric_pk = new.pk;
END;
"""

# Reporting as it arrives (kursk-tui add): a source is known again by the sha256 of its text,
# a changed text at the same URL is a new version linked to the one before, and a claim whose
# words the new version no longer holds stays on its version, marked orphaned by the new one.
MIGRATION_7 = """
ALTER TABLE sources ADD COLUMN text_sha256 TEXT;
ALTER TABLE sources ADD COLUMN previous_pk INTEGER REFERENCES sources (pk) ON DELETE SET NULL;
CREATE INDEX sources_text_sha256 ON sources (text_sha256);
CREATE INDEX sources_url ON sources (url, pk) WHERE url IS NOT NULL;
CREATE INDEX sources_previous ON sources (previous_pk) WHERE previous_pk IS NOT NULL;
CREATE TABLE claim_orphans (
    claim_pk INTEGER PRIMARY KEY REFERENCES claims (pk) ON DELETE CASCADE,
    version_pk INTEGER NOT NULL REFERENCES sources (pk) ON DELETE CASCADE,  -- the version that lost the words
    reason TEXT NOT NULL         -- "not found", "found 2 times"
);
CREATE INDEX claim_orphans_version ON claim_orphans (version_pk);
"""


# A metric's latest figures by as-of date, for the checks and `kursk-tui figures`, read from an
# index instead of sorting every figure of the metric (21,567 of them at a million claims):
# figures keep a copy of their claim's date_lower, as claims keep their date's bounds.
MIGRATION_10 = """
ALTER TABLE figures ADD COLUMN date_lower TEXT;
UPDATE figures SET date_lower = (SELECT date_lower FROM claims WHERE pk = figures.claim_pk);
CREATE INDEX figures_metric_latest ON figures (metric, date_lower DESC, claim_pk);
CREATE TRIGGER figures_date_insert AFTER INSERT ON figures BEGIN
    UPDATE figures SET date_lower = (SELECT date_lower FROM claims WHERE pk = new.claim_pk)
    WHERE claim_pk = new.claim_pk;
END;
CREATE TRIGGER claims_date_figures AFTER UPDATE OF date_lower ON claims BEGIN
    UPDATE figures SET date_lower = new.date_lower WHERE claim_pk = new.pk;
END;
"""


# Sorts (issue 15.4): every order a listing offers is read from an index in that order, with
# the pk as tie-breaker, so a page costs the same at any depth and in either direction.
# claims_span also gives the widest date span, which bounds a date window's index range.
MIGRATION_11 = """
CREATE INDEX claims_kind_dated ON claims (kind, date_lower, date_upper, pk) WHERE date_lower IS NOT NULL;
CREATE INDEX claims_span ON claims ((julianday(date_upper) - julianday(date_lower)), date_lower, date_upper, pk)
    WHERE date_lower IS NOT NULL;
CREATE INDEX claims_kind_status ON claims (kind, status, coalesce(date_lower, '~'), pk);
CREATE INDEX figures_value ON figures (coalesce(value, low, high), claim_pk);
CREATE INDEX sources_title ON sources (title, pk);
CREATE INDEX sources_publisher ON sources (publisher, pk);
"""


# Sorts by every column shown (issue 15.4). A claim keeps its speaker's name key (actors.name_key,
# casefolded and accent-free) as claims keep their date's bounds, so "by speaker" is read from an
# index in that order; triggers keep the copy when a claim changes speaker (the `c` dialog,
# merge-actors) or an actor is renamed. '' is no speaker: a key is never NULL, as a NULL in the
# keyset's row value would end the paging there. Texts sort by their first 40 characters
# lower-cased (ties by the listing's date order): a bounded index, not a copy of every text.
# The timeline's two hold the kind too, so a walk for figures tests it without reading the claim.
# Titles, publishers and notes sort as '' when missing, for the same reason as speakers. The
# figures' own order (metric, as of) is read from an index on the figures' copy of the date.
MIGRATION_13 = """
ALTER TABLE claims ADD COLUMN actor_key TEXT NOT NULL DEFAULT '';
UPDATE claims SET actor_key = (SELECT name_key FROM actors WHERE pk = claims.actor_pk) WHERE actor_pk IS NOT NULL;
CREATE TRIGGER claims_actor_key_insert AFTER INSERT ON claims WHEN new.actor_pk IS NOT NULL BEGIN
    UPDATE claims SET actor_key = (SELECT name_key FROM actors WHERE pk = new.actor_pk) WHERE pk = new.pk;
END;
CREATE TRIGGER claims_actor_key_update AFTER UPDATE OF actor_pk ON claims BEGIN
    UPDATE claims SET actor_key = coalesce((SELECT name_key FROM actors WHERE pk = new.actor_pk), '')
    WHERE pk = new.pk;
END;
CREATE TRIGGER actors_name_key_claims AFTER UPDATE OF name_key ON actors BEGIN
    UPDATE claims SET actor_key = new.name_key WHERE actor_pk = new.pk;
END;
CREATE INDEX claims_kind_actor_key ON claims (kind, actor_key, coalesce(date_lower, '~'), pk);
CREATE INDEX claims_actor_key_dated ON claims (actor_key, date_lower, date_upper, pk, kind)
    WHERE date_lower IS NOT NULL;
CREATE INDEX claims_kind_text ON claims (kind, lower(substr(text, 1, 40)), coalesce(date_lower, '~'), pk);
CREATE INDEX claims_text_dated ON claims (lower(substr(text, 1, 40)), date_lower, date_upper, pk, kind)
    WHERE date_lower IS NOT NULL;
DROP INDEX sources_title;
DROP INDEX sources_publisher;
CREATE INDEX sources_title ON sources (coalesce(title, ''), pk);
CREATE INDEX sources_publisher ON sources (coalesce(publisher, ''), pk);
CREATE INDEX sources_note ON sources (coalesce(note, ''), pk);
CREATE INDEX figures_metric_date ON figures (metric, coalesce(date_lower, '~'), claim_pk);
"""


# The timeline sorted by the day a relative date was resolved against (issue 15.4): a claim keeps
# a copy of its date's resolved_against, as it keeps the date's bounds, so the order is read from
# an index. '~' is none (an absolute date, or no date): it sorts after every ISO day, so the
# resolved dates come first, and a key is never NULL (a NULL in the keyset's row value would end
# the paging there). Triggers keep the copy when a claim is written or given another date (the
# `c` dialog), or an import rewrites a date's resolved_against; the claims of a date are found by
# their date_pk (an index, which also spares a scan of every claim when a date is deleted).
MIGRATION_14 = """
ALTER TABLE claims ADD COLUMN resolved_key TEXT NOT NULL DEFAULT '~';
UPDATE claims SET resolved_key = coalesce((SELECT resolved_against FROM dates WHERE pk = claims.date_pk), '~')
WHERE date_pk IS NOT NULL;
CREATE TRIGGER claims_resolved_key_insert AFTER INSERT ON claims WHEN new.date_pk IS NOT NULL BEGIN
    UPDATE claims SET resolved_key = coalesce((SELECT resolved_against FROM dates WHERE pk = new.date_pk), '~')
    WHERE pk = new.pk;
END;
CREATE TRIGGER claims_resolved_key_update AFTER UPDATE OF date_pk ON claims BEGIN
    UPDATE claims SET resolved_key = coalesce((SELECT resolved_against FROM dates WHERE pk = new.date_pk), '~')
    WHERE pk = new.pk;
END;
CREATE TRIGGER dates_resolved_against_claims AFTER UPDATE OF resolved_against ON dates
WHEN new.resolved_against IS NOT old.resolved_against BEGIN
    UPDATE claims SET resolved_key = coalesce(new.resolved_against, '~') WHERE date_pk = new.pk;
END;
CREATE INDEX claims_resolved_dated ON claims (resolved_key, date_lower, date_upper, pk, kind)
    WHERE date_lower IS NOT NULL;
CREATE INDEX claims_date_pk ON claims (date_pk);
"""

# Whether a source holds a claim in a date window (the Sources pane walking its sources in
# order) is one seek into its claims by their upper bound, the lower bound and the speaker
# read from the index, rather than a read of every claim of the source (measured at a million
# claims, CPU, sources of a year in publication order: 597 -> 108 ms, with two speakers 488 -> 110).
MIGRATION_15 = """
CREATE INDEX claims_source_dates ON claims (source_pk, date_upper, date_lower, actor_pk);
"""


def _hash_source_texts(conn: sqlite3.Connection) -> None:
    """Fill sources.text_sha256 for the sources already in the store (migration 7)."""
    from db.interchange import text_sha256

    rows = conn.execute("SELECT pk, text FROM sources WHERE text IS NOT NULL").fetchall()
    conn.executemany("UPDATE sources SET text_sha256 = ? WHERE pk = ?", [(text_sha256(text), pk) for pk, text in rows])


def _rekey_names(conn: sqlite3.Connection) -> None:
    """Recompute actors' name keys and aliases' keys: ``text_key`` now folds British
    spellings (migration 8)."""
    from db.names import text_key

    actors = conn.execute("SELECT pk, name FROM actors").fetchall()
    conn.executemany("UPDATE actors SET name_key = ? WHERE pk = ?", [(text_key(name), pk) for pk, name in actors])
    aliases = conn.execute("SELECT actor_pk, alias FROM actor_aliases").fetchall()
    conn.executemany("UPDATE actor_aliases SET alias_key = ? WHERE actor_pk = ? AND alias = ?",
                     [(text_key(alias), actor_pk, alias) for actor_pk, alias in aliases])


# Saved views (db/views.py): a pane and its filters as JSON, by a name the user gives. The view
# the dashboard was left in is no named view: it is the setting `last_view`, so it never shows
# among the saved ones and takes no name from the user.
MIGRATION_9 = """
CREATE TABLE views (
    pk INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    view TEXT NOT NULL CHECK (json_valid(view)),   -- {"pane": ..., "filters": {...}}
    created TEXT NOT NULL,       -- ISO 8601 UTC
    updated TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated TEXT NOT NULL
) WITHOUT ROWID;
"""


Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[tuple[Migration, ...], ...] = (
    (MIGRATION_1,), (MIGRATION_2,), (MIGRATION_3,), (MIGRATION_4,), (MIGRATION_5, _allow_false_status),
    (MIGRATION_6, seed_vocabulary), (MIGRATION_7, _hash_source_texts), (_rekey_names,), (MIGRATION_9,),
    (MIGRATION_10,), (MIGRATION_11,), (add_default_words,), (MIGRATION_13,), (MIGRATION_14,),
    (MIGRATION_15,), (add_default_words,), (add_default_words,), (add_default_words,),
)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(StoreError):
    """The store was written by a newer kursk-tui than this one."""


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the store to SCHEMA_VERSION, one migration per transaction.

    Returns how many migrations ran (0 when the store is current).
    """
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the store is at schema version {current}; this kursk-tui knows up to "
            f"{SCHEMA_VERSION}: upgrade kursk-tui to open it"
        )
    for number in range(current + 1, SCHEMA_VERSION + 1):
        # executescript() would commit on its own; run the statements inside one transaction.
        with transaction(conn):
            for step in MIGRATIONS[number - 1]:
                if callable(step):
                    step(conn)
                    continue
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return SCHEMA_VERSION - current


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers hold inner semicolons)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not pending:
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in migration: {pending.strip()[:60]}")
    return statements

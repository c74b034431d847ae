"""Opening the store: where it lives, creating it, and migrating it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from db.connection import connect
from db.errors import DAMAGED, StoreError, os_problem, store_problem
from db.schema import SCHEMA_VERSION, SchemaTooNew, migrate, schema_version

ENV_VAR = "KURSK_TUI_DB"


def default_db_path() -> Path:
    """``$KURSK_TUI_DB`` if set, else ``kursk.db`` in the platform's user data dir."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    import platformdirs

    return platformdirs.user_data_path("kursk-tui", appauthor=False) / "kursk.db"


def open_store(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a writable store at ``path``, migrated to the current schema.

    A store from an older kursk-tui is copied to ``PATH.vN.bak`` before it is migrated.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path}: cannot make its folder ({os_problem(error)})") from error
    try:
        conn = connect(path)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {store_problem(error)}") from error
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        version = schema_version(conn)
        if 0 < version < SCHEMA_VERSION:
            backup_copy(conn, path.with_name(f"{path.name}.v{version}.bak"))
        migrate(conn)
    except (sqlite3.Error, StoreError) as error:
        conn.close()
        if isinstance(error, StoreError):
            raise
        raise StoreError(f"{path}: {store_problem(error)}") from error
    return conn


def check_intact(conn: sqlite3.Connection, path: Path | str) -> None:
    """Refuse to write to a damaged store. SQLite's quick_check reads every page (seconds on
    a store of a million claims), so it runs before writes, not on every open: a reader
    meets damage as it reads and reports it then."""
    try:
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {store_problem(error)}") from error
    if verdict != "ok":
        raise StoreError(f"{path}: {DAMAGED}")


def backup_copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the store (SQLite's online backup), never over an existing file."""
    if target.exists():
        raise StoreError(f"{target}: a backup is already there; move it away to migrate the store")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()


def is_writable(path: Path) -> bool:
    """Whether this process may write the store file and make its journal files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_read_only(path: Path | str) -> None:
    """Make sure a store can be read as it is, without writing to it (no migration)."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such store")
    try:
        conn = connect(path, readonly=True)
        try:
            version = schema_version(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {store_problem(error)}") from error
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"{path}: the store is at schema version {version}; this kursk-tui "
                           f"knows up to {SCHEMA_VERSION}: upgrade kursk-tui to open it")
    if version < SCHEMA_VERSION:
        raise StoreError(f"{path}: the store is at schema version {version} and needs migrating "
                         f"to {SCHEMA_VERSION}, which a read-only store cannot do")

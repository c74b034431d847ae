"""Opening the store: where it lives, creating it, and migrating it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from db.connection import connect
from db.schema import migrate

ENV_VAR = "KURSK_TUI_DB"


class StoreError(RuntimeError):
    """The file cannot be used as a kursk-tui store (with the reason in words)."""


def default_db_path() -> Path:
    """``$KURSK_TUI_DB`` if set, else ``kursk.db`` in the platform's user data dir."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    import platformdirs

    return platformdirs.user_data_path("kursk-tui", appauthor=False) / "kursk.db"


def open_store(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a writable store at ``path``, migrated to the current schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a usable kursk-tui store ({error})") from error
    return conn

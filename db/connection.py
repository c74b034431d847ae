"""SQLite connections for the store: pragmas, thread use and explicit transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer before "the store is busy"


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a connection usable from a worker thread, in autocommit mode.

    Writes go through ``transaction()``; readers open the file with ``mode=ro``.
    """
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if readonly else "")
    conn = _open(uri)
    if readonly:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL store on read-only media: its shared-memory file cannot be made, so
            # read the file as it stands (changes by other processes are not seen).
            conn.close()
            conn = _open(uri + "&immutable=1")
    return conn


def _open(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may have rolled back already (a full disk fails the COMMIT): the error
        # that matters is the one raised, not the ROLLBACK's.
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query in the block sees the store as the first one did
    (in WAL mode writers go on meanwhile)."""
    conn.execute("BEGIN DEFERRED")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("COMMIT")

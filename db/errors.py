"""The store's user-facing errors: the reason in words, shown as one line."""

from __future__ import annotations

import errno
import sqlite3

BUSY = "the store is busy: another process is writing to it"
DISK_FULL = "disk full"
DAMAGED = "the store is damaged (restore it from a backup, or export what can be read with sqlite3 .recover)"


class StoreError(RuntimeError):
    """The file cannot be used as a kursk-tui store (with the reason in words)."""


def store_problem(error: sqlite3.Error) -> str:
    """What went wrong with the store, in words, without quoting what it holds: SQLite's
    messages for damaged text repeat the stored bytes."""
    name = getattr(error, "sqlite_errorname", None) or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return BUSY
    if name == "SQLITE_FULL" or name.startswith("SQLITE_IOERR") and "full" in str(error):
        return DISK_FULL
    if name.startswith("SQLITE_NOTADB"):
        return "not a usable kursk-tui store (not an SQLite database)"
    if name.startswith("SQLITE_CORRUPT") or str(error).startswith("Could not decode"):
        return DAMAGED
    if name.startswith("SQLITE_READONLY"):
        return "the store cannot be written here (read-only); --read-only reads it"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot open the store file (is its folder there and readable?)"
    if name.startswith("SQLITE_IOERR"):
        return "the store could not be read or written (disk I/O error)"
    return str(error).splitlines()[0] if str(error) else name or type(error).__name__


def os_problem(error: OSError) -> str:
    """An operating-system error in words, "disk full" for a full disk or quota."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    return error.strerror or str(error)

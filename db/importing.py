"""Reading interchange files for ``kursk-tui import``: bytes to documents, with every
failure a one-line message naming the file (and the record and field, once parsed)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from db.interchange import DocumentError, apply_documents

MAX_FILE_BYTES = 256 * 1024 * 1024


class ImportFailed(ValueError):
    """A file could not be imported; the message is one line for the user."""


def read_document(path: Path) -> dict:
    """Parse one interchange file: UTF-8 JSON holding one object."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(f"{path}: {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read it ({error.strerror or error})") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
                           f"{error.start})") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{path}: not JSON ({error.msg} at line {error.lineno}, "
                           f"column {error.colno})") from error
    except RecursionError as error:
        raise ImportFailed(f"{path}: JSON nested too deeply") from error
    if not isinstance(document, dict):
        raise ImportFailed(f"{path}: must hold one JSON object with sources, actors, quotes, "
                           f"figures and events")
    return document


def import_files(conn: sqlite3.Connection, paths: Sequence[Path]) -> dict[str, int]:
    """Validate every file, then apply them all in one transaction (all or nothing)."""
    documents = [read_document(path) for path in paths]
    try:
        return apply_documents(conn, documents, [str(path) for path in paths])
    except DocumentError as error:
        raise ImportFailed(str(error)) from error

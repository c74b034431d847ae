"""Reading interchange files for ``kursk-tui import``: bytes to documents, with every
failure a one-line message naming the file (and the record and field, once parsed)."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from db.files import FileRefused, read_capped
from db.interchange import DocumentError, apply_documents

MAX_FILE_BYTES = 256 * 1024 * 1024


class ImportFailed(ValueError):
    """A file could not be imported; the message is one line for the user."""


class _NotJsonNumber(ValueError):
    """``Infinity``, ``-Infinity`` or ``NaN``: Python's json reads them, JSON has no such numbers."""


def _refuse_constant(name: str) -> float:
    raise _NotJsonNumber(f"{name} is not a number JSON allows")


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (``db.files.read_capped``)."""
    try:
        return read_capped(path, limit)
    except FileRefused as error:
        raise ImportFailed(str(error)) from error


def _read_text(path: Path) -> str:
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
                           f"{error.start})") from error


def read_document(path: Path) -> dict:
    """Parse one interchange file: UTF-8 JSON holding one object."""
    return _parse(_read_text(path), str(path))


def read_documents(path: Path) -> list[tuple[str, dict]]:
    """The documents of one file, each with its name for messages: ``FILE`` for JSON, ``FILE line N`` for
    each non-blank line of a JSON Lines (``.jsonl``) file."""
    if path.suffix.lower() != ".jsonl":
        return [(str(path), read_document(path))]
    documents = []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if line.strip():
            name = f"{path} line {number}"
            documents.append((name, _parse(line, name)))
    return documents


def _parse(text: str, name: str) -> dict:
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{name}: not JSON ({error.msg} at line {error.lineno}, "
                           f"column {error.colno})") from error
    except _NotJsonNumber as error:
        raise ImportFailed(f"{name}: not JSON ({error})") from error
    except ValueError as error:  # an integer beyond Python's int_max_str_digits
        raise ImportFailed(f"{name}: holds a number of more than {sys.get_int_max_str_digits():,} "
                           "digits") from error
    except RecursionError as error:
        raise ImportFailed(f"{name}: JSON nested too deeply") from error
    if not isinstance(document, dict):
        raise ImportFailed(f"{name}: must hold one JSON object with sources, actors, quotes, "
                           f"figures and events")
    return document


def import_files(conn: sqlite3.Connection, paths: Sequence[Path]) -> dict[str, int]:
    """Validate every document of every file, then apply them all in one transaction (all or nothing)."""
    named = [item for path in paths for item in read_documents(path)]
    try:
        return apply_documents(conn, [document for _, document in named], [name for name, _ in named])
    except DocumentError as error:
        raise ImportFailed(str(error)) from error

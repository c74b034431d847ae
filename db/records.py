"""Query results as records: each row a dict keyed by its column names."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


def records(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[dict[str, Any]]:
    """The rows of ``sql`` keyed by column name, so each can fill a dataclass by field name.

    Raises ValueError when two columns share a name (one would hide the other).
    """
    return list(each_record(conn, sql, params))


def each_record(conn: sqlite3.Connection, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
    """``records``, one row at a time as they are read."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    if len(set(names)) != len(names):
        raise ValueError(f"columns named twice in a query's result: {sorted(names)}")
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def source_name(alias: str) -> str:
    """SQL naming a source as a person knows it: its headline, else its publisher, else its
    URL, else the first words of its text; its internal id only when it has none of these."""
    return (f"coalesce({alias}.title, {alias}.publisher, {alias}.url, "
            f"'\u201c' || substr({alias}.text, 1, 40) || '\u2026\u201d', {alias}.id)")

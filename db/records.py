"""Query results as records: each row a dict keyed by its column names."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


def records(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[dict[str, Any]]:
    """The rows of ``sql`` keyed by column name, so each can fill a dataclass by field name.

    Raises ValueError when two columns share a name (one would hide the other).
    """
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    if len(set(names)) != len(names):
        raise ValueError(f"columns named twice in a query's result: {sorted(names)}")
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

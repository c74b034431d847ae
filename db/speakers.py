"""Actors by name: the matching keys and the lookup behind every speaker filter."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from db.names import KnownActor, text_key
from db.records import records

__all__ = ["Actor", "KnownActor", "find_actors", "known_actors", "like_escape", "text_key"]


@dataclass(frozen=True)
class Actor:
    pk: int
    id: str
    name: str
    kind: str
    role: str | None


def like_escape(text: str) -> str:
    """``text`` for a LIKE pattern with ESCAPE '\\': its %, _ and \\ taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_actors(conn: sqlite3.Connection, name: str) -> list[Actor]:
    """Actors whose name or an alias matches ``name``, case- and accent-insensitively.

    An exact name or alias wins; failing that, every actor with a name or alias that
    contains the words is returned (so "andriy" finds both Andriys).
    """
    key = text_key(name)
    if not key:
        return []
    select = "SELECT pk, id, name, kind, role FROM actors WHERE pk IN ({}) ORDER BY name, pk"
    exact = """SELECT pk FROM actors WHERE name_key = :key
               UNION SELECT actor_pk FROM actor_aliases WHERE alias_key = :key"""
    rows = records(conn, select.format(exact), {"key": key})
    if not rows:
        contains = """SELECT pk FROM actors WHERE name_key LIKE :pattern ESCAPE '\\'
                      UNION SELECT actor_pk FROM actor_aliases WHERE alias_key LIKE :pattern ESCAPE '\\'"""
        pattern = f"%{like_escape(key)}%"
        rows = records(conn, select.format(contains), {"pattern": pattern})
    return [Actor(**row) for row in rows]


def known_actors(conn: sqlite3.Connection) -> list[KnownActor]:
    """Every actor of a store with its aliases: what the extractor matches speakers against."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    aliases: dict[int, list[str]] = {}
    for row in cursor.execute("SELECT actor_pk, alias FROM actor_aliases ORDER BY alias").fetchall():
        aliases.setdefault(row["actor_pk"], []).append(row["alias"])
    rows = cursor.execute("SELECT pk, id, name, kind, role FROM actors ORDER BY id").fetchall()
    return [KnownActor(row["id"], row["name"], row["kind"], tuple(aliases.get(row["pk"], ())), role=row["role"])
            for row in rows]

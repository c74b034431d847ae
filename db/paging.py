"""Keyset paging over a read-only connection shared by worker threads.

Every listing is ordered by a tuple of SQL expressions ending in a unique pk, and is read
a page at a time after (or before) the key of a row already shown, so a page costs the
same at any depth. Nothing here loads a whole table.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from db.connection import connect
from db.records import Params, records

PAGE_SIZE = 100
COMMON_MATCHES = 2000  # search words or speakers with this many claims are "common": walk the listing's index
# SQLite VM steps between two looks at a read's stop condition: about 2 ms of a search's count
# at a million claims, and no cost measured beside the noise (the look takes the GIL).
STOP_CHECK_STEPS = 10_000
T = TypeVar("T")
_stop = threading.local()


@contextmanager
def stopping_when(stop: Callable[[], bool]) -> Iterator[None]:
    """Within the block, a ``Reader``'s reads in this thread give up (sqlite3.OperationalError,
    "interrupted") once ``stop()`` is true: an answer nobody waits for any more frees the
    connection, and the core, for the one that is now wanted. Blocks nest: either condition stops."""
    outer = getattr(_stop, "check", None)
    _stop.check = stop if outer is None else lambda: stop() or outer()
    try:
        yield
    finally:
        _stop.check = outer


@dataclass
class TimeBudget:
    """The CPU time a thread's reads may still take, looked at every STOP_CHECK_STEPS steps."""

    until: float  # the thread's CPU clock (time.thread_time) at which the reads give up
    spent: bool = False

    def look(self) -> bool:
        self.spent = time.thread_time() > self.until
        return self.spent


@contextmanager
def within_cpu_time(seconds: float) -> Iterator[TimeBudget]:
    """Reads in the block give up as ``stopping_when``'s do once this thread has spent
    ``seconds`` of CPU time in it; the budget says whether that is why they gave up. (CPU time,
    not steps: building a common word's matches takes many quick steps.)"""
    budget = TimeBudget(time.thread_time() + seconds)
    with stopping_when(budget.look):
        yield budget


# The claims_span index holds each dated claim by the width of its date in days (a few distinct
# widths: a day, a month, a season, a year...): the recursive part walks them, one seek each, and
# for each width the first claim reaching ``since`` starts no earlier than ``since`` less that
# width (a day more, for the integer cast). Exact, where ``since`` less the widest width took
# in a year of claims for a month's window (measured at a million claims, CPU, quotes of
# "last month": 790 -> 54 ms).
SPAN = "julianday(date_upper) - julianday(date_lower)"
EARLIEST_REACHING = f"""
    WITH RECURSIVE widths(days) AS (
        SELECT min({SPAN}) FROM claims WHERE date_lower IS NOT NULL
        UNION ALL
        SELECT (SELECT min({SPAN}) FROM claims WHERE date_lower IS NOT NULL AND {SPAN} > widths.days)
        FROM widths WHERE days IS NOT NULL)
    SELECT min((SELECT min(date_lower) FROM claims
                WHERE date_lower IS NOT NULL AND {SPAN} = widths.days AND date_upper >= :since
                  AND date_lower >= coalesce(date(:since, '-' || (CAST(widths.days AS INTEGER) + 1) || ' days'), '')))
    FROM widths WHERE days IS NOT NULL"""


class Reader:
    """A read-only connection shared by worker threads, one statement at a time."""

    def __init__(self, path: Path | str | None = None, *, conn: sqlite3.Connection | None = None):
        """A new read-only connection to the store at ``path``, or reads on ``conn`` (a command's
        own connection, in the transaction it is in)."""
        if conn is None:
            if path is None:
                raise ValueError("a Reader needs a path or a connection")
            conn = connect(path, readonly=True)
        self.conn = conn
        self.lock = threading.Lock()

    @contextmanager
    def _holding(self) -> Iterator[sqlite3.Connection]:
        """The connection, this thread's alone for the block; its reads stop when the thread's
        ``stopping_when`` condition holds."""
        with self.lock:
            stop = getattr(_stop, "check", None)
            if stop is None:
                yield self.conn
                return
            self.conn.set_progress_handler(stop, STOP_CHECK_STEPS)
            try:
                yield self.conn
            finally:
                self.conn.set_progress_handler(None, 0)

    def rows(self, sql: str, params: Params = ()) -> list[tuple]:
        with self._holding() as conn:
            return conn.execute(sql, params).fetchall()

    def records(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """The rows keyed by column name (see ``db.records.records``)."""
        with self._holding() as conn:
            return records(conn, sql, params)

    def scalar(self, sql: str, params: Params = ()) -> Any:
        """The one value a one-row, one-column query returns."""
        ((value,),) = self.rows(sql, params)
        return value

    def common(self, sql: str, params: Params = (), at_least: int | None = None) -> bool:
        """Whether the query yields at least ``at_least`` rows (COMMON_MATCHES unless given);
        it reads no more than that."""
        enough = COMMON_MATCHES if at_least is None else at_least
        return self.scalar(f"SELECT count(*) FROM ({sql} LIMIT {enough})", params) >= enough

    def prolific(self, speaker_pks: Sequence[int], kind: str | None) -> bool:
        """Whether these speakers have so many claims of a kind (None: of any) that a listing
        should walk its own index and keep theirs, rather than read all of theirs and sort them."""
        marks = ",".join("?" * len(speaker_pks))
        of_kind = "" if kind is None else " AND kind = ?"
        return self.common(f"SELECT 1 FROM claims WHERE actor_pk IN ({marks}){of_kind}",
                           [*speaker_pks, *([] if kind is None else [kind])])

    def earliest(self, since: str) -> str:
        """The least lower bound of a claim dated on or after ``since`` (by its upper bound):
        an index on the lower bound finds them all from there. ``since`` when no claim reaches it."""
        found = self.scalar(EARLIEST_REACHING, {"since": since})
        return since if found is None else found

    def data_version(self) -> int:
        """Changes when another connection commits to the store."""
        return self.scalar("PRAGMA data_version")

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``function(conn, *args, **kwargs)`` while holding the connection."""
        with self._holding() as conn:
            return function(conn, *args, **kwargs)

    def close(self) -> None:
        with self.lock:
            self.conn.close()


@dataclass(frozen=True)
class Listing:
    """A paged query from its parts. Each column is ``expression AS name``, the name of the
    row field it fills; ``order`` ends in a unique pk; ``where`` holds the clauses every
    page of the listing has (filters and the key test are added per page)."""

    columns: tuple[str, ...]
    tables: str
    order: tuple[str, ...]
    where: tuple[str, ...] = ()
    common_table: str = ""  # "name AS (...)", for a WITH clause before the SELECT
    # The tables the order and the clauses read, when fewer than ``tables``: what the walk of an
    # index joins for each row it tests (a join it need not make is a row read per row walked).
    key_tables: str = ""
    # Other orders the listing offers, by sort key (``Filters.sort``); each ends in the pk
    # and has an index of its own (see migration 11), so every one is read in order.
    sorts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort_where: dict[str, tuple[str, ...]] = field(default_factory=dict)  # clauses that let a sort's index be sought
    speaker_index: bool = False  # one speaker's claims are indexed in the own order (actor_pk first)
    metric_column: str | None = None  # the figure's metric, when the listing joins figures itself

    def sorted_by(self, sort: str) -> Listing:
        """The listing in the order ``sort`` names; its own order for a key it does not offer."""
        if sort not in self.sorts:
            return self
        return replace(self, order=self.sorts[sort], where=self.where + self.sort_where.get(sort, ()),
                       speaker_index=False)


def count_rows(reader: Reader, table: str, clauses: Sequence[str], params: Sequence[Any]) -> int:
    """How many rows of ``table`` meet every one of ``clauses`` (bound by ``params``)."""
    return reader.scalar(f"SELECT count(*) FROM {table} WHERE {' AND '.join(clauses) or '1'}", params)


KEY_COLUMN = "key_{}"


def fetch_page(reader: Reader, listing: Listing, clauses: Sequence[str], params: Sequence[Any], *,
               after: tuple | None = None, before: tuple | None = None, last: bool = False,
               inclusive: bool = False, descending: bool = False, sort_matches: bool = False,
               first_key_sought: bool = False, limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """One page of ``listing``: the first, the one after/before a key (or from it, when
    ``inclusive``), or the last; in its order, or the reverse when ``descending`` (after
    and before then follow the order shown). ``sort_matches`` keeps SQLite from reading the
    listing's index for its order or its key (a ``+`` on each term), so it reads the few rows
    a rare criterion's index finds and sorts them. ``first_key_sought``: the clauses seek the
    first order term's few values (an IN list), so the keyset comparison only tests it (SQLite
    would otherwise read every key after it; measured at a million claims, CPU, the next page of
    two speakers' quotes over a year by speaker: 142 -> ms). ``params`` bind the common table, the columns
    and then ``clauses``, in that order. Each row maps its column names to values, and
    ``key`` to its ordering values (what ``after`` and ``before`` take).

    When SQLite sorts the matches, it sorts their keys alone, not the whole joined rows
    (measured at a million claims, the Figures pane over a year: 2.2 -> 1.5 s)."""
    where, params = [*listing.where, *clauses], list(params)
    order = [f"+({term})" for term in listing.order] if sort_matches else list(listing.order)
    start = before if before is not None else after
    if start is not None:
        operator = ("<" if (before is not None) != descending else ">") + ("=" if inclusive else "")
        compared = [f"+({order[0]})", *order[1:]] if first_key_sought and not sort_matches else order
        where.append(f"({', '.join(compared)}) {operator} ({', '.join('?' * len(order))})")
        params += start
    backwards = before is not None or last
    direction = " DESC" if backwards != descending else ""
    key_names = [KEY_COLUMN.format(index) for index in range(len(listing.order))]
    keys = [f"{expression} AS {name}" for expression, name in zip(listing.order, key_names, strict=True)]
    # Keys first: the order terms of the matches in an inner query (what SQLite sorts, when
    # it sorts), then the listing's columns joined for the page's rows alone, by their pk
    # (the last key); CROSS JOIN keeps that order.
    page_keys = [f"page.{name}" for name in key_names]
    key_tables = listing.key_tables or listing.tables
    sql = (f"{f'WITH {listing.common_table} ' if listing.common_table else ''}"
           f"SELECT {', '.join([f'{key} AS {name}' for key, name in zip(page_keys, key_names, strict=True)])}, "
           f"{', '.join(listing.columns)} "
           f"FROM (SELECT {', '.join(keys)} FROM {key_tables} WHERE {' AND '.join(where) or '1'} "
           f"ORDER BY {', '.join(term + direction for term in order)} LIMIT ?) AS page "
           f"CROSS JOIN {listing.tables} WHERE {listing.order[-1]} = {page_keys[-1]} "
           f"ORDER BY {', '.join(key + direction for key in page_keys)}")
    rows = reader.records(sql, params + [limit])
    for row in rows:
        row["key"] = tuple(row.pop(name) for name in key_names)
    return rows[::-1] if backwards else rows

"""Time every listing's pages under each sort and filter on a store: the first page (what
Enter shows) and the next (a page turn), ascending and descending, with each page query's
plan flagged when it scans a table or sorts in a temporary b-tree. Times are CPU milliseconds
of this process (SQLite runs in it), so other work on the machine does not count.

    .venv/bin/python bench/sorts.py STORE.db [--reps 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import queries  # noqa: E402
from db.paging import Reader  # noqa: E402
from db.queries import Filters  # noqa: E402
from db.selection import day_bounds, matching_metrics, matching_sources  # noqa: E402

LISTINGS = {"timeline": queries.TIMELINE, "quotes": queries.QUOTES, "figures": queries.FIGURES,
            "sources": queries.SOURCES}


class TracedReader(Reader):
    """A Reader that keeps the last page query it ran, to explain its plan."""

    last: tuple[str, Any] = ("", ())

    def records(self, sql, params=()):
        self.last = (sql, params)
        return super().records(sql, params)


# The outer query of every page reads the page's keys and sorts them: at most a page of rows.
PAGE_STEPS = ("SCAN page", "USE TEMP B-TREE FOR ORDER BY")


def plan_flags(reader: TracedReader) -> str:
    sql, params = reader.last
    steps = reader.rows(f"EXPLAIN QUERY PLAN {sql}", params)
    flags = [detail for _, parent, _, detail in steps
             if (detail.startswith("SCAN") and "INDEX" not in detail or "TEMP B-TREE" in detail)
             and not (parent == 0 and detail in PAGE_STEPS)]
    return "; ".join(flags)


def timed(page, reader: Reader, filters: Filters, **where: Any) -> tuple[float, Any]:
    start = time.process_time()
    rows = page(reader, filters, **where)
    return (time.process_time() - start) * 1000, rows


def cases(reader: Reader) -> dict[str, Filters]:
    """Each filter alone and a few together, as a user would set them."""
    (first, second), = [tuple(pk for (pk,) in reader.rows(
        "SELECT actor_pk FROM claims WHERE actor_pk IS NOT NULL GROUP BY actor_pk ORDER BY count(*) DESC LIMIT 2"))]
    quiet = reader.rows("SELECT pk FROM actors ORDER BY pk DESC LIMIT 3")
    (latest,), = reader.rows("SELECT max(date_lower) FROM claims")
    today = date.fromisoformat(latest)

    def window(words: str) -> dict[str, str]:
        lower, upper = day_bounds(words, today)
        return {"since": lower.isoformat(), "until": upper.isoformat(), "date_label": words}

    common_metric = reader.call(matching_metrics, "deployed")
    rare_metric = (reader.rows("SELECT metric FROM figures GROUP BY metric ORDER BY count(*) LIMIT 1")[0][0],)
    (busy_publisher,), = reader.rows("SELECT publisher FROM sources GROUP BY publisher ORDER BY count(*) DESC LIMIT 1")
    publisher = reader.call(matching_sources, busy_publisher)
    one_source = (reader.scalar("SELECT source_pk FROM claims GROUP BY source_pk ORDER BY count(*) DESC LIMIT 1"),)
    return {
        "no filter": Filters(),
        "two busiest speakers": Filters(speaker_pks=(first, second)),
        "three quiet speakers": Filters(speaker_pks=tuple(pk for (pk,) in quiet)),
        "metric 'deployed'": Filters(metrics=common_metric),
        "rarest metric": Filters(metrics=rare_metric),
        f"a publisher's {len(publisher)} sources": Filters(source_pks=publisher),
        "one source": Filters(source_pks=one_source),
        "last month": Filters(**window("last month")),
        "a year": Filters(**window(str(today.year - 1))),
        "since last month": Filters(since=window("last month")["since"]),
        "until a year ago": Filters(until=window("a year ago")["until"]),
        "2 speakers + year": Filters(speaker_pks=(first, second), **window(str(today.year - 1))),
        "metric + last month": Filters(metrics=common_metric, **window("last month")),
        "search 'deployed'": Filters(search="deployed"),  # a word naming a metric (and in texts)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sorts-only", action="store_true", help="every sort unfiltered, no filter cases")
    args = parser.parse_args()
    reader = TracedReader(args.store)
    try:
        runs: list[tuple[str, str, Filters]] = []
        for listing, spec in LISTINGS.items():
            for sort in ("", *spec.sorts):
                for descending in (False, True):
                    runs.append((listing, "no filter", Filters(sort=sort, descending=descending)))
        if not args.sorts_only:
            for name, filters in cases(reader).items():
                for listing, spec in LISTINGS.items():
                    for sort in ("", *spec.sorts):
                        runs.append((listing, name, replace(filters, sort=sort)))
        print(f"{'listing':<9} {'filters':<26} {'sort':<12} {'first ms':>8} {'next ms':>8} {'rows':>5}  plan")
        for listing, name, filters in runs:
            page = getattr(queries, f"{listing}_page")
            first_times, next_times, rows, flags = [], [], [], ""
            for _ in range(args.reps):
                elapsed, rows = timed(page, reader, filters)
                first_times.append(elapsed)
                flags = flags or plan_flags(reader)
                if rows:
                    elapsed, _ = timed(page, reader, filters, after=rows[-1].key)
                    next_times.append(elapsed)
            sort = (filters.sort or "own") + (" desc" if filters.descending else "")
            following = f"{statistics.median(next_times):8.1f}" if next_times else f"{'-':>8}"
            print(f"{listing:<9} {name:<26} {sort:<12} {statistics.median(first_times):8.1f} {following} "
                  f"{len(rows):>5}  {flags}", flush=True)
    finally:
        reader.close()


if __name__ == "__main__":
    main()

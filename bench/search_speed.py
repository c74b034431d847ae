"""Time the dashboard's search (db.search) on a store: resolving the words against actors,
metrics and sources, then the first page of each pane and its row count, for a rare word,
a common one, a speaker's name, a metric word, a publisher and words combined. The first
resolve of each search is cold but for the names (read once a store version, timed first).

    .venv/bin/python bench/search_speed.py STORE.db [--plans]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import queries  # noqa: E402
from db.paging import Reader  # noqa: E402
from db.queries import Filters  # noqa: E402
from db.search import resolve  # noqa: E402

PANES = ("timeline", "quotes", "figures", "sources")


class Recording(Reader):
    """A reader that keeps the last statement it ran, to show its plan."""

    last: tuple[str, list] | None = None

    def records(self, sql, params=()):
        self.last = (sql, list(params))
        return super().records(sql, params)


def searches(reader: Reader) -> dict[str, str]:
    """What to search for, taken from the store: its busiest speaker's surname, a rare
    village name, a metric word and a publisher's word, with synth's common word."""
    (busiest,) = reader.rows("SELECT a.name FROM actors a JOIN (SELECT actor_pk FROM claims GROUP BY actor_pk "
                             "ORDER BY count(*) DESC LIMIT 1) top ON top.actor_pk = a.pk")[0]
    (publisher,) = reader.rows("SELECT publisher FROM sources WHERE publisher IS NOT NULL LIMIT 1")[0]
    return {"rare word": "Berdin", "common word": "troops", "speaker name": busiest.split()[-1],
            "metric word": "casualties", "publisher": publisher.split()[-1], "two words": "korean casualties",
            "speaker + common word": f"{busiest.split()[-1]} troops", "nothing": "zzqxv"}


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--plans", action="store_true", help="print each first page's query plan")
    args = parser.parse_args()
    print(f"{'search':<36} {'resolve':>8} {'pane':<9} {'page':>8} {'count':>8} {'rows':>9}")
    probe = Reader(args.store)
    wanted = searches(probe)
    names_ms, _ = timed(resolve, probe, "warm")
    probe.close()
    print(f"actors, aliases and metrics read (once a store version, with a first word): {names_ms:.1f} ms")
    for label, words in wanted.items():
        reader = Recording(args.store)  # a new reader: the words are resolved cold
        try:
            resolve(reader, "warm")  # actors, aliases and metrics are read once a store version
            resolve_ms, _ = timed(resolve, reader, words)
            for pane in PANES:
                filters = Filters(search=words)
                page_ms, _ = timed(getattr(queries, f"{pane}_page"), reader, filters)
                plan_of = reader.last
                count_ms, total = timed(getattr(queries, f"{pane}_count"), reader, filters)
                print(f"{label + ' ' + repr(words):<36} {resolve_ms:8.1f} {pane:<9} {page_ms:8.1f} "
                      f"{count_ms:8.1f} {total:9,}")
                if args.plans and plan_of is not None:
                    sql, params = plan_of
                    for row in reader.rows(f"EXPLAIN QUERY PLAN {sql}", params):
                        print("        ", row[-1])
        finally:
            reader.close()

if __name__ == "__main__":
    main()

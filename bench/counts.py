"""Time the status line's row counts (db.queries.*_count) on a store, for every listing
under each kind of filter. The dashboard runs them after the first page is on screen.

    .venv/bin/python bench/counts.py STORE.db
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

LISTINGS = ("timeline", "quotes", "figures", "sources")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--common-word", default="troops", help="a word many claims hold")
    args = parser.parse_args()
    reader = Reader(args.store)
    try:
        ((busiest,),) = reader.rows("SELECT actor_pk FROM claims WHERE actor_pk IS NOT NULL "
                                    "GROUP BY actor_pk ORDER BY count(*) DESC LIMIT 1")
        cases = {"no filter": Filters(), "busiest speaker": Filters(speaker_pks=(busiest,)),
                 "proposals only": Filters(proposals_only=True), "rejected shown": Filters(show_rejected=True),
                 f"search {args.common_word}": Filters(search=args.common_word),
                 "search rare word": Filters(search="zzqxv")}
        print(f"{'filters':<20} {'listing':<9} {'rows':>10}  {'ms':>7}")
        for name, filters in cases.items():
            for listing in LISTINGS:
                count = getattr(queries, f"{listing}_count")
                start = time.perf_counter()
                rows = count(reader, filters)
                print(f"{name:<20} {listing:<9} {rows:>10,}  {(time.perf_counter() - start) * 1000:7.1f}")
    finally:
        reader.close()


if __name__ == "__main__":
    main()

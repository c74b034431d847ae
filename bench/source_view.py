"""CPU time of the source view on long sources: opening one, finding a word, and n pressed 20 times.

Run from the worktree root: .venv/bin/python bench/source_view.py [--sizes 200000,1000000] [--presses 20]
Each size gets a store of its own (under a temporary directory) holding one source of that many
characters, with a quote span every few paragraphs; the app runs in-process (``App.run_test``)
at 120x40. CPU seconds of this process (the app's worker threads included) and its peak RSS are
printed (and the resident memory the open view adds: VmRSS read before opening and after
the presses), never asserted. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import tempfile
import time
from pathlib import Path

from db.interchange import apply_document
from db.store import open_store
from tui.app import KurskApp
from tui.source_screen import SourceScreen

PARAGRAPH = ("Officials in Kyiv said on Tuesday that the brigade had held its positions near the "
             "border through the night, while a spokesman in Moscow described the fighting in "
             "Kursk as contained. Neither account could be checked independently.")
QUOTE = "the line has held"


def long_text(size: int) -> tuple[str, list[int]]:
    """About ``size`` characters of paragraphs, and where each quoted phrase starts."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    while length < size:
        paragraph = PARAGRAPH
        if len(parts) % 7 == 0:
            starts.append(length + len(paragraph) + 2)
            paragraph += f' "{QUOTE}," one officer said.'
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size], [start for start in starts if start + len(QUOTE) <= size]


def build_store(path: Path, size: int) -> None:
    text, starts = long_text(size)
    conn = open_store(path)
    apply_document(conn, {
        "sources": [{"id": "long", "title": "A long report", "publisher": "Bench", "published": "2025-01-01",
                     "text": text}],
        "actors": [{"id": "officer", "name": "An officer", "kind": "person"}],
        "quotes": [{"id": f"q{n}", "speaker": "officer", "text": QUOTE, "source": "long", "said": "2025-01-01",
                    "span": {"start": start, "end": start + len(QUOTE), "exact": QUOTE}}
                   for n, start in enumerate(starts[:500])],
        "figures": [], "events": [],
    })
    conn.close()


async def settle(pilot) -> None:
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return


def resident_mb() -> float:
    """This process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def measure(path: Path, presses: int) -> dict[str, float]:
    app = KurskApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        gc.collect()
        resident = resident_mb()
        started = time.process_time()
        await pilot.press("enter")
        await settle(pilot)
        opened = time.process_time()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("slash", *"kursk", "enter")
        await settle(pilot)
        found = time.process_time()
        for _ in range(presses):
            await pilot.press("n")
        await pilot.pause()
        pressed = time.process_time()
        matches = len(app.screen.matches)
        gc.collect()
        added = resident_mb() - resident
    return {"open": opened - started, "find": found - opened, "n": pressed - found, "matches": matches,
            "added": added}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200000,1000000")
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for size in (int(size) for size in args.sizes.split(",")):
            path = Path(directory) / f"source-{size}.db"
            build_store(path, size)
            result = asyncio.run(measure(path, args.presses))
            print(f"{size:>10,} chars: open {result['open']:.2f} s, find 'kursk' {result['find']:.2f} s "
                  f"({result['matches']:,} matches), n x{args.presses} {result['n']:.2f} s (CPU); "
                  f"the open view adds {result['added']:.0f} MB resident")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Pages per second for extract.reading on the saved-page fixtures, and the cost of importing it.

Run from the worktree root: .venv/bin/python bench/reading_speed.py [--reads 200]
Not a test: numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import sys
import time
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pages"


def import_seconds(module: str) -> float:
    """Cumulative import time of ``module`` in a fresh interpreter, from -X importtime."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                               capture_output=True, text=True, check=True)
    line = completed.stderr.strip().splitlines()[-1]
    match = re.search(r"\|\s*(\d+)\s*\|\s*" + re.escape(module) + r"$", line)
    assert match, line
    return int(match[1]) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    from extract.reading import read_article

    pages = sorted(PAGES.glob("*.html"))
    started = time.perf_counter()
    read_article(pages[0], require_published=False)  # the first read pays trafilatura's import
    first = time.perf_counter() - started
    started = time.perf_counter()
    for page in itertools.islice(itertools.cycle(pages), args.reads):
        read_article(page, require_published=False)
    elapsed = time.perf_counter() - started
    print(f"first read (imports trafilatura): {first:.2f} s")
    print(f"{args.reads} reads of {len(pages)} pages: {elapsed:.2f} s, {args.reads / elapsed:.0f} pages/s")
    for module in ("extract.reading", "trafilatura"):
        print(f"import {module}: {min(import_seconds(module) for _ in range(5)) * 1000:.0f} ms (best of 5)")


if __name__ == "__main__":
    main()

"""The extractor on hostile shapes of text: time and peak memory per shape.

    .venv/bin/python bench/extract_pathological.py [--size 1000000] [--timeout 60] [--shapes dots,digits]

Each shape is built to ``--size`` characters (the long line to five times that) and
extracted in a child process of its own, so that a shape that hangs is stopped at
``--timeout`` seconds and each peak RSS (VmHWM) is that shape's alone. Prints a
Markdown table: shape, size, seconds, seconds per MB, CPU seconds per MB (the child's own
time: on a loaded machine the wall clock also counts the time it waited), peak RSS, the
child's RSS before extracting (interpreter, imports and the text), and what was proposed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "articles" / "wire-fuel-depot.txt"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _article(size: int) -> str:
    text = ARTICLE.read_text(encoding="utf-8").strip() + "\n\n"
    return _repeat(text, size)


def _one_line(size: int) -> str:
    return _repeat(" ".join(ARTICLE.read_text(encoding="utf-8").split()) + " ", size * 5)


SHAPES: dict[str, Callable[[int], str]] = {
    "dots": lambda size: _repeat(".", size),
    "bangs": lambda size: _repeat("!", size),
    "questions": lambda size: _repeat("?", size),
    "ellipses in words": lambda size: _repeat("word... ", size),
    "straight quotes": lambda size: _repeat('"', size),
    "curly opening quotes": lambda size: _repeat("\u201c", size),
    "curly unbalanced": lambda size: _repeat("\u201cA \u201d\u201d ", size),
    "quoted words": lambda size: _repeat('"Yes," he said. ', size),
    "digits": lambda size: _repeat("1", size),
    "'1 ' repeated": lambda size: _repeat("1 ", size),
    "digits with commas": lambda size: _repeat("1,000 ", size),
    "brackets": lambda size: _repeat("([", size),
    "capitalised words": lambda size: _repeat("Ivan ", size),
    "one line (5x size)": _one_line,
    "article repeated": _article,
}


def _peak_rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_child(shape: str, size: int) -> None:
    """Build one shape, extract it, print what it cost as JSON."""
    import datetime

    from extract import extract_article

    text = SHAPES[shape](size)
    before = _peak_rss_kib()
    started, cpu_started = time.perf_counter(), time.process_time()
    document = extract_article(text, published=datetime.date(2025, 1, 5), publisher="Bench")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(json.dumps({"chars": len(text), "seconds": seconds, "cpu": cpu, "rss_before_kib": before,
                      "peak_kib": _peak_rss_kib(),
                      "quotes": len(document["quotes"]), "figures": len(document["figures"]),
                      "dates": len(document["dates"])}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per shape (default 1,000,000)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a shape is stopped")
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], int(args.child[1]))
        return
    shapes = args.shapes.split(",") if args.shapes else list(SHAPES)
    unknown = [shape for shape in shapes if shape not in SHAPES]
    if unknown:
        parser.error(f"no shape named {', '.join(map(repr, unknown))}; the shapes: {', '.join(SHAPES)}")
    print("| shape | chars | seconds | s/MB | CPU s/MB | peak RSS MB | RSS before MB | quotes/figures/dates |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for shape in shapes:
        command = [sys.executable, __file__, "--child", shape, str(args.size)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, cwd=ROOT, check=True)
        except subprocess.TimeoutExpired:
            print(f"| {shape} | {args.size:,} | > {args.timeout:.0f} (stopped) | | | | | |", flush=True)
            continue
        except subprocess.CalledProcessError as error:
            reason = error.stderr.strip().splitlines()[-1]
            print(f"| {shape} | {args.size:,} | failed: {reason} | | | | | |", flush=True)
            continue
        result = json.loads(done.stdout)
        megabytes = result["chars"] / 1e6
        print(f"| {shape} | {result['chars']:,} | {result['seconds']:.2f} | {result['seconds'] / megabytes:.2f} | "
              f"{result['cpu'] / megabytes:.2f} | "
              f"{result['peak_kib'] / 1024:.0f} | {result['rss_before_kib'] / 1024:.0f} | "
              f"{result['quotes']}/{result['figures']}/{result['dates']} |", flush=True)


if __name__ == "__main__":
    main()

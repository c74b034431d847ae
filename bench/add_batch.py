"""Articles per second for ``kursk-tui add`` on a batch of generated articles, serial vs parallel.

Run from the worktree root: .venv/bin/python bench/add_batch.py [--articles 1000] [--out /tmp/kursk-add-bench]

It writes ``--articles`` articles of about 5 kB (text files with a header block, one in five a
saved web page), then for each job count (1, then the cores) adds the whole folder to a new
empty store in a fresh process and reports wall time, articles per second, and peak memory:
``resource.getrusage`` of that process (reading, extracting when serial, writing) and of its
children (the largest worker). Finally it times ``add --dry-run --format jsonl`` and one
``import`` of the JSON Lines file. Not a test: numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ("Marta", "Oleh", "Ingrid", "Tomas", "Daria", "Pavel", "Helena", "Jonas", "Kateryna", "Viktor")
LAST = ("Halvorsen", "Melnyk", "Brandt", "Kowalski", "Sorensen", "Petrenko", "Lindqvist", "Novak", "Varga")
ROLES = ("a regional governor", "the army spokesman", "a deputy defence minister", "the mayor",
         "a senior aid official", "the head of the border guard")
PLACES = ("Sumy", "Kharkiv", "Kherson", "Zaporizhzhia", "Dnipro", "Chernihiv", "Odesa", "Poltava")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June")
HEDGES = ("about", "more than", "nearly", "as many as", "at least", "roughly")
NOUNS = ("civilians", "soldiers", "families", "drones", "missiles", "homes", "volunteers")
PUBLISHERS = ("Riverside Courier", "Baltic Wire", "Northvale Evening Post", "The Meridian Ledger")


def paragraph(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, day, month = rng.choice(PLACES), rng.choice(DAYS), rng.choice(MONTHS)
    number = f"{rng.randrange(2, 60) * 50:,}"
    forms = (
        f"\u201cWe counted {rng.choice(HEDGES)} {number} {rng.choice(NOUNS)} in {place} since {day},\u201d said "
        f"{name}, {rng.choice(ROLES)}. \u201cThe situation on the ground changes every hour, and we cannot "
        f"promise anything before the end of the week.\u201d",
        f"Officials in {place} said on {day} that {rng.choice(HEDGES)} {number} {rng.choice(NOUNS)} had been "
        f"moved away from the front line since early {month}, a figure that could not be independently verified.",
        f"{name}, {rng.choice(ROLES)}, told reporters in {place} that the convoy had been delayed by shelling. "
        f"\u201cWe will try again tomorrow, and the day after that if we must,\u201d {name.split()[1]} said.",
        f"According to {name}, between {rng.randrange(2, 9)},000 and {rng.randrange(10, 20)},000 people remained "
        f"in the district in late {month}, down from {number} a year earlier.",
    )
    return rng.choice(forms)


def article(rng: random.Random, index: int) -> tuple[str, str]:
    """(file name, content) of one generated article of about 5 kB."""
    publisher = rng.choice(PUBLISHERS)
    day = f"2025-{rng.randrange(1, 7):02d}-{rng.randrange(1, 29):02d}"
    title = f"Convoy reaches {rng.choice(PLACES)} after {rng.choice(DAYS)} delay ({index})"
    url = f"https://news.example/{index}"
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < 4800:
        paragraphs.append(paragraph(rng))
    if index % 5 == 4:
        body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
        page = (f"<!doctype html><html><head><title>{title}</title>"
                f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="{publisher}">'
                f'<meta property="article:published_time" content="{day}T09:00:00Z">'
                f'<link rel="canonical" href="{url}"></head><body><header>Menu</header>'
                f"<article><h1>{title}</h1>\n{body}</article><footer>Contact us</footer></body></html>")
        return f"article-{index:05d}.html", page
    header = f"Title: {title}\nPublisher: {publisher}\nPublished: {day}\nURL: {url}\n\n"
    return f"article-{index:05d}.txt", header + "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, count: int, seed: int = 0) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    for index in range(count):
        name, content = article(rng, index)
        (folder / name).write_text(content, encoding="utf-8")
        total += len(content.encode("utf-8"))
    return total


def measure(argv: list[str]) -> None:
    """In a fresh process: run the CLI once and print wall time and peak memory as JSON."""
    from tui.cli import main as cli

    started = time.perf_counter()
    code = cli(argv)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": code, "seconds": seconds, "self_kb": own, "children_kb": workers}), file=sys.stderr)


def run(argv: list[str], stdout: Path | None = None) -> dict:
    with open(stdout or os.devnull, "w") as out:
        completed = subprocess.run([sys.executable, __file__, "--measure", *argv], stdout=out,
                                   stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    return json.loads(completed.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kursk-add-bench"))
    parser.add_argument("--jobs", default=f"1,{len(os.sched_getaffinity(0))}", help="job counts, comma-separated")
    args = parser.parse_args()
    folder = args.out / f"articles-{args.articles}"
    size = generate(folder, args.articles)
    print(f"{args.articles} articles, {size / args.articles / 1000:.1f} kB each on average, "
          f"{len(os.sched_getaffinity(0))} cores")
    print(f"{'jobs':>4}  {'seconds':>8}  {'articles/s':>10}  {'peak MB (main)':>14}  {'peak MB (largest worker)':>24}")
    for jobs in map(int, args.jobs.split(",")):
        store = args.out / f"store-{jobs}.db"
        for stale in args.out.glob(f"store-{jobs}.db*"):
            stale.unlink()
        result = run(["--db", str(store), "--no-seed", "add", str(folder), "--jobs", str(jobs)])
        print(f"{jobs:>4}  {result['seconds']:>8.1f}  {args.articles / result['seconds']:>10.1f}  "
              f"{result['self_kb'] / 1024:>14.0f}  {result['children_kb'] / 1024:>24.0f}   (exit {result['code']})")
    corpus = args.out / "corpus.jsonl"
    mapped = run(["--db", str(args.out / "empty.db"), "--no-seed", "add", str(folder), "--dry-run",
                  "--format", "jsonl"], stdout=corpus)
    print(f"add --dry-run --format jsonl: {mapped['seconds']:.1f} s, {corpus.stat().st_size / 1e6:.1f} MB")
    target = args.out / "imported.db"
    for stale in args.out.glob("imported.db*"):
        stale.unlink()
    loaded = run(["--db", str(target), "--no-seed", "import", str(corpus)])
    print(f"import of the JSON Lines file (one transaction): {loaded['seconds']:.1f} s, "
          f"peak {loaded['self_kb'] / 1024:.0f} MB (exit {loaded['code']})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        sys.path.insert(0, str(ROOT))
        measure(sys.argv[2:])
    else:
        main()

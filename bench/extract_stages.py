"""The extractor's CPU per pipeline stage on one shape of bench/extract_pathological.py.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/extract_stages.py \
        [--shape "article repeated"] [--size 1000000] [--runs 3] [--patterns 20]

Each stage is the functions ``extract.claims.extract_article`` calls for it (and the methods of
``Actors`` that read names, wherever they are called from); a stage's time is its own, less
the time of other stages' functions it calls, so the rows add up to the whole. "extract_article
itself" is the pipeline's own lines (the text's translation, the loop over sentences). Each
run extracts the text once; the run with the least total CPU is printed, as a Markdown table
with each stage's calls, so the cost per call can be read, and the least total CPU of as many
runs without the wrappers (each wrapped call costs about a microsecond more, counted in its
caller's row: on text with a call per few words, mostly "extract_article itself"). A name the
extractor no longer has is listed as missing, not measured.

``--patterns N`` measures instead the time spent inside the regex engine for each compiled
pattern held by a module of ``extract`` (searches, matches and each step of a ``finditer``;
wall time of the calls alone, with ``perf_counter``), and prints the N costliest with their
calls and what share of the regex time they take, for the run with the least regex time.
Patterns compiled inside functions (``re.search(r"...")``) are not counted. Not a test:
numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract_pathological  # noqa: E402

import extract.claims as claims  # noqa: E402
from extract.actors import Actors  # noqa: E402

STAGES: dict[str, tuple[str, ...]] = {
    "sentences (paragraphs, quote marks, masking)": ("find_paragraphs", "find_quotes", "mask_quotes",
                                                    "find_sentences", "sentences_of"),
    "dates": ("find_dates", "dates_between"),
    "tokens": ("TextTokens",),
    "actors (mentions, resolving names)": ("Actors", "Actors.scan_mentions", "Actors.resolve",
                                           "Actors.named_only_as", "Actors.note_subject"),
    "attribution (reporting clauses)": ("find_attributions",),
    "quotes (speakers)": ("attribute_quotes", "_quotes_of_issuers", "_quotes_of_interviewee", "_turn_quotes",
                          "find_turns"),
    "sections (headings, list items)": ("find_headings", "find_list_items"),
    "figures (numbers found)": ("find_figures", "find_bases"),
    "figure claimants and as-of dates": ("_claim_figures", "AsOfReader", "_columnist"),
    "figure metrics": ("_label_figures", "metric_records"),
    "assembly (records, spans)": ("_document",),
}
OWN = "extract_article itself"


class StageClock:
    """Exclusive CPU seconds and calls per stage, from wrappers around the stages' functions."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._nested: list[float] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            self._nested.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                self.seconds[stage] += spent - self._nested.pop()
                self.calls[stage] += 1
                if self._nested:
                    self._nested[-1] += spent
        return timed


def install(clock: StageClock) -> list[str]:
    """Wrap every stage function; the names not found."""
    missing = []
    for stage, names in STAGES.items():
        for name in names:
            owner: Any = Actors if name.startswith("Actors.") else claims
            attribute = name.removeprefix("Actors.")
            if not hasattr(owner, attribute):
                missing.append(name)
                continue
            setattr(owner, attribute, clock.wrap(stage, getattr(owner, attribute)))
    return missing


class TimedPattern:
    """A compiled pattern whose calls add the time spent in them to ``seconds[name]``."""

    def __init__(self, name: str, pattern: re.Pattern[str], seconds: defaultdict[str, float],
                 calls: Counter[str]) -> None:
        self._name, self._pattern, self._seconds, self._calls = name, pattern, seconds, calls

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._pattern, attribute)

    def _timed(self, method: str, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = getattr(self._pattern, method)(*args, **kwargs)
        self._seconds[self._name] += time.perf_counter() - started
        self._calls[self._name] += 1
        return result

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("search", *args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("match", *args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("fullmatch", *args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("findall", *args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("sub", *args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._timed("split", *args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        matches = self._pattern.finditer(*args, **kwargs)
        self._calls[self._name] += 1
        while True:
            started = time.perf_counter()
            found = next(matches, None)
            self._seconds[self._name] += time.perf_counter() - started
            if found is None:
                return
            yield found


def install_patterns(seconds: defaultdict[str, float], calls: Counter[str]) -> None:
    """Put a TimedPattern in place of every compiled pattern a module of ``extract`` holds."""
    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] != "extract":
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                name = f"{module_name.removeprefix('extract.')}.{attribute}"
                setattr(module, attribute, TimedPattern(name, value, seconds, calls))


def print_patterns(text: str, runs: int, shown: int) -> None:
    seconds: defaultdict[str, float] = defaultdict(float)
    calls: Counter[str] = Counter()
    install_patterns(seconds, calls)
    best: tuple[float, float, dict[str, float], Counter[str]] | None = None
    for _ in range(runs):
        seconds.clear()
        calls.clear()
        total = _extraction_cpu(text)
        in_patterns = sum(seconds.values())
        if best is None or in_patterns < best[1]:
            best = (total, in_patterns, dict(seconds), Counter(calls))
    assert best is not None
    total, in_patterns, by_pattern, pattern_calls = best
    megabytes = len(text) / 1e6
    print(f"in the regex engine: {in_patterns / megabytes:.3f} s/MB of {total / megabytes:.3f} CPU s/MB "
          f"(the timing's own cost included), {len(by_pattern)} patterns\n")
    print("| pattern | s/MB | share of the regex time | calls |")
    print("|---|---:|---:|---:|")
    for name, spent in sorted(by_pattern.items(), key=lambda item: -item[1])[:shown]:
        print(f"| {name} | {spent / megabytes:.3f} | {100 * spent / in_patterns:.1f}% | {pattern_calls[name]} |")


def _extraction_cpu(text: str) -> float:
    started = time.process_time()
    claims.extract_article(text, published=datetime.date(2025, 1, 5), publisher="Bench")
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", default="article repeated", choices=list(extract_pathological.SHAPES))
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--patterns", type=int, metavar="N", help="the N costliest regex patterns instead")
    args = parser.parse_args()
    text = extract_pathological.SHAPES[args.shape](args.size)
    print(f"{args.shape}, {len(text):,} characters, {args.runs} runs\n")
    if args.patterns:
        print_patterns(text, args.runs, args.patterns)
        return
    unwrapped = min(_extraction_cpu(text) for _ in range(args.runs))
    clock = StageClock()
    missing = install(clock)
    best: tuple[float, defaultdict[str, float], Counter[str]] | None = None
    for _ in range(args.runs):
        clock.seconds, clock.calls = defaultdict(float), Counter()
        total = _extraction_cpu(text)
        if best is None or total < best[0]:
            best = (total, clock.seconds, clock.calls)
    assert best is not None
    total, seconds, calls = best
    seconds[OWN] = total - sum(seconds.values())
    megabytes = len(text) / 1e6
    print("least total CPU of the runs:\n")
    print("| stage | CPU s/MB | share | calls |")
    print("|---|---:|---:|---:|")
    for stage, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"| {stage} | {spent / megabytes:.3f} | {100 * spent / total:.1f}% | {calls[stage] or ''} |")
    print(f"| total | {total / megabytes:.3f} | 100% | |")
    print(f"\nwithout the wrappers: {unwrapped / megabytes:.3f} CPU s/MB")
    if missing:
        print(f"\nnot measured (no longer in the extractor): {', '.join(missing)}")


if __name__ == "__main__":
    main()

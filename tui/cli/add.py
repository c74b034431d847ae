"""``kursk-tui add``: articles into the store as they arrive, many at once.

Reading and extracting run in worker processes (one per core by default); only this process
writes to SQLite, one transaction per article, in the order the files were given, so a bad
file is reported and skipped while the rest land. Speakers are matched against the actors the
store held when the batch started, so a batch extracts the same with one worker or many; as
each article lands, its new actors that the store holds by then under another name (an
acronym, another spelling, a body's words in another order) are joined to them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli.commands import CommandError, store, store_knowledge
from tui.cli.output import show

if TYPE_CHECKING:
    from concurrent.futures import Future

    from extract.joining import ActorJoiner

ARTICLE_SUFFIXES = (".html", ".htm", ".txt", ".md")
OVERRIDES = ("published", "publisher", "title", "url")
EXIT_FAILED = 1
# Tasks queued per worker: enough to keep every core busy, few enough to bound memory in a big batch.
QUEUED_PER_WORKER = 4

FAILED = "failed"


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the ``add`` and ``orphans`` subcommands with the parser's ``command`` helper."""
    add = command(
        "add", run_add, help="add articles (saved web pages, text files) to the store, many at once",
        description="Read articles (saved web pages, or text files with an optional header block of "
                    "Title:, Publisher:, Published:, URL:, Author: lines), propose their quotes, figures "
                    "and dates, and add each article to the store in a transaction of its own. Folders are "
                    "read recursively for .html, .htm, .txt and .md files. An article already in the store "
                    "(same text) changes nothing; a changed text at a URL the store has is a new version, "
                    "and the previous version's claims whose words it still holds move to it with their "
                    "review; the others are listed as orphans. Exit status 1 if any file failed.")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    add.add_argument("--published", type=publication_day, metavar="DAY",
                     help="publication day (YYYY-MM-DD, '5 January 2025'), when the file does not say; one file only")
    for name in ("publisher", "title", "url"):
        add.add_argument(f"--{name}", metavar=name.upper(), help=f"the article's {name}; one file only")
    add.add_argument("--format", dest="add_format", choices=("text", "json", "jsonl"), default="text",
                     help="text: a line per article and a summary; json: every article's proposals in one "
                          "document; jsonl: one interchange document per line (for kursk-tui import)")
    add.add_argument("--jobs", type=positive, default=default_jobs(), metavar="N",
                     help=f"worker processes reading and extracting (default: the cores, {default_jobs()})")
    add.add_argument("--dry-run", action="store_true",
                     help="read and extract only: write nothing (the store is read for its speakers)")

    orphans = command(
        "orphans", run_orphans, help="list claims a newer version of their source no longer holds",
        description="Claims left on an earlier version of a source because the newer version's text "
                    "no longer holds their words exactly once (kept, marked orphaned, never dropped).")
    orphans.add_argument("--source", dest="orphans_source", metavar="ID",
                         help="only the orphans of this source id (either version)")
    orphans.add_argument("--format", dest="orphans_format", choices=("table", "json"), default="table")


def publication_day(text: str) -> date:
    from extract.article import parse_day

    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --- reading and extracting (in the workers) --------------------------------------------------

@dataclass(frozen=True)
class Extracted:
    """One file read and extracted: its document (claims marked proposed), or why not."""

    path: str
    document: dict[str, Any] | None = None
    error: str | None = None


# What the store knows (actors, the metric vocabulary): set once per worker process by _set_known.
_known: dict[str, Any] = {}


def _set_known(known: dict[str, Any]) -> None:
    _known.update(known)



def extractor() -> Callable[..., dict[str, Any]]:
    """The extractor's ``extract_article``: the one place this module imports it (on first use:
    it takes a quarter of a second)."""
    from extract import extract_article

    return extract_article


def extract_file(path: str, overrides: dict[str, Any]) -> Extracted:
    """Read one article and propose its claims; every failure becomes a one-line reason."""
    from extract.reading import ArticleError, read_article

    extract_article = extractor()

    try:
        article = read_article(path, overrides)
        assert article.published is not None  # read_article refuses an article without one
        document = extract_article(article.text, published=article.published, publisher=article.publisher,
                                   title=article.title, url=article.url, **_known)
    except ArticleError as error:
        return Extracted(path, error=str(error).removeprefix(f"{path}: "))
    except Exception as error:  # an extractor bug must cost one file, not the batch
        return Extracted(path, error=f"the extractor failed ({type(error).__name__}: {error})")
    for section in ("quotes", "figures", "events"):
        for record in document[section]:
            record["review"] = "proposed"
    return Extracted(path, document)


def extract_all(paths: Sequence[Path], overrides: dict[str, Any], known: dict[str, Any], jobs: int
                ) -> Iterator[Extracted]:
    """Each file extracted, in the order given, by ``jobs`` worker processes (or this one)."""
    if jobs == 1:
        _set_known(known)
        for path in paths:
            yield extract_file(str(path), overrides)
        return
    from concurrent.futures import ProcessPoolExecutor  # (multiprocessing: not loaded for other commands)

    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_known, initargs=(known,)) as pool:
        waiting = iter(paths)
        pending: deque[Future[Extracted]] = deque(
            pool.submit(extract_file, str(path), overrides) for path in islice(waiting, jobs * QUEUED_PER_WORKER))
        while pending:
            result = pending.popleft().result()
            for path in islice(waiting, 1):
                pending.append(pool.submit(extract_file, str(path), overrides))
            yield result


def article_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked recursively for article files, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(child for child in path.rglob("*")
                            if child.suffix.lower() in ARTICLE_SUFFIXES and child.is_file())
        else:
            found.append(path)
    return found


# --- writing and reporting (in this process) ---------------------------------------------------

@dataclass
class Outcome:
    """What became of one file."""

    path: str
    status: str                       # added, version, unchanged (db.sources) or failed
    headline: str = ""
    source_id: str | None = None
    previous_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    carried: int = 0
    orphans: tuple[Any, ...] = ()
    error: str | None = None
    document: dict[str, Any] | None = None

    @property
    def claims(self) -> int:
        return self.counts.get("quotes", 0) + self.counts.get("figures", 0)

    def line(self) -> str:
        """One line for the terminal."""
        from tui.display import clean

        if self.status == FAILED:
            return f"failed: {clean(self.path)}: {clean(self.error or '')}"
        if self.status == "unchanged":
            return f"unchanged: {clean(self.path)}: already in the store as {clean(self.source_id or '')}"
        found = ", ".join(plural(self.counts.get(section, 0), section[:-1])
                          for section in ("quotes", "figures", "dates"))
        if self.status == "version":
            return (f"new version: {clean(self.path)} as {clean(self.source_id or '')} (after "
                    f"{clean(self.previous_id or '')}): {plural(self.carried, 'claim')} carried over, "
                    f"{len(self.orphans)} orphaned; {found} proposed")
        verb = "extracted" if self.status == "extracted" else "added"
        return f"{verb}: {clean(self.path)} as {clean(self.source_id or '')}: {found} proposed"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "status": self.status, "headline": self.headline, "source": self.source_id,
                "previous": self.previous_id, "counts": self.counts, "carried": self.carried,
                "orphans": [orphan_dict(orphan) for orphan in self.orphans], "error": self.error,
                "document": self.document}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def orphan_dict(orphan: Any) -> dict[str, Any]:
    return {"claim": orphan.claim_id, "kind": orphan.kind, "text": orphan.text, "source": orphan.source_id,
            "lost_in": orphan.version_id, "reason": orphan.reason}


def headline(document: dict[str, Any]) -> str:
    source = document["sources"][0]
    return source.get("title") or " ".join(source["text"].split()[:10])


def land(conn: Any, extracted: Extracted, joiner: ActorJoiner, *, dry_run: bool) -> Outcome:
    """Write one extracted article (unless ``dry_run``) and say what became of it: its new
    actors that the store holds under another name (added by an article before it in the
    batch, say) joined to the store's, which then know its actors."""
    from db.interchange import DocumentError
    from db.sources import add_article

    if extracted.document is None:
        return Outcome(extracted.path, FAILED, error=extracted.error)
    document = joiner.join(extracted.document)
    counted = {section: len(document[section]) for section in ("quotes", "figures", "dates")}
    if dry_run:
        joiner.learn(document)  # as the batch would have it, had it landed
        return Outcome(extracted.path, "extracted", headline(document), document["sources"][0]["id"],
                       counts=counted, document=document)
    try:
        landed = add_article(conn, document)
    except DocumentError as error:
        return Outcome(extracted.path, FAILED, headline(document), error=str(error))
    joiner.learn(document)
    written = {section: landed.counts.get(section, 0) for section in counted} if landed.counts else {}
    return Outcome(extracted.path, landed.status, headline(document), landed.source_id, landed.previous_id,
                   written, landed.carried,
                   landed.orphans, document=landed.document or None)


class Progress:
    """A rich progress bar (files, claims found, errors) on a terminal, else one plain line per file."""

    def __init__(self, stream: TextIO, total: int):
        self.stream, self.claims, self.errors = stream, 0, 0
        self.bar: Any = None
        if stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("adding"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[claims]} claims · {task.fields[errors]} errors"),
                                TimeElapsedColumn(), console=Console(file=stream), transient=True)
            self.task = self.bar.add_task("adding", total=total, claims=0, errors=0)
            self.bar.start()

    def advance(self, outcome: Outcome) -> None:
        self.claims += outcome.claims
        self.errors += outcome.status == FAILED
        if self.bar is None:
            print(outcome.line(), file=self.stream, flush=True)
            return
        if outcome.status not in ("added", "extracted"):
            self.bar.console.print(outcome.line(), markup=False, highlight=False)
        self.bar.update(self.task, advance=1, claims=self.claims, errors=self.errors)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


SUMMARY_COLUMNS = (("file", 28), ("headline", 40), ("status", 9), ("quotes", 6), ("figures", 7), ("dates", 5),
                   ("errors", 60))


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """The batch as aligned plain text: a row per file, the totals, then every orphaned claim."""
    from tui.cli.report import fit
    from tui.display import clean

    lines = ["  ".join(f"{name:<{width}}" for name, width in SUMMARY_COLUMNS).rstrip()]
    for outcome in outcomes:
        cells = (fit_tail(clean(outcome.path), SUMMARY_COLUMNS[0][1]), clean(outcome.headline), outcome.status,
                 *(str(outcome.counts.get(name, "")) for name in ("quotes", "figures", "dates")),
                 clean(outcome.error or ""))
        lines.append("  ".join(fit(cell, width) for cell, (_, width) in zip(cells, SUMMARY_COLUMNS, strict=True))
                     .rstrip())
    statuses = [outcome.status for outcome in outcomes]
    tally = ", ".join(f"{statuses.count(status)} {status}" for status in dict.fromkeys(statuses))
    found = {name: sum(outcome.counts.get(name, 0) for outcome in outcomes) for name in ("quotes", "figures", "dates")}
    lines.append(f"{len(outcomes)} files: {tally}; {found['quotes']} quotes, {found['figures']} figures, "
                 f"{found['dates']} dates proposed")
    orphans = [orphan for outcome in outcomes for orphan in outcome.orphans]
    if orphans:
        lines.append(f"{plural(len(orphans), 'orphaned claim')} (kept on their earlier version, marked orphaned; "
                     "kursk-tui orphans lists them):")
        lines += [orphan_line(orphan) for orphan in orphans]
    return "\n".join(lines) + "\n"


def fit_tail(text: str, width: int) -> str:
    """The end of ``text`` (a file name matters more than its folders) in ``width`` characters."""
    return text if len(text) <= width else "\u2026" + text[len(text) - width + 1:]


def orphan_line(orphan: Any) -> str:
    from tui.display import clean

    return (f"  {orphan.kind} {clean(orphan.claim_id)} \u201c{clean(orphan.text, limit=70)}\u201d: "
            f"{orphan.reason} in {clean(orphan.version_id)}")


def overrides_of(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, name) for name in OVERRIDES if getattr(args, name) is not None}


def run_add(path: Path, args: argparse.Namespace) -> int:
    files = article_paths(args.paths)
    if not files:
        raise CommandError(f"no {', '.join(ARTICLE_SUFFIXES)} files in {', '.join(map(str, args.paths))}")
    overrides = overrides_of(args)
    if overrides and len(files) > 1:
        flags = ", ".join(f"--{name}" for name in overrides)
        raise CommandError(f"{flags} describe one article; {len(files)} files were given (put the details "
                           "in each file's header block instead)")
    data = sys.stdout if args.add_format != "text" else None
    progress = Progress(sys.stderr if data else sys.stdout, len(files))
    outcomes = []
    try:
        with store(path, args) as conn:
            from extract.joining import ActorJoiner

            known = store_knowledge(conn)
            joiner = ActorJoiner(known["known"])
            for extracted in extract_all(files, overrides, known, min(args.jobs, len(files))):
                outcome = land(conn, extracted, joiner, dry_run=args.dry_run)
                outcomes.append(outcome)
                progress.advance(outcome)
                if args.add_format == "jsonl" and outcome.document is not None and data is not None:
                    show(json.dumps(outcome.document, ensure_ascii=False) + "\n")
                    data.flush()
                if args.add_format != "json":
                    outcome.document = None  # a big batch keeps only its summary in memory
    finally:
        progress.close()
    if args.add_format == "json":
        show(json.dumps({"articles": [outcome.to_dict() for outcome in outcomes]}, ensure_ascii=False, indent=2)
             + "\n")
    if args.add_format == "text":
        show(summary_table(outcomes))
    else:
        sys.stderr.write(summary_table(outcomes))
    return EXIT_FAILED if any(outcome.status == FAILED for outcome in outcomes) else 0


def run_extract_import(path: Path, args: argparse.Namespace) -> int:
    """``extract ARTICLE --import``: the same as ``add ARTICLE`` with the same details."""
    add_args = argparse.Namespace(**vars(args), paths=[args.article], jobs=1, dry_run=False,
                                  add_format="json" if args.format == "json" else "text")
    return run_add(path, add_args)


def run_orphans(path: Path, args: argparse.Namespace) -> int:
    from db.sources import orphans

    with store(path, args) as conn:
        found = orphans(conn, args.orphans_source)
    if args.orphans_format == "json":
        show(json.dumps([orphan_dict(orphan) for orphan in found], ensure_ascii=False, indent=2) + "\n")
    else:
        show("".join(orphan_line(orphan) + "\n" for orphan in found) or "no orphaned claims\n")
    return 0

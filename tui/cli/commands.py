"""What each ``kursk-tui`` subcommand does; the parser in ``tui.cli`` dispatches here."""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.connection import connect
from db.errors import store_problem
from db.store import StoreError, check_intact, check_read_only, is_writable, open_store
from tui.cli.output import show, tell

if TYPE_CHECKING:
    from db.views import Restored, View

MAX_SPEAKER_CHARS = 200


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def open_database(path: Path, *, seed: bool = True) -> sqlite3.Connection:
    """Open the store, creating it (with the bundled dataset unless ``seed`` is False)."""
    is_new = not path.exists() or path.stat().st_size == 0
    try:
        conn = open_store(path)
    except StoreError as error:
        raise CommandError(str(error)) from error
    if is_new and seed:
        from seed import load_dataset

        load_dataset(conn)
    return conn


def open_for_reading(path: Path, args: argparse.Namespace) -> tuple[sqlite3.Connection, bool]:
    """The store opened read-only when asked (``--read-only``) or when this process cannot
    write it (read-only media, permissions), else as ``open_database`` does; and which."""
    if args.read_only or (path.exists() and not is_writable(path)):
        try:
            check_read_only(path)
        except StoreError as error:
            raise CommandError(str(error)) from error
        return connect(path, readonly=True), True
    return open_database(path, seed=not args.no_seed), False


@contextmanager
def store(path: Path, args: argparse.Namespace, *, writes: bool = False) -> Iterator[sqlite3.Connection]:
    """The store for one command, closed when it ends. A command that only reads gets it
    read-only where it cannot be written; one that ``writes`` gets it checked intact first."""
    if writes:
        if args.read_only or (path.exists() and not is_writable(path)):
            raise CommandError(f"{path}: the store cannot be written here (read-only)")
        conn = open_database(path, seed=not args.no_seed)
        try:
            check_intact(conn, path)
        except StoreError as error:
            conn.close()
            raise CommandError(str(error)) from error
    else:
        conn, _ = open_for_reading(path, args)
    try:
        yield conn
    finally:
        conn.close()


def read_article(path: Path) -> str:
    from db.importing import ImportFailed, read_bytes

    try:
        return read_bytes(path).decode("utf-8-sig").replace("\r\n", "\n")
    except ImportFailed as error:
        raise CommandError(str(error)) from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text (byte at offset {error.start})") from error


def check_speaker_name(name: str) -> None:
    # Longer names match nothing, and SQLite refuses LIKE patterns over 50,000 bytes.
    if len(name) > MAX_SPEAKER_CHARS:
        raise CommandError(f"a speaker name is at most {MAX_SPEAKER_CHARS} characters")


def speaker_pks(conn: sqlite3.Connection, name: str) -> list[int]:
    from db.speakers import find_actors

    check_speaker_name(name)
    actors = find_actors(conn, name)
    if not actors:
        raise CommandError(f"no speaker matches {name!r} (try a surname or an alias)")
    return [actor.pk for actor in actors]


def run_stats(path: Path, args: argparse.Namespace) -> int:
    with store(path, args) as conn:
        names = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                 if not name.startswith(("claims_fts", "sources_fts", "sqlite_"))]
        width = max(map(len, names))
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            count = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            show(f"{name:<{width}}  {count:>9,}\n")
    return 0


def run_export(path: Path, args: argparse.Namespace) -> int:
    from db import export
    from db.connection import snapshot
    from db.interchange import choose
    from tui.cli.cite import selection

    with store(path, args) as conn, snapshot(conn):  # every section read from one state of the store
        filters = selection(conn, args)
        chosen = choose(where=filters.where() if filters.narrows else None)
        left_out: dict[str, int] = {}
        if args.format == "json":  # the JSON export is the whole store, review state included
            text = export.store_json(conn, chosen)
        else:
            # CSV keeps proposals (its review column marks them); the brief and ClaimReview ask.
            people, left_out = export.for_people(conn, chosen,
                                                 include_proposed=args.include_proposed or args.format == "csv")
            if args.format == "md":
                from db.checks import each_metric_report, report_checks

                checks = ((report.metric, (report_checks(report), report.checked_note))  # a metric at a time
                          for report in each_metric_report(conn, claimant_pks=filters.speaker_pks,
                                                           limit=args.latest or None))
                text = export.store_markdown(conn, chosen, people, checks, left_out)
            elif args.format == "csv":
                text = export.csv_text(export.store_claims(conn, people))
            else:
                text = export.store_claimreview(conn, people)
        # Written as the store is read, never held whole in memory; to a file whole or not at all.
        if args.output:
            try:
                export.write_chunks(args.output, text, protected=export.store_files(path))
            except export.OutputError as error:
                raise CommandError(str(error)) from error
        else:
            show_whole(text)
    if args.format in ("csv", "claimreview") and (note := export.left_out_note(left_out)):
        tell(note)
    return 0


def show_whole(chunks: Iterable[str]) -> None:
    """The text on standard output only once all of it is made (an export that fails halfway
    writes nothing there either), kept meanwhile in a temporary file, not in memory."""
    import contextlib
    import tempfile

    from db.errors import os_problem

    with contextlib.ExitStack() as stack:
        try:
            spool = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
            for chunk in chunks:
                spool.write(chunk)
            spool.seek(0)
        except OSError as error:
            raise CommandError(f"cannot keep the export in a temporary file ({os_problem(error)})") from error
        while block := spool.read(1 << 20):
            show(block)


def run_merge_actors(path: Path, args: argparse.Namespace) -> int:
    from db.review import EditRejected, current_reviewer, merge_actors

    with store(path, args, writes=True) as conn:
        keep, other = (actor_id(conn, name) for name in (args.keep, args.other))
        try:
            moved = merge_actors(conn, keep, other, current_reviewer())
        except EditRejected as error:
            raise CommandError(str(error)) from error
    tell(f"merged {other} into {keep}: {moved} claim{'s' if moved != 1 else ''} moved")
    return 0


def actor_id(conn: sqlite3.Connection, name: str) -> str:
    """The one actor ``name`` (an id, a name or an alias) means."""
    row = conn.execute("SELECT id FROM actors WHERE id = ?", (name,)).fetchone()
    if row:
        return str(row[0])
    from db.speakers import find_actors

    actors = find_actors(conn, name)
    if len(actors) != 1:
        raise CommandError(f"{name!r} names {len(actors) or 'no'} actor{'s' if len(actors) != 1 else ''}: "
                           "give the id or the full name")
    return actors[0].id


def run_import(path: Path, args: argparse.Namespace) -> int:
    from db.importing import ImportFailed, import_files

    with store(path, args, writes=True) as conn:
        try:
            counts = import_files(conn, args.files)
        except ImportFailed as error:
            raise CommandError(str(error)) from error
    summary = ", ".join(f"{count} {section}" for section, count in counts.items() if count)
    tell(f"imported {len(args.files)} file{'s' if len(args.files) != 1 else ''}: {summary or 'nothing'}",
         file=sys.stdout)
    return 0


def store_knowledge(conn: sqlite3.Connection) -> dict[str, Any]:
    """The store's actors and metric vocabulary, as the extractor takes them."""
    from db.metrics import list_metrics, quantity_words
    from db.speakers import known_actors
    from extract import Vocabulary

    return {"known": known_actors(conn), "vocabulary": Vocabulary(list_metrics(conn), quantity_words(conn))}


def run_extract(path: Path, args: argparse.Namespace) -> int:
    import json

    from extract import extract_article

    if args.import_:
        from tui.cli.add import run_extract_import

        return run_extract_import(path, args)
    with store(path, args) as conn:
        document = extract_article(read_article(args.article), published=args.published,
                                   publisher=args.publisher, title=args.title, url=args.url,
                                   **store_knowledge(conn))
    for section in ("quotes", "figures", "events"):
            for record in document[section]:
                record["review"] = "proposed"
    if args.format != "table":
        show(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        from tui.cli.report import proposals_table

        show(proposals_table(document))
    return 0


def run_eval(path: Path, args: argparse.Namespace) -> int:
    import json

    from db.importing import ImportFailed, read_document
    from extract import evaluate, extract_article, format_table

    try:
        key = read_document(args.key)
    except ImportFailed as error:
        raise CommandError(str(error)) from error
    text = read_article(args.article)
    key_texts = [source.get("text") for source in key.get("sources", []) if isinstance(source, dict)]
    if key_texts and text not in key_texts:
        raise CommandError(f"{args.key}: its source text is not the text of {args.article}")
    report = evaluate(key, extract_article(text, published=args.published))
    if args.format == "json":
        show(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        show(format_table(report) + "\n")
    return 0


def run_figures(path: Path, args: argparse.Namespace) -> int:
    from db.checks import figure_report, report_document
    from db.export import json_text
    from db.selection import SelectionError, matching_metrics

    if args.latest < 0:
        raise CommandError("--latest takes a count of figures (0 checks them all)")
    with store(path, args) as conn:
        pks = speaker_pks(conn, args.figures_speaker) if args.figures_speaker else None
        try:  # --metric takes words: "casualties" finds every metric that names them
            metrics = matching_metrics(conn, args.metric) if args.metric else None
        except SelectionError as error:
            raise CommandError(str(error)) from error
        reports = figure_report(conn, metrics=metrics, claimant_pks=pks, limit=args.latest or None)
    document = report_document(reports)
    if args.format == "json":  # json.dumps(document, ensure_ascii=False, indent=2), with the C encoder
        show("".join(json_text(document.items())))
    else:
        from tui.cli.report import figures_table

        show(figures_table(document))
    return 0


def run_dashboard(path: Path, args: argparse.Namespace) -> int:
    conn, read_only = open_for_reading(path, args)
    try:
        if args.speaker:
            speaker_pks(conn, args.speaker)
        view = starting_view(conn, args)
    finally:
        conn.close()
    from tui.app import KurskApp

    app = KurskApp(path, speaker=args.speaker, read_only=read_only, view=view)
    # What the imports built lives as long as the app: the collector need not walk it again, and
    # a frame allocates many short-lived objects, so it collects after 20,000 rather than 700
    # (measured at a million claims, first frame against a bare Textual app, medians of 9 paired
    # launches: 1.89x -> 1.60x; peak RSS at the first frame unchanged, 42 MiB).
    gc.freeze()
    gc.set_threshold(20_000)
    app.run()
    if not app.return_code and not read_only:
        remember_view(path, app.current_view)
    return app.return_code or 0


def starting_view(conn: sqlite3.Connection, args: argparse.Namespace) -> Restored | None:
    """The view named by ``--view``; else the one the dashboard was left in, unless ``--fresh``."""
    from db.views import last_view, load_view, view_names

    if args.view is None:
        return None if args.fresh else last_view(conn)
    saved = load_view(conn, args.view)
    if saved is None:
        names = view_names(conn)
        known = f"saved views: {', '.join(map(repr, names))}" if names else "no view is saved yet (v saves one)"
        raise CommandError(f"no saved view named {args.view!r}; {known}")
    return saved


def remember_view(path: Path, view: View) -> None:
    """Keep the view in use at quit for the next start; a store that refuses is said, not fatal."""
    from db.views import remember_last

    try:
        conn = connect(path)
        try:
            remember_last(conn, view)
        finally:
            conn.close()
    except sqlite3.Error as error:
        tell(f"the view in use was not remembered: {store_problem(error)}", prefix=True)


def run_synth(path: Path, args: argparse.Namespace) -> int:
    from db.synth import synthesize

    if args.db is None:
        raise CommandError("synth needs --db PATH: it fills a new store, never your default one")
    try:
        conn = open_store(path)  # not open_database(): the bundled dataset would make it non-empty
    except StoreError as error:
        raise CommandError(str(error)) from error
    try:
        counts = synthesize(conn, args.claims, seed=args.seed,
                            progress=lambda n: print(f"{n:,} claims", end="\r", file=sys.stderr))
    except ValueError as error:
        raise CommandError(str(error)) from error
    finally:
        conn.close()
    show(", ".join(f"{count:,} {table}" for table, count in counts.items()) + "\n")
    return 0


def run_serve(path: Path, args: argparse.Namespace) -> int:
    try:
        from tui.serve import serve
    except ImportError as error:
        raise CommandError(f"serving needs the serve extra: pip install 'kursk-tui[serve]' ({error})") from error
    if not args.read_only:
        open_database(path, seed=not args.no_seed).close()
    return serve(db=path, host=args.host, port=args.port, token=args.token,
                 public_url=args.public_url, read_only=args.read_only, max_viewers=args.max_viewers)

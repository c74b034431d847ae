"""What each ``kursk-tui`` subcommand does; the parser in ``tui.cli`` dispatches here."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.connection import connect
from db.store import StoreError, check_read_only, is_writable, open_store


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


@contextmanager
def store(path: Path, args: argparse.Namespace) -> Iterator[sqlite3.Connection]:
    """The store for one command, closed when it ends."""
    conn = open_database(path, seed=not args.no_seed)
    try:
        yield conn
    finally:
        conn.close()


def read_article(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except OSError as error:
        raise CommandError(f"{path}: cannot read it ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text (byte at offset {error.start})") from error


def speaker_pks(conn: sqlite3.Connection, name: str) -> list[int]:
    from db.speakers import find_actors

    actors = find_actors(conn, name)
    if not actors:
        raise CommandError(f"no speaker matches {name!r} (try a surname or an alias)")
    return [actor.pk for actor in actors]


def run_stats(path: Path, args: argparse.Namespace) -> int:
    import sqlite_utils

    with store(path, args) as conn:
        tables = sqlite_utils.Database(conn)
        names = [name for name in tables.table_names()
                 if not name.startswith(("claims_fts", "sources_fts", "sqlite_"))]
        width = max(map(len, names))
        for name in sorted(names):
            print(f"{name:<{width}}  {tables[name].count:>9,}")
    return 0


def run_export(path: Path, args: argparse.Namespace) -> int:
    from db import export
    from db.interchange import export_document

    with store(path, args) as conn:
        pks = speaker_pks(conn, args.export_speaker) if args.export_speaker else None
        document = export_document(conn, pks)
        if args.format == "md":
            from db.checks import figure_report, report_document

            metrics = report_document(figure_report(conn, claimant_pks=pks))["metrics"]
            text = export.to_markdown(document, {metric["metric"]: metric["checks"] for metric in metrics})
        else:
            text = {"json": export.to_json, "csv": export.to_csv,
                    "claimreview": export.to_claimreview}[args.format](document)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def run_import(path: Path, args: argparse.Namespace) -> int:
    from db.importing import ImportFailed, import_files

    with store(path, args) as conn:
        try:
            counts = import_files(conn, args.files)
        except ImportFailed as error:
            raise CommandError(str(error)) from error
    summary = ", ".join(f"{count} {section}" for section, count in counts.items() if count)
    print(f"imported {len(args.files)} file{'s' if len(args.files) != 1 else ''}: {summary or 'nothing'}")
    return 0


def run_extract(path: Path, args: argparse.Namespace) -> int:
    import json

    from db.extract import extract_article, known_actors

    if args.import_:
        from tui.cli.add import run_extract_import

        return run_extract_import(path, args)
    with store(path, args) as conn:
        document = extract_article(read_article(args.article), published=args.published,
                                   publisher=args.publisher, title=args.title, url=args.url,
                                   known=known_actors(conn))
        for section in ("quotes", "figures", "events"):
            for record in document[section]:
                record["review"] = "proposed"
    if args.format != "table":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        from tui.cli.report import proposals_table

        sys.stdout.write(proposals_table(document))
    return 0


def run_eval(path: Path, args: argparse.Namespace) -> int:
    import json

    from db.evaluate import evaluate, format_table
    from db.extract import extract_article
    from db.importing import ImportFailed, read_document

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
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report) + "\n")
    return 0


def run_figures(path: Path, args: argparse.Namespace) -> int:
    import json

    from db.checks import figure_report, report_document

    with store(path, args) as conn:
        pks = speaker_pks(conn, args.figures_speaker) if args.figures_speaker else None
        reports = figure_report(conn, metric=args.metric, claimant_pks=pks)
    if args.metric and not reports:
        raise CommandError(f"no figures for metric {args.metric!r} (kursk-tui figures lists the metrics)")
    document = report_document(reports)
    if args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        from tui.cli.report import figures_table

        sys.stdout.write(figures_table(document))
    return 0


def run_dashboard(path: Path, args: argparse.Namespace) -> int:
    read_only = args.read_only or (path.exists() and not is_writable(path))
    if read_only:
        try:
            check_read_only(path)
        except StoreError as error:
            raise CommandError(str(error)) from error
        conn = connect(path, readonly=True)
    else:
        conn = open_database(path, seed=not args.no_seed)
    try:
        if args.speaker:
            speaker_pks(conn, args.speaker)
    finally:
        conn.close()
    from tui.app import KurskApp

    app = KurskApp(path, speaker=args.speaker, read_only=read_only)
    app.run()
    return app.return_code or 0


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
    print(", ".join(f"{count:,} {table}" for table, count in counts.items()))
    return 0


def run_serve(path: Path, args: argparse.Namespace) -> int:
    try:
        from tui.serve import serve
    except ImportError as error:
        raise CommandError(f"serving needs the serve extra: pip install 'kursk-tui[serve]' ({error})") from error
    if not args.read_only:
        open_database(path, seed=not args.no_seed).close()
    return serve(db=path, host=args.host, port=args.port, token=args.token,
                 public_url=args.public_url, read_only=args.read_only)

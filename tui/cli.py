"""The ``kursk-tui`` command: the dashboard by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from importlib.metadata import version
from pathlib import Path

from db.connection import connect
from db.schema import SchemaTooNew
from db.store import (
    ENV_VAR,
    StoreError,
    check_read_only,
    default_db_path,
    is_writable,
    open_store,
)

EXIT_USAGE = 2


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kursk-tui",
        description="Who said what, when, citing which figure, in which source: a terminal "
                    "dashboard for contested claims. With no command, opens the dashboard.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('kursk-tui')}")
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=f"the store to use (default: ${ENV_VAR}, else {default_db_path()})")
    parser.add_argument("--speaker", metavar="NAME",
                        help="start the dashboard filtered to a speaker (name or alias)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the store without writing to it (the dashboard offers no review)")
    parser.add_argument("--no-seed", action="store_true",
                        help="when the store file is new, leave it empty instead of loading the "
                             "bundled dataset")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("stats", help="count the records in each table",
                        description="Print how many records each table of the store holds.")

    export = commands.add_parser(
        "export", help="write the store (or one speaker's claims) as JSON, CSV or Markdown",
        description="Write the store as the JSON interchange format (the one `import` reads), "
                    "as CSV (one row per claim) or as a Markdown brief.")
    export.add_argument("--format", choices=("json", "csv", "md", "claimreview"), default="json",
                        help="json: the interchange format; csv: one row per claim; md: a brief; "
                             "claimreview: schema.org ClaimReview JSON-LD of claims with a status")
    export.add_argument("--speaker", dest="export_speaker", metavar="NAME",
                        help="only this speaker's claims (name or alias, any case or accents)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    importer = commands.add_parser(
        "import", help="add interchange JSON files (as export writes them) to the store",
        description="Read JSON interchange files (the format `export --format json` writes). "
                    "Every file is validated before anything is written, and all of them are "
                    "applied in one transaction: a bad record changes nothing. Records keep "
                    "their ids, so importing a file again changes nothing.")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")

    figures = commands.add_parser(
        "figures", help="compare figures by metric, with cross-checks",
        description="Every figure by metric (claimant, as printed, bounds, as of, source, status) "
                    "and the checks between them: fraction vs base, disagreements, updates, "
                    "unit conversions, each with its verdict and arithmetic.")
    figures.add_argument("--metric", metavar="M", help="only this metric (exact name, any case)")
    figures.add_argument("--speaker", dest="figures_speaker", metavar="NAME",
                         help="only this claimant's figures and the checks that involve them")
    figures.add_argument("--format", choices=("table", "json"), default="table")
    extract = commands.add_parser(
        "extract", help="propose an article's quotes, speakers, figures and dates",
        description="Read a plain-text news article and propose, in the interchange format, "
                    "every direct quote with its speaker, every figure with its hedge and bounds, "
                    "and every date expression resolved against --published, each with its span "
                    "and a confidence. With --import the proposals go into the store marked "
                    "'proposed', for review in the dashboard (p, then a / x / c).")
    extract.add_argument("article", type=Path, metavar="ARTICLE.txt")
    add_article_options(extract)
    extract.add_argument("--publisher", metavar="P")
    extract.add_argument("--title", metavar="T")
    extract.add_argument("--url", metavar="U")
    extract.add_argument("--format", choices=("json", "table"), default="json")
    extract.add_argument("--import", dest="import_", action="store_true",
                         help="add the proposals to the store, marked proposed")

    evaluate = commands.add_parser(
        "eval", help="score the extractor against a labelled answer key",
        description="Run the extractor on ARTICLE.txt and score it against KEY.json (an "
                    "interchange document over the same text): quote recall, precision and "
                    "speaker accuracy; figure recall, precision and bounds; dates resolved.")
    evaluate.add_argument("key", type=Path, metavar="KEY.json")
    evaluate.add_argument("article", type=Path, metavar="ARTICLE.txt")
    add_article_options(evaluate)
    evaluate.add_argument("--format", choices=("table", "json"), default="table")

    synth = commands.add_parser(
        "synth", help="fill a new, empty store with synthetic claims (for benchmarks)",
        description="Fill an empty store (give --db) with realistic synthetic data in the real "
                    "schema: thousands of speakers with a skewed share of claims, tens of "
                    "thousands of sources, quotes, figures and events with varied text and dates. "
                    "The same --seed and size give the same store.")
    synth.add_argument("--claims", type=int, required=True, metavar="N")
    synth.add_argument("--seed", type=int, default=0, metavar="S")

    serve = commands.add_parser(
        "serve", help="share the dashboard with a team in a web browser (needs kursk-tui[serve])",
        description="Serve the dashboard over HTTP with textual-serve: one app process per viewer, "
                    "an access token on the page and the websocket, foreign origins refused. "
                    "Binds 127.0.0.1 unless --host says otherwise; there is no TLS, so put a "
                    "reverse proxy with TLS and login in front of it for a team.")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    serve.add_argument("--token", metavar="TOKEN",
                       help="access token (default: $KURSK_TUI_TOKEN, else a random one)")
    serve.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                       help="every viewer gets the store read-only (same as kursk-tui --read-only serve)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the URL viewers use when a reverse proxy is in front (its origin is "
                            "the one allowed)")
    return parser


def add_article_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", required=True, type=iso_day, metavar="YYYY-MM-DD",
                        help="the article's publication day: relative dates are resolved against it")


def iso_day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD day: {text!r}") from error


def read_article(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except OSError as error:
        raise CommandError(f"{path}: cannot read it ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text (byte at offset {error.start})") from error


def open_database(path: Path, *, seed: bool = True) -> sqlite3.Connection:
    """Open the store, creating it (with the bundled dataset unless ``seed`` is False)."""
    is_new = not path.exists() or path.stat().st_size == 0
    try:
        conn = open_store(path)
    except (StoreError, SchemaTooNew) as error:
        raise CommandError(str(error)) from error
    if is_new and seed:
        from seed import load_dataset

        load_dataset(conn)
    return conn


def speaker_pks(conn: sqlite3.Connection, name: str) -> list[int]:
    from db.speakers import find_actors

    actors = find_actors(conn, name)
    if not actors:
        raise CommandError(f"no speaker matches {name!r} (try a surname or an alias)")
    return [actor.pk for actor in actors]


def run_stats(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    import sqlite_utils

    store = sqlite_utils.Database(conn)
    tables = [name for name in store.table_names()
              if not name.startswith(("claims_fts", "sources_fts", "sqlite_"))]
    width = max(map(len, tables))
    for name in sorted(tables):
        print(f"{name:<{width}}  {store[name].count:>9,}")


def run_export(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    from db import export
    from db.interchange import export_document

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


def run_import(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    from db.importing import ImportFailed, import_files

    try:
        counts = import_files(conn, args.files)
    except ImportFailed as error:
        raise CommandError(str(error)) from error
    summary = ", ".join(f"{count} {section}" for section, count in counts.items() if count)
    print(f"imported {len(args.files)} file{'s' if len(args.files) != 1 else ''}: {summary or 'nothing'}")


def run_extract(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    import json

    from db.interchange import DocumentError, apply_document
    from db.speakers import known_actors
    from extract import extract_article

    document = extract_article(read_article(args.article), published=args.published,
                               publisher=args.publisher, title=args.title, url=args.url,
                               known=known_actors(conn))
    for section in ("quotes", "figures", "events"):
        for record in document[section]:
            record["review"] = "proposed"
    if args.import_:
        try:
            counts = apply_document(conn, document)
        except DocumentError as error:
            raise CommandError(f"{args.article}: {error}") from error
        print(f"proposed {counts['quotes']} quotes, {counts['figures']} figures and {counts['dates']} "
              f"dates from {args.article}: review them in the dashboard (p, then a / x / c)",
              file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(proposals_table(document))


def proposals_table(document: dict) -> str:
    """The extractor's proposals, one line each, for reading in a terminal."""
    from tui.display import clean
    from tui.format import bounds

    names = {actor["id"]: actor["name"] for actor in document["actors"]}
    lines = [f"Quotes ({len(document['quotes'])})"]
    for quote in document["quotes"]:
        who = names.get(quote["speaker"]) or quote.get("speaker_name") or quote["speaker"]
        when = f" [{quote['said_text']}: {quote['said']}]" if quote.get("said") else ""
        lines.append(f"  {quote['confidence']:.2f}  {clean(who, limit=30)}{clean(when)}: "
                     f"\u201c{clean(quote['text'], limit=90)}\u201d")
    lines.append(f"Figures ({len(document['figures'])})")
    for figure in document["figures"]:
        who = names.get(figure["claimant"]) or figure.get("claimant_name") or figure["claimant"]
        shown = bounds(figure["bound"], figure.get("value"), figure.get("low"), figure.get("high"),
                       figure["unit"])
        lines.append(f"  {figure['confidence']:.2f}  {clean(figure['text'], limit=30):<30} {shown:<16} "
                     f"{clean(figure['metric'], limit=40)} ({clean(who, limit=30)})")
    lines.append(f"Dates ({len(document['dates'])})")
    for date in document["dates"]:
        lines.append(f"  {clean(date['text'], limit=30):<30} {date['edtf']:<24} {date['precision']}")
    return "\n".join(lines) + "\n"


def run_eval(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
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
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report) + "\n")


def run_figures(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    import json

    from db.checks import figure_report, report_document

    pks = speaker_pks(conn, args.figures_speaker) if args.figures_speaker else None
    reports = figure_report(conn, metric=args.metric, claimant_pks=pks)
    if args.metric and not reports:
        raise CommandError(f"no figures for metric {args.metric!r} (kursk-tui figures lists the metrics)")
    document = report_document(reports)
    if args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(figures_table(document))


def figures_table(document: dict) -> str:
    """The figures report as aligned plain text, one block per metric."""
    import textwrap

    from tui.display import clean
    from tui.format import bounds

    columns = (("claimant", 30), ("as printed", 26), ("bounds", 22), ("as of", 42), ("source", 14), ("status", 12))
    lines = []
    for metric in document["metrics"]:
        header = "  ".join(f"{name:<{width}}" for name, width in columns)
        lines += [clean(metric["metric"]), f"  {header}".rstrip()]
        for figure in metric["figures"]:
            as_of = f"{figure['as_of_text'] or ''} ({figure['as_of']})" if figure["as_of"] else "no date"
            cells = (figure["claimant_name"] or "", figure["text"],
                     bounds(figure["bound"], figure["value"], figure["low"], figure["high"], figure["unit"],
                            figure["base_text"]),
                     as_of, figure["source_name"], figure["status"])
            row = "  ".join(_fit(clean(cell), width) for cell, (_, width) in zip(cells, columns, strict=True))
            lines.append(f"  {row}".rstrip())
        for check in metric["checks"]:
            lines += textwrap.wrap(f"[{check['verdict']}] {check['kind']}: {clean(check['explanation'])}",
                                   width=110, initial_indent="  ", subsequent_indent="      ")
        lines.append("")
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    return f"{text:<{width}}" if len(text) <= width else text[:width - 1] + "\u2026"


def run_dashboard(path: Path, args: argparse.Namespace) -> int:
    read_only = args.read_only or (path.exists() and not is_writable(path))
    if read_only:
        try:
            check_read_only(path)
        except (StoreError, SchemaTooNew) as error:
            raise CommandError(str(error)) from error
        conn = connect(path, readonly=True)
    else:
        conn = open_database(path, seed=not args.no_seed)
    if args.speaker:
        speaker_pks(conn, args.speaker)
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
    except (StoreError, SchemaTooNew) as error:
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


COMMANDS = {"stats": run_stats, "export": run_export, "import": run_import, "figures": run_figures,
            "extract": run_extract, "eval": run_eval}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path = args.db or default_db_path()
    try:
        if args.command is None:
            return run_dashboard(path, args)
        if args.command == "serve":
            return run_serve(path, args)
        if args.command == "synth":
            return run_synth(path, args)
        conn = open_database(path, seed=not args.no_seed)
        try:
            COMMANDS[args.command](conn, args)
        finally:
            conn.close()
    except CommandError as error:
        print(f"kursk-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

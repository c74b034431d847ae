"""The ``kursk-tui`` command: the dashboard by default, subcommands for scripted work.

Nothing here imports Textual: only the dashboard and ``serve`` load it, when they run.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

from db.errors import StoreError, store_problem
from db.store import ENV_VAR, default_db_path
from tui.cli import add, cite, commands
from tui.cli.commands import CommandError
from tui.cli.output import ArgumentParser, tell

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="kursk-tui",
        description="Who said what, when, citing which figure, in which source: a terminal "
                    "dashboard for contested claims. With no command, opens the dashboard.",
    )
    parser.set_defaults(run=commands.run_dashboard)
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help=f"the store to use (default: ${ENV_VAR}, else {default_db_path()})")
    parser.add_argument("--speaker", metavar="NAME",
                        help="start the dashboard filtered to a speaker (name or alias)")
    parser.add_argument("--view", metavar="NAME",
                        help="open the dashboard on a saved view (v in the dashboard saves, applies and "
                             "deletes them)")
    parser.add_argument("--fresh", action="store_true",
                        help="open on the timeline with no filters instead of the view the dashboard was "
                             "last left in (the view in use at quit is remembered all the same)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the store without writing to it (the dashboard offers no review)")
    parser.add_argument("--no-seed", action="store_true",
                        help="when the store file is new, leave it empty instead of loading the "
                             "bundled dataset")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, run, **kwargs) -> argparse.ArgumentParser:
        sub = subcommands.add_parser(name, **kwargs)
        sub.set_defaults(run=run)
        return sub

    command("stats", commands.run_stats, help="count the records in each table",
            description="Print how many records each table of the store holds.")

    merge = command(
        "merge-actors", commands.run_merge_actors, help="merge two actors that are one person or body",
        description="Merge OTHER into KEEP (each by id, name or alias): every claim of OTHER becomes KEEP's, "
                    "each change on record in the review history; OTHER's name and aliases become KEEP's "
                    "aliases, and OTHER is removed.")
    merge.add_argument("keep", metavar="KEEP")
    merge.add_argument("other", metavar="OTHER")

    export = command(
        "export", commands.run_export,
        help="write the store (or the claims the filters select) as JSON, CSV or Markdown",
        description="Write the store as the JSON interchange format (the one `import` reads), "
                    "as CSV (one row per claim) or as a Markdown brief; with filters, only the claims "
                    "every filter selects (and the sources, speakers and dates they use).")
    export.add_argument("--format", choices=("json", "csv", "md", "claimreview"), default="json",
                        help="json: the interchange format; csv: one row per claim; md: a brief; "
                             "claimreview: schema.org ClaimReview JSON-LD of claims with a status")
    cite.add_export_filters(export)
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    export.add_argument("--latest", type=int, default=100, metavar="N",
                        help="in the Markdown brief, check each metric's latest N figures by as-of date "
                             "(default 100; 0 checks them all, which takes long at scale)")
    export.add_argument("--include-proposed", action="store_true",
                        help="bring the extractor's proposals (not yet reviewed) into the Markdown brief and "
                             "ClaimReview, marked; rejected claims never appear outside the JSON export")

    importer = command(
        "import", commands.run_import,
        help="add interchange JSON files (as export writes them) to the store",
        description="Read JSON interchange files (the format `export --format json` writes). "
                    "Every file is validated before anything is written, and all of them are "
                    "applied in one transaction: a bad record changes nothing. Records keep "
                    "their ids, so importing a file again changes nothing.")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")

    figures = command(
        "figures", commands.run_figures, help="compare figures by metric, with cross-checks",
        description="Every figure by metric (claimant, as printed, bounds, as of, source, status), "
                    "one line per metric summing it up, and the checks across every source: "
                    "one claim in several outlets, fraction vs base, disagreements, updates, "
                    "part <= whole, sums, unit conversions, each with its verdict and arithmetic.")
    figures.add_argument("--metric", metavar="WORDS",
                         help="only the metrics whose name holds every word (any case or accents): casualties")
    figures.add_argument("--speaker", dest="figures_speaker", metavar="NAME",
                         help="only this claimant's figures and the checks that involve them")
    figures.add_argument("--format", choices=("table", "json"), default="table")
    figures.add_argument("--latest", type=int, default=100, metavar="N",
                         help="check each metric's latest N figures by as-of date (default 100; the "
                              "Figures pane checks 500; 0 checks them all, which takes long at scale)")

    extract = command(
        "extract", commands.run_extract,
        help="propose an article's quotes, speakers, figures and dates",
        description="Read a plain-text news article and propose, in the interchange format, "
                    "every direct quote with its speaker, every figure with its hedge and bounds, "
                    "and every date expression resolved against --published, each with its span "
                    "and a confidence. With --import the proposals go into the store marked "
                    "'proposed', for review in the dashboard (p, then a / x / c).")
    extract.add_argument("article", type=Path, metavar="ARTICLE.txt")
    add_published_option(extract)
    extract.add_argument("--publisher", metavar="P")
    extract.add_argument("--title", metavar="T")
    extract.add_argument("--url", metavar="U")
    extract.add_argument("--format", choices=("json", "table"),
                         help="json (the default without --import) or table")
    extract.add_argument("--import", dest="import_", action="store_true",
                         help="add the article to the store (the same as kursk-tui add ARTICLE): one line, "
                              "the proposals themselves only with --format json")

    add.register(command)
    cite.register(command)

    evaluate = command(
        "eval", commands.run_eval, help="score the extractor against a labelled answer key",
        description="Run the extractor on ARTICLE.txt and score it against KEY.json (an "
                    "interchange document over the same text): quote recall, precision and "
                    "speaker accuracy; figure recall, precision and bounds; dates resolved.")
    evaluate.add_argument("key", type=Path, metavar="KEY.json")
    evaluate.add_argument("article", type=Path, metavar="ARTICLE.txt")
    add_published_option(evaluate)
    evaluate.add_argument("--format", choices=("table", "json"), default="table")

    synth = command(
        "synth", commands.run_synth,
        help="fill a new, empty store with synthetic claims (for benchmarks)",
        description="Fill an empty store (give --db) with realistic synthetic data in the real "
                    "schema: thousands of speakers with a skewed share of claims, tens of "
                    "thousands of sources, quotes, figures and events with varied text and dates. "
                    "The same --seed and size give the same store.")
    synth.add_argument("--claims", type=int, required=True, metavar="N")
    synth.add_argument("--seed", type=int, default=0, metavar="S")

    serve = command(
        "serve", commands.run_serve,
        help="share the dashboard with a team in a web browser (needs kursk-tui[serve])",
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
    serve.add_argument("--max-viewers", type=int, default=10, metavar="N",
                       help="the most viewers at once, each an app process (default: 10); one more "
                            "is told the server is full")
    return parser


class VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata is slow to load)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from importlib.metadata import version

        parser._print_message(f"{parser.prog} {version('kursk-tui')}\n", sys.stdout)
        parser.exit()


def add_published_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", required=True, type=iso_day, metavar="YYYY-MM-DD",
                        help="the article's publication day: relative dates are resolved against it")


def iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD day: {text!r}") from error


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path = args.db or default_db_path()
    try:
        return args.run(path, args)
    except (CommandError, StoreError) as error:
        tell(str(error), prefix=True)
    except sqlite3.Error as error:  # met after opening: a busy, full, damaged or read-only store
        tell(f"{path}: {store_problem(error)}", prefix=True)
    except BrokenPipeError:
        return 1
    return EXIT_USAGE

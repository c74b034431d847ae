"""``kursk-tui cite`` (one claim as a citation) and the filters of ``kursk-tui export``."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.commands import CommandError, speaker_pks, store
from tui.cli.output import show

if TYPE_CHECKING:
    from db.selection import Selection


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the ``cite`` subcommand with the parser's ``command`` helper."""
    cite = command(
        "cite", run_cite, help="print one claim as a citation (text or Markdown)",
        description="Print the claim CLAIM-ID (the id shown in the dashboard's detail and in exports) as a "
                    "citation: the words, who said or claimed them, the publisher, headline and date, and "
                    "the source's URL with a text fragment (#:~:text=) that opens the page at the words.")
    cite.add_argument("claim_id", metavar="CLAIM-ID")
    cite.add_argument("--format", dest="cite_format", choices=("text", "md"), default="text",
                      help="text: one line; md: one Markdown line (a blockquote for a quote), data escaped")


def add_export_filters(export: argparse.ArgumentParser) -> None:
    """The filters ``export`` narrows its claims by (every one given applies)."""
    export.add_argument("--speaker", dest="export_speakers", action="append", metavar="NAME",
                        help="only this speaker's claims (name or alias, any case or accents); repeat for several")
    export.add_argument("--search", metavar="WORDS",
                        help="only claims each word matches somewhere (text, speaker or claimant, metric, source "
                             "headline or publisher), as the dashboard's / does; each word a prefix")
    export.add_argument("--metric", metavar="M",
                        help="only figures of the metrics whose name holds these words (any case or accents)")
    export.add_argument("--source", metavar="ID-OR-WORDS",
                        help="only claims of this source: its id, or words of its headline or publisher")
    export.add_argument("--since", metavar="DATE",
                        help="only claims dated on or after DATE (2024-12-05, 'December 2024', 'last month')")
    export.add_argument("--until", metavar="DATE", help="only claims dated on or before DATE")


def selection(conn: sqlite3.Connection, args: argparse.Namespace, today: date | None = None) -> Selection:
    """The export's filters as a ``Selection``; a filter that names nothing is a CommandError."""
    from db.selection import Selection, SelectionError, day_bounds, matching_metrics, matching_sources, searched

    today = today or date.today()
    try:
        speakers = None
        if args.export_speakers:
            speakers = tuple(dict.fromkeys(pk for name in args.export_speakers for pk in speaker_pks(conn, name)))
        return searched(conn, Selection(
            speaker_pks=speakers, search=args.search or "",
            metrics=matching_metrics(conn, args.metric) if args.metric else None,
            source_pks=matching_sources(conn, args.source) if args.source else None,
            since=day_bounds(args.since, today)[0] if args.since else None,
            until=day_bounds(args.until, today)[1] if args.until else None))
    except SelectionError as error:
        raise CommandError(str(error)) from error


def run_cite(path: Path, args: argparse.Namespace) -> int:
    from db.cite import citation_markdown, citation_text, read_citable

    with store(path, args) as conn:
        citable = read_citable(conn, claim_id=args.claim_id)
    if citable is None:
        raise CommandError(f"no claim has the id {args.claim_id!r} (the detail panel and exports show ids)")
    show((citation_markdown if args.cite_format == "md" else citation_text)(citable) + "\n")
    return 0

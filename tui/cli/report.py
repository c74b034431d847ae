"""Plain-text tables for the terminal: the extractor's proposals and the figures report."""

from __future__ import annotations

import textwrap
from typing import Any

from db.checks import checked_note
from tui.display import clean
from tui.format import bounds


def proposals_table(document: dict[str, Any]) -> str:
    """The extractor's proposals, one line each, for reading in a terminal."""
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


SHOWN_CHECKS = 50  # per metric in the table; the JSON has every check
# Lines break at spaces only: breaking at hyphens too took 60 % of the table's time (measured at
# a million claims, 2,500 checks shown: 0.28 -> 0.11 s CPU).
CHECK_LINES = textwrap.TextWrapper(width=110, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False)
FIGURE_COLUMNS = (("claimant", 30), ("as printed", 26), ("bounds", 22), ("as of", 42), ("source", 14),
                  ("status", 12))


def figures_table(document: dict[str, Any]) -> str:
    """The figures report as aligned plain text, one block per metric: its summary line, one
    row per claim (its other reports named under it) and the checks."""
    header = "  ".join(f"{name:<{width}}" for name, width in FIGURE_COLUMNS)
    lines = []
    for metric in document["metrics"]:
        lines += [clean(metric["metric"]), f"  {clean(metric['summary'])}"]
        if note := checked_note(metric["counts"]["checked"], metric["counts"]["in_store"]):
            lines.append(f"  {note}")
        lines.append(f"  {header}".rstrip())
        first_source = {figure["id"]: figure["source"] for figure in metric["figures"]}
        for figure in metric["figures"]:
            if figure["reports"][0] != figure["id"] and figure["source"] != first_source.get(figure["reports"][0]):
                continue  # another outlet's report of a claim: shown once, under its first report
            cells = (figure["claimant_name"] or "", figure["text"],
                     bounds(figure["bound"], figure["value"], figure["low"], figure["high"], figure["unit"],
                            figure["base_text"]),
                     figure["as_of_shown"], figure["source_name"], figure["status"])
            row = "  ".join(fit(clean(cell), width) for cell, (_, width) in zip(cells, FIGURE_COLUMNS, strict=True))
            lines.append(f"  {row}".rstrip())
            if len(figure["reported_by"]) > 1:
                lines.append(f"    reported by {clean(', '.join(figure['reported_by']), limit=200)}")
        for check in metric["checks"][:SHOWN_CHECKS]:
            lines += CHECK_LINES.wrap(f"[{check['verdict']}] {check['kind']}: {clean(check['explanation'])}")
        if len(metric["checks"]) > SHOWN_CHECKS:
            more = len(metric["checks"]) - SHOWN_CHECKS
            lines.append(f"  ... and {more:,} more checks (--format json lists them all)")
        lines.append("")
    return "\n".join(lines)


def fit(text: str, width: int) -> str:
    """``text`` padded to ``width``, or cut with an ellipsis when longer."""
    return f"{text:<{width}}" if len(text) <= width else text[:width - 1] + "\u2026"

"""Exports of an interchange document for people: CSV (one row per claim) and Markdown."""

from __future__ import annotations

import csv
import io
import json

from db.interchange import CLAIM_FIELDS

CSV_COLUMNS = (
    "id", "kind", "actor", "actor_name", "text", "metric", "value", "low", "high", "bound",
    "hedge", "unit", "date", "date_text", "source", "span_start", "span_end", "status", "note",
)


def _claims(document: dict):
    for section, kind in (("quotes", "quote"), ("figures", "figure"), ("events", "event")):
        actor, actor_name, edtf, date_text, _ = CLAIM_FIELDS[kind]
        for record in document[section]:
            yield kind, record, record.get(actor), record.get(actor_name), record.get(edtf), record.get(date_text)


def to_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(document: dict) -> str:
    """One row per claim (quotes, figures, events), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for kind, record, actor, actor_name, edtf, date_text in _claims(document):
        span = record.get("span") or {}
        row = {
            "id": record["id"], "kind": kind, "actor": actor, "actor_name": actor_name,
            "text": record.get("text") or record.get("title"), "date": edtf,
            "date_text": date_text, "source": record["source"], "span_start": span.get("start"),
            "span_end": span.get("end"), "status": record.get("status"), "note": record.get("note"),
        }
        for field in ("metric", "value", "low", "high", "bound", "hedge", "unit"):
            row[field] = record.get(field)
        writer.writerow(["" if row[column] is None else _cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    # A text cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _md(text: str | None) -> str:
    """Markdown-inert text on one line: no markup, links or HTML from data."""
    if text is None:
        return ""
    flat = " ".join(text.split())
    return "".join("\\" + char if char in "\\`*_[]<>|~" else char for char in flat)


def to_markdown(document: dict) -> str:
    """A readable brief: who said what, the figures by metric, the sources."""
    lines = ["# kursk-tui brief", ""]
    lines += ["## Who said what", ""]
    for record in sorted(document["quotes"], key=lambda q: (q["speaker_name"] or "", q["said"] or "", q["id"])):
        when = f" ({_md(record['said_text'])}, {record['said']})" if record["said"] else ""
        lines.append(f"- **{_md(record['speaker_name'])}**{when}: \u201c{_md(record['text'])}\u201d")
    lines += ["", "## Figures", ""]
    metrics: dict[str, list] = {}
    for record in document["figures"]:
        metrics.setdefault(record["metric"], []).append(record)
    for metric in sorted(metrics):
        lines += [f"### {_md(metric)}", "", "| claimant | as printed | bound | low | value | high | as of | status |",
                  "|---|---|---|---|---|---|---|---|"]
        for record in sorted(metrics[metric], key=lambda f: (f["as_of"] or "", f["id"])):
            numbers = ["" if record[field] is None else f"{record[field]:g}" for field in ("low", "value", "high")]
            as_of = f"{_md(record['as_of_text'])} ({record['as_of']})" if record["as_of"] else ""
            lines.append(f"| {_md(record['claimant_name'])} | {_md(record['text'])} | {record['bound']} | "
                         + " | ".join(numbers) + f" | {as_of} | {record['status']} |")
        lines.append("")
    lines += ["## Sources", ""]
    for record in document["sources"]:
        title = _md(record["title"]) or "(untitled)"
        lines.append(f"- {title}, {_md(record['publisher'])}, {record['published'] or 'undated'}"
                     + (f". Note: {_md(record['note'])}" if record["note"] else ""))
    return "\n".join(lines) + "\n"

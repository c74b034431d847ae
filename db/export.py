"""Exports of an interchange document for people (CSV, one row per claim, and Markdown),
and writing an export to a file whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from db.errors import os_problem
from db.interchange import CLAIM_FIELDS
from db.visible import clean

STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")  # the store file and the files SQLite keeps beside it

CSV_COLUMNS = (
    "id", "kind", "actor", "actor_name", "text", "metric", "value", "low", "high", "bound",
    "hedge", "unit", "date", "date_text", "source", "span_start", "span_end", "status", "review",
    "reviewed_by", "reviewed_at", "note",
)


def _claims(document: dict):
    for section, kind in (("quotes", "quote"), ("figures", "figure"), ("events", "event")):
        actor, actor_name, edtf, date_text, _ = CLAIM_FIELDS[kind]
        for record in document[section]:
            yield kind, record, record.get(actor), record.get(actor_name), record.get(edtf), record.get(date_text)


CLAIM_SECTIONS = ("quotes", "figures", "events")
PROPOSED_MARK = "\u25c7 proposed"


def reviewed(document: dict, *, include_proposed: bool) -> tuple[dict, dict[str, int]]:
    """The document as people may read it: rejected claims never, proposals (not yet
    reviewed) only when ``include_proposed``; and how many claims were left out, by reason.

    Links and history of claims left out go too. The JSON export is not passed through here:
    it is the whole store, review state included, for re-import.
    """
    left_out = {"rejected": 0, "proposed": 0}
    kept = dict(document)
    dropped: set[str] = set()
    for section in CLAIM_SECTIONS:
        kept[section] = []
        for record in document.get(section, []):
            review = record.get("review") or "accepted"
            if review == "rejected" or (review == "proposed" and not include_proposed):
                left_out[review] += 1
                dropped.add(record["id"])
            else:
                kept[section].append(record)
    kept["links"] = [link for link in document.get("links", []) if not {link["from"], link["to"]} & dropped]
    kept["history"] = [entry for entry in document.get("history", []) if entry["claim"] not in dropped]
    return kept, left_out


def left_out_note(left_out: dict[str, int], *, proposals_optional: bool = True) -> str | None:
    """One sentence saying what an export left out and why, or None when it left out nothing."""
    parts = []
    if left_out.get("rejected"):
        n = left_out["rejected"]
        parts.append(f"{n} rejected claim{'s' if n != 1 else ''} (a reviewer found {'them' if n != 1 else 'it'} wrong)")
    if left_out.get("proposed"):
        n = left_out["proposed"]
        parts.append(f"{n} proposal{'s' if n != 1 else ''} not yet reviewed"
                     + (" (--include-proposed brings them in, marked)" if proposals_optional else ""))
    return f"Left out: {'; '.join(parts)}." if parts else None


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
            "span_end": span.get("end"), "status": record.get("status"), "review": record.get("review"),
            "reviewed_by": record.get("reviewed_by"), "reviewed_at": record.get("reviewed_at"),
            "note": record.get("note"),
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


def md_inert(text: str | None) -> str:
    """Markdown-inert text on one line: no markup, links, HTML or entities from data."""
    if text is None:
        return ""
    flat = " ".join(text.split())
    return "".join("\\" + char if char in "\\`*_[]<>|~&" else char for char in flat)


def _proposed(record: dict) -> str:
    return f" {PROPOSED_MARK}" if record.get("review") == "proposed" else ""


def to_markdown(document: dict, checks: dict[str, list[dict]] | None = None,
                left_out: dict[str, int] | None = None) -> str:
    """A readable brief of a ``reviewed()`` document: who said what, the figures by metric
    (with ``checks``, a metric's cross-checks as ``db.checks.report_document`` gives them),
    the sources, and what was left out (``left_out``) and why."""
    lines = ["# kursk-tui brief", ""]
    if note := left_out_note(left_out or {}):
        lines += [f"_{md_inert(note)}_", ""]
    lines += ["## Who said what", ""]
    for record in sorted(document["quotes"], key=lambda q: (q["speaker_name"] or "", q["said"] or "", q["id"])):
        when = f" ({md_inert(record['said_text'])}, {record['said']})" if record["said"] else ""
        lines.append(f"- **{md_inert(record['speaker_name'])}**{when}: \u201c{md_inert(record['text'])}\u201d"
                     + _proposed(record))
    lines += ["", "## Figures", ""]
    metrics: dict[str, list] = {}
    for record in document["figures"]:
        metrics.setdefault(record["metric"], []).append(record)
    for metric in sorted(metrics):
        lines += [f"### {md_inert(metric)}", "",
                  "| claimant | as printed | bound | low | value | high | as of | status |",
                  "|---|---|---|---|---|---|---|---|"]
        for record in sorted(metrics[metric], key=lambda f: (f["as_of"] or "", f["id"])):
            numbers = ["" if record[field] is None else f"{record[field]:g}" for field in ("low", "value", "high")]
            as_of = f"{md_inert(record['as_of_text'])} ({record['as_of']})" if record["as_of"] else ""
            lines.append(f"| {md_inert(record['claimant_name'])} | {md_inert(record['text'])} | {record['bound']} | "
                         + " | ".join(numbers) + f" | {as_of} | {record['status']}{_proposed(record)} |")
        lines.append("")
        for check in (checks or {}).get(metric, []):
            lines.append(f"- **{check['verdict']}** ({check['kind']}): {md_inert(check['explanation'])}")
        if (checks or {}).get(metric):
            lines.append("")
    lines += ["## Sources", ""]
    for record in document["sources"]:
        opening = " ".join((record.get("text") or "").split()[:8])
        title = md_inert(record["title"]) or (f"\u201c{md_inert(opening)}\u2026\u201d" if opening else "(no headline)")
        named = [title, md_inert(record["publisher"]), record["published"] or "undated"]
        lines.append("- " + ", ".join(part for part in named if part)
                     + (f", {md_inert(record['url'])}" if record.get("url") else "")
                     + (f". Note: {md_inert(record['note'])}" if record["note"] else ""))
    # Control characters in any field are shown as symbols: a brief is read on terminals too.
    return clean("\n".join(lines) + "\n", multiline=True, limit=None)


STATUS_LABELS = {
    "unverified": "Unverified",
    "publisher_unverified": "Not verified by the publisher",
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "superseded": "Superseded by a later figure",
    "false": "False",
}
ACTOR_TYPES = {"person": "Person", "government_body": "GovernmentOrganization"}


def to_claimreview(document: dict) -> str:
    """schema.org ClaimReview JSON-LD for the claims that carry a status other than unverified."""
    sources = {source["id"]: source for source in document["sources"]}
    actors = {actor["id"]: actor for actor in document["actors"]}
    reviews = []
    for kind, record, actor_id, actor_name, edtf, _date_text in _claims(document):
        if record.get("status", "unverified") == "unverified":
            continue
        source = sources.get(record["source"], {})
        actor = actors.get(actor_id or "", {})
        claimed = record.get("text") or record.get("title")
        if kind == "figure":
            claimed = f"{record['metric']}: {claimed}"
        appearance = {"@type": "NewsArticle" if source.get("kind", "article") == "article" else "CreativeWork",
                      "headline": source.get("title"), "url": source.get("url"),
                      "datePublished": source.get("published"),
                      "publisher": {"@type": "Organization", "name": source.get("publisher")}}
        item = {"@type": "Claim", "appearance": appearance, "firstAppearance": appearance}
        if actor_name:
            item["author"] = {"@type": ACTOR_TYPES.get(actor.get("kind"), "Organization"), "name": actor_name}
        if edtf and len(edtf) == 10:  # a day: schema.org dates are ISO 8601
            item["datePublished"] = edtf
        rating = STATUS_LABELS[record["status"]]
        if record.get("review") == "proposed":
            rating += " (proposed by the extractor, not yet reviewed)"
        review = {
            "@context": "https://schema.org", "@type": "ClaimReview", "identifier": record["id"],
            "claimReviewed": claimed, "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "alternateName": rating},
        }
        if record.get("note"):
            review["reviewRating"]["ratingExplanation"] = record["note"]
        if record.get("reviewed_by"):
            review["author"] = {"@type": "Person", "name": record["reviewed_by"]}
        if record.get("reviewed_at"):
            review["datePublished"] = record["reviewed_at"][:10]
        reviews.append(_without_nulls(review))
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def _without_nulls(value):
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    return value


class OutputError(ValueError):
    """An export cannot be written where asked; the message is one line for the user."""


def store_files(store: Path) -> list[Path]:
    """The store file and its journal files, which no export may overwrite."""
    return [store.with_name(store.name + suffix) for suffix in STORE_SUFFIXES]


def write_file(path: Path, text: str, *, protected: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a temporary file in the same
    folder, moved over ``path`` only once complete, so a full disk or a crash leaves an
    earlier file as it was. A device or FIFO (``/dev/stdout``) is written to directly.
    ``protected`` files (the store) are refused, by path and by inode."""
    target = path.resolve()
    existing = os.stat(target) if target.exists() else None
    for guarded in protected:
        if guarded.resolve() == target or (existing and guarded.exists() and os.path.samefile(guarded, target)):
            raise OutputError(f"{path}: that is the store (or one of its files); choose another output file")
    if existing and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    data = text.encode("utf-8")
    if existing and not stat.S_ISREG(existing.st_mode):
        _write_or_explain(path, lambda: target.write_bytes(data))
        return
    if not target.parent.is_dir():
        raise OutputError(f"{path}: no such folder: {target.parent}")
    mode = stat.S_IMODE(existing.st_mode) if existing else _default_mode()

    def replace() -> None:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    _write_or_explain(path, replace)


def _write_or_explain(path: Path, write: Callable[[], object]) -> None:
    try:
        write()
    except OSError as error:
        raise OutputError(f"{path}: cannot write it ({os_problem(error)})") from error


def _default_mode() -> int:
    """What a new file gets: read-write for all, less the umask (the CLI writes exports
    from its only thread, so reading the umask by setting it disturbs nothing)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def table_csv(columns: Sequence[str], rows: Iterable[dict]) -> str:
    """Rows (dicts by column name) as CSV with a header, for a listing as a pane shows it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[column] is None else _cell(row[column]) for column in columns])
    return out.getvalue()


def table_markdown(title: str, columns: Sequence[str], rows: Iterable[dict]) -> str:
    """Rows as a Markdown table under a heading, every cell Markdown-inert."""
    lines = [f"# {md_inert(title)}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = ("" if row[column] is None else md_inert(str(row[column])) for column in columns)
        lines.append("| " + " | ".join(cells) + " |")
    return clean("\n".join(lines) + "\n", multiline=True, limit=None)

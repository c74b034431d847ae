"""Exports of the store: the interchange JSON, and for people CSV (one row per claim),
Markdown and ClaimReview; each written as it is read (memory flat in the number of claims),
to a file whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import math
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any, NamedTuple

from db.errors import os_problem
from db.interchange import CLAIM_FIELDS, CLAIM_SECTIONS, Chosen, export_claims, export_sections, export_sources
from db.visible import clean

STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")  # the store file and the files SQLite keeps beside it

CSV_COLUMNS = (
    "id", "kind", "actor", "actor_name", "text", "metric", "value", "low", "high", "bound",
    "hedge", "unit", "date", "date_text", "source", "span_start", "span_end", "status", "review",
    "reviewed_by", "reviewed_at", "note",
)


Claim = tuple[str, dict[str, Any]]  # (kind, interchange record)
PROPOSED_MARK = "\u25c7 proposed"
ROWS_PER_CHUNK = 500  # CSV rows written at a time


class ClaimFields(NamedTuple):
    """A claim with its actor, actor's name, date and date as printed, whatever its kind."""

    kind: str
    record: dict[str, Any]
    actor: str | None
    actor_name: str | None
    edtf: str | None
    date_text: str | None


def _fields(claims: Iterable[Claim]) -> Iterator[ClaimFields]:
    for kind, record in claims:
        actor, actor_name, edtf, date_text, _ = CLAIM_FIELDS[kind]
        yield ClaimFields(kind, record, record.get(actor), record.get(actor_name), record.get(edtf),
                          record.get(date_text))


def store_claims(conn: sqlite3.Connection, chosen: Chosen) -> Iterator[Claim]:
    """The chosen claims as the document holds them: quotes, figures, events, each by id."""
    for kind in CLAIM_SECTIONS.values():
        for record in export_claims(conn, kind, chosen):
            yield kind, record


def for_people(conn: sqlite3.Connection, chosen: Chosen, *, include_proposed: bool) -> tuple[Chosen, dict[str, int]]:
    """The chosen claims people may read: rejected claims never, proposals (not yet reviewed)
    only when ``include_proposed``; and how many claims were left out, by reason.

    The JSON export does not pass through here: it is the whole store, review state
    included, for re-import.
    """
    hidden = ("rejected",) if include_proposed else ("rejected", "proposed")
    marks = ",".join("?" * len(hidden))
    counts = dict(conn.execute(  # review <> 'accepted': the partial index on review answers it
        f"SELECT c.review, count(*) FROM claims c WHERE ({chosen.clause}) AND c.review <> 'accepted' "
        f"AND c.review IN ({marks}) GROUP BY c.review", (*chosen.params, *hidden)).fetchall())
    left_out = {"rejected": counts.get("rejected", 0), "proposed": counts.get("proposed", 0)}
    return chosen.also(f"c.review NOT IN ({marks})", hidden), left_out


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


def json_text(sections: Iterable[tuple[str, Iterable[dict]]]) -> Iterator[str]:
    """The text ``to_json`` gives for the document of these sections, a record at a time."""
    for index, (name, records) in enumerate(sections):
        yield ("{" if index == 0 else ",") + f"\n  {json.dumps(name, ensure_ascii=False)}: "
        yield from _json_list(records, depth=2)
    yield "\n}\n"


def _json_list(records: Iterable[Any], depth: int) -> Iterator[str]:
    """A list as ``json.dumps(indent=2)`` writes it at ``depth`` levels in, an item at a time."""
    pad = "  " * depth
    first = True
    for record in records:
        yield ("[\n" if first else ",\n") + pad + _indented(record, pad)
        first = False
    yield "[]" if first else "\n" + "  " * (depth - 1) + "]"


# json.dumps with an indent encodes in Python, several times slower than its C encoder without one.
_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _indented(value: Any, pad: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with its lines after the first
    indented by ``pad``: objects and lists laid out here, strings by the C encoder, other
    values as json writes them. Keys must be strings (every record of the store's is)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return _LITERALS[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    if isinstance(value, dict) and value:
        inner = pad + "  "
        return ("{\n" + ",\n".join(f"{inner}{encode_basestring(key)}: {_indented(item, inner)}"
                                    for key, item in value.items()) + f"\n{pad}}}")
    if isinstance(value, list | tuple) and value:
        inner = pad + "  "
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + f"\n{pad}]"
    return _scalar(value)


_LITERALS = {None: "null", True: "true", False: "false"}


def store_json(conn: sqlite3.Connection, chosen: Chosen) -> Iterator[str]:
    """The interchange document of the chosen claims (the whole store unless narrowed) as JSON text."""
    return json_text(export_sections(conn, chosen))


def csv_text(claims: Iterable[Claim]) -> Iterator[str]:
    """One row per claim (quotes, figures, events), for spreadsheets, a few hundred rows at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for count, (kind, record, actor, actor_name, edtf, date_text) in enumerate(_fields(claims), start=1):
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
        if count % ROWS_PER_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


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


# The brief's order, as SQL over export_claims' aliases (to_markdown sorts a document's the same way).
QUOTE_ORDER = "coalesce(a.name, ''), coalesce(d.edtf, ''), c.id"
FIGURE_ORDER = "f.metric, coalesce(d.edtf, ''), c.id"


# A metric's cross-checks (as db.checks.report_checks gives them) and what was checked, when
# not every figure was (MetricReport.checked_note).
Checks = Callable[[str], tuple[list[dict], str]]


def to_markdown(document: dict, checks: Mapping[str, list[dict]] | None = None,
                left_out: dict[str, int] | None = None) -> str:
    """``markdown_text`` of a document whose claims people may read (see ``for_people``)."""
    quotes = sorted(document["quotes"], key=lambda q: (q["speaker_name"] or "", q["said"] or "", q["id"]))
    figures = sorted(document["figures"], key=lambda f: (f["metric"], f["as_of"] or "", f["id"]))
    return "".join(markdown_text(quotes, figures, document["sources"],
                                 lambda metric: ((checks or {}).get(metric, []), ""), left_out or {}))


def store_markdown(conn: sqlite3.Connection, chosen: Chosen, people: Chosen,
                   reports: Iterable[tuple[str, tuple[list[dict], str]]], left_out: dict[str, int]) -> Iterator[str]:
    """The brief of the claims ``people`` may read (``for_people``), with the sources of every
    chosen claim; ``reports``: each metric's checks and note, by metric name as the store sorts them."""
    return markdown_text(export_claims(conn, "quote", people, order=QUOTE_ORDER),
                         export_claims(conn, "figure", people, order=FIGURE_ORDER),
                         export_sources(conn, chosen), checks_in_order(reports), left_out)


def checks_in_order(reports: Iterable[tuple[str, tuple[list[dict], str]]]) -> Checks:
    """The checks of a metric, for metrics asked in name order, from (metric, (checks, note))
    pairs in that order (the brief's): each pair is held only until its metric or a later one is asked."""
    pending = iter(reports)
    current = next(pending, None)

    def of(metric: str) -> tuple[list[dict], str]:
        nonlocal current
        while current is not None and current[0] < metric:
            current = next(pending, None)
        return current[1] if current is not None and current[0] == metric else ([], "")

    return of


def markdown_text(quotes: Iterable[dict], figures: Iterable[dict], sources: Iterable[dict],
                  checks: Checks, left_out: dict[str, int]) -> Iterator[str]:
    """A readable brief, a line at a time: who said what (``quotes`` by speaker, date and id), the
    figures by metric (``figures`` by metric, as-of date and id, each metric with its ``checks``),
    the sources, and what was left out (``left_out``) and why."""
    for line in _markdown_lines(quotes, figures, sources, checks, left_out):
        # Control characters in any field are shown as symbols: a brief is read on terminals too.
        yield clean(line + "\n", multiline=True, limit=None)


def _markdown_lines(quotes: Iterable[dict], figures: Iterable[dict], sources: Iterable[dict],
                    checks: Checks, left_out: dict[str, int]) -> Iterator[str]:
    yield from ["# kursk-tui brief", ""]
    if note := left_out_note(left_out):
        yield from [f"_{md_inert(note)}_", ""]
    yield from ["## Who said what", ""]
    for record in quotes:
        when = f" ({md_inert(record['said_text'])}, {record['said']})" if record["said"] else ""
        yield (f"- **{md_inert(record['speaker_name'])}**{when}: \u201c{md_inert(record['text'])}\u201d"
               + _proposed(record))
    yield from ["", "## Figures", ""]
    for metric, records in itertools.groupby(figures, key=lambda record: record["metric"]):
        yield from [f"### {md_inert(metric)}", "",
                    "| claimant | as printed | bound | low | value | high | as of | status |",
                    "|---|---|---|---|---|---|---|---|"]
        for record in records:
            numbers = ["" if record[field] is None else f"{record[field]:g}" for field in ("low", "value", "high")]
            as_of = f"{md_inert(record['as_of_text'])} ({record['as_of']})" if record["as_of"] else ""
            yield (f"| {md_inert(record['claimant_name'])} | {md_inert(record['text'])} | {record['bound']} | "
                   + " | ".join(numbers) + f" | {as_of} | {record['status']}{_proposed(record)} |")
        yield ""
        found, note = checks(metric)
        if note:
            yield from [f"_{md_inert(note)}_", ""]
        for check in found:
            yield f"- **{check['verdict']}** ({check['kind']}): {md_inert(check['explanation'])}"
        if found:
            yield ""
    yield from ["## Sources", ""]
    for record in sources:
        opening = " ".join((record.get("text") or "").split()[:8])
        title = md_inert(record["title"]) or (f"\u201c{md_inert(opening)}\u2026\u201d" if opening else "(no headline)")
        named = [title, md_inert(record["publisher"]), record["published"] or "undated"]
        yield ("- " + ", ".join(part for part in named if part)
               + (f", {md_inert(record['url'])}" if record.get("url") else "")
               + (f". Note: {md_inert(record['note'])}" if record["note"] else ""))


STATUS_LABELS = {
    "unverified": "Unverified",
    "publisher_unverified": "Not verified by the publisher",
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "superseded": "Superseded by a later figure",
    "false": "False",
}
ACTOR_TYPES = {"person": "Person", "government_body": "GovernmentOrganization"}


def store_claimreview(conn: sqlite3.Connection, people: Chosen) -> Iterator[str]:
    """``claimreview_text`` of the claims ``people`` may read (``for_people``)."""
    sources = {row[0]: dict(zip(("kind", "title", "url", "published", "publisher"), row[1:], strict=True))
               for row in conn.execute("SELECT id, kind, title, url, published, publisher FROM sources")}
    actor_kinds = dict(conn.execute("SELECT id, kind FROM actors").fetchall())
    return claimreview_text(store_claims(conn, people), sources, actor_kinds)


def claimreview_text(claims: Iterable[Claim], sources: Mapping[str, dict], actor_kinds: Mapping[str, str]
                     ) -> Iterator[str]:
    """schema.org ClaimReview JSON-LD for the claims that carry a status other than unverified,
    a review at a time (``sources`` and ``actor_kinds`` by id)."""
    yield from _json_list((_claim_review(claim, sources, actor_kinds) for claim in _fields(claims)
                           if claim.record.get("status", "unverified") != "unverified"), depth=1)
    yield "\n"


def _claim_review(claim: ClaimFields, sources: Mapping[str, dict], actor_kinds: Mapping[str, str]) -> dict:
    kind, record, actor_id, actor_name, edtf, _date_text = claim
    source = sources.get(record["source"], {})
    claimed = record.get("text") or record.get("title")
    if kind == "figure":
        claimed = f"{record['metric']}: {claimed}"
    appearance = {"@type": "NewsArticle" if source.get("kind", "article") == "article" else "CreativeWork",
                  "headline": source.get("title"), "url": source.get("url"),
                  "datePublished": source.get("published"),
                  "publisher": {"@type": "Organization", "name": source.get("publisher")}}
    item = {"@type": "Claim", "appearance": appearance, "firstAppearance": appearance}
    if actor_name:
        item["author"] = {"@type": ACTOR_TYPES.get(actor_kinds.get(actor_id or "", ""), "Organization"),
                          "name": actor_name}
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
    return _without_nulls(review)


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
    """``write_chunks`` of one text."""
    write_chunks(path, [text], protected=protected)


def write_chunks(path: Path, chunks: Iterable[str], *, protected: Iterable[Path] = ()) -> None:
    """Write the text ``chunks`` make, as they come, to ``path`` whole or not at all: into a
    temporary file in the same folder, moved over ``path`` only once complete, so a full disk
    or a crash leaves an earlier file as it was. A device or FIFO (``/dev/stdout``) is written
    to directly. ``protected`` files (the store) are refused, by path and by inode."""
    target = path.resolve()
    existing = os.stat(target) if target.exists() else None
    for guarded in protected:
        if guarded.resolve() == target or (existing and guarded.exists() and os.path.samefile(guarded, target)):
            raise OutputError(f"{path}: that is the store (or one of its files); choose another output file")
    if existing and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")

    def write(file: IO[str]) -> None:
        for chunk in chunks:
            file.write(chunk)

    if existing and not stat.S_ISREG(existing.st_mode):
        def to_device() -> None:
            with open(target, "w", encoding="utf-8", newline="") as file:
                write(file)

        _write_or_explain(path, to_device)
        return
    if not target.parent.is_dir():
        raise OutputError(f"{path}: no such folder: {target.parent}")
    mode = stat.S_IMODE(existing.st_mode) if existing else _default_mode()

    def replace() -> None:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
                write(file)
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

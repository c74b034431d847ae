"""Articles into the store as they arrive: known again by their text, versioned by their URL.

``add_article`` writes one extractor document in one transaction:

- a text already in the store (same sha256) changes nothing: ``unchanged``;
- a new text at a URL the store already has is a new version of that source (a new source row
  whose ``previous_pk`` is the latest version). Each claim of the previous version whose span's
  exact words occur exactly once in the new text moves to the new version, re-anchored, with its
  review state and history (it is the same claim row); every other claim stays on the previous
  version and is marked orphaned (``claim_orphans``), never dropped. The extractor's proposals
  for spans a carried claim now holds are not added a second time;
- anything else is a new source.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db.connection import transaction
from db.interchange import CLAIM_FIELDS, CLAIM_SECTIONS, make_span, span_pk, text_sha256, write_document
from db.records import records

ADDED, VERSION, UNCHANGED = "added", "version", "unchanged"


@dataclass(frozen=True)
class Orphan:
    """A claim left on an earlier version because the newer one no longer holds its words once."""

    claim_id: str
    kind: str
    text: str
    source_id: str    # the version the claim stays on
    version_id: str   # the version whose text lost it
    reason: str       # "not found", "found 2 times"


@dataclass(frozen=True)
class Landed:
    """What adding one article did."""

    status: str                      # ADDED, VERSION or UNCHANGED
    source_id: str
    previous_id: str | None = None   # the version this one follows
    counts: dict[str, int] = field(default_factory=dict)   # records written per section
    carried: int = 0                 # claims moved over from the previous version
    orphans: tuple[Orphan, ...] = ()
    document: dict[str, Any] = field(default_factory=dict)  # as written, duplicates dropped


@dataclass
class _Anchor:
    """A claim or date of the previous version and where its words are in the new text."""

    pk: int
    record_id: str
    kind: str
    text: str
    exact: str
    start: int = -1
    reason: str = ""


def _find_once(text: str, exact: str) -> tuple[int, str]:
    """Where ``exact`` occurs in ``text`` if it occurs exactly once, else (-1, why not)."""
    first = text.find(exact)
    if first < 0:
        return -1, "not found"
    times, index = 1, text.find(exact, first + 1)
    while index >= 0:
        times, index = times + 1, text.find(exact, index + 1)
    return (first, "") if times == 1 else (-1, f"found {times} times")


def _anchors(conn: sqlite3.Connection, sql: str, previous_pk: int, text: str) -> list[_Anchor]:
    anchors = [_Anchor(pk=row[0], record_id=row[1], kind=row[2], text=row[3], exact=row[4])
               for row in conn.execute(sql, (previous_pk,))]
    for anchor in anchors:
        anchor.start, anchor.reason = _find_once(text, anchor.exact)
    return anchors


_CLAIMS_OF_VERSION = """
    SELECT c.pk, c.id, c.kind, c.text, s.exact FROM claims c JOIN spans s ON s.pk = c.span_pk
    WHERE c.source_pk = ? AND NOT EXISTS (SELECT 1 FROM claim_orphans o WHERE o.claim_pk = c.pk)
    ORDER BY c.pk"""
_DATES_OF_VERSION = """
    SELECT d.pk, d.id, 'date', d.text, s.exact FROM dates d JOIN spans s ON s.pk = d.span_pk
    WHERE d.source_pk = ? ORDER BY d.pk"""


def _without_carried(document: dict[str, Any], claims: Sequence[_Anchor], dates: Sequence[_Anchor]) -> dict:
    """The document without proposals for spans a carried claim or date already holds; references
    to a dropped record point at the record it duplicates."""
    held: dict[tuple[str, Any, Any], str] = {
        (anchor.kind, anchor.start, anchor.start + len(anchor.exact)): anchor.record_id
        for anchor in [*claims, *dates] if anchor.start >= 0}
    renamed: dict[str, str] = {}

    def kept(records: list[dict], kind: str) -> list[dict]:
        result = []
        for record in records:
            span = record.get("span") or {}
            existing = held.get((kind, span.get("start"), span.get("end")))
            if existing is None:
                result.append(record)
            else:
                renamed[record["id"]] = existing
        return result

    out = dict(document, dates=kept(document.get("dates", []), "date"))
    for section, kind in CLAIM_SECTIONS.items():
        out[section] = kept(document.get(section, []), kind)
    for section, kind in CLAIM_SECTIONS.items():
        date_field = CLAIM_FIELDS[kind][4]
        out[section] = [dict(record, **{name: renamed.get(record[name], record[name])
                                        for name in (date_field, "base") if record.get(name) is not None})
                        for record in out[section]]
    return out


def _latest_version(conn: sqlite3.Connection, url: str) -> tuple[int, str] | None:
    row = conn.execute("SELECT pk, id FROM sources WHERE url = ? ORDER BY pk DESC LIMIT 1", (url,)).fetchone()
    return (row[0], row[1]) if row else None


def find_source_by_text(conn: sqlite3.Connection, text: str) -> str | None:
    """The id of a source whose text is exactly ``text``, if the store has one."""
    row = conn.execute("SELECT id FROM sources WHERE text_sha256 = ? ORDER BY pk LIMIT 1",
                       (text_sha256(text),)).fetchone()
    return row[0] if row else None


def add_article(conn: sqlite3.Connection, document: dict[str, Any]) -> Landed:
    """Write one extractor document (one source) as described above, in one transaction.

    Raises DocumentError (nothing written) when the document is invalid.
    """
    source = document["sources"][0]
    text = source["text"]
    with transaction(conn):
        existing = find_source_by_text(conn, text)
        if existing is not None:
            return Landed(UNCHANGED, existing)
        previous = _latest_version(conn, source["url"]) if source.get("url") else None
        if previous is None:
            return Landed(ADDED, source["id"], counts=write_document(conn, document), document=document)
        previous_pk, previous_id = previous
        claims = _anchors(conn, _CLAIMS_OF_VERSION, previous_pk, text)
        dates = _anchors(conn, _DATES_OF_VERSION, previous_pk, text)
        document = _without_carried(document, claims, dates)
        counts = write_document(conn, document)
        new_pk = conn.execute("SELECT pk FROM sources WHERE id = ?", (source["id"],)).fetchone()[0]
        conn.execute("UPDATE sources SET previous_pk = ? WHERE pk = ?", (previous_pk, new_pk))
        for anchor in dates:
            if anchor.start >= 0:
                conn.execute("UPDATE dates SET source_pk = ?, span_pk = ? WHERE pk = ?",
                             (new_pk, _new_span(conn, new_pk, text, anchor), anchor.pk))
        orphans = []
        for anchor in claims:
            if anchor.start >= 0:
                conn.execute("UPDATE claims SET source_pk = ?, span_pk = ? WHERE pk = ?",
                             (new_pk, _new_span(conn, new_pk, text, anchor), anchor.pk))
            else:
                conn.execute("INSERT INTO claim_orphans (claim_pk, version_pk, reason) VALUES (?, ?, ?)",
                             (anchor.pk, new_pk, anchor.reason))
                orphans.append(Orphan(anchor.record_id, anchor.kind, anchor.text, previous_id, source["id"],
                                      anchor.reason))
    return Landed(VERSION, source["id"], previous_id, counts, carried=len(claims) - len(orphans),
                  orphans=tuple(orphans), document=document)


def _new_span(conn: sqlite3.Connection, source_pk: int, text: str, anchor: _Anchor) -> int | None:
    return span_pk(conn, source_pk, make_span(text, anchor.start, anchor.start + len(anchor.exact)))


def orphans(conn: sqlite3.Connection, source_id: str | None = None) -> list[Orphan]:
    """The orphaned claims of the store (or of the versions of one source id's URL), oldest first."""
    rows = records(
        conn,
        """SELECT c.id AS claim_id, c.kind, c.text, old.id AS source_id, new.id AS version_id, o.reason
           FROM claim_orphans o JOIN claims c ON c.pk = o.claim_pk
           JOIN sources old ON old.pk = c.source_pk JOIN sources new ON new.pk = o.version_pk
           WHERE ? IS NULL OR old.id = ? OR new.id = ? ORDER BY o.version_pk, c.pk""",
        (source_id, source_id, source_id))
    return [Orphan(**row) for row in rows]

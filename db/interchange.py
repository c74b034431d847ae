"""The JSON interchange document: exported from the store, validated, and applied to it.

A document is one object with ``sources``, ``actors``, ``dates``, ``quotes``,
``figures``, ``events``, ``links``, ``metrics`` (the vocabulary), ``quantity_words`` and
``history`` (every review action and edit). Records are keyed by stable text ids, so
applying the same document twice leaves the store as it was after the first time. A
proposal never overwrites a claim already in the store: a person may have reviewed it.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NoReturn, overload

from db import schema
from db.connection import transaction
from db.dates import edtf_bounds
from db.metrics import adopt_labels
from db.records import each_record
from db.spans import AFFIX_LENGTH, make_span
from db.speakers import text_key
from db.values import value_problem

MAX_FIELD_CHARS = 20_000          # any one field but a source's text
MAX_SOURCE_CHARS = 10_000_000     # a source's full text
SECTIONS = ("sources", "actors", "dates", "quotes", "figures", "events", "links", "metrics", "quantity_words",
            "history")
CLAIM_SECTIONS = {"quotes": "quote", "figures": "figure", "events": "event"}
# Per claim kind: the document's names for (actor, actor name, date edtf, date text, date id).
CLAIM_FIELDS = {
    "quote": ("speaker", "speaker_name", "said", "said_text", "said_date"),
    "figure": ("claimant", "claimant_name", "as_of", "as_of_text", "as_of_date"),
    "event": ("actor", "actor_name", "date", "date_text", "date_id"),
}


class DocumentError(ValueError):
    """A record of a document is invalid; the message names the record and the field."""

    def __init__(self, record: str, field: str, problem: str):
        self.record, self.field, self.problem = record, field, problem
        super().__init__(f"{record}, field {field}: {problem}")


def text_sha256(text: str) -> str:
    """The hex sha256 of a source's text (UTF-8): how an article already in the store is known again."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- export -------------------------------------------------------------------------------

def _span(row: Mapping[str, Any], prefix: str = "span_") -> dict[str, Any] | None:
    if row[prefix + "start"] is None:
        return None
    return {name: row[prefix + name] for name in ("start", "end", "exact", "prefix", "suffix")}


_SPAN_COLUMNS = """s.char_start AS span_start, s.char_end AS span_end, s.exact AS span_exact,
                   s.prefix AS span_prefix, s.suffix AS span_suffix"""


Records = Iterator[dict[str, Any]]


@dataclass(frozen=True)
class Chosen:
    """The claims an export holds: an SQL clause on claims ``c`` and its parameters (``narrows``:
    a selection; otherwise the whole store, and every source, actor and date with it)."""

    clause: str = "1"
    params: tuple[Any, ...] = ()
    narrows: bool = False

    def chosen(self, column: str, claim_column: str) -> tuple[str, tuple[Any, ...]]:
        """``column`` among the ``claim_column`` of the chosen claims."""
        if not self.narrows:
            return "1", ()
        return f"{column} IN (SELECT {claim_column} FROM claims c WHERE {self.clause})", self.params

    def also(self, clause: str, params: Sequence[Any] = ()) -> Chosen:
        """These claims narrowed further by ``clause``."""
        return Chosen(f"({self.clause}) AND ({clause})", (*self.params, *params), True)


def choose(actor_pks: Collection[int] | None = None, where: tuple[str, Sequence[Any]] | None = None) -> Chosen:
    """The claims of the given actors and those ``where`` selects (both: either narrows)."""
    clauses, params = [], []
    if actor_pks is not None:
        clauses.append(f"c.actor_pk IN ({','.join('?' * len(actor_pks))})")
        params += list(actor_pks)
    if where is not None:
        clauses.append(f"({where[0]})")
        params += where[1]
    return Chosen(" AND ".join(clauses), tuple(params), True) if clauses else Chosen()


def export_document(conn: sqlite3.Connection, actor_pks: Collection[int] | None = None, *,
                    where: tuple[str, Sequence[Any]] | None = None) -> dict:
    """The whole store, or the claims of the given actors and those ``where`` (an SQL clause
    on claims ``c`` and its parameters) selects, as an interchange document."""
    return {section: list(records) for section, records in export_sections(conn, choose(actor_pks, where))}


def export_sections(conn: sqlite3.Connection, chosen: Chosen) -> Iterator[tuple[str, Records]]:
    """The document's sections in order, each record read from the store as it is taken
    (take each section's records before the next section): memory stays flat in the claims."""
    yield "sources", export_sources(conn, chosen)
    yield "actors", _actors(conn, chosen)
    yield "dates", _dates(conn, chosen)
    for section, kind in CLAIM_SECTIONS.items():
        yield section, export_claims(conn, kind, chosen)
    yield "links", _links(conn, chosen)
    yield "metrics", _metrics(conn, chosen)
    yield "quantity_words", _quantity_words(conn, chosen)
    yield "history", _history(conn, chosen)


def export_sources(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    """The sources of the chosen claims (every source for the whole store), by id."""
    where, params = chosen.chosen("pk", "c.source_pk")
    for row in each_record(conn, f"SELECT * FROM sources WHERE {where} ORDER BY id", params):
        yield {
            "id": row["id"], "kind": row["kind"], "title": row["title"],
            "publisher": row["publisher"], "published": row["published"],
            "published_basis": row["published_basis"], "url": row["url"],
            "note": row["note"], "text": row["text"],
        }


def _actors(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    aliases: dict[int, list[str]] = {}
    for actor_pk, alias in conn.execute("SELECT actor_pk, alias FROM actor_aliases ORDER BY alias"):
        aliases.setdefault(actor_pk, []).append(alias)
    roles: dict[int, list[dict]] = {}
    for row in each_record(conn,
            f"""SELECT r.actor_pk, src.id AS source_id, {_SPAN_COLUMNS}
                FROM actor_roles r JOIN spans s ON s.pk = r.span_pk
                JOIN sources src ON src.pk = s.source_pk ORDER BY src.id, s.char_start"""):
        roles.setdefault(row["actor_pk"], []).append({"source": row["source_id"], "span": _span(row)})
    where, params = chosen.chosen("pk", "c.actor_pk")
    for row in each_record(conn, f"SELECT * FROM actors WHERE {where} ORDER BY id", params):
        yield {
            "id": row["id"], "name": row["name"], "kind": row["kind"], "role": row["role"],
            "aliases": aliases.get(row["pk"], []), "roles": roles.get(row["pk"], []),
        }


def _dates(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    """The dates the chosen claims use, and every date of their sources."""
    used, used_params = chosen.chosen("d.pk", "c.date_pk")
    in_sources, source_params = chosen.chosen("d.source_pk", "c.source_pk")
    where = f"{used} OR {in_sources}" if chosen.narrows else "1"
    for row in each_record(conn,
            f"""SELECT d.*, src.id AS source_id, {_SPAN_COLUMNS} FROM dates d
                LEFT JOIN sources src ON src.pk = d.source_pk
                LEFT JOIN spans s ON s.pk = d.span_pk WHERE {where} ORDER BY d.id""",
            (*used_params, *source_params)):
        yield {
            "id": row["id"], "text": row["text"], "edtf": row["edtf"], "lower": row["lower"],
            "upper": row["upper"], "precision": row["precision"],
            "resolved_against": row["resolved_against"], "source": row["source_id"],
            "span": _span(row),
        }


def export_claims(conn: sqlite3.Connection, kind: str, chosen: Chosen, order: str = "c.id") -> Records:
    """The chosen claims of one kind as interchange records, in ``order`` (SQL over ``c``,
    ``a`` the actor, ``d`` the date and ``f`` the figure; by id unless asked)."""
    actor_field, name_field, edtf_field, text_field, date_field = CLAIM_FIELDS[kind]
    for row in each_record(conn,
            f"""SELECT c.*, src.id AS source_id, a.id AS actor_id, a.name AS actor_name,
                       d.id AS date_id, d.edtf AS date_edtf, d.text AS date_text,
                       f.metric, f.value, f.low, f.high, f.bound, f.hedge, f.unit, f.per_unit,
                       base.id AS base_id, e.place, {_SPAN_COLUMNS}
                FROM claims c JOIN sources src ON src.pk = c.source_pk
                LEFT JOIN actors a ON a.pk = c.actor_pk
                LEFT JOIN dates d ON d.pk = c.date_pk
                LEFT JOIN spans s ON s.pk = c.span_pk
                LEFT JOIN figures f ON f.claim_pk = c.pk
                LEFT JOIN claims base ON base.pk = f.base_pk
                LEFT JOIN events e ON e.claim_pk = c.pk
                WHERE c.kind = ? AND {chosen.clause} ORDER BY {order}""",
            (kind, *chosen.params)):
        record: dict[str, Any] = {"id": row["id"]}
        if kind == "event":
            record["title"] = row["text"]
        record.update({actor_field: row["actor_id"], name_field: row["actor_name"]})
        if kind == "quote":
            record["text"] = row["text"]
        if kind == "figure":
            record.update(metric=row["metric"], value=row["value"], low=row["low"],
                          high=row["high"], bound=row["bound"], hedge=row["hedge"],
                          unit=row["unit"], per_unit=row["per_unit"], base=row["base_id"],
                          text=row["text"])
        record.update({edtf_field: row["date_edtf"], text_field: row["date_text"],
                       date_field: row["date_id"]})
        if kind == "event":
            record["place"] = row["place"]
        record.update(source=row["source_id"], span=_span(row), status=row["status"],
                      note=row["note"], review=row["review"], reviewed_by=row["reviewed_by"],
                      reviewed_at=row["reviewed_at"], confidence=row["confidence"])
        yield record


def _links(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    """The links from or to a chosen claim."""
    from_chosen, from_params = chosen.chosen("l.from_pk", "c.pk")
    to_chosen, to_params = chosen.chosen("l.to_pk", "c.pk")
    where = f"{from_chosen} OR {to_chosen}" if chosen.narrows else "1"
    for row in each_record(conn,
            f"""SELECT f.id AS from_id, t.id AS to_id, l.kind, l.note FROM claim_links l
                JOIN claims f ON f.pk = l.from_pk JOIN claims t ON t.pk = l.to_pk
                WHERE {where} ORDER BY f.id, t.id, l.kind""", (*from_params, *to_params)):
        yield {"from": row["from_id"], "to": row["to_id"], "kind": row["kind"], "note": row["note"]}


def _metrics(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    """The metrics the chosen figures use (all of them for the whole store) and their parents."""
    rows = {row["pk"]: row for row in each_record(conn,
        """SELECT m.*, p.id AS parent_id FROM metrics m LEFT JOIN metrics p ON p.pk = m.parent_pk ORDER BY m.id""")}
    names = {name for (name,) in conn.execute(
        f"SELECT DISTINCT f.metric FROM figures f JOIN claims c ON c.pk = f.claim_pk WHERE {chosen.clause}",
        chosen.params)} if chosen.narrows else set()
    wanted = {pk for pk, row in rows.items() if not chosen.narrows or row["name"] in names}
    wanted |= {row["parent_pk"] for pk, row in rows.items() if pk in wanted and row["parent_pk"]}
    for pk, row in rows.items():
        if pk in wanted:
            yield {"id": row["id"], "name": row["name"], "subject": row["subject"],
                   "quantity": row["quantity"], "unit": row["unit"], "parent": row["parent_id"]}


def _quantity_words(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    """The words for each quantity: with the whole store only."""
    if not chosen.narrows:
        for phrase, quantity in conn.execute("SELECT phrase, quantity FROM quantity_words ORDER BY phrase"):
            yield {"phrase": phrase, "quantity": quantity}


def _history(conn: sqlite3.Connection, chosen: Chosen) -> Records:
    for row in each_record(conn,
            f"""SELECT c.id AS claim_id, h.* FROM claim_history h JOIN claims c ON c.pk = h.claim_pk
                WHERE {chosen.clause} ORDER BY h.pk""", chosen.params):
        yield {"claim": row["claim_id"], "change": row["change_id"], "action": row["action"],
               "field": row["field"], "before": json.loads(row["before"]), "after": json.loads(row["after"]),
               "who": row["who"], "at": row["at"], "undoes": row["undoes"]}


# --- validation ------------------------------------------------------------------------------

class _Checker:
    """Field checks that raise DocumentError naming the record."""

    def __init__(self, section: str, index: int, record: Any):
        record_id = record.get("id") if isinstance(record, dict) else None
        self.name = f"{section}[{index}]" + (f" (id {record_id!r})" if record_id is not None else "")
        if not isinstance(record, dict):
            self.fail("(record)", "must be an object")
        self.record = record

    def fail(self, field: str, problem: str) -> NoReturn:
        raise DocumentError(self.name, field, problem)

    @overload
    def text(self, field: str, *, required: Literal[True], choices: tuple[str, ...] = (),
             limit: int = MAX_FIELD_CHARS) -> str: ...

    @overload
    def text(self, field: str, *, required: bool = False, choices: tuple[str, ...] = (),
             limit: int = MAX_FIELD_CHARS) -> str | None: ...

    def text(self, field: str, *, required: bool = False, choices: tuple[str, ...] = (),
             limit: int = MAX_FIELD_CHARS) -> str | None:
        value = self.record.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, "is required")
            return None
        value = self.string(field, value, limit=limit)
        if choices and value not in choices:
            self.fail(field, f"must be one of {', '.join(choices)}; got {value!r}")
        return value

    def string(self, field: str, value: Any, *, limit: int = MAX_FIELD_CHARS) -> str:
        """``value`` if it is a string of at most ``limit`` characters that UTF-8 can hold."""
        if not isinstance(value, str):
            self.fail(field, f"must be a string, not {type(value).__name__}")
        if len(value) > limit:
            self.fail(field, f"is {len(value):,} characters long; the limit is {limit:,}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            self.fail(field, f"holds {value[error.start]!a} at character {error.start}, which is not text "
                             "(a lone surrogate)")
        return value

    def number(self, field: str) -> float | None:
        """A finite number (JSON allows integers no float can hold: those are refused too)."""
        value = self.record.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"must be a number, not {type(value).__name__}")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            self.fail(field, "must be a finite number")
        return number

    def edtf(self, field: str) -> tuple | None:
        value = self.text(field)
        if value is None:
            return None
        try:
            return edtf_bounds(value)
        except ValueError as error:
            self.fail(field, str(error))


def _check_span(check: _Checker, source_text: str | None, field: str = "span") -> dict | None:
    span = check.record.get(field)
    if span is None:
        return None
    if not isinstance(span, dict):
        check.fail(field, "must be an object with start, end and exact")
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
            or isinstance(end, bool) or not 0 <= start < end <= MAX_SOURCE_CHARS:
        check.fail(f"{field}.start", f"start and end must be integers with 0 <= start < end <= "
                                     f"{MAX_SOURCE_CHARS:,}; got {start!r}, {end!r}")
    exact = span.get("exact")
    if exact is None:
        check.fail(f"{field}.exact", "is required")
    exact = check.string(f"{field}.exact", exact, limit=MAX_SOURCE_CHARS)
    if source_text is not None:
        if end > len(source_text):
            check.fail(f"{field}.end", f"{end} is past the end of the source text ({len(source_text)} characters)")
        if source_text[start:end] != exact:
            check.fail(f"{field}.exact", f"does not match the source text at [{start}:{end})")
        return make_span(source_text, start, end)
    affixes = {name: check.string(f"{field}.{name}", span.get(name) or "", limit=AFFIX_LENGTH * 4)
               for name in ("prefix", "suffix")}
    return {"start": start, "end": end, "exact": exact, **affixes}


class _References:
    """Ids a document may refer to: its own, earlier documents', and the store's (looked up)."""

    TABLES = {"sources": "sources", "actors": "actors", "dates": "dates", "quotes": "claims",
              "figures": "claims", "events": "claims", "metrics": "metrics"}

    def __init__(self, conn: sqlite3.Connection | None, documents: Sequence[dict]):
        self.conn = conn
        self.ids: dict[str, set] = {table: set() for table in set(self.TABLES.values())}
        self.texts: dict[str, str | None] = {}
        for document in documents:
            for section, table in self.TABLES.items():
                for record in document.get(section) or []:
                    if isinstance(record, dict) and isinstance(record.get("id"), str):
                        self.ids[table].add(record["id"])
                        if section == "sources":
                            self.texts[record["id"]] = record.get("text")

    def has(self, table: str, record_id: str) -> bool:
        if record_id in self.ids[table]:
            return True
        return self.conn is not None and self.conn.execute(
            f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None

    def source_text(self, source_id: str) -> str | None:
        if source_id not in self.texts and self.conn is not None:
            row = self.conn.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()
            self.texts[source_id] = row[0] if row else None
        return self.texts.get(source_id)


def validate_document(document: Any, conn: sqlite3.Connection | None = None,
                      earlier: Sequence[dict] = ()) -> dict:
    """Check a document in full before anything is written; return it normalised.

    References (sources, actors, dates, base figures, links) may point into the
    document itself, into ``earlier`` documents of the same import, or, when ``conn``
    is given, into the store.
    """
    if not isinstance(document, dict):
        raise DocumentError("(document)", "(top level)", "must be a JSON object")
    for section in SECTIONS:
        if not isinstance(document.get(section, []), list):
            raise DocumentError("(document)", section, "must be a list")
    refs = _References(conn, [*earlier, document])
    seen: set[tuple[str, str]] = set()

    def unique_id(check: _Checker, section: str) -> str:
        record_id = check.text("id", required=True)
        group = "claims" if section in CLAIM_SECTIONS else section
        if (group, record_id) in seen:
            check.fail("id", f"{record_id!r} appears twice in the document")
        seen.add((group, record_id))
        return record_id

    normal: dict[str, list] = {section: [] for section in SECTIONS}
    for index, record in enumerate(document.get("sources", [])):
        check = _Checker("sources", index, record)
        unique_id(check, "sources")
        check.text("kind", choices=schema.SOURCE_KINDS)
        for field in ("title", "publisher", "url", "published_basis", "note"):
            check.text(field)
        check.text("text", limit=MAX_SOURCE_CHARS)
        check.edtf("published")
        normal["sources"].append(dict(record, kind=record.get("kind") or "article"))

    def source_of(check: _Checker) -> str | None:
        source_id = check.text("source")
        if source_id is not None and not refs.has("sources", source_id):
            check.fail("source", f"unknown source {source_id!r}")
        return source_id

    def required_source(check: _Checker) -> str:
        return source_of(check) or check.fail("source", "is required")

    for index, record in enumerate(document.get("actors", [])):
        check = _Checker("actors", index, record)
        unique_id(check, "actors")
        check.text("name", required=True)
        check.text("kind", required=True, choices=schema.ACTOR_KINDS)
        check.text("role")
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            check.fail("aliases", "must be a list of non-empty strings")
        for alias_index, alias in enumerate(aliases):
            check.string(f"aliases[{alias_index}]", alias)
        roles = []
        if not isinstance(record.get("roles") or [], list):
            check.fail("roles", "must be a list of {source, span} objects")
        for role_index, role in enumerate(record.get("roles") or []):
            role_check = _Checker(f"{check.name}.roles", role_index, role)
            source_id = required_source(role_check)
            span = _check_span(role_check, refs.source_text(source_id))
            if span is None:
                role_check.fail("span", "is required")
            roles.append({"source": source_id, "span": span})
        normal["actors"].append(dict(record, aliases=aliases, roles=roles))

    for index, record in enumerate(document.get("dates", [])):
        check = _Checker("dates", index, record)
        unique_id(check, "dates")
        check.text("text")
        lower, upper, precision = check.edtf("edtf") or check.fail("edtf", "is required")
        if record.get("precision") is not None:
            precision = check.text("precision", choices=schema.PRECISIONS)
        against = check.edtf("resolved_against")
        date_source = source_of(check)
        span = _check_span(check, refs.source_text(date_source)) if date_source else None
        normal["dates"].append({
            "id": record["id"], "text": record.get("text"), "edtf": record["edtf"],
            "lower": lower.isoformat(), "upper": upper.isoformat(), "precision": precision,
            "resolved_against": against[0].isoformat() if against else None,
            "source": date_source, "span": span,
        })

    for section, kind in CLAIM_SECTIONS.items():
        actor_field, _, edtf_field, text_field, date_field = CLAIM_FIELDS[kind]
        for index, record in enumerate(document.get(section, [])):
            check = _Checker(section, index, record)
            unique_id(check, section)
            text = check.text("title" if kind == "event" else "text", required=kind != "figure")
            actor = check.text(actor_field, required=kind != "event")
            if actor is not None and not refs.has("actors", actor):
                check.fail(actor_field, f"unknown actor {actor!r}")
            source_id = required_source(check)
            span = _check_span(check, refs.source_text(source_id))
            date_id = check.text(date_field)
            if date_id is not None and not refs.has("dates", date_id):
                check.fail(date_field, f"unknown date {date_id!r}")
            bounds = check.edtf(edtf_field)
            if date_id is None and bounds is not None:
                # A claim dated by EDTF alone gets a date record of its own.
                date_id = f"{record['id']}#date"
                normal["dates"].append({
                    "id": date_id, "text": check.text(text_field), "edtf": record[edtf_field],
                    "lower": bounds[0].isoformat(), "upper": bounds[1].isoformat(),
                    "precision": bounds[2], "resolved_against": None, "source": source_id,
                    "span": None,
                })
            claim = {"id": record["id"], "kind": kind, "actor": actor, "source": source_id,
                     "span": span, "date": date_id,
                     "status": check.text("status", choices=schema.CLAIM_STATUSES) or "unverified",
                     "note": check.text("note"),
                     "review": check.text("review", choices=schema.REVIEW_STATES) or "accepted",
                     "reviewed_by": check.text("reviewed_by"), "reviewed_at": check.text("reviewed_at"),
                     "confidence": check.number("confidence")}
            if claim["confidence"] is not None and not 0 <= claim["confidence"] <= 1:
                check.fail("confidence", f"must be between 0 and 1, not {claim['confidence']:g}")
            if kind == "figure":
                claim.update(_check_figure(check, refs))
                text = text or (span["exact"] if span else None) or check.fail("text", "is required without a span")
            if kind == "event":
                claim["place"] = check.text("place")
            claim["text"] = text
            normal[section].append(claim)

    for index, record in enumerate(document.get("links", [])):
        check = _Checker("links", index, record)
        for field in ("from", "to"):
            value = check.text(field, required=True)
            if not refs.has("claims", value):
                check.fail(field, f"unknown claim {value!r}")
        if record["from"] == record["to"]:
            check.fail("to", "a claim cannot link to itself")
        check.text("kind", required=True, choices=schema.LINK_KINDS)
        check.text("note")
        normal["links"].append({field: record.get(field) for field in ("from", "to", "kind", "note")})

    for index, record in enumerate(document.get("metrics", [])):
        check = _Checker("metrics", index, record)
        metric: dict[str, str | None] = {
            field: check.text(field, required=True) for field in ("id", "name", "subject", "quantity", "unit")}
        metric["parent"] = check.text("parent")
        if metric["parent"] is not None and not refs.has("metrics", metric["parent"]):
            check.fail("parent", f"unknown metric {metric['parent']!r}")
        normal["metrics"].append(metric)
    for index, record in enumerate(document.get("quantity_words", [])):
        check = _Checker("quantity_words", index, record)
        normal["quantity_words"].append({field: check.text(field, required=True) for field in ("phrase", "quantity")})
    for index, record in enumerate(document.get("history", [])):
        check = _Checker("history", index, record)
        entry: dict[str, Any] = {
            field: check.text(field, required=True) for field in ("claim", "change", "field", "who", "at")}
        entry["action"] = check.text("action", required=True, choices=schema.HISTORY_ACTIONS)
        entry["undoes"] = check.text("undoes")
        if not refs.has("claims", entry["claim"]):
            check.fail("claim", f"unknown claim {entry['claim']!r}")
        for field in ("before", "after"):
            value = record.get(field)
            if value is not None and not isinstance(value, str | int | float):
                check.fail(field, "must be text, a number or null")
            if isinstance(value, str):
                check.text(field)
            entry[field] = value
        normal["history"].append(entry)
    return normal


def _check_figure(check: _Checker, refs: _References) -> dict:
    bound = check.text("bound", required=True, choices=schema.BOUND_KINDS)
    unit = check.text("unit", required=True)
    value, low, high = check.number("value"), check.number("low"), check.number("high")
    for field, number in (("value", value), ("low", low), ("high", high)):
        if number is not None and (problem := value_problem(number, unit)):
            check.fail(field, f"{number:g} is {problem}" if problem != "not a number" else problem)
    if value is None and low is None and high is None:
        check.fail("value", "a figure needs a value, a low or a high")
    if low is not None and high is not None and low > high:
        check.fail("low", f"low {low:g} is above high {high:g}")
    if bound == "range" and (low is None or high is None):
        check.fail("low", "a range needs both low and high")
    base = check.text("base")
    if bound == "fraction_of" and base is None:
        check.fail("base", "a fraction_of figure needs the base figure it is a fraction of")
    if base is not None and not refs.has("claims", base):
        check.fail("base", f"unknown figure {base!r}")
    return {"metric": check.text("metric", required=True), "value": value, "low": low,
            "high": high, "bound": bound, "hedge": check.text("hedge"),
            "unit": unit, "per_unit": check.text("per_unit"),
            "base": base}


# --- applying --------------------------------------------------------------------------------

def apply_document(conn: sqlite3.Connection, document: Any) -> dict[str, int]:
    """Validate a document, then upsert all of it in one transaction.

    Raises DocumentError (nothing written) when any record is invalid. Returns how
    many records of each section the document holds.
    """
    return apply_documents(conn, [document])


def apply_documents(conn: sqlite3.Connection, documents: Sequence[Any],
                    names: Sequence[str] = ()) -> dict[str, int]:
    """Validate every document (each may refer to earlier ones), then upsert them all in
    one transaction. A DocumentError names the document (``names``) it came from."""
    normals = []
    for index, document in enumerate(documents):
        try:
            normals.append(validate_document(document, conn, earlier=documents[:index]))
        except DocumentError as error:
            if index < len(names):
                error.record = f"{names[index]}: {error.record}"
                error.args = (f"{error.record}, field {error.field}: {error.problem}",)
            raise
    with transaction(conn):
        for normal in normals:
            _apply(conn, normal)
    return {section: sum(len(normal[section]) for normal in normals) for section in SECTIONS}


def write_document(conn: sqlite3.Connection, document: Any) -> dict[str, int]:
    """Validate a document and upsert it inside the caller's transaction (``transaction(conn)``)."""
    normal = validate_document(document, conn)
    _apply(conn, normal)
    return {section: len(normal[section]) for section in SECTIONS}


def _pk_or_none(conn: sqlite3.Connection, table: str, record_id: str) -> int | None:
    row = conn.execute(f"SELECT pk FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None


def _pk(conn: sqlite3.Connection, table: str, record_id: str | None) -> int | None:
    if record_id is None:
        return None
    return conn.execute(f"SELECT pk FROM {table} WHERE id = ?", (record_id,)).fetchone()[0]


def _upsert(conn: sqlite3.Connection, table: str, values: dict[str, Any], key: str = "id") -> int:
    """Insert or update one record by ``key``; a record that is already as given is not touched."""
    columns = ", ".join(values)
    changing = [column for column in values if column != key]
    updates = ", ".join(f"{column} = excluded.{column}" for column in changing)
    changed = " OR ".join(f"{table}.{column} IS NOT excluded.{column}" for column in changing)
    placeholders = ", ".join(f":{column}" for column in values)
    row = conn.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates} WHERE {changed} RETURNING rowid", values,
    ).fetchone()
    if row is None:  # unchanged: the update was skipped, so nothing was returned
        row = conn.execute(f"SELECT rowid FROM {table} WHERE {key} = :{key}", values).fetchone()
    return row[0]


def span_pk(conn: sqlite3.Connection, source_pk: int | None, span: dict | None) -> int | None:
    if span is None or source_pk is None:
        return None
    return conn.execute(
        """INSERT INTO spans (source_pk, char_start, char_end, exact, prefix, suffix)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (source_pk, char_start, char_end) DO UPDATE
           SET exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix
           RETURNING pk""",
        (source_pk, span["start"], span["end"], span["exact"], span["prefix"], span["suffix"]),
    ).fetchone()[0]


def _apply(conn: sqlite3.Connection, normal: dict[str, list]) -> None:
    for record in normal["sources"]:
        lower = upper = None
        if record.get("published"):
            lower, upper, _ = edtf_bounds(record["published"])
        _upsert(conn, "sources", {
            "id": record["id"], "kind": record["kind"], "title": record.get("title"),
            "publisher": record.get("publisher"), "url": record.get("url"),
            "published": record.get("published"),
            "published_lower": lower and lower.isoformat(),
            "published_upper": upper and upper.isoformat(),
            "published_basis": record.get("published_basis"), "note": record.get("note"),
            "text": record.get("text"),
            "text_sha256": text_sha256(record["text"]) if record.get("text") is not None else None,
        })
    for record in normal["actors"]:
        actor_pk = _upsert(conn, "actors", {
            "id": record["id"], "name": record["name"], "name_key": text_key(record["name"]),
            "kind": record["kind"], "role": record.get("role"),
        })
        # Aliases and roles add up across documents: one article's "Vaschenko" never drops another's.
        conn.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_pk, alias, alias_key) VALUES (?, ?, ?)",
            [(actor_pk, alias, text_key(alias)) for alias in record["aliases"]],
        )
        for role in record["roles"]:
            role_span_pk = span_pk(conn, _pk(conn, "sources", role["source"]), role["span"])
            conn.execute("INSERT OR IGNORE INTO actor_roles (actor_pk, span_pk) VALUES (?, ?)",
                         (actor_pk, role_span_pk))
    for record in normal["dates"]:
        source_pk = _pk(conn, "sources", record["source"])
        _upsert(conn, "dates", {
            "id": record["id"], "source_pk": source_pk,
            "span_pk": span_pk(conn, source_pk, record["span"]) if source_pk else None,
            "text": record["text"], "edtf": record["edtf"], "lower": record["lower"],
            "upper": record["upper"], "precision": record["precision"],
            "resolved_against": record["resolved_against"],
        })
    for record in normal["metrics"]:
        if conn.execute("SELECT 1 FROM metrics WHERE name = ? AND id <> ?", (record["name"], record["id"])).fetchone():
            continue  # the store already has this metric under another id: its figures join it by name
        _upsert(conn, "metrics", {field: record[field] for field in ("id", "name", "subject", "quantity", "unit")})
    for record in normal["metrics"]:
        conn.execute("UPDATE metrics SET parent_pk = (SELECT pk FROM metrics WHERE id = ?) WHERE id = ? AND "
                     "parent_pk IS NOT (SELECT pk FROM metrics WHERE id = ?)",
                     (record["parent"], record["id"], record["parent"]))
    conn.executemany("INSERT OR IGNORE INTO quantity_words (phrase, quantity) VALUES (?, ?)",
                     [(record["phrase"], record["quantity"]) for record in normal["quantity_words"]])
    claims = normal["quotes"] + normal["figures"] + normal["events"]
    for record in claims:
        existing = _pk_or_none(conn, "claims", record["id"])
        if record["review"] == "proposed" and existing is not None:
            record["pk"], record["kept"] = existing, True
            continue
        source_pk = _pk(conn, "sources", record["source"])
        date = conn.execute("SELECT pk, lower, upper FROM dates WHERE id = ?",
                            (record["date"],)).fetchone() if record["date"] else (None, None, None)
        claim_pk = _upsert(conn, "claims", {
            "id": record["id"], "kind": record["kind"], "source_pk": source_pk,
            "span_pk": span_pk(conn, source_pk, record["span"]),
            "actor_pk": _pk(conn, "actors", record["actor"]),
            "date_pk": date[0], "date_lower": date[1], "date_upper": date[2],
            "text": record["text"], "status": record["status"], "note": record["note"],
            "review": record["review"], "reviewed_by": record["reviewed_by"],
            "reviewed_at": record["reviewed_at"], "confidence": record["confidence"],
        })
        record["pk"] = claim_pk
        if record["kind"] == "event":
            _upsert(conn, "events", {"claim_pk": claim_pk, "place": record["place"]}, key="claim_pk")
    # Figures after all claims, so a base may come later in the document.
    for record in normal["figures"]:
        if record.get("kept"):
            continue
        _upsert(conn, "figures", {
            "claim_pk": record["pk"], "metric": record["metric"], "value": record["value"],
            "low": record["low"], "high": record["high"], "bound": record["bound"],
            "hedge": record["hedge"], "unit": record["unit"], "per_unit": record["per_unit"],
            "base_pk": _pk(conn, "claims", record["base"]),
        }, key="claim_pk")
    adopt_labels(conn, {record["metric"] for record in normal["figures"] if not record.get("kept")})
    conn.executemany(
        """INSERT OR IGNORE INTO claim_history (change_id, claim_pk, action, field, before, after, who, at, undoes)
           VALUES (?, (SELECT pk FROM claims WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)""",
        [(entry["change"], entry["claim"], entry["action"], entry["field"], json.dumps(entry["before"]),
          json.dumps(entry["after"]), entry["who"], entry["at"], entry["undoes"]) for entry in normal["history"]])
    for record in normal["links"]:
        conn.execute(
            """INSERT INTO claim_links (from_pk, to_pk, kind, note) VALUES (?, ?, ?, ?)
               ON CONFLICT (from_pk, to_pk, kind) DO UPDATE SET note = excluded.note""",
            (_pk(conn, "claims", record["from"]), _pk(conn, "claims", record["to"]),
             record["kind"], record["note"]),
        )

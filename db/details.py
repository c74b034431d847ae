"""What the detail views read: one claim with everything about it, one source with its spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from db.paging import Reader

CONTEXT_CHARS = 280
FIGURE_FIELDS = ("metric", "value", "low", "high", "bound", "hedge", "unit", "base_text")


@dataclass(frozen=True)
class Context:
    """Source text around a span: ``before`` + ``exact`` + ``after``."""

    before: str
    exact: str
    after: str
    start: int
    end: int


@dataclass(frozen=True)
class LinkedClaim:
    kind: str
    direction: str  # "to" (this claim -> other) or "from" (other -> this claim)
    text: str
    actor: str | None
    note: str | None


@dataclass(frozen=True)
class ClaimDetail:
    pk: int
    id: str
    kind: str
    text: str
    status: str
    note: str | None
    actor: str | None
    actor_kind: str | None
    actor_role: str | None
    stated_roles: tuple[str, ...]
    date_text: str | None
    date_edtf: str | None
    date_lower: str | None
    date_upper: str | None
    date_precision: str | None
    date_resolved_against: str | None
    source_pk: int
    source_title: str | None
    source_publisher: str | None
    source_published: str | None
    source_note: str | None
    context: Context | None
    review: str = "accepted"
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    confidence: float | None = None
    figure: dict[str, Any] | None = None
    place: str | None = None
    links: tuple[LinkedClaim, ...] = field(default=())


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Context:
    """The span with the text of its paragraph around it, at most ``width`` each side."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    lower, upper = max(para_start, start - width), min(para_end, end + width)
    before = ("\u2026" if lower > para_start else "") + text[lower:start]
    after = text[end:upper] + ("\u2026" if upper < para_end else "")
    return Context(before, text[start:end], after, start, end)


def claim_detail(reader: Reader, claim_pk: int) -> ClaimDetail | None:
    """Everything the detail view shows about one claim, or None if it is gone."""
    rows = reader.records(
        """SELECT c.pk AS pk, c.id AS id, c.kind AS kind, c.text AS text, c.status AS status, c.note AS note,
                  a.name AS actor, a.kind AS actor_kind, a.role AS actor_role, c.actor_pk AS actor_pk,
                  d.text AS date_text, d.edtf AS date_edtf, d.lower AS date_lower, d.upper AS date_upper,
                  d.precision AS date_precision, d.resolved_against AS date_resolved_against,
                  src.pk AS source_pk, src.title AS source_title, src.publisher AS source_publisher,
                  src.published AS source_published, src.note AS source_note,
                  sp.char_start AS span_start, sp.char_end AS span_end, src.text AS source_text,
                  f.metric AS metric, f.value AS value, f.low AS low, f.high AS high, f.bound AS bound,
                  f.hedge AS hedge, f.unit AS unit, base.text AS base_text, e.place AS place,
                  c.review AS review, c.reviewed_by AS reviewed_by, c.reviewed_at AS reviewed_at,
                  c.confidence AS confidence
           FROM claims c JOIN sources src ON src.pk = c.source_pk
           LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
           LEFT JOIN spans sp ON sp.pk = c.span_pk
           LEFT JOIN figures f ON f.claim_pk = c.pk LEFT JOIN claims base ON base.pk = f.base_pk
           LEFT JOIN events e ON e.claim_pk = c.pk
           WHERE c.pk = ?""", (claim_pk,))
    if not rows:
        return None
    row = rows[0]
    actor_pk, source_text = row.pop("actor_pk"), row.pop("source_text")
    span_start, span_end = row.pop("span_start"), row.pop("span_end")
    figure = {name: row.pop(name) for name in FIGURE_FIELDS}
    context = None
    if span_start is not None and source_text:
        context = context_around(source_text, span_start, span_end)
    stated_roles = tuple(role["exact"] for role in reader.records(
        """SELECT sp.exact AS exact FROM actor_roles r JOIN spans sp ON sp.pk = r.span_pk
           WHERE r.actor_pk = ? GROUP BY sp.exact
           ORDER BY max(sp.source_pk = ?) DESC, min(sp.char_start)""",
        (actor_pk, row["source_pk"]))) if actor_pk else ()
    links = tuple(LinkedClaim(**link) for link in reader.records(
        """SELECT l.kind AS kind, 'to' AS direction, o.text AS text, a.name AS actor, l.note AS note
           FROM claim_links l JOIN claims o ON o.pk = l.to_pk LEFT JOIN actors a ON a.pk = o.actor_pk
           WHERE l.from_pk = ?
           UNION ALL
           SELECT l.kind, 'from', o.text, a.name, l.note FROM claim_links l
           JOIN claims o ON o.pk = l.from_pk LEFT JOIN actors a ON a.pk = o.actor_pk WHERE l.to_pk = ?""",
        (claim_pk, claim_pk)))
    return ClaimDetail(**row, stated_roles=stated_roles, context=context,
                       figure=figure if row["kind"] == "figure" else None, links=links)


@dataclass(frozen=True)
class MarkedSpan:
    start: int
    end: int
    kind: str  # quote, figure, event, date or role
    label: str


@dataclass(frozen=True)
class SourceText:
    pk: int
    title: str | None
    publisher: str | None
    published: str | None
    published_basis: str | None
    note: str | None
    text: str
    spans: tuple[MarkedSpan, ...]


def source_text(reader: Reader, source_pk: int) -> SourceText | None:
    """A source's full text with every span a claim, date or stated role rests on."""
    rows = reader.records(
        """SELECT pk, title, publisher, published, published_basis, note, coalesce(text, '') AS text
           FROM sources WHERE pk = ?""", (source_pk,))
    if not rows:
        return None
    spans = reader.records(
        """SELECT sp.char_start AS start, sp.char_end AS "end", c.kind AS kind, coalesce(a.name, '') AS label
           FROM claims c JOIN spans sp ON sp.pk = c.span_pk LEFT JOIN actors a ON a.pk = c.actor_pk
           WHERE c.source_pk = ?
           UNION ALL
           SELECT sp.char_start, sp.char_end, 'date', coalesce(d.edtf, '') FROM dates d
           JOIN spans sp ON sp.pk = d.span_pk WHERE d.source_pk = ?
           UNION ALL
           SELECT sp.char_start, sp.char_end, 'role', a.name FROM actor_roles r
           JOIN spans sp ON sp.pk = r.span_pk JOIN actors a ON a.pk = r.actor_pk
           WHERE sp.source_pk = ?
           ORDER BY 1, 2""", (source_pk, source_pk, source_pk))
    return SourceText(**rows[0], spans=tuple(MarkedSpan(**span) for span in spans))

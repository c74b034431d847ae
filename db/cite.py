"""A claim as a citation: plain text or Markdown, with a link that opens the source at its words.

The link carries a text fragment (``#:~:text=``, the WICG scroll-to-text directive) of the
words the claim rests on. Every field from data is cleaned of control characters here, so
a citation can go to a clipboard or a terminal as it is.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from urllib.parse import quote

from db.export import md_inert
from db.records import records
from db.visible import clean

EDGE_WORDS = 4  # a long quote's fragment is its first and last few words (textStart,textEnd)
LONG_WORDS = 2 * EDGE_WORDS + 2
LINKED_SCHEMES = ("http://", "https://")
# Characters a Markdown link destination would end at or read as markup, percent-encoded.
_URL_ESCAPES = {char: f"%{ord(char):02X}" for char in " ()<>[]\\\"`"}


@dataclass(frozen=True)
class Citable:
    """What a citation of one claim says (``exact``: the source's words it rests on)."""

    id: str
    kind: str
    text: str
    actor: str | None
    role: str | None
    date_text: str | None
    date_edtf: str | None
    metric: str | None
    place: str | None
    publisher: str | None
    headline: str | None
    published: str | None
    url: str | None
    exact: str | None


_SELECT = """
    SELECT c.id AS id, c.kind AS kind, c.text AS text, a.name AS actor, a.role AS role,
           d.text AS date_text, d.edtf AS date_edtf, f.metric AS metric, e.place AS place,
           src.publisher AS publisher, src.title AS headline, src.published AS published, src.url AS url,
           sp.exact AS exact, c.actor_pk AS actor_pk, c.source_pk AS source_pk
    FROM claims c JOIN sources src ON src.pk = c.source_pk
    LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
    LEFT JOIN spans sp ON sp.pk = c.span_pk LEFT JOIN figures f ON f.claim_pk = c.pk
    LEFT JOIN events e ON e.claim_pk = c.pk
    WHERE {} = ?"""


def read_citable(conn: sqlite3.Connection, *, pk: int | None = None, claim_id: str | None = None) -> Citable | None:
    """The claim with ``pk`` (or the interchange id ``claim_id``) as a ``Citable``, or None."""
    column, key = ("c.pk", pk) if pk is not None else ("c.id", claim_id)
    rows = records(conn, _SELECT.format(column), (key,))
    if not rows:
        return None
    row = rows[0]
    actor_pk, source_pk = row.pop("actor_pk"), row.pop("source_pk")
    if row["role"] is None and actor_pk is not None:  # the role as a source states it, this one first
        stated = conn.execute(
            """SELECT sp.exact FROM actor_roles r JOIN spans sp ON sp.pk = r.span_pk WHERE r.actor_pk = ?
               ORDER BY sp.source_pk = ? DESC, sp.char_start LIMIT 1""", (actor_pk, source_pk)).fetchone()
        row["role"] = stated[0] if stated else None
    return Citable(**row)


def _field(value: str | None) -> str:
    """A data field on one line, control characters shown as symbols."""
    return clean(" ".join((value or "").split()), limit=None)


def encode_directive(words: str) -> str:
    """``words`` percent-encoded for a text directive: besides what a URL reserves, the
    directive's own syntax characters ``-`` ``,`` ``&`` are encoded (``quote`` leaves ``-``)."""
    return quote(words, safe="").replace("-", "%2D")


def text_fragment(words: str) -> str:
    """The ``text=`` directive that finds ``words``: whole, or for a long passage its first
    and last few words as ``textStart,textEnd``."""
    tokens = words.split()
    if len(tokens) > LONG_WORDS:
        start, end = " ".join(tokens[:EDGE_WORDS]), " ".join(tokens[-EDGE_WORDS:])
        return f"text={encode_directive(start)},{encode_directive(end)}"
    return f"text={encode_directive(' '.join(tokens))}"


def linked_url(citable: Citable) -> str | None:
    """The source's URL opening at the claim's words, or None if it has no web address."""
    url = _field(citable.url)
    if not url.lower().startswith(LINKED_SCHEMES):
        return None
    words = citable.exact or citable.text
    if not words.split():
        return url
    base, _, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0]  # a directive already there is replaced
    return f"{base}#{fragment}:~:{text_fragment(words)}"


def _said(text: str) -> str:
    """Quoted words as they lead a citation: a closing full stop becomes a comma inside the marks."""
    if text.endswith((".", ",", ";", ":")):
        text = text[:-1]
    return f"\u201c{text}\u201d" if text.endswith(("?", "!", "\u2026")) else f"\u201c{text},\u201d"


def _as_of(citable: Citable) -> str:
    """A figure's as-of date: resolved, then as printed."""
    printed, edtf = _field(citable.date_text), _field(citable.date_edtf)
    if not edtf:
        return ""
    return f"as of {edtf}" + (f", printed \u201c{printed}\u201d" if printed else "")


def _lead(citable: Citable) -> str:
    """The claim's own part of a citation: its words and who said, claimed or reported them."""
    text, actor, role = _field(citable.text), _field(citable.actor), _field(citable.role)
    who = ", ".join(part for part in (actor, role) if part)
    if citable.kind == "quote":
        return _said(text) + (f" {who}" if who else "")
    if citable.kind == "figure":
        about = "; ".join(part for part in (_field(citable.metric), _as_of(citable)) if part)
        return f"\u201c{text}\u201d ({about})" + (f", {who}" if who else "")
    printed, edtf = _field(citable.date_text), _field(citable.date_edtf)
    when = " ".join(part for part in (printed, f"({edtf})" if edtf else "") if part)
    details = ", ".join(part for part in (when, _field(citable.place)) if part)
    return f"\u201c{text}\u201d" + (f" ({details})" if details else "") + (f", reported by {actor}" if actor else "")


def _where(citable: Citable) -> list[str]:
    publisher, headline = _field(citable.publisher), _field(citable.headline)
    return [part for part in (f"in {publisher}" if publisher else "",
                              f"\u201c{headline}\u201d" if headline else "", _field(citable.published)) if part]


def citation_text(citable: Citable) -> str:
    """The claim as one line of plain text, ending in the link that opens the source at its words."""
    url = linked_url(citable) or _field(citable.url)
    return ", ".join([_lead(citable), *_where(citable), *([url] if url else [])])


def _markdown_url(url: str) -> str:
    return "".join(_URL_ESCAPES.get(char, char) for char in url)


def citation_markdown(citable: Citable) -> str:
    """The claim as one Markdown line (a blockquote for a quote) linking to the source at its
    words; data is escaped so that none of it is read as markup, and only web links are made."""
    lead = md_inert(_lead(citable))
    publisher, headline = _field(citable.publisher), _field(citable.headline)
    label = f"\u201c{headline}\u201d" if headline else publisher or "source"
    url = linked_url(citable)
    where = []
    if publisher and (headline or not url):
        where.append(f"in {md_inert(publisher)}")
    if url:
        link = f"[{md_inert(label)}]({_markdown_url(url)})"
        where.append(link if headline or not publisher else f"in {link}")
    elif headline:
        where.append(md_inert(label))
    if published := _field(citable.published):
        where.append(md_inert(published))
    line = ", ".join([lead, *where])
    return f"> {line}" if citable.kind == "quote" else line

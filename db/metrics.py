"""The metric vocabulary: what a figure counts (a subject and a quantity, in a unit), as data.

A metric is "<subject>: <quantity>" ("North Korean troops in Russia's war: killed"); killed
and wounded are parts of casualties of the same subject. The words that name a quantity in
prose ("deaths", "fatalities", "killed or injured") are rows of ``quantity_words``, which a
reviewer can extend; the extractor reads them, it holds no list of its own.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from db.connection import transaction

QUANTITIES = ("deployed", "reinforcements", "at the front", "casualties", "killed", "wounded", "captured",
              "missing")
# A part's figures can never exceed its whole's, and parts add up to at most the whole.
PARTS = {"killed": "casualties", "wounded": "casualties", "at the front": "deployed"}
# An increment adds to a running total: a further 3,000 sent on top of those deployed.
INCREMENTS = {"reinforcements": "deployed"}
QUANTITY_LABELS = {"casualties": "casualties (killed or wounded)"}

DEFAULT_WORDS: dict[str, str] = {
    **dict.fromkeys(("deployed", "sent", "dispatched", "arrived", "stationed", "troops in", "soldiers in",
                     "deployment", "fighting for", "fighting alongside"), "deployed"),
    **dict.fromkeys(("casualties", "casualty", "killed or wounded", "killed or injured", "dead or wounded",
                     "dead or injured", "killed and wounded", "killed and injured", "dead and wounded",
                     "losses", "lost"), "casualties"),
    **dict.fromkeys(("killed", "dead", "deaths", "death toll", "fatalities", "died", "lost their lives",
                     "slain", "killing"), "killed"),
    **dict.fromkeys(("wounded", "injured", "injuries", "hurt"), "wounded"),
    **dict.fromkeys(("captured", "taken prisoner", "prisoner", "prisoners", "prisoners of war", "pows", "held captive",
                     "surrendered", "in captivity", "captivity", "held by", "now held", "being held", "still held"),
                    "captured"),
    **dict.fromkeys(("missing", "missing in action", "unaccounted for"), "missing"),
    # "a further 3,000 sent": an increment, before a verb that alone says deployed (see INCREMENTS)
    **dict.fromkeys(("reinforcements", "reinforcement", "a further", "an additional", "another", "second contingent",
                     "third contingent", "fourth contingent", "fifth contingent", "new contingent",
                     "latest contingent", "fresh troops", "replace losses"), "reinforcements"),
    **dict.fromkeys(("at the front", "the front", "front line", "front lines", "frontline"), "at the front"),
}


@dataclass(frozen=True)
class Metric:
    pk: int
    id: str
    name: str
    subject: str
    quantity: str
    unit: str
    parent_pk: int | None


def metric_name(subject: str, quantity: str) -> str:
    """How a metric is shown and grouped: "<subject>: <quantity>"."""
    return f"{subject}: {QUANTITY_LABELS.get(quantity, quantity)}"


def quantity_of(text: str, words: Mapping[str, str]) -> str | None:
    """The quantity the longest known phrase in ``text`` names (whole words), if any."""
    return quantity_reader(words)(text)


def quantity_reader(words: Mapping[str, str]) -> Callable[[str], str | None]:
    """``quantity_of`` with ``words`` read once, for many texts (the extractor asks of each figure)."""
    pattern, quantities = _phrases_pattern(tuple(words.items()))

    def read(text: str) -> str | None:
        folded = " ".join(_WORD.findall(text.casefold()))
        found = [quantities[match.group(1)] for match in pattern.finditer(folded)]
        return max(found)[1] if found else None

    return read


_WORD = re.compile(r"[\w']+")


@functools.lru_cache(maxsize=16)
def _phrases_pattern(words: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, tuple[int, str]]]:
    """One pattern finding, at each place, the best phrase of ``words`` that stands there
    (longest first, then by quantity, as ``quantity_of`` ranks them), with each phrase's rank."""
    ranks = {phrase: (len(phrase), quantity) for phrase, quantity in words}
    ordered = sorted(ranks, key=lambda phrase: ranks[phrase], reverse=True)
    alternatives = "|".join(rf"\b{re.escape(phrase)}\b" for phrase in ordered) or r"(?!)"
    return re.compile(rf"(?=({alternatives}))"), ranks


def parse_name(label: str, words: Mapping[str, str]) -> tuple[str, str]:
    """Subject and quantity of a metric label: "<subject>: <quantity>" when it has that form,
    else the whole label as the subject and the quantity its words name ("other" if none)."""
    subject, _, rest = label.rpartition(": ")
    if subject and (quantity := quantity_of(rest, words)):
        return subject, quantity
    return label, quantity_of(label, words) or "other"


def quantity_words(conn: sqlite3.Connection) -> dict[str, str]:
    """Every phrase the store knows for a quantity (the defaults and the reviewers' own)."""
    return dict(conn.execute("SELECT phrase, quantity FROM quantity_words ORDER BY phrase"))


def add_quantity_word(conn: sqlite3.Connection, phrase: str, quantity: str) -> None:
    """Teach the store another phrase for a quantity ("KIA" -> killed)."""
    phrase = " ".join(phrase.casefold().split())
    if not phrase or not quantity.strip():
        raise ValueError("a phrase and a quantity are both needed")
    with transaction(conn):
        conn.execute("INSERT INTO quantity_words (phrase, quantity) VALUES (?, ?) "
                     "ON CONFLICT (phrase) DO UPDATE SET quantity = excluded.quantity", (phrase, quantity.strip()))


def list_metrics(conn: sqlite3.Connection) -> list[Metric]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return [Metric(pk=row["pk"], id=row["id"], name=row["name"], subject=row["subject"], quantity=row["quantity"],
                   unit=row["unit"], parent_pk=row["parent_pk"])
            for row in cursor.execute("SELECT pk, id, name, subject, quantity, unit, parent_pk FROM metrics "
                                      "ORDER BY name")]


def _slug(text: str) -> str:
    return "-".join(re.findall(r"\w+", text.casefold()))[:80] or "metric"


def ensure_metric(conn: sqlite3.Connection, *, subject: str, quantity: str, unit: str,
                  name: str | None = None, metric_id: str | None = None) -> int:
    """The pk of the metric named ``name`` (default "<subject>: <quantity>"), created if new.

    A new part (killed, wounded) is linked to its subject's whole (casualties), and a new
    whole to its existing parts. Call inside a transaction.
    """
    name = name or metric_name(subject, quantity)
    row = conn.execute("SELECT pk FROM metrics WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row[0])
    metric_id = metric_id or _slug(name)
    taken = {found for (found,) in conn.execute("SELECT id FROM metrics WHERE id = ? OR id LIKE ?",
                                                 (metric_id, metric_id + "-%"))}
    base, n = metric_id, 1
    while metric_id in taken:
        n += 1
        metric_id = f"{base}-{n}"
    whole = PARTS.get(quantity)
    # A share of casualties (unit fraction) is neither a whole nor a part of one.
    parent = conn.execute("SELECT pk FROM metrics WHERE subject = ? AND quantity = ? AND unit <> 'fraction'",
                          (subject, whole)).fetchone() if whole and unit != "fraction" else None
    pk = conn.execute("INSERT INTO metrics (id, name, subject, quantity, unit, parent_pk) VALUES (?, ?, ?, ?, ?, ?)",
                      (metric_id, name, subject, quantity, unit, parent and parent[0])).lastrowid
    for part in (part for part, whole in PARTS.items() if whole == quantity and unit != "fraction"):
        conn.execute("UPDATE metrics SET parent_pk = ? WHERE subject = ? AND quantity = ? AND unit <> 'fraction'",
                     (pk, subject, part))
    assert pk is not None
    return pk


def adopt_labels(conn: sqlite3.Connection, labels: Iterable[str] | None = None) -> None:
    """Point every figure labelled with one of ``labels`` at the metric of that name, created
    (subject = the label) where the vocabulary has none.

    Used by the migration for stores written before the vocabulary, and by imports of
    documents that name metrics by label only. Call inside a transaction.
    """
    words = quantity_words(conn)
    if labels is None:
        labels = [label for (label,) in conn.execute("SELECT DISTINCT metric FROM figures WHERE metric_pk IS NULL")]
    for label in labels:
        unit = conn.execute("SELECT unit FROM figures WHERE metric = ? GROUP BY unit ORDER BY count(*) DESC LIMIT 1",
                            (label,)).fetchone()
        subject, quantity = parse_name(label, words)
        pk = ensure_metric(conn, subject=subject, quantity=quantity, unit=unit[0] if unit else "persons", name=label)
        conn.execute("UPDATE figures SET metric_pk = ? WHERE metric = ? AND metric_pk IS NOT ?", (pk, label, pk))


def seed_vocabulary(conn: sqlite3.Connection) -> None:
    """Migration 6's data: the default quantity words, and a metric for every existing label."""
    add_default_words(conn)
    adopt_labels(conn)


def add_default_words(conn: sqlite3.Connection) -> None:
    """The default quantity words the store lacks (a reviewer's own phrases are kept as they are)."""
    conn.executemany("INSERT OR IGNORE INTO quantity_words (phrase, quantity) VALUES (?, ?)", DEFAULT_WORDS.items())

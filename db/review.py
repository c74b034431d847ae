"""Reviewing claims: accept, reject, restore and edit any field, every change on record and undoable.

Every change is one row per field in ``claim_history`` (before, after, who, when), and bumps
the claim's ``version``. A change made on a stale read (someone else changed the claim since)
is refused with :class:`ChangedMeanwhile`, never applied over theirs.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from db.connection import transaction
from db.dates import UnresolvableDate, resolve
from db.hedges import HEDGE_BOUNDS
from db.metrics import adopt_labels
from db.schema import ACTOR_KINDS, BOUND_KINDS, CLAIM_STATUSES, REVIEW_STATES
from db.speakers import text_key
from db.values import value_problem

REVIEWER_VAR = "KURSK_TUI_REVIEWER"

CLAIM_FIELDS = ("review", "status", "note", "actor", "date")
FIGURE_FIELDS = ("metric", "value", "low", "high", "bound", "hedge", "unit")
TEXT_LIMIT = 2000


def current_reviewer() -> str:
    """``$KURSK_TUI_REVIEWER``, else the login name."""
    if os.environ.get(REVIEWER_VAR):
        return os.environ[REVIEWER_VAR]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class EditRejected(ValueError):
    """An edit that cannot be saved: the field and the reason, in one line."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field


class ChangedMeanwhile(RuntimeError):
    """The claim was changed by someone else since it was read; nothing was written."""

    def __init__(self, who: str, at: str):
        super().__init__(f"changed by {who} at {at}; reloaded")
        self.who, self.at = who, at


@dataclass(frozen=True)
class HistoryEntry:
    """One field of one change: what it was, what it became, who did it and when."""

    change_id: str
    action: str
    field: str
    before: Any
    after: Any
    who: str
    at: str
    undoes: str | None
    undone: bool
    shown_before: str
    shown_after: str


@dataclass(frozen=True)
class Change:
    """A change as applied: its id, the claim and what changed (field -> (before, after))."""

    change_id: str
    claim_pk: int
    claim_text: str
    action: str
    fields: dict[str, tuple[Any, Any]]
    shown: dict[str, tuple[str, str]]  # the same, as a person reads them (an actor's name, a date's words)

    def describe(self) -> str:
        parts = [f"{field} {before} \u2192 {after}" for field, (before, after) in self.shown.items()]
        return f"{self.action.capitalize()} \u201c{self.claim_text[:60]}\u201d: {'; '.join(parts)}"


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def shown_value(conn: sqlite3.Connection, field: str, value: Any) -> str:
    """A field's stored value as a person reads it: an actor by name, a date by its words and bounds."""
    if value is not None and field == "actor":
        row = conn.execute("SELECT name FROM actors WHERE id = ?", (value,)).fetchone()
        return str(row[0]) if row else f"{value} (merged or removed)"
    if value is not None and field == "date":
        row = conn.execute("SELECT coalesce(text, edtf), lower, upper FROM dates WHERE id = ?", (value,)).fetchone()
        if row:
            return f"{row[0]} ({row[1]}{'' if row[1] == row[2] else '..' + row[2]})"
    return _shown(value)


# --- reading ---------------------------------------------------------------------------------

def claim_state(conn: sqlite3.Connection, claim_pk: int) -> dict[str, Any]:
    """The editable fields of a claim as history records them (actor and date by id), and its version."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute(
        """SELECT c.kind, c.text, c.review, c.status, c.note, c.version, a.id AS actor, d.id AS date,
                  f.metric, f.value, f.low, f.high, f.bound, f.hedge, f.unit
           FROM claims c LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN dates d ON d.pk = c.date_pk
           LEFT JOIN figures f ON f.claim_pk = c.pk WHERE c.pk = ?""", (claim_pk,)).fetchone()
    if row is None:
        raise EditRejected("claim", f"no claim {claim_pk}")
    names = ("kind", "text", "version", *CLAIM_FIELDS, *(FIGURE_FIELDS if row["kind"] == "figure" else ()))
    return {name: row[name] for name in names}


def history(conn: sqlite3.Connection, claim_pk: int) -> list[HistoryEntry]:
    """A claim's changes, oldest first."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    rows = cursor.execute(
        """SELECT h.change_id, h.action, h.field, h.before, h.after, h.who, h.at, h.undoes,
                  EXISTS (SELECT 1 FROM claim_history u WHERE u.undoes = h.change_id) AS undone
           FROM claim_history h WHERE h.claim_pk = ? ORDER BY h.pk""", (claim_pk,)).fetchall()
    entries = []
    for row in rows:
        before, after = json.loads(row["before"]), json.loads(row["after"])
        entries.append(HistoryEntry(
            change_id=row["change_id"], action=row["action"], field=row["field"], before=before, after=after,
            who=row["who"], at=row["at"], undoes=row["undoes"], undone=bool(row["undone"]),
            shown_before=shown_value(conn, row["field"], before), shown_after=shown_value(conn, row["field"], after)))
    return entries


def last_change(conn: sqlite3.Connection, claim_pk: int) -> tuple[str, str] | None:
    """Who changed the claim last, and when."""
    row = conn.execute("SELECT who, at FROM claim_history WHERE claim_pk = ? ORDER BY pk DESC LIMIT 1",
                       (claim_pk,)).fetchone()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True)
class EditForm:
    """A claim as the edit dialog shows it: its fields, its speaker by name, its date as printed."""

    claim_pk: int
    kind: str
    text: str
    version: int
    speaker: str
    date_text: str
    published: date | None
    status: str
    note: str
    figure: Mapping[str, Any]  # metric, value, low, high, bound, hedge, unit (figures only)


def edit_form(conn: sqlite3.Connection, claim_pk: int) -> EditForm:
    state = claim_state(conn, claim_pk)
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute(
        """SELECT a.name AS speaker, coalesce(d.text, d.edtf) AS date_text, s.published_upper AS published
           FROM claims c JOIN sources s ON s.pk = c.source_pk LEFT JOIN actors a ON a.pk = c.actor_pk
           LEFT JOIN dates d ON d.pk = c.date_pk WHERE c.pk = ?""", (claim_pk,)).fetchone()
    return EditForm(claim_pk=claim_pk, kind=state["kind"], text=state["text"], version=state["version"],
                    speaker=row["speaker"] or "", date_text=row["date_text"] or "",
                    published=date.fromisoformat(row["published"]) if row["published"] else None,
                    status=state["status"], note=state["note"] or "",
                    figure={field: state[field] for field in FIGURE_FIELDS if field in state})


# --- validating ------------------------------------------------------------------------------

def _check_text(field: str, value: Any, *, required: bool) -> None:
    if value is None:
        if required:
            raise EditRejected(field, "cannot be empty")
        return
    if not isinstance(value, str):
        raise EditRejected(field, "must be text")
    if required and not value.strip():
        raise EditRejected(field, "cannot be empty")
    if len(value) > TEXT_LIMIT:
        raise EditRejected(field, f"at most {TEXT_LIMIT:,} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise EditRejected(field, "holds a lone surrogate") from error


def _check_figure(state: Mapping[str, Any]) -> None:
    for field in ("metric", "unit"):
        _check_text(field, state[field], required=True)
    _check_text("hedge", state["hedge"], required=False)
    if state["bound"] not in BOUND_KINDS:
        raise EditRejected("bound", f"one of {', '.join(BOUND_KINDS)}")
    for field in ("value", "low", "high"):
        number = state[field]
        if number is not None and (problem := value_problem(number, state["unit"])):
            raise EditRejected(field, problem)
    value, low, high, bound = state["value"], state["low"], state["high"], state["bound"]
    needs = {"exact": ("value",), "approx": ("value",), "fraction_of": ("value",), "at_least": ("low",),
             "at_most": ("high",), "range": ("low", "high")}[bound]
    for field in needs:
        if state[field] is None:
            raise EditRejected(field, f"an {bound} figure needs a {field}" if bound[0] in "aeiou"
                               else f"a {bound} figure needs a {field}")
    if value is None and low is None and high is None:
        raise EditRejected("value", "a figure needs a value, a low or a high")
    if low is not None and high is not None and low > high:
        raise EditRejected("low", f"{_shown(low)} is above the high {_shown(high)}")
    hedge = " ".join((state["hedge"] or "").lower().split())
    implied = HEDGE_BOUNDS.get(hedge)
    if implied and implied != bound and bound != "fraction_of":  # "nearly a third": the hedge is the fraction's
        raise EditRejected("hedge", f"\u201c{state['hedge']}\u201d means {implied}, not {bound}")


def _validate(conn: sqlite3.Connection, state: Mapping[str, Any], changed: Collection[str]) -> None:
    """Check the claim as it would be; a figure's numbers only when one of them changes, so a
    claim stored before these rules can still be accepted or rejected."""
    if state["review"] not in REVIEW_STATES:
        raise EditRejected("review", f"one of {', '.join(REVIEW_STATES)}")
    if state["status"] not in CLAIM_STATUSES:
        raise EditRejected("status", f"one of {', '.join(CLAIM_STATUSES)}")
    _check_text("note", state["note"], required=False)
    if state["actor"] is not None and not conn.execute("SELECT 1 FROM actors WHERE id = ?",
                                                       (state["actor"],)).fetchone():
        raise EditRejected("actor", f"no actor {state['actor']!r}")
    if state["date"] is not None and not conn.execute("SELECT 1 FROM dates WHERE id = ?",
                                                      (state["date"],)).fetchone():
        raise EditRejected("date", f"no date {state['date']!r}")
    if state["kind"] == "figure" and set(changed) & set(FIGURE_FIELDS):
        _check_figure(state)


# --- changing --------------------------------------------------------------------------------

def change_claim(conn: sqlite3.Connection, claim_pk: int, new: Mapping[str, Any], *, who: str,
                 expected_version: int | None = None, action: str = "edited",
                 undoes: str | None = None) -> Change | None:
    """Apply ``new`` (field -> value) to a claim in one transaction, on record.

    Returns None when nothing differs. Raises EditRejected (nothing written) for an invalid
    value, and ChangedMeanwhile when ``expected_version`` is not the claim's version.
    """
    with transaction(conn):
        return _change(conn, claim_pk, new, who=who, expected_version=expected_version, action=action,
                       undoes=undoes)


def _change(conn: sqlite3.Connection, claim_pk: int, new: Mapping[str, Any], *, who: str,
            expected_version: int | None, action: str = "edited", undoes: str | None = None) -> Change | None:
    """change_claim's work, inside the caller's transaction."""
    state = claim_state(conn, claim_pk)
    if expected_version is not None and state["version"] != expected_version:
        who_at = last_change(conn, claim_pk) or ("another process", "an unknown time")
        raise ChangedMeanwhile(*who_at)
    unknown = set(new) - set(state) or set(new) & {"kind", "text", "version"}
    if unknown:
        field = sorted(unknown)[0]
        raise EditRejected(field, "not a field this claim can change")
    changed = {field: (state[field], value) for field, value in new.items() if state[field] != value}
    if not changed:
        return None
    _validate(conn, {**state, **new}, changed)
    change_id = uuid.uuid4().hex
    at = _now()
    _write(conn, claim_pk, {field: after for field, (_, after) in changed.items()}, who, at)
    conn.executemany(
        """INSERT INTO claim_history (change_id, claim_pk, action, field, before, after, who, at, undoes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(change_id, claim_pk, action, field, json.dumps(before), json.dumps(after), who, at, undoes)
         for field, (before, after) in changed.items()])
    shown = {field: (shown_value(conn, field, before), shown_value(conn, field, after))
             for field, (before, after) in changed.items()}
    return Change(change_id, claim_pk, state["text"], action, changed, shown)


@dataclass(frozen=True)
class ClaimEdit:
    """What a reviewer typed in the edit dialog: fields as stored, and the speaker and date as words."""

    fields: Mapping[str, Any]
    speaker: str | None = None        # an actor's name or alias; a new name needs ``new_kind``
    new_kind: str | None = None       # the kind of actor to create when ``speaker`` names nobody
    date: str | None = None           # "late December", "2025-01-08": resolved as the extractor would


def edit_claim(conn: sqlite3.Connection, claim_pk: int, edit: ClaimEdit, *, who: str,
               expected_version: int | None) -> Change | None:
    """Apply a reviewer's edit in one transaction: a new speaker or date is stored only if
    the whole edit is valid. Raises EditRejected or ChangedMeanwhile with nothing written."""
    with transaction(conn):
        fields = dict(edit.fields)
        if edit.speaker is not None:
            fields["actor"] = _speaker_id(conn, edit.speaker, edit.new_kind)
        if edit.date is not None:
            fields["date"] = _date_id(conn, claim_pk, edit.date) if edit.date.strip() else None
        return _change(conn, claim_pk, fields, who=who, expected_version=expected_version)


def speaker_matches(conn: sqlite3.Connection, name: str) -> list[tuple[str, str, str]]:
    """(id, name, kind) of the actors whose name or an alias is exactly ``name`` (any case or accents)."""
    return conn.execute(
        """SELECT id, name, kind FROM actors WHERE pk IN (
               SELECT pk FROM actors WHERE name_key = :key
               UNION SELECT actor_pk FROM actor_aliases WHERE alias_key = :key) ORDER BY name, pk""",
        {"key": text_key(name)}).fetchall()


def _speaker_id(conn: sqlite3.Connection, name: str, new_kind: str | None) -> str:
    _check_text("speaker", name, required=True)
    matches = speaker_matches(conn, name)
    if len(matches) == 1:
        return str(matches[0][0])
    if matches:
        raise EditRejected("speaker", f"{name!r} names {len(matches)} actors: type the full name")
    if new_kind is None:
        raise EditRejected("speaker", f"no actor is named {name!r}: choose a kind to create one")
    return _create_actor(conn, name, new_kind)


def _date_id(conn: sqlite3.Connection, claim_pk: int, text: str) -> str:
    claim_id, source_pk, published = conn.execute(
        """SELECT c.id, c.source_pk, s.published_upper FROM claims c JOIN sources s ON s.pk = c.source_pk
           WHERE c.pk = ?""", (claim_pk,)).fetchone()
    typed = parse_date(text, date.fromisoformat(published) if published else datetime.now(UTC).date())
    date_id = f"{claim_id}~date~{uuid.uuid4().hex[:8]}"
    conn.execute(
        """INSERT INTO dates (id, source_pk, text, edtf, lower, upper, precision, resolved_against)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (date_id, source_pk, typed.text, typed.edtf, typed.lower, typed.upper, typed.precision,
         typed.resolved_against))
    return date_id


def _write(conn: sqlite3.Connection, claim_pk: int, values: Mapping[str, Any], who: str, at: str) -> None:
    claim_sets: dict[str, Any] = {}
    for field in ("review", "status", "note"):
        if field in values:
            claim_sets[field] = values[field]
    if "review" in values:
        claim_sets.update(reviewed_by=who, reviewed_at=at)
    if "actor" in values:
        claim_sets["actor_pk"] = _pk(conn, "actors", values["actor"])
    if "date" in values:
        row = conn.execute("SELECT pk, lower, upper FROM dates WHERE id = ?", (values["date"],)).fetchone()
        claim_sets.update(date_pk=row and row[0], date_lower=row and row[1], date_upper=row and row[2])
    assignments = ", ".join(f"{column} = ?" for column in claim_sets)
    conn.execute(f"UPDATE claims SET {assignments + ', ' if assignments else ''}version = version + 1 WHERE pk = ?",
                 (*claim_sets.values(), claim_pk))
    figure_sets = {field: values[field] for field in FIGURE_FIELDS if field in values}
    if figure_sets:
        assignments = ", ".join(f"{column} = ?" for column in figure_sets)
        conn.execute(f"UPDATE figures SET {assignments} WHERE claim_pk = ?", (*figure_sets.values(), claim_pk))
    if "metric" in values:  # the figure joins the vocabulary's metric of that name, made if new
        adopt_labels(conn, [values["metric"]])


def _pk(conn: sqlite3.Connection, table: str, record_id: str | None) -> int | None:
    if record_id is None:
        return None
    row = conn.execute(f"SELECT pk FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return row[0]


def set_review(conn: sqlite3.Connection, claim_pk: int, state: str, reviewer: str,
               expected_version: int | None = None) -> Change | None:
    """Mark a claim accepted, rejected or proposed, by ``reviewer`` now."""
    return change_claim(conn, claim_pk, {"review": state}, who=reviewer, expected_version=expected_version,
                        action=state)


def set_speaker(conn: sqlite3.Connection, claim_pk: int, actor_pk: int, reviewer: str,
                expected_version: int | None = None) -> Change | None:
    """Give a claim another speaker (claimant), by ``reviewer`` now."""
    row = conn.execute("SELECT id FROM actors WHERE pk = ?", (actor_pk,)).fetchone()
    if row is None:
        raise EditRejected("actor", f"no actor {actor_pk}")
    return change_claim(conn, claim_pk, {"actor": row[0]}, who=reviewer, expected_version=expected_version)


def restore(conn: sqlite3.Connection, claim_pk: int, reviewer: str,
            expected_version: int | None = None) -> Change | None:
    """Bring a rejected claim back to the review state it had before it was rejected."""
    row = conn.execute(
        """SELECT before FROM claim_history WHERE claim_pk = ? AND field = 'review' AND after = '"rejected"'
           ORDER BY pk DESC LIMIT 1""", (claim_pk,)).fetchone()
    previous = json.loads(row[0]) if row else "proposed"
    return set_review(conn, claim_pk, previous if previous != "rejected" else "proposed", reviewer, expected_version)


def undo_last(conn: sqlite3.Connection, who: str) -> Change | None:
    """Undo ``who``'s latest change that is not undone yet (and is not itself an undo).

    Returns the undo as applied, or None when there is nothing to undo. Raises
    ChangedMeanwhile when someone else has changed the claim since.
    """
    row = conn.execute(
        """SELECT h.change_id, h.claim_pk FROM claim_history h
           WHERE h.who = ? AND h.action <> 'undone'
             AND NOT EXISTS (SELECT 1 FROM claim_history u WHERE u.undoes = h.change_id)
           ORDER BY h.pk DESC LIMIT 1""", (who,)).fetchone()
    if row is None:
        return None
    change_id, claim_pk = row
    later = conn.execute(
        """SELECT who, at FROM claim_history WHERE claim_pk = ? AND who <> ?
             AND pk > (SELECT max(pk) FROM claim_history WHERE change_id = ?) ORDER BY pk DESC LIMIT 1""",
        (claim_pk, who, change_id)).fetchone()
    if later:
        raise ChangedMeanwhile(later[0], later[1])
    before = {field: json.loads(value) for field, value in conn.execute(
        "SELECT field, before FROM claim_history WHERE change_id = ?", (change_id,))}
    return change_claim(conn, claim_pk, before, who=who, action="undone", undoes=change_id)


# --- values typed by a reviewer --------------------------------------------------------------

@dataclass(frozen=True)
class TypedDate:
    """A date a reviewer typed, resolved the way the extractor resolves a date in prose."""

    text: str
    edtf: str
    lower: str
    upper: str
    precision: str
    resolved_against: str | None


def parse_date(text: str, reference: date) -> TypedDate:
    """Resolve ``text`` ("late December", "2025-01-08", "last week") against ``reference``."""
    _check_text("date", text, required=True)
    try:
        resolved = resolve(text.strip(), reference)
    except UnresolvableDate as error:
        raise EditRejected("date", str(error)) from error
    return TypedDate(text=text.strip(), edtf=resolved.edtf, lower=resolved.lower.isoformat(),
                     upper=resolved.upper.isoformat(), precision=resolved.precision,
                     resolved_against=resolved.resolved_against.isoformat() if resolved.resolved_against else None)


def create_actor(conn: sqlite3.Connection, name: str, kind: str) -> str:
    """A new actor (person, organisation, government body, anonymous group...) by name; its id."""
    with transaction(conn):
        return _create_actor(conn, name, kind)


def _create_actor(conn: sqlite3.Connection, name: str, kind: str) -> str:
    _check_text("speaker", name, required=True)
    if kind not in ACTOR_KINDS:
        raise EditRejected("kind", f"one of {', '.join(ACTOR_KINDS)}")
    name = " ".join(name.split())
    base = "-".join(re.findall(r"\w+", text_key(name)))[:60] or "actor"
    actor_id, n = base, 1
    while conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone():
        n += 1
        actor_id = f"{base}-{n}"
    conn.execute("INSERT INTO actors (id, name, name_key, kind) VALUES (?, ?, ?, ?)",
                 (actor_id, name, text_key(name), kind))
    return actor_id


def merge_actors(conn: sqlite3.Connection, keep_id: str, merged_id: str, who: str) -> int:
    """Merge one actor into another: every claim follows (each change on record), the merged
    actor's name and aliases become the kept one's aliases, and the merged actor is removed.
    Returns how many claims moved."""
    if keep_id == merged_id:
        raise EditRejected("actor", "an actor cannot be merged into itself")
    with transaction(conn):
        rows = {actor_id: (pk, name) for actor_id, pk, name in conn.execute(
            "SELECT id, pk, name FROM actors WHERE id IN (?, ?)", (keep_id, merged_id))}
        for actor_id in (keep_id, merged_id):
            if actor_id not in rows:
                raise EditRejected("actor", f"no actor {actor_id!r}")
        (keep_pk, _), (merged_pk, merged_name) = rows[keep_id], rows[merged_id]
        claims = [pk for (pk,) in conn.execute("SELECT pk FROM claims WHERE actor_pk = ?", (merged_pk,))]
        for claim_pk in claims:
            _change(conn, claim_pk, {"actor": keep_id}, who=who, expected_version=None)
        aliases = [merged_name, *(alias for (alias,) in conn.execute(
            "SELECT alias FROM actor_aliases WHERE actor_pk = ?", (merged_pk,)))]
        conn.executemany("INSERT OR IGNORE INTO actor_aliases (actor_pk, alias, alias_key) VALUES (?, ?, ?)",
                         [(keep_pk, alias, text_key(alias)) for alias in aliases])
        conn.execute("UPDATE OR IGNORE actor_roles SET actor_pk = ? WHERE actor_pk = ?", (keep_pk, merged_pk))
        conn.execute("DELETE FROM actors WHERE pk = ?", (merged_pk,))
    return len(claims)

"""Saved views: a pane and its filters, kept by name in the store, and the view last left.

A view's filters are written generically: every init field of ``db.queries.Filters``, tuples
as lists. Reading one back takes only the fields ``Filters`` still has, each checked against
its annotation; unknown keys are ignored, missing ones keep their defaults, and a value that
no longer fits its field falls back to the default and is said to have been dropped. So a
view saved by an older or newer kursk-tui still opens.

Speakers are kept by actor pk, stable within one store file only (so views do not travel in
the interchange document); a speaker who is no longer in the store is dropped on reading, in
the same statement that reads the view.
"""

from __future__ import annotations

import json
import sqlite3
import types
from dataclasses import MISSING, Field, dataclass, fields
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from db.connection import transaction
from db.queries import Filters
from db.records import records

MAX_NAME_CHARS = 100
LAST_VIEW = "last_view"  # the settings key of the view the dashboard was left in
# The filters' keys for speakers by store row (actor pks) and their names as shown; a field
# named X_pks holds store ids, not for people, and X_label names them (see describe()).
SPEAKERS_KEY, SPEAKER_LABEL_KEY, SPEAKER_NAMES_KEY = "speaker_pks", "speaker_label", "speaker_names"
IDS_SUFFIX, LABEL_SUFFIX = "_pks", "_label"
# Fields a label says in people's words when it is set: the label alone is described.
SAID_BY_LABEL = {SPEAKER_NAMES_KEY: SPEAKER_LABEL_KEY, "metrics": "metric_label", "since": "date_label",
                 "until": "date_label"}


class ViewError(ValueError):
    """A view could not be saved; the message says why, in one line."""


class ViewExists(ViewError):
    """A view of that name is already saved (save again with ``overwrite``)."""


@dataclass(frozen=True)
class View:
    """What the dashboard shows: a pane (its key, e.g. "figures") under filters."""

    pane: str
    filters: Filters


@dataclass(frozen=True)
class Restored:
    """A view read back from the store, and what of it could not be restored."""

    view: View
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedView(Restored):
    name: str = ""
    created: str = ""  # ISO 8601 UTC
    updated: str = ""


# --- the view as JSON ---------------------------------------------------------------------------

def view_json(view: View) -> str:
    """The view as the store keeps it: its pane and every init field of its filters."""
    filters = {field.name: _jsonable(getattr(view.filters, field.name)) for field in _filter_fields()}
    return json.dumps({"pane": view.pane, "filters": filters}, ensure_ascii=True, allow_nan=False)


def _jsonable(value: object) -> object:
    return [_jsonable(item) for item in value] if isinstance(value, tuple | list) else value


def _filter_fields() -> tuple[Field, ...]:
    return tuple(field for field in fields(Filters) if field.init)


@cache
def _filter_types() -> dict[str, Any]:
    return get_type_hints(Filters)


class _Unfit:
    """A stored value that does not fit its field's type."""


UNFIT = _Unfit()


def _typed(value: object, hint: Any) -> object:
    """``value`` read from JSON as a value of type ``hint`` (lists become tuples), or UNFIT.

    The simple types a filter holds are checked: str, int, float, bool, None, Literal, unions
    and tuples of them. A value of any other type cannot be trusted from JSON: UNFIT."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return next((typed for arg in args if (typed := _typed(value, arg)) is not UNFIT), UNFIT)
    if origin is Literal:
        return value if any(type(value) is type(arg) and value == arg for arg in args) else UNFIT
    if origin is tuple or hint is tuple:
        if not isinstance(value, list):
            return UNFIT
        if not args or args[-1] is Ellipsis:
            item_types = [args[0] if args else Any] * len(value)
        elif len(args) == len(value):
            item_types = list(args)
        else:
            return UNFIT
        items = tuple(_typed(item, item_type) for item, item_type in zip(value, item_types, strict=True))
        return UNFIT if any(item is UNFIT for item in items) else items
    if hint is Any:
        return value
    if hint is None or hint is type(None):
        return value if value is None else UNFIT
    if hint is bool or hint is str:
        return value if isinstance(value, hint) else UNFIT
    if hint is int:
        return value if isinstance(value, int) and not isinstance(value, bool) else UNFIT
    if hint is float:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else UNFIT
    return UNFIT


def filters_from_json(stored: object) -> tuple[Filters, list[str]]:
    """Filters from their stored form, and what of it was dropped (see the module's docstring)."""
    if stored is None:
        return Filters(), []
    if not isinstance(stored, dict):
        return Filters(), ["the filters were unreadable: every filter is cleared"]
    values: dict[str, Any] = {}  # each checked against its field's annotation by _typed()
    dropped: list[str] = []
    for field in _filter_fields():
        if field.name not in stored:
            continue
        value = _typed(stored[field.name], _filter_types()[field.name])
        if value is UNFIT:
            dropped.append(f"{words(field.name)}: the value saved no longer fits; left at its default")
        else:
            values[field.name] = value
    return Filters(**values), dropped


def restored_view(view_text: str, present_speakers: str | None) -> Restored:
    """A view from its JSON, the speakers not in ``present_speakers`` (JSON [{pk, name}]) dropped."""
    try:
        stored = json.loads(view_text)
    except ValueError:
        stored = None
    if not isinstance(stored, dict):
        return Restored(View("", Filters()), ("the view was unreadable: every filter is cleared",))
    pane = stored.get("pane")
    raw_filters, gone = _drop_missing_speakers(stored.get("filters"), json.loads(present_speakers or "[]"))
    filters, dropped = filters_from_json(raw_filters)
    if gone:
        dropped.insert(0, f"{gone} speaker{'s' if gone != 1 else ''} of this view no longer in the store: dropped")
    return Restored(View(pane if isinstance(pane, str) else "", filters), tuple(dropped))


def _drop_missing_speakers(raw: object, present: list[dict[str, Any]]) -> tuple[object, int]:
    """The stored filters without the speakers who are gone (relabelled with the names of
    those left), and how many were dropped."""
    if not isinstance(raw, dict) or not isinstance(raw.get(SPEAKERS_KEY), list):
        return raw, 0
    names = {speaker["pk"]: speaker["name"] for speaker in present}
    wanted = raw[SPEAKERS_KEY]
    kept = [pk for pk in wanted if isinstance(pk, int) and not isinstance(pk, bool) and pk in names]
    if len(kept) == len(wanted):
        return raw, 0
    kept_names = [names[pk] for pk in kept]
    relabelled = {**raw, SPEAKERS_KEY: kept, SPEAKER_LABEL_KEY: ", ".join(kept_names)}
    if SPEAKER_NAMES_KEY in raw:
        relabelled[SPEAKER_NAMES_KEY] = kept_names
    return relabelled, len(wanted) - len(kept)


def words(field_name: str) -> str:
    return field_name.replace("_", " ")


def describe(filters: Filters) -> str:
    """The filters that narrow anything, in one line ("speaker: John Kirby · search: troops"),
    or "everything". Store ids (X_pks) are left to their label (X_label, shown as X)."""
    parts = []
    for field in _filter_fields():
        value = getattr(filters, field.name)
        label = SAID_BY_LABEL.get(field.name)
        if value == _default(field) or field.name.endswith(IDS_SUFFIX) or (label and getattr(filters, label, "")):
            continue
        name = words(field.name.removesuffix(LABEL_SUFFIX))
        if isinstance(value, bool):
            parts.append(name if value else f"not {name}")
        elif isinstance(value, tuple):
            parts.append(f"{name}: {', '.join(map(str, value))}")
        else:
            parts.append(f"{name}: {value}")
    return " \u00b7 ".join(parts) or "everything"


def _default(field: Field) -> object:
    if field.default is not MISSING:
        return field.default
    return field.default_factory() if field.default_factory is not MISSING else MISSING


# --- the store ------------------------------------------------------------------------------------

def _present_speakers(column: str) -> str:
    """A column: the actors among a stored view's speakers that the store still has, as JSON."""
    return f"""(SELECT json_group_array(json_object('pk', a.pk, 'name', a.name)) FROM actors a
                WHERE a.pk IN (SELECT value FROM json_each({column}, '$.filters.{SPEAKERS_KEY}'))) AS present"""


_SELECT_VIEWS = f"""SELECT v.name AS name, v.view AS view, v.created AS created, v.updated AS updated,
                           {_present_speakers('v.view')} FROM views v"""


def _saved(row: dict[str, Any]) -> SavedView:
    restored = restored_view(row["view"], row["present"])
    return SavedView(restored.view, restored.dropped, name=row["name"], created=row["created"],
                     updated=row["updated"])


def list_views(conn: sqlite3.Connection) -> list[SavedView]:
    """Every saved view, by name."""
    return [_saved(row) for row in records(conn, f"{_SELECT_VIEWS} ORDER BY v.name COLLATE NOCASE, v.name")]


def load_view(conn: sqlite3.Connection, name: str) -> SavedView | None:
    """The view saved as ``name`` (exactly), or None. One statement."""
    rows = records(conn, f"{_SELECT_VIEWS} WHERE v.name = ?", (name,))
    return _saved(rows[0]) if rows else None


def view_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM views ORDER BY name COLLATE NOCASE, name")]


def check_name(name: str) -> str:
    """The name as it is saved (spaces around it stripped), or ViewError saying why not."""
    name = name.strip()
    if not name:
        raise ViewError("a view needs a name")
    if len(name) > MAX_NAME_CHARS:
        raise ViewError(f"a view's name is at most {MAX_NAME_CHARS} characters")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ViewError("a view's name must be text (it holds a lone surrogate)") from error
    return name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_view(conn: sqlite3.Connection, name: str, view: View, *, overwrite: bool = False) -> SavedView:
    """Save ``view`` as ``name``; ViewExists if that name is taken and not ``overwrite``."""
    name, text, now = check_name(name), view_json(view), _now()
    with transaction(conn):
        row = conn.execute("SELECT created FROM views WHERE name = ?", (name,)).fetchone()
        if row is not None and not overwrite:
            raise ViewExists(f"a view named {name!r} is already saved")
        conn.execute("""INSERT INTO views (name, view, created, updated) VALUES (?, ?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET view = excluded.view, updated = excluded.updated""",
                     (name, text, now, now))
    return SavedView(view, name=name, created=row[0] if row else now, updated=now)


def delete_view(conn: sqlite3.Connection, name: str) -> bool:
    """Delete the view saved as ``name``; False if there was none."""
    with transaction(conn):
        return conn.execute("DELETE FROM views WHERE name = ?", (name,)).rowcount > 0


def remember_last(conn: sqlite3.Connection, view: View) -> None:
    """Keep ``view`` as the one to restore on the next start."""
    with transaction(conn):
        conn.execute("""INSERT INTO settings (key, value, updated) VALUES (?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated""",
                     (LAST_VIEW, view_json(view), _now()))


def last_view(conn: sqlite3.Connection) -> Restored | None:
    """The view the dashboard was left in, or None. One statement."""
    rows = records(conn, f"SELECT s.value AS value, {_present_speakers('s.value')} FROM settings s WHERE s.key = ?",
                   (LAST_VIEW,))
    return restored_view(rows[0]["value"], rows[0]["present"]) if rows else None

"""Reviewing proposed claims: accept, reject, or give them another speaker, recording who and when."""

from __future__ import annotations

import getpass
import os
import sqlite3
from datetime import UTC, datetime

from db.connection import transaction

REVIEWER_VAR = "KURSK_TUI_REVIEWER"


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


def set_review(conn: sqlite3.Connection, claim_pk: int, state: str, reviewer: str) -> None:
    """Mark a claim accepted, rejected or proposed, by ``reviewer`` now."""
    with transaction(conn):
        conn.execute("UPDATE claims SET review = ?, reviewed_by = ?, reviewed_at = ? WHERE pk = ?",
                     (state, reviewer, _now(), claim_pk))


def set_speaker(conn: sqlite3.Connection, claim_pk: int, actor_pk: int, reviewer: str) -> None:
    """Give a claim another speaker (claimant), recorded as a review by ``reviewer`` now."""
    with transaction(conn):
        conn.execute("UPDATE claims SET actor_pk = ?, reviewed_by = ?, reviewed_at = ? WHERE pk = ?",
                     (actor_pk, reviewer, _now(), claim_pk))

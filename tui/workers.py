"""Reading the store from a thread worker and handing the answer to the UI thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from textual.widget import Widget
from textual.worker import get_current_worker

T = TypeVar("T")


def deliver(widget: Widget, query: Callable[[], T], show: Callable[[T], None],
            failed: Callable[[], None] | None = None) -> None:
    """Run ``query`` here (in the worker thread) and call ``show(result)`` on the UI thread,
    unless the worker was cancelled meanwhile. A store error becomes a message for the
    user (and ``failed()``), never a crash."""
    try:
        result = query()
    except sqlite3.Error as error:
        widget.app.call_from_thread(widget.app.report_store_error, error)
        if failed is not None:
            widget.app.call_from_thread(failed)
        return
    if not get_current_worker().is_cancelled:
        widget.app.call_from_thread(show, result)

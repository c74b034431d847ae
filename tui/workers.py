"""Reading the store from a thread worker and handing the answer to the UI thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from db.paging import stopping_when

T = TypeVar("T")


def deliver(widget: Widget, query: Callable[[], T], show: Callable[[T], None],
            failed: Callable[[], None] | None = None) -> None:
    """Run ``query`` here (in the worker thread) and call ``show(result)`` on the UI thread,
    unless the worker was cancelled meanwhile: then its reads stop where they are. A store
    error becomes a message for the user (and ``failed()``), never a crash."""
    worker = get_current_worker()
    try:
        with stopping_when(lambda: worker.is_cancelled):
            result = query()
    except sqlite3.Error as error:
        if worker.is_cancelled:  # stopped: nobody is waiting for it
            return
        widget.app.call_from_thread(widget.app.report_store_error, error)
        if failed is not None:
            widget.app.call_from_thread(failed)
        return
    if not worker.is_cancelled:
        widget.app.call_from_thread(show_unless_gone, widget, worker, show, result)


def leaving(node: DOMNode) -> bool:
    """Whether ``node`` is no longer, or is about to be no longer, in the app (its screen closing,
    its children being removed, the app itself closing)."""
    return not node.app.is_running or not node.is_attached or any(
        ancestor._closing or ancestor._closed or ancestor._pruning for ancestor in node.ancestors_with_self)


def show_unless_gone(widget: Widget, worker: Worker, show: Callable[[T], None], result: T) -> None:
    """``show(result)`` on the UI thread, unless the worker was cancelled or the widget is
    leaving meanwhile: a dialog closed while its answer was on its way (its children may
    already be gone) drops the answer rather than crash the app."""
    if worker.is_cancelled or leaving(widget):
        return
    try:
        show(result)
    except NoMatches:
        if not leaving(widget):
            raise

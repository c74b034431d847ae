"""Shared fixtures: small stores built in a temporary directory."""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import settings
from textual.worker import WorkerCancelled

from db.store import ENV_VAR, open_store
from seed import load_dataset

# CI runs the same examples every time (a red build is then one anyone can rerun); elsewhere
# each run draws new ones. HYPOTHESIS_PROFILE picks either by name. No deadline in either: a
# deadline is a timed assertion, and on a loaded machine it fails correct code.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# A Pilot run allocates hundreds of thousands of short-lived objects (styles, segments,
# messages): with the default threshold (700) the cyclic collector took about a fifth of the
# Pilot tests' CPU. Collections still happen, only after 50,000 allocations instead of 700.
gc.set_threshold(50_000)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one worker more than cores. A worker waits a good part of its time (Pilot's
    idle checks sleep, serve tests wait for their processes), and the extra one runs meanwhile."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own rule reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the test modules imported lives to the end: later collections need not walk it."""
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Collect until nothing is left to collect, then freeze what lives: pytest's check for
    unraisable exceptions (five full collections after this hook, its hook still listening now)
    then walks nothing, and neither does the collection at exit. Each worker took 1.5-2 s to end
    after its last test, 0.6-0.8 s now; what the collections would find is found here."""
    while gc.collect():
        pass
    gc.freeze()


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store migrated once; tests get copies (``store``), never this file."""
    path = tmp_path_factory.mktemp("empty") / "template.db"
    open_store(path).close()  # the last connection: the write-ahead log is folded into the file
    return path


@pytest.fixture
def store(empty_template: Path, tmp_path: Path) -> sqlite3.Connection:
    """An empty, migrated store (a copy of ``empty_template``: migrating costs more than copying)."""
    path = tmp_path / "empty.db"
    shutil.copyfile(empty_template, path)
    conn = open_store(path)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset loaded once; tests get copies (``seed_path``), never this file."""
    path = tmp_path_factory.mktemp("seed") / "template.db"
    conn = open_store(path)
    load_dataset(conn)
    conn.close()  # the last connection: the write-ahead log is folded into the file
    return path


@pytest.fixture
def seed_path(seed_template: Path, tmp_path: Path) -> Path:
    """The path of a store of this test's own holding the bundled dataset."""
    path = tmp_path / "seeded.db"
    shutil.copyfile(seed_template, path)
    return path


@pytest.fixture
def seeded(seed_path: Path) -> sqlite3.Connection:
    """A connection to a store holding the bundled dataset."""
    conn = open_store(seed_path)
    yield conn
    conn.close()


def _page_pending(app) -> bool:
    """Whether a table has asked for a page not yet on screen, or has put in the first screenful
    of its page and not yet the rest."""
    from tui.paged_table import PagedTable

    return any(table.loading_page or table.rows_pending is not None
               for screen in app.screen_stack for table in screen.query(PagedTable))


async def _settle(pilot) -> None:
    for _ in range(50):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        # Not finished rather than running: a worker just made is pending, not yet running (under
        # load a settle could end before the first page was even asked of its worker).
        if all(worker.is_finished for worker in pilot.app.workers) and not _page_pending(pilot.app):
            return


@pytest.fixture
def settle():
    """``await settle(pilot)``: let every worker finish (cancelled ones too) and the screen catch up."""
    return _settle


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's own config and data directories, and no store named by the environment: the
    user's settings and default store are never read or written, and tests running side by
    side (pytest-xdist's workers) share no file."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv(ENV_VAR, raising=False)

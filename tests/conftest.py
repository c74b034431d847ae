"""Shared fixtures: small stores built in a temporary directory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from db.store import open_store
from seed import load_dataset


@pytest.fixture
def store(tmp_path: Path) -> sqlite3.Connection:
    """An empty, migrated store."""
    conn = open_store(tmp_path / "empty.db")
    yield conn
    conn.close()


@pytest.fixture
def seed_path(tmp_path: Path) -> Path:
    """The path of a store holding the bundled dataset."""
    path = tmp_path / "seeded.db"
    conn = open_store(path)
    load_dataset(conn)
    conn.close()
    return path


@pytest.fixture
def seeded(seed_path: Path) -> sqlite3.Connection:
    """A connection to a store holding the bundled dataset."""
    conn = open_store(seed_path)
    yield conn
    conn.close()


async def _settle(pilot) -> None:
    for _ in range(50):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


@pytest.fixture
def settle():
    """``await settle(pilot)``: let every worker finish (cancelled ones too) and the screen catch up."""
    return _settle

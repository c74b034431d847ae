"""Reads nobody waits for any more stop where they are: in the store's Reader, and in the
dashboard when the filters change under a count still running."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from dataclasses import replace

import pytest

from db.paging import Reader, stopping_when
from tui.app import KurskApp

# Counts to a billion: minutes of work unless it is stopped.
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
SHORT = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT count(*) FROM n"


@pytest.fixture
def reader(seed_path):
    reader = Reader(seed_path)
    yield reader
    reader.close()


def test_a_read_stops_once_its_condition_holds_and_the_connection_reads_again(reader):
    looks = []

    def stop() -> bool:
        looks.append(1)
        return len(looks) > 3

    with stopping_when(stop), pytest.raises(sqlite3.OperationalError, match="interrupted"):
        reader.scalar(ENDLESS)
    assert len(looks) == 4
    with stopping_when(lambda: False):
        assert reader.scalar(SHORT) == 1000
    assert reader.scalar(SHORT) == 1000  # outside the block: nothing looks at a condition


def test_the_condition_is_the_thread_s_own(reader):
    answers = []
    with stopping_when(lambda: True):
        thread = threading.Thread(target=lambda: answers.append(reader.scalar(SHORT)))
        thread.start()
        thread.join()
    assert answers == [1000]


async def test_a_count_of_filters_gone_stops_before_the_new_page_is_read_and_says_nothing(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.active_pane
        counted = pane.count
        started, ended = threading.Event(), threading.Event()
        old = pane.filters

        def count(filters):
            if filters is not old:
                return counted(filters)
            started.set()
            try:
                return pane.side_reader.scalar(ENDLESS)
            finally:
                ended.set()

        fetch = pane.table.fetch
        count_ended_before_the_page = []

        def fetch_page(**where):
            count_ended_before_the_page.append(ended.wait(10))
            return fetch(**where)

        pane.count, pane.table.fetch = count, fetch_page
        pane.table.total = None
        worker = pane.count_rows(old)
        assert await asyncio.to_thread(started.wait, 10)
        app.filters = replace(app.filters, search="Zelensky")
        assert await asyncio.to_thread(ended.wait, 10)  # a billion counted would take minutes
        await settle(pilot)
        assert worker.is_cancelled
        assert count_ended_before_the_page == [True]  # the page's query had the core to itself
        assert not app._notifications
        assert pane.table.total == counted(app.filters) > 0  # the new filters were counted

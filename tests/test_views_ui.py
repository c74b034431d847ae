"""Saved views in the dashboard (v) and on the command line (--view, --fresh, the view
restored on start), driven with Pilot on the bundled data."""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, Input

from db.connection import connect
from db.queries import Filters
from db.speakers import find_actors
from db.store import open_store
from db.views import Restored, SavedView, View, last_view, list_views, load_view, remember_last, save_view
from tests.test_hostile import HOSTILE, is_text, look
from tests.test_snapshots import SIZES, keys_then_settle
from tui.app import KurskApp
from tui.cli import main
from tui.pane import ListingPane
from tui.views_screen import Confirm, ViewsScreen

SIZE = (80, 24)


def saved_views(path) -> dict[str, View]:
    conn = connect(path)
    try:
        return {saved.name: saved.view for saved in list_views(conn)}
    finally:
        conn.close()


def store_views(path, views: dict[str, View]) -> None:
    conn = open_store(path)
    try:
        for name, view in views.items():
            save_view(conn, name, view)
    finally:
        conn.close()


def kirby_pk(path) -> int:
    conn = connect(path)
    try:
        (kirby,) = find_actors(conn, "kirby")
        return kirby.pk
    finally:
        conn.close()


async def press(pilot, settle, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def save_as(pilot, settle, name: str) -> None:
    await press(pilot, settle, "v")
    await pilot.press("s")
    pilot.app.screen.query_one("#views-name", Input).value = name
    await press(pilot, settle, "enter")


async def test_v_saves_the_view_in_use_and_applies_it_later(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, settle, "3", "slash", *"roughly", "enter")
        await save_as(pilot, settle, "rough figures")
        assert saved_views(seed_path) == {"rough figures": View("figures", Filters(search="roughly"))}
        assert isinstance(app.screen, ViewsScreen) and app.screen.table.row_count == 1
        await pilot.press("escape")
        await pilot.press("1", "escape")  # back to the timeline, search cleared
        await settle(pilot)
        assert app.filters == Filters() and app.query_one(ContentSwitcher).current == "timeline"

        await press(pilot, settle, "v")
        await press(pilot, settle, "enter")
        assert not isinstance(app.screen, ViewsScreen)
        assert app.query_one(ContentSwitcher).current == "figures" and app.filters == Filters(search="roughly")
        assert app.query_one("#search", Input).value == "roughly"
        rows = app.active_pane.table.rows_shown
        assert sorted(row.text for row in rows) == ["roughly 3,800", "roughly half"]


async def test_saving_over_a_name_and_deleting_ask_first(seed_path, settle):
    other = View("sources", Filters(search="x"))
    store_views(seed_path, {"a": other, "mine": View("quotes", Filters(search="kursk"))})
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await save_as(pilot, settle, "mine")
        assert isinstance(app.screen, Confirm)
        await press(pilot, settle, "n")
        assert saved_views(seed_path) == {"a": other, "mine": View("quotes", Filters(search="kursk"))}
        await pilot.press("enter")  # the name is still there to submit again
        await settle(pilot)
        await press(pilot, settle, "y")
        assert saved_views(seed_path) == {"a": other, "mine": View("timeline", Filters())}
        assert isinstance(app.screen, ViewsScreen) and not app.screen.query_one("#views-name").display
        # Deleting asks too, and deletes the view under the cursor (the second: not the first row's).
        await press(pilot, settle, "k", "j", "d")
        assert isinstance(app.screen, Confirm)
        await press(pilot, settle, "n")
        assert set(saved_views(seed_path)) == {"a", "mine"}
        await press(pilot, settle, "d", "y")
        assert set(saved_views(seed_path)) == {"a"}
        assert app.screen.table.row_count == 1


async def test_a_read_only_store_applies_views_but_saves_none(seed_path, settle):
    store_views(seed_path, {"kept": View("sources", Filters(search="kursk"))})
    app = KurskApp(seed_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, settle, "v")
        await press(pilot, settle, "s", "d")
        assert isinstance(app.screen, ViewsScreen)
        assert "read-only" in str(app.screen.query_one("#views-message").render())
        assert not app.screen.query_one("#views-name").display
        await press(pilot, settle, "enter")
        assert app.query_one(ContentSwitcher).current == "sources" and app.filters.search == "kursk"
    assert set(saved_views(seed_path)) == {"kept"}


async def test_hostile_names_are_shown_as_the_characters_they_are(seed_path, settle):
    names = [value for value in HOSTILE if is_text(value) and value.strip() and len(value.strip()) <= 100]
    store_views(seed_path, {name: View("quotes", Filters(search=name, speaker_label=name)) for name in names})
    app = KurskApp(seed_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await save_as(pilot, settle, "[@click=app.bell]typed[/]")
        await look(app, pilot, settle)
        table = app.screen.table
        assert table.row_count == len(names) + 1
        shown = {str(table.get_row_at(row)[0]) for row in range(table.row_count)}
        assert {"[bold red]x[/]", "[@click=app.bell]typed[/]"} <= shown
        for _ in range(0, table.row_count, 20):
            await pilot.press(*"j" * 20)
            await look(app, pilot, settle)
        await pilot.press("g", "enter")  # applied: the notice names it, made safe
        await look(app, pilot, settle)
        assert app.is_running and not isinstance(app.screen, ViewsScreen)


def test_views_screen_snapshot(snap_compare, seed_path, settle):
    kirby = kirby_pk(seed_path)
    store_views(seed_path, {
        "Kirby on casualties": View("figures", Filters(speaker_pks=(kirby,), speaker_label="John Kirby",
                                                       search="casualties")),
        "[bold red]waiting[/]": View("timeline", Filters(proposals_only=True)),
        "sources": View("sources", Filters()),
    })
    assert snap_compare(KurskApp(seed_path), terminal_size=SIZES["80x24"], run_before=keys_then_settle(settle, "v"))


# --- starting on a view -----------------------------------------------------------------------------

async def test_a_view_to_start_on_is_read_with_the_first_page_only(seed_path, settle, monkeypatch):
    """The first page is read once, under the view's filters, on the view's pane: restoring
    a view adds no query before it (no unfiltered page first, no other pane)."""
    reads = []
    fetch_rows = ListingPane.fetch_rows

    def counted(pane, **where):
        reads.append((pane.id, pane.filters, where.get("after"), where.get("before"), where.get("last")))
        return fetch_rows(pane, **where)

    monkeypatch.setattr(ListingPane, "fetch_rows", counted)
    filters = Filters(search="roughly")
    app = KurskApp(seed_path, view=Restored(View("figures", filters)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reads == [("figures", filters, None, None, False)]  # one page, the first
        assert app.query_one(ContentSwitcher).current == "figures" and app.filters == filters
        assert app.query_one("#search", Input).value == "roughly"
        assert len(app.active_pane.table.rows_shown) == 2
        assert not app._notifications


async def test_a_view_that_lost_its_speaker_opens_and_says_so(seed_path, settle):
    conn = open_store(seed_path)
    conn.execute("INSERT INTO actors (id, name, name_key, kind) VALUES ('gone', 'Gone', 'gone', 'person')")
    (gone,) = find_actors(conn, "gone")
    save_view(conn, "lost", View("quotes", Filters(speaker_pks=(gone.pk,), speaker_label="Gone")))
    conn.execute("DELETE FROM actors WHERE pk = ?", (gone.pk,))
    restored = load_view(conn, "lost")
    conn.close()
    app = KurskApp(seed_path, view=restored)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.filters == Filters() and len(app.active_pane.table.rows_shown) == 12
        (notice,) = app._notifications
        assert notice.message == "View \u201clost\u201d: 1 speaker of this view no longer in the store: dropped"


class FakeRun:
    """KurskApp.run replaced: records the view the app starts on, then leaves it on ``leave``."""

    def __init__(self, leave: View | None = None):
        self.leave = leave
        self.started: list[tuple[str, Filters, Restored | None]] = []

    def __call__(self, app: KurskApp) -> None:
        self.started.append((app.wanted_pane, app.filters, app.starting_view))
        if self.leave is not None:
            app.wanted_pane = self.leave.pane
            app.set_reactive(KurskApp.filters, self.leave.filters)


@pytest.fixture
def fake_run(monkeypatch):
    run = FakeRun()
    monkeypatch.setattr(KurskApp, "run", lambda app: run(app))
    return run


def test_view_opens_a_saved_view(seed_path, fake_run):
    store_views(seed_path, {"mine": View("figures", Filters(search="troops"))})
    assert main(["--db", str(seed_path), "--view", "mine"]) == 0
    ((pane, filters, starting),) = fake_run.started
    assert (pane, filters) == ("figures", Filters(search="troops")) and isinstance(starting, SavedView)


def test_an_unknown_view_is_one_line_listing_the_saved_ones(seed_path, fake_run, capsys):
    store_views(seed_path, {"mine": View("figures", Filters()), "\x1b[2Jtheirs": View("quotes", Filters())})
    assert main(["--db", str(seed_path), "--view", "nope"]) == 2
    err = capsys.readouterr().err
    assert err == "kursk-tui: no saved view named 'nope'; saved views: '\\x1b[2Jtheirs', 'mine'\n"
    assert fake_run.started == []


def test_an_unknown_view_in_a_store_with_none(seed_path, fake_run, capsys):
    assert main(["--db", str(seed_path), "--view", "nope"]) == 2
    assert "no view is saved yet" in capsys.readouterr().err


def test_the_view_left_is_restored_on_the_next_start_unless_fresh(seed_path, monkeypatch):
    left = View("sources", Filters(search="kursk", proposals_only=True))
    leave = FakeRun(leave=left)
    monkeypatch.setattr(KurskApp, "run", lambda app: leave(app))
    assert main(["--db", str(seed_path)]) == 0
    conn = connect(seed_path)
    assert last_view(conn) == Restored(left)
    conn.close()

    again = FakeRun()
    monkeypatch.setattr(KurskApp, "run", lambda app: again(app))
    assert main(["--db", str(seed_path)]) == 0
    assert main(["--db", str(seed_path), "--fresh"]) == 0
    assert [(pane, filters) for pane, filters, _ in again.started] == [("sources", left.filters),
                                                                      ("timeline", Filters())]


def test_a_read_only_store_remembers_no_view(seed_path, monkeypatch):
    conn = open_store(seed_path)
    remember_last(conn, View("quotes", Filters()))
    conn.close()
    run = FakeRun(leave=View("figures", Filters(search="x")))
    monkeypatch.setattr(KurskApp, "run", lambda app: run(app))
    assert main(["--db", str(seed_path), "--read-only"]) == 0
    assert run.started[0][0] == "quotes"  # restored all the same
    conn = connect(seed_path)
    assert last_view(conn) == Restored(View("quotes", Filters()))
    conn.close()


async def test_the_restored_view_opens_in_the_running_dashboard(seed_path, settle):
    kirby = kirby_pk(seed_path)
    conn = open_store(seed_path)
    remember_last(conn, View("quotes", Filters(speaker_pks=(kirby,), speaker_label="John Kirby")))
    restored = last_view(conn)
    conn.close()
    app = KurskApp(seed_path, view=restored)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "quotes"
        assert {row.actor for row in app.active_pane.table.rows_shown} == {"John Kirby"}
        await press(pilot, settle, "2")
        assert app.current_view == View("sources", Filters(speaker_pks=(kirby,), speaker_label="John Kirby"))

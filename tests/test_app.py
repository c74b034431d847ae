"""The dashboard driven headless with Textual's Pilot, on small stores."""

from __future__ import annotations

import sqlite3

import pytest
from textual.css.query import NoMatches
from textual.widgets import ContentSwitcher, Input

from db.interchange import apply_document
from db.paging import PAGE_SIZE
from db.store import open_store
from tests.test_search_ui import drawn
from tui.app import KurskApp
from tui.help import HelpScreen
from tui.source_screen import SourceScreen
from tui.speaker_picker import SpeakerPicker

SIZE = (80, 24)  # the size of a small terminal: enough wherever what is drawn does not matter
WIDE = (160, 48)  # room for the figures pane's chart and checks under its table


def shown(app: KurskApp) -> list:
    return app.active_pane.table.rows_shown


async def test_number_keys_the_pane_bar_and_the_palette_switch_panes_and_each_shows_the_seed(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        counts = {}
        for key, pane in (("1", "timeline"), ("2", "sources"), ("3", "figures"), ("4", "quotes")):
            await pilot.press(key)
            await settle(pilot)
            assert app.query_one(ContentSwitcher).current == pane
            assert app.focused is app.active_pane.table
            counts[pane] = len(shown(app))
        assert counts == {"timeline": 28, "sources": 1, "figures": 11, "quotes": 12}

        # A click on a pane's title in the pane bar switches to it too,
        bar = app.query_one("#pane-bar")
        start, _, _ = next(place for place in bar.places if place[2] == "figures")
        await pilot.click("#pane-bar", offset=(start + 2, 0))
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "figures"

        # and so does the command palette.
        await pilot.press("ctrl+p")
        await pilot.press(*"Show Who said")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "quotes"


async def test_speaker_picker_filters_every_pane(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press(*"kirby")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters.speaker_label == "John Kirby"
        assert {row.actor for row in shown(app)} == {"John Kirby"}
        await pilot.press("4")
        await settle(pilot)
        assert len(shown(app)) == 4 and {row.actor for row in shown(app)} == {"John Kirby"}
        await pilot.press("3")
        await settle(pilot)
        assert shown(app) == []
        await pilot.press("2")
        await settle(pilot)
        assert [(row.quotes, row.figures) for row in shown(app)] == [(4, 0)]


async def test_speaker_picker_matches_aliases(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"the ukrainian leader")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters.speaker_label == "Volodymyr Zelensky"


async def test_speaker_option_starts_filtered(seed_path, settle):
    app = KurskApp(seed_path, speaker="kirby")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert {row.actor for row in shown(app)} == {"John Kirby"}
        assert len(shown(app)) == 4


async def test_the_facet_filters_by_speaker(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("shift+tab")  # from the table back to the facet
        facet = app.query_one("#speaker-facet")
        assert app.focused is facet
        await pilot.press("down", "down", "enter")  # All, John Kirby, Volodymyr Zelensky
        await settle(pilot)
        assert app.filters.speaker_label == "Volodymyr Zelensky"
        assert {row.actor for row in shown(app)} == {"Volodymyr Zelensky"}


async def test_search_detail_and_the_escape_ladder(seed_path, settle):
    app = KurskApp(seed_path, speaker="zelensky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"resuscitated", "enter")
        await settle(pilot)
        assert [row.text for row in shown(app)] == ["seriously wounded and could not be resuscitated."]
        assert app.focused is app.active_pane.table

        await pilot.press("enter")
        await settle(pilot)
        pane = app.active_pane
        assert pane.detail_open
        body = str(pane.detail.query_one("#detail-body").render())
        assert "The Ukrainian leader also said last month" in body
        assert "Volodymyr Zelensky" in body and "2024-12" in body and "last month" in body

        await pilot.press("escape")
        assert not pane.detail_open and app.filters.search == "resuscitated"
        await pilot.press("escape")
        await settle(pilot)
        assert app.filters.search == "" and app.filters.speaker_pks
        assert len(shown(app)) == 4
        await pilot.press("escape")
        await settle(pilot)
        assert app.filters.speaker_pks == () and len(shown(app)) == 12


SYNTAX_QUOTE = "a well-known cat, don't AND NEAR(x) *"
SEED_EVENTS = 28  # rows of the seed's timeline
# What each search typed as FTS syntax shows on the timeline (rows by their first words):
# nothing searchable is no filter at all; anything else is matched as literal word prefixes
# (of the text, the speaker's name or alias, the metric, the source's headline or publisher).
SYNTAX_SEARCHES = {
    '"': SEED_EVENTS + 1,
    "don't": {SYNTAX_QUOTE[:24]},
    "AND": {SYNTAX_QUOTE[:24], "seriously wounded and co", "It is clear that Russian",
            "lost up to a battalion o", "Offense around Berdin an",
            # said by "White House and Pentagon officials" and by Andriy Yermak
            "significant amount", "approximately 1,000", "getting what it deserves"},
    "(cat": {SYNTAX_QUOTE[:24]},
    "well-known": {SYNTAX_QUOTE[:24]},
    "NEAR(": {SYNTAX_QUOTE[:24], "Nearly a third"},
    "*": SEED_EVENTS + 1,
    "   ": SEED_EVENTS + 1,
}


async def test_search_words_are_literal_never_fts_syntax(seed_path, settle):
    conn = open_store(seed_path)
    apply_document(conn, {"sources": [{"id": "desk", "publisher": "Desk", "text": f'"{SYNTAX_QUOTE}"'}],
                          "actors": [{"id": "ann", "name": "Ann Editor", "kind": "person"}],
                          "quotes": [{"id": "syntax", "speaker": "ann", "text": SYNTAX_QUOTE, "source": "desk",
                                      "said": "2025-01-02"}]})
    conn.close()
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for words, expected in SYNTAX_SEARCHES.items():
            app.run_search(words)
            await settle(pilot)
            assert [n.message for n in app._notifications if n.severity == "error"] == [], words
            rows = {row.text[:24] for row in shown(app)}
            assert (len(shown(app)) if isinstance(expected, int) else rows) == expected, words


async def test_enter_on_a_source_shows_its_text_with_spans(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        body = drawn(app.screen)
        assert "Who Said What" in str(body)
        styled = {str(body)[span.start:span.end] for span in body.spans if "cyan" in str(span.style)}
        assert "getting what it deserves" in styled
        await pilot.press("escape")
        assert not isinstance(app.screen, SourceScreen)


async def test_q_quits_cleanly(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0


def many_quotes(count: int) -> dict:
    text = " ".join(f'"quote {n}"' for n in range(count))
    return {
        "sources": [{"id": "s", "publisher": "Desk", "published": "2025-01-01", "text": text}],
        "actors": [{"id": "a", "name": "Ann Speaker", "kind": "person"}],
        "quotes": [{"id": f"q{n:04d}", "speaker": "a", "text": f"quote {n}", "source": "s",
                    "said": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"} for n in range(count)],
    }


@pytest.fixture
def big_path(tmp_path):
    path = tmp_path / "big.db"
    conn = open_store(path)
    apply_document(conn, many_quotes(2 * PAGE_SIZE + 30))
    conn.close()
    return path


async def test_tables_hold_one_page_and_move_page_by_page(big_path, settle):
    app = KurskApp(big_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.active_pane.table
        first_page = [row.pk for row in shown(app)]
        first_last_key = shown(app)[-1].key
        assert len(first_page) == PAGE_SIZE and table.row_count == PAGE_SIZE

        table.move_cursor(row=PAGE_SIZE - 1)
        await pilot.press("j")
        await settle(pilot)
        second_page = [row.pk for row in shown(app)]
        assert len(second_page) == PAGE_SIZE and not set(second_page) & set(first_page)
        assert shown(app)[0].key > first_last_key
        assert table.cursor_row == 0

        await pilot.press("k")
        await settle(pilot)
        assert [row.pk for row in shown(app)] == first_page and table.cursor_row == PAGE_SIZE - 1

        await pilot.press("G")
        await settle(pilot)
        last_page = shown(app)
        assert len(last_page) == PAGE_SIZE and table.cursor_row == PAGE_SIZE - 1
        assert last_page[-1].key == max(row.key for row in last_page)
        await pilot.press("g")
        await settle(pilot)
        assert [row.pk for row in shown(app)] == first_page and table.cursor_row == 0


async def test_markup_and_escapes_in_data_are_shown_literally(tmp_path, settle):
    hostile = ["[/]", "[@click=app.quit]click me[/]", "[ @click=app.bell]x", "\x1b]52;c;aGk=\x07clip",
               "\x1b[2Jclear", "[bold red]loud[/]"]
    text = " ".join(f'"{value}"' for value in hostile)
    path = tmp_path / "hostile.db"
    conn = open_store(path)
    apply_document(conn, {
        "sources": [{"id": "s", "title": "[/]", "publisher": "[@click=app.quit]", "published": "2025-01-01",
                     "text": text}],
        "actors": [{"id": "a", "name": "[bold]Mallory[/]", "kind": "person"}],
        "quotes": [{"id": f"q{n}", "speaker": "a", "text": value, "source": "s", "said": "2025-01-01"}
                   for n, value in enumerate(hostile)],
    })
    conn.close()
    app = KurskApp(path)
    async with app.run_test(size=WIDE) as pilot:
        for key in "1234":
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running
            if isinstance(app.screen, SourceScreen):
                await pilot.press("escape")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("4")
        await settle(pilot)
        table = app.active_pane.table
        cells = [str(table.cell(row, 1)) for row in range(table.row_count)]
        assert "[@click=app.quit]click me[/]" in cells
        assert not any("\x1b" in cell for cell in cells)
        for cells in table.cells_shown.values():  # the columns hidden at this width too
            for cell in cells:
                for segment in cell.render(app.console):
                    assert not (segment.style and segment.style.meta.get("@click"))


async def test_a_crash_exits_non_zero(tmp_path, settle):
    app = KurskApp(tmp_path / "no-such-store.db")  # the read-only reader cannot open it
    with pytest.raises(sqlite3.OperationalError):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
    assert app.return_code == 1


async def test_figures_pane_charts_and_checks_the_metric_under_the_cursor(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        pane = app.active_pane
        checks = str(pane.query_one("#checks-body").render())
        assert checks.startswith("North Korean casualties (killed or wounded)")
        assert "31.7%" in checks and "conflict" in checks and "superseded" in checks
        chart = pane.query_one("#metric-chart")
        assert {box.claimant for box in chart.items} == {"White House and Pentagon officials", "Volodymyr Zelensky"}
        late_december = [box for box in chart.items if box.first.isoformat() == "2024-12-21"]
        assert {(box.first.isoformat(), box.last.isoformat()) for box in late_december} == {
            ("2024-12-21", "2024-12-31")}
        assert any(box.low < box.high for box in chart.items)  # "approximately 1,000" is drawn as a range

        while pane.table.current.metric != "Russian-side losses around one Kursk village":
            await pilot.press("j")
            await settle(pilot)
        checks = str(pane.query_one("#checks-body").render())
        assert "conversion" in checks and "as many as 1,000" in checks


async def test_timeline_is_in_date_order_and_shows_fuzziness_and_what_dates_were_resolved_against(
        seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lowers = [row.date_lower for row in shown(app)]
        assert lowers == sorted(lowers)
        late_december = [row for row in shown(app) if row.date_text == "in late December"]
        assert {(row.date_lower, row.date_upper) for row in late_december} == {("2024-12-21", "2024-12-31")}
        table = app.active_pane.table
        rows = {str(table.cell(i, 0)): i for i in range(table.row_count)}
        late = rows["in late December"]
        assert "part of month" in str(table.cell(late, 2))
        assert str(table.cell(late, 3)) == "\u21ba 2025-01-05"
        absolute = rows["in October 2024"]
        assert str(table.cell(absolute, 3)) == ""
        bounds = [(row.date_lower, row.date_upper) for row in shown(app)]
        assert bounds == sorted(bounds)


@pytest.fixture
def proposals_path(seed_path):
    conn = open_store(seed_path)
    conn.execute("UPDATE claims SET review = 'proposed', confidence = 0.6 "
                 "WHERE id IN ('q-zelensky-several', 'q-yermak-getting-what-it-deserves')")
    conn.close()
    return seed_path


async def test_review_proposals_accept_reject_and_change_speaker(proposals_path, settle, monkeypatch):
    monkeypatch.setenv("KURSK_TUI_REVIEWER", "desk-editor")
    app = KurskApp(proposals_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.active_pane.table
        marked = [str(table.cell(row, 1)) for row in range(table.row_count)]
        assert sum(cell.startswith("\u25c7 proposed") for cell in marked) == 2

        await pilot.press("p")
        await settle(pilot)
        assert [row.text for row in shown(app)] == ["several", "getting what it deserves"]

        await pilot.press("a")
        await settle(pilot)
        assert [row.text for row in shown(app)] == ["getting what it deserves"]

        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#edit-speaker").value = "kovalenko"  # an alias
        await settle(pilot)
        assert "Andriy Kovalenko" in str(app.screen.query_one("#edit-speaker-match").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app)[0].actor == "Andriy Kovalenko"
        await pilot.press("x")
        await settle(pilot)
        assert shown(app) == []

        await pilot.press("p")
        await settle(pilot)
        assert "getting what it deserves" not in [row.text for row in shown(app)]  # rejected: hidden
        assert len(shown(app)) == 11

    conn = open_store(proposals_path)
    rows = dict((claim_id, (review, by, at is not None)) for claim_id, review, by, at in conn.execute(
        "SELECT id, review, reviewed_by, reviewed_at FROM claims WHERE reviewed_by IS NOT NULL"))
    assert rows == {"q-zelensky-several": ("accepted", "desk-editor", True),
                    "q-yermak-getting-what-it-deserves": ("rejected", "desk-editor", True)}
    speaker = conn.execute("SELECT a.name FROM claims c JOIN actors a ON a.pk = c.actor_pk "
                           "WHERE c.id = 'q-yermak-getting-what-it-deserves'").fetchone()[0]
    assert speaker == "Andriy Kovalenko"


async def test_a_read_only_dashboard_offers_no_review(proposals_path, settle):
    app = KurskApp(proposals_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "p")
        await settle(pilot)
        assert "read-only" in str(app.query_one("#status").render())
        await pilot.press("a")
        await settle(pilot)
        assert len(shown(app)) == 2
    conn = open_store(proposals_path)
    assert conn.execute("SELECT count(*) FROM claims WHERE review = 'proposed'").fetchone()[0] == 2


async def test_another_process_importing_shows_up_without_a_restart(seed_path, tmp_path, settle):
    app = KurskApp(seed_path, poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert len(shown(app)) == 12
        other = open_store(seed_path)  # a second process's connection
        apply_document(other, {"sources": [{"id": "wire", "publisher": "Wire", "text": 'He said "fresh".'}],
                               "actors": [{"id": "new", "name": "New Voice", "kind": "person"}],
                               "quotes": [{"id": "fresh", "speaker": "new", "text": "fresh", "source": "wire",
                                           "span": {"start": 9, "end": 14, "exact": "fresh"}}]})
        other.close()
        for _ in range(60):
            await pilot.pause(0.05)
            await settle(pilot)
            if len(shown(app)) == 13:
                break
        assert "fresh" in [row.text for row in shown(app)]


async def test_a_store_error_in_a_worker_is_a_message_not_a_crash(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        broken = app.active_pane

        def fail(**where):
            raise sqlite3.OperationalError("disk I/O error")

        broken.table.fetch = fail
        broken.table.reload()
        await settle(pilot)
        assert app.is_running
        assert any("disk I/O error" in str(n.message) for n in app._notifications)


async def test_help_screen_then_actions_smuggled_in_as_markup_are_refused(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await settle(pilot)
        assert await app.run_action("app.bell") is False
        assert await app.run_action("app.quit") is True  # its own binding still works


async def test_a_crash_traceback_shows_no_local_variables(seed_path, settle, monkeypatch):
    monkeypatch.delenv("KURSK_TUI_DEBUG", raising=False)
    app = KurskApp(seed_path)

    def fail_holding_data() -> None:
        data = app.active_pane.table.rows_shown[0].text  # a local a traceback with locals shows
        raise ZeroDivisionError(len(data))

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row_text = app.active_pane.table.rows_shown[0].text
        try:
            fail_holding_data()
        except ZeroDivisionError:
            app._fatal_error()  # what Textual calls on an unhandled exception
        rendered = "".join(segment.text for renderable in app._exit_renderables
                           for segment in renderable.segments)
    assert "ZeroDivisionError" in rendered
    assert "locals" not in rendered and row_text not in rendered


async def test_pane_keys_pressed_quickly_end_on_the_last_one(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in "234":
            app.simulate_key(key)
        for _ in range(20):  # a pane still being mounted runs no worker that settle could wait for
            await settle(pilot)
            if app.query_one(ContentSwitcher).current == app.wanted_pane:
                break
        assert app.query_one(ContentSwitcher).current == "quotes"
        assert app.focused is app.active_pane.table


async def test_an_answer_for_a_dialog_that_is_closing_is_dropped(seed_path, settle):
    """A speaker search answered after its picker began to close (keys typed fast under load)
    is dropped: no NoMatches from the picker's gone option list."""
    from textual.worker import Worker

    from tui.workers import show_unless_gone

    app = KurskApp(seed_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        shown = []
        worker: Worker = Worker(picker, lambda: None)
        await picker.query_one("#picker-options").remove()  # as when the dialog is being taken down
        picker._pruning = True
        show_unless_gone(picker, worker, shown.append, [])
        assert shown == []
        picker._pruning = False
        with pytest.raises(NoMatches):  # a widget that is staying: a missing child is a bug, and said
            show_unless_gone(picker, worker, lambda found: picker.query_one("#picker-options"), [])

"""Review in the dashboard: undo, the rejected view with restore, the edit dialog, history, help."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from db.store import open_store
from tui.app import KurskApp
from tui.help import help_table
from tui.status_line import KeysFooter

SIZE = (80, 24)  # a small terminal: enough wherever what is drawn does not matter
WIDE = (160, 48)  # room for the figures' status column (dropped at 80 columns)


def shown(app):
    return list(app.active_pane.table.rows_shown)


def row_index(app, text: str) -> int:
    return next(index for index, row in enumerate(shown(app)) if row.text == text)


async def go_to(pilot, app, settle, text: str) -> None:
    app.active_pane.table.move_cursor(row=row_index(app, text))
    await settle(pilot)


@pytest.fixture(autouse=True)
def reviewer(monkeypatch):
    monkeypatch.setenv("KURSK_TUI_REVIEWER", "desk-editor")


async def test_reject_then_undo_then_restore_from_the_rejected_view(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, app, settle, "several")
        await pilot.press("x")
        await settle(pilot)
        assert "several" not in [row.text for row in shown(app)]
        await pilot.press("u")
        await settle(pilot)
        assert "several" in [row.text for row in shown(app)]  # undone

        await go_to(pilot, app, settle, "several")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert "rejected shown" in str(app.query_one("#status").render())
        index = row_index(app, "several")
        assert str(app.active_pane.table.cell(index, 1)).startswith("\u2715 rejected")
        await go_to(pilot, app, settle, "several")
        await pilot.press("r")
        await settle(pilot)
        assert shown(app)[row_index(app, "several")].review == "accepted"

    conn = open_store(seed_path)
    actions = [action for (action,) in conn.execute(
        "SELECT h.action FROM claim_history h JOIN claims c ON c.pk = h.claim_pk WHERE c.text = 'several' "
        "ORDER BY h.pk")]
    assert actions == ["rejected", "undone", "rejected", "accepted"]
    conn.close()


def footer_keys(app) -> dict[tuple[str, str], bool]:
    """The footer's keys as drawn, each (key, description) with whether it is enabled."""
    footer = app.screen.query_one(KeysFooter)
    footer.render()
    return {(key.key, key.description): key.enabled for _, _, key in footer.places}


def keys_on_offer(app) -> dict[tuple[str, str], bool]:
    """What Textual's Footer would show: the first binding shown of each action, and the command
    palette's, each enabled or not."""
    keys: dict[str, tuple[str, str, bool]] = {}
    bindings = app.screen.active_bindings
    for _, binding, enabled, _ in bindings.values():
        if binding.show:
            keys.setdefault(binding.action, (binding.key, binding.description, enabled))
    _, palette, enabled, _ = bindings[app.COMMAND_PALETTE_BINDING]
    keys[palette.action] = (palette.key, palette.description, enabled)
    return {(key, description): enabled for key, description, enabled in keys.values()}


async def test_the_footer_follows_the_review_state_of_the_row_under_the_cursor(seed_path, settle):
    from db.review import set_review

    conn = open_store(seed_path)
    pk = conn.execute("SELECT pk FROM claims WHERE text = 'several'").fetchone()[0]
    set_review(conn, pk, "proposed", "night-editor")
    conn.close()
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, app, settle, "several")
        proposed = footer_keys(app)
        assert proposed == keys_on_offer(app) and proposed[("a", "Accept")]
        await pilot.press("j" if row_index(app, "several") == 0 else "k")  # an accepted row
        await settle(pilot)
        accepted = footer_keys(app)
        assert accepted == keys_on_offer(app) and not accepted[("a", "Accept")]
        await go_to(pilot, app, settle, "several")
        assert footer_keys(app) == proposed


async def test_undo_survives_a_restart(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, app, settle, "several")
        await pilot.press("x")
        await settle(pilot)
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "several" not in [row.text for row in shown(app)]
        await pilot.press("u")
        await settle(pilot)
        assert "several" in [row.text for row in shown(app)]


async def test_the_edit_dialog_refuses_bad_input_in_place_and_saves_good_input(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await go_to(pilot, app, settle, "3,800 killed or wounded")
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#edit-value").value = "-5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "negative" in str(dialog.query_one("#edit-error").render())  # one line, dialog still open
        assert app.screen is dialog

        dialog.query_one("#edit-value").value = "3,900"
        dialog.query_one("#edit-date").value = "early January"
        await settle(pilot)
        assert "2025-01-01 .. 2025-01-10" in str(dialog.query_one("#edit-date-resolved").render())
        dialog.query_one("#edit-note").value = "Checked against the interview transcript"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog

        await go_to(pilot, app, settle, "3,800 killed or wounded")
        await pilot.press("enter")
        await settle(pilot)
        detail = str(app.active_pane.detail.query_one("#detail-body").render())
        assert "History" in detail and "desk-editor" in detail and "3,800 \u2192 3,900" in detail
    conn = open_store(seed_path)
    value, lower = conn.execute("SELECT f.value, c.date_lower FROM claims c JOIN figures f ON f.claim_pk = c.pk "
                                "WHERE c.text = '3,800 killed or wounded'").fetchone()
    assert (value, lower) == (3900, "2025-01-01")
    conn.close()


async def test_a_change_made_elsewhere_meanwhile_is_not_overwritten(seed_path, settle):
    from db.review import set_review

    app = KurskApp(seed_path, poll_interval=3600)  # the dashboard must not have reloaded the row meanwhile
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, app, settle, "several")
        conn = open_store(seed_path)  # another reviewer, after this dashboard read the row
        pk = conn.execute("SELECT pk FROM claims WHERE text = 'several'").fetchone()[0]
        set_review(conn, pk, "proposed", "night-editor")
        conn.close()
        await pilot.press("x")
        await settle(pilot)
    conn = open_store(seed_path)
    assert conn.execute("SELECT review FROM claims WHERE pk = ?", (pk,)).fetchone()[0] == "proposed"
    conn.close()


async def test_help_lists_the_review_keys_of_the_pane_in_view(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        console = Console(width=140, record=True, file=io.StringIO())
        console.print(help_table(app.screen.sections))
        text = console.export_text()
        for key, words in (("a", "accept"), ("x", "reject"), ("r", "restore"), ("c", "change any field"),
                           ("u", "undo"), ("R", "rejected"), ("p", "waiting for review")):
            assert any(line.split()[:1] == [key] and words in line for line in text.splitlines()), key


async def test_the_status_column_shows_the_checks_verdict_beside_the_stored_status(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.active_pane.table
        status = {row.text: str(table.get_cell_at((index, 5))) for index, row in enumerate(shown(app))}
        assert status["3,000"] == "\u2717 conflict \u00b7 superseded"  # the verdict in words, then the stored status
        assert status["approximately 1,000"] == "\u2717 conflict \u00b7 unverified"
        assert status["Nearly a third"] == "\u2713 consistent \u00b7 unverified"


async def test_keys_typed_after_quit_open_no_dialog_into_the_closing_app(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.exit()
        app.action_export_view()  # "q", then "e" and "?" before the app has closed
        app.action_help()
        await pilot.pause()
    assert app.return_code == 0

"""Several speakers, the filter form and sorting, driven with Textual's Pilot on the seed."""

from __future__ import annotations

from textual.widgets import Input, Static

from db.names import text_key
from tui.app import KurskApp
from tui.figures import FiguresPane
from tui.filter_form import FilterForm
from tui.help import HelpScreen
from tui.quotes import QuotesPane
from tui.sources import COUNTS_UNSORTED, SourcesPane
from tui.speaker_picker import MARKED, SpeakerPicker
from tui.status_line import StatusLine
from tui.timeline import TimelinePane

# Wide enough for every column of every pane (narrower, the least important are dropped); 30 rows
# hold what these tests read, and drawing a shorter screen costs less (~15% of this file's CPU).
SIZE = (160, 30)


def shown(app: KurskApp) -> list:
    return app.active_pane.table.rows_shown


def status(app: KurskApp) -> str:
    return app.query_one(StatusLine).render().plain


def header(app: KurskApp, index: int) -> str:
    table = app.active_pane.table
    return table.columns[table.column_keys[index]].label.plain


async def test_the_picker_marks_several_speakers_with_space(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"kirby")
        await settle(pilot)
        await pilot.press("tab", "space")  # to the list; mark John Kirby
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        options = picker.query_one("#picker-options")
        assert options.get_option_at_index(0).prompt.plain.startswith(MARKED)
        await pilot.press("tab", *"\b" * 5, *"zelensky")
        await settle(pilot)
        await pilot.press("tab", "space", "enter")
        await settle(pilot)
        assert app.filters.speaker_names == ("John Kirby", "Volodymyr Zelensky")
        assert {row.actor for row in shown(app)} == {"John Kirby", "Volodymyr Zelensky"}
        assert "speakers: John Kirby, Volodymyr Zelensky" in status(app)
        await pilot.press("s")  # opened again, both are still marked; unmark one
        await settle(pilot)
        await pilot.press(*"kirby")
        await settle(pilot)
        await pilot.press("tab", "space", "enter")
        await settle(pilot)
        assert app.filters.speaker_names == ("Volodymyr Zelensky",)


async def test_the_facet_marks_several_speakers(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("shift+tab", "down", "space", "down", "space", "enter")  # Kirby and Zelensky
        await settle(pilot)
        assert set(app.filters.speaker_names) == {"John Kirby", "Volodymyr Zelensky"}
        assert {row.actor for row in shown(app)} == {"John Kirby", "Volodymyr Zelensky"}
        assert len(shown(app)) == 4 + len([row for row in shown(app) if row.actor == "Volodymyr Zelensky"])


async def test_the_filter_form_narrows_by_metric_source_and_dates(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everything = len(shown(app))
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterForm)
        await pilot.press(*"late December 2024", "enter")  # the metric field first: no metric is named so
        await settle(pilot)
        error = app.screen.query_one("#filter-error", Static).render().plain
        assert error.startswith("no metric matches") and "\n" not in error
        app.screen.query_one("#filter-metric", Input).value = ""
        app.screen.query_one("#filter-dates", Input).value = "late December 2024"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FilterForm)
        assert (app.filters.since, app.filters.until) == ("2024-12-21", "2024-12-31")
        assert 0 < len(shown(app)) < everything
        assert all(row.date_upper >= "2024-12-21" and row.date_lower <= "2024-12-31" for row in shown(app))
        assert "dates: late December 2024 (2024-12-21 \u2013 2024-12-31)" in status(app)
        await pilot.press("3", "f")
        await settle(pilot)
        app.screen.query_one("#filter-dates", Input).value = ""
        app.screen.query_one("#filter-metric", Input).value = "casualties"
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) and all("casualties" in row.metric.lower() for row in shown(app))
        await pilot.press("escape")  # esc clears the form's filters (no search, no speaker)
        await settle(pilot)
        assert app.filters.metrics == () and "metric:" not in status(app)


async def test_a_bad_date_says_so_in_one_line(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-dates", Input).value = "the twelfth of never"
        await pilot.press("enter")
        await settle(pilot)
        error = app.screen.query_one("#filter-error", Static).render().plain
        assert error.startswith("not a date kursk-tui knows") and "\n" not in error
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FilterForm) and app.filters.since == ""


async def test_o_cycles_the_sort_shift_o_reverses_it_and_o_skips_the_sources_claim_counts(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert header(app, 0) == "When (as printed)"  # the own order is not marked
        await pilot.press("o")
        await settle(pilot)
        assert app.filters.sort == "fuzziness" and header(app, 2).endswith("\u25b2")
        assert not header(app, 0).endswith("\u25b2")
        await pilot.press("o")
        await settle(pilot)
        resolved = [row.date_resolved_against or "~" for row in shown(app)]
        assert app.filters.sort == "resolved" and header(app, 3).endswith("\u25b2") and resolved == sorted(resolved)
        await pilot.press("o")
        await settle(pilot)
        kinds = [row.kind for row in shown(app)]
        assert app.filters.sort == "kind" and kinds == sorted(kinds)
        await pilot.press("O")
        await settle(pilot)
        kinds = [row.kind for row in shown(app)]
        assert app.filters.descending and kinds == sorted(kinds, reverse=True)
        assert header(app, 4).endswith("\u25bc") and "sort: kind \u25bc" in status(app)
        await pilot.press("o", "o")  # by speaker, by text
        await settle(pilot)
        assert app.filters.sort == "text" and header(app, 6).endswith("\u25b2")
        await pilot.press("o")  # back to the own order
        await settle(pilot)
        assert app.filters.sort == "" and not app.filters.descending and header(app, 4) == "Kind"

        # On the Sources pane, o skips the claim counts.
        await pilot.press("2")
        await settle(pilot)
        chosen = []
        for _ in range(5):
            await pilot.press("o")
            await settle(pilot)
            chosen.append(app.filters.sort)
        # From Published (its own order, "") to the note, then round: the three counts between are skipped.
        assert chosen == ["note", "title", "publisher", "", "note"]
        assert not any(header(app, index).endswith(("\u25b2", "\u25bc")) for index in (3, 4, 5))


async def test_clicking_a_header_sorts_by_its_column_and_again_reverses(seed_path, settle):
    """On the figures, the sources (whose counts say why not) and the quotes (speakers by name,
    in any case and with or without accents)."""
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.active_pane.table
        status_at = sum(table.shown_widths[index] + 2 * table.cell_padding for index in range(5)) + 2
        await pilot.click(table, offset=(status_at, 0))
        await settle(pilot)
        assert app.filters.sort == "status" and header(app, 5).endswith("\u25b2")
        statuses = [row.status for row in shown(app)]
        assert statuses == sorted(statuses)
        await pilot.click(table, offset=(status_at, 0))
        await settle(pilot)
        assert app.filters.descending and header(app, 5).endswith("\u25bc")
        await pilot.press("2")
        await settle(pilot)
        table = app.active_pane.table
        quotes_at = sum(table.shown_widths[index] + 2 * table.cell_padding for index in range(3)) + 2
        await pilot.click(table, offset=(quotes_at, 0))  # a source's count of quotes
        await settle(pilot)
        assert app.filters.sort == "status"  # not sortable: nothing changes, and a line says why
        (notice,) = [notification.message for notification in app._notifications]
        assert notice == f"The Quotes column cannot be sorted: {COUNTS_UNSORTED}."
        assert "\n" not in notice and "filters" in notice

        # The speakers sort by name ignoring case and accents.
        await pilot.press("4")
        await settle(pilot)
        await pilot.click(app.active_pane.table, offset=(4, 0))  # Speaker
        await settle(pilot)
        assert app.filters.sort == "speaker" and header(app, 0).endswith("\u25b2")
        names = [text_key(row.actor) for row in shown(app)]
        assert names == sorted(names) and len(set(names)) > 2
        await pilot.click(app.active_pane.table, offset=(4, 0))
        await settle(pilot)
        names = [text_key(row.actor) for row in shown(app)]
        assert header(app, 0).endswith("\u25bc") and names == sorted(names, reverse=True)


def test_every_column_sorts_or_says_why_not():
    for pane in (TimelinePane, SourcesPane, QuotesPane, FiguresPane):
        assert all(bool(column.sort) != bool(column.unsorted) for column in pane.COLUMNS), pane.__name__


async def test_help_lists_the_new_keys(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {key: what for _, keys in app.screen.sections for key, what in keys}
        assert "metric, source and dates" in rows["f"]
        assert rows["o"].startswith("sort by the next sortable column") and rows["O"] == "reverse the order"
        assert any("several" in what for what in rows.values())



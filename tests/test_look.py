"""The look at any terminal size, the theme kept between runs, the status line's totals and Tab."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList

from db import queries
from db.paging import Reader
from tui.app import KurskApp
from tui.paged_table import PagedTable
from tui.settings import HIGH_CONTRAST, config_path, saved_theme
from tui.speaker_picker import SpeakerPicker
from tui.status_line import KeysFooter, PageState, StatusLine

SMALL = (80, 24)


def shown_labels(table: PagedTable) -> list[str]:
    return [column.label.plain for column in table.ordered_columns]


async def test_at_80x24_every_pane_keeps_its_room_the_status_counts_rows_and_tab_moves(seed_path, settle):
    """One start at 80x24, each pane looked at in turn: the timeline's columns, the figures
    table above its chart, the status line's count after each page, tab in Who said what to
    the speaker list and back, and the quote detail leaving the table room."""
    app = KurskApp(seed_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.active_pane.table
        assert {"When (as printed)", "Kind", "Who", "What"} <= set(shown_labels(table))
        assert sum(column.get_render_width(table) for column in table.ordered_columns) <= SMALL[0]
        assert "rows 1\u201328 of 28" in str(app.query_one(StatusLine).render())

        await pilot.press("3")
        await settle(pilot)
        table = app.active_pane.table
        assert table.size.height >= 9, "figures: a header and at least 8 rows"
        assert app.query_one("#metric-panel").size.height > 0, "figures: the chart is there too"

        await pilot.press("4")
        await settle(pilot)
        assert "rows 1\u201312 of 12" in str(app.query_one(StatusLine).render())
        await pilot.press("tab")
        assert isinstance(app.focused, OptionList)
        await pilot.press("tab")
        assert app.focused is app.active_pane.table

        assert shown_labels(app.active_pane.table)[:2] == ["Speaker", "Quote"]
        await pilot.press("enter")
        await settle(pilot)
        pane = app.active_pane
        assert not app.query_one("#speaker-facet").display or app.query_one("#speaker-facet").size.width == 0
        assert pane.table.size.width >= 30 and pane.detail.outer_size.width >= 30
        assert shown_labels(pane.table)[:2] == ["Speaker", "Quote"], "the detail open"


async def test_wide_text_columns_take_the_room(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(240, 60)) as pilot:
        await settle(pilot)
        table = app.active_pane.table
        used = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert used >= 240 - 4


async def test_the_theme_chosen_is_restored_at_the_next_start(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.theme = HIGH_CONTRAST.name
        await settle(pilot)
    assert HIGH_CONTRAST.name in config_path().read_text()
    again = KurskApp(seed_path)
    async with again.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert again.theme == HIGH_CONTRAST.name


async def test_a_corrupt_or_unknown_config_is_ignored(seed_path, settle):
    """Files that cannot be read as settings give no theme (read where the app reads them);
    a theme name the app does not know is ignored by the running app."""
    config_path().parent.mkdir(parents=True, exist_ok=True)
    for text in ("{not json", '["a list"]', '{"theme": 7}', "\udcff"):
        config_path().write_text(text, errors="surrogateescape")
        assert saved_theme() is None, text
    config_path().write_text('{"theme": "no-such-theme"}')
    app = KurskApp(seed_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"


async def test_on_a_narrow_terminal_the_filters_are_cut_short_and_the_row_count_kept(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.filters = replace(app.filters, since="2024-01-01", until="2025-12-31", sort="kind", descending=True,
                              date_label="the whole of 2024 and of 2025, as typed")
        await settle(pilot)
        status = app.query_one(StatusLine)
        line = status.render().plain
        assert status.size.width < 80 and len(line) <= status.size.width
        assert line.endswith(tuple(f"of {count}" for count in range(1, 100))) and "\u2026" in line
        wide = status.narrowed().plain
        assert "sort: kind" in wide and "sort: kind" not in line


def test_the_counts_match_the_listings(seed_path):
    reader = Reader(seed_path)
    try:
        for filters in (queries.Filters(), queries.Filters(search="soldiers"), queries.Filters(speaker_pks=(1, 2)),
                        queries.Filters(proposals_only=True)):
            for listing in ("timeline", "quotes", "figures", "sources"):
                page = getattr(queries, f"{listing}_page")(reader, filters, limit=1000)
                assert getattr(queries, f"{listing}_count")(reader, filters) == len(page), (listing, filters)
    finally:
        reader.close()


def test_rows_are_counted_in_words_that_agree_with_the_number():
    label = StatusLine.rows_label
    assert label(PageState(rows=1)) == "1 row"
    assert label(PageState(rows=100, more=True)) == "100+ rows"
    assert label(PageState(rows=100, first=201, total=12345)) == "rows 201\u2013300 of 12,345"
    assert label(PageState(rows=1, total=1)) == "1 row of 1"


def test_nothing_matching_under_a_speaker_says_what_esc_clears_next():
    status = StatusLine()
    status.filters = queries.Filters(speaker_pks=(1,), speaker_label="John Kirby")
    assert status.empty_message("No figures match.").plain.endswith("(s picks another; esc clears it).")
    status.filters = queries.Filters(speaker_pks=(1,), speaker_label="John Kirby", search="drones")
    assert status.empty_message("No figures match.").plain.endswith("esc clears the search first).")


async def test_the_footer_draws_the_keys_on_offer_follows_the_focus_and_a_click_presses_one(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        footer = app.query_one(KeysFooter)
        line = footer.render().plain
        assert "s Speaker" in line and "q Quit" in line and line.endswith("\u258f^p palette")
        assert len(line) == 160
        start, _, key = next(place for place in footer.places if place[2].description == "Speaker")
        await pilot.hover(KeysFooter, offset=(start, 0))
        assert footer.hovered is not None and footer.tooltip == key.tooltip
        await pilot.click(KeysFooter, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, SpeakerPicker), "a click on 's Speaker' opens the picker"
        await pilot.press("escape")
        await settle(pilot)
        (start, _, key), = [place for place in footer.places if place[2].description == "Accept"]
        assert not key.enabled, "nothing to accept on the seed: the key is shown dim"
        await pilot.click(KeysFooter, offset=(start, 0))
        assert app.screen is app.screen_stack[0] and app.active_pane.table.row_count == 28

        # The keys on offer follow the focus: the table's, then the search's.
        assert "a Accept" in footer.render().plain
        await pilot.press("slash")
        await settle(pilot)
        assert "a Accept" not in footer.render().plain and "esc" in footer.render().plain

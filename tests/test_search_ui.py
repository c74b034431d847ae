"""Search in the dashboard: matches marked in the rows and the detail (not by colour alone),
and the source view's own find (/, n, N) and claim-to-claim keys (], [)."""

from __future__ import annotations

import asyncio
import threading

from rich.style import Style
from rich.text import Text

from tui.app import KurskApp, SearchInput
from tui.highlight import MATCH_STYLE, highlight, match_spans, phrases
from tui.source_screen import CURRENT_STYLE, FOUND_STYLE, SourceScreen
from tui.source_text import SourceTextView

SIZE = (120, 28)


def marked(text: Text, style: str = MATCH_STYLE) -> list[str]:
    """The stretches of ``text`` carrying every attribute of ``style``."""
    wanted = Style.parse(style)
    return [text.plain[span.start:span.end] for span in text.spans
            if all(getattr(Style.parse(str(span.style)), attribute) for attribute in ("bold", "underline", "reverse")
                   if getattr(wanted, attribute))]


def test_highlight_marks_each_word_without_colour():
    text = highlight(Text("Volodymyr Zelensky: North Korean casualties"), phrases("zelenský casu"))
    assert marked(text) == ["Zelensky", "casu"]
    style = Style.parse(MATCH_STYLE)
    assert style.color is None and style.bgcolor is None and style.bold and style.underline and style.reverse


def test_overlapping_matches_are_one_mark():
    assert match_spans("North Korean", phrases("kor korea")) == [(6, 11)]


async def test_figures_pane_finds_and_marks_the_claimant(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("slash", *"zelensky casualties", "enter")
        await settle(pilot)
        table = app.active_pane.table
        assert table.rows_shown and {row.actor for row in table.rows_shown} == {"Volodymyr Zelensky"}
        for index in range(len(table.rows_shown)):
            claimant = table.cell(index, 1)
            assert marked(claimant) == ["Zelensky"]
            metric = table.cell(index, 0)  # shown on the first row of each metric
            assert marked(metric) == (["casualties"] if metric.plain else [])

        await pilot.press("enter")
        await settle(pilot)
        found = marked(app.active_pane.detail.query_one("#detail-body").content)
        assert "Zelensky" in found and "casualties" in found


async def test_detail_marks_the_words_only_where_search_looks(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        app.run_search("resuscitated speaker")  # "speaker" is a label of the detail, not data
        await settle(pilot)
        assert app.active_pane.table.rows_shown == []
        app.run_search("resuscitated")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        body = app.active_pane.detail.query_one("#detail-body").content
        # the quote, and the same words in the source text around its span
        assert marked(body) == ["resuscitated", "resuscitated"]


async def open_source(app, pilot, settle) -> SourceScreen:
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, SourceScreen)
    return app.screen


def drawn(screen: SourceScreen) -> Text:
    """Every wrapped line of the source view as it is drawn (styled) when scrolled to, one under another."""
    view = screen.query_one(SourceTextView)
    return Text("\n").join(view.line_text(y) for y in range(len(view.lines.starts)))


def where(screen: SourceScreen) -> str:
    return screen.query_one("#source-where").content.plain


def in_view(screen: SourceScreen) -> bool:
    """Whether the current place is on the lines the view shows."""
    view = screen.query_one("#source-text")
    line = screen.line_of(screen.current[0])
    return view.scroll_y <= line < view.scroll_y + view.size.height


async def test_source_view_finds_words_goes_round_them_and_says_when_nothing_matches(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_source(app, pilot, settle)
        await pilot.press("slash", *"kursk", "enter")
        await settle(pilot)
        body = screen.body.plain
        count = len(screen.matches)
        assert count > 3 and all(body[start:end].lower() == "kursk" for start, end in screen.matches)
        assert where(screen) == f"match 1 of {count} for \u201ckursk\u201d"
        assert screen.current == screen.matches[0] and in_view(screen)

        await pilot.press("n", "n")
        assert where(screen) == f"match 3 of {count} for \u201ckursk\u201d"
        assert screen.current == screen.matches[2] and in_view(screen)
        shown = drawn(screen)
        start, end = screen.current
        assert marked(shown, CURRENT_STYLE) == [body[start:end]]

        await pilot.press("N", "N", "N")  # back past the first: round to the last
        assert where(screen) == f"match {count} of {count} for \u201ckursk\u201d"
        assert in_view(screen)
        await pilot.press("n")
        assert where(screen).startswith(f"match 1 of {count}")
        found = [span for span in drawn(screen).spans if span.style == FOUND_STYLE]
        assert len(found) == count

        # Then words found nowhere, or nothing searchable, or an escape: each said, none sent.
        said = {"zzqxv": "No match for \u201czzqxv\u201d", '[/] "': "",  # nothing searchable: no search
                "\x1b[2J": "No match for \u201c\u241b[2J\u201d"}  # the escape shown, never sent
        for words, saying in said.items():
            await pilot.press("slash")
            screen.query_one("#source-find").value = words
            await pilot.press("enter")
            await settle(pilot)
            assert screen.matches == [] and screen.current is None and where(screen) == saying
        await pilot.press("n")
        assert where(screen) == "Nothing to go to: / finds words in the text."
        await pilot.press("slash", "escape")
        assert not screen.query_one("#source-find").display and isinstance(app.screen, SourceScreen)


async def test_source_view_goes_from_claim_to_claim(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_source(app, pilot, settle)
        spans = screen.claim_spans
        assert len(spans) > 10
        await pilot.press("right_square_bracket")
        first = spans[0]
        assert screen.current == first[:2] and where(screen) == f"{first[2]} 1 of {len(spans)}"
        for _ in range(12):
            await pilot.press("right_square_bracket")
        assert screen.current == spans[12][:2] and in_view(screen)
        assert where(screen) == f"{spans[12][2]} 13 of {len(spans)}"
        await pilot.press("left_square_bracket")
        assert screen.current == spans[11][:2] and in_view(screen)
        await pilot.press("g")
        await pilot.press("left_square_bracket")
        assert screen.current == spans[10][:2]


async def test_the_dashboard_search_is_found_in_the_source_it_opens(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        app.run_search("Zelensky")
        await settle(pilot)
        screen = await open_source(app, pilot, settle)
        assert screen.matches and where(screen).endswith("for \u201cZelensky\u201d (n next, N previous)")


def hold_pages(table) -> tuple[threading.Event, threading.Event]:
    """The table's page reads wait for the second event; the first is set once one is asked for."""
    fetch, asked, release = table.fetch, threading.Event(), threading.Event()

    def held(**where):
        asked.set()
        release.wait(10)
        return fetch(**where)

    table.fetch = held
    return asked, release


async def is_set_within(event: threading.Event, seconds: float = 10) -> bool:
    """Whether ``event`` is set within ``seconds``, polled from the app's loop. Not waited for in
    ``asyncio.to_thread``: it shares the loop's default executor with the table's page reads, and
    held reads can fill every thread of it (six on two cores), so the wait would start only when
    their holds ran out, and their pages were read after all."""
    for _ in range(round(seconds / 0.01)):
        if event.is_set():
            return True
        await asyncio.sleep(0.01)
    return event.is_set()


async def held_search(pilot, app, settle, typed_meanwhile: str) -> tuple[object, object]:
    """Search "zelensky" with the page's read held until ``typed_meanwhile`` is typed: where the
    focus was while the page was read, and where it is once the page is in."""
    await settle(pilot)
    asked, release = hold_pages(app.active_pane.table)
    await pilot.press("slash", *"zelensky", "enter")
    assert await is_set_within(asked)
    await pilot.press(*typed_meanwhile)
    focused_while_read = app.focused
    release.set()
    await settle(pilot)
    return focused_while_read, app.focused


async def test_the_table_takes_the_focus_from_the_search_once_its_page_is_in(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        while_read, after = await held_search(pilot, app, settle, "")
        assert isinstance(while_read, SearchInput)  # the footer is not rebuilt while the page is read
        assert after is app.active_pane.table and app.filters.search == "zelensky"


async def test_enter_after_a_typing_pause_waits_for_the_page_the_pause_asked_for(seed_path, settle, monkeypatch):
    """The pause ran the search before Enter (a slow machine): Enter still waits for its page."""
    monkeypatch.setattr("tui.app.SEARCH_DELAY", 0.01)
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        asked, release = hold_pages(app.active_pane.table)
        await pilot.press("slash", *"zelensky")
        assert await is_set_within(asked)
        assert app.filters.search == "zelensky"  # the pause's search, its page held
        await pilot.press("enter")
        assert isinstance(app.focused, SearchInput)
        release.set()
        await settle(pilot)
        assert app.focused is app.active_pane.table


async def test_words_typed_while_the_page_is_read_keep_the_focus_in_the_search(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        while_read, after = await held_search(pilot, app, settle, " kirby")
        assert isinstance(while_read, SearchInput) and after is while_read
        assert after.value == "zelensky kirby"


async def test_a_typing_pause_that_ends_while_the_app_closes_searches_nothing(seed_path, settle, monkeypatch):
    """Words typed just before quitting: the pause's end finds the panes gone and must not crash
    the closing app (seen once in CI, a test ending within the pause under load)."""
    monkeypatch.setattr("tui.app.SEARCH_DELAY", 0.4)
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "x")
        assert app.filters.search == ""  # the pause has not ended
        close_all = app._close_all

        async def close_all_then_wait() -> None:
            await close_all()  # the screens and their panes are gone
            await asyncio.sleep(0.8)  # the pause ends now, the app's loop still running

        app._close_all = close_all_then_wait
    assert app.filters.search == ""

"""The source view's body (tui/source_text.py): wrapped as Textual wraps a Static, a character's
line found by bisection, only the lines drawn styled, and wrapped again on a resize."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual import events
from textual.app import App
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Static

from tests.test_hostile import HOSTILE, is_text
from tests.test_search_ui import open_source
from tui import source_screen
from tui.app import KurskApp
from tui.display import clean
from tui.source_screen import CURRENT_STYLE, FOUND_STYLE
from tui.source_text import SourceTextView, WrappedLines

SHORT_HOSTILE = [clean(value, multiline=True, limit=None) for value in HOSTILE if is_text(value) and len(value) < 400]
# Wide (CJK, emoji), combining, right-to-left, spaces of other widths, and line breaks.
LETTERS = "ab Z9.,\"-\u4e2d\u6587\U0001F600\u0301\u05e9\u05dc\u0627\u0644\u00a0\u3000\u200d\n "
texts = st.lists(st.one_of(st.text(alphabet=LETTERS, max_size=60), st.sampled_from(SHORT_HOSTILE)),
                 max_size=6).map("".join)


def textual_lines(plain: str, width: int) -> list[tuple[int, str]]:
    """Where each line a Static draws ``plain`` on starts in it, and the characters drawn: from
    Content's own wrap (private, but what every Static draws with)."""
    paragraph_starts = list(accumulate((len(paragraph) + 1 for paragraph in plain.split("\n")), initial=0))
    return [(paragraph_starts[line.y] + line.x, line.plain) for line in Content(plain)._wrap_and_format(width)]


@given(texts, st.integers(min_value=1, max_value=40))
def test_each_character_is_on_the_line_textual_draws_it_on(plain, width):
    lines = WrappedLines(plain, width)
    expected = textual_lines(plain, width)
    assert lines.starts == [start for start, _ in expected]
    ends = [start for start, _ in expected[1:]] + [len(plain) + 1]
    for offset, char in enumerate(plain):
        line = lines.line_of(offset)
        assert expected[line][0] <= offset < ends[line], (offset, char)
    for (start, drawn), end in zip(expected, lines.ends, strict=True):
        # The view draws its line through the same wrap, as one line.
        assert [line.plain for line in Content(plain[start:end]).wrap(width)] == [drawn]


class SideBySide(App[None]):
    """The same text in the view and in a Static, side by side, of the same width."""

    CSS = """
    Screen { layout: horizontal; }
    SourceTextView, Static { width: 30; }
    SourceTextView { height: 100%; overflow-y: hidden; }
    """

    def __init__(self, text: Text):
        super().__init__()
        self.text = text

    def compose(self):
        yield SourceTextView(self.text, found_style=FOUND_STYLE, current_style=CURRENT_STYLE)
        yield Static(self.text)


def cells(strip) -> list[tuple[str, object]]:
    """Each character of ``strip`` with its style, however its segments are cut."""
    return [(char, segment.style) for segment in strip for char in segment.text]


async def test_the_view_draws_hostile_text_as_a_static_does():
    text = Text("\n\n".join(SHORT_HOSTILE[:40]), end="")
    text.stylize("bold black on cyan", 10, 400)
    app = SideBySide(text)
    async with app.run_test(size=(80, 200)) as pilot:
        await pilot.pause()
        view, static = app.query_one(SourceTextView), app.query_one(Static)
        assert view.lines.width == 30 and 20 < len(view.lines.starts) < view.size.height
        for y in range(len(view.lines.starts)):
            mine, theirs = cells(view.render_line(y)), cells(static.render_line(y))
            # The same characters in the same styles; the view pads its lines to its width.
            assert mine[:len(theirs)] == theirs and {char for char, _ in mine[len(theirs):]} <= {" "}, y
        assert any(style and style.bold for y in range(5) for _, style in cells(view.render_line(y)))


async def test_a_mouse_selection_is_the_one_a_static_makes():
    text = Text(" ".join(["Officials said the line had held through the night."] * 4) + "\n\nA second paragraph.")
    app = SideBySide(text)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        view, static = app.query_one(SourceTextView), app.query_one(Static)
        for y in range(len(view.lines.starts)):  # a click finds the same place in the text in both
            for x in (0, 7, 29):
                at_view = app.screen.get_widget_and_offset_at(view.region.x + x, view.region.y + y)
                at_static = app.screen.get_widget_and_offset_at(static.region.x + x, static.region.y + y)
                assert at_view[0] is view and at_view[1] == at_static[1], (x, y)
        selection = Selection.from_offsets(Offset(15, 0), Offset(5, 2))
        app.screen.selections = {view: selection, static: selection}
        await pilot.pause()
        assert view.get_selection(selection) == static.get_selection(selection)
        assert view.get_selection(selection)[0].startswith("the line had held")
        for y in range(len(view.lines.starts)):
            mine, theirs = cells(view.render_line(y)), cells(static.render_line(y))
            assert mine[:len(theirs)] == theirs, y


async def open_with_matches(app, pilot, settle, words: str):
    screen = await open_source(app, pilot, settle)
    await pilot.press("slash", *words, "enter")
    await settle(pilot)
    return screen, screen.query_one(SourceTextView)


async def test_matches_are_styled_only_on_the_lines_drawn(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen, view = await open_with_matches(app, pilot, settle, "the")
        assert len(screen.matches) > 20
        for _ in range(20):  # well down the text
            await pilot.press("n")
        await settle(pilot)
        styled: list[int] = []
        line_text = view.line_text
        view.line_text = lambda y: styled.append(y) or line_text(y)
        view.mark(screen.matches, screen.current)  # as n does: the marks anew
        await pilot.pause()
        first, height = view.scroll_offset.y, view.size.height
        assert first > 0 and first + height < len(view.lines.starts)  # lines above and below unseen
        assert styled and set(styled) <= set(range(first, first + height))
        drawn = [view.render_line(y) for y in range(height)]
        reversed_text = "".join(segment.text for strip in drawn for segment in strip
                                if segment.style is not None and segment.style.reverse)
        on_screen = [(start, end) for start, end in screen.matches if first <= view.line_of(start) < first + height]
        assert on_screen and reversed_text.lower() == "the" * len(on_screen)


async def test_a_resize_wraps_again_and_keeps_the_places(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen, view = await open_with_matches(app, pilot, settle, "kursk")
        wide = view.lines
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        assert view.lines is not wide and view.lines.width == view.scrollable_content_region.width < wide.width
        assert len(view.lines.starts) > len(wide.starts)
        assert view.virtual_size.height == len(view.lines.starts)
        assert view.lines.starts == [start for start, _ in textual_lines(view.plain, view.lines.width)]
        await pilot.press("n", "n")
        assert screen.current == screen.matches[2]
        line = view.line_of(screen.current[0])
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        start, end = screen.current
        assert view.plain[start:end] in view.render_line(line - view.scroll_offset.y).text


async def test_keys_and_the_mouse_wheel_scroll_the_text(seed_path, settle):
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_source(app, pilot, settle)
        view = screen.query_one(SourceTextView)
        assert app.focused is view
        last = len(view.lines.starts) - view.size.height
        for keys, line in ((("j", "j", "down"), 3), (("k",), 2), (("pagedown",), 2 + view.size.height),
                           (("pageup",), 2), (("G",), last), (("g",), 0), (("end",), last), (("home",), 0)):
            await pilot.press(*keys)
            await pilot.pause()
            assert view.scroll_offset.y == line, keys
        view.post_message(events.MouseScrollDown(view, 1, 1, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_offset.y > 0


async def test_a_text_past_the_limit_is_cut_and_says_so(seed_path, settle, monkeypatch):
    monkeypatch.setattr(source_screen, "TEXT_LIMIT", 300)
    app = KurskApp(seed_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_source(app, pilot, settle)
        view = screen.query_one(SourceTextView)
        shown = view.plain[screen.text_start:]
        assert len(shown.partition("\n\n(The text runs to ")[0]) == 300
        assert shown.endswith(" characters; the first 300 are shown.)")
        assert screen.claim_spans and all(start < screen.text_start + 300 for start, _, _ in screen.claim_spans)
        note_line = view.line_of(len(view.plain) - 1)
        assert view.scroll_offset.y == 0 and note_line < view.size.height
        assert view.render_line(note_line).text.rstrip().endswith("are shown.)")

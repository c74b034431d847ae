"""A long text drawn a screenful at a time (Textual's Line API).

The text is wrapped once per width, as a Static would wrap it, into lines kept as offsets into
the plain text; only the lines drawn are styled: the text's own spans, the matches found and the
current place, each looked up by bisection. So moving round a text of millions of characters
costs a screenful of work, not a re-wrap of the whole.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rich._wrap import divide_line  # the wrap Textual's Content uses: lines break where a Static breaks them
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Span, Text
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual


class WrappedLines:
    """``plain`` wrapped to ``width`` cells as Textual wraps it: where each line starts and ends
    (trailing spaces of a line broken inside a paragraph and the line breaks left out), and the
    paragraph (the text between line breaks) each is part of."""

    def __init__(self, plain: str, width: int):
        self.width = width
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.paragraph_of: list[int] = []  # of each line
        self.paragraph_starts: list[int] = []
        if width <= 0:
            return
        offset = 0
        for number, paragraph in enumerate(plain.split("\n")):
            self.paragraph_starts.append(offset)
            first_line = len(self.starts)
            if len(paragraph) <= width and cell_len(paragraph) <= width:
                breaks = []  # fits: spares the word-by-word walk for most short lines
            else:
                breaks = divide_line(paragraph, width, fold=True)
            line_start = 0
            for line_end in breaks:
                self.starts.append(offset + line_start)
                self.ends.append(offset + line_start + len(paragraph[line_start:line_end].rstrip()))
                line_start = line_end
            self.starts.append(offset + line_start)
            self.ends.append(offset + len(paragraph))
            self.paragraph_of.extend([number] * (len(self.starts) - first_line))
            offset += len(paragraph) + 1

    def line_of(self, offset: int) -> int:
        """The line character ``offset`` is on (a line break: the line it ends)."""
        return max(0, bisect_right(self.starts, offset) - 1)


class SourceTextView(ScrollView, can_focus=True):
    """Styled text, wrapped to the view's width, scrolled a line at a time; ``mark`` shows the
    matches found and the current place."""

    def __init__(self, text: Text, *, found_style: str, current_style: str, id: str | None = None):
        super().__init__(id=id)
        self.found_style, self.current_style = found_style, current_style
        self.found: Sequence[tuple[int, int]] = []  # sorted, not overlapping
        self._found_starts: list[int] = []
        self._found_ends: list[int] = []
        self.current: tuple[int, int] | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self.lines = WrappedLines("", 0)
        self.show_text(text)

    def show_text(self, text: Text) -> None:
        """Show ``text`` (its spans as styles, later spans over earlier ones), from the top."""
        self.plain = text.plain
        self._spans = list(text.spans)  # in the order they are applied
        order = sorted(range(len(self._spans)), key=lambda index: self._spans[index].start)
        self._span_order = order
        self._span_starts = [self._spans[index].start for index in order]
        self._longest_span = max((span.end - span.start for span in self._spans), default=0)
        self.lines = WrappedLines("", 0)
        self.mark([], None)
        self._rewrap()

    def mark(self, found: Sequence[tuple[int, int]], current: tuple[int, int] | None) -> None:
        """Mark the matches ``found`` (sorted, not overlapping) and the ``current`` place."""
        if found is not self.found:  # n and N only move the current place
            self.found = found
            self._found_starts = [start for start, _ in found]
            self._found_ends = [end for _, end in found]
        self.current = current
        self._strips.clear()
        self.refresh()

    # --- wrapping ---------------------------------------------------------------------------

    def _on_resize(self) -> None:
        self._rewrap()

    def _watch_show_vertical_scrollbar(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        """Wrap the text to the view's width, unless it is wrapped to it already."""
        width = self.scrollable_content_region.width
        if (self.styles.overflow_y == "auto" and not self.show_vertical_scrollbar
                and self.plain.count("\n") >= self.scrollable_content_region.height):
            # More lines than the view holds: the scrollbar is coming, so wrap to the width it
            # leaves, not twice.
            width -= self.styles.scrollbar_size_vertical
        if width == self.lines.width or width <= 0:
            return
        self.lines = WrappedLines(self.plain, width)
        self._strips.clear()
        self.virtual_size = Size(width, len(self.lines.starts))
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The wrapped line character ``offset`` of the plain text is drawn on."""
        return self.lines.line_of(offset)

    # --- drawing ----------------------------------------------------------------------------

    def line_text(self, y: int) -> Text:
        """Wrapped line ``y`` with the spans, matches and current place on it."""
        start, end = self.lines.starts[y], self.lines.ends[y]
        line = Text(self.plain[start:end], end="")
        if end > start:  # an empty line holds no span, even one round it
            candidates = self._span_order[bisect_left(self._span_starts, start - self._longest_span):
                                          bisect_left(self._span_starts, end)]
            for span in (self._spans[index] for index in sorted(candidates)):  # in the order applied
                if span.end > start:
                    line.spans.append(Span(max(span.start, start) - start, min(span.end, end) - start, span.style))
        first = bisect_right(self._found_ends, start)  # the first match ending after the line starts
        for found_start, found_end in self.found[first:bisect_left(self._found_starts, end)]:
            line.stylize(self.found_style, max(0, found_start - start), found_end - start)
        if self.current is not None and self.current[0] < end and self.current[1] > start:
            line.stylize(self.current_style, max(0, self.current[0] - start), self.current[1] - start)
        return line

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text the mouse selected, as a Static gives it."""
        return selection.extract(self.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_y = self.scroll_offset.y + y
        if line_y >= len(self.lines.starts) or width <= 0:
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(line_y)
        if strip is None:
            strip = self._draw(line_y, width)
            self._strips[line_y] = strip
        return strip

    def _draw(self, y: int, width: int) -> Strip:
        """Wrapped line ``y``, styled, padded to ``width``; each piece of text says where it is
        in its paragraph (the offsets a mouse selection is made of)."""
        content = Content.from_rich_text(self.line_text(y))
        paragraph = self.lines.paragraph_of[y]
        line_x = self.lines.starts[y] - self.lines.paragraph_starts[paragraph]
        selection = self.text_selection
        if selection is not None and (selected := selection.get_span(paragraph)) is not None:
            # In the paragraph's own terms, as a Static selects (-1: to the paragraph's end).
            selected_end = len(content) if selected[1] == -1 else selected[1] - line_x
            content = content.stylize(Style.from_styles(self.screen.get_component_styles("screen--selection")),
                                      max(0, selected[0] - line_x), max(0, selected_end))
        strip = Visual.to_strips(self, content, width, 1, self.visual_style, apply_selection=False, pad=True)[0]
        segments = []
        for segment in strip:
            style = segment.style
            if style is not None and "offset" in style.meta:
                x, _ = style.meta["offset"]
                segment = Segment(segment.text, style + RichStyle.from_meta({"offset": (line_x + x, paragraph)}))
            segments.append(segment)
        return Strip(segments, strip.cell_length)

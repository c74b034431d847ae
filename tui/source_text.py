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
from rich.text import Span, Text
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


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
        self.wrapped_width = 0
        self.line_starts: list[int] = []  # where each wrapped line starts in the plain text
        self._line_ends: list[int] = []  # and ends, trailing spaces and the line break left out
        self.show_text(text)

    def show_text(self, text: Text) -> None:
        """Show ``text`` (its spans as styles, later spans over earlier ones), from the top."""
        self.plain = text.plain
        self._spans = list(text.spans)  # in the order they are applied
        order = sorted(range(len(self._spans)), key=lambda index: self._spans[index].start)
        self._span_order = order
        self._span_starts = [self._spans[index].start for index in order]
        self._longest_span = max((span.end - span.start for span in self._spans), default=0)
        self.wrapped_width = 0
        self.mark([], None)
        self._rewrap()

    def mark(self, found: Sequence[tuple[int, int]], current: tuple[int, int] | None) -> None:
        """Mark the matches ``found`` (sorted, not overlapping) and the ``current`` place."""
        self.found, self.current = found, current
        self._found_starts = [start for start, _ in found]
        self._found_ends = [end for _, end in found]
        self._strips.clear()
        self.refresh()

    # --- wrapping ---------------------------------------------------------------------------

    @property
    def wrap_width(self) -> int:
        return self.scrollable_content_region.width

    def _on_resize(self) -> None:
        self._rewrap()

    def _watch_show_vertical_scrollbar(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        """Wrap the text to the view's width, unless it is wrapped to it already."""
        width = self.wrap_width
        if width == self.wrapped_width or width <= 0:
            return
        self.wrapped_width = width
        starts: list[int] = []
        ends: list[int] = []
        offset = 0
        for paragraph in self.plain.split("\n"):
            if len(paragraph) <= width and cell_len(paragraph) <= width:
                breaks = []  # fits: spares the word-by-word walk for most short lines
            else:
                breaks = divide_line(paragraph, width, fold=True)
            line_start = 0
            for line_end in breaks:
                starts.append(offset + line_start)
                ends.append(offset + line_start + len(paragraph[line_start:line_end].rstrip()))
                line_start = line_end
            starts.append(offset + line_start)
            ends.append(offset + len(paragraph))
            offset += len(paragraph) + 1
        self.line_starts, self._line_ends = starts, ends
        self._strips.clear()
        self.virtual_size = Size(width, len(starts))
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The wrapped line character ``offset`` of the plain text is drawn on."""
        return max(0, bisect_right(self.line_starts, offset) - 1)

    # --- drawing ----------------------------------------------------------------------------

    def line_text(self, y: int) -> Text:
        """Wrapped line ``y`` with the spans, matches and current place on it."""
        start, end = self.line_starts[y], self._line_ends[y]
        line = Text(self.plain[start:end], end="")
        candidates = self._span_order[bisect_left(self._span_starts, start - self._longest_span):
                                      bisect_left(self._span_starts, end)]
        for index in sorted(candidates):
            span = self._spans[index]
            if span.end > start and end > start:  # an empty line holds no span, even one round it
                line.spans.append(Span(max(span.start, start) - start, min(span.end, end) - start, span.style))
        first = bisect_right(self._found_ends, start)  # the first match ending after the line starts
        for found_start, found_end in self.found[first:bisect_left(self._found_starts, end)]:
            line.stylize(self.found_style, max(0, found_start - start), found_end - start)
        if self.current is not None and self.current[0] < end and self.current[1] > start:
            line.stylize(self.current_style, max(0, self.current[0] - start), self.current[1] - start)
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_y = self.scroll_offset.y + y
        if line_y >= len(self.line_starts) or width <= 0:
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(line_y)
        if strip is None:
            content = Content.from_rich_text(self.line_text(line_y))
            strip = Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)[0]
            self._strips[line_y] = strip
        return strip

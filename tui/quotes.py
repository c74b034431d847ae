"""Pane 4: who said what. Quotes with speaker and date, and a speaker facet with counts."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from db.queries import ClaimRow, Filters, Reader, SpeakerCount, quotes_count, quotes_page, speakers
from tui.display import plain
from tui.format import date_range, when
from tui.paged_table import Column
from tui.pane import ClaimsPane
from tui.speaker_picker import ALL_SPEAKERS, EVERY_SPEAKER, SpeakerChoice, SpeakerMarks
from tui.workers import deliver


class SpeakerFacet(OptionList):
    """Speakers with their quote counts; space marks several, enter filters every pane by them
    (or by the one under the cursor when none is marked)."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False),
                Binding("space", "toggle_mark", "Mark", tooltip="in the speaker list: mark several speakers")]

    class Chosen(Message):
        """A speaker, or every speaker, was chosen to filter every pane."""

        def __init__(self, choice: SpeakerChoice):
            super().__init__()
            self.choice = choice

    def __init__(self, reader: Reader, **kwargs):
        super().__init__(**kwargs)
        self.reader = reader
        self.counts: dict[str, SpeakerCount] = {}
        self.names: dict[str, str] = {}
        self.marks = SpeakerMarks(unmarked="")

    @work(thread=True, exclusive=True, group="facet")
    def load(self, filters: Filters) -> None:
        deliver(self, lambda: speakers(self.reader, kind="quote", search=filters.search,
                                       proposals_only=filters.proposals_only, limit=200),
                lambda counts: self._show_counts(counts, filters))

    def render_speaker(self, pk: int, name: str) -> Text:
        label = self.marks.label(pk, name, 60)
        label.append(f" ({self.counts[str(pk)].claims})", style="dim")
        return label

    def _show_counts(self, counts: list[SpeakerCount], filters: Filters) -> None:
        self.counts = {str(count.pk): count for count in counts}
        self.names = {str(count.pk): count.name for count in counts}
        several = len(filters.speaker_pks) > 1 and len(filters.speaker_names) == len(filters.speaker_pks)
        self.marks = SpeakerMarks(SpeakerChoice(filters.speaker_pks, filters.speaker_names) if several
                                  else EVERY_SPEAKER, unmarked="")
        total = sum(count.claims for count in counts)
        options = [Option(Text(f"All speakers ({total})", style="bold"), id=ALL_SPEAKERS)]
        options += [Option(self.render_speaker(count.pk, count.name), id=str(count.pk)) for count in counts]
        self.clear_options()
        self.add_options(options)
        chosen = next((str(pk) for pk in filters.speaker_pks if str(pk) in self.counts), ALL_SPEAKERS)
        self.highlighted = self.get_option_index(chosen)

    def action_toggle_mark(self) -> None:
        self.marks.toggle(self, self.names, self.render_speaker)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = EVERY_SPEAKER if event.option_id == ALL_SPEAKERS else self.marks.choice(self, self.names)
        if choice is not None:
            self.post_message(self.Chosen(choice))


class QuotesPane(ClaimsPane):
    """Quotes with speaker and date; the facet on the left filters every pane by speaker."""
    COLUMNS = (Column("Speaker", 34, 0, 14, "speaker"), Column("Quote", sort="text"),
               Column("Said (as printed)", 20, 1, 12, "date"), Column("Bounds", 24, 2, 18, "date"))
    EMPTY = "No quotes match the filters."
    BINDINGS = [Binding("tab", "switch_focus", show=False), Binding("shift+tab", "switch_focus", show=False)]

    def compose(self):
        yield SpeakerFacet(self.side_reader, id="speaker-facet")
        yield from super().compose()

    def action_switch_focus(self) -> None:
        """Tab: from the table to the speaker list and back (the search box has its own key, /)."""
        facet = self.query_one(SpeakerFacet)
        if facet.has_focus or not facet.display:
            self.focus_table()
        else:
            facet.focus()

    def fetch_page(self, filters: Filters, **where):
        return quotes_page(self.reader, filters, **where)

    def count(self, filters: Filters) -> int:
        return quotes_count(self.side_reader, filters)

    def cells(self, row: ClaimRow):
        return (
            plain(row.actor or ""),
            plain(row.text, "italic", limit=200),
            plain(*when(row.date_text, row.date_edtf, "undated")),
            plain(date_range(row.date_lower, row.date_upper), "dim"),
        )

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.changed()
        super().refresh_if_stale()

    def changed(self) -> None:
        self.query_one(SpeakerFacet).load(self.filters)

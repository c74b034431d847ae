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
from tui.speaker_picker import ALL_SPEAKERS, EVERY_SPEAKER, SpeakerChoice
from tui.workers import deliver


class SpeakerFacet(OptionList):
    """Speakers with their quote counts; choosing one filters every pane."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]

    class Chosen(Message):
        """A speaker, or every speaker, was chosen to filter every pane."""

        def __init__(self, choice: SpeakerChoice):
            super().__init__()
            self.choice = choice

    def __init__(self, reader: Reader, **kwargs):
        super().__init__(**kwargs)
        self.reader = reader
        self.counts: dict[str, SpeakerCount] = {}

    @work(thread=True, exclusive=True, group="facet")
    def load(self, filters: Filters) -> None:
        deliver(self, lambda: speakers(self.reader, kind="quote", search=filters.search,
                                       proposals_only=filters.proposals_only, limit=200),
                lambda counts: self._show_counts(counts, filters.speaker_pks))

    def _show_counts(self, counts: list[SpeakerCount], selected: tuple[int, ...]) -> None:
        self.counts = {str(count.pk): count for count in counts}
        total = sum(count.claims for count in counts)
        options = [Option(Text(f"All speakers ({total})", style="bold"), id=ALL_SPEAKERS)]
        for count in counts:
            label = plain(count.name, limit=60)
            label.append(f" ({count.claims})", style="dim")
            options.append(Option(label, id=str(count.pk)))
        self.clear_options()
        self.add_options(options)
        chosen = next((str(pk) for pk in selected if str(pk) in self.counts), ALL_SPEAKERS)
        self.highlighted = self.get_option_index(chosen)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        speaker = self.counts.get(event.option_id or "")
        self.post_message(self.Chosen(SpeakerChoice(speaker.pk, speaker.name) if speaker else EVERY_SPEAKER))


class QuotesPane(ClaimsPane):
    """Quotes with speaker and date; the facet on the left filters every pane by speaker."""
    COLUMNS = (Column("Speaker", 34, 0, 14), Column("Quote"), Column("Said (as printed)", 20, 1, 12),
               Column("Bounds", 24, 2, 18))
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

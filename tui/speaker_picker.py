"""The speaker picker: type to narrow (names and aliases match), enter to filter by one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from db.queries import Reader, SpeakerCount, speakers
from tui.display import plain
from tui.format import plural
from tui.workers import deliver

ALL_SPEAKERS = "all"  # the option meaning every speaker, in the picker and the quotes pane's facet


@dataclass(frozen=True)
class SpeakerChoice:
    """The picker's answer: one actor, or ``pk`` None for every speaker."""

    pk: int | None
    name: str


EVERY_SPEAKER = SpeakerChoice(None, "")


class SpeakerPicker(ModalScreen[SpeakerChoice | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, reader: Reader, title: str = "Filter by speaker"):
        super().__init__()
        self.reader = reader
        self.title_text = title
        self.names: dict[str, str] = {}

    def compose(self):
        with Vertical(id="picker"):
            yield Input(placeholder="Type a name or alias (e.g. kirby, zelenskyy)…", id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = self.title_text
        self.search("")

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, typed: str) -> None:
        deliver(self, lambda: speakers(self.reader, typed, limit=100),
                lambda found: self._show_found(found, typed))

    def _show_found(self, found: list[SpeakerCount], typed: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        if not typed.strip():
            options.add_option(Option(Text("All speakers (clear the filter)", style="bold"), id=ALL_SPEAKERS))
        for speaker in found:
            label = plain(speaker.name, limit=80)
            label.append(f"  {speaker.kind.replace('_', ' ')}, {plural(speaker.claims, 'claim')}", style="dim")
            options.add_option(Option(label, id=f"{speaker.pk}"))
        self.names = {str(speaker.pk): speaker.name for speaker in found}
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == ALL_SPEAKERS:
            self.dismiss(EVERY_SPEAKER)
        elif option_id in self.names:
            self.dismiss(SpeakerChoice(int(option_id), self.names[option_id]))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

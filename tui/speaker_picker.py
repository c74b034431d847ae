"""The speaker picker: type to narrow (names and aliases match), space marks several speakers,
enter filters by them (or by the one under the cursor when none is marked)."""

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
MARKED, UNMARKED = "[\u2713] ", "[ ] "  # a mark as a symbol, never colour alone


@dataclass(frozen=True)
class SpeakerChoice:
    """The speakers chosen (none: every speaker), with their names in the order chosen."""

    pks: tuple[int, ...]
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.names)


EVERY_SPEAKER = SpeakerChoice((), ())


class SpeakerMarks:
    """The speakers marked in a list of speaker options (the picker's, the facet's): each
    option's id is the speaker's pk, and its label starts with the mark (``unmarked`` for
    the others: the facet shows nothing there until a speaker is marked)."""

    def __init__(self, chosen: SpeakerChoice = EVERY_SPEAKER, unmarked: str = UNMARKED):
        self.marked: dict[int, str] = dict(zip(chosen.pks, chosen.names, strict=True))
        self.unmarked = unmarked

    def label(self, pk: int, name: str, limit: int) -> Text:
        label = Text(MARKED if pk in self.marked else self.unmarked, style="bold" if pk in self.marked else "dim")
        label.append_text(plain(name, limit=limit))
        return label

    def toggle(self, options: OptionList, names: dict[str, str], render) -> None:
        """Mark the highlighted speaker, or unmark it; ``render(pk, name)`` relabels its option."""
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if option_id not in names:
            return
        pk = int(option_id)
        if self.marked.pop(pk, None) is None:
            self.marked[pk] = names[option_id]
        options.replace_option_prompt(option_id, render(pk, names[option_id]))

    def choice(self, options: OptionList, names: dict[str, str]) -> SpeakerChoice | None:
        """The marked speakers; with none marked, the highlighted option's (None: nothing chosen)."""
        if self.marked:
            return SpeakerChoice(tuple(self.marked), tuple(self.marked.values()))
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if option_id == ALL_SPEAKERS:
            return EVERY_SPEAKER
        return SpeakerChoice((int(option_id),), (names[option_id],)) if option_id in names else None


class SpeakerPicker(ModalScreen[SpeakerChoice | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("tab", "switch_focus", "To the list", tooltip="from the name box to the list and back"),
        Binding("space", "toggle_mark", "Mark", tooltip="in the list: mark or unmark a speaker (several at once)"),
        Binding("enter", "apply", "Apply", tooltip="filter by the marked speakers, or the one under the cursor"),
    ]

    def __init__(self, reader: Reader, title: str = "Filter by speakers", chosen: SpeakerChoice = EVERY_SPEAKER):
        super().__init__()
        self.reader = reader
        self.title_text = title
        self.names: dict[str, str] = {}
        self.counts: dict[str, SpeakerCount] = {}
        self.marks = SpeakerMarks(chosen)

    def compose(self):
        with Vertical(id="picker"):
            yield Input(placeholder="Type a name or alias (e.g. kirby, zelenskyy)…", id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        picker = self.query_one("#picker")
        picker.border_title = self.title_text
        picker.border_subtitle = "tab: to the list \u00b7 space: mark several \u00b7 enter: apply \u00b7 esc: cancel"
        self.search("")

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, typed: str) -> None:
        deliver(self, lambda: speakers(self.reader, typed, limit=100),
                lambda found: self._show_found(found, typed))

    def render_speaker(self, pk: int, name: str, speaker: SpeakerCount | None = None) -> Text:
        label = self.marks.label(pk, name, 80)
        if speaker is not None:
            label.append(f"  {speaker.kind.replace('_', ' ')}, {plural(speaker.claims, 'claim')}", style="dim")
        return label

    def _show_found(self, found: list[SpeakerCount], typed: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        if not typed.strip():
            options.add_option(Option(Text("All speakers (clear the filter)", style="bold"), id=ALL_SPEAKERS))
        self.counts = {str(speaker.pk): speaker for speaker in found}
        for speaker in found:
            options.add_option(Option(self.render_speaker(speaker.pk, speaker.name, speaker), id=f"{speaker.pk}"))
        self.names = {str(speaker.pk): speaker.name for speaker in found}
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_switch_focus(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        (self.query_one("#picker-input") if options.has_focus else options).focus()

    def action_toggle_mark(self) -> None:
        self.marks.toggle(self.query_one("#picker-options", OptionList), self.names,
                          lambda pk, name: self.render_speaker(pk, name, self.counts.get(str(pk))))

    def action_apply(self) -> None:
        choice = self.marks.choice(self.query_one("#picker-options", OptionList), self.names)
        if choice is not None:
            self.dismiss(choice)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        self.action_apply()

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == ALL_SPEAKERS:
            self.dismiss(EVERY_SPEAKER)
        else:
            self.action_apply()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

"""The edit dialog: change any field of a claim, see what a typed date resolves to before saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from db.queries import Reader
from db.review import ChangedMeanwhile, ClaimEdit, EditForm, EditRejected, parse_date, speaker_matches
from db.schema import ACTOR_KINDS, BOUND_KINDS, CLAIM_STATUSES
from tui.display import plain
from tui.workers import deliver

NUMBER_FIELDS = ("value", "low", "high")
TEXT_FIELDS = ("metric", "hedge", "unit")


@dataclass(frozen=True)
class EditOutcome:
    """What the dialog did: saved (with what changed), or found the claim changed meanwhile."""

    message: str
    saved: bool


def _label(name: str) -> str:
    return name.replace("_", " ")


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def parse_number(field: str, text: str) -> float | None:
    """A number as typed ("3,800", "0.33"); empty means none."""
    cleaned = text.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise EditRejected(field, f"{text.strip()!r} is not a number") from None


class EditClaimScreen(ModalScreen[EditOutcome | None]):
    """Every field of one claim; ctrl+s saves all of it or nothing, esc leaves it as it was."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, form: EditForm, reader: Reader, save: Callable[[int, ClaimEdit, int], Any]):
        super().__init__()
        self.form, self.reader, self.save_edit = form, reader, save

    def compose(self):
        form = self.form
        with VerticalScroll(id="edit"):
            yield Static(plain(form.text, limit=300), id="edit-claim")
            yield Label("Speaker" if form.kind == "quote" else "Claimant" if form.kind == "figure" else "Actor")
            yield Input(form.speaker, id="edit-speaker", placeholder="a name or alias in the store, or a new name")
            yield Static(id="edit-speaker-match", classes="edit-hint")
            yield Select([(_label(kind), kind) for kind in ACTOR_KINDS], id="edit-kind",
                         prompt="kind, for a new actor")
            yield Label({"quote": "Said", "figure": "As of", "event": "Happened"}[form.kind])
            yield Input(form.date_text, id="edit-date", placeholder="late December, 2025-01-08, last week")
            yield Static(id="edit-date-resolved", classes="edit-hint")
            if form.kind == "figure":
                for field in TEXT_FIELDS:
                    yield Label(field.capitalize())
                    yield Input(form.figure[field] or "", id=f"edit-{field}")
                yield Label("Bound")
                yield Select([(_label(bound), bound) for bound in BOUND_KINDS], value=form.figure["bound"],
                             allow_blank=False, id="edit-bound")
                with Horizontal(id="edit-numbers"):
                    for field in NUMBER_FIELDS:
                        yield Input(_number_text(form.figure[field]), id=f"edit-{field}", placeholder=field)
            yield Label("Status")
            yield Select([(_label(status), status) for status in CLAIM_STATUSES], value=form.status,
                         allow_blank=False, id="edit-status")
            yield Label("Note")
            yield Input(form.note, id="edit-note", placeholder="why (shown in the detail and exports)")
            yield Static(id="edit-error")
            with Horizontal(id="edit-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="edit-save")
                yield Button("Cancel (esc)", id="edit-cancel")

    def on_mount(self) -> None:
        self.query_one("#edit").border_title = f"Change this {self.form.kind}"
        self.show_date(self.form.date_text)
        self.look_up_speaker(self.form.speaker)
        self.query_one("#edit-speaker", Input).focus()

    # --- what the typed words mean, shown before saving -----------------------------------------

    @on(Input.Changed, "#edit-date")
    def _date_typed(self, event: Input.Changed) -> None:
        self.show_date(event.value)

    def show_date(self, typed: str) -> None:
        hint = self.query_one("#edit-date-resolved", Static)
        if not typed.strip():
            hint.update(Text("no date"))
            return
        try:
            resolved = parse_date(typed, self.form.published or date.today())
        except EditRejected as error:
            hint.update(Text(str(error), style="bold red"))
            return
        against = f", resolved against {resolved.resolved_against}" if resolved.resolved_against else ""
        span = resolved.lower if resolved.lower == resolved.upper else f"{resolved.lower} .. {resolved.upper}"
        hint.update(Text(f"\u2192 {span} ({_label(resolved.precision)}{against})"))

    @on(Input.Changed, "#edit-speaker")
    def _speaker_typed(self, event: Input.Changed) -> None:
        self.look_up_speaker(event.value)

    @work(thread=True, exclusive=True, group="speaker")
    def look_up_speaker(self, typed: str) -> None:
        deliver(self, lambda: self.reader.call(speaker_matches, typed) if typed.strip() else [],
                partial(self._show_speaker, typed))

    def _show_speaker(self, typed: str, matches: list[tuple[str, str, str]]) -> None:
        hint = self.query_one("#edit-speaker-match", Static)
        if len(matches) == 1:
            hint.update(plain(f"\u2192 {matches[0][1]} ({_label(matches[0][2])})", limit=120))
        elif matches:
            hint.update(Text(f"names {len(matches)} actors: type the full name", style="bold red"))
        elif typed.strip():
            hint.update(Text("no such actor: pick a kind below to create one", style="bold yellow"))
        else:
            hint.update(Text("no speaker"))

    # --- saving --------------------------------------------------------------------------------

    def gather(self) -> ClaimEdit:
        """The edit: only what differs from the claim as it was read."""
        form = self.form
        fields: dict[str, Any] = {}
        status = self.query_one("#edit-status", Select).value
        if status != form.status:
            fields["status"] = status
        note = self.query_one("#edit-note", Input).value
        if note != form.note:
            fields["note"] = note or None
        if form.kind == "figure":
            for field in TEXT_FIELDS:
                typed = self.query_one(f"#edit-{field}", Input).value.strip()
                if typed != (form.figure[field] or ""):
                    fields[field] = typed or None
            for field in NUMBER_FIELDS:
                number = parse_number(field, self.query_one(f"#edit-{field}", Input).value)
                if number != form.figure[field]:
                    fields[field] = number
            bound = self.query_one("#edit-bound", Select).value
            if bound != form.figure["bound"]:
                fields["bound"] = bound
        speaker = self.query_one("#edit-speaker", Input).value
        kind = self.query_one("#edit-kind", Select).value
        date_text = self.query_one("#edit-date", Input).value
        return ClaimEdit(fields, speaker=speaker if speaker != form.speaker else None,
                         new_kind=kind if isinstance(kind, str) else None,
                         date=date_text if date_text != form.date_text else None)

    def action_save(self) -> None:
        try:
            edit = self.gather()
        except EditRejected as error:
            self.show_error(str(error))
            return
        self.show_error("")
        self.run_worker(lambda: self.save_edit(self.form.claim_pk, edit, self.form.version), thread=True,
                        group="save", exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "save":
            return
        if event.state == WorkerState.SUCCESS:
            change = event.worker.result
            self.dismiss(EditOutcome(f"Saved. {change.describe()}" if change else "Nothing changed.", saved=True))
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, EditRejected):
                self.show_error(f"Not saved: {error}")
            elif isinstance(error, ChangedMeanwhile):
                self.dismiss(EditOutcome(f"Not saved: {error}", saved=False))
            else:
                self.show_error(f"Not saved: {error}")

    def show_error(self, message: str) -> None:
        self.query_one("#edit-error", Static).update(Text(message, style="bold red"))

    @on(Button.Pressed, "#edit-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

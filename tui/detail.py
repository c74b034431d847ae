"""The detail panel: one claim with its speaker, date, source and the words it rests on."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import Static

from db.paging import Reader
from tui.display import clean, plain
from tui.format import bounds, date_range
from tui.highlight import Phrase, highlight, phrases
from tui.workers import deliver

if TYPE_CHECKING:  # imported where a claim is shown: not needed for the first frame
    from db.details import ClaimDetail
    from db.review import HistoryEntry

SPAN_STYLE = "bold black on yellow"


def _line(text: Text, label: str, value: object, style: str = "", marks: Sequence[Phrase] = ()) -> None:
    if value is None or value == "":
        return
    text.append(f"{label:<11}", style="bold")
    text.append_text(highlight(plain(value, style, limit=2000), marks))
    text.append("\n")


def render_history(entries: list[HistoryEntry]) -> Text:
    """A claim's changes, oldest first: who, when, what became what; undone ones struck through."""
    text = Text(end="")
    if not entries:
        return text
    text.append("\nHistory\n", style="bold")
    for entry in entries:
        style = "strike dim" if entry.undone else ""
        text.append_text(plain(f"{entry.at}  {entry.who}  {entry.action} {entry.field}: ", f"bold {style}"))
        text.append_text(plain(f"{entry.shown_before} \u2192 {entry.shown_after}", style, limit=300))
        if entry.undone:
            text.append("  (undone)", style="italic")
        text.append("\n")
    return text


def render_claim(detail: ClaimDetail, changes: list[HistoryEntry] | None = None,
                 marks: Sequence[Phrase] = ()) -> Text:
    """The detail view of a claim as Text (data appended literally, never as markup); the
    search words ``marks`` marked where a search matches: the words, who, metric, source."""
    text = Text(end="")
    heading = {"quote": "Quote", "figure": "Figure", "event": "Event"}[detail.kind]
    text.append(f"{heading}\n", style="bold underline")
    text.append_text(highlight(plain(detail.text, "italic" if detail.kind == "quote" else "bold",
                                     multiline=True, limit=5000), marks))
    text.append("\n\n")
    who = {"quote": "Speaker", "figure": "Claimant", "event": "Reported"}[detail.kind]
    _line(text, who, detail.actor, marks=marks)
    _line(text, "Role", detail.actor_role)
    if detail.stated_roles:
        _line(text, "As stated", "; ".join(detail.stated_roles))
    if detail.figure:
        figure = detail.figure
        _line(text, "Metric", figure["metric"], marks=marks)
        _line(text, "Bounds", bounds(figure["bound"], figure["value"], figure["low"], figure["high"],
                                     figure["unit"], figure["base_text"]))
        _line(text, "Hedge", figure["hedge"])
        _line(text, "Bound kind", figure["bound"])
    _line(text, "Place", detail.place)
    if detail.date_edtf:
        _line(text, "Printed", detail.date_text or "(not printed)")
        resolved = f"{detail.date_edtf}  ({date_range(detail.date_lower, detail.date_upper)}, {detail.date_precision})"
        _line(text, "Resolved", resolved)
        if detail.date_resolved_against:
            _line(text, "Against", f"{detail.date_resolved_against} (relative date)")
    else:
        _line(text, "Date", "undated in the source")
    _line(text, "Status", detail.status.replace("_", " "))
    review = detail.review
    if detail.reviewed_by:
        review += f" by {detail.reviewed_by}, {detail.reviewed_at}"
    _line(text, "Review", review, {"proposed": "bold yellow", "rejected": "bold white on red"}.get(detail.review, ""))
    if detail.confidence is not None:
        _line(text, "Confidence", f"{detail.confidence:.0%} (the extractor's attribution)")
    _line(text, "Note", detail.note)
    _line(text, "Claim id", detail.id)
    text.append("\n")
    source = ", ".join(clean(part) for part in (detail.source_title, detail.source_publisher,
                                                detail.source_published) if part)
    _line(text, "Source", source, marks=marks)
    _line(text, "Verified?", detail.source_note)
    if detail.context:
        context = detail.context
        text.append(f"\nIn the source, characters {context.start}-{context.end}:\n", style="bold")
        shown = Text(end="")
        shown.append_text(plain(context.before, "dim", multiline=True, limit=None))
        shown.append_text(plain(context.exact, SPAN_STYLE, multiline=True, limit=None))
        shown.append_text(plain(context.after, "dim", multiline=True, limit=None))
        text.append_text(highlight(shown, marks))
        text.append("\n")
    for link in detail.links:
        verb = {("updates", "to"): "Updates", ("updates", "from"): "Updated by",
                ("contradicts", "to"): "Contradicts", ("contradicts", "from"): "Contradicted by",
                ("corroborates", "to"): "Corroborates", ("corroborates", "from"): "Corroborated by",
                }[(link.kind, link.direction)]
        text.append(f"\n{verb}: ", style="bold")
        text.append_text(plain(f"{link.actor or ''}: {link.text}"))
        if link.note:
            text.append("\n  ")
            text.append_text(plain(link.note, "dim"))
    text.append_text(render_history(changes or []))
    return text


class DetailPanel(VerticalScroll, can_focus=False):
    """Shows the claim under the cursor; hidden until the user opens it with enter."""

    def __init__(self, reader: Reader, **kwargs):
        super().__init__(**kwargs)
        self.reader = reader

    def compose(self):
        yield Static(id="detail-body")

    @work(thread=True, exclusive=True, group="detail")
    def show_claim(self, claim_pk: int, search: str = "") -> None:
        """Show the claim, the words of ``search`` marked."""
        from db.details import claim_detail
        from db.review import history

        deliver(self, lambda: (claim_detail(self.reader, claim_pk), self.reader.call(history, claim_pk)),
                partial(self._show_detail, phrases(search)))

    def _show_detail(self, marks: list[Phrase], found: tuple[ClaimDetail | None, list[HistoryEntry]]) -> None:
        detail, changes = found
        body = self.query_one("#detail-body", Static)
        body.update(render_claim(detail, changes, marks) if detail else Text("This claim is no longer in the store."))
        self.scroll_home(animate=False)

"""The kursk-tui dashboard: four panes over one store, filtered by speaker and search."""

from __future__ import annotations

import contextlib
import importlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.segment import Segments
from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.theme import Theme
from textual.widgets import ContentSwitcher, Input, Static

from db.connection import connect
from db.queries import Filters, Reader
from db.speakers import find_actors
from db.views import Restored, SavedView, View
from tui.display import clean
from tui.paged_table import PagedTable
from tui.pane import ClaimsPane, ListingPane
from tui.pane_bar import PaneBar
from tui.settings import HIGH_CONTRAST, save_theme, saved_theme
from tui.sources import SourcesPane
from tui.speaker_picker import EVERY_SPEAKER, SpeakerChoice
from tui.status_line import KeysFooter, StatusLine
from tui.workers import deliver, leaving

if TYPE_CHECKING:  # db.review is imported where a claim is changed: not needed for the first frame
    from db.review import Change, ClaimEdit, EditForm
    from tui.quotes import SpeakerFacet

# Key, title, and the pane's class: the first is built at start, the others (and their
# imports) the first time they are shown, so the first frame waits on one pane only.
PANES = (
    ("timeline", "1 Timeline", "tui.timeline:TimelinePane"),
    ("sources", "2 Sources", "tui.sources:SourcesPane"),
    ("figures", "3 Figures", "tui.figures:FiguresPane"),
    ("quotes", "4 Who said what", "tui.quotes:QuotesPane"),
)
SEARCH_DELAY = 0.25  # seconds of typing pause before the search runs
STORE_POLL_INTERVAL = 1.0  # seconds between looks for changes other processes made to the store
DEBUG_VAR = "KURSK_TUI_DEBUG"
# Actions the app runs for its own bindings, palette and widgets; anything else (an
# action smuggled into data as markup, say) is refused.
APP_ACTIONS = frozenset({
    "show_pane", "search", "export_view", "pick_speaker", "filter_form", "toggle_proposals", "toggle_rejected", "undo",
    "back_out", "help", "quit", "command_palette", "focus_next", "focus_previous", "toggle_dark", "change_theme",
    "views",
})


class SearchInput(Input):
    """The search box: esc clears it, and esc again goes back to the table."""

    BINDINGS = [Binding("escape", "leave", "Clear / leave")]

    class Left(Message):
        """Esc in an empty search box: back to the table."""

    def action_leave(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Left())


class KurskApp(App[None]):
    """Who said what, when, citing which figure, in which source."""

    CSS_PATH = "app.tcss"
    TITLE = "kursk-tui"
    # Screen classes the layout follows (app.tcss): a narrow terminal, a short one.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("1", "show_pane('timeline')", "Panes", key_display="1-4", tooltip="Timeline (1)"),
        Binding("2", "show_pane('sources')", "Sources", show=False),
        Binding("3", "show_pane('figures')", "Figures", show=False),
        Binding("4", "show_pane('quotes')", "Who said what", show=False),
        Binding("slash", "search", "Search",
                tooltip="search words, speakers and aliases, metrics, headlines and publishers (each word a prefix)"),
        Binding("s", "pick_speaker", "Speaker",
                tooltip="filter every pane by speakers (type to narrow; aliases match; space marks several)"),
        Binding("f", "filter_form", "Filter", tooltip="filter every pane by metric, source and dates (as words)"),
        Binding("p", "toggle_proposals", "Proposals", tooltip="show only claims waiting for review, or all again"),
        Binding("R", "toggle_rejected", "Rejected", show=False,
                tooltip="show rejected claims too (dimmed, marked), to restore one with r; again to hide"),
        Binding("u", "undo", "Undo", tooltip="undo your last change (also after a restart: it is in the store)"),
        Binding("v", "views", "Views", show=False,
                tooltip="saved views (pane, filters, search): apply one, save the view in use by name, delete one"),
        Binding("e", "export_view", "Export", show=False,
                tooltip="write every row of this pane under the filters to a CSV, Markdown or JSON file"),
        Binding("escape", "back_out", "Back",
                tooltip="back one level: close detail, clear search, clear speakers, clear metric, source and dates"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    # Every pane is narrowed to these; each assignment (even of equal filters) reloads the pane on screen.
    # No repaint of its own: the widgets they change repaint themselves, and a repaint of the app is
    # one of the whole screen, drawn while the new page is read (measured at a million claims, a
    # search's Enter to rows, paired, median of 15 under load 11: 193 -> 133 ms; the UI thread's CPU 39 -> 36 ms).
    filters: reactive[Filters] = reactive(Filters, init=False, always_update=True, repaint=False)

    def __init__(self, db_path: Path | str, *, speaker: str | None = None, read_only: bool = False,
                 poll_interval: float = STORE_POLL_INTERVAL, view: Restored | None = None):
        super().__init__()
        self.db_path = Path(db_path)
        self.read_only = read_only
        self.initial_speaker = speaker
        self.poll_interval = poll_interval
        self.open_readers: list[Reader] = []
        self.wanted_pane = PANES[0][0]
        # A view to start on (read by the command line with the store's other checks): the
        # first page is read under its filters, with no query of its own before it.
        self.starting_view = view
        if view is not None:
            self.set_reactive(KurskApp.filters, view.view.filters)
            self.wanted_pane = self.known_pane(view.view.pane, self.wanted_pane)
        self._search_timer = None
        self.focus_when_searched: str | None = None  # the words whose page, once in, takes the focus
        self.exiting = False
        self.register_theme(HIGH_CONTRAST)

    def on_load(self) -> None:
        # Before compose: the panes are built with the readers. Counts, facets and figure
        # checks read on a connection of their own, so a page never waits behind them.
        self.reader = self.open_reader()
        self.side_reader = self.open_reader()

    def open_reader(self) -> Reader:
        reader = Reader(self.db_path)
        self.open_readers.append(reader)
        return reader

    def compose(self):
        with Horizontal(id="topbar"):
            yield Static(Text("kursk-tui", style="bold"), id="brand")
            yield StatusLine(read_only=self.read_only, id="status")
        yield SearchInput(self.filters.search, placeholder="/ to search quotes, figures, events and sources",
                          id="search")
        yield PaneBar([(key, title) for key, title, _ in PANES], id="pane-bar")
        with ContentSwitcher(initial=self.wanted_pane, id="panes"):
            yield self.make_pane(self.wanted_pane)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.restore_theme()
        self.query_one(PaneBar).active = self.wanted_pane
        if self.starting_view is not None:
            self.say_dropped(self.starting_view, self.view_title(self.starting_view))
        self.data_version = self.reader.data_version()
        if self.initial_speaker:
            self.apply_initial_speaker(self.initial_speaker)
        else:
            self.mutate_reactive(KurskApp.filters)  # the first page, unfiltered
        self.focus_active_table()
        self.set_interval(self.poll_interval, self.poll_store_changes)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return action in APP_ACTIONS

    # --- the theme, remembered between runs -----------------------------------------------

    def restore_theme(self) -> None:
        """The theme saved last time, if it is still one of ours; then remember every change."""
        name = saved_theme()
        if name in self.available_themes:
            self.theme = name
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == saved_theme():
            return
        try:
            save_theme(theme.name)
        except OSError as error:
            self.notify(f"The theme could not be saved: {error}", severity="warning", markup=False)

    def report_store_error(self, error: Exception) -> None:
        self.notify(f"The store could not answer: {error}", severity="error", markup=False)

    def _fatal_error(self) -> None:
        """Exit after an unhandled exception, showing the traceback without local variables
        (they hold the user's data) unless $KURSK_TUI_DEBUG is set."""
        if os.environ.get(DEBUG_VAR):
            super()._fatal_error()
            return
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    # --- changes made by other processes --------------------------------------------------

    @work(thread=True, exclusive=True, group="watch")
    def poll_store_changes(self) -> None:
        """Reload what is on screen when another process (an import, say) changed the store."""
        deliver(self, self.reader.data_version, self._store_version)

    def _store_version(self, version: int) -> None:
        if version != self.data_version:
            self.data_version = version
            self.reload_after_change()

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        self.exiting = True
        super().exit(result, return_code, message)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):  # type: ignore[override]
        """No new screen once the app is quitting: keys typed after q (an e, a ?) must not mount
        a dialog into a closing app."""
        if self.exiting:
            return AwaitComplete()
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def on_unmount(self) -> None:
        for reader in self.open_readers:
            reader.close()

    # --- filters -------------------------------------------------------------------------

    def watch_filters(self, filters: Filters) -> None:
        """Narrow every pane; the visible one reloads now, the others when shown."""
        self.narrow_panes(filters, reload=self.active_pane)

    def narrow_panes(self, filters: Filters, *, reload: ListingPane | None) -> None:
        for pane in self.query(ListingPane):
            pane.set_filters(filters, visible=pane is reload)
        self.query_one(StatusLine).filters = filters
        self.update_status()

    @work(thread=True, exclusive=True, group="speaker")
    def apply_initial_speaker(self, name: str) -> None:
        def with_speakers(actors) -> None:
            self.filters = replace(self.filters, speaker_pks=tuple(actor.pk for actor in actors),
                                   speaker_names=tuple(actor.name for actor in actors),
                                   speaker_label=", ".join(actor.name for actor in actors) or name)

        deliver(self, lambda: self.reader.call(find_actors, name), with_speakers)

    def choose_speaker(self, choice: SpeakerChoice | None) -> None:
        if choice is None:
            return
        self.filters = replace(self.filters, speaker_pks=choice.pks, speaker_names=choice.names,
                               speaker_label=choice.label)

    def on_speaker_facet_chosen(self, event: SpeakerFacet.Chosen) -> None:
        """The quotes pane's facet (handled by name: tui.quotes loads when its pane is first shown)."""
        self.choose_speaker(event.choice)

    @on(ListingPane.SortChosen)
    def _sort_chosen(self, event: ListingPane.SortChosen) -> None:
        self.filters = replace(self.filters, sort=event.sort, descending=event.descending)

    def action_filter_form(self) -> None:
        from tui.filter_form import FilterForm

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters

        self.push_screen(FilterForm(self.side_reader, self.filters), chosen)

    def clear_window(self) -> None:
        """Drop the metric, source and dates the filter form set."""
        self.filters = replace(self.filters, metrics=(), metric_label="", source_pks=(), source_label="",
                               since="", until="", date_label="")

    def action_toggle_proposals(self) -> None:
        """Show only claims waiting for review, or everything again."""
        self.filters = replace(self.filters, proposals_only=not self.filters.proposals_only)

    def action_toggle_rejected(self) -> None:
        """Show rejected claims too (to restore one), or hide them again."""
        self.filters = replace(self.filters, show_rejected=not self.filters.show_rejected)

    # --- review (the only writes the dashboard makes) --------------------------------------

    @on(ClaimsPane.ReviewRequested)
    def _review_requested(self, event: ClaimsPane.ReviewRequested) -> None:
        from db.review import restore, set_review

        if event.state == "restored":
            self.write(lambda conn, who: restore(conn, event.claim_pk, who, expected_version=event.version))
        else:
            self.write(lambda conn, who: set_review(conn, event.claim_pk, event.state, who,
                                                    expected_version=event.version))

    def action_undo(self) -> None:
        if self.read_only:
            self.notify("The store is open read-only: nothing to undo.", markup=False)
            return
        from db.review import undo_last

        self.write(undo_last, nothing="Nothing of yours to undo.", undoing=True)

    @work(thread=True, group="write")
    def write(self, change: Callable[[sqlite3.Connection, str], Change | None], *, nothing: str = "Nothing changed.",
              undoing: bool = False) -> None:
        """Make one change in the store (on a connection of its own) and say what it did."""
        from db.review import ChangedMeanwhile, EditRejected, current_reviewer

        try:
            conn = connect(self.db_path)
            try:
                done = change(conn, current_reviewer())
            finally:
                conn.close()
        except (ChangedMeanwhile, EditRejected, sqlite3.Error) as error:
            self.call_from_thread(self._after_write, f"Not saved: {error}", "error")
            return
        message = nothing if done is None else done.describe() + ("" if undoing else " (u undoes it)")
        self.call_from_thread(self._after_write, message, "information")

    def _after_write(self, message: str, severity: SeverityLevel) -> None:
        self.notify(message, severity=severity, timeout=4, markup=False)
        self.reload_after_change()

    @on(ClaimsPane.CiteRequested)
    @work(thread=True, group="cite")
    def _cite_requested(self, event: ClaimsPane.CiteRequested) -> None:
        from tui.clipboard import copy_citation

        copy_citation(self, self.side_reader, event.claim_pk, markdown=event.markdown)

    @on(ClaimsPane.EditRequested)
    @work(thread=True, exclusive=True, group="edit")
    def _edit_requested(self, event: ClaimsPane.EditRequested) -> None:
        from db.review import edit_form

        deliver(self, lambda: self.reader.call(edit_form, event.claim_pk), self._open_editor)

    def _open_editor(self, form: EditForm) -> None:
        from tui.edit_claim import EditClaimScreen, EditOutcome

        def closed(outcome: EditOutcome | None) -> None:
            if outcome is not None:
                self._after_write(outcome.message, "information" if outcome.saved else "error")

        self.push_screen(EditClaimScreen(form, self.side_reader, self.save_edit), closed)

    def save_edit(self, claim_pk: int, edit: ClaimEdit, version: int) -> Change | None:
        """Save the edit dialog's change (called in its worker thread)."""
        from db.review import current_reviewer, edit_claim

        conn = connect(self.db_path)
        try:
            return edit_claim(conn, claim_pk, edit, who=current_reviewer(), expected_version=version)
        finally:
            conn.close()

    def reload_after_change(self) -> None:
        """The store changed: read the page on screen again, the other panes when shown."""
        for pane in self.query(ListingPane):
            pane.stale = True
        pane = self.active_pane
        # A pane still being built has no table yet: it reads its first page when mounted.
        if pane is not None and pane.query(PagedTable):
            pane.stale = False
            pane.table.refresh_page()
            pane.changed()

    def update_status(self) -> None:
        """Tell the status line what the pane on screen holds now."""
        pane = self.active_pane
        if pane is not None:
            self.query_one(StatusLine).page = pane.page_state()

    # --- panes ---------------------------------------------------------------------------

    @property
    def active_pane(self) -> ListingPane | None:
        current = self.query_one(ContentSwitcher).current
        return self.query_one(f"#{current}", ListingPane) if current else None

    def focus_active_table(self) -> None:
        if self.active_pane is not None:
            self.active_pane.focus_table()

    def make_pane(self, key: str) -> ListingPane:
        module, _, name = next(path for pane_key, _, path in PANES if pane_key == key).partition(":")
        pane_class = getattr(importlib.import_module(module), name)
        return pane_class(self.reader, self.side_reader, self.filters, read_only=self.read_only, id=key)

    async def action_show_pane(self, key: str) -> None:
        # Keys pressed quickly can reach different widgets as the focus moves, so two of
        # these can run at once: the last key pressed wins, whichever pane mounts last.
        self.wanted_pane = key
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#{key}"):
            await switcher.mount(self.make_pane(key))
        if key != self.wanted_pane:
            return
        switcher.current = key
        self.query_one(PaneBar).active = key
        pane = self.active_pane
        pane.refresh_if_stale()
        pane.focus_table()
        self.update_status()

    @on(PaneBar.Chosen)
    async def _pane_clicked(self, event: PaneBar.Chosen) -> None:
        await self.action_show_pane(event.key)

    @on(PagedTable.PageShown)
    @on(ListingPane.Counted)
    def _page_shown(self) -> None:
        if self.is_running:  # not for a page that bubbles up while the app shuts down
            self.update_status()
            self._focus_searched_table()

    def _focus_searched_table(self) -> None:
        """The table takes the focus from the search box once the searched page is in, unless
        the words were changed meanwhile or the focus went elsewhere."""
        words, self.focus_when_searched = self.focus_when_searched, None
        search = self.query_one("#search", SearchInput)
        if words is not None and search.has_focus and search.value == words == self.filters.search:
            self.focus_active_table()

    @on(SourcesPane.SourceRequested)
    def _source_requested(self, event: SourcesPane.SourceRequested) -> None:
        from tui.source_screen import SourceScreen

        self.push_screen(SourceScreen(self.reader, event.source_pk, search=self.filters.search))

    def action_export_view(self) -> None:
        from tui.export_view import export_view

        if self.active_pane is not None:
            export_view(self, self.active_pane, self.active_pane.id or "view", self.db_path)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """As Textual's, but into the platform's user data folder when there is no Downloads folder."""
        import platformdirs

        if path is None and not platformdirs.user_downloads_path().is_dir():
            folder = platformdirs.user_data_path("kursk-tui", appauthor=False)
            with contextlib.suppress(OSError):  # else Textual says it failed
                folder.mkdir(parents=True, exist_ok=True)
                path = str(folder)
        return super().deliver_screenshot(filename, path, time_format)

    # --- search --------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", SearchInput).focus()

    @on(SearchInput.Left)
    def _search_left(self) -> None:
        self.focus_active_table()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, partial(self._search_after_pause, event.value))

    def _search_after_pause(self, words: str) -> None:
        if not leaving(self):  # the pause may end while the app closes, its panes gone
            self.run_search(words)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Search, then give the table the focus, once its page is in if there is one to read:
        moving the focus rebuilds the footer's keys, and the page's rows would wait for that
        (measured at a million claims, Enter to rows: 263-523 -> 50-204 ms)."""
        if self._search_timer is not None:
            self._search_timer.stop()
        pane = self.active_pane
        if event.value != self.filters.search or (pane is not None and pane.table.loading_page):
            # a typing pause may have run these words already, their page not in yet
            self.focus_when_searched = event.value
            self.run_search(event.value)
        else:
            self.focus_active_table()

    def run_search(self, words: str) -> None:
        if words != self.filters.search:
            self.filters = replace(self.filters, search=words)

    # --- screens and the escape ladder ---------------------------------------------------

    def action_pick_speaker(self) -> None:
        from tui.speaker_picker import SpeakerPicker

        chosen = SpeakerChoice(self.filters.speaker_pks, self.filters.speaker_names) \
            if len(self.filters.speaker_names) == len(self.filters.speaker_pks) else EVERY_SPEAKER
        self.push_screen(SpeakerPicker(self.side_reader, chosen=chosen), self.choose_speaker)

    # --- saved views -------------------------------------------------------------------------

    @property
    def current_view(self) -> View:
        return View(self.wanted_pane, self.filters)

    @staticmethod
    def known_pane(pane: str, otherwise: str) -> str:
        return pane if any(key == pane for key, _, _ in PANES) else otherwise

    def action_views(self) -> None:
        from tui.views_screen import ViewsScreen

        titles = {key: title.split(" ", 1)[1] for key, title, _ in PANES}
        screen = ViewsScreen(self.side_reader, self.db_path, self.current_view, titles, read_only=self.read_only)
        self.push_screen(screen, self.apply_view)

    async def apply_view(self, saved: SavedView | None) -> None:
        """Show the view's pane under its filters: the pane reads one page, under them."""
        if saved is None:
            return
        filters = saved.view.filters
        self.set_reactive(KurskApp.filters, filters)
        self.query_one("#search", SearchInput).value = filters.search
        self.narrow_panes(filters, reload=None)
        await self.action_show_pane(self.known_pane(saved.view.pane, self.wanted_pane))
        self.say_dropped(saved, self.view_title(saved), applied=True)

    @staticmethod
    def view_title(restored: Restored) -> str:
        if isinstance(restored, SavedView):
            return f"View \u201c{clean(restored.name, limit=80)}\u201d"
        return "The view you left"

    def say_dropped(self, restored: Restored, which: str, *, applied: bool = False) -> None:
        """Tell what of a view could not be restored (or, when ``applied``, that it was)."""
        dropped = list(restored.dropped)
        if self.known_pane(restored.view.pane, "") != restored.view.pane:
            dropped.append(f"its pane \u201c{clean(restored.view.pane, limit=40)}\u201d is not one of this "
                           "kursk-tui's: left as it was")
        if dropped:
            self.notify(f"{which}: " + "; ".join(dropped), severity="warning", timeout=8, markup=False)
        elif applied:
            self.notify(f"{which} applied.", timeout=3, markup=False)

    def action_help(self) -> None:
        """Every key: the app's, then the pane in view's (its review keys among them)."""
        from tui.help import HelpScreen, binding_rows, own_bindings

        sections = [("Anywhere", binding_rows(self, self.BINDINGS))]
        pane = self.active_pane
        if pane is not None:
            title = next(title for key, title, _ in PANES if key == pane.id)
            sections.append((f"In {title.split(' ', 1)[1]}", binding_rows(self, own_bindings(type(pane)))))
        self.push_screen(HelpScreen(sections))

    def action_back_out(self) -> None:
        """Back one level: close the detail, then clear the search, the speakers, then the
        metric, source and dates."""
        pane = self.active_pane
        if pane is not None and pane.close_detail():
            return
        if self.filters.search:
            self.clear_search()
        elif self.filters.speaker_pks:
            self.clear_speaker()
        elif self.filters.metrics or self.filters.source_pks or self.filters.since or self.filters.until:
            self.clear_window()

    def clear_speaker(self) -> None:
        self.choose_speaker(EVERY_SPEAKER)

    def clear_search(self) -> None:
        self.query_one("#search", SearchInput).value = ""
        self.run_search("")

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for key, title, _ in PANES:
            name = title.split(" ", 1)[1]
            yield SystemCommand(f"Show {name}", f"Switch to the {name} pane ({title[0]})",
                                partial(self.action_show_pane, key))
        yield SystemCommand("Filter by speaker", "Pick a speaker for every pane (s)", self.action_pick_speaker)
        yield SystemCommand("Clear speaker filter", "Show every speaker again", self.clear_speaker)
        yield SystemCommand("Filter by metric, source, dates", "Narrow every pane; dates as words (f)",
                            self.action_filter_form)
        yield SystemCommand("Clear metric, source and dates", "Drop the filter form's filters", self.clear_window)
        yield SystemCommand("Search", "Search everything the panes show: words, speakers, metrics, sources (/)",
                            self.action_search)
        yield SystemCommand("Clear search", "Drop the search words", self.clear_search)
        yield SystemCommand("Proposals only", "Show only claims waiting for review, or all again (p)",
                            self.action_toggle_proposals)
        yield SystemCommand("Show rejected claims", "Rejected claims too, dimmed, to restore one (R)",
                            self.action_toggle_rejected)
        yield SystemCommand("Undo", "Undo your last change (u)", self.action_undo)
        yield SystemCommand("Saved views", "Apply, save or delete a saved view (v)", self.action_views)
        yield SystemCommand("Keys", "Every key of kursk-tui (?)", self.action_help)

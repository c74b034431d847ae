"""Pane 3: figures grouped by metric, claimants side by side; under the table, the chart of
the metric under the cursor and the cross-checks between its figures."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from db.checks import MetricReport, check_metric, read_metric
from db.queries import FigureRow, Filters, figures_count, figures_page
from tui.chart import MetricChart
from tui.detail import DetailPanel
from tui.display import plain
from tui.format import bounds, when
from tui.paged_table import Column
from tui.pane import ClaimsPane
from tui.workers import deliver

STATUS_STYLES = {"superseded": "dim strike", "disputed": "red", "corroborated": "green",
                 "publisher_unverified": "yellow"}
# Each verdict told apart without colour too (NO_COLOR): conflict stands out as a block.
VERDICT_STYLES = {"consistent": "bold green", "conflict": "bold white on red", "superseded": "bold underline yellow",
                  "unverifiable": "italic"}
# The checks' verdict beside the stored status, in words and a symbol, never colour alone.
VERDICT_MARKS = {"conflict": "\u2717 conflict", "superseded": "\u21b7 superseded", "consistent": "\u2713 consistent",
                 "unverifiable": "? unverifiable"}
STATUS_COLUMN = 5
VERDICT_METRICS = 8  # a page's metrics whose verdicts are computed after it is shown (each at most 500 figures)
CHECKED_FIGURES = 500  # the pane checks and charts a metric's latest figures, at most this many
SHOWN_CHECKS = 200


def render_checks(report: MetricReport) -> Text:
    text = Text(end="")
    text.append_text(plain(report.metric, "bold underline", limit=120))
    text.append("\n")
    if report.total > len(report.figures) and len(report.figures) >= CHECKED_FIGURES:
        text.append(f"Checked: the latest {len(report.figures):,} of {report.total:,} figures "
                    "(kursk-tui figures --metric M --latest 0 checks them all).\n", style="yellow")
    if not report.checks:
        text.append("No cross-checks: one figure, or none that can be set against another.\n", style="dim")
    for check in report.checks[:SHOWN_CHECKS]:
        text.append(f"{check.verdict:<13}", style=VERDICT_STYLES[check.verdict])
        text.append(f"{check.kind}\n", style="bold")
        text.append_text(plain(check.explanation, limit=1000))
        text.append("\n\n")
    if len(report.checks) > SHOWN_CHECKS:
        text.append(f"... and {len(report.checks) - SHOWN_CHECKS:,} more checks (kursk-tui figures "
                    "--metric M --format json lists them all).", style="dim")
    return text


class FiguresPane(ClaimsPane):
    COLUMNS = (Column("Metric", None, 0, 14, "metric"), Column("Claimant", None, 1, 12, "speaker"),
               Column("As printed", 24, 3, 12, "text"), Column("Bounds", 20, 0, 10, "value"),
               Column("As of", 22, 2, 12, "date"), Column("Status", 34, 2, 16, "status"))
    EMPTY = "No figures match the filters."
    OWN_SORT = "metric"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_metric: tuple | None = None

    def compose(self):
        with Vertical(id="figures-main"):
            yield self.make_table()
            yield Static(id="metric-summary")
            with Horizontal(id="metric-panel"):
                yield MetricChart(id="metric-chart")
                with VerticalScroll(id="metric-checks"):
                    yield Static(id="checks-body")
        yield DetailPanel(self.reader, classes="detail")

    def on_mount(self) -> None:
        self.query_one("#metric-chart").border_title = "Over time (box = date bounds x value bounds)"
        self.query_one("#metric-checks").border_title = "Cross-checks"

    def fetch_page(self, filters: Filters, **where):
        return figures_page(self.reader, filters, **where)

    def count(self, filters: Filters) -> int:
        return figures_count(self.side_reader, filters)

    def cells(self, row: FigureRow):
        rows = self.table.rows_shown
        index = next((i for i, shown in enumerate(rows) if shown is row), None)
        first_of_metric = index is None or index == 0 or rows[index - 1].metric != row.metric
        return (
            plain(row.metric if first_of_metric else "", "bold"),
            plain(row.actor or ""),
            plain(row.text),
            plain(bounds(row.bound, row.value, row.low, row.high, row.unit, row.base_text)),
            plain(*when(row.date_text, row.date_edtf,
                        f"by {row.published}, publication" if row.published else "no date")),
            self.status_cell(row.status),
        )

    @staticmethod
    def status_cell(status: str, verdict: str | None = None) -> Text:
        """The checks' verdict (a symbol and a word) and beside it the stored status; the
        verdict first, so a narrow column still shows it."""
        stored = plain(status.replace("_", " "), STATUS_STYLES.get(status, ""))
        if verdict is None or verdict == status:
            return stored
        cell = Text(VERDICT_MARKS[verdict], style=VERDICT_STYLES[verdict])
        cell.append(" \u00b7 ")
        cell.append_text(stored)
        return cell

    def on_paged_table_page_shown(self) -> None:
        super().on_paged_table_page_shown()
        metrics = list(dict.fromkeys(row.metric for row in self.table.rows_shown))[:VERDICT_METRICS]
        if metrics:
            self.load_verdicts(metrics, self.filters.speaker_pks or None)

    @work(thread=True, exclusive=True, group="verdicts")
    def load_verdicts(self, metrics: list[str], speaker_pks: tuple[int, ...] | None) -> None:
        """The verdicts of the page's figures, checked on the side reader once the page is on screen."""
        def reports() -> list[MetricReport]:
            return [check_metric(self.side_reader.call(read_metric, metric, CHECKED_FIGURES), speaker_pks)
                    for metric in metrics]

        deliver(self, reports, lambda found: [self.mark_verdicts(report) for report in found])

    def mark_verdicts(self, report: MetricReport) -> None:
        verdicts = report.verdicts()
        by_pk = {figure.pk: verdicts[figure.id] for figure in report.figures if figure.id in verdicts}
        table = self.table
        for row in table.rows_shown:
            if row.pk in by_pk and str(row.key) in table.rows:
                table.update_cell(str(row.key), table.column_keys[STATUS_COLUMN],
                                  self.status_cell(row.status, by_pk[row.pk]))

    def _show_current(self) -> None:
        super()._show_current()
        row = self.table.current
        wanted = (row.metric, self.filters.speaker_pks) if row is not None else None
        if wanted != self.shown_metric:
            self.shown_metric = wanted
            if row is not None:
                self.load_metric(row.metric, self.filters.speaker_pks or None)

    @work(thread=True, exclusive=True, group="metric")
    def load_metric(self, metric: str, speaker_pks: tuple[int, ...] | None) -> None:
        def report() -> MetricReport:
            data = self.side_reader.call(read_metric, metric, CHECKED_FIGURES)
            return check_metric(data, speaker_pks)  # outside the reader's lock

        deliver(self, report, self._show_metric)

    def _show_metric(self, report: MetricReport) -> None:
        summary = plain(report.metric, "bold", limit=80)
        summary.append(f" \u00b7 {report.summary}")
        self.query_one("#metric-summary", Static).update(summary)
        self.query_one(MetricChart).show(report.figures, report.superseded, report.parts)
        self.query_one("#checks-body", Static).update(render_checks(report))
        self.mark_verdicts(report)

    def changed(self) -> None:
        self.shown_metric = None  # the page shown next loads the metric's report again

    def set_filters(self, filters: Filters, *, visible: bool) -> None:
        self.shown_metric = None
        super().set_filters(filters, visible=visible)

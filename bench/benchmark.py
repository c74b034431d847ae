#!/usr/bin/env python3
"""Benchmark kursk-tui on synthetic stores of 10k, 100k and 1M claims against a bare Textual app.

    .venv/bin/python bench/benchmark.py [--sizes 10000,100000,1000000] [--out DIR]

For every size it builds (or reuses) a store with ``db.synth.synthesize`` under ``--out``,
then measures, in a real pseudo-terminal (tmux, 160x48), against a bare Textual app
(Header, Footer, one Static) launched the same way:

* process start to first frame with data (median of ``--reps`` launches);
* speaker filter (picker open, typing, Enter to repainted rows), search (keys to repainted
  rows), page turns forward from the top and backward from the bottom of the biggest
  speaker's claims (timeline and quotes panes), ``G``/``g``, switching pane;
* peak RSS (VmHWM) of the app process;
* the same interactions in-process with ``App.run_test()`` (keypress to ``PageShown``);
* the panes' SQL (db/queries.py) timed directly, with EXPLAIN QUERY PLAN, and import costs;
* the command line: ``figures`` (every metric; the biggest metric), ``export`` in each format
  and ``stats``, each ``--cli-reps`` times with its output to /dev/null: wall time, CPU time and peak RSS
  (``--cli-only`` measures only these, without tmux).

Screens are read through one tmux control-mode client (``tmux -C``), so a poll costs well
under a millisecond; the poll interval is ``POLL`` (5 ms). Every wait has a timeout, every
tmux server and app the benchmark starts is killed when it ends (even on Ctrl-C).
Results: a Markdown report on stdout and in ``--out/results.md`` (raw numbers in
``--out/results.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
KURSK = BIN / "kursk-tui"
COLS, ROWS = 160, 48
POLL = 0.005
BARE_MARK = "BARE-APP-READY"
BARE_APP = f'''"""The bare Textual app kursk-tui is compared with: Header, Footer, one Static."""
from textual.app import App
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self):
        yield Header()
        yield Static("{BARE_MARK}: a bare Textual app with one Static.")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
'''
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- stores ----------------------------------------------------------------------------------------


def store_path(out: Path, size: int, seed: int) -> Path:
    return out / f"claims-{size}-seed{seed}.db"


def store_ok(path: Path, size: int, seed: int) -> bool:
    """A store from an earlier run: the right schema, size and generator seed."""
    if not path.exists():
        return False
    from db.connection import connect
    from db.schema import SCHEMA_VERSION, schema_version

    try:
        conn = connect(path, readonly=True)
        try:
            return (
                schema_version(conn) == SCHEMA_VERSION
                and conn.execute("SELECT count(*) FROM claims").fetchone()[0] == size
                and conn.execute("SELECT id FROM claims WHERE pk = 1").fetchone()[0].startswith(f"synth{seed}-")
            )
        finally:
            conn.close()
    except Exception:
        return False


def build_store(out: Path, size: int, seed: int) -> dict:
    """Build the store of ``size`` claims unless a good one is there; return what happened."""
    from db.store import open_store
    from db.synth import synthesize

    path = store_path(out, size, seed)
    info_path = path.with_suffix(".build.json")
    if store_ok(path, size, seed):
        info = json.loads(info_path.read_text()) if info_path.exists() else {}
        info.update(reused=True, bytes=path.stat().st_size)
        return info
    partial = path.with_name(path.name + ".partial")
    for stale in (
        partial,
        Path(f"{partial}-wal"),
        Path(f"{partial}-shm"),
        path,
        Path(f"{path}-wal"),
        Path(f"{path}-shm"),
    ):
        stale.unlink(missing_ok=True)
    log(f"building {path.name} ({size:,} claims)...")
    start = time.perf_counter()
    conn = open_store(partial)
    try:
        counts = synthesize(conn, size, seed=seed, progress=lambda done: log(f"  {done:,} claims", end="\r"))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    seconds = time.perf_counter() - start
    partial.rename(path)
    info = {"seconds": round(seconds, 1), "counts": counts, "bytes": path.stat().st_size}
    info_path.write_text(json.dumps(info, indent=1))
    log(f"  built in {seconds:.1f} s, {path.stat().st_size / 2**20:.0f} MiB")
    return dict(info, reused=False)


# --- tmux ------------------------------------------------------------------------------------------


class Timeout(Exception):
    pass


class Tmux:
    """A private tmux server, driven through one control-mode client (no process per poll)."""

    def __init__(self) -> None:
        self.socket = f"kursk-bench-{os.getpid()}"
        self.base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        subprocess.run(
            self.base + ["new-session", "-d", "-s", "keep", "-x", str(COLS), "-y", str(ROWS), "sleep 86400"],
            check=True,
            timeout=10,
        )
        self.client = subprocess.Popen(
            self.base + ["-C", "attach-session", "-t", "keep"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self._block("attach-session")  # the client's own command answers first
        terminal = (
            "tmux-256color"
            if subprocess.run(["infocmp", "tmux-256color"], capture_output=True).returncode == 0
            else "screen-256color"
        )
        self.cmd(f"set-option -g default-terminal {terminal}")
        self.cmd("set-option -g escape-time 0")
        self.sessions = 0
        self.pids: set[int] = set()

    def cmd(self, command: str) -> list[str]:
        self.client.stdin.write(command + "\n")
        self.client.stdin.flush()
        return self._block(command)

    def _block(self, command: str) -> list[str]:
        """The output of the next %begin ... %end block (notifications in between are skipped)."""
        lines, inside = [], False
        while True:
            line = self.client.stdout.readline()
            if not line:
                raise RuntimeError("the tmux control client went away")
            line = line.rstrip("\n")
            if line.startswith("%begin"):
                inside, lines = True, []
            elif inside and line.startswith(("%end", "%error")):
                if line.startswith("%error"):
                    raise RuntimeError(f"tmux {command!r}: {' '.join(lines)}")
                return lines
            elif inside:
                lines.append(line)

    def launch(self, command: str) -> tuple[str, int]:
        """Start ``command`` (exec'd, so the pane's pid is the app's) in a new session."""
        assert "'" not in command
        self.sessions += 1
        name = f"app{self.sessions}"
        self.cmd(f"new-session -d -s {name} -x {COLS} -y {ROWS} 'exec {command}'")
        pid = int(self.cmd(f"list-panes -t {name} -F '#{{pane_pid}}'")[0])
        self.pids.add(pid)
        return name, pid

    def screen(self, name: str) -> str:
        return "\n".join(self.cmd(f"capture-pane -p -t {name}"))

    def keys(self, name: str, *keys: str) -> None:
        self.cmd(f"send-keys -t {name} " + " ".join(keys))

    def text(self, name: str, text: str) -> None:
        """Type ``text`` literally (as hex bytes: no quoting problems)."""
        self.cmd(f"send-keys -t {name} -H " + " ".join(f"{byte:02x}" for byte in text.encode()))

    def wait(self, name: str, predicate, timeout: float, since: float | None = None) -> tuple[float, str]:
        """Poll the screen until ``predicate(screen)``; seconds since ``since`` and the screen."""
        since = time.perf_counter() if since is None else since
        deadline = since + timeout
        while True:
            screen = self.screen(name)
            if predicate(screen):
                return time.perf_counter() - since, screen
            if time.perf_counter() > deadline:
                raise Timeout(f"no expected screen after {timeout:.0f} s; last screen:\n{screen}")
            time.sleep(POLL)

    def settle(self, name: str, quiet: float = 0.3, timeout: float = 30) -> str:
        """Wait until the screen stops changing for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        last, since = None, time.perf_counter()
        while time.perf_counter() < deadline:
            screen = self.screen(name)
            if screen != last:
                last, since = screen, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return screen
            time.sleep(POLL)
        raise Timeout("the screen never settled")

    def stop(self, name: str, pid: int) -> None:
        with contextlib.suppress(RuntimeError):
            self.cmd(f"kill-session -t {name}")
        end_process(pid)
        self.pids.discard(pid)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(self.base + ["kill-server"], capture_output=True, timeout=10)
        for pid in list(self.pids):
            end_process(pid)
        with contextlib.suppress(Exception):
            self.client.stdin.close()
        try:
            self.client.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.client.kill()
            self.client.wait(timeout=5)
        socket = Path(f"/tmp/tmux-{os.getuid()}") / self.socket
        socket.unlink(missing_ok=True)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):  # gone meanwhile (ProcessLookupError) or never there
        return False


def end_process(pid: int, grace: float = 5) -> None:
    deadline = time.perf_counter() + grace
    while alive(pid) and time.perf_counter() < deadline:
        time.sleep(0.02)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def peak_rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return None
    return None


# --- reading the screen -----------------------------------------------------------------------------


def table_rows(screen: str, header: str) -> list[str]:
    """The data rows of the table whose header line holds ``header``: every column, right of the
    facet's bar where a facet stands beside the table (the quotes pane's speakers)."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if header in line:
            column = line.index(FACET_BAR) + 1 if FACET_BAR in line else line.index(header)
            rows = []
            for row in lines[index + 1 : -1]:  # the last line is the footer
                cell = row[column:]
                if not cell.strip():
                    break
                rows.append(cell)
            return rows
    return []


def data_rows(screen: str, header: str) -> list[str]:
    return [row for row in table_rows(screen, header) if DATE.search(row) or "undated" in row]


def status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "speaker:" in line), "")


def mostly_new(before: list[str], after: list[str]) -> bool:
    return bool(after) and sum(row in before for row in after) < len(after) / 2


def picker_first_option(screen: str) -> str | None:
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if "Filter by speaker" in line and "\u256d" in line and "\u256e" in line:  # drawn whole
            left, right = line.index("\u256d"), line.index("\u256e")
            options = [row[left + 1 : right].strip() for row in lines[index + 3 : index + 8]]
            # An option starts with its mark ("[ ] ", "[✓] ": space marks several), then the name.
            return options[0].removeprefix("[ ] ").removeprefix("[\u2713] ") if options and options[0] else None
    return None


TIMELINE_HEADER, QUOTES_HEADER = "When (as printed)", "Said (as printed)"
FACET_BAR = "\u2595"  # the quotes pane's speaker facet ends in this bar, left of the table
HELP_MARK = "─ kursk-tui keys ─"  # the help screen's title (its lines scroll: a later one may be out of view)


# --- measurements in tmux ------------------------------------------------------------------------------


def kursk_command(store: Path) -> str:
    """The dashboard on ``store``, unfiltered (--fresh: not on the view a run before left)."""
    return f"{KURSK} --db {store} --fresh"


def compile_bytecode() -> None:
    """Write the project's bytecode first, as an installed package has it: with
    PYTHONDONTWRITEBYTECODE set, kursk-tui would otherwise compile its modules at every launch
    (~0.1-0.2 s) while the bare app's Textual was compiled when it was installed."""
    packages = [str(ROOT / package) for package in ("tui", "db", "extract")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)


def first_frames(tmux: Tmux, apps: dict[str, tuple[str, object]], reps: int, timeout: float) -> dict:
    """Start to first frame of each app, ``{name: (command, ready)}``, launched in turn ``reps`` times
    (paired: a change in the machine's load falls on every app alike)."""
    results: dict = {name: {"seconds": [], "rss_mib": []} for name in apps}
    for _ in range(reps):
        for name, (command, ready) in apps.items():
            start = time.perf_counter()
            session, pid = tmux.launch(command)
            try:
                elapsed, _ = tmux.wait(session, ready, timeout, since=start)
                results[name]["seconds"].append(elapsed)
                rss = peak_rss_mib(pid)
                if rss is not None:
                    results[name]["rss_mib"].append(rss)
            except Timeout as error:
                log(f"  first frame ({name}): {str(error).splitlines()[0]}")
            finally:
                tmux.stop(session, pid)
    return results


def kursk_ready(screen: str) -> bool:
    return bool(data_rows(screen, TIMELINE_HEADER))


@dataclass
class Session:
    """The interactive measurements of one kursk-tui session."""

    results: dict = field(default_factory=dict)

    def add(self, key: str, value: float | None) -> None:
        self.results.setdefault(key, []).append(value)


def pick_speaker(tmux: Tmux, name: str, app: str, speaker: str, header: str, session: Session, timeout: float) -> None:
    before = data_rows(tmux.screen(app), header)
    start = time.perf_counter()
    tmux.keys(app, "s")
    opened, _ = tmux.wait(
        app,
        lambda s: picker_first_option(s) is not None and "claims" in s.split("Filter by speaker", 1)[-1],
        timeout,
        since=start,
    )
    session.add("picker open", opened)
    start = time.perf_counter()
    tmux.text(app, speaker)
    typed, _ = tmux.wait(app, lambda s: (picker_first_option(s) or "").startswith(speaker + "  "), timeout, since=start)
    session.add("picker narrowed (typed name)", typed)
    start = time.perf_counter()
    tmux.keys(app, "Enter")
    prefix = speaker[:18]

    def filtered(screen: str) -> bool:
        rows = data_rows(screen, header)
        return (
            f"speaker: {prefix}" in status_line(screen)
            and rows
            and rows != before
            and all(prefix in row for row in rows)
        )

    elapsed, _ = tmux.wait(app, filtered, timeout, since=start)
    session.add(name, elapsed)


def clear_filter(
    tmux: Tmux, app: str, header: str, session: Session, key: str, timeout: float, expected: list[str] | None
) -> None:
    start = time.perf_counter()
    tmux.keys(app, "Escape")
    elapsed, _ = tmux.wait(
        app,
        lambda s: (
            "speaker: all" in status_line(s)
            and "search: \u2014" in status_line(s)
            and (data_rows(s, header) == expected if expected else bool(data_rows(s, header)))
        ),
        timeout,
        since=start,
    )
    session.add(key, elapsed)


def interactive(tmux: Tmux, store: Path, plan: dict, session: Session, timeout: float) -> float | None:
    """One kursk-tui session: speakers, searches, paging. Returns the app's peak RSS (MiB)."""
    app, pid = tmux.launch(kursk_command(store))
    try:
        tmux.wait(app, kursk_ready, timeout)
        baseline = data_rows(tmux.settle(app), TIMELINE_HEADER)
        for _pk, speaker, claims in plan["speakers"]:
            step = f"speaker filter, timeline ({speaker}, {claims:,} claims)"
            try:
                pick_speaker(
                    tmux, "speaker filter (Enter to rows), timeline", app, speaker, TIMELINE_HEADER, session, timeout
                )
                session.results.setdefault("speaker filter cases", []).append(speaker)
                tmux.settle(app, quiet=0.2)
                clear_filter(tmux, app, TIMELINE_HEADER, session, "clear speaker (esc), timeline", timeout, baseline)
            except Timeout as error:
                log(f"  {step}: {str(error).splitlines()[0]}")
                recover(tmux, app)
        for word in plan["words"]:
            try:
                tmux.settle(app, quiet=0.2)
                tmux.keys(app, "/")
                time.sleep(0.2)
                start = time.perf_counter()
                tmux.text(app, word)
                tmux.keys(app, "Enter")

                def searched(screen: str, word=word) -> bool:
                    rows = data_rows(screen, TIMELINE_HEADER)
                    return f"search: {word}" in status_line(screen) and (
                        (rows and rows != baseline) or "No dated claims match" in screen
                    )

                elapsed, _ = tmux.wait(app, searched, timeout, since=start)
                session.add("search (keys + Enter to rows), timeline", elapsed)
                session.results.setdefault("search cases", []).append(word)
                tmux.settle(app, quiet=0.2)
                clear_filter(tmux, app, TIMELINE_HEADER, session, "clear search (esc), timeline", timeout, baseline)
            except Timeout as error:
                log(f"  search {word!r}: {str(error).splitlines()[0]}")
                recover(tmux, app)
        speaker = plan["speakers"][0][1]
        for pane, header in (("timeline", TIMELINE_HEADER), ("quotes", QUOTES_HEADER)):
            try:
                paging(tmux, app, pane, header, speaker, session, plan["turns"], timeout)
            except Timeout as error:
                log(f"  paging {pane}: {str(error).splitlines()[0]}")
                recover(tmux, app)
        return peak_rss_mib(pid)
    finally:
        tmux.stop(app, pid)


def recover(tmux: Tmux, app: str) -> None:
    """After a timeout: close whatever is open and clear the filters."""
    for _ in range(3):
        tmux.keys(app, "Escape")
        time.sleep(0.3)
    with contextlib.suppress(Timeout):
        tmux.settle(app, quiet=0.3, timeout=60)


def paging(
    tmux: Tmux, app: str, pane: str, header: str, speaker: str, session: Session, turns: int, timeout: float
) -> None:
    prefix = speaker[:18]
    if pane == "quotes":  # the speaker filter is still set from the timeline
        start = time.perf_counter()
        tmux.keys(app, "4")
        elapsed, _ = tmux.wait(
            app, lambda s: (rows := data_rows(s, header)) and all(prefix in row for row in rows), timeout, since=start
        )
        session.add("switch to quotes pane (4), speaker filtered", elapsed)
    else:
        pick_speaker(tmux, "speaker filter before paging, timeline", app, speaker, header, session, timeout)
    tmux.settle(app)

    def turn(key: str, label: str) -> None:
        before = data_rows(tmux.screen(app), header)
        start = time.perf_counter()
        tmux.keys(app, key)
        elapsed, _ = tmux.wait(app, lambda s: mostly_new(before, data_rows(s, header)), timeout, since=start)
        session.add(f"{label}, {pane}", elapsed)

    def queue(key: str) -> None:
        """Move the cursor 99 rows, to the page's other end, and wait until every key is handled:
        queued keys are handled in order, so the help screen ('?') shows only after the last."""
        start = time.perf_counter()
        tmux.keys(app, *[key] * 99, "?")
        elapsed, _ = tmux.wait(app, lambda s: HELP_MARK in s, timeout, since=start)
        session.add(f"cursor move within a page ({key}), per key of 99 queued, {pane}", elapsed / 100)
        tmux.keys(app, "?")
        tmux.wait(app, lambda s: HELP_MARK not in s, timeout)
        tmux.settle(app, quiet=0.2)

    for _ in range(turns):  # forward from the top: the cursor to the page's last row, then one more
        queue("j")
        turn("j", "page turn forward (j past row 100)")
    tmux.settle(app)
    turn("G", "last page (G)")
    for _ in range(turns):  # backward from the very end: deep in the speaker's claims
        tmux.settle(app)
        queue("k")
        turn("k", "page turn backward from the end (k past row 1)")
    tmux.settle(app)
    turn("g", "first page (g)")
    tmux.settle(app)
    if pane == "quotes":  # back to the timeline, filter cleared
        tmux.keys(app, "1")
        time.sleep(0.5)
        start = time.perf_counter()
        tmux.keys(app, "Escape")
        tmux.wait(app, lambda s: "speaker: all" in status_line(s), timeout, since=start)
        tmux.settle(app)


# --- in-process (App.run_test + pilot) -----------------------------------------------------------------


async def pilot_run(store: Path, plan: dict, timeout: float) -> dict:
    from textual.widgets import Input, OptionList

    from tui.app import KurskApp
    from tui.paged_table import PagedTable
    from tui.speaker_picker import SpeakerPicker

    shown = asyncio.Event()
    original = PagedTable._show_page

    def show_page(self, request, rows):
        original(self, request, rows)
        shown.set()

    PagedTable._show_page = show_page
    results: dict[str, list] = {}
    app = KurskApp(store)

    async def until_shown(pilot, action) -> float:
        shown.clear()
        start = time.perf_counter()
        await action()
        await asyncio.wait_for(shown.wait(), timeout)
        elapsed = time.perf_counter() - start
        await pilot.pause()
        return elapsed

    async def until(pilot, condition, limit: float = timeout) -> None:
        deadline = time.perf_counter() + limit
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError
            await pilot.pause(0.005)

    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await asyncio.wait_for(shown.wait(), timeout)
        await pilot.pause()
        for pk, speaker, _ in plan["speakers"]:
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SpeakerPicker))
            picker = app.screen
            picker.query_one(Input).value = speaker
            options = picker.query_one(OptionList)
            await until(
                pilot,
                lambda options=options, pk=pk: (
                    bool(options.option_count) and options.get_option_at_index(0).id == str(pk)
                ),
            )
            results.setdefault("speaker filter (Enter to PageShown), timeline", []).append(
                await until_shown(pilot, lambda: pilot.press("enter"))
            )
            results.setdefault("clear speaker (esc to PageShown), timeline", []).append(
                await until_shown(pilot, lambda: pilot.press("escape"))
            )
        for word in plan["words"]:
            search = app.query_one("#search", Input)
            search.focus()
            await pilot.pause()
            search.value = word
            results.setdefault("search (Enter to PageShown), timeline", []).append(
                await until_shown(pilot, lambda: pilot.press("enter"))
            )
            results.setdefault("clear search (esc to PageShown), timeline", []).append(
                await until_shown(pilot, lambda: pilot.press("escape"))
            )
        pk, speaker, _ = plan["speakers"][0]
        from tui.speaker_picker import SpeakerChoice

        for pane in ("timeline", "quotes"):
            if pane == "quotes":
                results.setdefault("switch to quotes pane (4 to PageShown)", []).append(
                    await until_shown(pilot, lambda: pilot.press("4"))
                )
            else:
                await until_shown(pilot, lambda: _async(app.choose_speaker, SpeakerChoice(pk, speaker)))
            table = app.active_pane.table
            for _ in range(plan["turns"]):
                table.move_cursor(row=len(table.rows_shown) - 1, animate=False)
                await pilot.pause()
                results.setdefault(f"page turn forward (j), {pane}", []).append(
                    await until_shown(pilot, lambda: pilot.press("j"))
                )
            results.setdefault(f"last page (G), {pane}", []).append(await until_shown(pilot, lambda: pilot.press("G")))
            for _ in range(plan["turns"]):
                table.move_cursor(row=0, animate=False)
                await pilot.pause()
                results.setdefault(f"page turn backward from the end (k), {pane}", []).append(
                    await until_shown(pilot, lambda: pilot.press("k"))
                )
            results.setdefault(f"first page (g), {pane}", []).append(await until_shown(pilot, lambda: pilot.press("g")))
        await pilot.press("1")
        await pilot.pause()
    PagedTable._show_page = original
    return results


async def _async(function, *args):
    function(*args)


# --- the dashboard at one size, with the SQL beside each latency (--dashboard) ---------------------------

BENCH_VIEW = "bench-view"  # the saved view the first frame is measured on (saved in the benchmark's store)


def save_bench_view(store: Path, plan: dict) -> str:
    """Save (or replace) the view ``--view`` opens in the first-frame runs: the timeline under
    the busiest speaker and a search word."""
    from db.connection import connect
    from db.queries import Filters
    from db.views import View, save_view

    pk, name, _ = plan["speakers"][0]
    filters = Filters(speaker_pks=(pk,), speaker_label=name, speaker_names=(name,), search=plan["words"][1])
    conn = connect(store)
    try:
        save_view(conn, BENCH_VIEW, View("timeline", filters), overwrite=True)
    finally:
        conn.close()
    return name


def window_cases() -> list[tuple[str, dict]]:
    """The filter form's fields for each case measured (metric and source as db.synth names them)."""
    from db.synth import METRICS, PUBLISHERS

    metric, publisher = METRICS[0][0], PUBLISHERS[0]
    return [
        ("metric", {"metric": metric}),
        ("date window", {"dates": "December 2024"}),
        ("source", {"source": publisher}),
        ("metric + source + date window",
         {"metric": metric, "source": publisher, "dates": "October 2024 to January 2025"}),
    ]


async def dashboard_run(store: Path, plan: dict, timeout: float, reps: int) -> dict:
    """The dashboard in-process (App.run_test + pilot). Each interaction is timed from its key
    press (or click) to the table holding the first screenful of the new page ("rows") and the
    whole page ("page"); beside it, the page query as the worker ran it ("sql in worker") and run
    again alone on the UI thread afterwards ("sql alone", median of 3). Peak RSS of this process
    after the first page and after the session."""
    from dataclasses import replace
    from datetime import date

    from textual.widgets import Input, OptionList

    import tui.app
    from tui.app import KurskApp
    from tui.filter_form import FilterForm, Window
    from tui.paged_table import PagedTable
    from tui.pane import ListingPane
    from tui.speaker_picker import SpeakerPicker

    marks: dict[str, float] = {}
    whole = asyncio.Event()
    fetches: list[tuple[ListingPane, object, dict, float]] = []
    show_page, page_added, fetch_rows = PagedTable._show_page, PagedTable._page_added, ListingPane.fetch_rows

    def timed_show_page(self, request, rows):
        show_page(self, request, rows)
        marks["rows"] = time.perf_counter()

    def timed_page_added(self, rows):
        page_added(self, rows)
        marks["page"] = time.perf_counter()
        whole.set()

    def timed_fetch_rows(self, **where):
        start = time.perf_counter()
        rows = fetch_rows(self, **where)
        fetches.append((self, self.filters, where, time.perf_counter() - start))
        return rows

    def timed_on_click(self, event):
        """Before DataTable's own handler: Textual calls each class's ``_on_click`` down the MRO."""
        marks["click"] = time.perf_counter()

    PagedTable._show_page, PagedTable._page_added, ListingPane.fetch_rows, PagedTable._on_click = (
        timed_show_page, timed_page_added, timed_fetch_rows, timed_on_click)
    # Only Enter runs a search: on a loaded machine a pause between the keys typed would run it
    # (SEARCH_DELAY), and Enter would then have nothing to do.
    tui.app.SEARCH_DELAY = 3600
    results: dict = {"latency": {}, "rss_mib": {}, "timed out": []}
    app = KurskApp(store)

    async def until(pilot, condition) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError
            await pilot.pause(0.005)

    async def measure(pilot, label: str, action, extra_sql=None, *, from_click: bool = False) -> None:
        """Time ``action`` (the key press or click that asks for the page) to the page on screen;
        ``from_click``: from the table's Click event, since Pilot waits for the app to idle before
        each of the mouse down, up and click it sends (a click on nothing took 130-200 ms), where
        a terminal sends them together."""
        whole.clear()
        marks.clear()
        fetches.clear()
        start = time.perf_counter()
        await action()
        try:
            await asyncio.wait_for(whole.wait(), timeout)
        except TimeoutError:
            results["timed out"].append(label)
            return
        await pilot.pause()
        pane, filters, where, in_worker = fetches[-1]
        alone = []
        for _ in range(3):
            begin = time.perf_counter()
            pane.fetch_page(filters, **where)
            if extra_sql is not None:
                extra_sql()
            alone.append(time.perf_counter() - begin)
        entry = results["latency"].setdefault(label, {"rows": [], "page": [], "sql in worker": [], "sql alone": []})
        if from_click:
            start = marks["click"]
        entry["rows"].append(marks["rows"] - start)
        entry["page"].append(marks["page"] - start)
        entry["sql in worker"].append(in_worker)
        entry["sql alone"].append(statistics.median(alone))

    async def back(pilot) -> None:
        """Esc: one filter off, its page on screen (not timed)."""
        whole.clear()
        await pilot.press("escape")
        await asyncio.wait_for(whole.wait(), timeout)
        await pilot.pause()

    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await asyncio.wait_for(whole.wait(), timeout)
        await pilot.pause()
        results["rss_mib"]["after the first page"] = peak_rss_mib(os.getpid())
        speakers = (plan["speakers"] * reps)[: max(reps, len(plan["speakers"]))]
        for pk, speaker, _ in speakers:
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SpeakerPicker))
            options = app.screen.query_one(OptionList)
            await pilot.press(*speaker)
            await until(pilot, lambda options=options, pk=pk: bool(options.option_count)
                        and options.get_option_at_index(0).id == str(pk))
            await measure(pilot, "speaker filter (s, name, Enter)", lambda: pilot.press("enter"))
            await back(pilot)
        words = (plan["words"] * reps)[: max(reps, len(plan["words"]))]
        for word in words:
            await pilot.press("slash")
            await until(pilot, lambda: isinstance(app.focused, Input))
            await pilot.press(*word)
            await measure(pilot, "search (/, words, Enter)", lambda: pilot.press("enter"))
            await back(pilot)
        for _ in range(reps):
            await measure(pilot, "sort (o)", lambda: pilot.press("o"))
        table = app.active_pane.table
        sortable = [index for index, column in enumerate(table.column_specs) if column.sort]
        header = sortable[-1]
        x = sum(table.columns[table.column_keys[index]].get_render_width(table)
                for index in table.shown_widths if index < header) + 1
        for _ in range(reps):
            await measure(pilot, "sort (a header click)", lambda: pilot.click(table, offset=(x, 0)), from_click=True)
        whole.clear()
        app.filters = replace(app.filters, sort="", descending=False)  # the own order again
        await asyncio.wait_for(whole.wait(), timeout)
        for label, fields in window_cases():
            for _ in range(reps):
                await pilot.press("f")
                await until(pilot, lambda: isinstance(app.screen, FilterForm))
                form = app.screen
                for key, value in fields.items():
                    form.query_one(f"#filter-{key}", Input).value = value
                await pilot.pause()
                window = Window(**fields)
                before = app.filters
                await measure(pilot, f"filter form (f): {label}, Enter", lambda: pilot.press("enter"),
                              extra_sql=lambda window=window, before=before: app.side_reader.call(
                                  window.resolve, before, date.today()))
                await back(pilot)
        pk, speaker, _ = plan["speakers"][0]
        for title, pane_key in (("timeline", "1"), ("quotes", "4")):
            await pilot.press(pane_key)
            await until(pilot, lambda: app.active_pane is not None and app.active_pane.query(PagedTable)
                        and not app.active_pane.table.loading_page)
            table = app.active_pane.table
            for _ in range(reps):
                table.move_cursor(row=len(table.rows_shown) - 1, animate=False)
                await pilot.pause()
                await measure(pilot, f"page turn forward (j past the last row), {title}", lambda: pilot.press("j"))
            await measure(pilot, f"last page (G), {title}", lambda: pilot.press("G"))
            for _ in range(reps):
                table.move_cursor(row=0, animate=False)
                await pilot.pause()
                await measure(pilot, f"page turn backward from the end (k past row 1), {title}",
                              lambda: pilot.press("k"))
        await pilot.press("1")
        await pilot.pause()
        results["rss_mib"]["after the session"] = peak_rss_mib(os.getpid())
    PagedTable._show_page, PagedTable._page_added, ListingPane.fetch_rows = show_page, page_added, fetch_rows
    return results


async def bare_run(timeout: float) -> dict:
    """The bare app in-process, as the dashboard is measured: its peak RSS after the first frame."""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class BareApp(App[None]):
        def compose(self):
            yield Header()
            yield Static(f"{BARE_MARK}: a bare Textual app with one Static.")
            yield Footer()

    async with BareApp().run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
        return {"rss_mib": {"after the first page": peak_rss_mib(os.getpid())}}


def dashboard(args, sizes: list[int], bare_script: Path, all_results: dict) -> None:
    """``--dashboard``: paired first frames (plain, ``--speaker``, ``--view``) against the bare app
    in tmux, a terminal session for its peak RSS, then the interactions in-process with the SQL
    beside them, and the bare app's in-process peak RSS."""
    tmux = Tmux()
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for size in sizes:
            result = all_results["sizes"][size] = {"build": build_store(args.out, size, args.seed)}
            store = store_path(args.out, size, args.seed)
            plan = make_plan(store, args.turns)
            speaker = save_bench_view(store, plan)
            prefix = speaker[:18]

            def filtered(screen: str, prefix: str = prefix) -> bool:
                return kursk_ready(screen) and f"speaker: {prefix}" in status_line(screen)

            log(f"{size:,}: first frames (speaker {speaker!r}, view {BENCH_VIEW!r})...")
            result["first_frames"] = first_frames(
                tmux,
                {
                    "bare": (f"{sys.executable} {bare_script}", lambda s: BARE_MARK in s),
                    "kursk-tui": (kursk_command(store), kursk_ready),
                    "kursk-tui --speaker": (f'{kursk_command(store)} --speaker "{speaker}"', filtered),
                    "kursk-tui --view": (f"{KURSK} --db {store} --view {BENCH_VIEW}", filtered),
                },
                args.reps,
                args.timeout,
            )
            if not args.no_terminal_session:
                log("  terminal session (peak RSS)...")
                result["session_rss_mib"] = interactive(tmux, store, plan, Session(), args.timeout)
            log("  in-process...")
            result["pilot"] = child_json(["--dashboard-pilot", str(store), "--plan", json.dumps(plan)], args)
            result["bare pilot"] = child_json(["--bare-pilot"], args)
            (args.out / "results.json").write_text(json.dumps(all_results, indent=1, default=str))
    finally:
        tmux.close()
        signal.signal(signal.SIGTERM, previous)


def child_json(arguments: list[str], args) -> dict:
    """Run this script with ``arguments`` in a child process; its last line of output, as JSON."""
    completed = subprocess.run(
        [sys.executable, __file__, *arguments, "--timeout", str(args.timeout), "--reps", str(args.reps)],
        capture_output=True, text=True, timeout=args.timeout * 40, cwd=ROOT)
    if completed.returncode:
        log(f"  {arguments[0]} failed: {completed.stderr[-3000:]}")
        return {}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def dashboard_report(all_results: dict, args) -> str:
    out = ["# kursk-tui dashboard benchmark", ""]
    out.append(f"Command: `{' '.join(all_results['command'])}`  ")
    out.append(f"Machine: {os.cpu_count()} cores, load average {all_results['load']} at the start. Times in ms.")
    for size, result in all_results["sizes"].items():
        frames = result["first_frames"]
        bare_s, bare_rss = median(frames["bare"]["seconds"]), median(frames["bare"]["rss_mib"])
        out += ["", f"## {size:,} claims", "",
                f"First frame in tmux ({COLS}x{ROWS}), launches paired (each app in turn), median of "
                f"{args.reps}; peak RSS at the first frame:", "",
                "| app | start to first frame | / bare | peak RSS (MiB) | / bare |", "|---|---|---|---|---|"]
        for name, runs in frames.items():
            seconds, rss = median(runs["seconds"]), median(runs["rss_mib"])
            out.append(f"| {name} | {ms(seconds)} | {seconds / bare_s:.2f}x | {rss or 0:.0f} | "
                       f"{(rss or 0) / (bare_rss or 1):.2f}x |" if seconds and bare_s else f"| {name} | — | | | |")
        pilot = result.get("pilot", {})
        if pilot.get("timed out"):
            out += ["", "Timed out (left out of the table): " + "; ".join(pilot["timed out"]) + "."]
        out += ["", "In-process (App.run_test, pilot): from the key press (or click) to the first screenful of "
                "the new page in the table (rows) and to the whole page in it (page); the page query as its "
                "worker ran it, and alone afterwards (for the filter form, with the form's own resolution of "
                "its words); median (p95) of n:", "",
                "| interaction | n | rows | page | SQL in worker | SQL alone | rows − SQL alone |",
                "|---|---|---|---|---|---|---|"]
        for label, entry in pilot.get("latency", {}).items():
            rows, alone = median(entry["rows"]), median(entry["sql alone"])
            out.append(f"| {label} | {len(entry['rows'])} | {ms(rows)} ({ms(p95(entry['rows']))}) | "
                       f"{ms(median(entry['page']))} | {ms(median(entry['sql in worker']))} | {ms(alone)} | "
                       f"{ms(rows - alone)} |")
        bare_pilot = result.get("bare pilot", {}).get("rss_mib", {}).get("after the first page")
        rss = pilot.get("rss_mib", {})
        out += ["", "Peak RSS (MiB):", ""]
        out.append(f"- in a terminal, at the first frame: kursk-tui {median(frames['kursk-tui']['rss_mib']) or 0:.0f}, "
                   f"bare {bare_rss or 0:.0f}")
        if result.get("session_rss_mib"):
            out.append(f"- in a terminal, after a session of speaker filters, searches and page turns: "
                       f"kursk-tui {result['session_rss_mib']:.0f}")
        if rss:
            out.append(f"- in-process, after the first page: kursk-tui {rss['after the first page']:.0f}, bare "
                       f"{bare_pilot or 0:.0f}; after the session above: kursk-tui {rss['after the session']:.0f}")
    out.append("")
    return "\n".join(out)


# --- SQL and imports -----------------------------------------------------------------------------------


def profile_queries(store: Path, plan: dict, repeat: int = 3) -> list[dict]:
    """The panes' queries (db/queries.py) timed on the store, with their query plans."""
    from db import queries
    from db.speakers import find_actors

    class Recording(queries.Reader):
        def records(self, sql, params=()):
            self.last = (sql, params)
            return super().records(sql, params)

    reader = Recording(store)
    top_pk, top_name, _ = plan["speakers"][0]
    tail_pk = plan["speakers"][-1][0]
    top = queries.Filters(speaker_pks=(top_pk,), speaker_label=top_name)
    common, rare = plan["words"][0], plan["rare"]
    cases = [
        ("timeline_page, first page", lambda: queries.timeline_page(reader, queries.Filters())),
        ("timeline_page, last page (G)", lambda: queries.timeline_page(reader, queries.Filters(), last=True)),
        ("timeline_page, top speaker, first page", lambda: queries.timeline_page(reader, top)),
        ("timeline_page, top speaker, last page", lambda: queries.timeline_page(reader, top, last=True)),
        (
            "timeline_page, tail speaker, first page",
            lambda: queries.timeline_page(reader, queries.Filters(speaker_pks=(tail_pk,))),
        ),
        ("quotes_page, first page", lambda: queries.quotes_page(reader, queries.Filters())),
        ("quotes_page, top speaker, first page", lambda: queries.quotes_page(reader, top)),
        ("quotes_page, top speaker, last page", lambda: queries.quotes_page(reader, top, last=True)),
        ("figures_page, first page", lambda: queries.figures_page(reader, queries.Filters())),
        ("figures_page, top speaker, first page", lambda: queries.figures_page(reader, top)),
        ("sources_page, first page", lambda: queries.sources_page(reader, queries.Filters())),
        ("sources_page, top speaker, first page", lambda: queries.sources_page(reader, top)),
        ("speakers() picker, nothing typed (100)", lambda: queries.speakers(reader, "", limit=100)),
        ("speakers() picker, name typed", lambda: queries.speakers(reader, top_name, limit=100)),
        ("speakers() quotes facet (kind=quote, 200)", lambda: queries.speakers(reader, kind="quote", limit=200)),
        (
            f"speakers() quotes facet, search {common!r}",
            lambda: queries.speakers(reader, kind="quote", search=common, limit=200),
        ),
        (
            f"timeline_page, search {common!r} (common)",
            lambda: queries.timeline_page(reader, queries.Filters(search=common)),
        ),
        (f"timeline_page, search {rare!r} (rare)", lambda: queries.timeline_page(reader, queries.Filters(search=rare))),
        (
            "timeline_page, search 'north korean'",
            lambda: queries.timeline_page(reader, queries.Filters(search="north korean")),
        ),
        (
            f"quotes_page, top speaker + search {common!r}",
            lambda: queries.quotes_page(reader, queries.Filters(speaker_pks=(top_pk,), search=common)),
        ),
        (f"sources_page, search {common!r}", lambda: queries.sources_page(reader, queries.Filters(search=common))),
        ("find_actors(name) (--speaker)", lambda: reader.call(find_actors, top_name)),
    ]
    results = []
    for label, run in cases:
        reader.last = None
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            rows = run()
            times.append(time.perf_counter() - start)
        plan_lines = []
        if reader.last is not None and "find_actors" not in label:
            sql, params = reader.last
            plan_lines = [row[-1] for row in reader.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        results.append(
            {
                "query": label,
                "ms": statistics.median(times) * 1000,
                "rows": len(rows) if hasattr(rows, "__len__") else None,
                "plan": plan_lines,
            }
        )
    reader.close()
    return results


def metric_reports(store: Path, timeout: float, memory_gib: float = 6) -> list[dict]:
    """db.checks.metric_report, which the Figures pane runs for the metric under the cursor:
    for the metric its first page starts with, and for the biggest metric. Each runs in a
    child process with a time and memory limit (the checks compare every pair of figures)."""
    from db.connection import connect
    from db.queries import Filters, Reader, figures_page

    reader = Reader(store)
    conn = connect(store, readonly=True)
    try:
        first = figures_page(reader, Filters(), limit=1)[0].metric
        biggest = conn.execute("SELECT metric FROM figures GROUP BY metric ORDER BY count(*) DESC LIMIT 1").fetchone()[
            0
        ]
        wanted = [(first, "first metric of the Figures pane")] + (
            [(biggest, "biggest metric")] if biggest != first else []
        )
        results = []
        for metric, why in wanted:
            figures = conn.execute("SELECT count(*) FROM figures WHERE metric = ?", (metric,)).fetchone()[0]
            entry = {"metric": metric, "why": why, "figures": figures}
            try:
                completed = subprocess.run(
                    [sys.executable, __file__, "--metric-report", str(store), "--plan", json.dumps(metric)],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    cwd=ROOT,
                    preexec_fn=lambda: __import__("resource").setrlimit(
                        __import__("resource").RLIMIT_AS, (int(memory_gib * 2**30),) * 2
                    ),
                )
                if completed.returncode == 0:
                    entry.update(json.loads(completed.stdout.strip().splitlines()[-1]))
                else:
                    entry["failed"] = (
                        completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "failed"
                    )
            except subprocess.TimeoutExpired:
                entry["failed"] = f"still running after {timeout:.0f} s (killed)"
            results.append(entry)
        return results
    finally:
        conn.close()
        reader.close()


def run_metric_report(store: Path, metric: str) -> dict:
    from db.checks import metric_report
    from db.connection import connect

    conn = connect(store, readonly=True)
    start = time.perf_counter()
    report = metric_report(conn, metric)
    return {"ms": (time.perf_counter() - start) * 1000, "checks": len(report.checks)}


def import_costs(reps: int = 5) -> dict:
    python = sys.executable

    def wall(code: str) -> float:
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            subprocess.run([python, "-c", code], check=True, cwd=ROOT, timeout=60)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    result = {
        "python -c pass": wall("pass"),
        "import textual.app + Header/Footer/Static (bare app)": wall(
            "import textual.app; from textual.widgets import Header, Footer, Static"
        ),
        "import tui.cli (the kursk-tui script)": wall("import tui.cli"),
        "import tui.app": wall("import tui.app"),
    }
    trace = subprocess.run(
        [python, "-X", "importtime", "-c", "import tui.app"], capture_output=True, text=True, cwd=ROOT, timeout=60
    ).stderr
    modules = []
    for line in trace.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            modules.append((int(match[2]), int(match[1]), len(match[3]), match[4]))
    top = sorted((m for m in modules if m[2] <= 3), reverse=True)[:14]
    result["top imports (cumulative ms)"] = [(name, round(cumulative / 1000, 1)) for cumulative, _, _, name in top]
    return result


# --- the command line -----------------------------------------------------------------------------------


# Runs a command and prints its wall seconds, peak RSS and CPU seconds. The peak is read from a wrapper of
# this size, not the benchmark itself: a child's ru_maxrss counts the parent's pages it held
# between fork and exec, which for the benchmark (~50 MiB) hid every small command's peak.
RSS_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, code)
"""


def run_cli(arguments: list[str], timeout: float) -> tuple[float, float, float]:
    """One kursk-tui command, its output to /dev/null: wall seconds, the process's peak RSS (MiB)
    and its CPU seconds (on a loaded machine the wall time says more about the load)."""
    try:
        completed = subprocess.run(
            [sys.executable, "-c", RSS_WRAPPER, str(KURSK), *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired as error:
        raise Timeout(f"kursk-tui {' '.join(arguments)}: still running after {timeout:.0f} s") from error
    seconds, rss, cpu, code = completed.stdout.split()
    if int(code):
        raise RuntimeError(f"kursk-tui {' '.join(arguments)} exited {code}")
    return float(seconds), float(rss), float(cpu)


def cli_commands(store: Path) -> list[tuple[str, list[str]]]:
    """The commands timed at every size: figures (every metric; the biggest one), exports, stats."""
    from db.connection import connect

    conn = connect(store, readonly=True)
    try:
        biggest, count = conn.execute(
            "SELECT metric, count(*) FROM figures GROUP BY metric ORDER BY count(*) DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    db = ["--db", str(store)]
    commands = [
        ("figures, every metric (table)", [*db, "figures"]),
        ("figures, every metric (--format json)", [*db, "figures", "--format", "json"]),
        (f"figures --metric, the biggest metric ({count:,} figures; table)", [*db, "figures", "--metric", biggest]),
        (f"figures --metric, the biggest metric ({count:,} figures; json)",
         [*db, "figures", "--metric", biggest, "--format", "json"]),
    ]
    commands += [(f"export --format {kind}", [*db, "export", "--format", kind])
                 for kind in ("json", "csv", "md", "claimreview")]
    commands.append(("stats", [*db, "stats"]))
    return commands


def cli_times(store: Path, reps: int, timeout: float) -> dict:
    """Each command ``reps`` times: wall seconds, peak RSS and CPU seconds per run."""
    results = {}
    for label, arguments in cli_commands(store):
        runs = results[label] = {"seconds": [], "rss_mib": [], "cpu_seconds": []}
        for _ in range(reps):
            try:
                seconds, rss, cpu = run_cli(arguments, timeout)
            except (Timeout, RuntimeError) as error:
                log(f"  {error}")
                break
            runs["seconds"].append(seconds)
            runs["rss_mib"].append(rss)
            runs["cpu_seconds"].append(cpu)
    return results


# --- planning: which speakers and words -------------------------------------------------------------------


def make_plan(store: Path, turns: int) -> dict:
    from db import queries
    from db.connection import connect
    from db.synth import COMMON_WORD, village_names

    conn = connect(store, readonly=True)
    reader = queries.Reader(store)
    try:
        ranked = conn.execute("""SELECT a.pk, a.name, count(*) FROM claims c JOIN actors a ON a.pk = c.actor_pk
                                 GROUP BY a.pk ORDER BY 3 DESC""").fetchall()
        speakers = []
        for wanted in (0, 1, 2, 20, len(ranked) // 4):
            for pk, name, claims in ranked[wanted:]:
                if (
                    len(name) <= 30
                    and all(c.isalnum() or c in " -." for c in name)
                    and pk not in [s[0] for s in speakers]
                ):
                    found = queries.speakers(reader, name, limit=2)
                    if found and found[0].pk == pk:
                        speakers.append((pk, name, claims))
                        break
        villages = village_names()
        rare = None
        for index in range(len(villages) - 1, 0, -97):
            if " " in villages[index]:
                continue
            hits = conn.execute(
                "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", (f'"{villages[index]}"',)
            ).fetchone()[0]
            if 1 <= hits <= 30:
                rare = villages[index]
                break
        words = [COMMON_WORD, "drones", "north korean", rare or "zyzzyva", "artillery crews"]
        return {"speakers": speakers, "words": words, "rare": rare or "zyzzyva", "turns": turns}
    finally:
        conn.close()
        reader.close()


# --- report ----------------------------------------------------------------------------------------------


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def p95(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, -(-95 * len(values) // 100) - 1))]


def ms(value) -> str:
    return "—" if value is None else f"{value * 1000:,.0f}"


def report(all_results: dict, args) -> str:
    sizes = list(all_results["sizes"])
    out = ["# kursk-tui benchmark", ""]
    out.append(f"Command: `{' '.join(all_results['command'])}`  ")
    out.append(
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite {all_results['sqlite']}, "
        f"load average {all_results['load']} at the start. "
        + (
            f"tmux {COLS}x{ROWS}, screen polled every {POLL * 1000:.0f} ms through a control-mode client "
            f"(one poll: {all_results['poll_ms']:.2f} ms), so times are +/- ~6 ms. "
            if "poll_ms" in all_results
            else ""
        )
        + "Times in ms unless said; pages hold 100 rows; the page cache is warm (stores just built or read)."
    )
    out += [
        "",
        "## Stores",
        "",
        "| claims | built in | file | sources | actors | dates | spans |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        build = all_results["sizes"][size]["build"]
        counts = build.get("counts", {})
        built = f"{build['seconds']:.1f} s" if "seconds" in build else "?"
        if build.get("reused"):
            built += " (earlier run; reused)"
        out.append(
            f"| {size:,} | {built} | {build['bytes'] / 2**20:,.0f} MiB | {counts.get('sources', '?'):,} | "
            f"{counts.get('actors', '?'):,} | {counts.get('dates', '?'):,} | {counts.get('spans', '?'):,} |"
        )
    header = "| measure | " + " | ".join(f"{size:,}" for size in sizes) + " |"

    def row(label, getter):
        out.append(f"| {label} | " + " | ".join(getter(all_results["sizes"][size]) for size in sizes) + " |")

    if any("cli" in all_results["sizes"][size] for size in sizes):
        out += [
            "",
            f"## The command line: median wall seconds / CPU seconds (peak RSS, MiB) of {args.cli_reps} runs, "
            "output to /dev/null",
            "",
            header,
            "|---" * (len(sizes) + 1) + "|",
        ]
        # A label names the biggest metric's size, which differs by store: one row, the size in the cell.
        def unsized(label: str) -> str:
            return re.sub(r" \([\d,]+ figures; ", " (", label)

        cli_labels = list(
            dict.fromkeys(unsized(label) for size in sizes for label in all_results["sizes"][size].get("cli", {}))
        )

        def cli_cell(result, label):
            for key, runs in result.get("cli", {}).items():
                if unsized(key) == label and runs["seconds"]:
                    figures = re.search(r"\(([\d,]+) figures", key)
                    cpu = median(runs.get("cpu_seconds", []))
                    return (f"{median(runs['seconds']):,.2f} s / {cpu:,.2f} s" if cpu is not None
                            else f"{median(runs['seconds']):,.2f} s") + f" ({median(runs['rss_mib']):,.0f})" + (
                        f", {figures[1]} figures" if figures else ""
                    )
            return "—"

        for label in cli_labels:
            row(label, lambda r, label=label: cli_cell(r, label))
    if not args.cli_only:
        interactive_sections(all_results, args, out, header, row)
    imports = all_results["imports"]

    out += ["", "## Imports (median wall time of a fresh interpreter, ms)", ""]
    for key, value in imports.items():
        if isinstance(value, float):
            out.append(f"- {key}: {value * 1000:,.0f}")
    out.append(
        "- biggest cumulative imports under `import tui.app`: "
        + ", ".join(f"{name} {value:,.0f}" for name, value in imports["top imports (cumulative ms)"])
    )
    out.append("")
    return "\n".join(out)


def interactive_sections(all_results: dict, args, out: list[str], header: str, row) -> None:
    """The report's terminal, in-process, SQL and metric_report sections."""
    sizes = list(all_results["sizes"])
    out += ["", "## In a terminal (tmux): median / p95 (n)", "", header, "|---" * (len(sizes) + 1) + "|"]

    def first(kind):
        def get(result):
            return ms(median(result["tmux"][kind]["seconds"]))

        return get

    row("bare Textual app: start to first frame", first("bare"))
    row("**kursk-tui: start to first frame with rows**", first("kursk"))

    def ratio(result):
        bare, kursk = median(result["tmux"]["bare"]["seconds"]), median(result["tmux"]["kursk"]["seconds"])
        return f"{kursk / bare:.2f}x" if bare and kursk else "—"

    row("kursk-tui / bare", ratio)
    row("peak RSS at first frame, bare (MiB)", lambda r: f"{median(r['tmux']['bare']['rss_mib']) or 0:.0f}")
    row("peak RSS at first frame, kursk-tui (MiB)", lambda r: f"{median(r['tmux']['kursk']['rss_mib']) or 0:.0f}")
    if args.first_frames_only:
        return
    row("peak RSS after the whole session, kursk-tui (MiB)", lambda r: f"{r['tmux'].get('session_rss_mib') or 0:.0f}")
    keys = []
    for size in sizes:
        for key in all_results["sizes"][size]["tmux"]["session"]:
            if key not in keys and not key.endswith("cases"):
                keys.append(key)

    def stat(values) -> str:
        values = [value for value in values or [] if value is not None]
        if not values:
            return "—"
        return f"{ms(median(values))} / {ms(p95(values))} ({len(values)})"

    for key in keys:
        row(key, lambda r, key=key: stat(r["tmux"]["session"].get(key)))
    bare_frame = {size: median(all_results["sizes"][size]["tmux"]["bare"]["seconds"]) for size in sizes}
    out += [
        "",
        "Interaction latencies have no bare-app counterpart; for scale, the bare app's whole start takes "
        + ", ".join(f"{ms(value)} ms" for value in bare_frame.values())
        + " and one repaint of a changed screen "
        "in a bare app is a frame or two (~16-33 ms).",
    ]
    if any("pilot" in all_results["sizes"][size] for size in sizes):
        out += [
            "",
            "## In-process (App.run_test + pilot): keypress to PageShown, median / p95 (n)",
            "",
            header,
            "|---" * (len(sizes) + 1) + "|",
        ]
        pilot_keys = []
        for size in sizes:
            for key in all_results["sizes"][size].get("pilot", {}):
                if key not in pilot_keys:
                    pilot_keys.append(key)
        for key in pilot_keys:
            row(key, lambda r, key=key: stat(r.get("pilot", {}).get(key)))
    out += ["", "## The panes' SQL (db/queries.py), median of 3, ms", "", header, "|---" * (len(sizes) + 1) + "|"]
    labels = [entry["query"] for entry in all_results["sizes"][sizes[-1]]["queries"]]
    for index, label in enumerate(labels):
        row(label, lambda r, index=index: f"{r['queries'][index]['ms']:,.1f}" if index < len(r["queries"]) else "—")
    out += [
        "",
        (
            "db.checks.metric_report (what the Figures pane computes for the metric under the cursor; "
            f"one run in a child process, at most {args.timeout:.0f} s and 6 GiB):"
        ),
        "",
    ]
    for size in sizes:
        for entry in all_results["sizes"][size].get("metric_reports", []):
            outcome = entry.get("failed") or f"{entry['ms']:,.0f} ms, {entry['checks']:,} checks"
            out.append(
                f"- {size:,} claims, {entry['why']} ({entry['metric']}, {entry['figures']:,} figures): {outcome}"
            )
    largest = sizes[-1]
    out += ["", f"### Query plans at {largest:,} claims", ""]
    for entry in all_results["sizes"][largest]["queries"]:
        if entry["plan"]:
            out.append(f"- **{entry['query']}** ({entry['ms']:,.1f} ms): " + "; ".join(entry["plan"]))
    cases = all_results["sizes"][largest]["tmux"]["session"]
    out += [
        "",
        f"Speakers filtered (at {largest:,}): " + "; ".join(cases.get("speaker filter cases", [])) + ".  ",
        "Searches: " + "; ".join(repr(word) for word in cases.get("search cases", [])) + ".",
    ]


# --- main ------------------------------------------------------------------------------------------------


def log(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kursk-bench"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reps", type=int, default=5, help="launches per first-frame measurement")
    parser.add_argument("--turns", type=int, default=4, help="page turns per direction and pane")
    parser.add_argument("--timeout", type=float, default=60, help="seconds any one wait may take")
    parser.add_argument("--no-pilot", action="store_true", help="skip the in-process measurements")
    parser.add_argument("--cli-reps", type=int, default=3, help="runs of each kursk-tui command timed")
    parser.add_argument("--cli-only", action="store_true", help="only the command line (no terminal, SQL, pilot)")
    parser.add_argument(
        "--first-frames-only", action="store_true", help="only the first frames, kursk-tui and the bare app, paired"
    )
    parser.add_argument(
        "--dashboard", action="store_true",
        help="only the dashboard: first frames (plain, --speaker, --view) paired with the bare app, and each "
        "interaction's latency with its SQL beside it",
    )
    parser.add_argument("--no-terminal-session", action="store_true",
                        help="with --dashboard: skip the terminal session (its peak RSS)")
    parser.add_argument("--dashboard-pilot", type=Path, help=argparse.SUPPRESS)  # internal
    parser.add_argument("--bare-pilot", action="store_true", help=argparse.SUPPRESS)  # internal
    parser.add_argument("--pilot", type=Path, help=argparse.SUPPRESS)  # internal: run the pilot on a store
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--metric-report", type=Path, help=argparse.SUPPRESS)  # internal: time one metric_report
    args = parser.parse_args(argv)
    if args.metric_report:
        print(json.dumps(run_metric_report(args.metric_report, json.loads(args.plan))))
        return 0
    if args.dashboard_pilot:
        print(json.dumps(asyncio.run(dashboard_run(args.dashboard_pilot, json.loads(args.plan), args.timeout,
                                                   args.reps))))
        return 0
    if args.bare_pilot:
        print(json.dumps(asyncio.run(bare_run(args.timeout))))
        return 0
    if args.pilot:
        results = asyncio.run(pilot_run(args.pilot, json.loads(args.plan), args.timeout))
        print(json.dumps(results))
        return 0
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    args.out.mkdir(parents=True, exist_ok=True)
    bare_script = args.out / "bare_app.py"
    bare_script.write_text(BARE_APP)
    import sqlite3

    all_results: dict = {
        "command": [Path(sys.executable).name, *sys.argv],
        "sqlite": sqlite3.sqlite_version,
        "load": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "sizes": {},
    }
    compile_bytecode()
    if args.dashboard:
        dashboard(args, sizes, bare_script, all_results)
        text = dashboard_report(all_results, args)
        (args.out / "results.md").write_text(text)
        print(text)
        return 0
    if args.cli_only:
        all_results["imports"] = import_costs()
        for size in sizes:
            result = all_results["sizes"][size] = {"build": build_store(args.out, size, args.seed)}
            log(f"{size:,}: command line...")
            result["cli"] = cli_times(store_path(args.out, size, args.seed), args.cli_reps, args.timeout * 10)
            (args.out / "results.json").write_text(json.dumps(all_results, indent=1, default=str))
        return finish(all_results, args)
    tmux = Tmux()
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        start = time.perf_counter()
        for _ in range(200):
            tmux.screen("keep")
        all_results["poll_ms"] = (time.perf_counter() - start) / 200 * 1000
        log("import costs...")
        all_results["imports"] = import_costs()
        for size in sizes:
            result = all_results["sizes"][size] = {"build": build_store(args.out, size, args.seed)}
            store = store_path(args.out, size, args.seed)
            if not args.first_frames_only:
                plan = make_plan(store, args.turns)
                log(f"{size:,}: speakers {[s[1] for s in plan['speakers']]}, words {plan['words']}")
                log("  queries...")
                result["queries"] = profile_queries(store, plan)
                log("  metric_report...")
                result["metric_reports"] = metric_reports(store, args.timeout)
                log("  command line...")
                result["cli"] = cli_times(store, args.cli_reps, args.timeout * 10)
            log("  first frames...")
            result["tmux"] = first_frames(
                tmux,
                {
                    "bare": (f"{sys.executable} {bare_script}", lambda s: BARE_MARK in s),
                    "kursk": (kursk_command(store), kursk_ready),
                },
                args.reps,
                args.timeout,
            )
            if args.first_frames_only:
                (args.out / "results.json").write_text(json.dumps(all_results, indent=1, default=str))
                continue
            log("  interactive session...")
            session = Session()
            result["tmux"]["session_rss_mib"] = interactive(tmux, store, plan, session, args.timeout)
            result["tmux"]["session"] = session.results
            if not args.no_pilot:
                log("  in-process (pilot)...")
                try:
                    completed = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--pilot",
                            str(store),
                            "--plan",
                            json.dumps(plan),
                            "--timeout",
                            str(args.timeout),
                        ],
                        capture_output=True,
                        text=True,
                        timeout=args.timeout * 20,
                        cwd=ROOT,
                    )
                    result["pilot"] = (
                        json.loads(completed.stdout.strip().splitlines()[-1]) if completed.returncode == 0 else {}
                    )
                    if completed.returncode:
                        log(f"  pilot failed: {completed.stderr[-2000:]}")
                except (subprocess.TimeoutExpired, IndexError, json.JSONDecodeError) as error:
                    log(f"  pilot failed: {error}")
            (args.out / "results.json").write_text(json.dumps(all_results, indent=1, default=str))
    finally:
        tmux.close()
        signal.signal(signal.SIGTERM, previous)
    return finish(all_results, args)


def finish(all_results: dict, args) -> int:
    text = report(all_results, args)
    (args.out / "results.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

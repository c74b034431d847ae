"""SVG snapshots of each pane on the bundled data, at a fixed terminal size.

Update after a deliberate change of the look, in one process (syrupy reports and deletes
unused snapshots only there): ``pytest -n 0 tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tui.app import KurskApp

SIZES = {"80x24": (80, 24), "200x50": (200, 50)}  # a small terminal and a big one


def keys_then_settle(settle, *keys: str):
    async def run_before(pilot) -> None:
        for input_box in pilot.app.query(Input):
            input_box.cursor_blink = False
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run_before


SCREENS = {
    "timeline": ("1",),
    "sources": ("2",),
    "figures": ("3",),
    "quotes": ("4",),
    "quote_detail": ("4", "j", "enter"),
    "source_text": ("2", "enter"),
}


@pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
@pytest.mark.parametrize("keys", list(SCREENS.values()), ids=list(SCREENS))
def test_pane_snapshot(snap_compare, seed_path, settle, keys, size):
    assert snap_compare(KurskApp(seed_path), terminal_size=size, run_before=keys_then_settle(settle, *keys))


def test_speaker_filtered_snapshot(snap_compare, seed_path, settle):
    app = KurskApp(seed_path, speaker="kirby")
    assert snap_compare(app, terminal_size=SIZES["200x50"], run_before=keys_then_settle(settle, "4"))


NO_COLOR_SCREENS = {"figures": ("3",), "quotes": ("4",)}


@pytest.mark.parametrize("keys", list(NO_COLOR_SCREENS.values()), ids=list(NO_COLOR_SCREENS))
def test_no_color_snapshot(snap_compare, seed_path, settle, monkeypatch, keys):
    """NO_COLOR: verdicts, marks and the cursor told apart without colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(KurskApp(seed_path), terminal_size=SIZES["80x24"], run_before=keys_then_settle(settle, *keys))


def test_every_snapshot_file_is_written_by_a_test_here():
    """A snapshot no test writes any more fails here: syrupy says so only in one process (-n 0),
    not across pytest-xdist's workers."""
    written = {f"test_pane_snapshot[{screen}-{size}].svg" for screen in SCREENS for size in SIZES}
    written |= {f"test_no_color_snapshot[{screen}].svg" for screen in NO_COLOR_SCREENS}
    written.add("test_speaker_filtered_snapshot.svg")
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    assert {path.name for path in folder.glob("*.svg")} == written

"""The analyst's workbench in the dashboard: y / Y copy a citation, e exports the view, and
screenshots land somewhere when there is no Downloads folder."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from db.cite import citation_markdown, citation_text, read_citable
from db.store import open_store
from db.synth import synthesize
from tui.app import KurskApp

SIZE = (160, 48)


def fake_tool(folder: Path, name: str, out: Path) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\nexec /bin/cat > '{out}'\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def no_display(monkeypatch, tmp_path):
    for name in ("WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


async def copy_first_quote(seed_path, settle, key):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        pk = app.active_pane.table.current.pk
        await pilot.press(key)
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
    return app, pk, messages


async def test_y_copies_the_citation_with_the_local_tool_and_osc_52(seed_path, seeded, settle, tmp_path,
                                                                    monkeypatch, no_display):
    seeded.execute("UPDATE sources SET url = 'https://example.org/nk'")
    seeded.execute("UPDATE claims SET text = text || ?", ("\x1b]52;c;QUFB\x07",))  # hostile: an escape
    seeded.commit()
    tools, copied = tmp_path / "bin", tmp_path / "copied.txt"
    tools.mkdir()
    fake_tool(tools, "wl-copy", copied)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("PATH", f"{tools}:/usr/bin:/bin")
    app, pk, messages = await copy_first_quote(seed_path, settle, "y")
    expected = citation_text(read_citable(seeded, pk=pk))
    assert copied.read_text() == expected == app.clipboard
    assert "\x1b" not in expected and "#:~:text=" in expected
    assert f"Copied {len(expected):,} characters to the clipboard (wl-copy)." in messages


async def test_Y_copies_markdown_and_without_a_tool_says_so_and_writes_a_file(seed_path, seeded, settle, tmp_path,
                                                                             monkeypatch, no_display):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app, pk, messages = await copy_first_quote(seed_path, settle, "Y")
    expected = citation_markdown(read_citable(seeded, pk=pk))
    assert app.clipboard == expected and expected.startswith("> \u201c")
    clip = tmp_path / "data" / "kursk-tui" / "clip.txt"
    assert clip.read_text() == expected + "\n"
    assert any("may not support OSC 52, so also written to" in message and str(clip) in message
               for message in messages)


@pytest.fixture
def big_store(tmp_path) -> Path:
    path = tmp_path / "big.db"
    conn = open_store(path)
    synthesize(conn, 3000, seed=1)
    conn.close()
    return path


async def test_e_writes_every_page_of_the_filtered_view(big_store, settle, tmp_path, no_display):
    conn = open_store(big_store)
    actor_pk, name, quotes = conn.execute(
        """SELECT a.pk, a.name, count(*) AS n FROM claims c JOIN actors a ON a.pk = c.actor_pk
           WHERE c.kind = 'quote' AND c.review <> 'rejected' GROUP BY a.pk ORDER BY n DESC LIMIT 1""").fetchone()
    all_quotes = conn.execute("SELECT count(*) FROM claims WHERE kind = 'quote' AND review <> 'rejected'").fetchone()[0]
    conn.close()
    assert quotes > 100 and all_quotes > quotes  # more than a page, and the filter narrows
    target = tmp_path / "out" / "quotes.csv"
    target.parent.mkdir()
    app = KurskApp(big_store, speaker=name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert app.filters.speaker_pks == (actor_pk,)
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#export-path", Input)
        assert field.value.endswith(".csv") and "kursk-tui-quotes-" in field.value
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == quotes and {row["actor"] for row in rows} == {name}
    assert f"Wrote {quotes:,} rows to {target}" in messages


async def test_e_as_json_and_the_store_refused(seed_path, settle, tmp_path, no_display):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = len(app.active_pane.table.rows_shown)
        for target in (tmp_path / "timeline.json", seed_path):
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            await settle(pilot)
        messages = [notification.message for notification in app._notifications]
    document = json.loads((tmp_path / "timeline.json").read_text())
    assert document["pane"] == "timeline" and len(document["rows"]) == shown
    assert any("that is the store" in message for message in messages)


async def test_screenshot_without_a_downloads_folder_goes_to_the_data_folder(seed_path, settle, tmp_path,
                                                                             no_display):
    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.deliver_screenshot("shot.svg")
        await settle(pilot)
        messages = [str(notification.message) for notification in app._notifications]
    shot = tmp_path / "data" / "kursk-tui" / "shot.svg"
    assert shot.read_text().startswith("<svg")
    assert any(str(shot) in message for message in messages)


async def test_the_chosen_export_format_is_marked_not_only_coloured(seed_path, settle):
    from tui.export_view import FormatChoice

    app = KurskApp(seed_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        choices = list(app.screen.query(FormatChoice))
        assert [choice.render().plain[1] for choice in choices] == ["\u25cf", "\u25cb", "\u25cb"]
        choices[2].value = True
        await settle(pilot)
        assert [choice.render().plain[1] for choice in choices] == ["\u25cb", "\u25cb", "\u25cf"]

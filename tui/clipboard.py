"""Copying text for the user: OSC 52 through the terminal, the local clipboard tool when
there is one, and a file when neither can be confirmed; always one sentence saying which."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from textual.app import App

from db.paging import Reader
from db.visible import clean

TOOL_TIMEOUT = 3.0  # seconds a clipboard tool may take before it is given up on
CLIP_FILE = "clip.txt"


def clipboard_tools() -> list[list[str]]:
    """The commands that copy their standard input here, most fitting first."""
    candidates = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    found = []
    for command in candidates:
        program = shutil.which(command[0])
        if program:
            found.append([program, *command[1:]])
    return found


def copy_with_tool(text: str) -> str | None:
    """Copy ``text`` with the first local tool that succeeds; its name, or None."""
    for command in clipboard_tools():
        try:  # never a shell: the text goes on standard input
            subprocess.run(command, input=text.encode("utf-8"), timeout=TOOL_TIMEOUT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        return Path(command[0]).name
    return None


def clip_file() -> Path:
    import platformdirs

    return platformdirs.user_data_path("kursk-tui", appauthor=False) / CLIP_FILE


def copy_text(app: App, text: str) -> str:
    """Copy ``text`` (control characters made visible first) and say what happened. Runs the
    tool, so call it from a thread worker; OSC 52 is sent on the UI thread."""
    text = clean(text, multiline=True, limit=None)
    app.call_from_thread(app.copy_to_clipboard, text)
    size = f"{len(text):,} character{'s' if len(text) != 1 else ''}"
    tool = copy_with_tool(text)
    if tool:
        return f"Copied {size} to the clipboard ({tool})."
    path = clip_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        return f"Sent {size} to the terminal's clipboard (OSC 52), which it may not support; {path}: {error}"
    return f"Sent {size} to the terminal's clipboard; it may not support OSC 52, so also written to {path}."


def copy_citation(app: App, reader: Reader, claim_pk: int, *, markdown: bool) -> None:
    """Copy the claim's citation (text or Markdown) and tell the user how (in a thread worker)."""
    from db.cite import citation_markdown, citation_text, read_citable

    try:
        citable = reader.call(read_citable, pk=claim_pk)
    except sqlite3.Error as error:
        app.call_from_thread(app.notify, f"The store could not answer: {error}", severity="error", markup=False)
        return
    if citable is None:
        message = "This claim is no longer in the store."
    else:
        message = copy_text(app, (citation_markdown if markdown else citation_text)(citable))
    app.call_from_thread(app.notify, message, markup=False)

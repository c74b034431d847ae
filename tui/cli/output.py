"""Everything the command line writes goes through here, so that text from data (a file
name, a quote, a speaker typed by the user) never reaches a terminal as escape sequences.

Messages (errors, notes, argparse's usage) always show control characters as symbols.
Exports and reports keep every character when they go to a file or a pipe, and are made
visible the same way when standard output is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO

from db.visible import clean

PROGRAM = "kursk-tui"


def tell(text: str, *, file: IO[str] | None = None, prefix: bool = False) -> None:
    """One line for the user (standard error unless ``file``), control characters visible."""
    line = clean(text, limit=None)
    print(f"{PROGRAM}: {line}" if prefix else line, file=file or sys.stderr, flush=True)


def show(text: str) -> None:
    """Output on standard output: faithful to a file or pipe, made visible on a terminal."""
    stream = sys.stdout
    stream.write(clean(text, multiline=True, limit=None) if stream.isatty() else text)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with its messages (which repeat what was typed) made visible."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(clean(message, multiline=True, limit=None))

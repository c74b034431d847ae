"""Reading a file a user named: a regular file only, read with a hard cap (a device or a FIFO
reports no size, and a file may grow while it is read)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(ValueError):
    """The file cannot be read as asked; the message is one line naming it."""


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused when it holds more than ``limit``."""
    try:
        # stat before opening: opening a FIFO blocks, and opening a device can have effects of its own.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise FileRefused(f"{path}: not a regular file")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since the stat above
                raise FileRefused(f"{path}: not a regular file")
            data = file.read(limit + 1)
    except OSError as error:
        raise FileRefused(f"{path}: cannot read it ({error.strerror or error})") from error
    if len(data) > limit:
        raise FileRefused(f"{path}: larger than {limit:,} bytes")
    return data

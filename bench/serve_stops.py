"""CPU of a served dashboard that its viewer leaves soon after it starts, or just after a resize.

Each case starts one real ``kursk-tui`` app process the way ``kursk-tui serve`` does (a
``tui.serve.Viewer``), resizes it, stops it after a delay, and prints the child's CPU seconds,
the seconds the stop took and its exit code (-9: it had to be killed).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from pathlib import Path

from textual_serve.download_manager import DownloadManager

from tui import serve

DELAYS = (0.0, 0.05, 0.1, 0.3, 2.0)


async def _ignore(*_args) -> None:
    pass


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def stop_after(store: Path, delay: float, *, after_first_output: bool) -> tuple[float, float, int | None]:
    """Start a viewer, resize it (at once, or once it has drawn), stop it ``delay`` s later."""
    argv = [sys.executable, "-m", "tui.cli", "--db", str(store)]
    viewer = serve.Viewer(argv, write_bytes=_ignore, write_str=_ignore, close=_ignore,
                          download_manager=DownloadManager())
    cpu, started = _children_cpu(), time.monotonic()
    await viewer.start(80, 24)
    if after_first_output:
        while not viewer._drawn:
            await asyncio.sleep(0.01)
    await viewer.set_terminal_size(100, 30)
    await asyncio.sleep(delay)
    await viewer.stop()
    process = viewer._process
    return _children_cpu() - cpu, time.monotonic() - started, process.returncode if process else None


async def run(store: Path, delays: tuple[float, ...]) -> None:
    print("| resized | stopped after | child CPU s | stop took s | exit |")
    print("|---|---:|---:|---:|---:|")
    for after_first_output in (False, True):
        for delay in delays:
            cpu, took, code = await stop_after(store, delay, after_first_output=after_first_output)
            when = "after its first output" if after_first_output else "at once"
            print(f"| {when} | {delay:.2f} s | {cpu:.2f} | {took:.1f} | {code} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the store the dashboards open")
    parser.add_argument("--delays", default=",".join(map(str, DELAYS)),
                        help="comma-separated seconds between the resize and the stop")
    args = parser.parse_args()
    asyncio.run(run(args.db, tuple(float(delay) for delay in args.delays.split(","))))


if __name__ == "__main__":
    main()

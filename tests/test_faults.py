"""Faults and hostile input (issue 17): each is one line and exit 2, or works, and never
leaves the store, an earlier export or the terminal worse off."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import select
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest

from db import connection
from db.errors import DAMAGED
from tui.cli import main

FAULTS = Path(__file__).parent / "data" / "faults"
ESCAPES = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x9b31m\x1b[2J\x90q\x9c"
RAW_CONTROLS = [chr(code) for code in (*range(0x20), 0x7f, *range(0x80, 0xa0)) if chr(code) not in "\n"]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> str:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("kursk-tui: ") and "Traceback" not in err, err
    return err.strip()


def store_digest(path: Path) -> str:
    """What the store holds, as an export of it (independent of page layout)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256(repr([conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                                    for table in ("sources", "actors", "claims", "figures", "spans",
                                                  "actor_aliases", "dates")]).encode()).hexdigest()
    finally:
        conn.close()


def document(**figure) -> dict:
    return {"sources": [{"id": "s", "text": "Alpha said five."}],
            "actors": [{"id": "a", "name": "Alpha", "kind": "person"}],
            "figures": [{"id": "f", "claimant": "a", "metric": "m", "bound": "exact", "unit": "persons",
                         "text": "five", "source": "s", "value": 5, **figure}]}


@contextmanager
def mounted(target: Path, *options: str):
    """``mount OPTIONS ... target`` for the block (root only: the test is skipped elsewhere)."""
    target.mkdir(exist_ok=True)
    result = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def fill(folder: Path) -> None:
    """Use up the free space of the file system holding ``folder``."""
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(descriptor, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- import --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("neg-figure.json", "field value: -5 is negative, which only a change"),
    ("inf-figure.json", "not JSON (Infinity is not a number JSON allows)"),
    ("roles-int.json", "field roles: must be a list"),
    ("span-2e30-no-text.json", "field span.start: start and end must be integers with 0 <= start < end <= 10,000,000"),
    ("surrogate-alias.json", "field aliases[0]: holds '\\ud800'"),
])
def test_the_fault_files_are_refused_in_one_line(seed_path, capsys, name, message):
    before = store_digest(seed_path)
    error = one_line_error(*run(capsys, "--db", seed_path, "import", FAULTS / name)[::2])
    assert name in error and message in error
    assert store_digest(seed_path) == before


UNUSABLE = [
    (json.dumps(document()).replace('"value": 5', '"value": 1' + "0" * 400), "field value: must be a finite number"),
    (json.dumps(document()).replace('"value": 5', '"value": 1' + "0" * 5000), "a number of more than 4,300 digits"),
    (json.dumps(document()).replace('"value": 5', '"value": NaN'), "NaN is not a number JSON allows"),
    (json.dumps(document()).replace('"value": 5', '"value": -Infinity'), "-Infinity is not a number JSON allows"),
    (json.dumps(document(value=1e300)), "field value: 1e+300 is beyond the documented range"),
    (json.dumps(document(value=None, low=3, high=1e16)), "field high: 1e+16 is beyond the documented range"),
    (json.dumps(document(span={"start": 0, "end": 5, "exact": "Alpha", "prefix": {"a": 1}})).replace(
        '"text": "Alpha said five."', '"text": null'), "field span.prefix: must be a string, not dict"),
    (json.dumps(document(span={"start": 0, "end": 2, "exact": "\ud800x"})).replace(
        '"text": "Alpha said five."', '"text": null'), "field span.exact: holds '\\ud800'"),
    (json.dumps(document(value="5")), "field value: must be a number, not str"),
]


# Ids by the message: the documents run to thousands of characters.
@pytest.mark.parametrize("text, message", UNUSABLE, ids=[message for _, message in UNUSABLE])
def test_numbers_and_spans_no_store_can_use_are_refused(seed_path, tmp_path, capsys, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = store_digest(seed_path)
    error = one_line_error(*run(capsys, "--db", seed_path, "import", path)[::2])
    assert message in error and "bad.json" in error
    assert store_digest(seed_path) == before


def test_a_change_may_be_negative(seed_path, tmp_path, capsys):
    path = tmp_path / "change.json"
    path.write_text(json.dumps(document(value=-40, unit="percent_change")))
    assert run(capsys, "--db", seed_path, "import", path)[0] == 0


def test_only_regular_files_are_read(seed_path, tmp_path, capsys):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo, tmp_path):
        error = one_line_error(*run(capsys, "--db", seed_path, "import", path)[::2])
        assert error.endswith(("not a regular file", "(Is a directory)")), error


# --- export -o -------------------------------------------------------------------------------

def test_export_never_writes_over_the_store(seed_path, tmp_path, capsys):
    before = store_digest(seed_path)
    (tmp_path / "link.db").symlink_to(seed_path)
    os.link(seed_path, tmp_path / "hard.db")
    for output in (seed_path, Path(f"{seed_path}-wal"), Path(f"{seed_path}-shm"), tmp_path / "link.db",
                   tmp_path / "hard.db", tmp_path / "." / seed_path.name):
        error = one_line_error(*run(capsys, "--db", seed_path, "export", "-o", output)[::2])
        assert "that is the store" in error
    assert store_digest(seed_path) == before
    assert run(capsys, "--db", seed_path, "stats")[0] == 0


@pytest.mark.parametrize("output, message", [
    ("{tmp}", "is a folder"), ("{tmp}/missing/x.json", "no such folder"), ("/dev/full", "(disk full)"),
])
def test_export_to_where_it_cannot_go_is_one_line(seed_path, tmp_path, capsys, output, message):
    error = one_line_error(*run(capsys, "--db", seed_path, "export", "-o", output.format(tmp=tmp_path))[::2])
    assert message in error


def test_export_to_a_file_replaces_it_whole(seed_path, tmp_path, capsys):
    output = tmp_path / "brief.md"
    output.write_text("old")
    output.chmod(0o640)
    assert run(capsys, "--db", seed_path, "export", "--format", "md", "-o", output)[0] == 0
    assert output.read_text().startswith("# kursk-tui brief") and output.stat().st_mode & 0o777 == 0o640
    assert sorted(tmp_path.iterdir()) == sorted([output, *tmp_path.glob("seeded.db*")])


def test_an_export_that_fills_the_disk_leaves_the_earlier_one(seed_path, tmp_path, capsys):
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=256k", "tmpfs") as small:
        earlier = small / "export.csv"
        assert run(capsys, "--db", seed_path, "export", "--format", "csv", "-o", earlier)[0] == 0
        good = earlier.read_bytes()
        fill(small)
        error = one_line_error(*run(capsys, "--db", seed_path, "export", "-o", earlier)[::2])
        assert "disk full" in error
        assert earlier.read_bytes() == good
        assert sorted(path.name for path in small.iterdir()) == ["export.csv", "filler"]


def test_a_store_under_a_regular_file_is_one_line(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    error = one_line_error(*run(capsys, "--db", tmp_path / "file" / "x.db", "stats")[::2])
    assert "cannot make its folder" in error


# --- the store: busy, full, read-only, damaged ------------------------------------------------

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_store_another_process_is_writing_is_busy(seed_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document()))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(seed_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        error = one_line_error(*run(capsys, "--db", seed_path, "import", path)[::2])
        assert error.endswith("the store is busy: another process is writing to it")
    finally:
        holder.communicate("")
    assert run(capsys, "--db", seed_path, "import", path)[0] == 0


def test_an_import_onto_a_full_disk_says_disk_full(seed_path, tmp_path, capsys):
    big = tmp_path / "big.json"
    text = "Alpha said five. " * 40_000
    big.write_text(json.dumps({"sources": [{"id": "big", "text": text}]}))
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=1m", "tmpfs") as small:
        store = small / "kursk.db"
        shutil.copy(seed_path, store)
        assert run(capsys, "--db", store, "stats")[0] == 0
        before = store_digest(store)
        fill(small)
        error = one_line_error(*run(capsys, "--db", store, "import", big)[::2])
        assert error.endswith("disk full")
        (small / "filler").unlink()
        assert store_digest(store) == before


def test_a_store_on_read_only_media_can_be_read(seed_path, tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(seed_path, folder / "kursk.db")
    with mounted(tmp_path / "ro", "-o", "bind,ro", str(folder)) as read_only:
        store = read_only / "kursk.db"
        assert run(capsys, "--db", store, "stats")[0] == 0
        code, out, _ = run(capsys, "--db", store, "export", "--format", "csv")
        assert code == 0 and "North Korean" in out
        assert run(capsys, "--db", store, "figures")[0] == 0
        error = one_line_error(*run(capsys, "--db", store, "import", FAULTS / "neg-figure.json")[::2])
        assert "read-only" in error or "cannot be written" in error, error


def damaged_copy(seed_path: Path, tmp_path: Path) -> Path:
    """A copy of the store with garbage over the pages that hold the claims and figures tables."""
    path = tmp_path / "damaged.db"
    shutil.copy(seed_path, path)
    conn = sqlite3.connect(seed_path)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [number for (number,) in conn.execute(
        "SELECT pageno FROM dbstat WHERE name IN ('claims', 'figures') AND pagetype = 'leaf'")]
    conn.close()
    with path.open("r+b") as file:
        for number in pages:
            file.seek((number - 1) * page)
            file.write(bytes(range(256)) * (page // 256))
    return path


def test_a_damaged_store_is_one_line_and_never_written(seed_path, tmp_path, capsys):
    path = damaged_copy(seed_path, tmp_path)
    error = one_line_error(*run(capsys, "--db", path, "import", FAULTS / "neg-figure.json")[::2])
    assert "the store is damaged" in error
    # `stats` counts from indexes and need not touch the damaged pages; what reads them says so.
    for command in (["export"], ["export", "--format", "md"], ["figures"], ["--read-only", "export"]):
        assert one_line_error(*run(capsys, "--db", path, *command)[::2]).endswith(DAMAGED)


def test_text_sqlite_cannot_decode_is_reported_without_quoting_it(seed_path, capsys):
    conn = sqlite3.connect(seed_path)
    conn.execute("UPDATE claims SET text = CAST(x'ff7365637265742d74657874' AS TEXT) WHERE kind = 'quote'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "--db", seed_path, "export")
    assert one_line_error(code, err).endswith(DAMAGED) and "secret" not in err and out == ""


# --- the terminal ----------------------------------------------------------------------------

@pytest.fixture
def hostile_store(tmp_path, capsys) -> Path:
    path = tmp_path / "hostile.db"
    text = f"Alpha said {ESCAPES} five."
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps({
        "sources": [{"id": "s", "title": ESCAPES, "text": text}],
        "actors": [{"id": "a", "name": f"Alpha{ESCAPES}", "kind": "person"}],
        "quotes": [{"id": "q", "speaker": "a", "text": ESCAPES, "source": "s"}],
        "figures": [{"id": "f", "claimant": "a", "metric": f"m{ESCAPES}", "bound": "exact", "unit": "persons",
                     "text": "five", "source": "s", "value": 5, "as_of": "2024-12-01"}]}))
    assert run(capsys, "--db", path, "--no-seed", "import", source)[0] == 0
    return path


def on_a_terminal(*args: str) -> bytes:
    """What ``kursk-tui ARGS`` writes to a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tui.cli", *args], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other end has closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=30) in (0, 2)
    return output


@pytest.mark.parametrize("args", [["export", "--format", "csv"], ["export"], ["export", "--format", "md"],
                                  ["figures"], ["stats"]])
def test_nothing_from_data_reaches_a_terminal_as_control_characters(hostile_store, args):
    output = on_a_terminal("--db", str(hostile_store), *args).decode("utf-8")
    assert not [char for char in output.replace("\r\n", "\n") if char in RAW_CONTROLS], repr(output[:300])
    if args == ["export", "--format", "csv"]:
        assert "\u241b]0;pwned\u2407" in output  # shown, as the dashboard shows it


def test_files_keep_csv_and_json_faithful_and_markdown_inert(hostile_store, tmp_path, capsys):
    for export_format in ("csv", "json", "md"):
        output = tmp_path / f"out.{export_format}"
        assert run(capsys, "--db", hostile_store, "export", "--format", export_format, "-o", output)[0] == 0
        text = output.read_text(encoding="utf-8")
        if export_format == "csv":
            assert ESCAPES in text
        elif export_format == "json":
            assert json.loads(text)["quotes"][0]["text"] == ESCAPES
        else:
            assert not [char for char in text if char in RAW_CONTROLS]


def test_messages_show_what_they_echo_visibly(hostile_store, tmp_path, capsys):
    name = tmp_path / f"bad{ESCAPES}.json"
    for args in (["import", name], ["export", "--speaker", f"zz{ESCAPES}"], ["figures", "--metric", f"zz{ESCAPES}"],
                 ["export", "--format", ESCAPES]):
        with pytest.raises(SystemExit) if args[1] == "--format" else nullcontext():
            main(["--db", str(hostile_store), *map(str, args)])
        out, err = capsys.readouterr()
        assert err and not [char for char in out + err.replace("\n", "") if char in RAW_CONTROLS], repr(err)


# --- speaker names ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [[], ["export", "--speaker"], ["figures", "--speaker"]])
@pytest.mark.parametrize("length", [201, 60_000])
def test_a_speaker_name_is_at_most_200_characters(seed_path, capsys, args, length):
    name = "z" * length
    argv = ["--speaker", name] if not args else [*args, name]
    error = one_line_error(*run(capsys, "--db", seed_path, *argv)[::2])
    assert error == "kursk-tui: a speaker name is at most 200 characters"

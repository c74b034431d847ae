import csv
import io
import json
import subprocess
import sys

import pytest

from tui.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_store_is_created_with_the_bundled_data(tmp_path, capsys):
    path = tmp_path / "sub" / "new.db"
    code, out, _ = run(capsys, "--db", str(path), "stats")
    assert code == 0
    counts = dict(line.split() for line in out.splitlines())
    assert counts["claims"] == "34" and counts["actors"] == "12" and counts["dates"] == "15"


def test_the_environment_variable_picks_the_store(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KURSK_TUI_DB", str(tmp_path / "env.db"))
    assert run(capsys, "stats")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_export_json_to_a_file(tmp_path, capsys):
    out_file = tmp_path / "out.json"
    code, out, _ = run(capsys, "--db", str(tmp_path / "k.db"), "export", "-o", str(out_file))
    assert code == 0 and out == ""
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert len(document["quotes"]) == 12 and len(document["figures"]) == 11


@pytest.mark.parametrize("name", ["zelenskyy", "ZELENSKY", "Zelénsky", "the ukrainian leader", "volodymyr"])
def test_export_speaker_matches_names_and_aliases_ignoring_case_and_accents(tmp_path, capsys, name):
    code, out, _ = run(capsys, "--db", str(tmp_path / "k.db"), "export", "--speaker", name)
    assert code == 0
    document = json.loads(out)
    assert {q["speaker"] for q in document["quotes"]} == {"volodymyr-zelensky"}
    assert len(document["quotes"]) == 4


def test_export_csv_has_one_row_per_claim(tmp_path, capsys):
    code, out, _ = run(capsys, "--db", str(tmp_path / "k.db"), "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 34
    assert {row["kind"] for row in rows} == {"quote", "figure", "event"}


def test_export_markdown_brief(tmp_path, capsys):
    code, out, _ = run(capsys, "--db", str(tmp_path / "k.db"), "export", "--format", "md", "--speaker", "kirby")
    assert code == 0
    assert "## Who said what" in out and "**John Kirby**" in out and "Zelensky" not in out


def test_an_unknown_speaker_is_one_line_and_exit_2(tmp_path, capsys):
    code, out, err = run(capsys, "--db", str(tmp_path / "k.db"), "export", "--speaker", "nobody")
    assert code == 2 and out == ""
    assert err.strip() == "kursk-tui: no speaker matches 'nobody' (try a surname or an alias)"


def test_a_file_that_is_not_a_store_is_exit_2_without_traceback(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("not a database at all " * 200)
    code, _, err = run(capsys, "--db", str(path), "stats")
    assert code == 2
    assert "not a usable kursk-tui store" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["export", "--help"], ["stats", "--help"]])
def test_help_and_version(args):
    result = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True)
    assert result.returncode == 0
    assert "kursk-tui" in result.stdout


@pytest.mark.parametrize("flag, writable, expected", [([], True, False), (["--read-only"], True, True),
                                                      ([], False, True)])
def test_the_dashboard_opens_read_only_when_asked_or_when_it_cannot_write(
        seed_path, monkeypatch, flag, writable, expected):
    from tui import app as app_module
    from tui import cli

    opened = {}

    def fake_run(self):
        opened["read_only"] = self.read_only

    monkeypatch.setattr(app_module.KurskApp, "run", fake_run)
    monkeypatch.setattr(cli, "is_writable", lambda path: writable)
    assert main([*flag, "--db", str(seed_path)]) == 0
    assert opened == {"read_only": expected}


def test_a_store_too_old_to_read_without_migrating_is_refused_read_only(tmp_path, capsys):
    import sqlite3 as sqlite

    path = tmp_path / "old.db"
    raw = sqlite.connect(path)
    raw.execute("PRAGMA user_version = 1")
    raw.close()
    code, _, err = run(capsys, "--read-only", "--db", str(path))
    assert code == 2 and "needs migrating" in err

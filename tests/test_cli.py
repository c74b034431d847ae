import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

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
    from tui.cli import commands

    opened = {}

    def fake_run(self):
        opened["read_only"] = self.read_only

    monkeypatch.setattr(app_module.KurskApp, "run", fake_run)
    monkeypatch.setattr(commands, "is_writable", lambda path: writable)
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


ARTICLE = Path(__file__).parents[1] / "seed" / "newsweek-2025-01-nk-troops-kursk.txt"


def test_extract_proposes_and_import_marks_proposed(seed_path, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", str(seed_path), "extract", str(ARTICLE), "--published", "2025-01-05",
                       "--publisher", "Newsweek")
    document = json.loads(out)
    assert code == 0 and len(document["quotes"]) == 12 and len(document["figures"]) == 11
    assert {quote["review"] for quote in document["quotes"]} == {"proposed"}
    conn = sqlite3.connect(seed_path)
    assert conn.execute("SELECT count(*) FROM claims WHERE review = 'proposed'").fetchone()[0] == 0

    # extract --import is add: the seed article is already in the store, so nothing changes
    code, out, _ = run(capsys, "--db", str(seed_path), "extract", str(ARTICLE), "--published", "2025-01-05",
                       "--publisher", "Newsweek", "--import")
    assert code == 0 and out.startswith("unchanged: ") and "already in the store as newsweek-2025-01-05" in out
    assert conn.execute("SELECT count(*) FROM claims WHERE review = 'proposed'").fetchone()[0] == 0

    edited = tmp_path / "edited.txt"
    edited.write_text(ARTICLE.read_text(encoding="utf-8") + "\nThis report was edited.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(seed_path), "extract", str(edited), "--published", "2025-01-05",
                       "--publisher", "Newsweek", "--import", "--format", "table")
    assert code == 0 and "12 quotes, 11 figures, 15 dates proposed" in out
    assert conn.execute("SELECT count(*) FROM claims WHERE review = 'proposed'").fetchone()[0] == 23
    kirby = conn.execute("SELECT count(*) FROM claims c JOIN actors a ON a.pk = c.actor_pk "
                         "WHERE a.id = 'john-kirby' AND c.review = 'proposed'").fetchone()[0]
    assert kirby == 4  # matched to the actor already in the store, not a new one


def test_eval_scores_the_extractor_on_the_seed_key(tmp_path, capsys):
    from seed import BUNDLED_DATASET, build_document

    key = tmp_path / "key.json"
    key.write_text(json.dumps(build_document(BUNDLED_DATASET)))
    code, out, _ = run(capsys, "--db", str(tmp_path / "k.db"), "eval", str(key), str(ARTICLE),
                       "--published", "2025-01-05")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()[:1] in
            (["quotes"], ["figures"], ["dates"])}
    assert rows["quotes"][4] == "1.000" and rows["figures"][4] == "1.000"
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "k.db"), "eval", str(key), str(ARTICLE), "--published", "not-a-day"])
    assert exit_info.value.code == 2 and "not a YYYY-MM-DD day" in capsys.readouterr().err


def test_eval_refuses_a_key_for_another_text(tmp_path, capsys):
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"sources": [{"id": "s", "text": "something else"}]}))
    code, _, err = run(capsys, "--db", str(tmp_path / "k.db"), "eval", str(key), str(ARTICLE),
                       "--published", "2025-01-05")
    assert code == 2 and "is not the text of" in err


def test_merge_actors_from_the_command_line(seed_path, capsys):
    from db.review import create_actor
    from db.store import open_store

    conn = open_store(seed_path)
    create_actor(conn, "John F. Kirby", "person")
    conn.close()
    assert main(["--db", str(seed_path), "merge-actors", "kirby", "John F. Kirby"]) == 0
    assert "merged john-f-kirby into john-kirby: 0 claims moved" in capsys.readouterr().err
    assert main(["--db", str(seed_path), "merge-actors", "kirby", "nobody-at-all"]) == 2
    assert "names no actor" in capsys.readouterr().err


def test_figures_metric_takes_words_in_any_case_and_accents(seed_path, capsys):
    assert main(["--db", str(seed_path), "figures", "--metric", "CASUALTIES", "--format", "json"]) == 0
    import json

    names = [metric["metric"] for metric in json.loads(capsys.readouterr().out)["metrics"]]
    assert names == ["North Korean casualties (killed or wounded)"]
    assert main(["--db", str(seed_path), "figures", "--metric", "north korean", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["metrics"]) >= 3
    assert main(["--db", str(seed_path), "figures", "--metric", "penguins"]) == 2
    assert "no metric matches 'penguins'" in capsys.readouterr().err

"""kursk-tui import and the export formats, through the command line."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import sqlite3

import pytest

from tui.cli import main


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def exported(seed_path, tmp_path, capsys):
    path = tmp_path / "export.json"
    assert run(capsys, "--db", seed_path, "export", "-o", path)[0] == 0
    return path


def store_bytes(path):
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def test_round_trip_export_import_export(exported, tmp_path, capsys):
    empty = tmp_path / "empty.db"
    code, out, _ = run(capsys, "--db", empty, "--no-seed", "import", exported)
    assert code == 0 and out.startswith("imported 1 file: 1 sources, 12 actors, 15 dates, 12 quotes")
    again = tmp_path / "again.json"
    assert run(capsys, "--db", empty, "export", "-o", again)[0] == 0
    assert again.read_bytes() == exported.read_bytes()


def test_a_second_import_changes_nothing(exported, tmp_path, capsys):
    store = tmp_path / "twice.db"
    run(capsys, "--db", store, "--no-seed", "import", exported)
    before = store_bytes(store)
    assert run(capsys, "--db", store, "import", exported)[0] == 0
    assert store_bytes(store) == before


def test_files_in_one_import_may_refer_to_each_other(exported, tmp_path, capsys):
    document = json.loads(exported.read_text())
    first = {"sources": document["sources"], "actors": document["actors"], "dates": document["dates"]}
    second = {key: document[key] for key in ("quotes", "figures", "events", "links")}
    (tmp_path / "1.json").write_text(json.dumps(first))
    (tmp_path / "2.json").write_text(json.dumps(second))
    code, out, _ = run(capsys, "--db", tmp_path / "split.db", "--no-seed", "import",
                       tmp_path / "1.json", tmp_path / "2.json")
    assert code == 0 and "imported 2 files" in out


@pytest.mark.parametrize("damage, message", [
    (lambda d: d["quotes"][2].update(speaker="ghost"), "quotes[2] (id '{id}'), field speaker: unknown actor 'ghost'"),
    (lambda d: d["figures"][0]["span"].update(start=5), "field span.exact: does not match the source text"),
    (lambda d: d["quotes"][0].update(text="x" * 20_001), "field text: is 20,001 characters long; the limit is 20,000"),
    (lambda d: d["quotes"][0].update(review="maybe"), "field review: must be one of accepted, proposed, rejected"),
])
def test_a_bad_record_is_one_line_exit_2_and_the_store_is_unchanged(
        exported, seed_path, tmp_path, capsys, damage, message):
    document = json.loads(exported.read_text())
    record_id = document["quotes"][2]["id"]
    damage(document)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(copy.deepcopy(json.loads(exported.read_text()))))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    before = store_bytes(seed_path)
    code, out, err = run(capsys, "--db", seed_path, "import", good, bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"kursk-tui: {bad}: ")
    assert message.format(id=record_id) in err
    assert store_bytes(seed_path) == before


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe{}", "not UTF-8 text (byte 0xff at offset 0)"),
    (b"{\"sources\": [", "not JSON"),
    (b"[1, 2]", "must hold one JSON object"),
    (b'{"quotes": [{"id": "q", "text": "\\ud800"}]}', "lone surrogate"),
])
def test_unreadable_files_are_refused_clearly(seed_path, tmp_path, capsys, content, message):
    path = tmp_path / "in.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "--db", seed_path, "import", path)
    assert code == 2 and message in err and "Traceback" not in err


def test_claimreview_marks_claims_with_a_status(seed_path, capsys):
    code, out, _ = run(capsys, "--db", seed_path, "export", "--format", "claimreview")
    reviews = {review["identifier"]: review for review in json.loads(out)}
    assert code == 0 and set(reviews) == {"f-estimates-10000-12000-deployed",
                                          "f-zelensky-3000-casualties-late-december"}
    review = reviews["f-zelensky-3000-casualties-late-december"]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Volodymyr Zelensky"}
    assert review["itemReviewed"]["appearance"]["publisher"]["name"] == "Newsweek"
    assert review["reviewRating"]["alternateName"] == "Superseded by a later figure"


def test_markdown_brief_has_figures_with_their_checks(seed_path, capsys):
    code, out, _ = run(capsys, "--db", seed_path, "export", "--format", "md")
    assert code == 0
    assert "- **conflict** (disagreement):" in out and "31.7%" in out
    assert out.index("## Who said what") < out.index("## Figures") < out.index("## Sources")


def test_csv_is_safe_for_spreadsheets(tmp_path, capsys):
    document = {"sources": [{"id": "s", "publisher": "Desk", "text": 'He said "=HYPERLINK(1)".'}],
                "actors": [{"id": "a", "name": "+Mallory", "kind": "person"}],
                "quotes": [{"id": "q", "speaker": "a", "text": "=HYPERLINK(1)", "source": "s",
                            "span": {"start": 9, "end": 22, "exact": "=HYPERLINK(1)"}}]}
    (tmp_path / "doc.json").write_text(json.dumps(document))
    run(capsys, "--db", tmp_path / "x.db", "--no-seed", "import", tmp_path / "doc.json")
    code, out, _ = run(capsys, "--db", tmp_path / "x.db", "export", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["text"] == "'=HYPERLINK(1)" and row["actor_name"] == "'+Mallory" and row["review"] == "accepted"


KILLER = """
import os, signal, sys
import db.interchange as interchange

original, calls = interchange._upsert, []

def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == 25:  # well inside the import's transaction
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args, **kwargs)

interchange._upsert = dying
from tui.cli import main
main(["--db", sys.argv[1], "import", sys.argv[2]])
"""


def test_a_process_killed_mid_import_leaves_the_previous_state(exported, seed_path, tmp_path, capsys):
    import subprocess
    import sys

    document = json.loads(exported.read_text())
    for quote in document["quotes"]:
        quote["note"] = "changed by an import that dies"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document))
    before = tmp_path / "before.json"
    run(capsys, "--db", seed_path, "export", "-o", before)

    result = subprocess.run([sys.executable, "-c", KILLER, str(seed_path), str(changed)],
                            capture_output=True, text=True)
    assert result.returncode == -9

    after = tmp_path / "after.json"
    assert run(capsys, "--db", seed_path, "export", "-o", after)[0] == 0
    assert after.read_bytes() == before.read_bytes()
    conn = sqlite3.connect(seed_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_brief_names_a_source_without_a_headline_by_its_first_words(tmp_path):
    from db.export import to_markdown

    document = {"quotes": [], "figures": [], "sources": [
        {"id": "source-2025-01-10-abc", "title": None, "publisher": None, "published": "2025-01-10", "url": None,
         "note": None, "text": "Crews counted fourteen craters near the rail bridge on Tuesday."}]}
    brief = to_markdown(document)
    assert "- \u201cCrews counted fourteen craters near the rail bridge\u2026\u201d, 2025-01-10" in brief
    assert "source-2025-01-10-abc" not in brief and "(untitled)" not in brief

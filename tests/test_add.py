"""kursk-tui add: batches, one transaction per article, idempotence, versions with carried claims, JSON Lines."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from db.review import history, set_review
from db.store import open_store
from tui.cli import main

PAGES = Path(__file__).parent / "data" / "pages"
URL = "https://www.riverside-courier.example/news/ferry-line"

FIRST = """Title: Ferry line reopens after the storm
Publisher: Riverside Courier
Published: 2025-03-03
URL: {url}

The ferry line across the estuary reopened on Monday after a week of repairs, the port authority said.

"We have carried more than 2,000 passengers since the first crossing this morning," said harbour master Ilse Brandt.

"The pier on the northern bank is still closed to lorries," added deputy mayor Oskar Lind.
"""

# The same story a day later: a new opening paragraph moves every offset, Brandt's words are
# unchanged, and Lind's quote is reworded, so it can no longer be found.
SECOND = """Title: Ferry line reopens after the storm
Publisher: Riverside Courier
Published: 2025-03-04
URL: {url}

Updated on Tuesday with the position on lorries.

The ferry line across the estuary reopened on Monday after a week of repairs, the port authority said.

"We have carried more than 2,000 passengers since the first crossing this morning," said harbour master Ilse Brandt.

"The pier on the northern bank will open to lorries on Friday," added deputy mayor Oskar Lind.
"""

UNDATED = """Title: A note with no date

"Nothing here says when it was written," the author said.
"""


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def add(capsys, db: Path, *args: str):
    return run(capsys, "--db", str(db), "--no-seed", "add", *args)


def query(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_a_batch_with_a_bad_file_lands_the_others_and_exits_1(tmp_path, db, capsys):
    folder = tmp_path / "batch"
    (folder / "a").mkdir(parents=True)
    shutil.copy(PAGES / "header-full.txt", folder / "a" / "header-full.txt")
    shutil.copy(PAGES / "broadsheet-jsonld.html", folder / "broadsheet.html")
    write(folder, "undated.md", UNDATED)
    write(folder, "ignored.json", "{}")
    code, out, _ = add(capsys, db, str(folder), "--jobs", "2")
    assert code == 1
    assert "failed: " in out and "undated.md: no publication date found" in out
    assert out.count("added: ") == 2
    titles = {title for (title,) in query(db, "SELECT title FROM sources")}
    assert titles == {"Rail bridge repaired three weeks after strike",
                      "Drone strikes cut power to border villages, officials say"}
    assert query(db, "SELECT count(*) FROM sources WHERE text LIKE '%Nothing here says%'") == [(0,)]
    table = out[out.index("file "):]
    assert "headline" in table and "undated.md" in table and "3 files: 2 added, 1 failed" in table


def test_a_file_that_fails_validation_writes_nothing_of_itself(tmp_path, db, capsys, monkeypatch):
    import tui.cli.add as add_module

    extract_article = add_module.extractor()

    def breaking(text, **details):
        document = extract_article(text, **details)
        if "Rail bridge" in (details.get("title") or ""):
            document["quotes"][0]["speaker"] = "nobody-in-the-store"  # caught only by validation
        return document

    monkeypatch.setattr(add_module, "extractor", lambda: breaking)
    good = write(tmp_path, "good.txt", FIRST.format(url=URL))
    code, out, _ = add(capsys, db, str(PAGES / "header-full.txt"), str(good), "--jobs", "1")
    assert code == 1
    assert "header-full.txt: quotes[0]" in out and "unknown actor 'nobody-in-the-store'" in out
    assert query(db, "SELECT title FROM sources") == [("Ferry line reopens after the storm",)]
    assert query(db, "SELECT count(*) FROM claims c JOIN sources s ON s.pk = c.source_pk "
                     "WHERE s.title LIKE 'Rail bridge%'") == [(0,)]
    assert query(db, "SELECT count(*) FROM actors WHERE name = 'Petro Danylenko'") == [(0,)]


def test_the_same_article_again_changes_nothing_and_says_so(tmp_path, db, capsys):
    article = write(tmp_path, "ferry.txt", FIRST.format(url=URL))
    code, _, _ = add(capsys, db, str(article))
    assert code == 0
    before = query(db, "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM claims), "
                       "(SELECT count(*) FROM dates), (SELECT count(*) FROM spans)")
    (source_id,) = query(db, "SELECT id FROM sources")[0]
    copy = write(tmp_path, "copy/ferry-again.txt", FIRST.format(url=URL))
    code, out, _ = add(capsys, db, str(article), str(copy))
    assert code == 0
    assert out.count(f"already in the store as {source_id}") == 2
    assert query(db, "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM claims), "
                     "(SELECT count(*) FROM dates), (SELECT count(*) FROM spans)") == before


def test_a_changed_text_at_the_same_url_is_a_new_version_carrying_reviewed_claims(tmp_path, db, capsys):
    first = write(tmp_path, "v1.txt", FIRST.format(url=URL))
    assert add(capsys, db, str(first))[0] == 0
    conn = open_store(db)
    brandt = conn.execute("SELECT pk, id FROM claims WHERE kind = 'quote' AND text LIKE 'We have carried%'").fetchone()
    lind = conn.execute("SELECT pk, id FROM claims WHERE kind = 'quote' AND text LIKE 'The pier%'").fetchone()
    set_review(conn, brandt[0], "accepted", "tester")
    reviewed = history(conn, brandt[0])
    conn.close()

    second = write(tmp_path, "v2.txt", SECOND.format(url=URL))
    code, out, _ = add(capsys, db, str(second))
    assert code == 0
    assert "new version: " in out and "orphaned" in out
    assert lind[1] in out and "not found" in out  # the orphan is listed in the summary

    conn = open_store(db)
    (old_pk, old_id), (new_pk, new_text, previous_pk) = (
        conn.execute("SELECT pk, id FROM sources ORDER BY pk").fetchone(),
        conn.execute("SELECT pk, text, previous_pk FROM sources ORDER BY pk DESC").fetchone())
    assert previous_pk == old_pk and new_pk != old_pk
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 2  # the previous version stays

    row = conn.execute("SELECT c.source_pk, c.review, s.char_start, s.char_end, s.exact, s.prefix, s.suffix "
                       "FROM claims c JOIN spans s ON s.pk = c.span_pk WHERE c.pk = ?", (brandt[0],)).fetchone()
    source_pk, review, start, end, exact, prefix, suffix = row
    assert (source_pk, review) == (new_pk, "accepted")
    assert new_text[start:end] == exact and new_text[max(0, start - 32):start] == prefix
    assert new_text[end:end + 32] == suffix
    assert history(conn, brandt[0]) == reviewed
    # the extractor proposed Brandt's quote again on the new text: it is not added twice
    assert conn.execute("SELECT count(*) FROM claims WHERE text LIKE 'We have carried%'").fetchone()[0] == 1
    # nor is the figure inside it, carried over with its quote
    assert conn.execute("SELECT count(*) FROM claims c JOIN spans s ON s.pk = c.span_pk "
                        "WHERE c.kind = 'figure' AND s.exact LIKE '%2,000%'").fetchone()[0] == 1

    assert conn.execute("SELECT source_pk FROM claims WHERE pk = ?", (lind[0],)).fetchone() == (old_pk,)
    assert conn.execute("SELECT reason FROM claim_orphans WHERE claim_pk = ?", (lind[0],)).fetchone() == ("not found",)
    conn.close()

    code, out, _ = run(capsys, "--db", str(db), "orphans", "--format", "json")
    orphans = json.loads(out)
    assert code == 0 and [orphan["claim"] for orphan in orphans] == [lind[1]]
    assert orphans[0]["source"] == old_id and orphans[0]["reason"] == "not found"


def test_header_block_text_files_carry_their_details(tmp_path, db, capsys):
    code, out, _ = add(capsys, db, str(PAGES / "header-full.txt"), str(PAGES / "header-partial.txt"))
    assert code == 0
    rows = query(db, "SELECT title, publisher, published, url FROM sources ORDER BY published")
    assert rows[-1] == ("Rail bridge repaired three weeks after strike", "The Meridian Ledger", "2025-05-20",
                        "https://www.meridianledger.example/world/2025/may/20/rail-bridge-repaired")
    assert all(status == "proposed" for (status,) in query(db, "SELECT DISTINCT review FROM claims"))


def test_details_on_the_command_line_override_and_are_for_one_file(tmp_path, db, capsys):
    article = write(tmp_path, "undated.txt", UNDATED)
    code, _, _ = add(capsys, db, str(article), "--published", "7 March 2025", "--publisher", "Harbour Gazette")
    assert code == 0
    assert query(db, "SELECT publisher, published FROM sources") == [("Harbour Gazette", "2025-03-07")]
    code, _, err = add(capsys, db, str(article), str(PAGES / "header-full.txt"), "--publisher", "X")
    assert code == 2 and "--publisher describe one article; 2 files were given" in err


def test_json_lines_round_trip_through_import(tmp_path, db, capsys):
    first = write(tmp_path, "in/ferry.txt", FIRST.format(url=URL))
    shutil.copy(PAGES / "header-full.txt", tmp_path / "in" / "bridge.txt")
    code, out, _ = add(capsys, db, str(first.parent), "--format", "jsonl", "--dry-run")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["sources"] for line in lines)
    assert not query(db, "SELECT count(*) FROM sources")[0][0]  # --dry-run wrote nothing
    corpus = write(tmp_path, "corpus.jsonl", out + "\n")

    other = tmp_path / "other.db"
    code, out, _ = run(capsys, "--db", str(other), "--no-seed", "import", str(corpus))
    assert code == 0 and "2 sources" in out
    assert len(query(other, "SELECT id FROM sources")) == 2
    # what import wrote is known again by its text
    code, out, _ = add(capsys, other, str(first))
    assert code == 0 and "unchanged: " in out

    broken = write(tmp_path, "broken.jsonl", lines[0] + "\n" + lines[1].replace('"sources"', '"sources": 1, "x"', 1))
    code, _, err = run(capsys, "--db", str(tmp_path / "third.db"), "--no-seed", "import", str(broken))
    assert code == 2 and "broken.jsonl line 2" in err
    assert query(tmp_path / "third.db", "SELECT count(*) FROM sources") == [(0,)]


def test_progress_when_not_a_terminal_is_plain_lines(tmp_path, db, capsys):
    for day in (3, 4, 5):
        write(tmp_path, f"in/day{day}.txt", FIRST.format(url=f"{URL}/{day}").replace("2025-03-03", f"2025-03-0{day}")
              .replace("Monday", f"day {day}"))
    code, out, err = add(capsys, db, str(tmp_path / "in"), "--format", "json")
    assert code == 0
    articles = json.loads(out)["articles"]
    assert [article["status"] for article in articles] == ["added"] * 3
    assert articles[0]["document"]["quotes"]
    progress = err.splitlines()
    assert [line.split(":")[0] for line in progress[:3]] == ["added"] * 3
    assert "\x1b" not in err and "\r" not in err  # no cursor movement, no colour


def test_extract_import_is_add_for_one_file(tmp_path, db, capsys):
    article = write(tmp_path, "ferry.txt", FIRST.format(url=URL))
    code, out, _ = run(capsys, "--db", str(db), "--no-seed", "extract", str(article), "--published", "2025-03-03",
                       "--import")
    assert code == 0 and out.startswith("added: ") and len(out) < 1000
    code, out, _ = run(capsys, "--db", str(db), "--no-seed", "extract", str(article), "--published", "2025-03-03",
                       "--import")
    assert code == 0 and out.startswith("unchanged: ")


FIRST_BRIEFING = """Title: Terasia counts its losses
Publisher: Harbour Post
Published: 2027-03-02

The National Security Office of Terasia (NSO) said on Monday that 1,200 soldiers had been killed.

"The count will rise," said Ilarion Vashchenko, the president.
"""

SECOND_BRIEFING = """Title: A higher count
Publisher: Coastline Daily
Published: 2027-03-09

Terasia's National Security Office said on Tuesday that 1,500 soldiers had been killed.

"We expected this," said Illarion Vaschenko, speaking in the capital.
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_article_of_a_batch_joins_the_actors_an_earlier_one_added_under_another_name(tmp_path, db, capsys, jobs):
    folder = tmp_path / "batch"
    write(folder, "1-first.txt", FIRST_BRIEFING)
    write(folder, "2-second.txt", SECOND_BRIEFING)
    assert add(capsys, db, str(folder), "--jobs", jobs)[0] == 0
    actors = dict(query(db, "SELECT a.name, count(c.pk) FROM actors a JOIN claims c ON c.actor_pk = a.pk "
                            "GROUP BY a.pk"))
    assert actors == {"National Security Office of Terasia": 2, "Ilarion Vashchenko": 2}
    aliases = {alias for (alias,) in query(db, "SELECT alias FROM actor_aliases")}
    assert {"Terasia's National Security Office", "Illarion Vaschenko"} <= aliases

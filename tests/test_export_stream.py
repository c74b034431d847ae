"""Exports written as the store is read: the same text as the whole document would give,
a file whole or not at all."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db import export
from db.interchange import choose, export_document, export_sections
from db.review import set_review
from db.store import open_store
from db.synth import synthesize


@pytest.fixture
def reviewed(seeded):
    """The bundled dataset with a claim of each kind rejected or sent back to proposed."""
    pks = [pk for (pk,) in seeded.execute("SELECT min(pk) FROM claims GROUP BY kind ORDER BY kind")]
    set_review(seeded, pks[0], "rejected", "tester")
    set_review(seeded, pks[1], "proposed", "tester")
    set_review(seeded, pks[2], "rejected", "tester")
    return seeded


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    conn = open_store(tmp_path_factory.mktemp("stream") / "synth.db")
    synthesize(conn, 1500, seed=5)
    yield conn
    conn.close()


def test_the_streamed_json_is_the_documents_json(reviewed):
    assert reviewed.execute("SELECT count(*) FROM claim_history").fetchone()[0] == 3
    kirby = reviewed.execute("SELECT pk FROM actors WHERE id = 'john-kirby'").fetchone()[0]
    for chosen in (choose(), choose([kirby]), choose(where=("c.kind = ?", ["figure"]))):
        streamed = "".join(export.json_text(export_sections(reviewed, chosen)))
        document = {section: list(records) for section, records in export_sections(reviewed, chosen)}
        assert streamed == export.to_json(document)
        assert json.loads(streamed) == document
    assert export_document(reviewed, [kirby])["quotes"]
    assert export_document(reviewed, where=("c.kind = ?", ["figure"]))["quotes"] == []


def test_empty_sections_and_records_are_written_as_json_writes_them():
    sections = [("a", []), ("b", [{"x": [], "y": {}, "z": "\u201cq\u201d\n"}, {"x": [1, {"w": None}]}])]
    assert "".join(export.json_text(sections)) == export.to_json(dict(sections))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@given(st.lists(JSON_VALUES, max_size=4), st.lists(JSON_VALUES, max_size=2))
def test_any_records_are_written_as_json_dumps_writes_them(first, second):
    sections = [("first", first), ("second \u201cquoted\u201d", second)]
    assert "".join(export.json_text(sections)) == export.to_json(dict(sections))


def people_document(conn, include_proposed: bool) -> dict:
    document = export_document(conn)
    hidden = {"rejected"} | (set() if include_proposed else {"proposed"})
    for section in ("quotes", "figures", "events"):
        document[section] = [record for record in document[section] if record["review"] not in hidden]
    return document


@pytest.mark.parametrize("include_proposed", [False, True])
def test_the_streamed_brief_is_the_brief_of_the_reviewed_document(reviewed, include_proposed):
    people, left_out = export.for_people(reviewed, choose(), include_proposed=include_proposed)
    assert left_out == {"rejected": 2, "proposed": 0 if include_proposed else 1}
    checks = {"North Korean soldiers sent to Russia": [
        {"kind": "sum", "verdict": "consistent", "figures": [], "explanation": "a *made-up* check"}]}
    streamed = "".join(export.store_markdown(reviewed, choose(), people,
                                             ((metric, (found, "")) for metric, found in checks.items()), left_out))
    assert streamed == export.to_markdown(people_document(reviewed, include_proposed), checks, left_out)
    assert "a \\*made-up\\* check" in streamed and "Left out: 2 rejected claims" in streamed


def test_the_streamed_csv_and_claimreview_hold_every_claim_people_may_read(synthetic):
    people, left_out = export.for_people(synthetic, choose(), include_proposed=True)
    rows = list(csv.DictReader(io.StringIO("".join(export.csv_text(export.store_claims(synthetic, people))))))
    document = people_document(synthetic, include_proposed=True)
    expected = [record["id"] for section in ("quotes", "figures", "events") for record in document[section]]
    assert len(expected) > 2 * export.ROWS_PER_CHUNK  # written in several chunks
    assert [row["id"] for row in rows] == expected
    assert left_out["rejected"] == synthetic.execute(
        "SELECT count(*) FROM claims WHERE review = 'rejected'").fetchone()[0] > 0
    reviews = json.loads("".join(export.store_claimreview(synthetic, people)))
    assert [review["identifier"] for review in reviews] == [
        record["id"] for section in ("quotes", "figures", "events") for record in document[section]
        if record["status"] != "unverified"]


def test_a_failed_stream_leaves_the_earlier_file_as_it_was(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("earlier")

    def chunks():
        yield "a first part"
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        export.write_chunks(target, chunks())
    assert target.read_text() == "earlier"
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]
    export.write_chunks(target, iter(["one ", "two\n"]))
    assert target.read_text() == "one two\n"


def test_checks_are_found_for_metrics_asked_in_name_order():
    checks = export.checks_in_order(iter([("a", ([{"n": 1}], "")), ("c", ([{"n": 3}], "x")), ("e", ([{"n": 5}], ""))]))
    assert [checks(metric) for metric in ("a", "a", "b", "c", "d")] == [
        ([{"n": 1}], ""), ([{"n": 1}], ""), ([], ""), ([{"n": 3}], "x"), ([], "")]
    assert checks("f") == ([], "")


def test_the_brief_checks_each_metrics_latest_figures_and_says_so(tmp_path, capsys):
    from tui.cli import main

    path = tmp_path / "synth.db"
    conn = open_store(path)
    synthesize(conn, 1500, seed=5)
    metric, figures = conn.execute("SELECT metric, count(*) FROM figures GROUP BY metric ORDER BY 2 DESC").fetchone()
    conn.close()
    assert main(["--db", str(path), "export", "--format", "md", "--latest", "3"]) == 0
    capped = capsys.readouterr().out
    assert main(["--db", str(path), "export", "--format", "md", "--latest", "0"]) == 0
    whole = capsys.readouterr().out
    assert f"### {metric}" in capped
    assert capped.count(f"### {metric}\n") == 1 and figures > 3
    assert "checked the latest 3 of" in capped and "checked the latest" not in whole
    assert capped.count("\n- **") < whole.count("\n- **")  # fewer checks, the same figures
    assert capped.count("\n| ") == whole.count("\n| ")

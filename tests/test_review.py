"""Review you can trust: every change on record, undoable across restarts, never over someone else's."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from db.review import (
    ChangedMeanwhile,
    ClaimEdit,
    EditRejected,
    change_claim,
    claim_state,
    create_actor,
    edit_claim,
    history,
    parse_date,
    restore,
    set_review,
    set_speaker,
    undo_last,
)
from db.store import open_store


def claim_pk(conn, claim_id: str) -> int:
    return conn.execute("SELECT pk FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]


def a_figure(conn) -> int:
    return conn.execute("SELECT claim_pk FROM figures f JOIN claims c ON c.pk = f.claim_pk "
                        "WHERE f.bound = 'exact' ORDER BY c.pk LIMIT 1").fetchone()[0]


def a_quote(conn) -> int:
    return conn.execute("SELECT pk FROM claims WHERE kind = 'quote' ORDER BY pk LIMIT 1").fetchone()[0]


def test_a_rejection_is_on_record_and_undone(seeded):
    pk = a_figure(seeded)
    change = set_review(seeded, pk, "rejected", "ana")
    assert change and change.fields == {"review": ("accepted", "rejected")}
    [entry] = history(seeded, pk)
    assert (entry.action, entry.field, entry.before, entry.after, entry.who) == (
        "rejected", "review", "accepted", "rejected", "ana")
    undone = undo_last(seeded, "ana")
    assert undone and undone.fields == {"review": ("rejected", "accepted")}
    assert claim_state(seeded, pk)["review"] == "accepted"
    assert [entry.undone for entry in history(seeded, pk)] == [True, False]
    assert undo_last(seeded, "ana") is None  # an undo is not itself undone by the next u


@pytest.mark.parametrize("fields", [
    {"status": "false"}, {"note": "checked with the ministry"}, {"metric": "casualties"},
    {"value": 3900.0}, {"unit": "soldiers"}, {"bound": "approx", "hedge": "about"},
])
def test_every_kind_of_edit_is_undone_after_a_restart(seed_path, fields):
    conn = open_store(seed_path)
    pk = a_figure(conn)
    before = claim_state(conn, pk)
    assert change_claim(conn, pk, fields, who="ana")
    conn.close()
    conn = open_store(seed_path)  # the undo is in the store, not in the process
    assert undo_last(conn, "ana")
    after = claim_state(conn, pk)
    assert {k: v for k, v in after.items() if k != "version"} == {k: v for k, v in before.items() if k != "version"}
    conn.close()


def test_a_new_speaker_and_a_typed_date_are_undone(seeded):
    pk = a_quote(seeded)
    before = claim_state(seeded, pk)
    actor_id = create_actor(seeded, "Min-seo Park", "person")
    actor_pk = seeded.execute("SELECT pk FROM actors WHERE id = ?", (actor_id,)).fetchone()[0]
    set_speaker(seeded, pk, actor_pk, "ana")
    typed = parse_date("late December", date(2025, 1, 5))
    assert (typed.lower, typed.upper) == ("2024-12-21", "2024-12-31")
    edit_claim(seeded, pk, ClaimEdit({}, date="late December"), who="ana", expected_version=None)
    assert seeded.execute("SELECT date_lower FROM claims WHERE pk = ?", (pk,)).fetchone()[0] == "2024-12-21"
    undo_last(seeded, "ana")
    undo_last(seeded, "ana")
    assert claim_state(seeded, pk)["actor"] == before["actor"]
    assert claim_state(seeded, pk)["date"] == before["date"]


@pytest.mark.parametrize("fields, field", [
    ({"value": float("inf")}, "value"), ({"value": -5.0}, "value"), ({"value": None}, "value"),
    ({"bound": "range", "low": 5.0, "high": 2.0}, "low"), ({"bound": "sideways"}, "bound"),
    ({"hedge": "as many as"}, "hedge"), ({"metric": "  "}, "metric"), ({"status": "maybe"}, "status"),
    ({"actor": "nobody-at-all"}, "actor"), ({"note": "x" * 5000}, "note"), ({"note": "\ud800"}, "note"),
    ({"text": "rewritten"}, "text"),
])
def test_bad_edits_name_the_field_and_change_nothing(seeded, fields, field):
    pk = a_figure(seeded)
    dump = list(seeded.iterdump())
    with pytest.raises(EditRejected) as raised:
        change_claim(seeded, pk, fields, who="ana")
    assert raised.value.field == field
    assert list(seeded.iterdump()) == dump


def test_an_unparseable_date_is_refused_with_a_reason():
    with pytest.raises(EditRejected, match="date"):
        parse_date("the day after the thaw", date(2025, 1, 5))


def test_restore_brings_back_the_state_before_the_rejection(seeded):
    pk = a_quote(seeded)
    set_review(seeded, pk, "proposed", "ana")
    set_review(seeded, pk, "rejected", "ana")
    restore(seeded, pk, "ben")
    assert claim_state(seeded, pk)["review"] == "proposed"


def test_a_stale_change_is_refused_and_names_who_changed_it(seeded):
    pk = a_figure(seeded)
    version = claim_state(seeded, pk)["version"]
    set_review(seeded, pk, "rejected", "ben", expected_version=version)
    with pytest.raises(ChangedMeanwhile, match="changed by ben at "):
        set_review(seeded, pk, "accepted", "ana", expected_version=version)
    assert claim_state(seeded, pk)["review"] == "rejected"


def test_undo_does_not_revert_over_someone_elses_later_change(seeded):
    pk = a_figure(seeded)
    change_claim(seeded, pk, {"note": "mine"}, who="ana")
    change_claim(seeded, pk, {"note": "theirs"}, who="ben")
    with pytest.raises(ChangedMeanwhile, match="changed by ben"):
        undo_last(seeded, "ana")
    assert claim_state(seeded, pk)["note"] == "theirs"


REVIEWER = """
import sys
from db.store import open_store
from db.review import set_review
conn = open_store(sys.argv[1])
set_review(conn, int(sys.argv[2]), "rejected", "other-process", expected_version=int(sys.argv[3]))
"""


def test_two_processes_one_claim_the_second_change_is_refused(seed_path):
    conn = open_store(seed_path)
    pk = a_figure(conn)
    version = claim_state(conn, pk)["version"]  # both reviewers read the claim at this version
    subprocess.run([sys.executable, "-c", REVIEWER, str(seed_path), str(pk), str(version)], check=True)
    with pytest.raises(ChangedMeanwhile, match="changed by other-process"):
        set_review(conn, pk, "accepted", "ana", expected_version=version)
    assert claim_state(conn, pk)["review"] == "rejected"
    conn.close()


def test_create_actor_gives_distinct_ids_and_refuses_unknown_kinds(store):
    assert create_actor(store, "Lee Jae-won", "person") != create_actor(store, "Lee  Jae-won", "person")
    with pytest.raises(EditRejected, match="kind"):
        create_actor(store, "Somebody", "ghost")


def test_history_and_review_survive_export_then_import(seeded, tmp_path):
    from db.interchange import apply_document, export_document

    pk = a_figure(seeded)
    set_review(seeded, pk, "rejected", "ana")
    change_claim(seeded, pk, {"note": "misattributed"}, who="ben")
    document = export_document(seeded)
    assert [entry["action"] for entry in document["history"]] == ["rejected", "edited"]
    copy = open_store(tmp_path / "copy.db")
    apply_document(copy, document)
    copy_pk = claim_pk(copy, seeded.execute("SELECT id FROM claims WHERE pk = ?", (pk,)).fetchone()[0])
    assert [(e.action, e.field, e.after, e.who) for e in history(copy, copy_pk)] == [
        ("rejected", "review", "rejected", "ana"), ("edited", "note", "misattributed", "ben")]
    assert undo_last(copy, "ben") is not None  # the history is live in the new store too
    apply_document(copy, document)
    assert len(history(copy, copy_pk)) == 3  # importing again adds nothing
    copy.close()


def test_a_proposal_never_overwrites_a_reviewed_claim(seeded):
    from db.interchange import apply_document, export_document

    pk = a_figure(seeded)
    set_review(seeded, pk, "rejected", "ana")
    document = export_document(seeded)
    for figure in document["figures"]:
        figure["review"] = "proposed"
        figure["value"] = (figure["value"] or 0) + 1
    apply_document(seeded, document)
    assert claim_state(seeded, pk)["review"] == "rejected"
    assert seeded.execute("SELECT count(*) FROM claims WHERE review = 'proposed'").fetchone()[0] == 0


# --- exports honour review -------------------------------------------------------------------

@pytest.fixture
def reviewed_store(seed_path):
    """The seed with one figure rejected, one quote rejected and one figure still proposed."""
    conn = open_store(seed_path)
    rejected_figure = conn.execute(
        "SELECT c.pk, c.text FROM claims c JOIN figures f ON f.claim_pk = c.pk "
        "WHERE c.text = '3,800 killed or wounded'").fetchone()
    rejected_quote = conn.execute("SELECT pk, text FROM claims WHERE kind = 'quote' ORDER BY pk LIMIT 1").fetchone()
    proposed = conn.execute("SELECT c.pk, c.text FROM claims c WHERE c.kind = 'figure' AND c.pk <> ? "
                            "ORDER BY c.pk LIMIT 1", (rejected_figure[0],)).fetchone()
    set_review(conn, rejected_figure[0], "rejected", "ana")
    set_review(conn, rejected_quote[0], "rejected", "ana")
    set_review(conn, proposed[0], "proposed", "ana")
    conn.close()
    return seed_path, rejected_figure[1], rejected_quote[1], proposed[1]


def export(capsys, path, *args):
    from tui.cli import main

    assert main(["--db", str(path), "export", *args]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_the_brief_leaves_out_rejected_and_proposed_and_says_so(reviewed_store, capsys):
    path, rejected_figure, rejected_quote, proposed = reviewed_store
    brief, _ = export(capsys, path, "--format", "md")
    figures = brief[brief.index("## Figures"):]
    assert f"| {rejected_figure} |" not in figures and f"| {proposed} |" not in figures
    assert rejected_quote[:40] not in brief
    assert "Left out: 2 rejected claims" in brief and "1 proposal not yet reviewed" in brief
    brief, _ = export(capsys, path, "--format", "md", "--include-proposed")
    figures = brief[brief.index("## Figures"):]
    assert f"| {proposed} |" in figures and "\u25c7 proposed" in figures and f"| {rejected_figure} |" not in figures


def test_csv_leaves_out_rejected_and_marks_proposals(reviewed_store, capsys):
    import csv
    import io

    path, rejected_figure, rejected_quote, proposed = reviewed_store
    out, err = export(capsys, path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    texts = {row["text"]: row["review"] for row in rows}
    assert rejected_figure not in texts and rejected_quote not in texts
    assert texts[proposed] == "proposed"
    assert "Left out: 2 rejected claims" in err


def test_claimreview_leaves_out_rejected_and_proposed(reviewed_store, capsys):
    import json

    path, rejected_figure, _, proposed = reviewed_store
    conn = open_store(path)
    conn.execute("UPDATE claims SET status = 'disputed' WHERE kind = 'figure'")  # every figure has a rating
    conn.close()
    out, _ = export(capsys, path, "--format", "claimreview")
    reviewed = " ".join(review["claimReviewed"] for review in json.loads(out))
    assert rejected_figure not in reviewed and proposed not in reviewed
    out, _ = export(capsys, path, "--format", "claimreview", "--include-proposed")
    assert proposed in out and "not yet reviewed" in out and rejected_figure not in out


def test_json_stays_the_whole_store_with_review_state(reviewed_store, capsys):
    import json

    path, rejected_figure, _, _ = reviewed_store
    out, _ = export(capsys, path, "--format", "json")
    reviews = {figure["text"]: figure["review"] for figure in json.loads(out)["figures"]}
    assert reviews[rejected_figure] == "rejected"


def test_an_edit_that_names_a_new_speaker_creates_them_only_when_it_saves(seeded):
    pk = a_quote(seeded)
    actors = seeded.execute("SELECT count(*) FROM actors").fetchone()[0]
    with pytest.raises(EditRejected, match="choose a kind"):
        edit_claim(seeded, pk, ClaimEdit({}, speaker="Jin-ho Baek"), who="ana", expected_version=None)
    with pytest.raises(EditRejected, match="status"):
        edit_claim(seeded, pk, ClaimEdit({"status": "maybe"}, speaker="Jin-ho Baek", new_kind="person"),
                   who="ana", expected_version=None)
    assert seeded.execute("SELECT count(*) FROM actors").fetchone()[0] == actors
    edit_claim(seeded, pk, ClaimEdit({}, speaker="Jin-ho Baek", new_kind="person"), who="ana", expected_version=None)
    assert claim_state(seeded, pk)["actor"] == "jin-ho-baek"
    edit_claim(seeded, pk, ClaimEdit({}, speaker="zelenskyy"), who="ana", expected_version=None)  # an alias
    assert claim_state(seeded, pk)["actor"] == "volodymyr-zelensky"


def test_merging_two_actors_moves_every_claim_on_record_and_keeps_the_name(seeded):
    from db.review import merge_actors
    from db.speakers import find_actors

    create_actor(seeded, "Volodymyr Zelenskiy", "person")
    pk = a_quote(seeded)
    edit_claim(seeded, pk, ClaimEdit({}, speaker="Volodymyr Zelenskiy"), who="ana", expected_version=None)
    assert merge_actors(seeded, "volodymyr-zelensky", "volodymyr-zelenskiy", "ana") == 1
    assert claim_state(seeded, pk)["actor"] == "volodymyr-zelensky"
    assert [entry.after for entry in history(seeded, pk)][-1] == "volodymyr-zelensky"
    assert [actor.id for actor in find_actors(seeded, "Volodymyr Zelenskiy")] == ["volodymyr-zelensky"]


def test_a_figure_given_another_metric_joins_that_metric(seeded):
    pk = a_figure(seeded)
    change_claim(seeded, pk, {"metric": "Varnian troops: killed"}, who="ana")
    subject, quantity = seeded.execute(
        "SELECT m.subject, m.quantity FROM figures f JOIN metrics m ON m.pk = f.metric_pk WHERE f.claim_pk = ?",
        (pk,)).fetchone()
    assert (subject, quantity) == ("Varnian troops", "killed")

"""A metric's latest figures, read from the index on figures' copy of their claim's date
(migration 10): the copy follows the claim, and the figures chosen are the latest by date."""

from __future__ import annotations

import copy

from db.checks import read_metric
from db.interchange import apply_document, export_document
from db.review import ClaimEdit, edit_claim
from db.store import open_store
from db.synth import synthesize


def copies_out_of_step(conn) -> int:
    return conn.execute("SELECT count(*) FROM figures f JOIN claims c ON c.pk = f.claim_pk "
                        "WHERE f.date_lower IS NOT c.date_lower").fetchone()[0]


def test_a_figures_date_copy_follows_its_claim_through_edits_and_imports(seeded):
    assert seeded.execute("SELECT count(*) FROM figures WHERE date_lower IS NOT NULL").fetchone()[0] > 0
    assert copies_out_of_step(seeded) == 0
    pk, version = seeded.execute("SELECT pk, version FROM claims WHERE kind = 'figure' ORDER BY pk").fetchone()
    edit_claim(seeded, pk, ClaimEdit({}, date="3 November 2024"), who="tester", expected_version=version)
    assert seeded.execute("SELECT date_lower FROM figures WHERE claim_pk = ?", (pk,)).fetchone() == ("2024-11-03",)
    document = copy.deepcopy(export_document(seeded))
    figure = document["figures"][0]
    new = dict(figure, id="figure-added-by-test", span=None, base=None)
    new.update({"as_of_date": document["dates"][0]["id"]})
    apply_document(seeded, {"figures": [new]})
    assert seeded.execute("SELECT f.date_lower FROM figures f JOIN claims c ON c.pk = f.claim_pk "
                          "WHERE c.id = 'figure-added-by-test'").fetchone() == (document["dates"][0]["lower"],)
    assert copies_out_of_step(seeded) == 0


def test_the_latest_figures_of_a_metric_are_the_latest_by_as_of_date_first_added_first(tmp_path):
    conn = open_store(tmp_path / "synth.db")
    synthesize(conn, 1500, seed=3)
    conn.execute("UPDATE claims SET review = 'rejected' WHERE kind = 'figure' AND pk % 7 = 0")
    assert copies_out_of_step(conn) == 0
    metrics = [name for (name,) in conn.execute("SELECT DISTINCT metric FROM figures ORDER BY metric")]
    for metric in metrics:
        rows = conn.execute("SELECT c.pk, c.date_lower FROM figures f JOIN claims c ON c.pk = f.claim_pk "
                            "WHERE f.metric = ? AND c.review <> 'rejected' ORDER BY c.pk", (metric,)).fetchall()
        # Stable: ties keep the order the figures were added in; undated figures come last.
        by_date = sorted((row for row in rows if row[1] is not None), key=lambda row: row[1], reverse=True)
        expected = {pk for pk, _ in (by_date + [row for row in rows if row[1] is None])[:5]}
        chosen = {figure.pk for figure in read_metric(conn, metric, limit=5).figures if figure.metric == metric}
        assert chosen == expected, metric
    conn.close()

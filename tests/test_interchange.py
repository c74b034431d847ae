import copy
import json

import pytest

from db.interchange import DocumentError, apply_document, export_document
from db.store import open_store


def test_export_import_export_is_identical(seeded, tmp_path):
    exported = export_document(seeded)
    fresh = open_store(tmp_path / "fresh.db")
    apply_document(fresh, json.loads(json.dumps(exported)))
    assert export_document(fresh) == exported


def test_applying_twice_changes_nothing(seeded):
    exported = export_document(seeded)
    before = list(seeded.iterdump())
    apply_document(seeded, exported)
    assert list(seeded.iterdump()) == before


def test_the_export_has_the_interchange_fields(seeded):
    document = export_document(seeded)
    assert set(document) >= {"sources", "actors", "quotes", "figures", "events"}
    quote = next(q for q in document["quotes"] if q["id"] == "q-kirby-taking-their-own-lives")
    assert {k: quote[k] for k in ("speaker", "speaker_name", "said", "said_text")} == {
        "speaker": "john-kirby", "speaker_name": "John Kirby", "said": "2024-12-27", "said_text": "on December 27"}
    figure = document["figures"][0]
    assert set(figure) >= {"id", "claimant", "claimant_name", "metric", "value", "low", "high", "bound",
                           "hedge", "unit", "as_of", "source", "span"}
    assert set(document["events"][0]) >= {"id", "title", "date", "date_text", "source", "span"}
    assert set(document["sources"][0]) >= {"id", "title", "publisher", "published", "url", "note", "text"}
    assert set(document["actors"][0]) >= {"id", "name", "kind", "role", "aliases"}


def test_export_of_one_speaker_holds_only_their_claims(seeded):
    kirby = seeded.execute("SELECT pk FROM actors WHERE id = 'john-kirby'").fetchone()[0]
    document = export_document(seeded, [kirby])
    assert {q["speaker"] for q in document["quotes"]} == {"john-kirby"}
    assert len(document["quotes"]) == 4
    assert document["figures"] == []


@pytest.mark.parametrize("change, message", [
    (lambda d: d["quotes"][0].update(speaker="nobody"), r"quotes\[0\] \(id '.*'\), field speaker: unknown actor"),
    (lambda d: d["quotes"][0]["span"].update(exact="not the words"), r"field span.exact: does not match"),
    (lambda d: d["quotes"][0]["span"].update(end=10**7), r"field span.end: .* past the end"),
    (lambda d: d["figures"][0].update(bound="lots"), r"figures\[0\] .*field bound: must be one of"),
    (lambda d: d["figures"][0].update(low=5, high=1, bound="range"), r"field low: low 5 is above high 1"),
    (lambda d: d["dates"][0].update(edtf="late December"), r"dates\[0\] .*field edtf: not an EDTF date"),
    (lambda d: d["actors"][0].update(kind="alien"), r"actors\[0\] .*field kind"),
    (lambda d: d["quotes"].append(dict(d["quotes"][0])), r"appears twice"),
    (lambda d: d["links"][0].update(to=d["links"][0]["from"]), r"cannot link to itself"),
])
def test_an_invalid_document_names_record_and_field_and_writes_nothing(seeded, tmp_path, change, message):
    document = copy.deepcopy(export_document(seeded))
    change(document)
    fresh = open_store(tmp_path / "fresh.db")
    before = list(fresh.iterdump())
    with pytest.raises(DocumentError, match=message):
        apply_document(fresh, document)
    assert list(fresh.iterdump()) == before


def test_a_claim_dated_by_edtf_alone_gets_its_own_date(store):
    document = {
        "sources": [{"id": "s1", "publisher": "Desk", "published": "2025-02-01", "text": "He said \"no\"."}],
        "actors": [{"id": "a1", "name": "A. Person", "kind": "person"}],
        "quotes": [{"id": "q1", "speaker": "a1", "text": "no", "said": "2025-01", "said_text": "in January",
                    "source": "s1", "span": {"start": 9, "end": 11, "exact": "no"}}],
    }
    apply_document(store, document)
    quote = export_document(store)["quotes"][0]
    assert (quote["said"], quote["said_text"], quote["said_date"]) == ("2025-01", "in January", "q1#date")
    assert store.execute("SELECT date_lower, date_upper FROM claims").fetchone() == ("2025-01-01", "2025-01-31")

"""The labelled story in tests/data/story checks out as data (not the extractor's work on it).

Fifty-one fictional articles from fifty-one outlets tell one story; each NAME.key.json is its
answer key, and expected-checks.json lists the cross-source checks an analyst would expect of the
first nine.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from db.interchange import apply_documents
from db.store import open_store

STORY = Path(__file__).parent / "data" / "story"
NAMES = sorted(path.name.removesuffix(".key.json") for path in STORY.glob("*.key.json"))
QUANTITIES = {"deployed", "reinforcements", "at the front", "killed", "wounded", "casualties",
              "casualty share", "captured", "missing", "value"}
CHECK_KINDS = {"disagreement", "update", "part_whole", "sum", "fraction", "conversion", "same_claim"}
VERDICTS = {"consistent", "conflict", "superseded"}


@cache
def key(name: str) -> dict:
    return json.loads((STORY / f"{name}.key.json").read_text(encoding="utf-8"))


def all_figures() -> dict[str, dict]:
    return {figure["id"]: figure for name in NAMES for figure in key(name)["figures"]}


def test_the_story_has_fifty_one_articles_two_of_them_unread():
    assert len(NAMES) == 51
    assert [name for name in NAMES if name.endswith("-unread")] == ["feature-toll-unread", "tv-prisoners-unread"]
    assert len({key(name)["sources"][0]["publisher"] for name in NAMES}) == 51


@pytest.mark.parametrize("name", NAMES)
def test_text_file_is_the_source_text(name):
    text = (STORY / f"{name}.txt").read_bytes()
    assert b"\r" not in text
    assert text.decode("utf-8") == key(name)["sources"][0]["text"]


@pytest.mark.parametrize("name", NAMES)
def test_every_span_is_exact(name):
    document = key(name)
    text = document["sources"][0]["text"]
    records = document["quotes"] + document["figures"] + document["dates"]
    assert records
    for record in records:
        span = record["span"]
        assert text[span["start"]:span["end"]] == span["exact"], record["id"]
        assert text[:span["start"]].endswith(span["prefix"]), record["id"]
        assert text[span["end"]:].startswith(span["suffix"]), record["id"]
    for quote in document["quotes"]:
        assert quote["text"] == quote["span"]["exact"], quote["id"]


def test_all_keys_import_together_into_an_empty_store(tmp_path):
    conn = open_store(tmp_path / "story.db")
    counts = apply_documents(conn, [key(name) for name in NAMES], names=NAMES)
    assert counts["sources"] == 51
    stored = dict(conn.execute("SELECT kind, count(*) FROM claims GROUP BY kind").fetchall())
    assert stored == {"quote": sum(len(key(n)["quotes"]) for n in NAMES),
                      "figure": len(all_figures())}
    actors = {row[0] for row in conn.execute("SELECT id FROM actors")}
    assert actors == {actor["id"] for name in NAMES for actor in key(name)["actors"]}


def test_an_actor_is_the_same_record_in_every_key():
    seen: dict[str, tuple] = {}
    for name in NAMES:
        text = key(name)["sources"][0]["text"]
        for actor in key(name)["actors"]:
            identity = (actor["name"], actor["kind"], actor["role"])
            assert seen.setdefault(actor["id"], identity) == identity, (name, actor["id"])
            for alias in actor["aliases"]:
                assert alias in text, (name, actor["id"], alias)
    names = [identity[0] for identity in seen.values()]
    assert len(names) == len(set(names))


def test_spelling_variants_join_and_shared_surnames_do_not():
    aliases: dict[str, set[str]] = {}
    for name in NAMES:
        for actor in key(name)["actors"]:
            aliases.setdefault(actor["id"], set()).update(actor["aliases"])
    assert {"Illarion Vaschenko", "President Vashchenko", "Kalvarian President Illarion Vashchenko"} \
        <= aliases["ilarion-vashchenko"]
    assert "Lt. Col. Marchuk" in aliases["pavlo-marchuk"]
    assert "Yuliya Marchuk" in aliases["yuliya-marchuk"]
    assert not any("Yuliya" in alias for alias in aliases["pavlo-marchuk"])
    assert not any("Pavlo" in alias for alias in aliases["yuliya-marchuk"])


def test_every_figure_is_labelled():
    for figure_id, figure in all_figures().items():
        assert figure["quantity"] in QUANTITIES, figure_id
        assert figure["subject"], figure_id
        assert figure["metric"] == f"{figure['subject']}: {figure['quantity']}", figure_id
        if figure["as_of_basis"] == "stated":
            assert figure["as_of"] and figure["as_of_date"], figure_id
        else:
            assert figure["as_of_basis"] == "publication", figure_id
            assert figure["as_of"] is None, figure_id


def test_figure_ids_are_unique_across_the_story():
    ids = [figure["id"] for name in NAMES for figure in key(name)["figures"]]
    assert len(ids) == len(set(ids))


def test_expected_checks_refer_to_existing_figures():
    figures = all_figures()
    checks = json.loads((STORY / "expected-checks.json").read_text(encoding="utf-8"))
    assert {check["kind"] for check in checks} == CHECK_KINDS
    for check in checks:
        assert check["verdict"] in VERDICTS and check["why"]
        assert len(check["figures"]) >= 2
        assert all(figure_id in figures for figure_id in check["figures"]), check
        if check["kind"] in {"update", "same_claim"}:
            assert len({figures[f]["claimant"] for f in check["figures"]}) == 1, check
        assert len({figures[f]["subject"] for f in check["figures"]}) == 1, check


def test_readme_counts_match_the_data():
    readme = (STORY / "README.md").read_text(encoding="utf-8")
    actual = {
        "articles": len(NAMES),
        "quotes": sum(len(key(name)["quotes"]) for name in NAMES),
        "figures": len(all_figures()),
        "persons": len({a["id"] for n in NAMES for a in key(n)["actors"] if a["kind"] == "person"}),
        "actors": len({a["id"] for n in NAMES for a in key(n)["actors"]}),
        "metrics": len({figure["metric"] for figure in all_figures().values()}),
    }
    for label, count in actual.items():
        assert re.search(rf"^- {label}: {count}$", readme, re.MULTILINE), (label, count)


def test_aliases_from_every_article_add_up_in_the_store(tmp_path):
    from db.importing import import_files

    conn = open_store(tmp_path / "story.db")
    import_files(conn, sorted(STORY.glob("*.key.json")))
    keyed: dict[str, set[str]] = {}
    for key in STORY.glob("*.key.json"):
        for actor in json.loads(key.read_text(encoding="utf-8"))["actors"]:
            keyed.setdefault(actor["id"], set()).update(actor.get("aliases", []))
    stored: dict[str, set[str]] = {}
    for actor_id, alias in conn.execute(
            "SELECT a.id, l.alias FROM actor_aliases l JOIN actors a ON a.pk = l.actor_pk"):
        stored.setdefault(actor_id, set()).add(alias)
    assert {k: v for k, v in keyed.items() if v} == stored
    conn.close()

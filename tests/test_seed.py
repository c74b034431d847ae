"""The bundled dataset against its article: every span verbatim, nothing left out."""

import re
import shutil

import pytest

from db.interchange import export_document
from db.store import open_store
from seed import BUNDLED_DATASET, SeedError, build_document, load_dataset

DOCUMENT = build_document(BUNDLED_DATASET)
TEXT = DOCUMENT["sources"][0]["text"]


def all_spans(document):
    for section in ("dates", "quotes", "figures", "events"):
        for record in document[section]:
            yield section, record["span"]
    for actor in document["actors"]:
        for role in actor["roles"]:
            yield "roles", role["span"]


def test_every_span_is_the_source_text_at_its_offsets(seeded):
    exported = export_document(seeded)
    text = exported["sources"][0]["text"]
    spans = list(all_spans(exported))
    assert len(spans) > 40
    for _, span in spans:
        assert text[span["start"]:span["end"]] == span["exact"]
        assert text[:span["start"]].endswith(span["prefix"])
        assert text[span["end"]:].startswith(span["suffix"])


def test_the_bundled_text_is_the_shared_seed_article():
    shared = BUNDLED_DATASET.parents[2] / "shared" / "seed" / "newsweek-2025-01-nk-troops-kursk.txt"
    if not shared.exists():
        pytest.skip("no shared/ beside this checkout")
    assert shared.read_text(encoding="utf-8") == TEXT


def test_counts_match_the_article():
    assert {section: len(DOCUMENT[section]) for section in ("quotes", "figures", "dates", "events")} == {
        "quotes": 12, "figures": 11, "dates": 15, "events": 11}


def test_one_quote_per_pair_of_quotation_marks():
    quoted = [(m.start(1), m.end(1)) for m in re.finditer(r'"([^"]*)"', TEXT)]
    assert TEXT.count('"') == 2 * len(quoted)
    assert sorted((q["span"]["start"], q["span"]["end"]) for q in DOCUMENT["quotes"]) == quoted


def covered(start, end, spans):
    return any(span["start"] <= start and end <= span["end"] for span in spans)


def test_every_number_in_the_text_is_a_figure_or_a_date():
    spans = [record["span"] for section in ("figures", "dates") for record in DOCUMENT[section]]
    numbers = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+(?:,\d{3})*", TEXT)]
    assert numbers
    missing = [number for number in numbers if not covered(number[0], number[1], spans)]
    assert missing == []


@pytest.mark.parametrize("words", ["a third", "half", "a battalion", "several"])
def test_number_words_are_figures(words):
    figure_spans = [figure["span"] for figure in DOCUMENT["figures"]]
    places = [m.start() for m in re.finditer(re.escape(words), TEXT, re.IGNORECASE)]
    assert any(covered(start, start + len(words), figure_spans) for start in places)


def test_every_date_word_in_the_text_is_a_date_expression():
    date_spans = [record["span"] for record in DOCUMENT["dates"]]
    pattern = (r"\b(January|February|March|April|May|June|July|August|September|October|November|"
               r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|"
               r"last month|summer)\b")
    found = [(m.start(), m.end(), m.group()) for m in re.finditer(pattern, TEXT)]
    assert len(found) >= 15
    assert [word for word in found if not covered(word[0], word[1], date_spans)] == []


def test_seed_dates_resolve_against_the_publication_day():
    dates = {record["id"]: record for record in DOCUMENT["dates"]}
    assert dates["d-fridman-episode-sunday"]["edtf"] == "2025-01-05"
    assert dates["d-fighting-friday-saturday"]["edtf"] == "2025-01-03/2025-01-04"
    assert dates["d-us-officials-late-december"]["edtf"] == "2024-12-21/2024-12-31"
    assert dates["d-us-officials-late-december"]["resolved_against"] == "2025-01-05"
    assert dates["d-zelensky-today"]["resolved_against"] == "2025-01-05"
    assert dates["d-arrived-october-2024"]["resolved_against"] is None


def test_the_named_actors_have_the_right_kinds(seeded):
    kinds = dict(seeded.execute("SELECT name, kind FROM actors"))
    assert kinds["Volodymyr Zelensky"] == "person"
    assert kinds["John Kirby"] == "person"
    assert kinds["Andriy Yermak"] == "person"
    assert kinds["Andriy Kovalenko"] == "person"
    assert kinds["Russia's Defense Ministry"] == "government_body"
    assert kinds["White House and Pentagon officials"] == "anonymous_group"
    assert kinds["U.S., Ukrainian and South Korean estimates"] == "collective"


def test_the_figures_the_story_turns_on():
    figures = {record["id"]: record for record in DOCUMENT["figures"]}
    deployed = figures["f-estimates-10000-12000-deployed"]
    assert (deployed["bound"], deployed["low"], deployed["high"], deployed["hedge"]) == (
        "range", 10000, 12000, "somewhere between")
    third = figures["f-zelensky-nearly-a-third-casualties"]
    assert (third["bound"], third["base"], third["unit"]) == ("fraction_of", "f-zelensky-12000-arrived", "fraction")
    assert figures["f-zelensky-up-to-a-battalion-lost"]["bound"] == "at_most"
    assert figures["f-newsweek-battalion-as-many-as-1000"]["high"] == 1000
    assert figures["f-us-officials-approximately-1000-casualties"]["as_of_date"] == "d-us-officials-late-december"


def test_loading_twice_gives_the_same_database(tmp_path):
    conn = open_store(tmp_path / "twice.db")
    load_dataset(conn)
    first = list(conn.iterdump())
    load_dataset(conn)
    assert list(conn.iterdump()) == first


def copy_dataset(tmp_path, replace: tuple[str, str]):
    folder = tmp_path / "dataset"
    shutil.copytree(BUNDLED_DATASET.parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    dataset = folder / BUNDLED_DATASET.name
    text = dataset.read_text(encoding="utf-8")
    assert replace[0] in text
    dataset.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return dataset


def test_a_span_missing_from_the_text_fails_loudly_and_writes_nothing(tmp_path, store):
    dataset = copy_dataset(tmp_path, ('span = "significant amount"', 'span = "significant amounts"'))
    with pytest.raises(SeedError, match="not found verbatim.*significant amounts"):
        load_dataset(store, dataset)
    assert store.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_an_ambiguous_span_must_say_which_occurrence(tmp_path):
    dataset = copy_dataset(tmp_path, ('span = "on December 27"\noccurrence = 1', 'span = "on December 27"'))
    with pytest.raises(SeedError, match="stands 2 times"):
        build_document(dataset)


def test_a_hedge_that_contradicts_its_bound_is_refused(tmp_path):
    dataset = copy_dataset(tmp_path, ('hedge = "as many as"', 'hedge = "more than"'))
    with pytest.raises(SeedError, match="at_least, not at_most"):
        build_document(dataset)

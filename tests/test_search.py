"""Search words matched against everything a row shows (db/search.py): the text, the speaker
or claimant by name or alias, the metric, the source's headline and publisher; every word
somewhere in the row, each a prefix, any case or accents; never an error on any input."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from db import paging, queries
from db import search as search_module
from db.interchange import apply_document
from db.paging import Reader, fetch_page
from db.queries import (
    FIGURES,
    QUOTES,
    TIMELINE,
    Filters,
    figures_count,
    figures_page,
    quotes_count,
    quotes_page,
    sources_count,
    sources_page,
    speakers,
    timeline_count,
    timeline_page,
)
from db.search import SEARCH_LIMIT, Phrase, _fold, _Keys, phrases, resolve, search_words, word_keys
from db.store import open_store
from db.synth import synthesize

SAMPLE = Path(__file__).parent / "data" / "hostile-sample.json"
PAGES = (timeline_page, quotes_page, figures_page, sources_page)
COUNTS = (timeline_count, quotes_count, figures_count, sources_count)


@pytest.fixture
def reader(seed_path):
    reader = Reader(seed_path)
    yield reader
    reader.close()


def figures(reader, words: str) -> list[tuple[str | None, str, str]]:
    return [(row.actor, row.metric, row.text) for row in figures_page(reader, Filters(search=words))]


# --- each field ----------------------------------------------------------------------------------

def test_a_claimant_s_name_finds_their_figures(reader):
    found = figures(reader, "Zelensky")
    assert found and {actor for actor, _, _ in found} == {"Volodymyr Zelensky"}
    assert not any("zelensky" in text.lower() for _, _, text in found)  # not in the words themselves


def test_an_alias_finds_its_actor(reader):
    assert figures(reader, "zelenskyy") == figures(reader, "Zelensky")
    assert {row.actor for row in quotes_page(reader, Filters(search="Yermak"))} == {"Andriy Yermak"}


def test_a_metric_word_finds_its_figures(reader):
    found = figures(reader, "casualties")
    assert found and all("casualties" in metric for _, metric, _ in found)
    assert figures_count(reader, Filters(search="casualties")) == len(found)


def test_a_publisher_or_headline_finds_the_source_s_claims(seed_path, reader):
    conn = open_store(seed_path)
    apply_document(conn, {"sources": [{"id": "wire", "title": "Pyongyang's losses mount", "publisher": "Wirehouse",
                                       "text": "They lost 40 men."}],
                          "actors": [{"id": "desk", "name": "A desk", "kind": "organisation"}],
                          "quotes": [{"id": "q-wire", "speaker": "desk", "text": "They lost 40 men.",
                                      "source": "wire", "said": "2025-01-09"}]})
    conn.close()
    for words in ("wirehouse", "pyongyang", "LOSSES"):
        assert [row.text for row in quotes_page(reader, Filters(search=words))] == ["They lost 40 men."], words


def test_the_text_still_matches(reader):
    assert [row.text for row in quotes_page(reader, Filters(search="resuscitated"))] == [
        "seriously wounded and could not be resuscitated."]


# --- words combined -------------------------------------------------------------------------------

def test_every_word_must_match_somewhere_in_the_row(reader):
    both = figures(reader, "zelensky casualties")
    assert both and all(actor == "Volodymyr Zelensky" and "casualties" in metric for actor, metric, _ in both)
    assert set(both) == set(figures(reader, "Zelensky")) & set(figures(reader, "casualties"))
    assert figures(reader, "kirby casualties zelensky") == []


def test_words_in_any_order_case_or_accents(reader):
    expected = figures(reader, "zelensky casualties")
    assert figures(reader, "CASUALTIES Zelenský") == expected
    assert figures(reader, "casu zel") == expected  # prefixes


def test_north_korean_is_found_in_the_figures_pane(reader):
    """The motivating bug: words on screen in the Figures pane found nothing."""
    found = figures(reader, "North Korean")
    assert len(found) == figures_count(reader, Filters(search="North Korean")) > 0
    assert all("north korean" in f"{metric} {text}".lower() for _, metric, text in found)


def test_speaker_facet_counts_the_same_matches(reader):
    facet = {count.name: count.claims for count in speakers(reader, kind="quote", search="zelensky")}
    # Yermak's alias is "Zelensky's chief aide"
    assert facet == {"Volodymyr Zelensky": 4, "Andriy Yermak": 1}
    assert sum(facet.values()) == quotes_count(reader, Filters(search="zelensky"))


def test_sources_count_the_claims_that_match(reader):
    (source,) = sources_page(reader, Filters(search="zelensky"))
    assert source.figures == figures_count(reader, Filters(search="zelensky"))


def test_a_resolved_search_is_read_again_after_the_store_changes(seed_path, reader):
    assert figures(reader, "Zaluzhny") == []
    conn = open_store(seed_path)
    conn.execute("UPDATE actors SET name = 'Valerii Zaluzhny' WHERE name = 'Volodymyr Zelensky'")
    conn.commit()
    conn.close()
    assert {actor for actor, _, _ in figures(reader, "Zaluzhny")} == {"Valerii Zaluzhny"}


# --- the strategies agree -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("search") / "synth.db"
    conn = open_store(path)
    synthesize(conn, 1500, seed=5)
    conn.close()
    return path


def expected_pks(path: Path, words: str) -> set[int]:
    """The claims the words match, worked out in Python from every field a row shows."""
    conn = sqlite3.connect(path)
    rows = conn.execute("""SELECT c.pk, c.text, a.name, src.title, src.publisher, f.metric,
                                  (SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_pk = a.pk)
                           FROM claims c JOIN sources src ON src.pk = c.source_pk
                           LEFT JOIN actors a ON a.pk = c.actor_pk LEFT JOIN figures f ON f.claim_pk = c.pk
                           WHERE c.review <> 'rejected'""").fetchall()
    conn.close()
    wanted = phrases(words)
    found = set()
    for pk, *fields in rows:
        keys = word_keys([field or "" for field in fields[:5]] + (fields[5] or "").split(" | "))
        if all(any(phrase.in_key(key) for key in keys) for phrase in wanted):
            found.add(pk)
    return found


@pytest.mark.parametrize("words", ["troops", "drones", "the", "press", "killed", "kov", "a troops", "news drones",
                                   "killed kov"])
@pytest.mark.parametrize(("listing", "kind"), [(TIMELINE, None), (QUOTES, "quote"), (FIGURES, "figure")])
def test_rare_common_and_shared_clauses_find_the_same_claims(synthetic, words, listing, kind):
    """As each listing applies the words: quotes without the metrics, which only figures have."""
    reader = Reader(synthetic)
    try:
        resolved = resolve(reader, words)
        assert resolved is not None
        search = resolved.of_kind(kind)
        expected = expected_pks(synthetic, words)
        found = {}
        for strategy in ("rare", "common", "shared"):
            clauses, params = search.clauses(strategy)
            tables, table_params = search.text_tables() if strategy == "shared" else ("", [])
            rows = fetch_page(reader, replace(listing, common_table=tables), [*clauses, "c.review <> 'rejected'"],
                              table_params + params, limit=100_000)
            found[strategy] = [row["pk"] for row in rows]
        assert found["rare"] == found["common"] == found["shared"]
        every = {row["pk"] for row in fetch_page(reader, listing, ["c.review <> 'rejected'"], [], limit=100_000)}
        assert set(found["rare"]) == expected & every
    finally:
        reader.close()


@pytest.mark.parametrize("words", ["troops drones", "the press"])
@pytest.mark.parametrize("page", [timeline_page, quotes_page, figures_page])
def test_a_walk_that_runs_out_of_time_reads_the_matches_instead(synthetic, monkeypatch, words, page):
    """Words common apart walk the listing's index; a walk past its time reads their matches
    and sorts them, which gives the same pages."""
    reader = Reader(synthetic)
    try:
        monkeypatch.setattr(search_module, "COMMON_MATCHES", 3)  # every word common: the pages walk
        walked = page_keys(reader, page, Filters(search=words))
        choices = []
        listing_filters = queries._listing_filters

        def chosen(*args, **kwargs):
            choice = listing_filters(*args, **kwargs)
            choices.append((choice.search_walked, kwargs.get("read_matches", False)))
            return choice

        monkeypatch.setattr(queries, "_listing_filters", chosen)
        monkeypatch.setattr(queries, "SEARCH_WALK_SECONDS", 0)
        monkeypatch.setattr(paging, "STOP_CHECK_STEPS", 50)  # a look at the clock every 50 steps
        assert page_keys(reader, page, Filters(search=words)) == walked and walked
        # A figures listing reads by pk anyway when a word names a metric (Search.strategy).
        assert choices[0] == ((False, False) if page is figures_page and words == "troops drones" else (True, False))
        pages = -(-len(walked) // 7) + 1  # the last one empty
        if choices[0] == (False, False):
            assert choices == [(False, False)] * pages
        else:  # each walk given up, its matches read
            assert choices == [(True, False), (False, True)] * pages
    finally:
        reader.close()


LOOKUP_WORDS = ["killed", "korean", "casualties", "drones", "artillery", "captured", "troops", "kov", "the", "news",
                "kill", "sold", "russ", "ukr", "troops,", "KILLED", "zzqx", "a"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(LOOKUP_WORDS), min_size=1, max_size=2).map(" ".join),
       speaker=st.sampled_from([None, 0, 5]), sort=st.sampled_from(["", "speaker", "text", "date", "kind"]),
       descending=st.booleans(), common=st.sampled_from([3, 60, search_module.COMMON_MATCHES]),
       lookup_cost=st.sampled_from([0, 1, search_module.TEXT_LOOKUP_COST]))
@example(words="troops", speaker=None, sort="", descending=False, common=3, lookup_cost=0)  # a walk
@example(words="drones troops", speaker=None, sort="text", descending=True, common=2000, lookup_cost=1)  # a rare lead
@example(words="troops news", speaker=0, sort="speaker", descending=False, common=60, lookup_cost=0)
def test_claims_looked_up_one_by_one_give_the_pages_the_listed_matches_gave(
        synthetic, words, speaker, sort, descending, common, lookup_cost):
    """A few claims tested each look up their figure by pk, and their text by rowid for a word's
    terms (Word.test's ``few_tested`` and ``text_looked_up``), rather than test them against the
    list of the word's matches read first: the same rows, in the same order, on every page and
    in every count, as those lists gave."""
    listed_test = search_module.Word.test
    reader = Reader(synthetic)
    with pytest.MonkeyPatch.context() as patch:  # undone after each example
        patch.setattr(search_module, "COMMON_MATCHES", common)  # walks, rare words, or as shipped
        patch.setattr(search_module, "TEXT_LOOKUP_COST", lookup_cost)  # 0: every text looked up it can be
        actors = [pk for (pk,) in reader.rows("SELECT actor_pk FROM claims GROUP BY actor_pk ORDER BY count(*) DESC")]
        filters = Filters(search=words, speaker_pks=() if speaker is None else (actors[speaker],), sort=sort,
                          descending=descending)

        def every_page_and_count() -> list[tuple[list, int]]:
            search_module._caches.clear()
            return [(page_keys(reader, page, filters, 60), count(reader, filters))
                    for page, count in zip(PAGES, COUNTS, strict=True)]

        try:
            looked_up = every_page_and_count()
            patch.setattr(search_module.Word, "test", lambda word, text_table=None, **_: listed_test(word, text_table))
            listed = every_page_and_count()
        finally:
            reader.close()
    assert looked_up == listed
    assert any(keys for keys, _ in listed) or not any(total for _, total in listed)


def page_keys(reader, page, filters, limit: int = 7) -> list:
    """Every row's key, page after page."""
    keys, rows = [], page(reader, filters, limit=limit)
    while rows:
        keys += [row.key for row in rows]
        rows = page(reader, filters, after=rows[-1].key, limit=limit)
    return keys


def test_a_quote_is_not_searched_by_metric(synthetic):
    reader = Reader(synthetic)
    try:
        search = resolve(reader, "killed")
        assert search is not None
        (word,) = search.words
        assert word.metrics and word.matches > word.matches_besides_metrics
        assert search.of_kind("figure") == search.of_kind(None) == search
        (quoted,) = search.of_kind("quote").words
        assert quoted.metrics == () and quoted.matches == word.matches_besides_metrics
        assert quoted.actor_pks == word.actor_pks and quoted.source_pks == word.source_pks
    finally:
        reader.close()


# --- never an error ---------------------------------------------------------------------------------

def sample_values() -> list[str]:
    values = []
    for entry in json.loads(SAMPLE.read_text(encoding="utf-8")):
        if "value" in entry:
            values.append(entry["value"])
        elif "repeat" in entry:
            values.append(entry["repeat"] * entry["times"] + entry.get("suffix", ""))
        else:
            values.append("\n".join(entry["line_template"].format(i=i) for i in range(entry["count"])))
    return values


HOSTILE = sample_values()


def storable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(value) <= 5_000


@pytest.fixture(scope="module")
def hostile_reader(tmp_path_factory):
    """Every sample string as an actor's name and alias, a metric, a source's headline and
    publisher, and a quote."""
    path = tmp_path_factory.mktemp("hostile-search") / "hostile.db"
    conn = open_store(path)
    values = [value for value in HOSTILE if storable(value) and value.strip()]
    numbered = list(enumerate(values))
    apply_document(conn, {
        "sources": [{"id": f"s{n}", "title": value, "publisher": value, "text": value} for n, value in numbered],
        "actors": [{"id": f"a{n}", "name": value, "kind": "person", "aliases": [value]} for n, value in numbered],
        "quotes": [{"id": f"q{n}", "speaker": f"a{n}", "text": value, "source": f"s{n}"} for n, value in numbered],
        "figures": [{"id": f"f{n}", "claimant": f"a{n}", "metric": value, "text": "1", "value": 1, "bound": "exact",
                     "unit": "persons", "source": f"s{n}"} for n, value in numbered],
    })
    conn.close()
    reader = Reader(path)
    yield reader
    reader.close()


def search_everywhere(reader: Reader, words: str) -> None:
    filters = Filters(search=words)
    for page in PAGES:
        page(reader, filters)
    for count in COUNTS:
        count(reader, filters)
    speakers(reader, kind="quote", search=words)
    for phrase in phrases(words):
        phrase.spans(words)


SEARCHES = HOSTILE + ['"', "don't", "AND", "(cat", "well-known", "", "   ", "a\nb", "*", "-"]


# Ids by index and length: some samples are a megabyte of one character.
@pytest.mark.parametrize("words", SEARCHES, ids=[f"{index}-{len(words)}" for index, words in enumerate(SEARCHES)])
def test_hostile_searches_never_raise(hostile_reader, words):
    search_everywhere(hostile_reader, words)


def test_a_search_reads_its_first_characters_only():
    typed = "kim " * (SEARCH_LIMIT // 4) + "zelensky"
    assert search_words(typed) == ["kim"] * (SEARCH_LIMIT // 4)
    assert search_words("x" * (SEARCH_LIMIT + 5)) == ["x" * SEARCH_LIMIT]
    assert search_words(typed[-SEARCH_LIMIT:])[-1] == "zelensky"


def test_a_hostile_name_is_found_by_its_words(hostile_reader):
    assert {row.actor for row in quotes_page(hostile_reader, Filters(search="SPACECLICK"))} == {
        "[ @click=app.pwned('SPACE')]SPACECLICK"}


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_searches_without_error(hostile_reader, words):
    search_everywhere(hostile_reader, words)


# --- the matcher behind names and highlights ---------------------------------------------------------

@pytest.mark.parametrize(("typed", "text", "spans"), [
    ("zel", "Volodymyr Zelensky", [(10, 13)]),
    ("ZELENSKÝ", "Zelensky and Zelenskyy", [(0, 8), (13, 21)]),
    ("zelensky", "Зеленський, Zelenský", [(12, 20)]),
    ("well-known", "a well known, well-known cat", [(2, 12), (14, 24)]),
    ("don't", "I don't know", [(2, 7)]),
    ("kor", "north-korean Korea", [(6, 9), (13, 16)]),
    ("rean", "north-korean", []),
])
def test_phrase_spans_mark_what_matched(typed, text, spans):
    assert Phrase(typed).spans(text) == spans


def token_window_spans(phrase: Phrase, text: str) -> list[tuple[int, int]]:
    """What ``Phrase.spans`` means, one character and one run of words at a time: where the
    phrase's words stand as consecutive words of the folded text, the last one a prefix."""
    parts = [(index, part) for index, char in enumerate(text) for part in _fold(char)]
    folded = "".join(part for _, part in parts)
    tokens = [(match.start(), match.group()) for match in re.finditer(r"[^\W_]+", folded)]
    wanted = phrase.needle.split()
    found = []
    for at in range(len(tokens) - len(wanted) + 1):
        window = [token for _, token in tokens[at:at + len(wanted)]]
        if window[:-1] == wanted[:-1] and window[-1].startswith(wanted[-1]):
            last = tokens[at + len(wanted) - 1][0] + len(wanted[-1]) - 1
            found.append((parts[tokens[at][0]][0], parts[last][0] + 1))
    return found


TRICKY = st.text(alphabet="aAbB ß-_\n’éĖﬁİ\u0301Ωω1.", max_size=40)


@given(typed=st.text(alphabet="aAbBß-’éﬁİω1", min_size=1, max_size=6), text=TRICKY)
def test_phrase_spans_are_every_run_of_the_words_in_the_folded_text(typed, text):
    phrase = Phrase(typed)
    assert phrase.spans(text) == (token_window_spans(phrase, text) if phrase else [])


def test_nothing_searchable_is_no_phrase():
    assert phrases("  - * \" ") == [] and not Phrase("--")


NAME_WORDS = st.sampled_from(["Kim", "kim", "Kimberly", "Ju", "Jung", "Un", "of", "the", "Zoë", "zoe", "O'Brien",
                              "well-known", "A", "ab", "b"])


@given(names=st.lists(st.lists(NAME_WORDS, min_size=1, max_size=4).map(" ".join), max_size=12),
       typed=st.lists(NAME_WORDS, min_size=1, max_size=2).map(" ".join))
def test_names_holding_a_phrase_are_found_in_the_joined_keys_as_one_by_one(names, typed):
    for word in typed.split():
        phrase = Phrase(word)
        keys = word_keys(names) if names else []
        owners = list(range(len(keys)))
        assert _Keys(keys, owners).named_by(phrase) == [owner for owner, key in zip(owners, keys, strict=True)
                                                        if phrase.in_key(key)]

"""The rule-based extractor (extract.extract_article) and its scorer (extract.evaluate).

Labelled examples live in tests/data/articles: NAME.txt (an original, fictional article)
and NAME.key.json (its hand-made answer key, an interchange document). The *-heldout
articles were written and keyed after the rules were drafted and were first scored
before any rule was changed for them; their first-run scores are noted below.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from db.interchange import apply_document, validate_document
from db.spans import make_span
from db.speakers import known_actors
from db.store import open_store
from db.values import value_problem
from extract import EvalReport, KnownActor, evaluate, extract_article, figure_checks, format_table, match_records
from extract.dates import _DATE_PATTERNS
from extract.evaluate import story_names
from extract.figures import (
    _FORMATION_ANCHOR,
    _FORMATION_RE,
    _FRACTION_CORE,
    _FRACTION_RE,
    _NUMBER_ANCHOR,
    _NUMBER_RE,
    _NUMBER_START,
    _VAGUE_ANCHOR,
    _VAGUE_RE,
    MAX_NUMBERS,
)
from extract.letters import find_letters
from extract.text import (
    MAX_SENTENCE,
    anchored_matches,
    cored_matches,
    find_paragraphs,
    find_quotes,
    find_sentences,
    sentence_of,
    sentences_of,
)
from seed import BUNDLED_DATASET, build_document, load_dataset

ARTICLES = Path(__file__).parent / "data" / "articles"
NAMES = sorted(path.name.removesuffix(".key.json") for path in ARTICLES.glob("*.key.json"))
# Held-out articles: written and keyed after the rules, never tuned for; scored apart from the rest.
HOLDOUT_NAMES = [name for name in NAMES if "heldout" in name or "holdout" in name]
TUNED_NAMES = [name for name in NAMES if name not in HOLDOUT_NAMES]
SEED_PUBLISHED = datetime.date(2025, 1, 5)


@cache
def seed_key() -> dict:
    return build_document(BUNDLED_DATASET)


@cache
def seed_proposal() -> dict:
    return extract_article(seed_key()["sources"][0]["text"], published=SEED_PUBLISHED, publisher="Newsweek")


@cache
def article_key(name: str) -> dict:
    return json.loads((ARTICLES / f"{name}.key.json").read_text(encoding="utf-8"))


@cache
def article_proposal(name: str) -> dict:
    source = article_key(name)["sources"][0]
    assert (ARTICLES / f"{name}.txt").read_text(encoding="utf-8") == source["text"]
    return extract_article(source["text"], published=datetime.date.fromisoformat(source["published"]),
                           publisher=source.get("publisher"), title=source.get("title"))


def all_documents() -> list[tuple[str, dict]]:
    return [("seed", seed_proposal())] + [(name, article_proposal(name)) for name in NAMES]


# --- the seed article -------------------------------------------------------------------------

def test_every_seed_quote_and_figure_is_found():
    report = evaluate(seed_key(), seed_proposal())
    assert report.quotes.missed == [] and report.quotes.recall == 1.0
    assert report.figures.missed == [] and report.figures.recall == 1.0


def test_regression_guard_scores_on_the_seed_article():
    # Measured: every score 1.000 (12/12 quotes, 11/11 figures, 15/15 dates, all speakers,
    # bounds and resolutions right). Pinned one record below that.
    report = evaluate(seed_key(), seed_proposal())
    print(format_table(report))
    assert report.quotes.accuracy >= 11 / 12
    assert report.quotes.precision >= 11 / 12
    assert report.figures.precision >= 10 / 11
    assert report.figures.accuracy >= 10 / 11
    assert report.dates.recall >= 14 / 15
    assert report.dates.precision >= 14 / 15
    assert report.dates.accuracy >= 14 / 15


def test_seed_fraction_gets_its_base_figure():
    proposal = seed_proposal()
    fraction = next(f for f in proposal["figures"] if f["text"] == "Nearly a third")
    assert fraction["bound"] == "fraction_of" and fraction["hedge"] == "Nearly"
    base = next(f for f in proposal["figures"] if f["id"] == fraction["base"])
    assert base["text"] == "12,000" and base["claimant_name"] == fraction["claimant_name"] == "Volodymyr Zelensky"


def test_seed_attribution_details():
    proposal = seed_proposal()
    def quote(start):
        return next(q for q in proposal["quotes"] if q["text"].startswith(start))
    assert quote("lost up to a battalion")["said_text"] == "On Saturday evening"
    assert quote("North Korean soldiers taking")["said_text"] == "on December 27"
    assert quote("several")["said_text"] == "last month"
    battalion = next(f for f in proposal["figures"] if f["text"] == "up to a battalion")
    assert (battalion["bound"], battalion["high"], battalion["unit"]) == ("at_most", 1.0, "battalion")
    assert battalion["as_of_text"] == "across Friday and Saturday"
    actors = {a["name"]: a for a in proposal["actors"]}
    assert actors["John Kirby"]["role"] == "White House National Security Communications adviser"
    assert actors["White House and Pentagon officials"]["kind"] == "anonymous_group"
    assert actors["U.S., Ukrainian and South Korean estimates"]["kind"] == "collective"
    assert actors["Russia's Defense Ministry"]["kind"] == "government_body"
    assert "Zelensky" in actors["Volodymyr Zelensky"]["aliases"]


# --- the labelled examples ------------------------------------------------------------------

# Thresholds: what the extractor scores now, less one record per score (so one regression
# in a score fails only if it is the second). "now" is 1.000 everywhere except the one
# unresolved date in refinery-strikes-heldout ("until March" means March 2025; the
# resolver reads every date as on or before publication: 8/9).
# First-run scores of the held-out articles, before any rule was changed for them:
#   refinery-strikes-heldout: quotes 5/5 (speakers 5/5), figures recall 9/11, bounds 8/9,
#     dates 9/9 (resolved 8/9)
#   brigade-front-heldout: quotes 6/6 (speakers 2/6), figures 11/11 (bounds 11/11),
#     dates 5/5 with one extra (precision 5/6)
#   aid-vote-heldout: quotes 6/6 (speakers 6/6), figures 13/13 with one extra (precision
#     13/14, bounds 11/13), dates 5/5
#   Round sixteen: a rule that read vote tallies as no figures failed aid-vote-heldout's guard and
#   was dropped (its result seen, its text unread), so that article now validates rules as well.
RESOLVED_NOW = {"refinery-strikes-heldout": 8 / 9}
# dam-strike-holdout was written and keyed by another engineer after the extractor was
# finished, and no rule has been changed for it. What it scores (the honest figure):
# quotes 8/8, speakers 6/8 (an unnamed "U.N. humanitarian office" spokesperson; a
# resident's quote given to the previous speaker), figures recall 10/11 ("at least two
# weeks" missed), precision 10/14 (an age and counts of buckets and floors proposed), dates 5/5.
MEASURED = {"dam-strike-holdout": {"speaker": 6 / 8, "figure_precision": 10 / 14, "figure_recall": 10 / 11}}


def _less_one(count: int, measured: float = 1.0) -> float:
    return measured - 1 / count if count > 1 else measured


@pytest.mark.parametrize("name", TUNED_NAMES)
def test_regression_guard_scores_on_tuned_articles(name):
    """The rules were tuned on these: a drop here is a regression, not a measurement."""
    _assert_scores(name)


@pytest.mark.parametrize("name", HOLDOUT_NAMES)
def test_holdout_article_scores(name):
    """Never tuned for: these scores are the honest measure of the extractor."""
    _assert_scores(name)


def test_tuned_and_holdout_articles_are_both_there():
    assert TUNED_NAMES and HOLDOUT_NAMES


def _assert_scores(name: str) -> None:
    key = article_key(name)
    report = evaluate(key, article_proposal(name))
    print(name)
    print(format_table(report))
    measured = MEASURED.get(name, {})
    for kind in ("quotes", "figures", "dates"):
        score = getattr(report, kind)
        assert score.key >= 5, "each example labels at least five of each kind"
        recall = measured.get("figure_recall", 1.0) if kind == "figures" else 1.0
        precision = measured.get("figure_precision", 1.0) if kind == "figures" else 1.0
        assert score.recall >= _less_one(score.key, recall), (kind, score.missed)
        assert score.precision >= _less_one(score.proposed, precision), (kind, score.spurious)
    assert report.quotes.accuracy >= _less_one(report.quotes.matched, measured.get("speaker", 1.0)), \
        report.quotes.wrong
    assert report.figures.accuracy >= _less_one(report.figures.matched), report.figures.wrong
    assert report.dates.accuracy >= _less_one(report.dates.matched, RESOLVED_NOW.get(name, 1.0)), report.dates.wrong


def test_there_are_enough_labelled_examples():
    assert len(NAMES) >= 4
    for name in NAMES:
        words = len(article_key(name)["sources"][0]["text"].split())
        assert 250 <= words <= 600, (name, words)


@pytest.mark.parametrize("name", NAMES)
def test_answer_keys_are_exact(name):
    key = article_key(name)
    text = key["sources"][0]["text"]
    validate_document(key)
    for section in ("dates", "quotes", "figures"):
        for record in key[section]:
            span = record["span"]
            assert text[span["start"]:span["end"]] == span["exact"] == (record.get("text") or span["exact"])
            assert span == make_span(text, span["start"], span["end"])


# --- every proposal is a valid, idempotent document -----------------------------------------

def _spans(document: dict):
    for section in ("dates", "quotes", "figures", "events"):
        for record in document[section]:
            yield record["span"]
    for actor in document["actors"]:
        for role in actor["roles"]:
            yield role["span"]


@pytest.mark.parametrize("name", ["seed", *NAMES])
def test_every_span_is_the_text_at_its_offsets_and_the_document_validates(name):
    document = dict(all_documents())[name]
    text = document["sources"][0]["text"]
    for span in _spans(document):
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert span == make_span(text, span["start"], span["end"])
    validate_document(document)
    for section in ("quotes", "figures", "dates"):
        for record in document[section]:
            assert 0.0 <= record["confidence"] <= 1.0
            assert record["id"].startswith(document["sources"][0]["id"] + "/")
            assert record["id"].endswith(f"/{record['span']['start']}-{record['span']['end']}")


@pytest.mark.parametrize("name", ["seed", *NAMES])
def test_applying_twice_to_a_fresh_store_changes_nothing(name, tmp_path):
    document = dict(all_documents())[name]
    conn = open_store(tmp_path / "x.db")
    counts = apply_document(conn, copy.deepcopy(document))
    assert counts["quotes"] == len(document["quotes"]) and counts["figures"] == len(document["figures"])
    first = list(conn.iterdump())
    apply_document(conn, copy.deepcopy(document))
    assert list(conn.iterdump()) == first
    conn.close()


def test_the_source_record_and_stable_ids():
    text = seed_key()["sources"][0]["text"]
    one = extract_article(text, published=SEED_PUBLISHED, publisher="Newsweek", title="T", url="https://x.test/a")
    two = extract_article(text, published=SEED_PUBLISHED, publisher="Newsweek", title="T", url="https://x.test/a")
    assert one == two
    source = one["sources"][0]
    assert source["id"].startswith("newsweek-2025-01-05-")
    assert (source["text"], source["publisher"], source["title"], source["url"], source["published"]) == (
        text, "Newsweek", "T", "https://x.test/a", "2025-01-05")
    other = extract_article(text + " ", published=SEED_PUBLISHED, publisher="Newsweek")
    assert other["sources"][0]["id"] != source["id"]
    named = extract_article(text, published=SEED_PUBLISHED, publisher="Newsweek", source_id="my-source")
    assert named["quotes"][0]["id"].startswith("my-source/q/")
    assert set(one) == {"sources", "actors", "dates", "quotes", "figures", "events", "links", "metrics"}
    assert one["events"] == [] and one["links"] == []


def test_known_actors_are_matched_and_not_repeated(tmp_path):
    conn = open_store(tmp_path / "seeded.db")
    load_dataset(conn)
    known = known_actors(conn)
    assert KnownActor("john-kirby", "John Kirby", "person", ("Admiral John Kirby", "Kirby")) in known
    document = extract_article(seed_key()["sources"][0]["text"], published=SEED_PUBLISHED,
                               publisher="Newsweek", known=known)
    known_ids = {actor.id for actor in known}
    assert {q["speaker"] for q in document["quotes"]} <= known_ids
    assert not {a["id"] for a in document["actors"]} & known_ids
    validate_document(document, conn)
    apply_document(conn, document)
    before = list(conn.iterdump())
    apply_document(conn, document)
    assert list(conn.iterdump()) == before
    conn.close()


def test_a_speaker_is_matched_to_a_known_alias():
    known = [KnownActor("v-z", "Volodymyr Zelenskyy", "person", ("Zelensky",))]
    text = 'Kyiv will hold, Zelensky said on Friday. "We will not give up," he added.'
    document = extract_article(text, published=SEED_PUBLISHED, publisher="Example", known=known)
    assert [(q["speaker"], q["speaker_name"]) for q in document["quotes"]] == [("v-z", "Volodymyr Zelenskyy")]
    assert all(a["id"] != "v-z" for a in document["actors"])


# --- patterns, one at a time ----------------------------------------------------------------

def _speakers(text: str) -> list[tuple[str, str]]:
    document = extract_article(text, published=SEED_PUBLISHED, publisher="Example Wire")
    return [(q["text"], q["speaker_name"]) for q in document["quotes"]]


@pytest.mark.parametrize("text, expected", [
    ('"We will win," said Maria Kowalski, a spokeswoman for the ministry.',
     [("We will win,", "Maria Kowalski")]),
    ('Defense Minister Taras Bondar said: "The line holds."', [("The line holds.", "Taras Bondar")]),
    ('"It is clear," Kirby said, "that the attack failed."\n\nJohn Kirby, a spokesman, spoke on Monday.',
     [("It is clear,", "John Kirby"), ("that the attack failed.", "John Kirby")]),
    ('The mayor, Ivan Petrenko, told reporters that the city was "calm but ready."',
     [("calm but ready.", "Ivan Petrenko")]),
    ('Kyiv\'s army chief, Oleksandr Syrskyi, said the enemy was "exhausted."',
     [("exhausted.", "Oleksandr Syrskyi")]),
    ('In a statement, Russia\'s Defense Ministry said it had "repelled" the attack.',
     [("repelled", "Russia's Defense Ministry")]),
    ('Two Western officials said the talks had "stalled." "Nothing moves," one of the officials said.',
     [("stalled.", "Two Western officials"), ("Nothing moves,", "Two Western officials")]),
    ('Ukrainian President Volodymyr Zelensky spoke on Sunday. The Ukrainian leader said the front was "stable."',
     [("stable.", "Volodymyr Zelensky")]),
    ('The unit is "ready", according to Gen. Mykola Shevchuk.', [("ready", "Mykola Shevchuk")]),
    ('Lt. Col. Serhiy Tkach, the general\'s spokesman, spoke later. "We hold," the spokesman said.',
     [("We hold,", "Serhiy Tkach")]),
    ('Anna Berg, an analyst, wrote:\n\n"The first part.\n\n"The second part," she said.',
     [("The first part.", "Anna Berg"), ("The second part,", "Anna Berg")]),
    ('\u201cWe are ready,\u201d said Col. Dmytro Lysenko.', [("We are ready,", "Dmytro Lysenko")]),
    ('The word "ceasefire" appears nowhere in the text.', [("ceasefire", "Example Wire")]),
])
def test_attribution_patterns(text, expected):
    assert _speakers(text) == expected


def _figures(text: str) -> list[tuple]:
    document = extract_article(text, published=SEED_PUBLISHED, publisher="Example Wire")
    return [(f["text"], f["bound"], f["value"], f["low"], f["high"], f["unit"]) for f in document["figures"]]


@pytest.mark.parametrize("text, expected", [
    ("Estimates put the number somewhere between 10,000 and 12,000.",
     [("somewhere between 10,000 and 12,000", "range", None, 10000, 12000, "count")]),
    ("Moscow lost up to a battalion.", [("up to a battalion", "at_most", None, None, 1, "battalion")]),
    ("Nearly a third of the soldiers were wounded.",
     [("Nearly a third", "approx", 1 / 3, None, None, "fraction")]),
    ("Two dozen vessels and more than half of the crews waited.",
     [("Two dozen", "exact", 24, None, None, "vessels"), ("more than half", "at_least", None, 0.5, None, "fraction")]),
    ("At least 27,000 dead and as many as 1,000 soldiers.",
     [("At least 27,000", "at_least", None, 27000, None, "persons"),
      ("as many as 1,000", "at_most", None, None, 1000, "persons")]),
    ("They advanced 5-7 kilometers and evacuated 150 to 200 residents.",
     [("5-7", "range", None, 5, 7, "kilometers"), ("150 to 200", "range", None, 150, 200, "persons")]),
    ('Kyiv captured "several" North Korean soldiers from several directions.',
     [("several", "at_least", None, 2, None, "persons")]),
    ("A $1.2 billion loan covers 40% of the cost.",
     [("$1.2 billion", "exact", 1.2e9, None, None, "US dollars"), ("40%", "exact", 40, None, None, "percent")]),
    ("Su-34 and F-16 jets flew for three days in 2022; the two sides met on the 3rd floor.", []),
    ("One in five survived; one village fell.", [("One in five", "approx", 0.2, None, None, "fraction")]),
    ("Tens of thousands of people fled.", [("Tens of thousands of", "at_least", None, 20000, None, "persons")]),
])
def test_figure_patterns(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("printed, edtf", [
    ("on Sunday", "2025-01-05"), ("On Saturday evening", "2025-01-04"), ("across Friday and Saturday",
     "2025-01-03/2025-01-04"), ("last month", "2024-12"), ("in late December", "2024-12-21/2024-12-31"),
    ("on December 27", "2024-12-27"), ("December 21-22, 2024", "2024-12-21/2024-12-22"), ("Today", "2025-01-05"),
    ("yesterday", "2025-01-04"), ("in October 2024", "2024-10"), ("in the late summer", "2024-08-01/2024-08-31"),
    ("mid-March", "2024-03-11/2024-03-20"), ("last week", "2024-12-23/2024-12-29"), ("in 2022", "2022"),
    ("two weeks ago", "2024-12-22"), ("last Sunday", "2024-12-29"), ("on Dec. 3", "2024-12-03"),
    ("in the spring of 2023", "2023-03-01/2023-05-31"),
])
def test_date_expressions(printed, edtf):
    document = extract_article(f"Officials met {printed} to talk.", published=SEED_PUBLISHED)
    assert [(d["text"], d["edtf"]) for d in document["dates"]] == [(printed, edtf)]


# --- never raises, spans always valid -------------------------------------------------------

NEWSY = st.sampled_from([
    '"', "\u201c", "\u201d", "'", "\u2019", ",", ".", ":", "\n", "\n\n", " ", "said", "Kirby", "John Kirby,",
    "the official", "he", "It", "according to", "3,800", "12", "between", "and", "to", "-", "December", "27",
    "Sunday", "on", "in", "late", "a third", "half", "roughly", "up to", "a battalion", "several", "soldiers",
    "$", "%", "2024", "May", "one", "two-thirds", "Its", "Defense Ministry", "Gen.", "U.S.", "Mr.", "\x00",
    "\x02", "\x03", "\r", "\u2028", "\u00e9", "\u65e5\u672c", "tens of thousands of", "dozens", "more",
    "last week", "ago", "two", "weeks", "call sign", "of the", "spokesman", "told", "[", "]", "Today",
])


def _check(text: str) -> None:
    document = extract_article(text, published=SEED_PUBLISHED, publisher="P")
    for span in _spans(document):
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["exact"]
    validate_document(document)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_text(text):
    _check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSY, max_size=60).map(" ".join))
def test_never_raises_on_news_like_text(text):
    _check(text)


# --- the scorer ---------------------------------------------------------------------------

TEXT = 'Kirby said "we will win" and that 3,000 soldiers left on Sunday.'


def _tiny(**changes) -> dict:
    """A one-quote, one-figure, one-date document over TEXT."""
    def span(words):
        start = TEXT.index(words)
        return make_span(TEXT, start, start + len(words))
    document = {
        "sources": [{"id": "s", "text": TEXT, "published": "2025-01-05"}],
        "actors": [{"id": "john-kirby", "name": "John Kirby", "kind": "person", "aliases": ["Kirby"]}],
        "dates": [{"id": "d", "text": "on Sunday", "edtf": "2025-01-05", "source": "s", "span": span("on Sunday")}],
        "quotes": [{"id": "q", "speaker": "john-kirby", "speaker_name": "John Kirby", "text": "we will win",
                    "source": "s", "span": span("we will win")}],
        "figures": [{"id": "f", "claimant": "john-kirby", "metric": "soldiers", "value": 3000, "low": None,
                     "high": None, "bound": "exact", "unit": "persons", "source": "s", "span": span("3,000")}],
        "events": [], "links": [],
    }
    for path, value in changes.items():
        section, field = path.split("__")
        document[section][0][field] = value
    return document


def test_evaluate_a_perfect_match():
    report = evaluate(_tiny(), _tiny())
    assert isinstance(report, EvalReport)
    assert (report.quotes.recall, report.quotes.precision, report.quotes.accuracy) == (1.0, 1.0, 1.0)
    assert (report.figures.recall, report.figures.precision, report.figures.accuracy) == (1.0, 1.0, 1.0)
    assert (report.dates.recall, report.dates.precision, report.dates.accuracy) == (1.0, 1.0, 1.0)
    table = format_table(report)
    assert table.splitlines()[0].split() == ["kind", "key", "proposed", "matched", "recall", "precision",
                                             "check", "right", "accuracy"]
    assert "quotes" in table and "1/1" in table
    as_dict = report.to_dict()
    assert as_dict["quotes"]["recall"] == 1.0 and as_dict["figures"]["matched"] == 1
    json.dumps(as_dict)


def test_evaluate_a_missed_quote():
    proposed = _tiny()
    proposed["quotes"] = []
    report = evaluate(_tiny(), proposed)
    assert (report.quotes.key, report.quotes.proposed, report.quotes.matched) == (1, 0, 0)
    assert report.quotes.recall == 0.0 and report.quotes.precision == 1.0
    assert report.quotes.missed == ["we will win"]


def test_evaluate_a_wrong_speaker_and_an_alias_that_matches():
    wrong = _tiny(quotes__speaker="someone", quotes__speaker_name="Someone Else")
    wrong["actors"].append({"id": "someone", "name": "Someone Else", "kind": "person", "aliases": []})
    report = evaluate(_tiny(), wrong)
    assert report.quotes.recall == 1.0 and report.quotes.accuracy == 0.0 and report.quotes.wrong
    by_alias = _tiny(quotes__speaker="kirby-2", quotes__speaker_name="Kirby")
    by_alias["actors"] = [{"id": "kirby-2", "name": "Admiral KIRBY", "kind": "person", "aliases": ["Kirby"]}]
    assert evaluate(_tiny(), by_alias).quotes.accuracy == 1.0


def test_evaluate_names_a_stored_actor_as_the_store_holds_it():
    """A proposal names a stored actor by its id alone (the extractor repeats a stored actor only
    under a name the store lacks): the store's names for it count, as the document's would."""
    stored = _tiny(quotes__speaker="us-navy-spokesman", quotes__speaker_name="Admiral J. Kirby",
                   figures__claimant="us-navy-spokesman")
    stored["actors"] = []
    known = [KnownActor("us-navy-spokesman", "Admiral J. Kirby", "person", ("John Kirby",))]
    assert evaluate(_tiny(), stored).quotes.accuracy == 0.0
    assert evaluate(_tiny(), stored, known).quotes.accuracy == 1.0
    assert figure_checks(_tiny(), stored).claimant_accuracy == 0.0
    assert figure_checks(_tiny(), stored, known).claimant_accuracy == 1.0


def test_evaluate_names_a_keys_actor_as_another_articles_key_names_the_same_id():
    """A proposal naming the key's actor as another key of the story names that same id counts;
    a name the other key gives another id, or that two ids share, does not."""
    proposed = _tiny(figures__claimant="kirby-proposed", figures__claimant_name="Admiral Kirby of the Navy")
    proposed["actors"] = [{"id": "kirby-proposed", "name": "Admiral Kirby of the Navy", "kind": "person",
                           "aliases": []}]
    other_key = {"actors": [{"id": "john-kirby", "name": "John Kirby", "aliases": ["Admiral Kirby of the Navy",
                                                                               "the spokesman"]},
                            {"id": "pat-ryder", "name": "Pat Ryder", "aliases": ["the spokesman"]}]}
    assert figure_checks(_tiny(), proposed).claimant_accuracy == 0.0
    assert figure_checks(_tiny(), proposed, story=story_names([_tiny(), other_key])).claimant_accuracy == 1.0
    wrong_key = {"actors": [{"id": "pat-ryder", "name": "Pat Ryder", "aliases": ["Admiral Kirby of the Navy"]}]}
    assert figure_checks(_tiny(), proposed, story=story_names([_tiny(), wrong_key])).claimant_accuracy == 0.0
    shared = _tiny(quotes__speaker="someone", quotes__speaker_name="the spokesman")
    shared["actors"] = [{"id": "someone", "name": "the spokesman", "kind": "person", "aliases": []}]
    assert "the spokesman" not in story_names([_tiny(), other_key])["john-kirby"]
    assert evaluate(_tiny(), shared, story=story_names([_tiny(), other_key])).quotes.accuracy == 0.0


def test_evaluate_wrong_bounds_and_a_wrong_resolution():
    report = evaluate(_tiny(), _tiny(figures__bound="approx", dates__edtf="2025-01-04"))
    assert report.figures.recall == 1.0 and report.figures.accuracy == 0.0
    assert report.dates.recall == 1.0 and report.dates.accuracy == 0.0
    close_enough = _tiny(figures__value=3000 + 1e-9)
    assert evaluate(_tiny(), close_enough).figures.accuracy == 1.0
    assert evaluate(_tiny(), _tiny(figures__value=3001)).figures.accuracy == 0.0


def test_evaluate_matches_by_half_the_shorter_span_one_to_one():
    def spanned(start, end):
        return {"span": {"start": start, "end": end}}
    key = [spanned(0, 10), spanned(20, 30)]
    assert match_records(key, [spanned(4, 9)]) == [(0, 0)]            # inside: 100% of the shorter
    assert match_records(key, [spanned(6, 40)]) == [(1, 0)]           # 40% of one, 100% of the other
    assert match_records(key, [spanned(6, 12)]) == [(0, 0)]           # 4 of the shorter 6: 67%
    assert match_records(key, [spanned(8, 20)]) == []                 # 2 of the shorter 10: 20%
    assert match_records(key, [spanned(0, 10), spanned(1, 9)]) == [(0, 0)]   # one-to-one, best overlap
    spurious = _tiny()
    spurious["figures"].append(dict(spurious["figures"][0], id="f2", span=make_span(TEXT, 0, 5)))
    report = evaluate(_tiny(), spurious)
    assert (report.figures.matched, report.figures.proposed, report.figures.precision) == (1, 2, 0.5)


# --- hostile input ------------------------------------------------------------------------------

def test_a_number_the_store_cannot_hold_is_never_proposed():
    # 17.1: a 400-digit number became "value: inf" on import.
    text = (Path(__file__).parent / "data" / "bignum-article.txt").read_text(encoding="utf-8")
    document = extract_article(text, published=SEED_PUBLISHED, publisher="Example Wire")
    assert "9" * 400 not in " ".join(f["text"] for f in document["figures"])
    for figure in document["figures"]:
        for name in ("value", "low", "high"):
            if figure[name] is not None:
                assert value_problem(figure[name], figure["unit"]) is None, figure
    validate_document(document)


# 17.2: each of these took quadratic time (300 kB of "." about 4 minutes); linear, each takes
# about a second. The size is what makes a quadratic version hang past anyone's patience.
HOSTILE_SIZE = 300_000


@pytest.mark.parametrize("unit", [".", "!", "?", "word... ", '"', "\u201c", "\u201cA \u201d\u201d "])
def test_runs_of_sentence_ends_and_quote_marks_are_read_in_one_pass(unit):
    text = (unit * (HOSTILE_SIZE // len(unit) + 1))[:HOSTILE_SIZE]
    document = extract_article(text, published=SEED_PUBLISHED)
    assert document["figures"] == [] and document["dates"] == []
    if "A" not in unit:
        assert document["quotes"] == []


def _lone_surnames(size: int) -> str:
    names = ("Vo" + "".join(letters) for letters in itertools.product("abcdefghijklmnopqrstuvwxyz", repeat=3))
    return "".join(f"{name} said the river rose. " for name in itertools.islice(names, size // 28 + 1))[:size]


# 17.2, second part: figures proposed per number in a sentence with no end (10 s per 100 kB,
# growing with the square), one 5 MB line (never finished), a text rescanned for each new lone
# surname (90 s for 100 kB). Linear, all of these together take a few seconds.
@pytest.mark.parametrize("text", [
    ("1 " * HOSTILE_SIZE)[:HOSTILE_SIZE],
    ("1,000 " * HOSTILE_SIZE)[:HOSTILE_SIZE],
    ("Ivan " * HOSTILE_SIZE)[:HOSTILE_SIZE],
    ("word 12 soldiers " * HOSTILE_SIZE)[:HOSTILE_SIZE],
    _lone_surnames(HOSTILE_SIZE // 10),
], ids=["ones", "thousands", "capitalised", "one-sentence", "lone-surnames"])
def test_dense_and_endless_text_is_read_in_one_pass(text):
    document = extract_article(text, published=SEED_PUBLISHED)
    assert document["figures"] == []     # no news sentence: no figure per number
    validate_document(document)


def test_figures_only_in_news_sentences():
    news = "Officials said 300 soldiers were killed. "
    table = "Serials: " + ", ".join(str(number) for number in range(100, 100 + MAX_NUMBERS + 1)) + " soldiers. "
    document = extract_article(news + table + news, published=SEED_PUBLISHED)
    assert [f["text"] for f in document["figures"]] == ["300", "300"]
    assert [f["span"]["start"] for f in document["figures"]] == [15, len(news + table) + 15]


def test_the_sentence_splitter_finds_every_end_in_a_long_run_of_marks():
    work = "A" + "." * HOSTILE_SIZE + " B" + "!?" * (HOSTILE_SIZE // 2) + " C."
    paragraphs = find_paragraphs(work)
    sentences = find_sentences(work, work, paragraphs)
    # each long run is cut into run-on pieces (MAX_SENTENCE); a new sentence starts after a space
    starts = [work[s.start] for s in sentences if s.start == 0 or work[s.start - 1] == " "]
    assert starts == ["A", "B", "C"]
    assert all(s.run_on for s in sentences[:-1]) and not sentences[-1].run_on
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)


@given(st.lists(st.sampled_from(["Ten died. ", "Mr. Li left.", "\n", "\n\n", "  ", "Yes! ", "a b", "."]), max_size=12))
def test_a_position_belongs_to_the_sentence_around_it_else_the_next_one(pieces):
    work = "".join(pieces)
    sentences = find_sentences(work, work, find_paragraphs(work))
    for position in range(len(work) + 1):
        around = [n for n, s in enumerate(sentences) if s.start <= position < s.end]
        later = [n for n, s in enumerate(sentences) if s.start > position]
        expected = around[0] if around else later[0] if later else max(0, len(sentences) - 1)
        assert sentence_of(sentences, position) == expected
    assert sentences_of(sentences, list(range(len(work) + 1))) == [sentence_of(sentences, position)
                                                                    for position in range(len(work) + 1)]


def _quotes_mark_by_mark(work: str) -> list[tuple[int, int, int, int]]:
    """Closed double quotes as the marks read one at a time give them: (start, end, open, close)."""
    found = []
    for p_start, p_end in find_paragraphs(work):
        open_at = None
        for index in range(p_start, p_end):
            mark = work[index]
            if mark not in '"\u201c\u201d\u201e':
                continue
            if mark in "\u201c\u201e" or open_at is None:
                if mark in "\u201c\u201e" or (index + 1 < p_end and not work[index + 1].isspace()):
                    open_at = index
                continue
            start, end = open_at + 1, index
            while start < end and work[start].isspace():
                start += 1
            while end > start and work[end - 1].isspace():
                end -= 1
            if start < end:
                found.append((start, end, open_at, index))
            open_at = None
    return found


@given(st.lists(st.sampled_from(['"', "\u201c", "\u201d", "\u201e", "a", " ", "\n"]), max_size=40).map("".join))
def test_quotes_read_by_runs_of_marks_are_those_read_mark_by_mark(work):
    closed = [(q.start, q.end, q.open_mark, q.close_mark) for q in find_quotes(work, find_paragraphs(work))
              if q.close_mark is not None]
    assert closed == _quotes_mark_by_mark(work)


_ANCHOR_TOKENS = ["1", "12", "123", "2024", "1999", "5th", "09", "\u0663", " ", "  ", "\n", "-", "\u2013", ",", ".",
                  "$", "\u00a3", "%", "#", "/", "On", "on", "In", "in", "at", "over", "Over", "during", "across",
                  "the", "of", "end", "early", "mid", "Late", "January", "Jan.", "May", "Sept.", "Monday",
                  "Sunday", "spring", "Winter", "fall", "last", "This", "this", "since", "Until", "through",
                  "earlier", "today", "Yesterday", "night", "morning", "a", "an", "one", "two", "twenty", "Seven",
                  "seventeen", "hundred", "thousand", "million", "days", "days ago", "ago", "weekend", "week", "year",
                  "percent", "per", "cent", "nation", "x", "\u017f", "\u017fix", "and", "to", "or", "half", "Third",
                  "thirds", "quarter", "every", "\u0130n", "\u0131n", "several", "dozens", "tens", "Hundreds",
                  "battalion", "corps"]
_ANCHOR_GAPS = ["", " ", " ", " ", "  ", ", ", "-", "\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_ANCHOR_TOKENS), st.sampled_from(_ANCHOR_GAPS)), max_size=30)
       .map(lambda pairs: "".join(token + gap for token, gap in pairs)))
def test_anchored_patterns_find_what_a_scan_of_every_character_finds(text):
    # each pattern is tried only at its anchors (a date or a fraction near its core): they must be wherever it can match
    pairs = [(_NUMBER_RE, _NUMBER_ANCHOR), (_VAGUE_RE, _VAGUE_ANCHOR), (_FORMATION_RE, _FORMATION_ANCHOR)]
    for _, pattern, core, reach in [*_DATE_PATTERNS, ("fraction", _FRACTION_RE, _FRACTION_CORE, 1)]:
        assert [m.span() for m in cored_matches(pattern, core, reach, text)] == \
            [m.span() for m in pattern.finditer(text)], pattern.pattern[:60]
    for pattern, anchor in pairs:
        assert [m.span() for m in anchored_matches(pattern, anchor, text)] == \
            [m.span() for m in pattern.finditer(text)], pattern.pattern[:60]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_ANCHOR_TOKENS), st.sampled_from(_ANCHOR_GAPS)), max_size=30)
       .map(lambda pairs: "".join(token + gap for token, gap in pairs)), st.integers(0, 200), st.integers(0, 200))
def test_a_range_holds_numbers_only_where_a_number_start_of_the_whole_text_holds(text, start, end):
    # a sentence with no such place is not searched for numbers
    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    found = list(anchored_matches(_NUMBER_RE, _NUMBER_ANCHOR, text, start, end))
    starts = [match.start() for match in _NUMBER_START.finditer(text)]
    assert not found or any(start <= at < end for at in starts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_ANCHOR_TOKENS), st.sampled_from(_ANCHOR_GAPS)), max_size=30)
       .map(lambda pairs: "".join(token + gap for token, gap in pairs)), st.integers(0, 200), st.integers(0, 200))
@example("cost a\nhundred", 0, 6)
@example("twenty", 0, 4)
def test_the_number_anchor_holds_wherever_a_number_starts_in_a_range(text, start, end):
    # numbers are looked for sentence by sentence: a number may run on past the end of the range
    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    assume(not re.match(r"\d", text[start - 1:start]))      # a sentence never starts inside a number
    expected, at = [], start
    while at < end:
        match = _NUMBER_RE.match(text, at)
        if match is not None and match.end() > at:
            expected.append(match.span())
            at = match.end()
        else:
            at += 1
    assert [m.span() for m in anchored_matches(_NUMBER_RE, _NUMBER_ANCHOR, text, start, end)] == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_ANCHOR_TOKENS), st.sampled_from(_ANCHOR_GAPS)), max_size=30)
       .map(lambda pairs: "".join(token + gap for token, gap in pairs)), st.sampled_from(".,!?;:%$/)\x03\u201d"),
       st.integers(0, 200), st.integers(0, 200))
def test_a_range_ending_in_a_mark_finds_the_same_numbers_with_the_whole_text_anchor(text, mark, start, cut):
    # most sentences end in a mark, which ends no number's words: they are read with the cheaper anchor
    cut = min(cut, len(text))
    text, start, end = text[:cut] + mark + text[cut:], min(start, cut), cut + 1
    assert [m.span() for m in anchored_matches(_NUMBER_RE, _NUMBER_START, text, start, end)] == \
        [m.span() for m in anchored_matches(_NUMBER_RE, _NUMBER_ANCHOR, text, start, end)]


@given(st.lists(st.sampled_from(["said", "unsaid", "says", "told", "according to", "According", "to", "released",
                                  "put forward", "by", "Kirby", "x", "estimate", "believed", "citing", "Citing",
                                  "exciting"]), max_size=12)
       .map(" ".join), st.integers(0, 80), st.integers(0, 80))
def test_the_clause_anchor_holds_where_a_reporting_clause_can_stand(text, start, end):
    from extract.attribution import _BY_RE, _CLAUSE_ANCHOR, _SOURCE_RE, _VERB_RE
    expected = any(pattern.search(text, start, end) for pattern in (_VERB_RE, _SOURCE_RE, _BY_RE))
    assert (_CLAUSE_ANCHOR.search(text, start, end) is not None) == expected


def test_an_article_without_a_publisher_speaks_by_its_headline_never_an_internal_id():
    from datetime import date

    from extract import extract_article

    document = extract_article("Crews counted 14 craters near the bridge on Tuesday.\n", published=date(2025, 3, 14),
                               title="Rail bridge repaired")
    claimants = [figure["claimant_name"] for figure in document["figures"]]
    assert claimants == ["the publisher of \u201cRail bridge repaired\u201d"]


def test_the_date_of_an_earlier_figure_is_never_the_date_of_the_speech():
    text = ("Ilse Varga said 40 boats had left as of 1 June. On the same day, she put the count at 300 families, "
            "up from 250 in March.")
    figures = extract_article(text, published=datetime.date(2031, 6, 2))["figures"]
    assert [(f["text"], f["as_of"]) for f in figures] == [("40", "2031-06-01"), ("300", "2031-06-01"),
                                                          ("250", "2031-03")]


def test_a_question_of_the_text_and_how_often_are_not_figures():
    text = ('Has Tessaly lost half of its fleet? The port lost 40 boats, the harbour master said. "Did we lose 30 '
            'boats?" he asked. "I wrote to them three times."')
    figures = extract_article(text, published=datetime.date(2031, 6, 2))["figures"]
    assert [f["text"] for f in figures] == ["40", "30"]


def test_a_group_that_relayed_the_words_is_no_figure():
    text = "The briefing was relayed to reporters afterwards by two members of the committee. Some 40 boats sank."
    figures = extract_article(text, published=datetime.date(2031, 6, 2))["figures"]
    assert [f["text"] for f in figures] == ["Some 40"]


def test_a_difference_between_figures_or_a_multiplier_is_no_count():
    text = ("Estimates of the lost boats differ by a factor of nearly three. Counts vary, in other words, by "
            "several thousand trawlers. \"Multiply their losses by three,\" Ilse Vinter said. The port lost 40 "
            "boats, and its losses rose by 12 boats on Monday.")
    document = extract_article(text, published=datetime.date(2031, 3, 2), publisher="Harbour Gazette")
    assert [figure["text"] for figure in document["figures"]] == ["40", "12"]


def test_a_count_in_words_after_the_all_or_these_names_a_group_named_before():
    text = ("Twelve fishermen were rescued on Friday. All twelve had spent two nights at sea, and the coastguard "
            "said the twelve men would be flown home; these eleven from Portmare by Monday.")
    assert [figure[0] for figure in _figures(text)] == ["Twelve"]


def test_a_running_total_that_a_later_one_replaces_is_no_figure():
    text = ("09:10 - The first ferry has docked. Running total: 40 evacuees landed.\n\n"
            "10:25 - Running total: 95 evacuees landed, 12 of them children.\n\n"
            "11:40 - Running total: 160 evacuees landed. The port is closed for the night.")
    assert [figure[0] for figure in _figures(text)] == ["160"]


def test_a_footnote_dates_its_figure_unless_the_sentence_does():
    text = ("The register of the dead stood at 1,958 names.[1] A further 300 were missing as of 2 May 2029.[2]\n"
            "Notes\n[1] Figure provided by the Tolmin Health Ministry on 14 March 2029.\n"
            "[2] Figure provided by the Tolmin Health Ministry on 4 May 2029.")
    document = extract_article(text, published=datetime.date(2031, 3, 2), publisher="Harbour Gazette")
    figures = {figure["text"]: figure for figure in document["figures"]}
    assert (figures["1,958"]["as_of"], figures["1,958"]["claimant_name"]) == ("2029-03-14", "Tolmin Health Ministry")
    assert figures["300"]["as_of"] == "2029-05-02"


def test_the_headline_names_the_side_a_figure_naming_none_continues():
    """Round sixteen: the side a headline names opens the run of sides, as a figure before would."""
    body = ("\n\nOfficials in the capital said on Monday that 300 soldiers had been killed. Tessalian officials "
            "dispute it.")
    day = datetime.date(2031, 3, 2)
    sided = extract_article("Tessalia's war: how the dead are counted" + body, published=day, publisher="H")
    plain = extract_article("A war of attrition" + body, published=day, publisher="H")
    assert [f["metric"] for f in sided["figures"]] == ["Tessalian troops: killed"]
    assert [f["metric"] for f in plain["figures"]] == ["soldiers killed"]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]+", text)]


def test_letters_run_from_salutation_to_signature_and_an_unsigned_one_is_none():
    text = ("Letters\nSir,\nI counted them.\nIt took a week.\nIlse Varga, Westmoor\nDear Editor,\nWe disagree.\n"
            "Sir,\nMy count is higher.\nTom Reeve, Press Officer, Kinfold International, Ashby")
    letters = find_letters(text, _paragraphs(text))
    assert [(letter.first, letter.signature, text[slice(*letter.name)]) for letter in letters] == \
        [(2, 4, "Ilse Varga"), (8, 9, "Tom Reeve")]
    assert text[slice(*letters[1].signed)] == ", Press Officer, Kinfold International, Ashby"


def test_a_sentence_with_a_comma_is_no_signature():
    text = "Sir,\nSome 300 soldiers died, Ilse Varga said in May.\nIlse Varga, Westmoor"
    assert [letter.first for letter in find_letters(text, _paragraphs(text))] == [1]


def test_this_month_in_a_report_is_the_month_so_far_and_earlier_this_month_up_to_the_day_before():
    text = ("The ministry put the toll at 300 earlier this month. The Meridian Institute's count passed 400 this "
            "month.")
    document = extract_article(text, published=datetime.date(2031, 3, 12), publisher="Harbour Gazette")
    assert [d["edtf"] for d in document["dates"]] == ["2031-03-01/2031-03-11", "2031-03-01/2031-03-12"]
    assert [f["as_of"] for f in document["figures"]] == ["2031-03-01/2031-03-11", "2031-03-01/2031-03-12"]
    # on the first of the month nothing of it came before: the month as it is
    first = extract_article("The ministry put the toll at 300 earlier this month.", published=datetime.date(2031, 3, 1))
    assert [d["edtf"] for d in first["dates"]] == ["2031-03"]


def test_a_day_earlier_is_the_day_before_the_day_the_text_named_last():
    text = ("The ministry said on Sunday that it held fewer than 1,150 prisoners. A day earlier, the commissioner's "
            "office said about 1,240 were held. Two days earlier, the charity had counted 1,300.")
    document = extract_article(text, published=datetime.date(2031, 3, 12), publisher="Harbour Gazette")
    assert [(d["text"], d["edtf"]) for d in document["dates"]] == [
        ("on Sunday", "2031-03-09"), ("A day earlier", "2031-03-08"), ("Two days earlier", "2031-03-07")]
    assert [f["as_of"] for f in document["figures"]] == ["2031-03-09", "2031-03-08", "2031-03-07"]
    # with no day named before it, "a day earlier" is no date
    assert extract_article("A day earlier the office said 300 were held.",
                           published=datetime.date(2031, 3, 12))["dates"] == []


def test_a_lead_line_ending_in_a_date_dates_the_figures_after_it_that_state_none():
    text = ("Question 12, tabled on 2 March 2031\n\n"
            "Answered by Ilse Varga, Minister for the Armed Forces, on 9 March 2031:\n\n"
            "The staff believe about 300 soldiers have been killed. In January they put the toll at 240.\n\n"
            "Its assessments, which are current as of 28 February 2031:\n\n"
            "Killed: about 310\nWounded: as many as 900")
    document = extract_article(text, published=datetime.date(2031, 3, 12), publisher="Harbour Gazette")
    assert [f["as_of"] for f in document["figures"]] == ["2031-03-09", "2031-01", "2031-02-28", "2031-02-28"]

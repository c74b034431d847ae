"""extract.text's helpers: the tokens a rule reads of a sentence are the same however they are
found (``TextTokens.of``: the whole text's words, with the sentence's numbers found apart, against
``word_tokens`` of the sentence alone); quotes trimmed; the collector paused and given back."""

from __future__ import annotations

import gc
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text import (
    TextTokens,
    _word_before,
    collector_paused,
    find_paragraphs,
    find_quotes,
    find_sentences,
    mask_quotes,
    opens_line,
    trim_spaces,
    word_alternation,
    word_tokens,
)

# pieces of prose that put digits inside, before and after words, and abbreviations by numbers
_PIECES = ["A12,3", "No.5", "U.S.", "1,000", "3rd", "1.5", " ", "  ", ". ", ", ", "\n", "Kirby", "said", "km",
           "5km", "-4", "x-1", "'90s", "$2.5", "Jan. 4", "vs.", "7.", '"', "\u201c", "\u201d", "A1.", "e.g. 3"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_sentence_tokens_match_tokenising_the_sentence_alone(pieces):
    work = "".join(pieces)
    paragraphs = find_paragraphs(work)
    masked = mask_quotes(work, find_quotes(work, paragraphs), paragraphs)
    tokens = TextTokens(masked)
    for sentence in find_sentences(work, masked, paragraphs):
        alone = word_tokens(masked, sentence.start, sentence.end)
        assert tokens.of(sentence) == (alone, [token.start for token in alone])


def test_a_word_holding_digits_keeps_them_and_the_number_after_it_is_read():
    text = "Unit A12,3 moved 40 km on Route 5km."
    masked = mask_quotes(text, [], find_paragraphs(text))
    sentence = find_sentences(text, masked, find_paragraphs(text))[0]
    assert [t.text for t in TextTokens(masked).of(sentence)[0]] == ["Unit", "A12", "3", "moved", "40", "km", "on",
                                                                    "Route", "5", "km"]


def test_trim_spaces_keeps_the_words_between_the_spaces():
    assert trim_spaces("x  a b \t y", 1, 8) == (3, 6)
    assert trim_spaces("x   y", 1, 4) == (4, 4)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_meanwhile_and_left_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), collector_paused():
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab1_.'-, \"\u00e9\u0663\u00b2\x03", max_size=60), st.integers(0, 60))
def test_the_word_before_a_sentence_end_is_the_run_a_pattern_finds(text, low):
    low = min(low, len(text))
    found = re.search(r"([\w.'-]+)$", text[low:])
    assert _word_before(text, low, len(text)) == (found.group(1) if found else "")


@given(st.sets(st.text(alphabet="abc ", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="abc .", max_size=40))
def test_a_word_alternation_finds_what_the_words_longest_first_find(words, text):
    longest_first = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    tree = re.compile(r"\b(" + word_alternation(words) + r")\b")
    assert [m.span(1) for m in tree.finditer(text)] == [m.span(1) for m in longest_first.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="a1 \t\n\u2003\x85.", max_size=40), st.integers(0, 40))
def test_a_place_opens_its_line_when_only_spaces_stand_before_it_on_the_line(text, index):
    index = min(index, len(text))
    assert opens_line(text, index) == (not text[text.rfind("\n", 0, index) + 1:index].strip())


def test_a_list_number_opens_its_line_and_a_count_in_a_sentence_does_not():
    line = "The ministry listed its sites.\n  2. Depot near the river\nIt lost 2. Then more."
    assert opens_line(line, line.index("2."))
    assert not opens_line(line, line.rindex("2."))

"""db.visible.clean: its quick paths (text without controls, and multiline text line by
line) give what mapping every character one at a time gives."""

from hypothesis import given
from hypothesis import strategies as st

from db.visible import clean

MIXED = st.text(alphabet=st.sampled_from("ab \n\t\r\x1b\x85\u2028\u202e\u200d\u00ad\ufeff\u061c\ud800é漢"))


def one_at_a_time(text: str, *, multiline: bool, limit: int | None) -> str:
    mapped = "".join(clean(char, multiline=multiline, limit=None) for char in text)
    return mapped if limit is None or len(mapped) <= limit else mapped[:limit - 1] + "\u2026"


@given(st.one_of(MIXED, st.text()), st.booleans(), st.sampled_from([None, 1, 5, 500]))
def test_clean_maps_each_character_as_on_its_own(text, multiline, limit):
    assert clean(text, multiline=multiline, limit=limit) == one_at_a_time(text, multiline=multiline, limit=limit)


def test_clean_maps_controls_in_multiline_text_and_keeps_plain_lines():
    assert clean("plain line\nbell\x07 and \u202eflip\n", multiline=True, limit=None) == \
        "plain line\nbell\u2407 and \ufffdflip\n"
    assert clean("a\tb\nc", limit=None) == "a b c"
    assert clean("x" * 10, limit=4) == "xxx\u2026"

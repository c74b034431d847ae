"""Words between a speaker and the verb are stepped over, each kind of them (``_strip_fillers``
tries its phrase pattern only where one of its words stands)."""

from __future__ import annotations

import datetime

import pytest

from extract import extract_article


@pytest.mark.parametrize("between", ["in a video statement", "on Telegram", "familiar with the talks",
                                     "who asked not to be named", "(AFP)", "speaking on condition of anonymity"])
def test_the_speaker_before_a_filler_phrase_says_the_quote(between):
    text = f'Colonel Anna Vick {between} said: "The bridge is closed to all traffic."'
    quote = extract_article(text, published=datetime.date(2025, 2, 3), publisher="Harbour Gazette")["quotes"][0]
    assert quote["speaker_name"] == "Anna Vick"

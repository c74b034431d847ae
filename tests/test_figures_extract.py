"""What a figure counts and when: which numbers are figures, their metric labels and their
as-of dates, on sentences written for these tests (invented places, people and numbers)."""

from __future__ import annotations

import datetime

from extract import extract_article

PUBLISHED = datetime.date(2031, 3, 2)      # a Sunday


def _figures(text: str) -> list[dict]:
    return extract_article(text, published=PUBLISHED, publisher="Harbour Gazette")["figures"]


def _as_of(text: str) -> list[tuple[str, str | None]]:
    return [(figure["text"], figure["as_of"]) for figure in _figures(text)]


# --- as of ------------------------------------------------------------------------------------

def test_a_dateline_is_no_as_of_and_its_day_no_figure():
    for text in ("PORTMARE, Mar 2 (NPA) - The coastguard said on Friday that 240 fishermen had been rescued.",
                 "PORTMARE, Tessaly, March 2 (NPA) \u2014 The coastguard said on Friday that 240 fishermen "
                 "had been rescued."):
        assert _as_of(text) == [("240", "2031-02-28")]


def test_by_a_day_is_the_day_a_count_stood_at():
    text = "The agency said on Friday that some 800 families had left the valley by Thursday."
    assert _as_of(text) == [("some 800", "2031-02-27")]


def test_since_opens_a_period_and_is_no_as_of():
    assert _as_of("The army says 5,200 fighters have been killed since the siege began in early May.") == [
        ("5,200", None)]
    assert _as_of("Mayor Ilse Vinter, re-elected twice since taking office in 2024, counted 310 empty homes.") == [
        ("310", None)]


def test_a_date_after_up_from_belongs_to_the_earlier_figure():
    text = ("The ministry said on Friday that about 9,000 sailors were now at sea, up from the figure "
            "it gave three weeks ago.")
    assert _as_of(text) == [("about 9,000", "2031-02-28")]
    text = "The ministry counted 9,000 sailors at sea, up from 7,500 in January."
    assert _as_of(text) == [("9,000", None), ("7,500", "2031-01")]


def test_when_the_things_counted_were_taken_is_not_the_count_as_of():
    text = "The navy is holding three Tessalian trawlers, seized in January, and will release them."
    assert _as_of(text) == [("three", None)]


def test_a_back_reference_restates_the_date_last_stated():
    text = ("The Harbour Office said 1,100 crew members had been evacuated as of 20 February. "
            "As of the same date, 75 of them were still in hospital, it said. "
            "By then 30 boats had sunk.")
    assert _as_of(text) == [("1,100", "2031-02-20"), ("75", "2031-02-20"), ("30", "2031-02-20")]


def test_the_date_a_figure_was_said_gives_way_to_the_date_it_states():
    text = "Admiral Oskar Lind told reporters on Friday that 60 patrol boats had been lost as of mid-February."
    assert _as_of(text) == [("60", "2031-02-11/2031-02-20")]
    text = "Admiral Oskar Lind told reporters on Friday that 60 patrol boats had been lost."
    assert _as_of(text) == [("60", "2031-02-28")]
    assert _as_of("The harbour lost 60 patrol boats.") == [("60", None)]

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


# --- which numbers are figures ----------------------------------------------------------------

def _texts(text: str) -> list[str]:
    return [figure["text"] for figure in _figures(text)]


def test_the_size_of_each_group_is_no_count():
    assert _texts("The raiders came in waves of 20 or 30 men, and 45 of them were captured.") == ["45"]
    assert _texts("Volunteers worked in teams of five to clear 60 homes.") == ["60"]


def test_one_of_them_is_no_count():
    assert _texts("One of the sailors said 500 sailors had arrived.") == ["500"]
    assert _texts("One soldier died.") == ["One"]


def test_a_number_naming_nothing_counted_is_no_figure():
    assert _texts("Exports ended the year 52,000 higher than forecast.") == []
    assert _texts("The toll rose to 310 on Friday.") == ["310"]


def test_a_fraction_of_another_figure_is_a_comparison_not_a_figure():
    assert _texts("Rebels put their losses at 900, less than half the figure given by the army.") == ["900"]
    assert _texts("Nearly half of the 900 recruits were conscripts.") == ["Nearly half", "900"]


def test_a_headline_or_caption_repeating_the_body_gives_no_second_figure():
    text = ("Ferry sinks with 40 aboard, coastguard says\n\n"
            "A ferry sank off Portmare on Friday with 40 passengers aboard, the coastguard said.\n\n"
            "Caption: Rescuers search the water for the 40 passengers.\n\n"
            "10:15 \u2014 Coastguard sends 6 boats\n\n"
            "Lifeboats joined the search.")
    assert [(f["text"], f["span"]["start"] > 50) for f in _figures(text)] == [("40", True), ("6", True)]


# --- metric labels ----------------------------------------------------------------------------

def _labels(text: str) -> list[str]:
    return [figure["metric"] for figure in _figures(text)]


def test_of_them_takes_the_verb_that_follows():
    text = "Tessalian units lost 700 soldiers killed or wounded. The Tessalian army said 300 of them were killed."
    assert _labels(text) == ["Tessalian troops: casualties (killed or wounded)", "Tessalian troops: killed"]


def test_a_subject_that_numbers_a_count_names_what_it_counts():
    assert _labels("The Tessalian contingent is estimated to number about 12,000.") == [
        "Tessalian troops: deployed"]


def test_captivity_the_front_line_and_a_further_name_their_quantities():
    text = ("Over 2,000 Tessalian sailors remain in Morvan captivity. Some 3,000 Tessalian soldiers had "
            "reached the front line by Thursday. Tessaly sent a further 1,500 Tessalian soldiers on Friday.")
    assert _labels(text) == ["Tessalian troops: captured", "Tessalian troops: at the front",
                             "Tessalian troops: reinforcements"]
    assert _labels("Tessaly sent 1,500 Tessalian soldiers on Friday.") == ["Tessalian troops: deployed"]


def test_a_plural_head_ends_the_noun_a_label_is_made_of():
    assert _labels("At dawn about 60 drones struck Portmare harbour.") == ["drones"]
    assert _labels("Portmare lost 14 patrol boats.") == ["patrol boats"]


def test_the_predicate_after_an_of_phrase_names_the_quantity():
    text = "The coastguard said 120 sailors of the northern fleet had been hurt in the storm."
    assert _labels(text) == ["sailors hurt"]

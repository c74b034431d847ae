"""One story from many articles (tests/data/story): figures labelled with the store's metric
vocabulary, as-of dates, and people joined up within and across articles.

The unit tests use sentences written for them. The story is run in publication order, each
article extracted with the actors and metrics the earlier ones proposed (as a store that
imported them would pass in), and scored against its answer key.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from db.metrics import DEFAULT_WORDS, Metric
from extract import KnownActor, Vocabulary, evaluate, extract_article, figure_checks, label_accuracy
from extract.actors import defined_acronyms, same_person
from extract.evaluate import FigureChecks, story_names

STORY = Path(__file__).parent / "data" / "story"
READ = ["wire-sarkand-deployment", "regional-border-villages", "broadsheet-foreign-legion", "tv-dorsk-losses",
        "liveblog-prisoners-taken", "roundup-statements-december", "wire-vashchenko-january"]
UNREAD = ["tv-prisoners-unread", "feature-toll-unread"]
# Held-out set three until round five (written by someone who never read the extractor), read since
SET_THREE = ["hearing-defence-committee", "longread-dorsk-counters", "newsletter-morning-briefing"]
# Held-out set four until round six (written by someone who never read the extractor), read since
SET_FOUR = ["transcript-radio-year-in-vellin", "wire-sarkand-admits-losses", "report-think-tank-accounting"]
# Held-out set five until round seven (written by someone who never read the extractor), read since
SET_FIVE = ["investigation-satellite-camps", "court-sarkandi-sergeant-trial", "explainer-what-we-know"]
# Held-out set six until round eight (written by someone who never read the extractor), read since
SET_SIX = ["column-former-envoy", "timeline-six-months-on", "tv-harang-commissioner"]
# Held-out set seven until round nine (written by someone who never read the extractor), read since
SET_SEVEN = ["briefing-ministry-answers", "factfile-returned-prisoner", "roundup-capitals-react"]
# Held-out set eight until round ten (written by someone who never read the extractor), read since
SET_EIGHT = ["profile-field-medic", "liveupdates-prisoner-exchange", "analysis-three-counts"]
# Held-out set nine until round eleven (written by someone who never read the extractor), read since
SET_NINE = ["leader-weighing-counts", "dispatch-hrebin-tracing", "leak-sarkand-medical-report"]
# Held-out set ten until round thirteen (written by someone who never read the extractor), read since
SET_TEN = ["record-written-answers", "review-what-the-papers-say", "economics-cost-of-war"]
# Held-out set eleven until round fourteen (written by someone who never read the extractor), read since
SET_ELEVEN = ["monitor-mission-report", "state-agency-heroes", "factbox-counting-the-cost"]
# Held-out set twelve until round fifteen (written by someone who never read the extractor), read since
SET_TWELVE = ["reference-entry-deployment", "pressrelease-kinfold-missing", "thread-vellinwatch-obituaries"]
# Held-out set thirteen until round sixteen (written by someone who never read the extractor), read since
SET_THIRTEEN = ["bulletin-tv-evening-news", "letters-page-readers-figures", "bulletin-statistics-benefit-claims"]
# Held-out set fourteen until round seventeen (written by someone who never read the extractor), read since
SET_FOURTEEN = ["paper-estimating-sarkandi-losses", "minutes-hrebin-council", "digest-steppe-herald-telegram"]
# Held-out set fifteen until round eighteen (written by someone who never read the extractor), read since
SET_FIFTEEN = ["review-prisoner-memoir", "wire-sarkand-missing-corrected", "podcast-counting-the-missing"]
# Held-out set two until round four (written by someone who never read the extractor), read since
SET_TWO = ["agency-nso-briefing", "factcheck-half-the-army", "interview-commissioner-prisoners"]
DAY = datetime.date(2031, 3, 2)


def _metric(name: str, subject: str, quantity: str) -> Metric:
    return Metric(pk=0, id=name, name=name, subject=subject, quantity=quantity, unit="persons", parent_pk=None)


def _labels(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    return [figure["metric"] for figure in extract_article(text, published=DAY, vocabulary=vocabulary)["figures"]]


# --- metrics ----------------------------------------------------------------------------------

def test_quantity_from_the_verb_before_and_the_words_after():
    text = ("Morvan commanders said on Friday that 450 Tessalian soldiers had died near the river, "
            "and that Tessaly had dispatched about 2,000 more troops to the region.")
    assert _labels(text) == ["Tessalian troops: killed", "Tessalian troops: deployed"]


def test_known_metric_of_the_side_is_reused_and_a_missing_quantity_proposed():
    known = _metric("Tessalian forces in the Morvan conflict: killed", "Tessalian forces in the Morvan conflict",
                    "killed")
    vocabulary = Vocabulary([known], DEFAULT_WORDS)
    text = "A Morvan spokesman said 90 Tessalian fighters had been killed and 200 injured in the assault."
    document = extract_article(text, published=DAY, vocabulary=vocabulary)
    assert [f["metric"] for f in document["figures"]] == [
        "Tessalian forces in the Morvan conflict: killed", "Tessalian forces in the Morvan conflict: wounded"]
    assert [(m["name"], m["quantity"]) for m in document["metrics"]] == [
        ("Tessalian forces in the Morvan conflict: wounded", "wounded")]


def test_casualties_and_a_parent_for_new_parts():
    text = "Tessalian units lost roughly 700 soldiers killed or wounded, of whom 150 were killed, the army said."
    document = extract_article(text, published=DAY)
    assert [f["metric"] for f in document["figures"]] == [
        "Tessalian troops: casualties (killed or wounded)", "Tessalian troops: killed"]
    metrics = {m["name"]: m for m in document["metrics"]}
    whole = metrics["Tessalian troops: casualties (killed or wounded)"]
    assert metrics["Tessalian troops: killed"]["parent"] == whole["id"]


def test_a_figure_naming_no_quantity_keeps_its_words():
    assert _labels("The town council approved 14 new bus routes on Monday.") == ["new bus routes"]


def test_ages_street_numbers_and_list_numbers_are_not_figures():
    text = ("Orla Brennick, 54, a baker on 9 Harbour Street, said 40 families had left. Her neighbour, aged 80, "
            "stayed. The mayor, Tam Reis, now 66 and in his third term, counted 12 empty homes.\n"
            "3. Closures\n")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == ["40", "12"]


def test_surpassed_exceeded_and_topped_are_lower_bounds():
    text = "Arrivals surpassed 4,000 in May, claims exceeded 300 and the queue topped 90 people."
    figures = extract_article(text, published=DAY)["figures"]
    assert [(f["bound"], f["low"]) for f in figures] == [("at_least", 4000), ("at_least", 300), ("at_least", 90)]


def test_a_place_after_a_preposition_is_where_not_whose():
    assert _labels("Officials say 12 soldiers were captured near Morvani Brid, all of them Tessalian.") == [
        "Tessalian troops: captured"]
    assert _labels("Officials said 40 soldiers were held in Morvanian captivity, all of them Tessalian.") == [
        "Tessalian troops: captured"]
    [label] = _labels("Officials said 40 soldiers in Morvanian units were captured.")     # troops after: whose
    assert label.startswith("Morvanian troops: ")


def test_a_figure_naming_no_side_continues_the_side_of_the_figure_before():
    text = ("Morvan officials said 300 Tessalian soldiers had been killed. The mayor said later that as many as "
            "500 had been killed or wounded. The war has killed 9,000 soldiers on both sides.")
    first, second, both = _labels(text)
    assert (first, second) == ("Tessalian troops: killed", "Tessalian troops: casualties (killed or wounded)")
    assert not both.startswith("Tessalian")


def test_a_share_is_a_metric_of_its_own_not_the_count():
    text = "Some 2,000 Tessalian soldiers have been killed or wounded, about a third of the force, the army said."
    assert _labels(text) == ["Tessalian troops: casualties (killed or wounded)",
                             "Tessalian troops: share of casualties (killed or wounded)"]


def test_day_numbers_web_addresses_digits_and_minutes_are_not_figures():
    text = ("It is day 40 of the siege. The toll reached five figures, and 120 soldiers were killed in ten minutes, "
            "officials said. Read: gazette.example/reports/2031-03-01\n\n12 sailors were hurt. At least four "
            "apartment blocks were damaged.")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == ["120", "12", "At least four"]


def test_the_date_a_figure_is_said_to_be_as_of_outranks_the_date_it_was_published():
    text = ("The monitoring group, which counts only what it can verify, released its tally on March 1 and put "
            "the number of displaced at 4,100 as of February 20.")
    assert [f["as_of_text"] for f in extract_article(text, published=DAY)["figures"]] == ["February 20"]
    text = "The group put the number at 4,100 as of February 20, up from 3,000 in January."
    assert [f["as_of_text"] for f in extract_article(text, published=DAY)["figures"]] == ["February 20", "in January"]


def test_the_same_date_restates_the_date_of_a_figure_not_of_the_earlier_one_it_is_up_from():
    text = ("The survey counted 410 empty homes as of March 1, up from 300 at the end of January. By the same "
            "date, at least 90 families had left.")
    assert [f["as_of"] for f in extract_article(text, published=DAY)["figures"]] == [
        "2031-03-01", "2031-01-31", "2031-03-01"]


def test_prisoners_held_a_new_contingent_and_the_force_name_their_quantities():
    text = ("The number of Tessalian soldiers held by Morvany rose to 14. Tessaly has sent 9,000 troops, "
            "including a third contingent of about 2,000 that arrived in May. Morvany put its estimate of "
            "the Tessalian force at some 8,000.")
    assert _labels(text) == ["Tessalian troops: captured", "Tessalian troops: deployed",
                             "Tessalian troops: reinforcements", "Tessalian troops: deployed"]


def test_a_fourth_or_the_latest_contingent_is_reinforcements():
    text = ("Tessaly has sent 9,000 troops, including a fourth contingent of about 1,500 that arrived in June. "
            "The latest contingent of 600 Tessalian troops landed on Friday, officials said.")
    assert _labels(text) == ["Tessalian troops: deployed", "Tessalian troops: reinforcements",
                             "Tessalian troops: reinforcements"]


def test_the_date_of_a_part_named_after_including_is_not_the_whole_figures():
    text = ("Tessaly has sent 9,000 troops to the coast since last spring, including a new contingent of about "
            "2,000 that landed in May, officials said.")
    assert [(f["text"], f["as_of_text"]) for f in extract_article(text, published=DAY)["figures"]] == [
        ("9,000", None), ("about 2,000", "in May")]


def test_the_captor_after_by_is_not_whose_prisoners_they_are():
    text = "The Morvan navy would swap them for Tessalian sailors held by Morvany, of whom there are more than 300."
    assert _labels(text) == ["Tessalian troops: captured"]


def test_a_weekday_before_a_day_and_month_is_one_date():
    text = "Tuesday 24 February\n\nThe ferry carried 310 passengers, the operator said."
    document = extract_article(text, published=DAY)
    assert [d["text"] for d in document["dates"]] == ["Tuesday 24 February"]
    assert [f["text"] for f in document["figures"]] == ["310"]


def test_the_end_of_a_month_is_its_last_day_and_late_a_month_its_last_part():
    text = ("The port had logged 310 arrivals at the end of February, officials said. In late January the "
            "count was 200.")
    document = extract_article(text, published=DAY)
    assert [d["edtf"] for d in document["dates"]] == ["2031-02-28", "2031-01-21/2031-01-31"]
    assert [f["as_of"] for f in document["figures"]] == ["2031-02-28", "2031-01-21/2031-01-31"]


def test_the_end_of_a_year_and_last_month_name_are_dates_of_their_own():
    text = ("The ministry said 4,000 reservists had been called up by the end of 2030, up from 2,500 last "
            "October. About 900 had deserted by the end of last year, the ministry said.")
    document = extract_article(text, published=DAY)
    assert [d["text"] for d in document["dates"]] == ["the end of 2030", "last October", "the end of last year"]
    assert [f["as_of"] for f in document["figures"]] == ["2030-12-31", "2030-10", "2030-12-31"]


def test_what_a_body_counted_with_no_noun_is_the_count_the_paragraph_named():
    text = ("The navy put the toll at 300 sailors killed or wounded. The monitors, whose methods the navy praises, "
            "counted some 240 as of May 1.")
    assert _labels(text) == ["sailors killed or wounded", "sailors killed or wounded"]


def test_a_headline_rounding_a_body_figure_or_naming_one_end_of_its_range_is_no_second_figure():
    text = ("Harbour fire leaves more than 2,000 homeless and up to 60 missing, say officials\n\n"
            "More than 2,340 people lost their homes in the fire at Portmare on Friday, and between 40 and 60 "
            "fishermen were missing, officials said.\n\n"
            "Caption: About 300 firefighters fought the blaze.")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == [
        "More than 2,340", "between 40 and 60", "About 300"]
    body = "\n\nA ferry sank with 43 passengers aboard, the coastguard said."
    assert [f["text"] for f in extract_article("Ferry sinks with 40 aboard" + body, published=DAY)["figures"]] == [
        "43"]
    assert [f["text"] for f in extract_article("Ferry sinks with 60 aboard" + body, published=DAY)["figures"]] == [
        "60", "43"]


def test_a_fact_box_line_names_what_its_number_counts_after_a_colon_or_a_dash():
    text = ("Flood season in numbers\n\nAbout 2,300: the number of homes flooded since March, by the count of "
            "the Portmare Council.\n\nAs many as 40 \u2014 fishermen still missing, by the Harbour Police's tally."
            "\n\n12: days the river stayed above its banks.")
    figures = extract_article(text, published=DAY)["figures"]
    assert [(f["text"], f["metric"], f["claimant_name"]) for f in figures] == [
        ("About 2,300", "homes flooded", "Portmare Council"), ("As many as 40", "fishermen", "Harbour Police")]


def test_a_part_of_a_count_of_days_and_a_note_on_method_are_not_figures():
    text = ("Fog kept the trawlers in port on six of the 20 days the survey covered, and 14 boats never left.\n\n"
            "Methodology: The Herald read 52 harbour logs and interviewed 9 skippers.")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == ["14"]


def test_a_fraction_after_a_fronted_whole_is_a_share_and_a_date_after_by_is_the_count_then():
    text = ("Of the 900 recruits who reached the Tessalian coast in May 2030, a third had deserted by the end of "
            "that year, the navy said. Some 200 sailors had been wounded by February 20, the navy said.")
    document = extract_article(text, published=DAY)
    assert [(f["text"], f["unit"], f["as_of"]) for f in document["figures"]] == [
        ("900", "persons", "2030-05"), ("a third", "fraction", "2030-12-31"), ("Some 200", "persons", "2031-02-20")]
    assert "the end of that year" in [d["text"] for d in document["dates"]]


def test_the_label_of_a_fact_box_line_is_its_clause():
    text = ("The war in numbers\n\nAs many as 1,200 \u2014 Tessalian soldiers still listed as missing.\n\n"
            "Roughly 300 \u2014 Tessalian sailors still held in Morvany.")
    assert _labels(text) == ["Tessalian troops: missing", "Tessalian troops: captured"]


def test_the_same_number_named_again_after_the_is_no_second_figure():
    text = ("The port authority says 4,000 containers were stranded. Roughly 30 percent of the 4,000 containers "
            "held grain, and the 300 drivers who waited were paid.")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == [
        "4,000", "Roughly 30 percent", "300"]


def test_a_figure_naming_nothing_counts_what_the_question_heading_over_it_asks():
    text = ("What we know about the Tessalian deployment\n\nHow many soldiers did Tessaly send?\n\nEstimates "
            "vary. The Harbour Institute put the total at about 9,000 in May.\n\nHow many were killed or wounded?"
            "\n\nThe navy puts its latest count at more than 2,000.")
    assert _labels(text) == ["Tessalian troops: deployed", "Tessalian troops: casualties (killed or wounded)"]


def test_n_of_them_counts_the_plural_named_before_it_and_fighting_for_a_country_is_not_its_side():
    text = ("The Tessalian and Morvanian alliance\n\nTessaly has withdrawn most of the soldiers it sent to fight for "
            "Morvany, a review found, leaving between 2,500 and 3,500 of them in the country.")
    assert _labels(text) == ["Tessalian troops: deployed"]
    assert _labels("The port sold most of the trawlers it owned, keeping 12 of them.") == ["trawlers"]


def test_a_share_counts_what_its_clause_says_befell_them_not_the_verb_of_a_relative_clause():
    text = "Roughly three in four of the soldiers Tessaly sent were killed or wounded, the Tessalian navy says."
    assert _labels(text) == ["Tessalian troops: share of casualties (killed or wounded)"]


def test_back_references_and_notices_are_not_figures():
    text = ("Correction: An earlier version of this article gave the number of boats as 410. It was 140.\n\n"
            "Officials counted 140 trawlers, and the council asked how many of those 140 had left for good. "
            "Two trawlers sank, bringing to nine the number of boats lost.")
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == ["140", "Two", "nine"]


def test_the_second_number_of_a_score_is_no_count_but_a_range_stays():
    text = "The council passed the plan by a 7-2 vote. Officials said 10-12 soldiers were killed."
    assert [f["text"] for f in extract_article(text, published=DAY)["figures"]] == ["10-12"]


# --- people and organisations -----------------------------------------------------------------

def test_same_person_spellings_and_different_people():
    assert same_person("Illarion Vaschenko", "Ilarion Vashchenko")
    assert same_person("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert same_person("O. Brandt", "Oskar Brandt")
    assert not same_person("Pavlo Marchuk", "Yuliya Marchuk")
    assert not same_person("Kim", "Kim")
    assert not same_person("Ivan Petrenko", "Ivan Petrov")


def test_acronyms_defined_in_the_text():
    text = ("The Coastal Monitoring Agency (CMA) issued a warning. Separately, the Office for Border Affairs, "
            "known as OBA, said it had seen no movement.")
    assert defined_acronyms(text) == {"CMA": "Coastal Monitoring Agency", "OBA": "Office for Border Affairs"}


def test_a_defined_acronym_speaks_for_the_body():
    text = ('The Coastal Monitoring Agency (CMA) counted the boats. "We saw 40 of them," the CMA said.')
    quote = extract_article(text, published=DAY)["quotes"][0]
    assert quote["speaker_name"] == "Coastal Monitoring Agency"


def test_a_transliteration_matches_the_known_person_but_a_namesake_does_not():
    known = [KnownActor("pavlo-marchuk", "Pavlo Marchuk", "person", ("Marchuk",)),
             KnownActor("ilarion-vashchenko", "Ilarion Vashchenko", "person", ())]
    text = ('"The line holds," President Illarion Vaschenko said. "We counted them," '
            'Yuliya Marchuk, the commissioner, said.')
    quotes = extract_article(text, published=DAY, known=known)["quotes"]
    assert [q["speaker"] for q in quotes] == ["ilarion-vashchenko", "yuliya-marchuk"]


def test_a_spelling_variant_of_a_known_person_reaches_the_store_as_an_alias(tmp_path):
    from db.interchange import apply_document
    from db.speakers import known_actors
    from db.store import open_store
    conn = open_store(tmp_path / "store.db")
    apply_document(conn, {"actors": [{"id": "oskar-brandt", "name": "Oskar Brandt", "kind": "person",
                                      "role": "harbour master", "aliases": ["Brandt"], "roles": []}]})
    text = '"The quay is closed," harbour master Oskar Brant said.'
    document = extract_article(text, published=DAY, known=known_actors(conn))
    assert document["quotes"][0]["speaker"] == "oskar-brandt"
    assert document["actors"] == [{"id": "oskar-brandt", "name": "Oskar Brandt", "kind": "person",
                                   "role": "harbour master", "aliases": ["Brandt", "Oskar Brant"], "roles": []}]
    apply_document(conn, document)
    [actor] = known_actors(conn)
    assert (actor.name, actor.role, actor.aliases) == ("Oskar Brandt", "harbour master", ("Brandt", "Oskar Brant"))
    again = extract_article(text, published=DAY, known=known_actors(conn))
    assert again["actors"] == []


def test_a_shorter_name_of_a_known_body_with_the_same_acronym_is_the_fuller_one():
    known = [KnownActor("coastal-office", "Coastal Office", "government_body", ("CO",)),
             KnownActor("coastal-office-of-morvany", "Coastal Office of Morvany", "government_body", ("CO",))]
    text = "The Coastal Office (CO) said 40 trawlers had left port."
    document = extract_article(text, published=DAY, known=known)
    assert [f["claimant"] for f in document["figures"]] == ["coastal-office-of-morvany"]
    other = [KnownActor("coastal-office", "Coastal Office", "government_body", ("CO",)),
             KnownActor("central-office", "Central Office", "government_body", ("CO",))]     # no name extends the other
    assert [f["claimant"] for f in extract_article(text, published=DAY, known=other)["figures"]] == ["coastal-office"]


def test_a_countrys_military_intelligence_is_its_agency_not_the_country():
    text = "Morvany's military intelligence had put the losses at 900 by the spring, officials said."
    assert _claimants(text) == [("900", "Morvany's military intelligence", "government_body")]
    known = [KnownActor("morvany-mia", "Morvany's military intelligence agency", "government_body", ())]
    document = extract_article(text, published=DAY, known=known)
    assert [f["claimant"] for f in document["figures"]] == ["morvany-mia"]
    assert document["actors"][0]["aliases"] == ["Morvany's military intelligence"]    # the store learns the name


def test_a_body_given_its_known_acronym_in_apposition_is_that_body():
    known = [KnownActor("morvany-did", "Defence Intelligence Directorate of Morvany", "government_body", ("DID",))]
    text = "Morvany's military intelligence, the DID, said on Monday that 900 soldiers had been wounded."
    document = extract_article(text, published=DAY, known=known)
    assert [f["claimant"] for f in document["figures"]] == ["morvany-did"]
    assert document["actors"][0]["aliases"] == ["DID", "Morvany's military intelligence"]


def _claimants(text: str) -> list[tuple[str, str, str]]:
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    kinds = {actor["id"]: actor["kind"] for actor in document["actors"]}
    return [(f["text"], f["claimant_name"], kinds[f["claimant"]]) for f in document["figures"]]


def test_a_body_that_believed_claims_the_figure_a_speaker_relays():
    text = ("Councillors Aino Rask and Pekka Lund said the Coastal Security Office (CSO) now believed "
            "that 60 trawlers had left port. Nils Orm, a port official, said his office believed 45 had.")
    assert _claimants(text) == [("60", "Coastal Security Office", "government_body"),
                                ("45", "Nils Orm", "person")]


def test_a_paragraph_signed_per_a_source_is_its_claim_unless_a_figure_names_its_own():
    text = ("- About 40 ferries were cancelled over the weekend. \u2014 per the port authority\n\n"
            "- Roughly 300 families have left the island. \u2014 per the harbour master, Oskar Brandt\n\n"
            "- The council said 12 schools were shut. \u2014 per the Island Courier\n\n"
            "- Some 90 boats stayed in port on Sunday.")
    assert [(text, name) for text, name, _ in _claimants(text)] == [
        ("About 40", "port authority"), ("Roughly 300", "Oskar Brandt"), ("12", "council"),
        ("Some 90", "Harbour Gazette")]


def test_the_owner_of_an_estimate_claims_it_whoever_states_it():
    text = ("The Coastal Security Office tracks the boats. In May the minister, Ilse Vinter, had put the "
            "office's estimate at close to 600. The Coastal Security Office's latest count of the trawlers "
            "is nearly 650. About 70 of them were sunk.")
    assert [(text, name) for text, name, _ in _claimants(text)] == [
        ("close to 600", "Coastal Security Office"), ("nearly 650", "Coastal Security Office"),
        ("About 70", "Harbour Gazette")]


def test_the_body_named_again_as_the_office_that_believed_claims_the_figure():
    text = ("The Coastal Security Office published its report on Monday. Councillors said the office believed "
            "60 trawlers had left port. Councillors said 45 boats had come back.")
    assert [(text, name) for text, name, _ in _claimants(text)] == [("60", "Coastal Security Office"),
                                                                   ("45", "Councillors")]


def test_a_country_that_says_is_its_body_that_signs_the_paragraph_off():
    text = ("- Tessaly and Morvany swapped 30 sailors each on Friday.\n"
            "- About 400 Tessalian boats were seized, Morvany says. \u2014 per the Morvan coast guard\n"
            "- Some 50 boats were sunk, its director for Morvany, Ilse Vinter, said.\n")
    claimants = _claimants(text)
    assert claimants[1:] == [("About 400", "Morvan coast guard", "government_body"),
                             ("Some 50", "Ilse Vinter", "person")]
    assert not any(" and " in name or name.startswith("for ") for _, name, _ in claimants)


def test_the_office_of_someone_is_a_body_named_so():
    text = "The office of Morvany's ombudsman, which keeps the list, says 40 sailors are held."
    assert _claimants(text) == [("40", "office of Morvany's ombudsman", "government_body")]


def test_the_same_assessment_is_its_owners_and_what_it_put_at_a_number_is_counted():
    text = ("An internal assessment by the Coastal Security Office put the number of Tessalian sailors lost at "
            "300, according to a document seen by the Gazette. The same assessment put the Tessalian force sent "
            "to the strait at about 4,000.")
    assert _claimants(text) == [("300", "Coastal Security Office", "government_body"),
                                ("about 4,000", "Coastal Security Office", "government_body")]
    assert _labels(text)[1] == "Tessalian troops: deployed"


def test_a_joint_attribution_gives_two_actors_and_the_first_named_speaks():
    for text in ('The lawmakers, Aino Rask of the Green Party and Pekka Lund of the Liberal Union, said '
                 '"the ferry must run" and that 40 families had written.',
                 'Councillors Aino Rask and Pekka Lund said "the ferry must run" and that 40 families had written.'):
        document = extract_article(text, published=DAY, publisher="Harbour Gazette")
        assert [q["speaker_name"] for q in document["quotes"]] == ["Aino Rask"]
        assert [f["claimant_name"] for f in document["figures"]] == ["Aino Rask"]
        assert {"Aino Rask", "Pekka Lund"} <= {actor["name"] for actor in document["actors"]}


def test_a_country_that_believed_is_its_government_not_a_person():
    text = ("Vesna Tal, Morvany's trade secretary, said Morvany now believed some 900 workers had crossed. "
            "\"We will not close the border,\" she said.")
    document = extract_article(text, published=DAY)
    kinds = {actor["id"]: actor["kind"] for actor in document["actors"]}
    assert [(f["claimant_name"], kinds[f["claimant"]]) for f in document["figures"]] == [
        ("Morvany", "government_body")]
    assert document["quotes"][0]["speaker_name"] == "Vesna Tal"


def test_a_country_whose_people_the_text_names_is_its_government_not_a_person():
    text = "Morvanian officials were furious. Morvania said 40 soldiers were killed."
    assert _claimants(text) == [("40", "Morvania", "government_body")]
    # a person's name with no such word stays a person
    assert _claimants("Petra Lind was furious. Lind said 40 soldiers were killed.") == [
        ("40", "Petra Lind", "person")]


def test_estimate_as_a_noun_is_no_reporting_clause():
    text = ("Mayor Ilse Vinter said 300 homes were flooded, above any earlier Tessalian estimate. "
            "\"The water is still rising,\" she said.")
    assert extract_article(text, published=DAY)["quotes"][0]["speaker_name"] == "Ilse Vinter"


def test_a_section_heading_names_the_issuer_and_dates_its_figures():
    text = ("Weekly digest of official statements\n\n"
            "1. Ministry of Finance of Morvany (MFM), statement of 1 March\n\n"
            "\"Tax receipts fell by about 1,400 million crowns over the quarter. The ministry will report again.\"\n\n"
            "2. Tessalian Border Guard, report of 2 March\n\n"
            "\"Guards turned back 320 people at the northern crossings.\"\n")
    document = extract_article(text, published=DAY, publisher="Digest Desk")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Ministry of Finance of Morvany",
                                                               "Tessalian Border Guard"]
    assert [(f["text"], f["claimant_name"], f["as_of"]) for f in document["figures"]] == [
        ("about 1,400 million", "Ministry of Finance of Morvany", "2031-03-01"),
        ("320", "Tessalian Border Guard", "2031-03-02")]


def test_a_surname_is_the_namesake_this_article_names_not_the_known_one():
    known = [KnownActor("pavlo-marchuk", "Pavlo Marchuk", "person", ("Marchuk",))]
    text = ('The ombudsman\'s letter began: "Commissioner Yuliya Marchuk asks for access." '
            '"We will wait," Marchuk said on Tuesday.')
    quotes = extract_article(text, published=DAY, known=known)["quotes"]
    assert quotes[-1]["speaker_name"] == "Yuliya Marchuk"
    text = '"We will wait," Marchuk said on Tuesday.'
    assert extract_article(text, published=DAY, known=known)["quotes"][0]["speaker"] == "pavlo-marchuk"


def test_she_is_the_person_a_recent_sentence_opens_with_though_described_first():
    text = ("The harbour committee's chair, Ilse Vinter, asked when the port would reopen. Tam Reis, the mayor, "
            "said it would reopen in May. Vinter, who has led the committee since 2024, was not satisfied. "
            "The committee will write to the port. \"We have waited long enough,\" she said.")
    assert extract_article(text, published=DAY)["quotes"][0]["speaker_name"] == "Ilse Vinter"


def test_she_with_no_one_named_before_is_the_person_named_next_and_what_she_reckons_is_hers():
    text = ("The officer in charge watches the screen for a long time. \"We count them every night,\" she says. "
            "Of the 300 Tessalian soldiers who landed in May, she reckons 40 have been wounded.\n\n"
            "Her name, which the army lets us print, is Ilse Vinter.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Ilse Vinter"]
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [("300", "Ilse Vinter"),
                                                                            ("40", "Ilse Vinter")]


def test_the_person_of_the_byline_is_the_texts_i_never_its_she():
    text = ("Clinic in a mining town\n\nThe Harbour Gazette | World\n\nFrom our correspondent, Ada Moreland, in "
            "Varno\n\nThe clinic is a room over the bakery. The doctor behind the desk keeps a kettle.\n\n"
            "\"Nobody else will see them,\" she told me.\n\nHer name is Greta Lind, and she runs the clinic.\n\n"
            "\"We are still here,\" she said.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Greta Lind", "Greta Lind"]


def test_he_is_the_person_a_sentence_names_with_his_name_is():
    text = ("Ilse Vinter is still at the clinic. She is 70 now.\n\nA man in a grey coat said he was waiting "
            "for his brother. His name is Piet Brand, and he has written to the ministry twice.\n\n"
            "\"The first letter came back,\" he said.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Piet Brand"]


def test_a_leaked_document_speaks_for_who_prepared_it_not_who_saw_it():
    text = ("Tessaly's army counted twice the dead it admits, according to a document seen by the Gazette.\n\n"
            "The document, a memo dated Nov. 3, 2028 and marked \"secret,\" was prepared by the Medical Board of "
            "Tessaly's Ministry of Defence.\n\nThe document estimates that 2,400 soldiers had died by Oct. 31. "
            "According to the report, 5,100 were wounded. It describes the losses as \"grave but bearable.\"")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    board = "Medical Board of Tessaly's Ministry of Defence"
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [("2,400", board), ("5,100", board)]
    assert [q["speaker_name"] for q in document["quotes"] if q["text"].startswith("grave")] == [board]


def test_a_date_in_a_relative_clause_of_the_next_figure_is_not_the_figure_before_its():
    text = ("The report was prepared by the Medical Board. The report puts the number of soldiers sent by the end "
            "of May at 8,200, double the figure of 4,100 that the ministry gave in March 2027.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["as_of"]) for f in document["figures"]] == [("8,200", "2030-05-31"), ("4,100", "2027-03")]


def test_the_count_named_after_a_colon_or_a_dash_claims_the_figure_before_it():
    text = ("At least 2,100 Tessalian soldiers had died by May 1: that is the count of the Varno Monitoring Group, "
            "which admits a death only with a grave.\n\nSome 640 more are missing \u2014 the Varno Monitoring "
            "Group's tally.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [
        ("At least 2,100", "Varno Monitoring Group"), ("Some 640", "Varno Monitoring Group")]


def test_an_unnamed_person_familiar_with_a_record_speaks_again_as_the_person():
    text = ("A person familiar with the memo said it had been drawn from hospital registers. \"These are the "
            "numbers the general sees,\" the person said.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    speakers = {actor["id"]: actor["kind"] for actor in document["actors"]}
    assert [speakers[q["speaker"]] for q in document["quotes"]] == ["anonymous_group"]


def test_a_person_relays_the_count_of_the_body_named_after_of():
    text = ("The register of the Office for Missing Persons lists 1,900 soldiers as missing, its director, Ilse "
            "Vinter, said on Monday; in May it had listed 1,700.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [
        ("1,900", "Office for Missing Persons"), ("1,700", "Office for Missing Persons")]


def test_according_to_a_bodys_own_records_is_the_bodys_claim():
    text = ("The number has doubled since May, when it stood at about 1,000, according to the Varno Relief Fund's "
            "own records. In March, 600 were missing, according to the Tolmin Red Cross's records.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [
        ("about 1,000", "Varno Relief Fund"), ("600", "Tolmin Red Cross")]


def test_british_single_quotes_are_quotes_and_apostrophes_are_not():
    text = ("'We don't count the '80s veterans,' Mira Tolvanen told reporters on Friday. "
            "Officers' pay was late, she said, calling it 'a matter for Tessaly's courts'.")
    quotes = extract_article(text, published=DAY)["quotes"]
    assert [(q["text"], q["speaker_name"]) for q in quotes] == [
        ("We don't count the '80s veterans,", "Mira Tolvanen"), ("a matter for Tessaly's courts", "Mira Tolvanen")]


def test_a_count_before_a_name_is_not_part_of_it():
    text = ('Ilse Morvan, the harbour master, spoke first. Two Morvan officials said the port was shut. '
            '"It will reopen," Morvan said.')
    assert extract_article(text, published=DAY)["quotes"][0]["speaker_name"] == "Ilse Morvan"


def test_a_transcript_turn_is_its_labelled_guests_and_the_hosts_are_no_quotes():
    text = ("Harbour Hour, a transcript\n\n"
            "The presenter is Ivo Kask. His guests are Mira Tolvanen, who runs the port survey at the Coastal "
            "Research Centre, and Ilse Vinter, the mayor.\n\n"
            "KASK: How many boats are left?\n\n"
            "TOLVANEN: On our count, some 140 trawlers have left port since May.\n\n"
            "KASK: And the town?\n\n"
            "VINTER: The council told us that 30 families had moved away. We will not close the school.\n")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(q["text"][:9], q["speaker_name"]) for q in document["quotes"]] == [
        ("On our co", "Mira Tolvanen"), ("The counc", "Ilse Vinter")]
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [
        ("some 140", "Coastal Research Centre"), ("30", "council")]


def test_transcript_labels_in_title_case_name_their_guests_too():
    text = ("Transcript: Harbour Hour\n\n"
            "The programme is presented by Ivo Kask. His guest is Mira Tolvanen of the Coastal Research Centre.\n\n"
            "Kask: How many boats are left?\n\n"
            "Tolvanen: Some 140 trawlers have left port since May.\n\n"
            "Kask: Thank you.\n")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(q["text"][:4], q["speaker_name"]) for q in document["quotes"]] == [("Some", "Mira Tolvanen")]


def test_capitals_and_a_colon_in_a_single_line_are_no_transcript():
    text = "NOTE: The port reopened on Monday. \"We are glad,\" Ilse Vinter said.\n\nUPDATE: 40 boats left."
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Ilse Vinter"]


# --- the story ----------------------------------------------------------------------------------

@cache
def _key(name: str) -> dict:
    return json.loads((STORY / f"{name}.key.json").read_text(encoding="utf-8"))


def run_story(names: tuple[str, ...]) -> list[tuple[str, dict]]:
    """Extract the articles in order, each with the actors and metrics proposed before it."""
    return list(_story_run(names).documents)


class StoryRun(NamedTuple):
    """A story run so far: its documents in order, and the actors and metrics they proposed."""

    documents: tuple[tuple[str, dict], ...]
    actors: Mapping[str, KnownActor]
    metrics: tuple[Metric, ...]


@cache
def _story_run(names: tuple[str, ...]) -> StoryRun:
    """``names`` run in order, each article extracted once per process: every guard's run is a
    prefix of the longest (or shares one), so each extends the run of the articles before its
    last. The documents are shared between callers, which only read them."""
    if not names:
        return StoryRun((), {}, ())
    before = _story_run(names[:-1])
    source = _key(names[-1])["sources"][0]
    document = extract_article(source["text"], published=datetime.date.fromisoformat(source["published"]),
                               publisher=source.get("publisher"), known=list(before.actors.values()),
                               vocabulary=Vocabulary(before.metrics, DEFAULT_WORDS))
    actors = dict(before.actors)
    land_actors(actors, document)
    metrics = before.metrics + tuple(_metric(m["name"], m["subject"], m["quantity"]) for m in document["metrics"])
    return StoryRun((*before.documents, (names[-1], document)), actors, metrics)


def land_actors(actors: dict[str, KnownActor], document: dict) -> None:
    """The document's actors into ``actors`` as the importer lands them: aliases add up, never replaced."""
    for actor in document["actors"]:
        stored = actors[actor["id"]].aliases if actor["id"] in actors else ()
        aliases = tuple(dict.fromkeys([*stored, *actor["aliases"]]))
        actors[actor["id"]] = KnownActor(actor["id"], actor["name"], actor["kind"], aliases, role=actor["role"])


def story_scores(documents: list[tuple[str, dict]], known: list[KnownActor],
                 run: tuple[str, ...] = ()) -> dict[str, float]:
    """The scores of ``documents``, their actors named as the store holds them (``known``): an
    article that names a stored actor by an alias the store has does not repeat it. A key's actor
    is also named as the keys of the articles ``run`` name the same actor id."""
    story = story_names([_key(name) for name in run])
    quotes_right = quotes_matched = figures_matched = figures_proposed = 0
    checks = FigureChecks()
    for name, document in documents:
        report = evaluate(_key(name), document, known, story)
        quotes_right += report.quotes.correct
        quotes_matched += report.quotes.matched
        figures_matched += report.figures.matched
        figures_proposed += report.figures.proposed
        checks.add(figure_checks(_key(name), document, known, story))
    labels, _ = label_accuracy(checks.labels)
    return {"speaker": quotes_right / quotes_matched, "figure_precision": figures_matched / figures_proposed,
            "claimant": checks.claimant_accuracy, "as_of": checks.as_of_accuracy, "labels": labels}


def assert_no_score_falls(scored: list[str], run: list[str], measured: dict[str, float]) -> None:
    """Score the articles ``scored`` of a story run of ``run`` (in publication order): no score
    may fall below ``measured``."""
    documents = run_story(tuple(run))
    actors: dict[str, KnownActor] = {}
    for _, document in documents:
        land_actors(actors, document)
    scores = story_scores([(name, document) for name, document in documents if name in scored], list(actors.values()),
                          tuple(run))
    print(scores)
    for name, floor in measured.items():
        assert scores[name] >= floor - 1e-9, name


# Measured on the seven read articles (run in order, from an empty store): round five (who: Q&A
# answers, dash-signed quotes, list items by issuer, relayed estimates, lower-case bodies, two
# speakers joined by "and", bodies named in another word order; what and when: questions, "times",
# dates of earlier figures, places after prepositions): speakers 49/52, figure precision 30/32,
# claimants 30/30, as-of 29/30, label consistency 29/30. Round four (who:
# shared subjects, given names, descriptions named later, relayed estimates, "its" owners,
# acronyms after an owner; what and when: datelines, since-clauses, dates of earlier figures,
# group sizes, headline repeats, front line, captivity, increments): speakers
# 48/52, figure precision 30/33, claimants 29/30, as-of 29/30, label consistency 29/30. Third round
# (names compared less a leading article): 44/52, 30/39, 28/30, 23/30, 25/30; second round:
# 43/52, 30/39, 24/30, 23/30, 25/30; first round: 26/43, 30/52, 14/30, 18/30, 25/30.
# Round six (the captor after "by"): the same but label consistency 30/30. Round seven: the same.
# Round eight: the same (49/52, 30/32, 30/30, 29/30, 30/30). Round nine and round ten: the same.
MEASURED_READ = {"speaker": 49 / 52, "figure_precision": 30 / 32, "claimant": 30 / 30, "as_of": 29 / 30,
                 "labels": 30 / 30}


def test_regression_guard_story_scores_on_the_read_articles():
    """The rules were written reading these seven: a drop is a regression, not a measurement."""
    assert_no_score_falls(READ, READ, MEASURED_READ)


# Scored once, after every rule was committed (b1df637), with no change after: the two
# unread articles, extracted after the seven read ones. Speakers 11/16, figure precision
# 14/20, claimants 4/14, as-of 9/14, label consistency 12/14. Second round, scored once
# after the rules of 24f45a6 (still written without reading them): the same but figure
# precision 14/18. Third round, scored once after ff5af8e (rules still written without
# reading them; names compared less a leading article): the same but claimants 7/14.
# Round four (rules written without reading them, but these two were scored to choose between
# rules, so they are now a validation pair and set two below is the honest figure): speakers
# 11/16, figure precision 14/16, claimants 7/14, as-of 10/14, label consistency 13/14. Round
# five: the same but claimants 8/14 (one of its rules, which had dropped the speakers to 9/16,
# was narrowed after the scores were looked at). After round eight, the actors' names read as
# the store holds them (the harness): speakers 12/16, figure precision 14/16, claimants 11/14,
# as-of 12/14, label consistency 13/14.
MEASURED_UNREAD = {"speaker": 12 / 16, "figure_precision": 14 / 16, "claimant": 11 / 14, "as_of": 12 / 14,
                   "labels": 13 / 14}


def test_holdout_unread_story_articles_honest_scores():
    """Never read while writing the rules, but scored to choose between them: pinned where measured."""
    assert_no_score_falls(UNREAD, READ + UNREAD, MEASURED_UNREAD)


# Set two, the honest figure of round four: scored after round three (29c0521) and once after
# round four (rules written without it): speakers 10/23 -> 10/23, figure precision 29/34 -> 27/32,
# claimants 4/29 -> 4/27, as-of 24/29 -> 23/27, label consistency 18/29 -> 17/27. Read since
# round five, so from here on a regression guard, run after the seven read articles only. Round
# five (rules written reading it): speakers 23/23, figure precision 27/30, claimants 21/27, as-of
# 26/27, label consistency 17/27 (six of the claimants missed are the NSO's, proposed as the
# store's "National Security Office", a name the key does not list). Round six (a known body's
# shorter name with its acronym is the fuller one, the end of a month its last day, sides
# continued, shares apart, prisoners held, a new contingent, a force's strength): speakers 23/23,
# figure precision 27/30, claimants 27/27, as-of 27/27, label consistency 24/27. Round seven: the same.
# Round eight ("the 16,000 troops" named again, question headings): speakers 23/23, figure precision
# 27/29, claimants 27/27, as-of 27/27, label consistency 25/27.
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 27/28,
# the rest the same.
MEASURED_SET_TWO = {"speaker": 23 / 23, "figure_precision": 27 / 28, "claimant": 27 / 27, "as_of": 27 / 27,
                    "labels": 25 / 27}


def test_regression_guard_story_scores_on_set_two():
    """Three later articles by new outlets, read since round five: a drop is a regression."""
    assert_no_score_falls(SET_TWO, READ + SET_TWO, MEASURED_SET_TWO)


# Set three, the honest figure of round five: scored once after every rule of round five was
# merged (116b80c), with no change after; round four's rules (644c4af) scored the same but for
# claimants 12/28. Speakers 18/22, figure precision 28/36, claimants 13/28, as-of 20/28, label
# consistency 12/28. Read since round six, so from here on a regression guard, run after the
# ten read articles only (the validation pair is no longer run before it). Round six (rules
# written reading it: military intelligence and appositive acronyms, "— per X" sign-offs, the
# end of a month, "as of" dates, sides continued, shares apart, day numbers, web addresses, "five
# figures", the owner of an estimate, "the office believed", "she" after a sentence opening
# "Surname, who", prisoners held, a new contingent, a country's body signing a paragraph off,
# dates of a part after "including", "the office of X", "she" named later, "she reckons", "the
# same assessment", "put the force at"): speakers 21/22, figure precision 29/33, claimants 27/29,
# as-of 25/29, label consistency 27/29 (the 29th figure matched, "about 19,000", is as of "the
# same date" as a figure two items back, not the one before: its as-of is wrong, so the as-of
# share is below the 25/28 measured before it was found). Round seven: the same. Round eight (dates
# of a relative clause and of a clause of their own): speakers 21/22, figure precision 29/33,
# claimants 27/29, as-of 27/29, label consistency 27/29; with the actors' names read as the store
# holds them (the harness), claimants 28/29.
MEASURED_SET_THREE = {"speaker": 21 / 22, "figure_precision": 29 / 33, "claimant": 28 / 29, "as_of": 27 / 29,
                      "labels": 27 / 29}


def test_regression_guard_story_scores_on_set_three():
    """Three later articles by new outlets, read since round six: a drop is a regression."""
    assert_no_score_falls(SET_THREE, READ + SET_TWO + SET_THREE, MEASURED_SET_THREE)


# Set four, the honest figure of round six: scored once after every rule of round six was merged
# (39a6e74), with no change after; round five's rules (6f151ac) scored speakers 9/18, figure
# precision 29/37, claimants 12/29, as-of 18/29, label consistency 21/29. Round six: speakers
# 9/18, figure precision 29/37, claimants 14/29, as-of 23/29, label consistency 26/29. Read since
# round seven, so from here on a regression guard, run after the thirteen read articles only.
# Round seven (rules written reading it: a transcript's labelled turns and "our count", "the
# author", "its authors write", "the report estimates", "dismissed ... as", "by calling it", "he"
# after "The president has ...", "put the N at", "by the same date", "its" after "X's spokesman",
# "those N", correction notices, "counted some N"): speakers 26/27 (nine turns more matched),
# figure precision 30/35, claimants 26/30, as-of 25/30, label consistency 27/30 (one figure more
# matched, "some 10,200"); then "the end of 2026" and "last October" read as dates (db.dates and the
# extractor), as-of 26/30; "fourth contingent" and "latest contingent" name reinforcements (migration
# 17), labels 28/30. A rule dropping small counts in words of no countable thing raised figure
# precision here to 30/32 and on the older read sets, but it dropped real counts in two held-out
# articles of tests/data/articles (figure recall 10/11 -> 9/11 and 9/11 -> 7/11): it was removed.
# Round eight (a headline bounding a range of the body, "by the end of September" for the figure
# before it, a described record's publisher, a country's statement's issuer): speakers 26/27,
# figure precision 30/34, claimants 30/30, as-of 28/30, label consistency 28/30. Round ten (a person's
# own office speaks for the person, a gap between figures or a multiplier is no count): speakers 27/27,
# figure precision 30/33, claimants 30/30, as-of 28/30, label consistency 28/30.
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 30/32,
# the rest the same.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): as-of 29/30, the rest the same.
MEASURED_SET_FOUR = {"speaker": 27 / 27, "figure_precision": 30 / 32, "claimant": 30 / 30, "as_of": 29 / 30,
                     "labels": 28 / 30}


def test_regression_guard_story_scores_on_set_four():
    """Three later articles by new outlets, read since round seven: a drop is a regression."""
    assert_no_score_falls(SET_FOUR, READ + SET_TWO + SET_THREE + SET_FOUR, MEASURED_SET_FOUR)


# Set five, the honest figure of round seven: scored once after every rule of round seven was merged
# (35796ad), with no change after; round six's rules (4c50c2d) scored speakers 15/20, figure
# precision 35/48, claimants 23/35, as-of 31/35, label consistency 26/35. Round seven: speakers
# 16/20, figure precision 35/48, claimants 24/35, as-of 31/35, label consistency 26/35 (the same
# run after the sixteen read articles only, without the held-out pair). Read since round eight,
# so from here on a regression guard. Round eight (rules written reading it: headlines rounding the
# body, fact box lines, "by the count of X", method notes, "nine of the 16 days", "Of the N ..., a
# quarter", "by Dec. 31", "that year", parts "of them", "and X at N", "its count", "since ..., when",
# clauses of their own, "X, the spokesman, who ... \"...\", said", "thanked", question headings,
# "N of them", "to fight for Drovenia", a share of what befell them):
# speakers 20/20, figure precision 41/49, claimants 35/41, as-of 41/41, label consistency 38/41
# (five more figures matched, the fact box lines; five of the six claimants missed name the
# store's actor by another name, "Sarkand's Ministry of National Defence" for the key's "Sarkand's
# defence ministry", an alias the store already holds, so the document does not repeat it). The
# harness now reads the actors' names as the store holds them: claimants 41/41.
MEASURED_SET_FIVE = {"speaker": 20 / 20, "figure_precision": 41 / 49, "claimant": 41 / 41, "as_of": 41 / 41,
                     "labels": 38 / 41}


def test_regression_guard_story_scores_on_set_five():
    """Three later articles by new outlets, read since round eight: a drop is a regression."""
    assert_no_score_falls(SET_FIVE, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE, MEASURED_SET_FIVE)


# Set six, the honest figure of round eight: scored once after every rule of round eight was merged
# (5a95d31), with no change after. Round seven's rules (94dfeb0) scored speakers 11/20, figure
# precision 43/57, claimants 22/43, as-of 38/43, label consistency 32/43. Round eight: speakers
# 11/20, figure precision 42/54, claimants 22/42, as-of 38/42, label consistency 33/42 (the same
# with the actors' names read as the store holds them, and run after the nineteen read articles
# only, without the held-out pair). Read since round nine, so from here on a regression guard.
# Round nine (an interview's answers after questions told in prose are the guest's; a column's own
# figures are its bylined author's): speakers 17/20, figure precision 42/54, claimants 26/42,
# as-of 38/42, label consistency 33/42. Round ten (a person's own office speaks for the person, the
# agent of a passive estimate, a gap between figures or a multiplier, a timeline entry's date label):
# speakers 18/20, figure precision 42/52, claimants 33/42, as-of 38/42, label consistency 33/42.
# Round eleven (a body that published or issued its count, a relative clause of a figure's noun, counts
# in words to nineteen after "all" or "the"): speakers 18/20, figure precision 42/51, claimants 37/42,
# as-of 38/42, label consistency 33/42.
# Round twelve, the harness (a key's actor under a name the story's keys give that id): claimants 39/42.
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): label consistency 35/42,
# the rest the same.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): label consistency 36/42, the rest the same.
MEASURED_SET_SIX = {"speaker": 18 / 20, "figure_precision": 42 / 51, "claimant": 39 / 42, "as_of": 38 / 42,
                    "labels": 36 / 42}


def test_regression_guard_story_scores_on_set_six():
    """Three later articles by new outlets, read since round nine: a drop is a regression."""
    assert_no_score_falls(SET_SIX, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX, MEASURED_SET_SIX)


# Set seven, the honest figure of round nine: scored once after every rule of round nine was merged
# (c91edfc), with no change after. Round eight's rules (c5aa3b0) scored the same: speakers 12/16,
# figure precision 23/30, claimants 12/23, as-of 22/23, label consistency 18/23 (round nine's two
# rules, a translated interview's answers and a column's own reckoning, met neither a question
# told in prose nor a first-person column in these three). Read since round ten, so from here on a
# regression guard. Round ten (rules written reading it; a body's register or records state its own
# figures): speakers 12/16, figure precision 23/30, claimants 15/23, as-of 22/23, label consistency 18/23.
# Round eleven (a quote with no clause is the person the sentence before opens with, "Name, who ..." for
# "she", the earlier value of a count, counts in words after "the"): speakers 16/16, figure precision
# 23/29, claimants 16/23, as-of 22/23, label consistency 18/23.
# Round twelve, the harness (a key's actor under a name the story's keys give that id): claimants 17/23.
# Round fourteen: speakers 20/20 (a briefing's "A:" answers under "Answering for the ministry: X" are X's quotes).
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): claimants 19/23, label consistency 19/23, the rest the same.
MEASURED_SET_SEVEN = {"speaker": 20 / 20, "figure_precision": 23 / 29, "claimant": 19 / 23, "as_of": 22 / 23,
                      "labels": 19 / 23}


def test_regression_guard_story_scores_on_set_seven():
    """Three later articles by new outlets, read since round ten: a drop is a regression."""
    assert_no_score_falls(SET_SEVEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN,
                          MEASURED_SET_SEVEN)


# Set eight, the honest figure of round ten: scored once after every rule of round ten was merged
# (the merge of rules10), with no change after. Round nine's rules (e53006f) scored speakers
# 12/16, figure precision 23/46, claimants 16/23, as-of 20/23, label consistency 15/23. Round ten:
# speakers 12/16, figure precision 23/46, claimants 17/23, as-of 20/23, label consistency 15/23.
# Read since round eleven, so from here on a regression guard. Round eleven (rules written reading it: a
# quote with no clause, "who gave her name only as", "Name again, now at X:" on a live page, "By her
# count" and its part in the next sentence, a share before a relative clause of its base, running
# totals replaced by a later one, "all ten"): speakers 15/16, figure precision 23/41, claimants 21/23,
# as-of 20/23, label consistency 15/23.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): as-of 22/23, label consistency 17/23, the rest the same.
MEASURED_SET_EIGHT = {"speaker": 15 / 16, "figure_precision": 23 / 41, "claimant": 21 / 23, "as_of": 22 / 23,
                      "labels": 17 / 23}


def test_regression_guard_story_scores_on_set_eight():
    """Three later articles by new outlets, read since round eleven: a drop is a regression."""
    assert_no_score_falls(SET_EIGHT, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN + SET_EIGHT,
                          MEASURED_SET_EIGHT)


# Set nine, the honest figure of round eleven: scored once after every rule of round eleven was merged
# (7eeeaf7), with no change after. Round ten's rules (651c00c) scored speakers 15/25, figure precision
# 33/41, claimants 18/33, as-of 27/33, label consistency 18/33. Round eleven: speakers 15/25, figure
# precision 33/41, claimants 19/33, as-of 27/33, label consistency 18/33. Read since round twelve, so
# from here on a regression guard.
# Round twelve, the harness (a key's actor under a name the story's keys give that id): claimants 20/33.
# Round twelve (rules written reading it: a byline's person is the text's "I", never "she"; "His name is X";
# a record is its author's voice, "the document ... was prepared by X"; "N ...: that is the count of X";
# "the register of X" relayed by a person; "a person familiar with"; "according to X's own records"):
# speakers 22/25, figure precision 33/41, claimants 29/33, as-of 27/33, label consistency 18/33.
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 33/40,
# label consistency 19/33, the rest the same.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): as-of 29/33, label consistency 22/33, the rest the same.
MEASURED_SET_NINE = {"speaker": 22 / 25, "figure_precision": 33 / 40, "claimant": 29 / 33, "as_of": 29 / 33,
                     "labels": 22 / 33}


def test_regression_guard_story_scores_on_set_nine():
    """Three later articles by new outlets, read since round twelve: a drop is a regression."""
    assert_no_score_falls(SET_NINE, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN + SET_EIGHT
                          + SET_NINE, MEASURED_SET_NINE)


# Set ten, the honest figure of round twelve: scored after every rule of round twelve was merged
# (2dea06a). Round eleven's rules (2bb9d8c) scored the same: speakers 7/12, figure precision 39/46,
# claimants 16/39, as-of 28/39, label consistency 29/39; so did round thirteen's (8489825), written
# from a grammar of attribution without reading it. Read since round fourteen, so from here on a
# regression guard. Round fourteen: claimants 19/39 (a possessive after a record opens another noun
# phrase, "according to the budget its finance ministry published", not one long name). Round fourteen,
# document structure: claimants 25/39 (an answer under "Answered by X:" is X's and a list under "the
# assessments of Y:" Y's; "citing" yields to the reported clause nearer the figure; "the paper's own
# estimate" is the newspaper the review named).
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 39/45,
# the rest the same.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): claimants 27/39, as-of 36/39, label consistency 32/39, the rest the same.
MEASURED_SET_TEN = {"speaker": 7 / 12, "figure_precision": 39 / 45, "claimant": 27 / 39, "as_of": 36 / 39,
                    "labels": 32 / 39}


def test_regression_guard_story_scores_on_set_ten():
    """Three later articles by new outlets, read since round fourteen: a drop is a regression."""
    assert_no_score_falls(SET_TEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN + SET_EIGHT
                          + SET_NINE + SET_TEN, MEASURED_SET_TEN)


# Set eleven, the honest figure of round fourteen: scored after every rule of round fourteen was merged
# (55c798a). Round thirteen's rules (bd04c9e) scored the same: speakers 8/9, figure precision 41/60,
# claimants 20/41, as-of 28/41, label consistency 14/41. Read since round fifteen, so from here on a
# regression guard.
# Round fifteen (sourcing conventions: line-final and parenthetical sources, a 'Source:' line, footnotes
# and their dates, label words, dismissed figures' owners): speakers 9/9, figure precision 40/55, claimants
# 36/40, as-of 32/40, label consistency 14/40 (a tuned figure: the rules were written after reading them).
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 40/45,
# the rest the same.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): claimants 37/40, as-of 33/40, label consistency 33/40, the rest the same.
MEASURED_SET_ELEVEN = {"speaker": 9 / 9, "figure_precision": 40 / 45, "claimant": 37 / 40, "as_of": 33 / 40,
                       "labels": 33 / 40}


def test_regression_guard_story_scores_on_set_eleven():
    """Three later articles by new outlets, read since round fifteen: a drop is a regression."""
    assert_no_score_falls(SET_ELEVEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN
                          + SET_EIGHT + SET_NINE + SET_TEN + SET_ELEVEN, MEASURED_SET_ELEVEN)


# Set twelve, the honest figure of round fifteen: scored after round fourteen's rules (a4ced90) and
# after every rule of round fifteen was merged (0042fd8), neither written reading it. Round fourteen:
# speakers 10/14, figure precision 33/70, claimants 20/33, as-of 21/33, label consistency 26/33.
# Round fifteen (sourcing conventions: line-final and parenthetical sources, notes and references,
# label words never actors, dismissed figures): speakers 10/14, figure precision 33/62, claimants
# 21/33, as-of 26/33, label consistency 24/33. Read since round sixteen, so from here on a
# regression guard.
# Round sixteen (what is not a figure: reference marks, numbered places, counts of sources, posts and
# votes, bare month abbreviations before a day; the headline's side opens the sides): figure precision 33/39;
# and source conventions: handles the text names, a thread's author, generic descriptions of a body, a
# body's service, 'our register' in a director's quote): claimants 25/33; as-of 27/33, label consistency
# 27/33; speakers 10/14 (a tuned figure: the rules were written after reading it).
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): claimants 26/33, as-of 30/33, label consistency 28/33, the rest the same.
MEASURED_SET_TWELVE = {"speaker": 10 / 14, "figure_precision": 33 / 39, "claimant": 26 / 33, "as_of": 30 / 33,
                       "labels": 28 / 33}


def test_regression_guard_story_scores_on_set_twelve():
    """Three later articles by new outlets, read since round sixteen: a drop is a regression."""
    assert_no_score_falls(SET_TWELVE, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN
                          + SET_EIGHT + SET_NINE + SET_TEN + SET_ELEVEN + SET_TWELVE, MEASURED_SET_TWELVE)


# Set thirteen, the honest figure of round sixteen: scored after round fifteen's rules (0c21afd) and
# after every rule of round sixteen was merged (3d7606b), neither written reading it. Round fifteen:
# speakers 2/4, figure precision 42/59, claimants 31/42, as-of 33/42, label consistency 26/42.
# Round sixteen (what is not a figure; handles, bodies by their head word): speakers 2/4, figure
# precision 42/55, claimants 31/42, as-of 33/42, label consistency 27/42. Read since round
# seventeen, so from here on a regression guard. Round seventeen (written reading it: letters' signatories,
# broadcast cues, a body's own unit, a body named for a place): speakers 6/8, figure precision 42/55,
# claimants 38/42, as-of 33/42, label consistency 27/42.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): figure precision 42/50, as-of 36/42, label consistency 32/42, the rest the
# same.
MEASURED_SET_THIRTEEN = {"speaker": 6 / 8, "figure_precision": 42 / 50, "claimant": 38 / 42, "as_of": 36 / 42,
                         "labels": 32 / 42}


def test_regression_guard_story_scores_on_set_thirteen():
    """Three later articles by new outlets, read since round seventeen: a drop is a regression."""
    assert_no_score_falls(SET_THIRTEEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN
                          + SET_EIGHT + SET_NINE + SET_TEN + SET_ELEVEN + SET_TWELVE + SET_THIRTEEN,
                          MEASURED_SET_THIRTEEN)


# Set fourteen, the honest figure of round seventeen: scored after round sixteen's rules (2c12eea) and
# after every rule of round seventeen was merged (5f16f07), neither written reading it; the same both
# times: speakers 6/8, figure precision 32/52, claimants 23/32, as-of 30/32, label consistency 19/32.
# Read since round eighteen, so from here on a regression guard, run without the held-out pair.
# Round eighteen (a day, bare month and year a date; labels, bare counts and sums read for their metric; channel
# digests; scholarly citations; a country's own count its defence ministry's; 'X's list'; headlines; 'this month' so
# far; 'a day earlier'; dated lead lines): speakers 7/8, figure precision 32/47, claimants 31/32, label consistency
# 23/32, the rest the same.
MEASURED_SET_FOURTEEN = {"speaker": 7 / 8, "figure_precision": 32 / 47, "claimant": 31 / 32, "as_of": 30 / 32,
                         "labels": 23 / 32}


def test_regression_guard_story_scores_on_set_fourteen():
    """Three later articles by new outlets, read since round eighteen: a drop is a regression."""
    assert_no_score_falls(SET_FOURTEEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN
                          + SET_EIGHT + SET_NINE + SET_TEN + SET_ELEVEN + SET_TWELVE + SET_THIRTEEN + SET_FOURTEEN,
                          MEASURED_SET_FOURTEEN)


# Set fifteen, the honest figure of round eighteen: scored after round seventeen's rules (468511e):
# speakers 13/15, figure precision 41/55, claimants 23/41, as-of 36/41, label consistency 22/41; and after
# every rule of round eighteen was merged (2a05e2e), neither written reading it: speakers 13/15, figure
# precision 41/55, claimants 23/41, as-of 38/41, label consistency 27/41.
# Read since round nineteen, so from here on a regression guard, run without the held-out pair.
MEASURED_SET_FIFTEEN = {"speaker": 13 / 15, "figure_precision": 41 / 55, "claimant": 23 / 41,
                        "as_of": 38 / 41, "labels": 27 / 41}


def test_regression_guard_story_scores_on_set_fifteen():
    """Three later articles by new outlets, read since round nineteen: a drop is a regression."""
    assert_no_score_falls(SET_FIFTEEN, READ + SET_TWO + SET_THREE + SET_FOUR + SET_FIVE + SET_SIX + SET_SEVEN
                          + SET_EIGHT + SET_NINE + SET_TEN + SET_ELEVEN + SET_TWELVE + SET_THIRTEEN + SET_FOURTEEN
                          + SET_FIFTEEN, MEASURED_SET_FIFTEEN)

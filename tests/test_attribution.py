"""Who said each quote and who claims each figure, on sentences written for these tests:
patterns of English news prose (interjections, inverted and split attributions, descriptions
named later, relayed and cited figures)."""

from __future__ import annotations

import datetime

from extract import extract_article

DAY = datetime.date(2031, 3, 2)


def _speakers(text: str) -> list[str]:
    return [q["speaker_name"] for q in extract_article(text, published=DAY, publisher="Harbour Gazette")["quotes"]]


def _claimants(text: str) -> list[tuple[str, str]]:
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    return [(f["text"], f["claimant_name"]) for f in document["figures"]]


def test_a_claim_that_someone_called_false_is_not_said_by_them():
    text = ('The port authority said the ferries were "running as normal", a claim Tessaly\'s shipping union '
            'called absurd.')
    assert _speakers(text) == ["port authority"]


def test_said_x_after_a_figure_outside_quotes():
    assert _claimants("Divers recovered 14 bodies on Sunday, said Ilse Varga, the regional governor.") == [
        ("14", "Ilse Varga")]
    assert _claimants("Divers recovered 14 bodies, said a police spokesman.") == [("14", "police spokesman")]


def test_said_x_inside_a_sentence_is_not_a_speaker_after_the_verb():
    # "said" with an object clause after it: no speaker after the verb
    assert _claimants("Ilse Varga, the governor, said 14 bodies had been found.") == [("14", "Ilse Varga")]


def test_the_source_cited_claims_the_figure_not_the_reporter():
    for text in ("Citing the Tolmin health ministry, the newspaper reported that 300 people had been killed.",
                 "The newspaper reported, citing the Tolmin health ministry, that 300 people had been killed.",
                 "The newspaper reported that 300 people had been killed, citing the Tolmin health ministry."):
        assert _claimants(text) == [("300", "Tolmin health ministry")], text


def test_a_source_cited_is_not_a_quote_speaker():
    text = 'Citing the health ministry, Mayor Ilse Varga said the town was "cut off".'
    assert _speakers(text) == ["Ilse Varga"]


def test_a_person_who_gave_only_a_first_name_speaks_under_it_and_the_next_quote_too():
    text = ('"We dig all night," said a 24-year-old medic from the 9th Brigade, who gave only her first name, '
            'Orsolya. "Then we dig again."')
    document = extract_article(text, published=DAY)
    assert [q["speaker_name"] for q in document["quotes"]] == ["Orsolya", "Orsolya"]
    [actor] = [a for a in document["actors"] if a["name"] == "Orsolya"]
    assert actor["role"] == "24-year-old medic"

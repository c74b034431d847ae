"""Who said each quote and who claims each figure, on sentences written for these tests:
patterns of English news prose (interjections, inverted and split attributions, descriptions
named later, relayed and cited figures)."""

from __future__ import annotations

import datetime

from extract import KnownActor, extract_article

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
    # an unnamed spokesperson passes on the body's figure (the key convention): the police claim it
    assert _claimants("Divers recovered 14 bodies, said a police spokesman.") == [("14", "police")]


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


def test_a_second_verb_shares_the_subject_across_an_interjection():
    for text in ('President Ilse Varga, speaking at a meeting with crews in Tolmin on Friday, thanked them and said '
                 'they had "done what nobody could".',
                 'On Friday, Ilse Varga thanked the crews and said they had "done what nobody could".'):
        assert _speakers(text) == ["Ilse Varga"], text


def test_a_quote_after_a_subordinate_clause_continues_the_main_speaker():
    text = ('"It used to stop at night," said Orla Brennick, 54, who stayed in Tolmin when the council urged '
            'families to leave in May. "Now it never stops."')
    assert _speakers(text) == ["Orla Brennick", "Orla Brennick"]
    # a reporting clause of its own, not subordinate, does take over
    text = '"It used to stop," said Orla Brennick. The council urged families to leave. "Go now."'
    assert _speakers(text) == ["Orla Brennick", "council"]


def test_a_description_named_in_the_next_sentence_is_that_person():
    for text in ('A senior lawmaker said "the vote will fail." The lawmaker, Oren Tasz, declined to say more.',
                 'A senior lawmaker said "the vote will fail." Later Oren Tasz, the lawmaker, left the chamber.'):
        document = extract_article(text, published=DAY)
        assert [q["speaker_name"] for q in document["quotes"]] == ["Oren Tasz"], text
        [person] = [a for a in document["actors"] if a["name"] == "Oren Tasz"]
        assert person["role"] == "senior lawmaker"
    assert _claimants("A senior lawmaker said 40 bodies were found. The lawmaker, Oren Tasz, asked for an "
                      "inquiry.") == [("40", "Oren Tasz")]


def test_a_description_named_for_another_role_stays_unnamed():
    text = 'A senior lawmaker said "the vote will fail." The mayor, Ilse Varga, disagreed.'
    assert _speakers(text) == ["senior lawmaker"]
    text = 'Two lawmakers said "the vote will fail." The lawmakers, Oren Tasz and Mira Holm, left.'
    assert _speakers(text) == ["Two lawmakers"]


def test_a_spokesperson_relaying_the_body_s_estimate_gives_the_body_s_figure():
    text = ("The Coastal Security Office has raised its estimate of the boats lost. Nils Orm, the office's "
            "spokesman, said on Friday that about 60 trawlers had sunk.")
    assert _claimants(text) == [("about 60", "Coastal Security Office")]
    text = ("The Coastal Security Office revised its count. A spokesman for the office said 60 trawlers had sunk.")
    assert _claimants(text) == [("60", "Coastal Security Office")]


def test_a_spokesperson_s_own_figure_stays_theirs():
    text = "Nils Orm, a spokesman for the Coastal Security Office, said on Friday that about 60 trawlers had sunk."
    assert _claimants(text) == [("about 60", "Nils Orm")]


def test_an_acronym_after_an_owner_s_body_is_its_alias():
    text = "Morvany's Coastal Security Office (CSO) said 60 trawlers had sunk. The CSO said 12 crews were missing."
    document = extract_article(text, published=DAY)
    assert [f["claimant_name"] for f in document["figures"]] == ["Morvany's Coastal Security Office"] * 2
    assert [a["aliases"] for a in document["actors"] if a["kind"] == "government_body"] == [["CSO"]]


def test_its_body_belongs_to_the_country_the_sentences_are_about():
    text = ('Tessaly, whose ruler signed a treaty with Morvany in June, has not commented. Its state news agency '
            'said the country "stands with its friends".')
    assert _speakers(text) == ["Tessaly's state news agency"]
    text = ('Morvany has never confirmed the deployment, the Halden Institute said. On Wednesday its defence '
            'ministry said "no troops are there".')
    assert _speakers(text) == ["Morvany's defence ministry"]


def test_a_rank_and_surname_pick_the_namesake_whose_role_fits():
    from extract import KnownActor
    known = [KnownActor("yuliya-marchuk", "Yuliya Marchuk", "person", ("Marchuk",),
                        role="parliamentary commissioner for human rights"),
             KnownActor("pavlo-marchuk", "Pavlo Marchuk", "person", ("Marchuk",),
                        role="spokesman for the General Staff")]
    for order in (known, known[::-1]):
        for text, speaker in (('"The line holds," Lt. Col. Marchuk said on Friday.', "pavlo-marchuk"),
                              ('"The line holds," said Marchuk, the army spokesman.', "pavlo-marchuk"),
                              ('"Access is denied," Commissioner Marchuk said.', "yuliya-marchuk")):
            quotes = extract_article(text, published=DAY, known=order)["quotes"]
            assert [q["speaker"] for q in quotes] == [speaker], text


def test_two_namesakes_in_the_article_stay_two_by_their_titles():
    text = ('Lt. Col. Pavlo Marchuk, an army spokesman, spoke first. Commissioner Yuliya Marchuk spoke next. '
            '"The line holds," Col. Marchuk said. "Access is denied," Commissioner Marchuk said.')
    assert _speakers(text) == ["Pavlo Marchuk", "Yuliya Marchuk"]


def test_a_description_the_lexicon_does_not_know_is_a_role():
    assert _speakers('"We ran out of beds," the nurse, Ilse Varga, said.') == ["Ilse Varga"]
    assert _speakers('Ilse Varga, 54, a nurse at the Tolmin hospital, said: "We ran out of beds."') == ["Ilse Varga"]


def test_she_is_the_person_a_sentence_opened_with():
    assert _speakers('Ilse Varga was blunt.\n\n"The town is empty," she said.') == ["Ilse Varga"]


def test_who_counted_claims_the_count():
    assert _claimants("The Tolmin Relief Network has documented 140 deaths since May.") == [
        ("140", "Tolmin Relief Network")]
    assert _claimants("Local monitors counted 140 strikes in the week to Sunday.") == [("140", "Local monitors")]


def test_an_agent_after_seen_by_is_not_the_subject():
    assert _claimants("A Western intelligence assessment seen by the Herald put the number at 3,000.") == [
        ("3,000", "Western intelligence assessment")]


def test_a_sentence_in_the_reported_tense_continues_the_claim_before_it():
    text = ("Ilse Varga said on Monday that the town had lost power. More than 300 homes had been flooded. "
            "Rain is expected in 40 villages.")
    assert _claimants(text) == [("More than 300", "Ilse Varga"), ("40", "Harbour Gazette")]
    # a new paragraph is the reporter's again
    text = "Ilse Varga said on Monday that the town had lost power.\n\nMore than 300 homes had been flooded."
    assert _claimants(text) == [("More than 300", "Harbour Gazette")]


def test_saying_after_a_comma_is_the_sentence_subject_speaking():
    text = "The Harbour Authority rejected the report, saying fewer than 30 boats had sunk."
    assert _claimants(text) == [("fewer than 30", "Harbour Authority")]


def test_answers_of_a_q_and_a_are_the_interviewee_named_in_the_introduction():
    text = ("Harbour Gazette | Interview | March 2\n\n"
            "Ilse Varga has run the Tolmin ferry line since 2019. Her deputy, Tam Reis, said the winter had been "
            "hard.\n\n"
            "How many crossings were cancelled?\n\n"
            '"About 40 crossings in January. Tam Reis counts them better than I do."\n\n'
            "Minister Oren Tasz said last week that the line would close. Will it?\n\n"
            '"Not while I run it."\n')
    assert _speakers(text) == ["Ilse Varga", "Ilse Varga"]
    assert _claimants(text) == [("About 40", "Ilse Varga")]


def test_answers_to_questions_told_in_prose_are_the_guests_not_the_presenters():
    text = ("Harbour Gazette | Interview | May 4\n\n"
            "The interview was broadcast on Night Desk, the Gazette's late programme. The guest was the harbour "
            "master of Tolmin, Ilse Varga.\n\n"
            "The presenter, Tam Reis, began by asking how many ferries still sailed.\n\n"
            '"Four, and only in daylight."\n\n'
            "Reis put it to her that the line had lost money for years.\n\n"
            '"It has," she said. "Every ferry line does."\n\n'
            "She was asked about the strike and said Varga's crews would not join it.\n")
    assert _speakers(text) == ["Ilse Varga", "Ilse Varga", "Ilse Varga"]


def test_one_question_in_prose_does_not_make_an_interview():
    text = ('Ilse Varga runs the ferry line. Tam Reis asked the obvious question: will it close?\n\n'
            '"Not this year," he said.')
    assert _speakers(text) == ["Tam Reis"]


def test_a_relative_clause_with_commas_of_its_own_still_describes_the_subject():
    text = ("Tam Reis, who met the governor's deputy, Ilse Varga, on the quay on Monday morning after the storm had "
            "torn away most of the moorings of the northern basin, said the boats would sail. "
            '"We are ready," he said.')
    assert _speakers(text) == ["Tam Reis"]


def test_a_labelled_list_item_is_its_issuers_claim_whoever_relays_it():
    text = ("Estimates of the flood damage:\n\n"
            "- Tolmin Water Board (report published February 27): about 300 homes flooded as of February 25. "
            "The board now counts 40 bridges closed.\n"
            "- Ministry of Transport of Tessaly (MTT): some 120 roads shut, its spokesman, Tam Reis, said on March 1.\n"
            "- Note that 12 villages have no power.\n")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"], f["as_of"]) for f in document["figures"]] == [
        ("about 300", "Tolmin Water Board", "2031-02-25"), ("40", "Tolmin Water Board", "2031-02-27"),
        ("some 120", "Ministry of Transport of Tessaly", "2031-03-01"), ("12", "Harbour Gazette", None)]


def test_a_quote_signed_with_a_dash_is_the_signatory_s():
    text = ('The claim: "The harbour lost 40 boats in the storm." \u2014 Ilse Varga, mayor of Tolmin, on Facebook, '
            'February 27.')
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Ilse Varga"]
    assert [(f["text"], f["claimant_name"], f["as_of"]) for f in document["figures"]] == [
        ("40", "Ilse Varga", "2031-02-27")]
    # a closer with a verb after the dash is read as before: "— she said."
    assert _speakers('Ilse Varga, the mayor, spoke first.\n\n"We will rebuild," \u2014 she said.') == ["Ilse Varga"]


def test_she_after_a_sentence_opening_with_a_surname_is_that_person():
    text = ("Ilse Varga, the mayor, met the harbour master, Tam Reis, on Monday. Reis said the quay was safe.\n\n"
            'Varga did not agree. "The quay is cracked," she said.')
    assert _speakers(text) == ["Ilse Varga"]


def test_according_to_a_record_of_a_body_named_with_of_the():
    text = "According to a statement from the Ministry of the Interior of Tessaly, 40 boats sank."
    assert _claimants(text) == [("40", "Ministry of the Interior of Tessaly")]


def test_of_the_continues_a_body_s_name_or_a_title_not_a_person_s():
    assert _speakers('"The quay is cracked," said Ilse Varga of the Tolmin Institute for Harbour Studies.') == [
        "Ilse Varga"]
    assert _speakers('"The quay is cracked," said the Mayor of the Tolmin District, Ilse Varga.') == ["Ilse Varga"]


def test_a_person_named_with_where_they_work_is_the_person():
    text = "Col. Ivo Renn of the Harbour Guard said at least 14 boats had sunk since Monday."
    assert _claimants(text) == [("at least 14", "Ivo Renn")]
    assert _speakers('"The quay holds," Col. Ivo Renn of the Harbour Guard said.') == ["Ivo Renn"]
    assert _claimants("The Ministry of the Interior said 40 boats sank.") == [("40", "Ministry of the Interior")]


def test_a_singular_body_s_estimate_is_a_noun_not_a_verb():
    text = "The Harbour Board counted 300 boats. The Tolmin estimate itself comes to about 250 boats."
    assert _claimants(text) == [("300", "Harbour Board"), ("about 250", "Harbour Gazette")]
    assert _claimants("The Tolmin officials estimate that 250 boats sank.") == [("250", "Tolmin officials")]


def test_a_reporting_clause_right_after_a_noun_claims_that_noun_s_figure_only():
    text = "The losses amount to 40 percent of the 300 boats the Harbour Board says were at sea."
    assert _claimants(text) == [("40 percent", "Harbour Gazette"), ("300", "Harbour Board")]
    assert _claimants("About 40 boats sank and 12 crews were rescued, the Harbour Board said.") == [
        ("About 40", "Harbour Board"), ("12", "Harbour Board")]


def test_it_later_in_a_sentence_is_the_body_that_opens_it():
    text = ("The Tolmin Water Board (TWB) met the Harbour Authority on Monday. The TWB first warned the mayor in "
            "May, when it estimated that 300 homes could flood.")
    assert _claimants(text) == [("300", "Tolmin Water Board")]


def test_according_to_after_a_reporting_clause_relays_it():
    text = ("About 40 boats sank, the Harbour Board told the council on Monday, according to lawmakers who "
            "attended.")
    assert _claimants(text) == [("About 40", "Harbour Board")]
    assert _claimants("About 40 boats sank, according to lawmakers.") == [("About 40", "lawmakers")]


def test_sources_familiar_with_the_matter_are_named_so():
    text = "Sources familiar with the matter said about 40 boats had sunk."
    assert _claimants(text) == [("about 40", "Sources familiar with the matter")]
    assert _claimants("People familiar with the talks have said 12 crews were rescued.") == [
        ("12", "People familiar with the talks")]


def test_a_body_that_revised_its_estimate_claims_it_whoever_relays_it():
    text = ("The Tolmin Water Board met the council on Monday. Tam Reis, a councillor, told reporters that the board "
            "had also raised its estimate of flooded homes to about 300. The new estimate includes 40 farms, Reis "
            "said. Reis said 12 roads were shut.")
    assert _claimants(text) == [("about 300", "Tolmin Water Board"), ("40", "Tolmin Water Board"),
                                ("12", "Tam Reis")]


def test_a_belief_relayed_by_those_who_relayed_a_body_before_is_the_body_s():
    text = ("About 300 homes were flooded, the Tolmin Water Board told the council on Monday, according to lawmakers "
            "who attended.\n\n"
            "Some 40 people were believed to have been hurt, the lawmakers said. The lawmakers said 12 of them "
            "were children.")
    assert _claimants(text) == [("About 300", "Tolmin Water Board"), ("Some 40", "Tolmin Water Board"),
                                ("12", "lawmakers")]


def test_two_people_each_with_a_role_joined_by_and_the_first_speaks():
    for text in ("Ilse Varga, the mayor, and her deputy, Tam Reis, said 40 boats had sunk.",
                 "The mayor, Ilse Varga, and her deputy, Tam Reis, said 40 boats had sunk."):
        document = extract_article(text, published=DAY, publisher="Harbour Gazette")
        assert [f["claimant_name"] for f in document["figures"]] == ["Ilse Varga"]
        assert {"Ilse Varga", "Tam Reis"} <= {actor["name"] for actor in document["actors"]}
    assert _claimants("Boats sank and the harbour master, Tam Reis, said 40 were lost.") == [("40", "Tam Reis")]


def test_a_body_named_in_lower_case_speaks_and_is_named_so_later():
    assert _claimants("The harbour authority of Tolmin said on Monday that 40 boats had sunk.") == [
        ("40", "harbour authority")]
    text = ("The directorate of naval intelligence has raised its estimate. Tam Reis, the directorate's spokesman, "
            "said 40 boats had sunk.")
    assert _claimants(text) == [("40", "directorate of naval intelligence")]


def test_a_body_the_store_names_in_another_order_is_that_body():
    known = [KnownActor("tessaly-mod", "Ministry of Defence of Tessaly", "government_body", ())]
    for text in ('Tessaly denies it. Its defence ministry called the report "a fabrication".',
                 'Tessaly\'s defence ministry called the report "a fabrication".'):
        quotes = extract_article(text, published=DAY, known=known)["quotes"]
        assert [q["speaker"] for q in quotes] == ["tessaly-mod"]


def test_whoever_dismisses_a_figure_as_words_in_quotes_says_them():
    text = 'Mayor Ilse Vinter, who chairs the harbour board, dismissed the count as "a guess dressed up as a survey."'
    assert _speakers(text) == ["Ilse Vinter"]


def test_the_author_of_a_report_is_a_person_and_its_authors_the_body_that_published_it():
    text = ("The study, released on Monday by the Coastal Research Centre, estimates that 140 trawlers left port "
            "last year. Its authors write that the fleet \u201cwill not come back.\u201d\n\n"
            "\u201cWe counted every boat twice,\u201d said the author, Mira Tolvanen, a marine biologist.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Coastal Research Centre", "Mira Tolvanen"]
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [("140", "Coastal Research Centre")]


def test_a_clause_closing_the_sentence_with_estimates_is_the_verb():
    text = ("A report by the Coastal Research Centre came out on Monday. About 140 trawlers left port last year, "
            "the report estimates.")
    assert _claimants(text) == [("About 140", "Coastal Research Centre")]


def test_the_subject_who_marked_a_day_by_calling_it_words_in_quotes_says_them():
    text = 'The mayor, Ilse Vinter, opened the new bridge on Sunday by calling it "the best work of a decade".'
    assert _speakers(text) == ["Ilse Vinter"]


def test_dismissing_people_reports_no_words():
    assert _claimants("The navy dismissed 40 officers on Monday, the ministry said.") == [("40", "ministry")]


def test_whoever_puts_any_noun_at_a_number_claims_it():
    assert _claimants("The regional fire service put the damage at more than 3 million euros.") == [
        ("more than 3 million", "regional fire service")]
    assert _claimants("Ilse Vinter said the Coastal Office now put the Tessalian missing at as many as 300.") == [
        ("as many as 300", "Coastal Office")]
    assert _claimants("The mayor put 40 chairs in the hall, and the chairs at the back.") == [("40", "Harbour Gazette")]


def test_its_after_a_sentence_opening_with_a_countrys_official_is_that_countrys():
    text = ("Earlier, the Tessalian navy said it had seen nothing. Morvany's trade secretary, Vesna Tal, opened "
            "the new quay on Monday. Its transport ministry said 40 ferries had been cancelled.")
    assert _claimants(text) == [("40", "Morvany's transport ministry")]


def test_a_dateline_is_no_subject_and_a_participle_after_a_comma_is_the_subjects():
    text = "PORT ARVEN, May 4 (Harbour Wire) \u2013 Tessaly admitted the losses, saying that 140 sailors had died."
    assert _claimants(text) == [("140", "Tessaly")]


def test_he_after_a_sentence_opening_with_a_description_is_the_person_it_describes():
    text = ("Mayor Tam Reis and the harbour master, Oskar Brandt, met on Monday. Brandt wants the quay shut. "
            "The mayor has gone further. On Friday he said, and the Gazette has the recording, "
            "\"the harbour is finished.\"")
    assert _speakers(text) == ["Tam Reis"]


def test_a_records_subject_that_shows_a_count_claims_it_but_a_video_does_not():
    assert _claimants("Data from the Coastal Office show 40 boats were lost.") == [("40", "Coastal Office")]
    assert _claimants("The Coastal Office's latest figures show that 40 boats sank.") == [("40", "Coastal Office")]
    assert _claimants("The video shows 40 tanks crossing the bridge.") == [("40", "Harbour Gazette")]


def test_said_a_person_named_by_any_trade_is_that_person_and_named_later_by_it():
    assert _speakers('"The catch is gone," said one net-mender, who declined to give his name.') == ["net-mender"]
    assert _speakers('"We stay," said a boatwright. The boatwright, Aino Rask, has worked here for 40 years.') == [
        "Aino Rask"]


def test_what_a_study_or_statement_by_a_body_found_or_said_is_the_bodys_but_what_police_found_is_not():
    assert _claimants("A study by the Coastal Research Centre found that 40 boats sank.") == [
        ("40", "Coastal Research Centre")]
    assert _claimants("A statement from the Coastal Office said 40 boats had sunk.") == [("40", "Coastal Office")]
    assert _claimants("Police found 40 bodies in the river.") == [("40", "Harbour Gazette")]


def test_the_person_an_age_describes_and_whoever_put_it_bluntly_say_their_quotes():
    text = ('Mayor Ilse Vinter toured the quay on Monday. "We stay," the 54-year-old said. Her deputy, Tam Reis, '
            'put it bluntly: "The port is finished."')
    assert _speakers(text) == ["Ilse Vinter", "Tam Reis"]


def test_bodies_described_before_their_names_and_plural_subjects_closing_a_sentence_claim():
    assert _claimants("The navy lost 30 boats, according to the open-source group Harbour Watch.") == [
        ("30", "Harbour Watch")]
    assert _claimants("The health ministry's tally of 40 dead was released on Monday.") == [("40", "health ministry")]
    assert _claimants("The ministry gave no toll, but local media reported 40 dead.") == [("40", "local media")]
    assert _claimants("Tessaly has lost 40,000 men, Western officials estimate.") == [("40,000", "Western officials")]


def test_a_new_study_cited_before_its_publisher_is_named_is_the_publishers():
    text = ("Some 40 boats sank last year, according to a new study. The study, published on Monday by the Coastal "
            "Research Centre, is the first of its kind.")
    assert _claimants(text) == [("Some 40", "Coastal Research Centre")]
    assert _claimants("Some 40 boats sank last year, according to a new study.") == [("Some 40", "Harbour Gazette")]


def test_a_body_s_count_in_the_clause_after_the_speaker_is_not_the_figure_before_it():
    text = ("The port sent about 900 trawlers out over the season, Nils Orm told the inquiry, and by the Coastal "
            "Security Office's count more than 60 of them had sunk as of March 1.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"], f["as_of"]) for f in document["figures"]] == [
        ("about 900", "Nils Orm", None), ("more than 60", "Coastal Security Office", "2031-03-01")]


def test_a_date_past_a_semicolon_is_the_next_clause_s():
    text = "The Harbour Board said on March 1 that 310 boats had been lost; in January it had said 240."
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["as_of"]) for f in document["figures"]] == [("310", "2031-03-01"), ("240", "2031-01")]


def test_a_part_of_them_after_the_speaker_is_the_whole_s_owner_s():
    text = ("Col. Ines Varga told reporters in Portmare on Monday that the storm had passed. The Coastal Security "
            "Office now counted more than 900 boats lost since the storm began, she said, about 200 of them trawlers.")
    assert _claimants(text) == [("more than 900", "Coastal Security Office"), ("about 200", "Coastal Security Office")]


def test_a_second_subject_with_its_verb_left_out_claims_its_figure():
    text = "The Harbour Board put the losses at 300 boats in May, and the Coastal Security Office at 340 in June."
    assert _claimants(text) == [("300", "Harbour Board"), ("340", "Coastal Security Office")]


def test_its_count_is_the_figure_of_the_body_that_opens_the_sentence_or_claimed_the_figure_before():
    text = ("The Coastal Security Office, which counts only wrecks it can see, published its own final figure on "
            "Monday: at least 300 boats lost. Its count has tripled since last May, when it stood at about 100.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["claimant_name"], f["as_of"]) for f in document["figures"]] == [
        ("at least 300", "Coastal Security Office", "2031-02-24"), ("about 100", "Coastal Security Office", "2030-05")]


def test_a_speaker_with_a_role_and_a_relative_clause_holding_a_quote_speaks_both_quotes():
    text = ("Ivo Brant, the harbour master, who for a year called reports of the leak \"a fairy tale\", said on "
            "Sunday that the port would \"never forget the divers who helped us.\"")
    assert _speakers(text) == ["Ivo Brant", "Ivo Brant"]


def test_he_is_the_person_whose_surname_opens_the_paragraph_before_a_description():
    text = ("Sgt. Orm Valdar went on trial in Portmare on Tuesday.\n\n"
            "\"He shot them anyway,\" the prosecutor, Ivo Brant, told the judges.\n\n"
            "Valdar, a slight man in a grey coat, followed the hearing from a glass box. \"I did what I was told,\" "
            "he said through the interpreter.")
    assert _speakers(text) == ["Ivo Brant", "Orm Valdar"]


def test_words_quoted_after_thanking_or_praising_are_the_subject_s():
    text = ("In a New Year address, Mayor Ivo Brant thanked the divers who had \"served the port with honour\" and "
            "did not mention the dead. The port survived thanks to the divers.")
    assert _speakers(text) == ["Ivo Brant"]


def test_a_date_in_a_relative_clause_or_a_clause_of_its_own_is_not_the_figure_s():
    text = ("Of the 900 recruits who reached the coast in May, one in five has already deserted, the navy says. "
            "The fleet had lost about 40 boats, most of them trawlers, and its losses had fallen in June.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [(f["text"], f["as_of"]) for f in document["figures"]] == [
        ("900", "2030-05"), ("one in five", None), ("about 40", None)]


def test_according_to_a_described_record_is_the_body_the_next_sentences_say_published_it():
    text = ("The port lost between 300 and 400 boats over the past year, according to the most detailed "
            "independent accounting of the fleet so far. The report, published on Thursday by the Harbour "
            "Institute, a research body in Portmare, says 40 of them sank.")
    assert _claimants(text) == [("between 300 and 400", "Harbour Institute"), ("40", "Harbour Institute")]


def test_a_country_s_statement_is_its_body_s_when_the_text_names_who_issued_it():
    text = ("Tessaly admitted for the first time that its sailors had died, saying in a statement released on "
            "Tuesday that 140 of them had been killed. The statement, issued by Tessaly's Ministry of Defence and "
            "carried by its news agency, said 900 ships had sailed.")
    assert _claimants(text) == [("140", "Tessaly's Ministry of Defence"), ("900", "Tessaly's Ministry of Defence")]
    assert _claimants("Tessaly said on Tuesday that 140 sailors had been killed.") == [("140", "Tessaly")]


def test_a_columns_own_reckoning_is_its_bylined_author_not_the_papers():
    text = ("The harbour lost more boats than anyone admits\n\n"
            "Harbour Gazette | Opinion | By Ilse Varga | March 2\n\n"
            "I worked the Tolmin quay for twenty years, and my own count of the boats lost this winter is about "
            "140. The port authority said 90 boats had sunk. I think it is wrong.")
    assert _claimants(text) == [("about 140", "Ilse Varga"), ("90", "port authority")]


def test_a_byline_over_a_report_in_the_third_person_leaves_its_figures_the_papers():
    text = ("Harbour Gazette | By Ilse Varga | March 2\n\n"
            "About 140 boats were lost this winter. The port authority said 90 boats had sunk.")
    assert _claimants(text) == [("About 140", "Harbour Gazette"), ("90", "port authority")]


def test_a_persons_own_office_speaks_for_the_person():
    text = ("The harbour commissioner, Ilse Vinter, toured the docks on Monday. Vinter's office said it had "
            "asked the ministry to reopen the port \"within days, not weeks.\" Before the storm, 140 trawlers "
            "were moored there, her office says. By her own office's count, 35 of them sank.")
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Ilse Vinter"]
    assert [(f["text"], f["claimant_name"]) for f in document["figures"]] == [("140", "Ilse Vinter"),
                                                                               ("35", "Ilse Vinter")]


def test_an_office_named_with_its_holders_title_is_an_institution():
    text = "Mayor Ilse Vinter's office said in a statement that it expected \"a full harbour by spring.\""
    document = extract_article(text, published=DAY, publisher="Harbour Gazette")
    assert [q["speaker_name"] for q in document["quotes"]] == ["Mayor Ilse Vinter's office"]


def test_the_agent_of_a_passive_estimate_owns_the_figure_whoever_relays_it():
    text = ("The harbour authority counted 140 wrecks on Monday. The number of trawlers among them was put by the "
            "authority at about 90, a port official said. Tessaly put its losses at 60 boats. The number of crew "
            "lost was estimated by its Coast Guard at 12, according to a diver.")
    assert _claimants(text) == [("140", "harbour authority"), ("about 90", "harbour authority"),
                                ("60", "Tessaly"), ("12", "Tessaly's Coast Guard")]


def test_a_timeline_entrys_date_label_does_not_hide_the_body_opening_its_sentence():
    text = ("Ilse Vinter said 40 boats sank.\n\nJanuary 16: The Coast Guard published its final tally: some 120 "
            "boats lost.\n\nMarch 2: The Port Authority raised its count to at least 130 boats, up from 125 in "
            "January.")
    assert _claimants(text) == [("40", "Ilse Vinter"), ("some 120", "Coast Guard"),
                                ("at least 130", "Port Authority"), ("125", "Port Authority")]


def test_a_bodys_register_or_records_state_its_own_figures():
    text = ("Tessaly's Ministry of Fisheries said on Monday that it would publish the names.\n\nThe missing: the "
            "ministry's register lists 45 sailors missing at sea, up from 30 in June. Its records show 12 boats lost.")
    ministry = "Tessaly's Ministry of Fisheries"
    assert _claimants(text) == [("45", ministry), ("30", ministry), ("12", ministry)]


def test_a_quote_with_no_clause_is_the_person_the_sentence_before_opens_with():
    text = ("Petra Lind keeps a notebook in her pocket. She grew up in Varno and trained as a nurse. "
            "\"I write down every name. Nobody else does.\"\n\n"
            "Lind has worked at the clinic since 2019. She sleeps four hours a night.\n\n"
            "\"When this ends, somebody will want the list.\"\n\n"
            "The clinic opened in 1990. \"It was a school before,\" a spokesman said.\n\n"
            "\"Nobody asked us.\"")
    # the last quote follows no sentence opening with a person: the paragraph before's speaker
    assert _speakers(text) == ["Petra Lind", "Petra Lind", "spokesman", "spokesman"]
    assert _speakers("The clinic opened in 1990. \"It was a school before.\"") == ["Harbour Gazette"]


def test_she_is_the_name_a_sentence_opens_with_when_who_describes_it():
    text = ("His sister, Nadia, 19, kept a list. Her mother, Olga, wrote letters. \"Nobody answered,\" Olga said.\n\n"
            "Nadia, who was still at school, ran the search from her phone. The hotline answered every time, "
            "she said. \"They were polite,\" she said.")
    assert _speakers(text) == ["Olga", "Nadia"]


def test_a_body_that_published_or_issued_its_count_claims_the_figures_it_gave():
    assert _claimants("The Ostrava Institute, which counts only verified losses, published a final count of "
                      "at least 11,600 soldiers killed.") == [("at least 11,600", "Ostrava Institute")]
    assert _claimants("The health ministry issued its final figures on Friday: 1,612 soldiers killed and "
                      "4,480 wounded.") == [("1,612", "health ministry"), ("4,480", "health ministry")]
    # a timeline entry's date label, and "what it called" after the body that opens the sentence
    assert _claimants("The army's General Staff put the missing at 900.\n\n"
                      "March 3: Tessaly's ministry issued what it called its final figures: 1,612 soldiers "
                      "killed.") == [("900", "army's General Staff"), ("1,612", "Tessaly's ministry")]


def test_by_her_count_is_the_persons_and_a_part_in_the_next_sentence_is_its_wholes():
    text = ("Sgt. Petra Lind is a medic with the 4th Brigade. By her count, which she checks each Sunday, her "
            "platoon has evacuated more than 2,300 wounded soldiers since August. Some 180 of them died.")
    assert _claimants(text) == [("more than 2,300", "Petra Lind"), ("Some 180", "Petra Lind")]
    assert _claimants("Ilse Varga said 400 soldiers were wounded. Some 80 of them died.") == [
        ("400", "Ilse Varga"), ("Some 80", "Ilse Varga")]
    # a part the next sentence gives a clause of its own stays that clause's; a body's count is a record
    assert _claimants("Ilse Varga said 400 soldiers were wounded. The army said 80 of them died.") == [
        ("400", "Ilse Varga"), ("80", "army")]
    assert _claimants("The army's count of the wounded is 400. Some 80 of them died.") == [
        ("400", "army"), ("Some 80", "Harbour Gazette")]


def test_a_described_speaker_who_gave_only_a_first_name_is_that_name():
    text = ("A woman waiting at the gate in Varno, who gave her name only as Olena, told the Gazette her son "
            "had been held since the winter. \"I was told he is on the list.\"")
    assert _speakers(text) == ["Olena"]
    text = ("A driver from Portmare, who asked to be identified only as Tamas, said the road had been shut. "
            "\"Nobody told us why.\"")
    assert _speakers(text) == ["Tamas"]


def test_a_name_and_a_colon_past_a_live_pages_time_quote_that_person():
    text = ("11:20 - Mayor Anna Kerr spoke at the gate.\n\n"
            "16:25 - Kerr again, now at the station: \"We brought home 150 families today.\"\n\n"
            "16:40 - Kerr: \"That is all.\"\n\n"
            "In Varno, the mood was grim: \"We have nothing left.\"")
    assert _speakers(text) == ["Anna Kerr", "Anna Kerr", "Harbour Gazette"]
    assert _claimants(text) == [("150", "Anna Kerr")]


def test_a_relative_clause_of_a_figures_noun_claims_that_figure_not_a_share_of_it():
    text = ("That puts the losses at a little under two-thirds of the nearly 20,000 men that Tessaly's "
            "National Security Office says were sent.")
    assert _claimants(text) == [("under two-thirds", "Harbour Gazette"),
                                ("nearly 20,000", "Tessaly's National Security Office")]
    text = "That would be nearly a quarter of the roughly 19,500 soldiers Tessaly says Morvany sent."
    assert _claimants(text)[0] == ("nearly a quarter", "Harbour Gazette")
    # a relative clause of a word with no figure names no claimant
    assert _claimants("The port lost 40 boats, a claim that Tessaly says is false.") == [("40", "Harbour Gazette")]


def test_the_earlier_value_of_a_count_is_its_owners_too():
    text = ("The ministry's register lists 2,950 soldiers missing in the valley. That number has more than "
            "doubled since last June, when it stood at 1,350, because families have now registered them.")
    assert _claimants(text) == [("2,950", "ministry"), ("1,350", "ministry")]
    # without the earlier value, a number of the text's own stays the text's
    assert _claimants("The ministry's register lists 2,950 soldiers missing. Some 1,350 families have "
                      "registered.") == [("2,950", "ministry"), ("Some 1,350", "Harbour Gazette")]


def test_a_description_is_the_nearest_fit_unless_a_further_one_fits_its_modifier_too():
    text = ("Arvo Kallas, the Estlund defence minister, visited the border on Monday. "
            "Petra Lind, the Norvian defence minister, met him there.\n\n"
            "\u201cWe stand with them,\u201d the minister said.\n\n"
            "\u201cWe will hold the line,\u201d the Estlund minister said.\n")
    assert _speakers(text) == ["Petra Lind", "Arvo Kallas"]


def test_a_possessive_after_a_record_opens_another_noun_phrase_not_one_long_name():
    text = ("Tessaly will spend 90 million crowns on its ports, according to the plan its transport ministry approved "
            "in May. The transport ministry said 40 berths would be rebuilt.")
    assert _claimants(text) == [("90 million", "Harbour Gazette"), ("40", "transport ministry")]


def test_a_headline_figure_no_words_attribute_is_claimed_by_whoever_the_story_credits_with_it():
    text = ("Three hundred dead in a year of war, and the count goes on.\n\n"
            "About 300 soldiers have been killed, the Meridian Institute said on Monday. Fighting went on.")
    assert _claimants(text) == [("Three hundred", "Meridian Institute"), ("About 300", "Meridian Institute")]
    # a number the story credits to nobody stays the paper's own
    assert _claimants("Three hundred dead in a year of war, and the count goes on.\n\nAbout 300 soldiers have "
                      "been killed. Fighting went on.") == [("Three hundred", "Harbour Gazette"),
                                                            ("About 300", "Harbour Gazette")]

"""A document's new actors joined to the store's actors they are under another name
(extract.joining), the step `kursk-tui add` takes before each article lands."""

from __future__ import annotations

import copy

from db.names import KnownActor
from extract.joining import ActorJoiner

KNOWN = [
    KnownActor("nso", "National Security Office of Terasia", "government_body", ("NSO",)),
    KnownActor("ilarion-vashchenko", "Ilarion Vashchenko", "person", ("Vashchenko",), role="president"),
    KnownActor("gareth-carrick", "Gareth Carrick", "person", ("Carrick",)),
    KnownActor("defence-ministry", "Ministry of Defence of Drovenia", "government_body"),
]


def document(*actors: tuple[str, str, str, list[str]]) -> dict:
    """One quote per actor, spoken by it."""
    return {
        "sources": [{"id": "s", "text": "..."}],
        "actors": [{"id": actor_id, "name": name, "kind": kind, "role": None, "aliases": aliases,
                    "roles": [{"source": "s", "span": {"start": 0, "end": 3}}]}
                   for actor_id, name, kind, aliases in actors],
        "quotes": [{"id": f"q-{actor_id}", "speaker": actor_id, "text": "..."} for actor_id, *_ in actors],
        "figures": [{"id": f"f-{actor_id}", "claimant": actor_id} for actor_id, *_ in actors],
    }


def speakers(joined: dict) -> dict[str, str]:
    return {quote["id"]: quote["speaker"] for quote in joined["quotes"]}


def test_a_body_by_its_acronym_or_its_words_in_another_order_is_the_stored_body():
    given = document(("terasia-s-nso", "Terasia's National Security Office", "government_body", ["NSO"]),
                     ("drovenia-ministry", "Drovenia's defence ministry", "government_body", []))
    joined = ActorJoiner(KNOWN).join(given)
    assert speakers(joined) == {"q-terasia-s-nso": "nso", "q-drovenia-ministry": "defence-ministry"}
    assert [figure["claimant"] for figure in joined["figures"]] == ["nso", "defence-ministry"]
    by_id = {actor["id"]: actor for actor in joined["actors"]}
    assert set(by_id) == {"nso", "defence-ministry"}
    assert by_id["nso"]["name"] == "National Security Office of Terasia"  # as the store holds it
    assert "Terasia's National Security Office" in by_id["nso"]["aliases"]
    assert by_id["nso"]["roles"] == [{"source": "s", "span": {"start": 0, "end": 3}}]


def test_another_spelling_of_a_persons_name_is_the_stored_person_and_keeps_the_stored_role():
    joined = ActorJoiner(KNOWN).join(document(("illarion-vaschenko", "Illarion Vaschenko", "person", ["Vaschenko"])))
    assert speakers(joined) == {"q-illarion-vaschenko": "ilarion-vashchenko"}
    [actor] = joined["actors"]
    assert actor["role"] == "president" and {"Illarion Vaschenko", "Vaschenko", "Vashchenko"} <= set(actor["aliases"])


def test_a_shared_surname_never_joins_two_people():
    given = document(("lesia-vashchenko", "Lesia Vashchenko", "person", ["Vashchenko"]),
                     ("fiona-carrick", "Fiona Carrick", "person", ["Carrick"]),
                     ("vashchenko", "Vashchenko", "person", []))
    assert ActorJoiner(KNOWN).join(given) == given


def test_a_body_and_a_person_of_one_name_stay_apart_and_a_body_of_two_fits_joins_neither():
    known = [*KNOWN, KnownActor("ministry-2", "Ministry of Defence of Sarkand", "government_body")]
    given = document(("defence-ministry-new", "Defence Ministry", "government_body", []),
                     ("nso-person", "National Security Office of Terasia", "person", []))
    assert ActorJoiner(known).join(given) == given


def test_the_document_given_is_left_as_it_was():
    given = document(("terasia-s-nso", "Terasia's National Security Office", "government_body", ["NSO"]))
    before = copy.deepcopy(given)
    assert ActorJoiner(KNOWN).join(given) != given
    assert given == before


def test_a_joined_actor_and_the_stored_actors_own_record_are_one_record():
    given = document(("nso", "National Security Office of Terasia", "government_body", ["NSO", "the NSO office"]),
                     ("nso-long", "Terasia's National Security Office", "government_body", []))
    joined = ActorJoiner(KNOWN).join(given)
    [actor] = joined["actors"]
    assert actor["id"] == "nso" and {"the NSO office", "Terasia's National Security Office"} <= set(actor["aliases"])
    assert set(speakers(joined).values()) == {"nso"}

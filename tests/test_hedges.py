import pytest

from db.hedges import bound_for_hedge


@pytest.mark.parametrize("hedge, bound", [
    ("as many as", "at_most"), ("up to", "at_most"), ("Up  To", "at_most"),
    ("more than", "at_least"), ("at least", "at_least"), ("several", "at_least"),
    ("about", "approx"), ("roughly", "approx"), ("approximately", "approx"), ("Nearly", "approx"),
    ("between", "range"), ("somewhere between", "range"),
    (None, "exact"), ("", "exact"),
])
def test_hedge_maps_to_its_bound_kind(hedge, bound):
    assert bound_for_hedge(hedge) == bound


def test_an_unknown_hedge_is_not_guessed():
    with pytest.raises(KeyError):
        bound_for_hedge("perhaps")


def test_the_extractors_hedges_are_in_the_one_table():
    assert [bound_for_hedge(hedge) for hedge in ("as much as", "as high as", "well over", "slightly more than",
                                                  "roughly around", "an estimated total of")] == [
        "at_most", "at_most", "at_least", "at_least", "approx", "approx"]

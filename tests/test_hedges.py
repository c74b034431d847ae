import pytest

from db.hedges import bound_for_hedge, bounds_for


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


def test_bounds_put_the_number_where_the_hedge_says():
    assert bounds_for("as many as", 1000) == {"bound": "at_most", "value": None, "low": None, "high": 1000}
    assert bounds_for("more than", 50) == {"bound": "at_least", "value": None, "low": 50, "high": None}
    assert bounds_for("roughly", 3800) == {"bound": "approx", "value": 3800, "low": None, "high": None}
    assert bounds_for(None, 3000) == {"bound": "exact", "value": 3000, "low": None, "high": None}
    with pytest.raises(ValueError):
        bounds_for("between", 10)

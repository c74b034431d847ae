import math

import pytest

from db.values import MAX_MAGNITUDE, value_problem


@pytest.mark.parametrize("value", [0, 1, 3800, 0.317, 5e-324, MAX_MAGNITUDE])
def test_ordinary_counts_are_figures(value):
    assert value_problem(value, "persons") is None


@pytest.mark.parametrize("value, reason", [
    (math.inf, "finite"), (-math.inf, "finite"), (math.nan, "finite"), (10.0 ** 300, "range"),
    (MAX_MAGNITUDE * 10, "range"), (-5, "negative"), (True, "not a number"), ("12", "not a number"),
])
def test_values_a_figure_cannot_hold(value, reason):
    assert reason in value_problem(value, "persons")


def test_a_change_may_be_negative():
    assert value_problem(-300, "change") is None

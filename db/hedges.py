"""Hedge words as printed ("as many as", "roughly") and the bound kind each one means."""

from __future__ import annotations

HEDGE_BOUNDS: dict[str, str] = {
    **dict.fromkeys(("as many as", "up to", "at most", "no more than", "not more than",
                     "fewer than", "less than", "under", "a maximum of", "as much as", "as high as"), "at_most"),
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "in excess of",
                     "no fewer than", "no less than", "a minimum of", "several",
                     "dozens of", "hundreds of", "thousands of", "well over", "well above", "slightly more than",
                     "a little more than", "surpassed", "exceeded", "topped"), "at_least"),
    **dict.fromkeys(("about", "roughly", "approximately", "around", "some", "nearly",
                     "almost", "close to", "an estimated", "estimated", "approx.", "circa",
                     "just under", "just over", "an approximate", "roughly around", "approximately around",
                     "an estimated total of"), "approx"),
    **dict.fromkeys(("between", "somewhere between", "from", "anywhere between",
                     "ranging from"), "range"),
}


def bound_for_hedge(hedge: str | None) -> str:
    """The bound kind a hedge implies; no hedge means an exact figure.

    Raises KeyError for a hedge this table does not know.
    """
    if hedge is None or not hedge.strip():
        return "exact"
    return HEDGE_BOUNDS[" ".join(hedge.lower().split())]


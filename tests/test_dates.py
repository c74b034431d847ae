from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.dates import UnresolvableDate, edtf_bounds, resolve

PUBLISHED = date(2025, 1, 5)  # a Sunday: the seed article's publication date


@pytest.mark.parametrize(
    "printed, edtf, lower, upper, precision",
    [
        ("on Sunday", "2025-01-05", "2025-01-05", "2025-01-05", "day"),
        ("On Saturday evening", "2025-01-04", "2025-01-04", "2025-01-04", "day"),
        ("across Friday and Saturday", "2025-01-03/2025-01-04", "2025-01-03", "2025-01-04", "days"),
        ("in late December", "2024-12-21/2024-12-31", "2024-12-21", "2024-12-31", "part_of_month"),
        ("in early December", "2024-12-01/2024-12-10", "2024-12-01", "2024-12-10", "part_of_month"),
        ("mid-February 2024", "2024-02-11/2024-02-20", "2024-02-11", "2024-02-20", "part_of_month"),
        ("late February 2024", "2024-02-21/2024-02-29", "2024-02-21", "2024-02-29", "part_of_month"),
        ("last month", "2024-12", "2024-12-01", "2024-12-31", "month"),
        ("on December 27", "2024-12-27", "2024-12-27", "2024-12-27", "day"),
        ("December 21-22, 2024", "2024-12-21/2024-12-22", "2024-12-21", "2024-12-22", "days"),
        ("3 March", "2024-03-03", "2024-03-03", "2024-03-03", "day"),
        ("in October 2024", "2024-10", "2024-10-01", "2024-10-31", "month"),
        ("in the late summer", "2024-08-01/2024-08-31", "2024-08-01", "2024-08-31", "season"),
        ("winter", "2024-12-01/2025-02-28", "2024-12-01", "2025-02-28", "season"),
        ("Today", "2025-01-05", "2025-01-05", "2025-01-05", "day"),
        ("yesterday", "2025-01-04", "2025-01-04", "2025-01-04", "day"),
        ("2023", "2023", "2023-01-01", "2023-12-31", "year"),
    ],
)
def test_resolves_against_the_publication_date(printed, edtf, lower, upper, precision):
    resolved = resolve(printed, PUBLISHED)
    assert (resolved.edtf, resolved.lower.isoformat(), resolved.upper.isoformat(), resolved.precision) == (
        edtf, lower, upper, precision)
    assert resolved.text == printed


def test_relative_dates_record_what_they_were_resolved_against():
    assert resolve("on Sunday", PUBLISHED).resolved_against == PUBLISHED
    assert resolve("last month", PUBLISHED).resolved_against == PUBLISHED
    assert resolve("in October 2024", PUBLISHED).resolved_against is None


@pytest.mark.parametrize("words", ["", "soon", "the 35th of Smarch", "February 30", "December 22-21"])
def test_unknown_or_impossible_dates_are_refused(words):
    with pytest.raises(UnresolvableDate):
        resolve(words, PUBLISHED)


@given(reference=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       month=st.sampled_from(["January", "June", "December", "Feb", "sept"]),
       part=st.sampled_from(["", "early ", "mid-", "late "]))
def test_a_month_without_a_year_is_the_latest_one_not_after_the_reference(reference, month, part):
    resolved = resolve(part + month, reference)
    assert resolved.lower <= reference
    assert resolved.lower <= resolved.upper
    assert (resolved.lower.year, resolved.lower.month) > (reference.year - 1, reference.month) or (
        resolved.lower.year == reference.year - 1 and resolved.lower.month >= reference.month)


@given(reference=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_a_weekday_is_within_the_week_before_the_reference(reference, weekday):
    resolved = resolve(f"on {weekday}", reference)
    assert 0 <= (reference - resolved.lower).days < 7
    assert resolved.lower.strftime("%A") == weekday


@given(st.dates(min_value=date(1000, 1, 1)), st.dates(min_value=date(1000, 1, 1)))
def test_edtf_bounds_read_back_what_the_resolver_writes(first, second):
    lower, upper = sorted((first, second))
    edtf = lower.isoformat() if lower == upper else f"{lower.isoformat()}/{upper.isoformat()}"
    assert edtf_bounds(edtf)[:2] == (lower, upper)


@pytest.mark.parametrize("text", ["", "2024-13", "2024/2023", "yesterday", "2024-12-31/2024-01-01"])
def test_edtf_bounds_refuse_what_is_not_the_stores_edtf(text):
    with pytest.raises(ValueError):
        edtf_bounds(text)


@pytest.mark.parametrize(
    "printed, edtf, precision",
    [
        ("two weeks ago", "2024-12-22", "day"),
        ("3 days ago", "2025-01-02", "day"),
        ("three months ago", "2024-10", "month"),
        ("a year ago", "2024", "year"),
        ("last Sunday", "2024-12-29", "day"),
        ("this Sunday", "2025-01-05", "day"),
        ("at the end of December", "2024-12-31", "day"),
        ("by the end of 2024", "2024-12-31", "day"),
        ("at the end of last month", "2024-12-31", "day"),
        ("last October", "2024-10", "month"),
        ("last January", "2024-01", "month"),
        ("this December", "2024-12", "month"),
        ("late December", "2024-12-21/2024-12-31", "part_of_month"),
        ("the beginning of March 2024", "2024-03-01/2024-03-10", "part_of_month"),
        ("December of 2024", "2024-12", "month"),
        ("last weekend", "2025-01-04/2025-01-05", "days"),
        ("over the weekend", "2025-01-04/2025-01-05", "days"),
        ("earlier this week", "2024-12-30/2025-01-05", "days"),
        ("last night", "2025-01-04", "day"),
        ("last summer", "2024-06-01/2024-08-31", "season"),
        ("Sunday, December 29", "2024-12-29", "day"),
        ("27th December", "2024-12-27", "day"),
        ("mid-2024", "2024", "year"),
    ],
)
def test_the_forms_the_extractor_proposes_resolve_for_every_reader(printed, edtf, precision):
    # One grammar: what the extractor proposes, the seed loader and imports can read back.
    resolved = resolve(printed, PUBLISHED)
    assert (resolved.edtf, resolved.precision) == (edtf, precision)
    assert resolved.text == printed


def test_counted_and_shifted_dates_record_the_publication_date():
    assert resolve("two weeks ago", PUBLISHED).resolved_against == PUBLISHED
    assert resolve("last Sunday", PUBLISHED).resolved_against == PUBLISHED


@pytest.mark.parametrize("words", ["999 years ago", "monday, " * 2000 + "december 1"],
                         ids=["999-years", "2000-mondays"])
def test_counting_out_of_the_calendar_or_a_long_phrase_is_refused_not_raised(words):
    with pytest.raises(UnresolvableDate):
        resolve(words, date(5, 1, 1))

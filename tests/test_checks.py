"""Cross-checks on small hand-built stores."""

from __future__ import annotations

import json
from datetime import date

import pytest

from db.checks import Figure, figure_report, format_number, interval, overlaps
from db.interchange import apply_document
from tui.cli import main
from tui.format import bounds

DATES = {"dec-late": "2024-12-21/2024-12-31", "dec-27": "2024-12-27", "jan-5": "2025-01-05", "jan": "2025-01"}


def figure(id, claimant, value=None, *, bound="exact", low=None, high=None, hedge=None, as_of=None,
           unit="persons", metric="casualties", base=None, per_unit=None):
    record = {"id": id, "claimant": claimant, "metric": metric, "text": id, "value": value, "low": low,
              "high": high, "bound": bound, "hedge": hedge, "unit": unit, "base": base,
              "per_unit": per_unit, "source": "s"}
    if as_of:
        record["as_of"] = DATES[as_of]
    return record


def build(store, *figures, published="2025-01-06"):
    apply_document(store, {
        "sources": [{"id": "s", "publisher": "Test Desk", "published": published}],
        "actors": [{"id": name, "name": name.title(), "kind": "person"} for name in ("ann", "bob", "cy")],
        "figures": list(figures),
    })
    return {report.metric: report for report in figure_report(store)}


def checks_of(report, kind):
    return [check for check in report.checks if check.kind == kind]


def test_disagreement_in_overlapping_windows_is_a_conflict(store):
    report = build(store, figure("us", "ann", 1000, bound="approx", hedge="approximately", as_of="dec-late"),
                   figure("zel", "bob", 3000, as_of="dec-27"))["casualties"]
    [check] = checks_of(report, "disagreement")
    assert check.verdict == "conflict" and set(check.figures) == {"us", "zel"}
    assert "900\u20131,100" in check.explanation and "3,000" in check.explanation


def test_equal_values_agree(store):
    report = build(store, figure("a", "ann", 500, as_of="jan-5"), figure("b", "bob", 500, as_of="jan"))["casualties"]
    [check] = checks_of(report, "disagreement")
    assert check.verdict == "consistent"


@pytest.mark.parametrize("first, second, verdict", [
    (dict(bound="at_most", high=100), dict(bound="at_least", low=50), "consistent"),
    (dict(bound="at_most", high=100), dict(bound="at_least", low=200), "conflict"),
    (dict(bound="at_least", low=10), dict(bound="at_least", low=10_000), "consistent"),
    (dict(bound="range", low=10, high=20), dict(bound="approx", value=25, hedge="about"), "conflict"),
    (dict(bound="range", low=10, high=20), dict(bound="approx", value=21, hedge="about"), "consistent"),
])
def test_open_bounds_and_ranges(store, first, second, verdict):
    report = build(store, figure("a", "ann", as_of="jan-5", **first),
                   figure("b", "bob", as_of="jan-5", **second))["casualties"]
    assert [check.verdict for check in checks_of(report, "disagreement")] == [verdict]


def test_a_figure_without_a_stated_date_is_as_of_its_publication(store):
    report = build(store, figure("a", "ann", 12000, as_of="jan-5"),
                   figure("b", "bob", bound="range", low=10000, high=12000))["casualties"]
    [check] = checks_of(report, "disagreement")
    assert check.verdict == "consistent" and "(by 2025-01-06, publication)" in check.explanation
    undated = next(f for f in report.figures if f.id == "b")
    assert undated.as_of_basis == "publication" and undated.as_of_shown == "by 2025-01-06, publication"
    assert undated.window == (date.min, date(2025, 1, 6))


def test_a_stated_date_wins_over_the_publication(store):
    report = build(store, figure("a", "ann", 12000, as_of="dec-27"))["casualties"]
    assert report.figures[0].as_of_basis == "stated" and report.figures[0].window == (date(2024, 12, 27),) * 2


def test_without_any_date_a_disagreement_is_unverifiable_and_says_why(store):
    report = build(store, figure("a", "ann", 12000),
                   figure("b", "bob", bound="range", low=10000, high=12000), published=None)["casualties"]
    [check] = checks_of(report, "disagreement")
    assert check.verdict == "unverifiable" and "no as-of date" in check.explanation
    assert "would agree" in check.explanation


def test_windows_that_do_not_overlap_are_not_compared(store):
    report = build(store, figure("a", "ann", 1000, as_of="dec-27"), figure("b", "bob", 3800, as_of="jan-5"))
    assert checks_of(report["casualties"], "disagreement") == []


def test_a_single_figure_has_no_checks(store):
    assert build(store, figure("only", "ann", 7, as_of="jan-5"))["casualties"].checks == []


def test_a_later_figure_from_the_same_claimant_supersedes(store):
    report = build(store, figure("old", "bob", 3000, as_of="dec-late"), figure("new", "bob", 3800, as_of="jan-5"),
                   figure("other", "ann", 5000, as_of="dec-27"))["casualties"]
    [check] = checks_of(report, "update")
    assert (check.verdict, check.figures) == ("superseded", ("old", "new"))
    assert "+800 (+26.7%)" in check.explanation
    assert report.superseded == {"old"}


def test_same_day_figures_do_not_update_each_other(store):
    report = build(store, figure("a", "bob", 3800, as_of="jan-5"),
                   figure("b", "bob", 3800, bound="approx", hedge="roughly", as_of="jan-5"))["casualties"]
    assert checks_of(report, "update") == []


def test_fraction_against_its_base(store):
    reports = build(
        store,
        figure("deployed", "bob", 12000, as_of="jan-5", metric="deployed"),
        figure("third", "bob", 1 / 3, bound="fraction_of", hedge="nearly", unit="fraction", as_of="jan-5",
               base="deployed"),
        figure("dead", "bob", 3800, as_of="jan-5"),
    )
    [check] = checks_of(reports["casualties"], "fraction")
    assert check.verdict == "consistent" and check.figures == ("third", "deployed", "dead")
    assert check.explanation.startswith("3,800 / 12,000 = 31.7%: consistent with")


def test_a_fraction_that_does_not_fit_is_a_conflict(store):
    reports = build(
        store,
        figure("deployed", "bob", 12000, as_of="jan-5", metric="deployed"),
        figure("half", "bob", 0.5, bound="fraction_of", hedge="roughly", unit="fraction", as_of="jan-5",
               base="deployed"),
        figure("dead", "bob", 3800, as_of="jan-5"),
    )
    assert [check.verdict for check in checks_of(reports["casualties"], "fraction")] == ["conflict"]


def test_a_fraction_without_a_base_is_unverifiable(store):
    build(store, figure("deployed", "bob", 10, metric="deployed"),
          figure("third", "bob", 1 / 3, bound="fraction_of", unit="fraction", base="deployed"))
    store.execute("UPDATE figures SET base_pk = NULL")  # e.g. the base was deleted
    [check] = checks_of(figure_report(store, metrics=["casualties"])[0], "fraction")
    assert check.verdict == "unverifiable" and "no base figure" in check.explanation


def test_conversion_states_its_assumption(store):
    reports = build(store, figure("lost", "bob", bound="at_most", high=1, unit="battalion", hedge="up to"),
                    figure("size", "ann", bound="at_most", high=1000, hedge="as many as", metric="battalion size",
                           per_unit="battalion"))
    [check] = checks_of(reports["casualties"], "conversion")
    assert check.verdict == "unverifiable"
    assert "at most 1,000 persons, assuming one battalion is at most 1,000 persons" in check.explanation


def test_a_unit_without_a_conversion_is_unverifiable(store):
    report = build(store, figure("lost", "bob", bound="at_most", high=2, unit="company"),
                   figure("count", "ann", 500, as_of="jan-5"))["casualties"]
    [check] = checks_of(report, "conversion")
    assert "no figure says how many persons make one company" in check.explanation


def test_hedges_widen_values_into_intervals():
    def made(**fields):
        base = dict(pk=1, id="x", claimant_pk=None, claimant_id=None, claimant=None, metric="m", metric_pk=None,
                    subject=None, quantity=None, parent_pk=None, text="x",
                    value=None, low=None, high=None, bound="exact", hedge=None, unit="persons", per_unit=None,
                    base_id=None, base_text=None, as_of=None, as_of_text=None, as_of_lower=None, as_of_upper=None,
                    as_of_precision=None, resolved_against=None, source_id="s", source="s", outlet="s",
                    published=None, status="unverified")
        return Figure(**{**base, **fields})

    assert interval(made(value=100)) == (100, 100)
    assert interval(made(value=100, bound="approx", hedge="about")) == pytest.approx((90, 110))
    assert interval(made(value=100, bound="approx", hedge="nearly")) == pytest.approx((90, 100))
    assert interval(made(high=100, bound="at_most")) == (None, 100)
    assert overlaps((None, 100), (100, None)) and not overlaps((None, 99), (100, None))


def test_one_number_format_for_checks_and_panes():
    assert [format_number(n) for n in (None, 12000.0, 3, 2.5, 1234.5, -40.0)] == [
        "?", "12,000", "3", "2.50", "1,234.50", "-40"]
    assert format_number(1 / 3, "fraction") == "33.3%"
    assert bounds("range", None, 10000.0, 12000.0, "persons") == "10,000\u201312,000"
    assert bounds("approx", 1234.5, None, None, "kilometres") == "\u2248 1,234.50 kilometres"


def test_seed_report_as_json(seed_path, capsys):
    assert main(["--db", str(seed_path), "figures", "--format", "json"]) == 0
    metrics = {m["metric"]: m for m in json.loads(capsys.readouterr().out)["metrics"]}
    casualties = metrics["North Korean casualties (killed or wounded)"]
    verdicts = {(c["kind"], c["verdict"]): c for c in casualties["checks"]}
    assert "31.7%" in verdicts["fraction", "consistent"]["explanation"]
    assert set(verdicts["disagreement", "conflict"]["figures"]) == {
        "f-us-officials-approximately-1000-casualties", "f-zelensky-3000-casualties-late-december"}
    update = verdicts["update", "superseded"]
    assert update["figures"][0] == "f-zelensky-3000-casualties-late-december"
    assert "3,800" in update["explanation"]
    statuses = {f["id"]: f["status"] for f in casualties["figures"]}
    assert statuses["f-zelensky-3000-casualties-late-december"] == "superseded"
    conversion = metrics["Russian-side losses around one Kursk village"]["checks"][0]
    assert conversion["kind"] == "conversion" and "as many as 1,000" in conversion["explanation"]
    assert all(c["verdict"] in ("consistent", "conflict", "superseded", "unverifiable")
               for m in metrics.values() for c in m["checks"])


def test_figures_table_for_one_speaker_and_metric(seed_path, capsys):
    assert main(["--db", str(seed_path), "figures", "--speaker", "zelensky", "--metric",
                 "north korean casualties (killed or wounded)"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("North Korean casualties (killed or wounded)\n")
    assert out.splitlines()[1] == "  4 figures from 1 source by 1 claimant; 1 conflict, 1 update"
    assert "[conflict] disagreement" in out and "Pentagon officials" in out
    assert main(["--db", str(seed_path), "figures", "--metric", "nothing"]) == 2


def test_each_figure_carries_its_strongest_verdict(seeded):
    from db.checks import metric_report

    report = metric_report(seeded, "North Korean casualties (killed or wounded)")
    verdicts = {figure.text: report.verdicts().get(figure.id) for figure in report.figures}
    assert verdicts["3,000"] == "conflict"  # in conflict with ~1,000, and superseded by 3,800: conflict shows
    assert verdicts["approximately 1,000"] == "conflict"
    assert verdicts["Nearly a third"] == "consistent"
    assert verdicts["3,800 killed or wounded"] == "consistent"  # the later figure of the update, and the base

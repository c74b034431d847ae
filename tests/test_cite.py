"""Citations of one claim (db/cite.py), `kursk-tui cite`, and the filters of `kursk-tui export`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from db.cite import Citable, citation_markdown, citation_text, encode_directive, read_citable, text_fragment
from db.paging import Reader
from db.selection import SelectionError, day_bounds
from tui.cli import main

QUOTE = Citable(
    id="q-1", kind="quote", text="These troops are expendable.", actor="John Kirby",
    role="White House National Security Communications Adviser", date_text="on December 27",
    date_edtf="2024-12-27", metric=None, place=None, publisher="Newsweek", headline="North Koreans in Kursk",
    published="2025-01-05", url="https://example.org/story", exact="These troops are expendable.")
FIGURE = replace(QUOTE, id="f-1", kind="figure", text="nearly 3,800", actor="Volodymyr Zelensky", role=None,
                 metric="North Korean casualties", date_text="in January", date_edtf="2025-01",
                 exact="nearly 3,800")


def test_directive_encodes_its_own_syntax_characters():
    # - , & separate a directive's parts: in the words they are percent-encoded, as is everything reserved.
    assert encode_directive("well-known, here & there") == "well%2Dknown%2C%20here%20%26%20there"
    assert encode_directive("a#b?c=d/e:f'\u201cg\u201d") == "a%23b%3Fc%3Dd%2Fe%3Af%27%E2%80%9Cg%E2%80%9D"


def test_a_short_passage_is_the_whole_directive_and_a_long_one_its_ends():
    assert text_fragment("nearly  3,800\n") == "text=nearly%203%2C800"
    long = "one two three four five six seven eight nine ten eleven-twelve"
    assert text_fragment(long) == "text=one%20two%20three%20four,eight%20nine%20ten%20eleven%2Dtwelve"


def test_quote_as_text_links_to_the_words():
    assert citation_text(QUOTE) == (
        "\u201cThese troops are expendable,\u201d John Kirby, White House National Security Communications "
        "Adviser, in Newsweek, \u201cNorth Koreans in Kursk\u201d, 2025-01-05, "
        "https://example.org/story#:~:text=These%20troops%20are%20expendable.")


def test_figure_as_text_names_metric_as_of_and_claimant():
    assert citation_text(FIGURE).startswith(
        "\u201cnearly 3,800\u201d (North Korean casualties; as of 2025-01, printed \u201cin January\u201d), "
        "Volodymyr Zelensky, in Newsweek,")
    assert citation_text(FIGURE).endswith("#:~:text=nearly%203%2C800")


def test_quote_as_markdown_is_a_blockquote_with_the_headline_linked():
    assert citation_markdown(QUOTE) == (
        "> \u201cThese troops are expendable,\u201d John Kirby, White House National Security Communications "
        "Adviser, in Newsweek, [\u201cNorth Koreans in Kursk\u201d]"
        "(https://example.org/story#:~:text=These%20troops%20are%20expendable.), 2025-01-05")


def test_an_existing_fragment_is_kept_and_an_old_directive_replaced():
    citable = replace(QUOTE, url="https://example.org/a#top:~:text=old")
    assert citation_text(citable).endswith("https://example.org/a#top:~:text=These%20troops%20are%20expendable.")


HOSTILE = replace(
    QUOTE, text="[click](javascript:x) *bold* <b>&amp;\x1b]52;c;AAAA\x07\u202e\nline `code` |",
    actor="Eve\x1b[31m_", role="# role", publisher="Pub]\x00", headline="Head) [x](y)",
    url="https://ex.org/p (1)<x>\x1b[2J", exact="a-b, c & d")


def test_hostile_text_leaves_no_control_characters():
    for citation in (citation_text(HOSTILE), citation_markdown(HOSTILE)):
        assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in citation)
        assert "\u202e" not in citation and "\n" not in citation


def test_hostile_text_is_inert_markdown():
    markdown = citation_markdown(HOSTILE)
    assert "\\[click\\](javascript:x)" in markdown and "\\*bold\\*" in markdown
    assert "\\<b\\>\\&amp;" in markdown and "\\`code\\`" in markdown and "\\|" in markdown
    # The one link is ours: its label escaped, its address free of spaces, brackets and parentheses.
    label = "[\u201cHead) \\[x\\](y)\u201d]"
    start = markdown.index(label) + len(label)
    address = markdown[start + 1:markdown.index(")", start + 1)]
    assert address.startswith("https://ex.org/p%20%281%29%3Cx%3E")
    assert not set(address) & set(" ()<>[]`")
    assert address.endswith("#:~:text=a%2Db%2C%20c%20%26%20d")


def test_only_web_addresses_become_links():
    citable = replace(QUOTE, url="javascript:alert(1)")
    assert "](" not in citation_markdown(citable)
    assert "#:~:" not in citation_text(citable)


def test_read_citable_by_id_and_pk(seeded):
    citable = read_citable(seeded, claim_id="q-kirby-expendable")
    assert citable is not None and citable.actor == "John Kirby" and citable.publisher == "Newsweek"
    (pk,) = seeded.execute("SELECT pk FROM claims WHERE id = 'q-kirby-expendable'").fetchone()
    assert read_citable(seeded, pk=pk) == citable
    assert read_citable(seeded, claim_id="no-such-claim") is None


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_cite_text_and_markdown(seed_path, seeded, capsys):
    seeded.execute("UPDATE sources SET url = 'https://example.org/nk', title = 'NK *troops*'")
    seeded.commit()
    code, out, _ = run(capsys, "--db", str(seed_path), "cite", "q-kirby-expendable")
    assert code == 0
    assert out.startswith("\u201cIt is clear that") and "John Kirby" in out
    assert ("in Newsweek, \u201cNK *troops*\u201d, 2025-01-05, "
            "https://example.org/nk#:~:text=It%20is%20clear%20that,") in out
    code, out, _ = run(capsys, "--db", str(seed_path), "cite", "q-kirby-expendable", "--format", "md")
    assert code == 0 and out.startswith("> \u201cIt is clear")
    assert "[\u201cNK \\*troops\\*\u201d](https://example.org/nk#:~:" in out


def test_cli_cite_unknown_id(seed_path, capsys):
    code, _, err = run(capsys, "--db", str(seed_path), "cite", "nope")
    assert code == 2 and "no claim has the id 'nope'" in err


def exported_ids(capsys, seed_path, *filters) -> set[str]:
    code, out, err = run(capsys, "--db", str(seed_path), "export", "--format", "csv", *filters)
    assert code == 0, err
    return {row["id"] for row in csv.DictReader(io.StringIO(out))}


def test_export_filters_narrow_the_claims(seed_path, capsys):
    everything = exported_ids(capsys, seed_path)
    casualties = exported_ids(capsys, seed_path, "--metric", "CASUALTIES")
    assert casualties and casualties < everything and all(claim.startswith("f-") for claim in casualties)
    kirby = exported_ids(capsys, seed_path, "--speaker", "kirby")
    both = exported_ids(capsys, seed_path, "--speaker", "kirby", "--speaker", "zelenskyy")
    zelensky = exported_ids(capsys, seed_path, "--speaker", "Zelensky")
    assert both == kirby | zelensky and kirby and zelensky
    expendable = {"q-kirby-expendable", "q-kirby-expendable-futile"}
    assert exported_ids(capsys, seed_path, "--search", "expendable") == expendable
    assert exported_ids(capsys, seed_path, "--source", "newsweek") == everything
    assert exported_ids(capsys, seed_path, "--source", "newsweek-2025-01-05-nk-troops-kursk") == everything
    december = exported_ids(capsys, seed_path, "--since", "December 2024", "--until", "2024-12-31")
    january = exported_ids(capsys, seed_path, "--since", "2025-01-01")
    assert december and january and not december & january
    assert exported_ids(capsys, seed_path, "--speaker", "kirby", "--since", "December 2024",
                        "--until", "December 2024") <= kirby & december


def test_export_search_matches_what_the_dashboard_search_matches(seed_path, capsys):
    from db.queries import Filters, figures_count
    from db.search import fts_query

    kirby = exported_ids(capsys, seed_path, "--speaker", "kirby")
    by_name = exported_ids(capsys, seed_path, "--search", "kirby")
    assert kirby <= by_name  # his claims, whether or not their words name him
    casualties = exported_ids(capsys, seed_path, "--metric", "casualties")
    zelensky_casualties = exported_ids(capsys, seed_path, "--search", "zelensky casualties")
    assert zelensky_casualties and zelensky_casualties <= casualties
    with sqlite3.connect(seed_path) as conn:
        text_only = {claim_id for (claim_id,) in conn.execute(
            "SELECT c.id FROM claims c WHERE c.pk IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
            (fts_query("zelensky casualties"),))}
    assert zelensky_casualties > text_only
    reader = Reader(seed_path)
    shown = Filters(search="zelensky casualties")
    assert figures_count(reader, shown) == len({claim for claim in zelensky_casualties if claim.startswith("f-")})
    reader.close()


def test_export_filters_keep_only_what_the_claims_use(seed_path, capsys):
    code, out, _ = run(capsys, "--db", str(seed_path), "export", "--metric", "casualties")
    document = json.loads(out)
    assert not document["quotes"] and document["figures"]
    assert {actor["id"] for actor in document["actors"]} == {figure["claimant"] for figure in document["figures"]}


@pytest.mark.parametrize(("filters", "message"), [
    (["--metric", "zzz"], "no metric matches 'zzz'"),
    (["--source", "nowhere"], "no source matches 'nowhere'"),
    (["--since", "the other day"], "not a date kursk-tui knows"),
    (["--speaker", "nobody"], "no speaker matches 'nobody'"),
])
def test_export_filter_that_names_nothing_is_one_line(seed_path, capsys, filters, message):
    code, out, err = run(capsys, "--db", str(seed_path), "export", *filters)
    assert code == 2 and message in err and not out


def test_dates_typed_as_days_or_words():
    today = date(2026, 11, 30)
    assert day_bounds("2024-12-05", today) == (date(2024, 12, 5), date(2024, 12, 5))
    assert day_bounds("December 2024", today) == (date(2024, 12, 1), date(2024, 12, 31))
    assert day_bounds("last month", today) == (date(2026, 10, 1), date(2026, 10, 31))
    with pytest.raises(SelectionError):
        day_bounds("soonish", today)

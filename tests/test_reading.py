"""extract.reading: saved web pages and text files to an Article, driven by tests/data/pages/expected.json."""

from __future__ import annotations

import json
import os
import socket
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.reading import NO_DATE, ArticleError, read_article
from extract.text_file import parse_text_file

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
READABLE = sorted(name for name, expected in EXPECTED.items() if "error" not in expected)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("name", READABLE)
def test_fixture_reads_as_expected(name: str, no_network: None) -> None:
    expected = EXPECTED[name]
    article = read_article(PAGES / name, require_published=False)
    assert article.kind == expected["kind"]
    assert (article.title, article.publisher, article.author, article.url) == (
        expected["title"], expected["publisher"], expected["author"], expected["url"])
    assert article.published == (expected["published"] and date.fromisoformat(expected["published"]))
    assert article.sources == expected["sources"]
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith(expected["first"])
    assert paragraphs[-1].endswith(expected["last"])
    assert all(paragraph.strip() and "\n\n" not in paragraph for paragraph in paragraphs)
    for phrase in expected["contains"]:
        assert phrase in article.text
    for phrase in expected["excludes"]:
        assert phrase not in article.text
    assert article.title is None or article.title not in article.text.split("\n\n")[:1]


@pytest.mark.parametrize("name", sorted(name for name, expected in EXPECTED.items() if "error" in expected))
def test_fixture_refused_as_expected(name: str) -> None:
    with pytest.raises(ArticleError) as raised:
        read_article(PAGES / name)
    assert str(raised.value) == f"{PAGES}/{EXPECTED[name]['error']}"


@pytest.mark.parametrize("name", ["undated-opinion.html", "no-header.txt"])
def test_no_date_is_refused_unless_given(name: str) -> None:
    with pytest.raises(ArticleError, match=f"^{PAGES / name}: {NO_DATE}$"):
        read_article(PAGES / name)
    article = read_article(PAGES / name, {"published": "5 January 2025"})
    assert (article.published, article.sources["published"]) == (date(2025, 1, 5), "override")


def test_overrides_win_over_the_file() -> None:
    article = read_article(PAGES / "broadsheet-jsonld.html",
                           {"published": date(2025, 1, 8), "title": "Another title", "author": None})
    assert (article.published, article.title, article.author) == (date(2025, 1, 8), "Another title", "Helena Varga")
    assert (article.sources["published"], article.sources["title"], article.sources["author"]) == (
        "override", "override", "json-ld")


def test_bad_published_override_names_the_flag() -> None:
    with pytest.raises(ArticleError, match=r"no-header.txt: --published: not a day"):
        read_article(PAGES / "no-header.txt", {"published": "yesterday"})


def test_html_is_sniffed_without_the_suffix(tmp_path: Path) -> None:
    saved = tmp_path / "page.download"
    saved.write_bytes((PAGES / "amp-og-only.html").read_bytes())
    assert read_article(saved).kind == "html"


def test_a_url_alone_is_not_fetched(tmp_path: Path, no_network: None) -> None:
    page = tmp_path / "link.html"
    page.write_text("https://balticwire.example/news/ceasefire-monitors-river-crossing\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="link.html: "):
        read_article(page)


def test_page_without_main_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav>"
                    "</body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"empty.html: (no main text found in the page|not a readable HTML page)$"):
        read_article(page)


def test_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: reading it would block forever
    with pytest.raises(ArticleError, match=r"pipe.txt: not a regular file$"):
        read_article(fifo)


def test_device_is_refused() -> None:
    with pytest.raises(ArticleError, match=r"^/dev/zero: not a regular file$"):
        read_article("/dev/zero")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"absent.txt: cannot read it \(No such file or directory\)$"):
        read_article(tmp_path / "absent.txt")


def test_size_limit_counts_bytes_read(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Published: 2025-01-05\n\n" + "word " * 40, encoding="utf-8")
    size = article.stat().st_size
    assert read_article(article, limit=size).text.startswith("word")
    with pytest.raises(ArticleError, match=rf"long.txt: larger than {size - 1:,} bytes$"):
        read_article(article, limit=size - 1)


@pytest.mark.parametrize(("content", "reason"), [
    (b"Published: 2025-01-05\n\nCaf\xe9 owners said", r"not UTF-8 \(invalid byte at offset 26\)"),
    (b"", "empty text"),
    (b"\xef\xbb\xbf \r\n\t\n", "empty text"),
    (b"Title: Only a header\nPublished: 2025-01-05\n\n\n", "empty text after the header block"),
])
def test_unreadable_text(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=rf"^{path}: {reason}$"):
        read_article(path)


@pytest.mark.parametrize(("header", "reason"), [
    ("Title: A\nSection: World\n\nText", "line 2: not a Title, Publisher, Published, URL or Author line"),
    ("Title: A\nTitle: B\n\nText", "line 2: title given twice in the header block"),
    ("Title: A\nAuthor:\n\nText", "line 2: author is empty"),
    ("Published: 2025-13-01\n\nText", "line 1: published: no such day|line 1: published: not a day"),
])
def test_header_block_errors(header: str, reason: str) -> None:
    with pytest.raises(ArticleError, match=rf"^a.txt: ({reason})"):
        parse_text_file(header, "a.txt")


@pytest.mark.parametrize(("written", "day"), [
    ("2025-01-05", date(2025, 1, 5)), ("5 January 2025", date(2025, 1, 5)), ("January 5, 2025", date(2025, 1, 5)),
    ("Sunday, 5 Jan 2025", date(2025, 1, 5)), ("Sept 30 2024", date(2024, 9, 30)), ("1st March 2025", date(2025, 3, 1)),
])
def test_published_forms(written: str, day: date) -> None:
    found, body = parse_text_file(f"PUBLISHED:  {written} \n\nText.", "a.txt")
    assert (found.published, body) == (day, "Text.")


def test_text_without_header_block_is_all_text() -> None:
    text = "Kyiv: officials said on Monday\n\nthat the line held."
    assert parse_text_file(text, "a.txt") == (parse_text_file("", "a.txt")[0], text)


@given(st.text(alphabet=st.sampled_from(list("Title:Published: URL\n2025-01 5January,x\t é")) | st.characters(),
               max_size=200))
def test_header_parser_raises_only_article_error(text: str) -> None:
    try:
        found, body = parse_text_file(text, "a.txt")
    except ArticleError as error:
        assert str(error).startswith("a.txt: line ") and "\n" not in str(error)
    else:
        assert body in text

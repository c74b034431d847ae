"""Saved web pages: main text and metadata by trafilatura (and htmldate), offline and deterministic.

Structured metadata wins in this order: JSON-LD (NewsArticle and kin), then the page's meta tags
(og:*, article:*, canonical link), then trafilatura's own reading of the page (headline, byline,
site name) and htmldate for a date printed only in the page's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from extract.article import ArticleError, Found

if TYPE_CHECKING:
    from lxml.etree import _Element

# htmldate rejects dates after max_date; a fixed bound keeps the result independent of today's date.
_MAX_DATE = "2100-12-31"
_MIN_DATE = "1990-01-01"
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_ARTICLE_TYPES = re.compile(r"(?:\w*Article|\w*BlogPosting|Report)")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")
T = TypeVar("T")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document."""
    return _HTML_START.match(text[:4096]) is not None


def _clean(value: Any) -> str | None:
    return (_SPACES.sub(" ", value).strip() or None) if isinstance(value, str) else None


def _day(value: Any) -> date | None:
    """The day of an ISO 8601 date or timestamp, as the publisher wrote it (its own time zone)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def _names(value: Any) -> str | None:
    """The name(s) in a JSON-LD author or publisher: a string, an object with a name, or a list."""
    items = value if isinstance(value, list) else [value]
    names = [_clean(item.get("name") if isinstance(item, dict) else item) for item in items]
    return ", ".join(name for name in names if name) or None


def _json_ld_articles(tree: _Element) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue  # a page's broken JSON-LD is the page's problem, not a reason to refuse it
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item["@graph"] if isinstance(item.get("@graph"), list) else [])
            types = item.get("@type")
            if any(isinstance(kind, str) and _ARTICLE_TYPES.fullmatch(kind)
                   for kind in (types if isinstance(types, list) else [types])):
                yield item


def _meta(tree: _Element, name: str) -> str | None:
    values = tree.xpath('//meta[@property=$name or @name=$name]/@content', name=name)
    return _clean(values[0]) if values else None


def _first(*candidates: tuple[T | None, str]) -> tuple[T | None, str | None]:
    """The first (value, source) with a value, else (None, None)."""
    return next(((value, source) for value, source in candidates if value is not None), (None, None))


def _without_site_name(title: str, publisher: str | None) -> str:
    if publisher:
        for separator in _TITLE_SEPARATORS:
            if title.casefold().endswith((separator + publisher).casefold()):
                return title[: -len(separator + publisher)].rstrip()
    return title


def _paragraphs(body: _Element) -> list[str]:
    """Trafilatura's main-text elements as paragraphs; a list or table gives one per item or row."""
    blocks: list[_Element] = []
    for element in body:
        blocks.extend(element.findall("./item") or element.findall("./row") or [element])
    return [text for block in blocks if (text := _SPACES.sub(" ", "".join(block.itertext())).strip())]


def _text_date(tree: _Element) -> date | None:
    """A date htmldate finds only in the page's text, unless it is a guess.

    Its text-wide search falls back to the 1st of a month or of January when it sees only a month
    or a year (a copyright line, say); such a guess would silently misplace every relative date,
    so it is refused and the caller asks for --published.
    """
    from htmldate import find_date

    found = find_date(tree, extensive_search=True, original_date=True, min_date=_MIN_DATE, max_date=_MAX_DATE)
    day = _day(found)
    return day if day is not None and day.day != 1 else None


def read_html(page: str, source: str) -> tuple[Found, str]:
    """The metadata and main text (paragraphs separated by blank lines) of a saved web page."""
    import trafilatura  # heavy (about a second): only paid when a page is read
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        raise ArticleError(f"{source}: not a readable HTML page")
    ld = next(_json_ld_articles(tree), {})
    # A parsed tree (trafilatura works on a copy), never a string: htmldate fetches a string that looks like a URL.
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_images=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "min_date": _MIN_DATE, "max_date": _MAX_DATE},
    )
    if not isinstance(document, trafilatura.settings.Document) or document.body is None:
        raise ArticleError(f"{source}: no main text found in the page")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    chosen = {
        "title": _first((_clean(ld.get("headline")), "json-ld"), (_meta(tree, "og:title"), "og:title"),
                        (_clean(document.title), "trafilatura")),
        "author": _first((_names(ld.get("author")), "json-ld"), (_clean(document.author), "trafilatura")),
        "publisher": _first((_names(ld.get("publisher")), "json-ld"), (_meta(tree, "og:site_name"), "og:site_name"),
                            (_clean(document.sitename), "trafilatura")),
        "url": _first((_clean(canonical[0]) if canonical else None, "canonical"), (_meta(tree, "og:url"), "og:url"),
                      (_clean(document.url), "trafilatura")),
    }
    published, published_source = _first(
        (_day(ld.get("datePublished")), "json-ld"),
        (_day(_meta(tree, "article:published_time")), "article:published_time"),
        (_day(document.date), "htmldate"),
    )
    if published is None and (published := _text_date(tree)) is not None:
        published_source = "htmldate text search"
    headline, publisher = chosen["title"][0], chosen["publisher"][0]
    title = headline and _without_site_name(headline, publisher)
    paragraphs = _paragraphs(document.body)
    if paragraphs and paragraphs[0].casefold() in {(title or "").casefold(), (_clean(document.title) or "").casefold()}:
        paragraphs = paragraphs[1:]  # the headline repeated at the top of the text
    if not paragraphs:
        raise ArticleError(f"{source}: no main text found in the page")
    sources = {key: source_name for key, (value, source_name) in chosen.items() if source_name is not None}
    if published_source is not None:
        sources["published"] = published_source
    found = Found(title=title, publisher=publisher, author=chosen["author"][0], published=published,
                  url=chosen["url"][0], sources=sources)
    return found, "\n\n".join(paragraphs)

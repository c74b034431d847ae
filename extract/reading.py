"""Read an article from a file: a saved web page or a text file, with overrides from the command line.

``read_article`` is what ``kursk-tui add`` calls for each path. It refuses, with one ArticleError
line naming the file, anything that is not a regular file, too large, not UTF-8, without text,
or (unless asked not to) without a publication date.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from pathlib import Path

from db.files import FileRefused, read_capped
from extract.article import FIELDS, Article, ArticleError, Found, parse_day
from extract.html_page import looks_like_html, read_html
from extract.text_file import parse_text_file

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
NO_DATE = "no publication date found: give --published; relative dates cannot be resolved without it"

__all__ = ["MAX_BYTES", "NO_DATE", "Article", "ArticleError", "read_article", "read_text"]


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, counted as read, not as reported."""
    try:
        return read_capped(path, limit)
    except FileRefused as error:
        raise ArticleError(str(error)) from error


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """A file's UTF-8 text with a BOM dropped and CRLF (or a lone CR) made ``\\n``."""
    data = _read_bytes(path, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 (invalid byte at offset {error.start})") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _override(found: Found, overrides: Mapping[str, str | date | None], path: Path) -> Found:
    unknown = set(overrides) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown override(s): {', '.join(sorted(unknown))}")
    values = {field.name: getattr(found, field.name) for field in fields(found)}
    sources = dict(found.sources)
    for key, value in overrides.items():
        if value is None:
            continue
        if key == "published" and not isinstance(value, date):
            try:
                value = parse_day(value)
            except ValueError as error:
                raise ArticleError(f"{path}: --published: {error}") from error
        values[key] = value.strip() if isinstance(value, str) else value
        sources[key] = "override"
    values["sources"] = sources
    return Found(**values)


def read_article(path: str | os.PathLike[str], overrides: Mapping[str, str | date | None] | None = None, *,
                 require_published: bool = True, limit: int = MAX_BYTES) -> Article:
    """The article in ``path``: a saved web page (by suffix or content) or a UTF-8 text file.

    ``overrides`` (title, publisher, author, published, url; None means not given) win over what
    the file says. With ``require_published`` an article without a date is an ArticleError.
    """
    path = Path(path)
    text = read_text(path, limit)
    if not text.strip():
        raise ArticleError(f"{path}: empty text")
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        kind = "html"
        found, body = read_html(text, str(path))
    else:
        kind = "text"
        found, body = parse_text_file(text, str(path))
        body = body.strip("\n")
        if not body.strip():
            raise ArticleError(f"{path}: empty text after the header block")
    found = _override(found, overrides or {}, path)
    if require_published and found.published is None:
        raise ArticleError(f"{path}: {NO_DATE}")
    return Article(text=body, kind=kind, title=found.title, publisher=found.publisher, author=found.author,
                   published=found.published, url=found.url, sources=found.sources)

"""Plain-text articles: an optional block of ``Key: value`` header lines, a blank line, then the text."""

from __future__ import annotations

import re
from datetime import date

from extract.article import FIELDS, ArticleError, Found, parse_day

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)")


def _header_line(line: str) -> tuple[str, str] | None:
    """The (field, value) of a known ``Key: value`` header line, else None."""
    match = _HEADER_LINE.fullmatch(line.strip())
    if match is None or match[1].lower() not in FIELDS:
        return None
    return match[1].lower(), match[2].strip()


def parse_text_file(text: str, source: str) -> tuple[Found, str]:
    """Split ``text`` (``\\n`` line ends) into its header block's metadata and the article text.

    A header block is present only when the first line is a known ``Key:`` line; it then runs to
    the first blank line, and every line in it must be a known key given once with a value.
    Raises ArticleError naming ``source``, the line and the field for anything else in the block.
    """
    lines = text.split("\n")
    if _header_line(lines[0]) is None:
        return Found(), text
    values: dict[str, str] = {}
    published: date | None = None
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            body_start = number
            break
        header = _header_line(line)
        if header is None:
            raise ArticleError(f"{source}: line {number}: not a Title, Publisher, Published, URL or Author "
                               "line; the header block ends at the first blank line")
        key, value = header
        if key in values:
            raise ArticleError(f"{source}: line {number}: {key} given twice in the header block")
        if not value:
            raise ArticleError(f"{source}: line {number}: {key} is empty")
        if key == "published":
            try:
                published = parse_day(value)
            except ValueError as error:
                raise ArticleError(f"{source}: line {number}: published: {error}") from error
        values[key] = value
    found = Found(title=values.get("title"), publisher=values.get("publisher"), author=values.get("author"),
                  published=published, url=values.get("url"), sources=dict.fromkeys(values, "header"))
    return found, "\n".join(lines[body_start:])

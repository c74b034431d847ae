"""The letters of a letters page: each opens with a salutation paragraph ("Sir," or "Dear Editor,")
and ends with its signature on a line of its own ("Callum Reid, Westport"; "Ana Roos, Press Officer,
Kinfold International, Kostel"). The letter's words are its signatory's, not the paper's; the next
salutation opens another letter, so a letter left unsigned gives its words to no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text import trim_spaces

_SALUTATION = re.compile(r"(?:Dear\s+(?:Editor|Sir(?:\s+or\s+Madam)?|Madam)|Sir|Madam|Sir\s+or\s+Madam|"
                         r"To\s+the\s+Editor)\s*[,:]?")
# a full name of two to four capitalised words, then a comma and a place, a role or a body (no sentence)
_SIGNATURE = re.compile(r"((?:[A-Z][\w'\u2019-]+\s+){1,3}[A-Z][\w'\u2019-]+)\s*,\s*[A-Z][^.!?:\n]*")
MAX_SIGNATURE = 120


@dataclass(slots=True)
class Letter:
    first: int                   # the first paragraph after the salutation
    signature: int               # the signature's paragraph (the letter's words end before it)
    name: tuple[int, int]        # the signatory's name
    signed: tuple[int, int]      # what the signature says after the name: a place, a role, a body


def find_letters(work: str, paragraphs: list[tuple[int, int]]) -> list[Letter]:
    """The signed letters of the text, each from its salutation to its signature."""
    letters = []
    opened: int | None = None           # the paragraph after the last salutation, until a signature
    for number, (start, end) in enumerate(paragraphs):
        start, end = trim_spaces(work, start, end)
        if _SALUTATION.fullmatch(work, start, end):
            opened = number + 1
            continue
        signature = _SIGNATURE.fullmatch(work, start, end) if end - start <= MAX_SIGNATURE else None
        if opened is not None and signature is not None and number > opened:
            letters.append(Letter(opened, number, signature.span(1), (signature.end(1), end)))
            opened = None
    return letters

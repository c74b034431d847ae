"""Actors by name without the store: the key names are compared by, and the plain record
of an actor that the extractor matches speakers against."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


def text_key(text: str) -> str:
    """Casefolded, accent-free, space-collapsed form of a name: what speaker filters compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("\u2019", "'").split())


@dataclass(frozen=True)
class KnownActor:
    """An actor already in the store, to match speakers against."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = field(default=None, compare=False)   # carried back unchanged when a document repeats it

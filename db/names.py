"""Actors by name without the store: the key names are compared by, and the plain record
of an actor that the extractor matches speakers against."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# British spellings in the names of bodies, keyed to the American: "Russia's defence ministry"
# in one outlet and "Russia's Defense Ministry" in another are one actor.
SPELLINGS = {
    "defence": "defense", "offence": "offense", "organisation": "organization",
    "organisations": "organizations", "centre": "center", "centres": "centers", "labour": "labor",
    "programme": "program", "programmes": "programs", "licence": "license",
}
_BRITISH = re.compile(r"\b(?:" + "|".join(SPELLINGS) + r")\b")


def text_key(text: str) -> str:
    """Casefolded, accent-free, space-collapsed form of a name, one spelling of each word:
    what speaker filters compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    spelled = _BRITISH.sub(lambda word: SPELLINGS[word.group()], stripped.replace("\u2019", "'"))
    return " ".join(spelled.split())


@dataclass(frozen=True)
class KnownActor:
    """An actor already in the store, to match speakers against."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = field(default=None, compare=False)   # carried back unchanged when a document repeats it

"""The turns of a programme transcript: paragraphs opening with a speaker label in capitals.

A radio or television transcript prints each turn as "WREN: Our count is ..." (or "Wren:"):
the label is the speaker's surname (or name) as the introduction names them, and the words after it are
theirs, with no quote marks. A broadcast script cues a clip of a speaker as "SOT Ana Roos, Kinfold
director: ..." (sound on tape): the name before the comma is the label; its own cues ("ANCHOR:",
"VO:", "GFX:") are the programme's voice. The host's turns ask and steer; the introduction names the host
("The host is Imogen Strand", "presented by ...") and their turns are no claims. Three turns
under two labels or more make the layout (one "NOTE:" line is none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text import trim_spaces

_LABEL = re.compile(r"([A-Z][A-Z'\u2019.-]+(?:[ \t]+[A-Z][A-Z'\u2019.-]+){0,2}"          # "WREN:", "TOBIAS WREN:"
                    r"|[A-Z][a-z'\u2019-]+(?:[ \t]+[A-Z][a-z'\u2019-]+){0,2}):[ \t]+(?=\S)")     # "Wren:"
# "SOT Ana Roos, Kinfold director (translated): ": a clip of a named speaker in a broadcast script
_CUE = re.compile(r"(?:SOT|SYNC)[ \t]+((?:[A-Z][\w'\u2019.-]*[ \t]+){1,3}[A-Z][\w'\u2019-]+)"
                  r"(?:[ \t]*,[ \t]*([^:\n]*))?:[ \t]+(?=\S)")
_NAME = r"((?:[A-Z](?:\.|[\w'\u2019-]+)\s+){0,3}[A-Z][\w'\u2019-]+)"     # "J. Ivo Kask", not "Kask. His"
_HOST = re.compile(r"\b(?:host|presenter|interviewer|moderator|anchor)(?:\s+is|\s+was|,)?\s+" + _NAME
                   + r"|\b(?:hosted|presented|moderated|chaired)\s+by\s+" + _NAME)
_HOST_LABELS = frozenset(("HOST", "PRESENTER", "INTERVIEWER", "MODERATOR", "ANCHOR", "Q", "VO", "GFX", "REPORTER"))
MIN_TURNS = 3


@dataclass(slots=True)
class Turn:
    paragraph: int
    label: str                 # as printed: "WREN", "LESIA VASHCHENKO"
    start: int                 # the words after the label
    end: int
    role: tuple[int, int] | None = None     # a cue's words after the name: "Kinfold director"


def find_turns(work: str, paragraphs: list[tuple[int, int]]) -> list[Turn]:
    """The guests' turns of a transcript (the host's left out), or none when the text is no transcript."""
    turns = []
    for number, (start, end) in enumerate(paragraphs):
        label = _LABEL.match(work, start, end) or _CUE.match(work, start, end)
        if label is not None:
            words_start, words_end = trim_spaces(work, label.end(), end)
            role = label.span(2) if label.re is _CUE and label.group(2) else None
            turns.append(Turn(number, label.group(1), words_start, words_end, role))
    if len(turns) < MIN_TURNS or len({turn.label for turn in turns}) < 2:
        return []
    hosts = set(_HOST_LABELS)
    for host in _HOST.finditer(work):           # named in the introduction, as a rule
        name = (host.group(1) or host.group(2)).upper()
        hosts |= {name, name.split()[-1]}
    return [turn for turn in turns if turn.label.upper() not in hosts]

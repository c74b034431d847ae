"""Score proposed records (from ``extract.extract_article``) against a labelled answer key.

Both documents are interchange documents over the same source text. A proposed record
matches a key record of the same kind when their spans overlap by at least half of the
shorter span; matching is one-to-one, greedy by overlap. Then, per kind:

* quotes: recall, precision, and speaker accuracy (of the matched quotes, the share whose
  speaker is the key's: the same actor id, or a name or alias in common, compared with
  ``db.names.text_key`` less a leading article);
* figures: recall, precision, and bounds right (of the matched figures, the share with the
  same bound kind and the same value, low and high within 1e-6);
* dates: recall, precision, and resolved right (of the matched dates, the same EDTF).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from db.names import KnownActor, text_key

SECTIONS = ("quotes", "figures", "dates")
CHECK_NAMES = {"quotes": "speaker", "figures": "bounds", "dates": "resolved"}
MIN_OVERLAP = 0.5
TOLERANCE = 1e-6


@dataclass
class KindScore:
    """How one kind of record fared: counts, and the records behind them for reading."""

    kind: str
    key: int = 0
    proposed: int = 0
    matched: int = 0
    correct: int = 0           # of the matched: right speaker / bounds / resolution
    missed: list[str] = field(default_factory=list)       # key records not found (exact words)
    spurious: list[str] = field(default_factory=list)     # proposals matching nothing
    wrong: list[str] = field(default_factory=list)        # matched, but speaker/bounds/edtf differ

    @property
    def recall(self) -> float:
        return self.matched / self.key if self.key else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "recall": self.recall, "precision": self.precision,
                "accuracy": self.accuracy, "check": CHECK_NAMES[self.kind]}


@dataclass
class EvalReport:
    quotes: KindScore
    figures: KindScore
    dates: KindScore

    def to_dict(self) -> dict[str, Any]:
        return {kind: getattr(self, kind).to_dict() for kind in SECTIONS}


def _overlap(a: dict | None, b: dict | None) -> float:
    """Overlap of two spans as a share of the shorter one (0 when either is missing)."""
    if not a or not b:
        return 0.0
    shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return shared / shorter if shared > 0 and shorter > 0 else 0.0


def match_records(key: list[dict], proposed: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (key index, proposed index) pairs, greedy by overlap."""
    pairs = []
    for k, key_record in enumerate(key):
        for p, proposal in enumerate(proposed):
            share = _overlap(key_record.get("span"), proposal.get("span"))
            if share >= MIN_OVERLAP:
                shared = min(key_record["span"]["end"], proposal["span"]["end"]) - \
                    max(key_record["span"]["start"], proposal["span"]["start"])
                pairs.append((share, shared, k, p))
    pairs.sort(key=lambda pair: (-pair[0], -pair[1], pair[2], pair[3]))
    used_key, used_proposed, matched = set(), set(), []
    for _, _, k, p in pairs:
        if k not in used_key and p not in used_proposed:
            used_key.add(k)
            used_proposed.add(p)
            matched.append((k, p))
    return sorted(matched)


def _name_key(name: str) -> str:
    """A name as compared: ``text_key`` without a leading article ("The NSO" is "NSO")."""
    return re.sub(r"^(?:the|a|an) ", "", text_key(name))


def _names(document: dict, known: Sequence[KnownActor] = ()) -> dict[str, set[str]]:
    """Each actor's names by id: the document's records, over the store's (``known``): a
    document names a stored actor only when it met it under a name the store lacks."""
    names = {actor.id: {_name_key(name) for name in (actor.name, *actor.aliases) if name} for actor in known}
    for actor in document.get("actors", []):
        keys = {_name_key(actor["name"])} if actor.get("name") else set()
        keys |= {_name_key(alias) for alias in actor.get("aliases") or [] if alias}
        names[actor["id"]] = names.get(actor["id"], set()) | keys
    return names


def story_names(keys: Sequence[dict]) -> dict[str, set[str]]:
    """The names the answer keys of one story give each actor id, across its articles, less any
    name two ids share ("the ministry"): the key's own actor, under the name another article's key
    gives it, is the key's actor (never a name merely alike)."""
    ids_by_name: dict[str, set[str]] = {}
    for key in keys:
        for actor_id, names in _names(key).items():
            for name in names:
                ids_by_name.setdefault(name, set()).add(actor_id)
    names_by_id: dict[str, set[str]] = {}
    for name, ids in ids_by_name.items():
        if len(ids) == 1:
            names_by_id.setdefault(next(iter(ids)), set()).add(name)
    return names_by_id


def _with_story_names(key: dict, story: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """The key's actors' names, each with the names the story's keys give the same id."""
    names = _names(key)
    return {actor_id: found | story.get(actor_id, set()) for actor_id, found in names.items()}


def _speaker_names(record: dict, names: dict[str, set[str]], role: str = "speaker") -> set[str]:
    """The names of a record's speaker (or claimant, ``role``): its actor's name and aliases."""
    speaker = record.get(role)
    found = set(names.get(speaker, set())) if isinstance(speaker, str) else set()
    if record.get(f"{role}_name"):
        found.add(_name_key(record[f"{role}_name"]))
    return found


def _same_actor(key_record: dict, proposal: dict, key_names: dict[str, set[str]],
                proposed_names: dict[str, set[str]], role: str) -> bool:
    if key_record.get(role) is not None and key_record.get(role) == proposal.get(role):
        return True
    return bool(_speaker_names(key_record, key_names, role) & _speaker_names(proposal, proposed_names, role))


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=TOLERANCE)


def _label(record: dict) -> str:
    span = record.get("span") or {}
    return span.get("exact") or record.get("text") or record.get("id", "?")


def evaluate(key: dict, proposed: dict, known: Sequence[KnownActor] = (),
             story: Mapping[str, set[str]] | None = None) -> EvalReport:
    """Score ``proposed`` against ``key``: both interchange documents over the same text; the
    proposal extracted with the store's actors ``known``, whose names speak for its actors too;
    ``story`` (from ``story_names``) the names other articles' keys give the key's actors."""
    key_names, proposed_names = _with_story_names(key, story or {}), _names(proposed, known)

    def correct(kind: str, key_record: dict, proposal: dict) -> tuple[bool, str]:
        if kind == "quotes":
            return _same_actor(key_record, proposal, key_names, proposed_names, "speaker"), (
                f"speaker {proposal.get('speaker_name') or proposal.get('speaker')!r}, "
                                         f"key {key_record.get('speaker_name') or key_record.get('speaker')!r}")
        if kind == "figures":
            same = key_record.get("bound") == proposal.get("bound") and all(
                _same_number(key_record.get(name), proposal.get(name)) for name in ("value", "low", "high"))
            return same, (f"{proposal.get('bound')} "
                          f"{proposal.get('value')}/{proposal.get('low')}/{proposal.get('high')}, "
                          f"key {key_record.get('bound')} {key_record.get('value')}/{key_record.get('low')}/"
                          f"{key_record.get('high')}")
        return key_record.get("edtf") == proposal.get("edtf"), \
            f"{proposal.get('edtf')}, key {key_record.get('edtf')}"

    scores = {}
    for kind in SECTIONS:
        key_records, proposals = key.get(kind) or [], proposed.get(kind) or []
        score = KindScore(kind, key=len(key_records), proposed=len(proposals))
        matched = match_records(key_records, proposals)
        score.matched = len(matched)
        for k, p in matched:
            ok, why = correct(kind, key_records[k], proposals[p])
            if ok:
                score.correct += 1
            else:
                score.wrong.append(f"{_label(key_records[k])!r}: {why}")
        matched_key = {k for k, _ in matched}
        matched_proposed = {p for _, p in matched}
        score.missed = [_label(r) for i, r in enumerate(key_records) if i not in matched_key]
        score.spurious = [_label(r) for i, r in enumerate(proposals) if i not in matched_proposed]
        scores[kind] = score
    return EvalReport(**scores)


def format_table(report: EvalReport) -> str:
    """The scores as a plain-text table (one row per kind)."""
    header = ("kind", "key", "proposed", "matched", "recall", "precision", "check", "right", "accuracy")
    rows = [header]
    for kind in SECTIONS:
        score: KindScore = getattr(report, kind)
        rows.append((kind, str(score.key), str(score.proposed), str(score.matched), f"{score.recall:.3f}",
                     f"{score.precision:.3f}", CHECK_NAMES[kind], f"{score.correct}/{score.matched}",
                     f"{score.accuracy:.3f}"))
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i in (0, 6) else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


@dataclass
class FigureChecks:
    """Of the figures matched to the key: claimant right, as-of right, and the metric labels
    given (key label, proposed label), for ``label_accuracy`` over one or many articles."""

    matched: int = 0
    claimant_right: int = 0
    as_of_right: int = 0       # the key's stated as-of, or none when the key has none
    labels: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_right / self.matched if self.matched else 1.0

    @property
    def as_of_accuracy(self) -> float:
        return self.as_of_right / self.matched if self.matched else 1.0

    def add(self, other: FigureChecks) -> None:
        self.matched += other.matched
        self.claimant_right += other.claimant_right
        self.as_of_right += other.as_of_right
        self.labels += other.labels
        self.wrong += other.wrong


def figure_checks(key: dict, proposed: dict, known: Sequence[KnownActor] = (),
                  story: Mapping[str, set[str]] | None = None) -> FigureChecks:
    """Claimants, as-of dates and metric labels of the proposed figures matched to the key's
    (the store's actors ``known`` and the story's names ``story`` as for ``evaluate``)."""
    key_names, proposed_names = _with_story_names(key, story or {}), _names(proposed, known)
    key_figures, proposals = key.get("figures") or [], proposed.get("figures") or []
    checks = FigureChecks()
    for k, p in match_records(key_figures, proposals):
        key_record, proposal = key_figures[k], proposals[p]
        checks.matched += 1
        if _same_actor(key_record, proposal, key_names, proposed_names, "claimant"):
            checks.claimant_right += 1
        else:
            checks.wrong.append(f"{_label(key_record)!r}: claimant {proposal.get('claimant_name')!r}, "
                                f"key {key_record.get('claimant_name') or key_record.get('claimant')!r}")
        if key_record.get("as_of") == proposal.get("as_of"):
            checks.as_of_right += 1
        else:
            checks.wrong.append(f"{_label(key_record)!r}: as of {proposal.get('as_of')!r}, "
                                f"key {key_record.get('as_of')!r}")
        checks.labels.append((key_record.get("metric") or "", proposal.get("metric") or ""))
    return checks


def label_accuracy(labels: list[tuple[str, str]]) -> tuple[float, dict[str, dict[str, int]]]:
    """How consistently one key metric got one proposed label: the share of figures labelled
    with their key metric's most common label (1.0: one label per metric, and no label
    shared by two key metrics), and the labels given per key metric."""
    given: dict[str, dict[str, int]] = {}
    for key_label, proposed_label in labels:
        counts = given.setdefault(key_label, {})
        counts[proposed_label] = counts.get(proposed_label, 0) + 1
    owners: dict[str, str] = {}
    right = 0
    for key_label, counts in sorted(given.items(), key=lambda item: -sum(item[1].values())):
        label, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        if owners.setdefault(label, key_label) == key_label:
            right += count
    return (right / len(labels) if labels else 1.0), given

"""A document's new actors joined to the store's actors they are under another name.

The extractor matches speakers against the actors it is given. A batch of articles is extracted
in parallel against the actors the store held when the batch started, so an article does not
know the actors the articles landed before it added; and a name can come in another form than
the one the store holds. Before an article lands, each of its new actors that is a stored
actor by the extractor's own rules (``Actors.known_as``) becomes that actor: its claims point
to it, and the names it came with join the stored actor's aliases.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from db.names import KnownActor, text_key
from extract.actors import Actors

# Each claim section of a document and the field naming its actor.
ACTOR_FIELDS = (("quotes", "speaker"), ("figures", "claimant"), ("events", "actor"))


class ActorJoiner:
    """The store's actors, which each document of a batch is joined to before it lands, and
    which learn each landed document's actors (built once a batch: a store of a million claims
    has thousands of actors to index)."""

    def __init__(self, known: Sequence[KnownActor]):
        self.matcher = Actors(known, "", "")
        self.known = {actor.id: actor for actor in known}

    def join(self, document: dict[str, Any]) -> dict[str, Any]:
        """``document`` with its new actors that are known ones under another name joined to
        them (a new document; ``document`` itself is unchanged)."""
        joined: dict[str, KnownActor] = {}
        for record in document.get("actors", []):
            if record["id"] in self.known:
                continue
            entity = self.matcher.known_as(record["name"], record["kind"], record.get("aliases", ()))
            if entity is not None:
                joined[record["id"]] = self.known[entity.id]
        if not joined:
            return document
        result = copy.deepcopy(document)
        result["actors"] = _merged_records(result["actors"], joined)
        for section, field in ACTOR_FIELDS:
            for claim in result.get(section, []):
                if claim.get(field) in joined:
                    claim[field] = joined[claim[field]].id
        return result

    def learn(self, document: dict[str, Any]) -> None:
        """The actors of ``document`` (landed) are known from now on, with the names it gave them."""
        for record in document.get("actors", []):
            stored = self.known.get(record["id"])
            aliases = tuple(dict.fromkeys([*(stored.aliases if stored else ()), *record.get("aliases", ())]))
            actor = KnownActor(record["id"], stored.name if stored else record["name"],
                               stored.kind if stored else record["kind"], aliases,
                               role=stored.role if stored else record.get("role"))
            self.known[actor.id] = actor
            self.matcher.learn(actor)


def _merged_records(records: list[dict[str, Any]], joined: dict[str, KnownActor]) -> list[dict[str, Any]]:
    """The actor records with each joined one folded into its stored actor's record (as the store
    holds it), its name and aliases among the aliases, its role spans among the roles."""
    merged: dict[str, dict[str, Any]] = {}
    for record in records:
        stored = joined.get(record["id"])
        if stored is None:
            target = merged.setdefault(record["id"], record)
            if target is not record:  # the stored actor's record, made for a joined one first
                _fold(target, record["aliases"], record.get("roles", []))
            continue
        target = merged.setdefault(stored.id, {"id": stored.id, "name": stored.name, "kind": stored.kind,
                                               "role": stored.role, "aliases": list(stored.aliases), "roles": []})
        _fold(target, [record["name"], *record.get("aliases", ())], record.get("roles", []))
    return list(merged.values())


def _fold(target: dict[str, Any], names: Sequence[str], roles: Sequence[dict[str, Any]]) -> None:
    own = text_key(target["name"])
    aliases = target.setdefault("aliases", [])
    for name in names:
        if text_key(name) != own and name not in aliases:
            aliases.append(name)
    target.setdefault("roles", []).extend(role for role in roles if role not in target["roles"])

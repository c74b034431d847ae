"""Turn a seed dataset (TOML + article text) into an interchange document and load it.

Spans in the dataset are exact words; offsets are computed here, and a span that is
not in the text verbatim (or stands there more than once with no ``occurrence``)
stops the load with a SeedError before anything is written.
"""

from __future__ import annotations

import sqlite3
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from db.dates import UnresolvableDate, resolve
from db.hedges import bound_for_hedge
from db.interchange import apply_document, make_span

BUNDLED_DATASET = Path(__file__).with_name("newsweek-2025-01-05.toml")


class SeedError(ValueError):
    """The dataset does not match its article (or itself)."""


def _occurrences(text: str, words: str) -> list[int]:
    starts, position = [], text.find(words)
    while position != -1:
        starts.append(position)
        position = text.find(words, position + 1)
    return starts


def locate(text: str, words: str, occurrence: int | None, where: str) -> dict[str, Any]:
    """The span of ``words`` in ``text`` (its ``occurrence``-th place, 1-based)."""
    if not words:
        raise SeedError(f"{where}: empty span")
    starts = _occurrences(text, words)
    if not starts:
        raise SeedError(f"{where}: span not found verbatim in the source text: {words!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise SeedError(f"{where}: span stands {len(starts)} times in the text; "
                            f"say which with occurrence = 1..{len(starts)}: {words!r}")
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise SeedError(f"{where}: occurrence {occurrence} asked, but the span stands "
                        f"{len(starts)} time(s): {words!r}")
    start = starts[occurrence - 1]
    return make_span(text, start, start + len(words))


def build_document(dataset_path: Path) -> dict[str, Any]:
    """Read a dataset file and its article into an interchange document."""
    dataset = tomllib.loads(dataset_path.read_text(encoding="utf-8"))
    source = dict(dataset["source"])
    text = (dataset_path.parent / source.pop("text_file")).read_text(encoding="utf-8")
    source.update(text=text, published_basis=source.get("published_basis", "").strip() or None)
    source_id = source["id"]
    published = date.fromisoformat(source["published"])

    def span_of(record: dict, where: str) -> dict[str, Any]:
        return locate(text, record["span"], record.get("occurrence"), where)

    actors = []
    for index, actor in enumerate(dataset.get("actors", [])):
        roles = [{"source": source_id, "span": span_of(role, f"actors[{index}].roles[{n}]")}
                 for n, role in enumerate(actor.get("roles", []))]
        actors.append({**actor, "roles": roles})

    dates, resolved_days = [], {}
    for index, entry in enumerate(dataset.get("dates", [])):
        where = f"dates[{index}] ({entry['id']})"
        span = span_of(entry, where)
        reference = published
        if "against" in entry:
            if entry["against"] not in resolved_days:
                raise SeedError(f"{where}: 'against' must name an earlier date, not {entry['against']!r}")
            reference = resolved_days[entry["against"]]
        try:
            resolved = resolve(span["exact"], reference)
        except UnresolvableDate as error:
            raise SeedError(f"{where}: {error}") from error
        resolved_days[entry["id"]] = resolved.lower
        dates.append({
            "id": entry["id"], "text": resolved.text, "edtf": resolved.edtf,
            "lower": resolved.lower.isoformat(), "upper": resolved.upper.isoformat(),
            "precision": resolved.precision,
            "resolved_against": resolved.resolved_against and resolved.resolved_against.isoformat(),
            "source": source_id, "span": span,
        })

    def claims(section: str, date_field: str) -> list[dict[str, Any]]:
        records = []
        for index, entry in enumerate(dataset.get(section, [])):
            record = {key: value for key, value in entry.items()
                      if key not in ("span", "occurrence", "said", "as_of", "date")}
            record["span"] = span_of(entry, f"{section}[{index}] ({entry['id']})")
            record[date_field] = entry.get({"said_date": "said", "as_of_date": "as_of",
                                            "date_id": "date"}[date_field])
            record["source"] = source_id
            records.append(record)
        return records

    quotes = claims("quotes", "said_date")
    for quote in quotes:
        quote["text"] = quote["span"]["exact"]
    figures = claims("figures", "as_of_date")
    for figure in figures:
        figure["text"] = figure["span"]["exact"]
        if figure["bound"] != "fraction_of" and bound_for_hedge(figure.get("hedge")) != figure["bound"]:
            raise SeedError(f"figures ({figure['id']}): hedge {figure.get('hedge')!r} means "
                            f"{bound_for_hedge(figure.get('hedge'))}, not {figure['bound']}")
    return {
        "sources": [source], "actors": actors, "dates": dates, "quotes": quotes,
        "figures": figures, "events": claims("events", "date_id"),
        "links": dataset.get("links", []),
    }


def load_dataset(conn: sqlite3.Connection, dataset_path: Path = BUNDLED_DATASET) -> dict[str, int]:
    """Load a dataset into the store in one transaction; loading it again changes nothing."""
    return apply_document(conn, build_document(dataset_path))

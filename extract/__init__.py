"""Rule-based proposals from English news articles: pure text in, an interchange document
(see ``db.interchange``) out, with no store access. ``extract.reading`` reads an article
(saved web page or text file) with its metadata.

``extract_article`` proposes an article's direct quotes with their speakers, its figures
with their hedges and bounds, and its date expressions resolved with ``db.dates.resolve``;
``evaluate`` scores such a proposal against a labelled answer key. Every rule is a pattern
of English news copy; nothing is keyed to one article. Known actors (``db.names.KnownActor``,
listed from a store by ``db.speakers.known_actors``) are passed in.

``bench/extract_pathological.py`` measures extraction on hostile shapes of text.
"""

from db.names import KnownActor
from extract.claims import extract_article
from extract.evaluate import EvalReport, KindScore, evaluate, format_table, match_records

__all__ = ["EvalReport", "KindScore", "KnownActor", "evaluate", "extract_article", "format_table", "match_records"]

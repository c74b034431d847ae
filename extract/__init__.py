"""Rule-based proposals from English news articles: pure text in, an interchange document
(see ``db.interchange``) out, with no store access. ``extract.reading`` reads an article
(saved web page or text file) with its metadata.

``extract_article`` proposes an article's direct quotes with their speakers, its figures
with their hedges and bounds, and its date expressions resolved with ``db.dates.resolve``;
``evaluate`` scores such a proposal against a labelled answer key. Every rule is a pattern
of English news copy; nothing is keyed to one article. Known actors (``db.names.KnownActor``,
listed from a store by ``db.speakers.known_actors``) and the metric vocabulary
(``extract.metrics.Vocabulary``, from ``db.metrics``) are passed in.

``bench/extract_pathological.py`` measures extraction on hostile shapes of text.
"""

from db.names import KnownActor
from extract.claims import extract_article
from extract.evaluate import (
    EvalReport,
    FigureChecks,
    KindScore,
    evaluate,
    figure_checks,
    format_table,
    label_accuracy,
    match_records,
)
from extract.metrics import Vocabulary

__all__ = ["EvalReport", "FigureChecks", "KindScore", "KnownActor", "Vocabulary", "evaluate", "extract_article",
           "figure_checks", "format_table", "label_accuracy", "match_records"]

"""The cleaner cross-validated by site folds of the train split: `train_cleaner.py --body-folds 5`.

Each fold: train the line model and the title ranker on the other folds' sites (into a temporary
weights file), then clean the fold's pages as ingest would and count what `benchmarks/cleaning.py
--dev` counts (paragraph and token F1, titles). Writes nothing into the project.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.pages_corpus import score_page, summary
from index.cleaning import line_model
from index.cleaning.clean import clean_page
from index.cleaning.lines import PageLines
from index.records import Article
from index.text import sanitize


def cross_validate(items, folds: int, train, fold_of, raw) -> None:
    """Train on all folds but one and score the cleaner on that one, per fold, then over all."""
    shipped = line_model.WEIGHTS_FILE
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory() as folder:
        line_model.WEIGHTS_FILE = Path(folder) / "weights.json"
        try:
            for k in range(folds):
                train([item for item in items if fold_of(item[0][0].site, folds) != k])
                counts = score_fold(items, k, folds, fold_of, raw)
                print(f"FOLD {k}: {summary(counts)}")
                totals.update(counts)
        finally:
            line_model.WEIGHTS_FILE = shipped
            line_model.weights.cache_clear()
    print(f"FOLDS ALL: {summary(totals)}")


def score_fold(items, k: int, folds: int, fold_of, raw) -> Counter:
    """The benchmark's counts of the cleaner (as the weights now stand) on fold k's pages."""
    counts: Counter = Counter()
    for (gold, _), _ in items:
        if fold_of(gold.site, folds) != k:
            continue
        page, furniture = raw[gold.id, gold.rendering]
        result = clean_page(page, furniture)
        lines = PageLines(sanitize(page.text)).lines
        if isinstance(result, Article):
            counts.update(score_page(gold, result.title, result.paragraphs, lines))
        else:
            counts.update(score_page(gold, "", [], lines))
            counts["skipped"] += 1
    return counts

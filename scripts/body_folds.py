"""The cleaner cross-validated by site folds of the train split: `train_cleaner.py --body-folds 5`.

Each fold: train the line model and the title ranker on the other folds' sites (into a temporary
weights file), then clean the fold's pages as ingest would and count what `benchmarks/cleaning.py
--dev` counts (paragraph and token F1, titles). At the end, the error classes over all folds (out of
fold, per rendering): which gold paragraphs were lost and which kept ones are wrong, by kind,
length and place (`benchmarks.pages_corpus.error_classes`). Writes nothing into the project.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.pages_corpus import error_classes, score_page, summary
from index.cleaning import line_model
from index.cleaning.clean import analyse, clean_page
from index.cleaning.lines import BAD, GOOD, SHORT, STOP, PageLines
from index.records import Article
from index.text import sanitize


def cross_validate(items, folds: int, train, fold_of, raw) -> None:
    """Train on all folds but one and score the cleaner on that one, per fold, then over all."""
    shipped = line_model.WEIGHTS_FILE
    totals: Counter = Counter()
    errors: Counter = Counter()
    with tempfile.TemporaryDirectory() as folder:
        line_model.WEIGHTS_FILE = Path(folder) / "weights.json"
        try:
            for k in range(folds):
                train([item for item in items if fold_of(item[0][0].site, folds) != k])
                counts = score_fold(items, k, folds, fold_of, raw, errors)
                print(f"FOLD {k}: {summary(counts)}")
                totals.update(counts)
        finally:
            line_model.WEIGHTS_FILE = shipped
            line_model.weights.cache_clear()
    print(f"FOLDS ALL: {summary(totals)}")
    print("error classes (out of fold; resiliparse / plain):")
    for name in sorted({name for name, _ in errors}, key=lambda n: -errors[n, "all"]):
        print(f"  {errors[name, 'all']:6d} {name} ({errors[name, 'res']} / {errors[name, 'pla']})")


_KIND_NAMES = {GOOD: "GOOD", SHORT: "SHORT", BAD: "BAD", STOP: "STOP"}


def score_fold(items, k: int, folds: int, fold_of, raw, errors: Counter) -> Counter:
    """The benchmark's counts of the cleaner (as the weights now stand) on fold k's pages; its
    error classes added to `errors`, keyed (class, "all"/"res"/"pla")."""
    counts: Counter = Counter()
    for (gold, _), _ in items:
        if fold_of(gold.site, folds) != k:
            continue
        page, furniture = raw[gold.id, gold.rendering]
        result = clean_page(page, furniture)
        lines = PageLines(sanitize(page.text)).lines
        paragraphs = result.paragraphs if isinstance(result, Article) else []
        counts.update(score_page(gold, getattr(result, "title", ""), paragraphs, lines))
        counts["skipped"] += not isinstance(result, Article)
        pa = analyse(sanitize(page.text), furniture, gold.rendering)  # the kinds, as ingest's
        if pa is None:
            continue
        kinds = [_KIND_NAMES[kind] for kind in pa.pl.kind]
        for name, n in error_classes(gold, paragraphs, pa.pl.lines, pa.pl.words, kinds).items():
            errors[name, "all"] += n
            errors[name, gold.rendering[:3]] += n
    return counts

"""Train the cleaner's line classifier and title ranker; write cleaning/data/cleaner_weights.json.

Usage: .venv/bin/pip install -e '.[train]' && .venv/bin/python scripts/train_cleaner.py
       [--titles] [--folds 5 [--list-titles PATH]] [--body-folds 5]
`--body-folds 5` writes nothing: it trains on four fifths of the train sites and scores the cleaner
on the fifth (paragraph and token F1 as `benchmarks/cleaning.py --dev` counts them), per fold: an
idea is kept only when it gains in (nearly) every fold (scripts/body_folds.py); then it prints the
error classes out of fold (lost gold paragraphs and wrongly kept ones, by kind, length and place).
`--titles` retrains only the title ranker (over the line model as it stands); `--folds 5`
cross-validates the title ranker over five site folds of the train split and prints its exact
titles per fold; `--list-titles` writes its misses (gold, chosen, candidates) for reading.

Reads the TRAIN split of ../shared/corpora/pages (both renderings; gold paragraphs matched to dump
lines by normalised text; gold body = article, everything else, comments included = not article),
fits logistic regressions with scikit-learn (a training-only dependency) and writes their weights
as JSON (in index/cleaning/data/). Also writes stopwords.json there: the stopword lists of the
`stopwordsiso` package (the stopwords-iso collection, MIT) for the languages py3langid names, at
most 400 of each list's shortest words. No corpus text is written into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages_corpus import GoldPage, as_ingested, is_gold_line, load  # noqa: E402
from index.cleaning import line_model  # noqa: E402
from index.cleaning.tail import TAIL_FEATURES, tail_features, tail_weights  # noqa: E402

MAX_STOPWORDS = 400
SWITCH_PENALTIES = (0.0, 1.0, 2.0, 3.0, 4.0, 6.0)
BIASES = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5)


def write_stopwords() -> None:
    import stopwordsiso
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    languages: dict[str, list[str]] = {}
    for lang in sorted(code for code in identifier.nb_classes if len(code) == 2):
        if not stopwordsiso.has_lang(lang):
            continue
        words = sorted({w.lower() for w in stopwordsiso.stopwords(lang) if " " not in w})
        words.sort(key=lambda w: (len(w), w))
        languages[lang] = sorted(words[:MAX_STOPWORDS])
    data = {
        "source": "stopwordsiso (stopwords-iso, MIT): the languages py3langid names, "
        f"at most {MAX_STOPWORDS} of each list's shortest words",
        "languages": languages,
    }
    line_model.STOPWORDS_FILE.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    line_model.stopwords.cache_clear()
    line_model._stopword_votes.cache_clear()


RAW: dict[tuple[str, str], tuple] = {}  # (id, rendering) -> (Page, furniture), for --body-folds


def analysed(pages: list[GoldPage]):
    """(gold page, page analysis) for every page, a furniture model per rendering as at ingest."""
    from index.cleaning.clean import analyse
    from index.text import sanitize

    out = []
    for gold, page, furniture in as_ingested(pages):
        RAW[gold.id, gold.rendering] = (page, furniture)
        pa = analyse(sanitize(page.text), furniture, gold.rendering)
        if pa is not None:
            out.append((gold, pa))
    return out


def fold_of(site: str, folds: int = 5) -> int:
    return int(hashlib.sha1(f"cleaner-folds:{site}".encode()).hexdigest(), 16) % folds


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=3000)
    model.fit(x, y)
    return model


def smoothing_f1(items, stage2_scores, penalty: float, bias: float) -> float:
    """Line F1 after smoothing, over (item, scores) pairs."""
    tp = fp = fn = 0
    for ((_gold, _pa), labels), scores in zip(items, stage2_scores, strict=True):
        keep = np.asarray(line_model.smooth(scores + bias, penalty))
        tp += int(np.sum(keep & labels))
        fp += int(np.sum(keep & ~labels))
        fn += int(np.sum(~keep & labels))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return 2 * p * r / max(1e-9, p + r)


def labelled(pages: list[GoldPage]):
    """((gold page, analysis), gold labels of its lines) for every page that has lines."""
    items = []
    for gold, pa in analysed(pages):
        labels = np.asarray([is_gold_line(gold, line) for line in pa.pl.lines], dtype=bool)
        items.append(((gold, pa), labels))
    return items


def train(items) -> dict:
    """The weights (as written to cleaner_weights.json) learned from labelled pages."""
    fold = [fold_of(gold.site) for (gold, _), _ in items]
    expanded = [line_model.expand(pa.matrix) for (_, pa), _ in items]
    # stage 1 scores out of fold (by site), so that stage 2 learns from honest scores
    oof: list[np.ndarray] = [np.zeros(0)] * len(items)
    for k in sorted(set(fold)):
        rows = [n for n in range(len(items)) if fold[n] != k]
        model = fit(
            np.vstack([expanded[n] for n in rows]),
            np.concatenate([items[n][1] for n in rows]),
        )
        for n in range(len(items)):
            if fold[n] == k:
                oof[n] = expanded[n] @ model.coef_[0] + model.intercept_[0]
    contexts = [
        line_model.context_features(scores, pa.matrix)
        for scores, ((_, pa), _) in zip(oof, items, strict=True)
    ]
    # stage 2 out of fold too, to choose the smoothing and the bias
    oof2: list[np.ndarray] = [np.zeros(0)] * len(items)
    for k in sorted(set(fold)):
        rows = [n for n in range(len(items)) if fold[n] != k]
        model = fit(
            np.vstack([contexts[n] for n in rows]),
            np.concatenate([items[n][1] for n in rows]),
        )
        for n in range(len(items)):
            if fold[n] == k:
                oof2[n] = contexts[n] @ model.coef_[0] + model.intercept_[0]
    # stage 3 (the tail: it may lower the scores of the lines below the page's core) over the
    # stage 2 scores out of fold, itself out of fold for the smoothing
    tails = [
        tail_features(pa.pl, pa.matrix, scores)
        for scores, ((_, pa), _) in zip(oof2, items, strict=True)
    ]
    below = [rows[:, 1] > 0 for rows in tails]
    oof3 = [scores.copy() for scores in oof2]
    for k in sorted(set(fold)):
        rows = [n for n in range(len(items)) if fold[n] != k]
        model = fit(
            np.vstack([tails[n][below[n]] for n in rows]),
            np.concatenate([items[n][1][below[n]] for n in rows]),
        )
        for n in range(len(items)):
            if fold[n] == k:
                tail = tails[n][below[n]] @ model.coef_[0] + model.intercept_[0]
                oof3[n][below[n]] = np.minimum(oof2[n][below[n]], tail)  # the tail only demotes
    best = (0.0, 0.0, -1.0)
    for penalty in SWITCH_PENALTIES:
        for bias in BIASES:
            value = smoothing_f1(items, oof3, penalty, bias)
            if value > best[2]:
                best = (penalty, bias, value)
    print(f"   smoothing: switch penalty {best[0]}, bias {best[1]}: line F1 {best[2]:.4f} (folds)")
    labels = np.concatenate([lab for _, lab in items])
    stage1 = fit(np.vstack(expanded), labels)
    stage2 = fit(np.vstack(contexts), labels)
    stage3 = fit(
        np.vstack([rows[down] for rows, down in zip(tails, below, strict=True)]),
        np.concatenate([lab[down] for (_, lab), down in zip(items, below, strict=True)]),
    )
    from index.cleaning.title_ranker import TITLE_FEATURES

    data = {
        "features": list(line_model.FEATURES),
        "line": {
            "coef": [round(float(v), 5) for v in stage1.coef_[0]],
            "intercept": round(float(stage1.intercept_[0]), 5),
            "switch_penalty": best[0],
        },
        "context": {
            "features": list(line_model.CONTEXT_FEATURES),
            "coef": [round(float(v), 5) for v in stage2.coef_[0]],
            "intercept": round(float(stage2.intercept_[0] + best[1]), 5),
        },
        "tail": {
            "features": list(TAIL_FEATURES),
            "coef": [round(float(v), 5) for v in stage3.coef_[0]],
            "intercept": round(float(stage3.intercept_[0] + best[1]), 5),
        },
        "title": {"coef": [0.0] * len(TITLE_FEATURES), "intercept": 0.0},
    }
    line_model.WEIGHTS_FILE.write_text(json.dumps(data), encoding="utf-8")
    line_model.weights.cache_clear()
    tail_weights.cache_clear()
    print(f"line model: {len(line_model.FEATURES)} features of a line, 4 views")
    train_titles(items, data)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", action="store_true", help="retrain the title ranker only")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate the title ranker")
    parser.add_argument("--list-titles", type=Path, help="with --folds: write its misses here")
    parser.add_argument("--body-folds", type=int, default=0, help="cross-validate the cleaner")
    args = parser.parse_args()
    if args.titles or args.folds:
        titles(args.folds, args.list_titles, write=args.titles)
        return
    if not args.body_folds:
        write_stopwords()
    items = labelled(load("train"))
    print(f"{len(items)} train pages, {sum(len(lab) for _, lab in items)} lines")
    if args.body_folds:
        from scripts.body_folds import cross_validate

        cross_validate(items, args.body_folds, train, fold_of, RAW)
    else:
        train(items)


def train_titles(items, data) -> None:
    """Fit the title ranker on the train pages and write its weights into `data` and the file."""
    from scripts.title_training import fit_titles, title_cases

    cases = title_cases(items)
    coef, intercept = fit_titles(cases)
    data["title"] = {
        "coef": [round(float(v), 5) for v in coef],
        "intercept": round(intercept, 5),
    }
    line_model.WEIGHTS_FILE.write_text(json.dumps(data), encoding="utf-8")
    line_model.weights.cache_clear()
    print(f"title ranker: {len(cases)} pages with a gold headline")


def titles(folds: int, listing: Path | None, write: bool) -> None:
    """The title ranker alone, over the line model as it stands: cross-validated by site folds
    (and its misses listed), or retrained and written."""
    from scripts.title_training import cross_validate, title_cases, write_listing

    items = labelled(load("train"))
    if folds:
        cases = title_cases(items)
        picks = cross_validate(cases, folds)
        if listing is not None:
            write_listing(cases, picks, listing)
    if write:
        train_titles(items, json.loads(line_model.WEIGHTS_FILE.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()

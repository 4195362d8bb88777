"""Learn the related-coverage blend on judged pairs: a tiny logistic regression, weights as JSON.

    .venv/bin/python benchmarks/related_learn.py           # fit on the tuning part, write JSON
    .venv/bin/python benchmarks/related_learn.py --dry-run # fit and report, write nothing

Pairs: benchmarks/related_judgments.json (a person's same-story verdicts on Reuters-1987), only
those whose open article falls in the tuning part of the fixed hash split (related_judge.held_out).
Features are the signals `index.related.relatedness.score_pair` blends (TF-IDF cosine of title +
body, of the titles, of the leads, of shared rare entities, closeness in days where both are
dated). The fitted weights go to
index/related/blend.json, which the finder loads (no pickle); held-out figures come from
`related_judge.py`, never from this script. The fit of December 2026 (text 1, title 0.14, lead
0.53, entities 0.30, closeness 0.29) lost to the hand blend on the tuning part of the judged picks
(0.463 against 0.525 same story in the top 5), so no blend.json ships: the hand blend ranks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import related as bench  # noqa: E402
from related_judge import JUDGMENTS, held_out  # noqa: E402

from index.library import Library  # noqa: E402
from index.related.relatedness import (  # noqa: E402
    BLEND_PATH,
    FEATURES,
    features,
    profile_of,
    vectors_of,
)


def pairs(lib: Library, part: str) -> tuple[np.ndarray, np.ndarray]:
    judged = json.loads(JUDGMENTS.read_text())
    by_url = {a.url: a for a in lib.export()}
    finder = lib.finder
    rows, labels = [], []
    finder.related(next(iter(by_url.values())))  # fills the term statistics
    with lib.engine._lock:
        analyzer = lib.engine.searcher.schema["body"].analyzer
        stats = finder._stats
        for open_url, others in judged.items():
            if (part == "held-out") != held_out(open_url) or open_url not in by_url:
                continue
            q = profile_of(by_url[open_url], analyzer, finder.weights)
            qv = vectors_of(q, stats)
            for url, same in others.items():
                if url not in by_url:
                    continue
                d = profile_of(by_url[url], analyzer, finder.weights)
                rows.append(features(q, qv, d, vectors_of(d, stats), finder.weights))
                labels.append(float(same))
    return np.array(rows), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 5000) -> np.ndarray:
    """Logistic regression by gradient descent on standardised features; raw-scale weights."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w = np.zeros(z.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= 0.1 * (z.T @ (p - y) / len(y) + l2 * w)
        b -= 0.1 * float(np.mean(p - y))
    return w / std


def main(argv: list[str]) -> None:
    with Library(bench.reuters_library(), readonly=True) as lib:
        x, y = pairs(lib, "tune")
    print(f"{len(y)} judged pairs in the tuning part, {int(y.sum())} same story")
    weights = fit(x, y)
    scale = weights[0] if weights[0] > 0 else 1.0  # text cosine weighs 1: scores stay readable
    blend = {name: round(float(w / scale), 4) for name, w in zip(FEATURES, weights, strict=True)}
    print(json.dumps(blend, indent=1))
    if "--dry-run" not in argv:
        BLEND_PATH.write_text(json.dumps(blend, indent=1) + "\n")
        print(f"wrote {BLEND_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])

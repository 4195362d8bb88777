"""Learn the related-coverage blend on judged pairs of the tuning part; weights as JSON.

    .venv/bin/python benchmarks/related_learn.py            # fit on the tuning part, write JSON
    .venv/bin/python benchmarks/related_learn.py --dry-run  # fit and report, write nothing
    .venv/bin/python benchmarks/related_learn.py --current  # report the shipped blend only

Judgments: benchmarks/related_judgments.json (a person's same-story verdicts on Reuters-1987).
For each judged pick (PICKS and STORY_PICKS, full articles and headline-only) the finder's own
candidate pool is scored once (`index.related.relatedness.features`); a blend is then rated as
the judge rates the finder: the share of each pick's top 5 (copies and versions collapsed) that a
person judged same story, unjudged pairs counting as misses. The fit starts from a logistic
regression on the judged pairs of the tuning part and climbs, one weight at a time, the tuning
part's share, apart for full articles and for headlines alone; picks of the held-out part
(related_judge.held_out) are never looked at while fitting and are printed apart. The weights go
to index/related/blend.json and blend_headlines.json (an open article without a body), which the
finder loads (no pickle). `related_judge.py` prints the same figures through the real finder.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import related as bench  # noqa: E402
from related_judge import JUDGMENTS, held_out, judged_picks  # noqa: E402

from index.library import Library  # noqa: E402
from index.related import relatedness  # noqa: E402
from index.related.relatedness import (  # noqa: E402
    BLEND_PATH,
    FEATURES,
    HEADLINE_BLEND_PATH,
    Weights,
    features,
    profile_of,
    score_pair,
    vectors_of,
)

HAND = Weights(learned=False)
RUNS = [(h, s) for h in (False, True) for s in (True, False)]  # (headlines, stories)


@dataclass
class Pool:
    """One judged pick's candidates: their features, version groups and verdicts (nan: none)."""

    url: str
    held_out: bool
    x: np.ndarray
    groups: list[str]
    urls: list[str]
    labels: np.ndarray
    hand: np.ndarray  # the hand blend's scores (Weights(learned=False))


def pools(headlines: bool, stories: bool, judged: dict) -> list[Pool]:
    folder = bench.headline_library() if headlines else bench.reuters_library()
    found = []
    with Library(folder, readonly=True) as lib:
        by_url = {a.url: a for a in lib.export()}
        url_of = {a.id: a.url for a in by_url.values()}
        finder = lib.finder
        finder.related(next(iter(by_url.values())))  # fills the term statistics
        with lib.engine._lock:
            searcher = lib.engine.searcher
            analyzer = searcher.schema["body"].analyzer
            stats = finder._stats
            for url in judged_picks(stories):
                a = by_url[url]
                me = profile_of(a, analyzer, finder.weights)
                mine = vectors_of(me, stats)
                ids = finder._candidates(searcher, me, mine, stats, 5)
                skip = bench.own_group(lib, a)
                profiles = [p for p in finder._profiles_of(ids, analyzer) if p.id not in skip]
                finder._place(me, profiles)
                verdicts = judged.get(url, {})
                pairs = [(p, vectors_of(p, stats)) for p in profiles]
                rows = [features(me, mine, p, v, finder.weights) for p, v in pairs]
                hand = [score_pair(me, mine, p, v, HAND).score for p, v in pairs]
                found.append(
                    Pool(
                        url,
                        held_out(url),
                        np.array(rows).reshape(-1, len(FEATURES)),
                        [p.version_group for p in profiles],
                        [url_of[p.id] for p in profiles],
                        np.array([verdicts.get(url_of[p.id], np.nan) for p in profiles]),
                        np.array(hand),
                    )
                )
    return found


def top5_hits(pool: Pool, w: np.ndarray | None) -> tuple[int, int]:
    """(judged same story, unjudged) among the top 5 of the pool under blend `w` (None: hand)."""
    scores = pool.hand if w is None else pool.x @ w
    seen: set[str] = set()
    hits = unjudged = 0
    for i in np.argsort(-scores, kind="stable"):
        if pool.groups[i] in seen:
            continue
        seen.add(pool.groups[i])
        label = pool.labels[i]
        unjudged += bool(np.isnan(label))
        hits += int(label == 1)
        if len(seen) == 5:
            break
    return hits, unjudged


def report(runs: list[list[Pool]], w: np.ndarray | list | None, label: str) -> None:
    """Each run's share under `w`, or under [full blend, headline blend] by the run's kind."""
    print(f"{label}:")
    blends = w
    for (headlines, stories), run in zip(RUNS, runs, strict=True):
        if isinstance(blends, list):
            w = blends[headlines]
        name = ("headlines" if headlines else "full") + (", stories" if stories else ", picks")
        parts = []
        for part in ("tune", "held-out"):
            chosen = [p for p in run if p.held_out == (part == "held-out")]
            hits = [top5_hits(p, w) for p in chosen]
            n = max(1, 5 * len(chosen))
            missing = sum(u for _, u in hits)
            parts.append(f"{part} {sum(h for h, _ in hits) / n:.3f} ({missing} unjudged)")
        print(f"  {name:20} " + "   ".join(parts))


def pair_rows(chosen: list[Pool]) -> np.ndarray:
    """Feature differences (judged same story minus judged not) within each pick's pool."""
    rows = []
    for p in chosen:
        good = p.x[p.labels == 1]
        bad = p.x[p.labels == 0]
        if len(good) and len(bad):
            rows.append((good[:, None, :] - bad[None, :, :]).reshape(-1, p.x.shape[1]))
    return np.vstack(rows)


def fit(chosen: list[Pool], l2: float, steps: int = 3000) -> np.ndarray:
    """Pairwise logistic regression (a same-story article should outscore a judged miss of the
    same pick) by gradient descent on standardised differences; the three text cosines sum to 1."""
    x = pair_rows(chosen)
    std = x.std(axis=0) + 1e-9
    z = x / std
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        margin = z @ w
        w -= 0.5 * (-(z.T @ (1.0 / (1.0 + np.exp(margin)))) / len(z) + l2 * w)
    w = w / std
    return w / (w[0] + w[1] + w[2])


def climb(chosen: list[Pool], w: np.ndarray, passes: int = 3) -> np.ndarray:
    """From `w`, change one weight at a time (dropped, halved, raised by half, doubled, or
    negated) while the judged same-story hits in the top 5s of `chosen` strictly rise."""
    w = w.copy()

    def hits(v: np.ndarray) -> int:
        return sum(top5_hits(p, v)[0] for p in chosen)

    best = hits(w)
    for _ in range(passes):
        moved = False
        for i in range(len(w)):
            for factor in (0.0, 0.5, 1.5, 2.0, -1.0):
                trial = w.copy()
                trial[i] *= factor
                found = hits(trial)
                if found > best:
                    best, w, moved = found, trial, True
        if not moved:
            break
    return w


def choose_l2(tuning: list[Pool]) -> float:
    """The regularisation that ranks best across two halves of the tuning picks (fit on one,
    rated on the other, both ways): the held-out part is not looked at."""
    halves = [[p for p in tuning if _half(p.url) == h] for h in (0, 1)]
    best = (-1.0, 0.1)
    for l2 in (0.01, 0.03, 0.1, 0.3, 1.0):
        rated = 0
        for a, b in ((0, 1), (1, 0)):
            w = fit(halves[a], l2)
            rated += sum(top5_hits(p, w)[0] for p in halves[b])
        best = max(best, (rated, l2), key=lambda r: (r[0], -abs(np.log10(r[1]) + 1)))
    return best[1]


def _half(url: str) -> int:
    return int(hashlib.sha1(("cv" + url).encode()).hexdigest(), 16) % 2


def main(argv: list[str]) -> None:
    judged = json.loads(JUDGMENTS.read_text())
    runs = [pools(h, s, judged) for h, s in RUNS]
    report(runs, None, "hand blend")
    full, headline = relatedness.BLEND, relatedness.HEADLINE_BLEND
    if full is not None and headline is not None:
        shipped = [np.array([blend[f] for f in FEATURES]) for blend in (full, headline)]
        report(runs, shipped, "shipped blends")
    if "--current" in argv:
        return
    for headlines, path in ((False, BLEND_PATH), (True, HEADLINE_BLEND_PATH)):
        kind = [run for (h, _), run in zip(RUNS, runs, strict=True) if h == headlines]
        tuning = [p for run in kind for p in run if not p.held_out]
        pairs = pair_rows(tuning)
        l2 = choose_l2(tuning)
        name = "headline-only" if headlines else "full"
        print(f"{name}: {len(pairs)} judged pairs (same story, not) in the tuning part's pools; "
              f"l2 {l2}")  # fmt: skip
        w = climb(tuning, fit(tuning, l2))
        report(runs, w, f"the {name} blend learned on the tuning part")
        blend = {name: round(float(v), 4) for name, v in zip(FEATURES, w, strict=True)}
        print(json.dumps(blend))
        if "--dry-run" not in argv:
            path.write_text(json.dumps(blend, indent=1) + "\n")
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])

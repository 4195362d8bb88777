"""The title ranker's training, its cross-validation by site folds and a listing of its misses.

Used by scripts/train_cleaner.py (`--titles`, `--folds 5`, `--list-titles PATH`). Every page is
taken through the cleaner's own path up to the headline choice, so training sees what ingest sees.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.pages_corpus import GoldPage, norm

C = 3.0  # the ranker's regularisation (inverse strength)


@dataclass(slots=True)
class TitleCase:
    """One train page in one rendering: its candidates, their features and which are right."""

    gold: GoldPage
    rows: np.ndarray
    texts: list[str]
    hits: list[bool]
    first: int
    lines: list[str]


def fold_of(site: str) -> int:
    return int(hashlib.sha1(f"cleaner-folds:{site}".encode()).hexdigest(), 16) % 5


def title_case(gold: GoldPage, pa) -> TitleCase | None:
    """The page's candidates as clean_page meets them (None when it keeps no line)."""
    from index.cleaning.clean import _NOT_BODY_ROLES, score
    from index.cleaning.gaps import fill_gaps
    from index.cleaning.headline import choose_title
    from index.cleaning.lines import GOOD
    from index.cleaning.parts import split_site_title
    from index.cleaning.title_ranker import BODY_LINES, candidates, title_features

    score(pa)
    pl = pa.pl
    chosen = fill_gaps(pl, pa.scores, pa.in_menu, pa.keep)
    chosen = [i for i in chosen if pl.role[i] not in _NOT_BODY_ROLES and not pa.recurs[i]]
    if not chosen and pa.span:
        low, high = pa.span
        chosen = [i for i in range(low, high + 1) if pl.kind[i] == GOOD and not pl.role[i]]
    if not chosen:
        return None
    first = chosen[0]
    for i in range(first, chosen[-1] + 1):
        if pl.role[i] in ("byline", "date") and i > first + 3:
            pl.role[i] = ""
    old_pick, _ = choose_title(pl, min(first, len(pl.lines) - 1), "", pa.in_menu)
    cands = candidates(pl, first)
    if len(chosen) <= 1:
        cands = [i for i in cands if i not in chosen]
    body = [pl.lines[i] for i in chosen[:BODY_LINES]]
    rows = title_features(pl, cands, first, body, pa.in_menu, pa.recurs, old_pick, pa.scores)
    texts = [split_site_title(pl.lines[0])[0] if i < 0 else pl.lines[i] for i in cands]
    want = norm(gold.title)
    hits = [norm(t) == want for t in texts]
    return TitleCase(gold, rows, texts, hits, first, pl.lines[max(0, first - 25) : first + 3])


def title_cases(items) -> list[TitleCase]:
    """A case per analysed page with a gold title."""
    cases = []
    for (gold, pa), _labels in items:
        if not gold.title:
            continue
        case = title_case(gold, pa)
        if case is not None:
            cases.append(case)
    return cases


def _trainable(case: TitleCase) -> bool:
    # Readability's titles are its document titles, not headlines
    return case.gold.source == "l3s-gn1" and any(case.hits) and len(case.hits) > 0


def fit_titles(cases: list[TitleCase]) -> tuple[np.ndarray, float]:
    """Logistic regression over the candidates of the pages whose headline is among them."""
    from sklearn.linear_model import LogisticRegression

    used = [c for c in cases if _trainable(c)]
    x = np.vstack([c.rows for c in used])
    y = np.concatenate([np.asarray(c.hits, dtype=bool) for c in used])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def pick(case: TitleCase, coef: np.ndarray, intercept: float) -> int:
    """Position of the chosen candidate, -1 when there is none."""
    if not case.texts:
        return -1
    return int(np.argmax(case.rows @ coef + intercept))


def right(case: TitleCase, at: int) -> bool:
    return at >= 0 and case.hits[at]


def cross_validate(cases: list[TitleCase], k: int) -> list[int]:
    """Out-of-fold picks (folds by site); prints exact titles per fold and the candidate recall."""
    picks = [-1] * len(cases)
    fold = [fold_of(c.gold.site) % k for c in cases]
    for f in range(k):
        coef, intercept = fit_titles([c for c, g in zip(cases, fold, strict=True) if g != f])
        for n, case in enumerate(cases):
            if fold[n] == f:
                picks[n] = pick(case, coef, intercept)
    print("title ranker, out of fold (folds by site; L3S-GN1 headlines | Readability titles):")
    line = []
    for f in range(k):
        members = [n for n in range(len(cases)) if fold[n] == f]
        l3s = [n for n in members if cases[n].gold.source == "l3s-gn1"]
        ok = sum(right(cases[n], picks[n]) for n in l3s)
        line.append(f"{ok / max(1, len(l3s)):.3f}")
    print(f"   per fold (L3S exact): {' '.join(line)}")
    for source in ("l3s-gn1", "readability"):
        members = [n for n in range(len(cases)) if cases[n].gold.source == source]
        ok = sum(right(cases[n], picks[n]) for n in members)
        recall = sum(any(cases[n].hits) for n in members)
        print(
            f"   {source:12s} {len(members):4d} pages: exact {ok / max(1, len(members)):.3f}, "
            f"headline among the candidates {recall / max(1, len(members)):.3f}"
        )
    return picks


def write_listing(cases: list[TitleCase], picks: list[int], path: Path) -> None:
    """The wrong titles of the train pages: gold, chosen and the candidates (for reading only)."""
    out = []
    for case, at in zip(cases, picks, strict=True):
        if right(case, at):
            continue
        g = case.gold
        chosen = case.texts[at] if at >= 0 else ""
        out.append(f"== {g.id}/{g.rendering} {g.site} (fold {fold_of(g.site)})")
        out.append(f"   gold:   {g.title!r}")
        out.append(f"   chosen: {chosen!r}   (in candidates: {any(case.hits)})")
        for text, hit in zip(case.texts, case.hits, strict=True):
            out.append(f"     {'*' if hit else ' '} {text[:120]!r}")
        out.append("   lines above the body's first line:")
        out.extend(f"       | {line[:120]}" for line in case.lines)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"   {sum(1 for line in out if line.startswith('=='))} misses listed in {path}")

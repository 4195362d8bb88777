"""Candidate related articles: the best scores picked from an array as the dict of them was."""

from __future__ import annotations

import heapq
import random

import numpy as np

from index.related.candidates import _best_scores


def test_the_best_scores_are_the_ones_a_heap_over_the_nonzero_scores_picks():
    rng = random.Random(11)
    for _ in range(300):
        size = rng.randint(0, 400)
        levels = [0.0, 0.0, 1.5, 2.25, 3.0, -0.5, rng.random()]
        summed = np.array([rng.choice(levels) for _ in range(size)], dtype=np.float64)
        k = rng.randint(1, 60)
        scores = {d: s for d, s in enumerate(summed.tolist()) if s != 0.0}  # as it was filled
        expected = heapq.nlargest(k, scores.items(), key=lambda kv: kv[1])
        assert _best_scores(summed, k) == expected


def test_numpys_log_is_the_c_librarys_for_the_term_frequencies_summed():
    """Plain Python and numpy sum the same terms only if their logs agree (they do on glibc)."""
    import math

    tfs = np.concatenate([np.arange(1, 5001, dtype=np.float64), [0.5, 1e-12, 2.5, 1e5]])
    assert np.log(tfs).tolist() == [math.log(t) for t in tfs.tolist()]


def test_related_answers_alike_with_candidates_summed_in_python_or_numpy(tmp_path, monkeypatch):
    import json

    from test_related import fixture_articles, make_library

    from index.related import candidates

    lib = make_library(tmp_path / "lib", fixture_articles())
    plain = []
    real = candidates._summed
    monkeypatch.setattr(candidates, "_summed", lambda *a: (plain.append(1), real(*a))[1])
    try:
        for (aid,) in lib.store.db.execute("SELECT id FROM articles ORDER BY id").fetchall():
            lib.finder.clear()
            fast = json.dumps(lib.related(aid, limit=6).to_json())
            monkeypatch.setattr(candidates, "SMALL_POSTINGS", -1)
            lib.finder.clear()
            slow = json.dumps(lib.related(aid, limit=6).to_json())
            monkeypatch.setattr(candidates, "SMALL_POSTINGS", 30_000)
            assert fast == slow, aid
            assert json.loads(fast)["related"], aid
    finally:
        lib.close()
    assert plain  # the plain path did run


def test_the_plain_sums_pick_as_the_array_does():
    rng = random.Random(5)
    for _ in range(200):
        scores = {rng.randrange(500): rng.choice([0.0, 1.5, 2.25, rng.random()]) for _ in range(80)}
        summed = np.zeros(501)
        for d, s in scores.items():
            summed[d] = s
        k = rng.randint(1, 40)
        assert _best_scores(scores, k) == _best_scores(summed, k)

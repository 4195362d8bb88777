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

"""Sums and means of windows of a page's lines (slices of padded running sums); line tables."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

PAD = 8  # the widest window's half: running sums are padded by this much either side


@lru_cache(maxsize=256)
def bounds(n: int, half: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The window [low, high) of every line of an n-line page, and its width."""
    index = np.arange(n)
    low = np.maximum(0, index - half)
    high = np.minimum(n, index + half + 1)
    return low, high, high - low


def running_sums(rows: np.ndarray) -> np.ndarray:
    """The running sums of each row along its last axis (the lines), padded by PAD: zeros before
    the first line, the row's total after the last."""
    n = rows.shape[-1]
    running = np.zeros((*rows.shape[:-1], n + 1 + 2 * PAD))
    np.cumsum(rows, axis=-1, out=running[..., PAD + 1 : PAD + 1 + n])
    running[..., PAD + 1 + n :] = running[..., PAD + n : PAD + n + 1]
    return running


def window_means(running: np.ndarray, half: int) -> np.ndarray:
    """Each line's mean over the lines within `half` of it (half <= PAD), from `running_sums`:
    the running sums at the window's ends, one slice each, instead of a gather of each."""
    n = running.shape[-1] - 1 - 2 * PAD
    start = PAD + half + 1
    sums = running[..., start : start + n] - running[..., PAD - half : PAD - half + n]
    return sums / bounds(n, half)[2]


@lru_cache(maxsize=256)
def _plan(n: int, spec: tuple[tuple[int, int], ...]) -> tuple[np.ndarray, ...]:
    """Where `window_means_at` reads: the flat indices of each window's two ends in the running
    sums of rows of n lines, and each window's width, for every (row, half) of `spec`."""
    size = n + 1 + 2 * PAD
    ends = np.array([row * size + PAD + half + 1 for row, half in spec])[:, None] + np.arange(n)
    starts = np.array([row * size + PAD - half for row, half in spec])[:, None] + np.arange(n)
    widths = np.array([bounds(n, half)[2] for _, half in spec])
    return ends.ravel(), starts.ravel(), widths.ravel()


def window_means_at(running: np.ndarray, spec: tuple[tuple[int, int], ...]) -> np.ndarray:
    """`window_means(running[row], half)` for each (row, half) of `spec` (row 0 of a single
    row), one row each, read in one gather of all the windows' ends (the same subtraction and
    division: the same bits)."""
    n = running.shape[-1] - 1 - 2 * PAD
    ends, starts, widths = _plan(n, spec)
    flat = running.ravel()
    return ((flat[ends] - flat[starts]) / widths).reshape(len(spec), n)


@lru_cache(maxsize=256)
def positions(n: int) -> np.ndarray:
    """Each line's place on an n-line page: index / n."""
    return np.arange(n) / n


@lru_cache(maxsize=512)
def log_distances(n: int, scale: int) -> np.ndarray:
    """log1p(|k|) / scale for k from -n to n, at k + n: distances between lines, sliced."""
    return np.log1p(np.abs(np.arange(-n, n + 1))) / scale

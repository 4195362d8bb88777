"""The run-boundary step after smoothing: which lines next to the model's runs join the article."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

import numpy as np

from index.cleaning.lines import BAD, GOOD, SHORT, STOP, PageLines

GAP_LINES = 8  # lines between two kept runs that may join the article
GAP_SCORE = -4.5  # the least score of a short line inside the article that joins it
JOIN_SCORE = 1.0  # the least score of a prose line near the article that joins it


def fill_gaps(
    pl: PageLines, scores: np.ndarray, in_menu: list[bool], keep: list[bool]
) -> list[int]:
    """The run-boundary step after smoothing: prose lines the model likes next to the
    article join it, and so do the short lines between two of its parts (a list, a
    subheading) unless the rules call them furniture (menus, share bars, end markers, captions),
    and a list under a colon line at its edge."""
    anchors = [i for i, line_kept in enumerate(keep) if line_kept]
    if not anchors:
        return []
    kept = set(anchors)
    near = [
        i for i in np.flatnonzero(scores > JOIN_SCORE).tolist() if pl.kind[i] not in (BAD, STOP)
    ]
    kept.update(i for i in near if _near_any(anchors, i))
    anchors = sorted(kept)
    for a, b in pairwise(anchors):
        if 1 < b - a <= GAP_LINES + 1:
            kept.update(
                j
                for j in range(a + 1, b)
                if scores[j] > GAP_SCORE
                and pl.kind[j] not in (BAD, STOP)
                and not in_menu[j]
                and not pl.role[j]
            )
    _extend_lists(pl, scores, in_menu, kept)
    return sorted(kept)


def _near_any(anchors: list[int], i: int) -> bool:
    """Whether a line of the sorted `anchors` is at most GAP_LINES from line i (a binary search:
    a page of many runs has thousands of each)."""
    at = bisect_left(anchors, i - GAP_LINES)
    return at < len(anchors) and anchors[at] <= i + GAP_LINES


LIST_SCORE = -2.0  # the least score of a list item under a colon line that joins the article
LIST_WORDS = 40  # a list item is shorter than this


def _extend_lists(pl: PageLines, scores: np.ndarray, in_menu: list[bool], kept: set[int]) -> None:
    """A list under a line that ends with a colon ("Key points:", "You will need:") joins the
    article when the colon line is article text or the list runs into it, unless its items are
    furniture (menus, role lines) or the model is sure they are not text."""
    lines = pl.lines
    n = len(lines)
    colons = [c for c in range(max(0, min(kept) - GAP_LINES), min(n - 1, max(kept) + 1))
              if lines[c][-1] == ":"]  # fmt: skip
    reach = 0
    for c in colons:
        if c < reach or pl.kind[c] not in (GOOD, SHORT) or in_menu[c]:
            continue  # a colon line inside the list scanned last adds nothing to it
        j = c + 1
        while (
            j < n
            and j not in kept
            and pl.kind[j] == SHORT
            and not in_menu[j]
            and not pl.role[j]
            and pl.words[j] <= LIST_WORDS
            and scores[j] > LIST_SCORE
        ):
            j += 1
        reach = j
        if j > c + 1 and (c in kept or j in kept):
            kept.update(range(c + 1, j))

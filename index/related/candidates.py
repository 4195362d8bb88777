"""Candidate related articles read straight from the index postings (faster than an Or query).

A few thousand postings are summed in plain Python, so that `related` in a new process does not
import numpy (50 ms) for them; longer lists are summed with numpy arrays. Both sum the same
float64 terms in the same order (numpy's log is the C library's: tests/test_related_candidates.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from whoosh.matching.wrappers import FilterMatcher

from index.format import all_packed, term_lists

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    import numpy as np

COMMON_SHARE = 0.05  # words in more than this share of articles do not propose candidates
SMALL_POSTINGS = 30_000  # postings summed in plain Python (more: numpy arrays)


def _blocks(matcher) -> Iterator[tuple[list[int], list[float]]]:
    """(docnums, weights) of a term's postings, a block at a time where the codec allows it."""
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            yield matcher._ids, matcher._weights
            matcher._next_block()
        return
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


def postings(searcher, field: str, term: str) -> Iterator[tuple[int, object, object]]:
    """(docnum offset, docnums, weights) of a term in every segment, deleted articles included."""
    from index.format import read_term  # numpy arrays

    for leaf, offset in searcher.reader().leaf_readers():
        try:
            packed = read_term(leaf, field, leaf._text_to_bytes(field, term), with_values=False)
            if packed is not None:  # a packed segment: the whole list as arrays at once
                if len(packed.ids):
                    yield offset, packed.ids, packed.weights
                continue
            if (field, term) not in leaf:
                continue
            matcher = leaf.postings(field, term)
        except Exception:  # field missing from this segment, or unreadable term
            continue
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        for ids, weights in _blocks(matcher):
            yield offset, ids, weights


def accumulate(
    searcher,
    terms: list[tuple[str, float]],
    fields: list[tuple[str, float]],
    scale: float = 1.0,
) -> np.ndarray | dict[int, float]:
    """The sum of weight x log-tf of each term's postings in each field, by docnum: a dict for a
    few postings, else an array (at 100,000 articles a few common words reach nearly all)."""
    total = max(1, searcher.doc_count_all())
    common = max(50, COMMON_SHARE * total)
    plan, count = [], 0
    for i, (term, weight) in enumerate(terms):
        for field, field_weight in fields:
            found = searcher.doc_frequency(field, term)
            if i >= 5 and found > common:
                continue
            plan.append((field, term, weight * field_weight * scale))
            count += found
    leaves = list(searcher.reader().leaf_readers())
    if count <= SMALL_POSTINGS and all_packed(leaves):
        return _summed(leaves, plan)
    import numpy as np

    summed = np.zeros(total + 1)  # docnum -> score, added a block at a time (numpy, not a loop)
    for field, term, factor in plan:
        for offset, ids, tfs in postings(searcher, field, term):
            docnums = np.asarray(ids, dtype=np.int64) + offset
            tf = np.maximum(np.asarray(tfs, dtype=np.float64), 1e-12)
            summed[docnums] += factor * np.where(tf >= 1e-9, 1.0 + np.log(tf), 0.0)
    return summed


def _summed(leaves, plan: list[tuple[str, str, float]]) -> dict[int, float]:
    """`accumulate` over packed segments in plain Python: the same sums in the same order."""
    summed: dict[int, float] = {}
    log = math.log
    for field, term, factor in plan:
        for seg, offset in leaves:
            try:
                lists = term_lists(seg, field, seg._text_to_bytes(field, term), False)
            except Exception:  # field missing from this segment, or unreadable term
                continue
            for d, tf in zip(lists.ids, lists.weights, strict=True):
                tf = max(tf, 1e-12)
                d += offset
                summed[d] = summed.get(d, 0.0) + factor * (1.0 + log(tf) if tf >= 1e-9 else 0.0)
    return summed


def _best_scores(summed: np.ndarray | dict[int, float], k: int) -> list[tuple[int, float]]:
    """The `k` highest non-zero (docnum, score), highest first, the lower docnum first on ties."""
    if isinstance(summed, dict):
        pairs = sorted(((d, s) for d, s in summed.items() if s != 0.0), key=lambda p: (-p[1], p[0]))
        return pairs[:k]
    import numpy as np

    found = np.flatnonzero(summed)
    values = summed[found]
    k = min(k, len(found))
    if k < len(found):  # keep the k-th highest score and above, then sort those alone
        keep = values >= np.partition(values, len(values) - k)[len(values) - k]
        found, values = found[keep], values[keep]
    order = np.lexsort((found, -values))[:k]
    return list(zip(found[order].tolist(), values[order].tolist(), strict=True))


def best_documents(
    searcher, summed: np.ndarray | dict[int, float], n: int, length_fields: list[str]
) -> list[int]:
    """The `n` best docnums after dividing by the square root of their length, deleted ones out."""
    pool = _best_scores(summed, 4 * n)
    reader = searcher.reader()
    ranked: list[tuple[float, int]] = []
    for docnum, score in pool:
        if reader.is_deleted(docnum):
            continue
        length = sum(reader.doc_field_length(docnum, f) or 0 for f in length_fields)
        ranked.append((score / math.sqrt(length + 20.0), docnum))
    ranked.sort(reverse=True)
    return [docnum for _, docnum in ranked[:n]]

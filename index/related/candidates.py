"""Candidate related articles read straight from the index postings (faster than an Or query)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from whoosh.matching.wrappers import FilterMatcher

from index.format import read_term

COMMON_SHARE = 0.05  # words in more than this share of articles do not propose candidates


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
) -> np.ndarray:
    """The sum of weight x log-tf of each term's postings in each field, by docnum (an array:
    at 100,000 articles a few common words reach nearly all of them)."""
    total = max(1, searcher.doc_count_all())
    common = max(50, COMMON_SHARE * total)
    summed = np.zeros(total + 1)  # docnum -> score, added a block at a time (numpy, not a loop)
    for i, (term, weight) in enumerate(terms):
        for field, field_weight in fields:
            if i >= 5 and searcher.doc_frequency(field, term) > common:
                continue
            factor = weight * field_weight * scale
            for offset, ids, tfs in postings(searcher, field, term):
                docnums = np.asarray(ids, dtype=np.int64) + offset
                tf = np.maximum(np.asarray(tfs, dtype=np.float64), 1e-12)
                summed[docnums] += factor * np.where(tf >= 1e-9, 1.0 + np.log(tf), 0.0)
    return summed


def _best_scores(summed: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The `k` highest non-zero (docnum, score), highest first, the lower docnum first on ties."""
    found = np.flatnonzero(summed)
    values = summed[found]
    k = min(k, len(found))
    if k < len(found):  # keep the k-th highest score and above, then sort those alone
        keep = values >= np.partition(values, len(values) - k)[len(values) - k]
        found, values = found[keep], values[keep]
    order = np.lexsort((found, -values))[:k]
    return list(zip(found[order].tolist(), values[order].tolist(), strict=True))


def best_documents(searcher, summed: np.ndarray, n: int, length_fields: list[str]) -> list[int]:
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

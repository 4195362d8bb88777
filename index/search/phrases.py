"""Phrase matching from word positions, for the documents that hold every word of a phrase.

A phrase is first matched as the AND of its words (posting arrays, cheap); only documents with
every word need their positions read. In packed segments (index/packed_postings.py) every
occurrence of each word in those documents becomes one number, document << 32 | position, and
a phrase is the first word's numbers that reappear, shifted by one, two... in the next words'
(a sorted search in numpy). Segments in Whoosh's own format (libraries written before) have
their positions unpickled per posting and compared as sets.
"""

from __future__ import annotations

from itertools import accumulate
from operator import itemgetter
from pickle import loads

import numpy as np
from whoosh import query as wq
from whoosh.system import _INT_SIZE

from index.format import PackedPositions, is_packed, occurrences


def unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` of a 1-d array, sorted, without importing `numpy.ma` (45 ms: numpy
    2.3+ asks it whether the array is masked on its path for `np.unique` without indices)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def adjacent_words(view, q: wq.Phrase, candidates: np.ndarray) -> np.ndarray:
    """Mask of the candidates holding q's words next to each other, in order (slop 1)."""
    mask = np.zeros(view.n, dtype=bool)
    unpacked = []
    for leaf, (seg, offset) in enumerate(view.leaves):
        end = view.leaves[leaf + 1][1] if leaf + 1 < len(view.leaves) else view.n
        local = candidates[(candidates >= offset) & (candidates < end)] - offset
        if not len(local):
            continue
        found = _packed_phrase(view, leaf, q, local) if is_packed(seg, q.fieldname) else None
        if found is None:
            unpacked.append(local + offset)
        else:
            mask[found + offset] = True
    if unpacked:
        mask |= _unpacked_phrase(view, q, np.concatenate(unpacked))
    return mask


def _packed_phrase(view, leaf: int, q: wq.Phrase, local: np.ndarray) -> np.ndarray | None:
    """The local docnums of one packed segment holding the phrase (None: cannot read it)."""
    seg = view.leaves[leaf][0]
    wanted = np.zeros(seg.doc_count_all(), dtype=bool)
    wanted[local] = True
    keys = None
    for shift, word in enumerate(q.words):
        postings = view.term_values(leaf, q.fieldname, word)
        if postings is None:
            return None
        which, places = occurrences(postings, wanted[postings.ids])
        shifted = (postings.ids[which] << 32 | places) - shift
        keys = shifted if keys is None else keys[_members(keys, shifted)]
        if not len(keys):
            break
        wanted[:] = False  # the next word only in documents still in the running
        wanted[unique(keys >> 32)] = True
    return unique(keys >> 32) if keys is not None else np.zeros(0, np.int64)


def _members(values: np.ndarray, sorted_pool: np.ndarray) -> np.ndarray:
    """Mask of the sorted `values` that are in `sorted_pool` (sorted too)."""
    if not len(sorted_pool):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_pool, values)
    at[at == len(sorted_pool)] = 0
    return sorted_pool[at] == values


def positions(value: bytes) -> list[int]:
    """The word positions in a posting value of Whoosh's Positions or Characters format.

    Whoosh decodes them with a Python loop per position; this takes a third of the time.
    """
    codes = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    if codes and isinstance(codes[0], tuple):  # Characters: (position, start, length) deltas
        return list(accumulate(map(itemgetter(0), codes)))
    return list(accumulate(codes))


def _unpacked_phrase(view, q: wq.Phrase, candidates: np.ndarray) -> np.ndarray:
    """adjacent_words for segments in Whoosh's own codec: positions decoded per posting (with
    Whoosh's pickled formats, by hand: a third of Whoosh's time) and compared as sets."""
    words = list(q.words)
    docs = candidates.tolist()
    fmt = view.reader.schema[q.fieldname].format
    decode = fmt.decode_positions if isinstance(fmt, PackedPositions) else positions
    found = {
        w: {d: decode(raw) for d, raw in view.values(q.fieldname, w, docs, None).items()}
        for w in dict.fromkeys(words)
    }
    first, rest = found[words[0]], [(i, found[w]) for i, w in enumerate(words) if i]
    mask = np.zeros(view.n, dtype=bool)
    for d in docs:
        starts = first.get(d)
        if not starts:
            continue
        shifted = []
        for i, places in rest:
            at = places.get(d)
            if not at:
                break
            shifted.append({p - i for p in at})
        else:
            if set(starts).intersection(*shifted):
                mask[d] = True
    return mask

"""Phrase matching from word positions, for the documents that hold every word of a phrase.

A phrase is first matched as the AND of its words (posting arrays, cheap); only documents with
every word need their positions read. Whoosh's span matcher builds span objects per posting;
reading the positions straight from the posting values and comparing them as sets takes about
half the time, which is what a phrase of common words costs at 100,000 articles.
"""

from __future__ import annotations

from itertools import accumulate
from operator import itemgetter
from pickle import loads

import numpy as np
from whoosh import query as wq
from whoosh.system import _INT_SIZE


def positions(value: bytes) -> list[int]:
    """The word positions in a posting value of Whoosh's Positions or Characters format.

    Whoosh decodes them with a Python loop per position; this takes a third of the time.
    """
    codes = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    if codes and isinstance(codes[0], tuple):  # Characters: (position, start, length) deltas
        return list(accumulate(map(itemgetter(0), codes)))
    return list(accumulate(codes))


def adjacent_words(view, q: wq.Phrase, candidates: np.ndarray) -> np.ndarray:
    """Mask of the candidates holding q's words next to each other, in order (slop 1).

    Reads each word's positions for the candidates only and compares them as sets: about a
    half the time of Whoosh's span matcher, which builds span objects per posting.
    """
    words = list(q.words)
    docs = candidates.tolist()
    found = {
        w: {d: positions(raw) for d, raw in view.values(q.fieldname, w, docs, None).items()}
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

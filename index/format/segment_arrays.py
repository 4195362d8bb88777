"""Whoosh segment data as numpy arrays: columns, field lengths, and Whoosh-codec postings.

Helpers of the search view (index/search_view.py) for what Whoosh reads one document or one
posting at a time: a fixed-width column in one read, the quantised field lengths, and the
postings of a segment in Whoosh's own codec block by block (packed segments are read by
index/packed_postings.py instead).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import numpy as np
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

_TERM_INFO = whoosh3.W3TermInfo._struct  # flags, weight, documents, ...: a term's statistics
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def doc_frequencies(segreader, fieldname: str) -> Iterator[tuple[bytes, int]]:
    """(term, documents) of every term of a field in one segment, deleted documents counted, as
    `iter_field` gives them but read from the term table (Whoosh decodes each term's info,
    unpickling an inlined term's postings: most of a count of the whole vocabulary)."""
    terms = getattr(segreader, "_terms", None)
    if not isinstance(terms, whoosh3.W3TermsReader) or fieldname not in segreader.schema:
        for term, info in segreader.iter_field(fieldname):
            yield term, info.doc_frequency()
        return
    decode = terms._keydecoder
    unpack = _TERM_INFO.unpack_from
    for key, value in terms._tindex.items_from(terms._keycoder(fieldname, b"")):
        name, term = decode(key)
        if name != fieldname:
            return
        yield term, unpack(value)[2]


def column_array(segreader, fieldname: str, dtype: str, default: int = 0) -> np.ndarray:
    """A fixed-width column of one segment as an array (one read, not one per document)."""
    count = segreader.doc_count_all()
    try:
        cr = segreader.column_reader(fieldname, translate=False)
    except Exception:
        return np.full(count, default, dtype=np.dtype(dtype).newbyteorder("="))
    raw = getattr(cr, "_dbfile", None)
    out = np.full(count, default, dtype=np.dtype(dtype).newbyteorder("="))
    if raw is not None and hasattr(cr, "_basepos") and hasattr(cr, "_count"):
        width = np.dtype(dtype).itemsize
        n = min(cr._count, count)
        data = raw.get(cr._basepos, n * width)
        out[:n] = np.frombuffer(data, dtype=np.dtype(dtype))
        return out
    return np.fromiter((v for v in cr), dtype=out.dtype, count=count)


def length_array(segreader, fieldname: str) -> np.ndarray:
    """The quantised lengths of one field in one segment, as Whoosh's scorer sees them."""
    count = segreader.doc_count_all()
    perdoc = getattr(segreader, "_perdoc", None)
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        cr = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if cr is not None and hasattr(cr, "_dbfile"):
            n = min(cr._count, count)
            codes = np.zeros(count, dtype=np.uint8)
            codes[:n] = np.frombuffer(cr._dbfile.get(cr._basepos, n), dtype=np.uint8)
            return _LENGTHS[codes]
    except Exception:
        pass
    return np.array(
        [segreader.doc_field_length(d, fieldname, 0) or 0 for d in range(count)], dtype=np.float32
    )


def block_postings(matcher) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(ids, weights, block starts) of a leaf matcher, read a block at a time when it can be.

    Block starts are (file offset, first id) per block, so that the values of a few documents
    (snippets) are read from their own blocks alone; None when the codec reads one at a time.
    """
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        starts: list[tuple[int, int]] = []
        position = getattr(matcher, "_baseoffset", None)
        while not matcher._atend and matcher._i < matcher._blocklength:
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            if position is not None:
                starts.append((position, int(ids[-1][0])))
                position = matcher._nextoffset
            matcher._next_block()
        blocks = np.array(starts, dtype=np.int64).reshape(-1, 2) if position is not None else None
        if ids:
            return np.concatenate(ids), np.concatenate(weights), blocks
        return np.zeros(0, np.int64), np.zeros(0, np.float32), blocks
    pairs = []
    while matcher.is_active():
        pairs.append((matcher.id(), matcher.weight()))
        matcher.next()
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.float32), None
    a = np.array(pairs, dtype=np.float64)
    return a[:, 0].astype(np.int64), a[:, 1].astype(np.float32), None


def index_of(ids, docnum: int) -> int | None:
    """Where docnum is in a block's sorted ids, None when it is not there."""
    i = bisect.bisect_left(ids, docnum)
    return i if i < len(ids) and ids[i] == docnum else None

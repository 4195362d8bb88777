"""A term's postings in packed segments as numpy arrays, a few calls a block (search, related).

The codec that writes and reads those blocks is `packed_postings.py` (numpy-free at import: every
process that opens a library unpickles it); this module is the array side search imports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.format.packed_formats import PackedPositions
from index.format.packed_postings import (
    _DERIVED,
    _FIRST,
    _GAPS16,
    _HEADER,
    _LENGTHS16,
    _TAIL,
    _VARIABLE,
    PackedCodec,
    _derived_weights,
    _parse_block,
)
from index.format.posting_lists import term_blocks as _blocks

# The layout of nearly every block of a positions field: ids as gaps, weights derived, lengths
# uint16, one value per posting. A posting list of such blocks is decoded in a few numpy calls
# for the whole list (`_uniform_term`), not a few per block: a word in 87,000 articles (700
# blocks) took 20 ms one block at a time.
_UNIFORM = _GAPS16 | _DERIVED | _LENGTHS16


@dataclass(slots=True)
class TermPostings:
    """One term's postings in one segment: local docnums, weights, and (if asked) the values.

    `values` is every posting's value as uint32, one after another; `value_ends` where each
    posting's ends in it (so posting i is values[value_ends[i-1]:value_ends[i]]).
    """

    ids: np.ndarray
    weights: np.ndarray
    blocks: np.ndarray | None = None  # (start, first id, end) of each block in the postings
    values: np.ndarray | None = None
    value_ends: np.ndarray | None = None


def is_packed(segreader, fieldname: str) -> bool:
    """True when a segment's postings of a field can be read by `read_term`."""
    return isinstance(segreader.codec(), PackedCodec) and isinstance(
        segreader.schema[fieldname].format, PackedPositions
    )


def read_term(segreader, fieldname: str, tbytes: bytes, with_values: bool) -> TermPostings | None:
    """A term's postings in a packed segment as arrays; None when the segment is not packed."""
    if not isinstance(segreader.codec(), PackedCodec):
        return None
    terms = segreader._terms
    try:
        info = terms.term_info(fieldname, tbytes)
    except Exception:  # not in this segment
        none = TermPostings(np.zeros(0, np.int64), np.zeros(0, np.float32))
        if with_values:
            none.values, none.value_ends = np.zeros(0, np.uint32), np.zeros(0, np.int64)
        return none
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        out = TermPostings(np.asarray(ids, np.int64), np.asarray(weights, np.float32))
        if with_values:
            out.values = np.frombuffer(b"".join(values), "<u4")
            out.value_ends = np.cumsum([len(v) // 4 for v in values], dtype=np.int64)
        return out
    raw, offset, spans = _blocks(terms._postfile, info)
    fmt = segreader.schema[fieldname].format
    uniform = _uniform_term(raw, offset, spans, fmt, with_values)
    if uniform is not None:
        return uniform
    ids_parts, weight_parts, length_parts, blobs, starts = [], [], [], [], []
    for start, data, end in spans:
        block = _parse_block(raw, data, fmt)
        ids_parts.append(block.ids)
        weight_parts.append(block.weights)
        starts.append((offset + start, int(block.ids[0]), offset + end))
        if with_values:
            if block.kind != _VARIABLE or block.count != len(block.ids):
                return None  # values that are not one per posting: not a positions format
            length_parts.append(block.lengths)
            blobs.append(raw[block.values : end - 2])
    out = TermPostings(
        np.concatenate(ids_parts),
        np.concatenate(weight_parts).astype(np.float32),
        np.array(starts, dtype=np.int64),
    )
    if with_values:
        out.values = np.frombuffer(b"".join(blobs), "<u4")
        out.value_ends = np.cumsum(np.concatenate(length_parts) // 4, dtype=np.int64)
    return out


def _u16(u8: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """`counts[i]` little-endian uint16 from byte `starts[i]` on, for every i, one after another
    (a gather: the blocks' arrays need not be aligned)."""
    total = int(counts.sum())
    first = np.cumsum(counts) - counts  # where each run starts in the output
    at = np.repeat(starts - 2 * first, counts) + 2 * np.arange(total, dtype=np.int64)
    return u8[at].astype(np.int64) | (u8[at + 1].astype(np.int64) << 8)


def _uniform_term(raw, offset: int, spans, fmt, with_values: bool) -> TermPostings | None:
    """`read_term`'s answer for a posting list whose blocks all have the `_UNIFORM` layout, the
    whole list at once (the same arrays as block by block); None for any other list."""
    if len(spans) < 2:  # one block: as quick on its own
        return None
    heads = []
    for _, data, _ in spans:
        n, m, kind, flags = _HEADER.unpack_from(raw, data)
        if flags != _UNIFORM or kind != _VARIABLE or m != n:
            return None
        heads.append((data + _HEADER.size, n))
    meta = np.array(heads, dtype=np.int64)
    at, counts = meta[:, 0], meta[:, 1]
    u8 = np.frombuffer(raw, np.uint8)
    firsts = np.array([_FIRST.unpack_from(raw, a)[0] for a, _ in heads], dtype=np.int64)
    steps = np.empty(int(counts.sum()), dtype=np.int64)
    begins = np.cumsum(counts) - counts  # each block's first posting in the list
    rest = np.ones(len(steps), dtype=bool)
    rest[begins] = False
    steps[rest] = _u16(u8, at + 4, counts - 1)
    steps[begins] = firsts
    running = np.cumsum(steps)
    ids = running - np.repeat(running[begins] - firsts, counts)  # a cumsum within each block
    length_at = at + 4 + 2 * (counts - 1)
    lengths = _u16(u8, length_at, counts)
    ends = np.array([end for _, _, end in spans], dtype=np.int64)
    starts = np.column_stack(
        (offset + np.array([start for start, _, _ in spans], dtype=np.int64), firsts, offset + ends)
    )
    out = TermPostings(ids, _derived_weights(fmt, lengths).astype(np.float32), starts)
    if with_values:
        values_at = length_at + 2 * counts
        out.values = np.frombuffer(
            b"".join(
                raw[a : e - 2] for a, e in zip(values_at.tolist(), ends.tolist(), strict=True)
            ),
            "<u4",
        )
        out.value_ends = np.cumsum(lengths // 4, dtype=np.int64)
    return out


def block_starts(segreader, fieldname: str, tbytes: bytes) -> tuple[bool, np.ndarray | None]:
    """(the term is in the segment, its blocks as `TermPostings.blocks`: None when inlined),
    reading only each block's header: what snippets need to find the few documents they want."""
    try:
        info = segreader._terms.term_info(fieldname, tbytes)
    except Exception:
        return False, None
    if info.is_inlined():
        return True, None
    raw, offset, spans = _blocks(segreader._terms._postfile, info)
    starts = [  # the first id is right after the header whatever the flags
        (offset + start, _FIRST.unpack_from(raw, data + _HEADER.size)[0], offset + end)
        for start, data, end in spans
    ]
    return True, np.array(starts, dtype=np.int64).reshape(-1, 3)


def block_values(postfile, start: int, end: int, docs: list[int], fmt) -> dict[int, bytes]:
    """The values of some local docnums in the packed block at start..end of the postings.

    For snippets: reads one block and slices out the few values asked for, where Whoosh's
    matcher would make a bytes object of every posting in the block.
    """
    raw = memoryview(postfile.get(start + 4, end - start - 4))
    (infolen,) = _TAIL.unpack_from(raw, len(raw) - 2)
    block = _parse_block(raw, infolen, fmt)
    if block.kind != _VARIABLE or block.count != len(block.ids):
        return {}
    ends = np.cumsum(block.lengths) + block.values
    found: dict[int, bytes] = {}
    for d in docs:
        i = int(np.searchsorted(block.ids, d))
        if i < len(block.ids) and block.ids[i] == d:
            found[d] = bytes(raw[ends[i] - block.lengths[i] : ends[i]])
    return found


def occurrences(postings: TermPostings, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(posting index, position) of every occurrence in the kept postings (a boolean mask)."""
    ends = postings.value_ends
    starts = np.concatenate(([0], ends[:-1]))
    chosen = np.flatnonzero(keep)
    counts = ends[chosen] - starts[chosen]
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    which = np.repeat(chosen, counts)
    first = np.repeat(starts[chosen], counts)
    step = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return which, postings.values[first + step].astype(np.int64)

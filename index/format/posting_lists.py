"""A short posting list of a packed segment as Python lists, and a segment's columns, numpy-free.

The array side (`posting_arrays.py`) pays numpy's import (50 ms) on the first query; a query whose
words are rare reads a few hundred postings, as quick in plain Python. The floats are those of
the array side: weights are float32 values (`f32`), the same for every posting.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from whoosh.util.numeric import byte_to_length

from index.format.packed_postings import (
    _DERIVED,
    _FIRST,
    _GAPS16,
    _HEADER,
    _LENGTH,
    _LENGTHS16,
    _TAIL,
    _VARIABLE,
    PackedCodec,
)

_F32 = struct.Struct("f")


def f32(x: float) -> float:
    """x rounded to the nearest float32 (as numpy's float32 arithmetic rounds each result)."""
    return _F32.unpack(_F32.pack(x))[0]


@dataclass(slots=True)
class TermLists:
    """One term's postings in one segment: local docnums, float32 weights, and (if asked) each
    posting's value bytes."""

    ids: list[int]
    weights: list[float]
    values: list[bytes] | None = None


def term_blocks(postfile, info) -> tuple[memoryview, int, list[tuple[int, int, int]]]:
    """A posting list's bytes, read at once, where they start in the postings file, and each
    block's (start, data, end) in those bytes (data: just after Whoosh's pickled block info)."""
    offset, length = info.extent()
    if isinstance(length, tuple):  # Whoosh's `from_bytes` keeps it as struct.unpack gave it
        (length,) = length
    raw = memoryview(postfile.get(offset, length))
    spans = []
    at = 4  # Whoosh's postings magic
    while at < length:
        (size,) = _LENGTH.unpack_from(raw, at)
        end = at + 4 + abs(size)
        (infolen,) = _TAIL.unpack_from(raw, end - 2)
        spans.append((at, at + 4 + infolen, end))
        at = end
        if size < 0:
            break
    return raw, offset, spans


def index_state(reader) -> str:
    """What a reader reads, as a key for caches kept beside the index: the generation and each
    segment with its deletions (a wiped and rebuilt index restarts generations, not segments)."""
    segments = reader.segments() or []
    parts = [f"{s.segment_id()}-{s.deleted_count()}" for s in segments]
    return f"{reader.generation()}:{','.join(parts)}"


def all_packed(leaves) -> bool:
    """True when every segment of [(segment reader, offset)] is written by our packed codec."""
    return all(isinstance(seg.codec(), PackedCodec) for seg, _ in leaves)


def term_lists(segreader, fieldname: str, tbytes: bytes, with_values: bool) -> TermLists:
    """A term's postings in a packed segment (`all_packed`) as lists; empty when it is not there."""
    terms = segreader._terms
    try:
        info = terms.term_info(fieldname, tbytes)
    except Exception:  # not in this segment
        return TermLists([], [], [] if with_values else None)
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        kept = list(values) if with_values else None
        return TermLists(list(ids), array("f", weights).tolist(), kept)
    raw, _, spans = term_blocks(terms._postfile, info)
    boost = f32(segreader.schema[fieldname].format.field_boost)
    out = TermLists([], [], [] if with_values else None)
    for _, at, _end in spans:
        n, m, kind, flags = _HEADER.unpack_from(raw, at)
        at += _HEADER.size
        if flags & _GAPS16:
            first = _FIRST.unpack_from(raw, at)[0]
            out.ids.extend(accumulate(struct.unpack_from(f"<{n - 1}H", raw, at + 4), initial=first))
            at += 4 + 2 * (n - 1)
        else:
            out.ids.extend(struct.unpack_from(f"<{n}I", raw, at))
            at += 4 * n
        weights = None
        if not flags & _DERIVED:
            weights = struct.unpack_from(f"<{n}f", raw, at)
            at += 4 * n
        lengths: tuple[int, ...] = ()
        if kind == _VARIABLE:
            width = 2 if flags & _LENGTHS16 else 4
            lengths = struct.unpack_from(f"<{m}{'H' if width == 2 else 'I'}", raw, at)
            at += width * m
        if weights is None:  # occurrences x the field's boost, in float32 (_derived_weights)
            weights = array("f", [float(size // 4) * boost for size in lengths]).tolist()
        out.weights.extend(weights)
        if with_values:
            if kind != _VARIABLE or m != n:
                raise ValueError("values that are not one per posting: not a positions format")
            for size in lengths:
                out.values.append(bytes(raw[at : at + size]))  # type: ignore[union-attr]
                at += size
    return out


@lru_cache(maxsize=1)
def _length_floats() -> list[float]:
    """A length byte's field length in float32 (0: none stored, 0 as `doc_field_length` or 0)."""
    return [0.0] + [f32(byte_to_length(b)) for b in range(1, 256)]


def field_lengths(segreader, fieldname: str, docnums: list[int]) -> list[float]:
    """The float32 length of a field in some documents of one segment (0.0 when none is stored),
    as `f32(segreader.doc_field_length(d, fieldname, 0) or 0)` reads them, the column read once."""
    segreader.doc_field_length(0, fieldname, 0)  # reads and keeps the column (whoosh_fixes)
    codes = vars(getattr(segreader, "_perdoc", None) or segreader).get("_length_arrays", {})
    column = codes.get(fieldname)
    if not isinstance(column, bytes):
        return [f32(segreader.doc_field_length(d, fieldname, 0) or 0) for d in docnums]
    table, n = _length_floats(), len(column)
    return [table[column[d]] if d < n else 0.0 for d in docnums]


def column_values(segreader, fieldname: str, code: str, default: int = 0) -> tuple[int, ...]:
    """A fixed-width column of one segment (struct `code`, e.g. ">Q"), one value a document."""
    count = segreader.doc_count_all()
    try:
        cr = segreader.column_reader(fieldname, translate=False)
    except Exception:
        return (default,) * count
    raw = getattr(cr, "_dbfile", None)
    if raw is not None and hasattr(cr, "_basepos") and hasattr(cr, "_count"):
        width = struct.calcsize(code)
        n = min(cr._count, count)
        found = struct.unpack(f"{code[0]}{n}{code[1:]}", raw.get(cr._basepos, n * width))
        return found + (default,) * (count - n)
    return tuple(cr)

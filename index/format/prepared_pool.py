"""The ingest writer's postings pool: prepared documents kept whole, written term by term in bulk.

Whoosh's writer makes a tuple a posting (field, term, docnum, weight, value), sorts them all at
commit, and hands them one by one to the field writer, which calls three methods a posting
(add, add_posting, the document's field length). That was most of what the indexer process spent
on Reuters. `PreparedPool` keeps each prepared document's postings as the worker sent them, one
entry per field; at commit the terms of a field are ranked once (a vocabulary, a stable numpy
sort) and `PreparedFieldWriter` fills each term's blocks from list slices. The bytes written are
the same as Whoosh's own path; anything else in the pool (a merge feeds it postings one at a
time, a pool too big for memory spills a run to disk) takes Whoosh's path, as before.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from pickle import dumps
from typing import NamedTuple

import numpy as np
from whoosh.codec import whoosh3
from whoosh.filedb.filetables import _lengths as _KEY_VALUE
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool

_INFO = whoosh3.W3TermInfo._struct  # an inlined term's statistics, then its pickled postings
_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.int64)


class FieldPostings(NamedTuple):
    """One field's postings in one document, packed: a few objects to pickle, not four a posting
    (the worker's result crosses to the indexer as a pickle)."""

    terms: bytes | tuple[bytes, ...]  # NUL between terms (a tuple when a term holds a NUL)
    count: int
    weights: bytes  # float64 each
    values: bytes  # the encoded values, one after another
    value_lengths: bytes  # uint32 each
    length: int  # the field's length in the document (0 for a field that is not scored)
    cost: int  # what Whoosh's pool counts for these postings (its memory estimate)

    def term_list(self) -> list[bytes]:
        if isinstance(self.terms, tuple):
            return list(self.terms)
        return self.terms.split(b"\0") if self.count else []


@dataclass(slots=True)
class _Held:
    """One document's postings of one field (`prepared_docs.FieldPostings`)."""

    fieldname: str
    docnum: int
    postings: FieldPostings

    def tuples(self) -> Iterator[tuple]:
        """Whoosh's posting tuples (field, term, docnum, weight, value)."""
        p = self.postings
        weights = array("d", p.weights).tolist()
        ends = np.cumsum(np.frombuffer(p.value_lengths, np.uint32)).tolist()
        values = [p.values[a:b] for a, b in zip([0, *ends], ends, strict=False)]
        return zip(repeat(self.fieldname), p.term_list(), repeat(self.docnum), weights, values)


class PreparedPool(PostingPool):
    """Whoosh's pool, plus whole prepared documents (`hold`) written without a tuple a posting."""

    def __init__(self, tempstore, segment, limitmb: int = 128, **kwargs) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.held: list[_Held] = []

    @classmethod
    def taking_over(cls, pool: PostingPool) -> PreparedPool:
        """This pool in place of a writer's own, with whatever that one holds already."""
        new = cls.__new__(cls)
        new.__dict__.update(pool.__dict__)
        new.held = []
        return new

    def hold(self, fieldname: str, docnum: int, postings: FieldPostings) -> None:
        """A document's postings of one field (in docnum order; the caller checks the limit)."""
        self.fieldnames.add(fieldname)
        self.held.append(_Held(fieldname, docnum, postings))
        self.currentsize += postings.cost

    def _spill_held(self) -> None:
        """Turn the held documents into Whoosh's posting tuples (for its own path)."""
        for h in self.held:
            self.current.extend(h.tuples())
        self.held = []

    def save(self) -> None:
        self._spill_held()
        super().save()

    def iter_postings(self):
        if self.held and not self.current and not self.runs:
            return GroupedPostings(self.held)
        self._spill_held()
        return super().iter_postings()


class GroupedPostings:
    """The held documents of a pool, by field and term (`PreparedFieldWriter` reads them)."""

    def __init__(self, held: list[_Held]) -> None:
        self.by_field: dict[str, list[_Held]] = {}
        for h in held:
            if h.postings.count:
                self.by_field.setdefault(h.fieldname, []).append(h)

    def __iter__(self) -> Iterator[tuple]:
        """Whoosh's sorted posting tuples (for a field writer other than ours)."""
        items = []
        for docs in self.by_field.values():
            for h in docs:
                items.extend(h.tuples())
        return iter(sorted(items))

    def field(self, fieldname: str) -> tuple[list[bytes], list[int], list[int], list, list]:
        """A field's sorted terms, where each one's postings end, and the postings' docnums,
        weights and values in term order (docnums ascending within a term)."""
        docs = self.by_field[fieldname]
        terms: list[bytes] = []
        for h in docs:
            terms.extend(h.postings.term_list())
        counts = np.fromiter((h.postings.count for h in docs), np.int64, len(docs))
        docnums = np.repeat(np.fromiter((h.docnum for h in docs), np.int64, len(docs)), counts)
        weights = np.frombuffer(b"".join(h.postings.weights for h in docs), np.float64)
        lengths = np.frombuffer(b"".join(h.postings.value_lengths for h in docs), np.uint32)
        values = b"".join(h.postings.values for h in docs)
        ends = np.cumsum(lengths, dtype=np.int64)
        vocab: dict[bytes, int] = {}
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in terms), np.int64, len(terms))
        ranked = sorted(vocab)
        rank = np.empty(len(vocab), np.int64)
        rank[np.fromiter(map(vocab.__getitem__, ranked), np.int64, len(ranked))] = np.arange(
            len(ranked)
        )
        keys = rank[ids]
        order = np.argsort(keys, kind="stable")
        term_ends = np.cumsum(np.bincount(keys, minlength=len(ranked))).tolist()
        value_ends = ends[order]
        value_starts = (value_ends - lengths[order]).tolist()
        return (
            ranked,
            term_ends,
            docnums[order].tolist(),
            weights[order].tolist(),
            [values[a:b] for a, b in zip(value_starts, value_ends.tolist(), strict=True)],
        )


def _length_bytes(lengths, fieldname: str) -> np.ndarray | None:
    """A field's length byte per document, as `doc_field_length` reads it (None: no column)."""
    if lengths is None:
        return None
    reader = lengths._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if reader is None:
        return None
    return np.frombuffer(bytes(reader.load()), dtype=np.uint8)


class PreparedFieldWriter(whoosh3.W3FieldWriter):
    """Whoosh's field writer; a `GroupedPostings` is written a block at a time, not a posting."""

    def add_postings(self, schema, lengths, items) -> None:
        if not isinstance(items, GroupedPostings):
            return super().add_postings(schema, lengths, items)
        for fieldname in sorted(items.by_field):
            self.start_field(fieldname, schema[fieldname])
            self._add_field(items, fieldname, _length_bytes(lengths, fieldname))
            self.finish_field()
        return None

    def _add_field(self, items: GroupedPostings, fieldname: str, lbytes) -> None:
        ranked, ends, docnums, weights, values = items.field(fieldname)
        if lbytes is None:
            doc_lengths = [0] * len(docnums)
        else:  # as `doc_field_length`: 0 (no length) past the column's end
            padded = np.zeros(max(docnums, default=0) + 1, dtype=np.int64)
            padded[: min(len(lbytes), len(padded))] = lbytes[: len(padded)]
            doc_lengths = _LENGTHS[padded[docnums]].tolist()
        limit = self._codec._blocklimit
        inline = self._codec._inlinelimit
        prefix = pack_ushort(self._fieldid)
        terms = _TermTable(self._tindex)
        start = 0
        for btext, end in zip(ranked, ends, strict=True):
            if end - start < inline:  # the common case: postings in the term table
                block_weights = weights[start:end]
                known = [n for n in doc_lengths[start:end] if n]
                rounded = array("f", block_weights)
                ids = tuple(docnums[start:end])
                terms.add(
                    prefix + btext,
                    _INFO.pack(
                        1,
                        sum(rounded),
                        end - start,
                        length_to_byte(min(known)) if known else 0,
                        length_to_byte(max(known) if known else 0),
                        max(0, *block_weights),
                        ids[0],
                        ids[-1],
                    )
                    + dumps((ids, tuple(rounded), tuple(v for v in values[start:end] if v)), 2),
                )
                start = end
                continue
            terms.flush()
            self._btext = btext
            self._postwriter.start_postings(self._format, whoosh3.W3TermInfo())
            pw = self._postwriter
            for first in range(start, end, limit):
                if first > start:
                    pw._write_block()
                last = min(first + limit, end)
                block_weights = weights[first:last]
                pw._ids = array("I", docnums[first:last])
                pw._weights = array("f", block_weights)
                pw._values = [v for v in values[first:last] if v]
                pw._maxweight = max(0, *block_weights)
                known = [n for n in doc_lengths[first:last] if n]
                pw._minlength = min(known) if known else None
                pw._maxlength = max(known) if known else 0
            self.finish_term()
            start = end
        terms.flush()


class _TermTable:
    """`OrderedHashWriter.add` of many terms (keys increasing) with one write to the file."""

    def __init__(self, tindex) -> None:
        self.tindex = tindex
        self.pending: list[tuple[bytes, bytes]] = []

    def add(self, key: bytes, value: bytes) -> None:
        self.pending.append((key, value))

    def flush(self) -> None:
        pending = self.pending
        if not pending:
            return
        tindex = self.tindex
        if pending[0][0] <= tindex.lastkey:
            raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{pending[0][0]!r}")
        pos = tindex.dbfile.tell()
        append_position = tindex.index.append
        buckets = tindex.buckets
        hashfn = tindex.hashfn
        parts = []
        for key, value in pending:
            append_position(pos)
            parts += (_KEY_VALUE.pack(len(key), len(value)), key, value)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            pos += _KEY_VALUE.size + len(key) + len(value)
        tindex.dbfile.write(b"".join(parts))
        tindex.lastkey = pending[-1][0]
        pending.clear()

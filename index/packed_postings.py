"""A Whoosh codec and posting formats whose blocks numpy reads whole, without Python per posting.

Whoosh's own codec pickles each block of 128 postings as a tuple of lists, zlib-compresses it,
and pickles each posting's positions on their own: reading one block costs about 0.1 ms and
a common word has hundreds of them, so a phrase of two common words at 100,000 articles spent
most of its time unpickling. Here a block is raw little-endian arrays (ids, weights, value
lengths, values) behind Whoosh's usual block header, and positions (and character offsets) are
raw uint32 arrays: `read_term` turns a whole posting list into numpy arrays with a few calls
per block, and every Whoosh reader (matchers, highlighting, merging) still reads the same
segments through `PackedLeafMatcher`.

Segments written before this codec keep Whoosh's own (`W3Codec`, pickled positions) and are
read as before: each segment records its codec, and `read_term` answers None for those.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass
from pickle import dumps

import numpy as np
from whoosh.codec import whoosh3
from whoosh.formats import Characters, Positions
from whoosh.matching import ListMatcher
from whoosh.util.numeric import length_to_byte

INLINE_POSTINGS = 16  # posting lists shorter than this go in the term table, not a block
_HEADER = struct.Struct("<IIB")  # postings, values, value kind
_TAIL = struct.Struct("<H")  # length of Whoosh's pickled block info, at the end of the data
_LENGTH = struct.Struct("!i")  # Whoosh's block length (negative for the last block)
_VARIABLE, _FIXED, _NONE = 0, 1, 2
_SWAP = sys.byteorder != "little"


def _le(a: array) -> bytes:
    if _SWAP:
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _from_le(typecode: str, data) -> array:
    a = array(typecode)
    a.frombytes(data)
    if _SWAP:
        a.byteswap()
    return a


# -- formats ----------------------------------------------------------------------------------


class PackedPositions(Positions):
    """Whoosh's Positions, a posting's positions stored as raw uint32 (little-endian)."""

    def encode(self, poslist) -> bytes:
        return _le(array("I", poslist))

    def decode_positions(self, valuestring) -> list[int]:
        return _from_le("I", valuestring).tolist()

    def decode_frequency(self, valuestring) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


class PackedCharacters(Characters):
    """Whoosh's Characters as raw uint32: every position, then every start, then every end."""

    def encode(self, poslist) -> bytes:
        return _le(
            array("I", [p[0] for p in poslist] + [p[1] for p in poslist] + [p[2] for p in poslist])
        )

    def decode_characters(self, valuestring) -> list[tuple[int, int, int]]:
        values = _from_le("I", valuestring)
        n = len(values) // 3
        return list(zip(values[:n], values[n : 2 * n], values[2 * n :], strict=True))

    def decode_positions(self, valuestring) -> list[int]:
        values = _from_le("I", valuestring)
        return values[: len(values) // 3].tolist()

    def decode_frequency(self, valuestring) -> int:
        return len(valuestring) // 12

    def decode_weight(self, valuestring) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def combine(self, vs) -> bytes:
        seen: dict[int, tuple[int, int, int]] = {}
        for v in vs:
            for item in self.decode_characters(v):
                seen[item[0]] = item
        return self.encode([seen[p] for p in sorted(seen)])


PACKED_FORMATS = (PackedPositions, PackedCharacters)


def words_per_value(fmt) -> int:
    """uint32 values a posting holds per occurrence: 1 (positions) or 3 (characters)."""
    return 3 if isinstance(fmt, PackedCharacters) else 1


# -- the codec --------------------------------------------------------------------------------


class PackedPostingsWriter(whoosh3.W3PostingsWriter):
    """Writes each block as raw arrays (see the module docstring) instead of a zlib'd pickle."""

    def _write_block(self, last: bool = False) -> None:
        if self._byteids:  # term vectors: Whoosh's own layout (its vector reader expects it)
            return super()._write_block(last)
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights, values = self._ids, self._weights, self._values
        fixed = self._format.fixed_value_size()
        parts = [b"", _le(ids), _le(weights)]
        if fixed is None or fixed < 0:
            kind = _VARIABLE
            parts += [_le(array("I", map(len, values))), b"".join(values)]
        elif fixed > 0:
            kind = _FIXED
            parts.append(b"".join(values))
        else:
            kind = _NONE
        parts[0] = _HEADER.pack(len(ids), len(values), kind)
        info = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                0,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        parts.append(_TAIL.pack(len(info)))
        data = b"".join(parts)
        length = len(info) + len(data)
        postfile.write_int(-length if last else length)
        postfile.write(info)
        postfile.write(data)
        self._blockcount += 1
        self._new_block()


def _unpack_block(data, fixedsize):
    """(ids, weights, values) of one block's data, as Whoosh's matcher holds them."""
    n, m, kind = _HEADER.unpack_from(data, 0)
    at = _HEADER.size
    ids = _from_le("I", data[at : at + 4 * n])
    at += 4 * n
    weights = _from_le("f", data[at : at + 4 * n])
    at += 4 * n
    if kind == _VARIABLE:
        lengths = _from_le("I", data[at : at + 4 * m])
        at += 4 * m
        values = []
        for length in lengths:
            values.append(bytes(data[at : at + length]))
            at += length
        values = tuple(values)
    elif kind == _FIXED:
        size = fixedsize or 0
        values = tuple(bytes(data[at + i * size : at + (i + 1) * size]) for i in range(m))
    else:
        values = (None,) * n
    return ids, weights, values


class PackedLeafMatcher(whoosh3.W3LeafMatcher):
    """Whoosh's block matcher over packed blocks (everything else is Whoosh's)."""

    def _read_data(self) -> None:
        raw = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        self._ids, self._weights, self._values = _unpack_block(raw, self._fixedsize)
        self._data = True

    def _read_ids(self) -> None:
        self._read_data()

    def _read_weights(self) -> None:
        self._read_data()

    def _read_values(self) -> None:
        self._read_data()


class InlinedMatcher(ListMatcher):
    """Whoosh's matcher of inlined postings, but a posting without a value gives None.

    Whoosh's gives "" (a str), which its own merge then refuses (`PostingPool.add` asserts
    bytes or None): merging segments with inlined postings of a value-less field (`id`,
    `dump`) failed.
    """

    def value(self):
        return super().value() if self._values else None


def inlined_matcher(terminfo, format_, term=None, scorer=None) -> InlinedMatcher:
    """The matcher of postings inlined in the term table (for every codec, see whoosh_fixes)."""
    ids, weights, values = terminfo.inlined_postings()
    return InlinedMatcher(
        ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
    )


class PackedCodec(whoosh3.W3Codec):
    """Whoosh's W3 codec with packed blocks; short posting lists inlined in the term table.

    Inlining: with Whoosh's default every term, even one seen in a single document, gets its
    own block in the postings file; most terms of a news corpus (names, numbers) are that rare.
    """

    def __init__(self, blocklimit: int = 128, inlinelimit: int = INLINE_POSTINGS) -> None:
        super().__init__(blocklimit=blocklimit, compression=0, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=0,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return inlined_matcher(terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


# -- whole posting lists as arrays --------------------------------------------------------------


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
        segreader.schema[fieldname].format, PACKED_FORMATS
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
    offset, length = info.extent()
    if isinstance(length, tuple):  # Whoosh's `from_bytes` keeps it as struct.unpack gave it
        (length,) = length
    raw = memoryview(terms._postfile.get(offset, length))
    ids_parts, weight_parts, length_parts, blobs, starts = [], [], [], [], []
    at = 4  # Whoosh's postings magic
    while at < length:
        (block,) = _LENGTH.unpack_from(raw, at)
        end = at + 4 + abs(block)
        (infolen,) = _TAIL.unpack_from(raw, end - 2)
        data = at + 4 + infolen
        n, m, kind = _HEADER.unpack_from(raw, data)
        data += _HEADER.size
        ids_parts.append(np.frombuffer(raw, "<u4", n, data))
        starts.append((offset + at, int(ids_parts[-1][0]), offset + end))
        weight_parts.append(np.frombuffer(raw, "<f4", n, data + 4 * n))
        if with_values:
            if kind != _VARIABLE or m != n:
                return None  # values that are not one per posting: not a positions format
            lengths = np.frombuffer(raw, "<u4", m, data + 8 * n)
            length_parts.append(lengths)
            start = data + 8 * n + 4 * m
            blobs.append(raw[start : end - 2])
        at = end
        if block < 0:
            break
    out = TermPostings(
        np.concatenate(ids_parts).astype(np.int64),
        np.concatenate(weight_parts).astype(np.float32),
        np.array(starts, dtype=np.int64),
    )
    if with_values:
        out.values = np.frombuffer(b"".join(blobs), "<u4")
        out.value_ends = np.cumsum(np.concatenate(length_parts) // 4, dtype=np.int64)
    return out


def block_values(postfile, start: int, end: int, docs: list[int]) -> dict[int, bytes]:
    """The values of some local docnums in the packed block at start..end of the postings.

    For snippets: reads one block and slices out the few values asked for, where Whoosh's
    matcher would make a bytes object of every posting in the block.
    """
    raw = memoryview(postfile.get(start + 4, end - start - 4))
    (infolen,) = _TAIL.unpack_from(raw, len(raw) - 2)
    n, m, kind = _HEADER.unpack_from(raw, infolen)
    if kind != _VARIABLE or m != n:
        return {}
    at = infolen + _HEADER.size
    ids = np.frombuffer(raw, "<u4", n, at)
    lengths = np.frombuffer(raw, "<u4", n, at + 8 * n).astype(np.int64)
    ends = np.cumsum(lengths) + at + 12 * n
    found: dict[int, bytes] = {}
    for d in docs:
        i = int(np.searchsorted(ids, d))
        if i < n and ids[i] == d:
            found[d] = bytes(raw[ends[i] - lengths[i] : ends[i]])
    return found


def occurrences(
    postings: TermPostings, keep: np.ndarray, per: int
) -> tuple[np.ndarray, np.ndarray]:
    """(posting index, position) of every occurrence in the kept postings (a boolean mask).

    `per` is `words_per_value` of the field's format: positions are the first third of a
    Characters value.
    """
    ends = postings.value_ends
    starts = np.concatenate(([0], ends[:-1]))
    chosen = np.flatnonzero(keep)
    counts = (ends[chosen] - starts[chosen]) // per
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    which = np.repeat(chosen, counts)
    first = np.repeat(starts[chosen], counts)
    step = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return which, postings.values[first + step].astype(np.int64)

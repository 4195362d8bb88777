"""A Whoosh codec whose posting blocks numpy reads whole, without Python per posting.

Whoosh's own codec pickles each block of 128 postings as a tuple of lists, zlib-compresses it,
and pickles each posting's positions on their own: reading one block costs about 0.1 ms and
a common word has hundreds of them, so a phrase of two common words at 100,000 articles spent
most of its time unpickling. Here a block is raw little-endian arrays (`_parse_block`) behind
Whoosh's usual block header, and positions are raw uint32 (index/packed_formats.py):
`read_term` turns a whole posting list into numpy arrays with a few calls per block, and every
Whoosh reader (matchers, highlighting, merging) still reads the same segments through
`PackedLeafMatcher`.

Segments written before this codec keep Whoosh's own (`W3Codec`, pickled positions) and are
read as before: each segment records its codec, and `read_term` answers None for those.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from pickle import dumps

from whoosh.codec import whoosh3
from whoosh.matching import ListMatcher
from whoosh.util.numeric import length_to_byte

from index.format.packed_formats import PackedPositions, le_bytes

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:  # numpy is imported by the functions that read or write a block: every verb
    import numpy as np  # unpickles this codec, and `show` or `stats` read no postings

INLINE_POSTINGS = 16  # posting lists shorter than this go in the term table, not a block
_HEADER = struct.Struct("<IIBB")  # postings, values, value kind, flags
_FIRST = struct.Struct("<I")
_TAIL = struct.Struct("<H")  # length of Whoosh's pickled block info, at the end of the data
_LENGTH = struct.Struct("!i")  # Whoosh's block length (negative for the last block)
_VARIABLE, _FIXED, _NONE = 0, 1, 2  # value kinds
_GAPS16 = 1  # flag: ids as the first id and uint16 gaps (else uint32 ids)
_DERIVED = 2  # flag: no weights stored, each is its value's occurrences x the field boost
_LENGTHS16 = 4  # flag: value lengths as uint16 (else uint32)


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
        parts, kind, flags = _packed_arrays(self._format, ids, weights, values)
        parts.insert(0, _HEADER.pack(len(ids), len(values), kind, flags))
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


def _packed_arrays(fmt, ids, weights, values) -> tuple[list[bytes], int, int]:
    """The arrays of one block as bytes, its value kind and flags (see `_parse_block`)."""
    import numpy as np

    flags = 0
    ids_np = np.frombuffer(ids, dtype=np.uint32)
    gaps = np.diff(ids_np)
    if not len(gaps) or int(gaps.max()) < 65536:
        flags |= _GAPS16
        parts = [_FIRST.pack(ids[0]), gaps.astype("<u2").tobytes()]
    else:
        parts = [ids_np.astype("<u4").tobytes()]
    fixed = fmt.fixed_value_size()
    kind = _VARIABLE if fixed is None or fixed < 0 else _FIXED if fixed > 0 else _NONE
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    derivable = kind == _VARIABLE and len(values) == len(ids) and isinstance(fmt, PackedPositions)
    if derivable and np.array_equal(
        _derived_weights(fmt, lengths), np.frombuffer(weights, np.float32)
    ):
        flags |= _DERIVED
    if not flags & _DERIVED:
        parts.append(le_bytes(weights))
    if kind == _VARIABLE:
        if not len(lengths) or int(lengths.max()) < 65536:
            flags |= _LENGTHS16
            parts.append(lengths.astype("<u2").tobytes())
        else:
            parts.append(lengths.astype("<u4").tobytes())
    if kind != _NONE:
        parts.append(b"".join(values))
    return parts, kind, flags


def _derived_weights(fmt, lengths: np.ndarray) -> np.ndarray:
    """Weights of postings of a packed format: occurrences (from value length) x field boost."""
    import numpy as np

    return (lengths // 4).astype(np.float32) * np.float32(fmt.field_boost)


@dataclass(slots=True)
class _Block:
    """One block of a term's postings, read into arrays."""

    ids: np.ndarray  # int64 local docnums
    weights: np.ndarray  # float32
    lengths: np.ndarray | None  # value lengths in bytes (variable-size values only)
    values: int  # where the values start in the buffer
    count: int  # values in the block
    kind: int


def _parse_block(raw, at: int, fmt) -> _Block:
    """One packed block's data (from `at`, just after Whoosh's pickled block info) as arrays.

    Layout: header (postings, values, kind, flags); ids (uint32, or the first id and uint16
    gaps); weights (float32, unless derived from the values); value lengths (uint16 or
    uint32) for variable-size values; then the values, one after another.
    """
    import numpy as np

    n, m, kind, flags = _HEADER.unpack_from(raw, at)
    at += _HEADER.size
    if flags & _GAPS16:
        ids = np.empty(n, dtype=np.int64)
        ids[0] = _FIRST.unpack_from(raw, at)[0]
        np.cumsum(np.frombuffer(raw, "<u2", n - 1, at + 4), out=ids[1:])
        ids[1:] += ids[0]
        at += 4 + 2 * (n - 1)
    else:
        ids = np.frombuffer(raw, "<u4", n, at).astype(np.int64)
        at += 4 * n
    weights = None
    if not flags & _DERIVED:
        weights = np.frombuffer(raw, "<f4", n, at)
        at += 4 * n
    lengths = None
    if kind == _VARIABLE:
        width = 2 if flags & _LENGTHS16 else 4
        lengths = np.frombuffer(raw, f"<u{width}", m, at).astype(np.int64)
        at += width * m
    if weights is None:
        weights = _derived_weights(fmt, lengths)
    return _Block(ids, weights, lengths, at, m, kind)


def _unpack_block(data, fmt, fixedsize):
    """(ids, weights, values) of one block's data, as Whoosh's matcher holds them."""
    block = _parse_block(data, 0, fmt)
    ids, weights = _python_arrays(block)
    return ids, weights, _block_values(data, block, fixedsize)


def _python_arrays(block: _Block) -> tuple[array, array]:
    import numpy as np

    return (
        array("I", block.ids.astype(np.uint32).tobytes()),
        array("f", block.weights.astype(np.float32).tobytes()),
    )


def _block_values(data, block: _Block, fixedsize) -> tuple:
    import numpy as np

    at = block.values
    if block.kind == _VARIABLE:
        ends = (np.cumsum(block.lengths) + at).tolist()
        starts = [at, *ends[:-1]]
        return tuple(bytes(data[a:b]) for a, b in zip(starts, ends, strict=True))
    if block.kind == _FIXED:
        size = fixedsize or 0
        return tuple(bytes(data[at + i * size : at + (i + 1) * size]) for i in range(block.count))
    return (None,) * len(block.ids)


class PackedLeafMatcher(whoosh3.W3LeafMatcher):
    """Whoosh's block matcher over packed blocks (everything else is Whoosh's); a block's values
    are made into Python bytes only when something asks for them."""

    def _read_data(self) -> None:
        self._raw = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        self._block = _parse_block(self._raw, 0, self.format)
        self._ids, self._weights = _python_arrays(self._block)
        self._data = True

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        self._values = _block_values(self._raw, self._block, self._fixedsize)


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

    def field_writer(self, storage, segment):
        from index.format.prepared_pool import PreparedFieldWriter  # numpy: writers only

        return PreparedFieldWriter(self, storage, segment)

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

"""Whoosh's Positions format with a posting's positions stored as a raw uint32 array.

Whoosh pickles each posting's positions: decoding them is a Python loop per posting. Here they
are little-endian uint32, so the packed codec (index/packed_postings.py) can hand a whole
posting list's positions to numpy at once. No character offsets are stored: snippets find the
n-th word of a text with the tokenizer's pattern (index/snippets.py).
"""

from __future__ import annotations

import sys
from array import array

from whoosh.formats import Positions

BIG_ENDIAN = sys.byteorder != "little"


def le_bytes(a: array) -> bytes:
    """An array's bytes, little-endian whatever the machine."""
    if BIG_ENDIAN:
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _from_le(typecode: str, data) -> array:
    a = array(typecode)
    a.frombytes(data)
    if BIG_ENDIAN:
        a.byteswap()
    return a


class PackedPositions(Positions):
    """Whoosh's Positions, a posting's positions stored as raw uint32 (little-endian)."""

    def encode(self, poslist) -> bytes:
        a = array("I", poslist)  # le_bytes inlined: a call a posting of every ingested article
        if BIG_ENDIAN:
            a.byteswap()
        return a.tobytes()

    def decode_positions(self, valuestring) -> list[int]:
        return _from_le("I", valuestring).tolist()

    def decode_frequency(self, valuestring) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

"""Which Whoosh segments a commit merges: small ones in tiers, never the library for a small add."""

from __future__ import annotations

from whoosh.reading import SegmentReader

FACTOR = 10  # segments of one tier (a power of FACTOR in documents) merged into one of the next


def tier(documents: int) -> int:
    """A segment's tier: 0 below FACTOR documents, 1 below FACTOR**2, and so on."""
    level = 0
    while documents >= FACTOR:
        documents //= FACTOR
        level += 1
    return level


def merge_tiers(writer, segments: list) -> list:
    """Merge policy for `writer.commit(mergetype=...)`: the segments kept as they are.

    The commit's own documents make a segment of some tier; when that tier holds FACTOR segments
    (the new one counted) they are merged into it, and so on up while the next tier fills. A
    commit thus merges segments no bigger than what it carries unless a whole tier is full: a
    one-article add merges a few tiny segments, never the library's big ones (Whoosh's
    MERGE_SMALL merged all of 20 equal commits of 5,000 into one with the 21st: minutes at
    100,000 articles). Each document is merged about once per tier: a log of the library's size.
    """
    sizes = {id(s): s.doc_count_all() for s in segments}
    kept = sorted(segments, key=lambda s: sizes[id(s)])
    total = writer.doc_count()
    level = tier(total)
    merged = []
    while True:
        full = [s for s in kept if tier(sizes[id(s)]) <= level]
        if len(full) + 1 < FACTOR:  # + 1: this commit's own segment
            break
        merged += full
        kept = kept[len(full) :]  # sorted by size: the tiers up to `level` come first
        total += sum(sizes[id(s)] for s in full)
        level = max(level + 1, tier(total))
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return kept

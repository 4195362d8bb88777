"""Which Whoosh segments a commit merges: small ones in tiers, never the library for a small add."""

from __future__ import annotations

from whoosh.reading import SegmentReader

FACTOR = 10  # segments of one tier (a power of FACTOR in documents) merged into one of the next
# A segment this big (an ingest's full commit, ingest.COMMIT_ARTICLES) is never merged again:
# merges take Whoosh's own path, 1.4 ms of CPU a document (142 s for 100,000 under load), so
# merging full segments would add minutes to a big ingest; a library holds at most one segment
# per this many articles, as a fresh ingest leaves it, plus fewer than FACTOR per smaller tier.
FULL = 5000


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
    (the new one counted) they are merged into it, and so on up while the next tier fills, below
    FULL. A commit thus merges segments no bigger than what it carries unless a whole tier is
    full: a one-article add merges a few tiny segments, never the library's big ones (Whoosh's
    MERGE_SMALL merged all of 20 equal commits of 5,000 into one with the 21st: 177 s at
    100,000 articles). A document is merged at most once per tier below FULL.
    """
    sizes = {id(s): s.doc_count_all() for s in segments}
    full = [s for s in segments if sizes[id(s)] >= FULL]
    kept = sorted((s for s in segments if sizes[id(s)] < FULL), key=lambda s: sizes[id(s)])
    total = writer.doc_count()
    level = tier(total)
    merged = []
    while True:
        tiers = [s for s in kept if tier(sizes[id(s)]) <= level]
        if len(tiers) + 1 < FACTOR:  # + 1: this commit's own segment
            break
        merged += tiers
        kept = kept[len(tiers) :]  # sorted by size: the tiers up to `level` come first
        total += sum(sizes[id(s)] for s in tiers)
        level = max(level + 1, tier(total))
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return full + kept

"""Copies and versions: content hashes and MinHash at ingest, a word diff to show what changed."""

from index.versions.dedup import VersionIndex, content_hash, fingerprints, minhash_of
from index.versions.diff import word_diff

__all__ = ["VersionIndex", "content_hash", "fingerprints", "minhash_of", "word_diff"]

"""Copies and versions: exact content hashes and MinHash near-duplicate detection."""

from __future__ import annotations

import hashlib
import pickle
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from index.records import Article

if TYPE_CHECKING:  # datasketch is slow to import (seconds): it is loaded when first used
    from datasketch import MinHash

NUM_PERM = 64
VERSION_THRESHOLD = 0.8  # estimated Jaccard similarity of word shingles that makes a version
SHINGLE = 4
_WORD = re.compile(r"\w+")


def _words(article: Article) -> list[str]:
    return _WORD.findall(f"{article.title}\n{article.body}".casefold())


def content_hash(article: Article) -> str:
    """Equal for copies: the same words of title and body, whatever the spacing."""
    return hashlib.sha1(" ".join(_words(article)).encode()).hexdigest()


@lru_cache(maxsize=1)
def _permutations() -> tuple[object, str]:
    """datasketch draws its permutations anew for every MinHash: draw them once (same seed)."""
    from datasketch import MinHash

    blank = MinHash(num_perm=NUM_PERM)
    return blank.permutations, blank.scheme


def minhash_of(article: Article) -> MinHash:
    words = _words(article)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    from datasketch import MinHash

    permutations, scheme = _permutations()
    m = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme=scheme)
    m.update_batch([s.encode() for s in shingles])
    return m


class VersionIndex:
    """LSH over article MinHashes: finds the earlier article an updated copy is a version of."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=VERSION_THRESHOLD, num_perm=NUM_PERM)
        self.groups: dict[str, tuple[str, str]] = {}  # id -> (version group, copy group)

    @classmethod
    def load(cls, path: Path) -> VersionIndex:
        if path.exists():
            try:
                with path.open("rb") as fh:
                    loaded = pickle.load(fh)
                if isinstance(loaded, cls):
                    return loaded
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass
        return cls()

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    def find(self, article_id: str, minhash: MinHash, exclude_group: str) -> str | None:
        """The version group of the closest earlier near-copy in another copy group, if any."""
        if exclude_group != article_id and exclude_group in self.groups:
            return self.groups[exclude_group][0]  # a copy shares its original's versions
        for other in sorted(self.lsh.query(minhash)):
            version_group, copy_group = self.groups.get(other, ("", ""))
            if other != article_id and version_group and copy_group != exclude_group:
                return version_group
        return None

    def add(self, article_id: str, minhash: MinHash, version_group: str, copy_group: str) -> None:
        if article_id in self.groups:
            self.lsh.remove(article_id)
        self.lsh.insert(article_id, minhash)
        self.groups[article_id] = (version_group, copy_group)

"""Copies and versions: exact content hashes, and MinHash with LSH banding in numpy."""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

from index.records import Article
from index.store import ArticleStore

NUM_PERM = 64  # MinHash values per article (uint32): 256 bytes in the store
BANDS, ROWS = 12, 5  # LSH: a candidate shares all ROWS values of one of BANDS bands
VERSION_THRESHOLD = 0.8  # Jaccard similarity of word shingles that makes a version
# ... as equal signature values: 0.8 of 64 rounded to the nearest count (51, an estimate of 0.797)
AGREEING = round(VERSION_THRESHOLD * NUM_PERM)
SHINGLE = 4
CHUNK = 8192  # shingles hashed at a time (a huge page must not need shingles x NUM_PERM words)
_WORD = re.compile(r"\w+")
_U64 = np.uint64
_MAX32 = np.uint32(0xFFFFFFFF)

# Fixed random parameters (a seeded generator: the same in every process and every version).
_rng = np.random.Generator(np.random.PCG64(20250601))
_WORD_MIX = _rng.integers(1, 1 << 63, SHINGLE, dtype=np.uint64) | _U64(1)
_PERM_A = _rng.integers(1, 1 << 63, NUM_PERM, dtype=np.uint64) | _U64(1)  # odd: a bijection
_PERM_B = _rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
_BAND_MIX = _rng.integers(1, 1 << 63, (BANDS, ROWS), dtype=np.uint64) | _U64(1)
del _rng

VERSIONS_TABLE = """
CREATE TABLE IF NOT EXISTS minhashes (article_id TEXT PRIMARY KEY, sig BLOB NOT NULL) WITHOUT ROWID
"""


def _words(article: Article) -> list[str]:
    return _WORD.findall(f"{article.title}\n{article.body}".casefold())


def content_hash(article: Article) -> str:
    """Equal for copies: the same words of title and body, whatever the spacing."""
    return _hash_of(_words(article))


def _hash_of(words: list[str]) -> str:
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


def fingerprints(article: Article) -> tuple[str, np.ndarray, list[int]]:
    """`content_hash`, `minhash_of` and the MinHash's band keys of an article, its words found
    once (ingest workers: the indexer then looks the keys up and files them, never computing
    them)."""
    words = _words(article)
    sig = signature(words)
    return _hash_of(words), sig, _bands_of(sig)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: every input bit reaches every output bit (wrapping uint64)."""
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> _U64(33))


def signature(words: list[str]) -> np.ndarray:
    """MinHash of the set of SHINGLE-word shingles: NUM_PERM uint32 values."""
    word_hashes = np.fromiter(
        (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words), _U64, len(words)
    )
    if len(word_hashes) < SHINGLE:  # one shingle of what there is
        word_hashes = np.concatenate([word_hashes, np.zeros(SHINGLE - len(word_hashes), _U64)])
    count = len(word_hashes) - SHINGLE + 1
    with np.errstate(over="ignore"):
        mixed = sum(word_hashes[i : i + count] * _WORD_MIX[i] for i in range(SHINGLE))
        shingles = np.unique(_fmix64(mixed))
        sig = np.full(NUM_PERM, _MAX32, np.uint32)
        for start in range(0, len(shingles), CHUNK):
            part = shingles[start : start + CHUNK, None] * _PERM_A + _PERM_B  # wraps: mod 2^64
            sig = np.minimum(sig, (part >> _U64(32)).min(axis=0).astype(np.uint32))
    return sig


def minhash_of(article: Article) -> np.ndarray:
    return signature(_words(article))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """(n, BANDS) uint64 keys: equal keys for equal bands (and, rarely, for others)."""
    bands = sigs[:, : BANDS * ROWS].reshape(-1, BANDS, ROWS).astype(_U64)
    with np.errstate(over="ignore"):
        return _fmix64((bands * _BAND_MIX).sum(axis=2, dtype=_U64))


def _bands_of(sig: np.ndarray) -> list[int]:
    return band_keys(sig[None, :])[0].tolist()


class VersionIndex:
    """LSH over article MinHashes: finds the earlier article an updated copy is a version of.

    The signatures live in the store's `minhashes` table, the groups in its articles: data only,
    nothing in a library folder is unpickled.
    """

    def __init__(self, store: ArticleStore | None = None) -> None:
        self.ids: list[str] = []
        self.rows: dict[str, int] = {}
        self.sigs = np.empty((1024, NUM_PERM), np.uint32)
        self.groups: dict[str, tuple[str, str]] = {}  # id -> (version group, copy group), as read
        self.store = store  # where the groups of articles not read yet are looked up
        self.sorted_keys = np.empty(0, _U64)  # the band keys of the articles loaded, sorted
        self.sorted_rows = np.empty(0, np.int64)  # the row of each
        self.loaded = False
        self.buckets: dict[int, int | list[int]] = {}  # band key -> row(s) filed since
        self.unsaved: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, store: ArticleStore) -> VersionIndex:
        """The index of a library's stored articles, computing signatures that are missing.

        The groups are read only for the articles a run asks about (`group`): they are stored
        after each article's text, and reading them all read the whole articles table (GBs at
        100,000 articles) on every run, whatever it added. Libraries of earlier versions kept
        their signatures in `versions.pickle`, which is never read: they are computed again.
        """
        store.db.execute(VERSIONS_TABLE)
        found = cls(store)
        size = NUM_PERM * 4
        rows = store.db.execute(
            "SELECT article_id, sig FROM minhashes WHERE length(sig) = ?", (size,)
        ).fetchall()
        sigs = np.frombuffer(b"".join(sig for _, sig in rows), "<u4").reshape(-1, NUM_PERM)
        found._insert([aid for aid, _ in rows], sigs.astype(np.uint32))
        missing = [  # by the id index alone: no article's row is read
            aid for (aid,) in store.db.execute("SELECT id FROM articles") if aid not in found.rows
        ]
        for start in range(0, len(missing), 500):
            for aid, article in store.get_many(missing[start : start + 500]).items():
                found.add(aid, minhash_of(article), article.version_group, article.copy_group)
        if missing:
            found.save(store)
            store.commit()
        return found

    def group(self, article_id: str) -> tuple[str, str] | None:
        """(version group, copy group) of an article filed or stored, None for none."""
        known = self.groups.get(article_id)
        if known is None and self.store is not None:
            row = self.store.db.execute(
                "SELECT version_group, copy_group FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                known = self.groups[article_id] = (row[0], row[1])
        return known

    def save(self, store: ArticleStore) -> None:
        """Write the signatures added since the last save (the caller commits)."""
        store.db.executemany(
            "INSERT OR REPLACE INTO minhashes VALUES (?, ?)",
            [(aid, sig.astype("<u4").tobytes()) for aid, sig in self.unsaved.items()],
        )
        self.unsaved.clear()

    def _insert(
        self, ids: list[str], sigs: np.ndarray, bands: list[list[int]] | None = None
    ) -> None:
        start = len(self.ids)
        if start + len(ids) > len(self.sigs):
            grown = np.empty((max(2 * len(self.sigs), start + len(ids)), NUM_PERM), np.uint32)
            grown[:start] = self.sigs[:start]
            self.sigs = grown
        self.sigs[start : start + len(ids)] = sigs
        self.ids.extend(ids)
        self.rows.update(zip(ids, range(start, start + len(ids)), strict=True))
        if self.loaded:  # one article at a time while ingesting
            for row, row_keys in enumerate(bands or band_keys(sigs).tolist(), start):
                self._bucket(row, row_keys)
            return
        # A whole library at once: its band keys sorted, with their rows, and searched (a dict of
        # them was 1.1 s of CPU at 100,000 articles on every run, for a run that adds one).
        keys = band_keys(sigs) if bands is None else np.array(bands, dtype=_U64)
        flat = keys.ravel()
        order = np.argsort(flat, kind="stable")
        self.sorted_keys = flat[order]
        self.sorted_rows = np.repeat(np.arange(start, start + len(ids)), BANDS)[order]
        self.loaded = True

    def _bucket(self, row: int, keys: list[int]) -> None:
        for key in keys:
            held = self.buckets.setdefault(key, row)
            if held != row:
                if isinstance(held, int):
                    self.buckets[key] = [held, row]
                elif row not in held:
                    held.append(row)

    def _candidates(self, bands: list[int]) -> list[int]:
        rows: set[int] = set()
        if len(self.sorted_keys):
            asked = np.array(bands, dtype=_U64)
            starts = np.searchsorted(self.sorted_keys, asked, "left").tolist()
            ends = np.searchsorted(self.sorted_keys, asked, "right").tolist()
            for begin, end in zip(starts, ends, strict=True):
                if end > begin:
                    rows.update(self.sorted_rows[begin:end].tolist())
        for key in bands:
            held = self.buckets.get(key)
            if isinstance(held, int):
                rows.add(held)
            elif held:
                rows.update(held)
        return sorted(rows)

    def find(
        self,
        article_id: str,
        minhash: np.ndarray,
        exclude_group: str,
        bands: list[int] | None = None,
    ) -> str | None:
        """The version group of the most similar earlier near-copy in another copy group
        (`bands`: the MinHash's band keys, when the caller has them)."""
        original = self.group(exclude_group) if exclude_group != article_id else None
        if original is not None:
            return original[0]  # a copy shares its original's versions
        rows = self._candidates(_bands_of(minhash) if bands is None else bands)
        if not rows:
            return None
        agreeing = np.count_nonzero(self.sigs[rows] == minhash, axis=1)
        ranked = sorted(
            (-n, self.ids[r]) for r, n in zip(rows, agreeing.tolist(), strict=True) if n >= AGREEING
        )
        for _, other in ranked:
            version_group, copy_group = self.group(other) or ("", "")
            if other != article_id and version_group and copy_group != exclude_group:
                return version_group
        return None

    def add(
        self,
        article_id: str,
        minhash: np.ndarray,
        version_group: str,
        copy_group: str,
        bands: list[int] | None = None,
    ) -> None:
        """File an article's MinHash (`bands`: its band keys, when the caller has them)."""
        bands = _bands_of(minhash) if bands is None else bands
        row = self.rows.get(article_id)
        if row is None:
            self._insert([article_id], minhash[None, :], [bands])
        elif not np.array_equal(self.sigs[row], minhash):  # old buckets stay: find() verifies
            self.sigs[row] = minhash
            self._bucket(row, bands)
        self.groups[article_id] = (version_group, copy_group)
        self.unsaved[article_id] = minhash

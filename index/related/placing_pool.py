"""Story placing's per-article vectors made in the ingest's idle workers, ahead of the placing.

After the last commit the workers have no pages left while the indexer places the run's articles
one chunk after another. What placing makes of a chunk before matching it (`placing_of`: each
article's weighted words and entities, from its shipped profile and the word and entity counts
committed at ingest) reads only committed rows, so the workers make it, for every chunk at once,
from the store opened read-only; the indexer only matches. A chunk the workers could not make
(an article without a shipped profile, counts not current, a worker error) is made by the
indexer as before: the same placings either way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from concurrent.futures import Executor, Future
from functools import lru_cache, partial
from pathlib import Path

from index.related.relatedness import TermStats
from index.related.stories import Placing, placing_of
from index.related.story_profiles import Ahead, chunk_profiles
from index.related.term_counts import entity_count, term_counts
from index.store import ArticleStore


class _Counted:
    """The searcher `TermStats` reads in a worker: the article count only (every word's count
    is prefetched from the store; a word asked of Whoosh is an error, the chunk made at home)."""

    def __init__(self, total: int) -> None:
        self.total = total

    def doc_count(self) -> int:
        return self.total

    def doc_frequency(self, field: str, term: str) -> int:
        raise LookupError(f"{field}:{term} not counted")


@lru_cache(maxsize=1)
def _store(store_path: str) -> ArticleStore:
    """The library's store, read-only (a worker makes many chunks of a run)."""
    return ArticleStore(Path(store_path), readonly=True)


def _no_profile(article) -> None:
    raise LookupError(f"{article.id}: no shipped profile")


def first_spellings(db, ids: list[str]) -> dict[str, dict[tuple[str, str], str]]:
    """Each article's entity keys with the spelling met first for them in this order of
    articles (an entity's count is read under that spelling: `TermStats.entity_idf`), as the
    store spells them (an article's own first spelling of a key may be another one)."""
    mentions: dict[str, list[tuple[str, str]]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for aid, kind, name in db.execute(
            "SELECT article_id, kind, name FROM mentions WHERE article_id IN "
            f"({','.join('?' * len(part))})",
            part,
        ):
            mentions.setdefault(aid, []).append((kind, name))
    first: dict[tuple[str, str], str] = {}
    out: dict[str, dict[tuple[str, str], str]] = {}
    for aid in ids:
        keys = out[aid] = {}
        for kind, name in mentions.get(aid, ()):
            key = (kind, name.casefold())
            keys[key] = first.setdefault(key, name)
    return out


def chunk_placings(
    store_path: str,
    total: int,
    generation: str,
    shipped: dict[str, bytes],
    ids: list[str],
    spellings: dict[tuple[str, str], str],
) -> tuple[list[Placing], dict[tuple[str, str], int]]:
    """A chunk's placings as `StoryGrouper.place_new` makes them, and the entity counts they
    read (runs in a worker; an entity of `spellings` is counted under that spelling, the one
    the run met first in an earlier chunk as the store spells it: the indexer checks those
    counts against its own, `TermStats.adopt_entities`)."""
    store = _store(store_path)
    if term_counts(store, generation, []) is None:  # Whoosh would count them: not here
        raise LookupError("word counts not current")
    counts = partial(term_counts, store, generation)
    stats = TermStats(_Counted(total), partial(entity_count, store.db), counts)
    for key, name in spellings.items():
        stats.entity_idf(key, name)
    profiles = chunk_profiles(store, ids, _no_profile, shipped)
    stats.prefetch(t for _, pr in profiles for t in pr.terms)
    return [placing_of(a, pr, stats) for a, pr in profiles], stats.entity_articles


def placings_ahead(pool: Executor, store: ArticleStore, shipped: Mapping[str, bytes]) -> Ahead:
    """An `Ahead` for `place_new`: every chunk whose articles all have a shipped profile is
    sent to the pool at once; their placings are handed back in order when the run's counts
    take the worker's entity counts (None: make the chunk here)."""

    def ahead(todo: list[str], size: int, stats: TermStats, generation: str) -> Iterator:
        futures: list[Future | None] = []
        spelled = first_spellings(store.db, todo)
        before: set[tuple[str, str]] = set()  # the entities of the chunks before
        for start in range(0, len(todo), size):
            ids = todo[start : start + size]
            # an entity new to this chunk is counted by the worker as here (the first article
            # naming it, its spelling); one named before, under the spelling it had then
            names = {k: n for aid in ids for k, n in spelled[aid].items() if k in before}
            before.update(k for aid in ids for k in spelled[aid])
            if all(aid in shipped for aid in ids):
                part = {aid: shipped[aid] for aid in ids}
                args = (str(store.path), stats.total, generation, part, ids, names)
                futures.append(pool.submit(chunk_placings, *args))
            else:
                futures.append(None)
        for future in futures:
            try:
                placings, entities = future.result() if future else (None, {})
            except Exception:  # a worker's error: this chunk is made by the indexer
                placings, entities = None, {}
            yield placings if placings is not None and stats.adopt_entities(entities) else None

    return ahead

"""Story profiles made in the ingest workers, held packed by the indexer until placing reads them.

What placing derives from one article alone (its analysed title and lead words, its entities
and day: `stories.story_profile`) does not depend on the library, so the ingest workers make it
beside the article's postings and the serial indexer only matches it against the stories. The
indexer holds each profile packed (pickled by the worker, about 1.3 kB an article, never written
anywhere) until the run's placing; an article without one (an interrupted run, a library of
another schema, a profile that failed) is profiled from the store as before, to the same result.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Mapping

from index.records import Article
from index.related.relatedness import Profile, TermStats
from index.store import ArticleStore

# (articles to place, chunk size, the run's TermStats, index generation) -> each chunk's
# `Placing`s in order, or None for a chunk to make in the placing process (`placing_pool.py`)
Ahead = Callable[[list[str], int, TermStats, str], Iterator[list | None]]


def pack(profile: Profile) -> bytes:
    """A profile as the workers ship it and the indexer holds it."""
    return pickle.dumps(profile, pickle.HIGHEST_PROTOCOL)


def chunk_profiles(
    store: ArticleStore,
    ids: list[str],
    make: Callable[[Article], Profile],
    shipped: Mapping[str, bytes],
) -> list[tuple[Article, Profile]]:
    """Each stored article of `ids`, in order, with its profile: the one shipped by the ingest
    (with the copy and version groups the indexer gave it since; the article then holds only
    what placing reads of it besides its profile: id, header and groups), else `make` of the
    stored article."""
    held = [aid for aid in ids if aid in shipped]
    groups: dict[str, tuple[str, str]] = {}
    for start in range(0, len(held), 500):
        part = held[start : start + 500]
        groups.update(
            (aid, (copy, version))
            for aid, copy, version in store.db.execute(
                "SELECT id, copy_group, version_group FROM articles "
                f"WHERE id IN ({','.join('?' * len(part))})",
                part,
            )
        )
    articles = store.get_many([aid for aid in ids if aid not in groups], spans=False)
    out: list[tuple[Article, Profile]] = []
    for aid in ids:
        if aid in groups:
            profile: Profile = pickle.loads(shipped[aid])  # made by our own worker, this run
            copy, version = groups[aid]
            profile.copy_group = copy or aid
            profile.version_group = version or copy or aid
            article = Article(
                aid,
                profile.dump,
                "",
                profile.title,
                [],
                source=profile.source,
                date=profile.date,
                copy_group=copy,
                version_group=version,
            )
            out.append((article, profile))
        elif aid in articles:
            out.append((articles[aid], make(articles[aid])))
    return out

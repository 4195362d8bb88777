"""The library's stories: grouping at ingest (or once, for an older library) and reading them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice

from index.story_store import (
    add_list_indexes,
    all_stories_of,
    get_story,
    has_list_indexes,
    is_complete,
    list_stories,
    stories_of,
    story_members,
    story_of,
)

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from concurrent.futures import Executor

    from index.ingest import ProgressCallback
    from index.records import Article, RelatedItem, Story

FIRST_STORIES = 16  # an export's first articles, looked up by id (= export.FIRST_BATCH)
PLACING = "grouping into stories"
REGROUP = "grouping the whole library into stories (once, after an upgrade)"


class LibraryStories:
    """Story methods of `Library` (a mixin: it uses the library's store, engine and lock)."""

    def _place_stories(
        self,
        shipped: Mapping[str, bytes] | None = None,
        progress: ProgressCallback | None = None,
        whole: bool = False,
        pool: Executor | None = None,
    ) -> int:
        """Place the articles not yet in a story (the caller holds the writer lock); `shipped`:
        the story profiles an ingest's workers made (`index/related/story_profiles.py`);
        `progress` gets a stage, marked `once` with `whole`: the articles indexed before this
        run are grouped too (a library grouped by an earlier version or before stories, or an
        interrupted grouping: minutes at 100,000 articles, so it says why); `pool`: the ingest's
        workers, idle by now, make the articles' placings ahead (`related/placing_pool.py`)."""
        from index.related import StoryGrouper, placings_ahead

        stage = REGROUP if whole else PLACING
        self.store.convert()  # the entity counts the front page's filter reads (older libraries)
        self.refresh()
        grouper = StoryGrouper(self.engine, self.store)
        ahead = placings_ahead(pool, self.store, shipped) if pool and shipped else None
        if progress is None:  # `stories` or the front page: no ingest imported
            return grouper.place_new(shipped=shipped, ahead=ahead)
        from index.ingest import Progress

        return grouper.place_new(
            lambda done, total: progress(Progress(done, total, stage=stage, once=stage == REGROUP)),
            shipped,
            ahead,
        )

    def _with_story(self, article: Article) -> Article:
        article.story = story_of(self.store.db, article.id)
        return article

    def _with_stories(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles with their story ids: the first ones looked up by id (an export's first
        line waits for no read of the whole table, a short one never reads it), the rest from
        one read of every article's story."""
        articles = iter(articles)
        first = list(islice(articles, FIRST_STORIES))
        stories = stories_of(self.store.db, [a.id for a in first])
        for article in first:
            article.story = stories.get(article.id, "")
            yield article
        if len(first) < FIRST_STORIES:
            return
        stories = all_stories_of(self.store.db)
        for article in articles:
            article.story = stories.get(article.id, "")
            yield article

    def story(self, article_id: str) -> list[RelatedItem]:
        """The story of an article (or the story with that id) across the dumps, in date order:
        its stored members, or (stories not grouped yet, read-only) its closest related ones."""
        article = self.article(article_id)
        if article.story:
            return story_members(self.store.db, article.story)
        return self.finder.story(article)

    def story_info(self, story_id: str) -> Story | None:
        """A story's label, counts, dumps, sources and date span (None: no such story)."""
        return get_story(self.store.db, story_id)

    def needs_stories(self) -> bool:
        """Articles not yet grouped into stories (a library written before stories)."""
        return not is_complete(self.store)

    def ensure_stories(self) -> int:
        """Group a library written before stories (done once, on the first call that needs
        them; a read-only library or one being indexed is left as it is). Articles placed.
        A library grouped before the front page's indexes gets them here, once."""
        if self.readonly:
            return 0
        if is_complete(self.store):
            if not has_list_indexes(self.store.db):
                with self._writer_lock(wait=False) as got:
                    if got:
                        add_list_indexes(self.store.db)
            return 0
        with self._writer_lock(wait=False) as got:
            return self._place_stories() if got else 0

    def stories(
        self,
        dump: str = "",
        since: str = "",
        entity: str = "",
        newest: bool = False,
        limit: int = 50,
    ) -> list[Story]:
        """The library's stories, biggest (or newest) first, narrowed by dump, date and entity."""
        self.ensure_stories()
        return list_stories(self.store.db, dump, since, entity, newest, limit)

"""The side pane: the open article's entities over its related coverage, ranked in a worker."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.worker import get_current_worker

from index.records import Article, Related
from widgets.entity_sidebar import EntitySidebar
from widgets.related_panel import RelatedPanel

RelatedFunction = Callable[[str], Related]  # `Library.related`, handed in by the screen
NoteFunction = Callable[[Article], str]  # `Library.entities_note`: what was not looked for
# Seconds an article stays open before its related coverage is ranked: while the user types or
# runs down the results, ranking each passing article would compete with the search for the CPU.
RELATED_DELAY = 0.25
RELATED_CACHE = 256  # related lists kept per article


class SidePane(Vertical):
    """Entity sidebar and related panel of one article; their messages go on to the screen."""

    def __init__(
        self, related: RelatedFunction, entities_note: NoteFunction | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._related = related
        self._entities_note = entities_note or (lambda article: "")
        self._cache: dict[str, Related] = {}
        self._timer: Timer | None = None
        self._article_id: str | None = None  # the article shown

    def compose(self) -> ComposeResult:
        yield EntitySidebar(id="entities")
        yield RelatedPanel(id="related")

    def on_mount(self) -> None:
        self.entity_sidebar.border_title = "Entities"
        self.related_panel.border_title = "Related coverage"

    @property
    def entity_sidebar(self) -> EntitySidebar:
        return self.query_one("#entities", EntitySidebar)

    @property
    def related_panel(self) -> RelatedPanel:
        return self.query_one("#related", RelatedPanel)

    @property
    def is_busy(self) -> bool:
        """True while related coverage waits to be ranked."""
        return self._timer is not None

    def show_article(self, article: Article) -> None:
        """Show the entities of `article` now and its related coverage once the user rests on it."""
        self._article_id = article.id
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.entity_sidebar.show_entities(article.entities, self._entities_note(article))
        cached = self._cache.get(article.id)
        if cached is not None:
            self.related_panel.show_related(cached, article.date)
            return
        self.related_panel.show_loading()

        def rank_related() -> None:
            self._timer = None
            self._related_worker(article.id, article.date)

        self._timer = self.set_timer(RELATED_DELAY, rank_related)

    def forget_related(self) -> None:
        """Drop the related lists kept: the library changed."""
        self._cache.clear()

    @work(thread=True, exclusive=True, group="related")
    def _related_worker(self, article_id: str, date: str) -> None:
        try:
            related = self._related(article_id)
        except Exception as exc:  # related coverage is a help, never a reason to stop reading
            self.app.call_from_thread(
                self.notify, f"Related coverage failed: {exc}", severity="warning", markup=False
            )
            related = Related(id=article_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_related, related, date)

    def _show_related(self, related: Related, date: str) -> None:
        if len(self._cache) >= RELATED_CACHE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[related.id] = related
        if related.id == self._article_id:  # still the open article
            self.related_panel.show_related(related, date)

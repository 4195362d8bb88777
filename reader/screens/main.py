"""The main screen: search pane, article view, entity sidebar and related panel, wired together."""

from __future__ import annotations

import threading
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from index.library import Library, LibraryError
from index.records import Article, Related, SearchResult
from reader.navigation import FOLLOW, ArticleHistory, Visit
from reader.screens.main_actions import NARROW, MainActions
from reader.state import QueryHistory, ReaderConfig, SavedSearches
from widgets.article_view import ArticleView
from widgets.display_text import query_terms
from widgets.entity_sidebar import EntitySidebar
from widgets.find_bar import FindBar
from widgets.messages import (
    EntityChosen,
    HitChosen,
    HitHighlighted,
    MoreHitsWanted,
    QuerySubmitted,
    RelatedChosen,
)
from widgets.related_panel import RelatedPanel
from widgets.results_list import ResultsList
from widgets.search_box import SearchBox
from widgets.status_line import StatusLine

FOLLOW_DELAY = 0.05  # seconds the results cursor rests on a hit before the article follows
TYPING_FOLLOW_DELAY = 0.3  # the same while the user types a query: the results come first
# Seconds an article stays open before its related coverage is ranked: while the user types or
# runs down the results, ranking each passing article would compete with the search for the CPU.
RELATED_DELAY = 0.25
RELATED_CACHE = 256  # related lists kept per article
UPDATE_CHECK_SECONDS = 5.0  # how often to look for articles another process committed


class MainScreen(MainActions, Screen[None]):
    """The reader's three panes; the library is only called from thread workers."""

    BINDINGS = [
        Binding("slash", "focus_query", "Search"),
        Binding("e", "focus_entities", "Entities"),
        Binding("r", "focus_related", "Related"),
        Binding("left_square_bracket,alt+left", "back", "Back"),
        Binding("right_square_bracket,alt+right", "forward", "Forward"),
        Binding("f,ctrl+f", "find", "Find"),
        Binding("n", "find_next(1)", "Next match", show=False),
        Binding("N", "find_next(-1)", "Previous match", show=False),
        Binding("o", "cycle_sort", "Sort"),
        Binding("s", "story", "Story"),
        Binding("ctrl+n", "story_step(1)", "Next article of the story", show=False),
        Binding("ctrl+p", "story_step(-1)", "Previous article of the story", show=False),
        Binding("E", "entity_browser", "Entity browser", show=False),
        Binding("ctrl+y", "accept_correction", "Accept “did you mean”", show=False),
        Binding("F", "facets", "Filter by dump, source, language", show=False),
        Binding("S", "save_search", "Save the query", show=False),
        Binding("L", "saved_searches", "Saved searches", show=False),
        Binding("f2,less_than_sign", "toggle_search_pane", "Hide/show search pane", show=False),
        Binding("f3,greater_than_sign", "toggle_side_pane", "Hide/show side pane", show=False),
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        library: Library,
        config: ReaderConfig,
        history: QueryHistory,
        saved: SavedSearches,
    ) -> None:
        super().__init__()
        self.library = library
        self.config = config
        self.history = history
        self.saved = saved
        self.nav = ArticleHistory()
        self.sort = config.sort
        self.filters: dict[str, str] = {}
        self.last_result: SearchResult | None = None
        self.results_shown_at = 0.0
        self.terms: list[str] = []
        self._search_lock = threading.Lock()  # one search at a time; stale ones skip their turn
        self._related_cache: dict[str, Related] = {}
        self._search_gen = 0
        self._article_gen = 0
        self._search_timer: Timer | None = None
        self._follow_timer: Timer | None = None
        self._related_timer: Timer | None = None
        self._searching = False
        self._loading_article = False
        self._side_choice: bool | None = None  # None: follow the terminal width
        self._search_made_way = False  # hidden to make room for the side pane

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="search-pane", classes="pane"):
                yield SearchBox(history=self.history.entries, id="query")
                yield ResultsList(id="results")
            with Vertical(id="article-pane", classes="pane"):
                yield ArticleView(
                    self.config.max_paragraphs, self.config.max_paragraph_chars, id="article"
                )
                yield FindBar(id="find")
            with Vertical(id="side-pane", classes="pane"):
                yield EntitySidebar(id="entities")
                yield RelatedPanel(id="related")
        yield StatusLine(id="status")
        yield Footer()

    # -- widgets ------------------------------------------------------------------------------

    @property
    def query_box(self) -> SearchBox:
        return self.query_one("#query", SearchBox)

    @property
    def results(self) -> ResultsList:
        return self.query_one("#results", ResultsList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def entity_sidebar(self) -> EntitySidebar:
        return self.query_one("#entities", EntitySidebar)

    @property
    def related_panel(self) -> RelatedPanel:
        return self.query_one("#related", RelatedPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def is_busy(self) -> bool:
        """True while a search, an article or related coverage is still on its way."""
        return bool(
            self._searching
            or self._loading_article
            or self._search_timer is not None
            or self._follow_timer is not None
            or self._related_timer is not None
            or any(w.is_running for w in self.app.workers if w.node is self)
        )

    def on_mount(self) -> None:
        self.results.border_title = "Results"
        self.article_view.border_title = "Article"
        self.entity_sidebar.border_title = "Entities"
        self.related_panel.border_title = "Related coverage"
        self.query_one("#find", FindBar).display = False
        self.article_view.show_message("Opening the library…")
        self.status.set_status(stats=self.library.stats(), sort=self.sort)
        self._fit_to_width(self.app.size.width)
        self.run_search(self.query_box.value)
        self.results.focus()
        self.set_interval(UPDATE_CHECK_SECONDS, self.check_for_updates)

    def on_resize(self, event) -> None:
        self._fit_to_width(event.size.width)

    def _fit_to_width(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < 70, "-tiny")
        if self._side_choice is None:
            self.query_one("#side-pane").display = width >= NARROW and self.config.show_side_panes
        if width >= NARROW and self._search_made_way:
            self._search_made_way = False
            self.query_one("#search-pane").display = True

    # -- searching ----------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if self._follow_timer is not None:  # new results are coming: don't open the old first hit
            self._follow_timer.stop()
            self._follow_timer = None
        delay = self.config.search_delay_ms / 1000
        self._search_timer = self.set_timer(max(delay, 0.001), self._search_typed_query)

    def _search_typed_query(self) -> None:
        self._search_timer = None
        self.run_search(self.query_box.value)

    def run_search(self, query: str, keep_article: str | None = None) -> None:
        """Search now (in a thread worker); an older search still running is dropped."""
        self._search_gen += 1
        self._searching = True
        self.status.set_status(busy="searching…")
        self._search_worker(query, self.sort, dict(self.filters), self._search_gen, keep_article)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(
        self, query: str, sort: str, filters: dict, gen: int, keep_article: str | None
    ) -> None:
        worker = get_current_worker()
        try:
            with self._search_lock:
                if worker.is_cancelled:
                    return
                result = self.library.search(
                    query, limit=self.config.page_size, sort=sort, filters=filters or None
                )
        except Exception as exc:  # a damaged index must not take the reader down
            self.app.call_from_thread(self._search_failed, gen, f"{type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_result, result, gen, keep_article)

    def _search_failed(self, gen: int, message: str) -> None:
        if gen == self._search_gen:
            self._searching = False
            self.status.set_status(busy="")
            self.notify(message, title="Search failed", severity="error", markup=False)

    def _show_result(self, result: SearchResult, gen: int, keep_article: str | None) -> None:
        if gen != self._search_gen or result.query != self.query_box.value:
            return  # a newer query is on its way: this answer is stale
        self._searching = False
        self.last_result = result
        self.results_shown_at = time.perf_counter()  # for the keystroke-to-results benchmark
        self.terms = result.terms or query_terms(result.query)
        self.status.set_status(result=result, busy="", sort=self.sort, filters=self.filters)
        self.results.show_hits(result.hits, result.total, keep_article)
        if not result.hits:
            self.results.border_subtitle = "no matches"
        else:
            self.results.border_subtitle = f"{result.total:,}"

    @on(MoreHitsWanted)
    def _more_hits(self, message: MoreHitsWanted) -> None:
        query = self.last_result.query if self.last_result else self.query_box.value
        self._page_worker(query, self.sort, dict(self.filters), self._search_gen, message.offset)

    @work(thread=True, exclusive=True, group="page")
    def _page_worker(self, query: str, sort: str, filters: dict, gen: int, offset: int) -> None:
        with self._search_lock:
            result = self.library.search(
                query,
                limit=self.config.page_size,
                offset=offset,
                sort=sort,
                filters=filters or None,
            )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._append_page, result, gen, offset)

    def _append_page(self, result: SearchResult, gen: int, offset: int) -> None:
        if gen == self._search_gen:
            self.results.append_hits(result.hits, offset)

    def search_for(self, query: str) -> None:
        """Put `query` in the box, search it, and move to the results."""
        self.query_box.set_query(query)
        self.history.add(query)
        self.run_search(query)
        self.results.focus()

    @on(QuerySubmitted)
    def _query_submitted(self, message: QuerySubmitted) -> None:
        self.history.add(message.query)
        if self._search_timer is not None:  # enter before the debounce: search at once
            self._search_timer.stop()
            self._search_timer = None
            self.run_search(self.query_box.value)
        self.results.focus()

    @on(EntityChosen)
    def _entity_chosen(self, message: EntityChosen) -> None:
        name = message.name.replace('"', " ").strip()
        self.search_for(f'{message.kind}:"{name}"')

    # -- opening articles ---------------------------------------------------------------------

    @on(HitHighlighted)
    def _hit_highlighted(self, message: HitHighlighted) -> None:
        if self._follow_timer is not None:
            self._follow_timer.stop()

        def follow() -> None:
            self._follow_timer = None
            self.open_article(message.article_id, FOLLOW)

        typing = self.query_box.has_focus
        self._follow_timer = self.set_timer(TYPING_FOLLOW_DELAY if typing else FOLLOW_DELAY, follow)

    @on(HitChosen)
    def _hit_chosen(self, message: HitChosen) -> None:
        self.history.add(self.query_box.value)
        self.open_article(message.article_id, "opened")
        self.article_view.focus()

    @on(RelatedChosen)
    def _related_chosen(self, message: RelatedChosen) -> None:
        self.open_article(message.article_id, "related")
        self.article_view.focus()

    def open_article(self, article_id: str, via: str, terms: list[str] | None = None) -> None:
        """Show an article (loaded in a thread worker) and record it in the back/forward list."""
        if terms is None:
            terms = self.terms if via in (FOLLOW, "opened") else []
        view = self.article_view
        if view.article is not None and view.article.id == article_id:
            self._loading_article = False
            self._article_gen += 1  # an older load still on its way must not replace it
            if terms != getattr(self, "_shown_terms", None):
                view.show_article(view.article, terms)
                self._shown_terms = terms
            if via != "history":
                self.nav.visit(Visit(article_id, via, terms))
            return
        self._article_gen += 1
        self._loading_article = True
        self._article_worker(article_id, via, terms, self._article_gen)

    @work(thread=True, exclusive=True, group="article")
    def _article_worker(self, article_id: str, via: str, terms: list[str], gen: int) -> None:
        try:
            article = self.library.article(article_id)
        except LibraryError as exc:
            self.app.call_from_thread(self._article_failed, gen, str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_article, article, via, terms, gen)

    def _article_failed(self, gen: int, message: str) -> None:
        if gen == self._article_gen:
            self._loading_article = False
            self.notify(message, title="Cannot open the article", severity="error", markup=False)

    def _show_article(self, article: Article, via: str, terms: list[str], gen: int) -> None:
        if gen != self._article_gen:
            return
        self._loading_article = False
        if self._related_timer is not None:
            self._related_timer.stop()
            self._related_timer = None
        self.article_view.show_article(article, terms)
        self._shown_terms = terms
        self.query_one("#article-pane").border_subtitle = ""
        self.entity_sidebar.show_entities(article.entities)
        if via != "history":
            self.nav.visit(Visit(article.id, via, terms))
        cached = self._related_cache.get(article.id)
        if cached is not None:
            self.related_panel.show_related(cached, article.date)
        else:
            self.related_panel.show_loading()

            def rank_related() -> None:
                self._related_timer = None
                self._related_worker(article.id, article.date)

            self._related_timer = self.set_timer(RELATED_DELAY, rank_related)

    @work(thread=True, exclusive=True, group="related")
    def _related_worker(self, article_id: str, date: str) -> None:
        try:
            related = self.library.related(article_id)
        except Exception as exc:  # related coverage is a help, never a reason to stop reading
            self.app.call_from_thread(
                self.notify, f"Related coverage failed: {exc}", severity="warning", markup=False
            )
            related = Related(id=article_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_related, related, date)

    def _show_related(self, related: Related, date: str) -> None:
        if len(self._related_cache) >= RELATED_CACHE:
            self._related_cache.pop(next(iter(self._related_cache)))
        self._related_cache[related.id] = related
        shown = self.article_view.article
        if shown is not None and shown.id == related.id:  # still the open article
            self.related_panel.show_related(related, date)

    # -- keeping up with other processes ------------------------------------------------------

    @work(thread=True, exclusive=True, group="refresh")
    def check_for_updates(self) -> None:
        changed = self.library.refresh()
        stats = self.library.stats() if changed else None
        if changed and stats is not None:
            self.app.call_from_thread(self._library_changed, stats)

    def _library_changed(self, stats) -> None:
        self._related_cache.clear()
        self.status.set_status(stats=stats)
        self.run_search(self.query_box.value, keep_article=self.article_view.article_id)

"""The search pane: the query box over the results, and the thread workers that fill them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from index.records import SearchResult
from reader.settings import SORTS, ReaderConfig
from reader.state import QueryHistory
from widgets.display_text import query_terms
from widgets.messages import (
    HitChosen,
    HitHighlighted,
    HitRested,
    MoreHitsWanted,
    QuerySubmitted,
    ResultsShown,
    SearchFailed,
    SearchStarted,
)
from widgets.results_list import FETCH_AHEAD, ResultsList
from widgets.search_box import SearchBox

SearchFunction = Callable[..., SearchResult]  # `Library.search`, handed in by the screen
FOLLOW_DELAY = 0.05  # seconds the results cursor rests on a hit before the article follows
# A search not answered this soon says "searching…" in the status line: a fast one goes straight
# to its results, without a frame of its own drawn while the search thread needs the CPU
BUSY_NOTICE_DELAY = 0.15
LINES_PER_HIT = 4  # a hit's title, meta and snippet lines and the divider under it
TYPING_FOLLOW_DELAY = 0.3  # the same while the user types a query: the results come first


class SearchPane(Vertical):
    """Searches as the user types (one search at a time; stale answers are dropped).

    Holds what the search is: the sort, the filters, the last answer and its words. Posts
    `SearchStarted`, `ResultsShown` or `SearchFailed` for the status line and `HitRested` when
    the results cursor rests on a hit; `HitChosen` and `QuerySubmitted` go on to the screen.
    """

    def __init__(
        self, search: SearchFunction, config: ReaderConfig, history: QueryHistory, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._search = search
        self.config = config
        self.history = history
        self.sort = config.sort
        self.filters: dict[str, str] = {}
        self.last_result: SearchResult | None = None
        self.results_shown_at = 0.0  # for the keystroke-to-results benchmark
        self.terms: list[str] = []  # the words of the last answer, highlighted in articles
        self.generation = 0  # of the newest search; answers to older ones are dropped
        self.follow_timer: Timer | None = None
        self._lock = threading.Lock()  # one search at a time; stale ones skip their turn
        self._search_timer: Timer | None = None
        self._busy_timer: Timer | None = None
        self._searching = False

    def compose(self) -> ComposeResult:
        yield SearchBox(history=self.history.entries, id="query")
        yield ResultsList(id="results")

    def on_mount(self) -> None:
        self.results.border_title = "Results"

    @property
    def query_box(self) -> SearchBox:
        return self.query_one("#query", SearchBox)

    @property
    def results(self) -> ResultsList:
        return self.query_one("#results", ResultsList)

    @property
    def is_busy(self) -> bool:
        """True while a search is typed, on its way, or its first hit is about to be previewed."""
        return bool(
            self._searching or self._search_timer is not None or self.follow_timer is not None
        )

    # -- searching ----------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if self.follow_timer is not None:  # new results are coming: don't open the old first hit
            self.follow_timer.stop()
            self.follow_timer = None
        delay = self.config.search_delay_ms / 1000
        if delay <= 0:  # at once: a search still running hands over to this one when done
            self._search_timer = None
            self.run_search()
        else:
            self._search_timer = self.set_timer(delay, self._search_typed_query)

    def _search_typed_query(self) -> None:
        self._search_timer = None
        self.run_search()

    def run_search(self, keep_article: str | None = None) -> None:
        """Search the query box now (in a thread worker); an older search still running is dropped.

        `keep_article` stays highlighted when the new results list it.
        """
        self.generation += 1
        self._searching = True
        if self._busy_timer is None:
            self._busy_timer = self.set_timer(BUSY_NOTICE_DELAY, self._still_searching)
        query = self.query_box.value
        # a hit to keep highlighted may be further down: the whole page then, as ever
        limit = self.config.page_size if keep_article else self.first_page_size()
        self._search_worker(
            query, self.sort, dict(self.filters), self.generation, keep_article, limit
        )

    def first_page_size(self) -> int:
        """Hits to fetch first: the list's height of them and the distance it fetches ahead.

        Snippets are the dear part of a search; the rest come page by page as the cursor nears them.
        """
        shown = max(self.results.size.height, self.app.size.height) // LINES_PER_HIT + 1
        return min(self.config.page_size, shown + FETCH_AHEAD)

    def _still_searching(self) -> None:
        self._busy_timer = None
        if self._searching:
            self.post_message(SearchStarted())

    def _search_done(self) -> None:
        self._searching = False
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(
        self, query: str, sort: str, filters: dict, gen: int, keep_article: str | None, limit: int
    ) -> None:
        worker = get_current_worker()
        try:
            with self._lock:
                if worker.is_cancelled:
                    return
                result = self._search(query, limit=limit, sort=sort, filters=filters or None)
        except Exception as exc:  # a damaged index must not take the reader down
            self.app.call_from_thread(self._search_failed, gen, f"{type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_result, result, gen, keep_article)

    def _search_failed(self, gen: int, message: str) -> None:
        if gen == self.generation:
            self._search_done()
            self.post_message(SearchFailed(message))

    def show_result(self, result: SearchResult, gen: int, keep_article: str | None) -> None:
        """List the answer to search number `gen`, unless a newer query is on its way."""
        if gen != self.generation or result.query != self.query_box.value:
            return  # a newer query is on its way: this answer is stale
        self._search_done()
        self.last_result = result
        self.results_shown_at = time.perf_counter()
        self.terms = result.terms or query_terms(result.query)
        self.post_message(ResultsShown(result))
        self.results.show_hits(result.hits, result.total, keep_article)
        if not result.hits:
            self.results.border_subtitle = "no matches"
        else:
            self.results.border_subtitle = f"{result.total:,}"

    @on(MoreHitsWanted)
    def _more_hits(self, message: MoreHitsWanted) -> None:
        message.stop()
        query = self.last_result.query if self.last_result else self.query_box.value
        self._page_worker(query, self.sort, dict(self.filters), self.generation, message.offset)

    @work(thread=True, exclusive=True, group="page")
    def _page_worker(self, query: str, sort: str, filters: dict, gen: int, offset: int) -> None:
        with self._lock:
            result = self._search(
                query,
                limit=self.config.page_size,
                offset=offset,
                sort=sort,
                filters=filters or None,
            )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._append_page, result, gen, offset)

    def _append_page(self, result: SearchResult, gen: int, offset: int) -> None:
        if gen == self.generation:
            self.results.append_hits(result.hits, offset)

    # -- what the screen asks for -------------------------------------------------------------

    def search_for(self, query: str) -> None:
        """Put `query` in the box, search it, and move to the results."""
        self.query_box.set_query(query)
        self.history.add(query)
        self.run_search()
        self.results.focus()

    def cycle_sort(self, keep_article: str | None) -> None:
        """Sort by the next of relevance, newest and oldest, and search again."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort}")
        self.run_search(keep_article=keep_article)

    def accept_correction(self) -> None:
        """Search the "did you mean" suggestion of the last answer."""
        result = self.last_result
        if result is None or not result.correction:
            self.notify("No suggestion for this query")
            return
        self.search_for(result.correction)

    def filter_by(self, choice: tuple[str, str] | None) -> None:
        """Make a (facet, value) a filter, or drop it when it is one; None drops every filter."""
        if choice is None:
            self.filters.clear()
        else:
            facet, value = choice
            if self.filters.get(facet) == value:
                del self.filters[facet]
            else:
                self.filters[facet] = value
        self.run_search()

    # -- the user's moves ---------------------------------------------------------------------

    @on(QuerySubmitted)
    def _query_submitted(self, message: QuerySubmitted) -> None:
        message.stop()
        self.history.add(message.query)
        if self._search_timer is not None:  # enter before the debounce: search at once
            self._search_timer.stop()
            self._search_timer = None
            self.run_search()
        self.results.focus()

    @on(HitHighlighted)
    def _hit_highlighted(self, message: HitHighlighted) -> None:
        message.stop()
        if self.follow_timer is not None:
            self.follow_timer.stop()

        def follow() -> None:
            self.follow_timer = None
            self.post_message(HitRested(message.article_id))

        typing = self.query_box.has_focus
        self.follow_timer = self.set_timer(TYPING_FOLLOW_DELAY if typing else FOLLOW_DELAY, follow)

    @on(HitChosen)
    def _hit_chosen(self) -> None:
        self.history.add(self.query_box.value)  # the message goes on: the screen opens the hit

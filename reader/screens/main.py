"""The main screen: the search pane, the article pane and the side pane, wired together."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer

from index.library import Library, LibraryError
from index.records import SearchResult, Stats
from reader.keys import KeysInDeclaredOrder
from reader.marking import Marking
from reader.navigation import FOLLOW, ArticleHistory, Visit, story_neighbour
from reader.panes import ArticlePane, SearchPane, SidePane
from reader.screens.facets import CLEAR, FacetScreen
from reader.screens.help import main_help
from reader.screens.main_layout import PaneLayout
from reader.settings import ReaderConfig
from reader.state import QueryHistory, SavedSearches
from widgets.article_view import ArticleView
from widgets.entity_sidebar import EntitySidebar
from widgets.key_footer import KeyFooter
from widgets.messages import (
    ArticleShown,
    DiffWanted,
    EntityCardWanted,
    EntityChosen,
    FacetChosen,
    HitChosen,
    HitRested,
    RelatedChosen,
    ResultsShown,
    SearchFailed,
    SearchStarted,
)
from widgets.related_panel import RelatedPanel
from widgets.results_list import ResultsList
from widgets.search_box import SearchBox
from widgets.status_line import StatusLine

UPDATE_CHECK_SECONDS = 5.0  # how often to look for articles another process committed
ScreenResult = tuple[str, str] | None  # ("search", query), ("open", article_id) or None


class MainScreen(KeysInDeclaredOrder, Screen[None]):
    """The reader's three panes; the library is only called from thread workers."""

    # focused from the start: the query box first, then the results, drew the footer twice
    AUTO_FOCUS = "#results"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),  # first: the footer cuts the last
        Binding("slash", "focus_query", "Search", id="search"),
        Binding("e", "focus_entities", "Entities", id="entities"),
        Binding("r", "focus_related", "Related", id="related"),
        Binding("left_square_bracket,alt+left", "back", "Back", id="back"),
        Binding("right_square_bracket,alt+right", "forward", "Forward", id="forward"),
        Binding("f,ctrl+f", "find", "Find", id="find"),
        Binding("n", "find_next(1)", "Next match", show=False, id="next_match"),
        Binding("N", "find_next(-1)", "Previous match", show=False, id="previous_match"),
        Binding("o", "cycle_sort", "Sort", id="sort"),
        Binding("s", "story", "Story", id="story"),
        Binding("ctrl+n", "story_step(1)", "Next in the story", False, id="story_next"),
        Binding("ctrl+p", "story_step(-1)", "Previous in the story", False, id="story_previous"),
        Binding("E", "entity_browser", "Entity browser", show=False, id="entity_browser"),
        Binding("H", "front_page", "Stories", show=False, id="front_page"),  # help, palette
        Binding("ctrl+y", "accept_correction", "Accept “did you mean”", False, id="correction"),
        Binding("F", "facets", "Filter by dump, source, language", show=False, id="facets"),
        Binding("S", "save_search", "Save the query", show=False, id="save_search"),
        Binding("L", "saved_searches", "Saved searches", show=False, id="saved_searches"),
        Binding("f2,less_than_sign", "toggle_search_pane", "Hide/show search pane", False,
                id="search_pane"),
        Binding("f3,greater_than_sign", "toggle_side_pane", "Hide/show side pane", False,
                id="side_pane"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="previous_pane"),
        Binding("u", "mark('toggle_read')", "Read/unread", id="toggle_read"),
        Binding("asterisk", "mark('toggle_star')", "Star/unstar", id="star"),
        Binding("plus", "mark('add_tag')", "Add a tag", show=False, id="add_tag"),
        Binding("minus", "mark('remove_tag')", "Remove a tag", show=False, id="remove_tag"),
        Binding("T", "mark('tag_list')", "Tags", show=False, id="tags"),
        Binding("x", "mark('export')", "Export the results", show=False, id="export"),
        Binding("O", "open_original", "Open the original in a browser", False,
                id="open_original"),
    ]  # fmt: skip

    def __init__(
        self, library: Library, config: ReaderConfig, history: QueryHistory, saved: SavedSearches
    ) -> None:
        super().__init__()
        self.library = library
        self.config = config
        self.history = history
        self.saved = saved
        self.nav = ArticleHistory()
        self.marking = Marking(self)

    def compose(self) -> ComposeResult:
        library, config = self.library, self.config
        self.search_pane = SearchPane(library.search, config, self.history, id="search-pane")
        self.article_pane = ArticlePane(library.article, config, id="article-pane")
        self.side_pane = SidePane(library.related, library.entities_note, id="side-pane")
        self.panes = PaneLayout(
            self, self.search_pane, self.side_pane, self._focus_article, config.show_side_panes
        )
        with Horizontal(id="panes"):
            yield self.search_pane
            yield self.article_pane
            yield self.side_pane
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.status.set_status(stats=self.library.size(), sort=self.sort)
        self.panes.fit(self.app.size.width)
        self.search_pane.run_search()
        self.results.focus()
        self.panes.start(self.config, self.entity_sidebar, self.related_panel)
        self.set_interval(UPDATE_CHECK_SECONDS, self.check_for_updates)

    def on_resize(self, event) -> None:
        self.panes.fit(event.size.width)

    def _focus_article(self) -> None:
        self.article_view.focus()

    # -- the panes and their widgets ----------------------------------------------------------

    @property
    def query_box(self) -> SearchBox:
        return self.search_pane.query_box

    @property
    def results(self) -> ResultsList:
        return self.search_pane.results

    @property
    def article_view(self) -> ArticleView:
        return self.article_pane.view

    @property
    def entity_sidebar(self) -> EntitySidebar:
        return self.side_pane.entity_sidebar

    @property
    def related_panel(self) -> RelatedPanel:
        return self.side_pane.related_panel

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def is_busy(self) -> bool:
        """True while a search, an article or related coverage is still on its way."""
        nodes = (self, self.search_pane, self.article_pane, self.side_pane)
        return bool(
            self.search_pane.is_busy or self.article_pane.is_loading or self.side_pane.is_busy
            or any(w.is_running for w in self.app.workers if w.node in nodes)
        )  # fmt: skip

    # -- the search the screen shows (held by the search pane) --------------------------------

    @property
    def sort(self) -> str:
        return self.search_pane.sort

    @property
    def filters(self) -> dict[str, str]:
        return self.search_pane.filters

    @property
    def last_result(self) -> SearchResult | None:
        return self.search_pane.last_result

    @property
    def terms(self) -> list[str]:
        return self.search_pane.terms

    @property
    def _follow_timer(self) -> Timer | None:  # read by the pilot tests
        return self.search_pane.follow_timer

    @property
    def _search_gen(self) -> int:  # read by the pilot tests
        return self.search_pane.generation

    def _show_result(self, result: SearchResult, gen: int, keep_article: str | None) -> None:
        """Hand an answer to the search pane (the pilot tests feed it stale ones)."""
        self.search_pane.show_result(result, gen, keep_article)

    # -- what the panes report ----------------------------------------------------------------

    @on(SearchStarted)
    def _search_started(self) -> None:
        self.status.set_status(busy="searching…", filters=self.filters)

    @on(SearchFailed)
    def _search_failed(self, message: SearchFailed) -> None:
        self.status.set_status(busy="")
        self.notify(message.error, title="Search failed", severity="error", markup=False)

    @on(ResultsShown)
    def _results_shown(self, message: ResultsShown) -> None:
        self.status.set_status(result=message.result, busy="", sort=self.sort, filters=self.filters)
        if not (message.result.total or message.result.query.strip() or self.filters):
            self.article_pane.show_empty_library(self.library.path)  # an empty query finds all

    @on(HitRested)
    def _hit_rested(self, message: HitRested) -> None:
        self.open_article(message.article_id, FOLLOW)

    @on(HitChosen)
    def _hit_chosen(self, message: HitChosen) -> None:
        self.open_article(message.article_id, "opened")
        self.article_view.focus()

    @on(RelatedChosen)
    def _related_chosen(self, message: RelatedChosen) -> None:
        self.open_article(message.article_id, "related")
        self.article_view.focus()

    @on(EntityChosen)
    def _entity_chosen(self, message: EntityChosen) -> None:
        name = message.name.replace('"', " ").strip()
        self.search_pane.search_for(f'{message.kind}:"{name}"')

    @on(ArticleShown)
    def _article_shown(self, message: ArticleShown) -> None:
        self.side_pane.show_article(message.article)
        if message.via != "history":
            self.nav.visit(Visit(message.article.id, message.via, message.terms))

    @on(FacetChosen)
    def _facet_chosen(self, message: FacetChosen) -> None:
        self._facet_picked((message.facet, message.value))

    @on(EntityCardWanted)
    def _entity_card_wanted(self, message: EntityCardWanted) -> None:
        from reader.screens.entity_card import EntityCardScreen  # the dialogs: on first use

        screen = EntityCardScreen(self.library, message.name, message.kind)
        self.app.push_screen(screen, self.screen_result)

    @on(DiffWanted)
    def _diff_wanted(self, message: DiffWanted) -> None:
        from reader.screens.version_diff import VersionDiffScreen

        screen = VersionDiffScreen(self.library, message.old_id, message.new_id)
        self.app.push_screen(screen, self.screen_result)

    # -- searching and opening ----------------------------------------------------------------

    def open_article(self, article_id: str, via: str, terms: list[str] | None = None) -> None:
        """Show an article (loaded in a thread worker) and record it in the back/forward list."""
        if terms is None:
            terms = self.terms if via in (FOLLOW, "opened") else []
        if via != FOLLOW:  # opened for reading: now read
            self.marking.opened(article_id)
        if self.article_pane.open(article_id, via, terms) and via != "history":
            self.nav.visit(Visit(article_id, via, terms))

    def screen_result(self, result: ScreenResult) -> None:
        """What a dismissed screen asked for: run a search or open an article."""
        if not result:
            return
        action, value = result
        if action == "search":
            self.search_pane.search_for(value)
        elif action == "open":
            self.open_article(value, "screen")
            self.article_view.focus()

    # -- keeping up with other processes ------------------------------------------------------

    @work(thread=True, exclusive=True, group="refresh")
    def check_for_updates(self) -> None:
        changed = self.library.refresh()
        stats = self.library.size() if changed else None
        if changed and stats is not None:
            self.app.call_from_thread(self._library_changed, stats)

    def _library_changed(self, stats: Stats) -> None:
        self.side_pane.forget_related()
        self.status.set_status(stats=stats)
        self.search_pane.run_search(keep_article=self.article_view.article_id)

    # -- history and panes --------------------------------------------------------------------

    def action_back(self) -> None:
        self._revisit(self.nav.back(), "back")

    def action_forward(self) -> None:
        self._revisit(self.nav.forward(), "forward")

    def _revisit(self, visit: Visit | None, direction: str) -> None:
        if visit is None:
            self.notify(f"Nothing further {direction}")
        else:
            self.open_article(visit.article_id, "history", visit.terms)

    def action_focus_query(self) -> None:
        self.panes.show(self.search_pane)
        self.query_box.focus()

    def action_focus_entities(self) -> None:
        self.panes.show(self.side_pane, self.entity_sidebar)
        self.entity_sidebar.focus()

    def action_focus_related(self) -> None:
        self.panes.show(self.side_pane, self.related_panel)
        self.related_panel.focus()

    def action_toggle_search_pane(self) -> None:
        self.panes.toggle(self.search_pane)

    def action_toggle_side_pane(self) -> None:
        self.panes.toggle(self.side_pane)

    # -- the article --------------------------------------------------------------------------

    def action_find(self) -> None:
        self.article_pane.open_find()

    def action_find_next(self, step: int) -> None:
        self.article_pane.find_next(step)

    def action_story(self) -> None:
        if (article := self.article_view.article) is not None:
            from reader.screens.story import StoryScreen

            self.app.push_screen(StoryScreen(self.library, article.id), self.screen_result)

    def action_story_step(self, step: int) -> None:
        if (article := self.article_view.article) is not None:
            self._story_step_worker(article.id, article.date, step)

    @work(thread=True, exclusive=True, group="story-step")
    def _story_step_worker(self, article_id: str, date: str, step: int) -> None:
        try:
            items = self.library.story(article_id)
        except LibraryError:
            items = []
        target = story_neighbour(items, article_id, date, step)
        if target is None:
            where = "later" if step > 0 else "earlier"
            self.app.call_from_thread(self.notify, f"No {where} article in this story")
        else:
            self.app.call_from_thread(self.open_article, target, "story")

    # -- sort, suggestion, filters, saved searches --------------------------------------------

    def action_cycle_sort(self) -> None:
        self.search_pane.cycle_sort(keep_article=self.article_view.article_id)

    def action_accept_correction(self) -> None:
        self.search_pane.accept_correction()

    def action_facets(self) -> None:
        facets = self.last_result.facets if self.last_result else {}
        self.app.push_screen(FacetScreen(facets, self.filters), self._facet_picked)

    def _facet_picked(self, choice: tuple[str, str] | None) -> None:
        if choice is not None:
            self.search_pane.filter_by(None if choice == CLEAR else choice)

    def action_save_search(self) -> None:
        from reader.screens.saved_searches import save_search

        save_search(self, self.query_box.value.strip(), self.saved)

    def action_saved_searches(self) -> None:
        from reader.screens.saved_searches import SavedSearchesScreen

        self.app.push_screen(SavedSearchesScreen(self.library, self.saved), self.screen_result)

    def action_front_page(self) -> None:
        from reader.screens.front_page import FrontPageScreen

        self.app.push_screen(FrontPageScreen(self.library), self.screen_result)

    def action_entity_browser(self) -> None:
        from reader.screens.entity_browser import EntityBrowserScreen

        self.app.push_screen(EntityBrowserScreen(self.library), self.screen_result)

    def action_help(self) -> None:
        self.app.push_screen(main_help(self.app, type(self)))

    def action_open_original(self) -> None:
        if (article := self.article_view.article) is not None:
            from reader.screens.open_original import open_original

            open_original(self, article.url)

    def action_mark(self, what: str) -> None:
        """Read state, stars, tags and the export of the results (reader/marking.py)."""
        getattr(self.marking, what)()

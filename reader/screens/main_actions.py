"""The main screen's smaller actions: history, focus, panes, find, sort, filters, saved searches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from index.library import LibraryError
from reader.navigation import story_neighbour
from reader.screens.facets import CLEAR, FacetScreen
from reader.screens.help import HelpScreen, binding_rows
from reader.screens.saved_searches import SavedSearchesScreen, SaveSearchScreen
from reader.state import SORTS
from widgets.article_view import ArticleView
from widgets.entity_sidebar import EntitySidebar
from widgets.find_bar import FindBar
from widgets.messages import DiffWanted, EntityCardWanted, FacetChosen, FindChanged, FindClosed
from widgets.related_panel import RelatedPanel
from widgets.results_list import ResultsList
from widgets.search_box import SearchBox

if TYPE_CHECKING:
    from reader.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

NARROW = 100  # columns below which the search pane and the side pane take turns
ScreenResult = tuple[str, str] | None  # ("search", query), ("open", article_id) or None


class MainActions(_Base):
    """Mixed into `MainScreen` (handlers by name: `@on` needs a Textual class); UI thread only."""

    # -- history ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self._revisit(self.nav.back(), "back")

    def action_forward(self) -> None:
        self._revisit(self.nav.forward(), "forward")

    def _revisit(self, visit, direction: str) -> None:
        if visit is None:
            self.notify(f"Nothing further {direction}")
        else:
            self.open_article(visit.article_id, "history", visit.terms)

    # -- focus and panes ----------------------------------------------------------------------

    def action_focus_query(self) -> None:
        self._show_pane("#search-pane")
        self.query_box.focus()

    def action_focus_entities(self) -> None:
        self._show_pane("#side-pane")
        self.entity_sidebar.focus()

    def action_focus_related(self) -> None:
        self._show_pane("#side-pane")
        self.related_panel.focus()

    def _show_pane(self, selector: str) -> None:
        """Show a side of the screen; below 100 columns only one side fits beside the article."""
        pane = self.query_one(selector)
        pane.display = True
        if selector == "#side-pane":
            self._side_choice = True
        if self.app.size.width < NARROW:
            other = self.query_one("#search-pane" if selector == "#side-pane" else "#side-pane")
            if other.display:
                other.display = False
                if other.id == "search-pane":
                    self._search_made_way = True
                else:
                    self._side_choice = None  # back when the terminal is wide enough

    def _toggle_pane(self, selector: str) -> bool:
        pane = self.query_one(selector)
        if not pane.display:
            self._show_pane(selector)
            return True
        pane.display = False
        focused = self.focused
        if focused is not None and pane in focused.ancestors:
            self.article_view.focus()
        return False

    def action_toggle_search_pane(self) -> None:
        self._toggle_pane("#search-pane")

    def action_toggle_side_pane(self) -> None:
        self._side_choice = self._toggle_pane("#side-pane")

    # -- find in the article ------------------------------------------------------------------

    def action_find(self) -> None:
        if self.article_view.article is None:
            return
        find = self.query_one("#find", FindBar)
        find.display = True
        find.focus()

    def on_find_changed(self, message: FindChanged) -> None:
        count = self.article_view.find(message.text)
        self._show_match_position(count)

    def on_find_closed(self, message: FindClosed) -> None:
        self.query_one("#find", FindBar).display = False
        self.article_view.focus()

    def action_find_next(self, step: int) -> None:
        view = self.article_view
        if view.match_count == 0:
            self.notify("No matches: f finds in the article")
            return
        view.next_match(step)
        self._show_match_position(view.match_count)

    def _show_match_position(self, count: int) -> None:
        view = self.article_view
        pane = self.query_one("#article-pane")
        if count:
            pane.border_subtitle = f"match {view.current_match + 1} of {count}"
        else:
            pane.border_subtitle = "no match" if self.query_one("#find", FindBar).value else ""

    # -- sort, suggestion, filters ------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort}")
        self.run_search(self.query_box.value, keep_article=self.article_view.article_id)

    def action_accept_correction(self) -> None:
        result = self.last_result
        if result is None or not result.correction:
            self.notify("No suggestion for this query")
            return
        self.search_for(result.correction)

    def action_facets(self) -> None:
        facets = self.last_result.facets if self.last_result else {}
        self.app.push_screen(FacetScreen(facets, self.filters), self._facet_picked)

    def on_facet_chosen(self, message: FacetChosen) -> None:
        self._facet_picked((message.facet, message.value))

    def _facet_picked(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        if choice == CLEAR:
            self.filters.clear()
        else:
            facet, value = choice
            if self.filters.get(facet) == value:
                del self.filters[facet]
            else:
                self.filters[facet] = value
        self.status.set_status(filters=self.filters)
        self.run_search(self.query_box.value)

    # -- saved searches -----------------------------------------------------------------------

    def action_save_search(self) -> None:
        query = self.query_box.value.strip()
        if not query:
            self.notify("Type a query first: the empty query lists everything")
            return

        def save(name: str | None) -> None:
            if name is None:
                return
            if self.saved.save(name, query):
                self.notify(f"Saved as “{name}”", markup=False)
            else:
                self.notify("Could not write the saved searches (read-only library?)")

        self.app.push_screen(SaveSearchScreen(query), save)

    def action_saved_searches(self) -> None:
        self.app.push_screen(SavedSearchesScreen(self.library, self.saved), self.screen_result)

    # -- the other screens --------------------------------------------------------------------

    def screen_result(self, result: ScreenResult) -> None:
        """What a dismissed screen asked for: run a search or open an article."""
        if not result:
            return
        action, value = result
        if action == "search":
            self.search_for(value)
        elif action == "open":
            self.open_article(value, "screen")
            self.article_view.focus()

    def on_entity_card_wanted(self, message: EntityCardWanted) -> None:
        try:
            from reader.screens.entity_card import EntityCardScreen
        except ImportError:
            self.notify("The entity card is not available in this version")
            return
        screen = EntityCardScreen(self.library, message.name, message.kind)
        self.app.push_screen(screen, self.screen_result)

    def action_entity_browser(self) -> None:
        try:
            from reader.screens.entity_browser import EntityBrowserScreen
        except ImportError:
            self.notify("The entity browser is not available in this version")
            return
        self.app.push_screen(EntityBrowserScreen(self.library), self.screen_result)

    def action_story(self) -> None:
        article = self.article_view.article
        if article is None:
            return
        try:
            from reader.screens.story import StoryScreen
        except ImportError:
            self.notify("The story view is not available in this version")
            return
        self.app.push_screen(StoryScreen(self.library, article.id), self.screen_result)

    def on_diff_wanted(self, message: DiffWanted) -> None:
        try:
            from reader.screens.version_diff import VersionDiffScreen
        except ImportError:
            self.notify("The version diff is not available in this version")
            return
        screen = VersionDiffScreen(self.library, message.old_id, message.new_id)
        self.app.push_screen(screen, self.screen_result)

    # -- following the story -----------------------------------------------------------------

    def action_story_step(self, step: int) -> None:
        article = self.article_view.article
        if article is not None:
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

    # -- help ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        app = self.app
        sections = [
            ("Everywhere", binding_rows(app, [type(app)])),
            ("Main screen", binding_rows(app, [type(self)])),
            ("Query box", binding_rows(app, [SearchBox])),
            ("Results", binding_rows(app, [ResultsList])),
            ("Article", binding_rows(app, [ArticleView, FindBar])),
            ("Entities", binding_rows(app, [EntitySidebar])),
            ("Related coverage", binding_rows(app, [RelatedPanel])),
        ]
        notes = (
            "Lists and the article also move with the arrows, page up/down, home and end.\n"
            'Query syntax: words, "a phrase", OR, NOT or -word, word*, word~, title:, person:,'
            " org:, place:, dump:, source:, lang:, date:2014-04, date:2014-04-01..2014-08-31."
        )
        self.app.push_screen(HelpScreen(sections, notes))

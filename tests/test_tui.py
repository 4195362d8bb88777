"""Pilot tests of the reader: they press the keys of the key map and read the widgets back."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey
from tui_support import (
    NATO_000,
    NATO_003,
    library,
    library_template,
    make_app,
    screen_text,
    settle,
    titles,
)

from index.library import Library
from reader.screens.help import HelpScreen
from reader.screens.main import MainScreen
from widgets.article_view import ArticleView
from widgets.entity_sidebar import EntitySidebar
from widgets.key_footer import KeyFooter
from widgets.related_panel import RelatedPanel
from widgets.results_list import ResultsList
from widgets.search_box import SearchBox

__all__ = ["library", "library_template"]  # fixtures used by the tests below


async def test_first_start_indexes_the_seeds_and_opens_the_newest(tmp_path):
    library = Library(tmp_path / "empty")
    assert library.is_new
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        assert app.seed_report is not None and app.seed_report.added == 2
        assert sorted(titles(screen)) == sorted([NATO_000, NATO_003])
        assert screen.results.highlighted == 0
        assert screen.article_view.article_id == screen.results.hits[0].id
        assert len(screen.article_view.article.paragraphs) in (10, 18)
        shown, _ = screen_text(app)
        assert "2 articles in 1 dump" in shown
        assert screen.results.hits[0].title[:20] in shown
    library.close()


async def test_typing_searches_as_you_type_and_the_article_follows(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"poroshenko pullback")
        screen = await settle(pilot)
        assert isinstance(app.focused, SearchBox)
        assert titles(screen) == [NATO_003]
        assert screen.article_view.article.title == NATO_003
        assert "poroshenko" in screen.terms
        await pilot.press("enter")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("slash", "ctrl+u", *"egypt")
        screen = await settle(pilot)
        assert titles(screen)[0] == "Wheat prices climb as Egypt buys"
        assert "Wheat prices rose" in screen.article_view.text_shown


async def test_stale_answers_are_dropped(library):
    app = make_app(library, search_delay_ms=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"egypt")
        screen = await settle(pilot)
        stale = library.search("poroshenko")
        screen._show_result(stale, screen._search_gen, None)  # an answer to an older query
        await pilot.pause()
        assert titles(screen) == ["Wheat prices climb as Egypt buys"]


async def test_moving_through_results_and_enter_reads_the_article(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        assert isinstance(app.focused, ResultsList)
        second = screen.results.hits[1].id
        await pilot.press("j")
        screen = await settle(pilot)
        assert screen.article_view.article_id == second
        await pilot.press("k", "down")
        screen = await settle(pilot)
        assert screen.article_view.article_id == second
        await pilot.press("enter")
        screen = await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        assert screen.article_view.article_id == second


async def test_enter_on_an_entity_searches_for_it(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:confirm", "enter")
        screen = await settle(pilot)
        assert screen.article_view.article.title == NATO_000
        await pilot.press("e")
        sidebar = screen.entity_sidebar
        assert isinstance(app.focused, EntitySidebar)
        names = [e.name for e in sidebar.entries if e is not None]
        assert "Anders Fogh Rasmussen" in names
        while sidebar.current is None or sidebar.current.name != "Anders Fogh Rasmussen":
            await pilot.press("j")
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.query_box.value == 'person:"Anders Fogh Rasmussen"'
        assert {NATO_000, NATO_003} <= set(titles(screen))
        assert "Wheat prices climb as Egypt buys" not in titles(screen)
        for hit in screen.results.hits:
            names = {e.name for e in library.article(hit.id).entities}
            assert "Anders Fogh Rasmussen" in names
        assert isinstance(app.focused, ResultsList)


async def test_related_opens_an_article_and_back_and_forward_walk_the_history(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:confirm", "enter", "enter")
        screen = await settle(pilot)
        first = screen.article_view.article_id
        assert screen.article_view.article.title == NATO_000
        await pilot.press("r")
        assert isinstance(app.focused, RelatedPanel)
        panel = screen.related_panel
        related = [e.item.title for e in panel.entries if e.item is not None]
        assert NATO_003 in related, "each seed lists the other as related coverage"
        entry = panel.current
        assert entry is not None and entry.item is not None
        second = entry.item.id
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.article_view.article_id == second != first
        assert isinstance(app.focused, ArticleView)
        await pilot.press("left_square_bracket")
        screen = await settle(pilot)
        assert screen.article_view.article_id == first
        await pilot.press("right_square_bracket")
        screen = await settle(pilot)
        assert screen.article_view.article_id == second
        await pilot.press("alt+left")
        screen = await settle(pilot)
        assert screen.article_view.article_id == first


async def test_help_lists_every_binding_of_the_main_screen_and_its_widgets(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = help_screen.text_shown
        for node in (screen, screen.results, screen.entity_sidebar, screen.related_panel, app):
            for binding in type(node).BINDINGS:
                if binding.description:
                    assert binding.description in shown, binding
        assert "ctrl+n" in str(MainScreen.BINDINGS) and "^n" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_types_in_the_query_box_and_quits_elsewhere(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        screen = await settle(pilot)
        assert screen.query_box.value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_find_in_article_marks_matches_and_n_moves_through_them(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:confirm", "enter", "enter")
        screen = await settle(pilot)
        view = screen.article_view
        expected = sum(p.lower().count("rasmussen") for p in view.article.paragraphs)
        assert expected > 2
        await pilot.press("f", *"rasmussen")
        assert view.match_count == expected
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleView)
        assert view.current_match == 0
        await pilot.press("n", "n")
        assert view.current_match == 2
        await pilot.press("N")
        assert view.current_match == 1
        pane = screen.query_one("#article-pane")
        assert pane.border_subtitle == f"match 2 of {expected}"


async def test_hostile_page_text_is_shown_literally_and_escapes_never_reach_the_terminal(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"hostile", "enter")
        screen = await settle(pilot)
        assert screen.article_view.article.source == "Evil"
        plain_text, terminal_bytes = screen_text(app)
        assert "[bold]Hostile[/bold]" in plain_text
        assert "[link=https://evil.example]click me[/link]" in screen.article_view.text_shown
        for payload in ("\x07", "\u202e", "\x1b]8;;https://evil", "\x1b]0;", "pwned", "\x9b"):
            assert payload not in terminal_bytes
        assert "evil.example/osc" not in plain_text


async def test_query_history_is_kept_between_sessions(library):
    async with make_app(library).run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"egypt", "enter")
        await settle(pilot)
    async with make_app(library).run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", "up")
        screen = await settle(pilot)
        assert screen.query_box.value == "egypt"
        assert titles(screen) == ["Wheat prices climb as Egypt buys"]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_narrow_terminals_still_read_and_show_the_side_pane_on_demand(library, size):
    app = make_app(library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(pilot)
        side = screen.query_one("#side-pane")
        search = screen.query_one("#search-pane")
        assert not side.display and search.display
        assert screen.article_view.article is not None
        await pilot.press("e")
        assert side.display and isinstance(app.focused, EntitySidebar)
        assert not search.display, "one side pane at a time beside the article"
        assert screen.article_view.size.width >= 20
        await pilot.press("slash")
        assert search.display and not side.display and isinstance(app.focused, SearchBox)
        await pilot.press("escape", "less_than_sign")
        assert not search.display
        assert isinstance(app.focused, ArticleView)
        await pilot.press("greater_than_sign")
        assert side.display and not search.display


async def test_full_garbage_collections_wait_for_a_pause_and_the_collector_is_restored(library):
    import gc

    from reader import app as app_module

    before = gc.get_threshold()
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == app_module.FULL_COLLECTIONS_OFF
        assert gc.get_freeze_count() > 0
        await pilot.press("slash", "e")
        collections = gc.get_stats()[2]["collections"]
        app.collect_when_idle()  # just typed: no full collection
        assert gc.get_stats()[2]["collections"] == collections
        app._last_input -= app_module.IDLE_SECONDS
        app.collect_when_idle()  # paused: one full collection, and only one per pause
        app.collect_when_idle()
        assert gc.get_stats()[2]["collections"] == collections + 1
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_typing_on_cancels_the_pending_preview_of_the_previous_first_hit(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"egypt")
        for _ in range(200):  # until the answer is listed and its first hit waits to be previewed
            await pilot.pause(0.005)
            result = screen.last_result
            if result is not None and result.query == "egypt" and screen._follow_timer:
                break
        pending = screen._follow_timer
        assert pending is not None
        screen.config.search_delay_ms = 5000  # the next answer stays away while we look
        await pilot.press("s")
        assert screen._follow_timer is None
        assert pending._task is None  # stopped: the old first hit will not be opened


async def test_the_footer_is_redrawn_when_its_keys_change_and_only_then(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        footer = screen.query_one(KeyFooter)

        def shown() -> str:
            return " ".join(key.description for key in footer.query(FooterKey))

        assert "Commands" in shown() and "Delete all to the right" not in shown()
        recomposed = []
        recompose = footer.recompose

        async def counted() -> None:
            recomposed.append(shown())
            await recompose()

        footer.recompose = counted
        for _ in range(3):  # asked again and again, nothing to show anew
            screen.refresh_bindings()
            await pilot.pause()
        await settle(pilot)
        assert recomposed == []
        await pilot.press("slash")  # in the query box ctrl+k deletes to the end of the line
        await settle(pilot)
        assert len(recomposed) == 1 and "Delete all to the right" in shown()
        await pilot.press("escape")
        await settle(pilot)
        assert len(recomposed) == 2 and "Commands" in shown()


async def test_the_panes_keep_their_place_while_the_status_line_changes(library):
    """Its text on two lines or three, the status line keeps three: nothing above it moves."""
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(pilot)
        where = screen.results.region
        await pilot.press("slash", *"wheat")  # "read as wheat" wraps at 80 columns, facets below
        await settle(pilot)
        assert screen.results.total == 2
        assert screen.status.size.height == 3 and screen.results.region == where
        await pilot.press("ctrl+u", *"zzzq")  # one short line, no facets
        await settle(pilot)
        assert screen.results.total == 0
        assert screen.status.size.height == 3 and screen.results.region == where
        await pilot.press("ctrl+u", *("sanctions " * 6))  # longer than the box: it scrolls
        await settle(pilot)
        box = screen.query_box
        assert box.scroll_x > 0
        assert box.content_region.x <= box.cursor_screen_offset.x <= box.content_region.right


async def test_a_list_replaced_before_its_rest_is_listed_shows_only_the_new_hits(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        results = screen.results
        hits = list(results.hits)
        assert len(hits) == 6 and results.option_count == 6  # all listed, after the first frame
        results.show_hits(hits * 3, 18)  # more than fill the list: the rest waits for a frame
        assert results.option_count < 18
        results.show_hits(hits[::-1], 6)  # replaced before that frame
        await settle(pilot)
        assert results.option_count == 6
        for index, hit in enumerate(hits[::-1]):
            assert hit.title[:20] in str(results.get_option_at_index(index).prompt)

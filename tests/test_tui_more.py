"""Pilot tests of searching further (sort, suggestion, facets, saved searches, paging) and of
following a story, the other screens, resizing and hostile text in the article view."""

from __future__ import annotations

import json
import shutil
import threading

from rich.text import Text
from textual.app import App, ComposeResult
from tui_support import library, library_template, make_app, screen_text, settle, titles

from index.library import Library
from index.records import Article
from reader.screens.facets import CLEAR, FacetScreen
from reader.screens.main import MainScreen
from reader.screens.saved_searches import SavedSearchesScreen, SaveSearchScreen
from reader.state import SAVED_SEARCHES_FILE
from widgets.article_view import ArticleView
from widgets.related_panel import RelatedPanel
from widgets.results_list import hit_prompt

__all__ = ["library", "library_template"]  # fixtures used by the tests below


async def test_sort_key_cycles_relevance_newest_oldest(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"rasmussen", "enter")
        screen = await settle(pilot)
        assert screen.sort == "relevance"
        await pilot.press("o")
        screen = await settle(pilot)
        assert screen.sort == "newest"
        dates = [h.date for h in screen.results.hits if h.date]
        assert len(dates) >= 2 and dates == sorted(dates, reverse=True)
        assert not screen.results.hits[-1].date, "undated articles come last"
        await pilot.press("o")
        screen = await settle(pilot)
        dates = [h.date for h in screen.results.hits if h.date]
        assert screen.sort == "oldest" and dates == sorted(dates)
        assert "oldest" in screen_text(app)[0]


async def test_did_you_mean_is_accepted_with_one_key(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"rasmusen")
        screen = await settle(pilot)
        assert screen.last_result.correction == "rasmussen"
        assert "did you mean rasmussen" in screen_text(app)[0]
        await pilot.press("ctrl+y")
        screen = await settle(pilot)
        assert screen.query_box.value == "rasmussen"
        assert screen.results.total >= 4


async def test_facets_become_filters_by_key_and_by_click(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        assert screen.last_result.facets["dump"] == {"seeds": 2, "web": 4}
        await pilot.press("F")
        picker = app.screen
        assert isinstance(picker, FacetScreen)
        option_list = picker.query_one("#facet-list")
        option_list.highlighted = picker.choices.index(("dump", "web"))
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.filters == {"dump": "web"}
        assert {h.dump for h in screen.results.hits} == {"web"} and screen.results.total == 4
        await pilot.press("F")
        picker = app.screen
        picker.query_one("#facet-list").highlighted = picker.choices.index(CLEAR)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.filters == {} and screen.results.total == 6
        # A click on a facet value in the status line filters too.
        status = screen.status
        facet_line = status.render_status().plain.split("\n")[1]
        x = facet_line.index("seeds") + 2  # the status line has one column of padding
        await pilot.click("#status", offset=(x, 1))
        screen = await settle(pilot)
        assert screen.filters == {"dump": "seeds"}
        assert set(titles(screen)) == {
            h.title for h in library.search("", filters=screen.filters).hits
        }
        assert screen.results.total == 2


async def test_saved_searches_are_named_kept_and_listed_with_counts(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"egypt", "enter")
        await settle(pilot)
        await pilot.press("S")
        assert isinstance(app.screen, SaveSearchScreen)
        await pilot.press("ctrl+u", *"grain news", "enter")
        screen = await settle(pilot)
        saved = json.loads((library.path / SAVED_SEARCHES_FILE).read_text())
        assert saved == [{"name": "grain news", "query": "egypt"}]
        await pilot.press("slash", "ctrl+u", *"rasmussen", "enter")
        await settle(pilot)
        await pilot.press("L")
        listing = app.screen
        assert isinstance(listing, SavedSearchesScreen)
        for _ in range(100):
            if listing.counts:
                break
            await pilot.pause(0.05)
        assert listing.counts == {"egypt": 1}
        await pilot.pause()
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.query_box.value == "egypt"
        assert titles(screen) == ["Wheat prices climb as Egypt buys"]


async def test_thousands_of_hits_are_fetched_page_by_page(tmp_path):
    records = [
        {"id": f"w{i}", "title": f"Wheat report {i}", "text": f"Wheat exports rose {i} percent.",
         "date": f"2015-01-{1 + i % 28:02d}"}
        for i in range(65)
    ]  # fmt: skip
    dump = tmp_path / "wheat.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records))
    with Library(tmp_path / "lib") as library:
        library.add([dump])
        app = make_app(library, page_size=20)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"wheat", "enter")
            screen = await settle(pilot)
            assert screen.results.total == 65
            assert len(screen.results.hits) == 20
            assert screen.results.option_count == 20
            await pilot.press("end")
            screen = await settle(pilot)
            assert len(screen.results.hits) == 40
            await pilot.press("end")
            await settle(pilot)
            await pilot.press("end")
            screen = await settle(pilot)
            assert len(screen.results.hits) == 65
            assert len({h.id for h in screen.results.hits}) == 65
        # by default the first fetch is what the screen shows and the distance fetched ahead
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"wheat", "enter")
            screen = await settle(pilot)
            first = len(screen.results.hits)
            assert 40 // 4 + 1 <= first < 50 and screen.results.total == 65
            await pilot.press("end")
            screen = await settle(pilot)
            assert len(screen.results.hits) == 65


class GatedSearch:
    """A library whose searches wait for the test to open the gate; it notes each query."""

    def __init__(self, real: Library) -> None:
        self.real = real
        self.gate = threading.Event()
        self.queries: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def search(self, query: str, **kwargs):
        self.queries.append(query)
        if query:
            assert self.gate.wait(10)
        return self.real.search(query, **kwargs)


async def test_a_key_searches_at_once_and_keys_typed_meanwhile_are_searched_together(library):
    gated = GatedSearch(library)
    app = make_app(gated)  # the default: no delay after a key
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", "e")
        for _ in range(100):
            if gated.queries[-1:] == ["e"]:
                break
            await pilot.pause(0.01)
        assert gated.queries == ["", "e"]  # searched at once, no timer in between
        await pilot.press(*"gypt")  # while "e" is still being searched
        await pilot.pause(0.3)
        assert "searching…" in str(screen.status.render_status())  # a slow search says so
        gated.gate.set()
        screen = await settle(pilot)
        assert gated.queries == ["", "e", "egypt"]  # "eg", "egy", "egyp" never searched
        assert titles(screen) == ["Wheat prices climb as Egypt buys"]
        assert "searching…" not in str(screen.status.render_status())


async def test_ctrl_n_and_ctrl_p_walk_the_story_in_time(library, tmp_path):
    follow_up = {
        "id": "nato-april-3",
        "title": "Rasmussen: NATO still sees no Russian pullback from the Ukraine border",
        "text": "NATO Secretary-General Anders Fogh Rasmussen said on Thursday that NATO still "
        "sees no sign that Russia is pulling its troops back from the border of Ukraine.\n\n"
        "Rasmussen spoke in Brussels a day after talks with Ukraine's foreign minister "
        "Andriy Deshchytsya about Crimea and the Russian troops.",
        "date": "2014-04-03",
        "source": "Wire",
    }
    (tmp_path / "more.jsonl").write_text(json.dumps(follow_up) + "\n", encoding="utf-8")
    library.add([tmp_path / "more.jsonl"])  # the next day's follow-up joins April's story
    april = library.search("title:sees -title:still").hits[0].id
    walk = [i.id for i in sorted(library.story(april), key=lambda i: (not i.date, i.date))]
    assert walk[0] == april and len(walk) >= 2  # its story, dated first, undated last
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:sees -title:still", "enter", "enter")
        screen = await settle(pilot)
        assert screen.article_view.article_id == april
        await pilot.press("ctrl+n")
        screen = await settle(pilot)
        assert screen.article_view.article_id == walk[1]
        await pilot.press("ctrl+p")
        screen = await settle(pilot)
        assert screen.article_view.article_id == april
        await pilot.press("left_square_bracket")
        screen = await settle(pilot)
        assert screen.article_view.article_id == walk[1]


async def test_story_screen_opens_and_its_choice_opens_the_article(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:sees", "enter", "enter")
        screen = await settle(pilot)
        await pilot.press("s")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "StoryScreen"
        august = library.search("title:kyiv title:urges").hits[0].id
        app.screen.dismiss(("open", august))
        screen = await settle(pilot)
        assert screen.article_view.article_id == august


async def test_entity_card_and_browser_open_from_their_keys(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:confirm", "enter")
        await settle(pilot)
        await pilot.press("e", "c")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "EntityCardScreen"
        app.screen.dismiss(("search", 'place:"Kyiv"'))
        screen = await settle(pilot)
        assert screen.query_box.value == 'place:"Kyiv"'
        assert screen.results.total >= 2
        await pilot.press("E")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "EntityBrowserScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_related_panel_switches_between_dumps_and_timeline(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"title:sees", "enter", "enter")
        await settle(pilot)
        await pilot.press("r")
        panel = app.focused
        assert isinstance(panel, RelatedPanel) and panel.grouping == "dump"
        headings = [e for e in panel.entries if e.kind == "heading"]
        assert headings, "grouped by dump: one heading per dump"
        await pilot.press("t")
        assert panel.grouping == "timeline"
        assert all(e.kind != "heading" for e in panel.entries)
        dated = [e.item.date for e in panel.entries if e.item is not None and e.item.date]
        assert dated == sorted(dated, reverse=True)


async def test_resizing_while_searching_and_at_small_and_large_sizes(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ukraine")
        await pilot.resize_terminal(60, 20)
        await pilot.press(*" nato")
        screen = await settle(pilot)
        assert screen.query_box.value == "ukraine nato"
        assert screen.results.total >= 2 and screen.article_view.article is not None
        await pilot.resize_terminal(250, 70)
        screen = await settle(pilot)
        assert screen.query_one("#side-pane").display
        assert screen.article_view.article.title[:15] in screen_text(app)[0]


class _ArticleOnly(App):
    CSS_PATH = ["../widgets/article_view.tcss"]

    def compose(self) -> ComposeResult:
        yield ArticleView()


async def test_article_view_never_passes_control_characters_or_markup_through():
    raw = Article(
        id="x" * 16, dump="d\x1b[2Jump", origin="o", title="[b]T[/b]\x1b]0;owned\x07itle",
        paragraphs=["one \x1b[31mred\x1b[0m [link=https://evil.example]x[/link]\x9b2J\u202eend"],
        caption="cap\x07tion", source="S\x1b]8;;https://evil.example\x07rc\x1b]8;;\x07",
    )  # fmt: skip
    app = _ArticleOnly()
    async with app.run_test(size=(100, 20)) as pilot:
        app.query_one(ArticleView).show_article(raw, ["red"])
        await pilot.pause()
        plain_text, terminal_bytes = screen_text(app)
        assert "[b]T[/b]itle" in plain_text
        assert "[link=https://evil.example]x[/link]end" in plain_text
        for payload in ("\x1b[2J", "owned", "\x07", "\x9b", "\u202e", "evil.example\x07"):
            assert payload not in terminal_bytes


def test_hit_lines_are_plain_text_with_the_matched_words_highlighted():
    from index.records import Hit

    hit = Hit("a", "[red]Title[/red]", "d", "2014-01-02", "S", "", 1.0,
              snippet="the wheat price", highlights=[(4, 9)])  # fmt: skip
    prompt = hit_prompt(hit)
    assert isinstance(prompt, Text)
    assert prompt.plain.startswith("● [red]Title[/red]\nd · 2014-01-02 · S\nthe wheat price")
    marked = [prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)]
    assert marked == ["wheat"]


async def test_huge_articles_are_capped_on_screen_not_in_the_library():
    app = _ArticleOnly()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(Article(id="a" * 16, dump="d", origin="o", title="Long",
                                  paragraphs=["x" * 10_000_000]))  # fmt: skip
        await pilot.pause()
        assert 0 < len(view.text_shown) < 100_000
        assert "[cut for display]" in view.text_shown
        many = Article(id="b" * 16, dump="d", origin="o", title="Many", paragraphs=["ab"] * 10**6)
        view.show_article(many)
        await pilot.pause()
        assert len(view.query(".paragraph")) == view.max_paragraphs
        note = str(view.query_one("#article-note").render())
        assert f"{10**6 - view.max_paragraphs} more paragraphs not shown" in note


def test_the_first_screen_benchmark_times_the_real_reader_in_a_terminal(library_template, tmp_path):
    from benchmarks.first_screen import start_once

    folder = tmp_path / "library"
    shutil.copytree(library_template, folder)
    run = start_once(folder, 120, 40)  # the console script, in a pty, until its first results
    assert 0 < run.counted <= run.answered and run.cpu > 0

"""Pilot tests of the extra screens: entity card, entity browser, story view, version diff."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import tui_support
from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Label, Static
from textual.worker import WorkerCancelled
from tui_support import library_template

from index.format.schema import document_for
from index.library import Library
from index.records import Article, ArticleEntity, RelatedItem
from reader.screens.entity_browser import EntityBrowserScreen
from reader.screens.entity_card import EntityCardScreen, entity_query
from reader.screens.story import StoryScreen
from reader.screens.version_diff import VersionDiffScreen
from widgets.diff_view import DiffView
from widgets.entity_table import EntityTable
from widgets.story_list import StoryList
from widgets.timeline_chart import GUTTER, TimelineChart, bar_width, bucket_counts

__all__ = ["library_template"]  # a fixture, used by the reader test at the end

RASMUSSEN = "Anders Fogh Rasmussen"
MARKUP_ORG = "[bold red]Evil[/bold red] Corp"  # page text that looks like Rich markup


def person(name: str, count: int = 1, aliases: tuple[str, ...] = ()) -> ArticleEntity:
    return ArticleEntity(name, "person", count, list(aliases))


def org(name: str, count: int = 1) -> ArticleEntity:
    return ArticleEntity(name, "org", count)


def place(name: str, count: int = 1) -> ArticleEntity:
    return ArticleEntity(name, "place", count)


def article(aid: str, dump: str, date: str, title: str, paragraphs: list[str], entities) -> Article:
    return Article(
        id=aid,
        dump=dump,
        origin=f"{dump}.jsonl:{aid}",
        title=title,
        paragraphs=paragraphs,
        source="Wire" if dump == "wire" else "Web",
        date=date,
        entities=list(entities),
    )


OLD_BODY = [
    "NATO Secretary-General Anders Fogh Rasmussen says he has seen no evidence of a pullback.",
    "The alliance met in Brussels on Tuesday.",
    "Ministers will meet again next month.",
]
NEW_BODY = [
    "NATO Secretary-General Anders Fogh Rasmussen says he has seen no sign of a pullback.",
    "The alliance met in Brussels on Tuesday.",
    "Ministers will meet again next month.",
    "Russia denied the claims on Wednesday.",
]

ARTICLES = [
    article(
        "a1", "wire", "2014-04-01", "NATO chief visits Kyiv",
        ["Anders Fogh Rasmussen visited Kyiv. Rasmussen met officials of Ukraine."],
        [person(RASMUSSEN, 2, ("Rasmussen",)), org("NATO"), place("Kyiv"), place("Ukraine")],
    ),
    article(
        "a2", "wire", "2014-04-03", "Rasmussen urges Russian pullback",
        ["Rasmussen said Russia must pull back. NATO ministers met in Brussels."],
        [person(RASMUSSEN, 1, ("Rasmussen",)), org("NATO"), place("Russia"), place("Brussels")],
    ),
    article(
        "a3", "web", "2014-04-03", "Poroshenko meets NATO chief",
        ["Petro Poroshenko met Anders Fogh Rasmussen in Kyiv."],
        [person("Petro Poroshenko"), person(RASMUSSEN), place("Kyiv")],
    ),
    article(
        "a4", "web", "", "Undated note on Ukraine",
        ["Petro Poroshenko spoke about Ukraine."],
        [person("Petro Poroshenko"), place("Ukraine"), org(MARKUP_ORG)],
    ),
    article(
        "a5", "wire", "2014-04-20", "NATO ministers gather in Brussels",
        ["NATO foreign ministers gathered in Brussels."],
        [org("NATO"), place("Brussels")],
    ),
    article(
        "v1", "web", "2014-04-08", "NATO 'Can't Confirm' Russian Troop Withdrawal", OLD_BODY,
        [person(RASMUSSEN), org("NATO"), place("Brussels")],
    ),
    article(
        "v2", "wire", "2014-04-09", "NATO Can't Confirm Russian Troop Withdrawal", NEW_BODY,
        [person(RASMUSSEN), org("NATO"), place("Brussels"), place("Russia")],
    ),
]  # fmt: skip


@pytest.fixture
def library(tmp_path: Path):
    """A small library written straight into the store and the index (no cleaning involved)."""
    folder = tmp_path / "library"
    first = Library(folder)
    first.store.put_articles(ARTICLES)
    first.store.commit()
    writer = first.ix.writer()
    for a in ARTICLES:
        writer.add_document(**document_for(a))
    writer.commit()
    first.close()
    lib = Library(folder)
    yield lib
    lib.close()


class Host(App):
    """A bare app that pushes one screen and records what it dismissed with."""

    def __init__(self, make_screen: Callable[[], Screen]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


async def settle(pilot) -> None:
    """Let the screen's thread workers finish and their answers reach the widgets."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):  # a fetch replaced by a newer one
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def browser_settled(pilot) -> None:
    """Wait (by condition, not by clock) until the browser shows what its filter box says."""
    screen = pilot.app.screen
    for _ in range(200):
        await settle(pilot)
        if screen.is_up_to_date():
            return
        await pilot.pause(0.02)
    raise AssertionError("the entity browser never caught up with its filter")


def shown(widget: Static) -> Text:
    """The Rich text a Static or Label was last given."""
    content = widget.content
    assert isinstance(content, Text), content
    return content


def plain_text(widget) -> str:
    if isinstance(widget, Static):
        return shown(widget).plain
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def table_names(table) -> list[str]:
    return [e.name for e in table.entities]


# -- pure functions ---------------------------------------------------------------------------


def test_entity_query_quotes_the_name_and_drops_inner_quotes():
    assert entity_query(RASMUSSEN, "person") == 'person:"Anders Fogh Rasmussen"'
    assert entity_query('The "Quartet"', "org") == 'org:"The Quartet"'


def test_bucket_counts_fills_empty_days_and_switches_to_weeks_when_too_wide():
    buckets, unit = bucket_counts([("2014-04-01", 2), ("2014-04-03T10:00:00", 1), ("", 5)], 30)
    assert unit == "day"
    assert [(str(b.start), b.count) for b in buckets] == [
        ("2014-04-01", 2),
        ("2014-04-02", 0),
        ("2014-04-03", 1),
    ]
    buckets, unit = bucket_counts([("2014-01-01", 1), ("2014-03-31", 4)], 20)
    assert unit == "week"
    assert sum(b.count for b in buckets) == 5
    assert str(buckets[0].start) == "2013-12-30"  # the Monday of that week
    assert bucket_counts([("not a date", 3)], 10) == ([], "day")


class ChartHost(App):
    def compose(self):
        yield TimelineChart(noun="mentions")


async def test_timeline_chart_draws_bars_to_scale_and_collapses_when_nothing_is_dated():
    app = ChartHost()
    async with app.run_test(size=(60, 10)) as pilot:
        chart = app.query_one(TimelineChart)
        chart.show([("2014-04-01", 4), ("2014-04-03", 1), ("", 7)])
        await pilot.pause()
        assert not chart.has_class("-empty")
        lines = chart.render().plain.split("\n")
        assert len(lines) == chart.size.height  # bar rows, then the date labels
        assert lines[0].lstrip().startswith("4┤")  # the peak labels the top
        assert lines[-1].split() == ["2014-04-01", "2014-04-03", "·", "by", "day"]
        rows = [line[GUTTER:] for line in lines[:-1]]  # after the y-axis gutter
        w = bar_width(3, chart.size.width)  # three days: 04-01, 04-02 (none), 04-03
        assert w > 1 and all(row[0] == "█" for row in rows)  # 4 fills the whole height
        assert all(row[w] == " " for row in rows)  # nothing on the 2nd
        assert rows[0][2 * w] == " " and rows[-1][2 * w] != " "  # 1 is low but visible
        assert "5 mentions by day" in chart.summary()
        chart.show([("", 3), ("someday", 2)])
        await pilot.pause()
        assert chart.has_class("-empty") and chart.size.height == 1
        assert chart.render().plain == "No dated mentions."


# -- entity card ------------------------------------------------------------------------------


async def test_entity_card_shows_counts_dumps_aliases_company_and_timeline(library):
    app = Host(lambda: EntityCardScreen(library, RASMUSSEN, "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = plain_text(screen.query_one("#card-summary", Static))
        assert "Named in 5 articles" in summary
        assert "wire 3" in summary and "web 2" in summary
        assert "Rasmussen" in summary.split("Also written:")[1]
        company = screen.query_one(EntityTable)
        names = table_names(company)
        assert names[0] == "NATO"  # named with him in 4 articles
        assert {"Kyiv", "Brussels", "Petro Poroshenko"} <= set(names)
        assert RASMUSSEN not in names
        chart = screen.query_one(TimelineChart)
        chart_text = plain_text(chart)
        assert "2014-04-01" in chart_text and "2014-04-09" in chart_text
        assert "5 articles by day" in chart.summary()


async def test_entity_card_enter_opens_companion_card_and_search_dismisses_both(library):
    app = Host(lambda: EntityCardScreen(library, RASMUSSEN, "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.screen
        await pilot.press("enter")  # NATO, the top companion
        await settle(pilot)
        second = app.screen
        assert second is not first and isinstance(second, EntityCardScreen)
        assert second.entity_name == "NATO"
        assert "Named in 5 articles" in plain_text(second.query_one("#card-summary", Static))
        await pilot.press("a")
        await settle(pilot)
        assert app.results == [("search", 'org:"NATO"')]
        assert not isinstance(app.screen, EntityCardScreen)


async def test_entity_card_s_searches_the_highlighted_companion_and_escape_closes(library):
    app = Host(lambda: EntityCardScreen(library, RASMUSSEN, "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        company = app.screen.query_one(EntityTable)
        target = company.entities[1]
        await pilot.press("down", "s")
        assert app.results == [("search", entity_query(target.name, target.kind))]
    app = Host(lambda: EntityCardScreen(library, RASMUSSEN, "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert app.results == [None]


async def test_entity_card_of_an_unknown_entity_says_so(library):
    app = Host(lambda: EntityCardScreen(library, "Nobody Atall", "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = plain_text(app.screen.query_one("#card-summary", Static))
        assert "Nobody Atall" in summary and "no person" in summary
        assert app.screen.query_one(EntityTable).entities == []


async def test_entity_names_that_look_like_markup_are_shown_as_written(library):
    app = Host(lambda: EntityCardScreen(library, "Petro Poroshenko", "person"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(EntityTable)
        row = table.entities.index(next(e for e in table.entities if e.name == MARKUP_ORG))
        cell = table.get_row_at(row)[1]  # columns: count, name, kind
        assert isinstance(cell, Text) and cell.plain == MARKUP_ORG and not cell.spans


# -- entity browser ---------------------------------------------------------------------------


async def test_entity_browser_lists_top_entities_by_kind_filters_and_cycles_dumps(library):
    app = Host(lambda: EntityBrowserScreen(library))
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_settled(pilot)
        screen = app.screen
        people = screen.query_one("#table-person", EntityTable)
        orgs = screen.query_one("#table-org", EntityTable)
        places = screen.query_one("#table-place", EntityTable)
        assert table_names(people) == [RASMUSSEN, "Petro Poroshenko"]
        assert table_names(orgs)[0] == "NATO"
        assert people.entities[0].articles == 5
        assert set(table_names(places)) == {"Brussels", "Kyiv", "Ukraine", "Russia"}
        await pilot.press(*"kyi")
        await browser_settled(pilot)
        assert screen.query_one("#browser-filter", Input).value == "kyi"
        assert table_names(places) == ["Kyiv"]
        assert table_names(people) == []
        await pilot.press("backspace", "backspace", "backspace")
        await browser_settled(pilot)
        assert len(table_names(places)) == 4
        await pilot.press("ctrl+d")  # dumps are cycled in name order: all, web, wire
        await browser_settled(pilot)
        assert "web" in plain_text(screen.query_one("#browser-dump", Label))
        assert [(e.name, e.articles) for e in people.entities] == [
            (RASMUSSEN, 2),  # a3, v1; ties by name
            ("Petro Poroshenko", 2),
        ]
        await pilot.press("ctrl+d")
        await browser_settled(pilot)
        assert people.entities[0].articles == 3  # Rasmussen in wire: a1, a2, v2
        assert "Petro Poroshenko" not in table_names(people)
        await pilot.press("ctrl+d")
        await browser_settled(pilot)
        assert "all" in plain_text(screen.query_one("#browser-dump", Label))


async def test_entity_browser_typing_in_a_table_filters_and_enter_opens_the_card(library):
    app = Host(lambda: EntityBrowserScreen(library))
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_settled(pilot)
        await pilot.press("enter")  # from the filter into the first table (people)
        assert isinstance(app.focused, EntityTable) and app.focused.id == "table-person"
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        assert isinstance(card, EntityCardScreen) and card.entity_name == RASMUSSEN
        await pilot.press("escape")
        await browser_settled(pilot)
        assert isinstance(app.screen, EntityBrowserScreen)
        assert app.results == []
        await pilot.press("tab", "b", "r", "u")  # typing in the org table goes to the filter
        await browser_settled(pilot)
        assert app.screen.query_one("#browser-filter", Input).value == "bru"
        assert table_names(app.screen.query_one("#table-place", EntityTable)) == ["Brussels"]
        await pilot.press("down")  # back into a table that has rows: places
        assert app.focused.id == "table-place"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.results == [("search", 'place:"Brussels"')]


class SlowLibrary:
    """A library whose entity lists wait for the test to release them."""

    def __init__(self, real: Library) -> None:
        self.real = real
        self.release = threading.Event()

    def stats(self):
        return self.real.stats()

    def entities(self, **kwargs):
        assert self.release.wait(10)
        return self.real.entities(**kwargs)


async def test_entity_browser_stays_responsive_while_the_library_is_slow(library):
    slow = SlowLibrary(library)
    app = Host(lambda: EntityBrowserScreen(slow))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        people = screen.query_one("#table-person", EntityTable)
        for _ in range(200):  # the spinner shows once the answer is late
            if people.loading:
                break
            await pilot.pause(0.02)
        assert people.loading and people.entities == []
        await pilot.press(*"nato")  # keys are still handled while the library works
        assert screen.query_one("#browser-filter", Input).value == "nato"
        slow.release.set()
        await browser_settled(pilot)
        assert not people.loading
        assert table_names(screen.query_one("#table-org", EntityTable)) == ["NATO"]


# -- story --------------------------------------------------------------------------------------


class StoryLibrary:
    """A stand-in with a fixed story, to check order and chart independent of the ranking."""

    def __init__(self, real: Library) -> None:
        self.real = real

    def article(self, article_id: str) -> Article:
        return self.real.article(article_id)

    def story(self, article_id: str) -> list[RelatedItem]:
        return [
            RelatedItem("a4", "Undated note on Ukraine", "web", "", "Web", 0.5),
            RelatedItem("a3", "Poroshenko meets NATO chief", "web", "2014-04-03", "Web", 0.8),
            RelatedItem(
                "a2", "Rasmussen urges pullback", "wire", "2014-04-03", "Wire", 0.9, copies=["web"]
            ),
            RelatedItem("a5", "NATO ministers in Brussels", "wire", "2014-04-20", "Wire", 0.4),
        ]


async def test_story_lists_articles_by_date_with_dumps_and_a_coverage_chart(library):
    app = Host(lambda: StoryScreen(StoryLibrary(library), "a1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        story = screen.query_one(StoryList)
        assert [i.id for i in story.items] == ["a1", "a3", "a2", "a5", "a4"]  # same day: by dump
        assert story.highlighted_item().id == "a1"  # the open article, marked
        assert story.get_row_at(0)[0].plain == "●"
        assert story.get_row_at(2)[2].plain == "wire +web"
        assert story.get_row_at(4)[1].plain == "undated"
        summary = plain_text(screen.query_one("#story-summary", Static))
        assert "5 articles in 2 dumps" in summary
        assert "2014-04-01 to 2014-04-20" in summary and "1 undated" in summary
        chart = screen.query_one(TimelineChart)
        buckets, unit = chart.buckets()
        assert unit == "day" and len(buckets) == 20
        assert [b.count for b in buckets if b.count] == [1, 2, 1]
        await pilot.press("o")
        assert [i.id for i in story.items] == ["a5", "a2", "a3", "a1", "a4"]
        assert story.highlighted_item().id == "a1"
        await pilot.press("up", "up", "enter")
        assert app.results == [("open", "a2")]


async def test_story_with_the_real_library_opens_an_article(library):
    app = Host(lambda: StoryScreen(library, "v2"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        story = app.screen.query_one(StoryList)
        ids = [i.id for i in story.items]
        assert "v2" in ids and len(ids) == len(set(ids))
        assert story.highlighted_item().id == "v2"
        await pilot.press("enter")
        assert app.results == [("open", "v2")]


async def test_story_of_a_missing_article_reports_it(library):
    app = Host(lambda: StoryScreen(library, "zzzzzzzz"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "zzzzzzzz" in plain_text(app.screen.query_one("#story-summary", Static))
        await pilot.press("escape")
        assert app.results == [None]


# -- version diff ---------------------------------------------------------------------------


async def test_version_diff_colours_additions_and_deletions_and_jumps_between_changes(library):
    app = Host(lambda: VersionDiffScreen(library, "v1", "v2"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(DiffView)
        blocks = list(view.query(".diff-paragraph").results(Static))
        assert len(blocks) == 4
        first = shown(blocks[0])
        styled = {first.plain[s.start : s.end].strip(): str(s.style) for s in first.spans}
        assert styled["evidence"] == "red strike"
        assert styled["sign"] == "bold green"
        assert shown(blocks[1]).spans == []  # unchanged paragraph, no colour
        assert "Russia denied the claims" in shown(blocks[3]).plain
        assert {str(s.style) for s in shown(blocks[3]).spans} == {"bold green"}
        summary = plain_text(screen.query_one("#diff-summary", Static))
        # title: 'Can't Confirm' -> Can't Confirm (2 words each way); body: evidence -> sign,
        # and one sentence of 6 words added
        assert "+9 words" in summary and "−3 words" in summary and "2 paragraphs" in summary
        title = plain_text(screen.query_one("#diff-title", Label))
        assert "'Can't Confirm'" in title and "Can't Confirm" in title
        await pilot.press("n")
        assert blocks[0].has_class("current")
        await pilot.press("n")
        assert blocks[3].has_class("current") and not blocks[0].has_class("current")
        await pilot.press("u")
        await pilot.pause()
        assert not blocks[1].display and blocks[3].display
        await pilot.press("o")
        assert app.results == [("open", "v2")]


async def test_version_diff_of_identical_texts_says_nothing_changed(library):
    app = Host(lambda: VersionDiffScreen(library, "a1", "a1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = plain_text(app.screen.query_one("#diff-summary", Static))
        assert "same words" in summary
        assert app.screen.query_one(DiffView).changed_blocks() == []
        await pilot.press("escape")
        assert app.results == [None]


HOSTILE = "[bold]Bold[/bold] \x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07"


class HostileLibrary:
    """Two versions and a story whose text is full of markup and escape sequences."""

    def article(self, article_id: str) -> Article:
        body = [f"Plain start. {HOSTILE}"] if article_id == "new" else ["Plain start."]
        return article(article_id, "web", "2014-04-02", f"{HOSTILE} title", body, [])

    def story(self, article_id: str) -> list[RelatedItem]:
        return [RelatedItem("x", f"{HOSTILE} story", f"dump{HOSTILE}", "2014-04-01", HOSTILE, 1.0)]


async def test_page_text_in_story_and_diff_is_shown_as_written_without_escapes():
    app = Host(lambda: StoryScreen(HostileLibrary(), "new"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        story = app.screen.query_one(StoryList)
        cells = [cell for row in range(story.row_count) for cell in story.get_row_at(row)]
        shown_text = " ".join(c.plain for c in cells)
        assert "[bold]Bold[/bold] red link" in shown_text and "\x1b" not in shown_text
        assert all(not c.spans for c in cells)  # no style came from the page text
    app = Host(lambda: VersionDiffScreen(HostileLibrary(), "old", "new"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        blocks = list(app.screen.query(".diff-paragraph").results(Static))
        added = shown(blocks[0])
        assert added.plain.startswith("Plain start. [bold]Bold[/bold] red link")
        assert "\x1b" not in added.plain and "\x07" not in added.plain
        assert {str(span.style) for span in added.spans} == {"bold green"}


async def test_screens_work_at_80_columns(library):
    for make in (
        lambda: EntityCardScreen(library, RASMUSSEN, "person"),
        lambda: EntityBrowserScreen(library),
        lambda: StoryScreen(StoryLibrary(library), "a1"),
        lambda: VersionDiffScreen(library, "v1", "v2"),
    ):
        app = Host(make)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("escape")
            assert app.results == [None]


# -- in the reader ------------------------------------------------------------------------------


@pytest.fixture
def reader_library(library_template, tmp_path):
    folder = tmp_path / "reader-library"
    shutil.copytree(library_template, folder)
    opened = Library(folder)
    yield opened
    opened.close()


async def test_reader_browser_to_card_to_search_and_story_to_article(reader_library):
    app = tui_support.make_app(reader_library)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await tui_support.settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, EntityBrowserScreen)
        await pilot.press(*"rasmus")
        await browser_settled(pilot)
        await pilot.press("enter", "enter")  # into the people table, then its card
        await settle(pilot)
        card = app.screen
        assert isinstance(card, EntityCardScreen) and card.entity_name == RASMUSSEN
        await pilot.press("a")
        main = await tui_support.settle(pilot)
        assert main.query_box.value == f'person:"{RASMUSSEN}"'
        assert len(tui_support.titles(main)) >= 2  # both seeds name him
        opened = main.article_view.article.id
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        story = app.screen.query_one(StoryList)
        assert story.highlighted_item().id == opened
        target = story.items[-1].id
        story.move_cursor(row=len(story.items) - 1)
        await pilot.press("enter")
        main = await tui_support.settle(pilot)
        assert main.article_view.article.id == target

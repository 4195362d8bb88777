"""Pilot tests of what a new user's walk through the reader found: the related panel keeps the
library's order, the footer shows how to get help, a library indexed empty is not seeded."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_support import newsreader, search_json
from textual.app import App, ComposeResult
from tui_support import library, library_template, make_app, open_front_page, screen_text, settle

from index.library import Library
from index.records import Related, RelatedItem
from reader.app import NewsReaderApp
from reader.screens.help import HelpScreen
from widgets.related_panel import RelatedPanel
from widgets.story_table import StoryTable

__all__ = ["library", "library_template"]  # fixtures used by the tests below


class _RelatedOnly(App):
    CSS_PATH = ["../widgets/related_panel.tcss"]

    def compose(self) -> ComposeResult:
        yield RelatedPanel()


def _item(id: str, dump: str, date: str, kind: str, score: float) -> RelatedItem:
    return RelatedItem(id, f"title {id}", dump, date, "Wire", score, kind=kind)


async def test_related_panel_by_dump_keeps_the_closest_coverage_first():
    # As the library ranks them: the same story first, then a follow-up, then background.
    ranked = [
        _item("same", "wire-10", "1987-10-19", "same story", 0.9),
        _item("later", "wire-10", "1987-10-20", "follow-up", 0.5),
        _item("old-close", "wire-06", "1987-06-02", "background", 0.4),
        _item("old-far", "wire-06", "1987-06-29", "background", 0.1),
    ]
    app = _RelatedOnly()
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(RelatedPanel)
        panel.show_related(Related("open", related=ranked), open_date="1987-10-19")
        await pilot.pause()
        shown = [e.item.id for e in panel.entries if e.item is not None]
        assert shown == ["same", "later", "old-close", "old-far"]
        assert panel.current is not None and panel.current.item.id == "same"  # the cursor on it
        panel.action_toggle_grouping()  # the timeline still orders by date
        await pilot.pause()
        shown = [e.item.id for e in panel.entries if e.item is not None]
        assert shown == ["later", "same", "old-far", "old-close"]


async def test_the_footer_shows_how_to_get_help_on_a_small_terminal(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app)[0].rstrip("\n").splitlines()[-1]
        assert "? Help" in footer, footer  # the footer is cut at the right on narrow terminals
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_a_library_indexed_empty_is_not_filled_with_the_seeds(tmp_path):
    (tmp_path / "nothing-yet").mkdir()
    library = tmp_path / "library"
    indexed = newsreader(library, "index", str(tmp_path / "nothing-yet"))
    assert "Nothing to index: no pages found" in indexed.stderr and ".jsonl" in indexed.stderr
    assert "dumps: (none)" in newsreader(library, "stats").stdout
    done = newsreader(library, "search", "nato", "--json")
    assert json.loads(done.stdout)["total"] == 0 and "seed" not in done.stderr
    fresh = tmp_path / "fresh"  # a new library is still seeded on its first use
    assert search_json(fresh, "nato")["total"] == 2


async def test_the_reader_on_a_library_indexed_empty_says_how_to_fill_it(tmp_path):
    (tmp_path / "nothing-yet").mkdir()
    with Library(tmp_path / "library") as library:
        library.add([tmp_path / "nothing-yet"])
        app = NewsReaderApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await settle(pilot)
            assert app.seed_report is None and screen.results.total == 0
            assert "Opening the library" not in screen_text(app)[0]
            said = str(screen.article_view.query_one("#article-title").render())
            assert "holds no articles yet" in said and f"{library.path} index PATH" in said


async def test_the_help_names_every_field_of_the_readme_query_table(library):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("\n## Query syntax\n") :].split("\n## ")[1]
    forms = "".join(line.split("|")[1] for line in table.splitlines() if line.startswith("| `"))
    fields = set(re.findall(r"`-?([a-z]+:)", forms))
    assert {"title:", "body:", "story:", "tag:"} <= fields
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        syntax = app.screen.text_shown.split("Query syntax:")[1]
        assert {f for f in fields if f not in syntax} == set()


async def test_every_hit_is_drawn_whole_when_the_list_grows_a_scrollbar(tmp_path):
    # Textual wraps each hit once, at the width before the scrollbar shows: a hit that wraps one
    # line more beside the scrollbar overdrew the divider under it (or its own last line).
    word = "Internationalisation"  # 20 letters: two and a space fill the list's 41 columns
    records = [
        {"id": f"long-{n}", "title": f"Committee meeting number {n} in Geneva",
         "text": f"{word} {word} {word}. The committee met in Geneva on Monday, officials said."
                 "\n\nThe talks went on for hours about the budget, the rules and the weather.",
         "date": f"2021-03-{n + 1:02d}"}
        for n in range(12)
    ]  # fmt: skip
    dump = tmp_path / "wire.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Library(tmp_path / "library") as library:
        library.add([dump])
        app = NewsReaderApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await settle(pilot)
            results = screen.results
            assert results.show_vertical_scrollbar
            left, top = results.region.x + 2, results.region.y + 1
            shown = screen_text(app)[0].splitlines()[top:]
            rows = [row[left : left + results.region.width - 4] for row in shown]
            starts = [n for n, row in enumerate(rows) if row.startswith("● Committee")]
            assert len(starts) >= 2, rows[:12]
            for start in starts[1:]:
                assert rows[start - 1].strip().startswith("───"), rows[start - 1]


def test_stories_since_and_limit_refuse_what_they_cannot_use(cli_library):
    for options, said in (
        (["--since", "garbage"], "not a date: 'garbage'"),
        (["--since", "2014-13"], "not a month: '2014-13'"),
        (["--limit", "0"], "must be at least 1"),
    ):
        done = newsreader(cli_library, "stories", *options, check=False)
        assert done.returncode == 2 and said in done.stderr, (options, done.stderr)
        assert "Traceback" not in done.stderr and done.stdout == ""
    newest = json.loads(newsreader(cli_library, "stories", "--json").stdout)
    month = max(s["last_date"] for s in newest)[:7]  # "2014-5" is that month too
    loose = f"{month[:4]}-{int(month[5:])}"
    found = json.loads(newsreader(cli_library, "stories", "--since", loose, "--json").stdout)
    assert found and all(s["last_date"] >= month for s in found)


async def test_the_front_page_says_when_since_is_not_a_date(library):
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        front = await open_front_page(pilot)
        listed = front.query_one(StoryTable).row_count
        assert listed > 1
        await pilot.press("slash", *"since:garbage", "enter")
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        said = str(front.query_one("#front-summary").render())
        assert "not a date: 'garbage'" in said
        assert front.query_one(StoryTable).row_count == listed  # the list stays as it was

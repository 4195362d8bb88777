"""Hostile page text in the reader: the rendered screen shows markup as written and no payload."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from attacks import (
    HOSTILE_NAME,
    SEED_000,
    assert_terminal_safe,
    hostile_json_record,
    hostile_seed_page,
    screen_text,
    settle,
)

from index.library import Library
from reader.app import NewsReaderApp


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-tui")
    folder = root / HOSTILE_NAME
    folder.mkdir()
    (folder / f"{HOSTILE_NAME}.txt").write_text(hostile_seed_page(), encoding="utf-8")
    shutil.copy(SEED_000.with_name("003_b735b7be424d337f.txt"), folder / "003.txt")
    jsonl = root / f"{HOSTILE_NAME}.jsonl"
    jsonl.write_text(json.dumps(hostile_json_record(1)) + "\n", encoding="utf-8")
    path = root / "library"
    with Library(path) as library:
        library.add([folder, jsonl])
    return path


async def search(pilot, query: str) -> None:
    await pilot.press("slash", "ctrl+a", "ctrl+k", *query, "enter")
    await settle(pilot)


@pytest.mark.parametrize("query", ["withdrawal", "hostile headline"])
async def test_reader_shows_hostile_article_without_payload(hostile_library, query):
    with Library(hostile_library) as library:
        app = NewsReaderApp(library)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await search(pilot, query)
            screen = app.screen
            assert screen.results.hits, "the hostile article is found"
            await pilot.press("enter")  # open the first hit in the article view
            await settle(pilot)
            view = screen.article_view
            assert view.article is not None
            assert "[bold red]not bold[/bold red]" in view.text_shown
            shown = screen_text(app)
            assert_terminal_safe(shown, f"the reader's screen after {query!r}")
            assert "[bold red]not bold" in shown  # markup on screen as written
            assert "[link=http://evil]x[/link]" in shown
            svg = app.export_screenshot()
            assert "pwned-window-title" not in svg and "evil.example" not in svg


async def test_sidebar_related_and_results_of_hostile_pages_are_safe(hostile_library):
    with Library(hostile_library) as library:
        app = NewsReaderApp(library)
        async with app.run_test(size=(200, 60)) as pilot:
            await settle(pilot)
            screen = app.screen
            for index in range(len(screen.results.hits)):
                screen.results.highlighted = index
                await settle(pilot)
                assert screen.related_panel.display and screen.entity_sidebar.display
                assert_terminal_safe(screen_text(app), f"screen with hit {index} open")
            assert len(screen.results.hits) == 3

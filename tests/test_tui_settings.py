"""The settings file and the command palette in the reader, driven with Textual's pilot."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.command import CommandPalette
from tui_support import library as library
from tui_support import library_template as library_template  # the module's library fixture
from tui_support import screen_text, settle

from reader.app import NewsReaderApp
from reader.palette import ActionsProvider
from reader.screens.entity_browser import EntityBrowserScreen
from reader.screens.help import HelpScreen
from reader.screens.story import StoryScreen
from widgets.search_box import SearchBox


def write_settings(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notes(app: NewsReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def palette_run(pilot, app: NewsReaderApp, words: str) -> list[str]:
    """Open the palette, type `words`, return the commands it offers, run the first."""
    await pilot.press("ctrl+k")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*words)
    for _ in range(20):
        await pilot.pause(0.05)
        offered = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        if offered:
            break
    await pilot.press("down", "enter")
    await pilot.pause()
    return offered


async def test_a_rebinding_takes_effect_replaces_the_old_key_and_shows_in_help(library):
    write_settings('[keys]\nsearch = "ctrl+f"\nhelp = "f1"\n')
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.problems == []
        await pilot.press("slash")  # the old key: nothing happens
        await pilot.pause()
        assert not isinstance(app.focused, SearchBox)
        await pilot.press("ctrl+f")  # the new one (it was also "find"'s: now it is search's)
        await pilot.pause()
        assert isinstance(app.focused, SearchBox)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)  # ? was replaced by f1
        footer, _ = screen_text(app)
        assert "^f Search" in footer and "/ Search" not in footer
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.text_shown.splitlines()
        search = next(row for row in rows if row.rstrip().endswith("  Search"))
        assert "^f" in search and "/" not in search
        find = next(row for row in rows if row.rstrip().endswith("  Find"))
        assert find.split()[0] == "f"  # ctrl+f went to search


async def test_bad_settings_are_named_in_a_notification_and_the_reader_starts(library):
    path = write_settings(
        '[reader]\nsortt = "newest"\npage_size = "many"\nnot toml at all\nsort = "newest"\n'
    )
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        shown = notes(app)
        assert len(shown) == 3, shown
        assert all(note.startswith(f"{path}: ") for note in shown)
        assert any("line 4: bad TOML" in n for n in shown)
        assert any("reader.sortt: unknown key" in n for n in shown)
        assert any("reader.page_size: must be a whole number" in n for n in shown)
        assert app.config.page_size == 50 and screen.sort == "newest"
        assert screen.results.hits  # searching as ever


async def test_default_sort_hidden_panes_and_the_date_format_apply(library):
    write_settings(
        '[reader]\nsort = "oldest"\ndate_format = "%d %b %Y"\n'
        "[panes]\nrelated = false\nsearch = false\n"
    )
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        assert screen.sort == "oldest"
        assert screen.related_panel.display is False and screen.entity_sidebar.display
        assert screen.search_pane.display is False
        text, _ = screen_text(app)
        assert "02 Apr 2014" in text or "07 Aug 2014" in text
        await pilot.press("r")  # the key still brings the panel
        await pilot.pause()
        assert screen.related_panel.display and app.focused is screen.related_panel


async def test_the_theme_chosen_in_the_palette_is_remembered(library):
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        await palette_run(pilot, app, "theme: nord")
        assert app.theme == "nord"
    state = Path(os.environ["XDG_STATE_HOME"]) / "newsreader" / "ui.json"
    assert json.loads(state.read_text())["theme"] == "nord"
    again = NewsReaderApp(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
    write_settings('[reader]\ntheme = "gruvbox"\n')  # the settings file wins
    third = NewsReaderApp(library)
    async with third.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert third.theme == "gruvbox"


async def test_the_palette_lists_and_runs_the_actions_of_the_screen_it_is_opened_on(library):
    write_settings('[keys]\nentity_browser = "ctrl+e"\n')
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(pilot)
        offered = await palette_run(pilot, app, "entity browser")
        assert offered[0].startswith("Entity browser") and "^e" in offered[0]
        assert isinstance(app.screen, EntityBrowserScreen)  # ran by name
        await pilot.press("escape")
        await pilot.pause()
        listed = {c.title: c.help for c in ActionsProvider(screen)._commands()}
        assert "^e" in listed["Entity browser"]  # the key as rebound
        for title in [
            "Open the original in a browser",
            "Star/unstar",
            "Next in the story",
            "Read the article",
            "Search for the entity",
            "Quit",
            "Theme: nord",
        ]:
            assert title in listed, title  # fmt: skip
        await pilot.press("s")  # the story of the open article: another screen's actions
        await pilot.pause()
        await app.workers.wait_for_complete()
        story = app.screen
        assert isinstance(story, StoryScreen) and story.newest_first is False
        offered = await palette_run(pilot, app, "oldest/newest")
        assert offered[0].startswith("Oldest/newest first")
        assert app.screen is story and story.newest_first is True  # ran on the story screen


async def test_ctrl_k_in_the_query_box_deletes_to_the_end_and_elsewhere_opens_the_palette(library):
    app = NewsReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nato troops", "home", "right", "right", "right", "right")
        await pilot.press("ctrl+k")  # readline's kill-to-end in a text box, not the palette
        await pilot.pause()
        box = app.screen.query_one(SearchBox)
        assert not isinstance(app.screen, CommandPalette) and box.value == "nato"
        await pilot.press("escape", "ctrl+k")  # out of the box: the palette
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)

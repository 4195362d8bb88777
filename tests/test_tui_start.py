"""The reader's start: what runs before its first results are on screen, and what waits for them."""

from __future__ import annotations

import gc

from tui_support import library, library_template, make_app, settle

from reader import cli
from reader.app import NewsReaderApp
from widgets.key_footer import KeyFooter
from widgets.results_list import ResultsList

__all__ = ["library", "library_template"]  # fixtures used by the tests below


def test_the_console_script_starts_the_reader_with_the_garbage_collector_off(library, monkeypatch):
    seen: list[bool] = []
    monkeypatch.setattr(NewsReaderApp, "run", lambda self: seen.append(gc.isenabled()))
    try:
        assert cli.main(["--library", str(library.path)]) == 0
        assert seen == [False]  # its imports and first screen: no collections
    finally:
        gc.enable()


async def test_the_collector_comes_on_with_the_first_results_and_is_restored_after(library):
    gc.disable()  # as the console script starts the reader
    try:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await settle(pilot)
            assert screen.last_result is not None
            assert gc.isenabled()  # on, once the first results were on screen
        assert not gc.isenabled()  # as the reader found it
    finally:
        gc.enable()


async def test_the_footer_is_composed_once_at_start_with_the_results_focused(library, monkeypatch):
    composed: list[str] = []
    recompose = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        composed.append(type(self.screen.focused).__name__)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.focused, ResultsList)
        assert composed == ["ResultsList"]  # not first for the query box, then again

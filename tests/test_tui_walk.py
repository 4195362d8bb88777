"""Pilot tests of what a new user's walk through the reader found: the related panel keeps the
library's order, the footer shows how to get help, a library indexed empty is not seeded."""

from __future__ import annotations

from textual.app import App, ComposeResult
from tui_support import library, library_template, make_app, screen_text, settle

from index.records import Related, RelatedItem
from reader.screens.help import HelpScreen
from widgets.related_panel import RelatedPanel

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

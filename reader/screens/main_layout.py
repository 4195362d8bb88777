"""Which panes of the main screen show: below 100 columns the two sides take turns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.screen import Screen
from textual.widget import Widget

NARROW = 100  # columns below which the search pane and the side pane take turns
TINY = 70  # columns below which the panes take a larger share


class PanesShown(Protocol):
    """The settings' [panes] table (`reader.settings.ReaderConfig`)."""

    show_search: bool
    show_entities: bool
    show_related: bool


class PaneLayout:
    """Shows and hides the search pane and the side pane beside the article, by width and keys."""

    def __init__(
        self,
        screen: Screen,
        search: Widget,
        side: Widget,
        focus_article: Callable[[], object],
        show_side: bool,
    ) -> None:
        self.screen = screen
        self.search = search
        self.side = side
        self.focus_article = focus_article  # takes the focus from a pane that is hidden
        self.show_side = show_side  # the configured default on wide terminals
        self.side_choice: bool | None = None  # the user's; None: follow the terminal width
        self.search_made_way = False  # hidden to make room for the side pane

    def fit(self, width: int) -> None:
        """Lay the panes out for a terminal `width` columns wide."""
        self.screen.set_class(width < NARROW, "-narrow")
        self.screen.set_class(width < TINY, "-tiny")
        if self.side_choice is None:
            self.side.display = width >= NARROW and self.show_side
        if width >= NARROW and self.search_made_way:
            self.search_made_way = False
            self.search.display = True

    def start(self, settings: PanesShown, entities: Widget, related: Widget) -> None:
        """Hide at start what the settings' [panes] table turns off (the keys bring it back)."""
        entities.display = settings.show_entities
        related.display = settings.show_related
        if not settings.show_search:
            self.toggle(self.search)

    def show(self, pane: Widget, part: Widget | None = None) -> None:
        """Show a side of the screen (and `part` of it); below 100 columns only one side fits."""
        pane.display = True
        if part is not None:
            part.display = True
        if pane is self.side:
            self.side_choice = True
        if self.screen.app.size.width < NARROW:
            other = self.search if pane is self.side else self.side
            if other.display:
                other.display = False
                if other is self.search:
                    self.search_made_way = True
                else:
                    self.side_choice = None  # back when the terminal is wide enough

    def toggle(self, pane: Widget) -> None:
        """Hide a side shown (the article takes the focus) or show a hidden one."""
        shown = not pane.display
        if shown:
            self.show(pane)
        else:
            pane.display = False
            focused = self.screen.focused
            if focused is not None and pane in focused.ancestors:
                self.focus_article()
        if pane is self.side:
            self.side_choice = shown

"""The query box: an input with a history browsed by `up` and `down`."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from widgets.messages import QuerySubmitted


class SearchBox(Input):
    """Where the query is typed; `enter` submits, `up`/`down` walk the query history."""

    BINDINGS = [
        Binding("up", "history_back", "Earlier query", show=False, id="earlier"),
        Binding("down", "history_forward", "Later query", show=False, id="later"),
        Binding("enter", "submit", "Go to the results", show=False, id="submit"),
        Binding("escape", "leave", "Leave the query box", show=False, id="leave"),
    ]

    # The box's width is set by its pane, not by the query: a key typed repaints the box without
    # the layout of the whole screen that Input's own `virtual_size` (layout=True) asks for.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, history: list[str] | None = None, **kwargs) -> None:
        kwargs.setdefault("placeholder", 'Search: words, "phrases", person:Name, date:2014-04 …')
        super().__init__(**kwargs)
        self.history: list[str] = history if history is not None else []
        self._position: int | None = None  # index into history while browsing it
        self._typed = ""  # what was in the box before browsing began
        self._browsing = False

    def set_query(self, query: str) -> None:
        """Show `query` in the box without moving the history cursor."""
        self._position = None
        with self.prevent(Input.Changed):
            self.value = query
        self.cursor_position = len(query)

    def action_history_back(self) -> None:
        if not self.history:
            return
        if self._position is None:
            self._typed = self.value
            self._position = len(self.history)
        if self._position > 0:
            self._position -= 1
            self._show(self.history[self._position])

    def action_history_forward(self) -> None:
        if self._position is None:
            return
        self._position += 1
        if self._position >= len(self.history):
            self._position = None
            self._show(self._typed)
        else:
            self._show(self.history[self._position])

    def _show(self, query: str) -> None:
        self._browsing = query != self.value
        self.value = query  # posts Input.Changed: the results follow
        self.cursor_position = len(query)

    def _on_input_changed(self, event: Input.Changed) -> None:
        if self._browsing:
            self._browsing = False
        else:
            self._position = None  # typing ends the walk through the history

    def action_leave(self) -> None:
        self._position = None
        self.screen.focus_next()

    async def action_submit(self) -> None:
        self._position = None
        self.post_message(QuerySubmitted(self.value))

"""The find-in-article box: typing marks matches; `enter` or `escape` returns to the article."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from widgets.messages import FindChanged, FindClosed


class FindBar(Input):
    """A one-line box under the article; hidden until `ctrl+f` / `f`."""

    BINDINGS = [
        Binding("enter", "submit", "Back to the text, matches kept", show=False, id="submit"),
        Binding("escape", "close", "Close find", show=False, id="close"),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("placeholder", "Find in the article (then n / N: next / previous)")
        super().__init__(**kwargs)

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FindChanged(self.value))

    async def action_submit(self) -> None:
        self.post_message(FindClosed(self.value))

    def action_close(self) -> None:
        self.post_message(FindClosed(self.value))

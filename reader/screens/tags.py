"""Tag dialogs: a prompt for a tag (completed from the tags in use) and the list of every tag."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from widgets.display_text import safe_line


class TagPromptScreen(ModalScreen[str | None]):
    """Asks for one tag; `tab`/`right` takes the completion; dismisses with it (None: cancelled)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("tab", "complete", "Take the completion", show=False, id="complete"),
    ]

    def __init__(self, title: str, tags: list[str], value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.tags = tags
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-prompt", classes="dialog") as box:
            box.border_title = self.title_text
            yield Input(
                value=self.value,
                placeholder="tag name",
                suggester=SuggestFromList(self.tags, case_sensitive=False),
                id="tag-name",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_complete(self) -> None:
        box = self.query_one("#tag-name", Input)
        box.cursor_position = len(box.value)
        box.action_cursor_right()  # at the end, this takes the suggestion

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagListScreen(ModalScreen[tuple[str, str] | None]):
    """Every tag with its number of articles; `enter` searches for it."""

    BINDINGS = [Binding("escape", "cancel", "Close", id="close")]

    def __init__(self, counts: list[tuple[str, int]]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-list-box", classes="dialog") as box:
            box.border_title = "Tags (enter searches, escape closes)"
            options = [
                Option(Text.assemble((safe_line(tag, 60), "bold"), (f"  {n:,} articles", "dim")))
                for tag, n in self.counts
            ]
            if not options:
                options = [
                    Option(Text("No tags yet: + tags the open article, * stars it"), disabled=True)
                ]
            yield OptionList(*options, id="tag-list")

    def on_mount(self) -> None:
        self.query_one("#tag-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.counts):
            self.dismiss(("search", f"tag:{self.counts[event.option_index][0]}"))

    def action_cancel(self) -> None:
        self.dismiss(None)

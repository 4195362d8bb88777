"""Saved searches: a prompt naming the current query, and a list of them with current counts."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from index.library import Library
from reader.state import SavedSearches
from widgets.display_text import safe_line


def save_search(screen: Screen, query: str, saved: SavedSearches) -> None:
    """Ask for a name and save `query` under it (the main screen's `S`)."""
    if not query:
        screen.notify("Type a query first: the empty query lists everything")
        return

    def save(name: str | None) -> None:
        if name is None:
            return
        if saved.save(name, query):
            screen.notify(f"Saved as “{name}”", markup=False)
        else:
            screen.notify("Could not write the saved searches (read-only library?)")

    screen.app.push_screen(SaveSearchScreen(query), save)


class SaveSearchScreen(ModalScreen[str | None]):
    """Asks for a name for the current query; dismisses with the name (None: cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="save-search", classes="dialog") as box:
            box.border_title = "Save this search"
            yield Static(Text(safe_line(self.query_text, 200), style="italic"))
            yield Input(value=safe_line(self.query_text, 60), placeholder="Name", id="save-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.query_text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavedSearchesScreen(ModalScreen[tuple[str, str] | None]):
    """Each saved search with how many articles it finds now; `enter` runs it."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="close"),
        Binding("delete,x", "remove", "Delete the saved search", id="delete"),
    ]

    def __init__(self, library: Library, saved: SavedSearches) -> None:
        super().__init__()
        self.library = library
        self.saved = saved
        self.counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-searches", classes="dialog") as box:
            box.border_title = "Saved searches (enter runs, x deletes, escape closes)"
            yield OptionList(id="saved-list")

    def on_mount(self) -> None:
        self._fill()
        self.count_matches()

    def _fill(self) -> None:
        options = []
        for item in self.saved.items:
            line = Text(safe_line(item.name, 60), style="bold", end="")
            count = self.counts.get(item.query)
            line.append(f"  {count:,} articles" if count is not None else "  counting…", "dim")
            line.append(f"\n{safe_line(item.query, 200)}", style="italic")
            options.append(Option(line))
        if not options:
            options.append(
                Option(Text("No saved searches yet: S saves the current query"), disabled=True)
            )
        option_list = self.query_one("#saved-list", OptionList)
        highlighted = option_list.highlighted
        option_list.set_options(options)
        if self.saved.items:
            option_list.highlighted = min(highlighted or 0, len(self.saved.items) - 1)
        option_list.focus()

    @work(thread=True, exclusive=True, group="saved-counts")
    def count_matches(self) -> None:
        worker = get_current_worker()
        counts = {}
        for item in list(self.saved.items):
            if worker.is_cancelled:
                return
            counts[item.query] = self.library.search(item.query, limit=1, snippets=False).total
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.saved.items):
            self.dismiss(("search", self.saved.items[event.option_index].query))

    def action_remove(self) -> None:
        index = self.query_one("#saved-list", OptionList).highlighted
        if index is not None and 0 <= index < len(self.saved.items):
            self.saved.remove(self.saved.items[index].name)
            self._fill()

    def action_cancel(self) -> None:
        self.dismiss(None)

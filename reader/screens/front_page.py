"""The front page: the library's stories, biggest or newest first; `enter` opens a story."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from index.records import Story
from index.search.query_dates import date_prefix
from index.text import sanitize_line
from reader.screens.entity_card import ScreenResult
from widgets.key_footer import KeyFooter
from widgets.story_table import StoryTable

LIMIT = 200  # stories listed


def parse_filter(text: str) -> dict[str, str]:
    """`dump:NAME since:YYYY-MM-DD` and the rest as an entity name -> Library.stories keywords."""
    found: dict[str, str] = {}
    words: list[str] = []
    for word in text.split():
        name, sep, value = word.partition(":")
        if sep and name.lower() in ("dump", "since", "date") and value:
            found["since" if name.lower() == "date" else name.lower()] = value
        else:
            words.append(word)
    if words:
        found["entity"] = " ".join(words)
    return found


class FrontPageScreen(ModalScreen[ScreenResult]):
    """The stories of the library; dismisses with ("open", article_id) or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("n", "toggle_order", "Biggest/newest first", id="stories_order"),
        Binding("slash", "focus_filter", "Filter", id="stories_filter"),
    ]

    def __init__(self, library) -> None:
        super().__init__()
        self.library = library
        self.newest = False
        self.filters: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="front-page"):
            yield Label(Text("Stories", "bold"), id="front-title")
            yield Input(
                placeholder="filter: an entity, dump:NAME, since:YYYY-MM-DD (enter)",
                id="front-filter",
            )
            yield Static(Text("Loading the stories…", "dim"), id="front-summary")
            yield StoryTable(id="front-stories")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(StoryTable).focus()
        self.load_stories()

    @work(thread=True, exclusive=True, group="front-page")
    def load_stories(self) -> None:
        """Stories are grouped once in a library written before them: away from the UI."""
        try:
            if self.library.needs_stories() and not self.library.readonly:
                self.app.call_from_thread(self.show_note, "Grouping the articles into stories…")
            found = self.library.stories(newest=self.newest, limit=LIMIT, **self.filters)
        except Exception as exc:
            self.app.call_from_thread(self.show_note, str(exc), "red")
            return
        self.app.call_from_thread(self.show_stories, found)

    def show_note(self, message: str, style: str = "dim") -> None:
        if self.is_attached:
            self.query_one("#front-summary", Static).update(Text(sanitize_line(message), style))

    def show_stories(self, stories: list[Story]) -> None:
        if not self.is_attached:
            return
        order = "newest first" if self.newest else "biggest first"
        summary = Text(f"{len(stories)} stories", "bold")
        summary.append(f", {order}")
        if self.filters:
            shown = " ".join(f"{k}:{v}" for k, v in self.filters.items())
            summary.append(f"  [{sanitize_line(shown)}]", "dim")
        if not stories:
            summary.append(" — nothing to show (index some dumps, or change the filter)", "dim")
        self.query_one("#front-summary", Static).update(summary)
        self.query_one(StoryTable).show_stories(stories)

    @on(Input.Submitted, "#front-filter")
    def apply_filter(self, event: Input.Submitted) -> None:
        filters = parse_filter(event.value)
        if "since" in filters:
            try:
                filters["since"] = date_prefix(filters["since"])
            except ValueError as exc:  # said where the count goes; the list stays as it was
                self.show_note(f"since: {exc}", "red")
                return
        self.filters = filters
        self.query_one(StoryTable).focus()
        self.load_stories()

    @on(DataTable.RowSelected, "#front-stories")
    def open_story(self, event: DataTable.RowSelected) -> None:
        story = self.query_one(StoryTable).story_for_row(event.row_key)
        if story is None:
            return
        from reader.screens.story import StoryScreen

        self.app.push_screen(StoryScreen(self.library, story.id), self._story_closed)

    def _story_closed(self, result: ScreenResult) -> None:
        if result:  # an article picked in the story: the main screen opens it
            self.dismiss(result)

    def action_toggle_order(self) -> None:
        self.newest = not self.newest
        self.load_stories()

    def action_focus_filter(self) -> None:
        self.query_one("#front-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

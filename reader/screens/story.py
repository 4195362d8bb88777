"""The story view: the open article's story as a timeline across the dumps, with its coverage."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from index.records import Article, RelatedItem
from index.text import sanitize_line
from reader.screens.entity_card import ScreenResult
from widgets.display_text import safe_line
from widgets.story_list import StoryList, story_order
from widgets.timeline_chart import TimelineChart


def item_for_article(article: Article) -> RelatedItem:
    """The open article as a story entry, so it shows in its place on the timeline."""
    return RelatedItem(
        id=article.id,
        title=article.title,
        dump=article.dump,
        date=article.date,
        source=article.source,
        score=0.0,
    )


def story_items(article: Article, story: Sequence[RelatedItem]) -> list[RelatedItem]:
    """The story's articles each once, the open one among them even if the ranking left it out."""
    items: list[RelatedItem] = []
    seen: set[str] = set()
    for item in story:
        if item.id not in seen:
            seen.add(item.id)
            items.append(item)
    if article.id not in seen:
        items.insert(0, item_for_article(article))
    return items


def story_summary(items: Sequence[RelatedItem]) -> Text:
    """One line: how many articles, dumps and sources (and languages, when several), the dates it
    spans, how many undated."""
    dated = sorted(i.date[:10] for i in items if i.date)
    dumps = {i.dump for i in items}
    sources = {i.source for i in items if i.source}
    languages = sorted({i.language for i in items if i.language})
    text = Text()
    text.append(f"{len(items)} article{'s' if len(items) != 1 else ''}", "bold")
    text.append(f" in {len(dumps)} dump{'s' if len(dumps) != 1 else ''}")
    if sources:
        text.append(f" from {len(sources)} source{'s' if len(sources) != 1 else ''}")
    if len(languages) > 1:
        text.append(f" in {len(languages)} languages ({' '.join(languages)})")
    if dated:
        text.append(", ")
        text.append(dated[0], "bold")
        if dated[-1] != dated[0]:
            text.append(" to ")
            text.append(dated[-1], "bold")
    undated = len(items) - len(dated)
    if undated:
        text.append(f"; {undated} undated", "dim")
    return text


class StoryScreen(ModalScreen[ScreenResult]):
    """The story of one article; dismisses with ("open", article_id) or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("o", "toggle_order", "Oldest/newest first", id="order"),
    ]

    def __init__(self, library, article_id: str) -> None:
        super().__init__()
        self.library = library
        self.article_id = article_id
        self.items: list[RelatedItem] = []
        self.newest_first = False

    def compose(self) -> ComposeResult:
        with Vertical(id="story"):
            yield Label(Text("Story", "bold"), id="story-title")
            yield Static(Text("Loading the story…", "dim"), id="story-summary")
            yield Label(Text("Coverage over time", "bold"), classes="story-heading")
            yield TimelineChart(noun="articles", id="story-chart")
            yield StoryList(id="story-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StoryList).focus()
        self.load_story()

    @work(thread=True, exclusive=True, group="story")
    def load_story(self) -> None:
        """The related articles come from the ranking (the slow part), so away from the UI."""
        try:
            article = self.library.article(self.article_id)
            related = self.library.story(article.id)
            story = self.library.story_info(article.story) if article.story else None
        except Exception as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        label = story.label if story else ""  # the front page's name for it, else the article's
        self.app.call_from_thread(self.show_story, article, related, label)

    def show_story(self, article: Article, related: Sequence[RelatedItem], label: str = "") -> None:
        if not self.is_attached:
            return
        self.article_id = article.id
        self.items = story_items(article, related)
        title = Text("Story of ", "dim")
        title.append(safe_line(label or article.title, 100) or "(untitled)", "bold")
        self.query_one("#story-title", Label).update(title)
        self.query_one("#story-summary", Static).update(story_summary(self.items))
        self.query_one(TimelineChart).show([(i.date, 1) for i in self.items if i.date])
        self._fill_list()

    def _fill_list(self) -> None:
        ordered = story_order(self.items, newest_first=self.newest_first)
        self.query_one(StoryList).show_items(ordered, current_id=self.article_id)

    def show_error(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#story-summary", Static).update(Text(sanitize_line(message), "red"))

    @on(DataTable.RowSelected, "#story-list")
    def open_article(self, event: DataTable.RowSelected) -> None:
        item = self.query_one(StoryList).item_for_row(event.row_key)
        if item is not None:
            self.dismiss(("open", item.id))

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        if self.items:
            self._fill_list()
        self.notify("Newest first" if self.newest_first else "Oldest first", timeout=2)

    def action_close(self) -> None:
        self.dismiss(None)

"""The articles of one story as a table in time order: date, dump, source, title."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from index.records import RelatedItem
from index.text import sanitize_line
from widgets.display_text import safe_line, show_date

UNDATED = "undated"
TITLE_WIDTH = 90  # longer titles are clipped so the table does not scroll sideways


def story_order(items: Sequence[RelatedItem], newest_first: bool = False) -> list[RelatedItem]:
    """Dated items by date (oldest first, or newest first), undated items after them."""
    dated = sorted((i for i in items if i.date), key=lambda i: (i.date, i.dump, i.id))
    if newest_first:
        dated.reverse()
    undated = sorted((i for i in items if not i.date), key=lambda i: (i.dump, i.title, i.id))
    return dated + undated


def dump_cell(item: RelatedItem) -> Text:
    """The dump an article came from, and the other dumps holding a copy of it."""
    text = Text(sanitize_line(item.dump))
    others = [d for d in item.copies if d != item.dump]
    if others:
        text.append(" +" + ", ".join(sanitize_line(d) for d in others[:3]), "dim")
        if len(others) > 3:
            text.append("…", "dim")
    return text


class StoryList(DataTable):
    """One row an article of the story; the open article is marked and starts under the cursor."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [
        Binding("enter", "select_cursor", "Open article", id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="next"),
        Binding("k", "cursor_up", "Up", show=False, id="previous"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self.items: list[RelatedItem] = []
        self.current_id = ""

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column("", key="mark")
        self.add_column("Date", key="date")
        self.add_column("Dump", key="dump")
        self.add_column("Source", key="source")
        self.add_column("Title", key="title")

    def show_items(self, items: Sequence[RelatedItem], current_id: str = "") -> None:
        """Show these articles in the given order, with the cursor on `current_id` if present."""
        self.clear(columns=True)
        self._add_columns()
        self.items = list(items)
        self.current_id = current_id
        for index, item in enumerate(self.items):
            is_current = item.id == current_id
            style = "bold" if is_current else ""
            self.add_row(
                Text("●" if is_current else " ", style="bold"),
                Text(show_date(item.date), style="" if item.date else "dim"),
                dump_cell(item),
                Text(sanitize_line(item.source)),
                Text(safe_line(item.title, TITLE_WIDTH) or "(untitled)", style=style),
                key=str(index),
            )
            if is_current:
                self.move_cursor(row=index)

    def highlighted_item(self) -> RelatedItem | None:
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]

    def item_for_row(self, row_key: object) -> RelatedItem | None:
        value = getattr(row_key, "value", row_key)
        try:
            return self.items[int(str(value))]
        except (ValueError, IndexError):
            return None

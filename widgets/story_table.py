"""The library's stories as a table: size, date span, dumps, a coverage sparkline and the label."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from index.records import Story
from index.text import sanitize_line
from widgets.display_text import safe_line

SPARK = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 16  # cells of the coverage sparkline
SHARED_AXIS_DAYS = 366  # stories within this span share one time axis; wider, each has its own
LABEL_WIDTH = 60
FIRST_ROWS = 50  # rows added before the first frame when the table has no height yet


def _day(value: str) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def sparkline(timeline: Sequence[tuple[str, int]], first: int, last: int, width: int) -> str:
    """Articles a day between `first` and `last` (day numbers) in `width` cells; blank: none."""
    cells = [0] * width
    span = max(1, last - first + 1)
    for day, count in timeline:
        n = _day(day)
        if n is not None and first <= n <= last:
            cells[min(width - 1, (n - first) * width // span)] += count
    top = max(cells) or 1
    return "".join(
        SPARK[min(len(SPARK) - 1, (c * len(SPARK) - 1) // top)] if c else " " for c in cells
    )


class StoryTable(DataTable):
    """One row a story; `enter` posts DataTable.RowSelected (the screen opens the story)."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [
        Binding("enter", "select_cursor", "Open story", id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="next"),
        Binding("k", "cursor_up", "Up", show=False, id="previous"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self.stories: list[Story] = []
        self._listing = 0  # counts the lists shown: a list replaced drops its deferred rest

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        for label, key in (("Articles", "n"), ("Dates", "dates"), ("Coverage", "spark")):
            self.add_column(label, key=key)
        self.add_column("Story", key="label")
        self.add_column("Dumps", key="dumps")

    def show_stories(self, stories: Sequence[Story]) -> None:
        """Show these stories in the given order. Sparklines share one time axis when the stories
        fall within a year; over a wider span (a library of decades) each spans its own dates,
        or a few weeks' story would be one cell. The rows that fill the table are added now,
        the rest after the frame that shows them (each row added is measured)."""
        self.clear(columns=True)
        self._add_columns()
        self.stories = list(stories)
        self._listing += 1
        days = [d for s in self.stories for d in (_day(s.first_date), _day(s.last_date)) if d]
        axis = (min(days), max(days)) if days else (0, 0)
        shared = axis if axis[1] - axis[0] <= SHARED_AXIS_DAYS else None
        first = min(len(self.stories), self.size.height or FIRST_ROWS)
        self._add_rows(0, first, shared)
        if first < len(self.stories):
            self.call_after_refresh(self._add_rest, self._listing, first, shared)

    def _add_rest(self, listing: int, start: int, shared: tuple[int, int] | None) -> None:
        if listing == self._listing:  # else the list was replaced since
            self._add_rows(start, len(self.stories), shared)

    def _add_rows(self, start: int, end: int, shared: tuple[int, int] | None) -> None:
        """Rows for stories[start:end]; `shared` is the time axis of all (None: each its own)."""
        for index in range(start, end):
            story = self.stories[index]
            if shared is None:
                first = _day(story.first_date) or 0
                last = _day(story.last_date) or first
            else:
                first, last = shared
            span = story.first_date or "undated"
            if story.last_date and story.last_date != story.first_date:
                span = f"{story.first_date} – {story.last_date[5:]}"
            dumps = ", ".join(sanitize_line(d) for d in story.dumps[:2])
            if len(story.dumps) > 2:
                dumps += f" +{len(story.dumps) - 2}"
            label = Text(safe_line(story.label, LABEL_WIDTH) or "(untitled)", "bold")
            if story.entities:
                label.append("  " + safe_line(", ".join(story.entities[:2]), 30), "dim")
            if len(story.languages) > 1:  # joined across languages
                label.append("  " + safe_line(" ".join(story.languages[:6]), 20), "italic")
            self.add_row(
                Text(str(story.articles), justify="right"),
                Text(span, style="" if story.first_date else "dim"),
                Text(sparkline(story.timeline, first, last, SPARK_WIDTH), "green"),
                label,
                Text(dumps, "dim"),
                key=str(index),
            )

    def story_for_row(self, row_key: object) -> Story | None:
        value = getattr(row_key, "value", row_key)
        try:
            return self.stories[int(str(value))]
        except (ValueError, IndexError):
            return None

    def highlighted_story(self) -> Story | None:
        if not self.stories or not 0 <= self.cursor_row < len(self.stories):
            return None
        return self.stories[self.cursor_row]

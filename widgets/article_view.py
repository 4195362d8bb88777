"""The article view: title, source · dump · date · credits, caption and paragraphs, highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from index.records import Article, language_name
from widgets.display_text import (
    FIND_CURRENT,
    FIND_MATCH,
    HIGHLIGHT,
    find_spans,
    safe_block,
    safe_line,
    show_date,
    term_pattern,
    term_spans,
)

TOTAL_CHARS = 60_000  # characters rendered at once, whatever the article holds


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; query words highlighted; find-in-article matches walked with n/N."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
        Binding("space", "page_down", "Page down", show=False, id="page_down"),
    ]

    def __init__(self, max_paragraphs: int = 150, max_chars: int = 20_000, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_paragraphs = max_paragraphs
        self.max_chars = max_chars
        self.article: Article | None = None
        self._paragraphs: list[str] = []
        self._title = ""
        self._pattern = None
        self._needle = ""
        self._matches: list[tuple[int, int, int]] = []  # (paragraph, start, end)
        self._current = -1

    def compose(self) -> ComposeResult:
        yield Static(id="article-title")
        yield Static(id="article-meta")
        yield Static(id="article-caption")
        yield Vertical(id="article-body")
        yield Static(id="article-note")

    @property
    def article_id(self) -> str | None:
        return self.article.id if self.article else None

    @property
    def text_shown(self) -> str:
        """Everything the view shows, as plain text (for tests and copying)."""
        parts = [self._title, *self._paragraphs]
        return "\n\n".join(parts)

    def show_message(self, message: str) -> None:
        """Show a line instead of an article (nothing open, or it could not be read)."""
        self.article = None
        self._paragraphs = []
        self._title = ""
        self.query_one("#article-title", Static).update(Text(message, style="italic"))
        for name in ("#article-meta", "#article-caption", "#article-note"):
            self.query_one(name, Static).update("")
        self.query_one("#article-body", Vertical).remove_children()

    def show_article(self, article: Article, terms: list[str] | None = None) -> None:
        """Show `article`, highlighting the words `terms` (the query that found it)."""
        self.article = article
        self._pattern = term_pattern(terms or [])
        self._title = safe_line(article.title, 500) or "(untitled)"
        self._paragraphs = []
        budget = TOTAL_CHARS
        for paragraph in article.paragraphs[: self.max_paragraphs]:
            if budget <= 0:
                break
            limit = min(self.max_chars, budget)
            shown_text = safe_block(paragraph[: limit + 1], limit)
            self._paragraphs.append(shown_text)
            budget -= len(shown_text)
        self._needle = ""
        self._matches = []
        self._current = -1

        title = Text(self._title, style="bold", end="")
        for start, end in term_spans(self._title, self._pattern):
            title.stylize(HIGHLIGHT, start, end)
        self.query_one("#article-title", Static).update(title)
        self.query_one("#article-meta", Static).update(self._meta_line(article))
        caption = safe_block(article.caption, 2000)
        self.query_one("#article-caption", Static).update(Text(caption, style="italic"))
        self.query_one("#article-caption", Static).display = bool(caption)
        hidden = len(article.paragraphs) - len(self._paragraphs)
        note = Text(f"id {article.id}", style="dim")
        if hidden > 0:
            note.append(
                f"  ·  {hidden} more paragraphs not shown here (`newsreader show {article.id}`)"
            )
        self.query_one("#article-note", Static).update(note)

        body = self.query_one("#article-body", Vertical)
        body.remove_children()
        body.mount_all(
            Static(self._paragraph_text(i), classes="paragraph")
            for i in range(len(self._paragraphs))
        )
        self.scroll_home(animate=False)

    def _meta_line(self, article: Article) -> Text:
        parts = [
            safe_line(article.source, 80) or "unknown source",
            safe_line(article.dump, 80),
            show_date(article.date),
        ]
        if article.credits:
            parts.append(", ".join(safe_line(c, 60) for c in article.credits[:8]))
        if article.language:
            parts.append(safe_line(language_name(article.language), 30))
        return Text(" · ".join(parts), style="dim", end="")

    def _paragraph_text(self, index: int) -> Text:
        paragraph = self._paragraphs[index]
        text = Text(paragraph, end="")
        for start, end in term_spans(paragraph, self._pattern):
            text.stylize(HIGHLIGHT, start, end)
        for n, (p, start, end) in enumerate(self._matches):
            if p == index:
                text.stylize(FIND_CURRENT if n == self._current else FIND_MATCH, start, end)
        return text

    def _paragraph_widgets(self) -> list[Static]:
        return list(self.query_one("#article-body", Vertical).query(".paragraph").results(Static))

    def _restyle(self, indexes: set[int]) -> None:
        widgets = self._paragraph_widgets()
        for i in indexes:
            if 0 <= i < len(widgets):
                widgets[i].update(self._paragraph_text(i))

    # -- find in article ----------------------------------------------------------------------

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int:
        return self._current

    def find(self, needle: str) -> int:
        """Mark every occurrence of `needle` (case-insensitive); returns how many there are."""
        touched = {p for p, _, _ in self._matches}
        self._needle = needle
        self._matches = [
            (i, start, end)
            for i, paragraph in enumerate(self._paragraphs)
            for start, end in find_spans(paragraph, needle)
        ]
        self._current = 0 if self._matches else -1
        touched |= {p for p, _, _ in self._matches}
        self._restyle(touched)
        self._scroll_to_current()
        return len(self._matches)

    def next_match(self, step: int = 1) -> int:
        """Move to the next (`step` 1) or previous (-1) match; returns its index or -1."""
        if not self._matches:
            return -1
        old = self._matches[self._current][0] if self._current >= 0 else -1
        self._current = (self._current + step) % len(self._matches)
        self._restyle({old, self._matches[self._current][0]})
        self._scroll_to_current()
        return self._current

    def _scroll_to_current(self) -> None:
        if self._current < 0:
            return
        widgets = self._paragraph_widgets()
        index = self._matches[self._current][0]
        if 0 <= index < len(widgets):
            self.call_after_refresh(
                self.scroll_to_widget, widgets[index], center=True, animate=False
            )

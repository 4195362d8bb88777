"""What changed between two versions of one article: a word-level diff, paragraph by paragraph."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from index.records import Article
from index.text import sanitize_line
from index.versions import word_diff
from reader.screens.entity_card import ScreenResult
from widgets.diff_view import INSERT_STYLE, DiffView, diff_text


def version_line(label: str, article: Article) -> Text:
    """`old: dump · date · source · id` for the header."""
    text = Text(f"{label}: ", "dim")
    parts = [article.dump, article.date[:10] or "undated", article.source, article.id]
    text.append(" · ".join(sanitize_line(p) for p in parts if p))
    return text


def article_text(article: Article) -> str:
    """The text compared: caption and paragraphs, one blank line between them."""
    return "\n\n".join(p for p in [article.caption, *article.paragraphs] if p)


def diff_counts(runs: list[tuple[str, str]]) -> tuple[int, int]:
    """(words added, words deleted)."""
    added = sum(len(t.split()) for op, t in runs if op == "insert")
    deleted = sum(len(t.split()) for op, t in runs if op == "delete")
    return added, deleted


class VersionDiffScreen(ModalScreen[ScreenResult]):
    """Two versions of an article compared; dismisses with ("open", new_id) or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("o", "open_new", "Open newer version", id="open_newer"),
        Binding("O", "open_old", "Open older version", show=False, id="open_older"),
    ]

    def __init__(self, library, old_id: str, new_id: str) -> None:
        super().__init__()
        self.library = library
        self.old_id = old_id
        self.new_id = new_id
        self.runs: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="diff"):
            yield Label(Text("What changed", "bold"), id="diff-title")
            yield Static(Text("Comparing…", "dim"), id="diff-summary")
            yield DiffView(id="diff-view")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DiffView).focus()
        self.compare()

    @work(thread=True, exclusive=True, group="version-diff")
    def compare(self) -> None:
        """Load both versions and diff them (difflib is quadratic at worst: keep it off the UI)."""
        try:
            old = self.library.article(self.old_id)
            new = self.library.article(self.new_id)
        except Exception as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        title_runs = word_diff(old.title, new.title)
        body_runs = word_diff(article_text(old), article_text(new))
        self.app.call_from_thread(self.show_diff, old, new, title_runs, body_runs)

    async def show_diff(
        self,
        old: Article,
        new: Article,
        title_runs: list[tuple[str, str]],
        body_runs: list[tuple[str, str]],
    ) -> None:
        if not self.is_attached:
            return
        self.old_id, self.new_id = old.id, new.id
        self.runs = body_runs
        title = Text("What changed: ", "dim")
        title.append_text(diff_text(title_runs))
        self.query_one("#diff-title", Label).update(title)
        added, deleted = diff_counts([*title_runs, *body_runs])
        summary = Text()
        summary.append_text(version_line("older", old))
        summary.append("\n")
        summary.append_text(version_line("newer", new))
        summary.append("\n")
        if added or deleted:
            summary.append(f"+{added} word{'s' if added != 1 else ''}", INSERT_STYLE)
            summary.append("  ")
            summary.append(f"−{deleted} word{'s' if deleted != 1 else ''}", "red")
            view = self.query_one(DiffView)
            await view.show_diff(body_runs)
            changed = len(view.changed_blocks())
            summary.append(f"  in {changed} paragraph{'s' if changed != 1 else ''}", "dim")
        else:
            await self.query_one(DiffView).show_diff(body_runs)
            summary.append("The two versions have the same words.", "dim")
        self.query_one("#diff-summary", Static).update(summary)

    def show_error(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#diff-summary", Static).update(Text(sanitize_line(message), "red"))

    def action_open_new(self) -> None:
        self.dismiss(("open", self.new_id))

    def action_open_old(self) -> None:
        self.dismiss(("open", self.old_id))

    def action_close(self) -> None:
        self.dismiss(None)

"""The article pane: the article view over the find box; articles are read in a thread worker."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.worker import get_current_worker

from index.library import LibraryError
from index.records import Article
from reader.settings import ReaderConfig
from widgets.article_view import ArticleView
from widgets.find_bar import FindBar
from widgets.messages import ArticleShown, FindChanged, FindClosed

ArticleFunction = Callable[[str], Article]  # `Library.article`, handed in by the screen


class ArticlePane(Vertical):
    """Shows one article (posting `ArticleShown`) and finds words in it; its subtitle says where."""

    def __init__(self, article: ArticleFunction, config: ReaderConfig, **kwargs) -> None:
        super().__init__(**kwargs)
        self._article = article
        self.config = config
        self.is_loading = False
        self._generation = 0  # of the newest article asked for; older loads are dropped
        self._shown_terms: list[str] | None = None

    def compose(self) -> ComposeResult:
        config = self.config
        yield ArticleView(config.max_paragraphs, config.max_paragraph_chars, id="article")
        yield FindBar(id="find")

    def on_mount(self) -> None:
        self.view.border_title = "Article"
        self.find_bar.display = False
        self.view.show_message("Opening the library…")

    def show_empty_library(self, library: Path) -> None:
        """Say how to fill a library that holds no article (the reader shows them as they come)."""
        self.view.show_message(
            "This library holds no articles yet. Add dumps (folders of pages, JSON Lines, WET/WARC,"
            f" HTML) from a shell:\n\nnewsreader --library {shlex.quote(str(library))} index "
            "PATH...\n\nThey show here as they are indexed."
        )

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one("#find", FindBar)

    # -- opening ------------------------------------------------------------------------------

    def open(self, article_id: str, via: str, terms: list[str]) -> bool:
        """Show an article, loading it in a thread worker; True when it was open already.

        An article already open only changes its highlighted words (no `ArticleShown`).
        """
        view = self.view
        if view.article is not None and view.article.id == article_id:
            self.is_loading = False
            self._generation += 1  # an older load still on its way must not replace it
            if terms != self._shown_terms:
                view.show_article(view.article, terms)
                self._shown_terms = terms
            return True
        self._generation += 1
        self.is_loading = True
        self._article_worker(article_id, via, terms, self._generation)
        return False

    @work(thread=True, exclusive=True, group="article")
    def _article_worker(self, article_id: str, via: str, terms: list[str], gen: int) -> None:
        try:
            article = self._article(article_id)
        except LibraryError as exc:
            self.app.call_from_thread(self._article_failed, gen, str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_article, article, via, terms, gen)

    def _article_failed(self, gen: int, message: str) -> None:
        if gen == self._generation:
            self.is_loading = False
            self.notify(message, title="Cannot open the article", severity="error", markup=False)

    def _show_article(self, article: Article, via: str, terms: list[str], gen: int) -> None:
        if gen != self._generation or not self.query("#article"):  # none: the reader is closing
            return
        self.is_loading = False
        self.view.show_article(article, terms)
        self._shown_terms = terms
        self.border_subtitle = ""
        self.post_message(ArticleShown(article, via, terms))

    # -- finding in the article ---------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find box and put the cursor in it (when an article is open)."""
        if self.view.article is None:
            return
        self.find_bar.display = True
        self.find_bar.focus()

    def find_next(self, step: int) -> None:
        """Move to the next (`step` 1) or previous (-1) match."""
        view = self.view
        if view.match_count == 0:
            self.notify("No matches: f finds in the article")
            return
        view.next_match(step)
        self._show_match_position(view.match_count)

    @on(FindChanged)
    def _find_changed(self, message: FindChanged) -> None:
        message.stop()
        self._show_match_position(self.view.find(message.text))

    @on(FindClosed)
    def _find_closed(self, message: FindClosed) -> None:
        message.stop()
        self.find_bar.display = False
        self.view.focus()

    def _show_match_position(self, count: int) -> None:
        if count:
            self.border_subtitle = f"match {self.view.current_match + 1} of {count}"
        else:
            self.border_subtitle = "no match" if self.find_bar.value else ""

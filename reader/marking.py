"""The main screen's marks on the article in hand (read, starred, tags) and its results export."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from index.library import LibraryError
from index.marks import STARRED
from reader.paths import exports_folder
from reader.screens.tags import TagListScreen, TagPromptScreen


class Marking:
    """Runs the screen's mark and export actions: library calls in thread workers, one at a time.

    A change redraws the hit in the results list and the unread count of the status line.
    """

    def __init__(self, screen: Any) -> None:  # the MainScreen (which imports this module)
        self.screen = screen
        self._lock = threading.Lock()  # marks are written in the order the keys came

    def target(self) -> str | None:
        """The open article, else the highlighted hit."""
        screen = self.screen
        aid = screen.article_view.article_id
        if aid is None and screen.results.current is not None:
            aid = screen.results.current.id
        if aid is None:
            screen.notify("No article to mark: open one first")
        return aid

    def _in_thread(self, job: Callable[[], None]) -> None:
        def run() -> None:
            with self._lock:
                try:
                    job()
                except LibraryError as exc:
                    self.screen.app.call_from_thread(
                        self.screen.notify, str(exc), severity="error", markup=False
                    )

        self.screen.run_worker(run, thread=True, group="marks")

    def change(
        self,
        aid: str,
        read: bool | None = None,
        toggle_read: bool = False,
        toggle: str = "",
        add: tuple[str, ...] = (),
        remove: tuple[str, ...] = (),
        say: Callable[[bool, list[str]], str] | None = None,
    ) -> None:
        """Change an article's marks in a worker, then show them."""
        library = self.screen.library

        def job() -> None:
            was_read, tags = library.marks_of([aid])
            now_read = (aid not in was_read) if toggle_read else read
            if now_read is not None:
                library.mark_read([aid], now_read)
            more, less = list(add), list(remove)
            if toggle:
                (less if toggle in tags.get(aid, []) else more).append(toggle)
            if more or less:
                library.tag(aid, more, less)
            read_ids, tags = library.marks_of([aid])
            is_read, now_tags = aid in read_ids, tags.get(aid, [])
            self.screen.app.call_from_thread(self._changed, aid, is_read, now_tags, say)

        self._in_thread(job)

    def _changed(self, aid: str, read: bool, tags: list[str], say) -> None:
        screen = self.screen
        was_read = screen.results.show_marks(aid, read, tags)
        result = screen.last_result
        if result is not None and was_read is not None and was_read != read:
            result.unread += -1 if read else 1
            screen.status.set_status(result=result)
        if say is not None:
            screen.notify(say(read, tags), markup=False)

    # -- the actions --------------------------------------------------------------------------

    def opened(self, aid: str) -> None:
        """An article opened for reading becomes read."""
        listed = next((h for h in self.screen.results.hits if h.id == aid), None)
        if (listed is None or not listed.read) and not self.screen.library.readonly:
            self.change(aid, read=True)

    def toggle_read(self) -> None:
        if aid := self.target():
            self.change(aid, toggle_read=True, say=lambda r, t: "Read" if r else "Unread")

    def toggle_star(self) -> None:
        if aid := self.target():
            self.change(
                aid, toggle=STARRED, say=lambda r, t: "Starred" if STARRED in t else "Unstarred"
            )

    def add_tag(self) -> None:
        self.ask_tag(adding=True)

    def remove_tag(self) -> None:
        self.ask_tag(adding=False)

    def ask_tag(self, adding: bool) -> None:
        """Prompt for a tag to add (completed from every tag) or remove (from the article's)."""
        aid = self.target()
        if aid is None:
            return
        library, app = self.screen.library, self.screen.app

        def job() -> None:
            if adding:
                choices = [t for t, _ in library.tag_counts()]
            else:
                choices = library.marks_of([aid])[1].get(aid, [])
                if not choices:
                    app.call_from_thread(self.screen.notify, "This article has no tags")
                    return
            app.call_from_thread(self._prompt, aid, adding, choices)

        self._in_thread(job)

    def _prompt(self, aid: str, adding: bool, choices: list[str]) -> None:
        def done(tag: str | None) -> None:
            if not tag:
                return
            if adding:
                self.change(aid, add=(tag,), say=lambda r, t: "Tags: " + ", ".join(t))
            else:
                self.change(
                    aid, remove=(tag,), say=lambda r, t: "Tags: " + (", ".join(t) or "none")
                )

        title = "Add a tag (tab completes)" if adding else "Remove a tag (tab completes)"
        value = choices[0] if not adding and len(choices) == 1 else ""
        self.screen.app.push_screen(TagPromptScreen(title, choices, value), done)

    def tag_list(self) -> None:
        library, app = self.screen.library, self.screen.app

        def job() -> None:
            counts = library.tag_counts()
            app.call_from_thread(app.push_screen, TagListScreen(counts), self.screen.screen_result)

        self._in_thread(job)

    def export(self) -> None:
        """Write the current results (query and filters) as a Markdown reading list."""
        screen = self.screen
        query = screen.search_pane.query_box.value
        for name, value in screen.filters.items():
            query += f' {name}:"{value}"'
        folder = exports_folder()
        path = folder / time.strftime("results-%Y%m%d-%H%M%S.md")

        def job() -> None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with path.open("w", encoding="utf-8") as fh:
                    n = screen.library.export_to(fh, "md", query)
            except OSError as exc:
                raise LibraryError(f"cannot write {path}: {exc.strerror}") from None
            screen.app.call_from_thread(
                screen.notify, f"{n:,} articles exported to {path}", timeout=10, markup=False
            )
            self.last_export = path

        self._in_thread(job)

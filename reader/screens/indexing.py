"""The first-start screen: indexes the bundled seed pages into an empty library, with progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from index.library import Library, LibraryError
from index.records import IngestReport
from reader.paths import SEEDS_DUMP, seeds_folder

if TYPE_CHECKING:  # the ingest pipeline is loaded only when a library is filled
    from index.ingest import Progress


class IndexingScreen(Screen[IngestReport | None]):
    """Shows what is being indexed; dismisses with the report (None when it failed)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.report: IngestReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="indexing", classes="dialog") as box:
            box.border_title = "First start"
            yield Static(
                Text(f"The library in {self.library.path} is empty.\n", end="")
                + Text("Indexing the bundled seed pages…", style="bold"),
                id="indexing-message",
            )
            yield ProgressBar(id="indexing-progress", show_eta=False)
            yield Static("", id="indexing-count")
        yield Footer()

    def on_mount(self) -> None:
        self.index_seeds()

    @work(thread=True, exclusive=True, group="indexing")
    def index_seeds(self) -> None:
        worker = get_current_worker()
        try:
            report = self.library.add(
                [seeds_folder()],
                SEEDS_DUMP,
                progress=lambda p: self.app.call_from_thread(self._show_progress, p),
                should_stop=lambda: worker.is_cancelled,
            )
        except LibraryError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # the reader still opens on what was indexed
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.dismiss, report)

    def _show_progress(self, progress: Progress) -> None:
        bar = self.query_one("#indexing-progress", ProgressBar)
        bar.update(total=progress.total, progress=progress.pages)
        added = progress.report.added
        if progress.stage:  # after the pages: their articles grouped into stories
            self.query_one("#indexing-count", Static).update(
                Text(f"{added} articles added, {progress.stage}…")
            )
            return
        self.query_one("#indexing-count", Static).update(
            Text(f"{progress.pages} pages read, {added} articles added")
        )

    def _failed(self, message: str) -> None:
        self.query_one("#indexing-message", Static).update(
            Text(f"Could not index the seed pages: {message}", style="bold red")
        )
        self.set_timer(3, lambda: self.dismiss(None))

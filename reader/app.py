"""The Textual application: opens the library (seeding it on first start), then the main screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

import widgets
from index.library import Library
from index.records import IngestReport
from reader.screens.indexing import IndexingScreen
from reader.screens.main import MainScreen
from reader.state import QueryHistory, ReaderConfig, SavedSearches

HERE = Path(__file__).resolve().parent
WIDGETS = Path(widgets.__file__).resolve().parent
WIDGET_STYLES = [
    WIDGETS / f"{name}.tcss"
    for name in (
        "search_box",
        "results_list",
        "article_view",
        "find_bar",
        "entity_sidebar",
        "related_panel",
        "status_line",
    )
]


class NewsReaderApp(App[None]):
    """A terminal news reader over one library."""

    TITLE = "newsreader"
    CSS_PATH = [
        HERE / "app.tcss",
        HERE / "screens" / "main.tcss",
        HERE / "screens" / "dialogs.tcss",
        *WIDGET_STYLES,
    ]
    ENABLE_COMMAND_PALETTE = False  # ctrl+p steps back through the story instead
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, library: Library, config: ReaderConfig | None = None) -> None:
        super().__init__()
        self.library = library
        self.config = config or ReaderConfig.load()
        self.query_history = QueryHistory(library.path, self.config.history_size)
        self.saved_searches = SavedSearches(library.path)
        self.seed_report: IngestReport | None = None

    def on_mount(self) -> None:
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.library.is_empty and not self.library.readonly:
            self.push_screen(IndexingScreen(self.library), self._seeded)
        else:
            self._open_main()

    def _seeded(self, report: IngestReport | None) -> None:
        self.seed_report = report
        self._open_main()

    def _open_main(self) -> None:
        self.push_screen(
            MainScreen(self.library, self.config, self.query_history, self.saved_searches)
        )

"""The Textual application: opens the library (seeding it on first start), then the main screen."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from textual import events, on
from textual.app import App, get_system_commands_provider
from textual.binding import Binding
from textual.theme import Theme
from textual.widgets import Input

import widgets
from index.library import Library
from index.records import IngestReport
from reader.key_table import actions, keyless_note
from reader.palette import ActionsProvider
from reader.screens.main import MainScreen
from reader.settings import ReaderConfig, load_settings
from reader.state import QueryHistory, SavedSearches, remember_theme, remembered_theme
from widgets import text_layout
from widgets.display_text import set_date_format
from widgets.messages import ResultsShown, SearchFailed

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
PANE_STYLES = [
    HERE / "panes" / f"{name}.tcss" for name in ("search_pane", "article_pane", "side_pane")
]
# The other screens' styles, read with the app's: a screen bringing its own CSS_PATH makes
# Textual parse every stylesheet again and restyle every widget of the app when it opens
SCREEN_STYLES = [
    HERE / "screens" / f"{name}.tcss"
    for name in ("front_page", "story", "entity_browser", "entity_card", "version_diff")
]


IDLE_SECONDS = 1.0  # a pause this long in keys and mouse lets a full garbage collection run
FULL_COLLECTIONS_OFF = 1_000_000  # Python's own trigger for full collections, out of reach


class NewsReaderApp(App[None]):
    """A terminal news reader over one library."""

    TITLE = "newsreader"
    CSS_PATH = [
        HERE / "app.tcss",
        HERE / "screens" / "main.tcss",
        HERE / "screens" / "dialogs.tcss",
        *SCREEN_STYLES,
        *PANE_STYLES,
        *WIDGET_STYLES,
    ]
    COMMANDS = {get_system_commands_provider, ActionsProvider}  # every action by name, themes
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="quit_anywhere"),
        Binding("q", "quit", "Quit", id="quit"),
        # on every screen, modal ones too (so a priority key), but not in a text box, where
        # ctrl+k deletes to the end of the line as in readline (check_action). ctrl+p, Textual's
        # usual key for the palette, steps back through the story here
        Binding("ctrl+k", "command_palette", "Commands", show=False, priority=True, id="palette"),
    ]

    def __init__(self, library: Library, config: ReaderConfig | None = None) -> None:
        super().__init__()
        text_layout.install()  # Indic vowel signs' cells as terminals draw them; kinsoku
        self.library = library
        self.problems: list[str] = []  # one line for each wrong setting, shown at start
        if config is None:
            names = actions(type(self))
            config, self.problems = load_settings(actions=names, themes=self.available_themes)
            self.problems += keyless_note(type(self), config.keys)
        self.config = config
        self.keymap = config.keys  # action name -> keys, as the settings file rebinds them
        self.set_keymap(config.keys)
        palette_keys = config.keys.get("palette", "ctrl+k").split(",")
        self.COMMAND_PALETTE_BINDING = palette_keys[0]  # the footer shows it
        set_date_format(config.date_format)
        self.query_history = QueryHistory(library.path, self.config.history_size)
        self.saved_searches = SavedSearches(library.path)
        self.seed_report: IngestReport | None = None
        self._last_input = time.monotonic()
        self._collected = False
        self._gc_threshold = gc.get_threshold()
        self._gc_enabled = gc.isenabled()  # the console script starts the reader without it
        self._heap_settled = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The palette key falls through to a focused text box (readline's ctrl+k there)."""
        if action == "command_palette" and isinstance(self.focused, Input):
            return False
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        theme = self.config.theme or remembered_theme()
        if theme in self.available_themes:
            self.theme = theme
        self._theme_at_start = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        for problem in self.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)
        if self.library.is_new and not self.library.readonly:
            from reader.screens.indexing import IndexingScreen  # first start only

            gc.enable()  # an ingest: its garbage is collected as it goes
            self.push_screen(IndexingScreen(self.library), self._seeded)
        else:
            self._open_main()

    def _theme_chosen(self, theme: Theme) -> None:
        """Remember the theme chosen (in the palette) for the next start."""
        if theme.name == self._theme_at_start:
            return  # the one set at start, or back to it
        self._theme_at_start = theme.name
        remember_theme(theme.name)
        if self.config.theme and theme.name != self.config.theme:
            self.notify(
                f"The settings file sets theme = {self.config.theme!r}: the next start uses it",
                markup=False,
            )

    def _seeded(self, report: IngestReport | None) -> None:
        self.seed_report = report
        self._open_main()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._last_input = time.monotonic()
            self._collected = False
        await super().on_event(event)

    def on_unmount(self) -> None:
        set_date_format("")  # back to the default: the process may go on without the reader
        gc.unfreeze()  # the process may go on without the reader (tests, embedding)
        gc.set_threshold(*self._gc_threshold)
        if not self._gc_enabled:
            gc.disable()

    def collect_when_idle(self) -> None:
        """A full garbage collection once the user has paused (see `quiet_garbage_collector`)."""
        if not self._collected and time.monotonic() - self._last_input >= IDLE_SECONDS:
            self._collected = True
            gc.collect()

    def _open_main(self) -> None:
        self.push_screen(
            MainScreen(self.library, self.config, self.query_history, self.saved_searches)
        )
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_COLLECTIONS_OFF)  # none while the screen fills

    @on(ResultsShown)
    @on(SearchFailed)
    def _first_answer(self) -> None:
        """Once the first results are on screen, quiet the garbage collector (not before them)."""
        if not self._heap_settled:
            self._heap_settled = True
            self.call_after_refresh(quiet_garbage_collector)
            self.set_interval(IDLE_SECONDS, self.collect_when_idle)


def quiet_garbage_collector() -> None:
    """Keep Python's full collections from pausing the screen while the user types.

    Full collections of the reader's heap (index readers, caches, Textual's render caches) took
    up to 60 ms each and came every second or so while typing: the slowest part of
    keystroke-to-results. What exists once the first results are on screen is moved out of the
    collector's sight, and full collections run when the user pauses
    (`NewsReaderApp.collect_when_idle`). The console script starts the reader with the collector
    off (its imports and first screen make no garbage worth ~50 ms of collections): on here.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTIONS_OFF)
    gc.enable()

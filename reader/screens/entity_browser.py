"""The entity browser: the library's top people, organisations and places, by dump and by name."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Label
from textual.worker import get_current_worker

from index.records import ENTITY_KINDS, EntityCount
from index.text import sanitize_line
from reader.screens.entity_card import EntityCardScreen, ScreenResult, entity_query
from widgets.entity_table import EntityTable

KIND_HEADINGS = {"person": "People", "org": "Organisations", "place": "Places"}  # "#": articles
BROWSER_LIMIT = 200  # entities listed per kind
FILTER_DELAY = 0.15  # seconds of quiet typing before the filter is applied
SLOW_ANSWER = 0.4  # seconds after which the tables show that an answer is on its way


class EntityBrowserScreen(ModalScreen[ScreenResult]):
    """Top entities of the library in three tables; typing filters them, a key cycles dumps."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("ctrl+d", "next_dump", "Next dump", priority=True, id="next_dump"),
        Binding("slash", "focus_filter", "Filter", id="filter"),
        Binding("ctrl+s", "search_highlighted", "Search it", priority=True, id="browser_search"),
    ]

    def __init__(self, library) -> None:
        super().__init__()
        self.library = library
        self.dumps: list[str | None] = [None]  # None = every dump
        self.dump_index = 0
        self.generation = 0  # answers from older filters are dropped
        self.last_table: EntityTable | None = None
        self.filter_timer: Timer | None = None
        self.shown_filter: tuple[str, str | None] | None = None  # (filter, dump) on show
        self.shown_generation = 0

    @property
    def dump(self) -> str | None:
        return self.dumps[self.dump_index]

    def compose(self) -> ComposeResult:
        with Vertical(id="browser"):
            with Horizontal(id="browser-bar"):
                yield Input(
                    placeholder="Type to filter names…", id="browser-filter", select_on_focus=False
                )
                yield Label(self._dump_label(), id="browser-dump")
            with Horizontal(id="browser-tables"):
                for kind in ENTITY_KINDS:
                    with Vertical(classes="browser-column"):
                        yield Label(Text(KIND_HEADINGS[kind], "bold"), id=f"heading-{kind}")
                        yield EntityTable(count_label="#", id=f"table-{kind}")
        yield Footer()

    def _dump_label(self) -> Text:
        text = Text("Dump: ", "dim")
        text.append(sanitize_line(self.dump) if self.dump else "all", "bold")
        if len(self.dumps) > 1:
            text.append(f"  ({self.dump_index + 1}/{len(self.dumps)}, ctrl+d)", "dim")
        return text

    def tables(self) -> list[EntityTable]:
        return [self.query_one(f"#table-{kind}", EntityTable) for kind in ENTITY_KINDS]

    def on_mount(self) -> None:
        self.query_one("#browser-filter", Input).focus()
        self.load_dumps()
        self.reload()

    @work(thread=True, group="entity-browser-dumps")
    def load_dumps(self) -> None:
        try:
            dumps = list(self.library.stats().dumps)
        except Exception:
            return
        self.app.call_from_thread(self._set_dumps, dumps)

    def _set_dumps(self, dumps: list[str]) -> None:
        if not self.is_attached:
            return
        self.dumps = [None, *sorted(dumps)]
        self.query_one("#browser-dump", Label).update(self._dump_label())

    def reload(self) -> None:
        self.generation += 1
        self.fetch(self.generation, self.query_one("#browser-filter", Input).value, self.dump)
        self.set_timer(SLOW_ANSWER, partial(self._show_loading, self.generation))

    def _show_loading(self, generation: int) -> None:
        """A slow answer (a dump filter over a large library) shows a spinner, a fast one never."""
        if generation == self.generation and self.shown_generation != generation:
            for table in self.tables():
                table.loading = True

    def is_up_to_date(self) -> bool:
        """The tables show the filter in the box and the chosen dump."""
        value = self.query_one("#browser-filter", Input).value
        return self.shown_filter == (value, self.dump)

    @work(thread=True, exclusive=True, group="entity-browser")
    def fetch(self, generation: int, prefix: str, dump: str | None) -> None:
        """Top entities of each kind for this filter and dump, in a thread."""
        found: dict[str, list[EntityCount]] = {}
        try:
            for kind in ENTITY_KINDS:
                if get_current_worker().is_cancelled:
                    return  # a newer filter replaced this one
                found[kind] = self.library.entities(
                    kind=kind, dump=dump, prefix=prefix.strip(), limit=BROWSER_LIMIT
                )
        except Exception as exc:
            message = sanitize_line(str(exc))
            self.app.call_from_thread(partial(self.notify, message, severity="error", markup=False))
            found = {}
        self.app.call_from_thread(self._show, generation, found, (prefix, dump))

    def _show(
        self,
        generation: int,
        found: dict[str, list[EntityCount]],
        asked: tuple[str, str | None],
    ) -> None:
        if generation != self.generation or not self.is_attached:
            return  # a newer filter or dump is on its way
        self.shown_filter = asked
        self.shown_generation = generation
        for kind, table in zip(ENTITY_KINDS, self.tables(), strict=True):
            table.loading = False
            table.show_entities(found.get(kind, []))
            heading = Text(KIND_HEADINGS[kind], "bold")
            heading.append(f"  {len(found.get(kind, []))}", "dim")
            self.query_one(f"#heading-{kind}", Label).update(heading)

    @on(Input.Changed, "#browser-filter")
    def filter_changed(self) -> None:
        """Ask again once typing pauses, so a fast typist does not queue a query per key."""
        if self.filter_timer is not None:
            self.filter_timer.stop()
        self.filter_timer = self.set_timer(FILTER_DELAY, self.reload)

    @on(Input.Submitted, "#browser-filter")
    def filter_done(self) -> None:
        self._focus_tables()

    def _focus_tables(self) -> None:
        tables = self.tables()
        target = self.last_table if self.last_table in tables else None
        if target is None or not target.row_count:
            target = next((t for t in tables if t.row_count), tables[0])
        target.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, EntityTable):
            self.last_table = event.widget

    def on_key(self, event: events.Key) -> None:
        """Typing in a table goes to the filter; `down` in the filter goes to the tables."""
        filter_box = self.query_one("#browser-filter", Input)
        if self.focused is filter_box:
            if event.key == "down":
                event.stop()
                self._focus_tables()
            return
        if event.is_printable and event.character and event.key != "slash":
            event.stop()
            event.prevent_default()
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)

    @on(DataTable.RowSelected)
    def open_card(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if not isinstance(table, EntityTable):
            return
        entity = table.entity_for_row(event.row_key)
        if entity is not None:
            self.app.push_screen(
                EntityCardScreen(self.library, entity.name, entity.kind), self._after_card
            )

    def _after_card(self, result: ScreenResult) -> None:
        if result is not None:
            self.dismiss(result)

    def action_next_dump(self) -> None:
        self.dump_index = (self.dump_index + 1) % len(self.dumps)
        self.query_one("#browser-dump", Label).update(self._dump_label())
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#browser-filter", Input).focus()

    def action_search_highlighted(self) -> None:
        table = self.last_table
        entity = table.highlighted_entity() if table is not None else None
        if entity is not None:
            self.dismiss(("search", entity_query(entity.name, entity.kind)))

    def action_close(self) -> None:
        self.dismiss(None)

"""An entity's card: how many articles name it, where, its aliases, its company, its timeline."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from index.records import EntityCard, EntityCount
from index.text import sanitize_line
from widgets.entity_table import KIND_LABELS, EntityTable
from widgets.timeline_chart import TimelineChart

ScreenResult = tuple[str, str] | None
MAX_ALIASES = 8
MAX_DUMPS = 6


def entity_query(name: str, kind: str) -> str:
    """The search query for every article naming an entity: `person:"Anders Fogh Rasmussen"`."""
    cleaned = " ".join(sanitize_line(name).replace('"', " ").split())
    return f'{kind}:"{cleaned}"'


def card_summary(card: EntityCard) -> Text:
    """The card's facts as text: articles, dumps and aliases (names are page text: plain only)."""
    text = Text()
    noun = "article" if card.articles == 1 else "articles"
    text.append("Named in ")
    text.append(f"{card.articles} {noun}", "bold")
    if card.dumps:
        text.append(" · in ")
        shown = list(card.dumps.items())[:MAX_DUMPS]
        for n, (dump, count) in enumerate(shown):
            if n:
                text.append(", ")
            text.append(sanitize_line(dump), "bold")
            text.append(f" {count}")
        if len(card.dumps) > MAX_DUMPS:
            text.append(f" and {len(card.dumps) - MAX_DUMPS} more dumps")
    aliases = [a for a in card.aliases if a != card.name][:MAX_ALIASES]
    text.append("\nAlso written: ", "dim")
    text.append(", ".join(sanitize_line(a) for a in aliases) if aliases else "no other name")
    return text


class EntityCardScreen(ModalScreen[ScreenResult]):
    """One entity's card over the reader; dismisses with ("search", query) or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close"),
        Binding("a", "search_this", "Articles naming it", id="search_this"),
        Binding("s", "search_highlighted", "Search highlighted", id="card_search"),
    ]

    def __init__(self, library, name: str, kind: str) -> None:
        super().__init__()
        self.library = library
        self.entity_name = name
        self.entity_kind = kind
        self.card: EntityCard | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            title = Text(sanitize_line(self.entity_name), "bold")
            title.append(f"  {KIND_LABELS.get(self.entity_kind, self.entity_kind)}", "dim")
            yield Label(title, id="card-title")
            yield Static(Text("Loading…", "dim"), id="card-summary")
            yield Label(Text("Mentions by date", "bold"), classes="card-heading")
            yield TimelineChart(noun="articles", id="card-timeline")
            yield Label(Text("Named most often with it", "bold"), classes="card-heading")
            yield EntityTable(show_kind=True, count_label="Together", id="card-company")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(EntityTable).focus()
        self.load_card()

    @work(thread=True, exclusive=True, group="entity-card")
    def load_card(self) -> None:
        """Ask the library for the card (a few SQL queries) away from the UI thread."""
        try:
            card = self.library.entity_card(self.entity_name, self.entity_kind)
        except Exception as exc:  # the library says what is wrong in one line
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self.show_card, card)

    def show_card(self, card: EntityCard) -> None:
        if not self.is_attached:
            return
        self.card = card
        self.query_one("#card-summary", Static).update(card_summary(card))
        self.query_one(TimelineChart).show(card.timeline, noun="articles")
        self.query_one(EntityTable).show_entities(card.co_occurring)

    def show_error(self, message: str) -> None:
        if not self.is_attached:
            return
        self.query_one("#card-summary", Static).update(Text(sanitize_line(message), "red"))

    def highlighted(self) -> EntityCount | None:
        return self.query_one(EntityTable).highlighted_entity()

    @on(DataTable.RowSelected, "#card-company")
    def open_card(self, event: DataTable.RowSelected) -> None:
        """`enter` on a companion entity: its own card, on top of this one."""
        entity = self.query_one(EntityTable).entity_for_row(event.row_key)
        if entity is None:
            return
        self.app.push_screen(
            EntityCardScreen(self.library, entity.name, entity.kind), self._after_child
        )

    def _after_child(self, result: ScreenResult) -> None:
        if result is not None:  # a search or an article chosen deeper down closes the stack
            self.dismiss(result)

    def action_search_this(self) -> None:
        self.dismiss(("search", entity_query(self.entity_name, self.entity_kind)))

    def action_search_highlighted(self) -> None:
        entity = self.highlighted()
        if entity is not None:
            self.dismiss(("search", entity_query(entity.name, entity.kind)))

    def action_close(self) -> None:
        self.dismiss(None)

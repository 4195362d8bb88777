"""The entity sidebar: the open article's people, organisations and places, with mention counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.records import ArticleEntity
from widgets.display_text import safe_line
from widgets.messages import EntityCardWanted, EntityChosen

KIND_HEADINGS = {"person": "People", "org": "Organisations", "place": "Places"}


class EntitySidebar(OptionList):
    """Entities grouped by kind, most salient first; `enter` searches, `c` shows the card."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next entity", show=False),
        Binding("k", "cursor_up", "Previous entity", show=False),
        Binding("enter", "select", "Search for the entity", show=False),
        Binding("c", "card", "Entity card"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[ArticleEntity | None] = []  # one per option; None for headings

    def show_entities(self, entities: list[ArticleEntity]) -> None:
        self.entries = []
        options: list[Option] = []
        for kind, heading in KIND_HEADINGS.items():
            group = sorted(
                (e for e in entities if e.kind == kind),
                key=lambda e: (-e.salience, -e.count, e.name),
            )
            if not group:
                continue
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            self.entries.append(None)
            for entity in group:
                line = Text(safe_line(entity.name, 80), end="")
                line.append(f"  {entity.count}", style="dim")
                options.append(Option(line))
                self.entries.append(entity)
        if not options:
            options.append(
                Option(Text("No people, organisations or places", style="dim"), disabled=True)
            )
            self.entries.append(None)
        self.set_options(options)
        first = next((i for i, e in enumerate(self.entries) if e is not None), None)
        if first is not None:
            self.highlighted = first

    @property
    def current(self) -> ArticleEntity | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return None
        return self.entries[self.highlighted]

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self.current
        if entity is not None:
            self.post_message(EntityChosen(entity.name, entity.kind))

    def action_card(self) -> None:
        entity = self.current
        if entity is not None:
            self.post_message(EntityCardWanted(entity.name, entity.kind))

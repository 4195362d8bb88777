"""The entity sidebar: the open article's people, organisations and places, with mention counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from index.records import ArticleEntity
from widgets.display_text import safe_line
from widgets.entry_list import EntryList, notice
from widgets.messages import EntityCardWanted, EntityChosen

KIND_HEADINGS = {"person": "People", "org": "Organisations", "place": "Places"}


class EntitySidebar(EntryList[ArticleEntity | None]):
    """Entities grouped by kind, most salient first; `enter` searches, `c` shows the card."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next entity", show=False, id="next"),
        Binding("k", "cursor_up", "Previous entity", show=False, id="previous"),
        Binding("enter", "select", "Search for the entity", show=False, id="search_entity"),
        Binding("c", "card", "Entity card", id="card"),
    ]

    def show_entities(self, entities: list[ArticleEntity], note: str = "") -> None:
        """List `entities` under their kind's heading (headings stand for None); `note`, one dim
        line on top, says what was not looked for (people in a language the rules do not read)."""
        entries: list[ArticleEntity | None] = []
        options: list[Option] = []
        if note:
            options.append(notice(safe_line(note, 200)))
            entries.append(None)
        for kind, heading in KIND_HEADINGS.items():
            group = sorted(
                (e for e in entities if e.kind == kind),
                key=lambda e: (-e.salience, -e.count, e.name),
            )
            if not group:
                continue
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            entries.append(None)
            for entity in group:
                line = Text(safe_line(entity.name, 80), end="")
                line.append(f"  {entity.count}", style="dim")
                options.append(Option(line))
                entries.append(entity)
        if not any(entries):
            options.append(notice("No people, organisations or places"))
            entries.append(None)
        self.show_entries(options, entries)

    def entry_chosen(self, entry: ArticleEntity | None) -> None:
        if entry is not None:
            self.post_message(EntityChosen(entry.name, entry.kind))

    def action_card(self) -> None:
        entity = self.current
        if entity is not None:
            self.post_message(EntityCardWanted(entity.name, entity.kind))

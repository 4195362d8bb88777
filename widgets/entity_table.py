"""A table of entities (name, kind, how many articles) with a row cursor, for cards and browsers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from index.records import EntityCount
from widgets.display_text import safe_line

KIND_LABELS = {"person": "person", "org": "organisation", "place": "place"}
NAME_WIDTH = 40  # longer names are clipped so the table does not scroll sideways


class EntityTable(DataTable):
    """Entities one a row; the screen that owns it decides what `enter` on a row does."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [
        Binding("enter", "select_cursor", "Open card", id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="next"),
        Binding("k", "cursor_up", "Up", show=False, id="previous"),
    ]

    def __init__(
        self,
        show_kind: bool = False,
        count_label: str = "Articles",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self.show_kind = show_kind
        self.count_label = count_label
        self.entities: list[EntityCount] = []

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(self.count_label, key="count")
        self.add_column("Name", key="name")
        if self.show_kind:
            self.add_column("Kind", key="kind")

    def show_entities(self, entities: Sequence[EntityCount]) -> None:
        """Replace the rows with these entities, keeping the cursor on the same entity if shown."""
        before = self.highlighted_entity()
        self.clear(columns=True)
        self._add_columns()
        self.entities = list(entities)
        for index, entity in enumerate(self.entities):
            cells = [
                Text(str(entity.articles), justify="right"),
                Text(safe_line(entity.name, NAME_WIDTH)),
            ]
            if self.show_kind:
                cells.append(Text(KIND_LABELS.get(entity.kind, entity.kind), style="dim"))
            self.add_row(*cells, key=str(index))
        if before is not None:
            for index, entity in enumerate(self.entities):
                if (entity.name, entity.kind) == (before.name, before.kind):
                    self.move_cursor(row=index)
                    break

    def highlighted_entity(self) -> EntityCount | None:
        """The entity under the cursor, None when the table is empty."""
        if not self.entities or not 0 <= self.cursor_row < len(self.entities):
            return None
        return self.entities[self.cursor_row]

    def entity_for_row(self, row_key: object) -> EntityCount | None:
        """The entity of a row key from a `RowSelected`/`RowHighlighted` message."""
        value = getattr(row_key, "value", row_key)
        try:
            return self.entities[int(str(value))]
        except (ValueError, IndexError):
            return None

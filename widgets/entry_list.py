"""An option list whose lines stand for entries; headings and notices between them are skipped."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Entry = TypeVar("Entry")


def notice(text: str) -> Option:
    """A dim line that cannot be chosen (nothing to show, or still on its way)."""
    return Option(Text(text, style="dim"), disabled=True)


class EntryList(OptionList, Generic[Entry]):
    """Options kept side by side with what each stands for; `enter` hands the entry on."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []  # one per option

    def show_entries(self, options: list[Option], entries: list[Entry]) -> None:
        """Replace the lines; the cursor goes to the first one that can be chosen."""
        self.entries = entries
        self.set_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            self.highlighted = first

    @property
    def current(self) -> Entry | None:
        """The entry under the cursor (None when there is none)."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return None
        return self.entries[self.highlighted]

    def entry_chosen(self, entry: Entry) -> None:
        """`enter` on a line: subclasses post what it means."""

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.current
        if entry is not None:
            self.entry_chosen(entry)

"""The facet picker: the current results' counts by dump, source and language, as filters."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from widgets.display_text import safe_line

CLEAR = ("", "")  # the choice that drops every filter


class FacetScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (facet, value) to toggle that filter, CLEAR to drop all, None to cancel."""

    BINDINGS = [Binding("escape", "cancel", "Close", id="close")]

    def __init__(self, facets: dict[str, dict[str, int]], filters: dict[str, str]) -> None:
        super().__init__()
        self.choices: list[tuple[str, str] | None] = []
        self.options: list[Option] = []
        if filters:
            self._add(CLEAR, Text("Drop every filter", style="bold"))
            for facet, value in sorted(filters.items()):
                self._add((facet, value), Text(f"✓ {facet}: {safe_line(value, 60)} (drop)"))
        for facet, counts in facets.items():
            if not counts:
                continue
            self._add(None, Text(facet, style="bold underline"), disabled=True)
            for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]:
                mark = "✓ " if filters.get(facet) == value else "  "
                line = Text(f"{mark}{safe_line(value, 60) or '(none)'}", end="")
                line.append(f"  {count:,}", style="dim")
                self._add((facet, value), line)
        if not self.options:
            self._add(None, Text("No facets for these results"), disabled=True)

    def _add(self, choice: tuple[str, str] | None, prompt: Text, disabled: bool = False) -> None:
        self.choices.append(choice)
        self.options.append(Option(prompt, disabled=disabled))

    def compose(self) -> ComposeResult:
        with Vertical(id="facets", classes="dialog") as box:
            box.border_title = "Filter by (enter toggles, escape closes)"
            yield OptionList(*self.options, id="facet-list")

    def on_mount(self) -> None:
        self.query_one("#facet-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if choice is not None:
            self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)

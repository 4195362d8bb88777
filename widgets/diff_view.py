"""A word-level diff of two versions of an article: additions green, deletions red and struck."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from index.text import sanitize

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
INSERT_STYLE = "bold green"
DELETE_STYLE = "red strike"


@dataclass(slots=True)
class DiffParagraph:
    """The diff runs of one shown paragraph, as (op, text) with op equal/insert/delete."""

    runs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.runs)

    def words(self, op: str) -> int:
        return sum(len(text.split()) for o, text in self.runs if o == op)


def split_paragraphs(runs: Sequence[tuple[str, str]]) -> list[DiffParagraph]:
    """Cut diff runs at blank lines so each paragraph of either version shows as its own block."""
    paragraphs = [DiffParagraph()]
    for op, text in runs:
        pieces = _PARAGRAPH_BREAK.split(text)
        for n, piece in enumerate(pieces):
            if n:
                paragraphs.append(DiffParagraph())
            if piece.strip():
                paragraphs[-1].runs.append((op, piece))
    return [p for p in paragraphs if p.runs]


def diff_text(runs: Sequence[tuple[str, str]]) -> Text:
    """Rich text of diff runs; page text is appended as plain text, never read as markup."""
    text = Text()
    for op, piece in runs:
        style = INSERT_STYLE if op == "insert" else DELETE_STYLE if op == "delete" else ""
        text.append(sanitize(piece), style)
    return text


class DiffView(VerticalScroll, can_focus=True):
    """The diff one paragraph a block; keys move between the changed ones."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [
        Binding("n", "next_change", "Next change", id="next_change"),
        Binding("p", "previous_change", "Previous change", id="previous_change"),
        Binding("u", "toggle_unchanged", "Hide/show unchanged", id="unchanged"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paragraphs: list[DiffParagraph] = []
        self.current_change = -1

    async def show_diff(self, runs: Sequence[tuple[str, str]]) -> None:
        """Show these runs (from `word_diff`), replacing what was shown."""
        self.paragraphs = split_paragraphs(runs)
        self.current_change = -1
        await self.remove_children()
        blocks = [
            Static(
                diff_text(p.runs),
                classes="diff-paragraph changed" if p.changed else "diff-paragraph",
            )
            for p in self.paragraphs
        ]
        if not blocks:
            blocks = [Static(Text("Both versions are empty."), classes="diff-paragraph")]
        await self.mount_all(blocks)

    def changed_blocks(self) -> list[Static]:
        return list(self.query(".diff-paragraph.changed").results(Static))

    def _go_to_change(self, step: int) -> None:
        blocks = self.changed_blocks()
        if not blocks:
            self.notify("The two versions have the same words.", timeout=3)
            return
        self.current_change = (self.current_change + step) % len(blocks)
        for n, block in enumerate(blocks):
            block.set_class(n == self.current_change, "current")
        self.scroll_to_widget(blocks[self.current_change], top=True, animate=False)

    def action_next_change(self) -> None:
        self._go_to_change(1)

    def action_previous_change(self) -> None:
        self._go_to_change(-1 if self.current_change >= 0 else 0)

    def action_toggle_unchanged(self) -> None:
        self.toggle_class("changes-only")

"""The related-coverage panel: copies and versions on one line, then related articles."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets.option_list import Option

from index.records import Related, RelatedItem
from widgets.display_text import safe_line, show_date
from widgets.entry_list import EntryList, notice
from widgets.messages import DiffWanted, RelatedChosen

GROUPINGS = ("dump", "timeline")


@dataclass(slots=True)
class _Entry:
    """What one line of the panel stands for."""

    kind: str  # "copies" (the copies/versions line), "heading" or "item"
    item: RelatedItem | None = None


def _date_key(item: RelatedItem) -> str:
    return item.date or ""


def item_prompt(item: RelatedItem, with_dump: bool = True) -> Text:
    line = Text(end="")
    line.append(safe_line(item.title, 200) or "(untitled)", style="bold")
    meta = [safe_line(item.source, 60)] if item.source else []
    if with_dump:
        meta.append(safe_line(item.dump, 60))
    meta.append(show_date(item.date))
    if item.kind:  # same story, follow-up or background
        meta.append(item.kind)
    line.append("\n")
    line.append(" · ".join(meta), style="dim")
    if item.copies:
        line.append(f"  also in {', '.join(safe_line(d, 40) for d in item.copies[:3])}", "dim")
    if item.shared_entities:
        shared = ", ".join(safe_line(e, 40) for e in item.shared_entities[:5])
        line.append("\n")
        line.append(f"shares: {shared}", style="italic")
    return line


class RelatedPanel(EntryList[_Entry]):
    """Related coverage of the open article; `enter` opens, `t` regroups, `d` diffs versions."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next related", show=False, id="next"),
        Binding("k", "cursor_up", "Previous related", show=False, id="previous"),
        Binding("enter", "select", "Open the related article", show=False, id="open"),
        Binding("t", "toggle_grouping", "By dump/timeline", id="grouping"),
        Binding("d", "diff", "Diff versions", id="diff"),
    ]

    grouping: reactive[str] = reactive("dump", init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.related: Related | None = None
        self.open_date = ""
        self._diff_turn = 0

    def show_loading(self) -> None:
        """Say the related coverage of the open article is on its way."""
        self.related = None
        self.show_entries([notice("Finding related coverage…")], [_Entry("heading")])

    def show_related(self, related: Related, open_date: str = "") -> None:
        """Show `related`, the coverage of the article dated `open_date`."""
        self.related = related
        self.open_date = open_date
        self._diff_turn = 0
        self._render_entries()

    def watch_grouping(self) -> None:
        if self.related is not None:
            self._render_entries()

    def action_toggle_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.notify(f"Related coverage: {'by dump' if self.grouping == 'dump' else 'timeline'}")

    def _render_entries(self) -> None:
        related = self.related
        assert related is not None
        entries: list[_Entry] = []
        options: list[Option] = []
        others = related.copies + related.versions
        if others:
            dumps = sorted({safe_line(o.dump, 40) for o in others})
            line = Text(f"also in dumps {', '.join(dumps)}", style="bold", end="")
            detail = []
            if related.copies:
                detail.append(f"{len(related.copies)} identical")
            if related.versions:
                detail.append(f"{len(related.versions)} changed, d shows the changes")
            line.append(f"\n{'; '.join(detail)}", style="dim")
            options.append(Option(line))
            entries.append(_Entry("copies"))
        items = list(related.related)
        if self.grouping == "dump":
            # The library's order (same story, follow-ups, background; by relatedness) is kept:
            # the dump of the closest article comes first, and each dump's articles in order.
            by_dump: dict[str, list[RelatedItem]] = {}
            for item in items:
                by_dump.setdefault(item.dump, []).append(item)
            for dump, in_dump in by_dump.items():
                options.append(Option(Text(safe_line(dump, 60), "bold underline"), disabled=True))
                entries.append(_Entry("heading"))
                for item in in_dump:
                    options.append(Option(item_prompt(item, with_dump=False)))
                    entries.append(_Entry("item", item))
        else:
            dated = sorted((i for i in items if i.date), key=_date_key, reverse=True)
            undated = [i for i in items if not i.date]
            for item in dated + undated:
                options.append(Option(item_prompt(item)))
                entries.append(_Entry("item", item))
        if not options:
            options.append(notice("No related coverage found"))
            entries.append(_Entry("heading"))
        self.show_entries(options, entries)

    def entry_chosen(self, entry: _Entry) -> None:
        if self.related is None:
            return
        if entry.kind == "item" and entry.item is not None:
            self.post_message(RelatedChosen(entry.item.id))
        elif entry.kind == "copies":
            others = self.related.versions + self.related.copies
            if others:
                self.post_message(RelatedChosen(others[0].id))

    def action_diff(self) -> None:
        """Diff the open article with one of its versions (each press takes the next one)."""
        entry = self.current
        related = self.related
        if related is None or entry is None or entry.kind != "copies":
            self.notify("Put the cursor on the “also in dumps …” line to see what changed")
            return
        others = related.versions + related.copies
        other = others[self._diff_turn % len(others)]
        self._diff_turn += 1
        if other.date and self.open_date and other.date < self.open_date:
            self.post_message(DiffWanted(old_id=other.id, new_id=related.id))
        else:
            self.post_message(DiffWanted(old_id=related.id, new_id=other.id))

"""The status line: library size, how the query was read, total, time, suggestion and facets."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from index.records import SearchResult, Stats
from widgets.display_text import safe_line
from widgets.messages import FacetChosen

FACETS_SHOWN = 4  # values shown per facet


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class StatusLine(Static):
    """Two lines under the panes; facet values are clickable and become filters."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stats: Stats | None = None
        self.result: SearchResult | None = None
        self.sort = "relevance"
        self.filters: dict[str, str] = {}
        self.busy = ""
        self.facet_choices: list[tuple[str, str]] = []  # index -> (facet, value)
        self._shown: Text | None = None

    def set_status(
        self,
        stats: Stats | None = None,
        result: SearchResult | None = None,
        sort: str | None = None,
        filters: dict[str, str] | None = None,
        busy: str | None = None,
    ) -> None:
        """Update the parts given and redraw (in place: its height is fixed, nothing moves)."""
        if stats is not None:
            self.stats = stats
        if result is not None:
            self.result = result
        if sort is not None:
            self.sort = sort
        if filters is not None:
            self.filters = dict(filters)
        if busy is not None:
            self.busy = busy
        status = self.render_status()
        if status != self._shown:
            self._shown = status
            self.update(status, layout=False)

    def render_status(self) -> Text:
        line = Text(end="")
        if self.stats is not None:
            line.append(_plural(self.stats.articles, "article"), "bold")
            line.append(f" in {_plural(len(self.stats.dumps), 'dump')}")
        result = self.result
        if result is not None:
            line.append("  │  ")
            line.append(_plural(result.total, "hit"), "bold")
            if result.total:
                line.append(f" ({result.unread:,} unread)")
            line.append(f" in {result.seconds * 1000:.0f} ms")
            line.append(f" · {self.sort}")
            if result.query.strip():
                line.append("  │  read as ", "dim")
                line.append(safe_line(result.interpreted or result.query, 120), "italic")
            if result.correction:
                line.append("  │  did you mean ")
                line.append(safe_line(result.correction, 80), "bold underline")
                line.append("? (ctrl+y)")
        if self.filters:
            line.append("  │  filters: ")
            for n, (facet, value) in enumerate(sorted(self.filters.items())):
                if n:
                    line.append(", ")
                line.append(f"{facet}:{safe_line(value, 40)}", "bold")
        if self.busy:
            line.append(f"  │  {self.busy}", "italic")
        line.append("\n")
        line.append_text(self._facet_text())
        return line

    def _facet_text(self) -> Text:
        text = Text(end="")
        self.facet_choices = []
        facets = self.result.facets if self.result is not None else {}
        for facet, counts in facets.items():
            if not counts:
                continue
            if self.facet_choices:
                text.append("  │  ", "dim")
            text.append(f"{facet}: ", "dim")
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACETS_SHOWN]
            for n, (value, count) in enumerate(top):
                if n:
                    text.append(" · ", "dim")
                index = len(self.facet_choices)
                self.facet_choices.append((facet, value))
                click = Style(meta={"@click": f"choose_facet({index})"}, underline=True)
                text.append(safe_line(value, 30) or "(none)", click)
                text.append(f" {count:,}", "dim")
        return text

    def action_choose_facet(self, index: int) -> None:
        if 0 <= index < len(self.facet_choices):
            self.post_message(FacetChosen(*self.facet_choices[index]))

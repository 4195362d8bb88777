"""The results list: one hit a few lines (title, dump · date, snippet), fetched page by page."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.records import Hit
from widgets.display_text import HIGHLIGHT, safe_line, show_date, with_spans
from widgets.messages import HitChosen, HitHighlighted, MoreHitsWanted

FETCH_AHEAD = 10  # fetch the next page when the cursor is this close to the last loaded hit
SNIPPET_CHARS = 240
MIN_HIT_LINES = 4  # the fewest lines a hit takes (title, meta, snippet, divider)


def hit_prompt(hit: Hit) -> Text:
    """The lines shown for one hit, built from untrusted text without markup."""
    prompt = Text(end="")
    prompt.append("● " if not hit.read else "  ", style="bold")  # unread
    if "starred" in hit.tags:
        prompt.append("★ ", style="bold")
    prompt.append(safe_line(hit.title, 200) or "(untitled)", style="bold" if not hit.read else "")
    prompt.append("\n")
    meta = [safe_line(hit.dump, 60), show_date(hit.date)]
    if hit.source:
        meta.append(safe_line(hit.source, 60))
    prompt.append(" · ".join(meta), style="dim")
    if hit.also_in:
        dumps = ", ".join(safe_line(d, 40) for d in hit.also_in[:3])
        more = f" +{len(hit.also_in) - 3}" if len(hit.also_in) > 3 else ""
        prompt.append(f"  also in {dumps}{more}", style="italic dim")
    tags = [safe_line(t, 40) for t in hit.tags if t != "starred"]
    if tags:
        prompt.append("  " + " ".join(f"#{t}" for t in tags), style="italic")
    snippet = hit.snippet or ""
    if snippet:
        # The highlights point into the snippet as the library gave it; clean it only where that
        # keeps the offsets (one character for one), else drop the highlights.
        cleaned = safe_line(snippet, 10_000)
        spans = hit.highlights if len(cleaned) == len(snippet) else []
        shown = with_spans(cleaned, spans, HIGHLIGHT)
        if len(cleaned) > SNIPPET_CHARS:
            shown = shown[:SNIPPET_CHARS]
            shown.append("…")
        prompt.append("\n")
        prompt.append_text(shown)
    return prompt


class ResultsList(OptionList):
    """The hits of the current query; asks for more as the cursor nears the end."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next result", show=False, id="next"),
        Binding("k", "cursor_up", "Previous result", show=False, id="previous"),
        Binding("enter", "select", "Read the article", show=False, id="open"),
    ]

    # Its size comes from the pane, not from the hits: new results repaint the list and its
    # scrollbar (showing or hiding the scrollbar still lays out) without a layout of the screen.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        self.total = 0
        self._waiting_for_more = False
        self._listed = 0  # hits with an option in the list (the first ones of `hits`)
        self._listing = 0  # counts the lists shown: a list replaced drops its deferred rest

    def show_hits(self, hits: list[Hit], total: int, keep_article: str | None = None) -> None:
        """Replace the list; highlight the first hit (or `keep_article` when it is listed).

        The hits that fill the list's height are listed now; the rest after the frame that shows
        them (sizing each hit wraps its text: a keystroke's results should not wait for that).
        """
        self.hits = list(hits)
        self.total = total
        self._waiting_for_more = False
        self._listing += 1
        if not self.hits:
            notice = Text("No articles match this query", style="italic")
            self.set_options([Option(notice, disabled=True)])
            self._listed = 0
            return
        index = 0
        if keep_article is not None:
            index = next((i for i, h in enumerate(self.hits) if h.id == keep_article), 0)
        first = max(index + 1, self.size.height // MIN_HIT_LINES + 1)
        self._listed = min(first, len(self.hits))
        options = self._options_for(self.hits[: self._listed])
        if self._listed < len(self.hits):
            options.append(None)  # the divider over the rest, added now: adding it later redoes all
        self.set_options(options)
        self.highlighted = index
        self.scroll_to_highlight()
        if self._listed < len(self.hits):
            self.call_after_refresh(self._list_rest, self._listing)

    def _list_rest(self, listing: int, after_divider: bool = True) -> None:
        """Add the options of the hits not listed yet (unless the list was replaced since)."""
        if listing == self._listing and self._listed < len(self.hits):
            rest = self.hits[self._listed :]
            self._listed = len(self.hits)
            self.add_options(self._options_for(rest, after_others=not after_divider))

    def append_hits(self, hits: list[Hit], offset: int) -> None:
        """Add the next page of hits (ignored when it does not continue the current list)."""
        self._waiting_for_more = False
        if offset != len(self.hits):
            return
        known = {h.id for h in self.hits}
        fresh = [h for h in hits if h.id not in known]
        divided = self._listed < len(self.hits)  # the deferred rest, not listed yet
        self.hits.extend(fresh)
        self._list_rest(self._listing, after_divider=divided)

    def _options_for(self, hits: list[Hit], after_others: bool = False) -> list[Option | None]:
        """Options for `hits`, a divider line between two (None is a divider to OptionList)."""
        options: list[Option | None] = []
        for hit in hits:
            if options or after_others:
                options.append(None)
            options.append(Option(hit_prompt(hit)))
        return options

    def show_marks(self, article_id: str, read: bool, tags: list[str]) -> bool | None:
        """Redraw a listed hit with its new read state and tags; was it read (None: not listed)?"""
        for index, hit in enumerate(self.hits):
            if hit.id == article_id:
                was_read = hit.read
                hit.read, hit.tags = read, list(tags)
                if index < self._listed:  # else its option is made later, from the hit
                    self.replace_option_prompt_at_index(index, hit_prompt(hit))
                return was_read
        return None

    @property
    def current(self) -> Hit | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.hits):
            return None
        return self.hits[self.highlighted]

    def _want_more(self) -> None:
        if self._waiting_for_more or len(self.hits) >= self.total or not self.hits:
            return
        self._waiting_for_more = True
        self.post_message(MoreHitsWanted(len(self.hits)))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(HitHighlighted(hit.id))
        if self.highlighted is not None and self.highlighted >= len(self.hits) - FETCH_AHEAD:
            self._want_more()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(HitChosen(hit.id))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.max_scroll_y and new >= self.max_scroll_y - self.size.height:
            self._want_more()

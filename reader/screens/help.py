"""The help screen: every key binding, read from the classes' BINDINGS (never written twice)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.keys import rebound

OUR_MODULES = ("reader", "widgets")

HelpRows = list[tuple[str, str]]  # (keys, what they do)


def binding_rows(app: App, classes: Iterable[type]) -> HelpRows:
    """The documented bindings declared by `classes` (and their bases in this project), with
    the keys the settings file gives them (`app.keymap`)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for cls in classes:
        declared = [
            binding
            for base in reversed(cls.__mro__)
            if base.__module__.startswith(OUR_MODULES)
            for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", []))
        ]
        for binding in rebound(declared, getattr(app, "keymap", {})):
            if not binding.description or binding.system:
                continue
            keys = seen.setdefault((binding.action, binding.description), [])
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
    return [(", ".join(keys), description) for (_, description), keys in seen.items()]


class HelpScreen(ModalScreen[None]):
    """A scrollable list of the key map, section by section."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="close_help"),
    ]

    def __init__(self, sections: Sequence[tuple[str, HelpRows]], notes: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys (escape closes)"
            yield Static(self.render_help(), id="help-text")

    def render_help(self) -> Text:
        text = Text(end="")
        width = max((len(keys) for _, rows in self.sections for keys, _ in rows), default=8)
        for n, (title, rows) in enumerate(self.sections):
            if not rows:
                continue
            if n:
                text.append("\n")
            text.append(f"{title}\n", style="bold underline")
            for keys, description in rows:
                text.append(f"  {keys:<{width}}  ", style="bold")
                text.append(f"{description}\n")
        if self.notes:
            text.append(f"\n{self.notes}\n", style="dim")
        return text

    @property
    def text_shown(self) -> str:
        return self.render_help().plain

    def action_close(self) -> None:
        self.dismiss(None)


def main_help(app: App, main: type) -> HelpScreen:
    """The help of the main screen: the keys of the app, the screen and each of its widgets."""
    from widgets.article_view import ArticleView
    from widgets.entity_sidebar import EntitySidebar
    from widgets.find_bar import FindBar
    from widgets.related_panel import RelatedPanel
    from widgets.results_list import ResultsList
    from widgets.search_box import SearchBox

    sections = [
        ("Everywhere", binding_rows(app, [type(app)])),
        ("Main screen", binding_rows(app, [main])),
        ("Query box", binding_rows(app, [SearchBox])),
        ("Results", binding_rows(app, [ResultsList])),
        ("Article", binding_rows(app, [ArticleView, FindBar])),
        ("Entities", binding_rows(app, [EntitySidebar])),
        ("Related coverage", binding_rows(app, [RelatedPanel])),
    ]
    notes = (
        "Lists and the article also move with the arrows, page up/down, home and end.\n"
        'Query syntax: words, "a phrase", OR, NOT or -word, (groups), word*, wo?d, word~, title:,'
        " body: (or text:), person:, org:, place:, dump:, source:, lang:, story:ID, date:2014-04,"
        " date:2014-04-01..2014-08-31, date:>2014-06, is:read, is:unread, is:starred, tag:NAME."
    )
    return HelpScreen(sections, notes)

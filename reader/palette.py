"""The command palette's commands: every action of the screen it was opened on, and the themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from reader.key_table import declared
from reader.keys import rebound


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One command: what the palette shows, the help under it, and what choosing it does."""

    title: str
    help: str
    run: Callable[[], object]
    search_text: str  # what a query is matched against: the title and the action's name


def _nodes(app: App, screen: Screen) -> Iterator[DOMNode]:
    """The screen, every node of it that declares keys of the reader's, then the app."""
    yield screen
    for node in screen.walk_children(with_self=False):
        if node.__module__.startswith(("reader.", "widgets.")) and "BINDINGS" in vars(type(node)):
            yield node
    yield app


def screen_commands(app: App, screen: Screen, keymap: dict[str, str]) -> list[PaletteCommand]:
    """Each action of `screen`, of its panes and of the app, with its keys (as rebound)."""
    commands: list[PaletteCommand] = []
    for node in _nodes(app, screen):
        bindings = [b for cls in type(node).__mro__ for b in declared(cls) if b.id]
        found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for binding in rebound(bindings, keymap):
            keys, names = found.setdefault((binding.action, binding.description), ([], []))
            if (shown := app.get_key_display(binding)) not in keys:
                keys.append(shown)
            if binding.id not in names:
                names.append(binding.id or "")
        for (action, description), (keys, names) in found.items():
            name = names[0]
            commands.append(
                PaletteCommand(
                    description,
                    f"{', '.join(keys)}  ·  {name}",
                    partial(app.run_action, action, node),
                    f"{description} {name.replace('_', ' ')}",
                )
            )
    return commands


def theme_commands(app: App) -> list[PaletteCommand]:
    def choose(name: str) -> None:
        app.theme = name

    return [
        PaletteCommand(f"Theme: {name}", "switch to this theme (remembered)",
                       partial(choose, name), f"theme {name}")
        for name in sorted(app.available_themes)
    ]  # fmt: skip


class ActionsProvider(Provider):
    """Lists the actions of the screen the palette was opened on, then the themes, by name."""

    def _commands(self) -> list[PaletteCommand]:
        keymap = getattr(self.app, "keymap", {})
        return screen_commands(self.app, self.screen, keymap) + theme_commands(self.app)

    async def discover(self) -> Hits:
        for command in self._commands():
            if not command.title.startswith("Theme: "):
                yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.search_text))
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)

"""Every key binding of the reader by name (its Textual binding id) and the screen it works on."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(slots=True)
class Action:
    """One rebindable action: its name in the settings, its built-in keys, what it does, where."""

    name: str  # the binding id: the name under [keys] in the settings file
    keys: str  # the built-in keys, comma-separated Textual key names
    description: str
    where: list[str]  # the screens and panes it works on (`close` closes each of them)


def keyed_classes(app_class: type) -> list[tuple[str, type]]:
    """Every class of the reader that declares key bindings, with the screen it belongs to."""
    from reader.screens.entity_browser import EntityBrowserScreen
    from reader.screens.entity_card import EntityCardScreen
    from reader.screens.facets import FacetScreen
    from reader.screens.front_page import FrontPageScreen
    from reader.screens.help import HelpScreen
    from reader.screens.main import MainScreen
    from reader.screens.open_original import OpenOriginalScreen
    from reader.screens.saved_searches import SavedSearchesScreen, SaveSearchScreen
    from reader.screens.story import StoryScreen
    from reader.screens.tags import TagListScreen, TagPromptScreen
    from reader.screens.version_diff import VersionDiffScreen
    from widgets.article_view import ArticleView
    from widgets.diff_view import DiffView
    from widgets.entity_sidebar import EntitySidebar
    from widgets.entity_table import EntityTable
    from widgets.find_bar import FindBar
    from widgets.related_panel import RelatedPanel
    from widgets.results_list import ResultsList
    from widgets.search_box import SearchBox
    from widgets.story_list import StoryList
    from widgets.story_table import StoryTable

    return [
        ("everywhere", app_class),
        ("main screen", MainScreen),
        ("query box", SearchBox),
        ("results", ResultsList),
        ("article", ArticleView),
        ("find box", FindBar),
        ("entity sidebar", EntitySidebar),
        ("related panel", RelatedPanel),
        ("story", StoryScreen),
        ("story", StoryList),
        ("front page", FrontPageScreen),
        ("front page", StoryTable),
        ("entity browser", EntityBrowserScreen),
        ("entity browser and card", EntityTable),
        ("entity card", EntityCardScreen),
        ("version diff", VersionDiffScreen),
        ("version diff", DiffView),
        ("facets", FacetScreen),
        ("save the query", SaveSearchScreen),
        ("saved searches", SavedSearchesScreen),
        ("tag prompt", TagPromptScreen),
        ("tag list", TagListScreen),
        ("open the original", OpenOriginalScreen),
        ("help", HelpScreen),
    ]


def declared(cls: type) -> list[Binding]:
    """The bindings `cls` itself declares (not its bases'), each with all its keys."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in cls.__dict__.get("BINDINGS", [])]


def actions(app_class: type) -> dict[str, Action]:
    """Every action by name, in the order of the help (the app's, the main screen's, ...)."""
    found: dict[str, Action] = {}
    for where, cls in keyed_classes(app_class):
        for binding in declared(cls):
            if not binding.id:
                continue
            action = found.setdefault(
                binding.id, Action(binding.id, binding.key, binding.description, [])
            )
            if where not in action.where:
                action.where.append(where)
    return found


def keyless(app_class: type, keymap: dict[str, str]) -> list[str]:
    """The actions a rebinding left without a key: another action was given their only one."""
    from reader.keys import rebound

    lost = []
    for where, cls in keyed_classes(app_class):
        bindings = declared(cls)
        left = {binding.id for binding in rebound(bindings, keymap)}
        lost += [f"{b.id} ({where})" for b in bindings if b.id not in left]
    return list(dict.fromkeys(lost))


def keyless_note(app_class: type, keymap: dict[str, str]) -> list[str]:
    """One line naming the actions the settings file's [keys] left without a key, if any."""
    from reader.paths import config_file

    lost = keyless(app_class, keymap)
    if not lost:
        return []
    return [f"{config_file()}: keys: {', '.join(lost)} now without a key (the palette runs it)"]

"""The user's settings: `config.toml` in the platform's config folder, checked key by key."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from reader.keys import check_keys, normalized
from reader.paths import config_file

SORTS = ("relevance", "newest", "oldest")
MAX_BAD_LINES = 20  # TOML lines set aside before the file is given up as unreadable


@dataclass(slots=True)
class ReaderConfig:
    """The settings in effect: the built-in defaults with what the settings file changes."""

    theme: str = ""  # a Textual theme; "" = the one last chosen in the command palette
    sort: str = "relevance"  # relevance | newest | oldest
    date_format: str = "%Y-%m-%d"  # strftime format of the dates shown
    search_delay_ms: int = 0  # debounce between the last keystroke and the search (0: none)
    page_size: int = 50  # hits fetched per page as the results list scrolls
    history_size: int = 500  # queries kept in the history
    max_paragraphs: int = 150  # paragraphs rendered at once in the article view
    max_paragraph_chars: int = 20_000  # characters rendered of one paragraph
    show_search: bool = True  # [panes] search: the search pane at start
    show_entities: bool = True  # [panes] entities: the entity sidebar at start
    show_related: bool = True  # [panes] related: the related panel at start
    keys: dict[str, str] = field(default_factory=dict)  # [keys]: action name -> its new keys

    @property
    def show_side_panes(self) -> bool:
        return self.show_entities or self.show_related


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of the settings file: where it stands, the field it sets, what it means."""

    table: str
    key: str
    field: str
    help: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0


SETTINGS = [
    Setting(
        "reader", "theme", "theme",
        'The colour theme, one of Textual\'s (textual-dark, textual-light, nord, gruvbox,\n'
        'tokyo-night, dracula, ...). "" starts with the theme last chosen from the command\n'
        "palette (ctrl+k, then type \"theme\"); a theme set here wins over that choice.",
    ),
    Setting(
        "reader", "sort", "sort",
        "The order of the results when the reader starts (o changes it): relevance, newest\n"
        "or oldest.",
        choices=SORTS,
    ),
    Setting(
        "reader", "date_format", "date_format",
        "How dates are written in the results, the article, related coverage and the story:\n"
        'a strftime format, such as "%d %b %Y" (01 Apr 2014) or "%x" (the locale\'s).',
    ),
    Setting("reader", "search_delay_ms", "search_delay_ms",
            "Milliseconds between the last key typed in the query box and the search;\n"
            "0 searches at once (a key typed while a search runs waits for it to finish).",
            low=0, high=2000),
    Setting("reader", "page_size", "page_size",
            "Results fetched at a time as the results list scrolls.", low=10, high=500),
    Setting("reader", "history_size", "history_size",
            "Queries kept in the query history (up/down in the query box).", low=0, high=100_000),
    Setting("reader", "max_paragraphs", "max_paragraphs",
            "Paragraphs of an article drawn at once (a longer article is cut and says so).",
            low=10, high=10_000),
    Setting("reader", "max_paragraph_chars", "max_paragraph_chars",
            "Characters of one paragraph drawn at most.", low=200, high=1_000_000),
    Setting("panes", "search", "show_search",
            "The search pane (query box and results) at start (f2 or < hides and shows it)."),
    Setting("panes", "entities", "show_entities",
            "The entity sidebar at start (e shows it, f3 or > the whole side pane)."),
    Setting("panes", "related", "show_related",
            "The related coverage panel at start (r shows it)."),
]  # fmt: skip
TABLES = ("reader", "panes", "keys")
DEFAULTS = ReaderConfig()


def toml_value(value: object) -> str:
    """A setting's value as TOML writes it (strings, whole numbers and booleans only)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def _type_name(value: object) -> str:
    names = {bool: "true or false", int: "a whole number", str: "a string"}
    return names.get(type(value), type(value).__name__)


def _nearest(key: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def read_toml(text: str, problems: list[str], where: str) -> dict:
    """The TOML in `text`; a line TOML cannot read is named in `problems` and set aside."""
    lines = text.splitlines()
    for _ in range(MAX_BAD_LINES):
        try:
            return tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as exc:
            reason = str(exc)
            found = re.search(r"at line (\d+)", reason)
            number = int(found.group(1)) if found else 0
            reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", reason)
            if not 1 <= number <= len(lines) or not lines[number - 1].strip():
                problems.append(f"{where}: not readable as TOML ({reason}); using the defaults")
                return {}
            problems.append(f"{where}: line {number}: bad TOML ({reason}); line ignored")
            lines[number - 1] = ""
    problems.append(f"{where}: too many bad lines; using the defaults")
    return {}


def _check(setting: Setting, value: object, themes: Collection[str]) -> str | None:
    """What is wrong with `value` for `setting`, or None."""
    default = getattr(DEFAULTS, setting.field)
    if type(value) is not type(default):
        return f"must be {_type_name(default)}, not {_type_name(value)} ({toml_value(value)})"
    if setting.choices and value not in setting.choices:
        return f"must be one of {', '.join(setting.choices)}, not {toml_value(value)}"
    if setting.high and not setting.low <= value <= setting.high:  # type: ignore[operator]
        return f"must be from {setting.low} to {setting.high}, not {value}"
    if setting.field == "theme" and value and value not in themes:
        return f"no theme is called {toml_value(value)}{_nearest(str(value), themes)}"
    if setting.field == "date_format":
        if "%" not in str(value) or len(str(value)) > 60:
            return f'must be a strftime format such as "%d %b %Y", not {toml_value(value)}'
        try:
            date(2014, 4, 1).strftime(str(value))
        except ValueError as exc:
            return f"is not a date format ({exc})"
    return None


def _read_keys(
    table: Mapping, where: str, actions: Collection[str] | None, problems: list[str]
) -> dict[str, str]:
    keymap: dict[str, str] = {}
    for name, value in table.items():
        at = f"{where}: keys.{name}"
        if actions is not None and name not in actions:
            problems.append(f"{at}: unknown key: no action has that name{_nearest(name, actions)}")
        elif not isinstance(value, str):
            problems.append(f'{at}: must be a string of keys such as "ctrl+f", not {value!r}')
        elif error := check_keys(value):
            problems.append(f"{at}: {error}; keeping the built-in keys")
        else:
            keymap[name] = normalized(value)
    return keymap


def load_settings(
    path: Path | None = None,
    actions: Collection[str] | None = None,
    themes: Collection[str] | None = None,
) -> tuple[ReaderConfig, list[str]]:
    """The settings of `path` (default: the user's file) and one line for each problem in it.

    A setting that is wrong (unknown key, wrong type, a line TOML cannot read) keeps its default;
    `actions` are the names [keys] may rebind, `themes` the themes `theme` may name.
    """
    path = path or config_file()
    if themes is None:
        from textual.theme import BUILTIN_THEMES

        themes = BUILTIN_THEMES
    config, problems = ReaderConfig(), []
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is no key
    except FileNotFoundError:
        return config, problems
    except (OSError, UnicodeDecodeError) as exc:
        return config, [f"{path}: could not be read ({exc}); using the defaults"]
    data = read_toml(text, problems, str(path))
    by_key = {(s.table, s.key): s for s in SETTINGS}
    for table_name, table in data.items():
        if table_name not in TABLES:
            problems.append(f"{path}: {table_name}: unknown key{_nearest(table_name, TABLES)}")
            continue
        if not isinstance(table, dict):
            problems.append(f"{path}: {table_name}: must be a table ([{table_name}])")
            continue
        if table_name == "keys":
            config.keys = _read_keys(table, str(path), actions, problems)
            continue
        for key, value in table.items():
            setting = by_key.get((table_name, key))
            at = f"{path}: {table_name}.{key}"
            if setting is None:
                known = [s.key for s in SETTINGS if s.table == table_name]
                problems.append(f"{at}: unknown key{_nearest(key, known)}")
            elif error := _check(setting, value, themes):
                default = toml_value(getattr(DEFAULTS, setting.field))
                problems.append(f"{at}: {error}; using the default, {default}")
            else:
                setattr(config, setting.field, value)
    return config, problems


def effective(config: ReaderConfig, actions: Mapping[str, object]) -> dict[str, dict]:
    """The settings in effect as the file's tables: every key, the action keys included."""
    tables: dict[str, dict] = {"reader": {}, "panes": {}, "keys": {}}
    for setting in SETTINGS:
        tables[setting.table][setting.key] = getattr(config, setting.field)
    for name, action in actions.items():
        tables["keys"][name] = config.keys.get(name, action.keys)  # type: ignore[attr-defined]
    return tables


def is_default(config: ReaderConfig) -> bool:
    """True when nothing differs from the built-in defaults."""
    return all(getattr(config, f.name) == getattr(DEFAULTS, f.name) for f in fields(config))


KEYS_HELP = """\
Any action takes other keys: NAME = "KEYS", several keys separated by commas; the keys
given replace the action's built-in ones (on every screen the action works on). Key names:
a character ("x", "N", "?", "/"), ctrl+x, alt+x, shift+x, f1 to f24, up, down, left,
right, home, end, pageup, pagedown, enter, escape, tab, space, backspace, delete, insert.
For example, to search with ctrl+f and find in the article with f alone:
  search = "ctrl+f"
  find = "f"
"""


def commented_file(actions: Mapping[str, object]) -> str:
    """The settings file `config --edit` creates: every key, commented out at its default."""
    out = [
        '# newsreader settings. Every setting is optional: a line "# key = value" shows a',
        '# setting at its built-in default; remove the "# " and change the value to set it.',
        "# `newsreader config` prints the settings in effect; a wrong setting is named when",
        "# the reader starts, and keeps its default.",
    ]
    for table in TABLES[:2]:
        out.append(f"\n[{table}]")
        for setting in (s for s in SETTINGS if s.table == table):
            out.append("")
            out.extend(f"# {line}" for line in setting.help.splitlines())
            out.append(f"# {setting.key} = {toml_value(getattr(DEFAULTS, setting.field))}")
    out.append("\n[keys]")
    out.extend(f"# {line}".rstrip() for line in KEYS_HELP.splitlines())
    where = None
    for name, action in actions.items():
        if action.where[0] != where:  # type: ignore[attr-defined]
            where = action.where[0]  # type: ignore[attr-defined]
            out.append(f"\n# {where}")
        what = f"{action.description} ({', '.join(action.where)})"  # type: ignore[attr-defined]
        out.append(f"# {name} = {toml_value(action.keys)}  # {what}")  # type: ignore[attr-defined]
    return "\n".join(out) + "\n"

"""The reader's saved state (query history, saved searches) and its TOML configuration."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from reader.paths import config_file

HISTORY_FILE = "history.json"
SAVED_SEARCHES_FILE = "saved_searches.json"
SORTS = ("relevance", "newest", "oldest")


@dataclass(slots=True)
class ReaderConfig:
    """Settings read once from `config.toml` in the platform's config folder."""

    search_delay_ms: int = 30  # debounce between the last keystroke and the search
    page_size: int = 50  # hits fetched per page as the results list scrolls
    history_size: int = 500  # queries kept in the history
    sort: str = "relevance"  # relevance | newest | oldest
    show_side_panes: bool = True
    theme: str = ""  # a Textual theme name; "" keeps the default
    max_paragraphs: int = 150  # paragraphs rendered at once in the article view
    max_paragraph_chars: int = 20_000  # characters rendered of one paragraph

    @classmethod
    def load(cls, path: Path | None = None) -> ReaderConfig:
        """The config from `path` (default: the user's config file); defaults when absent or bad."""
        path = path or config_file()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return cls()
        section = data.get("reader", data)
        config = cls()
        for f in fields(cls):
            value = section.get(f.name) if isinstance(section, dict) else None
            if value is not None and isinstance(value, type(getattr(config, f.name))):
                setattr(config, f.name, value)
        if config.sort not in SORTS:
            config.sort = "relevance"
        config.page_size = max(10, min(config.page_size, 500))
        config.search_delay_ms = max(0, min(config.search_delay_ms, 2000))
        return config


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return default


def _write_json(path: Path, data) -> bool:
    """Write atomically (temp file + rename); False when the folder is not writable."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False


class QueryHistory:
    """Queries typed in the search box, oldest first, kept in the library folder."""

    def __init__(self, folder: Path, limit: int = 500) -> None:
        self.path = Path(folder) / HISTORY_FILE
        self.limit = limit
        raw = _read_json(self.path, [])
        self.entries: list[str] = [q for q in raw if isinstance(q, str) and q.strip()][-limit:]

    def add(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.entries:
            self.entries.remove(query)
        self.entries.append(query)
        del self.entries[: -self.limit]
        _write_json(self.path, self.entries)


@dataclass(slots=True)
class SavedSearch:
    name: str
    query: str


class SavedSearches:
    """Named queries, kept in the library folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / SAVED_SEARCHES_FILE
        raw = _read_json(self.path, [])
        self.items: list[SavedSearch] = [
            SavedSearch(str(d["name"]), str(d["query"]))
            for d in raw
            if isinstance(d, dict) and "name" in d and "query" in d
        ]

    def save(self, name: str, query: str) -> bool:
        """Add or replace the search called `name`; False when it could not be written."""
        name = name.strip() or query.strip()
        self.items = [s for s in self.items if s.name != name]
        self.items.append(SavedSearch(name, query))
        return self._write()

    def remove(self, name: str) -> bool:
        self.items = [s for s in self.items if s.name != name]
        return self._write()

    def _write(self) -> bool:
        return _write_json(self.path, [{"name": s.name, "query": s.query} for s in self.items])

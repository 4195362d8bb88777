"""The reader's saved state: query history, saved searches, the theme last chosen."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from reader.paths import ui_state_file

HISTORY_FILE = "history.json"
SAVED_SEARCHES_FILE = "saved_searches.json"


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
    """A query saved under a name."""

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


def remembered_theme(path: Path | None = None) -> str:
    """The theme last chosen in the reader ("" when none was), kept in the user state folder."""
    state = _read_json(path or ui_state_file(), {})
    theme = state.get("theme") if isinstance(state, dict) else None
    return theme if isinstance(theme, str) else ""


def remember_theme(theme: str, path: Path | None = None) -> bool:
    """Keep `theme` for the next start; False when the state folder is not writable."""
    path = path or ui_state_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    state = _read_json(path, {})
    state = state if isinstance(state, dict) else {}
    return _write_json(path, {**state, "theme": theme})

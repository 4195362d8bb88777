"""The reader's marks on articles (read state and tags) in their own SQLite file, by article id.

Marks live in `marks.db` beside the article store, not in it: `index --rebuild` removes the
store and the search index, never this file, and article ids are stable (dump and page key),
so marks come back as the articles are indexed again. Every change is one SQLite transaction
(journal on disk, synchronous writes): a crash loses at most the change in hand.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

MARKS_FILE = "marks.db"
STARRED = "starred"
MAX_TAG_CHARS = 64
_TAG = re.compile(r"[^\W][\w.\-/]*")

SCHEMA = """
CREATE TABLE IF NOT EXISTS read (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags (
    id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (id, tag)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);
"""


class BadTag(ValueError):
    """A tag name that cannot be used (said in one line)."""


def tag_name(text: str) -> str:
    """A tag as stored: lowercase, a letter or digit first, then letters, digits, . - _ /."""
    name = text.strip().lower()
    if not name or len(name) > MAX_TAG_CHARS or not _TAG.fullmatch(name):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise BadTag(
            f"tag {shown!r} is not a tag name: use letters, digits and . - _ / "
            f"(a letter or digit first, at most {MAX_TAG_CHARS} characters)"
        )
    return name


class MarkStore:
    """Read state and tags of articles; empty and unwritable when the library is read-only."""

    def __init__(self, folder: Path, readonly: bool = False) -> None:
        self.path = Path(folder) / MARKS_FILE
        self.readonly = readonly
        if readonly:
            self.db = self._open_readonly()
            return
        self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def _open_readonly(self) -> sqlite3.Connection:
        """The file as it is (immutable when its folder cannot hold WAL's -shm), else empty."""
        if self.path.exists():
            uri = self.path.resolve().as_uri()
            for mode in ("ro", "ro&immutable=1"):
                db = sqlite3.connect(f"{uri}?mode={mode}", uri=True, check_same_thread=False)
                try:
                    db.execute("SELECT COUNT(*) FROM read").fetchone()
                    return db
                except sqlite3.Error:
                    db.close()
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        return db

    def close(self) -> None:
        self.db.close()

    # -- reading --------------------------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM read")}

    def tagged_ids(self, tag: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM tags WHERE tag = ?", (tag,))}

    def ids(self, field: str, value: str) -> set[str]:
        """The ids a query term `is:read`, `is:starred` or `tag:NAME` stands for."""
        if field == "is":
            return self.read_ids() if value == "read" else self.tagged_ids(STARRED)
        return self.tagged_ids(value.strip().lower())

    def marks_of(self, ids: Iterable[str]) -> tuple[set[str], dict[str, list[str]]]:
        """(the read ones, id -> sorted tags) among `ids`."""
        ids = list(ids)
        read: set[str] = set()
        tags: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            read.update(
                r[0] for r in self.db.execute(f"SELECT id FROM read WHERE id IN ({marks})", chunk)
            )
            for aid, tag in self.db.execute(
                f"SELECT id, tag FROM tags WHERE id IN ({marks}) ORDER BY tag", chunk
            ):
                tags.setdefault(aid, []).append(tag)
        return read, tags

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with how many articles carry it, most used first."""
        rows = self.db.execute(
            "SELECT tag, COUNT(*) AS n FROM tags GROUP BY tag ORDER BY n DESC, tag"
        )
        return [(tag, n) for tag, n in rows]

    # -- writing (one transaction each) ---------------------------------------------------------

    def set_read(self, ids: Iterable[str], read: bool) -> None:
        rows = [(i,) for i in ids]
        with self.db:
            if read:
                self.db.executemany("INSERT OR IGNORE INTO read VALUES (?)", rows)
            else:
                self.db.executemany("DELETE FROM read WHERE id = ?", rows)

    def change_tags(self, article_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()):
        """Add and remove tags of one article in one transaction; its tags after."""
        add = [tag_name(t) for t in add]
        remove = [tag_name(t) for t in remove]
        with self.db:
            self.db.executemany(
                "DELETE FROM tags WHERE id = ? AND tag = ?", [(article_id, t) for t in remove]
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(article_id, t) for t in add]
            )
        return self.marks_of([article_id])[1].get(article_id, [])

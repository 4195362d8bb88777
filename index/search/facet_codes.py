"""Each document's dump, source and language, saved after an `index` run for the first search."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from index.format import index_state
from index.store import ArticleStore

TABLE = (
    "CREATE TABLE IF NOT EXISTS facet_codes (field TEXT PRIMARY KEY, state TEXT NOT NULL, "
    "facet_values TEXT NOT NULL, codes BLOB NOT NULL) WITHOUT ROWID"
)


def save_facet_codes(store: ArticleStore, view) -> None:
    """Keep a search view's facet codes (index/search/view.py) for the index state it reads."""
    state = index_state(view.reader)
    rows = []
    for field in ("dump", "source", "lang"):
        codes, values = view.facet(field)
        rows.append((field, state, json.dumps(values), codes.astype("<i4").tobytes()))
    store.db.execute(TABLE)
    store.db.executemany("INSERT OR REPLACE INTO facet_codes VALUES (?, ?, ?, ?)", rows)
    store.commit()


def load_facet_codes(
    store: ArticleStore, reader, field: str, count: int
) -> tuple[np.ndarray, list[str]] | None:
    """(code per document, the values) saved for this reader's index state, else None."""
    try:
        row = store.db.execute(
            "SELECT state, facet_values, codes FROM facet_codes WHERE field = ?", (field,)
        ).fetchone()
    except sqlite3.OperationalError:  # a library written before the table
        return None
    if row is None or row[0] != index_state(reader) or len(row[2]) != 4 * count:
        return None
    return np.frombuffer(row[2], dtype="<i4").astype(np.int64), json.loads(row[1])

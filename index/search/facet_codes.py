"""Each document's facet values and copy group, saved after an `index` run for the first search."""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array

from index.format import index_state
from index.store import ArticleStore

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    import numpy as np

FACET_FIELDS = ("dump", "source", "lang")
GROUPS = "group"  # each document's copy group code (SearchView.groups), kept beside them

TABLE = (
    "CREATE TABLE IF NOT EXISTS facet_codes (field TEXT PRIMARY KEY, state TEXT NOT NULL, "
    "facet_values TEXT NOT NULL, codes BLOB NOT NULL) WITHOUT ROWID"
)


def save_facet_codes(store: ArticleStore, view) -> None:
    """Keep a search view's facet codes (index/search/view.py) for the index state it reads."""
    state = index_state(view.reader)
    rows = []
    for field in FACET_FIELDS:
        codes, values = view.facet(field)
        rows.append((field, state, json.dumps(values), codes.astype("<i4").tobytes()))
    # the copy groups too: numbering them (np.unique) is 6 ms of a first search at 100,000
    rows.append((GROUPS, state, "[]", view.groups.astype("<i4").tobytes()))
    store.db.execute(TABLE)
    store.db.executemany("INSERT OR REPLACE INTO facet_codes VALUES (?, ?, ?, ?)", rows)
    store.commit()


def load_facet_codes(
    store: ArticleStore, reader, field: str, count: int
) -> tuple[np.ndarray, list[str]] | None:
    """(code per document, the values) saved for this reader's index state, else None."""
    import numpy as np

    found = _saved(store, reader, field, count)
    if found is None:
        return None
    return np.frombuffer(found[0], dtype="<i4").astype(np.int64), found[1]


def load_facet_lists(store: ArticleStore, reader, field: str, count: int):
    """`load_facet_codes` as an array of Python ints (numpy-free), else None."""
    found = _saved(store, reader, field, count)
    if found is None:
        return None
    codes = array("i", found[0])
    if sys.byteorder == "big":
        codes.byteswap()
    return codes, found[1]


def _saved(store: ArticleStore, reader, field: str, count: int) -> tuple[bytes, list[str]] | None:
    """(the codes' bytes, the values) saved for this reader's index state, else None."""
    try:
        row = store.db.execute(
            "SELECT state, facet_values, codes FROM facet_codes WHERE field = ?", (field,)
        ).fetchone()
    except sqlite3.OperationalError:  # a library written before the table
        return None
    if row is None or row[0] != index_state(reader) or len(row[2]) != 4 * count:
        return None
    return row[2], json.loads(row[1])

"""Word rarity counted at ingest for the index's generation: related coverage reads it at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from index.format import index_state
from index.store import ArticleStore

TABLE = (
    "CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
)
GENERATION = "term_df_generation"  # meta key: the index state (index_state) the table counts
FIELDS = ("body", "title")


def save_term_counts(store: ArticleStore, whoosh_index) -> None:
    """Count each word's articles (the larger of its body and title counts, deleted articles
    included, as `TermStats.idf` reads them from Whoosh) in the index as it is now, and commit."""
    from index.format import doc_frequencies  # numpy's module: not for `related`'s reads

    best: dict[str, int] = {}
    with whoosh_index.reader() as reader:
        generation = index_state(reader)
        for field in FIELDS:
            counts: dict[str, int] = {}
            for leaf, _ in reader.leaf_readers():
                if field not in leaf.schema:
                    continue
                decode = leaf.schema[field].from_bytes
                for term, df in doc_frequencies(leaf, field):
                    text = decode(term) if isinstance(term, bytes) else term
                    counts[text] = counts.get(text, 0) + df
            for term, n in counts.items():
                if n > best.get(term, 0):
                    best[term] = n
    store.db.execute(TABLE)
    store.db.execute("DELETE FROM term_df")
    store.db.executemany("INSERT INTO term_df VALUES (?, ?)", best.items())
    store.set_meta(GENERATION, str(generation))
    store.commit()


def term_counts(
    store: ArticleStore, generation: str, terms: Sequence[str]
) -> dict[str, int] | None:
    """The counts of these words (absent: in no article), None unless the table counts this
    generation of the index (an older library, or another process indexing since)."""
    try:
        if store.get_meta(GENERATION) != str(generation):
            return None
        found: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = list(terms[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(
                store.db.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)
            )
        return found
    except sqlite3.OperationalError:  # no table
        return None


def entity_count(db: sqlite3.Connection, kind: str, name: str) -> int:
    """The articles naming an entity (`TermStats`' entity counts)."""
    sql = "SELECT COUNT(*) FROM mentions WHERE kind = ? AND name = ?"
    return db.execute(sql, (kind, name)).fetchone()[0]

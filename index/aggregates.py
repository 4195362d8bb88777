"""What the store keeps for quick reads: entity and article counts, the export's order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from index.records import EntityCount

SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_totals (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    dump TEXT NOT NULL,  -- '' for the whole library (a dump's name is never empty)
    articles INTEGER NOT NULL,  -- the copy groups naming it: an article and its copies count once
    named INTEGER NOT NULL DEFAULT 0,  -- dump '': the articles naming it, copies apiece (rarity)
    PRIMARY KEY (kind, name, dump)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_totals_top ON entity_totals(dump, articles DESC, name, kind);
CREATE INDEX IF NOT EXISTS entity_totals_kind ON entity_totals(dump, kind, articles DESC, name);
CREATE TABLE IF NOT EXISTS field_counts (
    field TEXT NOT NULL,  -- dump, source or language
    value TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (field, value)
) WITHOUT ROWID;
"""
EXPORT_ORDER = "CREATE INDEX IF NOT EXISTS articles_origin ON articles(dump, origin)"
READY = "aggregates"  # meta key: "1" once the tables count the whole store
FIELDS = ("dump", "source", "language")
_GROUP = "CASE a.copy_group WHEN '' THEN a.id ELSE a.copy_group END"  # an article's copy group
_UPSERT = "ON CONFLICT DO UPDATE SET articles = articles + excluded.articles"
_NAMED = "ON CONFLICT DO UPDATE SET named = named + excluded.named"


def start(db: sqlite3.Connection) -> None:
    """Create the tables; a store with no article yet counts from now on (no conversion)."""
    db.executescript(SCHEMA)
    if db.execute("SELECT 1 FROM meta WHERE key = ?", (READY,)).fetchone() is None and (
        db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
    ):
        db.execute(EXPORT_ORDER)
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (READY,))
    db.commit()


def ready(db: sqlite3.Connection) -> bool:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (READY,)).fetchone()
    except sqlite3.OperationalError:  # a store from before the meta table
        return False
    return row is not None and row[0] == "1"


def build(db: sqlite3.Connection) -> None:
    """Count a store written before these tables, from scratch (no commit: the caller's)."""
    db.execute("DELETE FROM entity_totals")
    db.execute("DELETE FROM field_counts")
    db.execute("DROP TABLE IF EXISTS entity_counts")  # what earlier versions kept instead
    db.execute(EXPORT_ORDER)  # `export` streams its first articles without sorting them all
    _clear_names(db)
    db.execute(
        f"INSERT INTO counted_names SELECT DISTINCT m.kind, m.name, a.dump, {_GROUP} "
        "FROM mentions m JOIN articles a ON a.id = m.article_id"
    )
    _add_named(db, +1)
    db.execute(
        "INSERT INTO entity_totals (kind, name, dump, articles, named) "
        f"SELECT kind, name, '', 0, COUNT(*) FROM mentions WHERE true GROUP BY kind, name {_NAMED}"
    )
    for field in FIELDS:
        db.execute(
            f"INSERT INTO field_counts SELECT ?, {field}, COUNT(*) FROM articles GROUP BY {field}",
            (field,),
        )
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (READY,))


def _clear_names(db: sqlite3.Connection) -> None:
    """An empty temporary table of (kind, name, dump, copy group) rows to count."""
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS counted_names (kind TEXT, name TEXT, dump TEXT, g TEXT)"
    )
    db.execute("DELETE FROM counted_names")


class Counter:
    """Keeps the tables in step with the articles written and deleted (in the writer's
    transaction): the copy groups an article leaves and joins are uncounted before the change
    and counted again after it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def groups_of(self, ids: Iterable[str]) -> set[str]:
        """The copy groups the stored articles of these ids belong to."""
        ids = list(ids)
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT {_GROUP} FROM articles a WHERE a.id IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def fields_of(self, ids: Iterable[str], step: int) -> None:
        """Count the stored articles of these ids in `field_counts` (step +1 or -1)."""
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for field in FIELDS:
                self.db.execute(
                    f"INSERT INTO field_counts SELECT ?, {field}, ? * COUNT(*) FROM articles "
                    f"WHERE id IN ({marks}) GROUP BY {field} {_UPSERT}",
                    (field, step, *chunk),
                )

    def mentions_of(self, ids: Iterable[str], step: int) -> None:
        """Count the entities the stored articles of these ids name (step +1 or -1)."""
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                "INSERT INTO entity_totals (kind, name, dump, articles, named) "
                f"SELECT kind, name, '', 0, ? * COUNT(*) FROM mentions "
                f"WHERE article_id IN ({marks}) GROUP BY kind, name {_NAMED}",
                (step, *chunk),
            )

    def entities_of(self, groups: set[str], step: int) -> None:
        """Count the entities the copy groups name, per dump and library-wide (step +1 or -1)."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS counted_groups (g TEXT PRIMARY KEY)")
        db.execute("DELETE FROM counted_groups")
        db.executemany("INSERT OR IGNORE INTO counted_groups VALUES (?)", ((g,) for g in groups))
        _clear_names(db)
        db.execute(
            "INSERT INTO counted_names SELECT DISTINCT m.kind, m.name, a.dump, c.g "
            "FROM counted_groups c CROSS JOIN articles a ON a.copy_group = c.g "
            "CROSS JOIN mentions m ON m.article_id = a.id"
        )
        db.execute(  # articles of stores from before copy groups: their own group
            "INSERT INTO counted_names SELECT DISTINCT m.kind, m.name, a.dump, a.id "
            "FROM counted_groups c CROSS JOIN articles a ON a.id = c.g AND a.copy_group = '' "
            "CROSS JOIN mentions m ON m.article_id = a.id"
        )
        _add_named(db, step)


def _add_named(db: sqlite3.Connection, step: int) -> None:
    """Add `counted_names` (distinct kind, name, dump, group) to `entity_totals`."""
    db.execute(
        "INSERT INTO entity_totals (kind, name, dump, articles) "
        "SELECT kind, name, dump, ? * COUNT(*) FROM counted_names "
        f"WHERE true GROUP BY kind, name, dump {_UPSERT}",
        (step,),
    )
    db.execute(
        "INSERT INTO entity_totals (kind, name, dump, articles) "
        "SELECT kind, name, '', ? * COUNT(DISTINCT g) FROM counted_names "
        f"WHERE true GROUP BY kind, name {_UPSERT}",
        (step,),
    )
    db.execute("DELETE FROM counted_names")  # a conversion leaves millions of rows there


def top_entities(
    db: sqlite3.Connection,
    kind: str | None = None,
    dump: str | None = None,
    prefix: str = "",
    limit: int = 50,
) -> list[EntityCount]:
    """The entities named by most articles (in one dump, of one kind, containing `prefix`),
    an article and its copies counted once."""
    where, args = ["dump = ?", "articles > 0"], [dump or ""]
    if kind:
        where.append("kind = ?")
        args.append(kind)
    if prefix:
        where.append("name LIKE ? ESCAPE '\\'")
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        args.append(f"%{escaped}%")
    table = "entity_totals" if ready(db) else _FROM_SCRATCH
    rows = db.execute(
        f"SELECT name, kind, articles FROM {table} WHERE {' AND '.join(where)} "
        "ORDER BY articles DESC, name, kind LIMIT ?",
        [*args, limit],
    )
    return [EntityCount(name, k, n) for name, k, n in rows]


# The same counts from the mentions, for a store not yet converted that this process may not write.
_FROM_SCRATCH = f"""(
    SELECT m.kind AS kind, m.name AS name, a.dump AS dump, COUNT(DISTINCT {_GROUP}) AS articles
    FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.kind, m.name, a.dump
    UNION ALL
    SELECT m.kind, m.name, '', COUNT(DISTINCT {_GROUP})
    FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.kind, m.name
)"""


def counts_by(db: sqlite3.Connection, field: str) -> dict[str, int]:
    """value -> articles of one field (dump, source, language), most articles first."""
    assert field in FIELDS
    if ready(db):
        sql = "SELECT value, articles FROM field_counts WHERE field = ? AND articles > 0"
        rows = db.execute(sql + " ORDER BY articles DESC, value DESC", (field,))
    else:
        rows = db.execute(
            f"SELECT {field}, COUNT(*) AS n FROM articles GROUP BY {field} "
            f"ORDER BY n DESC, {field} DESC"  # ties as SQLite's sorter left them before
        )
    return dict(rows)


def articles_naming(db: sqlite3.Connection, kind: str, name: str) -> int:
    """The articles naming an entity, copies apiece (for its rarity)."""
    if ready(db):
        sql = "SELECT named FROM entity_totals WHERE kind = ? AND name = ? AND dump = ''"
    else:
        sql = "SELECT COUNT(*) FROM mentions WHERE kind = ? AND name = ?"
    row = db.execute(sql, (kind, name)).fetchone()
    return row[0] if row else 0


def article_count(db: sqlite3.Connection) -> int:
    if ready(db):
        row = db.execute("SELECT SUM(articles) FROM field_counts WHERE field = 'dump'").fetchone()
        return row[0] or 0
    return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

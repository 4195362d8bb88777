"""The article store: cleaned articles, pages seen and entity mentions in one SQLite file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from index import aggregates
from index.records import Article, ArticleEntity, EntityCard, EntityCount

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    dump TEXT NOT NULL,
    origin TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    crawl_date TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    copy_group TEXT NOT NULL DEFAULT '',
    version_group TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_copy ON articles(copy_group);
CREATE INDEX IF NOT EXISTS articles_version ON articles(version_group);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_dump ON articles(dump);
CREATE TABLE IF NOT EXISTS pages (
    dump TEXT NOT NULL,
    key TEXT NOT NULL,
    page_hash TEXT NOT NULL,
    article_id TEXT,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dump, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    salience REAL NOT NULL,
    PRIMARY KEY (article_id, kind, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(kind, name);
CREATE TABLE IF NOT EXISTS aliases (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, name, alias)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""

CACHE_KIB = 64 * 1024  # the writer's page cache

_COLUMNS = (
    "id, dump, origin, url, date, crawl_date, source, language, title, data, "
    "content_hash, copy_group, version_group"
)


def _entity_from_json(d: dict, spans: bool = True) -> ArticleEntity:
    return ArticleEntity(
        name=d["name"],
        kind=d["kind"],
        count=d["count"],
        aliases=d.get("aliases", []),
        spans=[tuple(s) for s in d.get("spans", [])] if spans else [],
        in_title=d.get("in_title", False),
        in_lead=d.get("in_lead", False),
    )


def _article_from_row(row: tuple, entities: bool = True, spans: bool = True) -> Article:
    (aid, dump, origin, url, date, crawl_date, source, language, title, data, chash, cgroup,
     vgroup) = row  # fmt: skip
    d = json.loads(data)
    return Article(
        id=aid,
        dump=dump,
        origin=origin,
        title=title,
        paragraphs=d["paragraphs"],
        caption=d.get("caption", ""),
        captions=d.get("captions", []),
        byline=d.get("byline", ""),
        credits=d.get("credits", []),
        source=source,
        url=url,
        date=date,
        crawl_date=crawl_date,
        language=language,
        entities=[_entity_from_json(e, spans) for e in d.get("entities", [])] if entities else [],
        content_hash=chash,
        copy_group=cgroup,
        version_group=vgroup,
    )


def _article_row(a: Article) -> tuple:
    data = {
        "paragraphs": a.paragraphs,
        "caption": a.caption,
        "captions": a.captions,
        "byline": a.byline,
        "credits": a.credits,
        "entities": a.to_json()["entities"],
    }
    return (
        a.id, a.dump, a.origin, a.url, a.date, a.crawl_date, a.source, a.language, a.title,
        json.dumps(data, ensure_ascii=False), a.content_hash, a.copy_group, a.version_group,
    )  # fmt: skip


class ArticleStore:
    """SQLite store of cleaned articles; safe to read while another process writes (WAL)."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        if readonly:
            uri = Path(path).resolve().as_uri()
            self.db = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
            try:
                self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL database in a folder we may not write (no -shm to share): read the file
                # as it is on disk.
                self.db.close()
                self.db = sqlite3.connect(
                    f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False
                )
        else:
            self.db = sqlite3.connect(path, check_same_thread=False, timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # The ingest's inserts land at random in the id, hash and entity indexes: with
            # SQLite's 2 MB page cache they were read back and spilled over and over (a fifth
            # of `put_articles` on Reuters). Taken as pages are used; readers keep the default.
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self.db.executescript(SCHEMA)
            aggregates.start(self.db)  # commits

    def close(self) -> None:
        self.db.close()

    # -- articles -------------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article_from_row(row) if row else None

    def get_many(
        self, ids: Iterable[str], entities: bool = True, spans: bool = True
    ) -> dict[str, Article]:
        """id -> article; without its entities unless `entities` (a search's snippets need only
        the text: making 25 hits' entities was a fifth of a search at 100,000 articles), and
        their spans in the body unless `spans` (story placing needs none)."""
        ids = list(ids)
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT {_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = _article_from_row(row, entities, spans)
        return found

    def headers(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str, str, str]]:
        """id -> (title, dump, date, source, url), without loading bodies."""
        ids = list(ids)
        found: dict[str, tuple[str, str, str, str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT id, title, dump, date, source, url FROM articles WHERE id IN ({marks})",
                chunk,
            ):
                found[row[0]] = row[1:]
        return found

    def ids_for_key(self, key: str) -> list[str]:
        """The articles of the pages a dump keyed `key` (a JSON Lines record's own `id`)."""
        rows = self.db.execute(
            "SELECT DISTINCT article_id FROM pages WHERE key = ? AND article_id IS NOT NULL "
            "ORDER BY article_id",
            (key,),
        )
        return [r[0] for r in rows]

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\uffff", limit),
        )
        return [r[0] for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        if not self.readonly:
            self.convert()  # a store written before it keeps the export's order (aggregates.py)
        cursor = self.db.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY dump, origin")
        size = 16  # a few first: an export's first line waits for no more
        while rows := cursor.fetchmany(size):
            size = 500
            for row in rows:
                yield _article_from_row(row)

    def count(self) -> int:
        return aggregates.article_count(self.db)

    def group_members(self, column: str, group: str) -> list[tuple[str, str]]:
        """(id, dump) of the articles in one copy or version group."""
        assert column in ("copy_group", "version_group")
        rows = self.db.execute(
            f"SELECT id, dump FROM articles WHERE {column} = ? ORDER BY dump, id", (group,)
        )
        return list(rows)

    def first_with_hash(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT copy_group FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def put_articles(self, articles: list[Article]) -> None:
        """Insert or replace articles with their entity mentions (no commit)."""
        counter = self._counter()
        aids = [a.id for a in articles]
        groups = counter.groups_of(aids) | {a.copy_group or a.id for a in articles}
        counter.entities_of(groups, -1)
        counter.fields_of(aids, -1)
        counter.mentions_of(aids, -1)
        self.db.executemany(
            f"INSERT OR REPLACE INTO articles ({_COLUMNS}) VALUES ({','.join('?' * 13)})",
            [_article_row(a) for a in articles],
        )
        ids = [(a.id,) for a in articles]
        self.db.executemany("DELETE FROM mentions WHERE article_id = ?", ids)
        self.db.executemany(
            "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?)",
            [(a.id, e.kind, e.name, e.count, e.salience) for a in articles for e in a.entities],
        )
        counter.entities_of(groups, +1)
        counter.fields_of(aids, +1)
        counter.mentions_of(aids, +1)
        self.db.executemany(
            "INSERT INTO aliases VALUES (?, ?, ?, 1) "
            "ON CONFLICT(kind, name, alias) DO UPDATE SET count = count + 1",
            [(e.kind, e.name, alias) for a in articles for e in a.entities for alias in e.aliases],
        )

    def _counter(self) -> aggregates.Counter:
        """What keeps the library-wide counts in step (counting an older store first)."""
        if not aggregates.ready(self.db):
            aggregates.build(self.db)  # in the writer's transaction: rolled back with it
        return aggregates.Counter(self.db)

    # -- pages (what has been ingested, for incremental runs) -----------------------------------

    def page_hashes(self, dump: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, page_hash FROM pages WHERE dump = ?", (dump,)))

    def put_pages(self, rows: list[tuple[str, str, str, str | None, str]]) -> None:
        """Rows of (dump, key, page_hash, article_id or None, skip reason)."""
        self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", rows)

    def commit(self) -> None:
        self.db.commit()

    # -- words of the bodies (index/search/vocabulary.py) ----------------------------------------

    def put_words(self, words: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO words VALUES (?)", ((w,) for w in sorted(words)))

    def word_at_or_after(self, word: str) -> str | None:
        """The first word in code-point order that is `word` or after it (None: none)."""
        try:
            row = self.db.execute("SELECT min(word) FROM words WHERE word >= ?", (word,)).fetchone()
        except sqlite3.OperationalError:  # a store written before the table
            return None
        return row[0] if row else None

    # -- meta -----------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- aggregates -----------------------------------------------------------------------------

    def counts_by(self, column: str) -> dict[str, int]:
        """value -> articles of a column (dump, source, language), most articles first."""
        return aggregates.counts_by(self.db, column)

    def top_entities(
        self, kind: str | None = None, dump: str | None = None, prefix: str = "", limit: int = 50
    ) -> list[EntityCount]:
        """The entities named by most articles (in one dump, of one kind, containing `prefix`),
        an article and its copies counted once."""
        if not self.readonly:
            self.convert()
        return aggregates.top_entities(self.db, kind=kind, dump=dump, prefix=prefix, limit=limit)

    def articles_naming(self, kind: str, name: str) -> int:
        """The articles naming an entity, copies apiece (for its rarity)."""
        return aggregates.articles_naming(self.db, kind, name)

    def convert(self) -> None:
        """Count a store written before the library-wide counts were kept (once)."""
        if aggregates.ready(self.db):
            return
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")  # waits for an ingest writing now
            if not aggregates.ready(self.db):
                aggregates.build(self.db)
            self.db.commit()
        except sqlite3.OperationalError:  # cannot write after all: answer from the mentions
            self.db.rollback()

    def entity_card(self, name: str, kind: str, limit: int = 12) -> EntityCard | None:
        n = self.db.execute(
            "SELECT COUNT(*) FROM mentions WHERE kind = ? AND name = ?", (kind, name)
        ).fetchone()[0]
        if not n:
            return None
        dumps = dict(
            self.db.execute(
                "SELECT a.dump, COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE m.kind = ? AND m.name = ? GROUP BY a.dump ORDER BY COUNT(*) DESC",
                (kind, name),
            )
        )
        aliases = [
            r[0]
            for r in self.db.execute(
                "SELECT alias FROM aliases WHERE kind = ? AND name = ? "
                "ORDER BY count DESC LIMIT 20",
                (kind, name),
            )
        ]
        co = [
            EntityCount(other, okind, cnt)
            for other, okind, cnt in self.db.execute(
                # the co-occurring entities of the (at most) 2,000 articles most about this one
                "WITH mine AS (SELECT article_id FROM mentions WHERE kind = ? AND name = ? "
                "ORDER BY salience DESC LIMIT 2000) "
                "SELECT o.name, o.kind, COUNT(*) AS c FROM mine "
                "JOIN mentions o ON o.article_id = mine.article_id "
                "WHERE NOT (o.kind = ? AND o.name = ?) "
                "GROUP BY o.kind, o.name ORDER BY c DESC, o.name LIMIT ?",
                (kind, name, kind, name, limit),
            )
        ]
        timeline = list(
            self.db.execute(
                "SELECT substr(a.date, 1, 10) AS day, COUNT(*) FROM mentions m "
                "JOIN articles a ON a.id = m.article_id "
                "WHERE m.kind = ? AND m.name = ? AND a.date != '' GROUP BY day ORDER BY day",
                (kind, name),
            )
        )
        return EntityCard(name, kind, n, dumps, aliases, co, timeline)  # type: ignore[arg-type]

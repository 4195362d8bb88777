"""Stories as the library's SQLite store keeps them: membership, labels, lists (no index needed)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable

from index.store import ArticleStore

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    import numpy as np

    from index.records import RelatedItem, Story

# the front page's two orders, read in index order: its first rows without sorting every story
LIST_INDEXES = """
CREATE INDEX IF NOT EXISTS stories_biggest ON stories(articles DESC, last_date DESC, id);
CREATE INDEX IF NOT EXISTS stories_newest ON stories(last_date DESC, articles DESC, id);
"""
TABLES = (
    """
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    entities TEXT NOT NULL,
    articles INTEGER NOT NULL,
    dumps TEXT NOT NULL,
    sources TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    score REAL NOT NULL,
    day INTEGER  -- the article's date as a day number, NULL when undated
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
CREATE TABLE IF NOT EXISTS story_keys (  -- placed articles by their key words and entities
    key TEXT NOT NULL,  -- an analysed word, or "@kind:name" for an entity
    article_id TEXT NOT NULL,
    weight REAL NOT NULL,  -- in the article's unit vector of words (or of entities)
    top INTEGER NOT NULL,  -- 1: one of the article's few most salient entities
    story_id TEXT NOT NULL,  -- the article's story and day (as in story_members: never move)
    day INTEGER,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_keys_article ON story_keys(article_id);
"""
    + LIST_INDEXES
)
DONE_KEY = "stories"  # meta key: LAYOUT when every article has been placed, "0" while placing
ORDER = "date = '', date, copy_group != id, version_group != id, dump, id"  # originals first
ORPHANS = (  # the stories of members whose article is gone
    "SELECT DISTINCT story_id FROM story_members m WHERE NOT EXISTS "
    "(SELECT 1 FROM articles a WHERE a.id = m.article_id)"
)
LAYOUT = "6"  # grouped by an earlier layout or rule ("1" to "5"): grouped again once
_WORD = re.compile(r"[^\W\d_]{3,}")


def has_stories(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_members'").fetchone()
    return row is not None


def has_list_indexes(db: sqlite3.Connection) -> bool:
    """The indexes the front page lists stories by (a library grouped before them has not)."""
    found = db.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
        "AND name IN ('stories_biggest', 'stories_newest')"
    ).fetchone()[0]
    return found == 2


def add_list_indexes(db: sqlite3.Connection) -> None:
    """Index the stories in the front page's orders (replacing the one-column indexes)."""
    db.executescript(
        "DROP INDEX IF EXISTS stories_size; DROP INDEX IF EXISTS stories_last;" + LIST_INDEXES
    )


def is_complete(store: ArticleStore) -> bool:
    """Every article placed (libraries written before stories are not, until grouped)."""
    return has_stories(store.db) and store.get_meta(DONE_KEY) == LAYOUT


def unplaced(db: sqlite3.Connection) -> list[str]:
    """The articles in no story, in placing order (`ORDER`): found by the id index alone, then
    only their rows read (the order's columns come after each article's text: sorting the table
    by them read all of it, GBs at 100,000 articles, to place one new article)."""
    found = db.execute(
        "SELECT id FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM story_members m WHERE m.article_id = a.id)"
    )
    ids = [aid for (aid,) in found]
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        rows += db.execute(f"SELECT {ORDER} FROM articles WHERE id IN ({marks})", part)
    return [row[-1] for row in sorted(rows)]  # text compares by code point, as SQLite's BINARY


def story_of(db: sqlite3.Connection, article_id: str) -> str:
    if not has_stories(db):
        return ""
    row = db.execute(
        "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else ""


def stories_of(db: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    """article id -> story id, for those of `ids` placed in a story."""
    if not ids or not has_stories(db):
        return {}
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            db.execute(
                f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({marks})",
                chunk,
            )
        )
    return found


def other_language_members(
    db: sqlite3.Connection, article_id: str, language: str, limit: int = 20
) -> list[str]:
    """Articles of another (known) language in an article's story, placed there across
    languages (index/related/cross_language.py): words alone would not find them."""
    if not language or not has_stories(db):
        return []
    rows = db.execute(
        "SELECT m.article_id FROM story_members s JOIN story_members m ON m.story_id = s.story_id "
        "JOIN articles a ON a.id = m.article_id WHERE s.article_id = ? AND a.language NOT IN "
        "('', ?) ORDER BY m.article_id LIMIT ?",
        (article_id, language, limit),
    )
    return [aid for (aid,) in rows]


def all_stories_of(db: sqlite3.Connection) -> dict[str, str]:
    """article id -> story id for the whole library (for export)."""
    if not has_stories(db):
        return {}
    return dict(db.execute("SELECT article_id, story_id FROM story_members"))


def central_title(titles: list[tuple[str, str]]) -> str:
    """The headline sharing the most words with the others: (title, date) pairs, earliest wins."""
    words = [set(_WORD.findall(t.casefold())) for t, _ in titles]
    df = Counter(w for ws in words for w in ws)
    best: tuple[float, str, str] = (-1.0, "", "")
    for (title, date), ws in zip(titles, words, strict=True):
        score = sum(df[w] - 1 for w in ws) / (len(ws) + 2) if ws else 0.0
        if score > best[0] or (score == best[0] and (date or "~", title) < (best[1], best[2])):
            best = (score, date or "~", title)
    return best[2]


def defer_key_index(db: sqlite3.Connection) -> None:
    """Before placing into an empty story_keys: drop its index by article (placing from scratch
    reads none), built once at the end by `TABLES` (or by an interrupted run's next run)."""
    if db.execute("SELECT 1 FROM story_keys LIMIT 1").fetchone() is None:
        db.execute("DROP INDEX IF EXISTS story_keys_article")


def refresh_stories(db: sqlite3.Connection, story_ids: Iterable[str]) -> None:
    """Recompute stories' labels, key entities, counts, dumps, sources and date spans (a few
    hundred stories a query: a placing run touches thousands)."""
    ids = list(story_ids)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        members: dict[str, list[tuple[str, str, str, str]]] = {sid: [] for sid in part}
        for sid, *row in db.execute(
            "SELECT m.story_id, a.title, a.date, a.dump, a.source FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.story_id IN ({marks})",
            part,
        ):
            members[sid].append(tuple(row))
        named: dict[str, list[tuple[int, float, str]]] = {sid: [] for sid in part}
        for sid, name, n, salience in db.execute(
            "SELECT m.story_id, x.name, COUNT(*), SUM(x.salience) FROM story_members m "
            f"JOIN mentions x ON x.article_id = m.article_id WHERE m.story_id IN ({marks}) "
            "GROUP BY m.story_id, x.kind, x.name",
            part,
        ):
            named[sid].append((-n, -salience, name))  # the most mentions, then salience, name
        db.executemany(
            "DELETE FROM stories WHERE id = ?", [(sid,) for sid in part if not members[sid]]
        )
        db.executemany(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _story_row(sid, rows, [name for _, _, name in sorted(named[sid])[:3]])
                for sid, rows in members.items()
                if rows
            ],
        )


def _story_row(sid: str, rows: list[tuple[str, str, str, str]], entities: list[str]) -> tuple:
    """A `stories` row from its members' (title, date, dump, source) and its key entities."""
    dates = sorted(d[:10] for _, d, _, _ in rows if d)
    return (
        sid,
        central_title([(t, d) for t, d, _, _ in rows]),
        json.dumps(entities, ensure_ascii=False),
        len(rows),
        json.dumps(sorted({r[2] for r in rows})),
        json.dumps(sorted({r[3] for r in rows if r[3]}), ensure_ascii=False),
        dates[0] if dates else "",
        dates[-1] if dates else "",
    )


def _story(row: tuple) -> Story:
    from index.records import Story  # not made by the verbs that read no story

    sid, label, entities, n, dumps, sources, first, last = row
    return Story(sid, label, json.loads(entities), n, json.loads(dumps), json.loads(sources),
                 first, last)  # fmt: skip


def list_stories(
    db: sqlite3.Connection,
    dump: str = "",
    since: str = "",
    entity: str = "",
    newest: bool = False,
    limit: int = 50,
) -> list[Story]:
    """Stories, biggest (or newest) first, narrowed by dump, last date and a named entity."""
    if not has_stories(db):
        return []
    where, args = [], []
    if dump:
        where.append("EXISTS (SELECT 1 FROM json_each(stories.dumps) WHERE value = ?)")
        args.append(dump)
    if since:
        where.append("last_date >= ?")
        args.append(since)
    if entity:
        # the name as written, or a surname or first word of one ("Rasmussen")
        where.append(
            "id IN (SELECT story_id FROM story_members WHERE article_id IN "
            "(SELECT m.article_id FROM mentions m JOIN (SELECT DISTINCT kind, name "
            "FROM entity_totals WHERE dump = '' AND (name = ? COLLATE NOCASE "
            "OR name LIKE '% ' || ? OR name LIKE ? || ' %')) e "
            "ON m.kind = e.kind AND m.name = e.name))"
        )
        args += [entity, entity, entity]
    sql = "SELECT * FROM stories" + (" WHERE " + " AND ".join(where) if where else "")
    order = "last_date DESC, articles DESC" if newest else "articles DESC, last_date DESC"
    rows = db.execute(f"{sql} ORDER BY {order}, id LIMIT ?", (*args, max(0, limit))).fetchall()
    found = [_story(r) for r in rows]
    timelines, languages = _timelines(db, [story.id for story in found])
    for story in found:
        story.timeline = timelines.get(story.id, [])
        story.languages = languages.get(story.id, [])
    return found


def _languages(db: sqlite3.Connection, story_ids: list[str]) -> dict[str, list[str]]:
    """Each story's known languages, most articles first (then by code)."""
    counts: dict[str, list[tuple[int, str]]] = {}
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for sid, language, n in db.execute(
            "SELECT m.story_id, a.language, COUNT(*) FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.story_id IN ({marks}) "
            "AND a.language != '' GROUP BY m.story_id, a.language",
            chunk,
        ):
            counts.setdefault(sid, []).append((-n, language))
    return {sid: [lang for _, lang in sorted(found)] for sid, found in counts.items()}


def _timelines(
    db: sqlite3.Connection, story_ids: list[str]
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[str]]]:
    """Articles a day of each story (dated articles only), and its known languages (most
    articles first, then by code), in one query for the stories listed."""
    days: dict[str, dict[str, int]] = {}
    counts: dict[str, dict[str, int]] = {}
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for sid, day, language, count in db.execute(
            "SELECT m.story_id, substr(a.date, 1, 10) AS day, a.language, COUNT(*) "
            f"FROM story_members m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.story_id IN ({marks}) GROUP BY m.story_id, day, a.language",
            chunk,
        ):
            if day:
                per_day = days.setdefault(sid, {})
                per_day[day] = per_day.get(day, 0) + count
            if language:
                per_language = counts.setdefault(sid, {})
                per_language[language] = per_language.get(language, 0) + count
    timelines = {sid: sorted(per_day.items()) for sid, per_day in days.items()}
    languages = {
        sid: [lang for _, lang in sorted((-n, lang) for lang, n in found.items())]
        for sid, found in counts.items()
    }
    return timelines, languages


def get_story(db: sqlite3.Connection, story_id: str) -> Story | None:
    if not has_stories(db):
        return None
    row = db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if not row:
        return None
    story = _story(row)
    story.languages = _languages(db, [story.id]).get(story.id, [])
    return story


def story_members(db: sqlite3.Connection, story_id: str) -> list[RelatedItem]:
    """A story's articles by date (undated last), copies collapsed into their original."""
    rows = db.execute(
        "SELECT a.id, a.title, a.dump, a.date, a.source, a.copy_group, m.score, a.language "
        "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
        "ORDER BY a.date = '', a.date, a.dump, a.id",
        (story_id,),
    ).fetchall()
    from index.records import RelatedItem

    items: dict[str, RelatedItem] = {}
    for aid, title, dump, date, source, copy_group, score, language in rows:
        held = items.get(copy_group or aid)
        if held is not None:
            held.copies = sorted({*held.copies, dump})
            continue
        items[copy_group or aid] = RelatedItem(
            aid,
            title,
            dump,
            date,
            source,
            score,
            story=story_id,
            kind="same story",
            language=language,
        )
    return list(items.values())


def story_ids(db: sqlite3.Connection, story_id: str) -> list[str]:
    """The ids of one story's articles (none in a library written before stories existed)."""
    try:
        rows = db.execute(
            "SELECT article_id FROM story_members WHERE story_id = ?", (story_id.strip(),)
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [r[0] for r in rows]


def story_mask(view, ids: list[str]) -> np.ndarray:
    """A search view's mask of the documents with these article ids."""
    import numpy as np  # searching only: `show` and `stats` read stories without numpy

    mask = np.zeros(view.n, dtype=bool)
    for aid in ids:
        mask |= view.value_mask("id", aid)
    return mask

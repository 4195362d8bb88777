"""Stories: at ingest every article joins the story it continues or starts one, a batch at a time.

A story is named by the id of the article that started it. Articles are placed in a fixed order
(`ORDER`: date, originals before copies, dump, id): a copy or version joins its original's story;
any other article joins the story it matches best when that match clears `JOIN_SCORE`, else
starts a story (in doubt, a new story: a wrong grouping costs more than a missed one). A pair's
score is the cosine of title + lead words (TF-IDF, title words counted extra) plus
`ENTITY_WEIGHT` x the cosine of shared entities (weighted by rarity and salience), scaled by
closeness in time where both are dated; a neighbour sharing none of the article's entities
(when it has any not too common) counts only on a strong word score (`WORDS_ALONE`), so reports
from one template (hog prices, a city each) do not make one story. A story's match is the mean
of its best `LINK` members' scores (fewer in a smaller story; a member not among the best
neighbours counts 0), so an article must resemble the story, not one member at its edge (no
chains of drifting articles).

Placed articles keep their key words and entities in `story_keys` (an inverted index in the
store): a batch (`CHUNK`) of new articles gathers the neighbours of all its articles (each key's
rows read from the store once a run and kept current in memory, `key_rows.py`), scores them in
numpy, and places its articles in order (later ones may join earlier ones of the same batch).
An article no story of its language takes may join one of another (`cross_language.py`).
Adding a dump places only its new articles, nothing placed moves; the same articles in the same
order give the same stories, whatever the chunking.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from index.format import index_state
from index.records import Article
from index.related.cross_language import CrossJoiner, story_rows, with_cross_keys
from index.related.key_rows import KeyRows, strongest
from index.related.relatedness import Profile, TermStats, Weights, profile_of, text_and_entities
from index.related.story_profiles import Ahead, chunk_profiles
from index.related.term_counts import entity_count, save_term_counts, term_counts
from index.store import ArticleStore
from index.story_store import (
    DONE_KEY,
    LAYOUT,
    ORPHANS,
    TABLES,
    defer_key_index,
    refresh_stories,
    unplaced,
)

JOIN_SCORE = 0.4  # an article joins the story it matches best from this score (else starts one)
LINK = 3  # a story's match: the mean score of its best this many members (1 chained stories)
WINDOW_DAYS = 31  # dated neighbours further apart than this share a story only if they also
LONG_DAYS = 183  # ... share a key entity, and never when further apart than this
CANDIDATES = 10  # best neighbours (before time) checked against the time window
KEY_WORDS = 16  # words of a placed article kept in story_keys (its strongest)
KEY_ENTITIES = 4  # ... and entities
QUERY_WORDS = 30  # words of a new article that look for neighbours (its strongest)
COMMON_SHARE = 0.02  # words and entities in more articles than this share look for none (0.05
# read more rows for a lower judged B-cubed on "tune": benchmarks/stories.py)
WORDS_ALONE = 0.7  # a neighbour sharing none of an article's (not common) entities counts only
# from this word score: templates share words, not entities (precision up on every gold set)
TOP_ENTITIES = 3  # an article's most salient entities (for long-range joins)
ENTITY_WEIGHT = 0.15  # the entity cosine's share of the score
TIME_WEIGHT = 0.3  # closeness in time scales the score by 1 + TIME_WEIGHT x (closeness - 0.5)
TIME_SCALE_DAYS = 7.0
CHUNK = 500  # articles read and placed per query
SCAN_FROM = 1000  # from this many new articles, word rarities not counted yet are counted first
STORY_WEIGHTS = Weights(body_words=80, title_tf=2.0)  # title and lead decide (4: less precise)

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Placing:
    """One new article as placing sees it: its query vector and what it leaves in story_keys."""

    id: str
    day: int | None
    groups: tuple[str, ...]  # its copy group and version group
    query: dict[str, float]  # key -> weight (words, and entities scaled by ENTITY_WEIGHT)
    keys: list[tuple[str, float, int]]  # (key, weight, top) kept for later articles
    top: set[str]  # its most salient entities' keys


@dataclass(slots=True)
class Neighbours:
    """The placed articles sharing a key with a chunk: rows (key, document, weight, top) sorted
    by key, with each key's first row in `starts`; documents' stories and days."""

    key_index: dict[str, int]
    starts: np.ndarray
    keys: np.ndarray
    docs: np.ndarray
    weights: np.ndarray
    top: np.ndarray
    stories: list[str]
    days: list[int | None]
    sizes: dict[str, int]  # story -> articles placed in it so far


def entity_key(kind: str, name: str) -> str:
    return f"@{kind}:{name}"


def story_profile(article: Article, analyzer) -> Profile:
    """What placing reads of an article alone, whatever the library holds (the ingest's workers
    make it, `story_profiles.py`; placing makes it for an article that has none)."""
    return with_cross_keys(profile_of(article, analyzer, STORY_WEIGHTS), article)


def placing_of(article: Article, profile: Profile, stats: TermStats) -> Placing:
    """An article's unit vectors of words and of entities, and the keys it leaves behind."""
    text, entities = text_and_entities(profile, stats)
    words = {t: w / text.norm for t, w in text.weights.items() if w > 0}
    ents = {entity_key(*k): w / entities.norm for k, w in entities.weights.items() if w > 0}
    common = max(50, COMMON_SHARE * stats.total)
    rare = math.log((stats.total + 1) / (common + 0.5))  # the rarity of a word that common
    # its strongest words and entities ask for neighbours; the commonest ask for none
    ranked = strongest(words, max(QUERY_WORDS, KEY_WORDS))
    query = {t: w for t, w in ranked[:QUERY_WORDS] if stats.idf(t) >= rare}
    query.update(
        (entity_key(*k), ENTITY_WEIGHT * ents[entity_key(*k)])
        for k in entities.weights
        if entity_key(*k) in ents and stats.entity_articles.get(k, 0) <= common
    )
    salient = sorted(profile.entities, key=lambda k: (-profile.entities[k], k))[:TOP_ENTITIES]
    top = {entity_key(*k) for k in salient}
    best_words = ranked[:KEY_WORDS]
    best_ents = sorted(ents.items(), key=lambda kw: (-kw[1], kw[0]))[:KEY_ENTITIES]
    keys = [(k, w, 0) for k, w in best_words] + [(k, w, int(k in top)) for k, w in best_ents]
    kept = {k for k, _ in best_ents}
    keys += [(k, ents.get(k, 0.0), 1) for k in sorted(top - kept)]  # they link across months
    keys += story_rows(profile.language, profile.day, profile.cross)  # and across languages
    groups = (article.copy_group or article.id, article.version_group or article.id)
    return Placing(article.id, profile.day, groups, query, keys, top)


def closeness_factor(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return 1.0
    return 1.0 + TIME_WEIGHT * (math.exp(-abs(a - b) / TIME_SCALE_DAYS) - 0.5)


class StoryGrouper:
    """Places the articles not yet in a story, reading neighbours from story_keys."""

    def __init__(self, engine, store: ArticleStore) -> None:
        self.engine = engine
        self.store = store
        self.db = store.db
        self.sizes: dict[str, int] = {}  # story -> its articles, for the stories seen so far
        self.placed: dict[str, tuple[str, int | None]] = {}  # article -> (story, day), as seen
        self.key_rows = KeyRows(self.db)  # story_keys rows asked for in this run

    def place_new(
        self,
        progress: Progress | None = None,
        shipped: Mapping[str, bytes] | None = None,
        ahead: Ahead | None = None,
    ) -> int:
        """Place every article without a story; refresh the stories it touched. Commits.
        `shipped`: article -> its packed `story_profile` (the ingest's workers'); `ahead`: chunks'
        `Placing`s made by them too (`placing_pool.py`); a chunk not made there is made here."""
        self._prepare()
        self.sizes, self.placed = {}, {}
        self.key_rows = KeyRows(self.db)
        self.cross = CrossJoiner(self, self.store.counts_by("language"))
        touched = {sid for (sid,) in self.db.execute(ORPHANS)}  # stories of articles gone
        if touched:  # members of articles gone (each a scan of story_keys: only then)
            gone = "NOT IN (SELECT id FROM articles)"
            self.db.execute(f"DELETE FROM story_members WHERE article_id {gone}")
            self.db.execute(f"DELETE FROM story_keys WHERE article_id {gone}")
        todo = unplaced(self.db)
        defer_key_index(self.db)  # placing from scratch: built once, at the end
        if progress:
            progress(0, len(todo))
        with self.engine._lock:
            searcher = self.engine.searcher
            generation = index_state(searcher.reader())
            if len(todo) >= SCAN_FROM and term_counts(self.store, generation, []) is None:
                save_term_counts(self.store, self.engine.ix)  # an older library: once
            counts = partial(term_counts, self.store, generation)
            stats = TermStats(searcher, partial(entity_count, self.db), counts)
            analyzer = searcher.schema["body"].analyzer
            made = ahead(todo, CHUNK, stats, generation) if ahead else iter(())
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start : start + CHUNK]
                if (batch := next(made, None)) is None:  # not made ahead: here
                    profiles = chunk_profiles(
                        self.store, chunk, lambda a: story_profile(a, analyzer), shipped or {}
                    )
                    stats.prefetch(t for _, pr in profiles for t in pr.terms)  # counted at ingest
                    batch = [placing_of(a, pr, stats) for a, pr in profiles]
                placed = self._place_chunk(batch)
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?)",
                    [
                        (p.id, sid, score, p.day)
                        for p, (sid, score) in zip(batch, placed, strict=True)
                    ],
                )
                rows = sorted(  # in the table's order: fewer pages touched
                    (k, p.id, round(w, 5), top, sid, p.day)
                    for p, (sid, _) in zip(batch, placed, strict=True)
                    for k, w, top in p.keys
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_keys VALUES (?, ?, ?, ?, ?, ?)", rows
                )
                self.key_rows.add(row[:4] for row in rows)
                touched.update(sid for sid, _ in placed)
                self.placed.update(
                    (p.id, (sid, p.day)) for p, (sid, _) in zip(batch, placed, strict=True)
                )
                if progress:
                    progress(min(start + CHUNK, len(todo)), len(todo))
        refresh_stories(self.db, sorted(touched))
        self.db.executescript(TABLES)
        self.store.set_meta(DONE_KEY, LAYOUT)
        self.store.commit()
        return len(todo)

    def _prepare(self) -> None:
        """Create the tables; a library grouped by an earlier layout is grouped again."""
        members = {row[1] for row in self.db.execute("PRAGMA table_info(story_members)")}
        keys = {row[1] for row in self.db.execute("PRAGMA table_info(story_keys)")}
        grouped_by = self.store.get_meta(DONE_KEY)  # the layout (and rule) it was grouped by
        if (members and grouped_by not in (None, "0", LAYOUT)) or (
            (members and "day" not in members) or (keys and "story_id" not in keys)
        ):
            self.db.executescript(
                "DROP TABLE IF EXISTS story_members; DROP TABLE IF EXISTS stories; "
                "DROP TABLE IF EXISTS story_keys;"
            )
        self.db.executescript(TABLES)
        self.store.set_meta(DONE_KEY, "0")

    def _place_chunk(self, batch: list[Placing]) -> list[tuple[str, float]]:
        """(story id, score) of each article of `batch`, in its order."""
        if not batch:
            return []
        keys = sorted({k for p in batch for k in p.query})
        key_index = {k: i for i, k in enumerate(keys)}
        key_col, aids, weight_col, top_col = self.key_rows.neighbours(keys)
        stories: list[str] = []
        days: list[int | None] = []
        doc_col: list[int] = []
        if aids:
            doc_of = {a: n for n, a in enumerate(dict.fromkeys(aids))}  # in order of first row
            doc_col = list(map(doc_of.__getitem__, aids))
            self._load_placed(doc_of.keys() - self.placed.keys())
            seen = map(self.placed.__getitem__, doc_of)  # (story, day) of each document
            stories, days = (list(c) for c in zip(*seen, strict=True))
        placed_before = len(stories)
        for j, p in enumerate(batch):  # the batch's own articles, placed as the loop goes
            stories.append("")
            days.append(p.day)
            hits = [(key_index[k], w, top) for k, w, top in p.keys if k in key_index]
            keys_of, weights_of, tops_of = zip(*hits, strict=True) if hits else ((), (), ())
            key_col.extend(keys_of)
            doc_col += [placed_before + j] * len(hits)
            weight_col.extend(weights_of)
            top_col.extend(tops_of)
        order = np.argsort(np.frombuffer(key_col, dtype=np.int64), kind="stable")
        key_arr = np.frombuffer(key_col, dtype=np.int64)[order]
        near = Neighbours(
            key_index,
            np.searchsorted(key_arr, np.arange(len(keys) + 1)),
            key_arr,
            np.asarray(doc_col, dtype=np.int64)[order],
            np.frombuffer(weight_col, dtype=np.float64)[order],
            np.frombuffer(top_col, dtype=np.uint8)[order].astype(bool),
            stories,
            days,
            self.sizes,
        )
        group_story = self._group_stories(batch)
        self._load_sizes(set(stories[:placed_before]) | set(group_story.values()))
        out: list[tuple[str, float]] = []
        for j, p in enumerate(batch):
            sid = next((group_story[g] for g in p.groups if g in group_story), "")
            score = 1.0
            if not sid:
                sid, score = best_story(p, placed_before + j, near)
            sid, score = self.cross.place(batch, p, sid, score)  # none of its language: another?
            stories[placed_before + j] = sid
            self.sizes[sid] = self.sizes.get(sid, 0) + 1
            for g in p.groups:
                group_story.setdefault(g, sid)
            out.append((sid, score))
        return out

    def _load_placed(self, articles: set[str]) -> None:
        """Read the story and day of placed articles new to this run (membership, else keys)."""
        for table in ("story_members", "story_keys"):
            wanted = [a for a in articles if a not in self.placed]
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                for aid, sid, day in self.db.execute(
                    f"SELECT article_id, story_id, day FROM {table} WHERE article_id IN "
                    f"({','.join('?' * len(part))})",
                    part,
                ):
                    self.placed[aid] = (sid, day)

    def _load_sizes(self, stories: set[str]) -> None:
        """Read the sizes of the placed stories not seen yet in this run."""
        wanted = sorted(stories - self.sizes.keys() - {""})
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            self.sizes.update(dict.fromkeys(part, 0))
            self.sizes.update(
                self.db.execute(
                    "SELECT story_id, COUNT(*) FROM story_members WHERE story_id IN "
                    f"({','.join('?' * len(part))}) GROUP BY story_id",
                    part,
                )
            )

    def _group_stories(self, batch: list[Placing]) -> dict[str, str]:
        """copy or version group -> the story of an article of it placed before this batch."""
        groups = sorted({g for p in batch for g in p.groups})
        found: dict[str, str] = {}
        for start in range(0, len(groups), 400):
            part = groups[start : start + 400]
            marks = ",".join("?" * len(part))
            for copy, version, sid in self.db.execute(
                "SELECT a.copy_group, a.version_group, m.story_id FROM articles a "
                "JOIN story_members m ON m.article_id = a.id "
                f"WHERE a.copy_group IN ({marks}) OR a.version_group IN ({marks})",
                part + part,
            ):
                found.setdefault(copy, sid)
                found.setdefault(version, sid)
        return found


def best_story(p: Placing, limit: int, near: Neighbours) -> tuple[str, float]:
    """The story `p` matches best among its placed neighbours' (documents below `limit`), or its
    own: a story's match is the mean of its best LINK members' scores."""
    starts = near.starts
    idx = np.fromiter((near.key_index[k] for k in p.query), dtype=np.int64, count=len(p.query))
    weights = np.fromiter(p.query.values(), dtype=np.float64, count=len(p.query))
    lens = starts[idx + 1] - starts[idx]
    total = int(lens.sum())
    if not total:
        return p.id, 1.0
    rows = np.repeat(starts[idx] - np.cumsum(lens) + lens, lens) + np.arange(total)
    q = np.repeat(weights, lens)
    live = near.docs[rows] < limit
    rows, q = rows[live], q[live]
    if not len(rows):
        return p.id, 1.0
    found = near.docs[rows]
    dense = np.bincount(found, weights=q * near.weights[rows], minlength=limit)
    ent_mask = np.fromiter((k[0] == "@" for k in p.query), dtype=bool, count=len(p.query))
    sharing: set[int] | None = None
    if WORDS_ALONE and ent_mask.any():  # the neighbours sharing one of its entities
        sharing = set(found[np.repeat(ent_mask, lens)[live]].tolist())
    docs = np.flatnonzero(dense != 0)  # the neighbours, in document order (no sort: a dense
    # sum; nonzero of a boolean array is several times faster than of a float one)
    scores = dense[docs]
    linked: set[int] | None = None  # the neighbours sharing a salient entity (when asked)
    best_few = (
        np.argpartition(-scores, CANDIDATES)[:CANDIDATES] if len(scores) > CANDIDATES else None
    )
    matched: dict[str, list[float]] = {}
    for n in range(len(scores)) if best_few is None else best_few.tolist():
        doc = int(docs[n])
        other = near.days[doc]
        gap = abs(p.day - other) if p.day is not None and other is not None else 0
        if gap > LONG_DAYS:
            continue
        if gap > WINDOW_DAYS:
            if linked is None:
                linked = _linked(p, near, rows, found)
            if doc not in linked:
                continue
        if sharing is not None and doc not in sharing and scores[n] < WORDS_ALONE:
            continue
        score = float(scores[n]) * closeness_factor(p.day, other)
        matched.setdefault(near.stories[doc], []).append(score)
    best: tuple[float, str] = (0.0, "")
    for sid, found in matched.items():
        link = max(1, min(LINK, near.sizes.get(sid, 1)))
        best = max(best, (sum(sorted(found, reverse=True)[:link]) / link, sid))
    if best[0] >= JOIN_SCORE:
        return best[1], round(best[0], 4)
    return p.id, 1.0


def _linked(p: Placing, near: Neighbours, rows: np.ndarray, found: np.ndarray) -> set[int]:
    """The documents among `found` (at `rows`) sharing a salient entity of `p` as one of theirs."""
    mine = np.zeros(len(near.key_index), dtype=bool)
    mine[[near.key_index[k] for k in p.top if k in near.key_index]] = True
    return set(found[near.top[rows] & mine[near.keys[rows]]].tolist())

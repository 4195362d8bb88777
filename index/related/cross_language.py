"""Stories across languages: an article no story of its own language takes may join one in another.

Words cannot match across languages (other vocabularies, other stems), so a pair of articles in
two languages is scored on what languages share, from each article's title and lead
(`cross_keys`, made beside its story profile in the ingest's workers): its people and
organisations (entity ids are the same in every language; not places: a shared country or city
says little), its figures ("3.5", "1,200" and "1.200" alike; years and small numbers aside) and
its proper-name words in the same script (capitalised, no stopword of any language, no common
English word, not part of one of its own entities: "Lufthansa", "GDL").
A pair joins only when both are dated at most `DAYS` apart, its evidence reaches `JOIN`, at
least `NAMED` of it is people, organisations or names, and some is names or figures (unless
three people or organisations are shared): a person alone, a country and a figure, or a
company's chief on another subject the same day, is not a story. Evidence shared by more than
`COMMON` placed articles of one language counts for nothing. In doubt, no join: precision first.

Placed articles keep these keys in `story_keys` as `~LANG|key` (so an article asks only for
the other languages' rows), read through the run's `KeyRows`; an article of the current chunk
placed before it is held in memory until its chunk is written. The order of placing decides, as
for words: the same articles in the same order give the same stories, whatever the chunking.
Articles of one language never ask for these keys: a single-language library places as before.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Protocol

from index.records import Article

if TYPE_CHECKING:
    from index.related.key_rows import KeyRows
    from index.related.relatedness import Profile


class Placing(Protocol):
    """What joining reads of an article being placed (`stories.Placing`)."""

    id: str
    day: int | None
    keys: list[tuple[str, float, int]]  # story_keys rows: (key, weight, top)


class StoryGrouper(Protocol):
    """What joining reads of the placing run (`stories.StoryGrouper`)."""

    db: sqlite3.Connection
    key_rows: KeyRows
    placed: dict[str, tuple[str, int | None]]  # article -> (story, day), as seen this run

    def _load_placed(self, articles: set[str]) -> None: ...


DAYS = 3  # both dated at most this many days apart
JOIN = 2.0  # the evidence a pair needs
NAMED = 1.0  # ... of it from people, organisations and proper names
ENTITIES_ALONE = 3.0  # ... and some from names or figures, unless this much from entities
COMMON = 50  # a key more placed articles of one language hold counts for nothing
LEAD_WORDS = 60  # words of the body read besides the title
MAX_KEYS = 4  # keys kept an article (people and organisations, figures, names: rows cost)
WEIGHTS = {"person": 1.0, "org": 1.0, "name": 0.6, "figure": 0.6}
_KIND = {"@person:": 1, "@org:": 1, "^": 2, "#": 3}  # a key's column in `CrossJoiner.join`
_PUNCTUATION = "\"'“”„‘’«»‹›()[]{}.,;:!?…/-–—*"
# a figure: digits with thousands or decimal separators (1,200  1.200  1 200  3.5  3,5) or
# without (`_figure` sets years and small integers aside)
_SEPARATORS = str.maketrans("", "", ".,\u00a0\u202f ")
_FIGURE = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+| \d{3}(?!\d))*")


@cache
def _stopwords() -> frozenset[str]:
    """Every language's stopwords and the common English words: none of them is a name."""
    from index.cleaning import stopwords
    from index.entities import common_words

    return frozenset().union(*stopwords().values(), common_words())


def _figure(text: str) -> str:
    """A figure as its digits ("1,200", "1.200" and "1 200" alike); "" for a year or a small
    integer (dates, days and counts everywhere)."""
    if text.isdigit() and (len(text) < 3 or 1800 <= int(text) <= 2100):
        return ""
    return text.translate(_SEPARATORS).lstrip("0")


def cross_keys(article: Article, entities: Mapping[tuple[str, str], float]) -> list:
    """What an article can share with one in another language: (key, weight), strongest first.
    `entities`: (kind, casefolded name) -> salience (people and organisations first, the most
    salient first; places are left out, but their words are no names)."""
    if not article.language or not article.date:
        return []
    body = article.body.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS]
    text = f"{article.title}\n{' '.join(body)}"
    keys: dict[str, float] = {}
    own_words: set[str] = set()
    for kind, name in sorted(entities, key=lambda k: (-entities[k], k)):
        if kind in WEIGHTS:
            keys[f"@{kind}:{name}"] = WEIGHTS[kind]
        own_words.update(name.replace("-", " ").split())
    for found in _FIGURE.findall(text):
        figure = _figure(found)
        if len(figure) >= 2:
            keys.setdefault(f"#{figure}", WEIGHTS["figure"])
    stop = _stopwords()
    names: dict[str, list[int]] = {}  # name -> [not an acronym, -count, first place]
    for token in text.split():
        if not token[0].isupper() and token[0] not in _PUNCTUATION:
            continue
        word = token.strip(_PUNCTUATION).split("'")[0].split("’")[0]  # Lufthansa's: Lufthansa
        folded = word.casefold()
        if len(word) < 3 or not word[0].isupper() or not word.replace("-", "").isalpha():
            continue
        if folded in stop:
            continue
        if folded not in own_words:
            found = names.setdefault(f"^{folded}", [not word.isupper(), 0, len(names)])
            found[1] -= 1
    # acronyms, then the names repeated most: German capitalises every noun
    keys.update((name, WEIGHTS["name"]) for name in sorted(names, key=names.__getitem__))
    ranked = sorted(keys.items(), key=lambda kv: -kv[1])  # stable: entities, figures, names
    return ranked[:MAX_KEYS]


def with_cross_keys(profile: Profile, article: Article) -> Profile:
    """A story profile with its cross-language keys (`cross_keys`)."""
    profile.cross = cross_keys(article, profile.entities)
    return profile


def story_rows(language: str, day: int | None, keys: Iterable[tuple[str, float]]) -> list:
    """The rows a placed article leaves in story_keys for other languages: (key, weight, 0);
    none for an undated article or one of no known language (it never joins across)."""
    if not language or day is None:
        return []
    return [(f"~{language}|{key}", weight, 0) for key, weight in keys]


def _cross_rows(keys: list[tuple[str, float, int]]) -> list[tuple[str, float, int]]:
    """An article's cross-language rows: the last of its story_keys rows (`story_rows`)."""
    n = len(keys)
    while n and keys[n - 1][0][0] == "~":
        n -= 1
    return keys[n:]


def _parts(key: str) -> tuple[str, str]:
    language, _, rest = key[1:].partition("|")
    return language, rest


def _joins(total: float, entities: float, names: float, figures: float) -> bool:
    """Enough evidence, enough of it named, and not entities alone (a company's chief on
    another subject the same day) unless there are `ENTITIES_ALONE` of them."""
    named = entities + names >= NAMED
    return total >= JOIN and named and (names + figures > 0 or entities >= ENTITIES_ALONE)


class CrossJoiner:
    """Joins an article to a story of another language, for one placing run."""

    def __init__(self, grouper: StoryGrouper, languages: Iterable[str]) -> None:
        self.grouper = grouper
        self.languages = {lang for lang in languages if lang}
        self.pending: dict[str, list[tuple[str, float, str, int | None]]] = {}
        self.batch: list[Placing] | None = None
        self.days: dict[str, set[int]] = {}  # language -> days of its placed articles, as read
        self.run_days: dict[str, set[int]] = {}  # ... and of those placed in this run

    def _asks(self, p: Placing, mine: list[tuple[str, float, int]]) -> list[str]:
        """The keys of other languages' articles `p` asks for (`mine`: its cross-language rows):
        those of the languages with an article placed within DAYS of it (no other can join)."""
        if not mine or p.day is None:
            return []
        own = _parts(mine[0][0])[0]
        languages = self.languages.union(self.run_days) - {own}
        others = [lang for lang in sorted(languages) if self._near(lang, p.day)]
        return [f"~{lang}|{_parts(k)[1]}" for lang in others for k, _, _ in mine]

    def _near(self, language: str, day: int) -> bool:
        days = self.days.get(language)
        if days is None:  # read once a run, from the rows it keeps (with their days)
            rows = self.grouper.db.execute(
                "SELECT DISTINCT day FROM story_keys WHERE key > ? AND key < ? AND day IS NOT NULL",
                (f"~{language}|", f"~{language}}}"),
            )
            days = self.days[language] = {d for (d,) in rows}
        run = self.run_days.get(language, ())
        return any(d in days or d in run for d in range(day - DAYS, day + DAYS + 1))

    def place(
        self, batch: list[Placing], p: Placing, story: str, score: float
    ) -> tuple[str, float]:
        """`p`'s story and score (an article of `batch`, placed in order), given those of its
        own language (its own story when none): another language's story when it joins one.
        Later articles may join it."""
        if batch is not self.batch:  # the last chunk's articles are written: forget them
            self.batch = batch
            self.pending.clear()
        mine = _cross_rows(p.keys)
        if story == p.id and mine:
            story, score = self.join(p, mine) or (story, score)
        for key, weight, _ in mine:
            self.pending.setdefault(key, []).append((p.id, weight, story, p.day))
        if mine and p.day is not None:
            self.run_days.setdefault(_parts(mine[0][0])[0], set()).add(p.day)
        return story, score

    def join(self, p: Placing, mine: list[tuple[str, float, int]]) -> tuple[str, float] | None:
        """The story of another language `p` joins, with its score, or None."""
        asks = self._asks(p, mine)
        if not asks:
            return None
        self.grouper.key_rows.read(asks)  # each key read once a run
        rows = self.grouper.key_rows.rows
        evidence: dict[str, list[float]] = {}  # article -> all, entities, names, figures
        where: dict[str, tuple[str, int | None]] = {}
        for key in asks:
            held = rows.get(key)
            found = list(zip(held.articles, held.weights, strict=True)) if held else []
            current = self.pending.get(key, [])
            if (not found and not current) or len(found) + len(current) > COMMON:
                continue
            rest = _parts(key)[1]
            kind = _KIND.get(rest[: rest.find(":") + 1] or rest[0], 0)  # 0: total alone
            for aid, weight, story, day in current:
                where[aid] = (story, day)
                found.append((aid, weight))
            for aid, weight in found:
                got = evidence.setdefault(aid, [0.0, 0.0, 0.0, 0.0])
                got[0] += weight
                if kind:
                    got[kind] += weight
        strong = [a for a, found in evidence.items() if _joins(*found[:4])]
        if not strong:
            return None
        placed = self.grouper.placed
        self.grouper._load_placed({a for a in strong if a not in where} - placed.keys())
        best: tuple[float, str] = (0.0, "")
        for aid in strong:
            story, day = where.get(aid) or placed.get(aid, ("", None))
            if story and day is not None and abs(day - p.day) <= DAYS:  # type: ignore[operator]
                best = max(best, (evidence[aid][0], story))
        if not best[1]:
            return None
        return best[1], round(min(1.0, best[0] / (2 * JOIN)), 4)

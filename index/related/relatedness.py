"""How related two articles are: key words, shared rare entities and closeness in time."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from index.records import Article


@dataclass(frozen=True, slots=True)
class Weights:
    """The blend of signals, tuned on Reuters-1987 by a person's judgments of 60 picked articles,
    full and headline-only (benchmarks/related_judge.py; results in the issue 6 note)."""

    text: float = 1.0  # TF-IDF cosine of title + body (title words count extra, see title_tf)
    title: float = 0.0  # TF-IDF cosine of the titles alone: no gain on Reuters' formulaic titles
    entities: float = 0.15  # cosine of shared entities, weighted by rarity and salience
    time: float = 0.3  # how much being close in time can add (0 = dates ignored)
    time_scale_days: float = 7.0  # closeness halves about every 5 days
    title_tf: float = 4.0  # a title word counts as this many extra body occurrences (2 until
    # December 2026: 4 placed 2 more judged same-story articles in the tuning part's top 5s)
    key_terms: int = 12  # words of the open article that find the candidates
    key_entities: int = 6  # entities of the open article that find candidates
    body_words: int = 400  # words of a body read for its profile (the lead matters most)
    lead_words: int = 60  # words of a body that make its lead (with the title)
    learned: bool = True  # use the blend learned on judged pairs (blend.json) where shipped


BLEND_PATH = Path(__file__).with_name("blend.json")  # benchmarks/related_learn.py writes it
# ... and the blend for an open article that is a headline alone (no body): there the text, title
# and lead cosines are one signal, and what a title shares counts for more
HEADLINE_BLEND_PATH = Path(__file__).with_name("blend_headlines.json")
FEATURES = (
    "text", "title", "lead", "entities", "closeness", "rare", "far", "story", "places", "cover",
    "lone", "rare_place",
)  # fmt: skip


def load_blend(path: Path | None = None) -> dict[str, float] | None:
    """The learned weights of FEATURES (0 for one it lacks) in `path` (default BLEND_PATH), None
    when missing or unreadable (the hand blend then)."""
    try:
        found = json.loads((path or BLEND_PATH).read_text(encoding="utf-8"))
        return {name: float(found.get(name, 0.0)) for name in FEATURES}
    except (OSError, ValueError, KeyError, TypeError):
        return None


BLEND = load_blend()
HEADLINE_BLEND = load_blend(HEADLINE_BLEND_PATH) or BLEND


@dataclass(slots=True)
class Profile:
    """What ranking needs of one article: header, term counts, entities, day."""

    id: str
    title: str
    dump: str
    date: str
    source: str
    copy_group: str
    version_group: str
    terms: dict[str, float]  # term -> body count + title_tf * title count
    title_terms: dict[str, int]
    lead_terms: dict[str, float]  # term -> count in the title and the first lead_words words
    entities: dict[tuple[str, str], float]  # (kind, name) -> salience
    entity_names: dict[tuple[str, str], str] = field(default_factory=dict)
    day: int | None = None  # date as a day number, None when undated
    story: str = ""  # the stored story it was placed in, "" when none (set by the finder)
    headline: bool = False  # a title alone: no body
    language: str = ""  # the article's language, "" when not known
    cross: list[tuple[str, float]] = field(default_factory=list)  # for stories across languages


def day_number(date: str) -> int | None:
    try:
        return Date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def terms_of(analyzer) -> Callable[[str], list[str]]:
    """A text's terms as `analyzer` makes them: by the library's analyzer's list (no Token
    objects, a quarter of the cost), or by the tokens of an older library's."""
    from index.format import LanguageAnalyzer

    if isinstance(analyzer, LanguageAnalyzer):
        return analyzer.terms
    return lambda text: [token.text for token in analyzer(text)]


def profile_of(article: Article, analyzer, weights: Weights) -> Profile:
    """Analyse an article's title and body with the index's own analyzer."""
    analysed = terms_of(analyzer)
    title_terms = dict(Counter(analysed(article.title)))
    words = article.body.split(maxsplit=weights.body_words)[: weights.body_words]
    counts = Counter(analysed(" ".join(words[: weights.lead_words])))
    lead: dict[str, float] = dict(counts)
    for term, n in title_terms.items():
        lead[term] = lead.get(term, 0) + n
    counts.update(analysed(" ".join(words[weights.lead_words :])))
    terms: dict[str, float] = dict(counts)
    for term, n in title_terms.items():
        terms[term] = terms.get(term, 0.0) + weights.title_tf * n
    entities: dict[tuple[str, str], float] = {}
    names: dict[tuple[str, str], str] = {}
    for e in article.entities:
        key = (e.kind, e.name.casefold())
        entities[key] = max(entities.get(key, 0.0), e.salience)
        names.setdefault(key, e.name)
    return Profile(
        id=article.id,
        title=article.title,
        dump=article.dump,
        date=article.date,
        source=article.source,
        copy_group=article.copy_group or article.id,
        version_group=article.version_group or article.copy_group or article.id,
        terms=terms,
        title_terms=title_terms,
        lead_terms=lead,
        entities=entities,
        entity_names=names,
        day=day_number(article.date),
        headline=not words,
        language=article.language,
    )


class TermStats:
    """Word and entity rarity in one generation of the library, cached until it changes."""

    def __init__(
        self,
        searcher,
        entity_df: Callable[[str, str], int],
        term_df: Callable[[list[str]], dict[str, int] | None] | None = None,
    ) -> None:
        self.searcher = searcher
        self.total = max(1, searcher.doc_count())
        self._entity_df = entity_df  # (kind, name) -> articles naming it
        self._term_df = term_df  # words -> their counts kept at ingest (None: not current)
        self._idf: dict[str, float] = {}
        self._tf: dict[float, float] = {}  # count -> 1 + log(count)
        self._df: dict[str, int] | None = None  # word -> articles, when loaded at once
        self._entity_idf: dict[tuple[str, str], float] = {}
        self.entity_articles: dict[tuple[str, str], int] = {}

    def prefetch(self, terms: Iterable[str]) -> None:
        """The rarity of many words at once, from the counts kept at ingest when they are current
        (else `idf` asks Whoosh a word at a time)."""
        missing = [t for t in dict.fromkeys(terms) if t not in self._idf]
        found = self._term_df(missing) if self._term_df and missing else None
        if found is not None:
            for term in missing:
                self._idf[term] = self._weigh(term, found.get(term, 0))

    def idf(self, term: str) -> float:
        found = self._idf.get(term)
        if found is None:
            df = max(
                self.searcher.doc_frequency("body", term),
                self.searcher.doc_frequency("title", term),
            )
            self._idf[term] = found = self._weigh(term, df)
        return found

    def weights(self, counts: dict[str, float]) -> dict[str, float]:
        """(1 + log count) x idf of each term of `counts` (term -> count), from the caches."""
        idf, tf = self._idf, self._tf
        for term in [t for t in counts if t not in idf]:
            self.idf(term)
        for n in [n for n in counts.values() if n not in tf]:
            tf[n] = 1.0 + math.log(n)
        return {t: tf[n] * idf[t] for t, n in counts.items()}

    def _weigh(self, term: str, df: int) -> float:
        found = math.log((self.total + 1) / (df + 0.5))
        if term.replace(".", "").isdigit():
            found *= 0.3  # numbers: quantities and dates rather than topics
        return max(found, 0.0)

    def adopt_entities(self, counts: dict[tuple[str, str], int]) -> bool:
        """Take the entity counts (key -> articles) a worker found making a chunk alone; False,
        taking none, when one differs from this run's (counted under the spelling this run met
        first: the worker met another first, so its weights are not the ones made here)."""
        if any(self.entity_articles.get(key, n) != n for key, n in counts.items()):
            return False
        for key, df in counts.items():
            if key not in self._entity_idf:
                self.entity_articles[key] = df
                self._entity_idf[key] = max(0.0, math.log((self.total + 1) / (df + 0.5)))
        return True

    def entity_idf(self, key: tuple[str, str], name: str) -> float:
        """Rarity of an entity: `key` is (kind, casefolded name), `name` as the store spells it."""
        found = self._entity_idf.get(key)
        if found is None:
            df = self._entity_df(key[0], name)
            self.entity_articles[key] = df
            found = max(0.0, math.log((self.total + 1) / (df + 0.5)))
            self._entity_idf[key] = found
        return found


@dataclass(slots=True)
class Vector:
    """A weighted term (or entity) vector with its length."""

    weights: dict
    norm: float


def _vector(weights: dict) -> Vector:
    return Vector(weights, math.sqrt(sum(w * w for w in weights.values())) or 1.0)


def _cosine(a: Vector, b: Vector) -> float:
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    dot = sum(w * large.weights.get(k, 0.0) for k, w in small.weights.items())
    return dot / (a.norm * b.norm)


@dataclass(slots=True)
class Vectors:
    """The three vectors compared for one article."""

    text: Vector
    title: Vector
    entities: Vector
    lead: Vector


def text_and_entities(p: Profile, stats: TermStats) -> tuple[Vector, Vector]:
    """The vectors of title + body words and of entities (all that stories compare)."""
    text = stats.weights(p.terms)
    top = max(p.entities.values(), default=1.0) or 1.0
    ents = {
        k: stats.entity_idf(k, p.entity_names.get(k, k[1])) * math.sqrt(s / top)
        for k, s in p.entities.items()
    }
    return _vector(text), _vector(ents)


def vectors_of(p: Profile, stats: TermStats) -> Vectors:
    text, ents = text_and_entities(p, stats)
    title = {t: (1.0 + math.log(n)) * stats.idf(t) for t, n in p.title_terms.items()}
    lead = {t: (1.0 + math.log(n)) * stats.idf(t) for t, n in p.lead_terms.items()}
    return Vectors(text, _vector(title), ents, _vector(lead))


def key_terms(vectors: Vectors, weights: Weights, n: int | None = -1) -> list[tuple[str, float]]:
    """The open article's `n` most telling words (default: weights.key_terms; None: all)."""
    ranked = sorted(vectors.text.weights.items(), key=lambda kv: -kv[1])
    n = weights.key_terms if n == -1 else n
    return [(t, w) for t, w in ranked[:n] if w > 0]


def key_entities(
    vectors: Vectors, weights: Weights, n: int | None = -1
) -> list[tuple[tuple[str, str], float]]:
    """The open article's `n` most telling entities (default: weights.key_entities; None: all)."""
    ranked = sorted(vectors.entities.weights.items(), key=lambda kv: -kv[1])
    n = weights.key_entities if n == -1 else n
    return [(k, w) for k, w in ranked[:n] if w > 0]


@dataclass(slots=True)
class Scored:
    """A candidate profile with its relatedness score and the entities it shares."""

    profile: Profile
    score: float
    shared: list[str]  # names of the shared entities, most telling first


def features(q: Profile, qv: Vectors, d: Profile, dv: Vectors, weights: Weights) -> list[float]:
    """The signals of FEATURES for one pair. closeness, far (log of the days apart, 1 at a year
    or more; both 0 unless both are dated) and story (both placed in the same stored story) are
    scaled by the text cosine: they weigh articles that share words, never lift unrelated ones.
    places is the part of the entity cosine that shared places make (a shared country alone says
    little); rare is the rarity x salience of the most telling person or organisation both name
    (a place, however rare, is not: a shared country says little of the story; rare_place is
    the same for the places, so that a shared "U.S." and a shared "Malaysia" differ where the
    cosines, over a headline's one or two entities, make both 1). cover is how
    much of both leads' weight their shared words make, lone the lead cosine when they share
    one word alone (a headline matched on one word, often a common one)."""
    qw, dw = qv.entities.weights, dv.entities.weights
    named = places = rare = rare_place = 0.0
    for k, w in qw.items():
        other = dw.get(k)
        if other is not None:
            if k[0] == "place":
                places += w * other
                rare_place = max(rare_place, min(w, other))
            else:
                named += w * other
                rare = max(rare, min(w, other))
    norms = qv.entities.norm * dv.entities.norm
    closeness = far = 0.0
    if q.day is not None and d.day is not None:
        gap = abs(q.day - d.day)
        closeness = math.exp(-gap / weights.time_scale_days)
        far = min(1.0, math.log1p(gap) / math.log(366.0))
    text = _cosine(qv.text, dv.text)
    lead = _cosine(qv.lead, dv.lead)
    cover, shared = _cover(qv.lead.weights, dv.lead.weights)
    return [
        text,
        _cosine(qv.title, dv.title),
        lead,
        (named + places) / norms,
        text * closeness,
        rare,
        text * far,
        text if q.story and q.story == d.story else 0.0,
        places / norms,
        cover,
        lead if shared <= 1 else 0.0,
        rare_place,
    ]


def _cover(q: dict[str, float], d: dict[str, float]) -> tuple[float, int]:
    """How much of both leads' weight the words they share make (the geometric mean of the two
    shares: a match on most of one headline's rare words, not one common word), and how many
    words they share."""
    small, large = (q, d) if len(q) <= len(d) else (d, q)
    shared = [t for t in small if t in large]
    if not shared:
        return 0.0, 0
    q_share = sum(q[t] for t in shared) / (sum(q.values()) or 1.0)
    d_share = sum(d[t] for t in shared) / (sum(d.values()) or 1.0)
    return math.sqrt(q_share * d_share), len(shared)


def score_pair(q: Profile, qv: Vectors, d: Profile, dv: Vectors, weights: Weights) -> Scored:
    """How related `d` is to the open article `q`: the learned blend of `features` (the headline
    blend when `q` is a title alone; the hand blend, scaled by closeness in time, without
    blend.json or with weights.learned off)."""
    signals = features(q, qv, d, dv, weights)
    text, title, _, ents = signals[:4]
    blend = HEADLINE_BLEND if q.headline else BLEND
    if weights.learned and blend is not None:
        score = sum(blend[name] * x for name, x in zip(FEATURES, signals, strict=True))
    else:
        score = weights.text * text + weights.title * title + weights.entities * ents
        if weights.time and q.day is not None and d.day is not None:
            closeness = math.exp(-abs(q.day - d.day) / weights.time_scale_days)
            score *= 1.0 + weights.time * (closeness - 0.5)
    shared_keys = [k for k in qv.entities.weights if k in dv.entities.weights]
    shared_keys.sort(key=lambda k: -qv.entities.weights[k] * dv.entities.weights[k])
    shared = [q.entity_names.get(k) or d.entity_names.get(k) or k[1] for k in shared_keys]
    return Scored(d, score, shared)

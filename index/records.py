"""The records that travel between the corpus modules, the CLI and the TUI (plain dataclasses)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

EntityKind = Literal["person", "org", "place"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "org", "place")


@lru_cache(maxsize=1)
def _two_letter_names() -> dict[str, str]:
    return json.loads(Path(__file__).with_name("language_names.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _own_names() -> dict[str, list[str]]:
    path = Path(__file__).with_name("language_endonyms.json")
    return json.loads(path.read_text(encoding="utf-8"))


def language_own_names(code: str) -> list[str]:
    """A language's names in itself ("Deutsch" for "de", "русский" for "ru"), if known."""
    return _own_names().get(code.lower(), []) if isinstance(code, str) else []


@lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """The English name of a language for people ("Russian" for "ru"); the code when unknown."""
    if not code or not isinstance(code, str):
        return ""
    if len(code) == 2 and (known := _two_letter_names().get(code.lower())):
        return known  # without loading pycountry's whole table (scripts/language_names.py)
    try:
        import pycountry

        key = "alpha_2" if len(code) == 2 else "alpha_3"
        found = pycountry.languages.get(**{key: code.lower()})
    except (ImportError, LookupError, KeyError, ValueError):
        found = None
    if found is None:
        return code
    return found.name.split(" (")[0].removeprefix("Modern ")  # "Modern Greek (1453-)" -> Greek


@dataclass(slots=True)
class Page:
    """One raw page read from a dump, before cleaning.

    `key` identifies the page inside its dump (relative path, JSON id, URL or WARC record id) and
    with `dump` makes the article id stable across re-indexing.
    """

    dump: str
    origin: str  # where it came from, for people: "reuters-1987-03.jsonl:42", "seeds/000_x.txt"
    key: str
    text: str
    url: str = ""
    date: str = ""  # publish date given by the source (ISO 8601), "" when unknown
    crawl_date: str = ""  # when the crawler fetched it (ISO 8601), "" when unknown
    title: str = ""  # title given by the source (JSON Lines), "" for whole-page text
    source: str = ""  # source given by the dump (JSON `source`), "" when unknown
    is_html: bool = False  # text is HTML: use the HTML extractor, not the text cleaner
    extra: dict = field(default_factory=dict)  # unknown fields kept out of the way


@dataclass(slots=True)
class Skipped:
    """A page or record that could not be read or had no article, and why."""

    origin: str
    reason: str  # short kind of skip, e.g. "binary file", "malformed JSON", "no article"
    detail: str = ""


@dataclass(slots=True)
class Entity:
    """A named entity found in one text: canonical name, kind and every mention's span."""

    name: str
    kind: EntityKind
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleEntity:
    """An entity of an article with its salience, as stored and shown in the sidebar."""

    name: str
    kind: EntityKind
    count: int
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # into Article.body
    in_title: bool = False
    in_lead: bool = False

    @property
    def salience(self) -> float:
        return self.count + (3.0 if self.in_title else 0.0) + (1.5 if self.in_lead else 0.0)


@dataclass(slots=True)
class Article:
    """A cleaned article: the page furniture gone, nothing of the article lost."""

    id: str
    dump: str
    origin: str
    title: str
    paragraphs: list[str]
    caption: str = ""
    captions: list[str] = field(default_factory=list)
    byline: str = ""
    credits: list[str] = field(default_factory=list)
    source: str = ""
    url: str = ""
    date: str = ""  # publish date, ISO 8601 (YYYY-MM-DD or with time), "" when unknown
    crawl_date: str = ""
    language: str = ""
    entities: list[ArticleEntity] = field(default_factory=list)
    content_hash: str = ""  # hash of the cleaned text: equal hashes are copies
    copy_group: str = ""  # id of the first article with the same content hash
    version_group: str = ""  # id of the first article this one is a near-copy of
    story: str = ""  # id of the story it belongs to ("" until stories are grouped)

    @property
    def body(self) -> str:
        """The body text that entity spans and snippets point into."""
        return "\n\n".join(self.paragraphs)

    def to_json(self) -> dict:
        """The `show --json` / `export --jsonl` shape."""
        return {
            "id": self.id,
            "dump": self.dump,
            "origin": self.origin,
            "url": self.url,
            "date": self.date,
            "crawl_date": self.crawl_date,
            "source": self.source,
            "language": self.language,
            "title": self.title,
            "caption": self.caption,
            "captions": self.captions,
            "byline": self.byline,
            "paragraphs": self.paragraphs,
            "credits": self.credits,
            "entities": [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "count": e.count,
                    "aliases": e.aliases,
                    "spans": [list(s) for s in e.spans],
                    "in_title": e.in_title,
                    "in_lead": e.in_lead,
                }
                for e in self.entities
            ],
            "copy_group": self.copy_group,
            "version_group": self.version_group,
            "story": self.story,
        }


@dataclass(slots=True)
class Hit:
    """One search result (copies of one article already collapsed into it)."""

    id: str
    title: str
    dump: str
    date: str
    source: str
    url: str
    score: float
    snippet: str = ""  # plain text of the best passage
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans into snippet
    also_in: list[str] = field(default_factory=list)  # other dumps holding a copy
    read: bool = False  # the reader opened it (or it was marked read)
    tags: list[str] = field(default_factory=list)  # the user's tags ("starred" among them)

    def to_json(self) -> dict:
        d = asdict(self)
        d["highlights"] = [list(s) for s in self.highlights]
        return d


@dataclass(slots=True)
class SearchResult:
    """The answer to one query: a page of hits, the total, facets and how the query was read."""

    query: str
    total: int
    hits: list[Hit]
    interpreted: str = ""  # how the query was read (after fallback), for the status line
    correction: str = ""  # "did you mean" suggestion, "" when none
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> count
    seconds: float = 0.0
    unread: int = 0  # of the `total` hits, how many the reader has not read
    terms: list[str] = field(default_factory=list)  # words to highlight in the article view

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "unread": self.unread,
            "interpreted": self.interpreted,
            "correction": self.correction,
            "facets": self.facets,
            "seconds": round(self.seconds, 4),
            "hits": [h.to_json() for h in self.hits],
        }


@dataclass(slots=True)
class RelatedItem:
    """One related article, with what it shares with the open one."""

    id: str
    title: str
    dump: str
    date: str
    source: str
    score: float
    shared_entities: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # other dumps holding the same article
    story: str = ""  # the story it belongs to
    kind: str = ""  # "same story", "follow-up" (later) or "background" (earlier or undated)
    language: str = ""  # its language ("" when not known or not read)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Related:
    """The related coverage of one article: its own copies and versions, then other articles."""

    id: str
    copies: list[RelatedItem] = field(default_factory=list)  # same article in other dumps
    versions: list[RelatedItem] = field(default_factory=list)  # near-copies (updated article)
    related: list[RelatedItem] = field(default_factory=list)
    story: str = ""  # the open article's story

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "story": self.story,
            "copies": [c.to_json() for c in self.copies],
            "versions": [v.to_json() for v in self.versions],
            "related": [r.to_json() for r in self.related],
        }


@dataclass(slots=True)
class Story:
    """A story: an event and its follow-ups, the articles that cover it across dumps."""

    id: str
    label: str  # its most central headline
    entities: list[str]  # its key entities
    articles: int
    dumps: list[str]
    sources: list[str]
    first_date: str  # "" when no member is dated
    last_date: str
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (YYYY-MM-DD, articles)
    languages: list[str] = field(default_factory=list)  # its members' languages, most first

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class EntityCount:
    """An entity of the library with the number of articles that name it."""

    name: str
    kind: EntityKind
    articles: int


@dataclass(slots=True)
class EntityCard:
    """Everything the library knows about one entity."""

    name: str
    kind: EntityKind
    articles: int
    dumps: dict[str, int] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    co_occurring: list[EntityCount] = field(default_factory=list)
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (YYYY-MM-DD, articles)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class IngestReport:
    """What one `index` run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    versions: int = 0
    repeated: int = 0  # pages another file of the same run gave first (not counted as pages)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> pages
    skip_examples: dict[str, list[str]] = field(default_factory=dict)  # reason -> origins
    seconds: float = 0.0
    interrupted: bool = False

    def skip(self, item: Skipped) -> None:
        self.skipped[item.reason] = self.skipped.get(item.reason, 0) + 1
        examples = self.skip_examples.setdefault(item.reason, [])
        if len(examples) < 5:
            examples.append(f"{item.origin}: {item.detail}" if item.detail else item.origin)


@dataclass(slots=True)
class Stats:
    """How much the library holds."""

    articles: int
    dumps: dict[str, int]
    sources: dict[str, int]
    languages: dict[str, int]
    path: str = ""

    def to_json(self) -> dict:
        return asdict(self)

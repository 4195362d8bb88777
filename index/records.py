"""The records that travel between the corpus modules, the CLI and the TUI (plain dataclasses).

Creating a dataclass costs about 0.5 ms (its methods are compiled from source), and a verb uses
a few of them: the records of the ingest (`records_ingest.py`), of a search (`records_search.py`)
and of related coverage and stories (`records_related.py`) live in modules of their own, imported
when one of their names is first asked of this module (`from index.records import Hit`).
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

TYPE_CHECKING = False  # typing's constant: importing typing costs every verb 3 ms
if TYPE_CHECKING:
    from typing import Literal

    EntityKind = Literal["person", "org", "place"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "org", "place")

# Each record kept in a module of its own, and that module
_HOMES = {
    **dict.fromkeys(("Page", "Skipped", "Entity", "IngestReport"), "index.records_ingest"),
    **dict.fromkeys(("Hit", "SearchResult"), "index.records_search"),
    **dict.fromkeys(("RelatedItem", "Related", "Story"), "index.records_related"),
}


def __getattr__(name: str) -> object:
    """A record of another module (`_HOMES`), imported the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(home), name)
    return value


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
class Stats:
    """How much the library holds."""

    articles: int
    dumps: dict[str, int]
    sources: dict[str, int]
    languages: dict[str, int]
    path: str = ""

    def to_json(self) -> dict:
        return asdict(self)

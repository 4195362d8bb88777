"""Related coverage's and stories' records (`index.records` gives them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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

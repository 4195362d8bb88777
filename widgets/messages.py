"""Messages the widgets and panes post about what happened; the screens decide what comes next."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from index.records import Article, SearchResult


@dataclass
class HitHighlighted(Message):
    """The cursor of the results list moved onto a hit (the article view follows)."""

    article_id: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, HitHighlighted)


@dataclass
class HitChosen(Message):
    """`enter` on a hit: open it and move into the article."""

    article_id: str


@dataclass
class MoreHitsWanted(Message):
    """The results list scrolled near its end: fetch the hits from `offset` on."""

    offset: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MoreHitsWanted)


@dataclass
class QuerySubmitted(Message):
    """`enter` in the search box."""

    query: str


@dataclass
class EntityChosen(Message):
    """`enter` on an entity of the sidebar: search the library for it."""

    name: str
    kind: str


@dataclass
class EntityCardWanted(Message):
    """The key that shows an entity's card."""

    name: str
    kind: str


@dataclass
class RelatedChosen(Message):
    """`enter` on an entry of the related panel: open that article."""

    article_id: str


@dataclass
class DiffWanted(Message):
    """Show what changed between two versions of one article."""

    old_id: str
    new_id: str


@dataclass
class FindChanged(Message):
    """The text of the find-in-article box changed."""

    text: str


@dataclass
class FindClosed(Message):
    """The find-in-article box was left (`enter` keeps the matches, `escape` too)."""

    text: str


@dataclass
class FacetChosen(Message):
    """A facet of the status line was clicked: turn it into a filter (or drop that filter)."""

    facet: str
    value: str


@dataclass
class HitRested(Message):
    """The results cursor rested on a hit (or the first hit of new results): preview it."""

    article_id: str


@dataclass
class SearchStarted(Message):
    """A search went out; its answer (or failure) follows."""


@dataclass
class SearchFailed(Message):
    """The search could not be answered (a damaged index): `error` says why."""

    error: str


@dataclass
class ResultsShown(Message):
    """The results list now shows the answer to `result.query`."""

    result: SearchResult


@dataclass
class ArticleShown(Message):
    """The article view now shows `article`, opened `via` a way, with `terms` highlighted."""

    article: Article
    via: str
    terms: list[str] = field(default_factory=list)

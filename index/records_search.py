"""A search's records (`index.records` gives them): its hits and the answer to one query."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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

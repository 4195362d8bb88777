"""Back and forward through the articles opened, like a browser's history."""

from __future__ import annotations

from dataclasses import dataclass, field

FOLLOW = "results"  # articles shown because the results cursor moved onto them


@dataclass(slots=True)
class Visit:
    """One article opened, and how."""

    article_id: str
    via: str  # how it was opened: "results", "related", "entity", "story", "screen"
    terms: list[str] = field(default_factory=list)  # words highlighted in it


class ArticleHistory:
    """The articles opened, with a cursor; moving through the results list replaces, not adds."""

    def __init__(self, limit: int = 500) -> None:
        self.visits: list[Visit] = []
        self.position = -1
        self.limit = limit

    @property
    def current(self) -> Visit | None:
        return self.visits[self.position] if self.position >= 0 else None

    def visit(self, visit: Visit) -> None:
        """Record an article opened; drops the forward history as a browser does."""
        current = self.current
        if current is not None and current.article_id == visit.article_id:
            via = current.via if visit.via == FOLLOW else visit.via  # `enter` pins a followed one
            self.visits[self.position] = Visit(visit.article_id, via, visit.terms)
            return
        del self.visits[self.position + 1 :]
        if current is not None and current.via == FOLLOW and visit.via == FOLLOW:
            self.visits[self.position] = visit
            return
        self.visits.append(visit)
        if len(self.visits) > self.limit:
            del self.visits[: len(self.visits) - self.limit]
        self.position = len(self.visits) - 1

    def back(self) -> Visit | None:
        if self.position <= 0:
            return None
        self.position -= 1
        return self.visits[self.position]

    def forward(self) -> Visit | None:
        if self.position >= len(self.visits) - 1:
            return None
        self.position += 1
        return self.visits[self.position]


def story_neighbour(items: list, article_id: str, date: str, step: int) -> str | None:
    """The id of the article after (`step` 1) or before (-1) the open one in story order.

    `items` are the story's articles (objects with `id` and `date`); the open article is found
    in them by id, else placed by its date. Undated articles come last.
    """
    ordered = sorted(items, key=lambda i: (not i.date, i.date or ""))
    ids = [i.id for i in ordered]
    if article_id in ids:
        j = ids.index(article_id) + step
        return ids[j] if 0 <= j < len(ids) else None
    others = [i for i in ordered if i.id != article_id]
    if not others:
        return None
    if not date:
        return others[0].id if step > 0 else others[-1].id
    if step > 0:
        later = [i for i in others if i.date and i.date > date]
        return later[0].id if later else None
    earlier = [i for i in others if i.date and i.date < date]
    return earlier[-1].id if earlier else None

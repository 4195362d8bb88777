"""The ingest's records (`index.records` gives them): raw pages, skips, entities, a run's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.records import EntityKind


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

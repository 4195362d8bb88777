"""Score the text path, the HTML path and trafilatura alone on the pages corpus (HTML vs text).

Body: bag-of-words token F1 per page (lower-cased `\\w+` tokens), averaged over pages, with its
precision and recall. Title: exact match after whitespace normalisation, over pages with a gold
title. Speed: pages per CPU second of one process (meaningful only on an idle machine).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.reading.decoding import decode_text, html_declared_charset
from index.records import Article, Page

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "pages"
_WORD = re.compile(r"\w+")

Extractor = Callable[[Page], tuple[str, str]]  # page -> (title, body)


@dataclass(slots=True)
class Score:
    """Sums over the pages of one group."""

    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    titled: int = 0
    titles_right: int = 0
    seconds: float = 0.0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # id, got, gold

    def line(self) -> str:
        n = max(1, self.pages)
        titles = self.titles_right / max(1, self.titled)
        return (
            f"body F1 {self.f1 / n:.3f} (P {self.precision / n:.3f} R {self.recall / n:.3f}); "
            f"titles {self.titles_right}/{self.titled} = {titles:.3f}"
            f"; {self.pages / max(1e-9, self.seconds):,.0f} pages/s"
        )


def load(split: str) -> list[dict]:
    """The manifest rows of one split ("train", "dev" or "all")."""
    rows = [json.loads(line) for line in (PAGES / "manifest.jsonl").open(encoding="utf-8")]
    return [row for row in rows if split == "all" or row["split"] == split]


def html_page(row: dict) -> Page:
    data = gzip.decompress((PAGES / "html" / f"{row['id']}.html.gz").read_bytes())
    text = decode_text(data, html_declared_charset(data))
    return Page("pages", row["id"], row["id"], text, url=row["url"] or "", is_html=True)


def text_page(row: dict) -> Page:
    text = (PAGES / "dumps" / "resiliparse" / f"{row['id']}.txt").read_text("utf-8")
    return Page("pages", row["id"], row["id"], text, url=row["url"] or "")


def tokens(text: str) -> Counter:
    return Counter(_WORD.findall(text.lower()))


def prf(got: str, gold: str) -> tuple[float, float, float]:
    a, b = tokens(got), tokens(gold)
    common = sum((a & b).values())
    if not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return p, r, 2 * p * r / (p + r)


def norm_title(title: str | None) -> str:
    return " ".join((title or "").split())


def score(rows: list[dict], pages: list[Page], extract: Extractor) -> dict[str, Score]:
    """Scores by group: "all", "l3s-gn1", "readability"."""
    scores = {name: Score() for name in ("all", "l3s-gn1", "readability")}
    for row, page in zip(rows, pages, strict=True):
        started = time.process_time()
        try:
            title, body = extract(page)
        except Exception:
            title, body = "", ""
        spent = time.process_time() - started
        p, r, f = prf(body, row["body"])
        right = row["title"] is not None and norm_title(title) == norm_title(row["title"])
        for group in (scores["all"], scores[row["source"]]):
            group.pages += 1
            group.precision += p
            group.recall += r
            group.f1 += f
            group.seconds += spent
            if row["title"] is not None:
                group.titled += 1
                group.titles_right += right
                if not right:
                    group.misses.append((row["id"], norm_title(title), norm_title(row["title"])))
    return scores


def article_text(result: Article | object) -> tuple[str, str]:
    if isinstance(result, Article):
        return result.title, result.body
    return "", ""


def trafilatura_alone(page: Page) -> tuple[str, str]:
    import trafilatura

    document = trafilatura.bare_extraction(page.text, url=page.url or None, with_metadata=True)
    if document is None:
        return "", ""
    return document.title or "", document.text or ""


def html_path(page: Page) -> tuple[str, str]:
    from index.reading import article_from_html

    found = article_from_html(page)
    if found is None:
        return "", ""
    return found["title"], "\n\n".join(found["paragraphs"])


def text_path(page: Page) -> tuple[str, str]:
    from index.cleaning import clean_page

    return article_text(clean_page(page))

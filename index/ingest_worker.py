"""An ingest worker's task: clean pages, and make what the indexer needs of each article."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from index.cleaning import FurnitureModel, clean_any_page
from index.entities import entities_for_language
from index.format import build_schema, prepare
from index.records import Article, Page, Skipped
from index.related import pack, story_profile
from index.versions import fingerprints

CLEANING_FAILED = "cleaning failed"  # the skip reason of a page the cleaner raised on
ENTITY_TEXT_CHARS = 1_000_000  # entities are looked for in this much of a body (huge pages)


def article_id(dump: str, key: str) -> str:
    """Stable id of a page's article: the same dump and key give the same id."""
    return hashlib.sha1(f"{dump}\x00{key}".encode()).hexdigest()[:16]


def _head_paragraphs(paragraphs: list[str], limit: int) -> list[str]:
    """The first `limit` characters of a body, as paragraphs (a prefix of `Article.body`)."""
    head: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if size + len(paragraph) > limit:
            head.append(paragraph[: max(0, limit - size)])
            break
        head.append(paragraph)
        size += len(paragraph) + 2
    return head


@lru_cache(maxsize=1)
def _story_analyzer():
    return build_schema()["body"].analyzer


def _story_profile(article: Article) -> bytes | None:
    """The article's packed story profile, None when it fails (placing then makes it)."""
    try:
        return pack(story_profile(article, _story_analyzer()))
    except Exception:
        return None


def process_pages(
    pages: list[Page],
    furniture: FurnitureModel | None,
    prepare_docs: bool = False,
    keep_all: bool = False,
    profile_stories: bool = False,
) -> list[Article | Skipped]:
    """Clean pages and find their entities (runs in a worker process).

    Each article is followed by its MinHash, the MinHash's band keys, with `prepare_docs` its
    analysed Whoosh document and with `profile_stories` its packed story profile (else None).
    """
    out: list[Article | Skipped] = []
    for page in pages:
        try:
            result = clean_any_page(page, furniture, keep_all=keep_all)
            if isinstance(result, Article):
                result.id = article_id(page.dump, page.key)
                head = _head_paragraphs(result.paragraphs, ENTITY_TEXT_CHARS)
                result.entities = entities_for_language(
                    result.title, head, result.caption, result.language
                )
                result.content_hash, minhash, bands = fingerprints(result)
                prepared = None
                if prepare_docs:
                    try:
                        prepared = prepare(result)
                    except Exception:  # the indexer analyses it then: never a reason to skip
                        prepared = None
                profile = _story_profile(result) if profile_stories else None
                out.extend((result, minhash, bands, prepared, profile))  # type: ignore[arg-type]
            else:
                out.append(result)
        except Exception as exc:  # one broken page never stops an ingest
            out.append(Skipped(page.origin, CLEANING_FAILED, f"{type(exc).__name__}: {exc}"))
    return out

"""What an HTML page says about itself: title candidates, publish date, captions and byline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from index.reading.decoding import iso_date

_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:»·•~/]|::|\\\\|>>)\s+")
_BYLINE_CLASS = re.compile(r"\b(?:byline|author|writer|dateline-author|credit)", re.I)
_HEADLINE_CLASS = re.compile(r"(?:headline|title|heading)", re.I)
_NOT_HEADLINE_CLASS = re.compile(r"site|logo|brand|widget|sidebar|nav|menu|footer|related", re.I)
_BY = re.compile(r"^\s*(?:by|par|von|por|di)\s+", re.I)
MAX_TITLE_CHARS = 300
BLOCK_TEXT_BUDGET = 20_000_000  # characters of element text read while looking for headlines


@dataclass(slots=True)
class Signals:
    """The page's own metadata, each empty when the page does not give it."""

    og_title: str = ""
    ld_headline: str = ""
    itemprop_headline: str = ""
    document_title: str = ""  # <title> as written
    article_h1: list[str] = field(default_factory=list)  # <h1> inside <article>/<main>
    h1: list[str] = field(default_factory=list)  # every <h1>
    headings: list[str] = field(default_factory=list)  # h2/h3 and headline-classed blocks
    blocks: list[str] = field(default_factory=list)  # visible texts (first 300 chars), in order
    date: str = ""
    byline: str = ""
    captions: list[str] = field(default_factory=list)
    site_name: str = ""


def text_of(element) -> str:
    """An element's visible text with whitespace collapsed."""
    try:
        text = element.text_content()
    except (ValueError, AttributeError):
        return ""
    return _SPACE.sub(" ", text).strip()


def _meta(tree, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            for element in tree.xpath(f'//meta[@{attribute}="{name}"]'):
                value = _SPACE.sub(" ", element.get("content") or "").strip()
                if value:
                    return value
    return ""


def _json_ld(tree) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD scripts (nested @graph and lists walked)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _ld_fields(tree) -> tuple[str, str, str]:
    """JSON-LD headline, datePublished and author name of the first article-like object."""
    headline = published = author = ""
    for item in _json_ld(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or "Posting" in k) for k in kinds):
            continue
        if not headline and isinstance(item.get("headline"), str):
            headline = _SPACE.sub(" ", item["headline"]).strip()
        if not published and isinstance(item.get("datePublished"), str):
            published = item["datePublished"]
        who = item.get("author")
        who = who[0] if isinstance(who, list) and who else who
        if not author and isinstance(who, dict) and isinstance(who.get("name"), str):
            author = who["name"].strip()
        elif not author and isinstance(who, str):
            author = who.strip()
    return headline, published, author


def _date(tree, ld_published: str) -> str:
    """The publish day (YYYY-MM-DD) the page's metadata gives, "" when none."""
    return _date_time(tree, ld_published)[:10]


def _date_time(tree, ld_published: str) -> str:
    for value in (
        ld_published,
        _meta(tree, "article:published_time", "datePublished", "pubdate", "publishdate"),
        _meta(tree, "date", "dc.date", "DC.date.issued", "sailthru.date", "parsely-pub-date"),
    ):
        found = iso_date(value) or iso_date(value[:10])
        if found:
            return found
    for element in tree.xpath("//time[@datetime] | //*[@itemprop='datePublished']"):
        value = element.get("datetime") or element.get("content") or text_of(element)
        found = iso_date(value) or iso_date(value[:10])
        if found:
            return found
    return ""


def _byline(tree, ld_author: str) -> str:
    if ld_author and len(ld_author) < 80:
        return ld_author
    paths = (
        "//*[@rel='author']",
        "//*[@itemprop='author']//*[@itemprop='name']",
        "//*[@itemprop='author']",
    )
    for path in paths:
        for element in tree.xpath(path):
            name = element.get("content") or text_of(element)
            if 2 < len(name) < 80:
                return _BY.sub("", name)
    for element in tree.xpath("//*[@class]"):
        if _BYLINE_CLASS.search(element.get("class") or ""):
            name = text_of(element)
            if 2 < len(name) < 80:
                return _BY.sub("", name)
    return ""


_BLOCK_TAGS_TEXT = "h1 h2 h3 h4 h5 h6 p div td span b strong font a li em i center big header"
_BLOCK_TAGS = tuple(_BLOCK_TAGS_TEXT.split())
_SKIP_TAGS_TEXT = "script style noscript template title head select textarea option"
_SKIP_TAGS = frozenset(_SKIP_TAGS_TEXT.split())


def _short_blocks(tree) -> list[str]:
    """The texts of elements (cut at 300 characters, so longer ones are marked by their length),
    in page order."""
    body = tree.find("body")
    found: dict[str, None] = {}
    budget = BLOCK_TEXT_BUDGET  # nested containers repeat their text: bound the work on huge pages
    for element in (body if body is not None else tree).iter(*_BLOCK_TAGS):
        if any(parent.tag in _SKIP_TAGS for parent in element.iterancestors()):
            continue
        text = text_of(element)
        budget -= len(text)
        if budget < 0:
            break
        if len(text) >= 3:
            found.setdefault(text[: MAX_TITLE_CHARS + 1])
            if len(found) >= 3000:
                break
    return list(found)


def _clean_title(text: str) -> str:
    return text if len(text) <= MAX_TITLE_CHARS else ""


def signals_of(tree) -> Signals:
    """Read the signals from a parsed page (lxml.html tree) before anything prunes it."""
    ld_headline, ld_published, ld_author = _ld_fields(tree)
    titles = tree.xpath("//title")
    in_article = tree.xpath("//article//h1 | //main//h1 | //*[@role='main']//h1")
    headings = [
        text_of(element)
        for element in tree.xpath("//h2 | //h3 | //*[@class][not(self::body)][not(self::html)]")
        if element.tag in ("h2", "h3")
        or (
            _HEADLINE_CLASS.search(element.get("class") or "")
            and not _NOT_HEADLINE_CLASS.search(element.get("class") or "")
        )
    ]
    itemprop = tree.xpath("//*[@itemprop='headline']")
    return Signals(
        og_title=_clean_title(_meta(tree, "og:title", "twitter:title")),
        ld_headline=_clean_title(ld_headline),
        itemprop_headline=_clean_title(
            (itemprop[0].get("content") or text_of(itemprop[0])) if itemprop else ""
        ),
        document_title=_clean_title(text_of(titles[0])) if titles else "",
        article_h1=[t for t in map(text_of, in_article) if t and len(t) <= MAX_TITLE_CHARS],
        h1=[t for t in map(text_of, tree.xpath("//h1")) if t and len(t) <= MAX_TITLE_CHARS],
        headings=[t for t in headings if t and len(t) <= MAX_TITLE_CHARS][:200],
        blocks=_short_blocks(tree),
        date=_date(tree, ld_published),
        byline=_byline(tree, ld_author),
        captions=[t for t in map(text_of, tree.xpath("//figcaption")) if t][:20],
        site_name=_meta(tree, "og:site_name", "application-name"),
    )


def title_parts(document_title: str) -> list[str]:
    """A <title> cut at its separators: "Storm hits coast | Daily Planet" -> both halves."""
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(document_title) if part.strip()]
    return parts or ([document_title] if document_title else [])

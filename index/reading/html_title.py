"""The headline of an HTML page, chosen by agreement between its visible text and its metadata."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from index.reading.html_signals import MAX_TITLE_CHARS, Signals, title_parts

_NOT_KEY = re.compile(r"[\W_]+")


def key(text: str) -> str:
    """What two titles must share to agree: lower-case letters and digits only."""
    return _NOT_KEY.sub("", text.casefold())


def _agrees(candidate: str, claim: str) -> bool:
    a, b = key(candidate), key(claim)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return len(shorter) >= 12 and longer.startswith(shorter) and len(shorter) > 0.6 * len(longer)


def _site_words(signals: Signals, url: str) -> set[str]:
    host = urlsplit(url).hostname or "" if url else ""
    names = {key(signals.site_name)} if signals.site_name else set()
    for label in host.split("."):
        if len(label) > 3 and label not in {"www", "com", "org", "net", "news"}:
            names.add(key(label))
    return {name for name in names if name}


def strip_site(title: str, signals: Signals, url: str) -> str:
    """A title without the site's name: the part that is not the site, else the longest part."""
    parts = title_parts(title)
    if len(parts) < 2:
        return title
    site = _site_words(signals, url)
    rest = [part for part in parts if not any(name and name in key(part) for name in site)]
    if len(rest) == 1:
        return rest[0]
    if rest and len(rest) < len(parts):
        return max(rest, key=len)
    return max(parts, key=len)


def _contained(candidate: str, claim_keys: list[str], least: int) -> bool:
    k = key(candidate)
    return len(k) >= max(8, least) and any(k in claim for claim in claim_keys)


_SECTION_WORDS_TEXT = (
    "news latest home top stories story article feed sport sports business world opinion "
    "entertainment lifestyle arts and the soccer football update service wire local national "
    "international politics technology science health digital section front breaking"
)
_SECTION_WORDS = frozenset(_SECTION_WORDS_TEXT.split())


def _site_like(candidate: str, site: set[str]) -> bool:
    """A site's name or a section's ("SUMMIT DAILY", "Latest News"): never the headline."""
    k = key(candidate)
    if any(k == name or (name in k and len(k) <= len(name) + 8) or k in name for name in site):
        return True
    words = [w for w in re.findall(r"\w+", candidate.casefold())]
    return bool(words) and all(w in _SECTION_WORDS for w in words)


_NOT_HEADLINE = re.compile(
    r"^(?:by|posted|published|updated|filed|first published)\b|\b(?:click|print|e-?mail|share|"
    r"advertis|subscribe|welcome|feeds?|comments?|write to)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)|\b(?:19|20)\d\d\b|©|\d{1,2}:\d\d|[<{=]",
    re.I,
)


def heading_before_body(
    blocks: list[str], headings: set[str], first_paragraph: str, site: set[str]
) -> str:
    """The heading just above the article's first paragraph, "" when none looks a headline."""
    start = key(first_paragraph)[:40]
    if len(start) < 20:
        return ""
    at = next((i for i, block in enumerate(blocks) if key(block).startswith(start)), -1)
    near = []
    for block in reversed(blocks[max(0, at - 15) : max(0, at)]):
        words = len(block.split())
        if start in key(block) or len(block) > MAX_TITLE_CHARS or not 3 <= words <= 30:
            continue
        if _site_like(block, site) or block.endswith((":", "?")) or _NOT_HEADLINE.search(block):
            continue
        near.append(block)
    marked = [block for block in near if block in headings]
    return (marked or near or [""])[0]


def choose_title(signals: Signals, url: str, extracted: str = "", first_paragraph: str = "") -> str:
    """The page's headline: a visible heading the metadata agrees with, else the visible text the
    <title> or og:title holds (the title without the site's name and section), else the metadata's
    own title."""
    core = strip_site(signals.document_title, signals, url)
    og_core = strip_site(signals.og_title, signals, url)
    claims = [
        signals.og_title,
        signals.ld_headline,
        signals.itemprop_headline,
        signals.document_title,
        core,
        og_core,
    ]
    claims = [claim for claim in claims if claim]
    least = len(key(og_core or core)) // 2  # a section name is not the headline
    site = _site_words(signals, url)
    visible = [*signals.article_h1, *signals.h1, *signals.headings]
    best, best_support = "", 0
    for candidate in dict.fromkeys(visible):
        if len(key(candidate)) < least or _site_like(candidate, site):
            continue
        support = sum(_agrees(candidate, claim) for claim in claims)
        if support > best_support:
            best, best_support = candidate, support
    if best:
        return best
    claim_keys = [key(claim) for claim in claims]
    inside = [
        block
        for block in signals.blocks
        if len(block) <= MAX_TITLE_CHARS
        and _contained(block, claim_keys, least)
        and not _site_like(block, site)
    ]
    if inside:
        return max(inside, key=lambda block: len(key(block)))
    headings = {*signals.h1, *signals.headings}
    if found := heading_before_body(signals.blocks, headings, first_paragraph, site):
        return found
    metadata = [signals.ld_headline, signals.itemprop_headline, signals.og_title]
    for claim in metadata:
        if claim and any(_agrees(claim, other) for other in claims if other is not claim):
            return strip_site(claim, signals, url)
    for claim in (*metadata, signals.document_title):
        if claim:
            return strip_site(claim, signals, url)
    if signals.article_h1 or signals.h1:
        return (signals.article_h1 or signals.h1)[0]
    return extracted

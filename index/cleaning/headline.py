"""The headline of a whole page: from its document title, or the title-like line above the body."""

from __future__ import annotations

import re

from index.cleaning.furniture import site_of_url
from index.cleaning.lines import BAD, STOP, PageLines, ends_sentence
from index.cleaning.parts import brand_of_site_title, slug_tokens, split_site_title, word_tokens

PRE_BODY_TITLE_WINDOW = 40  # lines before the body searched for the headline
_FIRST_SENTENCE = re.compile(r"^(.{20,}?[.!?])(?:\s|$)")


def document_title(pl: PageLines, url: str) -> tuple[str, str]:
    """("headline", "brand") when the first line is a document title ("Headline - Site")."""
    if not pl.lines or pl.role[0]:
        return "", ""
    headline, site = split_site_title(pl.lines[0])
    if not site:
        return "", ""
    brand = brand_of_site_title(site)
    folded = headline.casefold()
    if " " not in headline:  # a one-word headline: only when a line of the page repeats it
        repeated = any(
            pl.lines[i].casefold() == folded and pl.kind[i] != BAD and not pl.role[i]
            for i in range(1, min(200, len(pl.lines)))
        )
        return (headline, brand) if repeated else ("", "")
    brand_words = set(word_tokens(brand))
    host_words = set(word_tokens(site_of_url(url)))
    confirmed = bool(brand_words & host_words)
    if not confirmed:  # (casefold never shortens a line)
        size = len(folded)
        confirmed = any(len(line) <= size and line.casefold() == folded for line in pl.lines[1:200])
    if not confirmed:
        folded_brand = brand.casefold()
        confirmed = any(
            folded_brand in line.casefold() for line in pl.lines[-60:] if line != pl.lines[0]
        )
    return (headline, brand) if confirmed else ("", "")


def _title_from_document_title(pl: PageLines, document_title: str) -> tuple[int, str]:
    """The page's own line for the headline its document title names, else the title itself."""
    folded = document_title.casefold()
    size = len(folded)  # casefold never shortens a line: a longer one neither equals nor is in it
    best, best_length = -1, 0
    for i in range(1, len(pl.lines)):
        if pl.role[i] or pl.words[i] < 3 or len(pl.lines[i]) > size:
            continue
        line = pl.lines[i].casefold()
        if line == folded:
            return i, pl.lines[i]
        if len(line) > best_length and line in folded and len(line) >= 0.6 * len(folded):
            best, best_length = i, len(line)
    if best >= 0:
        return best, pl.lines[best]
    return -1, document_title


def choose_title(pl: PageLines, start: int, url: str, in_menu: list[bool]) -> tuple[int, str]:
    """The headline's line (or -1) and text."""
    lines, words, kind, role = pl.lines, pl.words, pl.kind, pl.role
    headline, _ = document_title(pl, url)
    if headline:
        return _title_from_document_title(pl, headline)
    slug = slug_tokens(url)
    first_line = lines[0].casefold() if lines else ""
    best, best_score = -1, 0.0
    distance = 0
    window_start = max(0, start - PRE_BODY_TITLE_WINDOW)
    byline_at = max((j for j in range(window_start, start) if role[j] == "byline"), default=-1)
    # the body's first line too, in case a long headline was taken for prose
    for i in range(start, max(-1, start - 1 - PRE_BODY_TITLE_WINDOW), -1):
        if role[i] or kind[i] in (BAD, STOP):
            continue
        w = words[i]
        line = lines[i]
        if i == start:
            if w > 25 or ends_sentence(line) or start + 1 >= len(lines):
                continue
            score = 2.0
        else:
            distance += 1
            if w > 30:
                continue
            score = 3.0 / (1 + distance)
        if 4 <= w <= 20:
            score += 1.0
        elif w <= 2:
            score -= 1.0
        elif w > 20:
            score -= 1.5
        if line.endswith(".") and not line.endswith("..."):
            score -= 2.0
        if in_menu[i]:
            score -= 1.5
        if 0 <= byline_at < i < start and w <= 4:
            score -= 1.5  # "BBC News, Rome" under the byline: its desk, not the headline
        if i > 0 and w >= 3 and line.casefold() == first_line:
            score += 3.0  # the page's first line (its document title) repeats the headline
        elif i > 0 and w >= 2 and first_line.startswith(line.casefold()):
            score += 3.0  # the headline, which the document title goes on from
        elif i == 0 and w >= 3:
            score += 1.0  # a page's first line is its document title, or its headline
        if len(slug) >= 2:
            tokens = word_tokens(line)
            matches = sum(t in slug for t in tokens)
            if matches >= 2:  # the URL's slug repeats the headline's words
                score += 4.0 * matches / len(tokens)
        if score > best_score:
            best, best_score = i, score
    if best >= 0:
        return best, lines[best]
    return -1, ""


def fallback_title(paragraphs: list[str]) -> str:
    first = paragraphs[0] if paragraphs else ""
    match = _FIRST_SENTENCE.match(first)
    sentence = match.group(1) if match else first
    words = sentence.split()
    return " ".join(words[:15]) + ("…" if len(words) > 15 else "")

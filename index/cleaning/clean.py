"""Cleaning: one page of whole-page text in, an Article (title, captions, body) or a Skipped out."""

from __future__ import annotations

import re

from index.cleaning.dates import date_from_url, normalise_date
from index.cleaning.furniture import FurnitureModel, is_hard_stop, site_of_url
from index.cleaning.headline import choose_title, document_title, fallback_title
from index.cleaning.language import detect_language
from index.cleaning.lines import (
    BAD,
    GOOD,
    SHORT,
    STOP,
    PageLines,
    classify,
    ends_sentence,
    menu_lines,
)
from index.cleaning.parts import (
    brand_of_copyright,
    brand_of_lines,
    byline_of,
    credits_of,
)
from index.records import Article, Page, Skipped
from index.text import sanitize, sanitize_line

__all__ = ["FurnitureModel", "clean_page", "explain_page"]

DATE_WINDOW = 24  # date lines this far above the body (a third of it below) are the article's
MENU, SOFT_STOP, HARD_STOP = 0, 1, 2  # strengths of the boundary between two blocks of text
MERGE_MIN_CHARS = 200  # a block beyond a menu joins the article only with this much prose
HARD_STOP_WEIGHT = 0.25  # what a block's prose counts for after a hard end marker
CAPTION_WINDOW = 12  # captions above the body, when no headline line precedes them, are this close
SHORT_LINE_CHARS = 30  # prose lines count for the text they hold beyond this many characters
_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|in|and|de|van|von|da|&))+$")
_BY_NAME = re.compile(r"\b[Bb]y\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")
_NOT_NAME_WORDS_TEXT = (
    "view public profile video photo photos read more share news home digest watch listen live "
    "latest top new world local sport sports business opinion politics follow subscribe"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())


def _body_span(pl: PageLines, in_menu: list[bool]) -> tuple[int, int] | None:
    """First and last line of the article body: the block of prose with the most text.

    Blocks are separated by menus (weak), end markers such as "Related" (stronger) and hard end
    markers (comments, credits, legal lines); neighbouring blocks of dense prose join the best one.
    """
    kind, lines = pl.kind, pl.lines
    segments: list[list[int]] = []  # [start, end, good chars, all chars, boundary before]
    start, good, total, boundary_before = -1, 0, 0, MENU
    for i in range(len(lines) + 1):
        at_end = i == len(lines)
        if at_end or kind[i] == STOP or in_menu[i]:
            if start >= 0:
                segments.append([start, i - 1, good, total, boundary_before])
                start, good, total, boundary_before = -1, 0, 0, MENU
            if not at_end and kind[i] == STOP:
                strength = HARD_STOP if pl.role[i] == "credits" else SOFT_STOP
                if strength == SOFT_STOP and is_hard_stop(lines[i]):
                    strength = HARD_STOP
                boundary_before = max(boundary_before, strength)
            continue
        if start < 0:
            start = i
        total += len(lines[i])
        if kind[i] == GOOD:
            good += max(0, len(lines[i]) - SHORT_LINE_CHARS)
    if not segments:
        return None
    # After a hard end marker ("2 Responses to ...", "Next article") a block is the article only
    # when nothing of substance came before it: it is comments or the next story's teaser.
    weights: list[float] = []
    prose_before = hard_before = False
    for segment in segments:
        hard_before = hard_before or segment[4] == HARD_STOP
        weights.append(segment[2] * (HARD_STOP_WEIGHT if hard_before and prose_before else 1.0))
        prose_before = prose_before or segment[2] >= MERGE_MIN_CHARS // 2
    best = max(range(len(segments)), key=lambda k: weights[k])
    best_good = segments[best][2]
    if best_good == 0:
        return None
    first = last = best
    while first > 0 and _joins(segments[first - 1], segments[first][4], best_good, True):
        first -= 1
    while last + 1 < len(segments) and _joins(
        segments[last + 1], segments[last + 1][4], best_good, False
    ):
        last += 1
    goods = [i for i in range(segments[first][0], segments[last][1] + 1) if kind[i] == GOOD]
    return goods[0], goods[-1]


def _joins(segment: list[int], boundary: int, best_good: int, before: bool) -> bool:
    """Whether a block next to the article, across a boundary of this strength, is article too.

    Blocks after an end marker ("Related") join only when they hold much prose; blocks before
    one join more easily, since a share bar or a promo often sits after the lead paragraph.
    """
    good, total = segment[2], segment[3]
    if boundary == MENU or (boundary == SOFT_STOP and before):
        return good >= MERGE_MIN_CHARS and good >= (0.6 if boundary else 0.5) * total
    if boundary == SOFT_STOP:
        return good >= max(2 * MERGE_MIN_CHARS, 0.5 * best_good) and good >= 0.7 * total
    return False


def _with_standfirst(pl: PageLines, title_index: int, first: int, in_menu: list[bool]) -> int:
    """Start the body at the standfirst when one sits between the headline and the body."""
    if title_index < 0:
        return first
    skipped: list[int] = []  # short lines between them: the author's name, a place
    for j in range(first - 1, title_index, -1):
        if pl.role[j] or pl.kind[j] == BAD:
            continue
        if pl.kind[j] == SHORT and pl.words[j] >= 8 and not in_menu[j]:
            for k in skipped:
                is_name = _looks_like_a_name(pl.lines[k]) and "byline" not in pl.role
                pl.role[k] = "byline" if is_name else "skip"
            return j
        if pl.words[j] > 5 or ends_sentence(pl.lines[j]):
            break
        skipped.append(j)
    return first


def _with_key_points(pl: PageLines, title_index: int, first: int) -> int:
    """Start the body at a list announced by a label ("Key points:") just above it."""
    j = first - 1
    while j > title_index and first - j <= 8:
        if pl.role[j] or pl.kind[j] not in (GOOD, SHORT) or pl.words[j] < 3:
            break
        j -= 1
    if j == first - 1 or j <= title_index or pl.role[j] or pl.kind[j] == BAD:
        return first
    label = pl.lines[j]
    return j + 1 if label.endswith(":") and pl.words[j] <= 4 else first


def _mark_bylines_near_start(pl: PageLines, first: int, last: int) -> None:
    """A person's name among the body's first lines ("Shaun Walker in Kiev") is the byline."""
    if "byline" in pl.role:
        return
    for j in range(first + 1, min(first + 4, last)):
        if pl.kind[j] == SHORT and not pl.role[j] and _looks_like_a_name(pl.lines[j]):
            pl.role[j] = "byline"
            return


def _looks_like_a_name(line: str) -> bool:
    name = line.split(" in ", 1)[0]
    words = name.split()
    return (
        2 <= len(words) <= 3
        and _NAME_LINE.match(line) is not None
        and not name.isupper()
        and not any(word.lower() in _NOT_NAME_WORDS for word in words)
    )


def _with_closing_lines(pl: PageLines, last: int, in_menu: list[bool]) -> int:
    """Extend the body over short closing sentences ("Check out the video below!")."""
    for j in range(last + 1, min(last + 3, len(pl.lines))):
        if pl.kind[j] != SHORT or pl.role[j] or in_menu[j] or not ends_sentence(pl.lines[j]):
            break
        last = j
    return last


def _paragraphs(pl: PageLines, first: int, last: int, title_index: int, in_menu: list[bool],
                title: str, dropped: list[tuple[int, str]] | None) -> list[str]:  # fmt: skip
    lines, kind, role, blank_before = pl.lines, pl.kind, pl.role, pl.blank_before
    goods = [i for i in range(first, last + 1) if kind[i] == GOOD]
    blank_separated = len(goods) >= 3 and sum(blank_before[i] for i in goods) >= 0.6 * len(goods)
    folded_title = title.casefold()
    paragraphs: list[str] = []
    seen: set[str] = set()
    for i in range(first, last + 1):
        line = lines[i]
        keep = kind[i] in (GOOD, SHORT) and not role[i] and not in_menu[i] and i != title_index
        if keep and kind[i] == SHORT and blank_separated and _is_promo(pl, i):
            keep = False
        if keep and line.casefold() == folded_title:
            keep = False
        if keep and pl.words[i] >= 8:
            if line in seen:
                keep = False  # the same paragraph twice (a mobile and a desktop layout)
            seen.add(line)
        if keep:
            paragraphs.append(line)
        elif dropped is not None and role[i] not in ("caption", "dup", "date", "byline", "credits"):
            dropped.append((i, line))
    return paragraphs


def _is_promo(pl: PageLines, i: int) -> bool:
    """A short line glued to the paragraph after it, in a page that separates paragraphs."""
    line = pl.lines[i]
    nxt = i + 1
    return (
        pl.words[i] <= 12
        and pl.blank_before[i]
        and nxt < len(pl.lines)
        and not pl.blank_before[nxt]
        and pl.kind[nxt] == GOOD
        and not ends_sentence(line)
        and not line.endswith(":")
    )


def _publish_date(page: Page, pl: PageLines | None, first: int = 0, last: int = 0) -> str:
    """The source's date, else the URL's, else a date line near the article's top or end."""
    found = normalise_date(page.date) or date_from_url(page.url)
    if found or pl is None or not pl.dates:
        return found
    near = [
        (value, label)
        for i, value, label in pl.dates
        if first - DATE_WINDOW <= i <= first + 3 or last < i <= last + DATE_WINDOW // 3
    ]
    for wanted in ("published", "updated", ""):
        for value, label in near:
            if label == wanted:
                return value
    return ""


def _source(page: Page, site_brand: str, furniture_lines: list[str]) -> str:
    if page.source:
        return sanitize_line(page.source)
    if site_brand:
        return site_brand
    for line in furniture_lines:
        brand = brand_of_copyright(line)
        if brand:
            return brand
    return brand_of_lines(furniture_lines) or site_of_url(sanitize_line(page.url))


def _language(title: str, paragraphs: list[str]) -> str:
    sample = title
    for paragraph in paragraphs:
        if len(sample) > 600:
            break
        sample += "\n" + paragraph
    return detect_language(sample)


def _clean_given_article(page: Page, title: str, text: str) -> Article | Skipped:
    """A page that is already an article (JSON Lines): split it into paragraphs, keep everything."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block]
    if len(blocks) == 1 and text.count("\n") >= 2:
        blocks = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    credits: list[str] = []
    if blocks:
        found = credits_of(blocks[-1], blocks[-1].count(" ") + 1)
        if found:
            credits = found
            blocks.pop()
    if blocks and blocks[0].casefold() == title.casefold():
        blocks.pop(0)
    if not blocks:  # a headline-only wire flash: the headline is all the text there is
        blocks = [title]
    return Article(
        id="",
        dump=page.dump,
        origin=page.origin,
        title=title,
        paragraphs=blocks,
        credits=credits,
        source=sanitize_line(page.source) if page.source else site_of_url(sanitize_line(page.url)),
        url=sanitize_line(page.url),
        date=_publish_date(page, None),
        crawl_date=normalise_date(page.crawl_date),
        language=_language(title, blocks),
    )


def _clean(
    page: Page, furniture: FurnitureModel | None, dropped: list[tuple[int, str]] | None
) -> Article | Skipped:
    text = sanitize(page.text)
    title = sanitize_line(page.title)
    if title:
        return _clean_given_article(page, title, text)
    pl = PageLines(text)
    if not pl.lines:
        return Skipped(page.origin, "empty page")
    site = FurnitureModel.site_of(page) if furniture is not None else ""
    credits = classify(pl, furniture, site)
    in_menu = menu_lines(pl)
    span = _body_span(pl, in_menu)
    if span is None:
        return Skipped(page.origin, "no article", "no paragraph of prose found")
    first, last = span
    for i in range(first, last + 1):  # a byline or date deep in the body is body text
        if pl.role[i] in ("byline", "date") and i > first + 3:
            pl.role[i] = ""
    title_index, title = choose_title(pl, first, page.url, in_menu)
    if title_index == first:  # a headline shaped like prose opened the block
        goods = [i for i in range(first + 1, last + 1) if pl.kind[i] == GOOD]
        if not goods:
            return Skipped(page.origin, "no article", "only a headline")
        first = goods[0]
    with_key_points = _with_key_points(pl, title_index, first)
    if with_key_points < first:
        first = with_key_points
    else:
        first = _with_standfirst(pl, title_index, first, in_menu)
    _mark_bylines_near_start(pl, first, last)
    last = _with_closing_lines(pl, last, in_menu)
    paragraphs = _paragraphs(pl, first, last, title_index, in_menu, title, dropped)
    if not paragraphs:
        return Skipped(page.origin, "no article", "no paragraph of prose found")
    if not title:
        title = fallback_title(paragraphs)
    captions: list[str] = []
    byline = ""
    outside: list[str] = []
    for i, line in enumerate(pl.lines):
        role = pl.role[i]
        if (
            role == "caption"
            and i <= last
            and (i > title_index >= 0 or i >= first - CAPTION_WINDOW)
        ):
            text_of_caption = pl.caption_text.get(i, line)
            if text_of_caption not in captions and text_of_caption != title:
                captions.append(text_of_caption)
        elif role == "byline" and not byline and i <= last:
            byline = byline_of(line, pl.words[i]) or line
        elif role == "date" and not byline and i <= last and (found := _BY_NAME.search(line)):
            byline = found.group(1)  # "Posted on March 3, 2015 by Jane Doe"
        elif (i < first or i > last) and i != title_index and role not in ("date", "credits"):
            outside.append(line)
            if dropped is not None:
                dropped.append((i, line))
    _, site_brand = document_title(pl, page.url)
    promos = [
        pl.lines[i] for i in range(first, last + 1) if pl.kind[i] == SHORT and _is_promo(pl, i)
    ]
    return Article(
        id="",
        dump=page.dump,
        origin=page.origin,
        title=title,
        paragraphs=paragraphs,
        caption=captions[0] if captions else "",
        captions=captions,
        byline=byline,
        credits=credits,
        source=_source(page, site_brand, outside + promos),
        url=sanitize_line(page.url),
        date=_publish_date(page, pl, first, last),
        crawl_date=normalise_date(page.crawl_date),
        language=_language(title, paragraphs),
    )


def clean_page(page: Page, furniture: FurnitureModel | None = None) -> Article | Skipped:
    """Clean one page: the article (id left "", entities and hash left for the ingest) or a skip."""
    return _clean(page, furniture, None)


def explain_page(
    page: Page, furniture: FurnitureModel | None = None
) -> tuple[Article | Skipped, list[str]]:
    """`clean_page` and the lines it dropped as furniture, for people reviewing the cleaner."""
    dropped: list[tuple[int, str]] = []
    result = _clean(page, furniture, dropped)
    return result, [line for _, line in sorted(dropped)]

"""Cleaning: one page of whole-page text in, an Article (title, captions, body) or a Skipped out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.cleaning.dates import date_from_url, date_in_text, normalise_date
from index.cleaning.furniture import FurnitureModel, site_of_url
from index.cleaning.gaps import GAP_SCORE, fill_gaps
from index.cleaning.headline import choose_title, document_title, fallback_title
from index.cleaning.language import detect_language
from index.cleaning.line_model import features, line_scores, smooth, weights
from index.cleaning.lines import (
    GOOD,
    SHORT,
    PageLines,
    classify,
    is_promo,
    menu_lines,
)
from index.cleaning.local_dates import local_date_in_text
from index.cleaning.page_kind import ARTICLE, page_kind
from index.cleaning.parts import (
    brand_of_copyright,
    brand_of_lines,
    byline_of,
    credits_of,
    split_site_title,
)
from index.cleaning.prose_span import prose_span
from index.cleaning.tail import tail_scores
from index.cleaning.title_ranker import BODY_LINES, best_candidate, candidates, title_features
from index.records import Article, Page, Skipped
from index.text import sanitize_line, sanitize_page, space_glued_sentences

__all__ = ["FurnitureModel", "clean_page", "explain_page"]

DATE_WINDOW = 24  # date lines this far above the body (a third of it below) are the article's
CAPTION_WINDOW = 12  # captions above the body, when no headline line precedes them, are this close
_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|in|and|de|van|von|da|&))+$")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_BY_NAME = re.compile(r"\b[Bb]y\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")
_NOT_NAME_WORDS_TEXT = (
    "view public profile video photo photos read more share news home digest watch listen live "
    "latest top new world local sport sports business opinion politics follow subscribe"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())


def _mark_bylines_near_start(pl: PageLines, start: int, first: int, last: int) -> None:
    """A person's name under the headline or in the body's first lines is the byline."""
    if "byline" in pl.role:
        return
    for j in range(max(start, first - 6), min(first + 4, last)):
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


def _publish_date(
    page: Page, pl: PageLines | None, first: int = 0, last: int = 0, paragraphs: list[str] = ()
) -> str:
    """The source's date, else the URL's, else a date line near the article's top or end (its own
    date before a "last updated" line), else a date in the body's first lines."""
    found = normalise_date(page.date) or date_from_url(page.url)
    if found or pl is None:
        return found
    near = [
        (value, label)
        for i, value, label in pl.dates
        if first - DATE_WINDOW <= i <= first + 3 or last < i <= last + DATE_WINDOW // 3
    ]
    for wanted in ("published", "", "updated"):
        for value, label in near:
            if label == wanted:
                return value
    for paragraph in paragraphs[:2]:  # "BERLIN, 3 March 2024 - ..."
        found = date_in_text(paragraph[:120])
        if found:
            return found
    return _local_date(pl, first, paragraphs)


def _local_date(pl: PageLines, first: int, paragraphs: list[str]) -> str:
    """A date in another language ("12. März 2024") on a short line above the body or in its
    first lines, else in its first paragraphs' starts."""
    for i in range(max(0, first - DATE_WINDOW), min(len(pl.lines), first + 4)):
        if pl.words[i] <= 8:
            found = local_date_in_text(pl.lines[i])
            if found:
                return found
    for paragraph in paragraphs[:2]:
        found = local_date_in_text(paragraph[:120])
        if found:
            return found
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
        language=_given_language(page) or _language(title, blocks),
    )


def _given_language(page: Page) -> str:
    """The language code a JSON Lines record names (`export --jsonl` writes it), else ""."""
    value = page.extra.get("language")
    return value if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value) else ""


@dataclass(slots=True)
class PageAnalysis:
    """A page's lines, what the rules found in them and what the line model makes of them."""

    pl: PageLines
    credits: list[str]
    in_menu: list[bool]
    span: tuple[int, int] | None
    recurs: list[bool]
    matrix: np.ndarray
    scores: np.ndarray = field(default_factory=lambda: np.zeros(0))
    keep: list[bool] = field(default_factory=list)


def analyse(
    text: str, furniture: FurnitureModel | None, site: str, printable: bool = False
) -> PageAnalysis | None:
    """Split sanitised page text into lines once, find its parts and score every line."""
    pl = PageLines(text, printable)
    if not pl.lines:
        return None
    recurs = [False] * len(pl.lines)
    if furniture is not None:
        recurs = furniture.furniture_flags(site, pl.lines)
    credits = classify(pl, recurs)
    in_menu = menu_lines(pl)
    span = prose_span(pl, in_menu)
    if len(pl.lines) > MODEL_MAX_LINES:  # no page of news is this long: the densest prose run
        return PageAnalysis(pl, credits, in_menu, span, recurs, np.zeros((0, 0)))
    return PageAnalysis(pl, credits, in_menu, span, recurs, features(pl, in_menu, span, recurs))


def score(pa: PageAnalysis) -> None:
    """Score every line with the learned model and smooth the labels along the page."""
    if not pa.matrix.size:
        low, high = pa.span or (0, -1)
        pa.scores = np.zeros(len(pa.pl.lines))
        pa.keep = [low <= i <= high and kind == GOOD for i, kind in enumerate(pa.pl.kind)]
        return
    pa.scores = tail_scores(pa.pl, pa.matrix, line_scores(pa.matrix))
    pa.keep = smooth(pa.scores, float(weights()["switch"]))


def choose_headline(pa: PageAnalysis, first: int, chosen: list[int]) -> tuple[int, str]:
    """The headline's line (-1 when it comes from the document title alone) and its text."""
    pl = pa.pl
    old_pick, _ = choose_title(pl, min(first, len(pl.lines) - 1), "", pa.in_menu)
    body = [pl.lines[i] for i in chosen[:BODY_LINES]]
    cands = candidates(pl, first)
    if len(chosen) <= 1:  # the only line of text is never the headline
        cands = [i for i in cands if i not in chosen]
    if not cands:
        return -1, ""
    rows = title_features(pl, cands, first, body, pa.in_menu, pa.recurs, old_pick, pa.scores)
    model = weights()
    best = cands[best_candidate(rows, model["title_coef"], model["title_intercept"])]
    if best < 0:
        headline = split_site_title(pl.lines[0])[0]
        return -1, headline
    return best, pl.lines[best]


MODEL_MAX_LINES = 20_000  # longer pages (a million tiny lines): the densest run of prose
_NOT_BODY_ROLES = frozenset(("caption", "dup", "marker", "label", "credits"))
STANDFIRST_LINES = 8  # a standfirst this close above the body (a byline, share bar between)


def _standfirst(pa: PageAnalysis, title_index: int, first: int) -> int | None:
    """A standfirst: a line of eight words or more between the headline and the body."""
    pl = pa.pl
    if title_index < 0 or first - title_index > STANDFIRST_LINES:
        return None
    for j in range(title_index + 1, first):
        if (
            pl.words[j] >= 8
            and pl.kind[j] in (GOOD, SHORT)
            and not pl.role[j]
            and not pa.in_menu[j]
            and pa.scores[j] > GAP_SCORE
        ):
            return j
    return None


def _paragraphs(
    pa: PageAnalysis,
    chosen: list[int],
    title_index: int,
    title: str,
    dropped: list[tuple[int, str]] | None,
) -> list[str]:
    """The kept lines as paragraphs: no headline, no role lines, no promo glued to prose."""
    pl = pa.pl
    folded_title = title.casefold()
    title_size = len(folded_title)  # a line's casefold is never shorter than the line
    paragraphs: list[str] = []
    seen: set[str] = set()
    for i in chosen:
        line = pl.lines[i]
        if (
            i == title_index
            or pl.role[i]
            or (len(line) <= title_size and line.casefold() == folded_title)  # never shorter
            or (pl.kind[i] == SHORT and is_promo(pl, i))  # a promo is a SHORT line
        ):
            if dropped is not None and pl.role[i] not in ("date", "byline"):
                dropped.append((i, line))
            continue
        if pl.words[i] >= 8 and line in seen:
            continue  # the same paragraph twice (a mobile and a desktop layout)
        if pl.words[i] <= 6 and local_date_in_text(line) and not date_in_text(line):
            continue  # a date line in another language ("7 kwietnia 2024"), as role "date"
        seen.add(line)
        paragraphs.append(line)
    return paragraphs


def _clean(
    page: Page,
    furniture: FurnitureModel | None,
    dropped: list[tuple[int, str]] | None,
    keep_all: bool = False,
) -> Article | Skipped:
    text, printable = sanitize_page(page.text)  # (space_glued_sentences adds only spaces)
    title = sanitize_line(page.title)
    if title:
        return _clean_given_article(page, title, space_glued_sentences(text))
    site = FurnitureModel.site_of(page) if furniture is not None else ""
    pa = analyse(space_glued_sentences(text), furniture, site, printable)
    if pa is None:
        return Skipped(page.origin, "empty page")
    score(pa)
    pl = pa.pl
    chosen = fill_gaps(pa.pl, pa.scores, pa.in_menu, pa.keep)
    chosen = [i for i in chosen if pl.role[i] not in _NOT_BODY_ROLES and not pa.recurs[i]]
    if not chosen and pa.span:  # no run the model is sure of: the densest run of prose
        low, high = pa.span
        chosen = [i for i in range(low, high + 1) if pl.kind[i] == GOOD and not pl.role[i]]
    if not chosen:
        return Skipped(page.origin, "no article", "no paragraph of prose found")
    first, last = chosen[0], chosen[-1]
    for i in range(first, last + 1):  # a byline or date deep in the body is body text
        if pl.role[i] in ("byline", "date") and i > first + 3:
            pl.role[i] = ""
    title_index, title = choose_headline(pa, first, chosen)
    _mark_bylines_near_start(pl, title_index + 1, first, last)
    standfirst = _standfirst(pa, title_index, first)
    if standfirst is not None:
        chosen.insert(0, standfirst)
    paragraphs = _paragraphs(pa, chosen, title_index, title, dropped)
    if not paragraphs and pa.span:  # the model kept the headline alone: the densest prose run
        low, high = pa.span
        spare = [i for i in range(low, high + 1) if pl.kind[i] == GOOD and i != title_index]
        paragraphs = _paragraphs(pa, spare, title_index, title, dropped)
    if not paragraphs:
        return Skipped(page.origin, "no article", "only a headline")
    if not title:
        title = fallback_title(paragraphs)
    kind, why = page_kind(title, paragraphs)
    if kind != ARTICLE and not keep_all:
        return Skipped(page.origin, f"not an article ({kind})", why)
    captions: list[str] = []
    byline = ""
    outside: list[str] = []
    kept = set(chosen)
    _, site_brand = document_title(pl, page.url)
    # the lines outside the article name the source only when the page and its title do not
    needed = dropped is not None or not (page.source or site_brand)
    kinds = pl.kind  # a promo is a SHORT line: most kept lines are not asked
    promos = (
        [pl.lines[i] for i in chosen if kinds[i] == SHORT and is_promo(pl, i)] if needed else []
    )
    for i in range(len(pl.lines)) if needed else [i for i, role in enumerate(pl.role) if role]:
        line, role = pl.lines[i], pl.role[i]
        if not role:  # most lines: the last branch below, in short
            if i not in kept and i != title_index:
                outside.append(line)
                if dropped is not None:
                    dropped.append((i, line))
        elif (
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
        elif needed and i not in kept and i != title_index and role not in ("date", "credits"):
            outside.append(line)
            if dropped is not None:
                dropped.append((i, line))
    return Article(
        id="",
        dump=page.dump,
        origin=page.origin,
        title=title,
        paragraphs=paragraphs,
        caption=captions[0] if captions else "",
        captions=captions,
        byline=byline,
        credits=pa.credits,
        source=_source(page, site_brand, outside + promos),
        url=sanitize_line(page.url),
        date=_publish_date(page, pl, first, last, paragraphs),
        crawl_date=normalise_date(page.crawl_date),
        language=_language(title, paragraphs),
    )


def clean_page(
    page: Page, furniture: FurnitureModel | None = None, keep_all: bool = False
) -> Article | Skipped:
    """Clean one page: the article (id left "", entities and hash left for the ingest) or a skip.

    Listings and junk (spam, lorem ipsum, placeholders, error pages) are skipped with their reason
    unless `keep_all`."""
    return _clean(page, furniture, None, keep_all)


def explain_page(
    page: Page, furniture: FurnitureModel | None = None
) -> tuple[Article | Skipped, list[str]]:
    """`clean_page` and the lines it dropped as furniture, for people reviewing the cleaner."""
    dropped: list[tuple[int, str]] = []
    result = _clean(page, furniture, dropped)
    return result, [line for _, line in sorted(dropped)]

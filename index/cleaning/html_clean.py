"""HTML pages to Articles: the HTML extraction for `Page.is_html`, the text cleaner for the rest."""

from __future__ import annotations

from index.cleaning.clean import FurnitureModel, clean_page
from index.cleaning.dates import date_from_url, normalise_date
from index.cleaning.furniture import site_of_url
from index.cleaning.language import detect_language
from index.reading import article_from_html
from index.records import Article, Page, Skipped
from index.text import sanitize_line

LANGUAGE_SAMPLE_CHARS = 600
MIN_BODY_WORDS = 10  # fewer words than this is a menu or an error page, not an article


def clean_any_page(
    page: Page, furniture: FurnitureModel | None = None, keep_all: bool = False
) -> Article | Skipped:
    """The article of any page: HTML through `clean_html_page`, text through the text cleaner
    (which keeps listings and junk pages too with `keep_all`)."""
    if page.is_html:
        return clean_html_page(page)
    return clean_page(page, furniture, keep_all=keep_all)


def clean_html_page(page: Page) -> Article | Skipped:
    """The article in an HTML page (title, body, captions, byline, date from the page's markup)."""
    found = article_from_html(page)
    if found is None:
        return Skipped(page.origin, "no article", "no main text in the HTML")
    paragraphs = [line for line in map(sanitize_line, found["paragraphs"]) if line]
    if not paragraphs:
        return Skipped(page.origin, "no article", "no main text in the HTML")
    if sum(len(paragraph.split()) for paragraph in paragraphs) < MIN_BODY_WORDS:
        return Skipped(page.origin, "no article", "too little text in the HTML")
    title = sanitize_line(page.title or found["title"]) or paragraphs[0][:120]
    captions = [line for line in map(sanitize_line, found["captions"]) if line]
    url = sanitize_line(page.url or found["url"])
    sample = title
    for paragraph in paragraphs:
        if len(sample) > LANGUAGE_SAMPLE_CHARS:
            break
        sample += "\n" + paragraph
    return Article(
        id="",
        dump=page.dump,
        origin=page.origin,
        title=title,
        paragraphs=paragraphs,
        caption=captions[0] if captions else "",
        captions=captions,
        byline=sanitize_line(found["byline"]),
        source=sanitize_line(page.source or found["source"]) or site_of_url(url),
        url=url,
        date=normalise_date(page.date) or normalise_date(found["date"]) or date_from_url(url),
        crawl_date=normalise_date(page.crawl_date),
        language=detect_language(sample) or found["language"],
    )

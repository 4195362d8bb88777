"""The main text and metadata of an HTML page, taken with trafilatura (imported when needed)."""

from __future__ import annotations

import logging
import re
from datetime import date

from index.reading.decoding import iso_date
from index.records import Page

# trafilatura and htmldate log their doubts about pages; without a handler Python would print them
# on stderr, over the terminal UI.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_HTML_TAG = re.compile(r"<html\b([^>]{0,8000})>", re.I)
_LANG_ATTRIBUTE = re.compile(r"""(?:^|\s)(?:xml:)?lang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)


def article_from_html(page: Page) -> dict | None:
    """The article in an HTML page (`page.is_html`) for the cleaner; None when it has no main text.

    Keys: title, paragraphs, date (ISO publish date found in the page, "" when none), byline, source
    (site name), language, url, description.
    """
    return extract_html_article(page.text, page.url)


def html_language(html: str) -> str:
    """The language the page's <html lang> attribute declares ("en"), "" when none."""
    tag = _HTML_TAG.search(html[:20000])
    match = _LANG_ATTRIBUTE.search(tag.group(1)) if tag else None
    return match.group(1).lower() if match else ""


def extract_html_article(html: str, url: str = "") -> dict | None:
    """Run trafilatura's news-oriented extraction on one HTML document."""
    if not html.strip():
        return None
    import trafilatura  # slow to import: only when an HTML page turns up

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,  # a date somewhere in the text is not a publish date
                "max_date": date.today().isoformat(),
            },
        )
    except Exception:
        return None
    if document is None:
        return None
    text = getattr(document, "text", "") or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs:
        return None
    language = getattr(document, "language", "") or ""
    if not language:
        language = html_language(html)
    return {
        "title": (getattr(document, "title", "") or "").strip(),
        "paragraphs": paragraphs,
        "date": iso_date(getattr(document, "date", "") or ""),
        "byline": (getattr(document, "author", "") or "").strip(),
        "source": (getattr(document, "sitename", "") or "").strip(),
        "language": language,
        "url": (getattr(document, "url", "") or url or "").strip(),
        "description": (getattr(document, "description", "") or "").strip(),
    }

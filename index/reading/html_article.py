"""The main text and metadata of an HTML page: its own signals, trafilatura for the body."""

from __future__ import annotations

import logging
import re
from datetime import date

from index.reading.decoding import iso_date
from index.reading.html_signals import signals_of
from index.reading.html_title import choose_title, key
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
    (site name), language, url, description, captions.
    """
    return extract_html_article(page.text, page.url)


def html_language(html: str) -> str:
    """The language the page's <html lang> attribute declares ("en"), "" when none."""
    tag = _HTML_TAG.search(html[:20000])
    match = _LANG_ATTRIBUTE.search(tag.group(1)) if tag else None
    return match.group(1).lower() if match else ""


def _parse(html: str):
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:
        return None


def _trafilatura(tree, url: str):
    import trafilatura  # slow to import: only when an HTML page turns up

    try:
        return trafilatura.bare_extraction(
            tree,
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


def _body(text: str, title: str) -> list[str]:
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and key(paragraphs[0]) == key(title):
        paragraphs.pop(0)
    return paragraphs


def extract_html_article(html: str, url: str = "") -> dict | None:
    """The title, body and metadata of one HTML document; None when it has no main text."""
    if not html.strip():
        return None
    tree = _parse(html)
    if tree is None:
        return None
    signals = signals_of(tree)  # before trafilatura prunes the tree
    document = _trafilatura(tree, url)
    if document is None:
        return None
    extracted_title = (getattr(document, "title", "") or "").strip()
    text = getattr(document, "text", "") or ""
    first = next((line for line in text.split("\n") if len(line) > 60), "")
    title = choose_title(signals, url, extracted_title, first)
    paragraphs = _body(text, title)
    if not paragraphs:
        return None
    language = getattr(document, "language", "") or html_language(html)
    return {
        "title": title,
        "paragraphs": paragraphs,
        "date": signals.date or iso_date(getattr(document, "date", "") or ""),
        "byline": signals.byline or (getattr(document, "author", "") or "").strip(),
        "source": signals.site_name or (getattr(document, "sitename", "") or "").strip(),
        "language": language,
        "url": (getattr(document, "url", "") or url or "").strip(),
        "description": (getattr(document, "description", "") or "").strip(),
        "captions": signals.captions,
    }

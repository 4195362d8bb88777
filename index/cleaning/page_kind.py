"""What a cleaned page is: an article, a listing of other pages, or junk (and why)."""

from __future__ import annotations

import re
from collections import Counter

from index.cleaning.lines import CJK, ends_sentence

ARTICLE, LISTING, JUNK = "article", "listing", "junk"
SHORT_PAGE_WORDS = 150  # error and placeholder pages say little
PROSE_WORDS = 25  # a paragraph this long is prose
_LOREM = re.compile(r"(?i)\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b|\bconsectetur\s+adipiscing\b")
_ERROR = re.compile(
    r"(?i)\b(?:404\s+(?:error|not\s+found)|page\s+not\s+found|error\s+404|seite\s+nicht\s+gefunden"
    r"|página\s+no\s+encontrada|page\s+introuvable|nie\s+znaleziono\s+strony|pagina\s+non\s+trovata"
    r"|access\s+denied|forbidden|zugriff\s+verweigert)\b"
)
_PLACEHOLDER = re.compile(
    r"(?i)\b(?:coming\s+soon|under\s+construction|domain\s+(?:is\s+)?for\s+sale|buy\s+this\s+domain"
    r"|this\s+domain\s+(?:is|may\s+be)\s+(?:parked|for\s+sale)|parked\s+(?:free|domain)"
    r"|default\s+web\s+(?:site\s+)?page|it\s+works!|website\s+is\s+under\s+maintenance"
    r"|im\s+aufbau|en\s+construcción|en\s+construction|w\s+budowie)"
)
# Spam words at a word's start, on lower-cased text: what `(?i)\b(?:viagra|cialis|...)` finds
# there, written so that sre skips to the positions holding a word's first letter (a leading \b
# made it try every position): each `\b` is a lookbehind after two letters, and a letter stands
# for what (?i) matches of it in lower-cased text (i: i ı İ; s: s ſ).
_SPAM = re.compile(
    r"v[iıİ](?<!\w..)agra|c[iıİ](?<!\w..)al[iıİ][sſ]|le(?<!\w..)v[iıİ]tra|tr(?<!\w..)amadol"
    r"|xa(?<!\w..)nax|po(?<!\w..)rno?|xx(?<!\w..)x|e[sſ](?<!\w..)cort\s+[sſ]erv[iıİ]ce"
    r"|pa(?<!\w..)yday\s+loan[sſ]?|re(?<!\w..)pl[iıİ]ca\s+watch\w*"
    r"|ch(?<!\w..)eap\s+\w+\s+onl[iıİ]ne|bu(?<!\w..)y\s+\w+\s+onl[iıİ]ne"
    r"|no(?<!\w..)\s+pre[sſ]cr[iıİ]pt[iıİ]on"
)
_SPAM_WORDS = (
    "viagra", "cialis", "levitra", "tramadol", "xanax", "porn", "xxx", "escort", "payday",
    "replica", "buy ", "cheap ", "prescription",
)  # fmt: skip


# Languages named in their own language, as a site's language switcher lists them.
_ENDONYMS_TEXT = (
    "english deutsch español espanol français francais italiano português portugues polski "
    "nederlands русский українська čeština magyar română svenska dansk norsk suomi türkçe "
    "ελληνικά العربية עברית हिन्दी 日本語 中文 简体中文 繁體中文 한국어 tiếng ไทย"
)
_ENDONYMS = frozenset(_ENDONYMS_TEXT.split())
LANGUAGE_MENU = 4  # this many languages named in a page's short lines make a language menu


def _language_menu(paragraphs: list[str]) -> bool:
    """Whether the page's short lines name several languages in their own language (a site's
    language switcher, one of the menus of a shell page)."""
    named: set[str] = set()
    for paragraph in paragraphs:
        if paragraph.count(" ") < 12:
            named.update(w for w in paragraph.lower().replace("|", " ").split() if w in _ENDONYMS)
    return len(named) >= LANGUAGE_MENU or _languages(paragraphs) >= LANGUAGE_MENU + 1


def _languages(paragraphs: list[str]) -> int:
    """How many languages the paragraphs are in, each by the votes of its stopwords."""
    from index.cleaning.line_model import _WORD_EDGES, _stopword_votes

    table = _stopword_votes()
    found: set[str] = set()
    for paragraph in paragraphs:
        if CJK.search(paragraph):
            found.add("cjk")
            continue
        votes = Counter(
            lang
            for word in paragraph.lower().split()
            for lang in table.get(word.strip(_WORD_EDGES), ())
        )
        if votes:
            found.add(votes.most_common(1)[0][0])
    return len(found)


def page_kind(title: str, paragraphs: list[str]) -> tuple[str, str]:
    """(kind, reason) of a cleaned page: ("article", "") or a listing or junk with its reason."""
    text = " ".join(paragraphs)
    sizes = [p.count(" ") + 1 for p in paragraphs]  # words of each paragraph
    words = sum(sizes) or 1  # text.count(" ") + 1, without a pass over the text
    head = f"{title} {text[:300]}"
    lower = f"{title} {text}".lower()
    if ("lorem" in lower or "dolor" in lower or "adipiscing" in lower) and _LOREM.search(text):
        return JUNK, "lorem ipsum"
    if words < SHORT_PAGE_WORDS and _ERROR.search(head):
        return JUNK, "error page"
    if words < SHORT_PAGE_WORDS and _PLACEHOLDER.search(head):
        return JUNK, "placeholder"
    spam = 0
    if any(word in lower for word in _SPAM_WORDS):
        spam = len(_SPAM.findall(lower))
    if spam >= 4 and spam * 100 >= words:
        return JUNK, "spam"
    prose = [size for size in sizes if size >= PROSE_WORDS]
    prose_words = sum(prose)
    sentences = sum(1 for p in paragraphs if ends_sentence(p.rstrip()))  # in any script
    if not prose and not sentences and title.rstrip().endswith(("?", "？")):
        return JUNK, "a site's shell: a question as title, no text"
    if len(prose) <= 1 and prose_words < 0.5 * words and _language_menu(paragraphs):
        return JUNK, "a site's shell: menus in several languages, no article"
    if (
        len(paragraphs) >= 10
        and len(prose) <= 1
        and prose_words < 0.2 * words
        and sentences < 0.5 * len(paragraphs)  # headlines and links, not short sentences
    ):
        return LISTING, "a list of links or headlines, no prose"
    return ARTICLE, ""

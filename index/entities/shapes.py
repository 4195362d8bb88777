"""Building blocks of the entity rules: the `Mention` record, look-ups in the curated lists and
the gazetteer, organisation names, ALL-CAPS scans and the single-word and person-shape tests.

`index.entities.rules` combines them into `classify_chunk`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.entities import lexicon as lex
from index.entities.chunks import Token
from index.entities.gazetteer import lookup_place, places_casefolded

ORG_WORDS = frozenset(lex.ORG_SUFFIXES_STRONG - lex.ROLE_HEADS - {"Court", "Congress"})
NOT_NAME_ENDING_RE = re.compile(r"(?:tion|ment|ity|ness|ism|ology|opathy|itis|ics|ance|ence)$")
DOTTED_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2}")
NUMBER_AFTER_RE = re.compile(r" ?-?\d")
BANK_WORD_RE = re.compile(r"[A-Z][a-z]{2,}bank(?:en)?")
ACRONYM_RE = re.compile(r"[A-Z][A-Z&/.]*[A-Z]\.?|[A-Z]{2,}s")
LOOKUP_CACHE = 1 << 16  # surfaces whose look-up a worker remembers (names recur across articles)
KEPT_ENDINGS = frozenset({"Group", "Holdings", "Bros", "Bros."})  # part of the name
CORPORATE_ENDINGS = {
    "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Incorporated", "Co", "Co.", "Ltd", "Ltd.",
    "Limited", "Plc", "PLC", "plc", "LLC", "AG", "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA",
    "AB", "ASA", "Group", "Holdings", "Cos", "Company", "A/S", "AS", "Oy", "Oyj", "KK", "BV",
    "LP", "L.P.", "Pte", "Pty", "Pt", "Bhd", "Berhad", "S.p.A.", "SARL", "SAS", "Spa", "S.P.A.",
    "Bros", "Bros.",
}  # fmt: skip


@dataclass(slots=True)
class Mention:
    """A classified mention: span, kind, canonical name and the surface as written."""

    start: int
    end: int
    kind: str
    name: str
    surface: str


def words_of(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.connector]


def surface_of(text: str, tokens: list[Token]) -> str:
    return text[tokens[0].start : tokens[-1].end]


def is_common(word: str) -> bool:
    return word.lower() in lex.common_words()


def _is_acronym(word: str) -> bool:
    return bool(ACRONYM_RE.fullmatch(word)) and word.upper() == word.rstrip("s")[: len(word)]


@lru_cache(maxsize=LOOKUP_CACHE)
def lookup_known(surface: str) -> tuple[str, str] | None:
    """(kind, canonical) of a surface form the curated lists or the gazetteer know."""
    org = lex.known_orgs().get(surface)
    if org:
        return "org", org
    place = lookup_place(surface)
    if place:
        return "place", place.name
    return None


@lru_cache(maxsize=LOOKUP_CACHE)
def lookup_known_caps(surface: str) -> tuple[str, str] | None:
    """Like `lookup_known` for ALL-CAPS text: case-insensitive, longer forms only."""
    org = lex.known_orgs_upper().get(surface.upper())
    if org:
        return "org", org
    if len(surface) >= 4 or surface in ("U.S.", "U.K.", "UAE", "USSR"):
        place = lookup_place(surface) or places_casefolded().get(surface.casefold())
        if place and (place.level in ("country", "region") or not is_common(surface)):
            return "place", place.name
    return None


def org_name(text: str, tokens: list[Token]) -> str:
    """The canonical name of an organisation: the curated name, or the surface without "Corp"."""
    surface = surface_of(text, tokens)
    known = lex.known_orgs().get(surface)
    if known:
        return known
    return org_base_name(surface)


def org_base_name(name: str) -> str:
    """ "Chrysler Corp" -> "Chrysler", "McKinsey and Co" -> "McKinsey"; else the name itself."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(",") in CORPORATE_ENDINGS - KEPT_ENDINGS:
        words.pop()
        while len(words) > 1 and words[-1] in ("and", "&", ","):
            words.pop()
    if len(words) == 1 and is_common(words[0]) and len(name.split()) > 1:
        words.append(name.split()[1])  # "News Corp Ltd" -> "News Corp", not "News"
    base = " ".join(words).rstrip(",")
    return lex.known_orgs().get(base, base)


def scan_known_caps(text: str, words: list[Token]) -> list[Mention]:
    """Known organisations and places among ALL-CAPS words ("NEW YORK", "BANK OF JAPAN")."""
    found: list[Mention] = []
    i = 0
    while i < len(words):
        for size in range(min(5, len(words) - i), 0, -1):
            part = words[i : i + size]
            surface = surface_of(text, part)
            known = lookup_known_caps(surface)
            if known:
                found.append(Mention(part[0].start, part[-1].end, known[0], known[1], surface))
                i += size
                break
        else:
            i += 1
    return found


def classify_single(
    text: str,
    token: Token,
    sentence_start: bool,
    mentions: list[Mention],
    unresolved: list[list[Token]],
) -> None:
    word = token.text
    if word in lex.NEVER_ALONE or word in lex.demonyms() or word in lex.ROLE_HEADS:
        return
    if word.isupper() and len(word) >= 2:
        known = lookup_known_caps(word)
        if known:
            mentions.append(Mention(token.start, token.end, known[0], known[1], word))
            return
        if (
            _is_acronym(word)
            and 3 <= len(word.replace(".", "")) <= 5  # "SE", "PL": too short to trust
            and not DOTTED_INITIALS_RE.fullmatch(word)  # "E.H. Clark": initials
            and not ("/" in word and len(word) <= 4)  # "F/H", "L/H": first half, last half
            and not (len(word) <= 3 and NUMBER_AFTER_RE.match(text, token.end))  # "PL 480"
            and word not in lex.NOT_ORG_ACRONYMS
            and not is_common(word)
        ):
            mentions.append(Mention(token.start, token.end, "org", word, word))
            return
        return
    if BANK_WORD_RE.fullmatch(word) and not is_common(word):  # "Rabobank", "Commerzbank"
        mentions.append(Mention(token.start, token.end, "org", word, word))
        return
    unresolved.append([token])  # may still be a surname seen earlier in the text


def looks_like_person(words: list[Token]) -> bool:
    first = words[0].text
    if len(words) < 2 or len(words) > 4:
        return False
    if any(w.text.isupper() and len(w.text) > 1 and not w.text.endswith(".") for w in words):
        return False
    if any(
        w.text in lex.ORG_SUFFIXES_WEAK or w.text in ORG_WORDS or w.text in lex.demonyms()
        for w in words
    ):
        return False
    if first in lex.FUNCTION_WORDS:
        return False
    initials = (len(first) == 2 and first.endswith(".")) or (
        DOTTED_INITIALS_RE.fullmatch(first) is not None and lookup_known(first) is None
    )  # "W. Smith", "E.H. Clark", but not "U.S. Steel"
    if first in lex.given_names() or initials or first in lex.GIVEN_AND_WORD:
        return not is_common(words[-1].text) or words[-1].text in lex.given_names()
    return False


def definite_org_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "the Commission" after "the European Commission": the one organisation of the text whose
    name ends in that word ("Commission", "Fund", "Ministry", "Bank", "Party")."""
    by_head: dict[str, str | None] = {}
    for mention in mentions:
        if mention.kind == "org" and " " in mention.name:
            head = mention.name.rsplit(" ", 1)[1]
            if head in lex.ORG_SUFFIXES_STRONG and head[0].isupper():
                known = by_head.get(head, mention.name)
                by_head[head] = mention.name if known == mention.name else None  # ambiguous
    heads = [head for head, name in by_head.items() if name]
    if not heads:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    pattern = re.compile(r"\b[Tt]he (" + "|".join(map(re.escape, heads)) + r")\b(?! of\b)")
    for match in pattern.finditer(text):
        start, end = match.span(1)
        if not any(s < end and start < e for s, e in taken):
            name = by_head[match.group(1)]
            found.append(Mention(start, end, "org", name or "", match.group(1)))
    return found


def is_lead_noun(word: str) -> bool:
    """A nationality or occupation noun written before a name ("Frenchman", "Surgeon")."""
    return word in lex.NATIONALITY_NOUNS or word.lower() in lex.OCCUPATIONS


def is_given_name(word: str) -> bool:
    return word in lex.given_names() or word in lex.GIVEN_AND_WORD


def last_role_index(words: list[Token]) -> int | None:
    for i in range(len(words) - 1, -1, -1):
        word = words[i].text
        if word in lex.HONORIFICS or is_role(word):
            if (
                word == "General"
                and i + 1 < len(words)
                and words[i + 1].text in lex.ORG_SUFFIXES_WEAK
            ):
                continue  # "General Motors", "General Electric": not a general
            return i
    return None


def city_then_surname(words: list[Token]) -> bool:
    """ "Salem Bitar": a town's name as a given name before an unknown, uncommon word."""
    first, second = words[0].text, words[1].text
    place = lookup_place(first)
    return (
        place is not None
        and place.level == "city"
        and name_word(second)
        and not is_common(second)
        and len(second) > 2
        and not second.endswith("s")  # "Denver Broncos": a team
        and second not in lex.NEVER_ALONE
        and second not in lex.PLACE_SUFFIXES
        and second not in lex.CLUB_SUFFIXES
    )


def name_shaped(words: list[Token]) -> bool:
    """Two or three capitalised words that could be a person's name ("Bill Sullivan")."""
    return (
        2 <= len(words) <= 3
        and not is_common(words[-1].text)
        and all(name_word(w.text) for w in words)
    )


def name_word(word: str) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and word not in lex.ROLE_HEADS
        and word not in lex.HONORIFICS
        and word not in ORG_WORDS
        and word not in lex.ORG_SUFFIXES_WEAK
        and word not in lex.FUNCTION_WORDS
        and not lookup_known(word)
    )


def ends_like_org(words: list[Token]) -> bool:
    """Ending like a company or an institution ("Dean Witter Reynolds Inc")."""
    last = words[-1].text if words else ""
    return last in CORPORATE_ENDINGS or last in lex.ORG_SUFFIXES_STRONG


def is_role(word: str) -> bool:
    """ "Minister", "Ministers", "Vice-Premiers": a role word, plural or hyphenated."""
    if word in lex.ROLE_HEADS or (word.endswith("s") and word[:-1] in lex.ROLE_HEADS):
        return True
    return "-" in word and is_role(word.rsplit("-", 1)[1])

"""The rules that decide what a capitalised name chunk names: a person, an organisation, a place.

`classify_chunk` splits a chunk ("NATO Secretary-General Anders Fogh Rasmussen") at role words,
strips sentence-initial common words, and tries in turn: known organisations and places,
organisation and place suffixes, role and honorific cues, given names and the name shape. What it
cannot decide is returned unresolved, for the document-level pass in `index.entities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import entity_lexicon as lex
from index.entity_text import ADJECTIVE_COMPOUND_RE, Token
from index.gazetteer import lookup_place, places_casefolded

ORG_WORDS = frozenset(lex.ORG_SUFFIXES_STRONG - lex.ROLE_HEADS - {"Court", "Congress"})
NOT_NAME_ENDING_RE = re.compile(r"(?:tion|ment|ity|ness|ism|ology|opathy|itis|ics|ance|ence)$")
ACRONYM_RE = re.compile(r"[A-Z][A-Z&/.]*[A-Z]\.?|[A-Z]{2,}s")
CORPORATE_ENDINGS = {
    "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Incorporated", "Co", "Co.", "Ltd", "Ltd.",
    "Limited", "Plc", "PLC", "plc", "LLC", "AG", "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA",
    "AB", "ASA", "Group", "Holdings", "Cos", "Company", "A/S", "AS", "Oy", "Oyj", "KK", "BV",
}  # fmt: skip


@dataclass(slots=True)
class Mention:
    """A classified mention: span, kind, canonical name and the surface as written."""

    start: int
    end: int
    kind: str
    name: str
    surface: str


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.connector]


def _surface(text: str, tokens: list[Token]) -> str:
    return text[tokens[0].start : tokens[-1].end]


def _is_common(word: str) -> bool:
    return word.lower() in lex.common_words()


def _is_acronym(word: str) -> bool:
    return bool(ACRONYM_RE.fullmatch(word)) and word.upper() == word.rstrip("s")[: len(word)]


def lookup_known(surface: str) -> tuple[str, str] | None:
    """(kind, canonical) of a surface form the curated lists or the gazetteer know."""
    org = lex.known_orgs().get(surface)
    if org:
        return "org", org
    place = lookup_place(surface)
    if place:
        return "place", place.name
    return None


def lookup_known_caps(surface: str) -> tuple[str, str] | None:
    """Like `lookup_known` for ALL-CAPS text: case-insensitive, longer forms only."""
    org = lex.known_orgs_upper().get(surface.upper())
    if org:
        return "org", org
    if len(surface) >= 4 or surface in ("U.S.", "U.K.", "UAE", "USSR"):
        place = lookup_place(surface) or places_casefolded().get(surface.casefold())
        if place and (place.level in ("country", "region") or not _is_common(surface)):
            return "place", place.name
    return None


def classify_chunk(
    text: str, tokens: list[Token], sentence_start: bool
) -> tuple[list[Mention], list[list[Token]]]:
    """Mentions decided from the chunk alone, and the pieces left for the document pass."""
    mentions: list[Mention] = []
    unresolved: list[list[Token]] = []
    if text[tokens[0].start - 1 : tokens[0].start] == "<" and tokens[0].text.isupper():
        return mentions, unresolved  # a Reuters ticker: <GM>, <PSIX.O>
    part: list[Token] = []
    for token in tokens:  # "Quebec-owned", "U.S.-based": adjectives end a name
        if ADJECTIVE_COMPOUND_RE.search(token.text):
            _classify(text, part, sentence_start, mentions, unresolved, depth=0)
            part, sentence_start = [], False
        else:
            part.append(token)
    _classify(text, part, sentence_start, mentions, unresolved, depth=0)
    return mentions, unresolved


def _classify(
    text: str,
    tokens: list[Token],
    sentence_start: bool,
    mentions: list[Mention],
    unresolved: list[list[Token]],
    depth: int,
) -> None:
    while tokens and tokens[0].connector:
        tokens = tokens[1:]
    while tokens and tokens[-1].connector:
        tokens = tokens[:-1]
    while tokens and (tokens[0].text in lex.MONTHS or tokens[0].text in lex.WEEKDAYS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in lex.MONTHS or tokens[-1].text in lex.WEEKDAYS):
        tokens = tokens[:-1]
    while tokens and tokens[0].connector:
        tokens = tokens[1:]
    if not tokens or depth > 4:
        return
    words = _words(tokens)
    surface = _surface(text, tokens)

    def emit(kind: str, name: str, part: list[Token]) -> None:
        mentions.append(Mention(part[0].start, part[-1].end, kind, name, _surface(text, part)))

    known = lookup_known(surface)
    if known is None and words[0].text in ("The", "the") and len(words) > 1:
        known = lookup_known(_surface(text, tokens[1:]))
        if known:
            tokens = tokens[1:]
    if known:
        emit(known[0], known[1], tokens)
        return
    first = words[0].text
    last = words[-1].text
    before, after = text[tokens[0].start - 1 : tokens[0].start], text[tokens[-1].end :][:1]
    if before == "<" and after == ">":  # <Eagle Cable> is a company (a ticker never gets here)
        emit("org", _org_name(text, tokens), tokens)
        return
    if len(words) > 1 and all(w.text.isupper() and len(w.text) > 1 for w in words):
        mentions.extend(scan_known_caps(text, words))
        return
    org_shaped = last in lex.ORG_SUFFIXES_STRONG or last in lex.ORG_SUFFIXES_WEAK
    # Sentence-initial common word ("Unfortunately", "After", "The"): not part of a name.
    if (
        (sentence_start or first in ("The", "A", "An"))
        and (first in lex.FUNCTION_WORDS or not org_shaped)
        and len(words) >= 1
        and (_is_common(first) or first in lex.NEVER_ALONE)
        and first not in lex.HONORIFICS
        and first not in lex.ROLE_HEADS
        and not (first in lex.given_names() and len(words) > 1 and not _is_common(words[1].text))
    ):
        if len(words) == 1:
            return
        rest = tokens[tokens.index(words[0]) + 1 :]
        _classify(text, rest, False, mentions, unresolved, depth + 1)
        return
    if len(words) == 1:
        _classify_single(text, tokens[0], sentence_start, mentions, unresolved)
        return
    # "Asher Edelman and Dominion Textile Ltd": split at "and" after a person or a known name.
    for i, token in enumerate(tokens):
        if token.connector and token.text == "and" and 0 < i < len(tokens) - 1:
            left = _words(tokens[:i])
            if _looks_like_person(left) or lookup_known(_surface(text, tokens[:i])):
                _classify(text, tokens[:i], sentence_start, mentions, unresolved, depth + 1)
                _classify(text, tokens[i + 1 :], False, mentions, unresolved, depth + 1)
                return
    # "Procter & Gamble", "Castle & Cooke"
    if any(t.text == "&" for t in tokens):
        emit("org", _org_name(text, tokens), tokens)
        return
    # Place by suffix: "Pike County", "Gaza Strip".
    if last in lex.PLACE_SUFFIXES and not all(_is_common(w.text) for w in words):
        emit("place", surface, tokens)
        return
    # Organisation by suffix: "Russian Defense Ministry", "Chrysler Corp".
    org_suffix = last in lex.ORG_SUFFIXES_STRONG or (
        last in lex.ORG_SUFFIXES_WEAK
        and any(not _is_common(w.text) and w.text not in lex.ORG_SUFFIXES_WEAK for w in words[:-1])
    )
    if org_suffix and last not in lex.ROLE_HEADS:
        emit("org", _org_name(text, tokens), tokens)
        return
    # "Bank of England", "Rural Banking and Finance Corporation of New Zealand".
    if any(
        t.connector and t.text in ("of", "of the") and i > 0 and tokens[i - 1].text in ORG_WORDS
        for i, t in enumerate(tokens)
    ):
        emit("org", _org_name(text, tokens), tokens)
        return
    if first in lex.ORG_HEADS and any(
        t.connector and t.text in ("of", "for", "on") for t in tokens
    ):
        emit("org", _org_name(text, tokens), tokens)
        return
    # Roles and honorifics: "NATO Secretary-General Anders Fogh Rasmussen", "Mr. Smith".
    role_at = _last_role_index(words)
    if role_at is not None:
        head_end = words[role_at].end
        before = [t for t in tokens if t.end <= words[role_at].start]
        after = [t for t in tokens if t.start >= head_end]
        begin = role_at
        while begin > 0 and (
            words[begin - 1].text in lex.ROLE_MODIFIERS or words[begin - 1].text in lex.ROLE_HEADS
        ):
            begin -= 1
        before = [t for t in tokens if t.end <= words[begin].start]
        if before:
            _classify(text, before, sentence_start, mentions, unresolved, depth + 1)
        if after:
            _classify_person(text, after, mentions, unresolved, cued=True)
        return
    # Split at "and"/"&"-free connectors that did not make an organisation.
    if any(t.connector and t.text not in lex.NAME_PARTICLES for t in tokens):
        part: list[Token] = []
        for token in tokens:
            if token.connector and token.text not in lex.NAME_PARTICLES:
                _classify(text, part, sentence_start, mentions, unresolved, depth + 1)
                part, sentence_start = [], False
            else:
                part.append(token)
        _classify(text, part, sentence_start, mentions, unresolved, depth + 1)
        return
    _classify_multi(text, tokens, words, mentions, unresolved)


def _last_role_index(words: list[Token]) -> int | None:
    for i in range(len(words) - 1, -1, -1):
        word = words[i].text
        if word in lex.HONORIFICS or word in lex.ROLE_HEADS:
            if (
                word == "General"
                and i + 1 < len(words)
                and words[i + 1].text in lex.ORG_SUFFIXES_WEAK
            ):
                continue  # "General Motors", "General Electric": not a general
            return i
    return None


def _org_name(text: str, tokens: list[Token]) -> str:
    """The canonical name of an organisation: the curated name, or the surface without "Corp"."""
    surface = _surface(text, tokens)
    known = lex.known_orgs().get(surface)
    if known:
        return known
    return org_base_name(surface)


def org_base_name(name: str) -> str:
    """ "Chrysler Corp" -> "Chrysler", "McKinsey and Co" -> "McKinsey"; else the name itself."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(",") in CORPORATE_ENDINGS - {"Group", "Holdings"}:
        words.pop()
        while len(words) > 1 and words[-1] in ("and", "&", ","):
            words.pop()
    base = " ".join(words).rstrip(",")
    return lex.known_orgs().get(base, base)


def scan_known_caps(text: str, words: list[Token]) -> list[Mention]:
    """Known organisations and places among ALL-CAPS words ("NEW YORK", "BANK OF JAPAN")."""
    found: list[Mention] = []
    i = 0
    while i < len(words):
        for size in range(min(5, len(words) - i), 0, -1):
            part = words[i : i + size]
            surface = _surface(text, part)
            known = lookup_known_caps(surface)
            if known:
                found.append(Mention(part[0].start, part[-1].end, known[0], known[1], surface))
                i += size
                break
        else:
            i += 1
    return found


def _classify_single(
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
            and len(word.replace(".", "")) <= 5
            and word not in lex.NOT_ORG_ACRONYMS
            and not _is_common(word)
        ):
            mentions.append(Mention(token.start, token.end, "org", word, word))
            return
        return
    if sentence_start and _is_common(word):
        unresolved.append([token])  # may still be a surname seen earlier in the text
        return
    unresolved.append([token])


def _classify_person(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    unresolved: list[list[Token]],
    cued: bool,
) -> None:
    words = _words(tokens)
    if not words:
        return
    # "Chancellor of the Exchequer Nigel Lawson": skip the role's complement to the name.
    if tokens[0].connector and tokens[0].text in ("of", "of the"):
        for begin in range(1, len(words)):
            if _looks_like_person(words[begin:]):
                _classify_person(text, words[begin:], mentions, unresolved, cued=True)
                return
        return
    # Stop at a connector that is not a name particle ("Rasmussen and Poroshenko").
    for i, token in enumerate(tokens):
        if token.connector and token.text not in lex.NAME_PARTICLES:
            _classify_person(text, tokens[:i], mentions, unresolved, cued)
            _classify(text, tokens[i + 1 :], False, mentions, unresolved, depth=1)
            return
    surface = _surface(text, tokens)
    known = lookup_known(surface)
    if known:
        mentions.append(Mention(tokens[0].start, tokens[-1].end, known[0], known[1], surface))
        return
    if len(words) > 4 or all(_is_common(w.text) for w in words):
        if len(words) == 1:
            unresolved.append(tokens)
        return
    if cued or _looks_like_person(words):
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "person", surface, surface))
    else:
        unresolved.append(tokens)


def _looks_like_person(words: list[Token]) -> bool:
    first = words[0].text
    if len(words) < 2 or len(words) > 4:
        return False
    if any(w.text.isupper() and len(w.text) > 1 and not w.text.endswith(".") for w in words):
        return False
    if any(w.text in lex.ORG_SUFFIXES_WEAK or w.text in lex.demonyms() for w in words):
        return False
    if first in lex.given_names() or (len(first) == 2 and first.endswith(".")):
        return not _is_common(words[-1].text) or words[-1].text in lex.given_names()
    return False


def _classify_multi(
    text: str,
    tokens: list[Token],
    words: list[Token],
    mentions: list[Mention],
    unresolved: list[list[Token]],
) -> None:
    """A chunk of several words without suffix, role or connector."""
    if _looks_like_person(words):
        _classify_person(text, tokens, mentions, unresolved, cued=True)
        return
    # A known place or organisation inside: "Moscow Narodny", "Ukraine Crisis".
    for size in range(len(words) - 1, 0, -1):
        for begin in range(0, len(words) - size + 1):
            part = words[begin : begin + size]
            surface = _surface(text, part)
            known = lookup_known(surface)
            if known is None:
                continue
            rest = words[:begin] + words[begin + size :]
            if all(_is_common(w.text) or w.text in lex.demonyms() for w in rest):
                mentions.append(Mention(part[0].start, part[-1].end, known[0], known[1], surface))
                return
            # "Texas Instruments", "Tokyo Electric Power": a place naming a company
            if (
                begin == 0
                and known[0] == "place"
                and len(words) <= 4
                and any(w.text in lex.ORG_SUFFIXES_WEAK for w in rest)
            ):
                name = _org_name(text, tokens)
                surface = _surface(text, tokens)
                mentions.append(Mention(tokens[0].start, tokens[-1].end, "org", name, surface))
                return
            break
    # "Chicago Bulls", "New York Yankees": a place and a plural name is a team or a company
    place = lookup_known(_surface(text, words[:-1]))
    plural = words[-1].text
    if place and place[0] == "place" and plural.endswith("s") and plural not in lex.demonyms():
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "org", _surface(text, tokens),
                                _surface(text, tokens)))  # fmt: skip
        return
    uncommon = [w for w in words if not _is_common(w.text)]
    if (
        2 <= len(words) <= 3
        and not NOT_NAME_ENDING_RE.search(words[-1].text)
        and len(uncommon) == len(words)
        and not any(w.text in lex.demonyms() or w.text in lex.NEVER_ALONE for w in words)
        and not any(lookup_known(w.text) for w in words)
        and not any(w.text.isupper() and len(w.text) > 1 for w in words)
    ):
        surface = _surface(text, tokens)
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "person", surface, surface))
        return
    for word in words:
        _classify_single(text, word, False, mentions, unresolved)

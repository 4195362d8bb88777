"""Rules that look at a name chunk's first word: foreign articles and organisation heads, clubs,
nationality and occupation nouns before a person, and places named "X of Y" ("Gulf of Mexico").
"""

from __future__ import annotations

from index.entities import lexicon as lex
from index.entities.chunks import Token
from index.entities.shapes import (
    Mention,
    is_lead_noun,
    looks_like_person,
    lookup_known,
    name_shaped,
    name_word,
    surface_of,
    words_of,
)
from index.entities.teams import ROMAN_NUMERALS, club

EDGE_FIRST_WORDS = (
    lex.FOREIGN_ARTICLES | lex.FOREIGN_ORG_HEADS | lex.CLUB_PREFIXES | frozenset(lex.PLACE_HEADS)
)
EDGE_LAST_WORDS = lex.CLUB_SUFFIXES | ROMAN_NUMERALS
# mentions decided, the tokens left to classify again, and whether those are a person
Edge = tuple[list[Mention], list[Token], bool]


def edge_rule(text: str, tokens: list[Token], words: list[Token]) -> Edge | None:
    """What the first word of a chunk decides, or None when it decides nothing."""
    first, last = words[0].text, words[-1].text
    if len(words) == 1 or not (
        first in EDGE_FIRST_WORDS or last in EDGE_LAST_WORDS or is_lead_noun(first)
    ):
        return None  # the usual chunk: nothing here applies
    surface = surface_of(text, tokens)
    if first in lex.FOREIGN_ARTICLES and len(words) > 1 and not tokens[1].connector:
        rest = tokens[1:]  # "La Commission européenne", "Die Deutsche Bahn"
        head = words[1].text
        if (
            head in lex.FOREIGN_ORG_HEADS
            or (head in lex.ORG_HEADS and first != "De")
            or lookup_known(surface_of(text, rest))
        ):
            return [], rest, False
    if (
        first in lex.FOREIGN_ORG_HEADS
        and len(words) > 1
        and last not in ("Mark", "Marks")  # "Deutsche Mark": a currency
        and not looks_like_person(words)
    ):
        org = Mention(tokens[0].start, tokens[-1].end, "org", surface, surface)
        return [org], [], False  # "Comissão de Segurança Cibernética", "Guardia Civil"
    team = club(text, words) if len(words) == len(tokens) else None
    if team:
        return [team], [], False  # "Derby County", "Dynamo Kiev"
    if is_lead_noun(first) and len(words) > 1 and not tokens[1].connector:
        rest = tokens[1:]  # "Frenchman Patrick Vieira", "All-rounder Greg Blewett"
        rest_words = words_of(rest)
        if (
            (
                len(rest_words) == 1
                and first not in lex.demonyms()
                and name_word(rest_words[0].text)
                and rest_words[0].text not in lex.ORG_SUFFIXES_STRONG
            )
            or looks_like_person(rest_words)
            or name_shaped(rest_words)
        ):
            return [], rest, True
    if first in lex.PLACE_HEADS and len(tokens) > 2 and tokens[1].text in ("of", "of the"):
        end = next((i for i, t in enumerate(tokens[2:], 2) if t.connector), len(tokens))
        name = surface_of(text, tokens[:end])  # "Gulf of Mexico"
        place = Mention(tokens[0].start, tokens[end - 1].end, "place", name, name)
        return [place], tokens[end + 1 :] if end < len(tokens) - 1 else [], False
    return None

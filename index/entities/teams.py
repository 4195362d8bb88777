"""Sports results in the news: teams in score lines and standings, and cities that beat someone.

Score lines ("Arsenal 2 Chelsea 1") and standings rows ("Ajax 3 2 1 0 7 2 7") name teams, which
are organisations; a table of countries with figures stays a table of places.
"""

from __future__ import annotations

import re

from index.entities import lexicon as lex
from index.entities.chunks import Token
from index.entities.gazetteer import lookup_place
from index.entities.shapes import Mention, lookup_known

SCORE_RE = re.compile(
    r"(?<![\w'’])([A-Z][A-Za-z.'’&-]+(?: [A-Z][A-Za-z.'’&-]+){0,3}) \d{1,3}"
    r"(?= ?[,;.]| [A-Z0-9]| ?$)"
)
# standings rows: "Ajax 3 2 1 0 7 2 7", "NEW YORK 72 57 .558 -", "TORONTO 59 71 .454 13 1/2"
STANDINGS_RE = re.compile(
    r"^[A-Z][A-Za-z.'’&-]+(?: [A-Z][A-Za-z.'’&-]+){0,3}"
    r"(?:(?: +\d{1,3}){3,}|(?: +\d{1,3}){2} +\.\d{3})(?: +(?:\.\d{3}|-|\d{1,3}|\d/\d))*\s*$"
)
AFTER_SCORE_RE = re.compile(r" \d{1,3}\b")
NUMBERED_LABELS = frozenset({
    "figure", "fig", "table", "tab", "type", "chapter", "section", "page", "vol", "volume", "no",
    "step", "phase", "level", "grade", "class", "round", "stage", "week", "day", "year", "article",
    "part", "model", "version", "results", "result", "appendix", "box", "panel", "row", "column",
    "item", "question", "note", "ref", "exhibit", "schedule",
})  # fmt: skip
TEAM_AFTER_RE = re.compile(r" (?:beat|drew|defeated|thrashed|edged|routed|crushed)\b")
TEAM_BEFORE_RE = re.compile(r"\b(?:beat|drew with|lost to|defeated|thrashed|edged)\s+$")


def is_results_line(line: str) -> bool:
    """ "Arsenal 2 Chelsea 1, Everton 0 Liverpool 0" or a standings row "Ajax 3 2 1 0 7 2 7"."""
    if STANDINGS_RE.match(line):
        return True
    scores = [m for m in SCORE_RE.findall(line) if m.split()[0] not in lex.MONTHS]
    return len(scores) >= 2


def is_numbered_label(tokens: list[Token]) -> bool:
    """ "Figure 2", "Table 3", "In 1990": a label or a word before a number, not a team."""
    word = tokens[-1].text
    return len(tokens) == 1 and (
        word in lex.FUNCTION_WORDS
        or word.lower() in NUMBERED_LABELS
        or ("/" in word and len(word) <= 4)  # "F/H 12": first half
    )


def team(text: str, tokens: list[Token]) -> Mention:
    """The team a score line names: an organisation (a country in a table of figures: a place)."""
    surface = text[tokens[0].start : tokens[-1].end]
    known = lookup_known(surface)
    if known and known[0] == "place" and surface[:1].isupper() and not surface.isupper():
        place = lookup_place(surface)  # "Belgium 12.5 Denmark 10.1": a table of countries
        if place is not None and place.level == "country":
            return Mention(tokens[0].start, tokens[-1].end, "place", known[1], surface)
    name = known[1] if known and known[0] == "org" else surface
    return Mention(tokens[0].start, tokens[-1].end, "org", name, surface)


def teams_by_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """A city that beats or draws with someone is its club ("Barcelona beat Valencia 2-1")."""
    for mention in mentions:
        if mention.kind != "place" or not (
            TEAM_AFTER_RE.match(text, mention.end)
            or TEAM_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start)
        ):
            continue
        place = lookup_place(mention.surface)
        if place is not None and place.level in ("city", "region", "state"):
            mention.kind = "org"
            mention.name = mention.surface
    return mentions

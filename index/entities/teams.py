"""Sports results in the news: teams in score lines and standings, and cities that beat someone.

Score lines ("Arsenal 2 Chelsea 1") and standings rows ("Ajax 3 2 1 0 7 2 7") name teams, which
are organisations; a table of countries with figures stays a table of places.
"""

from __future__ import annotations

import re

from index.entities import lexicon as lex
from index.entities.chunks import Token
from index.entities.gazetteer import lookup_place
from index.entities.shapes import Mention, looks_like_person, lookup_known, lookup_known_caps

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
# cues of a club in a sports story
SPORT_AFTER_RE = re.compile(
    r" (?:won \d|lost \d|led \d|trailed|manager|coach|striker|midfielder|defender|goalkeeper"
    r"|captain|winger|forward|full-back|fullback|skipper|chairman|fans|supporters|side|team"
    r"|squad|players?|['’]s (?:manager|coach|striker|goal|defence|defense|captain|midfield|win"
    r"|victory|defeat|players?|fans)|(?:are|were|have|had) (?:beaten|relegated|promoted|top"
    r"|bottom|unbeaten)|\d{1,2}-\d{1,2}\b)"
)
# the words before a club in a sports story: "against Leeds", "joined Newcastle from Parma"
SPORT_BEFORE = frozenset({
    "beating", "against", "visit", "visiting", "visited", "host", "hosts", "hosted", "hosting",
    "joined", "join", "from", "with", "for", "draw with", "losing to", "away to", "away at",
    "signed for", "moved to", "move to", "home to",
})  # fmt: skip
SPORT_WORDS_RE = re.compile(
    r"\b(?:goals?|scored|striker|midfielder|defender|goalkeeper|league|match|championship|cup"
    r"|coach|innings|wickets?|batsman|bowler|half-?time|penalty|tournament|seeded|semi-?finals?"
    r"|quarter-?finals?|play-?offs?|touchdown|quarterback|pitcher|homers?|rugby|soccer|cricket"
    r"|tennis|golf|hockey|baseball|basketball|NBA|NHL|NFL|UEFA|FIFA|Bundesliga|Serie A"
    r"|fixtures?|relegat\w+|promoted|season|draw|drew|test match|runs|tries|try|squad"
    r"|midfield|defence|title|champions|leaders|points|minute|minutes|manager|fans|draw"
    r"|\d{1,2}-\d{1,2})\b",
    re.IGNORECASE,
)
# "UTAH AT DENVER", "Chicago at Seattle": a schedule line
FIXTURE_RE = re.compile(
    r"^\s*([A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2}) (?:AT|at) "
    r"([A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2})\s*(?:\(.*\))?\s*$"
)
ROMAN_NUMERALS = frozenset({"I", "II", "III", "IV"})


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


def is_player(text: str, line_start: int, tokens: list[Token]) -> bool:
    """A scorer or a player before figures, not a team: "( Mohamed Ouda 24 , 73 )",
    "Hugh Baiocchi 73 67 141"."""
    before = text[line_start : tokens[0].start]
    if before.count("(") > before.count(")"):
        return True
    words = [t for t in tokens if not t.connector]
    if (
        len(words) < 2
        or words[-1].text in lex.CLUB_SUFFIXES
        or lookup_known(text[tokens[0].start : tokens[-1].end])
    ):
        return False
    return looks_like_person(words) and not any(lookup_place(w.text) for w in words)


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


def fixture(text: str, line_start: int, line: str) -> list[Mention]:
    """ "UTAH AT DENVER": the visitor is a team, the host the place where it plays."""
    match = FIXTURE_RE.match(line)
    if match is None:
        return []
    found = []
    for group, kind in ((1, "org"), (2, "place")):
        surface = match.group(group)
        start = line_start + match.start(group)
        known = lookup_known_caps(surface) if surface.isupper() else lookup_known(surface)
        if kind == "place" and known and known[0] == "org":
            kind = "org"
        name = known[1] if known and known[0] == kind else surface
        found.append(Mention(start, start + len(surface), kind, name, surface))
    return found


def club(text: str, words: list[Token]) -> Mention | None:
    """A club named after its town: "Derby County", "Dynamo Kiev", "Switzerland I" (a crew)."""
    if not 2 <= len(words) <= 4:
        return None
    first, last = words[0].text, words[-1].text
    surface = text[words[0].start : words[-1].end]
    if last in ROMAN_NUMERALS and len(words) == 2:
        place = lookup_place(first)
        if place is not None and place.level == "country":
            return Mention(words[0].start, words[-1].end, "org", surface, surface)
        return None
    if last in lex.CLUB_SUFFIXES:
        town = lookup_place(text[words[0].start : words[-2].end])
        if town is None or lookup_place(surface) is not None or town.level == "country":
            return None
        if last in lex.AMBIGUOUS_CLUB_SUFFIXES and (town.country not in ("GB", "IE")):
            return None  # "Mexico City", "Orange County": places
    elif first in lex.CLUB_PREFIXES:
        town = lookup_place(text[words[1].start : words[-1].end])
        if town is None:
            return None
    else:
        return None
    return Mention(words[0].start, words[-1].end, "org", surface, surface)


def _sport_cue_before(text: str, start: int) -> bool:
    words = text[max(0, start - 30) : start].split()[-3:]
    if words and words[-1] == "the":
        words.pop()
    return bool(words) and (words[-1] in SPORT_BEFORE or " ".join(words[-2:]) in SPORT_BEFORE)


def is_sports_story(text: str) -> bool:
    """Whether a story is about sport: several of its words say so."""
    return len(set(SPORT_WORDS_RE.findall(text[:20_000]))) >= 3


def teams_by_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """A city that beats or draws with someone is its club ("Barcelona beat Valencia 2-1"); in a
    sports story, so is a city with a manager, a striker or fans, or that someone joined or
    played against, and every other mention of that city in the story."""
    sport: bool | None = None
    towns = {m.surface for m in mentions if m.kind == "place"}
    if not towns:
        return mentions
    # a team of a score line named like a town the story names elsewhere
    clubs = {m.surface for m in mentions if m.kind == "org" and m.surface in towns}
    for mention in mentions:
        if mention.kind != "place":
            continue
        place = lookup_place(mention.surface)
        if place is None or place.level not in ("city", "region", "state"):
            continue
        if TEAM_AFTER_RE.match(text, mention.end) or TEAM_BEFORE_RE.search(
            text, max(0, mention.start - 12), mention.start
        ):
            clubs.add(mention.surface)
            continue
        if not (SPORT_AFTER_RE.match(text, mention.end) or _sport_cue_before(text, mention.start)):
            continue
        if sport is None:
            sport = is_sports_story(text)
        if sport:
            clubs.add(mention.surface)
    if clubs and (sport or (sport is None and is_sports_story(text))):
        for mention in mentions:
            if mention.kind == "place" and mention.surface in clubs:
                mention.kind, mention.name = "org", mention.surface
    elif clubs:
        for mention in mentions:
            if (
                mention.kind == "place"
                and mention.surface in clubs
                and (
                    TEAM_AFTER_RE.match(text, mention.end)
                    or TEAM_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start)
                )
            ):
                mention.kind, mention.name = "org", mention.surface
    return mentions

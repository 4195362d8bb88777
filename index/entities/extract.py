"""Named entities (people, organisations, places) of a text or an article, by rules and gazetteers.

Public API: `extract_entities(text)`, `article_entities(title, paragraphs, caption)`,
`canonical_place(name)` and `normalize_entity_key(name)`. No model, no network: the word lists and
gazetteers are loaded once per process on first use (fork- and pickle-friendly: module-level
caches, nothing held by the functions).

Canonical names: places use the gazetteer's newsroom spelling ("United States" for "U.S.", "US",
"USA" and "America"; "United Kingdom" for "Britain" and "UK"; "Kyiv" for "Kiev"); organisations use
the curated list's name ("NATO", "European Union") or the longest form in the text; people use the
fullest form in the text ("Anders Fogh Rasmussen" for every later "Rasmussen").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.entities import lexicon as lex
from index.entities.chunks import (
    CHUNK_RE,
    Token,
    chunk_tokens,
    is_english,
    is_sentence_start,
    line_mode,
)
from index.entities.gazetteer import canonical_place
from index.entities.resolve import GENERATIONS, resolve_people
from index.entities.rules import classify_chunk
from index.entities.shapes import (
    CORPORATE_ENDINGS,
    Mention,
    definite_org_mentions,
    lookup_known,
    lookup_known_caps,
)
from index.entities.teams import (
    AFTER_SCORE_RE,
    STANDINGS_RE,
    fixture,
    is_numbered_label,
    is_player,
    is_results_line,
    team,
    teams_by_context,
)
from index.records import ArticleEntity, Entity

__all__ = ["article_entities", "canonical_place", "extract_entities", "normalize_entity_key"]

MAX_TEXT = 2_000_000  # characters analysed per text; the rest is ignored
ACRONYM_DEFINITION_RE = re.compile(r" \(([A-Z][A-Z&.]{1,9})\)")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DATELINE_RE = re.compile(
    r"(?: ?, ([A-Z][A-Za-z]{1,5}\.?|[A-Z]\.[A-Z]\.|[A-Z]\.[A-Z]\.[A-Z]\.) ?,"  # MICH.,
    r"| ?, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?"  # , United Arab Emirates
    r" ?,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}\b|\d{4}-\d\d-\d\d\b|- )"
)
TITLE_CASE_RE = re.compile(r"[^\W\d_]+")
SPEECH_AFTER_RE = re.compile(
    r",? (?:said|says|told|added|asked|agreed|proposed|denied|warned|urged|insisted|argued"
    r"|admitted|accused|wrote|replied|explained|stressed|acknowledged|believes|thinks|wants"
    r"|hopes|scored|resigned|promised|vowed|declined|testified)\b"
)
SPEECH_BEFORE_RE = re.compile(r"\b(?:said|says|according to)\s*$")


class DocumentNames(dict[str, tuple[str, str]]):
    """Surface form -> (kind, canonical) of the names one text has already established."""

    folded_cache: dict[str, tuple[str, str]] | None = None

    def folded(self) -> dict[str, tuple[str, str]]:
        """The same names casefolded (longer than 3 characters), for ALL-CAPS lines."""
        if self.folded_cache is None:
            self.folded_cache = {k.casefold(): v for k, v in self.items() if len(k) > 3}
        return self.folded_cache


Known = DocumentNames


def normalize_entity_key(name: str) -> str:
    """The index term of an entity name: casefolded, whitespace collapsed."""
    return " ".join(name.casefold().split())


def extract_entities(text: str) -> list[Entity]:
    """Every person, organisation and place named in `text`, in order of first mention."""
    if not isinstance(text, str) or not text:
        return []
    return _group(_mentions(text))


def article_entities(title: str, paragraphs: list[str], caption: str = "") -> list[ArticleEntity]:
    """The entities of one article, aliases merged, sorted by salience (most salient first).

    Spans point into the body ("\\n\\n".join(paragraphs)); `count` counts the mentions in the
    title, the caption and the body; `in_lead` means named in the first paragraph. `aliases` are
    the other surface forms used in the article, and for a person always the surname as well.
    """
    title = " ".join((title or "").split())
    caption = (caption or "").replace("\r", " ")
    body = "\n\n".join(paragraphs)
    caption_at = len(title) + 2
    body_at = caption_at + len(caption) + 2
    lead_end = body_at + (len(paragraphs[0]) if paragraphs else 0)
    combined = f"{title}\n\n{caption}\n\n{body}"
    found: dict[tuple[str, str], ArticleEntity] = {}
    first_seen: dict[tuple[str, str], int] = {}
    for entity in _group(_mentions(combined)):
        key = (entity.kind, entity.name)
        item = ArticleEntity(name=entity.name, kind=entity.kind, count=0)
        surfaces: list[str] = []
        for start, end in entity.spans:
            item.count += 1
            surface = combined[start:end]
            if surface != entity.name and surface not in surfaces:
                surfaces.append(surface)
            if end <= len(title):
                item.in_title = True
            elif start >= body_at:
                item.spans.append((start - body_at, end - body_at))
                if end <= lead_end:
                    item.in_lead = True
        surname = next(
            (w for w in reversed(entity.name.split()) if w.rstrip(".,") not in GENERATIONS), ""
        )
        if entity.kind == "person" and surname not in (entity.name, "") and surname not in surfaces:
            surfaces.append(surname)  # the short form a reader searches by, named or not here
        item.aliases = surfaces
        found[key] = item
        first_seen[key] = entity.spans[0][0]
    return sorted(found.values(), key=lambda e: (-e.salience, first_seen[(e.kind, e.name)]))


def _mentions(text: str) -> list[Mention]:
    """Classify every capitalised chunk of `text`, then resolve what is left at document level."""
    text = text[:MAX_TEXT]
    text = CONTROL_RE.sub(" ", text)  # same length: spans stay valid for the caller's text
    modes: dict[int, str] = {}
    mentions: list[Mention] = []
    pending: list[tuple[list[Token], bool]] = []  # unresolved pieces, sentence-initial?
    headlines: list[tuple[list[Token], str]] = []
    consumed = 0  # end of the dateline's state abbreviation, already classified
    for match in CHUNK_RE.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        mode = modes.get(line_start)
        if mode is None:
            line_end = text.find("\n", start)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            mode = line_mode(line)
            if (mode == "normal" and is_results_line(line)) or (
                mode == "shout" and STANDINGS_RE.match(line)
            ):
                mode = "results"
            elif " at " in line.lower() and (teams := fixture(text, line_start, line)):
                mode = "fixture"  # "UTAH AT DENVER"
                mentions.extend(teams)
            modes[line_start] = mode
        if start < consumed or mode == "fixture":
            continue
        tokens = chunk_tokens(text, start, match.end())
        if not tokens:
            continue
        if start == line_start and tokens[-1].text.isupper():
            dateline = _dateline(text, tokens)
            if dateline:
                mentions.extend(dateline)
                consumed = dateline[-1].end if len(dateline) > 1 else match.end()
                continue
        if (
            mode == "results"
            and AFTER_SCORE_RE.match(text, match.end())
            and not is_numbered_label(tokens)
            and not is_player(text, line_start, tokens)
        ):
            mentions.append(team(text, tokens))  # "Arsenal 2 Chelsea 1": teams
            continue
        if mode in ("shout", "headline"):
            headlines.append((tokens, mode))
            continue
        sentence_start = is_sentence_start(text, start)
        found, unresolved = classify_chunk(text, tokens, sentence_start)
        mentions.extend(found)
        for piece in unresolved:
            pending.append((piece, sentence_start and piece[0].start == start))
    known = _document_names(text, mentions)
    for piece, sentence_start in pending:
        mentions.extend(_resolve_piece(text, piece, sentence_start, known))
    for tokens, mode in headlines:
        mentions.extend(_scan_known(text, tokens, known, shout=mode == "shout"))
    mentions = _with_apostrophe_orgs(text, mentions)
    mentions += definite_org_mentions(text, mentions)
    mentions = _canonical_people(sorted(mentions, key=lambda m: m.start))
    mentions = resolve_people(text, teams_by_context(text, mentions))
    if not is_english(text):
        mentions = [m for m in mentions if m.kind != "person" or _sure_person(text, m)]
    return _one_kind_per_name(sorted(mentions, key=lambda m: m.start))


def _sure_person(text: str, mention: Mention) -> bool:
    """In a text not in English, a person needs a known given name, an initial or a title: the
    name shape alone ("Comissão de Segurança") says nothing there."""
    words = mention.name.split()
    if len(words) < 2 or len(words) > 4:
        return False
    if words[0] in lex.given_names() or (len(words[0]) == 2 and words[0].endswith(".")):
        return True
    before = text[max(0, mention.start - 25) : mention.start].split()
    return bool(before) and (before[-1] in lex.HONORIFICS or before[-1] in lex.ROLE_HEADS)


def _dateline(text: str, tokens: list[Token]) -> list[Mention]:
    """ "MANILA, March 1 -", "SOUTHFIELD, MICH., March 13 -", "LONDON 1996-08-30": places."""
    after = DATELINE_RE.match(text, tokens[-1].end)
    if after is None:
        return []
    surface = text[tokens[0].start : tokens[-1].end]
    known = lookup_known_caps(surface)
    if (known and known[0] != "place") or (known is None and after.group().endswith("- ")):
        return []  # "SOCCER - JAPAN ...": a section header, not a dateline
    name = known[1] if known else TITLE_CASE_RE.sub(lambda m: m.group().capitalize(), surface)
    found = [Mention(tokens[0].start, tokens[-1].end, "place", name, surface)]
    state = after.group(1)
    if state:
        full = lex.US_STATE_ABBREVIATIONS.get(state.rstrip(".").lower())
        if full:
            begin = after.start(1)
            end = begin + len(state.rstrip("."))
            found.append(Mention(begin, end, "place", full, text[begin:end]))
    return found


def _document_names(text: str, mentions: list[Mention]) -> Known:
    """Surface forms this text has already tied to an entity: full names, surnames, acronyms."""
    known = DocumentNames()
    for mention in mentions:
        entry = (mention.kind, mention.name)
        known.setdefault(mention.surface, entry)
        known.setdefault(mention.name, entry)
        words = mention.name.split()
        if mention.kind == "person" and len(words) >= 2:
            for size in range(len(words) - 1, 0, -1):
                tail = " ".join(words[-size:])
                if len(tail) > 2 and tail.lower() not in lex.common_words():
                    known.setdefault(tail, entry)
        elif mention.kind == "org" and len(words) >= 2:
            # "Chrysler Corp" -> "Chrysler"; "Cathay Pacific Airways" -> "Cathay"
            forms = [words[0]]
            if words[-1] in CORPORATE_ENDINGS:
                forms.append(" ".join(words[:-1]).rstrip(","))
            for short in forms:
                if (
                    len(short) > 2
                    and short.lower() not in lex.common_words()
                    and short not in lex.demonyms()
                    and short not in lex.given_names()
                    and short not in lex.ORG_HEADS
                    and short not in lex.GENERIC_NAME_WORDS  # "United Cities Gas" is not "United"
                    and lookup_known(short) is None
                ):
                    known.setdefault(short, entry)
        definition = ACRONYM_DEFINITION_RE.match(text, mention.end)
        if definition and mention.kind == "org":
            known.setdefault(definition.group(1), entry)
    return known


def _resolve_piece(
    text: str, tokens: list[Token], sentence_start: bool, known: Known
) -> list[Mention]:
    """A piece the chunk rules left open: a surname seen before, or a person cued by speech."""
    found = _scan_known(text, tokens, known, shout=False)
    if found or len(tokens) != 1:
        return found
    token = tokens[0]
    word = token.text
    if (
        word.lower() in lex.common_words()
        or word in lex.NEVER_ALONE
        or word in lex.ORG_SUFFIXES_STRONG
        or word in lex.PARTY_MEMBERS
        or word.isupper()
        or len(word) < 3
        or not word[1:].islower()
    ):
        return []
    cued = SPEECH_AFTER_RE.match(text, token.end) or SPEECH_BEFORE_RE.search(
        text, max(0, token.start - 20), token.start
    )
    if cued and not sentence_start:
        return [Mention(token.start, token.end, "person", word, word)]
    return []


def _scan_known(text: str, tokens: list[Token], known: Known, shout: bool) -> list[Mention]:
    """Greedy longest matches of known names among the tokens (headlines and leftovers)."""
    words = [t for t in tokens if not t.connector]
    lookups: list[Callable[[str], tuple[str, str] | None]] = [known.get, lookup_known]
    if shout:
        folded = known.folded()
        lookups += [lambda s: folded.get(s.casefold()), lookup_known_caps]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        for size in range(min(6, len(words) - i), 0, -1):
            start, end = words[i].start, words[i + size - 1].end
            surface = text[start:end]
            if size == 1 and (surface in lex.NEVER_ALONE or surface in lex.demonyms()):
                continue
            if text[start - 1 : start] == "<":
                continue  # a ticker: "COMMERCIAL CREDIT <CCC>"
            for lookup in lookups:
                entry = lookup(surface)
                if entry:
                    break
            if entry:
                found.append(Mention(start, end, entry[0], entry[1], surface))
                i += size
                break
        else:
            i += 1
    return found


def _canonical_people(mentions: list[Mention]) -> list[Mention]:
    """Give each person mention the fullest name of that person in the text."""
    people = {m.name for m in mentions if m.kind == "person"}
    fullest: dict[str, str] = {}  # every word-suffix of a name -> the longest name ending so
    for name in people:
        words = name.split(" ")
        for size in range(1, len(words)):
            tail = " ".join(words[-size:])
            known = fullest.get(tail)
            if known is None or (len(name), name) > (len(known), known):
                fullest[tail] = name
    if fullest:
        for mention in mentions:
            if mention.kind == "person" and mention.name in fullest:
                mention.name = fullest[mention.name]
    return mentions


def _with_apostrophe_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Known names with "'s" ("Moody's Investors Service") replace the pieces found inside them."""
    if "'" not in text and "’" not in text:
        return mentions
    known = lex.known_orgs()
    found = [
        Mention(m.start(), m.end(), "org", known[_plain_apostrophe(m.group())], m.group())
        for m in lex.apostrophe_orgs_re().finditer(text)
        if _plain_apostrophe(m.group()) in known
    ]
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
    return kept + found


def _plain_apostrophe(surface: str) -> str:
    return re.sub(r"\s?['’]", "'", surface)


def _one_kind_per_name(mentions: list[Mention]) -> list[Mention]:
    """A name taken for a person once and for an organisation elsewhere ("Dome Mines" and
    "Dome Mines Ltd") is the organisation: its suffix is stronger evidence than its shape."""
    orgs: dict[str, str] = {}
    for mention in mentions:
        if mention.kind == "org":
            orgs.setdefault(mention.surface, mention.name)
            orgs.setdefault(mention.name, mention.name)
    if not orgs:
        return mentions
    starts: dict[str, str] = {}  # "Midland Montagu" -> "Midland Montagu Capital Markets"
    for name in dict.fromkeys(orgs.values()):  # first named first: not a set, whose order varies
        words = name.split()
        for size in range(2, len(words)):
            starts.setdefault(" ".join(words[:size]), name)
    for mention in mentions:
        if mention.kind == "person":
            org = orgs.get(mention.name) or starts.get(mention.name)
            if org:
                mention.kind, mention.name = "org", org
    return mentions


def _group(mentions: list[Mention]) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    for mention in mentions:
        key = (mention.kind, mention.name)
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(name=mention.name, kind=mention.kind)  # type: ignore[arg-type]
        entity.spans.append((mention.start, mention.end))
    return list(entities.values())

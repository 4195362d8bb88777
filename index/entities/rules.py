"""The rules that decide what a capitalised name chunk names: a person, an organisation, a place.

`classify_chunk` splits a chunk ("NATO Secretary-General Anders Fogh Rasmussen") at role words,
strips sentence-initial common words, and tries in turn: known organisations and places,
organisation and place suffixes, role and honorific cues, given names and the name shape. What it
cannot decide is returned unresolved, for the document-level pass in `index.entities.extract`.
"""

from __future__ import annotations

from index.entities import lexicon as lex
from index.entities.chunks import ADJECTIVE_COMPOUND_RE, Token
from index.entities.edges import edge_rule
from index.entities.shapes import (
    BANK_WORD_RE,
    CORPORATE_ENDINGS,
    NOT_NAME_ENDING_RE,
    ORG_WORDS,
    Mention,
    city_then_surname,
    classify_single,
    ends_like_org,
    is_common,
    is_given_name,
    last_role_index,
    looks_like_person,
    lookup_known,
    name_shaped,
    name_word,
    org_name,
    scan_known_caps,
    surface_of,
    words_of,
)


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
        elif part and part[-1].text.endswith(".") and token.text in lex.FUNCTION_WORDS:
            _classify(text, part, sentence_start, mentions, unresolved, depth=0)
            part, sentence_start = [token], True  # "... and Co. The Wednesday ...": a new sentence
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
    if len(tokens) > 1 and tokens[-1].text in lex.WEEKDAYS:  # "Sheffield Wednesday"
        surface = surface_of(text, tokens)
        known = lookup_known(surface)
        if known:
            mentions.append(Mention(tokens[0].start, tokens[-1].end, *known, surface))
            return
    while tokens and (tokens[0].text in lex.MONTHS or tokens[0].text in lex.WEEKDAYS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in lex.MONTHS or tokens[-1].text in lex.WEEKDAYS):
        tokens = tokens[:-1]
    while tokens and tokens[0].connector:
        tokens = tokens[1:]
    if not tokens or depth > 4:
        return
    words = words_of(tokens)
    surface = surface_of(text, tokens)

    def emit(kind: str, name: str, part: list[Token]) -> None:
        mentions.append(Mention(part[0].start, part[-1].end, kind, name, surface_of(text, part)))

    known = lookup_known(surface)
    if known is None and words[0].text in ("The", "the") and len(words) > 1:
        known = lookup_known(surface_of(text, tokens[1:]))
        if known:
            tokens = tokens[1:]
    if known:
        emit(known[0], known[1], tokens)
        return
    first = words[0].text
    last = words[-1].text
    edge = edge_rule(text, tokens, words)
    if edge is not None:
        found, rest, as_person = edge
        mentions.extend(found)
        if rest and as_person:
            _classify_person(text, rest, mentions, unresolved, cued=True)
        elif rest:
            _classify(text, rest, False, mentions, unresolved, depth + 1)
        return
    before, after = text[tokens[0].start - 1 : tokens[0].start], text[tokens[-1].end :][:1]
    if before == "<" and after == ">":  # <Eagle Cable> is a company (a ticker never gets here)
        emit("org", org_name(text, tokens), tokens)
        return
    if len(words) > 1 and all(w.text.isupper() and len(w.text) > 1 for w in words):
        mentions.extend(scan_known_caps(text, words))
        return
    org_shaped = (
        last in lex.ORG_SUFFIXES_STRONG
        or last in lex.ORG_SUFFIXES_WEAK
        or (  # "Federal Reserve Bank of New York", "Central Bank of Egypt"
            (first in lex.ORG_HEADS or first == "Central")
            and any(w.text in lex.ORG_SUFFIXES_STRONG for w in words[1:3])
        )
        or (  # "Bank of Israel Governor Michael Bruno" opening a sentence
            first in ORG_WORDS and len(tokens) > 2 and tokens[1].text in ("of", "of the", "for")
        )
    )
    # Sentence-initial common word ("Unfortunately", "After", "The"): not part of a name.
    if (
        (sentence_start or first in ("The", "A", "An"))
        and (first in lex.FUNCTION_WORDS or not org_shaped)
        and len(words) >= 1
        and (is_common(first) or first in lex.NEVER_ALONE)
        and first not in lex.HONORIFICS
        and first not in lex.ROLE_HEADS
        and not (len(tokens) > 2 and tokens[1].text in ("and", "&"))  # Securities and Exchange
        and not (
            (first in lex.given_names() or first in lex.GIVEN_AND_WORD)
            and first not in lex.FUNCTION_WORDS  # "In Italy" is no person named In
            and len(words) > 1
            and not is_common(words[1].text)
        )
    ):
        if len(words) == 1:
            return
        rest = tokens[tokens.index(words[0]) + 1 :]
        _classify(text, rest, False, mentions, unresolved, depth + 1)
        return
    if len(words) == 1:
        classify_single(text, tokens[0], sentence_start, mentions, unresolved)
        return
    # "Asher Edelman and Dominion Textile Ltd": split at "and" after a person or a known name.
    for i, token in enumerate(tokens):
        if token.connector and token.text == "and" and 0 < i < len(tokens) - 1:
            left = words_of(tokens[:i])
            right = words_of(tokens[i + 1 :])
            if (
                (
                    looks_like_person(left)
                    or lookup_known(surface_of(text, tokens[:i]))
                    or (left[-1].text in CORPORATE_ENDINGS and len(right) > 1)
                    or (  # "Swiss Re and Munich Re"
                        len(left) > 1
                        and len(right) > 1
                        and left[-1].text in lex.ORG_SUFFIXES_STRONG
                        and right[-1].text in lex.ORG_SUFFIXES_STRONG
                    )
                )
                and not all(w.text in CORPORATE_ENDINGS for w in words_of(tokens[i + 1 :]))
            ):
                # "Toyota Motor Corp and Nissan Motor Co": two companies; not "Morgan and Co"
                _classify(text, tokens[:i], sentence_start, mentions, unresolved, depth + 1)
                _classify(text, tokens[i + 1 :], False, mentions, unresolved, depth + 1)
                return
    # "President of Holly Farms Poultry Industries": the role's organisation
    if (
        first in lex.ROLE_HEADS
        and len(tokens) > 2
        and tokens[1].connector
        and tokens[1].text in ("of", "of the")
        and (ends_like_org(words[1:]) or last in lex.ORG_SUFFIXES_WEAK)
    ):
        _classify(text, tokens[2:], False, mentions, unresolved, depth + 1)
        return
    # "Tom Smith of Merrill Lynch & Co": a person of an organisation
    for i, token in enumerate(tokens):
        if token.connector and token.text == "of" and 1 < i < len(tokens) - 1:
            left, right = words_of(tokens[:i]), words_of(tokens[i + 1 :])
            if len(left) == 3 and is_common(left[0].text) and name_shaped(left[1:]):
                left = left[1:]  # "Economist Bill Sullivan of ..."
            if (
                looks_like_person(left) or (name_shaped(left) and ends_like_org(right))
            ) and not lookup_known(surface_of(text, tokens)):
                _classify_person(text, left, mentions, unresolved, cued=True)
                _classify(text, tokens[i + 1 :], False, mentions, unresolved, depth + 1)
                return
            break
    # "Procter & Gamble", "Castle & Cooke"
    if any(t.text == "&" for t in tokens):
        emit("org", org_name(text, tokens), tokens)
        return
    # Place by suffix: "Pike County", "Gaza Strip".
    if (
        last in lex.PLACE_SUFFIXES
        and not all(is_common(w.text) for w in words)
        and not any(t.connector and t.text not in ("of", "of the") for t in tokens)
    ):
        emit("place", surface, tokens)
        return
    # Organisation by suffix: "Russian Defense Ministry", "Chrysler Corp".
    org_suffix = last in lex.ORG_SUFFIXES_STRONG or (
        last in lex.ORG_SUFFIXES_WEAK
        and any(not is_common(w.text) and w.text not in lex.ORG_SUFFIXES_WEAK for w in words[:-1])
    )
    if org_suffix and all(w.text in lex.NEVER_ALONE for w in words[:-1]):
        return  # "Christmas Party", "Easter Fund": an event, not an organisation
    if org_suffix and len(words) == 2 and last in lex.SURNAME_SUFFIXES and is_given_name(first):
        _classify_person(text, tokens, mentions, unresolved, cued=True)
        return  # "Roger Mills": a person, not a company
    if org_suffix and last not in lex.ROLE_HEADS:
        emit("org", org_name(text, tokens), tokens)
        return
    # "Bank of England", "Rural Banking and Finance Corporation of New Zealand".
    of_at = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.connector and t.text in ("of", "of the") and tokens[i - 1].text in ORG_WORDS
        ),
        -1,
    )
    if of_at > 0:
        end = next(  # "Arctic Petroleum Corp of Japan for Beaufort Sea": the name ends at "for"
            (
                j
                for j in range(of_at + 2, len(tokens) - 1)
                if tokens[j].text in ("for", "on") or tokens[j].text in lex.ROLE_HEADS
            ),
            len(tokens),
        )
        emit("org", org_name(text, tokens[:end]), tokens[:end])
        if end < len(tokens):  # "... Beaufort Sea" after "for"; "Governor Michael Bruno"
            rest = tokens[end + 1 :] if tokens[end].connector else tokens[end:]
            _classify(text, rest, False, mentions, unresolved, depth + 1)
        return
    if first in lex.ORG_HEADS and any(
        t.connector and t.text in ("of", "for", "on") for t in tokens
    ):
        emit("org", org_name(text, tokens), tokens)
        return
    # Roles and honorifics: "NATO Secretary-General Anders Fogh Rasmussen", "Mr. Smith".
    role_at = last_role_index(words)
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
        plural = words[role_at].text not in lex.ROLE_HEADS and words[role_at].text.endswith("s")
        and_at = [i for i, t in enumerate(after) if t.connector and t.text == "and"]
        if plural and len(and_at) == 1:  # "Vice-Premiers Li Peng and Yao Yilin": two people
            _classify_person(text, after[: and_at[0]], mentions, unresolved, cued=True)
            _classify_person(text, after[and_at[0] + 1 :], mentions, unresolved, cued=True)
        elif after:
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


def _classify_person(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    unresolved: list[list[Token]],
    cued: bool,
) -> None:
    words = words_of(tokens)
    if not words:
        return
    # "Chancellor of the Exchequer Nigel Lawson": skip the role's complement to the name.
    if tokens[0].connector and tokens[0].text in ("of", "of the"):
        for begin in range(1, len(words)):
            if looks_like_person(words[begin:]):
                _classify_person(text, words[begin:], mentions, unresolved, cued=True)
                return
        return
    # Stop at a connector that is not a name particle ("Rasmussen and Poroshenko").
    for i, token in enumerate(tokens):
        if token.connector and token.text not in lex.NAME_PARTICLES:
            _classify_person(text, tokens[:i], mentions, unresolved, cued)
            _classify(text, tokens[i + 1 :], False, mentions, unresolved, depth=1)
            return
    surface = surface_of(text, tokens)
    known = lookup_known(surface)
    if known:
        mentions.append(Mention(tokens[0].start, tokens[-1].end, known[0], known[1], surface))
        return
    if len(words) > 4 or all(is_common(w.text) for w in words):
        if len(words) == 1:
            unresolved.append(tokens)
        return
    if cued or looks_like_person(words):
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "person", surface, surface))
    else:
        unresolved.append(tokens)


def _classify_multi(
    text: str,
    tokens: list[Token],
    words: list[Token],
    mentions: list[Mention],
    unresolved: list[list[Token]],
) -> None:
    """A chunk of several words without suffix, role or connector."""
    if looks_like_person(words):
        _classify_person(text, tokens, mentions, unresolved, cued=True)
        return
    if len(words) == 2 and words[0].text in lex.PLACE_PREFIXES and name_word(words[1].text):
        surface = surface_of(text, tokens)  # "Fort Portal", "Mount Elgon"
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "place", surface, surface))
        return
    if len(words) > 1 and BANK_WORD_RE.fullmatch(words[-1].text):
        name = org_name(text, tokens)  # "Den Norske Creditbank"
        mentions.append(
            Mention(tokens[0].start, tokens[-1].end, "org", name, surface_of(text, tokens))
        )
        return
    if len(words) == 2 and city_then_surname(words):
        _classify_person(text, tokens, mentions, unresolved, cued=True)  # "Salem Bitar"
        return
    # A known place or organisation inside: "Moscow Narodny", "Ukraine Crisis".
    for size in range(len(words) - 1, 0, -1):
        for begin in range(0, len(words) - size + 1):
            part = words[begin : begin + size]
            surface = surface_of(text, part)
            known = lookup_known(surface)
            if known is None:
                continue
            rest = words[:begin] + words[begin + size :]
            if all(is_common(w.text) or w.text in lex.demonyms() for w in rest):
                mentions.append(Mention(part[0].start, part[-1].end, known[0], known[1], surface))
                return
            # "Texas Instruments", "Tokyo Electric Power": a place naming a company
            if (
                begin == 0
                and known[0] == "place"
                and len(words) <= 4
                and any(w.text in lex.ORG_SUFFIXES_WEAK for w in rest)
            ):
                name = org_name(text, tokens)
                surface = surface_of(text, tokens)
                mentions.append(Mention(tokens[0].start, tokens[-1].end, "org", name, surface))
                return
            break
    # "Chicago Bulls", "New York Yankees": a place and a plural name is a team or a company
    place = lookup_known(surface_of(text, words[:-1]))
    plural = words[-1].text
    if place and place[0] == "place" and plural.endswith("s") and plural not in lex.demonyms():
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "org", surface_of(text, tokens),
                                surface_of(text, tokens)))  # fmt: skip
        return
    uncommon = [w for w in words if not is_common(w.text)]
    if (
        2 <= len(words) <= 3
        and not NOT_NAME_ENDING_RE.search(words[-1].text)
        and len(uncommon) == len(words)
        and not any(w.text in lex.demonyms() or w.text in lex.NEVER_ALONE for w in words)
        and not any(lookup_known(w.text) for w in words)
        and not any(w.text.isupper() and len(w.text) > 1 for w in words)
    ):
        surface = surface_of(text, tokens)
        mentions.append(Mention(tokens[0].start, tokens[-1].end, "person", surface, surface))
        return
    for word in words:
        classify_single(text, word, False, mentions, unresolved)

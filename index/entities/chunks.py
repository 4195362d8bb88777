"""Text side of entity extraction: capitalised tokens, name chunks, sentence starts, line modes.

A chunk is a run of capitalised tokens joined by single spaces and a few lowercase connectors
("Bank of England", "Ludwig van Beethoven"). Lines are read as prose ("normal"), ALL-CAPS ("shout")
or Title Case headlines ("headline"), which only known names are taken from.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from index.entities import lexicon as lex


def _char_class(predicate) -> str:
    chars = [chr(c) for c in range(min(sys.maxunicode, 0xFFFF)) if predicate(chr(c))]
    return "".join(re.escape(ch) for ch in chars)


UPPER = _char_class(lambda ch: ch.isupper() or ch.istitle())
TITLED_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|Adm|Prof|Rev|Mt|Ft|Corp|Inc|Co|"
    "Ltd|Bros|Messrs|Mme|Cmdr|ST|FT|MT"
)
TOKEN = (
    rf"(?<![\w'’\-.])(?:(?:[{UPPER}]\.){{2,}}(?:[{UPPER}](?![\w.]))?"  # U.S., J.P.
    rf"|(?:{TITLED_ABBREVIATIONS})\.(?=\s)"  # Mr., Corp.
    rf"|[{UPPER}]\.(?=\s)"  # initial W.
    rf"|[{UPPER}][\w&]*(?:['’][{UPPER}][\w&]*|-[\w&]+|/[{UPPER}][\w&]*)*)"  # O'Brien, RFE/RL
)
CONNECTOR = (
    r"(?:of the|for the|on the|of|for|and|&|on|de|del|della|delle|dei|degli|der|den|des|van|von"
    r"|bin|al|da|do|dos|di|du|la|le)"
)
# van der Pas. The lookahead (every token starts with a capital) lets `re` skip to the next
# capital instead of trying the lookbehind at every character: a quarter of the scan.
CHUNK_RE = re.compile(rf"(?=[{UPPER}]){TOKEN}(?: (?:{CONNECTOR} ){{0,2}}{TOKEN})*")
PIECE_RE = re.compile(rf"{TOKEN}|(?<= ){CONNECTOR}(?= )")
ALL_CAPS_WORD_RE = re.compile(r"\b[A-Z][A-Z'’.&-]+\b")
LOWER_START_RE = re.compile(r"(?<![\w'’])[a-z]")
UPPER_START_RE = re.compile(rf"(?<![\w'’])[{UPPER}]")
LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'’-]+\b")
LINE_WORD_RE = re.compile(r"(?<![\w'’])[^\W\d_][\w'’-]*")
ADJECTIVE_COMPOUND_RE = re.compile(
    r"-(?:owned|based|led|backed|controlled|born|run|style|era|made|held|linked|dominated|"
    r"speaking|bound|listed|registered|funded|sponsored|allied|American|Americans)$"
)
ENGLISH_WORD_RE = re.compile(
    r"\b(?:the|of|and|to|in|is|was|for|on|that|with|said|by|at|as|it|from|his|he|has|have|be"
    r"|are|will|were|would|its|an|this|after|but|not|their|which|who)\b"
)
SENTENCE_END_CHARS = set(".!?:;\n-–—•|")
OPENING_CHARS = set(" \t\"'“‘«([")


@dataclass(slots=True)
class Token:
    """One token of a chunk: a capitalised word or a lowercase connector."""

    text: str
    start: int
    end: int
    connector: bool = False


def chunk_tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of the chunk text[start:end]."""
    # one character past the chunk, so that "Co." before a space keeps its full stop
    return [
        Token(m.group(), m.start(), m.end(), m.group()[0].islower())
        for m in PIECE_RE.finditer(text, start, min(len(text), end + 1))
        if m.end() <= end
    ]


def is_sentence_start(text: str, position: int) -> bool:
    """Whether the word at `position` starts a sentence, a quotation or a line."""
    i = position - 1
    quoted = False
    while i >= 0 and text[i] in OPENING_CHARS:
        if text[i] in "\"“«'‘":
            quoted = True
        i -= 1
    if i < 0 or quoted:
        return True
    ch = text[i]
    if ch not in SENTENCE_END_CHARS:
        return False
    if ch == ".":
        word_start = i
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start : i + 1]
        if re.fullmatch(rf"(?:{TITLED_ABBREVIATIONS})\.|(?:[A-Z]\.)+", word):
            return False
    return True


def line_mode(line: str) -> str:
    """ "shout" for ALL-CAPS lines, "headline" for Title Case lines, "normal" otherwise."""
    lower_starts = len(LOWER_START_RE.findall(line))
    if lower_starts > len(UPPER_START_RE.findall(line)):
        return "normal"  # ordinary prose: cheap check first
    caps = len(ALL_CAPS_WORD_RE.findall(line))
    if caps >= 2:
        lower = len(LOWER_WORD_RE.findall(line))
        if lower * 3 <= caps:
            return "shout"
    words = LINE_WORD_RE.findall(line)
    common = lex.common_words()
    capitalised_common = sum(
        1
        for word in words[1:]
        if word[0].isupper()
        and not word.isupper()
        and word.lower() in common
        and word not in lex.ROLE_HEADS
        and word not in lex.ROLE_MODIFIERS
    )
    if capitalised_common >= 2:
        lower = sum(1 for word in words if word[0].islower())
        if lower <= capitalised_common:
            return "headline"
    return "normal"


def is_english(text: str) -> bool:
    """Whether a text reads as English (short texts are taken to be): the word lists and the
    name-shape rules are English; other languages get only the names the rules are sure of."""
    sample = text[:800]
    if sample.isascii():
        return True  # no accent in sight: read as English, as every text was before
    words = len(LOWER_WORD_RE.findall(sample))
    return words < 8 or len(ENGLISH_WORD_RE.findall(sample)) * 8 >= words

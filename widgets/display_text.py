"""Safe Rich `Text` from untrusted page text: no markup, no escapes, highlights by position."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date

from rich.text import Text

from index.text import CJK_CHARS, has_cjk, sanitize, sanitize_line

HIGHLIGHT = "bold reverse"
FIND_MATCH = "black on yellow"
FIND_CURRENT = "bold underline black on dark_orange"

# Query syntax that is not a word to highlight.
_CLAUSE = re.compile(r'(?P<neg>-)?(?:(?P<field>\w+):)?(?P<value>"[^"]*"?|\S+)')
_OPERATORS = {"and", "or", "not", "to"}
_NOT_TEXT_FIELDS = {"date", "dump", "source", "lang", "url", "id"}
_WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
_date_format = [DEFAULT_DATE_FORMAT]  # the reader's `date_format` setting (`set_date_format`)


def set_date_format(fmt: str) -> None:
    """How `show_date` writes a day: a strftime format (the reader sets it from its settings)."""
    _date_format[0] = fmt or DEFAULT_DATE_FORMAT


def show_date(value: str) -> str:
    """An article's ISO date as the user likes days written; "undated" when it has none."""
    if not value:
        return "undated"
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return safe_line(value[:10], 10)  # a month or a year alone: as it is
    return safe_line(day.strftime(_date_format[0]), 40)


def safe_line(text: str, limit: int = 300) -> str:
    """One line of untrusted text, cleaned and cut to `limit` characters."""
    line = sanitize_line(text or "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def safe_block(text: str, limit: int = 20_000) -> str:
    """A block of untrusted text (keeps newlines), cleaned and cut to `limit` characters."""
    block = sanitize(text or "")
    return block if len(block) <= limit else block[:limit] + " … [cut for display]"


def plain(text: str, style: str = "") -> Text:
    """A `Text` holding `text` literally (never parsed as markup)."""
    return Text(text, style=style, end="")


def with_spans(text: str, spans: Iterable[tuple[int, int]], style: str = HIGHLIGHT) -> Text:
    """`text` with the character ranges `spans` styled (out-of-range spans are ignored)."""
    out = Text(text, end="")
    size = len(text)
    for start, end in spans:
        start, end = max(0, int(start)), min(size, int(end))
        if start < end:
            out.stylize(style, start, end)
    return out


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting: no syntax, no excluded or non-text clauses."""
    terms: dict[str, None] = {}
    negate_next = False
    for clause in _CLAUSE.finditer(query or ""):
        value, field = clause["value"], (clause["field"] or "").lower()
        if not field and value.lower() in _OPERATORS:
            negate_next = value.lower() == "not"
            continue
        skip = negate_next or clause["neg"] or field in _NOT_TEXT_FIELDS
        negate_next = False
        if skip:
            continue
        for word in _WORD.findall(value):
            if len(word) > 1:
                terms.setdefault(word.lower(), None)
    return list(terms)


def _accented() -> dict[str, str]:
    """Each unaccented Latin letter -> a class of it and its accented forms (`e` -> `[eéèê…]`),
    since the index folds accents: the term `helicopter` marks `helicóptero`."""
    forms: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch.lower())[:1]
        if base.isascii() and base.isalpha() and ch.lower() != base:
            forms.setdefault(base, {base}).add(ch.lower())
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in forms.items()}


_ACCENTED = _accented()


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding the terms as word starts (so `sanction` also marks `sanctions`), with
    or without accents; a CJK term (a bigram) anywhere inside a run of CJK text."""
    words = sorted({t.strip().lower() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return None
    other = ["".join(_ACCENTED.get(c, re.escape(c)) for c in w) for w in words if not has_cjk(w)]
    alternatives = [rf"(?<!\w)(?:{'|'.join(other)})\w*"] if other else []
    cjk = [w for w in words if has_cjk(w)]
    # overlapping bigrams as one span: `保障`, `障房` mark `保障房` (each char followed by the next)
    bigrams = [
        f"{re.escape(w[0])}(?={re.escape(w[1:])})" for w in words if has_cjk(w) and len(w) > 1
    ]
    if bigrams:
        alternatives.append(f"(?:{'|'.join(bigrams)})+[{CJK_CHARS}]")
    alternatives += [re.escape(w) for w in cjk if len(w) == 1]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def term_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text)]


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `needle` in `text`."""
    if not needle:
        return []
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]

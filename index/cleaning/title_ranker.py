"""The headline as a ranked choice among candidate lines near the start of the article (learned)."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from itertools import chain

import numpy as np

from index.cleaning.lines import (
    BAD,
    CJK,
    GOOD,
    SHORT,
    STOP,
    PageLines,
    ends_sentence,
    word_count,
)
from index.cleaning.parts import split_site_title

BEFORE = 35  # candidate lines this far above the body's first line
AFTER = 2  # and this far into it
MAX_WORDS = 40
BODY_LINES = 12  # the body's first lines whose words a headline shares
_WORD = re.compile(r"[^\W_]+")
_BULLET = re.compile(r"^\s*(?:[•·▪◦■□►▶*+–—>-]|\d{1,2}[.)])\s")
_SEPARATOR = re.compile(r"\s(?:[|»›>·~]|::|-|–|—)\s")
_META = frozenset(("byline", "date"))
_NEVER_TITLE = frozenset(("caption", "credits", "marker", "label", "byline", "date"))
TITLE_FEATURES = (
    "before", "distance", "inside", "words", "chars", "very_short", "long", "ends_period",
    "ends_sentence", "ends_colon", "capitals", "upper", "good", "short", "bad", "stop", "role",
    "menu", "recurs", "bullet", "separator", "digits", "doc_title", "doc_headline", "doc_prefix",
    "doc_overlap", "body_overlap", "repeated", "old_pick", "line_score", "first_line", "synthetic",
    "biggest_gap", "twin", "meta_below", "nav_above", "rank_above", "prose_below",
    "body_words", "symbols",
)  # fmt: skip


_TOKENS: dict[str, frozenset[str]] = {}


def _tokens(text: str) -> frozenset[str]:
    found = _TOKENS.get(text)
    if found is None:
        if len(_TOKENS) >= 50_000:
            _TOKENS.clear()
        words = _WORD.findall(text.lower())
        if not text.isascii() and CJK.search(text):  # a CJK run is a sentence: its bigrams
            words = [w for word in words for w in _cjk_bigrams(word)]
        found = _TOKENS[text] = frozenset(words)
    return found


def _cjk_bigrams(word: str) -> list[str]:
    if not CJK.search(word):
        return [word]
    return [word[k : k + 2] for k in range(max(1, len(word) - 1))]


def candidates(pl: PageLines, first: int) -> list[int]:
    """Line numbers that could hold the headline (-1 stands for the document title's headline)."""
    low = max(0, first - BEFORE)
    high = min(len(pl.lines), first + AFTER + 1)
    found = [
        i
        for i in range(low, high)
        if pl.words[i] <= MAX_WORDS
        and pl.kind[i] not in (BAD, STOP)
        and (pl.role[i] not in _NEVER_TITLE or (twin(pl, i) and not _headline_above(pl, i)))
        and not (pl.role[i] == "dup" and pl.role[i - 1] == "caption")  # a caption's twin
        and not ends_period(pl, i)
    ]
    if found and found[0] == 0 and any(_shorter_form(pl, i) for i in found[1:]):
        found = found[1:]  # the first line goes on from a headline the page repeats: a doc title
    if pl.lines and split_site_title(pl.lines[0])[1]:
        found.append(-1)
    return found


def _shorter_form(pl: PageLines, i: int) -> bool:
    """The line is the start of the page's first line (its document title), two words or more."""
    line, doc = pl.lines[i].casefold(), pl.lines[0].casefold()
    return pl.words[i] >= 2 and len(line) < len(doc) and doc.startswith(line)


def twin(pl: PageLines, i: int) -> bool:
    """A line the next line repeats (taken for an image's alt text and caption: or a headline)."""
    return i + 1 < len(pl.lines) and pl.role[i + 1] == "dup" and pl.lines[i + 1] == pl.lines[i]


def _headline_above(pl: PageLines, i: int) -> bool:
    """A headline-like line right above (then a twin line under it is an image's alt text and
    caption, not the headline again)."""
    j = i - 1
    return (
        j >= 0
        and 5 <= pl.words[j] <= MAX_WORDS
        and pl.kind[j] == SHORT
        and not pl.role[j]
        and _BULLET.match(pl.lines[j]) is None
    )


def ends_period(pl: PageLines, i: int) -> bool:
    line = pl.lines[i]
    return pl.words[i] > 25 and line.endswith(".")


_ALONE: dict[str, tuple[tuple[float, ...], tuple[float, ...], float]] = {}


def _line_alone(line: str) -> tuple[tuple[float, ...], tuple[float, ...], float]:
    """A candidate's features that depend on its text alone (cached: sites repeat their lines):
    the columns from "words" to "upper", from "bullet" to "digits", and "symbols"."""
    found = _ALONE.get(line)
    if found is not None:
        return found
    words = word_count(line)
    stripped = line.rstrip("\"'”’») ")
    shape = (
        math.log1p(words) / 4,
        math.log1p(len(line)) / 6,
        words <= 2,
        words > 20,
        stripped.endswith(".") and not stripped.endswith("..."),
        ends_sentence(line),
        stripped.endswith(":"),
        sum(1 for w in line.split() if w[:1].isupper()) / words,
        line.isupper(),
    )
    marks = (
        _BULLET.match(line) is not None,
        _SEPARATOR.search(line) is not None,
        sum(map(str.isdigit, line)) / max(1, len(line)),
    )
    symbols = sum(1 for ch in line if not (ch.isalnum() or ch.isspace())) / max(1, len(line))
    if len(_ALONE) >= 50_000:
        _ALONE.clear()
    found = _ALONE[line] = (shape, marks, symbols)
    return found


def title_features(
    pl: PageLines,
    cands: list[int],
    first: int,
    body: list[str],
    in_menu: list[bool],
    recurs: list[bool],
    old_pick: int,
    scores: np.ndarray,
) -> np.ndarray:
    """One row of features per candidate."""
    doc = pl.lines[0] if pl.lines else ""
    doc_folded = doc.casefold()
    doc_split = split_site_title(doc)[0] if doc else ""
    doc_headline = doc_split.casefold()
    doc_tokens = _tokens(doc)
    body_sets = _body_sets(body)
    counts = Counter(map(str.casefold, pl.lines[: first + AFTER + 1]))
    n = len(pl.lines)
    above = [i for i in cands if 0 <= i < first]
    rows: list[list[float]] = []
    for i in cands:
        line = doc_split if i < 0 else pl.lines[i]
        index = 0 if i < 0 else i
        folded = line.casefold()
        tokens = _tokens(line)
        kind = pl.kind[index] if i >= 0 else GOOD
        doc_overlap = body_overlap = 0.0
        own = body_sets
        if i >= first and line in body:  # a candidate in the body is not compared with itself
            own = _body_sets([b for b in body if b != line])
        if tokens:
            shared = len(tokens & doc_tokens)  # over the union's size, without building it
            doc_overlap = shared / (len(tokens) + len(doc_tokens) - shared)
            body_overlap = len(tokens & own[0]) / len(tokens)
        line_score = math.tanh(float(scores[index]) / 4) if i >= 0 and len(scores) else 0.0
        shape, marks, symbols = _line_alone(line)
        rows.append(
            [
                i < first,
                math.log1p(abs(first - index)) / 4,
                i >= first,
                *shape,
                kind == GOOD,
                kind == 1,
                kind == BAD,
                kind == STOP,
                bool(pl.role[index]) if i >= 0 else False,
                in_menu[index] if i >= 0 else False,
                recurs[index] if i >= 0 else False,
                *marks,
                i >= 0 and folded == doc_folded,
                bool(doc_headline) and folded == doc_headline,
                i > 0 and len(folded) >= 10 and doc_folded.startswith(folded),
                doc_overlap,
                body_overlap,
                counts.get(folded, 0) > 1,
                i == old_pick,
                line_score,
                i == 0,
                i < 0,
                i >= 0 and pl.blank_before[index],
                i >= 0 and twin(pl, i),
                i >= 0 and not _META.isdisjoint(pl.role[i + 1 : i + 4]),
                i > 0 and (in_menu[i - 1] or _BULLET.match(pl.lines[i - 1]) is not None),
                math.log1p(len(above) - bisect_right(above, i)) / 3 if 0 <= i < first else 0.0,
                i >= 0 and i + 1 < n and pl.kind[i + 1] == GOOD,
                _share_in(line, own[1]),
                symbols,
            ]
        )
    width = len(TITLE_FEATURES)  # fromiter: float() of each value, as asarray converts them
    return np.fromiter(chain.from_iterable(rows), np.float64, len(rows) * width).reshape(-1, width)


def _body_sets(body: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the body's first three lines, and the long words of its first lines."""
    first = frozenset().union(*(_tokens(line) for line in body[:3]))
    return first, frozenset().union(*(_long_tokens(line) for line in body[:BODY_LINES]))


_LONG: dict[str, frozenset[str]] = {}


def _long_tokens(line: str) -> frozenset[str]:
    """A line's long words: four letters or more, or two CJK characters (cached)."""
    found = _LONG.get(line)
    if found is None:
        if len(_LONG) >= 50_000:
            _LONG.clear()
        found = _LONG[line] = frozenset(
            w for w in _tokens(line) if len(w) >= 4 or (len(w) == 2 and w[0] >= "\u3040")
        )
    return found


def _share_in(line: str, words: frozenset[str]) -> float:
    """The share of a line's long words that are among `words`."""
    long = _long_tokens(line)
    return len(long & words) / len(long) if long else 0.0


def best_candidate(rows: np.ndarray, coef: np.ndarray, intercept: float) -> int:
    """Position in the candidate list of the best-scoring candidate."""
    return int(np.argmax(rows @ coef + intercept))

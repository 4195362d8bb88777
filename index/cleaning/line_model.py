"""The learned line classifier: features of a line and its neighbours, weights, Viterbi smoothing.

A logistic regression over features of a line, of the lines next to it and of a window around it,
whose per-line log-odds a two-state Viterbi pass smooths along the page (article text comes in
runs). Furniture patterns in many languages are features here, never hard rules: their weights
are learned. Weights: index/cleaning/data/cleaner_weights.json (from scripts/train_cleaner.py).
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections import Counter
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from index.cleaning.line_patterns import PATTERNS, family_gates
from index.cleaning.lines import CJK, GOOD, PageLines, capitalised_words, ends_sentence, unspaced
from index.cleaning.windows import PAD, log_distances, positions, running_sums, window_means_at

DATA = Path(__file__).resolve().parent / "data"
WEIGHTS_FILE = DATA / "cleaner_weights.json"
STOPWORDS_FILE = DATA / "stopwords.json"
TITLE_LINES = 120  # lines compared with the first line (the document title)
WINDOW = 3  # lines either side averaged into a line's context features
_WORD = re.compile(r"[^\W\d_]+")
# A capitalised word: at the line's start or after its (single) spaces. A page's lines hold no
# other whitespace, so a pattern led by a literal space (which `re` scans for fast) finds them.
_CAPITAL = "[^\\W\\d_a-z\u00df-\u00ff]"
_CAPITALISED = re.compile(" " + _CAPITAL)
_CAPITAL_FIRST = re.compile(_CAPITAL)
_LINKLIKE = re.compile(r"https?://|www\.|\S@\S|\s[|»›>·]\s|\s>>|^>>|\[link")
_LINK_MARKS = ("http", "www.", "@", "|", "»", "›", ">", "·", "[link")  # one is in every match
_URL = re.compile(r"https?://|www\.[\w-]+\.")
# ASCII bytes: letters lower-cased, everything else a space (str.translate costs more per char)
_ASCII_WORDS = bytes(c | 32 if chr(c).isalpha() else 32 for c in range(128)) + b" " * 128
_DIGITS = "0123456789"
_BULLET = re.compile(r"^\s*(?:[•·▪◦■□►▶*+–—-]\s|\d{1,2}[.)]\s)")
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d\d\b|\d+\s*(?:年|月|日)"
)
LINE_FEATURES = (
    "chars", "words", "very_short", "long", "ends_sentence", "ends_colon", "ends_question",
    "punct", "stopwords", "no_stopwords", "capitals", "digits", "bullet", "linklike", "url",
    "upper", "date", "cjk", *(name for name, _, _ in PATTERNS),
)  # fmt: skip
PAGE_FEATURES = (
    "good", "short", "bad", "stop", "caption", "byline", "dateline", "credits", "dup", "marker",
    "menu", "recurs", "blank_before", "position", "in_span", "before_span", "after_span",
    "repeated", "doc_title_overlap", "comments_above", "first_line",
)  # fmt: skip
FEATURES = LINE_FEATURES + PAGE_FEATURES
N_LINE = len(LINE_FEATURES)
_ROW = struct.Struct(f"={N_LINE}d")  # a line's features as native float64 bytes
_COMMENT = LINE_FEATURES.index("comment")


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Stopword sets per language (ISO 639-1), from index/cleaning/data/stopwords.json."""
    if not STOPWORDS_FILE.exists():
        return {}
    data = json.loads(STOPWORDS_FILE.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data["languages"].items()}


@lru_cache(maxsize=1)
def _stopword_votes() -> dict[str, tuple[str, ...]]:
    votes: dict[str, list[str]] = {}
    for lang, words in stopwords().items():
        for word in words:
            votes.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in votes.items() if len(langs) <= 6}


def page_language(pl: PageLines) -> str:
    """The page's language by votes of stopwords in its longest lines (cheap, features only)."""
    sample = sorted(pl.lines, key=len, reverse=True)[:4]  # heapq.nlargest(4, ...) exactly
    text = " ".join(sample)[:1000].lower()
    if len(CJK.findall(text[:400])) > 40:
        return "ja" if re.search(r"[\u3040-\u30ff]", text[:400]) else "zh"
    if len(_VOTERS) >= _CACHE_SIZE:
        _VOTERS.clear()
    # each word's votes in reading order: a language's first vote orders the ties as before
    votes = Counter(chain.from_iterable(map(_VOTERS.__getitem__, text.split())))
    return max(votes, key=votes.__getitem__) if votes else ""


class _Voters(dict):
    """A word as written -> the languages its stopword votes for (filled on first sight)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        langs = self[word] = _stopword_votes().get(word.strip(_WORD_EDGES), ())
        return langs


_CACHE: dict[tuple[str, str], bytes] = {}
_VOTERS = _Voters()
_CJK_FUNCTION_CHARS = "的了是在和有我他这也就不都一の、はがをにで"  # frequent function characters
_PUNCTUATION = (",", ".", "，", "。", "、")
_WORD_EDGES = ".,;:!?\"'()[]«»“”„‘’-–—"
_ROLES = {"caption": 1, "byline": 2, "date": 3, "credits": 4, "dup": 5, "marker": 6, "label": 6}
_ROLES4 = {role: 4 * code for role, code in _ROLES.items()}  # a kind's row in _KIND_ROLE + this
_CACHE_SIZE = 50_000
_ONE_HOT = np.eye(7)
_KIND_ROLE = np.array(
    [np.concatenate((_ONE_HOT[k, :4], _ONE_HOT[r, 1:])) for r in range(7) for k in range(4)]
)


def _contains_any(text: str, parts: tuple[str, ...]) -> bool:
    for part in parts:  # noqa: SIM110 (a plain loop costs less than any() over a generator)
        if part in text:
            return True
    return False


def _line_features(line: str, lang: str, gates: list[bool] | None = None) -> bytes:
    """Features of a line alone, as float64 bytes (cached: sites repeat their furniture);
    `gates`: which furniture families' words the lower-cased line holds (see family_gates)."""
    key = (lang, line)
    found = _CACHE.get(key)
    if found is not None:
        return found
    chars = len(line)
    cjk = 0 if line.isascii() else len(CJK.findall(line))  # (max(line) first cost more)
    ascii_line = line.isascii()
    words = line.count(" ") + 1 + cjk // 2 + (0 if ascii_line else unspaced(line))  # Thai too
    if cjk:
        tokens = []
    elif ascii_line:  # _WORD's runs of letters, without the regex
        tokens = line.encode().translate(_ASCII_WORDS).decode().split()
    else:
        tokens = _WORD.findall(line.lower())
    stops = stopwords().get(lang)
    if cjk:
        stop_share = min(1.0, sum(line.count(ch) for ch in _CJK_FUNCTION_CHARS) / cjk * 3)
    elif tokens and stops:
        stop_share = sum(map(stops.__contains__, tokens)) / len(tokens)
    else:
        stop_share = 0.0
    punct = sum(map(line.count, _PUNCTUATION))
    stripped = line.rstrip("\"'”’») ]*")
    last = stripped[-1:] if stripped else ""
    if ascii_line or max(line) < "\u0370":
        n_caps = len(_CAPITALISED.findall(line)) + (_CAPITAL_FIRST.match(line) is not None)
    else:
        n_caps = capitalised_words(line)
    if ascii_line:
        digits = sum(map(line.count, _DIGITS))
    else:
        digits = sum(map(str.isdigit, line)) if not line.isalpha() else 0
    row = [
        math.log1p(chars) / 6,
        math.log1p(words) / 4,
        float(words <= 3),
        float(chars >= 150),
        float(ends_sentence(line)),
        float(last == ":"),
        float(last in "?？"),
        min(1.0, punct / words),
        stop_share,
        float(stop_share == 0 and len(tokens) >= 3),
        min(1.0, n_caps / words),
        min(1.0, digits / chars * 4) if chars else 0.0,
        float(_BULLET.match(line) is not None),
        float(_contains_any(line, _LINK_MARKS) and _LINKLIKE.search(line) is not None),
        float(("http" in line or "www." in line) and _URL.search(line) is not None),
        float(line.isupper() and chars > 3),
        float(digits > 0 and _DATE.search(line) is not None),  # every date has a digit
        min(1.0, cjk / max(1, chars) * 2),
    ]
    if chars <= 300:
        lower = line.lower()
        if gates is None:
            gates = [any(map(lower.__contains__, words)) for _, words, _ in PATTERNS]
        row.extend(
            float(gate and pattern.search(lower) is not None)
            for gate, (_, _, pattern) in zip(gates, PATTERNS, strict=True)
        )
    else:
        row.extend([0.0] * len(PATTERNS))
    packed = _ROW.pack(*row)  # the float64 bytes numpy would give, without an array
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = packed
    return packed


def _new_rows(lines: list[str], rows: list[bytes | None], lang: str) -> list[bytes]:
    """`rows` with the lines not yet cached filled in, their family words found in one pass."""
    new = list(dict.fromkeys(line for line, row in zip(lines, rows, strict=True) if row is None))
    short = [line for line in new if len(line) <= 300]  # _line_features searches these
    gates = dict(zip(short, family_gates([line.lower() for line in short]), strict=True))
    made = {line: _line_features(line, lang, gates.get(line)) for line in new}
    return [made[line] if row is None else row for line, row in zip(lines, rows, strict=True)]


_TOKENS: dict[str, frozenset[str]] = {}


def _tokens(line: str) -> frozenset[str]:
    found = _TOKENS.get(line)
    if found is None:
        if len(_TOKENS) >= _CACHE_SIZE:
            _TOKENS.clear()
        words = (
            line.encode().translate(_ASCII_WORDS).decode().split()  # _WORD's runs, no regex
            if line.isascii()
            else _WORD.findall(line.lower())
        )
        found = _TOKENS[line] = frozenset(t for t in words if len(t) > 2)
    return found


def features(
    pl: PageLines, in_menu: list[bool], span: tuple[int, int] | None, recurs: list[bool]
) -> np.ndarray:
    """The feature matrix of a page: one row of a line's own features (and its page's view of it)
    per line."""
    n = len(pl.lines)
    lang = page_language(pl)
    cached = _CACHE.get
    rows = list(map(cached, zip(repeat(lang), pl.lines)))  # [cached((lang, line)) ...] in C
    packed = b"".join(rows if None not in rows else _new_rows(pl.lines, rows, lang))
    out = np.zeros((n, len(FEATURES)))  # zeros: the span, repeat and first-line columns
    out[:, :N_LINE] = np.frombuffer(packed, np.float64).reshape(n, N_LINE)
    kind = np.array(pl.kind, dtype=np.int64)
    role4 = np.fromiter(map(_ROLES4.get, pl.role, repeat(0, n)), np.int64, n)  # 4 x role
    first, last = span if span else (n, n)
    counts = Counter(pl.lines)
    overlap = [0.0] * n
    title_tokens = _tokens(pl.lines[0]) if n else frozenset()
    if title_tokens:
        size = len(title_tokens)
        words, lines = pl.words, pl.lines
        known = _TOKENS.get
        for i in range(1, min(n, TITLE_LINES)):
            if words[i] <= 30:
                line = lines[i]
                tokens = known(line) or _tokens(line)
                if not tokens.isdisjoint(title_tokens):  # else 0.0, as it stands
                    shared = len(tokens & title_tokens)
                    overlap[i] = shared / (len(tokens) + size - shared)  # Jaccard
    comment = out[:, _COMMENT] * (kind != GOOD)
    page = out[:, N_LINE:]
    # good, short, bad, stop; caption, byline, dateline, credits, dup, marker/label: one gather
    page[:, :10] = _KIND_ROLE[kind + role4]
    page[:, 10:13] = np.array((in_menu, recurs, pl.blank_before), dtype=np.float64).T
    page[:, 13] = positions(n)  # index / n
    # in the span; log1p of the lines to the span's first line above it, from its last below it
    page[first : last + 1, 14] = 1.0
    distance = log_distances(n, 4)  # log1p(|k|) / 4 at k + n
    page[:first, 15] = distance[n + first : n : -1]
    page[last + 1 :, 16] = distance[n + 1 : 2 * n - last]
    if len(counts) < n:  # each line's count, gathered in C (no line repeats: all False)
        page[:, 17] = np.fromiter(map(counts.__getitem__, pl.lines), np.int64, n) > 1
    page[:, 18] = overlap
    page[:, 19] = np.minimum(np.cumsum(comment) - comment, 3) / 3
    page[:1, 20] = 1.0  # the first line
    return out


def expand(full: np.ndarray) -> np.ndarray:
    """A line's features beside those of the line before, the line after and its window (the
    layout of the weights; `line_scores` computes the same score without building it)."""
    n = len(full)
    before = np.vstack([np.zeros((1, full.shape[1])), full[:-1]])
    after = np.vstack([full[1:], np.zeros((1, full.shape[1]))])
    cumulative = np.vstack([np.zeros((1, full.shape[1])), np.cumsum(full, axis=0)])
    index = np.arange(n)
    low = np.maximum(0, index - WINDOW)
    high = np.minimum(n, index + WINDOW + 1)
    window = (cumulative[high] - cumulative[low]) / (high - low)[:, None]
    return np.hstack([full, before, after, window])


CONTEXT_FEATURES = (
    "score", "mean1", "mean3", "mean8", "max3", "min3", "positive5", "mass_before", "mass_after",
    "core_distance", "stops_to_core", "core_inside", "good", "stop", "chars", "ends_sentence",
)  # fmt: skip
CORE_WINDOW = 8  # lines either side of a line whose mean score finds the densest run of text
assert max(WINDOW, CORE_WINDOW) <= PAD  # every window a slice of the padded running sums


_STOP_COLUMN = N_LINE + PAGE_FEATURES.index("stop")
_GOOD_COLUMN = N_LINE + PAGE_FEATURES.index("good")
_ENDS_COLUMN = LINE_FEATURES.index("ends_sentence")
_COPIED = [_GOOD_COLUMN, _STOP_COLUMN, 0, _ENDS_COLUMN]
_CONTEXT_WINDOWS = ((0, 1), (0, 3), (0, CORE_WINDOW), (1, CORE_WINDOW), (2, CORE_WINDOW), (1, 5))


def context_features(scores: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Second-stage features of a line: the first stage's scores around it and the page's core."""
    n = len(scores)
    out = np.empty((n, len(CONTEXT_FEATURES)))
    s = out[:, 0]
    np.maximum(scores, -8, out=s)  # clipped to [-8, 8] (np.clip costs more per call)
    np.minimum(s, 8, out=s)
    s /= 8
    padded = np.full(n + 6, -1.0)
    padded[3:-3] = s
    # the 7 lines around each (padded with -1), as a view of rows that overlap in memory
    around = np.ndarray((n, 7), buffer=padded, strides=(padded.itemsize, padded.itemsize))
    np.maximum.reduce(around, axis=1, out=out[:, 4])
    np.minimum.reduce(around, axis=1, out=out[:, 5])
    # s, positive, mass and stop lines in rows (each contiguous, as a sum over it was before):
    # one running sum over the rows gives every window's mean
    rows = np.empty((4, n))
    rows[0] = s
    positive, mass = rows[1], rows[2]
    np.greater(scores, 0, out=positive)
    chars = matrix[:, 0]
    np.multiply(positive, chars, out=mass)
    rows[3] = matrix[:, _STOP_COLUMN]
    running = running_sums(rows)  # every window a slice of it (see window_means)
    sums = running[:, PAD + 1 : PAD + 1 + n]
    total = mass.sum() or 1.0
    before = sums[2] - mass
    means = window_means_at(running, _CONTEXT_WINDOWS)  # s: 1, 3, 8; positive, mass: 8; positive: 5
    core = int(means[4].argmax()) if n else 0
    stops = sums[3]
    out[:, 1:4] = means[:3].T
    out[:, 6] = means[5]
    out[:, 7] = before / total
    out[:, 8] = (total - before - mass) / total
    out[:, 9] = log_distances(n, 5)[n - core : 2 * n - core]  # log1p(|i - core|) / 5
    out[:, 10] = np.minimum(np.abs(stops - stops[core]), 3) / 3
    out[:, 11] = means[3, core] if n else 0.0
    out[:, 12:16] = matrix[:, _COPIED]  # good, stop, chars, ends_sentence: one gather
    return out


@lru_cache(maxsize=1)
def weights() -> dict[str, np.ndarray | float]:
    """The trained weights (empty when the file is missing: the cleaner then keeps its span)."""
    if not WEIGHTS_FILE.exists():
        return {}
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return {
        "line_coef": np.asarray(data["line"]["coef"], dtype=np.float64),
        "line_intercept": float(data["line"]["intercept"]),
        "switch": float(data["line"]["switch_penalty"]),
        "context_coef": np.asarray(data["context"]["coef"], dtype=np.float64),
        "context_intercept": float(data["context"]["intercept"]),
        "title_coef": np.asarray(data["title"]["coef"], dtype=np.float64),
        "title_intercept": float(data["title"]["intercept"]),
    }


def line_scores(matrix: np.ndarray) -> np.ndarray:
    """Per-line log-odds of being article text: a line's own and neighbours' features, then the
    scores around it. `expand(matrix) @ coef`, computed on the narrow matrix (it is linear)."""
    model = weights()
    width = matrix.shape[1]
    parts = matrix @ model["line_coef"].reshape(4, width).T  # own, before, after, window
    window = window_means_at(running_sums(parts[:, 3]), ((0, WINDOW),))[0]
    first = parts[:, 0] + model["line_intercept"] + window
    first[1:] += parts[:-1, 1]
    first[:-1] += parts[1:, 2]
    context = context_features(first, matrix)
    return context @ model["context_coef"] + model["context_intercept"]


def smooth(scores: np.ndarray, switch_penalty: float) -> list[bool]:
    """Two-state Viterbi over per-line log-odds: article text comes in runs."""
    n = len(scores)
    if not n:
        return []
    half = (scores / 2).tolist()  # Python floats: the same doubles, cheaper one at a time
    out_score, in_score = -half[0], half[0]
    back_out = [False] * n  # whether the best path into state "out" at i came from "in"
    back_in = [False] * n  # whether the best path into state "in" at i came from "in"
    for i in range(1, n):
        h = half[i]
        from_in = in_score - switch_penalty
        if from_in > out_score:
            back_out[i], new_out = True, from_in - h
        else:
            new_out = out_score - h
        from_out = out_score - switch_penalty
        if in_score >= from_out:
            back_in[i], new_in = True, in_score + h
        else:
            new_in = from_out + h
        out_score, in_score = new_out, new_in
    state = in_score > out_score
    states = [False] * n
    for i in range(n - 1, -1, -1):
        states[i] = state
        state = back_in[i] if state else back_out[i]
    return states

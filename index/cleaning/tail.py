"""The cleaner's third stage: where the article ends and comments, promos and the rest begin.

Comment sections read like prose, so the line model scores them as article text. This stage looks
at what sets a page's tail apart, in any language: lines with a date or time on them ("Posted by
Jane | 13 May 2008 at 11:25 AM"), comment numbers, reply and report markers, first- and
second-person words, many short lines in a row, and how much of these the page has shown between
its densest prose (the core) and the line. A logistic regression over them and the second stage's
score, trained on the lines below the core, may lower (never raise) their scores before smoothing.
Weights: the "tail" part of cleaner_weights.json (scripts/train_cleaner.py).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat

import numpy as np

from index.cleaning.line_model import LINE_FEATURES
from index.cleaning.lines import PageLines
from index.cleaning.windows import running_sums, window_means

TAIL_FEATURES = (
    "score", "below_core", "stamp", "stamps_near", "stamps_since_core", "marks_since_core",
    "person", "person_near", "short_near", "number", "reply", "seen", "seen_x_stamps",
    "seen_x_marks", "below_x_person", "below_x_short",
)  # fmt: skip
CORE_WINDOW = 8  # as the line model's: lines either side whose mean score finds the core
NEAR = 4  # lines either side counted as "near"
STAMP_WORDS = 16  # a name-and-date line has at most this many words
_NUMBER = re.compile(r"^(?:# ?)?\d{1,4}[.):]?$", re.M)  # a comment's number alone ("12.", "#3")
_REPLY = re.compile(
    r"\b(?:reply|permalink|quote|report|flag|like|dislike|recommend|antworten|zitieren"
    r"|melden|responder|citar|denunciar|répondre|citer|signaler|odpowiedz|cytuj|zgłoś"
    r"|rispondi|cita|segnala|reageer|inappropriate|alert us)\b|^#\d+|\| *#",
    re.M,
)
# First- and second-person words (comments talk to each other and of themselves, articles rarely)
_PERSON_TEXT = (
    "i i'm i've me my mine you your you're yours we us our "
    "ich mich mir mein meine meiner du dich dir dein deine ihr euch wir uns unser "
    "yo me mi mis tú tu te ti tus usted nosotros nos nuestro vosotros "
    "je j'ai moi mon ma mes tu toi ton ta tes vous votre vos nous notre nos "
    "ja mnie mi mój moja moje ty ciebie ci twój twoja wy wam my nas nasz "
    "io mio mia miei tuo tua voi noi nostro eu meu minha você vocês nós nosso "
    "ik mij mijn jij je jouw jullie wij ons onze"
)
_PERSON = frozenset(_PERSON_TEXT.split())
_DATE_COLUMN = LINE_FEATURES.index("date")
_AGO_COLUMN = LINE_FEATURES.index("time_ago")
_COMMENT_COLUMN = LINE_FEATURES.index("comment")


REPLY_WORDS = 8  # a reply or report marker is a line of at most this many words


def _person_share(lines: list[str]) -> np.ndarray:
    """The share of first- and second-person words of each line (x8, at most 1). A page's lines
    hold single spaces only, so its lines joined by spaces split into each line's words in turn."""
    tokens = " ".join(lines).lower().split(" ")
    hits = np.fromiter(map(_PERSON.__contains__, tokens), np.float64, len(tokens))
    sizes = np.fromiter(map(str.count, lines, repeat(" ")), np.int64, len(lines)) + 1
    starts = np.cumsum(sizes) - sizes
    return np.minimum(np.add.reduceat(hits, starts) / sizes * 8, 1.0)


def _marked(lines: list[str], chosen: np.ndarray, pattern: re.Pattern[str]) -> np.ndarray:
    """1.0 for each of the `chosen` lines (indices) in which `pattern` matches, else 0.0: one
    search over the chosen lines joined (the patterns never cross a line's end)."""
    out = np.zeros(len(lines))
    if not len(chosen):
        return out
    picked = [lines[i].lower() for i in chosen.tolist()]  # the patterns are lower case
    ends = list(accumulate(len(line) + 1 for line in picked))
    found = {bisect_right(ends, match.start()) for match in pattern.finditer("\n".join(picked))}
    out[chosen[sorted(found)]] = 1.0
    return out


def tail_features(
    pl: PageLines, matrix: np.ndarray, scores: np.ndarray, tail_only: bool = False
) -> np.ndarray:
    """The third stage's features of every line: the second stage's `scores` and the tail's
    signs around the line and between the page's core and it. `tail_only`: the rows of the
    lines from NEAR above the first line below the core on (the same values as in all rows)."""
    n = len(scores)
    if not n:
        return np.zeros((0, len(TAIL_FEATURES)))
    positive = (scores > 0) * matrix[:, 0]
    core = int(window_means(running_sums(positive), CORE_WINDOW).argmax())
    total = positive.sum() or 1.0
    seen = (np.cumsum(positive) - positive) / total
    low = max(0, core + 1 - NEAR) if tail_only else 0
    if low:  # what a window of NEAR lines needs of the lines above the tail, no more
        lines, matrix, scores, seen = pl.lines[low:], matrix[low:], scores[low:], seen[low:]
        words = np.asarray(pl.words[low:])
    else:
        lines, words = pl.lines, np.asarray(pl.words)
    m = n - low
    out = np.empty((m, len(TAIL_FEATURES)))
    # a name-and-date line: a date or time, or a "3 hours ago", on a short line
    dated = matrix[:, _DATE_COLUMN] + matrix[:, _AGO_COLUMN]
    near = np.empty((3, m))  # stamp, person, short: their means over NEAR lines in one pass
    stamp, person, short = near
    np.logical_and(dated > 0, words <= STAMP_WORDS, out=stamp, casting="unsafe")
    person[:] = _person_share(lines)
    np.less_equal(words, 6, out=short, casting="unsafe")
    means = window_means(running_sums(near), NEAR)
    reply = _marked(lines, np.flatnonzero(words <= REPLY_WORDS), _REPLY)
    below = out[:, 1]
    below[:] = 0.0
    below[core + 1 - low :] = 1.0
    out[:, 0] = scores / 8  # unclipped: the tail model corrects the second stage, on its scale
    out[:, 2] = stamp
    out[:, 3] = np.minimum(means[0] * (2 * NEAR + 1), 3) / 3
    out[:, 4] = np.minimum(np.cumsum(stamp * below), 4) / 4
    marks = matrix[:, _COMMENT_COLUMN] + reply
    out[:, 5] = np.minimum(np.cumsum(marks * below), 4) / 4
    out[:, 6] = person
    out[:, 7] = means[1]
    out[:, 8] = means[2]
    out[:, 9] = _marked(lines, np.flatnonzero(words == 1), _NUMBER)
    out[:, 10] = reply
    out[:, 11] = seen
    out[:, 12] = seen * out[:, 4]
    out[:, 13] = seen * out[:, 5]
    out[:, 14] = below * out[:, 7]
    out[:, 15] = below * out[:, 8]
    return out


@lru_cache(maxsize=1)
def tail_weights() -> tuple[np.ndarray, float] | None:
    """The tail model's coefficients and intercept (None when the weights have no tail part)."""
    from index.cleaning.line_model import WEIGHTS_FILE

    if not WEIGHTS_FILE.exists():
        return None
    tail = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")).get("tail")
    if not tail:
        return None
    return np.asarray(tail["coef"], dtype=np.float64), float(tail["intercept"])


def tail_scores(pl: PageLines, matrix: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The scores to smooth: below the page's core, the tail model's (when there is one), above
    it the second stage's."""
    model = tail_weights()
    if model is None or not len(scores):
        return scores
    rows = tail_features(pl, matrix, scores, tail_only=True)
    tail = int(rows[:, 1].sum())  # the lines below the core
    if not tail:
        return scores
    out = scores.copy()
    corrected = rows[len(rows) - tail :] @ model[0] + model[1]
    np.minimum(out[-tail:], corrected, out=out[-tail:])  # the tail model only demotes
    return out

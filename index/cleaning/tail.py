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
from functools import lru_cache

import numpy as np

from index.cleaning.line_model import LINE_FEATURES
from index.cleaning.lines import PageLines
from index.cleaning.windows import PAD, running_sums, window_means

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
_SIGNS: dict[str, tuple[float, float, float, float, float]] = {}  # line -> _line_signs(line)
_SIGNS_SIZE = 50_000


def _line_signs(line: str, words: int) -> tuple[float, float, float, float, float]:
    """What the tail stage reads in a line alone (`words`: its word count), cached as the line
    model caches a line's features (a site's furniture below the article recurs): whether it is
    short enough for a name-and-date line, its person-word share, whether it is short (6 words or
    fewer), a reply or report marker, a comment's number."""
    found = _SIGNS.get(line)
    if found is not None:
        return found
    lower = line.lower()  # the patterns are lower case
    found = (
        float(words <= STAMP_WORDS),
        _person_share_of(lower),
        float(words <= 6),
        float(words <= REPLY_WORDS and _REPLY.search(lower) is not None),
        float(words == 1 and _NUMBER.search(lower) is not None),
    )
    if len(_SIGNS) >= _SIGNS_SIZE:
        _SIGNS.clear()
    _SIGNS[line] = found
    return found


def _person_share_of(lower: str) -> float:
    """The share of first- and second-person words of a lower-cased line (x8, at most 1), its
    words split at its single spaces."""
    words = lower.split(" ")
    return min(len(list(filter(_PERSON.__contains__, words))) / len(words) * 8, 1.0)


def _person_share(lines: list[str]) -> np.ndarray:
    """The person-word share of each line (see _person_share_of)."""
    return np.array([_person_share_of(line.lower()) for line in lines], dtype=np.float64)


def tail_features(
    pl: PageLines, matrix: np.ndarray, scores: np.ndarray, tail_only: bool = False
) -> np.ndarray:
    """The third stage's features of every line: the second stage's `scores` and the tail's
    signs around the line and between the page's core and it. `tail_only`: the rows of the
    lines below the core alone (none when the core is the last line), the same values as theirs
    in all rows, computed from the lines of the tail and the NEAR above it only."""
    n = len(scores)
    if not n:
        return np.zeros((0, len(TAIL_FEATURES)))
    positive = (scores > 0) * matrix[:, 0]
    running = running_sums(positive)
    core = int(window_means(running, CORE_WINDOW).argmax())
    first = core + 1 if tail_only else 0  # the first line whose row is returned
    if first == n:
        return np.zeros((0, len(TAIL_FEATURES)))
    low = max(0, first - NEAR)  # what a window of NEAR lines needs of the lines above, no more
    known, lines = _SIGNS.get, zip(pl.lines[low:], pl.words[low:], strict=True)
    # stamp-sized, person, short, reply, number: one row each (every line's signs in one call)
    signs = np.array([known(line) or _line_signs(line, w) for line, w in lines]).T
    near = np.empty((3, n - low))  # stamp, person, short: their means over NEAR lines in one pass
    # a name-and-date line: a date or time, or a "3 hours ago", on a short line
    dated = matrix[low:, _DATE_COLUMN] + matrix[low:, _AGO_COLUMN]
    np.multiply(dated > 0, signs[0], out=near[0])
    near[1:] = signs[1:3]
    means = window_means(running_sums(near), NEAR)[:, first - low :]
    near, matrix = near[:, first - low :], matrix[first:]
    reply, number = signs[3:, first - low :]
    cols = np.empty((len(TAIL_FEATURES), n - first))  # one row per feature, transposed at the end
    below = cols[1]
    below[:] = 0.0
    below[core + 1 - first :] = 1.0
    since = cols[4:6]  # stamps and comment or reply marks since the core, up to 4
    np.multiply(near[0], below, out=since[0])
    np.multiply(matrix[:, _COMMENT_COLUMN] + reply, below, out=since[1])
    since[:] = np.minimum(np.cumsum(since, axis=1), 4) / 4
    cols[0] = scores[first:] / 8  # unclipped: the tail model corrects stage 2, on its scale
    cols[2] = near[0]
    cols[3] = np.minimum(means[0] * (2 * NEAR + 1), 3) / 3
    cols[6] = near[1]
    cols[7:9] = means[1:]
    cols[9] = number
    cols[10] = reply
    seen = cols[11]  # the share of the page's prose above the line
    np.subtract(running[PAD + 1 + first : PAD + 1 + n], positive[first:], out=seen)
    seen /= positive.sum() or 1.0
    cols[12:14] = seen * since
    cols[14:16] = below * means[1:]
    return cols.T.copy()


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
    rows = tail_features(pl, matrix, scores, tail_only=True)  # the lines below the core
    if not len(rows):
        return scores
    out = scores.copy()
    np.minimum(
        out[-len(rows) :], rows @ model[0] + model[1], out=out[-len(rows) :]
    )  # the tail model only demotes
    return out

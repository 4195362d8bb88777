"""The cleaner's tail stage: a comment section after the article, in any language, is left out."""

from __future__ import annotations

import json
from bisect import bisect_right
from itertools import accumulate

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.cleaning import tail, windows
from index.cleaning.clean import analyse, clean_page, score
from index.cleaning.line_model import WEIGHTS_FILE, line_scores
from index.cleaning.tail import TAIL_FEATURES, tail_features, tail_scores
from index.records import Article, Page

MENU = "Startseite\nNachrichten\nSport\nWirtschaft\nKultur\nKontakt\nSuche\n"
HEADLINE = "Stadtrat beschließt neuen Haushalt nach langer Debatte"
ARTICLE = [
    "Der Stadtrat hat am Dienstag nach einer Debatte, die bis tief in die Nacht dauerte, einen "
    "neuen Haushalt beschlossen, über den die Mitglieder lange gestritten hatten.",
    "Die Ausgaben für Schulen steigen um vier Prozent, während das Geld für die Reparatur der "
    "Straßen so hoch bleibt wie im vergangenen Jahr, teilte der Finanzausschuss mit.",
    "Die Opposition kritisierte, dass die Stadt zu wenig in den Nahverkehr investiere, und "
    "kündigte an, im Frühjahr einen eigenen Antrag für neue Buslinien einzubringen.",
    "Der Bürgermeister sagte, der Haushalt sei ein Kompromiss, mit dem alle Fraktionen leben "
    "könnten, und dankte den Mitarbeitern der Verwaltung für ihre Arbeit.",
]
COMMENTS = [
    "3 Kommentare",
    "Max Müller sagt:",
    "12. März 2024 um 10:14 Uhr",
    "Ich finde es gut, dass endlich mehr Geld in die Schulen fließt, aber ich frage mich, "
    "warum ihr beim Nahverkehr schon wieder spart.",
    "Antworten",
    "Anna Schmidt sagt:",
    "12. März 2024 um 11:02 Uhr",
    "Du hast völlig recht, ich fahre jeden Tag mit dem Bus und wir warten oft zwanzig Minuten "
    "an der Haltestelle, das kann so nicht weitergehen.",
    "Antworten",
    "Peter Klein sagt:",
    "12. März 2024 um 13:45 Uhr",
    "Mir ist das alles zu teuer, ich verstehe nicht, warum wir schon wieder mehr ausgeben als "
    "im letzten Jahr, obwohl die Einnahmen sinken.",
    "Antworten",
    "Schreibe einen Kommentar",
]
PAGE_TEXT = (
    MENU + HEADLINE + "\n\n" + "\n\n".join(ARTICLE) + "\n\n" + "\n".join(COMMENTS) + "\n"
    "Impressum\nDatenschutz\n© 2024 Stadtanzeiger\n"
)


def page(text: str) -> Page:
    return Page(dump="d", origin="d/1", key="1", text=text)


def test_the_weights_hold_a_tail_model_that_matches_its_features():
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["tail"]["features"] == list(TAIL_FEATURES)
    assert len(data["tail"]["coef"]) == len(TAIL_FEATURES)


def test_tail_features_see_name_and_time_lines_and_replies_after_the_prose():
    pa = analyse(PAGE_TEXT, None, "")
    score(pa)
    rows = tail_features(pa.pl, pa.matrix, pa.scores)
    column = {name: rows[:, k] for k, name in enumerate(TAIL_FEATURES)}
    lines = pa.pl.lines
    stamp_line = lines.index("12. März 2024 um 11:02 Uhr")
    reply_line = lines.index("Antworten")
    last_comment = lines.index(COMMENTS[11])
    assert column["stamp"][stamp_line] == 1.0
    assert column["reply"][reply_line] == 1.0
    assert column["below_core"][last_comment] == 1.0
    assert column["stamps_since_core"][last_comment] > column["stamps_since_core"][stamp_line] > 0
    assert column["person"][last_comment] > column["person"][lines.index(ARTICLE[1])]
    assert rows[0, 1] == 0.0 and np.all(np.diff(rows[:, 1]) >= 0)  # one run below the core


def test_the_tail_model_only_lowers_the_lines_below_the_core():
    pa = analyse(PAGE_TEXT, None, "")
    second = line_scores(pa.matrix)
    final = tail_scores(pa.pl, pa.matrix, second)
    rows = tail_features(pa.pl, pa.matrix, second)
    below = rows[:, 1] > 0
    assert np.all(final <= second)
    assert np.array_equal(final[~below], second[~below])
    last_comment = pa.pl.lines.index(COMMENTS[11])
    assert final[last_comment] < second[last_comment]
    tail = tail_features(pa.pl, pa.matrix, second, tail_only=True)
    assert len(tail) == below.sum()  # the rows of the lines below the core alone
    assert np.allclose(tail, rows[below], rtol=0, atol=1e-12)


def test_a_german_comment_section_after_the_article_is_left_out():
    article = clean_page(page(PAGE_TEXT))
    assert isinstance(article, Article)
    assert article.title == HEADLINE
    assert article.paragraphs == ARTICLE


def _plain_marked(lines: list[str], chosen: np.ndarray, pattern) -> np.ndarray:
    """1.0 for each of the `chosen` lines in which `pattern` matches: one search over the chosen
    lines (lower-cased) joined, as the tail stage first searched them."""
    out = np.zeros(len(lines))
    picked = [lines[i].lower() for i in chosen.tolist()]
    ends = list(accumulate(len(line) + 1 for line in picked))
    found = {bisect_right(ends, match.start()) for match in pattern.finditer("\n".join(picked))}
    out[chosen[sorted(found)]] = 1.0
    return out


def _plain_tail_features(pl, matrix: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """`tail_features` of every line as first written: a column at a time, no line's signs
    remembered."""
    n = len(scores)
    positive = (scores > 0) * matrix[:, 0]
    core = int(windows.window_means(windows.running_sums(positive), tail.CORE_WINDOW).argmax())
    words = np.asarray(pl.words)
    dated = matrix[:, tail._DATE_COLUMN] + matrix[:, tail._AGO_COLUMN]
    stamp = ((dated > 0) & (words <= tail.STAMP_WORDS)).astype(np.float64)
    person = _plain_person_share(pl.lines)
    short = (words <= 6).astype(np.float64)
    means = windows.window_means(windows.running_sums(np.array([stamp, person, short])), tail.NEAR)
    reply = _plain_marked(pl.lines, np.flatnonzero(words <= tail.REPLY_WORDS), tail._REPLY)
    below = (np.arange(n) > core).astype(np.float64)
    since = np.array([stamp * below, (matrix[:, tail._COMMENT_COLUMN] + reply) * below])
    since = np.minimum(np.cumsum(since, axis=1), 4) / 4
    seen = (np.cumsum(positive) - positive) / (positive.sum() or 1.0)
    cols = [
        scores / 8, below, stamp, np.minimum(means[0] * (2 * tail.NEAR + 1), 3) / 3, *since,
        person, *means[1:], _plain_marked(pl.lines, np.flatnonzero(words == 1), tail._NUMBER),
        reply, seen, *(seen * since), *(below * means[1:]),
    ]  # fmt: skip
    return np.array(cols).T.copy()


_TAIL_LINES = st.sampled_from(
    [*COMMENTS, *ARTICLE, HEADLINE, "Reply", "#3", "12.", "Report abuse", "You said: I agree",
     "Posted by Jane | 13 May 2008 at 11:25 AM", "Alert us | #4", "me", "İch ΣΑΣ my", "7"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_TAIL_LINES, min_size=1, max_size=40), st.integers(0, 2**32 - 1))
def test_tail_features_are_the_plain_computation_to_the_bit(extra, seed):
    pa = analyse(
        MENU + HEADLINE + "\n\n" + "\n\n".join(ARTICLE) + "\n" + "\n".join(extra), None, ""
    )
    rng = np.random.default_rng(seed)
    second = line_scores(pa.matrix) + rng.normal(0, 2, len(pa.matrix))  # cores anywhere
    plain = _plain_tail_features(pa.pl, pa.matrix, second)
    for _ in range(2):  # the lines' signs computed, then remembered
        assert tail_features(pa.pl, pa.matrix, second).tobytes() == plain.tobytes()
        rows = tail_features(pa.pl, pa.matrix, second, tail_only=True)
        assert rows.tobytes() == plain[len(plain) - len(rows) :].tobytes()


def _plain_person_share(lines: list[str]) -> np.ndarray:
    """The person-word share as first written: the page's words in one list, summed per line."""
    tokens = " ".join(lines).lower().split(" ")
    hits = np.array([token in tail._PERSON for token in tokens], dtype=np.float64)
    sizes = np.array([line.count(" ") + 1 for line in lines])
    starts = np.cumsum(sizes) - sizes
    return np.minimum(np.add.reduceat(hits, starts) / sizes * 8, 1.0)


_WORDS = st.sampled_from(["I", "i'm", "MY", "Ich", "wir", "nous", "ΣΑΣ", "İch", "the", "ΜΟΥ", "é"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_WORDS | st.text(" aIé\u0130\u03a3", max_size=4), min_size=1), min_size=1))
def test_the_person_share_line_by_line_is_the_plain_one_bit_for_bit(words):
    lines = [" ".join(line) for line in words]
    assert tail._person_share(lines).tobytes() == _plain_person_share(lines).tobytes()


def test_a_page_whose_core_is_its_last_line_has_no_tail_rows_and_keeps_its_scores():
    pa = analyse(MENU + HEADLINE + "\n\n" + "\n\n".join(ARTICLE) + "\n", None, "")
    second = line_scores(pa.matrix)
    assert tail_features(pa.pl, pa.matrix, second)[:, 1].sum() == 0  # nothing below the core
    assert tail_features(pa.pl, pa.matrix, second, tail_only=True).shape == (0, len(TAIL_FEATURES))
    assert tail_scores(pa.pl, pa.matrix, second) is second

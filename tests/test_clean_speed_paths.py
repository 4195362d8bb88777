"""The cleaner's shortcuts answer exactly as the plain computations they replace (same bits)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import visit_counts as library_visit_counts

from index.cleaning import language, line_model, lines, page_kind, parts, windows
from index.cleaning.lines import _PROMO_LABEL, PageLines
from index.text import _clean_line, sanitize, sanitize_page, strip_escapes

_TEXT = st.lists(
    st.sampled_from([*"ab Zé ß.,:\n\t\u00a0\u200b\x1b東の", "  ", " \n", "\n ", "word ", "Word"]),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["the ", "der ", "und ", "la ", "ß", "é", "東京", " ", "\n"]) | _TEXT)
)
def test_remembered_language_walk_is_the_library_walk(parts):
    identifier = language._get_identifier()
    text = "".join(parts).encode("utf-8")
    walks: dict = {}
    for _ in range(2):  # a first walk fills the memory, the second reads it
        mine = language.visit_counts(identifier, walks, text)
        theirs = library_visit_counts(
            identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, text
        )
        assert (list(mine.items()) if mine else None) == (list(theirs.items()) if theirs else None)


def test_language_of_a_text_is_unchanged_by_the_remembered_walk():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mine = language._get_identifier()
    plain.set_languages(mine.nb_classes)
    for text in (
        "Der Bundestag hat am Donnerstag über das neue Gesetz zur Förderung der Bahn beraten.",
        "El gobierno anunció el lunes un plan para reducir las emisiones de la industria.",
        "Le président a annoncé une réforme des retraites devant les députés réunis.",
        "",
        "12 34",
    ):
        assert mine._decide(text).tobytes() == plain._decide(text).tobytes()


def _mean_of(cumulative: np.ndarray, half: int) -> np.ndarray:
    """Each line's window mean of what `cumulative` sums (first row 0), by a gather of the window's
    ends: how the line model computed every window before it read them as slices."""
    low, high, width = windows.bounds(len(cumulative) - 1, half)
    if cumulative.ndim == 2:
        return (cumulative[high] - cumulative[low]) / width[:, None]
    return (cumulative[high] - cumulative[low]) / width


def _context_reference(scores: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """`context_features` as it was written before: one numpy call per window and column."""
    n = len(scores)
    out = np.empty((n, len(line_model.CONTEXT_FEATURES)))
    s = out[:, 0]
    np.maximum(scores, -8, out=s)
    np.minimum(s, 8, out=s)
    s /= 8
    padded = np.full(n + 6, -1.0)
    padded[3:-3] = s
    highest, lowest = out[:, 4], out[:, 5]
    highest[:] = padded[:n]
    lowest[:] = padded[:n]
    for shift in range(1, 7):
        np.maximum(highest, padded[shift : shift + n], out=highest)
        np.minimum(lowest, padded[shift : shift + n], out=lowest)
    positive = (scores > 0).astype(np.float64)
    chars = matrix[:, 0]
    mass = positive * chars
    total = mass.sum() or 1.0
    before = np.cumsum(mass) - mass
    cumulative = np.zeros((n + 1, 3))
    for column, values in enumerate((s, positive, mass)):
        np.cumsum(values, out=cumulative[1:, column])
    wide = _mean_of(cumulative, line_model.CORE_WINDOW)
    core = int(np.argmax(wide[:, 2])) if n else 0
    stops = np.cumsum(matrix[:, line_model._STOP_COLUMN])
    out[:, 1] = _mean_of(cumulative[:, 0], 1)
    out[:, 2] = _mean_of(cumulative[:, 0], 3)
    out[:, 3] = wide[:, 0]
    out[:, 6] = _mean_of(cumulative[:, 1], 5)
    out[:, 7] = before / total
    out[:, 8] = (total - before - mass) / total
    out[:, 9] = np.log1p(np.abs(np.arange(n) - core)) / 5
    out[:, 10] = np.minimum(np.abs(stops - stops[core]), 3) / 3
    out[:, 11] = wide[core, 1] if n else 0.0
    out[:, 12] = matrix[:, line_model._GOOD_COLUMN]
    out[:, 13] = matrix[:, line_model._STOP_COLUMN]
    out[:, 14] = chars
    out[:, 15] = matrix[:, line_model._ENDS_COLUMN]
    return out


def test_context_features_are_the_plain_computation_to_the_bit():
    rng = np.random.default_rng(7)
    for n in (1, 2, 6, 7, 8, 9, 40, 127, 128, 129, 1000, 8191, 8193, 20_000):
        matrix = rng.random((n, len(line_model.FEATURES)))
        matrix[:, line_model._STOP_COLUMN] = rng.random(n) < 0.1
        scores = rng.normal(0, 6, n)
        # ties and exact zeros too (of one sign: a score is a sum of many products, never -0.0
        # beside +0.0, the one tie whose maximum could differ between the two, and only in sign)
        scores[: n // 3] = np.round(scores[: n // 3]) + 0.0
        got = line_model.context_features(scores, matrix)
        assert got.tobytes() == _context_reference(scores, matrix).tobytes(), n


def test_window_means_are_the_gathered_means_to_the_bit():
    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 5, 8, 9, 17, 100, 5000):
        values = rng.normal(0, 5, (3, n))
        running = windows.running_sums(values)
        for half in range(windows.PAD + 1):
            wants = []
            for row in values:
                cumulative = np.zeros(n + 1)
                np.cumsum(row, out=cumulative[1:])
                wants.append(_mean_of(cumulative, half))
            assert windows.window_means(running, half).tobytes() == np.vstack(wants).tobytes()
            assert windows.window_means(running[1], half).tobytes() == wants[1].tobytes()


def test_windows_read_in_one_gather_are_the_window_means_to_the_bit():
    rng = np.random.default_rng(5)
    for n in (0, 1, 2, 8, 9, 17, 300):
        running = windows.running_sums(rng.normal(0, 5, (4, n)))
        spec = ((0, 1), (0, 3), (2, 8), (1, 8), (3, 0), (1, 5))
        got = windows.window_means_at(running, spec)
        want = [windows.window_means(running[row], half) for row, half in spec]
        assert got.tobytes() == np.vstack(want).tobytes(), n
        single = windows.running_sums(running[1, windows.PAD + 1 : windows.PAD + 1 + n])
        assert (
            windows.window_means_at(single, ((0, 3),))[0].tobytes()
            == windows.window_means(single, 3).tobytes()
        )


@settings(max_examples=400, deadline=None)
@given(_TEXT | st.text(max_size=40))
def test_lines_of_a_text_sanitize_found_printable_are_split_as_any(text):
    clean, printable = sanitize_page(text)
    assert clean == sanitize(text)
    if printable:  # then every line is: the split need not ask
        assert clean.replace("\n", "").isprintable()
        assert PageLines(clean, printable=True).lines == PageLines(clean).lines


def test_line_scores_are_the_plain_computation_to_the_bit():
    rng = np.random.default_rng(11)
    model = line_model.weights()
    for n in (1, 2, 3, 4, 7, 50, 400):
        matrix = rng.random((n, len(line_model.FEATURES)))
        parts = matrix @ model["line_coef"].reshape(4, matrix.shape[1]).T
        cumulative = np.zeros(n + 1)
        np.cumsum(parts[:, 3], out=cumulative[1:])
        first = parts[:, 0] + model["line_intercept"] + _mean_of(cumulative, line_model.WINDOW)
        first[1:] += parts[:-1, 1]
        first[:-1] += parts[1:, 2]
        context = _context_reference(first, matrix)
        want = context @ model["context_coef"] + model["context_intercept"]
        assert line_model.line_scores(matrix).tobytes() == want.tobytes(), n


def _split_reference(text: str) -> list[str]:
    """The page's lines as split before the shortcuts (every line asked whether it continues)."""
    found: list[str] = []
    blank = True
    for raw in text.split("\n"):
        if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
            line = raw
        else:
            line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if not blank and found and lines._continues(found[-1], line):
            found[-1] = f"{found[-1]} {line}"
            continue
        found.append(line)
        blank = False
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_sanitize_and_line_split_give_the_line_by_line_answers(text):
    assert PageLines(text).lines == _split_reference(text)
    plain = "\n".join(_clean_line(line) for line in text.replace("\x1b", "").split("\n"))
    assert sanitize(text.replace("\x1b", "")) == (
        plain if plain.isascii() else __import__("unicodedata").normalize("NFC", plain)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"readmoslt :•*-", "read more", "see also", "Lesen Sie auch"])).map(
        "".join
    )
)
def test_every_promo_label_holds_a_colon(line):
    if _PROMO_LABEL.fullmatch(line.strip(" •*-")):
        assert ":" in line


def test_position_and_span_columns_are_the_plain_computation_to_the_bit():
    text = "\n\n".join(
        f"Line {i} of the page says something about the council and its budget."
        if i % 3
        else f"Menu {i}"
        for i in range(40)
    )
    pl = PageLines(text)
    n = len(pl.lines)
    index = np.arange(n)
    page = line_model.N_LINE
    for span in (None, (0, 0), (3, 17), (0, n - 1), (n - 1, n - 1), (12, 12)):
        got = line_model.features(pl, [False] * n, span, [False] * n)
        first, last = span if span else (n, n)
        assert got[:, page + 13].tobytes() == (index / n).tobytes()
        assert np.array_equal(got[:, page + 14], (index >= first) & (index <= last))
        want = np.log1p(np.maximum(first - index, 0)) / 4
        assert got[:, page + 15].tobytes() == want.tobytes(), span
        want = np.log1p(np.maximum(index - last, 0)) / 4
        assert got[:, page + 16].tobytes() == want.tobytes(), span
        assert np.array_equal(got[:, page + 20], index == 0)


_ODD_TEXT = st.lists(
    st.sampled_from(
        [
            *"aAiIİıſsSkK \n\t\r.,-_é東กຂ\u00a0\u2028\u202e\u0085\x1b\x9b\ud800\ufffe",
            *("\r\n", "viagra", "Cialis", "porno", "xxx", "buy", "cheap", "online", "no"),
            *("prescription", "escort", "service", "payday", "loans", "replica", "watches"),
            *("tramadol", "levitra"),
        ]
    ),
    max_size=40,
).map("".join)
# the patterns the shortcuts stand for, as they were written before
_SPAM_IGNORECASE = re.compile(
    r"(?i)\b(?:viagra|cialis|levitra|tramadol|xanax|porno?|xxx|escort\s+service"
    r"|payday\s+loans?|replica\s+watch\w*|cheap\s+\w+\s+online|buy\s+\w+\s+online|no\s+prescription)"
)
_COPYRIGHT = re.compile(r"(?:copyright|\(c\))\s*(?:19|20)\d\d")


@settings(max_examples=400, deadline=None)
@given(_ODD_TEXT)
def test_spam_words_on_lower_cased_text_are_the_ignorecase_matches(text):
    lower = text.lower()
    assert [m.span() for m in page_kind._SPAM.finditer(lower)] == [
        m.span() for m in _SPAM_IGNORECASE.finditer(lower)
    ]


@settings(max_examples=400, deadline=None)
@given(
    _ODD_TEXT
    | st.lists(
        st.sampled_from(["Photo", "(File photo", "Credit", ":", " by ", ")", "(", "x", " "])
    ).map("".join)
)
def test_word_gates_answer_as_the_patterns_alone(text):
    words = text.count(" ") + 1
    end = text[-120:]
    assert parts.is_credited_caption(text, words) == (
        4 <= words <= 60 and parts._CREDITED_CAPTION.search(end) is not None
    )
    copyright_line = "©" in text or _COPYRIGHT.search(text.lower()) is not None
    assert (parts.brand_of_copyright(text) != "") <= copyright_line


@settings(max_examples=300, deadline=None)
@given(_ODD_TEXT)
def test_sanitize_of_odd_characters_is_the_line_by_line_table(text):
    plain = strip_escapes(text).replace("\r\n", "\n")
    plain = "\n".join(_clean_line(line) for line in plain.split("\n"))
    assert sanitize(text) == unicodedata.normalize("NFC", plain)


@settings(max_examples=300, deadline=None)
@given(
    _ODD_TEXT | st.lists(st.sampled_from([*"a ’–•—“東กຂ\u0e00\u1fff\u2c00\u3000ᄀ"])).map("".join)
)
def test_word_count_without_the_max_test(text):
    line = " ".join(text.split())
    spaced = line.count(" ") + 1
    if line.isascii() or max(line) < "\u0e00":
        assert lines.word_count(line) == spaced
    else:
        more = len(lines.CJK.findall(line)) // 2 + lines.unspaced(line)
        assert lines.word_count(line) == spaced + more


def test_long_lines_classed_from_the_cache_as_when_first_seen():
    page = "\n\n".join(
        [
            "Reporting by Jane Doe and John Roe; editing by Sam Poe for the wire desk today",
            "We use cookies to give you the best experience on our site, read our cookie policy",
            "A woman walks past the flooded houses of the town on Monday. Photo: Jane Doe/AFP",
            "The Council Says The Flooded Houses Of The Town Will Be Rebuilt By The End Of Year",
            "The council said on Monday that the flooded houses would be rebuilt by the end of "
            "next year, and that the families would be housed in the meantime.",
        ]
        * 2
    )
    answers = []
    for recurs in ([False] * 10, [True] * 10, [False] * 10):
        lines._LINE_CACHE.clear()
        for _ in range(2):  # new lines, then the same lines from the cache
            pl = PageLines(page)
            credits = lines.classify(pl, recurs)
            answers.append((pl.kind, pl.role, credits, sorted(pl.caption_text.items())))
        assert answers[-1] == answers[-2]
    assert answers[0] == answers[4] != answers[2]  # the site's own lines are furniture
    kinds = answers[0][0]
    assert kinds[:5] == [lines.STOP, lines.BAD, lines.SHORT, lines.SHORT, lines.GOOD]
    assert answers[0][1][2] == "caption" and answers[0][2] == ["Jane Doe", "John Roe"]

"""Text analysis by language: words of every script, CJK runs as bigrams, Snowball stems.

A word (letters of any script with their combining marks, inner dots kept) is lowercased, stemmed
with the Snowball stemmer of the article's language (PyStemmer: C, 30-odd languages, output
identical to the Snowball algorithms) and then stripped of accents (`fold`). A language Snowball
does not cover, or none detected, is stemmed as English, as every library was before: English
rules leave other scripts alone. Chinese, Japanese and Korean runs have no spaces between words,
so each run of those scripts becomes its overlapping character bigrams (`保障房` → `保障`, `障房`),
one position each, as Lucene's CJK analyzer does; a one-character run is its unigram. A CJK word
in a query is then the phrase of its bigrams and is found inside running text.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Analyzer, Token

from index.text import CJK_CHARS, has_cjk, may_hold_cjk

# letters that Unicode does not decompose into base + accent, folded by hand
_EXTRA_FOLDS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
        "ŀ": "l",
    }
)


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Case and accent folding for any script: `İstanbul`→`istanbul`, `Straße`→`strasse`."""
    if "." in word and not word[0].isdigit():
        word = word.replace(".", "")  # U.S. -> us, but 5.93 stays
    if word.isascii():
        return word.lower()
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_EXTRA_FOLDS)


CJK = CJK_CHARS


# The combining marks of the BMP as `_mark_ranges` finds them in Unicode 14.0 (Python 3.11's
# `unicodedata`): working them out from 65,000 code points cost every process 8 ms at import.
MARKS_UNICODE = "14.0.0"
MARKS_14 = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed"
    r"\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823"
    r"\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903"
    r"\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    r"\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42"
    r"\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5"
    r"\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44"
    r"\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    r"\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    r"\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    r"\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    r"\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf"
    r"\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    r"\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97"
    r"\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
    r"\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734"
    r"\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    r"\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace"
    r"\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    r"\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff"
    r"\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672"
    r"\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c"
    r"\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983"
    r"\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4"
    r"\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed"
    r"\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)


def _mark_ranges() -> str:
    """A character class body of the combining marks (Mn, Mc, Me) of the BMP: Arabic harakat,
    Hebrew points, Indic vowel signs are part of their word (`\\w` does not match them)."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


MARKS = MARKS_14 if unicodedata.unidata_version == MARKS_UNICODE else _mark_ranges()
_LETTER = rf"[^\W{CJK}]"
_WORD = rf"{_LETTER}(?:{_LETTER}|[{MARKS}])*"
WORD_PATTERN = rf"{_WORD}(?:\.{_WORD})*"  # inner dots kept (U.S.), as TOKEN_PATTERN


# In text with no character from CJK_FIRST up, a letter is any `\w`: the same words, and a
# pattern without the CJK class, whose compiling (a map of 40,000 code points) cost 10-20 ms.
# Written as one class of the marks themselves (not `\uXXXX` escapes, parsed one at a time)
# holding `\w` too, a dot followed by a letter going on with the word: the words of
# `word(.word)*`, compiled in a quarter of the time (4 -> 1 ms CPU, measured under load).
PLAIN_WORD_PATTERN = rf"\w(?:[\w{MARKS.encode().decode('unicode_escape')}]|\.\w)*"


@lru_cache(maxsize=2)
def _tokens(cjk: bool) -> re.Pattern[str]:
    """Words and CJK runs, or words alone for text without CJK (compiled on first use)."""
    if not cjk:
        return re.compile(PLAIN_WORD_PATTERN)
    return re.compile(rf"(?P<cjk>[{CJK}]+)|{WORD_PATTERN}")


# ISO 639-1 codes (py3langid's) of the languages PyStemmer stems, and its algorithm names.
SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
DEFAULT_STEMMER = "english"  # no language, or one Snowball lacks: stemmed as before
CACHE_WORDS = 200_000  # words remembered per stemmer (most of a language's running vocabulary)

_local = threading.local()  # a PyStemmer object is not thread-safe: one per thread
_terms: dict[str, dict[str, str]] = {}


def stemmer_for(language: str) -> str:
    """The Snowball algorithm an article in `language` (ISO 639-1, may be "") is stemmed with."""
    return SNOWBALL.get((language or "").split("-")[0].lower(), DEFAULT_STEMMER)


def _stem_function(algorithm: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    stem = stemmers.get(algorithm)
    if stem is None:
        import Stemmer  # on first use: opening a library unpickles this module's analyzer

        stem = stemmers[algorithm] = Stemmer.Stemmer(algorithm, 0).stemWord
    return stem


def term_cache(algorithm: str) -> dict[str, str]:
    """Word -> index term of one stemmer, as `word_term` fills it (look there first: no call)."""
    cache = _terms.get(algorithm)
    if cache is None:
        cache = _terms[algorithm] = {}
    return cache


def word_term(word: str, algorithm: str) -> str:
    """The index term of a (non-CJK) word: lowercased, stemmed, then accents folded."""
    cache = term_cache(algorithm)
    term = cache.get(word)
    if term is None:
        if len(cache) >= CACHE_WORDS:
            cache.clear()
        lower = word.lower() if word.isascii() else word.casefold()
        if "." in lower and not lower[0].isdigit():
            lower = lower.replace(".", "")  # U.S. -> us (fold's rule, before the stemmer)
        term = cache[word] = fold(_stem_function(algorithm)(lower))
    return term


def cjk_term(chars: str) -> str:
    """A CJK bigram or unigram as indexed: compatibility forms unified (half-width kana)."""
    return chars if chars.isascii() else unicodedata.normalize("NFKC", chars)


def spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_cjk) of each position of `text`: words, CJK bigrams (or a lone char)."""
    for m in _tokens(may_hold_cjk(text)).finditer(text):
        start, end = m.span()
        if m.lastgroup == "cjk":
            if end - start == 1:
                yield start, end, True
            else:
                for i in range(start, end - 1):
                    yield i, i + 2, True
        else:
            yield start, end, False


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each position of `text`, as `spans` gives them (snippets read the first
    few hundred of each hit's body: without CJK, straight from the pattern's matches)."""
    if may_hold_cjk(text):
        return ((start, end) for start, end, _ in spans(text))
    return map(re.Match.span, _tokens(False).finditer(text))


def analyse(text: str, algorithm: str) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) of each position of `text` for one stemmer."""
    for pos, (start, end, cjk) in enumerate(spans(text)):
        raw = text[start:end]
        yield (cjk_term(raw) if cjk else word_term(raw, algorithm)), pos, start, end


_ASCII_WORDS = re.compile(r"\w+(?:\.\w+)*", re.ASCII)  # `_tokens` on ASCII text, faster


def terms(text: str, algorithm: str = DEFAULT_STEMMER) -> list[str]:
    """The index terms of `text` as an article of that stemmer's language holds them (the
    terms `analyse` gives, without its spans: ASCII text by one findall and the term cache)."""
    if not text.isascii():
        return [t for t, _, _, _ in analyse(text, algorithm)]
    cached = term_cache(algorithm).get
    found = []
    for word in _ASCII_WORDS.findall(text):
        term = cached(word)
        found.append(term if term is not None else word_term(word, algorithm))
    return found


def spelling_words(text: str) -> set[str]:
    """The unstemmed, folded words of `text` for "did you mean" (CJK bigrams are not words)."""
    return {fold(text[s:e]) for s, e, cjk in spans(text) if not cjk}


class LanguageAnalyzer(Analyzer):
    """Title and body analysis by language (see the module docstring); `lang=` picks the stemmer.

    Whoosh calls it without a language (its own `add_document`, `spellable_words`): English then.
    The ingest analyses with each article's language (`prepared_docs.analysed_text`).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageAnalyzer)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def has_morph(self) -> bool:
        return True  # stems: Whoosh keeps the unstemmed words in a spelling field

    def terms(self, value: str, lang: str = "") -> list[str]:
        """The terms `__call__` would give, as a list (no Token objects): profiles, placing."""
        return terms(value, stemmer_for(lang))

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        lang="",
        no_morph=False,
        **kwargs,
    ):
        algorithm = stemmer_for(lang)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, pos, start, end in analyse(value, algorithm):
            if no_morph:  # spelling words: unstemmed
                raw = value[start:end]
                if has_cjk(raw):
                    continue
                term = fold(raw)
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def language_analyzer() -> LanguageAnalyzer:
    """The title and body analyzer of libraries written by this version."""
    return LanguageAnalyzer()


def is_language_analyzer(analyzer) -> bool:
    """True for libraries analysed by language; False for those of earlier versions (English)."""
    return isinstance(analyzer, LanguageAnalyzer)

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

import Stemmer
from whoosh.analysis import Analyzer, Token

from index.text import CJK_CHARS, has_cjk

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


MARKS = _mark_ranges()
_LETTER = rf"[^\W{CJK}]"
_WORD = rf"{_LETTER}(?:{_LETTER}|[{MARKS}])*"
WORD_PATTERN = rf"{_WORD}(?:\.{_WORD})*"  # inner dots kept (U.S.), as TOKEN_PATTERN
_TOKENS = re.compile(rf"(?P<cjk>[{CJK}]+)|{WORD_PATTERN}")

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
    for m in _TOKENS.finditer(text):
        start, end = m.span()
        if m.lastgroup == "cjk":
            if end - start == 1:
                yield start, end, True
            else:
                for i in range(start, end - 1):
                    yield i, i + 2, True
        else:
            yield start, end, False


def analyse(text: str, algorithm: str) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) of each position of `text` for one stemmer."""
    for pos, (start, end, cjk) in enumerate(spans(text)):
        raw = text[start:end]
        yield (cjk_term(raw) if cjk else word_term(raw, algorithm)), pos, start, end


def terms(text: str, algorithm: str = DEFAULT_STEMMER) -> list[str]:
    """The index terms of `text` as an article of that stemmer's language holds them."""
    return [t for t, _, _, _ in analyse(text, algorithm)]


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

"""Language of an article (ISO 639-1 code) from py3langid's small offline model."""

from __future__ import annotations

import threading
from collections import Counter

SAMPLE_CHARS = 500  # enough text for a confident answer; more only costs time
MIN_LETTERS = 12  # below this the detector guesses: say nothing
MIN_PROBABILITY = 0.5

_identifier = None
_lock = threading.Lock()
_WALKS_SIZE = 20_000  # (state, word) -> where py3langid's automaton goes and what it counts


def _walk(identifier, state: int, chunk: bytes) -> tuple[int, tuple[int, ...]]:
    """py3langid's byte walk (`visit_counts`) over one chunk: the end state, the features met."""
    nextmove, rowbase, output = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    found: list[int] = []
    for letter in chunk:
        state = nextmove[rowbase[state] + letter]
        feature = output[state]
        if feature >= 0:
            found.append(feature)
    return state, tuple(found)


def visit_counts(identifier, walks: dict, text: bytes) -> Counter | None:
    """py3langid's `visit_counts` of the text, word by word: the automaton's walk over a word
    and the space after it depends only on the state it starts in, so a word met again from
    the same state (most words of a page are) is looked up, not walked byte by byte. The same
    features in the same order, so the same scores to the last bit."""
    if len(walks) >= _WALKS_SIZE:
        walks.clear()
    state = 0
    indexes: list[int] = []
    words = text.split(b" ")
    for word in words[:-1]:
        key = (state, word)
        found = walks.get(key)
        if found is None:
            found = walks[key] = _walk(identifier, state, word + b" ")
        state = found[0]
        indexes += found[1]
    indexes += _walk(identifier, state, words[-1])[1]
    return Counter(indexes) if indexes else None


def _load():
    import numpy
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    class _Identifier(LanguageIdentifier):
        """py3langid's identifier with its byte walk remembered word by word."""

        __slots__ = ("_walks",)

        def _raw_score(self, text):
            visits = visit_counts(self, self._walks, text)
            if not visits:  # no features: the library's answer for that
                return super()._raw_score(b"")
            return self._sparse_score(visits, self.nb_ptc)

    cls = _Identifier if hasattr(LanguageIdentifier, "_sparse_score") else LanguageIdentifier
    identifier = cls.from_model_file(MODEL_FILE, norm_probs=True)
    if cls is _Identifier:
        identifier._walks = {}
    # ISO 639-1 codes only: the model's few three-letter languages (Nigerian Pidgin,
    # Cantonese, ...) mostly catch tables and wire shorthand written in English.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    # the restricted table comes out column-major, where every text gathers its
    # features' rows: in row-major order that gather is ten times faster (same values)
    identifier.nb_ptc = numpy.ascontiguousarray(identifier.nb_ptc)
    return identifier


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _load()
    return _identifier


_ENGLISH_WORDS = (" the ", " and ", " of ", " to ", " is ", " that ", " was ", " for ")


def _clearly_english(sample: str) -> bool:
    """A fast path for the common case: English function words all over the sample."""
    lower = sample.lower()
    hits = sum(lower.count(word) for word in _ENGLISH_WORDS)
    return hits >= 8 and hits * 60 >= len(sample)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if (  # enough letters in the first 60 characters answers for the whole sample
        sum(map(str.isalpha, sample[:60])) < MIN_LETTERS
        and sum(map(str.isalpha, sample)) < MIN_LETTERS
    ):
        return ""
    if sample.isupper():  # wire headlines in capitals: the model knows lower-case text better
        sample = sample.lower()
    if _clearly_english(sample):
        return "en"
    try:
        code, probability = _get_identifier().classify(sample)
    except Exception:
        return ""
    return str(code) if probability >= MIN_PROBABILITY else ""

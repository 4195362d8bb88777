"""Language of an article (ISO 639-1 code) from py3langid's small offline model."""

from __future__ import annotations

import threading

SAMPLE_CHARS = 500  # enough text for a confident answer; more only costs time
MIN_LETTERS = 12  # below this the detector guesses: say nothing
MIN_PROBABILITY = 0.5

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                import numpy
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                # ISO 639-1 codes only: the model's few three-letter languages (Nigerian Pidgin,
                # Cantonese, ...) mostly catch tables and wire shorthand written in English.
                identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
                # the restricted table comes out column-major, where every text gathers its
                # features' rows: in row-major order that gather is ten times faster (same values)
                identifier.nb_ptc = numpy.ascontiguousarray(identifier.nb_ptc)
                _identifier = identifier
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
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
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

"""What the query side needs of a library's title/body analysis: query forms and word places.

A library written by this version analyses each article with its language's stemmer
(`analysis.LanguageAnalyzer`); one of an earlier version, every article with English stems
(`schema.text_analyzer`). A query does not say its language, so a word is analysed with the
stemmer of every language the library holds and the distinct results are OR'ed: `журналисты`
(Russian stem `журналист`) finds `журналистов`, and `troops` still finds `troop`.
"""

from __future__ import annotations

import contextlib
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from index.format.analysis import (
    DEFAULT_STEMMER,
    is_language_analyzer,
    stemmer_for,
    terms,
    word_spans,
)
from index.format.schema import TOKEN_PATTERN, text_analyzer


@cache
def _old_analysis() -> tuple[re.Pattern[str], Callable]:
    """The word pattern and analyzer of earlier libraries (made on first use: Whoosh's English
    stemmer loads every Snowball language of Whoosh, 15 ms)."""
    return re.compile(TOKEN_PATTERN), text_analyzer()


@dataclass(frozen=True)
class TextForms:
    """The analysis of one library's title and body fields, as the query side uses it."""

    by_language: bool  # False: a library of an earlier version (English stems, no bigrams)
    stemmers: tuple[str, ...] = (DEFAULT_STEMMER,)  # of the languages the library holds

    def forms(self, text: str) -> list[list[str]]:
        """The distinct term sequences `text` is indexed as, one per stemmer of the library."""
        if not self.by_language:
            found = [t.text for t in _old_analysis()[1](text)]
            return [found] if found else []
        out: dict[tuple[str, ...], None] = {}
        for stemmer in self.stemmers:
            found = tuple(terms(text, stemmer))
            if found:
                out.setdefault(found, None)
        return [list(f) for f in out]

    def word_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each word position of `text`: its n-th is position n."""
        if not self.by_language:
            return (m.span() for m in _old_analysis()[0].finditer(text))
        return word_spans(text)


_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # reader -> its TextForms


def text_forms(reader) -> TextForms:
    """The `TextForms` of the library `reader` reads (its schema, its `lang` values), worked out
    once per reader (a reader sees one commit: its languages do not change)."""
    try:
        return _KNOWN[reader]
    except (KeyError, TypeError):
        pass
    forms = _text_forms(reader)
    with contextlib.suppress(TypeError):  # a reader without weak references: each time
        _KNOWN[reader] = forms
    return forms


def _text_forms(reader) -> TextForms:
    try:
        if not is_language_analyzer(reader.schema["body"].analyzer):
            return TextForms(False)
        languages: Iterable = reader.lexicon("lang") if "lang" in reader.schema else ()
        codes = [t.decode("utf-8") if isinstance(t, bytes) else t for t in languages]
    except Exception:
        return TextForms(False)
    found = dict.fromkeys([DEFAULT_STEMMER, *sorted({stemmer_for(c) for c in codes})])
    return TextForms(True, tuple(found))

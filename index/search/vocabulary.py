"""The library's own unstemmed words, for "did you mean" and fuzzy words (`word~`).

Libraries of this version keep them in the article store (`words`, written at each commit); the
search index holds stems only. Earlier libraries kept them in Whoosh's spelling field
(`spell_body`, a term per word and segment: a third of the terms a commit wrote), read as before.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.automata.fsa import find_all_matches
from whoosh.codec.base import Automata
from whoosh.spelling import Corrector

SPELLING_FIELD = "spell_body"  # where libraries before the `words` table keep their words


class Vocabulary:
    """The words of article bodies (folded, unstemmed): membership and near words."""

    def __init__(self, reader, store) -> None:
        self.reader = reader
        self.store = store
        self.in_index = SPELLING_FIELD in reader.schema

    def __contains__(self, word: str) -> bool:
        if self.in_index:
            return (SPELLING_FIELD, word) in self.reader
        return self.store.word_at_or_after(word) == word

    def near(self, word: str, maxdist: int, prefix: int = 0) -> Iterator[str]:
        """The words within `maxdist` edits of `word`, sharing its first `prefix` letters."""
        if self.in_index:
            yield from self.reader.terms_within(SPELLING_FIELD, word, maxdist, prefix=prefix)
            return
        dfa = Automata.levenshtein_dfa(word, maxdist, prefix)
        yield from find_all_matches(dfa, self.store.word_at_or_after)


class VocabularyCorrector(Corrector):
    """Suggests the library's own words: nearest, then commonest.

    How common a word is comes from the body field (the articles that hold its stem): the
    vocabulary only records that a word exists.
    """

    def __init__(self, reader, vocabulary: Vocabulary) -> None:
        self.reader = reader
        self.vocabulary = vocabulary
        self.analyzer = reader.schema["body"].analyzer

    def _articles_with(self, word: str) -> int:
        terms = [token.text for token in self.analyzer(word)]
        return self.reader.doc_frequency("body", terms[0]) if terms else 0

    def suggest(self, text, limit=5, maxdist=2, prefix=0):
        """The commonest words at the smallest distance that has any (distance 2 is slow)."""
        for distance in range(1, maxdist + 1):
            found = self._suggestions(text, distance, prefix)
            if found:
                return [w for _, w in sorted(found, key=lambda x: (-x[0], x[1]))[:limit]]
        return []

    def _suggestions(self, text, maxdist, prefix):
        return [
            (self._articles_with(w), w)
            for w in self.vocabulary.near(text, maxdist, prefix=prefix)
            if w != text
        ]


def with_case(text: str, tokens) -> str:
    """The query with corrected words put in, written like the words they replace (Rasmusen)."""
    out, at = [], 0
    for token in sorted(tokens, key=lambda t: t.startchar):
        original = text[token.startchar : token.endchar]
        word = token.text
        if original[:1].isupper():
            word = word.upper() if original.isupper() and len(original) > 1 else word.capitalize()
        out += [text[at : token.startchar], word]
        at = token.endchar
    out.append(text[at:])
    return "".join(out)

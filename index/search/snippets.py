"""Snippets and highlights: the best passage of a hit as plain text, and spans of matched words.

The matched words' places come from the index, so no article is analysed again at search time:
their word positions, turned into characters by finding the n-th word (or CJK bigram) of the
text with the library's tokenizer alone (no folding or stemming, which never add or drop a
word); libraries written before stored each word's characters (Whoosh's `chars=True`), read
as they are. The text is `index.format.indexed_body(article)`, exactly what was indexed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import islice

from index.format import language_analyzer, text_forms

SNIPPET_CHARS = 200
CONTEXT_BEFORE = 50

_ANALYZER = language_analyzer()
_SPACES = re.compile(r"\s+")


def highlight_spans(text: str, terms: Iterable[str], language: str = "") -> list[tuple[int, int]]:
    """(start, end) of every word (or CJK bigram) of `text`, analysed as an article in
    `language`, whose term is one of `terms`; overlapping bigrams merged into one span."""
    wanted = set(terms)
    if not wanted or not text:
        return []
    found = [
        (t.startchar, t.endchar)
        for t in _ANALYZER(text, chars=True, lang=language)
        if t.text in wanted
    ]
    return merged(found)


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (the bigrams of one CJK word)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


_CONTROL_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\xa0": " "})  # no-break: printable


def plain(text: str) -> str:
    """Control characters and line breaks become spaces, one for one (offsets are kept)."""
    if text.isprintable():
        return text
    spaced = text.translate(_BREAKS)  # the common case: paragraph breaks, no-break spaces
    if spaced.isprintable():
        return text.translate(_CONTROL_BREAKS)
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)


def best_window(spans: Sequence[tuple[int, int, str]], width: int) -> tuple[int, int]:
    """(first, last) span indexes of the `width`-char window with the most distinct terms."""
    best = (0, 0)
    best_score = (-1, -1)
    j = 0
    for i in range(len(spans)):
        if j < i:
            j = i
        while j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= width:
            j += 1
        window = spans[i : j + 1]
        score = (len({s[2] for s in window}), len(window))
        if score > best_score:
            best, best_score = (i, j), score
    return best


def make_snippet(
    text: str, spans: Sequence[tuple[int, int, str]], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """The best passage of `text` around the (start, end, term) spans, and spans into it."""
    spans = sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text))
    if not spans:
        start, end = 0, min(len(text), width)
    else:
        first, last = best_window(spans, width)
        lo, hi = spans[first][0], spans[last][1]
        start = max(0, lo - min(CONTEXT_BEFORE, max(0, width - (hi - lo)) // 2))
        end = min(len(text), max(hi, start + width))
    if start > 0:  # begin on a word (after a space or a line break; CJK text has neither),
        # or at the text when that is a few characters back ("New York", not "…York")
        space = max(text.rfind(c, max(0, start - 20), start) for c in " \n")
        start = 0 if start <= 20 else space + 1 if space >= 0 else start
    if end < len(text):
        found = [i for i in (text.find(c, end, end + 20) for c in " \n") if i >= 0]
        end = min(found) if found else end
    raw = text[start:end]
    core_start = start + len(raw) - len(raw.lstrip())
    core = plain(raw.strip())
    lead = "…" if core_start > 0 else ""
    trail = "…" if core_start + len(core) < len(text) else ""
    core_end = core_start + len(core)
    inside = [
        (s - core_start, e - core_start) for s, e, _ in spans if core_start <= s and e <= core_end
    ]
    core, inside = one_spaced(core, merged(inside))
    return lead + core + trail, [(s + len(lead), e + len(lead)) for s, e in inside]


def one_spaced(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each run of whitespace as one space, as a one-line display shows it (a
    paragraph break is two), and `spans` moved along so they still point at their words."""
    runs = [m.span() for m in _SPACES.finditer(text) if m.group() != " "]
    if not runs:
        return text, spans

    def moved(i: int) -> int:  # i minus the characters dropped before it
        return i - sum(min(i, e) - s - 1 for s, e in runs if min(i, e) - s > 1)

    return _SPACES.sub(" ", text), [(moved(s), moved(e)) for s, e in spans]


class PostingSpans:
    """Character spans of the query's body terms in some documents (see the module docstring).

    Only the posting blocks that hold the documents are read (`SearchView.values`).
    """

    def __init__(self, view, terms: Iterable[str], fieldname: str = "body") -> None:
        self.view = view
        self.fieldname = fieldname
        reader = view.reader
        self.terms = [t for t in dict.fromkeys(terms) if (fieldname, t) in reader][:256]
        self.stored_chars = reader.schema[fieldname].format.supports("characters")
        self.forms = text_forms(reader)

    def spans(
        self, docnums: Sequence[int], texts: dict[int, str]
    ) -> dict[int, list[tuple[int, int, str]]]:
        """docnum -> [(start, end, term)] into texts[docnum], for each of docnums."""
        found: dict[int, list[tuple[int, int, str]]] = {d: [] for d in docnums}
        places: dict[int, list[tuple[int, str]]] = {d: [] for d in docnums}
        name = "characters" if self.stored_chars else "positions"
        for term in self.terms:
            try:
                values = self.view.values(self.fieldname, term, list(docnums), name)
            except Exception:
                continue
            for d, value in values.items():
                if self.stored_chars:
                    found[d].extend((s, e, term) for _, s, e in value)  # type: ignore[attr-defined]
                else:
                    places[d].extend((p, term) for p in value)  # type: ignore[attr-defined]
        for d, wanted in places.items():
            if wanted:
                last = max(p for p, _ in wanted)
                words = list(islice(self.forms.word_spans(texts.get(d, "")), last + 1))
                found[d].extend((*words[p], term) for p, term in wanted if p < len(words))
        return found

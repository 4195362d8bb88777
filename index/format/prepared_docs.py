"""Whoosh documents analysed in the ingest workers, then added by the indexer's one writer.

Analysing text (tokenising, folding, stemming, spelling words) was half of what the
indexer process spent per article while the cleaning workers sat idle. A worker now turns each
field into the postings Whoosh's `add_document` would make, and `add_prepared` feeds those to the
writer as `SegmentWriter.add_document` does. The body's unstemmed words ("did you mean") are
not indexed: the ingest keeps them in the store (`PreparedDoc.spelling`, search/vocabulary.py).
"""

from __future__ import annotations

import pickle
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from whoosh.fields import Schema
from whoosh.formats import Characters

from index.format.analysis import (
    WORD_PATTERN,
    cjk_term,
    spans,
    stemmer_for,
    term_cache,
    word_term,
)
from index.format.packed_formats import BIG_ENDIAN, PackedPositions
from index.format.prepared_pool import FieldPostings, PreparedPool
from index.format.schema import (
    ENTITY_FIELDS,
    ENTITY_GAP,
    TOKEN_PATTERN,
    build_schema,
    document_for,
    fold,
    group_key,
)
from index.records import Article
from index.text import has_cjk

Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, encoded positions
TEXT_FIELDS = ("title", "body")  # fields analysed by `LanguageAnalyzer`, see `analysed_text`
SHARED_FIELDS = ("dump", "source", "lang")  # one term an article, a few values a library
WORDS_FIELD = "body"  # the field whose unstemmed words are the library's vocabulary
POSTING_OVERHEAD = 150  # bytes a pooled posting costs beyond its strings (Whoosh's own estimate)


@dataclass(slots=True)
class PreparedDoc:
    """One article's field values and their postings, ready for the writer."""

    values: dict[str, object]  # every field but the copy group (decided in the indexer)
    postings: dict[str, FieldPostings]
    spelling: dict[str, list[bytes]]  # the body's unstemmed words (folded), for the store


@lru_cache(maxsize=1)
def _schema() -> Schema:
    return build_schema()


def schema_matches(schema: Schema) -> bool:
    """True when an index's schema is the one the workers analyse with (else no preparing)."""
    ours = _schema()
    try:
        return schema.names() == ours.names() and all(
            not schema[n].vector and pickle.dumps(schema[n]) == pickle.dumps(ours[n])
            for n in ours.names()
        )
    except Exception:  # a schema from some other version of the program: just don't prepare
        return False


def prepare(article: Article) -> PreparedDoc:
    """Analyse an article's fields as Whoosh's writer would (runs in a worker process)."""
    schema = _schema()
    values = document_for(article)
    values.pop("group", None)
    postings: dict[str, list[Posting]] = {}
    spelling: dict[str, list[bytes]] = {}
    for name, value in values.items():
        field = schema[name]
        if name in TEXT_FIELDS and isinstance(value, str):
            seen, words = _analysis(field, value, article.language)
            postings[name] = _packed(name, field, seen)
            if name == WORDS_FIELD:
                spelling[name] = _spelling(words)
            continue
        if name in ENTITY_FIELDS and isinstance(value, str):
            postings[name] = _packed(name, field, _entity_places(value))
        elif name in SHARED_FIELDS and isinstance(value, str):
            postings[name] = _shared_postings(name, value)
        elif field.indexed:
            postings[name] = _packed_list(name, field, list(field.index(value)))
    return PreparedDoc(values, postings, spelling)


@lru_cache(maxsize=4096)
def _shared_postings(name: str, value: str) -> FieldPostings:
    """The postings of a field whose few values recur (`SHARED_FIELDS`): made once a value, and
    one object in a worker's pickle however many articles share it."""
    field = _schema()[name]
    return _packed_list(name, field, list(field.index(value)))


_WORD = re.compile(TOKEN_PATTERN)
_WORDS = re.compile(WORD_PATTERN)  # the words of a text without CJK (`spans` without bigrams)
_ASCII_WORDS = re.compile(r"\w+(?:\.\w+)*", re.ASCII)  # the same on ASCII text, twice as fast


def entity_postings(field, value: str) -> list[Posting]:
    """`list(field.index(value))` of an entity field (one name a line, `entity_analyzer`) without
    Whoosh's chain of generators a token: a twelfth of what a worker spent on an article."""
    return _postings(field, _entity_places(value))


def _entity_places(value: str) -> dict[str, list[int]]:
    """Each term of an entity field's value and its positions, terms in order of first use."""
    seen: dict[str, list[int]] = {}
    pos = 0
    for line in value.split("\n"):
        words = 0
        for match in _WORD.finditer(line):
            seen.setdefault(fold(match.group()), []).append(pos + words)
            words += 1
        pos += max(ENTITY_GAP, words + 1)
    return seen


def analysed_text(field, value: str, language: str = "") -> tuple[list[Posting], list[bytes]]:
    """`list(field.index(value, lang=language))` and its spelling words, in one pass.

    For the title and body fields (`LanguageAnalyzer`: words, CJK bigrams, stems of the article's
    language). Whoosh's own path runs a chain of generators per token, twice (postings, then
    spelling words). Here a text without CJK is one `findall`, and each distinct word is stemmed
    (a cache lookup, mostly) once. The postings come out the same, in the same order.
    """
    seen, words = _analysis(field, value, language)
    return _postings(field, seen), _spelling(words)


def _analysis(field, value: str, language: str) -> tuple[dict[str, list], Iterable[str]]:
    """The terms of a title or body with their positions (`analysed_text`), and its words."""
    algorithm = stemmer_for(language)
    if isinstance(field.format, Characters) or has_cjk(value):
        return _analysed_spans(field, value, algorithm)
    places_of: dict[str, list[int]] = {}  # each word's positions, words in order of first use
    add = places_of.setdefault
    words = _ASCII_WORDS if value.isascii() else _WORDS
    for pos, word in enumerate(words.findall(value)):
        add(word, []).append(pos)
    known = term_cache(algorithm)
    seen: dict[str, list[int]] = {}  # the same by term: "Rates" and "rate" are one
    merged: list[list[int]] = []
    for word, places in places_of.items():
        term = known.get(word)
        if term is None:
            term = word_term(word, algorithm)
        have = seen.get(term)
        if have is None:
            seen[term] = places
        else:
            have.extend(places)
            merged.append(have)
    for places in merged:
        places.sort()
    return seen, places_of


def _analysed_spans(field, value: str, algorithm: str) -> tuple[dict[str, list], set[str]]:
    """`analysed_text` of any text: CJK bigrams, character offsets if the format keeps them."""
    with_chars = isinstance(field.format, Characters)
    seen: dict[str, list] = {}
    words: set[str] = set()
    for pos, (start, end, cjk) in enumerate(spans(value)):
        raw = value[start:end]
        if cjk:
            term = cjk_term(raw)
        else:
            words.add(raw)
            term = word_term(raw, algorithm)
        seen.setdefault(term, []).append((pos, start, end) if with_chars else pos)
    return seen, words


def _postings(field, seen: dict[str, list]) -> list[Posting]:
    encode, boost = field.format.encode, field.format.field_boost
    if type(field.format) is PackedPositions and not BIG_ENDIAN:  # its encode, without a call
        return [
            (
                term.encode("utf-8"),
                len(places),
                len(places) * 1.0 * boost,
                array("I", places).tobytes(),
            )
            for term, places in seen.items()
        ]
    return [
        (term.encode("utf-8"), len(places), len(places) * 1.0 * boost, encode(places))
        for term, places in seen.items()
    ]


def _packed(name: str, field, seen: dict[str, list]) -> FieldPostings:
    """`_postings(field, seen)` packed (see `FieldPostings`)."""
    places = list(seen.values())
    freqs = list(map(len, places))
    if type(field.format) is PackedPositions and not BIG_ENDIAN:  # its encode, without a call
        values = array("I", chain.from_iterable(places)).tobytes()
        lengths = array("I", [4 * f for f in freqs])
    else:
        encoded = list(map(field.format.encode, places))
        values = b"".join(encoded)
        lengths = array("I", map(len, encoded))
    boost = field.format.field_boost
    weights = array("d", [f * 1.0 * boost for f in freqs])
    joined = "\0".join(seen)
    terms: bytes | tuple[bytes, ...] = joined.encode("utf-8")
    if joined.count("\0") != len(seen) - 1 and seen:
        terms = tuple(t.encode("utf-8") for t in seen)
    return _field_postings(name, field, terms, freqs, weights, values, lengths)


def _packed_list(name: str, field, postings: list[Posting]) -> FieldPostings:
    """A field's postings as Whoosh's `field.index` makes them, packed."""
    terms = [p[0] for p in postings]
    joined: bytes | tuple[bytes, ...] = b"\0".join(terms)
    if joined.count(b"\0") != len(terms) - 1 and terms:
        joined = tuple(terms)
    values = [p[3] or b"" for p in postings]
    weights = array("d", [p[2] * 1.0 for p in postings])
    lengths = array("I", map(len, values))
    freqs = [p[1] for p in postings]
    return _field_postings(name, field, joined, freqs, weights, b"".join(values), lengths)


def _field_postings(name, field, terms, freqs, weights, values, lengths) -> FieldPostings:
    count = len(freqs)
    if isinstance(terms, tuple):
        term_bytes = sum(map(len, terms))
    else:
        term_bytes = len(terms) - max(0, count - 1)
    cost = count * (POSTING_OVERHEAD + len(name)) + 2 * term_bytes + len(values)
    length = sum(freqs) if field.scorable else 0
    return FieldPostings(terms, count, weights.tobytes(), values, lengths.tobytes(), length, cost)


def _spelling(words) -> list[bytes]:
    return [word.encode("utf-8") for word in sorted({fold(w) for w in words})]


def add_prepared(writer, doc: PreparedDoc, article: Article) -> None:
    """`writer.add_document(**document_for(article))` with the analysis already done."""
    values = dict(doc.values)
    values["group"] = group_key(article.copy_group or article.id)
    writer._check_state()
    schema = writer.schema
    perdocwriter = writer.perdocwriter
    docnum = writer.docnum
    pool = writer.pool
    if not isinstance(pool, PreparedPool):
        pool = writer.pool = PreparedPool.taking_over(pool)
    held: list[tuple] = []  # into the pool once the document is whole
    size = 0  # the pool's estimate of their memory, as `PostingPool.add` counts it
    fieldnames = sorted(values)
    writer._check_fields(schema, fieldnames)
    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = values[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                packed = doc.postings[fieldname]
                length = packed.length
                pool.fieldnames.add(fieldname)
                if packed.count:
                    held.append((fieldname, packed))
                    size += packed.cost
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
    except Exception:
        perdocwriter.cancel_doc()
        raise
    if pool.currentsize + size > pool.limit:
        pool.save()  # sorts what it holds into a run on disk, as `add` would
    for fieldname, packed in held:
        pool.hold(fieldname, docnum, packed)
    perdocwriter.finish_doc()
    writer._added = True
    writer.docnum += 1

"""The Whoosh schema of the library, its analyzers, and the document written for each article."""

from __future__ import annotations

from whoosh.analysis import Filter, RegexTokenizer, StemFilter, Tokenizer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, TEXT, Schema

from index.format.analysis import fold, language_analyzer
from index.format.packed_formats import PackedPositions
from index.records import Article

ENTITY_FIELDS = ("person", "org", "place")
_W = r"\w[\w\u0300-\u036f]*"  # a word, with any combining accents
TOKEN_PATTERN = rf"{_W}(?:\.{_W})*"  # inner dots kept (U.S.); apostrophes split İstanbul'da
ENTITY_GAP = 100  # positions between two entity names, so a phrase never spans two of them


class FoldFilter(Filter):
    """Lowercases and strips accents (every language), leaving character offsets alone."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


class LinesTokenizer(Tokenizer):
    """Tokenizes one name a line, leaving a position gap between names (entity fields)."""

    def __init__(self) -> None:
        self.words = RegexTokenizer(TOKEN_PATTERN)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinesTokenizer)

    def __call__(self, value, positions=False, chars=False, start_pos=0, start_char=0, **kwargs):
        char, pos = start_char, start_pos
        for line in value.split("\n"):
            words = 0
            for token in self.words(
                line, positions=positions, chars=chars, start_pos=pos, start_char=char, **kwargs
            ):
                words += 1
                yield token
            pos += max(ENTITY_GAP, words + 1)  # positions only ever grow (packed phrases)
            char += len(line) + 1


def text_analyzer():
    """Title and body of libraries written before analysis by language: folded words, English
    stems (index/format/analysis.py is the analysis of today's libraries)."""
    return RegexTokenizer(TOKEN_PATTERN) | FoldFilter() | StemFilter(lang="en", cachesize=100_000)


def entity_analyzer():
    """Entity names, one a line: words folded but not stemmed, so `person:Rasmussen` matches."""
    return LinesTokenizer() | FoldFilter()


def _packed(field: TEXT) -> TEXT:
    """A text field whose positions numpy can read whole (index/packed_postings.py)."""
    field.format = PackedPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    """Fields; boosts are applied at query time (index/query.py FIELD_BOOSTS), not baked in."""
    analyzer = language_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=_packed(TEXT(analyzer=analyzer)),
        body=_packed(TEXT(analyzer=analyzer)),  # its words, unstemmed: the store's `words`
        person=_packed(TEXT(analyzer=entity_analyzer())),
        org=_packed(TEXT(analyzer=entity_analyzer())),
        place=_packed(TEXT(analyzer=entity_analyzer())),
        dump=ID,
        source=ID,
        lang=ID,
        # Column only: dates are filtered and sorted from the column (index/search/view.py),
        # wherever they stand in a query. Older libraries also indexed them as NUMERIC terms (16
        # postings an article, an eighth of all); those postings are never read.
        date=COLUMN(NumericColumn("Q")),
        group=COLUMN(NumericColumn("Q")),  # copy group, column only: collapses copies
    )


def date_number(date: str) -> int:
    """ISO date (and time) -> yyyymmddHHMMSS as an int, 0 when unknown: sorts and ranges."""
    digits = "".join(c for c in date[:19] if c.isdigit())
    if len(digits) < 8 or not digits[:8].isdigit():
        return 0
    return int(digits[:14].ljust(14, "0"))


def group_key(group: str) -> int:
    """The copy group as a number (a 60-bit hash): a column that loads as one array."""
    import hashlib  # here: OpenSSL's library, which hashlib loads, is for writing a library only

    return int.from_bytes(hashlib.blake2b(group.encode("utf-8"), digest_size=8).digest()) >> 4


def indexed_body(article: Article) -> str:
    """The exact text indexed in `body`: word positions and snippets point into it."""
    return "\n\n".join([*article.captions, *article.paragraphs])


def entity_lines(article: Article, kind: str) -> str:
    """The value of one entity field: canonical names and their aliases, one a line."""
    names: list[str] = []
    for entity in article.entities:
        if entity.kind == kind:
            names.append(entity.name)
            names.extend(a for a in entity.aliases if a != entity.name)
    return "\n".join(n.replace("\n", " ") for n in names)


def document_for(article: Article) -> dict:
    """The fields Whoosh indexes for one article (bodies are stored in the article store)."""
    body = indexed_body(article)
    doc = {
        "id": article.id,
        "title": article.title,
        "body": body,
        "dump": article.dump,
        "date": date_number(article.date),
        "group": group_key(article.copy_group or article.id),
    }
    for kind in ENTITY_FIELDS:
        doc[kind] = entity_lines(article, kind)
    if article.source:
        doc["source"] = article.source
    if article.language:
        doc["lang"] = article.language
    return doc

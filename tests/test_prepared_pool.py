"""The ingest writer's pool: prepared documents written term by term make Whoosh's own bytes."""

from __future__ import annotations

import hashlib
import random

from whoosh.filedb.filestore import FileStorage

from index.format import add_prepared, build_schema, library_codec, prepare
from index.format.prepared_docs import TEXT_FIELDS, analysed_text
from index.format.prepared_pool import PreparedPool, _Held
from index.records import Article, ArticleEntity

WORDS = [
    "rates",
    "bank",
    "oil",
    "said",
    "will",
    "the",
    "of",
    "cut",
    "rise",
    "fall",
    "crude",
    "talks",
    "Zürich",
    "café",
]


def _articles(count: int, seed: int = 5) -> list[Article]:
    """Articles whose terms span every case: one posting, inlined lists, one and many blocks."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))] + [f"name{i % 37}"]
        if i % 5 == 0:
            words.append(f"once{i}")
        entities = [ArticleEntity("Bank of Japan", "org", 2, aliases=["BOJ"])] if i % 3 else []
        out.append(
            Article(
                id=f"a{i}",
                dump="d" if i % 2 else "e",
                origin=f"t:{i}",
                title=" ".join(rng.choice(WORDS) for _ in range(4)),
                paragraphs=[" ".join(words), "東京 の 銀行" if i % 50 == 0 else "more text"],
                source="wire" if i % 4 else "",
                date="2014-05-01",
                language="en" if i % 7 else "",
                entities=entities,
                copy_group=f"a{i - i % 10}",
            )
        )
    return out


def _segment_files(ix) -> dict[str, str]:
    """Each file inside the index's segments (by extension and order), as a digest."""
    found = {}
    for segment in ix._segments():
        compound = segment.open_compound_file(ix.storage)
        for n, name in enumerate(sorted(compound.list())):
            data = compound.open_file(name).read()
            found[f"{n}.{name.rsplit('.', 1)[-1]}"] = hashlib.sha256(data).hexdigest()
        compound.close()
    return found


def _index(folder, articles: list[Article], spill: bool = False):
    ix = FileStorage(str(folder)).create_index(build_schema())
    writer = ix.writer(codec=library_codec())
    if spill:  # a pool smaller than one document: every document goes Whoosh's way
        writer.pool = PreparedPool.taking_over(writer.pool)
        writer.pool.limit = 1
    for article in articles:
        add_prepared(writer, prepare(article), article)
    writer.commit()
    return ix


def test_held_documents_write_the_bytes_of_whooshs_path(tmp_path):
    articles = _articles(700)  # "the" and friends: several blocks of 128 postings
    (tmp_path / "fast").mkdir()
    (tmp_path / "whoosh").mkdir()
    fast = _index(tmp_path / "fast", articles)
    slow = _index(tmp_path / "whoosh", articles, spill=True)
    assert _segment_files(fast) == _segment_files(slow)
    with fast.searcher() as searcher:
        assert searcher.doc_count() == 700
        reader = searcher.reader()
        assert reader.doc_frequency("body", b"name3") == len(range(3, 700, 37))
        assert reader.doc_frequency("org", b"boj") == sum(1 for i in range(700) if i % 3)


def test_a_merge_into_the_writer_takes_whooshs_path_and_keeps_every_document(tmp_path):
    articles = _articles(60)
    ix = _index(tmp_path, articles[:30])
    writer = ix.writer(codec=library_codec())
    for article in articles[30:]:
        add_prepared(writer, prepare(article), article)
    writer.commit(optimize=True)  # the first segment's postings go into the pool one by one
    ix = ix.refresh()
    assert len(ix._segments()) == 1
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 60
        assert {f["id"] for f in searcher.all_stored_fields()} == {a.id for a in articles}
        assert searcher.reader().doc_frequency("body", b"name1") == 2


def test_packed_postings_unpack_to_whooshs_postings():
    article = _articles(1)[0]
    article.source = "wire\x00two"  # a term holding a NUL is kept apart, not split
    doc = prepare(article)
    schema = build_schema()
    for name, packed in doc.postings.items():
        field = schema[name]
        value = doc.values[name]
        if name in TEXT_FIELDS:
            expected, _ = analysed_text(field, value, article.language)
        else:
            expected = list(field.index(value))
        unpacked = list(_Held(name, 7, packed).tuples())
        assert unpacked == [(name, t, 7, w * 1.0, v or b"") for t, _, w, v in expected], name
        assert packed.count == len(expected)
        assert packed.length == (sum(f for _, f, _, _ in expected) if field.scorable else 0)

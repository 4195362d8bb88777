"""The packed codec and formats: Whoosh reads them as its own, numpy reads them whole."""

from __future__ import annotations

import random
from array import array

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Characters, Positions
from whoosh.highlight import Highlighter

from index.format.packed_formats import PackedPositions
from index.format.packed_postings import _HEADER, PackedCodec, _packed_arrays, _unpack_block
from index.format.posting_arrays import block_starts, is_packed, occurrences, read_term
from index.format.schema import build_schema, document_for
from index.records import Article
from index.search.engine import SearchEngine
from index.search.query import parse_query
from index.search.query_build import QueryBuilder
from index.store import ArticleStore

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
]
places = st.lists(st.integers(0, 5000), min_size=1, max_size=30, unique=True).map(sorted)


@given(places)
def test_packed_positions_decode_as_whoosh_positions(poslist):
    packed, stock = PackedPositions(), Positions()
    value, reference = packed.encode(poslist), stock.encode(poslist)
    assert packed.decode_positions(value) == stock.decode_positions(reference) == poslist
    assert packed.decode_frequency(value) == stock.decode_frequency(reference)
    assert packed.decode_weight(value) == stock.decode_weight(reference)


def _articles(count: int, seed: int = 3) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 60))]
        if i % 9 == 0:
            words += ["rare", f"name{i}"]
        out.append(
            Article(
                id=f"a{i}",
                origin=f"t:{i}",
                title=" ".join(rng.choice(WORDS) for _ in range(4)),
                paragraphs=[" ".join(words)],
                dump="d",
                date="2014-05-01",
            )
        )
    return out


def _legacy_schema():
    """The schema as written before the packed formats: Whoosh's Positions, and Characters (the
    words' character offsets, for snippets) in the body."""
    schema = build_schema()
    for name in schema.names():
        field = schema[name]
        if isinstance(field, TEXT):
            stock = Characters if name == "body" else Positions
            field.format = stock(field_boost=field.format.field_boost)
    return schema


def _index(folder, articles, schema, codec, segments: int = 1):
    folder.mkdir(parents=True)
    ix = FileStorage(str(folder), supports_mmap=False).create_index(schema)
    size = -(-len(articles) // segments)
    for start in range(0, len(articles), size):
        writer = ix.writer(codec=codec)
        for a in articles[start : start + size]:
            writer.add_document(**document_for(a))
        writer.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """The same 600 articles indexed twice: Whoosh's codec and formats, and the packed ones."""
    base = tmp_path_factory.mktemp("twins")
    articles = _articles(600)
    stock = _index(base / "stock", articles, _legacy_schema(), W3Codec(), segments=2)
    packed = _index(base / "packed", articles, build_schema(), PackedCodec(), segments=2)
    return articles, stock, packed


QUERIES = [
    wq.Term("body", "rate"),
    wq.Term("body", "rare"),
    wq.Term("body", "name9"),
    wq.And([wq.Term("body", "oil"), wq.Term("body", "crude")]),
    wq.Phrase("body", ["crude", "oil"]),
    wq.Phrase("body", ["the", "bank", "said"]),
    wq.Phrase("body", ["oil", "talk"], slop=3),
    wq.Phrase("title", ["will", "cut"]),
]


def test_whoosh_finds_and_scores_the_same_in_both_codecs(twins):
    _, stock, packed = twins
    with stock.searcher() as s1, packed.searcher() as s2:
        for q in QUERIES:
            r1, r2 = s1.search(q, limit=None), s2.search(q, limit=None)
            assert [h.docnum for h in r1] == [h.docnum for h in r2], q
            assert [round(h.score, 5) for h in r1] == [round(h.score, 5) for h in r2], q
            assert len(r1) > 0, q


def test_highlights_and_matcher_values_are_the_same(twins):
    articles, stock, packed = twins
    texts = {a.id: "\n\n".join(a.paragraphs) for a in articles}
    q = wq.Phrase("body", ["crude", "oil"])
    with stock.searcher() as s1, packed.searcher() as s2:
        for s in (s1, s2):
            s.results = s.search(q, limit=5, terms=True)
        h = Highlighter()
        for hit1, hit2 in zip(s1.results, s2.results, strict=True):
            text = texts[hit1["id"]]
            assert h.highlight_hit(hit1, "body", text) == h.highlight_hit(hit2, "body", text)
        m1 = s1.postings("body", "oil")
        m2 = s2.postings("body", "oil")
        while m1.is_active():
            assert m1.id() == m2.id()
            assert m1.value_as("positions") == m2.value_as("positions")
            m1.next()
            m2.next()
        assert not m2.is_active()


def test_read_term_gives_every_posting_and_its_positions(twins):
    _, _, packed = twins
    with packed.reader() as reader:
        for seg, _ in reader.leaf_readers():
            assert is_packed(seg, "body")
            for word in ("the", "rare", "name9"):
                tbytes = word.encode()
                if ("body", word) not in seg:
                    continue
                got = read_term(seg, "body", tbytes, with_values=True)
                m = seg.postings("body", tbytes)
                expected = []
                while m.is_active():
                    expected.append((m.id(), m.weight(), m.value_as("positions")))
                    m.next()
                assert got.ids.tolist() == [e[0] for e in expected]
                assert got.weights.tolist() == [e[1] for e in expected]
                which, where = occurrences(got, np.ones(len(got.ids), bool))
                for i, (_, _, poslist) in enumerate(expected):
                    assert where[which == i].tolist() == poslist
                present, starts = block_starts(seg, "body", tbytes)
                assert present
                if got.blocks is None:  # inlined in the term table
                    assert starts is None
                else:  # the block index from headers alone is the one read with the postings
                    assert starts.tolist() == got.blocks.tolist()
                if len(expected) > 128:  # long lists: one block start per 128 postings
                    assert len(got.blocks) == -(-len(expected) // 128)


def test_a_long_posting_list_is_read_whole_as_block_by_block(twins, monkeypatch):
    from index.format import posting_arrays

    _, _, packed = twins
    whole: dict[tuple[int, bytes], list] = {}
    with packed.reader() as reader:
        for n, (seg, _) in enumerate(reader.leaf_readers()):
            for tbytes in seg.lexicon("body"):
                got = read_term(seg, "body", tbytes, with_values=True)
                whole[n, tbytes] = [getattr(got, k) for k in ("ids", "weights", "blocks")]
                whole[n, tbytes] += [got.values, got.value_ends]
        monkeypatch.setattr(posting_arrays, "_uniform_term", lambda *args: None)
        several = 0
        for n, (seg, _) in enumerate(reader.leaf_readers()):
            for tbytes in seg.lexicon("body"):
                got = read_term(seg, "body", tbytes, with_values=True)
                expected = [got.ids, got.weights, got.blocks, got.values, got.value_ends]
                for mine, theirs in zip(whole[n, tbytes], expected, strict=True):
                    assert (mine is None) == (theirs is None)
                    if mine is not None:
                        assert mine.dtype == theirs.dtype
                        assert mine.tolist() == theirs.tolist(), tbytes
                several += got.blocks is not None and len(got.blocks) >= 2
    assert several >= 10  # the whole-list reading was used


def test_merged_segments_stay_packed_and_equal(twins, tmp_path):
    articles, stock, _ = twins
    merged = _index(tmp_path / "m", articles, build_schema(), PackedCodec(), segments=3)
    merged.optimize()
    with merged.searcher() as s2, stock.searcher() as s1:
        assert len(list(merged.reader().leaf_readers())) == 1
        for q in QUERIES:
            assert sorted(s1.docs_for_query(q)) == sorted(s2.docs_for_query(q)), q


def _engine(folder, articles, schema, codecs) -> SearchEngine:
    ix = FileStorage(str(folder / "whoosh"), supports_mmap=False)
    (folder / "whoosh").mkdir(parents=True)
    ix = ix.create_index(schema)
    size = -(-len(articles) // len(codecs))
    for n, codec in enumerate(codecs):
        writer = ix.writer(codec=codec)
        for a in articles[n * size : (n + 1) * size]:
            writer.add_document(**document_for(a))
        writer.commit(merge=False)
    store = ArticleStore(folder / "articles.db")
    store.put_articles(articles)
    store.commit()
    return SearchEngine(ix, store)


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """Libraries of one set of articles: packed; written before (Whoosh's codec and formats);
    half Whoosh's codec, half packed (a writer opened without ours); and written before, then
    added to by this version (Whoosh's formats in packed blocks)."""
    articles = _articles(400, seed=11)
    made = {
        name: _engine(tmp_path_factory.mktemp(name), articles, schema, codecs)
        for name, schema, codecs in (
            ("packed", build_schema(), [PackedCodec(), PackedCodec()]),
            ("legacy", _legacy_schema(), [W3Codec(), W3Codec()]),
            ("mixed", build_schema(), [W3Codec(), PackedCodec()]),
            ("legacy, then packed blocks", _legacy_schema(), [W3Codec(), PackedCodec()]),
        )
    }
    yield made
    for engine in made.values():
        engine.close()


@settings(max_examples=25, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3))
def test_phrases_are_found_alike_in_packed_legacy_and_mixed_libraries(engines, words):
    text = '"' + " ".join(words) + '"'
    reference = engines["legacy"].view.searcher  # Whoosh's own span matchers
    query = QueryBuilder(reference.reader()).build(parse_query(text)).query
    assert isinstance(query, wq.Or) and len(query.subqueries) == 5  # title, body, entities
    expected = {reference.stored_fields(d)["id"] for d in reference.docs_for_query(query)}
    for name, engine in engines.items():
        found = {h.id for h in engine.search(text, limit=1000, snippets=False).hits}
        assert found == expected, (name, text)
    snippets = {  # the same passages and highlighted words, whatever the storage
        name: [(h.id, h.snippet, h.highlights) for h in engine.search(text, limit=5).hits]
        for name, engine in engines.items()
    }
    assert all(found == snippets["legacy"] for found in snippets.values()), text


@pytest.mark.parametrize("codec", [W3Codec(inlinelimit=16), PackedCodec()], ids=["w3", "packed"])
def test_small_segments_with_inlined_postings_merge(tmp_path, codec):
    """Short posting lists live in the term table; merging them failed on value-less fields
    (Whoosh's inlined matcher gave "" for a missing value, which its merge refuses)."""
    articles = _articles(6)
    ix = _index(tmp_path / "ix", articles, build_schema(), codec, segments=3)
    ix.optimize()
    with ix.searcher() as s:
        assert s.doc_count() == 6
        assert len(list(s.reader().leaf_readers())) == 1
        assert {s.stored_fields(d)["id"] for d in s.docs_for_query(wq.Term("dump", "d"))} == {
            a.id for a in articles
        }


def test_entity_name_positions_only_grow_and_never_join_two_names():
    """Packed phrases need positions in order; a gap keeps a phrase from spanning two names,
    also after a name longer than the gap."""
    analyzer = build_schema()["person"].analyzer
    long_name = " ".join(f"w{i}" for i in range(150))
    tokens = [
        (t.text, t.pos) for t in analyzer(f"Anders Fogh\n{long_name}\nRasmussen", positions=True)
    ]
    positions = [pos for _, pos in tokens]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert tokens[:2] == [("anders", 0), ("fogh", 1)]  # short names: as before, 100 apart
    assert tokens[2] == ("w0", 100)
    last_of_long, rasmussen = tokens[-2][1], tokens[-1][1]
    assert rasmussen - last_of_long > 1  # never adjacent to the name before


@settings(max_examples=60, deadline=None)
@given(
    ids=st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=130, unique=True).map(sorted),
    boost=st.sampled_from([1.0, 2.0, 0.3]),
    own_weights=st.booleans(),
    huge=st.booleans(),
)
def test_block_layout_round_trips(ids, boost, own_weights, huge):
    """Whatever the gaps between ids (uint16 or not), the value sizes (a word 6,000 times in
    one article) and the weights (derived from the values or not), a block reads back."""
    fmt = PackedPositions(field_boost=boost)
    rng = random.Random(len(ids))
    freqs = [rng.randint(1, 5) for _ in ids]
    if huge:
        freqs[0] = 20_000  # 80,000 bytes: lengths need uint32
    places = [list(range(f)) for f in freqs]
    values = [fmt.encode(ps) for ps in places]
    weights = array("f", [(rng.random() if own_weights else f * boost) for f in freqs])
    parts, kind, flags = _packed_arrays(fmt, array("I", ids), weights, values)
    data = _HEADER.pack(len(ids), len(values), kind, flags) + b"".join(parts)
    got_ids, got_weights, got_values = _unpack_block(memoryview(data), fmt, None)
    assert list(got_ids) == ids
    assert list(got_weights) == list(weights)
    assert list(got_values) == values
    assert [fmt.decode_positions(v) for v in got_values] == places


def test_snippets_from_positions_match_the_stored_characters_on_hard_words(tmp_path):
    """Positions become characters by counting the tokenizer's words: inner dots, combining
    accents, apostrophes and other scripts must count as the analyzer counted them."""
    text = [
        "The U.S. envoy met Erdoğan in İstanbul'da on Monday; Straße closed.",
        "Cafe\u0301 owners and the Ёлка fair: 5.93 per cent, said Mr. O'Neill in Kyiv.",
    ]
    article = Article(id="hard", origin="t:hard", title="Envoy", paragraphs=text, dump="d")
    filler = _articles(3)
    found = {}
    for name, schema in (("packed", build_schema()), ("legacy", _legacy_schema())):
        engine = _engine(tmp_path / name, [article, *filler], schema, [PackedCodec()])
        found[name] = [
            (h.snippet, h.highlights)
            for query in ("us envoy", "istanbul", "strasse", "cafe", "ёлка", "5.93", "neill kyiv")
            for h in engine.search(query, limit=1).hits
        ]
        engine.close()
    assert len(found["packed"]) == 7
    assert all(h for _, h in found["packed"])  # every query highlighted something
    assert found["packed"] == found["legacy"]


def test_a_writer_opened_without_a_codec_writes_packed_segments(tmp_path):
    """Every writer of the program (tests, repairs, benchmarks) gets the packed codec."""
    ix = FileStorage(str(tmp_path), supports_mmap=False).create_index(build_schema())
    writer = ix.writer()
    for a in _articles(3):
        writer.add_document(**document_for(a))
    writer.commit()
    with ix.reader() as reader:
        assert all(is_packed(seg, "body") for seg, _ in reader.leaf_readers())

"""A query of rare words answered in plain Python (index/search/small.py) is the array side's
answer: the same hits, scores, order, totals, facets and snippets, copies and deletions included."""

from __future__ import annotations

import json
import re

import pytest
from test_search import _article, build_engine
from whoosh.filedb.filestore import FileStorage

from index.format.schema import document_for
from index.search import engine as engine_module
from index.search import small
from index.store import ArticleStore

WORDS = ["zinc", "copper", "smelter", "harvest", "wheat", "barley", "strike", "port", "tanker"]
WORDS += ["oil", "price", "bank", "loan"]


def _articles():
    out = []
    for i in range(160):  # words in varied mixes and counts: scores tie and differ
        picked = [WORDS[(i * k) % len(WORDS)] for k in (1, 3, 7) if (i + k) % 4]
        body = " ".join(picked * (1 + i % 3)) + f" note {i} of the wire."
        body += " Nickel too." if i in (2, 5, 9) else ""  # inlined: under 16 postings
        title = " ".join(picked[:1]).title() + f" report {i % 9}"
        date = f"2014-{1 + i % 12:02d}-{1 + i % 27:02d}" if i % 11 else ""
        out.append(
            _article(f"a{i:03d}", title, [body], dump=f"d{i % 3}", source=f"s{i % 4}", date=date)
        )
    for i in range(0, 30, 6):  # copies of an article in another dump: collapsed into one hit
        first = out[i]
        out.append(
            _article(
                f"c{i:03d}",
                first.title,
                first.paragraphs,
                dump="copies",
                date=first.date,
                copy_group=first.id,
            )
        )
    return out


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    articles = _articles()
    eng = build_engine(folder, articles[:120])
    ix = FileStorage(str(folder / "whoosh"), supports_mmap=False).open_index()
    writer = ix.writer()  # a second segment, and a document deleted in the first
    writer.delete_by_term("id", "a007")
    for article in articles[120:]:
        writer.add_document(**document_for(article))
    store = ArticleStore(folder / "articles.db")
    store.put_articles(articles[120:])
    store.commit()
    writer.commit(merge=False)
    eng.refresh()
    eng.save_facets()  # as after an ingest: the small path reads the saved facet codes
    assert len(eng.view.leaves) == 2
    yield eng
    eng.close()


def answers(engine, monkeypatch, query: str, **kw) -> tuple[str, str, bool]:
    """(the small path's answer, the array side's, whether the small path answered)."""
    taken = []

    def counted(*args):
        found = small.small_search(*args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(engine_module, "small_search", counted)
    engine._view = None  # a cold engine, as in a new process
    fast = engine.search(query, **kw).to_json()
    monkeypatch.setattr(small, "SMALL_POSTINGS", -1)
    engine._view = None
    slow = engine.search(query, **kw).to_json()
    monkeypatch.undo()
    for found in (fast, slow):
        found.pop("seconds")
    return json.dumps(fast, sort_keys=True), json.dumps(slow, sort_keys=True), any(taken)


QUERIES = [*WORDS, "nickel", "nickel OR wire", "zinc copper", "oil OR bank", "wheat barley harvest"]
QUERIES += ["report", "note 7"]
QUERIES += ["port tanker", "title:zinc", "body:loan price", "(zinc OR oil) bank", "zin*"]
QUERIES += ["nothinghere"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_small_path_answers_as_the_arrays_do(engine, monkeypatch, query):
    fast, slow, taken = answers(engine, monkeypatch, query, limit=7)
    assert fast == slow
    assert taken or query == "nothinghere"  # no hit: "did you mean" is the array side's


def test_every_page_and_the_whole_list_agree(engine, monkeypatch):
    for offset in (0, 5, 40):
        fast, slow, taken = answers(engine, monkeypatch, "zinc OR oil", limit=9, offset=offset)
        assert taken and fast == slow
    fast, slow, _ = answers(engine, monkeypatch, "report", limit=500)
    assert fast == slow
    found = json.loads(fast)
    assert found["total"] == len(found["hits"]) == 160 - 1  # a007 deleted; copies collapsed
    assert not any(h["id"].startswith("c") for h in found["hits"])
    assert any(h["also_in"] == ["copies"] for h in found["hits"])


@pytest.mark.parametrize("query", ['"zinc copper"', "zinc dump:d1", "-zinc", "zinc -oil", ""])
def test_what_it_does_not_answer_goes_to_the_arrays(engine, monkeypatch, query):
    fast, slow, taken = answers(engine, monkeypatch, query, limit=5)
    assert fast == slow and not taken


def test_snippets_keep_a_rare_words_highlights_past_its_last_posting(engine):
    """A term inlined in the term table, asked for a document after its last posting in that
    segment, still gives its spans in the documents before it (Whoosh raised ReadTooFar)."""
    engine._view = None
    for _ in range(2):  # the small path, then the array side (its view now built)
        result = engine.search("nickel OR wire", limit=200)
        assert result.total == 160 - 1
        nickel = [h for h in result.hits if re.search(r"\bNickel\b", h.snippet)]
        assert len(nickel) == 3
        for hit in nickel:
            assert "nickel" in {hit.snippet[s:e].lower() for s, e in hit.highlights}, hit.id
        engine.search('"zinc copper"')  # builds the arrays


def test_read_articles_are_counted_as_the_arrays_count_them(engine, monkeypatch, tmp_path):
    """With articles read (a copy of one too), the small path still answers, unread included."""
    from index.marks import MarkStore

    marks = MarkStore(tmp_path)
    marks.set_read(["a000", "c000", "a007", "a010", "zzz"], True)  # a copy, a deleted, unknown
    engine.marks = marks
    try:
        for query in ("zinc", "zinc OR oil", "nickel", "report"):
            fast, slow, taken = answers(engine, monkeypatch, query, limit=7)
            assert taken and fast == slow, query
        found = json.loads(fast)  # every article has "report": a000 and its copy count once
        assert (found["total"], found["unread"]) == (159, 159 - 2)
    finally:
        engine.marks = None
        marks.close()


def test_field_lengths_are_the_ones_doc_field_length_gives(engine):
    """The column read at once (posting_lists.field_lengths) gives each document's length as
    Whoosh's `doc_field_length` does, 0 where none is stored or the field has no lengths."""
    from index.format import f32, field_lengths

    for seg, _ in small.SmallView(engine.searcher).leaves:
        docs = list(range(seg.doc_count_all()))
        for field in (*small.SCORED_FIELDS, "id"):
            expected = [f32(seg.doc_field_length(d, field, 0) or 0) for d in docs]
            assert field_lengths(seg, field, docs) == expected, field
        assert any(field_lengths(seg, "body", docs))


def test_copy_groups_kept_at_ingest_are_the_ones_numbered_anew(engine):
    """SearchView.groups reads the codes saved after the ingest (no np.unique over every
    document); they are the ones it would number itself."""
    import numpy as np

    from index.search.facet_codes import GROUPS, load_facet_codes
    from index.search.view import SearchView

    def saved(reader, field, count):
        return load_facet_codes(engine.store, reader, field, count)

    assert saved(engine.searcher.reader(), GROUPS, engine.view.n) is not None
    kept, anew = SearchView(engine.searcher, saved), SearchView(engine.searcher)
    assert np.array_equal(kept.groups, anew.groups) and kept.groups.dtype == np.int64
    assert kept.has_copies and np.array_equal(kept.group_sizes, anew.group_sizes)

"""Word rarity kept at ingest (index/related/term_counts.py): Whoosh's counts, the same answers."""

from __future__ import annotations

from pathlib import Path

from cli_support import APRIL, MAY, write_jsonl

from index import Library
from index.format import index_state


def _answers(library: Library) -> list:
    ids = [a.id for a in library.store.iter_articles()]
    library.finder.clear()
    return [(library.related(i, limit=5), library.story(i)) for i in ids]


def test_word_counts_kept_at_ingest_are_whooshs_and_give_the_same_answers(tmp_path: Path) -> None:
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    with Library(tmp_path / "lib") as library:
        library.add([april], workers=1)
        library.add([may], workers=1)  # a second generation: counted again
        searcher = library.engine.searcher
        assert library.store.get_meta("term_df_generation") == index_state(searcher.reader())
        kept = dict(library.store.db.execute("SELECT term, df FROM term_df"))
        assert kept["donba"] == 2 and kept["oil"] == 2  # stems; the May copy of Donbas counts
        for term, df in kept.items():
            body, title = (searcher.doc_frequency(f, term) for f in ("body", "title"))
            assert df == max(body, title), term
        fast = _answers(library)
        library.store.set_meta("term_df_generation", "-1")  # stale: Whoosh is asked instead
        library.store.commit()
        slow = _answers(library)
        assert fast == slow and any(r.related for r, _ in fast)


def test_facets_kept_at_ingest_are_the_ones_a_search_counts(tmp_path: Path) -> None:
    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.add([april], workers=1)
        library.add([may], workers=1)
        state = index_state(library.engine.searcher.reader())
        saved = library.store.db.execute("SELECT field, state FROM facet_codes").fetchall()
        fields = ["dump", "group", "lang", "source"]  # the copy groups' numbering too
        assert sorted(saved) == [(field, state) for field in fields]
    queries = ["", "oil", "talks OR vote"]
    with Library(folder) as library:  # a new process: the facets come from the store
        view = library.engine.view
        assert view._saved_facet(view.reader, "dump", view.n) is not None
        kept = [library.search(q).facets for q in queries]
        assert kept[0]["dump"] == {"crawl-2014-04": 8, "crawl-2014-05": 3}
        library.store.db.execute("DROP TABLE facet_codes")  # a library from before the table
        library.store.commit()
    with Library(folder) as library:
        assert [library.search(q).facets for q in queries] == kept


def test_doc_frequencies_read_from_the_term_table_are_whooshs(tmp_path: Path) -> None:
    from index.format import doc_frequencies

    april = write_jsonl(tmp_path / "crawl-2014-04.jsonl", APRIL)
    may = write_jsonl(tmp_path / "crawl-2014-05.jsonl", MAY)
    with Library(tmp_path / "lib") as library:
        library.add([april], workers=1)
        library.add([may], workers=1)  # two segments
        with library.ix.reader() as reader:
            leaves = [leaf for leaf, _ in reader.leaf_readers()]
            assert len(leaves) == 2
            for leaf in leaves:
                for field in ("body", "title", "id", "dump"):  # inlined postings and not
                    whooshs = [(t, i.doc_frequency()) for t, i in leaf.iter_field(field)]
                    assert list(doc_frequencies(leaf, field)) == whooshs, field
            assert any(n > 1 for _, n in doc_frequencies(leaves[0], "body"))
